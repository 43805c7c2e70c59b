//! Journeys of the real binary in tmux for issue 15: command keys under a Russian keyboard
//! layout, and a signal in the middle of typing. Screens are polled with a deadline.

use std::process::Command;
use std::time::Instant;

use super::journeys::{Tmux, deadline};
use super::support::{Env, PASS};

fn show_json(env: &Env) -> serde_json::Value {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["list", "--format", "json"])).expect("json");
    assert_eq!(rows.len(), 1, "one hearing expected");
    let id = rows[0]["uuid"].as_str().expect("uuid");
    serde_json::from_str(&env.ok(&["show", id, "--format", "json"])).expect("json")
}

/// The checklist answered with `н т з щ ф` (the keys of y n p o a under ЙЦУКЕН), comments
/// typed in Russian (the same letters are text there), a new hearing with `т` (n) and quit
/// with `й` (q): the monitor never switches layouts.
#[test]
fn journey_a_russian_layout_answers_the_checklist() {
    let env = Env::new();
    env.ok(&["init", "--code", "M07", "--name", "Test Monitor"]);
    let Some(t) = Tmux::start(&env, 100, 30) else {
        return;
    };
    t.wait_for("No hearings yet");
    t.text("т");
    t.wait_for("Court case number");
    t.keys(&["F4"]);
    t.wait_for("PUB-01");
    t.text("нт");
    t.text("нет списка");
    t.keys(&["Enter", "Down"]);
    t.text("з");
    t.text("частично");
    t.keys(&["Enter", "Down"]);
    t.text("щф");
    t.keys(&["Escape"]);
    t.wait_for("1 hearing");
    t.text("й");
    t.wait("the program to exit", |_| t.dead());

    let h = show_json(&env);
    let answers = h["answers"].as_array().expect("answers");
    let mut got: Vec<(String, String)> = answers
        .iter()
        .map(|a| {
            (
                a["answer"].as_str().unwrap_or("").to_owned(),
                a["comment"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("no", "нет списка"),
        ("not_applicable", ""),
        ("not_observed", ""),
        ("partly", "частично"),
        ("yes", ""),
    ];
    assert_eq!(
        got,
        want.map(|(a, c)| (a.to_owned(), c.to_owned())),
        "{answers:?}"
    );
}

/// The process id of the pane's shell's child (courtwatch).
fn child_of(pid: u32) -> u32 {
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(c) = children
            .split_whitespace()
            .next()
            .and_then(|c| c.parse().ok())
        {
            return c;
        }
        assert!(start.elapsed() < deadline(), "courtwatch never started");
        std::thread::yield_now();
    }
}

/// SIGTERM in the middle of typing: what was typed is saved, courtwatch exits normally and
/// leaves the terminal as it found it (the shell after it echoes a typed command, and the
/// hearing's text is gone from the screen).
#[test]
fn journey_sigterm_while_typing_saves_and_restores_the_terminal() {
    let env = Env::new();
    env.ok(&["init", "--code", "M07", "--name", "Test Monitor"]);
    let cmd = format!(
        "env COURTWATCH_PASSPHRASE=\"{PASS}\" LANG=C.UTF-8 TERM=xterm-256color {} --db '{}'; \
         echo \"exit=$?\"; exec sh",
        env!("CARGO_BIN_EXE_courtwatch"),
        env.db().display()
    );
    let Some(t) = Tmux::start_cmd(&cmd, 100, 30) else {
        return;
    };
    t.wait_for("No hearings yet");
    let courtwatch = child_of(t.pid());
    t.keys(&["n"]);
    t.wait_for("Court case number");
    t.text("1-42/26 Сомонӣ");
    t.wait_for("1-42/26 Сомонӣ");
    let killed = Command::new("kill")
        .args(["-TERM", &courtwatch.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let after = t.wait("courtwatch to exit", |s| s.contains("exit="));
    assert!(after.contains("exit=0"), "{after}");
    assert!(
        !after.contains("1-42/26"),
        "the alternate screen is left and cleared: {after}"
    );
    t.text("echo typed-$((6*7))");
    t.keys(&["Enter"]);
    let shell = t.wait_for("typed-42");
    assert!(
        shell.contains("echo typed-$((6*7))"),
        "the terminal echoes again (no raw mode): {shell}"
    );
    let csv = env.ok(&["list", "--format", "csv"]);
    assert!(csv.contains("1-42/26 Сомонӣ"), "{csv}");
}
