-- 0008: trials across hearings (DESIGN.md §2, "Trials"; src/store/cases.rs).
-- Shipped migrations are never edited, removed or reordered.
--
-- The agenda reads each hearing's announced next date through this partial index, so it
-- touches only the hearings that announced one (a few thousand of 100,000), never the rows.
CREATE INDEX hearings_next_date ON hearings(json_extract(data, '$.next_hearing_date'))
    WHERE json_extract(data, '$.next_hearing_date') IS NOT NULL;

-- Two case records that are the same trial (recorded by two monitors, or chosen by a lead),
-- joined by a person. A join deletes nothing and is never deleted: splitting it records who
-- and when. Joins travel in batches (case_joins.csv), keyed by their uuid.
CREATE TABLE case_joins (
    uuid       TEXT PRIMARY KEY,
    case_uuid  TEXT NOT NULL REFERENCES cases(uuid) ON DELETE CASCADE,
    other_uuid TEXT NOT NULL REFERENCES cases(uuid) ON DELETE CASCADE,
    joined_by  TEXT NOT NULL,
    joined_at  TEXT NOT NULL,
    split_by   TEXT,
    split_at   TEXT,
    CHECK (case_uuid <> other_uuid)
);
CREATE INDEX case_joins_case ON case_joins(case_uuid);
CREATE INDEX case_joins_other ON case_joins(other_uuid);
