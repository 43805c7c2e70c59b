//! Tests that read the source tree and keep the architecture's invariants (ARCHITECTURE.md).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read source");
            (
                p.strip_prefix(&root).expect("under src").to_path_buf(),
                text,
            )
        })
        .collect()
}

#[test]
fn only_tui_uses_ratatui_or_crossterm() {
    let offenders: Vec<_> = sources()
        .into_iter()
        .filter(|(p, _)| !p.starts_with("tui"))
        .filter(|(_, t)| t.contains("ratatui") || t.contains("crossterm"))
        .map(|(p, _)| p)
        .collect();
    assert!(
        offenders.is_empty(),
        "files outside src/tui use ratatui or crossterm: {offenders:?}"
    );
}

#[test]
fn tui_runs_no_sql_and_touches_no_files() {
    let offenders: Vec<_> = sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("tui"))
        .filter(|(_, t)| {
            [
                "rusqlite",
                "execute(",
                "prepare(",
                // Every way of touching the file system, not only `std::fs`.
                "fs::",
                "File",
                "OpenOptions",
                ".exists()",
                ".try_exists()",
                ".is_file()",
                ".is_dir()",
                ".is_symlink()",
                "read_dir",
                "metadata(",
                "canonicalize(",
            ]
            .iter()
            .any(|w| t.contains(w))
        })
        .map(|(p, _)| p)
        .collect();
    assert!(
        offenders.is_empty(),
        "tui files run SQL or touch files: {offenders:?}"
    );
}

