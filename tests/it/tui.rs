//! The terminal UI in process: a real `Session` (the same `press` path as the terminal loop)
//! over a temporary encrypted database, drawn on ratatui's `TestBackend`. Snapshots pin every
//! screen; behaviour tests check what reached the database.

use std::rc::Rc;
use std::sync::Arc;

use courtwatch::clock::Sources;
use courtwatch::domain::{Entity, Status};
use courtwatch::i18n::Texts;
use courtwatch::spec::{Lang, Spec};
use courtwatch::store::{OpenMode, Store};
use courtwatch::tui::keys::parse;
use courtwatch::tui::{Config, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::support::{PASS, PASSPHRASE};

pub struct Harness {
    pub session: Session,
    terminal: Terminal<TestBackend>,
    pub dir: tempfile::TempDir,
    spec: Arc<Spec>,
    /// The database's key ([`PASS`], or [`PASSPHRASE`] for the tests of passphrases).
    pass: &'static str,
}

pub fn spec() -> Arc<Spec> {
    Arc::new(Spec::builtin().unwrap_or_else(|p| panic!("{p:?}")))
}

impl Harness {
    /// A session on a new database (first run), the passphrase given as if in the environment.
    pub fn first_run(width: u16, height: u16, lang: Lang) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        Harness::start(dir, width, height, lang)
    }

    /// [`Harness::first_run`] with [`PASSPHRASE`], stretched into the key as a monitor's is.
    pub fn first_run_derived(width: u16, height: u16, lang: Lang) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        Harness::start_derived(dir, width, height, lang)
    }

    /// A session on a database with a profile and `n` demo hearings.
    pub fn with_hearings(width: u16, height: u16, lang: Lang, n: u64) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = spec();
        let mut store = Store::open(
            &dir.path().join("c.db"),
            PASS,
            OpenMode::Create,
            Arc::clone(&spec),
            Sources::fixed(),
        )
        .expect("create");
        let me = store
            .create_profile("M07", "Нилуфар С.", "Coalition")
            .expect("profile");
        let tx = store.begin().expect("tx");
        for r in courtwatch::demo::Generator::new(&spec, 7, n, vec![me]) {
            store.write_record(&tx, &r).expect("write");
        }
        tx.commit().expect("commit");
        drop(store);
        Harness::start(dir, width, height, lang)
    }

    /// A session on the database `dir/c.db` (made beforehand, or first run when there is none).
    pub fn start(dir: tempfile::TempDir, width: u16, height: u16, lang: Lang) -> Harness {
        Harness::start_with(dir, width, height, lang, false, PASS)
    }

    /// [`Harness::start`] on a database keyed by [`PASSPHRASE`].
    pub fn start_derived(dir: tempfile::TempDir, width: u16, height: u16, lang: Lang) -> Harness {
        Harness::start_with(dir, width, height, lang, false, PASSPHRASE)
    }

    /// The same database opened with `--read-only`.
    pub fn reopen_read_only(self) -> Harness {
        let (w, h) = (
            self.terminal.backend().buffer().area.width,
            self.terminal.backend().buffer().area.height,
        );
        let (dir, pass) = (self.dir, self.pass);
        drop(self.session);
        Harness::start_with(dir, w, h, Lang::En, true, pass)
    }

    fn start_with(
        dir: tempfile::TempDir,
        width: u16,
        height: u16,
        lang: Lang,
        read_only: bool,
        pass: &'static str,
    ) -> Harness {
        let spec = spec();
        let config = Config {
            db: dir.path().join("c.db"),
            spec: Arc::clone(&spec),
            lang,
            read_only,
            env_passphrase: Some(pass.into()),
            sources: Sources::fixed,
        };
        let texts = Rc::new(Texts::builtin().unwrap_or_else(|p| panic!("{p:?}")));
        let session = Session::new(config, texts, true);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        Harness {
            session,
            terminal,
            dir,
            spec,
            pass,
        }
    }

    /// Presses keys written in `keys::parse` notation.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        for k in parse(keys) {
            self.session.set_now();
            self.session.press(k);
        }
        self
    }

    /// [`Harness::keys`], as the terminal loop presses them: the frames that long effects
    /// (export, merge, statistics) draw while they run, as text.
    pub fn keys_drawing(&mut self, keys: &str) -> Vec<String> {
        let area = self.terminal.backend().buffer().area;
        let mut term = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
        let mut frames = Vec::new();
        for k in parse(keys) {
            self.session.set_now();
            self.session.press_drawing(k, &mut |app| {
                term.draw(|f| app.render(f)).expect("draw");
                let buf = term.backend().buffer();
                frames.push(buf.content().iter().map(|c| c.symbol()).collect());
            });
        }
        frames
    }

    /// The screen as text, trailing spaces trimmed, with the cursor position last.
    pub fn screen(&mut self) -> String {
        self.terminal
            .draw(|f| self.session.app.render(f))
            .expect("draw");
        let backend = self.terminal.backend();
        let buf = backend.buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let c = backend.cursor_position();
        if backend.cursor_visible() {
            out.push_str(&format!("cursor: {},{}\n", c.x, c.y));
        } else {
            out.push_str("cursor: hidden\n");
        }
        out
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        let _ = self
            .terminal
            .resize(ratatui::layout::Rect::new(0, 0, width, height));
    }

    /// A second connection to the database, as another program would read it.
    pub fn store(&self) -> Store {
        Store::open(
            &self.dir.path().join("c.db"),
            self.pass,
            OpenMode::ReadOnly,
            Arc::clone(&self.spec),
            Sources::fixed(),
        )
        .expect("open")
    }

    /// Creates the profile on the first-run screen.
    pub fn create_profile(&mut self) -> &mut Self {
        self.keys("M07<Tab>Нилуфар С.<Tab>Coalition<Enter>")
    }
}

