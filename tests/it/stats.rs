//! `courtwatch stats`, run as a real process: a published monitoring result reproduced, the
//! filters shared with `list`, read-only mode and the three output formats.

use std::sync::Arc;

use courtwatch::clock::Sources;
use courtwatch::domain::{
    Allegation, Case, Fields, Hearing, HearingParty, HearingRecord, Party, Status,
};
use courtwatch::spec::Spec;
use courtwatch::store::{OpenMode, Store};
use uuid::Uuid;

use super::support::{Env, PASS};

fn fields(kv: &[(&str, &str)]) -> Fields {
    kv.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// T1 of domain.md §6: the Center for Human Rights monitored 46 trials with 70 defendants in
/// courts of Dushanbe and Khujand, May–December 2005. 13 defendants retracted confessions as
/// obtained by pressure or torture; judges responded in only 2 of these cases.
pub fn t1(env: &Env) {
    t1_with(env, |_, _| {});
}

/// The T1 fixture, each trial's record passed to `shape` (its index, the record) before it
/// is written.
pub fn t1_with(env: &Env, mut shape: impl FnMut(u32, &mut HearingRecord)) {
    let spec = Arc::new(Spec::builtin().expect("built-in spec"));
    let mut store = Store::open(&env.db(), PASS, OpenMode::Create, spec, Sources::fixed())
        .expect("create database");
    let me = store
        .create_profile("CHR", "Center for Human Rights", "")
        .expect("profile");
    let mut n: u128 = 0;
    let mut id = || {
        n += 1;
        Uuid::from_u128(0xA000_0000 + n)
    };
    let mut alleged = 0;
    let tx = store.begin().expect("transaction");
    for trial in 0..46u32 {
        let (court, month) = if trial % 2 == 0 {
            ("dushanbe_city", 5 + trial % 8)
        } else {
            ("sughd_khujand_city", 5 + trial % 8)
        };
        let case = Case {
            uuid: id(),
            fields: fields(&[("case_type", "criminal")]),
        };
        let hearing = id();
        let case_uuid = case.uuid;
        let mut r = HearingRecord::new(
            case,
            Hearing {
                uuid: hearing,
                case_uuid,
                monitor_uuid: me.uuid,
                status: Status::Final,
                version: 1,
                content_hash: String::new(),
                parent_hash: String::new(),
                ancestors: Vec::new(),
                sealed: true,
                form_versions: String::new(),
                created_at: "2005-12-30T10:00:00+05:00".into(),
                updated_at: "2005-12-30T10:00:00+05:00".into(),
                fields: fields(&[
                    ("court", court),
                    ("hearing_date", &format!("2005-{month:02}-15")),
                    ("hearing_held", "held"),
                    ("session_outcome", "evidence_examined"),
                ]),
            },
        );
        // 24 trials with two defendants, 22 with one: 70 defendants.
        let defendants = if trial < 24 { 2 } else { 1 };
        for d in 1..=defendants {
            let party = id();
            r.parties.push(Party {
                uuid: party,
                case_uuid: r.case.uuid,
                fields: fields(&[
                    ("role", "defendant"),
                    ("display_code", &format!("D{d}")),
                    ("sex", "m"),
                ]),
            });
            r.hearing_parties.push(HearingParty {
                uuid: id(),
                hearing_uuid: hearing,
                party_uuid: party,
                fields: fields(&[("attendance", "present_in_person")]),
            });
            // Every fifth defendant but the last retracts a confession: 13 in all, the
            // judge reacting to the first two.
            if (trial * 2 + d) % 5 == 0 && alleged < 13 {
                alleged += 1;
                let reaction = match alleged {
                    1 => "ordered_medical_exam",
                    2 => "referred_to_prosecutor_for_check",
                    _ => "ignored",
                };
                r.allegations.push(Allegation {
                    uuid: id(),
                    hearing_uuid: hearing,
                    party_uuid: Some(party),
                    fields: fields(&[
                        ("alleged_by_role", "defendant"),
                        ("methods", "unspecified_beaten_or_pressured"),
                        ("purposes", "confession"),
                        ("judge_reaction", reaction),
                    ]),
                });
            }
        }
        shape(trial, &mut r);
        store.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    assert_eq!(alleged, 13, "the fixture must hold 13 allegations");
}

/// The figure rows (no breakdown) of `stats --format csv`, by figure id.
fn csv_figures(out: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    reader
        .records()
        .map(|r| r.expect("csv row"))
        .filter(|r| r.get(4) == Some(""))
        .collect()
}

fn figure<'a>(rows: &'a [csv::StringRecord], id: &str) -> &'a csv::StringRecord {
    rows.iter()
        .find(|r| r.get(1) == Some(id))
        .unwrap_or_else(|| panic!("no figure {id}"))
}

