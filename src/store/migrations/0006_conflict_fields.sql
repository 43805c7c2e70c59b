-- 0006: a conflict may be resolved field by field (a new version: the local one with, for the
-- fields a lead chose, the incoming values), recorded as resolution 'fields'. SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt with the same columns and rows.
-- Shipped migrations are never edited, removed or reordered.

CREATE TABLE conflicts_0006 (
    uuid          TEXT PRIMARY KEY,
    hearing_uuid  TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    batch_id      TEXT NOT NULL,
    local_hash    TEXT NOT NULL,
    incoming_hash TEXT NOT NULL,
    incoming      TEXT NOT NULL CHECK (json_valid(incoming)),
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolved_by   TEXT,
    resolution    TEXT CHECK (resolution IN ('local', 'incoming', 'fields')),
    UNIQUE (hearing_uuid, incoming_hash)
);
INSERT INTO conflicts_0006 (uuid, hearing_uuid, batch_id, local_hash, incoming_hash, incoming, created_at,
                            resolved_at, resolved_by, resolution)
    SELECT uuid, hearing_uuid, batch_id, local_hash, incoming_hash, incoming, created_at,
           resolved_at, resolved_by, resolution
    FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_0006 RENAME TO conflicts;
CREATE INDEX conflicts_open ON conflicts(resolved_at, hearing_uuid);
