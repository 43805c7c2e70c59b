-- Final records written before the form cleared a value whose field's condition stopped
-- holding (a closure ground kept, hidden, on a hearing set back to public) may still hold
-- one, and the batch reader refuses it. Clearing needs the forms' conditions, which live in
-- Rust, so this only asks: the store clears those values once, as audited edits, the next
-- time it opens the database, and removes this row (src/store/stale.rs).
INSERT OR REPLACE INTO settings (key, value) VALUES ('clear_not_applicable', 'pending');