/// `(numerator, denominator, share)` of a figure row.
fn nds(rows: &[csv::StringRecord], id: &str) -> (String, String, String) {
    let r = figure(rows, id);
    let get = |i: usize| r.get(i).unwrap_or_default().to_owned();
    (get(7), get(8), get(9))
}

#[test]
fn a_published_monitoring_result_is_reproduced() {
    let env = Env::new();
    t1(&env);

    let rows = csv_figures(&env.ok(&["stats", "--format", "csv"]));
    let count = |id: &str| nds(&rows, id).0;
    assert_eq!(count("counts.hearings"), "46");
    assert_eq!(count("counts.cases"), "46");
    assert_eq!(count("counts.defendants"), "70");
    assert_eq!(count("counts.courts"), "2");
    assert_eq!(count("torture.allegations"), "13");
    // 13 of 70 defendants alleged coercion: 18.6 %; the judge reacted to 2 of 13: 15.4 %.
    assert_eq!(
        nds(&rows, "torture.defendants_alleging"),
        ("13".into(), "70".into(), "0.185714".into())
    );
    assert_eq!(
        nds(&rows, "torture.judicial_reaction"),
        ("2".into(), "13".into(), "0.153846".into())
    );

    // The shares a report would print, with their denominators.
    let table = env.ok(&["stats"]);
    let line = |label: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no line {label:?} in\n{table}"))
            .to_owned()
    };
    // Each share with its Wilson 95 % interval (hand-computed in `stats::honest`).
    let has = |label: &str, value: &str, interval: &str| {
        let l = line(label);
        let cells: Vec<&str> = l
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert!(
            cells.ends_with(&[value, interval]),
            "{label}: {cells:?}\n{table}"
        );
    };
    has("Defendants alleging torture", "18.6% (13/70)", "11.2–29.2%");
    has("Any reaction by the judge", "15.4% (2/13)", "4.3–42.2%");
    has("To obtain a confession", "100.0% (13/13)", "77.2–100.0%");
    has("Ignored it", "84.6% (11/13)", "57.8–95.7%");
    assert!(table.contains("95% interval"));

    // Khujand alone: the odd trials.
    let khujand =
        csv_figures(&env.ok(&["stats", "--format", "csv", "--court", "sughd_khujand_city"]));
    assert_eq!(nds(&khujand, "counts.hearings").0, "23");
    let (alleging, defendants, _) = nds(&khujand, "torture.defendants_alleging");
    let all: u64 = alleging.parse().expect("number");
    assert!(
        all < 13,
        "the court filter narrows the allegations: {alleging}"
    );
    assert_eq!(defendants, "35");
}

#[test]
fn the_table_is_printed_in_the_chosen_language() {
    let env = Env::new();
    t1(&env);
    let ru = env.ok(&["--lang", "ru", "stats"]);
    for words in [
        "Заявления о пытках и жестоком обращении",
        "Подсудимые, заявившие о пытках или жестоком обращении",
        "Любая реакция судьи",
        "Начались с опозданием (> 30 мин)",
    ] {
        assert!(ru.contains(words), "{words:?} missing:\n{ru}");
    }
    for english in [
        "Hearings monitored",
        "Counts",
        "Any reaction",
        " min",
        "by court",
    ] {
        assert!(
            !ru.contains(english),
            "{english:?} in the Russian table:\n{ru}"
        );
    }
    insta::assert_snapshot!("stats_table_ru", ru);
    // The locale chooses the language when --lang does not.
    let out = env
        .cmd(&["stats"])
        .env("LC_ALL", "tg_TJ.UTF-8")
        .output()
        .expect("run courtwatch");
    assert!(out.status.success());
    let by_locale = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(by_locale.contains("Ягон вокуниши судя"), "{by_locale}");
    // The threshold moves in the label too.
    let late = env.ok(&["stats", "--late-after", "45"]);
    assert!(late.contains("Started late (> 45 min)"), "{late}");
}