/// Invariant 8: `store/` owns all SQL. Outside it no code (unit tests aside: `tests.rs` files
/// and what follows `#[cfg(test)]`) names `rusqlite`, holds the connection or a transaction,
/// or writes a statement.
#[test]
fn only_the_store_holds_sql() {
    const SQL: [&str; 20] = [
        "rusqlite",
        ".conn()",
        ".begin()",
        "Transaction",
        "execute(",
        "execute_batch(",
        "prepare(",
        "prepare_cached(",
        "query_row(",
        "pragma_update(",
        "\"SELECT ",
        "\"INSERT ",
        "\"UPDATE ",
        "\"DELETE ",
        "\"CREATE ",
        "\"DROP ",
        "\"PRAGMA ",
        "\"WITH ",
        "INDEXED BY",
        "json_extract(",
    ];
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("store") || path.ends_with("tests.rs") {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if let Some(w) = SQL.iter().find(|w| line.contains(*w)) {
                offenders.push(format!("{}:{}: {w}", path.display(), n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside src/store:\n{}",
        offenders.join("\n")
    );
}

/// The interface's sources that handle keys, without their unit tests. Only `keys.rs` (the
/// tables' machinery) and the text editors (`widgets/text.rs`: which keys are text) look at
/// key codes themselves.
fn key_handlers() -> Vec<(PathBuf, String)> {
    sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("tui"))
        .filter(|(p, _)| !p.ends_with("keys.rs") && !p.ends_with("widgets/text.rs"))
        .map(|(p, t)| {
            let code = t.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            (p, code)
        })
        .collect()
}

/// ARCHITECTURE.md invariants 6 and 9: a handler asks its table (`keys::lookup`) what a key
/// means; a key code appears only where a table declares it (`Key::plain(KeyCode::…)`), and
/// no handler tests modifiers itself.
#[test]
fn every_key_a_handler_matches_is_declared_in_a_table() {
    let mut offenders = Vec::new();
    for (path, text) in key_handlers() {
        for (n, line) in text.lines().enumerate() {
            let undeclared = line
                .match_indices("KeyCode::")
                .any(|(i, _)| !line[..i].ends_with("Key::plain("));
            let imports = line.trim_start().starts_with("use ");
            if (undeclared && !imports) || line.contains(".modifiers") {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "keys matched outside a key table:\n{}",
        offenders.join("\n")
    );
}

/// Issue 15: moving is declared once. A screen or widget that binds ↑ ↓ PgUp PgDn Home End
/// or `j`/`k` to moving through a list or between fields (the descriptions the shared tables
/// own) asks `keys::NAV`, `keys::LETTER_NAV` or `keys::FIELD_NAV` instead of declaring its
/// own copy. These keys may still mean something else (PgDn: the next person).
#[test]
fn moving_is_declared_only_in_the_shared_tables() {
    const MOVING_KEYS: [&str; 8] = [
        "Key::plain(KeyCode::Up)",
        "Key::plain(KeyCode::Down)",
        "Key::plain(KeyCode::PageUp)",
        "Key::plain(KeyCode::PageDown)",
        "Key::plain(KeyCode::Home)",
        "Key::plain(KeyCode::End)",
        "Key::ch('j')",
        "Key::ch('k')",
    ];
    const SHARED_MEANINGS: [&str; 8] = [
        "\"key-up\"",
        "\"key-down\"",
        "\"key-page-up\"",
        "\"key-page-down\"",
        "\"key-first\"",
        "\"key-last\"",
        "\"key-next-field\"",
        "\"key-prev-field\"",
    ];
    let mut offenders = Vec::new();
    for (path, text) in key_handlers() {
        for open in ["Binding::new(", "Binding::help_only("] {
            for (at, _) in text.match_indices(open) {
                let start = at + open.len();
                let mut depth = 1i32;
                let mut end = start;
                for (i, c) in text[start..].char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = start + i;
                        break;
                    }
                }
                let binding = &text[start..end];
                if MOVING_KEYS.iter().any(|k| binding.contains(k))
                    && SHARED_MEANINGS.iter().any(|m| binding.contains(m))
                {
                    let line = text[..at].lines().count() + 1;
                    offenders.push(format!("{}:{line}", path.display()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "moving keys declared outside keys::NAV, LETTER_NAV and FIELD_NAV:\n{}",
        offenders.join("\n")
    );
}

/// Key names (as `Key::label` writes them) that a hand-written hint would start an item with.
fn starts_like_a_key(word: &str) -> bool {
    let word = word.trim_start_matches(['·', ' ']);
    [
        "Enter", "Esc", "Tab", "Space", "Del", "PgUp", "PgDn", "Ctrl-", "↑", "↓", "←", "→",
    ]
    .iter()
    .any(|k| word.starts_with(k))
        || (word.starts_with('F')
            && word[1..].chars().all(|c| c.is_ascii_digit())
            && word.len() > 1)
}

/// ARCHITECTURE.md invariants 6 and 9: footers, help and popup hints are generated from the
/// key tables. A description key (`"key-…"`) appears in code only inside a binding, and no
/// interface string lists keys with their meanings by hand (`Enter: choose · Esc: cancel`).
#[test]
fn no_footer_or_key_hint_is_written_by_hand() {
    let mut offenders = Vec::new();
    for (path, text) in key_handlers() {
        for (i, _) in text.match_indices("\"key-") {
            let before = &text[..i];
            let inside = ["Binding::new(", "Binding::help_only("]
                .iter()
                .filter_map(|b| before.rfind(b).map(|at| at + b.len()))
                .max()
                .is_some_and(|open| {
                    let mut depth = 1i32;
                    for c in text[open..i].chars() {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                    }
                    depth > 0
                });
            if !inside {
                let line = before.lines().count();
                offenders.push(format!("{}:{line}", path.display()));
            }
        }
    }
    let i18n = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    for lang in ["en", "ru", "tg"] {
        let ftl = std::fs::read_to_string(i18n.join(format!("{lang}.ftl"))).expect("ftl");
        for line in ftl.lines().filter(|l| !l.starts_with("key-")) {
            let hints = line
                .split(':')
                .rev()
                .skip(1)
                .filter(|part| {
                    let last = part.rsplit(['·', '(', ';']).next().unwrap_or("").trim();
                    !last.is_empty() && starts_like_a_key(last) && last.split(' ').count() <= 2
                })
                .count();
            if hints >= 2 {
                offenders.push(format!("{lang}.ftl: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "key hints written by hand (generate them from the key tables):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let missing: Vec<_> = sources()
        .into_iter()
        .filter(|(p, _)| !p.ends_with("tests.rs"))
        .filter(|(_, t)| !t.trim_start().starts_with("//!"))
        .map(|(p, _)| p)
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! module doc: {missing:?}"
    );
}

#[test]
fn every_migration_file_is_listed_in_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let listed: Vec<&str> = courtwatch::store::MIGRATIONS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(
        files, listed,
        "src/store/migrations and MIGRATIONS disagree"
    );
}

#[test]
fn shipped_migrations_are_never_edited() {
    // The SHA-256 of each shipped migration. A change here means a shipped migration was
    // edited: append a new migration instead.
    let shipped: &[(&str, &str)] = &[
        (
            "0001_init.sql",
            "ef45bf35dc59063a481ce4a4b3d9408bede8e540d3aa260e8bd9074a7ba21fb5",
        ),
        (
            "0002_batches.sql",
            "4d0ee3d82173d5c3e7debe1afd02c287fd9fd6c7c3003f86b8f56e40c555e222",
        ),
        (
            "0003_stats.sql",
            "e0030f44db62b0b986989d3f944103ec06293cc3b9d522d91ca4a489367d9f58",
        ),
        (
            "0004_tally_by_store.sql",
            "a454fb21e8aef33be607d2579131172e5bc84dc3a9b7c1bacff8e9dce9d6dd87",
        ),
        (
            "0005_browse.sql",
            "3e75e045073db56c00573e79eeca527c8a3fd9ab6f64ce1359bb760a2d1afddd",
        ),
        (
            "0006_conflict_fields.sql",
            "34f6af6ad9618716b8d290ce8227a494a219e34085a92e410cb0fb8f87a76f24",
        ),
        (
            "0007_charged_cases.sql",
            "1d1c01114d25143a606abc4cf5375e19a5236b8647ef56e8b793aecf0b265336",
        ),
        (
            "0008_trials.sql",
            "b030beb489f902d9964cd38ff881776b261ad29f014c1d0c1f6e5bff589eb5f0",
        ),
        (
            "0009_keys.sql",
            "d0cd7001d6a579b7bb4a79c0b0348cd7ae94d4fbb89300c3aa4e40067868f726",
        ),
        (
            "0010_user_courts.sql",
            "da7db8c5eef227f19b0feceaeb80542c26803a55f76c6a099ddb4cc01267fdbf",
        ),
        (
            "0011_redacted_seq.sql",
            "1e353b0f1e642aaa10d4efe72f6c785c832e4d4bc2da9cc68a69e9353edae2f9",
        ),
        (
            "0012_clear_not_applicable.sql",
            "af8b368e9581b123f0830c4cab88ab1b5727401a770c3da6fe8979ab72c796dc",
        ),
        (
            "0013_outputs.sql",
            "01e0f3ba295cc4675c04bc4e228ef3c8ff97968db2b5e5ea9505c56c56ba5d6b",
        ),
        (
            "0014_case_index.sql",
            "39a82c7cde8c9e68a946edaeb3e558aed7f53a71595fa6677097f7f5584dcea8",
        ),
    ];
    for (name, sha) in shipped {
        let (_, sql) = courtwatch::store::MIGRATIONS
            .iter()
            .find(|(n, _)| n == name)
            .expect("shipped migration is listed");
        assert_eq!(
            courtwatch::domain::sha256_hex(sql.as_bytes()),
            *sha,
            "{name} was edited after shipping"
        );
    }
}
