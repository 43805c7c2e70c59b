//! Trials across hearings in the terminal UI: the case view, the agenda and starting the next
//! hearing of a trial from the list, on `TestBackend` (snapshots and what reached the
//! database).

use courtwatch::clock::Sources;
use courtwatch::domain::Entity;
use courtwatch::spec::Lang;
use courtwatch::store::{OpenMode, Store};
use uuid::Uuid;

use super::support::PASS;
use super::tui::{Harness, spec};

/// A database with one trial of two hearings (two defendants; D1 caged at the second only, a
/// standard not met at the first, an allegation at the second, the next date announced) and
/// one unrelated hearing. Returns the folder, the case and the two hearings.
fn a_trial() -> (tempfile::TempDir, Uuid, [Uuid; 2]) {
    let (dir, _, case, hearings) = a_trial_open();
    (dir, case, hearings)
}

/// `a_trial()` with its store still open (the fixed clock's ids start again at each open).
fn a_trial_open() -> (tempfile::TempDir, Store, Uuid, [Uuid; 2]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open(
        &dir.path().join("c.db"),
        PASS,
        OpenMode::Create,
        spec(),
        Sources::fixed(),
    )
    .expect("create");
    s.create_profile("M07", "Нилуфар С.", "Coalition")
        .expect("profile");
    let other = s.new_hearing().expect("other");
    s.set_field(other, Entity::Hearing, other, "court", "khujand_city")
        .expect("court");
    let h1 = s.new_hearing().expect("hearing 1");
    let case = s.load_hearing(h1).expect("load").case.uuid;
    s.set_field(h1, Entity::Case, case, "court_case_number", "1-245/26")
        .expect("number");
    s.set_field(h1, Entity::Hearing, h1, "court", "dushanbe_city")
        .expect("court");
    s.set_field(h1, Entity::Hearing, h1, "courtroom", "6")
        .expect("room");
    s.set_field(h1, Entity::Hearing, h1, "hearing_date", "2026-11-10")
        .expect("date");
    let mut parties = Vec::new();
    for _ in 0..2 {
        let (party, hp) = s.add_party(h1, "defendant").expect("defendant");
        s.set_field(
            h1,
            Entity::HearingParty,
            hp,
            "courtroom_position",
            "open_dock_bench",
        )
        .expect("position");
        parties.push(party);
    }
    s.set_answer(h1, "CNS-01", None, "no", "Адвокат не явился")
        .expect("answer");
    let h2 = s.next_hearing(case).expect("hearing 2");
    let r2 = s.load_hearing(h2).expect("load");
    let d1 = r2
        .hearing_parties
        .iter()
        .find(|hp| hp.party_uuid == parties[0])
        .expect("D1 at hearing 2")
        .uuid;
    s.set_field(
        h2,
        Entity::HearingParty,
        d1,
        "courtroom_position",
        "metal_cage",
    )
    .expect("cage");
    let a = s
        .add_record(h2, Entity::Allegation, Some(parties[0]))
        .expect("allegation");
    s.set_field(h2, Entity::Allegation, a, "methods", "beating")
        .expect("method");
    s.set_field(h2, Entity::Hearing, h2, "next_hearing_date", "2026-11-24")
        .expect("next");
    (dir, s, case, [h1, h2])
}

#[test]
fn snapshot_the_case_view_and_the_agenda() {
    for (lang, w, h, name) in [
        (Lang::En, 80, 24, "en_80x24"),
        (Lang::Ru, 80, 24, "ru_80x24"),
        (Lang::Tg, 60, 16, "tg_60x16"),
    ] {
        let (dir, _, _) = a_trial();
        let mut t = Harness::start(dir, w, h, lang);
        // The list's first row is the trial's latest hearing: `t` opens its trial.
        t.keys("t");
        insta::assert_snapshot!(format!("case_view_{name}"), t.screen());
        t.keys("<Esc>a");
        insta::assert_snapshot!(format!("agenda_{name}"), t.screen());
    }
}