#[test]
fn stats_select_the_same_hearings_as_list() {
    let env = Env::with_demo(300, 11);
    let listed = |args: &[&str]| {
        let mut a = vec!["list", "--format", "csv"];
        a.extend_from_slice(args);
        csv::Reader::from_reader(env.ok(&a).as_bytes())
            .records()
            .count()
            .to_string()
    };
    let counted = |args: &[&str]| {
        let mut a = vec!["stats", "--format", "csv"];
        a.extend_from_slice(args);
        nds(&csv_figures(&env.ok(&a)), "counts.hearings").0
    };
    let all = counted(&[]);
    assert_eq!(all, "300");
    for filter in [
        &["--region", "sughd"][..],
        &["--status", "draft"],
        &["--from", "2025-06-01", "--to", "2025-12-31"],
        &["--tag", "gbv_domestic_violence"],
        &["--search", "конвой"],
        &["--judge", "ова"],
        &["--article", "200"],
    ] {
        let n = counted(filter);
        assert_eq!(n, listed(filter), "{filter:?}");
        assert_ne!(n, all, "{filter:?} should narrow the selection");
    }
}

#[test]
fn stats_work_read_only_and_agree_with_a_normal_open() {
    let env = Env::with_demo(120, 5);
    let normal = env.ok(&["stats", "--format", "json"]);
    let before = std::fs::read(env.db()).expect("database");
    let read_only = env.ok(&["--read-only", "stats", "--format", "json"]);
    assert_eq!(normal, read_only);
    assert_eq!(
        before,
        std::fs::read(env.db()).expect("database"),
        "a read-only run must not change the file"
    );
}

#[test]
fn the_three_formats_carry_the_same_figures() {
    let env = Env::with_demo(150, 9);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["stats", "--format", "json"])).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 12);
    let ids: Vec<&str> = groups
        .iter()
        .flat_map(|g| g["figures"].as_array().into_iter().flatten())
        .filter_map(|f| f["id"].as_str())
        .collect();
    let rows = csv_figures(&env.ok(&["stats", "--format", "csv"]));
    let csv_ids: Vec<&str> = rows.iter().filter_map(|r| r.get(1)).collect();
    assert_eq!(ids, csv_ids);
    assert_eq!(json["settings"]["late_after_minutes"], 30);

    // A share in the JSON has its numerator and denominator, and labels in the chosen language.
    let caged = groups
        .iter()
        .flat_map(|g| g["figures"].as_array().into_iter().flatten())
        .find(|f| f["id"] == "innocence.caged")
        .expect("innocence.caged");
    let (num, den) = (
        caged["numerator"].as_u64().expect("numerator"),
        caged["denominator"].as_u64().expect("denominator"),
    );
    assert!(den > 0 && num <= den);
    let ru: serde_json::Value =
        serde_json::from_str(&env.ok(&["--lang", "ru", "stats", "--format", "json"]))
            .expect("json");
    let innocence = ru["groups"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["id"] == "innocence"))
        .expect("innocence");
    let codes = &innocence["figures"][0]["breakdowns"][0]["rows"];
    assert_eq!(codes[0]["key"], "metal_cage");
    assert_eq!(codes[0]["label"], "Металлическая клетка");

    // The table prints every share with its denominator.
    let table = env.ok(&["stats"]);
    let caged_line = table
        .lines()
        .find(|l| l.trim_start().starts_with("Defendant in a cage"))
        .expect("cage line");
    assert!(
        caged_line.contains(&format!("({num}/{den})")),
        "{caged_line}"
    );
}

#[test]
fn table_options_add_breakdowns_and_move_the_threshold() {
    let env = Env::with_demo(100, 3);
    let late = |args: &[&str]| {
        let mut a = vec!["stats", "--format", "csv"];
        a.extend_from_slice(args);
        let n = nds(&csv_figures(&env.ok(&a)), "timeliness.started_late").0;
        n.parse::<u64>().expect("number")
    };
    assert!(late(&["--late-after", "5"]) > late(&[]));
    assert!(late(&["--late-after", "120"]) < late(&[]));

    let plain = env.ok(&["stats"]);
    let by_region = env.ok(&["stats", "--by", "region", "--by", "month"]);
    assert!(!plain.contains("by region"));
    assert!(by_region.contains("by region") && by_region.contains("by month"));
    assert_eq!(env.run(&["stats", "--by", "planet"]).status.code(), Some(2));
    assert_eq!(
        env.run(&["stats", "--region", "atlantis"]).status.code(),
        Some(1)
    );
}