/// The screen's title as the title bar shows it (`courtwatch · TITLE`), up to the gap before
/// the monitor.
pub fn title(screen: &str) -> String {
    let bar = screen.lines().next().unwrap_or("").trim_start();
    let title = bar.strip_prefix("courtwatch · ").unwrap_or("");
    title.split("  ").next().unwrap_or("").to_owned()
}

/// Checks a screen drawn at `w`×`h`: below 60×16 as much of the message that the terminal is
/// too small as fits, and nothing else; from 60×16 up, the screen titled `title` (its first
/// word at least, as a narrow title bar may cut the rest) with its footer of keys.
pub fn assert_drawn(screen: &str, (w, h): (u16, u16), title: &str) {
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(
        lines.len(),
        usize::from(h) + 1,
        "{w}x{h}: rows and cursor:\n{screen}"
    );
    let rows = &lines[..lines.len() - 1];
    if w < 60 || h < 16 {
        let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let shown = compact(&rows.concat());
        let message = compact(
            "The terminal is too small. courtwatch needs at least 60 columns and 16 lines: \
             enlarge the window or reduce the font size.",
        );
        assert!(
            !shown.is_empty() && message.starts_with(&shown),
            "{w}x{h}: not the start of the message:\n{screen}"
        );
    } else {
        let first = title.split_whitespace().next().unwrap_or("");
        assert!(
            rows[0]
                .trim_start()
                .starts_with(&format!("courtwatch · {first}")),
            "{w}x{h}: not the screen {title:?}:\n{screen}"
        );
        assert!(
            !rows[rows.len() - 1].trim().is_empty(),
            "{w}x{h}: no footer:\n{screen}"
        );
    }
}

fn only_hearing(store: &Store) -> uuid::Uuid {
    let ids = store.hearing_ids(&Default::default()).expect("ids");
    assert_eq!(ids.len(), 1, "exactly one hearing expected");
    ids[0]
}

// ---- snapshots -------------------------------------------------------------------------------

macro_rules! snap {
    ($name:expr, $h:expr) => {
        insta::assert_snapshot!($name, $h.screen());
    };
}

#[test]
fn snapshot_first_run_screens() {
    for (lang, name) in [
        (Lang::En, "first_run_en"),
        (Lang::Ru, "first_run_ru"),
        (Lang::Tg, "first_run_tg"),
    ] {
        let mut h = Harness::first_run(80, 24, lang);
        snap!(name, h);
    }
    // Without the passphrase in the environment, it is asked twice with a strength hint.
    let asking = |lang: Lang, width: u16, height: u16| {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config {
            db: dir.path().join("c.db"),
            spec: spec(),
            lang,
            read_only: false,
            env_passphrase: None,
            sources: Sources::fixed,
        };
        let texts = Rc::new(Texts::builtin().expect("texts"));
        let mut h = Harness {
            session: Session::new(config, texts, true),
            terminal: Terminal::new(TestBackend::new(width, height)).expect("t"),
            dir,
            spec: spec(),
            pass: "correct horse battery staple",
        };
        h.keys("M07<Tab>Name<Tab><Tab>correct horse battery staple");
        h
    };
    let mut h = asking(Lang::En, 80, 24);
    snap!("first_run_passphrase", h);
    // The warning that a lost passphrase loses the records is never cut: whole at 80×24 (it
    // lost its last line there once), and at the smallest size drawn, in every language.
    for (lang, end) in [
        (Lang::En, "in the laptop bag."),
        (Lang::Ru, "в сумке с ноутбуком."),
        (Lang::Tg, "дар халтаи ноутбук."),
    ] {
        for (width, height) in [(80, 24), (60, 16)] {
            let screen = asking(lang, width, height).screen();
            let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(end),
                "{lang:?} at {width}x{height}:\n{screen}"
            );
        }
    }
}

