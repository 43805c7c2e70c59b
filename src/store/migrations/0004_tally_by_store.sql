-- 0004: the store, not triggers, keeps checklist_tally (0003) in step with checklist_answers.
-- Shipped migrations are never edited, removed or reordered.
--
-- The 0003 triggers appended one token per inserted answer row: a string rewrite per row,
-- and a statement journal for every insert because the trigger might fail half-way. A
-- bulk write (demo, merge) inserts some 45 answers per hearing, so they took a fifth of its
-- time. The store now rewrites a hearing's tally row once, from its answers, after each
-- change to them (`retally` in src/store/records.rs).

DROP TRIGGER checklist_tally_insert;
DROP TRIGGER checklist_tally_delete;
DROP TRIGGER checklist_tally_update;
