-- 0003: what the reviewers' statistics read (src/stats). Shipped migrations are never edited,
-- removed or reordered.
--
-- Every page read from the encrypted file is decrypted and authenticated, so a statistic costs
-- what it reads. Whole records are large (narratives; 60-odd checklist rows per hearing), so
-- statistics read instead:
--   * narrow indexes whose columns hold exactly the values the figures need, the field values
--     packed into one expression (ifnull(json_extract(…), '') joined by char(31)); SQLite reads
--     an indexed expression from the index and never fetches the table row (the queries name
--     these indexes with INDEXED BY);
--   * checklist_tally: one row per hearing listing its checklist answers as tokens, kept in
--     step with checklist_answers by triggers.
-- The query text in src/stats/collect.rs must repeat these expressions exactly (a test checks
-- it); `||` rather than concat_ws() keeps the schema readable by SQLite before 3.44.
-- hearings_stats also holds session_outcome on its own: for verdicts the query looks up the
-- case's first hearing date.

CREATE INDEX hearings_stats ON hearings (
    case_uuid, hearing_date, uuid, court, judge, monitor_uuid, status,
    json_extract(data, '$.session_outcome'),
    ifnull(json_extract(data, '$.hearing_held'), '')
    || char(31) || ifnull(json_extract(data, '$.scheduled_start_time'), '')
    || char(31) || ifnull(json_extract(data, '$.actual_start_time'), '')
    || char(31) || ifnull(json_extract(data, '$.postponement_reason'), '')
    || char(31) || ifnull(json_extract(data, '$.location'), '')
    || char(31) || ifnull(json_extract(data, '$.public_access'), '')
    || char(31) || ifnull(json_extract(data, '$.closure_ground'), '')
    || char(31) || ifnull(json_extract(data, '$.closure_decision_reasoned'), '')
    || char(31) || ifnull(json_extract(data, '$.relatives_denied'), '')
    || char(31) || ifnull(json_extract(data, '$.monitor_access'), '')
    || char(31) || ifnull(json_extract(data, '$.session_outcome'), '')
    || char(31) || ifnull(json_extract(data, '$.preventive_measure_decision'), '')
    || char(31) || ifnull(json_extract(data, '$.verdict'), '')
    || char(31) || ifnull(json_extract(data, '$.sentence_type'), '')
    || char(31) || ifnull(json_extract(data, '$.sentence_years'), '')
    || char(31) || ifnull(json_extract(data, '$.sentence_months'), '')
    || char(31) || ifnull(json_extract(data, '$.verdict_pronounced_publicly'), '')
    || char(31) || ifnull(json_extract(data, '$.entered_after_hearing'), '')
);

CREATE INDEX cases_stats ON cases (uuid, json_extract(data, '$.case_tags'));

CREATE INDEX parties_stats ON parties (
    uuid, case_uuid,
    ifnull(json_extract(data, '$.role'), '')
    || char(31) || ifnull(json_extract(data, '$.sex'), '')
    || char(31) || ifnull(json_extract(data, '$.age'), '')
    || char(31) || ifnull(json_extract(data, '$.is_minor'), '')
    || char(31) || ifnull(json_extract(data, '$.victim_representation'), '')
);

CREATE INDEX hearing_parties_stats ON hearing_parties (
    hearing_uuid, party_uuid,
    ifnull(json_extract(data, '$.attendance'), '')
    || char(31) || ifnull(json_extract(data, '$.courtroom_position'), '')
    || char(31) || ifnull(json_extract(data, '$.restraints'), '')
    || char(31) || ifnull(json_extract(data, '$.prison_clothing'), '')
    || char(31) || ifnull(json_extract(data, '$.counsel_type'), '')
    || char(31) || ifnull(json_extract(data, '$.counsel_present'), '')
    || char(31) || ifnull(json_extract(data, '$.mandatory_defence'), '')
    || char(31) || ifnull(json_extract(data, '$.interpretation_needed'), '')
    || char(31) || ifnull(json_extract(data, '$.protective_measures'), '')
);

CREATE INDEX allegations_stats ON allegations (
    hearing_uuid, uuid, party_uuid,
    ifnull(json_extract(data, '$.perpetrator_agency'), '')
    || char(31) || ifnull(json_extract(data, '$.methods'), '')
    || char(31) || ifnull(json_extract(data, '$.purposes'), '')
    || char(31) || ifnull(json_extract(data, '$.judge_reaction'), '')
    || char(31) || ifnull(json_extract(data, '$.exam_ordered'), '')
    || char(31) || ifnull(json_extract(data, '$.evidence_decision'), '')
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