#[test]
fn snapshot_hearing_list() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 30);
    snap!("list_80x24", h);
    h.resize(60, 18);
    snap!("list_60x18", h);
    let mut h = Harness::with_hearings(80, 24, Lang::Ru, 30);
    snap!("list_ru", h);
    let mut h = Harness::with_hearings(80, 24, Lang::Tg, 30);
    snap!("list_tg", h);
}

/// The first run on the screen says how to get the lead's key (issue 17, point 1), as the
/// command line's `init` does, in the monitor's language; once a lead's key is in the roster
/// it says no more.
#[test]
fn the_first_run_says_how_to_get_the_leads_key() {
    for (lang, words) in [
        (Lang::En, "courtwatch keys show --recipient"),
        (Lang::Ru, "сверьте с ним отпечаток вслух"),
        (Lang::Tg, "изи ангушти онро бо ӯ"),
    ] {
        let mut h = Harness::first_run(100, 30, lang);
        h.create_profile();
        let screen = h.screen();
        assert!(screen.contains("courtwatch keys add"), "{lang:?}: {screen}");
        // Wrapped, never cut: the whole sentence is there once the lines are joined.
        let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(words), "{lang:?}: {screen}");
    }
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile();
    let Harness { dir, session, .. } = h;
    drop(session);
    let store = Store::open(
        &dir.path().join("c.db"),
        PASS,
        OpenMode::Existing,
        spec(),
        Sources::fixed(),
    )
    .expect("open");
    store
        .roster_add(
            &courtwatch::keys::PublicKey {
                kind: courtwatch::keys::KeyKind::Recipient,
                text: courtwatch::keys::AgeIdentity::generate().recipient(),
            },
            "Lead",
            "keys_add",
        )
        .expect("roster");
    drop(store);
    let mut h = Harness::start(dir, 100, 30, Lang::En);
    let screen = h.screen();
    assert!(screen.contains("No hearings yet"), "{screen}");
    assert!(!screen.contains("keys add"), "{screen}");
}

#[test]
fn snapshot_list_empty_help_and_search() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile();
    snap!("list_empty", h);
    h.keys("<F1>");
    snap!("help_list", h);
    // Taller than the popup: it scrolls, and the last lines are the keys that work
    // everywhere and how to close it.
    assert!(!h.screen().contains("Ctrl-L"), "{}", h.screen());
    h.keys("<End>");
    snap!("help_list_end", h);
    let end = h.screen();
    assert!(
        end.contains("Ctrl-L") && end.contains("Esc/F1/?/q: close this help"),
        "{end}"
    );
    h.keys("<Down><Down>");
    assert_eq!(h.screen(), end, "nothing lies past the end");
    h.keys("<Up>");
    assert_ne!(h.screen(), end, "one line back up");
    h.keys("<Home>");
    let top = h.screen();
    assert!(top.contains("On this screen"), "{top}");
    h.keys("<PgDn>");
    assert!(!h.screen().contains("On this screen"), "{}", h.screen());
    h.keys("<PgUp>");
    assert_eq!(h.screen(), top);
    h.keys("<Esc>/пытк");
    snap!("list_search_typing", h);
    // Nothing matches: the list says so, instead of inviting a first hearing.
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(
        screen.contains("No hearing matches the search or the filters.")
            && !screen.contains("Press n"),
        "{screen}"
    );
    // Opened read-only, an empty database offers no key that would record one.
    let mut h = h.reopen_read_only();
    let screen = h.screen();
    assert!(
        screen.contains("No hearings in this database.") && !screen.contains("Press n"),
        "{screen}"
    );
}

/// A filter that matches nothing says so, as a search does.
#[test]
fn a_filter_that_matches_nothing_says_so() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 5);
    // The article row of the filter panel, an article nobody is charged under, applied.
    h.keys("f<Tab><Tab><Tab><Tab><Tab><Tab><Tab>999-9<C-a>");
    let screen = h.screen();
    assert!(
        screen.contains("No hearing matches the search or the filters.")
            && !screen.contains("No hearings yet"),
        "{screen}"
    );
}