#[test]
fn the_case_view_shows_every_hearing_and_the_cage_at_one() {
    let (dir, case, [h1, h2]) = a_trial();
    let mut t = Harness::start(dir, 100, 40, Lang::En);
    t.keys("t");
    let screen = t.screen();
    assert!(screen.contains("Case 1-245/26"), "{screen}");
    assert!(screen.contains("Next hearing: 2026-11-24"), "{screen}");
    let row = |name: &str| -> Vec<String> {
        screen
            .lines()
            .skip_while(|l| !l.starts_with("D1 "))
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {screen}"))
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        row("Where the defendant sits")[1..],
        ["Open dock or bench, no barrier", "Metal cage"]
    );
    // The standard not met at the first hearing only.
    assert!(
        screen.contains("CNS-01") && screen.contains(": 1/1 (#1)"),
        "{screen}"
    );
    // Tab chooses the first hearing (the view opens on the latest), Enter reads it.
    t.keys("<Tab><Enter>");
    let detail = t.screen();
    assert!(detail.contains("2026-11-10"), "{detail}");
    // Back in the case view, `n` starts the trial's next hearing, of the same case.
    t.keys("<Esc>n");
    let store = t.store();
    let trial = store.load_trial(case).expect("trial");
    assert_eq!(trial.records.len(), 3);
    let third = trial
        .records
        .iter()
        .find(|r| r.hearing.uuid != h1 && r.hearing.uuid != h2)
        .expect("a new hearing");
    assert_eq!(third.hearing_parties.len(), 2);
    assert!(third.hearing_parties.iter().all(|hp| hp.fields.is_empty()));
}

#[test]
fn the_next_hearing_starts_from_the_list_by_typing_the_case_number() {
    let (dir, case, _) = a_trial();
    let mut t = Harness::start(dir, 80, 24, Lang::En);
    t.keys("h");
    let picker = t.screen();
    assert!(picker.contains("Next hearing of which trial?"), "{picker}");
    // The upcoming trial comes first, before the other, more recent one.
    let first = picker
        .lines()
        .find(|l| l.contains('▶'))
        .expect("a chosen row");
    assert!(first.contains("1-245/26"), "{picker}");
    // Typing narrows it; letters are text here (`н` is not `y`).
    t.keys("1-245");
    let typed = t.screen();
    assert!(typed.contains("> 1-245"), "{typed}");
    assert_eq!(typed.matches("1-245/26").count(), 1, "{typed}");
    t.keys("<Enter>");
    let form = t.screen();
    assert!(form.contains("draft"), "{form}");
    let store = t.store();
    let trial = store.load_trial(case).expect("trial");
    assert_eq!(trial.records.len(), 3, "a third hearing of the same case");
    // (The test's clocks do not move together: find the new hearing by its lack of a next date.)
    let third = &trial
        .records
        .iter()
        .find(|r| {
            r.hearing
                .fields
                .get("hearing_date")
                .is_some_and(|d| d != "2026-11-10")
                && !r.hearing.fields.contains_key("next_hearing_date")
        })
        .expect("the new hearing")
        .hearing
        .fields;
    assert_eq!(
        third.get("court").map(String::as_str),
        Some("dushanbe_city")
    );
    assert_eq!(third.get("courtroom").map(String::as_str), Some("6"));
    // A text that matches nothing says so, and Esc goes back without starting anything.
    t.keys("<Esc>hzzzz");
    let none = t.screen();
    assert!(none.contains("No trial matches"), "{none}");
    t.keys("<Esc>");
    assert!(t.screen().contains("1-245/26"), "back on the list");
    assert_eq!(t.store().load_trial(case).expect("trial").records.len(), 3);
}

