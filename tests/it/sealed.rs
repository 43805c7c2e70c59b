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

fn database(code: &str) -> Env {
    let env = Env::new();
    env.ok(&["init", "--code", code, "--name", &format!("Monitor {code}")]);
    env
}

#[test]
fn keys_are_made_once_kept_in_the_database_and_shown_as_the_tools_write_them() {
    let env = database("M07");
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
    let lead = database("L01");
    let shown = lead.ok(&["keys", "show", "--recipient"]);
    let file = lead.dir.path().join("lead.keys");
    std::fs::write(&file, &shown).expect("write");
    let fingerprints: Vec<&str> = shown
        .lines()
        .filter_map(|l| l.split("fingerprint ").nth(1))
        .collect();
    assert_eq!(fingerprints.len(), 2);

    let m = database("M07");
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
    let m = database("M07");
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

// ---------------------------------------------------------------------------------------------
// Sealed export, verify and merge

use std::io::Write;
use std::path::{Path, PathBuf};

/// A monitor with hearings who seals to a lead, and the lead who trusts the monitor's key.
struct Pair {
    monitor: Env,
    lead: Env,
    /// The lead's age recipient (`age1…`).
    recipient: String,
    out: tempfile::TempDir,
}

fn keys_file(env: &Env, args: &[&str]) -> PathBuf {
    let text = env.ok(args);
    let path = env.dir.path().join(format!("keys-{}.txt", args.len()));
    std::fs::write(&path, text).expect("write keys");
    path
}

fn pair(trusting: bool) -> Pair {
    let monitor = Env::with_demo(12, 5);
    let lead = database("L01");
    let lead_keys = keys_file(&lead, &["keys", "show", "--recipient"]);
    let recipient = key_lines(&std::fs::read_to_string(&lead_keys).expect("keys"))[0].clone();
    monitor.ok(&["keys", "add", lead_keys.to_str().expect("path"), "--yes"]);
    if trusting {
        let m_keys = keys_file(&monitor, &["keys", "show"]);
        lead.ok(&["keys", "add", m_keys.to_str().expect("path"), "--yes"]);
    }
    Pair {
        monitor,
        lead,
        recipient,
        out: tempfile::tempdir().expect("out"),
    }
}

impl Pair {
    fn export(&self, extra: &[&str]) -> PathBuf {
        let mut args = vec!["export", "--out", self.out.path().to_str().expect("path")];
        args.extend_from_slice(extra);
        PathBuf::from(self.monitor.ok(&args).trim())
    }
}

/// The database files of `env`, to compare before and after.
fn db_bytes(env: &Env) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-journal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", env.db().display())).ok())
        .collect()
}

/// `verify` and `merge` of `batch` both fail with `needle` in their message, and the lead's
/// database is byte for byte as it was.
fn refused(lead: &Env, batch: &Path, needle: &str, envs: &[(&str, &str)]) {
    let before = db_bytes(lead);
    let path = batch.to_str().expect("path");
    for args in [vec!["verify", path], vec!["merge", path]] {
        let mut cmd = lead.cmd(&args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        let said = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(out.status.code(), Some(1), "{args:?} must fail:\n{err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in:\n{err}"
        );
        assert!(
            said.contains("nothing"),
            "{args:?} says nothing was written:\n{said}"
        );
    }
    assert!(db_bytes(lead) == before, "the lead's database changed");
}

/// A tar header as `tar` writes it (ustar), with any name and type.
fn tar_entry(name: &str, flag: u8, data: &[u8]) -> Vec<u8> {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..108].copy_from_slice(b"0000600\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
    h[136..148].copy_from_slice(b"00000000000\0");
    h[156] = flag;
    if flag == b'2' {
        h[157..167].copy_from_slice(b"/etc/passw");
    }
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| u64::from(b)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    let mut out = h.to_vec();
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(512) * 512, 0);
    out
}

/// A container as a forger (or another tool) would make it: `entries` after the folder's.
fn container(folder: &str, entries: &[(String, u8, Vec<u8>)]) -> Vec<u8> {
    let mut tar = tar_entry(&format!("{folder}/"), b'5', b"");
    for (name, flag, data) in entries {
        tar.extend(tar_entry(name, *flag, data));
    }
    tar.extend([0u8; 1024]);
    tar
}

/// The files of a plain batch folder, as container entries.
fn entries_of(folder: &Path) -> Vec<(String, u8, Vec<u8>)> {
    let name = folder
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let data = std::fs::read(folder.join(&n)).expect("file");
            (format!("{name}/{n}"), b'0', data)
        })
        .collect()
}