/// The hearing screens, step by step, at 80×24 and at a narrow 60×18.
#[test]
fn snapshot_hearing_tabs() {
    let steps: &[(&str, &str)] = &[
        ("n", "hearing_details_new"),
        ("<F3><C-a>", "hearing_people"),
        ("<F4>", "hearing_checklist"),
        ("n", "hearing_checklist_comment"),
        ("<Esc><F5>", "hearing_allegations_empty"),
        ("<C-a>", "hearing_allegation_who"),
        ("<Enter>", "hearing_allegation_form"),
        ("<C-t>", "hearing_stamp_dialog"),
        ("open<Enter><F6>", "hearing_timeline"),
        ("<C-s>", "hearing_problems"),
        ("<Esc><F2><Tab>", "hearing_details_second_field"),
    ];
    for (width, height, suffix) in [(80, 24, ""), (60, 18, "_60x18")] {
        let mut h = Harness::first_run(width, height, Lang::En);
        h.create_profile();
        for (keys, name) in steps {
            h.keys(keys);
            snap!(format!("{name}{suffix}"), h);
        }
    }
}

#[test]
fn snapshot_settings() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("<F9>");
    snap!("settings", h);
}

#[test]
fn settings_change_the_language_and_the_lock_time_at_once() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("<F9><Right>");
    assert!(
        h.screen().contains("Язык"),
        "the interface switched to Russian"
    );
    h.keys("<Down><Left><Left>");
    h.session.tick(60);
    assert!(
        h.screen().contains("Заблокировано"),
        "a minute idle locks now: {}",
        h.screen()
    );
    let store = h.store();
    assert_eq!(
        store.setting("lang").expect("setting").as_deref(),
        Some("ru")
    );
    assert_eq!(
        store.setting("lock_minutes").expect("setting").as_deref(),
        Some("1")
    );
}

#[test]
fn snapshot_hearing_in_russian_and_tajik() {
    for (lang, name) in [
        (Lang::Ru, "hearing_details_ru"),
        (Lang::Tg, "hearing_checklist_tg"),
    ] {
        let mut h = Harness::first_run(80, 24, lang);
        h.create_profile().keys("n");
        if lang == Lang::Tg {
            h.keys("<F4>");
        }
        snap!(name, h);
    }
}

#[test]
fn snapshot_lock_and_too_small() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("<C-l>");
    snap!("locked", h);
    h.resize(40, 12);
    snap!("too_small", h);
}

// ---- behaviour -------------------------------------------------------------------------------

#[test]
fn a_new_hearing_opens_with_the_cursor_in_the_case_number_field() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("1-77/26"))
        .expect("case number shown");
    assert!(line.contains("Court case number"), "{line}");
    let cursor = screen.lines().last().expect("cursor line");
    let row = screen
        .lines()
        .position(|l| l.contains("1-77/26"))
        .expect("row");
    assert!(
        cursor.ends_with(&format!(",{row}")),
        "cursor {cursor} not on row {row}"
    );
}

#[test]
fn typing_is_saved_on_field_exit_and_on_the_periodic_flush() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26");
    let id = only_hearing(&h.store());
    let case = |h: &Harness| {
        h.store()
            .load_hearing(id)
            .expect("load")
            .case
            .fields
            .get("court_case_number")
            .cloned()
    };
    assert_eq!(case(&h), None, "nothing is saved before the flush");
    h.session.tick(0);
    assert_eq!(
        case(&h).as_deref(),
        Some("1-77/26"),
        "the tick saves what was typed"
    );
    h.keys("8<Tab>");
    assert_eq!(
        case(&h).as_deref(),
        Some("1-77/268"),
        "leaving the field saves it"
    );
}

#[test]
fn choice_lists_filter_by_typing_in_the_interface_language() {
    let mut h = Harness::first_run(80, 24, Lang::Ru);
    h.create_profile().keys("n<Tab><Enter>");
    let before = h.screen();
    h.keys("уголов");
    let after = h.screen();
    assert!(after.lines().count() > 0 && after != before);
    h.keys("<Enter>");
    let id = only_hearing(&h.store());
    let r = h.store().load_hearing(id).expect("load");
    assert_eq!(
        r.case.fields.get("case_type").map(String::as_str),
        Some("criminal")
    );
}

