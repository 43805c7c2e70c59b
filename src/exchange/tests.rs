use std::collections::BTreeSet;

use super::rows::{ColumnKind, Table, layout};
use super::{guard, unguard};
use crate::spec::Spec;

fn spec() -> Spec {
    Spec::builtin().unwrap_or_else(|p| panic!("built-in spec: {p:?}"))
}

#[test]
fn the_formula_guard_is_undone_exactly() {
    for cell in [
        "",
        "=1+1",
        "+7",
        "-3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "'",
        "''x",
        "'=x",
        "plain",
        "a=b",
        "Судья",
    ] {
        assert_eq!(unguard(&guard(cell)), cell, "{cell:?}");
    }
    assert_eq!(guard("=1+1"), "'=1+1");
    assert_eq!(guard("plain"), "plain");
}

#[test]
fn batch_folders_lists_batches_by_name_and_skips_partial_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for name in ["b-2", "b-1", ".b-3.partial", "not-a-batch"] {
        std::fs::create_dir(root.join(name)).expect("mkdir");
        if name != "not-a-batch" {
            std::fs::write(root.join(name).join(super::MANIFEST), "{}").expect("manifest");
        }
    }
    let found = super::batch_folders(root).expect("listed");
    assert_eq!(found, [root.join("b-1"), root.join("b-2")]);
    // A batch folder itself is its own list; a folder that is not there holds none.
    assert_eq!(
        super::batch_folders(&root.join("b-1")).expect("listed"),
        [root.join("b-1")]
    );
    assert!(
        super::batch_folders(&root.join("absent"))
            .expect("listed")
            .is_empty()
    );
}

#[test]
fn field_columns_never_collide_with_key_columns_and_are_snake_case() {
    let spec = spec();
    for table in Table::ALL {
        let l = layout(&spec, table, &BTreeSet::new());
        let mut seen = BTreeSet::new();
        for c in &l.columns {
            assert!(
                seen.insert(c.name),
                "{}: column {} twice",
                table.name(),
                c.name
            );
            assert!(
                c.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}: column {} is not snake_case",
                table.name(),
                c.name
            );
        }
        assert!(matches!(l.columns[0].kind, ColumnKind::Key(_)));
        assert_eq!(l.columns[0].name, "uuid");
    }
}

mod plan {
    use std::collections::BTreeMap;

    use uuid::Uuid;

    use crate::demo::Generator;
    use crate::domain::{Monitor, Status};
    use crate::exchange::manifest::{Manifest, MonitorRef, Scope, ScopeKind};
    use crate::exchange::merge::{Action, LocalState, plan};
    use crate::exchange::verify::{Batch, HearingHead};
    use crate::exchange::{FORMAT, FORMAT_VERSION, Profile};
    use crate::store::LocalVersion;

    fn monitor() -> Monitor {
        Monitor {
            uuid: Uuid::from_u128(7),
            code: "M07".into(),
            name: "Test".into(),
            org: String::new(),
        }
    }

    fn batch(seq: u32) -> Batch {
        let spec = super::spec();
        let records: Vec<_> = Generator::new(&spec, 4, 12, vec![monitor()])
            .filter(|r| r.hearing.status == Status::Final)
            .take(4)
            .collect();
        let m = MonitorRef {
            uuid: monitor().uuid,
            code: "M07".into(),
            name: "Test".into(),
        };
        Batch {
            dir: "courtwatch-M07-000002-20261123T101500".into(),
            place: crate::exchange::verify::Place::Folder(
                "courtwatch-M07-000002-20261123T101500".into(),
            ),
            signer: None,
            manifest: Manifest {
                format: FORMAT.into(),
                format_version: FORMAT_VERSION,
                batch_id: Uuid::from_u128(99),
                app_version: "test".into(),
                schema_version: 2,
                form_versions: BTreeMap::new(),
                monitor: m.clone(),
                monitors: vec![m],
                device_id: Uuid::from_u128(5),
                seq,
                created_at: "2026-11-23T10:15:00+05:00".into(),
                scope: Scope {
                    kind: ScopeKind::All,
                    from: None,
                    to: None,
                    filters: Vec::new(),
                },
                profile: Profile::Analysis,
                delimiter: ",".into(),
                bom: false,
                formula_guard: false,
                redacted: false,
                redaction: None,
                hearings: records.len() as u64,
                signing_key: None,
                files: Vec::new(),
            },
            hearings: records
                .iter()
                .enumerate()
                .map(|(i, r)| HearingHead {
                    uuid: r.hearing.uuid,
                    case_uuid: r.hearing.case_uuid,
                    monitor_uuid: r.hearing.monitor_uuid,
                    status: r.hearing.status,
                    content_hash: r.hearing.content_hash.clone(),
                    ancestors: r.hearing.ancestors.clone(),
                    line: i as u64 + 2,
                })
                .collect(),
            warnings: Default::default(),
            courts: Vec::new(),
            joins: Vec::new(),
            outputs: Vec::new(),
        }
    }

