//! Journeys of the real binary in a real terminal (tmux): what a monitor does, end to end.
//! Screens are polled with a deadline, never slept on.

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use courtwatch::spec::{FieldKind, Spec};

use super::support::Env;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A detached tmux session running courtwatch; killed when dropped.
pub(super) struct Tmux {
    name: String,
}

/// Runs tmux on the session's own server (socket), so sessions of parallel tests never race
/// on a shared server starting or stopping.
fn tmux_on(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .expect("run tmux")
}

pub(super) fn deadline() -> Duration {
    let base = if std::env::var("CI").is_ok() { 60 } else { 20 };
    Duration::from_secs(
        std::env::var("COURTWATCH_TEST_TIMEOUT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(base),
    )
}

impl Tmux {
    /// `None` (and a note) when tmux is missing outside CI; CI installs it.
    pub(super) fn start(env: &Env, width: u16, height: u16) -> Option<Tmux> {
        let cmd = format!(
            "exec env COURTWATCH_PASSPHRASE=\"{}\" LANG=C.UTF-8 TERM=xterm-256color {} --db '{}'",
            env.pass,
            env!("CARGO_BIN_EXE_courtwatch"),
            env.db().display()
        );
        Tmux::start_cmd(&cmd, width, height)
    }

    /// A session running `cmd` (a shell command line) in its pane.
    pub(super) fn start_cmd(cmd: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var("CI").is_err(),
                "tmux must be installed in CI (.ci/run does it)"
            );
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let name = format!(
            "cw-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let (w, h) = (width.to_string(), height.to_string());
        let out = tmux_on(
            &name,
            &[
                "-u",
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                &w,
                "-y",
                &h,
                cmd,
            ],
        );
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = tmux_on(&name, &["set-option", "-t", &name, "remain-on-exit", "on"]);
        Some(Tmux { name })
    }

    pub(super) fn tmux(&self, args: &[&str]) -> std::process::Output {
        tmux_on(&self.name, args)
    }

    pub(super) fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    pub(super) fn text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", &self.name, "-l", text])
                .status
                .success()
        );
    }

    pub(super) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", &self.name]).stdout)
            .into_owned()
    }

    /// Polls the screen until `pred` holds; fails with the last screen at the deadline.
    pub(super) fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() < deadline(),
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::yield_now();
        }
    }

    pub(super) fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    pub(super) fn pid(&self) -> u32 {
        let out = self.tmux(&["list-panes", "-t", &self.name, "-F", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("pane pid")
    }

    pub(super) fn dead(&self) -> bool {
        let out = self.tmux(&["list-panes", "-t", &self.name, "-F", "#{pane_dead}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    pub(super) fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        assert!(
            self.tmux(&["resize-window", "-t", &self.name, "-x", &w, "-y", &h])
                .status
                .success()
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The field named by the first line of the problem list: `Place › Label: what`.
fn first_problem<'s>(spec: &'s Spec, screen: &str) -> Option<&'s courtwatch::spec::Field> {
    let line = screen
        .lines()
        .skip_while(|l| !l.contains("Fix before finalising"))
        .nth(1)?;
    let inside = &line[line.find('│')? + '│'.len_utf8()..];
    let text = inside[..inside.rfind('│')?].trim();
    let (place, rest) = text.split_once(" › ")?;
    let label = rest.rsplit_once(": ")?.0;
    let forms: &[&str] = match place.split_whitespace().next()? {
        "People" => &["party", "hearing_party", "charge", "consent"],
        "Allegations" => &["allegation", "followup"],
        _ => &["case", "hearing"],
    };
    spec.forms
        .iter()
        .filter(|f| forms.contains(&f.form.as_str()))
        .flat_map(|f| f.fields())
        .find(|f| f.label.en == label)
}

/// Answers the focused field the way a monitor would, choosing `wanted` codes where given.
fn fill_focused(t: &Tmux, field: &courtwatch::spec::Field, spec: &Spec, wanted: &[(&str, &str)]) {
    let code = wanted.iter().find(|(f, _)| *f == field.id).map(|(_, c)| *c);
    let label_of = |code: &str| {
        let list = field.list.as_deref().unwrap_or("");
        spec.code_label(list, code, courtwatch::spec::Lang::En)
            .to_owned()
    };
    match field.kind() {
        FieldKind::Choice => {
            t.keys(&["Enter"]);
            t.wait_for("Type to narrow");
            if let Some(c) = code {
                t.text(&label_of(c));
            }
            t.keys(&["Enter"]);
        }
        FieldKind::MultiChoice => {
            t.keys(&["Enter"]);
            t.wait_for("Type to narrow");
            if let Some(c) = code {
                t.text(&label_of(c));
            }
            t.keys(&["Space", "Enter"]);
        }
        FieldKind::Date | FieldKind::Time => t.keys(&["C-n"]),
        FieldKind::Number => t.text("2"),
        FieldKind::Text | FieldKind::LongText => t.text("Записано в суде — қайд шуд"),
    }
    t.wait("the picker to close", |s| !s.contains("Type to narrow"));
    t.keys(&["Tab"]);
}

/// Finalises the open hearing as a monitor does: `Ctrl-S`, jump to the first problem, answer
/// it (`pick` chooses a code for a field, else the picker's first choice), until it is final.
fn finalise(
    t: &Tmux,
    spec: &Spec,
    pick: &mut dyn FnMut(&courtwatch::spec::Field) -> Option<&'static str>,
) {
    let mut rounds = 0;
    loop {
        t.keys(&["C-s"]);
        let s = t.wait("finalise to answer", |s| {
            s.contains("Fix before finalising") || s.contains("The hearing is finalised")
        });
        if s.contains("The hearing is finalised") {
            return;
        }
        rounds += 1;
        assert!(rounds < 80, "finalising never succeeded:\n{s}");
        let field = first_problem(spec, &s)
            .unwrap_or_else(|| panic!("no field named in the problem list:\n{s}"));
        t.keys(&["Enter"]);
        t.wait("the jump", |s| !s.contains("Fix before finalising"));
        let wanted: Vec<(&str, &str)> = pick(field)
            .map(|c| (field.id.as_str(), c))
            .into_iter()
            .collect();
        fill_focused(t, field, spec, &wanted);
    }
}

/// The first run's profile.
fn profile(t: &Tmux, code: &str, name: &str) {
    t.wait_for("Monitor code");
    t.text(code);
    t.keys(&["Tab"]);
    t.text(name);
    t.keys(&["Enter", "Enter"]);
    t.wait_for("No hearings yet");
}

fn show_json(env: &Env, id: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["show", id, "--format", "json"])).expect("json")
}

fn only_hearing(env: &Env) -> String {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "--format", "json"])).expect("json");
    assert_eq!(rows.len(), 1, "one hearing expected");
    rows[0]["uuid"].as_str().expect("uuid").to_owned()
}