#[test]
fn relevance_shows_the_closure_ground_only_for_closed_hearings() {
    let mut h = Harness::first_run(100, 60, Lang::En);
    h.create_profile().keys("n");
    let id = only_hearing(&h.store());
    assert!(!h.screen().contains("Ground for closing"));
    // Choose the access field through the store, as another screen would, then reopen.
    let r = h.store().load_hearing(id).expect("load");
    drop(r);
    h.keys("<Esc>");
    {
        let s = Store::open(
            &h.dir.path().join("c.db"),
            PASS,
            OpenMode::Existing,
            spec(),
            Sources::fixed(),
        )
        .expect("open");
        s.set_field(id, Entity::Hearing, id, "hearing_held", "held")
            .expect("held");
        s.set_field(id, Entity::Hearing, id, "public_access", "closed_entire")
            .expect("closed");
    }
    h.keys("<Enter>");
    let screen = h.screen();
    let closure = Spec::builtin()
        .expect("spec")
        .field("closure_ground")
        .map(|(_, f)| f.label.en.clone())
        .expect("field");
    assert!(
        screen.contains(&closure[..closure.len().min(20)]),
        "{screen}"
    );
}

#[test]
fn checklist_keys_answer_and_no_requires_a_comment() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n<F4>y");
    let id = only_hearing(&h.store());
    let first = h.store().load_hearing(id).expect("load").answers;
    assert_eq!(first.len(), 1);
    assert_eq!(
        (first[0].item_code.as_str(), first[0].answer.as_str()),
        ("PUB-01", "yes")
    );
    h.keys("nlist not posted<Enter>");
    let answers = h.store().load_hearing(id).expect("load").answers;
    let pub02 = answers
        .iter()
        .find(|a| a.item_code == "PUB-02")
        .expect("PUB-02 answered");
    assert_eq!(
        (pub02.answer.as_str(), pub02.comment.as_str()),
        ("no", "list not posted")
    );
}

#[test]
fn people_per_hearing_facts_and_per_defendant_items() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n<F3><C-a><C-a>");
    let id = only_hearing(&h.store());
    let r = h.store().load_hearing(id).expect("load");
    let mut codes: Vec<_> = r
        .parties
        .iter()
        .filter_map(|p| p.fields.get("display_code").cloned())
        .collect();
    codes.sort();
    assert_eq!(codes, ["D1", "D2"]);
    assert_eq!(r.hearing_parties.len(), 2);
}

/// Issue 15, point 8: Ctrl-G put the cursor on the person, not on the charge it added; what
/// was typed next went into the person's fields.
#[test]
fn ctrl_g_puts_the_cursor_on_the_new_charge() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    // The charge's first field is the legal code (a list); Tab goes to the article.
    // Tab out of the article saves it.
    h.create_profile().keys("n<F3><C-a><C-g><Tab>186<Tab>");
    let id = only_hearing(&h.store());
    let r = h.store().load_hearing(id).expect("load");
    assert_eq!(r.charges.len(), 1);
    assert_eq!(
        r.charges[0].fields.get("article").map(String::as_str),
        Some("186"),
        "{:?}",
        r.charges[0].fields
    );
    assert!(
        r.parties[0].fields.values().all(|v| !v.contains("186")),
        "{:?}",
        r.parties[0].fields
    );
}

#[test]
fn ctrl_t_stamps_the_time_at_once_and_the_event_can_be_named() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n<C-t>");
    let id = only_hearing(&h.store());
    let t = h.store().load_hearing(id).expect("load").timeline;
    assert_eq!(t.len(), 1, "the stamp is saved before the event is named");
    h.keys("recess<Tab>judge left<Enter>");
    let t = h.store().load_hearing(id).expect("load").timeline;
    assert_eq!(
        (t[0].code.as_str(), t[0].note.as_str()),
        ("recess_started", "judge left")
    );
    assert_eq!(t.len(), 1);
}

#[test]
fn finalising_lists_problems_and_enter_jumps_to_the_field() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n<C-s>");
    let screen = h.screen();
    assert!(screen.contains("Fix before finalising"), "{screen}");
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(!screen.contains("Fix before finalising"));
    let cursor_row: usize = screen
        .lines()
        .last()
        .and_then(|l| l.rsplit(',').next())
        .and_then(|n| n.parse().ok())
        .expect("cursor");
    let row = screen.lines().nth(cursor_row).expect("row");
    assert!(
        row.starts_with('*'),
        "the jump lands on a required field: {row}"
    );
    let id = only_hearing(&h.store());
    assert_eq!(
        h.store().load_hearing(id).expect("load").hearing.status,
        Status::Draft
    );
}

