//! Key press → finished frame on the hearing list and the hearing form, with 100,000
//! hearings in the database (`cargo bench --bench ui`). The database is built once (about a
//! minute) at `$COURTWATCH_BENCH_DB` or in the temporary directory, and reused.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use courtwatch::clock::Sources;
use courtwatch::i18n::Texts;
use courtwatch::spec::{Lang, Spec};
use courtwatch::store::{OpenMode, Store};
use courtwatch::tui::keys::parse;
use courtwatch::tui::{Config, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const HEARINGS: u64 = 100_000;

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
        let tx = store.begin().expect("tx");
        for r in hearings.by_ref().take(1000) {
            store.write_record(&tx, &r).expect("write");
        }
        tx.commit().expect("commit");
    }
    path
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    println!(
        "{name:<32} n={:<4} median {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
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
    drop(
        Store::open(
            &db,
            &passphrase(),
            OpenMode::Existing,
            Arc::clone(&spec),
            Sources::system(),
        )
        .expect("open"),
    );
    let kdf = t.elapsed();

    let texts = Rc::new(Texts::builtin().expect("texts"));
    let config = Config {
        db,
        spec,
        lang: Lang::En,
        read_only: false,
        env_passphrase: Some(passphrase()),
        sources: Sources::system,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let t = Instant::now();
    let mut session = Session::new(config, texts, true);
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
}
