//! Benchmarks, ignored by `cargo test`; README § Benchmarks says how to run them and lists
//! their figures. Run in a release build:
//!
//! ```sh
//! cargo test --release --test it -- --ignored --nocapture bench
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use courtwatch::clock::Sources;
use courtwatch::demo::{Generator, demo_monitors};
use courtwatch::spec::Spec;
use courtwatch::stats::{self, Settings};
use courtwatch::store::{Encoded, Filter, OpenMode, Store};

/// Hearings in a newly built benchmark database: `COURTWATCH_BENCH_HEARINGS`, else 100,000.
fn hearings() -> u64 {
    std::env::var("COURTWATCH_BENCH_HEARINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}
/// The passphrase of the benchmark database: `COURTWATCH_PASSPHRASE`, else this.
fn passphrase() -> String {
    std::env::var("COURTWATCH_PASSPHRASE").unwrap_or_else(|_| "benchmark passphrase".into())
}

/// The benchmark database: `COURTWATCH_BENCH_DB`, else `target/bench/stats-100k.db`. Built
/// once (the same hearings as `demo --hearings 100000 --monitors 8 --seed 1`) and reused.
fn database(spec: &Arc<Spec>) -> PathBuf {
    let path = std::env::var_os("COURTWATCH_BENCH_DB").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/stats-100k.db"),
        PathBuf::from,
    );
    if path.exists() {
        return path;
    }
    let started = Instant::now();
    let mut store = Store::open(
        &path,
        &passphrase(),
        OpenMode::Create,
        Arc::clone(spec),
        Sources::system(),
    )
    .expect("create the benchmark database");
    let me = store
        .create_profile("M07", "Benchmark", "")
        .expect("profile");
    let mut monitors = vec![me];
    for m in demo_monitors(1, 7) {
        store.upsert_monitor(&m).expect("monitor");
        monitors.push(m);
    }
    let mut generator = Generator::new(spec, 1, hearings(), monitors).peekable();
    while generator.peek().is_some() {
        let mut bulk = store.bulk().expect("bulk write");
        for record in generator.by_ref().take(1000) {
            bulk.write(&Encoded::new(spec, record)).expect("write");
        }
        bulk.commit().expect("commit");
    }
    eprintln!(
        "built {} with {} hearings in {:.0} s",
        path.display(),
        hearings(),
        started.elapsed().as_secs_f64()
    );
    path
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "benchmark: run in release with --ignored (README § Benchmarks)"]
fn bench_statistics_on_100000_hearings() {
    let spec = Arc::new(Spec::builtin().expect("spec"));
    let path = database(&spec);
    let store = Store::open(
        &path,
        &passphrase(),
        OpenMode::ReadOnly,
        Arc::clone(&spec),
        Sources::system(),
    )
    .expect("open");

    let run = |filter: &Filter| {
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let s = stats::compute(&store, filter, Settings::default()).expect("stats");
                assert!(s.figure("counts.hearings").is_some_and(|f| f.numerator > 0));
                t.elapsed()
            })
            .collect();
        median(times)
    };
    let all = run(&Filter::default());
    let region = run(&Filter {
        region: Some("sughd".into()),
        ..Filter::default()
    });
    let year = run(&Filter {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        ..Filter::default()
    });
    eprintln!(
        "statistics, all hearings: {} ms (median of 5)",
        all.as_millis()
    );
    eprintln!("statistics, --region sughd: {} ms", region.as_millis());
    eprintln!("statistics, one year: {} ms", year.as_millis());
    let tag = run(&Filter {
        tag: Some("torture_or_ill_treatment_alleged".into()),
        ..Filter::default()
    });
    let search = run(&Filter {
        search: Some("конвой".into()),
        ..Filter::default()
    });
    eprintln!(
        "statistics, --tag torture_or_ill_treatment_alleged: {} ms",
        tag.as_millis()
    );
    eprintln!("statistics, --search конвой: {} ms", search.as_millis());

    // The whole command, key derivation included, and its peak memory.
    let bin = env!("CARGO_BIN_EXE_courtwatch");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%e s, %M KB peak resident"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .arg("--db")
        .arg(&path)
        .args(["--read-only", "stats", "--format", "json"])
        .env("COURTWATCH_PASSPHRASE", passphrase())
        .output()
        .expect("run courtwatch stats");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!(
        "courtwatch --read-only stats --format json: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
}

#[test]
#[ignore = "benchmark: run in release with --ignored (README § Benchmarks)"]
fn bench_case_view_and_agenda_on_100000_hearings() {
    let spec = Arc::new(Spec::builtin().expect("spec"));
    let path = database(&spec);
    let store = Store::open(
        &path,
        &passphrase(),
        OpenMode::Existing,
        Arc::clone(&spec),
        Sources::system(),
    )
    .expect("open");
    // The longest trial, made 30 hearings long (once: later runs find it so).
    let (case, n): (String, u32) = store
        .conn()
        .query_row(
            "SELECT case_uuid, count(*) FROM hearings GROUP BY case_uuid ORDER BY 2 DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the longest trial");
    let case = uuid::Uuid::parse_str(&case).expect("uuid");
    for _ in n..30 {
        store.next_hearing(case).expect("next hearing");
    }
    let times = |f: &dyn Fn()| {
        median(
            (0..21)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .collect(),
        )
    };
    let texts = courtwatch::i18n::Texts::builtin().expect("texts");
    let view = times(&|| {
        let trial = store.load_trial(case).expect("trial");
        assert!(trial.records.len() >= 30);
        let text = courtwatch::trial_text::text(&spec, &texts, &trial, courtwatch::spec::Lang::En);
        assert!(!text.is_empty());
    });
    let today = store.today();
    let agenda = times(&|| {
        let to = courtwatch::domain::trial::until(&today, 30);
        let items = store.agenda(&today, to.as_deref()).expect("agenda");
        std::hint::black_box(items);
    });
    let open = times(&|| {
        let items = store.agenda("0000-01-01", None).expect("agenda");
        assert!(!items.is_empty());
    });
    eprintln!(
        "case view of a 30-hearing trial (load and lay out): {} ms (median of 21)",
        view.as_millis()
    );
    eprintln!("agenda, next 30 days: {} ms", agenda.as_millis());
    eprintln!("agenda, every announced date: {} ms", open.as_millis());
}