#[test]
fn ctrl_l_locks_and_only_the_passphrase_unlocks() {
    let mut h = Harness::first_run_derived(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26<C-l>");
    let screen = h.screen();
    assert!(
        !screen.contains("1-77/26"),
        "nothing of the record shows while locked"
    );
    assert!(screen.contains("Locked"));
    h.keys("wrong<Enter>");
    assert!(h.screen().contains("Wrong passphrase"));
    let pass: String = PASSPHRASE
        .chars()
        .map(|c| {
            if c == '<' {
                "<lt>".to_owned()
            } else {
                c.to_string()
            }
        })
        .collect();
    h.keys(&format!("{pass}<Enter>"));
    let screen = h.screen();
    assert!(screen.contains("1-77/26"), "{screen}");
    // Locking saved what was typed.
    let id = only_hearing(&h.store());
    assert_eq!(
        h.store()
            .load_hearing(id)
            .expect("load")
            .case
            .fields
            .get("court_case_number")
            .map(String::as_str),
        Some("1-77/26")
    );
}

#[test]
fn the_idle_timeout_locks_the_screen() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile();
    h.session.tick(60);
    assert!(!h.screen().contains("Locked"));
    h.session.tick(5 * 60);
    assert!(h.screen().contains("Locked"));
}

#[test]
fn esc_returns_to_the_list_which_shows_the_hearing_and_q_quits() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26<Esc>");
    assert!(h.screen().contains("1-77/26"));
    h.keys("q");
    assert!(!h.session.is_running());
}

#[test]
fn a_tiny_terminal_gets_a_message_and_no_panic() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n");
    let hearing = title(&h.screen());
    assert_eq!(hearing, "2026-11-23 · draft");
    for (w, hgt) in [
        (1, 1),
        (10, 3),
        (40, 12),
        (59, 30),
        (60, 15),
        (200, 60),
        (80, 24),
    ] {
        h.resize(w, hgt);
        assert_drawn(&h.screen(), (w, hgt), &hearing);
    }
}

#[test]
fn read_only_offers_no_key_that_edits_and_shows_the_detail_view() {
    let h = Harness::with_hearings(80, 24, Lang::En, 5);
    let mut h = h.reopen_read_only();
    let screen = h.screen();
    assert!(screen.contains("read-only"), "{screen}");
    assert!(
        !screen.contains("new hearing"),
        "no new hearing in the footer: {screen}"
    );
    h.keys("n");
    assert_eq!(
        h.store()
            .hearing_ids(&Default::default())
            .expect("ids")
            .len(),
        5,
        "n creates nothing"
    );
    h.keys("<Enter>");
    let detail = h.screen();
    assert!(detail.contains("== Case =="), "{detail}");
    assert!(!detail.contains(" edit"), "no edit key: {detail}");
    snap!("detail_read_only", h);
    // Printing would write a file the read-only database cannot log: nothing is written.
    h.keys("p");
    assert!(!h.dir.path().join("printouts").exists());
    assert!(h.screen().contains("open read-only"), "{}", h.screen());
}

#[test]
fn the_filter_panel_and_sorting_narrow_and_order_the_list() {
    let mut h = Harness::with_hearings(120, 30, Lang::En, 40);
    snap!("list_wide_120x30", h);
    let total = |h: &mut Harness| -> u64 {
        let s = h.screen();
        let line = s
            .lines()
            .find(|l| l.contains(" hearing"))
            .expect("count line")
            .to_owned();
        line.split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number")
    };
    assert_eq!(total(&mut h), 40);
    h.keys("f");
    snap!("filter_panel", h);
    // Region: the fourth row; choose Sughd in the picker, then apply.
    h.keys("<Tab><Tab><Tab><Enter>sughd<Enter><C-a>");
    let sughd = total(&mut h);
    let expected = h
        .store()
        .count_hearings(&courtwatch::store::Filter {
            region: Some("sughd".into()),
            ..Default::default()
        })
        .expect("count");
    assert_eq!(sughd, expected);
    assert!(sughd > 0 && sughd < 40, "{sughd}");
    assert!(h.screen().contains("filtered"));
    // Clearing all filters brings every hearing back.
    h.keys("f<C-x><C-a>");
    assert_eq!(total(&mut h), 40);
    // o sorts by the next column (court), r reverses.
    h.keys("o");
    assert!(h.screen().contains("Court▼"), "{}", h.screen());
    h.keys("r");
    assert!(h.screen().contains("Court▲"));

    // At the smallest size drawn, the panel's rows follow the focus down to the last one
    // (status), and its keys stay in view.
    h.resize(60, 16);
    h.keys("f");
    let first = h.screen();
    assert!(
        first.contains("From date") && first.contains("Esc close"),
        "{first}"
    );
    h.keys(&"<Tab>".repeat(8));
    snap!("filter_panel_60x16_last_row", h);
    let last = h.screen();
    assert!(
        last.contains("Status") && last.contains("Esc close"),
        "{last}"
    );
    h.keys("<Enter>");
    assert!(
        h.screen().contains("reviewed"),
        "the status picker: {}",
        h.screen()
    );
}

