-- 0002: what the reviewers' statistics read (src/stats). Shipped migrations are never edited,
-- removed or reordered.
--
-- Every page read from the encrypted file is decrypted and authenticated, so a statistic costs
-- what it reads. Whole records are large (narratives; 60-odd checklist rows per hearing), so
-- statistics read instead:
--   * narrow indexes whose columns and json_extract() expressions hold exactly the values the
--     figures need; SQLite reads indexed expressions from the index and never fetches the table
--     row (the queries name these indexes with INDEXED BY);
--   * checklist_tally: one row per hearing listing its checklist answers as tokens, kept in
--     step with checklist_answers by triggers.
-- The query text in src/stats/collect.rs must repeat these expressions exactly.

CREATE INDEX hearings_stats ON hearings (
    case_uuid, hearing_date, uuid, court, judge, monitor_uuid, status,
    json_extract(data, '$.hearing_held'),
    json_extract(data, '$.scheduled_start_time'),
    json_extract(data, '$.actual_start_time'),
    json_extract(data, '$.postponement_reason'),
    json_extract(data, '$.location'),
    json_extract(data, '$.public_access'),
    json_extract(data, '$.closure_ground'),
    json_extract(data, '$.closure_decision_reasoned'),
    json_extract(data, '$.relatives_denied'),
    json_extract(data, '$.monitor_access'),
    json_extract(data, '$.session_outcome'),
    json_extract(data, '$.preventive_measure_decision'),
    json_extract(data, '$.verdict'),
    json_extract(data, '$.sentence_type'),
    json_extract(data, '$.sentence_years'),
    json_extract(data, '$.sentence_months'),
    json_extract(data, '$.verdict_pronounced_publicly'),
    json_extract(data, '$.entered_after_hearing')
);

CREATE INDEX cases_stats ON cases (uuid, json_extract(data, '$.case_tags'));

CREATE INDEX parties_stats ON parties (
    uuid, case_uuid,
    json_extract(data, '$.role'),
    json_extract(data, '$.sex'),
    json_extract(data, '$.age'),
    json_extract(data, '$.is_minor'),
    json_extract(data, '$.victim_representation')
);

CREATE INDEX hearing_parties_stats ON hearing_parties (
    hearing_uuid, party_uuid,
    json_extract(data, '$.attendance'),
    json_extract(data, '$.courtroom_position'),
    json_extract(data, '$.restraints'),
    json_extract(data, '$.prison_clothing'),
    json_extract(data, '$.counsel_type'),
    json_extract(data, '$.counsel_present'),
    json_extract(data, '$.mandatory_defence'),
    json_extract(data, '$.interpretation_needed'),
    json_extract(data, '$.protective_measures')
);

CREATE INDEX allegations_stats ON allegations (
    hearing_uuid, uuid, party_uuid,
    json_extract(data, '$.perpetrator_agency'),
    json_extract(data, '$.methods'),
    json_extract(data, '$.purposes'),
    json_extract(data, '$.judge_reaction'),
    json_extract(data, '$.exam_ordered'),
    json_extract(data, '$.evidence_decision')
);

-- A hearing's checklist answers as ' ITEM:a' tokens, one per answer row (per-defendant items
-- give one token per defendant), in no particular order. The letter is y yes, n no, p partly,
-- o not_observed, x not_applicable, and - for anything else (an empty answer kept for its
-- comment).
CREATE TABLE checklist_tally (
    hearing_uuid TEXT PRIMARY KEY REFERENCES hearings(uuid) ON DELETE CASCADE,
    answers      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

INSERT INTO checklist_tally (hearing_uuid, answers)
SELECT hearing_uuid,
       group_concat(' ' || item_code || ':' || CASE answer WHEN 'yes' THEN 'y' WHEN 'no' THEN 'n'
           WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o' WHEN 'not_applicable' THEN 'x'
           ELSE '-' END, '')
FROM checklist_answers
GROUP BY hearing_uuid;

CREATE TRIGGER checklist_tally_insert AFTER INSERT ON checklist_answers BEGIN
    INSERT INTO checklist_tally (hearing_uuid, answers)
    VALUES (new.hearing_uuid, ' ' || new.item_code || ':' || CASE new.answer WHEN 'yes' THEN 'y'
        WHEN 'no' THEN 'n' WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o'
        WHEN 'not_applicable' THEN 'x' ELSE '-' END)
    ON CONFLICT (hearing_uuid) DO UPDATE SET answers = answers || excluded.answers;
END;

-- Removes one occurrence of the old row's token. The trailing space in the search keeps
-- ' A:n' from matching the start of a longer token.
CREATE TRIGGER checklist_tally_delete AFTER DELETE ON checklist_answers BEGIN
    UPDATE checklist_tally
    SET answers = substr(answers, 1, instr(answers || ' ', t.token || ' ') - 1)
               || substr(answers, instr(answers || ' ', t.token || ' ') + length(t.token))
    FROM (SELECT ' ' || old.item_code || ':' || CASE old.answer WHEN 'yes' THEN 'y'
              WHEN 'no' THEN 'n' WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o'
              WHEN 'not_applicable' THEN 'x' ELSE '-' END AS token) AS t
    WHERE hearing_uuid = old.hearing_uuid AND instr(answers || ' ', t.token || ' ') > 0;
END;

CREATE TRIGGER checklist_tally_update AFTER UPDATE OF hearing_uuid, item_code, answer
ON checklist_answers BEGIN
    UPDATE checklist_tally
    SET answers = substr(answers, 1, instr(answers || ' ', t.token || ' ') - 1)
               || substr(answers, instr(answers || ' ', t.token || ' ') + length(t.token))
    FROM (SELECT ' ' || old.item_code || ':' || CASE old.answer WHEN 'yes' THEN 'y'
              WHEN 'no' THEN 'n' WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o'
              WHEN 'not_applicable' THEN 'x' ELSE '-' END AS token) AS t
    WHERE hearing_uuid = old.hearing_uuid AND instr(answers || ' ', t.token || ' ') > 0;
    INSERT INTO checklist_tally (hearing_uuid, answers)
    VALUES (new.hearing_uuid, ' ' || new.item_code || ':' || CASE new.answer WHEN 'yes' THEN 'y'
        WHEN 'no' THEN 'n' WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o'
        WHEN 'not_applicable' THEN 'x' ELSE '-' END)
    ON CONFLICT (hearing_uuid) DO UPDATE SET answers = answers || excluded.answers;
END;
