//! The key's life in the terminal UI (issue 18, DESIGN.md §6): changing the passphrase and
//! erasing from the settings screen, each confirmed as the command line does; the hearing
//! list's backup reminder; and the same in a real terminal (tmux).

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;

use chrono::DateTime;
use courtwatch::clock::{FixedClock, SequentialIds, Sources};
use courtwatch::error::Error;
use courtwatch::spec::Lang;
use courtwatch::store::{OpenMode, Store};

use super::journeys::Tmux;
use super::support::{Env, PASSPHRASE as PASS};
use super::tui::{Harness, spec};

const NEW: &str = "a new passphrase 2026";

/// The settings rows, from the top: language, lock, reminder, backup, passphrase, erase.
const TO_PASSPHRASE: &str = "<F9><Down><Down><Down><Down><Enter>";
const TO_ERASE: &str = "<F9><Up><Enter>";

fn opens(h: &Harness, pass: &str) -> bool {
    match Store::open(
        &h.dir.path().join("c.db"),
        pass,
        OpenMode::ReadOnly,
        spec(),
        Sources::fixed(),
    ) {
        Ok(_) => true,
        Err(Error::WrongPassphrase(_)) => false,
        Err(e) => panic!("neither opens nor refuses the passphrase: {e}"),
    }
}