#[test]
fn editing_a_final_record_asks_why_then_saves() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 3);
    // Open the first final hearing of the list.
    h.keys("<Enter>");
    for _ in 0..3 {
        if h.screen().contains("final v1") {
            break;
        }
        h.keys("<Esc><Down><Enter>");
    }
    assert!(h.screen().contains("final v1"), "{}", h.screen());
    h.keys("X");
    let screen = h.screen();
    assert!(
        screen.contains("Editing a final record"),
        "the reason is asked: {screen}"
    );
    h.keys("corrected the case number<Enter>");
    h.session.tick(0);
    let opened = h.store().hearing_ids(&Default::default()).expect("ids");
    let edited = opened
        .iter()
        .map(|i| h.store().load_hearing(*i).expect("load"))
        .find(|r| r.hearing.version == 2)
        .expect("a new version was saved after the answer");
    assert_eq!(edited.audit.len(), 1);
    assert_eq!(edited.audit[0].reason, "corrected the case number");
    assert!(!h.screen().contains("Editing a final record"));
}

#[test]
fn s_shows_the_statistics_of_the_lists_filter() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 40);
    // While they are computed, the list says so; the message goes with them.
    let frames = h.keys_drawing("s");
    assert!(
        frames
            .iter()
            .any(|f| f.contains("Computing statistics…") && f.contains("Hearings")),
        "{frames:?}"
    );
    let screen = h.screen();
    assert!(
        screen.contains("Statistics") && screen.contains("All hearings"),
        "{screen}"
    );
    assert!(!screen.contains("Computing"), "{screen}");
    assert!(
        screen.contains('█') || screen.contains('░'),
        "shares come with bars: {screen}"
    );
    snap!("statistics_100x30", h);
    // On a narrow terminal the note on denominators wraps instead of being cut.
    h.resize(60, 16);
    let narrow = h.screen();
    assert!(narrow.contains("follows each share."), "{narrow}");
    h.resize(100, 30);
    h.keys("<Esc>f<Tab><Tab><Tab><Enter>sughd<Enter><C-a>s");
    assert!(
        h.screen().contains("Filter: Region: Sughd"),
        "{}",
        h.screen()
    );
}

#[test]
fn the_statistics_screen_names_its_filter_and_writes_reports_of_it() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 40);
    h.keys("f<Tab><Tab><Tab><Enter>sughd<Enter><C-a>s");
    let screen = h.screen();
    assert!(screen.contains("Filter: Region: Sughd"), "{screen}");
    // Shares come with their 95 % interval.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Took place") && l.contains('–') && l.contains("%")),
        "{screen}"
    );
    assert!(
        screen.contains("report (HTML)"),
        "the key is offered:\n{screen}"
    );
    // r writes the HTML report of the same filter next to the database, and says where.
    let frames = h.keys_drawing("r");
    assert!(
        frames.iter().any(|f| f.contains("Writing the report…")),
        "{frames:?}"
    );
    let folder = h.dir.path().join("printouts");
    let written = |ext: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&folder)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == ext))
                    .collect()
            })
            .unwrap_or_default()
    };
    let html = written("html");
    assert_eq!(html.len(), 1, "{html:?}");
    let name = html[0].file_name().and_then(|n| n.to_str()).expect("name");
    assert!(name.starts_with("report-"), "{name}");
    assert!(h.screen().contains("Report written to"), "{}", h.screen());
    let page = std::fs::read_to_string(&html[0]).expect("report");
    assert!(
        page.contains("<td>Region: Sughd Region</td>"),
        "the filter is named"
    );
    assert!(
        page.contains("Marked for publication"),
        "reports from the screen are public"
    );
    // x writes the workbook.
    h.keys("x");
    assert_eq!(written("xlsx").len(), 1);
    assert!(
        h.screen().contains("Filter: Region: Sughd"),
        "still on the screen"
    );
}

#[test]
fn b_breaks_the_statistics_down_by_codes_then_court_region_judge_month_and_monitor() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 40);
    h.keys("s");
    assert!(
        h.screen().contains("breakdown"),
        "the key is offered:\n{}",
        h.screen()
    );
    assert!(!h.screen().contains("by region"), "{}", h.screen());
    h.keys("bbb");
    let screen = h.screen();
    assert!(
        screen.contains("Filter: All hearings (no filter) — by region."),
        "{screen}"
    );
    assert!(
        screen.contains("  by region"),
        "a heading under the figure:\n{screen}"
    );
    let regions = ["Dushanbe", "Sughd", "Khatlon", "GBAO", "Republican"];
    assert!(
        regions.iter().any(|r| screen.contains(&format!("    {r}"))),
        "rows named by region:\n{screen}"
    );
    snap!("statistics_by_region_100x30", h);
    // Round the cycle back to no breakdown.
    h.keys("bbbb");
    assert!(!h.screen().contains("  by "), "{}", h.screen());
}

