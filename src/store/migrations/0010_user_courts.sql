-- 0010: courts a monitor adds (DESIGN.md §2, "Courts"; src/store/courts.rs).
-- Shipped migrations are never edited, removed or reordered.
--
-- The shipped list is assets/courts.toml; a court that is not in it is added here and joins
-- that list when the database opens. A court's code is made once, from a new id, so two
-- monitors adding "the same" court make two courts; a row is never changed or deleted, so
-- the same code names the same court in every database it travels to (courts.csv).
CREATE TABLE user_courts (
    code      TEXT PRIMARY KEY,
    level     TEXT NOT NULL,
    region    TEXT NOT NULL DEFAULT '',
    country   TEXT NOT NULL DEFAULT '',
    name_en   TEXT NOT NULL DEFAULT '',
    name_ru   TEXT NOT NULL DEFAULT '',
    name_tg   TEXT NOT NULL DEFAULT '',
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL,
    CHECK (name_en <> '' OR name_ru <> '' OR name_tg <> ''),
    CHECK (region <> '' OR country <> '')
);