fn seal_to(recipient: &str, plain: &[u8]) -> Vec<u8> {
    let r: age::x25519::Recipient = recipient.parse().expect("recipient");
    let e = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .expect("encryptor");
    let mut out = Vec::new();
    let mut w = e.wrap_output(&mut out).expect("wrap");
    w.write_all(plain).expect("write");
    w.finish().expect("finish");
    out
}

fn write_sealed(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write sealed");
    path
}

fn folder_name(p: &Path) -> String {
    p.file_name().expect("name").to_string_lossy().into_owned()
}

#[test]
fn a_sealed_batch_hides_everything_merges_once_and_matches_the_plain_one() {
    let p = pair(true);
    let sealed = p.export(&["--all"]);
    let name = folder_name(&sealed);
    assert!(
        name.starts_with("courtwatch-M07-000001-") && name.ends_with(".age"),
        "{name}"
    );
    let listed: Vec<_> = std::fs::read_dir(p.out.path()).expect("out").collect();
    assert_eq!(listed.len(), 1, "one sealed file and nothing else");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sealed)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    let bytes = std::fs::read(&sealed).expect("sealed");
    for plain in [
        "hearings.csv",
        "manifest",
        "M07",
        "courtwatch-batch",
        "Monitor",
    ] {
        assert!(
            !bytes.windows(plain.len()).any(|w| w == plain.as_bytes()),
            "{plain:?} readable in the sealed file"
        );
    }

    let verified = p.lead.ok(&["verify", sealed.to_str().expect("path")]);
    assert!(
        verified.contains("is a valid batch: monitor M07, batch 1"),
        "{verified}"
    );
    assert!(
        verified.contains("Signed by the key with fingerprint"),
        "{verified}"
    );
    let merged = p.lead.ok(&["merge", sealed.to_str().expect("path")]);
    assert!(merged.contains("1 batch(es) merged"), "{merged}");
    let before = db_bytes(&p.lead);
    let again = p.lead.ok(&["merge", sealed.to_str().expect("path")]);
    assert!(
        again.contains("already merged") && again.contains("Nothing changed"),
        "{again}"
    );
    assert!(db_bytes(&p.lead) == before, "a second merge writes nothing");

    // The same hearings in plain: the same database content.
    let other = database("L02");
    let folder = p.export(&["--all", "--plaintext"]);
    assert!(folder.is_dir());
    other.ok(&["merge", folder.to_str().expect("path")]);
    let list = |e: &Env| e.ok(&["list", "--format", "csv"]);
    assert_eq!(list(&p.lead), list(&other));
    assert!(!list(&other).trim().is_empty());
}

#[test]
fn reading_a_sealed_batch_writes_no_file_anywhere() {
    let p = pair(true);
    let sealed = p.export(&["--all"]);
    let tmp = tempfile::tempdir().expect("tmp");
    let listing = |dirs: &[&Path]| -> Vec<String> {
        let mut all = Vec::new();
        for d in dirs {
            for e in std::fs::read_dir(d).expect("dir") {
                let e = e.expect("entry");
                all.push(e.path().display().to_string());
            }
        }
        all.sort();
        all
    };
    let watched = [p.lead.dir.path(), p.out.path(), tmp.path()];
    let before = listing(&watched);
    for args in [vec!["verify"], vec!["merge", "--dry-run"], vec!["merge"]] {
        let mut args = args.clone();
        args.push(sealed.to_str().expect("path"));
        let out = p
            .lead
            .cmd(&args)
            .env("TMPDIR", tmp.path())
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after: Vec<String> = listing(&watched)
        .into_iter()
        .filter(|f| !f.ends_with("courtwatch.db-wal") && !f.ends_with("courtwatch.db-shm"))
        .collect();
    let before: Vec<String> = before
        .into_iter()
        .filter(|f| !f.ends_with("courtwatch.db-wal") && !f.ends_with("courtwatch.db-shm"))
        .collect();
    assert_eq!(
        before, after,
        "no file was made next to the database, the batch or in TMPDIR"
    );
}

#[test]
fn without_a_lead_a_passphrase_seals_and_a_plain_folder_needs_plaintext() {
    let m = Env::with_demo(6, 2);
    let out = tempfile::tempdir().expect("out");
    let o = out.path().to_str().expect("path");
    // No recipient, no passphrase, no terminal: nothing is written.
    let r = m.run(&["export", "--out", o, "--all"]);
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("COURTWATCH_BATCH_PASSPHRASE"));
    assert_eq!(std::fs::read_dir(out.path()).expect("out").count(), 0);

    let r = m
        .cmd(&["export", "--out", o, "--all"])
        .env("COURTWATCH_BATCH_PASSPHRASE", "correct horse battery")
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let sealed = PathBuf::from(String::from_utf8_lossy(&r.stdout).trim());
    assert!(String::from_utf8_lossy(&r.stderr).contains("sealed with a passphrase"));

    let lead = database("L01");
    let trust = keys_file(&m, &["keys", "show"]);
    lead.ok(&["keys", "add", trust.to_str().expect("path"), "--yes"]);
    refused(&lead, &sealed, "was sealed with a passphrase: give it", &[]);
    refused(
        &lead,
        &sealed,
        "the batch passphrase is wrong",
        &[("COURTWATCH_BATCH_PASSPHRASE", "wrong horse")],
    );
    let ok = lead
        .cmd(&["merge", sealed.to_str().expect("path")])
        .env("COURTWATCH_BATCH_PASSPHRASE", "correct horse battery")
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let r = m.run(&["export", "--out", o, "--all", "--plaintext"]);
    assert!(r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("anyone who holds the stick"),
        "the warning names what it holds: {err}"
    );
    assert!(PathBuf::from(String::from_utf8_lossy(&r.stdout).trim()).is_dir());
}