#[test]
fn the_statistics_screen_speaks_russian() {
    let mut h = Harness::with_hearings(100, 30, Lang::Ru, 40);
    h.keys("s");
    let screen = h.screen();
    for words in [
        "Количество",
        "Наблюдаемые заседания",
        "(> 30 мин)",
        "Своевременность",
    ] {
        assert!(screen.contains(words), "{words:?} missing:\n{screen}");
    }
    assert!(!screen.contains("Hearings monitored"), "{screen}");
    assert!(screen.contains(" мин (n="), "units in Russian:\n{screen}");
    snap!("statistics_ru_100x30", h);
}

/// Locking closes the database (its log goes with the last connection), and typing on while
/// locked saves nothing anywhere; unlocking opens it again and work goes on.
#[test]
fn locking_closes_the_database_and_unlocking_opens_it_again() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26");
    let wal = h.dir.path().join("c.db-wal");
    assert!(wal.exists(), "open: the log is there");
    h.keys("<C-l>");
    assert!(!wal.exists(), "locked: the database is closed");
    // Nothing can reach the file while locked: another program may take it whole.
    let conn = rusqlite::Connection::open(h.dir.path().join("c.db")).expect("open");
    conn.pragma_update(None, "key", PASS).expect("key");
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "delete", "no other connection holds it");
    drop(conn);
    h.session.paste(&format!("{PASS}\n"));
    assert!(!h.session.app.is_locked());
    h.keys("<Tab>");
    h.session.flush();
    let id = only_hearing(&h.store());
    assert_eq!(
        h.store()
            .load_hearing(id)
            .expect("load")
            .case
            .fields
            .get("court_case_number")
            .map(String::as_str),
        Some("1-77/26")
    );
}

/// Each wrong passphrase makes the next try wait longer (1 s, 2 s, 4 s …); a try made
/// before the wait is over is not even tried, the right passphrase included. The harness's
/// clock moves one second per key read; pasting reads none.
#[test]
fn wrong_passphrases_wait_longer_each_time() {
    assert_eq!(
        (1..=9)
            .map(courtwatch::tui::app::unlock_delay)
            .collect::<Vec<_>>(),
        [1, 2, 4, 8, 16, 32, 60, 60, 60]
    );
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("<C-l>");
    h.session.paste("wrong\n");
    assert!(h.screen().contains("Wait 1 s"), "{}", h.screen());
    h.session.paste(&format!("{PASS}\n"));
    assert!(h.session.app.is_locked(), "too soon: not tried");
    h.session.set_now();
    h.session.paste("wrong again\n");
    assert!(h.screen().contains("Wait 2 s"), "{}", h.screen());
    h.session.set_now();
    h.session.paste(&format!("{PASS}\n"));
    assert!(h.session.app.is_locked(), "one second of two: not tried");
    assert!(h.screen().contains("Wait 1 s"), "{}", h.screen());
    h.session.set_now();
    h.session.paste("wrong a third time\n");
    assert!(h.screen().contains("Wait 4 s"), "{}", h.screen());
    for _ in 0..4 {
        h.session.set_now();
    }
    h.session.paste(&format!("{PASS}\n"));
    assert!(!h.session.app.is_locked(), "{}", h.screen());
    // The count starts again after a success.
    h.keys("<C-l>");
    h.session.paste("wrong\n");
    assert!(h.screen().contains("Wait 1 s"), "{}", h.screen());
}

/// Settings say when the last backup was made; `b` makes one next to the database, encrypted.
#[test]
fn settings_make_a_backup_and_show_when() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-77/26<Esc><F9>");
    assert!(h.screen().contains("Last backup"), "{}", h.screen());
    assert!(h.screen().contains("never —"), "{}", h.screen());
    h.keys("b");
    let screen = h.screen();
    assert!(screen.contains("Backup written"), "{screen}");
    assert!(!screen.contains("never —"), "{screen}");
    let dir = h.dir.path().join("backups");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("backups folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("courtwatch-M07-backup-"), "{name}");
    let spec = spec();
    let copy = Store::open(&files[0], PASS, OpenMode::ReadOnly, spec, Sources::fixed())
        .expect("the backup opens with the passphrase");
    assert_eq!(
        copy.count_hearings(&courtwatch::store::Filter::default())
            .expect("count"),
        1,
        "the draft is in the backup"
    );
}
