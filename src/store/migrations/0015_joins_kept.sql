-- 0015: a join of case records is its own audit record (DESIGN.md §2, "Trials"): who joined
-- the two records and when, then who split them and when. It is never deleted, and once
-- recorded only its split is written, once.
-- Shipped migrations are never edited, removed or reordered.

CREATE TRIGGER IF NOT EXISTS case_joins_kept BEFORE DELETE ON case_joins BEGIN
    SELECT RAISE(ABORT, 'a join of case records is never deleted; it is split');
END;

CREATE TRIGGER IF NOT EXISTS case_joins_split_once BEFORE UPDATE ON case_joins
WHEN OLD.split_at IS NOT NULL OR NEW.split_at IS NULL OR NEW.split_by IS NULL
  OR NEW.uuid IS NOT OLD.uuid OR NEW.case_uuid IS NOT OLD.case_uuid
  OR NEW.other_uuid IS NOT OLD.other_uuid OR NEW.joined_by IS NOT OLD.joined_by
  OR NEW.joined_at IS NOT OLD.joined_at
BEGIN
    SELECT RAISE(ABORT, 'a join of case records is recorded once and split once');
END;
