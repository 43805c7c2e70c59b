-- 0001: the first schema. Shipped migrations are never edited, removed or reordered.
-- Field values of form-driven records live in a JSON object `data` (field id -> text). The
-- few values queries filter and sort by are copied into plain indexed columns: by the
-- inserting statement, and by triggers when `data` changes (generated columns would do the
-- same, but SQLite never treats an index on them as covering, and paging through 100,000
-- hearings needs covering indexes).

CREATE TABLE monitors (
    uuid        TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    org         TEXT NOT NULL DEFAULT '',
    is_self     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    uuid        TEXT PRIMARY KEY,
    data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    case_number TEXT
);
CREATE INDEX cases_number ON cases(case_number);
CREATE TRIGGER cases_keys_update AFTER UPDATE OF data ON cases BEGIN
    UPDATE cases SET case_number = json_extract(new.data, '$.court_case_number') WHERE uuid = new.uuid;
END;

CREATE TABLE hearings (
    uuid          TEXT PRIMARY KEY,
    case_uuid     TEXT NOT NULL REFERENCES cases(uuid) ON DELETE CASCADE,
    monitor_uuid  TEXT NOT NULL REFERENCES monitors(uuid),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final', 'reviewed')),
    version       INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL DEFAULT '',
    parent_hash   TEXT NOT NULL DEFAULT '',
    ancestors     TEXT NOT NULL DEFAULT '',
    sealed        INTEGER NOT NULL DEFAULT 0,
    form_versions TEXT NOT NULL DEFAULT '',
    reviewed_by   TEXT,
    reviewed_at   TEXT,
    data          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    hearing_date  TEXT,
    court         TEXT,
    judge         TEXT
);
CREATE TRIGGER hearings_keys_update AFTER UPDATE OF data ON hearings BEGIN
    UPDATE hearings SET hearing_date = json_extract(new.data, '$.hearing_date'),
                        court = json_extract(new.data, '$.court'),
                        judge = json_extract(new.data, '$.judge_name')
    WHERE rowid = new.rowid;
END;
CREATE INDEX hearings_date ON hearings(hearing_date, created_at);
CREATE INDEX hearings_court ON hearings(court, hearing_date);
CREATE INDEX hearings_judge ON hearings(judge);
CREATE INDEX hearings_case ON hearings(case_uuid);
CREATE INDEX hearings_monitor ON hearings(monitor_uuid, hearing_date);
CREATE INDEX hearings_status ON hearings(status);

CREATE TABLE parties (
    uuid       TEXT PRIMARY KEY,
    case_uuid  TEXT NOT NULL REFERENCES cases(uuid) ON DELETE CASCADE,
    data       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX parties_case ON parties(case_uuid);

CREATE TABLE hearing_parties (
    uuid         TEXT PRIMARY KEY,
    hearing_uuid TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    party_uuid   TEXT NOT NULL REFERENCES parties(uuid) ON DELETE CASCADE,
    data         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (hearing_uuid, party_uuid)
);
CREATE INDEX hearing_parties_party ON hearing_parties(party_uuid);

CREATE TABLE charges (
    uuid       TEXT PRIMARY KEY,
    party_uuid TEXT NOT NULL REFERENCES parties(uuid) ON DELETE CASCADE,
    data       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    article    TEXT
);
CREATE TRIGGER charges_keys_update AFTER UPDATE OF data ON charges BEGIN
    UPDATE charges SET article = json_extract(new.data, '$.article') WHERE uuid = new.uuid;
END;
CREATE INDEX charges_party ON charges(party_uuid);
CREATE INDEX charges_article ON charges(article);

-- One row per hearing x item (x defendant): clustered on that natural key, the largest table
-- stays compact. party_uuid is '' for items answered once per hearing; answers of a removed
-- defendant are deleted by the store (see Store::delete_record).
CREATE TABLE checklist_answers (
    hearing_uuid TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    item_code    TEXT NOT NULL,
    party_uuid   TEXT NOT NULL DEFAULT '',
    uuid         TEXT NOT NULL,
    answer       TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (hearing_uuid, item_code, party_uuid)
) WITHOUT ROWID;

CREATE TABLE allegations (
    uuid         TEXT PRIMARY KEY,
    hearing_uuid TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    party_uuid   TEXT REFERENCES parties(uuid) ON DELETE SET NULL,
    data         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX allegations_hearing ON allegations(hearing_uuid);
CREATE INDEX allegations_party ON allegations(party_uuid);

CREATE TABLE followups (
    uuid            TEXT PRIMARY KEY,
    allegation_uuid TEXT NOT NULL REFERENCES allegations(uuid) ON DELETE CASCADE,
    data            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX followups_allegation ON followups(allegation_uuid);

CREATE TABLE timeline (
    uuid         TEXT PRIMARY KEY,
    hearing_uuid TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    code         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX timeline_hearing ON timeline(hearing_uuid, at);

CREATE TABLE consents (
    uuid       TEXT PRIMARY KEY,
    party_uuid TEXT NOT NULL REFERENCES parties(uuid) ON DELETE CASCADE,
    data       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX consents_party ON consents(party_uuid);

CREATE TABLE audit (
    uuid         TEXT PRIMARY KEY,
    hearing_uuid TEXT NOT NULL REFERENCES hearings(uuid) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    entity       TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    field        TEXT NOT NULL,
    old_value    TEXT NOT NULL,
    new_value    TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    monitor_uuid TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX audit_hearing ON audit(hearing_uuid, at);

-- Full-text search over each hearing's searchable text; rowid = hearings.rowid. The store
-- rewrites a hearing's row whenever its searchable text may have changed. The text is folded
-- by the store before indexing (see store/search.rs), so the index keeps no copy of it
-- (contentless) and no positions (prefix and AND queries need none).
CREATE VIRTUAL TABLE hearing_search USING fts5(
    body, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER hearings_search_delete AFTER DELETE ON hearings BEGIN
    DELETE FROM hearing_search WHERE rowid = old.rowid;
END;