#[test]
fn sealed_batches_that_cannot_be_opened_are_refused_and_nothing_is_written() {
    let p = pair(true);
    let sealed = p.export(&["--all"]);
    let bytes = std::fs::read(&sealed).expect("sealed");
    let dir = p.out.path();

    // Sealed to another lead.
    let other_lead = database("L09");
    let other = keys_file(&other_lead, &["keys", "show", "--recipient"]);
    let m2 = database("M07");
    m2.ok(&["keys", "add", other.to_str().expect("path"), "--yes"]);
    refused(
        &p.lead,
        &write_sealed(
            dir,
            "other.age",
            &seal_to(
                &key_lines(&std::fs::read_to_string(&other).expect("keys"))[0],
                b"x",
            ),
        ),
        "sealed to other keys than this database's",
        &[],
    );
    // A database with no age identity (a monitor's).
    refused(&p.monitor, &sealed, "this database has none", &[]);
    // Altered ciphertext, wherever it is: in the archive's headers or in a file's data.
    for (i, at) in [
        bytes.len() / 4,
        bytes.len() / 2,
        bytes.len() * 3 / 4,
        bytes.len() - 20,
    ]
    .into_iter()
    .enumerate()
    {
        let mut altered = bytes.clone();
        altered[at] ^= 0x40;
        refused(
            &p.lead,
            &write_sealed(dir, &format!("altered-{i}.age"), &altered),
            "its ciphertext does not check",
            &[],
        );
    }
    // Truncated.
    refused(
        &p.lead,
        &write_sealed(dir, "cut.age", &bytes[..bytes.len() * 2 / 3]),
        "its ciphertext does not check",
        &[],
    );
    // Not an age file at all.
    refused(
        &p.lead,
        &write_sealed(dir, "plain.age", b"hearings.csv\nuuid,case_uuid\n"),
        "is not a sealed courtwatch batch",
        &[],
    );
}

#[test]
fn containers_holding_anything_but_the_batch_are_refused() {
    let p = pair(true);
    let folder = p.export(&["--all", "--plaintext"]);
    let name = folder_name(&folder);
    let good = entries_of(&folder);
    let dir = p.out.path();

    // Written by another tool from the same files: accepted (checked by verify only).
    let ok = write_sealed(
        dir,
        "good.age",
        &seal_to(&p.recipient, &container(&name, &good)),
    );
    p.lead.ok(&["verify", ok.to_str().expect("path")]);

    let with = |extra: (String, u8, Vec<u8>)| {
        let mut e = good.clone();
        e.push(extra);
        seal_to(&p.recipient, &container(&name, &e))
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "extra.age",
            with((format!("{name}/notes.txt"), b'0', b"hello".to_vec())),
            "which is not a file of a batch",
        ),
        (
            "link.age",
            with((format!("{name}/consents2.csv"), b'2', Vec::new())),
            "which is a symbolic link, not a plain file",
        ),
        (
            "outside.age",
            with((format!("{name}/../evil.csv"), b'0', b"x".to_vec())),
            "a path outside the batch folder",
        ),
        (
            "absolute.age",
            with(("/tmp/evil.csv".to_owned(), b'0', b"x".to_vec())),
            "a path outside the batch folder",
        ),
        ("twice.age", with(good[0].clone()), "twice"),
        (
            "nofolder.age",
            seal_to(&p.recipient, &{
                let mut t = Vec::new();
                for (n, f, d) in &good {
                    t.extend(tar_entry(n, *f, d));
                }
                t.extend([0u8; 1024]);
                t
            }),
            "does not begin with a batch folder",
        ),
    ];
    for (file, bytes, needle) in cases {
        refused(&p.lead, &write_sealed(dir, file, &bytes), needle, &[]);
    }
}