#[test]
fn the_demo_makes_trials_that_run_over_weeks_with_the_same_people() {
    use std::collections::BTreeMap;
    let spec = spec();
    let monitors = courtwatch::demo::demo_monitors(3, 3);
    let records: Vec<_> = courtwatch::demo::Generator::new(&spec, 11, 3000, monitors).collect();
    let mut cases: BTreeMap<Uuid, Vec<&courtwatch::domain::HearingRecord>> = BTreeMap::new();
    for r in &records {
        cases.entry(r.case.uuid).or_default().push(r);
    }
    let long = cases.values().filter(|h| h.len() >= 5).count();
    assert!(cases.len() < records.len() / 2, "{} cases", cases.len());
    assert!(long >= 20, "{long} trials of five hearings or more");
    assert!(cases.values().all(|h| h.len() <= 15));
    let date = |r: &courtwatch::domain::HearingRecord, f: &str| {
        r.hearing.fields.get(f).cloned().unwrap_or_default()
    };
    let mut running = 0;
    for hearings in cases.values() {
        let people: Vec<Uuid> = hearings[0].parties.iter().map(|p| p.uuid).collect();
        for (i, r) in hearings.iter().enumerate() {
            // The same people throughout, each observed at every hearing.
            assert_eq!(r.parties.iter().map(|p| p.uuid).collect::<Vec<_>>(), people);
            assert_eq!(r.hearing_parties.len(), people.len());
            let last = i + 1 == hearings.len();
            let verdict = date(r, "session_outcome") == "verdict_pronounced";
            assert!(!verdict || last, "a verdict before the last hearing");
            if let Some(next) = hearings.get(i + 1) {
                assert!(date(r, "hearing_date") < date(next, "hearing_date"));
                let announced = date(r, "next_hearing_date");
                assert!(!announced.is_empty() && announced <= date(next, "hearing_date"));
            } else if !date(r, "next_hearing_date").is_empty() {
                running += 1;
            }
        }
    }
    assert!(running > 0, "some trials are still running");
    // Some trials were also recorded by a second monitor, as a case record of their own.
    let mut by_number: BTreeMap<(String, String), Vec<(Uuid, Uuid)>> = BTreeMap::new();
    for (case, hearings) in &cases {
        let n = hearings[0].case.fields.get("court_case_number").cloned();
        if let Some(n) = n {
            by_number
                .entry((date(hearings[0], "court"), n))
                .or_default()
                .push((*case, hearings[0].hearing.monitor_uuid));
        }
    }
    let twins = by_number
        .values()
        .filter(|v| v.len() == 2 && v[0].1 != v[1].1)
        .count();
    assert!(twins >= 3, "{twins} trials recorded twice");
}

/// `a_trial()` and a second monitor's record of the same trial (the same court and case
/// number, a case of its own), as a merge brings it.
fn a_trial_recorded_twice() -> (tempfile::TempDir, Uuid, Uuid) {
    let (dir, s, case, _) = a_trial_open();
    let h = s.new_hearing().expect("hearing");
    let other = s.load_hearing(h).expect("load").case.uuid;
    s.set_field(h, Entity::Case, other, "court_case_number", "1-245/26")
        .expect("number");
    s.set_field(h, Entity::Hearing, h, "court", "dushanbe_city")
        .expect("court");
    s.set_field(h, Entity::Hearing, h, "hearing_date", "2026-11-24")
        .expect("date");
    (dir, case, other)
}

#[test]
fn a_trial_recorded_twice_is_joined_only_after_a_yes() {
    let (dir, case, other) = a_trial_recorded_twice();
    let mut t = Harness::start(dir, 100, 30, Lang::En);
    // From the case view of either record, `s` lists the pair.
    t.keys("ts");
    let list = t.screen();
    assert!(list.contains("Same trial?"), "{list}");
    assert_eq!(list.matches("1-245/26").count(), 2, "{list}");
    assert!(list.contains("2 hearings (2026-11-10"), "{list}");
    // Enter asks; `n` (here `т`, the same key under a Russian layout) joins nothing.
    t.keys("<Enter>");
    let ask = t.screen();
    assert!(
        ask.contains("Join these two case records as one trial?"),
        "{ask}"
    );
    t.keys("т");
    assert_eq!(t.store().trial_members(case).expect("members").len(), 1);
    assert!(
        !t.screen().contains("Join these two"),
        "the question is gone"
    );
    // `y` (`н` under a Russian layout) joins them, and the pair is gone from the list.
    t.keys("<Enter>н");
    let members = t.store().trial_members(case).expect("members");
    assert_eq!(members, [case, other]);
    let after = t.screen();
    assert!(after.contains("Joined as one trial."), "{after}");
    assert!(after.contains("No two case records share"), "{after}");
    // Back in the case view, the trial has both records' hearings.
    t.keys("<Esc>");
    let view = t.screen();
    assert!(
        view.contains("2 case records joined as one trial"),
        "{view}"
    );
}

#[test]
fn snapshot_the_same_trial_question() {
    for (lang, w, h, name) in [
        (Lang::En, 80, 24, "en_80x24"),
        (Lang::Ru, 60, 16, "ru_60x16"),
    ] {
        let (dir, _, _) = a_trial_recorded_twice();
        let mut t = Harness::start(dir, w, h, lang);
        t.keys("ts");
        insta::assert_snapshot!(format!("same_trial_{name}"), t.screen());
        t.keys("<Enter>");
        insta::assert_snapshot!(format!("same_trial_ask_{name}"), t.screen());
    }
}