#[test]
fn questions_are_wrapped_to_100_columns_never_cut() {
    let env = Env::with_demo(80, 4);
    let spec = Spec::builtin().expect("built-in spec");
    for lang in courtwatch::spec::Lang::ALL {
        let table = env.ok(&["--lang", lang.code(), "stats"]);
        for l in table.lines() {
            assert!(
                l.chars().count() <= 100,
                "{} columns: {l}",
                l.chars().count()
            );
        }
        // The name column of each line: up to the first run of two spaces after the text.
        let names: Vec<(usize, &str)> = table
            .lines()
            .map(|l| {
                let indent = l.len() - l.trim_start().len();
                let rest = &l[indent..];
                (indent, rest.split("  ").next().unwrap_or(""))
            })
            .collect();
        let mut checked = 0;
        for (_, item) in spec.checklist.items() {
            let Some(at) = names
                .iter()
                .position(|(i, n)| *i == 2 && n.starts_with(&format!("{} ", item.code)))
            else {
                continue;
            };
            let mut whole = names[at].1.to_owned();
            for (indent, n) in &names[at + 1..] {
                if *indent != 4 || n.is_empty() {
                    break;
                }
                whole = format!("{whole} {n}");
            }
            let question = item.question.get(lang);
            assert_eq!(whole, format!("{} {question}", item.code), "{lang:?}");
            checked += 1;
        }
        assert!(
            checked > 30,
            "only {checked} questions in the {lang:?} table"
        );
    }
}

/// `--public` hides small breakdown cells as a public report does, in every format; without
/// it `stats` is the reviewers' own view and shows every count.
#[test]
fn public_stats_hide_small_cells_in_every_format() {
    let env = Env::new();
    t1(&env);
    let cells = |args: &[&str], key: &str| -> csv::StringRecord {
        let out = env.ok(args);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        reader
            .records()
            .map(|r| r.expect("csv row"))
            .find(|r| r.get(1) == Some("torture.judicial_reaction") && r.get(5) == Some(key))
            .unwrap_or_else(|| panic!("no row {key}"))
    };
    let csv = ["stats", "--format", "csv"];
    let public_csv = ["stats", "--format", "csv", "--public"];
    // The judge's reactions: an examination ordered once, a referral once, ignored 11 times.
    assert_eq!(&cells(&csv, "ordered_medical_exam")[7], "1");
    let hidden = cells(&public_csv, "ordered_medical_exam");
    assert_eq!(
        (&hidden[7], &hidden[8], &hidden[9], &hidden[13], &hidden[14]),
        ("", "", "", "hidden: fewer than 5", "")
    );
    assert_eq!(
        &cells(&public_csv, "referred_to_prosecutor_for_check")[7],
        ""
    );
    let ignored = cells(&public_csv, "ignored");
    assert_eq!((&ignored[7], &ignored[8]), ("11", "13"));

    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["stats", "--format", "json", "--public"])).expect("json");
    let rows = json["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["figures"].as_array().expect("figures").iter())
        .find(|f| f["id"] == "torture.judicial_reaction")
        .expect("figure")["breakdowns"]
        .as_array()
        .expect("breakdowns")
        .iter()
        .flat_map(|b| b["rows"].as_array().expect("rows").clone())
        .collect::<Vec<_>>();
    let row = |key: &str| {
        rows.iter()
            .find(|r| r["key"] == key)
            .unwrap_or_else(|| panic!("no row {key}"))
            .clone()
    };
    assert_eq!(row("ordered_medical_exam")["suppressed"], true);
    assert!(row("ordered_medical_exam")["numerator"].is_null());
    assert_eq!(row("ignored")["numerator"], 11);
    assert!(row("ignored").get("suppressed").is_none());

    let table = env.ok(&["stats", "--public"]);
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with("Ordered a medical examination"))
        .expect("line");
    assert!(line.contains("hidden: fewer than 5"), "{line}");
    assert!(!env.ok(&["stats"]).contains("hidden: fewer than"));
}

/// `--public` numbers judges as a public report does ("Judge 1", the same judge the same
/// number throughout) in every format; the reviewers' own view names them.
#[test]
fn public_stats_number_the_judges_in_every_format() {
    let env = Env::with_demo(120, 3);
    let named = env.ok(&["stats", "--by", "judge", "--format", "csv"]);
    let judges: Vec<String> = csv::Reader::from_reader(named.as_bytes())
        .records()
        .map(|r| r.expect("csv row"))
        .filter(|r| r.get(4) == Some("judge") && r.get(5) != Some("unknown"))
        .filter_map(|r| r.get(5).map(str::to_owned))
        .collect();
    assert!(!judges.is_empty(), "the demo names judges");
    for format in ["table", "csv", "json"] {
        let out = env.ok(&["stats", "--by", "judge", "--public", "--format", format]);
        for j in &judges {
            assert!(!out.contains(j.as_str()), "{format} names {j}");
        }
        let numbered = if format == "json" {
            "\"judge-1\""
        } else {
            "Judge 1"
        };
        assert!(out.contains(numbered), "{format}: {out}");
    }
    let ru = env.ok(&["--lang", "ru", "stats", "--by", "judge", "--public"]);
    assert!(ru.contains("Судья 1"), "{ru}");
}
