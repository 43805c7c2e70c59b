//! Sealed batches (issue 17, DESIGN.md §4 "Sealed batches"): keys and the roster, sealed
//! export, and verify and merge of sealed files.

use super::support::Env;

/// The key lines (not `#` comments) of `keys show`.
fn key_lines(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn monitor(code: &str) -> Env {
    let env = Env::new();
    env.ok(&["init", "--code", code, "--name", &format!("Monitor {code}")]);
    env
}

#[test]
fn keys_are_made_once_kept_in_the_database_and_shown_as_the_tools_write_them() {
    let env = monitor("M07");
    let first = env.ok(&["keys", "show"]);
    let keys = key_lines(&first);
    assert_eq!(keys.len(), 1, "a monitor has a signing key only: {first}");
    assert!(
        keys[0].starts_with("RW"),
        "minisign's public key form: {first}"
    );
    assert!(first.contains("fingerprint "), "{first}");
    assert_eq!(
        env.ok(&["keys", "show"]),
        first,
        "the key is kept, not made again"
    );

    let lead = env.ok(&["keys", "show", "--recipient"]);
    let keys = key_lines(&lead);
    assert_eq!(keys.len(), 2, "{lead}");
    assert!(keys[0].starts_with("age1"), "{lead}");
    assert_eq!(keys[1], key_lines(&first)[0]);

    // Nothing but the encrypted database holds them.
    let db = std::fs::read(env.db()).expect("database");
    for k in &keys {
        assert!(
            !db.windows(k.len()).any(|w| w == k.as_bytes()),
            "a key is readable in the database file"
        );
    }
    let files: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("courtwatch.db"))
        .collect();
    assert!(files.is_empty(), "files besides the database: {files:?}");
}

#[test]
fn keys_add_shows_fingerprints_needs_a_yes_and_fills_the_roster() {
    let lead = monitor("L01");
    let shown = lead.ok(&["keys", "show", "--recipient"]);
    let file = lead.dir.path().join("lead.keys");
    std::fs::write(&file, &shown).expect("write");
    let fingerprints: Vec<&str> = shown
        .lines()
        .filter_map(|l| l.split("fingerprint ").nth(1))
        .collect();
    assert_eq!(fingerprints.len(), 2);

    let m = monitor("M07");
    let before = std::fs::read(m.db()).expect("db");
    let out = m.run(&["keys", "add", file.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(fingerprints[0]) && err.contains(fingerprints[1]),
        "{err}"
    );
    assert!(
        err.contains("not added: the fingerprint was not confirmed"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(m.db()).expect("db"),
        before,
        "nothing written"
    );
    assert_eq!(m.ok(&["keys", "list"]), "");

    let added = m.ok(&[
        "keys",
        "add",
        file.to_str().expect("path"),
        "--yes",
        "--label",
        "Lead",
    ]);
    assert!(
        added.contains(&format!("added recipient {}", fingerprints[0])),
        "{added}"
    );
    assert!(
        added.contains(&format!("added signer {}", fingerprints[1])),
        "{added}"
    );
    let list = m.ok(&["keys", "list"]);
    assert!(
        list.contains("Lead") && list.contains(fingerprints[0]),
        "{list}"
    );

    let again = m.ok(&["keys", "add", file.to_str().expect("path"), "--yes"]);
    assert!(again.contains("already in the roster"), "{again}");

    let removed = m.ok(&["keys", "remove", &fingerprints[1].to_lowercase()]);
    assert!(removed.contains("no longer trusted"), "{removed}");
    let list = m.ok(&["keys", "list"]);
    assert!(
        !list.contains(fingerprints[1]) && list.contains(fingerprints[0]),
        "{list}"
    );
    let out = m.run(&["keys", "remove", fingerprints[1]]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no key in the roster has the fingerprint")
    );
}

#[test]
fn keys_add_refuses_a_secret_key_and_reads_the_tools_own_files() {
    let m = monitor("M07");
    let secret = m.dir.path().join("key.txt");
    std::fs::write(
        &secret,
        "# created: 2026-12-07T10:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\nAGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n",
    )
    .expect("write");
    let out = m.run(&["keys", "add", secret.to_str().expect("path"), "--yes"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds a secret key"));
    assert_eq!(m.ok(&["keys", "list"]), "");

    let public = m.dir.path().join("key.pub");
    std::fs::write(
        &public,
        "# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n",
    )
    .expect("write");
    let added = m.ok(&["keys", "add", public.to_str().expect("path"), "--yes"]);
    assert!(added.starts_with("added recipient "), "{added}");
}
