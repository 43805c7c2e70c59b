-- 0011: a redacted batch is never merged (merge refuses pseudonyms), so it must not take a
-- number of the series a lead counts: `seq` now counts unredacted and redacted batches
-- separately per monitor. SQLite cannot change a UNIQUE constraint in place, so the table is
-- rebuilt with the same columns and rows. exported_versions refers to it, and foreign keys
-- cannot be switched off inside the migration's transaction, so that table is set aside and
-- made again, unchanged, around the rebuild.
-- Shipped migrations are never edited, removed or reordered.

CREATE TEMP TABLE exported_versions_0011 AS
    SELECT hearing_uuid, content_hash, status, batch_id FROM exported_versions;
DROP TABLE exported_versions;

CREATE TABLE batches_out_0011 (
    batch_id     TEXT PRIMARY KEY,
    monitor_uuid TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    created_at   TEXT NOT NULL,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    profile      TEXT NOT NULL,
    redacted     INTEGER NOT NULL,
    hearings     INTEGER NOT NULL,
    UNIQUE (monitor_uuid, redacted, seq)
);
INSERT INTO batches_out_0011 (batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings)
    SELECT batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings
    FROM batches_out;
DROP TABLE batches_out;
ALTER TABLE batches_out_0011 RENAME TO batches_out;

CREATE TABLE exported_versions (
    hearing_uuid TEXT PRIMARY KEY REFERENCES hearings(uuid) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    status       TEXT NOT NULL,
    batch_id     TEXT NOT NULL REFERENCES batches_out(batch_id)
);
INSERT INTO exported_versions (hearing_uuid, content_hash, status, batch_id)
    SELECT hearing_uuid, content_hash, status, batch_id FROM temp.exported_versions_0011;
DROP TABLE temp.exported_versions_0011;
