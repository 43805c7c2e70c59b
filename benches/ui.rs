//! Key press → finished frame on the hearing list (moving, searching, filtering, sorting) and
//! the hearing form, and the first press of each filter and search after opening, with
//! 100,000 hearings in the database (`cargo bench --bench ui`). The database is built once (about a
//! minute) at `$COURTWATCH_BENCH_DB` or in the temporary directory, and reused.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use courtwatch::clock::Sources;
use courtwatch::i18n::Texts;
use courtwatch::spec::{Lang, Spec};
use courtwatch::store::{Filter, OpenMode, Sort, Store};
use courtwatch::tui::keys::parse;
use courtwatch::tui::{Config, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const HEARINGS: u64 = 100_000;

/// The searches timed, by name: the words typed.
const SEARCHES: [(&str, &str); 11] = [
    ("search: судья (85% of hearings)", "судья"),
    ("search: конвой (70%)", "конвой"),
    ("search: шиканҷа (58%, tg)", "шиканҷа"),
    ("search: ноутбуком (15%)", "ноутбуком"),
    ("search: завлона (17%, tg)", "завлона"),
    ("search: Каримов (a judge)", "Каримов"),
    (
        "search: конвой судшавандаро (2 words)",
        "конвой судшавандаро",
    ),
    ("search: клетке наручниках (2 words)", "клетке наручниках"),
    ("search: 1-599/25 (a case number, rare)", "1-599/25"),
    // A word of two letters (matched whole; as a prefix it matched 99%), and a prefix that
    // starts too many words to be replaced by them (FTS5 answers it as a prefix).
    ("search: за (a two-letter word)", "за"),
    ("search: про (a prefix of many words, 89%)", "про"),
];

/// Each filter of the panel (`f`), by name: the keys that set it, before Ctrl-A applies it.
/// Rows: from, to, court, region, judge, monitor, tag, article, status.
const FILTERS: [(&str, &str); 10] = [
    (
        "filter: date range (one quarter)",
        "f2025-04-01<Tab>2025-06-30",
    ),
    ("filter: court", "f<Tab><Tab><Enter>Khujand City<Enter>"),
    ("filter: region", "f<Tab><Tab><Tab><Enter>Sughd<Enter>"),
    ("filter: judge (part of a name)", "f<Tab><Tab><Tab><Tab>ова"),
    ("filter: monitor", "f<Tab><Tab><Tab><Tab><Tab>M07"),
    (
        "filter: tag (torture alleged)",
        "f<Tab><Tab><Tab><Tab><Tab><Tab><Enter>Torture or<Enter>",
    ),
    (
        "filter: tag (death in custody)",
        "f<Tab><Tab><Tab><Tab><Tab><Tab><Enter>Death in<Enter>",
    ),
    (
        "filter: article 186 (common)",
        "f<Tab><Tab><Tab><Tab><Tab><Tab><Tab>186",
    ),
    (
        "filter: article 143-1 (rare)",
        "f<Tab><Tab><Tab><Tab><Tab><Tab><Tab>143-1",
    ),
    (
        "filter: status final",
        "f<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Enter>final<Enter>",
    ),
];

/// The passphrase of the benchmark database: `$COURTWATCH_PASSPHRASE` or a fixed one.
fn passphrase() -> String {
    std::env::var("COURTWATCH_PASSPHRASE").unwrap_or_else(|_| "benchmark passphrase".into())
}

fn database(spec: &Arc<Spec>) -> PathBuf {
    let path = std::env::var_os("COURTWATCH_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("courtwatch-bench-100k.db"));
    if path.exists() {
        return path;
    }
    eprintln!("building {} with {HEARINGS} hearings…", path.display());
    let mut store = Store::open(
        &path,
        &passphrase(),
        OpenMode::Create,
        Arc::clone(spec),
        Sources::system(),
    )
    .expect("create");
    let me = store.create_profile("M07", "Bench", "").expect("profile");
    let mut hearings = courtwatch::demo::Generator::new(spec, 7, HEARINGS, vec![me]).peekable();
    while hearings.peek().is_some() {
        let mut bulk = store.bulk().expect("bulk write");
        for r in hearings.by_ref().take(1000) {
            bulk.write(&courtwatch::store::Encoded::new(spec, r))
                .expect("write");
        }
        bulk.commit().expect("commit");
    }
    path
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    println!(
        "{name:<40} n={:<4} median {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        times.len(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

fn main() {
    let spec = Arc::new(Spec::builtin().expect("spec"));
    let db = database(&spec);

    let t = Instant::now();
    // Also kept to time the searches in the store alone, at the end.
    let store = Store::open(
        &db,
        &passphrase(),
        OpenMode::Existing,
        Arc::clone(&spec),
        Sources::system(),
    )
    .expect("open");
    let kdf = t.elapsed();

    let texts = Rc::new(Texts::builtin().expect("texts"));
    let config = || Config {
        db: db.clone(),
        spec: Arc::clone(&spec),
        lang: Lang::En,
        read_only: false,
        env_passphrase: Some(passphrase().into()),
        sources: Sources::system,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let t = Instant::now();
    let mut session = Session::new(config(), Rc::clone(&texts), true);
    terminal.draw(|f| session.app.render(f)).expect("draw");
    let start = t.elapsed();
    println!(
        "open (key derivation)            {:>7.1} ms",
        kdf.as_secs_f64() * 1e3
    );
    println!(
        "start to first frame, with it    {:>7.1} ms",
        start.as_secs_f64() * 1e3
    );

    let mut run = |keys: &str| -> Vec<Duration> {
        parse(keys)
            .into_iter()
            .map(|k| {
                let t = Instant::now();
                session.set_now();
                session.press(k);
                terminal.draw(|f| session.app.render(f)).expect("draw");
                t.elapsed()
            })
            .collect()
    };
    report("list: ↓", run(&"<Down>".repeat(300)));
    report("list: PgDn (loads new windows)", run(&"<PgDn>".repeat(100)));
    report("list: End / Home", run(&"<End><Home>".repeat(10)));
    // The first frame's work after unlocking (count, load the first window, draw) is what
    // returning from a hearing does.
    let mut back = Vec::new();
    for _ in 0..10 {
        run("<Enter>");
        back.extend(run("<Esc>"));
    }
    report("list: back from a hearing (count+load)", back);

    // End and Home within a search that matches most hearings: the last page is read from
    // the end, backwards.
    run("/судья<Enter>");
    report(
        "search: End / Home (судья, 85%)",
        run(&"<End><Home>".repeat(10)),
    );
    run("/<Esc>");

    // Search: `/`, the words, then Enter (timed: the query, the count and the frame), then
    // `/` and Esc clear it again. The first press of each is cold (pages not yet cached).
    const ROUNDS: usize = 7;
    let mut timed = |setup: &str, key: &str, undo: &str| -> Vec<Duration> {
        (0..ROUNDS)
            .flat_map(|_| {
                run(setup);
                let t = run(key);
                run(undo);
                t
            })
            .collect()
    };
    for (name, words) in SEARCHES {
        report(name, timed(&format!("/{words}"), "<Enter>", "/<Esc>"));
    }

    // Each filter of the panel (`f`): set it, then Ctrl-A applies it (timed); Ctrl-X clears.
    for (name, setup) in FILTERS {
        report(name, timed(setup, "<C-a>", "f<C-x><C-a>"));
    }
    report(
        "filter: region + search",
        timed(
            "f<Tab><Tab><Tab><Enter>Sughd<Enter><C-a>/конвой",
            "<Enter>",
            "/<Esc>f<C-x><C-a>",
        ),
    );

    // The same searches in the store alone (the page and the count the list asks for on
    // Enter; no keys, no drawing), to tell the queries' time from the rest.
    let search = |words: &str| Filter {
        search: Some(words.to_owned()),
        ..Filter::default()
    };
    let in_sughd = Filter {
        region: Some("sughd".into()),
        ..search("конвой")
    };
    for (name, f) in SEARCHES
        .iter()
        .map(|(name, words)| (format!("store: {name}"), search(words)))
        .chain([("store: region + search".to_owned(), in_sughd)])
    {
        let times = (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                store
                    .list_and_count(&f, Sort::default(), 60, 0)
                    .expect("list");
                t.elapsed()
            })
            .collect();
        report(&name, times);
    }

    // Sorting: `o` steps to the next column (court, judge, case number, monitor, status,
    // date), `r` reverses.
    let mut by_column: Vec<Vec<Duration>> = vec![Vec::new(); 6];
    let mut reverse = Vec::new();
    for _ in 0..ROUNDS {
        for column in &mut by_column {
            column.extend(run("o"));
            reverse.extend(run("r"));
            run("r");
        }
    }
    for (name, times) in [
        "sort: court",
        "sort: judge",
        "sort: case number",
        "sort: monitor",
        "sort: status",
        "sort: date",
    ]
    .into_iter()
    .zip(by_column)
    {
        report(name, times);
    }
    report("sort: reverse (any column)", reverse);
    run("<End>");
    report("sort: date, Home/End", run(&"<Home><End>".repeat(5)));

    run("<Enter>");
    report(
        "form: typing a case number",
        run(&"1-234/26 Ҳуқуқи инсон ".repeat(4)),
    );
    report("form: Tab to the next field", run(&"<Tab>".repeat(60)));
    run("<F4>");
    report("checklist: answer with y", run(&"y".repeat(40)));
    report("checklist: ↓", run(&"<Down>".repeat(50)));
    report(
        "timeline: Ctrl-T stamp",
        run("<C-t><Esc><C-t><Esc><C-t><Esc>"),
    );
    // A final record before its edit reason is given: keys that only move are applied
    // directly, not tried on a copy of the screen first.
    run("<Esc>f<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Enter>final<Enter><C-a><Enter>");
    report(
        "final record: Tab (no reason yet)",
        run(&"<Tab>".repeat(60)),
    );
    run("<F4>");
    report("final record: checklist ↓", run(&"<Down>".repeat(50)));
    run("<Esc>f<C-x><C-a>");

    // The first press of each filter and search after opening: a new session for each, so
    // SQLite's page cache starts empty (the timed presses above find their pages cached from
    // the rounds before). What the OS has cached of the file stays, unless
    // COURTWATCH_BENCH_EVICT is set: then the file is dropped from the OS cache first, as
    // after a restart.
    let evict = std::env::var_os("COURTWATCH_BENCH_EVICT").is_some();
    let firsts = FILTERS
        .iter()
        .map(|&(name, setup)| (name, setup.to_owned(), "<C-a>"))
        .chain(
            SEARCHES
                .iter()
                .map(|&(name, words)| (name, format!("/{words}"), "<Enter>")),
        );
    for (name, setup, key) in firsts {
        if evict {
            drop_from_os_cache(&db);
        }
        let mut session = Session::new(config(), Rc::clone(&texts), true);
        terminal.draw(|f| session.app.render(f)).expect("draw");
        for k in parse(&setup) {
            session.set_now();
            session.press(k);
        }
        let t = Instant::now();
        for k in parse(key) {
            session.set_now();
            session.press(k);
        }
        terminal.draw(|f| session.app.render(f)).expect("draw");
        println!(
            "first press after opening: {name:<40} {:>7.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Asks the OS to forget the file's cached pages (GNU dd: `iflag=nocache count=0`).
fn drop_from_os_cache(path: &std::path::Path) {
    let dropped = std::process::Command::new("dd")
        .arg(format!("if={}", path.display()))
        .args(["iflag=nocache", "count=0", "status=none"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        dropped,
        "dd could not drop {} from the OS cache",
        path.display()
    );
}