    fn version(hash: &str, ancestors: &[&str], status: Status) -> LocalVersion {
        LocalVersion {
            content_hash: hash.into(),
            ancestors: ancestors.iter().map(|s| s.to_string()).collect(),
            status,
        }
    }

    #[test]
    fn each_hearing_gets_the_action_its_version_chain_decides() {
        let mut b = batch(3);
        assert_eq!(b.hearings.len(), 4);
        // The second incoming hearing is version 2 of what is here; the third is older than
        // what is here; the fourth diverged.
        b.hearings[1].ancestors = vec!["v1-of-1".into()];
        let r = &b.hearings;
        let mut local = LocalState {
            received: vec![1],
            monitors: vec![monitor()],
            ..LocalState::default()
        };
        local
            .versions
            .insert(r[1].uuid, version("v1-of-1", &[], Status::Final));
        local.versions.insert(
            r[2].uuid,
            version("v3", &[&r[2].content_hash], Status::Final),
        );
        local
            .versions
            .insert(r[3].uuid, version("other", &["v0"], Status::Final));
        let p = plan(&local, &b).expect("a plan");
        let actions: Vec<Action> = p.actions.iter().map(|a| a.1).collect();
        assert_eq!(
            actions,
            [
                Action::New,
                Action::Update,
                Action::KeepLocal,
                Action::Conflict
            ]
        );
        assert_eq!(
            (
                p.counts.new,
                p.counts.updated,
                p.counts.kept_local,
                p.counts.conflicts
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(
            p.missing,
            vec![crate::store::Gap { from: 2, to: 2 }],
            "batch 2 of M07 has not arrived"
        );

        // Identical versions: unchanged, unless the incoming one was reviewed.
        let mut same = LocalState {
            monitors: vec![monitor()],
            ..LocalState::default()
        };
        for x in r {
            same.versions
                .insert(x.uuid, version(&x.content_hash, &[], Status::Final));
        }
        let mut reviewed = b.clone();
        reviewed.hearings[0].status = Status::Reviewed;
        let p = plan(&same, &reviewed).expect("a plan");
        assert_eq!(p.actions[0].1, Action::Review);
        assert!(p.actions[1..].iter().all(|a| a.1 == Action::Unchanged));

        // A batch merged before changes nothing.
        local.merged_at = Some("2026-11-23T10:00:00+05:00".into());
        let p = plan(&local, &b).expect("a plan");
        assert!(p.actions.iter().all(|a| a.1 == Action::Unchanged));
        assert!(p.already_merged.is_some());
    }

    #[test]
    fn redacted_batches_and_reused_monitor_codes_are_refused() {
        let mut b = batch(1);
        b.manifest.redacted = true;
        let local = LocalState::default();
        let problems = plan(&local, &b).expect_err("refused");
        assert!(problems[0].message.contains("redacted"));

        let b = batch(1);
        let mut other = monitor();
        other.uuid = Uuid::from_u128(8);
        let local = LocalState {
            monitors: vec![other],
            ..LocalState::default()
        };
        let problems = plan(&local, &b).expect_err("refused");
        assert!(problems[0].message.contains("monitor code M07"));
    }
}

#[test]
fn missing_sequence_numbers_are_runs_whatever_the_gap() {
    use crate::store::{Gap, missing_seqs};
    assert_eq!(missing_seqs(&[1, 2, 3]), vec![]);
    assert_eq!(
        missing_seqs(&[3, 1, 7, 7]),
        vec![Gap { from: 2, to: 2 }, Gap { from: 4, to: 6 }]
    );
    // One run, computed without a list of a hundred million numbers.
    assert_eq!(
        missing_seqs(&[1, 100_000_000]),
        vec![Gap {
            from: 2,
            to: 99_999_999
        }]
    );
    assert_eq!(missing_seqs(&[u32::MAX]).len(), 1);
    assert_eq!(Gap { from: 4, to: 6 }.to_string(), "4–6");
}

/// The README's worked example of the content hash (Batch format) is what courtwatch computes.
#[test]
fn the_readmes_worked_example_of_the_content_hash_holds() {
    use crate::domain::{Answer, Case, Hearing, HearingRecord, Status, content_hash};
    let id = |n: u128| uuid::Uuid::from_u128(0x0190f5b8_0000_7000_8000_000000000000 | n);
    let case = Case {
        uuid: id(1),
        fields: [("case_type".to_owned(), "criminal".to_owned())].into(),
    };
    let hearing = Hearing {
        uuid: id(2),
        case_uuid: id(1),
        monitor_uuid: id(0xaa),
        status: Status::Final,
        version: 1,
        content_hash: String::new(),
        parent_hash: String::new(),
        ancestors: Vec::new(),
        sealed: true,
        form_versions: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        fields: [
            ("hearing_date".to_owned(), "2026-11-23".to_owned()),
            ("narrative".to_owned(), "Судья огласил\nрешение.".to_owned()),
        ]
        .into(),
    };
    let mut r = HearingRecord::new(case, hearing);
    r.answers.push(Answer {
        uuid: id(3),
        hearing_uuid: id(2),
        item_code: "PUB-01".into(),
        party_uuid: None,
        answer: "yes".into(),
        comment: String::new(),
    });
    let readme = include_str!("../../README.md");
    let hash = content_hash(&r);
    assert_eq!(
        hash,
        "7cce49d65d84dc382f1f1bf0473613f86bac2b30fd6296b8c34136db1a4d1637"
    );
    assert!(readme.contains(&format!("hashes to `{hash}`")));
}

#[test]
fn a_row_is_looked_at_cell_by_cell_only_when_it_may_hold_a_control_character() {
    use super::verify::cells::{decode, may_hold_control};
    // «» are C2 AB and C2 BB: in nearly every Russian narrative, and no control character.
    let quoted = "Судья: «Продолжаем». Конвой — «у двери».\nВторая строка\tс табуляцией";
    assert!(!may_hold_control(quoted.as_bytes()));
    for control in ['\u{80}', '\u{85}', '\u{9f}', '\u{1b}', '\u{7f}', '\u{0}'] {
        let text = format!("{quoted}{control}");
        assert!(may_hold_control(text.as_bytes()), "{control:?}");
    }
    assert!(!may_hold_control("\u{a0}\u{ab}\u{bb}\u{c2}".as_bytes()));
    // Past the first 64 bytes too, and whichever cell holds it.
    let rec = csv::ByteRecord::from(vec![quoted, "«ok»", &format!("{quoted}\u{85}«»")]);
    let mut problems = super::Problems::new();
    let mut bad = Vec::new();
    let cells = decode(&rec, "hearings.csv", 7, false, &mut problems, &mut bad);
    assert_eq!(bad, [2]);
    assert_eq!(cells[..2], [quoted, "«ok»"]);
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "hearings.csv:7:3: holds the control character U+0085; a batch holds text, line breaks and tabs only"
        ]
    );
}

