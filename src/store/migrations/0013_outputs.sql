-- 0013: the output log (DESIGN.md §6): every file courtwatch writes outside the database — a
-- batch, a printout of a hearing, a report — is recorded here: what, where, sealed or plain,
-- redacted or not, its SHA-256, for whom it was sealed, who wrote it and when.
-- Shipped migrations are never edited, removed or reordered.

CREATE TABLE IF NOT EXISTS outputs (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('batch', 'printout', 'report')),
    path       TEXT NOT NULL,
    -- 1: encrypted with age (to `sealed_to`); 0: plain text anyone holding it reads.
    sealed     INTEGER NOT NULL CHECK (sealed IN (0, 1)),
    -- 1: restricted fields left out or pseudonymised.
    redacted   INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    -- Of the file; of a plain batch folder, of its SHA256SUMS (which covers the rest).
    sha256     TEXT NOT NULL,
    -- The fingerprints of the age recipients it was sealed to, or `passphrase`; empty if plain.
    sealed_to  TEXT NOT NULL DEFAULT '',
    -- The monitor profile of this database (code), who wrote it.
    who        TEXT NOT NULL
);
