-- 0007: the article filter finds its cases in one narrow range (src/store/list.rs).
-- Shipped migrations are never edited, removed or reordered.
--
-- Before, the filter read charges_article (article, party) and looked each party up in
-- parties_stats to learn its case: about 4,400 index pages for article 186 at 100,000
-- hearings, most of the first press's 6,300. This table keeps each party's articles with the
-- party's case beside them, so the same answer is a range of about 200 pages.
--
-- One row per article and party (a party charged twice under one article has one row).
-- Parties never move to another case (the store updates only their data), so the case is
-- copied once. Triggers keep the rows in step with charges: a row goes when the last charge
-- of its party under its article goes, including charges deleted with their party or case.
-- The triggers test for the row instead of saying INSERT OR IGNORE: an upsert's DO UPDATE
-- (the store's whole-record writes) overrides the conflict clause of the triggers it fires.
CREATE TABLE charged_cases (
    article    TEXT NOT NULL,
    party_uuid TEXT NOT NULL,
    case_uuid  TEXT NOT NULL,
    PRIMARY KEY (article, party_uuid)
) WITHOUT ROWID;
INSERT OR IGNORE INTO charged_cases (article, party_uuid, case_uuid)
    SELECT ch.article, ch.party_uuid, p.case_uuid
    FROM charges ch JOIN parties p ON p.uuid = ch.party_uuid
    WHERE ch.article IS NOT NULL;

CREATE TRIGGER charged_cases_insert AFTER INSERT ON charges WHEN new.article IS NOT NULL BEGIN
    INSERT INTO charged_cases (article, party_uuid, case_uuid)
        SELECT new.article, new.party_uuid, p.case_uuid FROM parties p
        WHERE p.uuid = new.party_uuid
          AND NOT EXISTS (SELECT 1 FROM charged_cases c WHERE c.article = new.article AND c.party_uuid = new.party_uuid);
END;
-- charges_keys_update sets the article on every write of a charge's data; when it is
-- unchanged, the delete finds the charge itself and keeps the row, and nothing is inserted.
CREATE TRIGGER charged_cases_update AFTER UPDATE OF article, party_uuid ON charges BEGIN
    DELETE FROM charged_cases
    WHERE article = old.article AND party_uuid = old.party_uuid
      AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.article = old.article AND c.party_uuid = old.party_uuid);
    INSERT INTO charged_cases (article, party_uuid, case_uuid)
        SELECT new.article, new.party_uuid, p.case_uuid FROM parties p
        WHERE p.uuid = new.party_uuid AND new.article IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM charged_cases c WHERE c.article = new.article AND c.party_uuid = new.party_uuid);
END;
CREATE TRIGGER charged_cases_delete AFTER DELETE ON charges BEGIN
    DELETE FROM charged_cases
    WHERE article = old.article AND party_uuid = old.party_uuid
      AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.article = old.article AND c.party_uuid = old.party_uuid);
END;
