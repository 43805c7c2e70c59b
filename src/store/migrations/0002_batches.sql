-- 0002: batches. What this database exported (per-monitor sequence numbers, and which version
-- of each hearing left in an unredacted batch), what it merged (one history row per batch),
-- and the conflicts merge found (the incoming version kept beside the local one).
-- Shipped migrations are never edited, removed or reordered.

-- One row per batch this database wrote. `seq` counts 1, 2, 3, … per exporting monitor.
CREATE TABLE batches_out (
    batch_id     TEXT PRIMARY KEY,
    monitor_uuid TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    created_at   TEXT NOT NULL,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    profile      TEXT NOT NULL,
    redacted     INTEGER NOT NULL,
    hearings     INTEGER NOT NULL,
    UNIQUE (monitor_uuid, seq)
);

-- The version (content hash and status) of each hearing as it last left in an unredacted
-- batch: `export --since-last` takes the hearings whose current version differs.
CREATE TABLE exported_versions (
    hearing_uuid TEXT PRIMARY KEY REFERENCES hearings(uuid) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    status       TEXT NOT NULL,
    batch_id     TEXT NOT NULL REFERENCES batches_out(batch_id)
);

-- One row per batch merged into this database.
CREATE TABLE batches_in (
    batch_id     TEXT PRIMARY KEY,
    monitor_uuid TEXT NOT NULL,
    monitor_code TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    merged_at    TEXT NOT NULL,
    merged_by    TEXT,
    hearings     INTEGER NOT NULL,
    new          INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    kept_local   INTEGER NOT NULL,
    conflicts    INTEGER NOT NULL
);
CREATE INDEX batches_in_monitor ON batches_in(monitor_uuid, seq);

-- A hearing whose incoming version neither descends from nor precedes the local one. The
-- local version stays in `hearings`; the incoming one is kept here whole (a HearingRecord as
-- JSON) until a lead chooses.
CREATE TABLE conflicts (
    uuid          TEXT PRIMARY KEY,
    hearing_uuid  TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    batch_id      TEXT NOT NULL,
    local_hash    TEXT NOT NULL,
    incoming_hash TEXT NOT NULL,
    incoming      TEXT NOT NULL CHECK (json_valid(incoming)),
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolved_by   TEXT,
    resolution    TEXT CHECK (resolution IN ('local', 'incoming')),
    UNIQUE (hearing_uuid, incoming_hash)
);
CREATE INDEX conflicts_open ON conflicts(resolved_at, hearing_uuid);