/// The passphrase changes from settings only with the current one typed right and the new
/// one typed twice; a wrong current one counts as a failed unlock (it waits before the next
/// try). Afterwards only the new one opens the file and unlocks the lock screen.
#[test]
fn settings_change_the_passphrase_with_the_current_one() {
    let mut h = Harness::first_run_derived(100, 30, Lang::En);
    h.create_profile().keys("n1-77/26<Esc>");
    h.keys(TO_PASSPHRASE);
    let s = h.screen();
    assert!(s.contains("Current passphrase"), "{s}");
    h.keys("wrong one<Tab>");
    h.session.paste(NEW);
    h.keys("<Tab>");
    h.session.paste(NEW);
    h.keys("<Enter>");
    let s = h.screen();
    assert!(
        s.contains("Wrong passphrase") && s.contains("Wait 1 s"),
        "{s}"
    );
    assert!(opens(&h, PASS) && !opens(&h, NEW), "nothing changed");
    assert!(!s.contains("wrong one"), "never shown: {s}");

    h.keys(&format!("{PASS}<Tab>short<Tab>short<Enter>"));
    assert!(
        h.screen().contains("at least 8 characters"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>");
    assert!(!h.screen().contains("Current passphrase"), "Esc closes it");
    h.keys("<Enter>");
    h.keys(&format!("{PASS}<Tab>{NEW}<Tab>{NEW}x<Enter>"));
    assert!(h.screen().contains("differ"), "{}", h.screen());
    assert!(opens(&h, PASS), "nothing changed");

    // The repeat is asked again, the rest kept.
    h.keys(&format!("{NEW}<Enter>"));
    let s = h.screen();
    assert!(s.contains("The passphrase is changed"), "{s}");
    assert!(!s.contains("Current passphrase"), "the dialog closed: {s}");
    assert!(
        opens(&h, NEW) && !opens(&h, PASS),
        "only the new one opens it"
    );

    // The database stays open under the new passphrase: work goes on and is saved.
    h.keys("<Esc><Enter><Tab>");
    h.session.flush();
    // Lock: the old passphrase no longer unlocks, the new one does.
    h.keys("<C-l>");
    h.session.paste(&format!("{PASS}\n"));
    assert!(h.session.app.is_locked());
    for _ in 0..2 {
        h.session.set_now();
    }
    h.session.paste(&format!("{NEW}\n"));
    assert!(!h.session.app.is_locked(), "{}", h.screen());
}

/// Erasing from settings asks the passphrase and the word in the interface language; a wrong
/// word erases nothing; the right one destroys the database, ends the interface and leaves a
/// sentence for the terminal.
#[test]
fn settings_erase_needs_the_passphrase_and_the_word() {
    let mut h = Harness::first_run_derived(100, 30, Lang::Ru);
    h.create_profile().keys("n1-77/26<Esc>");
    let db = h.dir.path().join("c.db");
    h.keys(TO_ERASE);
    let s = h.screen();
    assert!(s.contains("стереть"), "{s}");
    h.keys(&format!("{PASS}<Tab>удалить<Enter>"));
    assert!(h.screen().contains("Ничего не стёрто"), "{}", h.screen());
    assert!(h.session.is_running() && db.exists());
    h.keys("<Esc>");
    assert!(h.session.is_running() && db.exists(), "Esc erases nothing");
    h.keys("<Enter>not it<Tab>стереть<Enter>");
    assert!(h.screen().contains("Неверная"), "{}", h.screen());
    assert!(h.session.is_running() && db.exists());
    for _ in 0..2 {
        h.session.set_now();
    }
    h.keys(&format!("{PASS}<Tab>стереть<Enter>"));
    assert!(!h.session.is_running(), "{}", h.screen());
    assert!(!db.exists(), "the database is gone");
    let said = h.session.app.farewell().unwrap_or_default().to_owned();
    assert!(said.contains("Erased"), "{said}");
}

/// A database whose draft was begun ten days ago, never backed up.
fn old_draft() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let then = DateTime::parse_from_rfc3339("2026-11-13T09:00:00+05:00").expect("time");
    let mut store = Store::open(
        &dir.path().join("c.db"),
        PASS,
        OpenMode::Create,
        spec(),
        Sources {
            clock: Box::new(FixedClock::new(then)),
            ids: Box::new(SequentialIds::default()),
        },
    )
    .expect("create");
    store
        .create_profile("M07", "Нилуфар С.", "Coalition")
        .expect("profile");
    store.new_hearing().expect("draft");
    drop(store);
    dir
}

/// The hearing list reminds of a backup when drafts have gone without one longer than the
/// setting (7 days by default); a backup made from settings ends the reminder.
#[test]
fn the_list_reminds_of_a_backup_until_one_is_made() {
    let mut h = Harness::start_derived(old_draft(), 120, 24, Lang::En);
    // The interface reads the clock before each key (the terminal loop before each frame).
    h.session.set_now();
    let s = h.screen();
    assert!(
        s.contains("No backup for 10 days"),
        "the clock says 2026-11-23: {s}"
    );
    // Thirty days allowed: no reminder.
    h.keys("<F9><Down><Down><Right><Right><Esc>");
    assert!(!h.screen().contains("No backup for"), "{}", h.screen());
    h.keys("<F9><Down><Down><Left><Left><Left><Esc>");
    assert!(h.screen().contains("No backup for"), "{}", h.screen());
    h.keys("<F9>b<Esc>");
    assert!(!h.screen().contains("No backup for"), "{}", h.screen());
    assert_eq!(
        h.store().setting("backup_remind_days").expect("setting"),
        Some("3".into())
    );
}

/// The reminder counts from the last backup once a draft changed after it, and is quiet
/// while every draft is in the last backup.
#[test]
fn a_backup_is_due_only_for_drafts_changed_since_the_last_one() {
    let dir = old_draft();
    let open_at = |at: &str| {
        Store::open(
            &dir.path().join("c.db"),
            PASS,
            OpenMode::Existing,
            spec(),
            Sources {
                clock: Box::new(FixedClock::new(
                    DateTime::parse_from_rfc3339(at).expect("time"),
                )),
                ids: Box::new(SequentialIds::starting_at(100)),
            },
        )
        .expect("open")
    };
    let store = open_at("2026-11-18T09:00:00+05:00");
    assert_eq!(store.backup_due(7).expect("due"), None, "5 days");
    assert_eq!(store.backup_due(3).expect("due"), Some(5));
    store.backup(&dir.path().join("backups")).expect("backup");
    assert_eq!(store.backup_due(3).expect("due"), None, "just backed up");
    drop(store);
    let store = open_at("2026-11-30T12:00:00+05:00");
    assert_eq!(
        store.backup_due(7).expect("due"),
        None,
        "nothing changed since"
    );
    let draft = store
        .hearing_ids(&Default::default())
        .expect("ids")
        .first()
        .copied()
        .expect("the draft");
    store
        .set_field(
            draft,
            courtwatch::domain::Entity::Hearing,
            draft,
            "hearing_date",
            "2026-11-30",
        )
        .expect("edit");
    assert_eq!(
        store.backup_due(7).expect("due"),
        Some(12),
        "counted from the last backup: what changed after it is not in it"
    );
    drop(store);
    let store = open_at("2026-12-10T12:00:00+05:00");
    assert_eq!(store.backup_due(7).expect("due"), Some(22));
}

/// In a real terminal: change the passphrase from settings, lock, unlock with the new one;
/// make a backup from settings.
#[test]
fn journey_change_the_passphrase_lock_unlock_and_back_up() {
    let env = Env::derived();
    env.ok(&["init", "--code", "M07", "--name", "Нилуфар С."]);
    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    t.wait_for("No hearings yet");
    t.keys(&["F9"]);
    t.wait_for("Passphrase");
    for _ in 0..4 {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    t.wait_for("Current passphrase");
    t.text(PASS);
    t.keys(&["Tab"]);
    t.text(NEW);
    t.keys(&["Tab"]);
    t.text(NEW);
    t.keys(&["Enter"]);
    t.wait_for("The passphrase is changed");
    t.keys(&["C-l"]);
    t.wait_for("Locked");
    t.text(PASS);
    t.keys(&["Enter"]);
    t.wait_for("Wrong passphrase");
    // The wait after a wrong try is a second: the new passphrase is tried until it is taken
    // (a try made too soon is not tried). Each try waits for the field to fill and empty.
    let dots = "•".repeat(NEW.chars().count());
    let start = std::time::Instant::now();
    loop {
        t.text(NEW);
        t.wait("the passphrase typed", |s| s.contains(&dots));
        t.keys(&["Enter"]);
        let s = t.wait("the try answered", |s| !s.contains('•'));
        if !s.contains("Locked") {
            break;
        }
        assert!(
            start.elapsed() < super::journeys::deadline(),
            "the new passphrase never unlocked: {s}"
        );
    }
    t.wait_for("Settings");
    // Up from the passphrase row to the backup row, then make one.
    t.keys(&["Up", "Enter"]);
    t.wait_for("Backup written");
    let backups = env.dir.path().join("backups");
    let files: Vec<_> = std::fs::read_dir(&backups)
        .expect("backups folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let copy = Store::open(
        &files[0],
        NEW,
        OpenMode::ReadOnly,
        Arc::clone(&spec()),
        Sources::fixed(),
    );
    assert!(copy.is_ok(), "the backup opens with the new passphrase");
}

/// Nothing of the screen beneath shows beside a dialog's border: no stray first letters of
/// the settings, the keys or the output log at the left of the box, no ends of lines at its
/// right.
fn assert_nothing_beside_the_box(screen: &str) {
    for line in screen.lines() {
        let (Some(first), Some(last)) = (line.find(['│', '┌', '└']), line.rfind(['│', '┐', '┘']))
        else {
            continue;
        };
        assert!(
            line[..first].trim().is_empty() && line[last..].chars().skip(1).all(|c| c == ' '),
            "beside the box: {line:?}\n{screen}"
        );
    }
}

/// The two dialogs fit an 80×24 terminal in each language, labels whole.
#[test]
fn snapshot_settings_dialogs() {
    for (lang, name) in [
        (Lang::En, "settings_passphrase_en"),
        (Lang::Ru, "settings_passphrase_ru"),
        (Lang::Tg, "settings_passphrase_tg"),
    ] {
        let mut h = Harness::first_run_derived(80, 24, lang);
        h.create_profile().keys(TO_PASSPHRASE).keys("abc");
        assert_nothing_beside_the_box(&h.screen());
        insta::assert_snapshot!(name, h.screen());
    }
    for (lang, name) in [
        (Lang::En, "settings_erase_en"),
        (Lang::Ru, "settings_erase_ru"),
        (Lang::Tg, "settings_erase_tg"),
    ] {
        let mut h = Harness::first_run_derived(80, 24, lang);
        h.create_profile().keys(TO_ERASE).keys("abc<Tab>er");
        assert_nothing_beside_the_box(&h.screen());
        insta::assert_snapshot!(name, h.screen());
    }
}

/// Waits out the pause after wrong passphrases (the harness's clock moves a second a read).
fn wait_out(h: &mut Harness) {
    for _ in 0..61 {
        h.session.set_now();
    }
}

fn guard_text(h: &Harness) -> String {
    std::fs::read_to_string(h.dir.path().join("c.db-guard")).unwrap_or_default()
}

/// Erasing after wrong passphrases is off unless chosen, and its warning is in sight. Chosen,
/// the limit-th wrong passphrase in a row erases the database; a right one in between starts
/// the count again; the count survives a restart (it is kept next to the database), and the
/// start-up screen counts too.
#[test]
fn erase_after_wrong_passphrases_in_a_row_only_when_chosen() {
    let mut h = Harness::first_run_derived(100, 30, Lang::En);
    h.create_profile().keys("n1-77/26<Esc>");
    let db = h.dir.path().join("c.db");
    let guard = h.dir.path().join("c.db-guard");
    h.keys("<F9><Down><Down><Down><Down><Down>");
    let s = h.screen();
    assert!(
        s.contains("never (off)") && s.contains("erase this database for good"),
        "{s}"
    );
    assert!(!guard.exists(), "off by default");
    h.keys("<Right>");
    assert!(h.screen().contains("5 wrong passphrases in a row"));
    assert_eq!(guard_text(&h), "5 0\n");
    assert_eq!(
        std::fs::metadata(&guard)
            .expect("guard")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    h.keys("<Esc><C-l>");
    for _ in 0..4 {
        wait_out(&mut h);
        h.session.paste("wrong\n");
    }
    assert_eq!(guard_text(&h), "5 4\n");
    wait_out(&mut h);
    h.session.paste(&format!("{PASS}\n"));
    assert!(!h.session.app.is_locked(), "{}", h.screen());
    assert_eq!(
        guard_text(&h),
        "5 0\n",
        "a right passphrase starts the count again"
    );

    // Four wrong at the lock screen, then the program ends; the fifth comes at start-up.
    h.keys("<C-l>");
    for _ in 0..4 {
        wait_out(&mut h);
        h.session.paste("wrong\n");
    }
    assert!(h.session.is_running() && db.exists());
    let dir = h.dir;
    drop(h.session);
    let config = courtwatch::tui::Config {
        db: db.clone(),
        spec: spec(),
        lang: Lang::En,
        read_only: false,
        env_passphrase: None,
        sources: Sources::fixed,
    };
    let texts = std::rc::Rc::new(courtwatch::i18n::Texts::builtin().expect("texts"));
    let mut session = courtwatch::tui::Session::new(config, texts, true);
    session.paste("still wrong\n");
    assert!(!session.is_running(), "the fifth in a row erased it");
    assert!(!db.exists() && !guard.exists(), "nothing left");
    let said = session.app.farewell().unwrap_or_default().to_owned();
    assert!(
        said.contains("after 5 wrong passphrases in a row"),
        "{said}"
    );
    drop(dir);
}

/// With the guard off (the default), wrong passphrases never erase anything.
#[test]
fn without_the_setting_wrong_passphrases_erase_nothing() {
    let mut h = Harness::first_run_derived(80, 24, Lang::En);
    h.create_profile().keys("<C-l>");
    for _ in 0..25 {
        wait_out(&mut h);
        h.session.paste("wrong\n");
    }
    assert!(h.session.is_running());
    assert!(h.dir.path().join("c.db").exists());
    assert!(!h.dir.path().join("c.db-guard").exists());
    wait_out(&mut h);
    h.session.paste(&format!("{PASS}\n"));
    assert!(!h.session.app.is_locked());
}
