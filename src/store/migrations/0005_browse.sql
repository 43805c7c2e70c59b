-- 0005: what the hearing list reads to filter and sort 100,000 hearings in milliseconds
-- (src/store/list.rs). Shipped migrations are never edited, removed or reordered.
--
-- The list orders by the chosen column, then hearing date, creation time and rowid; each
-- sortable column gets an index in that order, so a page is read off an index without
-- sorting. The date index also holds the columns the list filters by, so a filter no other
-- index serves is checked on it without fetching the (large) rows.

-- The case number, copied from the hearing's case so that sorting by it needs no join. The
-- triggers keep it in step whichever of the two rows is written first. Bulk writers insert a
-- hearing with its case number already set, and the WHEN clause spares them rewriting the
-- (large) row they have just written.
ALTER TABLE hearings ADD COLUMN case_number TEXT;
UPDATE hearings SET case_number = (SELECT c.case_number FROM cases c WHERE c.uuid = hearings.case_uuid);

CREATE TRIGGER hearings_case_number_insert AFTER INSERT ON hearings
WHEN new.case_number IS NOT (SELECT c.case_number FROM cases c WHERE c.uuid = new.case_uuid) BEGIN
    UPDATE hearings SET case_number = (SELECT c.case_number FROM cases c WHERE c.uuid = new.case_uuid)
    WHERE rowid = new.rowid;
END;
CREATE TRIGGER hearings_case_number_move AFTER UPDATE OF case_uuid ON hearings BEGIN
    UPDATE hearings SET case_number = (SELECT c.case_number FROM cases c WHERE c.uuid = new.case_uuid)
    WHERE rowid = new.rowid AND case_number IS NOT (SELECT c.case_number FROM cases c WHERE c.uuid = new.case_uuid);
END;
CREATE TRIGGER cases_case_number_insert AFTER INSERT ON cases BEGIN
    UPDATE hearings SET case_number = new.case_number
    WHERE case_uuid = new.uuid AND case_number IS NOT new.case_number;
END;
CREATE TRIGGER cases_case_number_update AFTER UPDATE OF case_number ON cases BEGIN
    UPDATE hearings SET case_number = new.case_number
    WHERE case_uuid = new.uuid AND case_number IS NOT new.case_number;
END;

-- Sorting by date, and every filter the other indexes do not serve.
DROP INDEX hearings_date;
CREATE INDEX hearings_browse ON hearings (
    hearing_date, created_at, court, status, monitor_uuid, case_uuid, judge
);
-- Sorting by (or filtering on) one column, newest first within it.
DROP INDEX hearings_court;
CREATE INDEX hearings_court ON hearings (court, hearing_date, created_at);
DROP INDEX hearings_judge;
CREATE INDEX hearings_judge ON hearings (judge, hearing_date, created_at);
-- hearings_status (status) stays: the narrowest index, it is what counting every hearing
-- reads (the first frame of the list).
CREATE INDEX hearings_status_sort ON hearings (status, hearing_date, created_at);
DROP INDEX hearings_monitor;
CREATE INDEX hearings_monitor ON hearings (monitor_uuid, hearing_date, created_at);
CREATE INDEX hearings_case_number ON hearings (case_number, hearing_date, created_at);

-- Each case's tags, one row per tag, so the tag filter finds its cases by the tag instead of
-- testing every case's `a|b` list. Triggers keep it in step with cases.data; the list
-- becomes a JSON array for json_each (codes hold no quotes; anything else gives no rows
-- rather than failing the write).
CREATE TABLE case_tags (
    tag       TEXT NOT NULL,
    case_uuid TEXT NOT NULL REFERENCES cases(uuid) ON DELETE CASCADE,
    PRIMARY KEY (tag, case_uuid)
) WITHOUT ROWID;
CREATE INDEX case_tags_case ON case_tags(case_uuid);
INSERT OR IGNORE INTO case_tags (tag, case_uuid)
    SELECT j.value, c.uuid
    FROM cases c,
         json_each(CASE WHEN json_valid('["' || replace(ifnull(json_extract(c.data, '$.case_tags'), ''), '|', '","') || '"]')
                        THEN '["' || replace(ifnull(json_extract(c.data, '$.case_tags'), ''), '|', '","') || '"]'
                        ELSE '[]' END) j
    WHERE j.value <> '';
CREATE TRIGGER cases_tags_insert AFTER INSERT ON cases BEGIN
    INSERT OR IGNORE INTO case_tags (tag, case_uuid)
        SELECT j.value, new.uuid
        FROM json_each(CASE WHEN json_valid('["' || replace(ifnull(json_extract(new.data, '$.case_tags'), ''), '|', '","') || '"]')
                            THEN '["' || replace(ifnull(json_extract(new.data, '$.case_tags'), ''), '|', '","') || '"]'
                            ELSE '[]' END) j
        WHERE j.value <> '';
END;
CREATE TRIGGER cases_tags_update AFTER UPDATE OF data ON cases BEGIN
    DELETE FROM case_tags WHERE case_uuid = new.uuid;
    INSERT OR IGNORE INTO case_tags (tag, case_uuid)
        SELECT j.value, new.uuid
        FROM json_each(CASE WHEN json_valid('["' || replace(ifnull(json_extract(new.data, '$.case_tags'), ''), '|', '","') || '"]')
                            THEN '["' || replace(ifnull(json_extract(new.data, '$.case_tags'), ''), '|', '","') || '"]'
                            ELSE '[]' END) j
        WHERE j.value <> '';
END;

-- The article filter finds the charges' parties on the index alone.
DROP INDEX charges_article;
CREATE INDEX charges_article ON charges (article, party_uuid);
