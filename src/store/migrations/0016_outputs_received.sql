-- 0016: the output logs monitors' batches bring (outputs.csv, DESIGN.md §6: "the log travels
-- in batches"). A lead keeps each monitor's rows apart from its own log (`outputs`), marked
-- with the monitor they came from and the batch that first brought them; a row brought again
-- by a later batch is the same row.
-- Shipped migrations are never edited, removed or reordered.

CREATE TABLE IF NOT EXISTS outputs_received (
    monitor_uuid TEXT NOT NULL,
    monitor_code TEXT NOT NULL,
    batch_id     TEXT NOT NULL,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('batch', 'printout', 'report')),
    path         TEXT NOT NULL,
    sealed       INTEGER NOT NULL CHECK (sealed IN (0, 1)),
    redacted     INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    sha256       TEXT NOT NULL,
    sealed_to    TEXT NOT NULL DEFAULT '',
    who          TEXT NOT NULL,
    PRIMARY KEY (monitor_uuid, at, kind, path, sha256)
) WITHOUT ROWID;
