-- 0009: keys for sealed batches (DESIGN.md §4 "Sealed batches"). This database's own secret
-- keys live here and nowhere else (the database is the encryption around them); the roster
-- holds the public keys of others, each added after its fingerprint was compared; a merged
-- batch records the signing key that vouched for it, so that one batch id cannot come back
-- from another signer.
-- Shipped migrations are never edited, removed or reordered.

-- `signing`: a minisign secret key box (unencrypted inside the encrypted database);
-- `age`: an age X25519 identity (AGE-SECRET-KEY-1…). Made on demand.
CREATE TABLE own_keys (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('signing', 'age')),
    secret     TEXT NOT NULL,
    public     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Others' public keys: `recipient` (a lead's age1… recipient: batches are sealed to it) or
-- `signer` (a monitor's minisign public key: batches it signed are trusted).
CREATE TABLE roster (
    public      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('recipient', 'signer')),
    fingerprint TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    added_at    TEXT NOT NULL,
    added_how   TEXT NOT NULL CHECK (added_how IN ('keys_add', 'merge'))
);

-- The signing key of a merged batch (NULL: an unsigned plain batch).
ALTER TABLE batches_in ADD COLUMN signer TEXT;