#[test]
fn signatures_are_checked_and_unknown_signers_are_refused_until_trusted() {
    let p = pair(false);
    let folder = p.export(&["--all", "--plaintext"]);
    let name = folder_name(&folder);
    let good = entries_of(&folder);
    let dir = p.out.path();
    let replace = |file: &str, data: Vec<u8>| -> Vec<(String, u8, Vec<u8>)> {
        good.iter()
            .map(|(n, f, d)| {
                if n.ends_with(&format!("/{file}")) {
                    (n.clone(), *f, data.clone())
                } else {
                    (n.clone(), *f, d.clone())
                }
            })
            .collect()
    };
    let read = |file: &str| std::fs::read(folder.join(file)).expect("file");

    // Unsigned.
    let unsigned: Vec<_> = good
        .iter()
        .filter(|(n, _, _)| !n.ends_with(".minisig"))
        .cloned()
        .collect();
    refused(
        &p.lead,
        &write_sealed(
            dir,
            "unsigned.age",
            &seal_to(&p.recipient, &container(&name, &unsigned)),
        ),
        "the manifest names a signing key but the batch has no signature",
        &[],
    );
    // A bad signature: the manifest changed after signing (its sums made to match).
    let manifest = String::from_utf8(read("manifest.json")).expect("utf-8");
    let changed = manifest.replacen("\"Test Monitor\"", "\"Test Monitor X\"", 1);
    assert_ne!(manifest, changed);
    refused(
        &p.lead,
        &write_sealed(
            dir,
            "changed.age",
            &seal_to(
                &p.recipient,
                &container(&name, &replace("manifest.json", changed.into_bytes())),
            ),
        ),
        "does not match: the manifest was changed after it was signed",
        &[],
    );
    // The signature of another batch's manifest (same key).
    p.monitor.ok(&["demo", "--hearings", "2", "--seed", "9"]);
    let second = p.export(&["--plaintext"]);
    let other_sig = std::fs::read(second.join("manifest.json.minisig")).expect("sig");
    refused(
        &p.lead,
        &write_sealed(
            dir,
            "othersig.age",
            &seal_to(
                &p.recipient,
                &container(&name, &replace("manifest.json.minisig", other_sig)),
            ),
        ),
        "the signature belongs to another manifest",
        &[],
    );

    // An unknown signer: refused with its fingerprint, then trusted at the merge.
    let sealed = write_sealed(
        dir,
        "genuine.age",
        &seal_to(&p.recipient, &container(&name, &good)),
    );
    let shown = p.monitor.ok(&["keys", "show"]);
    let fp = shown
        .lines()
        .find_map(|l| l.split("fingerprint ").nth(1))
        .expect("fingerprint")
        .to_owned();
    refused(
        &p.lead,
        &sealed,
        &format!("not in this database's roster (fingerprint {fp}"),
        &[],
    );
    let merged = p
        .lead
        .ok(&["merge", "--trust", &fp, sealed.to_str().expect("path")]);
    assert!(merged.contains("1 batch(es) merged"), "{merged}");
    let roster = p.lead.ok(&["keys", "list"]);
    assert!(roster.contains(&fp) && roster.contains("M07"), "{roster}");

    // The same batch id again, signed by another key (trusted too): refused.
    let forger = courtwatch::keys::SigningKey::generate().expect("key");
    let mut m: serde_json::Value = serde_json::from_slice(&read("manifest.json")).expect("json");
    m["signing_key"] = forger.public_text().into();
    let forged_manifest = serde_json::to_vec_pretty(&m).expect("json");
    let comment = format!(
        "courtwatch batch {} monitor M07 seq 1",
        m["batch_id"].as_str().expect("id")
    );
    let sig = forger.sign(&forged_manifest, &comment).expect("sign");
    let mut forged = replace("manifest.json", forged_manifest.clone());
    for e in &mut forged {
        if e.0.ends_with(".minisig") {
            e.2 = sig.clone().into_bytes();
        }
        if e.0.ends_with("/SHA256SUMS") {
            let sums = String::from_utf8(e.2.clone()).expect("sums");
            let fixed: String = sums
                .lines()
                .map(|l| {
                    if l.ends_with("  manifest.json") {
                        format!(
                            "{}  manifest.json\n",
                            courtwatch::domain::sha256_hex(&forged_manifest)
                        )
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            e.2 = fixed.into_bytes();
        }
    }
    let forged = write_sealed(
        dir,
        "forged.age",
        &seal_to(&p.recipient, &container(&name, &forged)),
    );
    let forger_fp = courtwatch::keys::fingerprint(&forger.public_text());
    let before = db_bytes(&p.lead);
    let out = p.lead.run(&[
        "merge",
        "--trust",
        &forger_fp,
        forged.to_str().expect("path"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("was merged before signed by"), "{err}");
    assert!(
        err.contains("one of the two is not what it claims"),
        "{err}"
    );
    assert!(db_bytes(&p.lead) == before, "the lead's database changed");
    refused(
        &p.lead,
        &forged,
        "one of the two is not what it claims",
        &[],
    );
}

/// Runs a tool of the machine, requiring success; its stdout and stderr.
fn tool(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{cmd:?} cannot run ({e}); .ci/run installs age, minisign and tar")
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
fn debians_age_minisign_tar_and_sha256sum_open_and_check_a_sealed_batch() {
    use std::process::Command;
    let m = Env::with_demo(8, 4);
    let work = tempfile::tempdir().expect("work");
    let key = work.path().join("lead-key.txt");
    tool(Command::new("age-keygen").arg("-o").arg(&key));
    let public = tool(Command::new("age-keygen").arg("-y").arg(&key));
    let recipient_file = work.path().join("lead.pub");
    std::fs::write(&recipient_file, &public).expect("write");
    m.ok(&[
        "keys",
        "add",
        recipient_file.to_str().expect("path"),
        "--yes",
    ]);
    let signer = key_lines(&m.ok(&["keys", "show"]))[0].clone();

    let out = work.path().join("out");
    let sealed = PathBuf::from(
        m.ok(&["export", "--out", out.to_str().expect("path"), "--all"])
            .trim(),
    );
    let opened = work.path().join("opened");
    std::fs::create_dir(&opened).expect("mkdir");
    let decrypted = work.path().join("batch.tar");
    tool(
        Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(&key)
            .arg("-o")
            .arg(&decrypted)
            .arg(&sealed),
    );
    tool(
        Command::new("tar")
            .arg("-xf")
            .arg(&decrypted)
            .arg("-C")
            .arg(&opened),
    );
    let folders: Vec<PathBuf> = std::fs::read_dir(&opened)
        .expect("opened")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(folders.len(), 1, "one batch folder: {folders:?}");
    let folder = &folders[0];
    let stem = sealed
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        folder_name(folder),
        stem,
        "the folder is named like the sealed file"
    );

    let checked = tool(
        Command::new("minisign")
            .arg("-V")
            .arg("-P")
            .arg(&signer)
            .arg("-m")
            .arg(folder.join("manifest.json")),
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert!(
        checked.contains(&format!(
            "Trusted comment: courtwatch batch {} monitor M07 seq 1",
            manifest["batch_id"].as_str().expect("id")
        )),
        "{checked}"
    );
    let sums = tool(
        Command::new("sha256sum")
            .arg("-c")
            .arg("SHA256SUMS")
            .current_dir(folder),
    );
    assert!(
        sums.contains("hearings.csv: OK") && sums.contains("manifest.json: OK"),
        "{sums}"
    );

    // The folder the tools opened is a batch courtwatch verifies too.
    let verified = Env::new();
    let ok = verified
        .cmd(&["verify", folder.to_str().expect("path")])
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // A changed manifest: minisign refuses it.
    let mut bytes = std::fs::read(folder.join("manifest.json")).expect("manifest");
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(folder.join("manifest.json"), bytes).expect("write");
    let bad = Command::new("minisign")
        .arg("-V")
        .arg("-P")
        .arg(&signer)
        .arg("-m")
        .arg(folder.join("manifest.json"))
        .output()
        .expect("minisign");
    assert!(!bad.status.success(), "minisign accepts a changed manifest");
}