#[test]
fn every_batch_message_is_in_every_language_and_said_in_it() {
    use crate::i18n::Texts;
    use crate::spec::Lang;
    let sources = [
        include_str!("verify/cells.rs"),
        include_str!("verify/claims.rs"),
        include_str!("verify/files.rs"),
        include_str!("verify/mod.rs"),
        include_str!("merge.rs"),
        include_str!("mod.rs"),
        include_str!("rows.rs"),
        include_str!("side.rs"),
        include_str!("joins.rs"),
        include_str!("courts.rs"),
        include_str!("../cli/verify.rs"),
        include_str!("../cli/merge.rs"),
        include_str!("../spec/mod.rs"),
        include_str!("../store/courts.rs"),
    ];
    let texts = Texts::builtin().expect("messages load");
    let mut keys = std::collections::BTreeSet::new();
    for src in sources {
        for prefix in ["\"batch-", "\"merge-"] {
            for (at, _) in src.match_indices(prefix) {
                let key: String = src[at + 1..].chars().take_while(|&c| c != '"').collect();
                if !key.contains(' ') {
                    keys.insert(key);
                }
            }
        }
    }
    assert!(keys.len() > 150, "{keys:?}");
    // Every message used by the reader is in every language, and says it with the arguments
    // the English one takes: a variable misspelt in a translation would show as {$name}.
    let en_src = crate::i18n::FILES[0].1;
    let vars = |key: &str| -> Vec<String> {
        let start = en_src
            .find(&format!("\n{key} ="))
            .unwrap_or_else(|| panic!("{key} is not in en.ftl"));
        let body: String = en_src[start + 1..]
            .lines()
            .enumerate()
            .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
            .map(|(_, l)| l)
            .collect();
        body.split('$')
            .skip(1)
            .map(|v| {
                v.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    };
    for key in &keys {
        let names = vars(key);
        for lang in Lang::ALL {
            assert!(texts.has(lang, key), "{key} is missing in {lang}");
            for n in [1, 2, 5, 21] {
                let args: Vec<(&str, crate::i18n::Arg<'_>)> = names
                    .iter()
                    .map(|v| (v.as_str(), crate::i18n::Arg::Num(n)))
                    .collect();
                let said = texts.t_args(lang, key, &args);
                assert!(
                    !said.contains("{$") && !said.contains("???") && said != *key,
                    "{key} in {lang}: {said}"
                );
            }
        }
    }
    // Counts take the language's plural forms.
    let count = |lang, n: i64| {
        crate::msg!("batch-verify-invalid", batch = "b", count = n).render(&texts, lang)
    };
    assert_eq!(
        count(Lang::En, 3),
        "b is not a valid batch (3 problem(s)); nothing was changed:"
    );
    assert!(
        count(Lang::Ru, 1).contains("(1 ошибка)"),
        "{}",
        count(Lang::Ru, 1)
    );
    assert!(
        count(Lang::Ru, 3).contains("(3 ошибки)"),
        "{}",
        count(Lang::Ru, 3)
    );
    assert!(
        count(Lang::Ru, 11).contains("(11 ошибок)"),
        "{}",
        count(Lang::Ru, 11)
    );
    assert!(
        count(Lang::Ru, 21).contains("(21 ошибка)"),
        "{}",
        count(Lang::Ru, 21)
    );
    assert!(
        count(Lang::Tg, 5).contains("(5 камбудӣ)"),
        "{}",
        count(Lang::Tg, 5)
    );
    let more = |lang, n: i64| crate::msg!("batch-more-warnings", count = n).render(&texts, lang);
    assert_eq!(more(Lang::Ru, 2), "… и ещё 2 предупреждения");
    assert_eq!(more(Lang::Ru, 7), "… и ещё 7 предупреждений");
    assert_eq!(more(Lang::Tg, 7), "… ва боз 7 огоҳӣ");
    // A problem is kept in English and said in the user's language where it is shown.
    let p = super::Problem::at(
        "hearings.csv",
        7,
        Some(3),
        crate::msg!("batch-control-character", code = "U+0085"),
    );
    assert_eq!(
        p.to_string(),
        "hearings.csv:7:3: holds the control character U+0085; a batch holds text, line breaks and tabs only"
    );
    assert_eq!(p.render(Lang::En), p.to_string());
    assert_eq!(
        p.render(Lang::Ru),
        "hearings.csv:7:3: содержит управляющий символ U+0085; в пакете допустимы только текст, переводы строк и табуляция"
    );
    assert!(p.render(Lang::Tg).contains("аломати идоракунии U+0085"));
    // Messages inside messages, and codes joined by the language's «or».
    let nested = crate::msg!(
        "batch-hearing-would-not-finalise",
        hearing = "h1",
        status = super::Msg::new("status-final"),
        what = crate::msg!(
            "batch-field-not-applicable",
            field = "closure_ground",
            condition = "public_access",
            values = super::MsgArg::Or(vec!["closed_entire".into(), "closed_partly".into()])
        )
    );
    assert_eq!(
        nested.render(&texts, Lang::En),
        "hearing h1 is final but would not pass finalising: closure_ground holds a value, \
         but it applies only when public_access is closed_entire or closed_partly"
    );
    let ru = nested.render(&texts, Lang::Ru);
    assert!(ru.contains("closed_entire или closed_partly"), "{ru}");
    assert!(
        ru.starts_with("заседание h1 имеет статус «завершено»"),
        "{ru}"
    );
}
