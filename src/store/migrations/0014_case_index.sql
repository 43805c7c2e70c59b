-- 0014: a trial's summary from the index alone (src/store/cases.rs, `case_summary`).
-- Shipped migrations are never edited, removed or reordered.
--
-- The case view, the agenda and the case picker find a case record's hearings and its latest
-- one by date, creation and rowid, with the court and judge. Those columns come after the
-- hearing's JSON in the table, so reading them walked each hearing's overflow pages: most of
-- the agenda's time at 100,000 hearings (about 1,100 trials in 30 days). The index keyed by
-- case now carries them; it replaces the one on the case alone, which it contains.
DROP INDEX hearings_case;
CREATE INDEX hearings_case ON hearings (case_uuid, hearing_date, created_at, court, judge, uuid);