#[test]
fn journey_record_a_hearing_end_to_end() {
    let spec = Spec::builtin().expect("spec");
    let env = Env::new();
    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    // First run: the profile (the passphrase comes from the environment).
    t.wait_for("Monitor code");
    t.text("M07");
    t.keys(&["Tab"]);
    t.text("Нилуфар Саидова");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("No hearings yet");
    // A new hearing opens on the case number.
    t.keys(&["n"]);
    t.wait_for("Court case number");
    t.text("1-555/26");
    t.keys(&["Tab"]);
    // A defendant in a cage, without counsel.
    t.keys(&["F3"]);
    t.keys(&["C-a"]);
    t.wait_for("D1 Defendant");
    // A checklist "no" with its comment.
    t.keys(&["F4"]);
    t.wait_for("PUB-01");
    t.keys(&["n"]);
    t.wait_for("Comment:");
    t.text("Список дел не вывешен");
    t.keys(&["Enter"]);
    // An allegation by D1.
    t.keys(&["F5", "C-a"]);
    t.wait_for("Who made the allegation?");
    t.keys(&["Enter"]);
    t.wait("the allegation form", |s| s.contains("1. D1"));
    // Two timeline events.
    t.keys(&["C-t"]);
    t.wait_for("Event at");
    t.text("opened");
    t.keys(&["Enter"]);
    t.wait("the dialog to close", |s| !s.contains("Event at"));
    t.keys(&["C-t"]);
    t.wait_for("Event at");
    t.text("torture");
    t.keys(&["Tab"]);
    t.text("D1: избили в ИВС");
    t.keys(&["Enter"]);
    t.wait("the dialog to close", |s| !s.contains("Event at"));

    // Finalise: every problem is a jump to its field; fill each until the hearing is final.
    let wanted = [
        ("courtroom_position", "metal_cage"),
        ("counsel_type", "none"),
        ("counsel_present", "no"),
        ("hearing_held", "held"),
        ("public_access", "open"),
        ("case_type", "criminal"),
    ];
    finalise(&t, &spec, &mut |f| {
        wanted.iter().find(|(id, _)| *id == f.id).map(|(_, c)| *c)
    });
    t.keys(&["Escape"]);
    t.wait_for("1-555/26");
    t.keys(&["q"]);
    t.wait("the program to exit", |_| t.dead());

    let id = only_hearing(&env);
    let h = show_json(&env, &id);
    assert_eq!(h["hearing"]["status"], "final");
    assert_eq!(h["case"]["fields"]["court_case_number"], "1-555/26");
    assert!(
        h["hearing"]["fields"]["court"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    let hp = &h["hearing_parties"][0]["fields"];
    assert_eq!(hp["courtroom_position"], "metal_cage");
    assert_eq!(hp["counsel_present"], "no");
    let no = h["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item_code"] == "PUB-01")
        .expect("PUB-01");
    assert_eq!(
        (no["answer"].as_str(), no["comment"].as_str()),
        (Some("no"), Some("Список дел не вывешен"))
    );
    assert_eq!(h["allegations"].as_array().map(Vec::len), Some(1));
    let codes: Vec<&str> = h["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!(codes, ["hearing_opened", "torture_alleged"]);
    assert_eq!(h["timeline"][1]["note"], "D1: избили в ИВС");
}

#[test]
fn journey_kill_9_while_typing_loses_nothing() {
    let env = Env::new();
    env.ok(&["init", "--code", "M07", "--name", "Test Monitor"]);
    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    t.wait_for("No hearings yet");
    t.keys(&["n"]);
    t.wait_for("Court case number");
    t.text("1-999/26 Ҳуқуқ");
    t.wait_for("1-999/26 Ҳуқуқ");
    // The text reaches the database within a second, while the monitor is still in the field.
    let start = Instant::now();
    loop {
        let csv = env.ok(&["list", "--format", "csv"]);
        if csv.contains("1-999/26 Ҳуқуқ") {
            break;
        }
        assert!(
            start.elapsed() < deadline(),
            "autosave never reached the database"
        );
        std::thread::yield_now();
    }
    let _ = Command::new("kill")
        .args(["-9", &t.pid().to_string()])
        .status();
    t.wait("the process to die", |_| t.dead());
    drop(t);

    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    t.wait_for("1-999/26");
    t.keys(&["Enter"]);
    t.wait_for("1-999/26 Ҳуқуқ");
}

#[test]
fn journey_resize_to_a_tiny_terminal_and_back() {
    let env = Env::with_demo(20, 3);
    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    t.wait_for("20 hearings");
    t.keys(&["Enter"]);
    t.wait_for("F2 Hearing");
    t.resize(40, 12);
    t.wait_for("too small");
    t.resize(100, 30);
    t.wait_for("F2 Hearing");
    t.keys(&["Escape"]);
    t.wait_for("20 hearings");
    assert!(!t.dead());
}

#[test]
fn journey_reviewer_filters_searches_opens_and_counts() {
    let env = Env::with_demo(60, 5);
    // The count the screens must show, as the command line lists the same selection.
    let listed = env.ok(&[
        "list",
        "--format",
        "csv",
        "--region",
        "sughd",
        "--search",
        "конвой",
    ]);
    let n = listed.lines().count() - 1;
    assert!(n > 0, "the selection is not empty:\n{listed}");
    let counted = if n == 1 {
        "1 hearing".to_owned()
    } else {
        format!("{n} hearings")
    };
    let Some(t) = Tmux::start(&env, 120, 35) else {
        return;
    };
    t.wait_for("60 hearings");
    // Filter to one region.
    t.keys(&["f", "Tab", "Tab", "Tab", "Enter"]);
    t.wait_for("Type to narrow");
    t.text("Sughd");
    t.keys(&["Enter", "C-a"]);
    t.wait_for("filtered");
    // Search inside the filter.
    t.keys(&["/"]);
    t.text("конвой");
    t.keys(&["Enter"]);
    t.wait_for("«конвой»");
    t.wait_for(&counted);
    // Open the first hearing read-only, then the statistics of the selection.
    t.keys(&["v"]);
    t.wait_for("== Case ==");
    t.keys(&["Escape"]);
    t.wait_for("filtered");
    t.keys(&["s"]);
    t.wait_for("Filter: Region: Sughd Region · Search words: конвой");
    // The figures themselves: until they are drawn the program is busy computing them, and an
    // Escape and a q waiting together in the terminal read as one Alt-q.
    t.wait_for("Hearings monitored");
    t.wait("the statistics to count the selection", |s| {
        s.lines().any(|l| {
            l.contains("Hearings monitored") && l.split_whitespace().any(|w| w == n.to_string())
        })
    });
    t.keys(&["Escape"]);
    t.wait_for("filtered");
    t.keys(&["q"]);
    t.wait("the program to exit", |_| t.dead());
}

/// A trial across two hearings, two monitors and a lead (issue 14's journey): hearing 1 with
/// two defendants, finalised; hearing 2 started by typing the case number, both defendants
/// there, one caged at hearing 2 only; the case view shows both hearings and the one cage;
/// both exported and merged at a lead with a second monitor's hearing 3 of the same trial,
/// recorded as a case of its own; joined; the lead's case view shows three hearings.
#[test]
fn journey_a_trial_across_hearings_monitors_and_a_lead() {
    let spec = Spec::builtin().expect("spec");
    let m07 = Env::new();
    let Some(t) = Tmux::start(&m07, 100, 30) else {
        return;
    };
    profile(&t, "M07", "Нилуфар Саидова");
    // Hearing 1: two defendants, neither caged.
    t.keys(&["n"]);
    t.wait_for("Court case number");
    t.text("1-777/26");
    t.keys(&["Tab", "F3", "C-a"]);
    t.wait_for("D1 Defendant");
    t.keys(&["C-a"]);
    t.wait_for("D2 Defendant");
    let common = |f: &courtwatch::spec::Field| match f.id.as_str() {
        "court" => Some("dushanbe_sino"),
        "hearing_held" => Some("held"),
        "public_access" => Some("open"),
        "case_type" => Some("criminal"),
        _ => None,
    };
    finalise(&t, &spec, &mut |f| match f.id.as_str() {
        "courtroom_position" => Some("open_dock_bench"),
        _ => common(f),
    });
    // The list's own header: a key sent before Esc is read would make Alt-<key> of both.
    t.keys(&["Escape"]);
    t.wait_for("Date▼");

    // Hearing 2 of the same trial, chosen by typing its case number.
    t.keys(&["h"]);
    t.wait_for("Type");
    t.text("1-777/26");
    t.keys(&["Enter"]);
    t.keys(&["F3"]);
    t.wait("both defendants at hearing 2", |s| {
        s.contains("D1 Defendant") && s.contains("D2 Defendant")
    });
    // The first defendant asked about sits in a cage, the other does not.
    let mut caged = false;
    finalise(&t, &spec, &mut |f| match f.id.as_str() {
        "courtroom_position" if !caged => {
            caged = true;
            Some("metal_cage")
        }
        "courtroom_position" => Some("open_dock_bench"),
        _ => common(f),
    });
    assert!(caged, "finalising asked where a defendant sits");
    t.keys(&["Escape"]);
    t.wait("the list with two hearings", |s| {
        s.matches("1-777/26").count() >= 2
    });
    t.keys(&["t"]);
    let view = t.wait("the case view", |s| {
        s.contains("#2") && s.contains("Metal cage")
    });
    assert_eq!(view.matches("Metal cage").count(), 1, "{view}");
    assert!(view.contains("#1") && !view.contains("#3"), "{view}");
    // The list's own header: a key sent before Esc is read would make Alt-<key> of both.
    t.keys(&["Escape"]);
    t.wait_for("Date▼");
    t.keys(&["q"]);
    t.wait("the program to exit", |_| t.dead());

    // A second monitor records hearing 3 of the same trial as a case of its own.
    let m08 = Env::new();
    m08.ok(&["init", "--code", "M08", "--name", "Фирӯз"]);
    {
        let s = super::cli::open_store(&m08);
        let h3 = s.new_hearing().expect("hearing 3");
        s.add_party(h3, "defendant").expect("defendant");
        super::cli::finalise_postponed(&s, h3, "1-777/26");
    }
    let out = tempfile::tempdir().expect("out");
    let export = |env: &Env| {
        let dir = out.path().display().to_string();
        env.ok(&["export", "--plaintext", "--out", &dir, "--all"])
            .trim()
            .to_owned()
    };
    let (b7, b8) = (export(&m07), export(&m08));

    // The lead merges both, joins the two records on a person's word, and reads the trial.
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    lead.ok(&["merge", &b7, &b8]);
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&lead.ok(&["cases", "--format", "json"])).expect("json");
    let ids: Vec<&str> = cases.iter().filter_map(|c| c["uuid"].as_str()).collect();
    assert_eq!(ids.len(), 2, "two records of one trial: {cases:?}");
    let suggested = lead.ok(&["cases", "suggest"]);
    assert!(ids.iter().all(|id| suggested.contains(id)), "{suggested}");
    lead.ok(&["cases", "join", ids[0], ids[1]]);
    drop(t);
    let Some(t) = Tmux::start(&lead, 100, 30) else {
        return;
    };
    t.wait("the lead's list", |s| s.matches("1-777/26").count() >= 3);
    t.keys(&["t"]);
    let view = t.wait("the joined trial", |s| s.contains("#3"));
    for monitor in ["M07", "M08"] {
        assert!(view.contains(monitor), "{monitor}: {view}");
    }
    assert_eq!(view.matches("Metal cage").count(), 1, "{view}");
    t.keys(&["Escape"]);
    t.wait_for("Date▼");
    t.keys(&["q"]);
    t.wait("the program to exit", |_| t.dead());
}

/// Sealed batches end to end (issue 17): a monitor with the lead's key in the roster exports
/// from the screen — one sealed file; the lead's merge screen lists it and refuses it while the
/// monitor's signing key is not in the lead's roster, writing nothing; once the lead trusts
/// the key (compared aloud, `keys add`), the same file merges from the screen.
#[test]
fn journey_a_sealed_batch_from_the_export_screen_merges_at_the_lead_once_trusted() {
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let lead_keys = lead.dir.path().join("lead.keys");
    std::fs::write(&lead_keys, lead.ok(&["keys", "show", "--recipient"])).expect("write");
    let m = Env::with_demo(12, 5);
    m.ok(&["keys", "add", lead_keys.to_str().expect("path"), "--yes"]);

    // The monitor exports from the screen: sealed, to the lead.
    let Some(t) = Tmux::start(&m, 100, 30) else {
        return;
    };
    t.wait_for("12 hearings");
    t.keys(&["e"]);
    t.wait_for("sealed: one encrypted file, for the lead in the roster");
    t.keys(&["Enter"]);
    t.wait_for("Batch written to");
    t.keys(&["Escape"]);
    t.wait_for("12 hearings");
    t.keys(&["q"]);
    t.wait("the program to exit", |_| t.dead());
    let written: Vec<std::path::PathBuf> = std::fs::read_dir(m.dir.path().join("batches"))
        .expect("batches")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), 1, "one sealed file: {written:?}");
    let sealed = &written[0];
    assert!(sealed.extension().is_some_and(|e| e == "age"), "{sealed:?}");
    let sent: serde_json::Value =
        serde_json::from_str(&m.ok(&["batches", "--format", "json"])).expect("json");
    let n = sent["sent"][0]["hearings"].as_u64().expect("hearings sent");
    assert!(n > 0);

    // The lead: the file on the stick, read from the merge screen.
    let inbox = lead.dir.path().join("batches");
    std::fs::create_dir(&inbox).expect("mkdir");
    std::fs::copy(sealed, inbox.join(sealed.file_name().expect("name"))).expect("copy");
    let merge = |expect: &str| {
        let Some(t) = Tmux::start(&lead, 100, 30) else {
            return;
        };
        t.wait_for("No hearings");
        t.keys(&["m"]);
        t.wait_for(".age");
        t.keys(&["a", "Enter"]);
        t.wait_for(expect);
        t.keys(&["Enter"]);
        t.wait("the merge to end", |s| {
            s.contains("Merged.") || s.contains("Nothing to merge")
        });
        // A merge that wrote nothing stays on its plan, which Esc leaves for the batch list;
        // one that merged shows its result, which Esc leaves for the hearing list.
        t.keys(&["Escape"]);
        let s = t.wait("the batch or hearing list", |s| {
            s.contains("new hearing") || s.contains("Space marks batches")
        });
        if !s.contains("new hearing") {
            t.keys(&["Escape"]);
            t.wait_for("new hearing");
        }
        t.keys(&["q"]);
        t.wait("the program to exit", |_| t.dead());
    };
    merge("is by a signing key that is not in this");
    assert_eq!(
        lead.ok(&["list", "--format", "csv"]).lines().count(),
        1,
        "nothing merged from an unknown signer, only the header"
    );

    // Compared aloud, the monitor's key goes into the lead's roster; the same file merges.
    let m_keys = m.dir.path().join("m.keys");
    std::fs::write(&m_keys, m.ok(&["keys", "show"])).expect("write");
    lead.ok(&["keys", "add", m_keys.to_str().expect("path"), "--yes"]);
    merge(&format!("new {n}"));
    assert_eq!(
        lead.ok(&["list", "--format", "csv"]).lines().count() as u64,
        n + 1,
        "every hearing of the batch, and the header"
    );
}
