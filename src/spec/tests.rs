use super::*;

fn t(s: &str) -> String {
    format!(r#"{{ en = "{s}", ru = "{s}-ru", tg = "{s}-tg" }}"#)
}

/// A tiny but complete set of asset files; each test breaks one thing in it.
fn files() -> Vec<(String, String)> {
    let form = |name: &str, fields: &str| {
        (
            format!("forms/{name}.toml"),
            format!(
                "form = \"{name}\"\nversion = 1\n[[sections]]\nid = \"main\"\nlabel = {}\n{fields}",
                t("Main")
            ),
        )
    };
    let field = |id: &str, kind: &str, extra: &str| {
        format!(
            "[[sections.fields]]\nid = \"{id}\"\nkind = \"{kind}\"\nlabel = {}\n{extra}\n",
            t(id)
        )
    };
    let mut v = vec![
        form(
            "case",
            &field("case_tags", "multi_choice", "list = \"case_tag\""),
        ),
        form(
            "hearing",
            &(field("court", "choice", "list = \"court\"\nrequired = true")
                + &field("public_access", "choice", "list = \"public_access\"")
                + &field(
                    "closure_ground",
                    "text",
                    "when = { field = \"public_access\", any_of = [\"closed\"] }",
                )),
        ),
    ];
    for name in [
        "party",
        "hearing_party",
        "charge",
        "allegation",
        "followup",
        "consent",
    ] {
        v.push(form(name, &field(&format!("{name}_note"), "text", "")));
    }
    v.push((
        "forms/checklist.toml".into(),
        format!(
            "version = 1\n[[groups]]\nid = \"pub\"\nlabel = {}\n[[groups.items]]\ncode = \"PUB-01\"\nquestion = {}\n\
             [[groups]]\nid = \"juv\"\nlabel = {}\nwhen = {{ field = \"case_tags\", any_of = [\"juvenile\"] }}\n\
             [[groups.items]]\ncode = \"JUV-01\"\nquestion = {}\n",
            t("Public"),
            t("Posted?"),
            t("Juveniles"),
            t("Parent?")
        ),
    ));
    let mut lists = String::from("[lists.answer]\n");
    for c in ["yes", "no", "partly", "not_observed", "not_applicable"] {
        lists += &format!("{c} = {}\n", t(c));
    }
    lists += &format!("[lists.region]\ndushanbe = {}\n", t("Dushanbe"));
    lists += &format!("[lists.court_level]\ndistrict_city = {}\n", t("District"));
    lists += &format!("[lists.timeline_event]\nhearing_opened = {}\n", t("Opened"));
    lists += &format!(
        "[lists.case_tag]\njuvenile = {}\ngbv = {}\n",
        t("Juvenile"),
        t("GBV")
    );
    lists += &format!(
        "[lists.public_access]\nopen = {}\nclosed = {}\n",
        t("Open"),
        t("Closed")
    );
    v.push(("lists/common.toml".into(), lists));
    v.push((
        "courts.toml".into(),
        format!("[[courts]]\ncode = \"sino\"\nlevel = \"district_city\"\nregion = \"dushanbe\"\nname = {}\n", t("Sino")),
    ));
    v
}

fn load(files: &[(String, String)]) -> Result<Spec, Vec<String>> {
    Spec::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

fn edit(name: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let mut f = files();
    let file = f
        .iter_mut()
        .find(|(n, _)| n == name)
        .expect("test file exists");
    assert!(file.1.contains(from), "{from:?} not in {name}");
    file.1 = file.1.replacen(from, to, 1);
    f
}

fn problems(files: Vec<(String, String)>) -> Vec<String> {
    load(&files).err().unwrap_or_default()
}

#[test]
fn the_minimal_spec_is_sound() {
    let spec = load(&files()).expect("sound spec");
    assert_eq!(spec.forms.len(), 8);
    assert_eq!(spec.checklist.items().count(), 2);
}

#[test]
fn the_builtin_assets_pass_the_checker() {
    if let Err(problems) = Spec::builtin() {
        panic!("built-in assets have problems:\n{}", problems.join("\n"));
    }
}

#[test]
fn duplicate_field_ids_across_forms_are_reported() {
    let p = problems(edit(
        "forms/consent.toml",
        "id = \"consent_note\"",
        "id = \"court\"",
    ));
    assert!(
        p.iter()
            .any(|s| s.contains("field court: field id already used in form hearing")),
        "{p:?}"
    );
}

#[test]
fn reused_checklist_codes_are_reported() {
    let p = problems(edit(
        "forms/checklist.toml",
        "code = \"JUV-01\"",
        "code = \"PUB-01\"",
    ));
    assert!(
        p.iter()
            .any(|s| s.contains("checklist item PUB-01: code used twice")),
        "{p:?}"
    );
}

#[test]
fn unknown_answer_kinds_are_reported() {
    let p = problems(edit(
        "forms/party.toml",
        "kind = \"text\"",
        "kind = \"colour\"",
    ));
    assert!(
        p.iter()
            .any(|s| s.contains("unknown answer kind \"colour\"")),
        "{p:?}"
    );
}

#[test]
fn a_label_missing_in_one_language_is_reported() {
    let p = problems(edit("lists/common.toml", "ru = \"GBV-ru\", ", ""));
    assert!(
        p.iter()
            .any(|s| s == "code list case_tag: code gbv: label missing in ru"),
        "{p:?}"
    );
    let p = problems(edit(
        "forms/checklist.toml",
        "tg = \"Posted?-tg\"",
        "tg = \"\"",
    ));
    assert!(
        p.iter()
            .any(|s| s == "checklist item PUB-01: label missing in tg"),
        "{p:?}"
    );
}

#[test]
fn relevance_rules_naming_unknown_fields_or_values_are_reported() {
    let p = problems(edit(
        "forms/hearing.toml",
        "any_of = [\"closed\"]",
        "any_of = [\"shut\"]",
    ));
    assert!(
        p.iter()
            .any(|s| s.contains("unknown value shut of field public_access")),
        "{p:?}"
    );
    let p = problems(edit(
        "forms/checklist.toml",
        "field = \"case_tags\"",
        "field = \"case_labels\"",
    ));
    assert!(
        p.iter().any(|s| s.contains("unknown field case_labels")),
        "{p:?}"
    );
}

#[test]
fn unknown_code_lists_and_court_codes_are_reported() {
    let p = problems(edit(
        "forms/case.toml",
        "list = \"case_tag\"",
        "list = \"case_tagz\"",
    ));
    assert!(
        p.iter().any(|s| s.contains("unknown code list case_tagz")),
        "{p:?}"
    );
    let p = problems(edit(
        "courts.toml",
        "region = \"dushanbe\"",
        "region = \"atlantis\"",
    ));
    assert!(
        p.iter()
            .any(|s| s.contains("court sino: unknown region atlantis")),
        "{p:?}"
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let mut f = edit("forms/party.toml", "kind = \"text\"", "kind = \"colour\"");
    let consent = f
        .iter_mut()
        .find(|(n, _)| n == "forms/consent.toml")
        .expect("consent");
    consent.1 = consent.1.replace("id = \"consent_note\"", "id = \"court\"");
    assert_eq!(problems(f).len(), 2);
}

#[test]
fn a_syntax_error_names_the_file() {
    let p = problems(edit("courts.toml", "[[courts]]", "[[courts"));
    assert!(p.iter().any(|s| s.starts_with("courts.toml:")), "{p:?}");
}

#[test]
fn conditions_hold_on_any_selected_code() {
    let c = Condition {
        field: "case_tags".into(),
        any_of: vec!["gbv".into()],
    };
    assert!(c.holds(Some("juvenile|gbv")));
    assert!(!c.holds(Some("juvenile")));
    assert!(!c.holds(None));
}

#[test]
fn locale_strings_choose_the_language() {
    assert_eq!(Lang::from_locale("ru_RU.UTF-8"), Lang::Ru);
    assert_eq!(Lang::from_locale("tg_TJ"), Lang::Tg);
    assert_eq!(Lang::from_locale("C"), Lang::En);
}

fn user_court(code: &str) -> super::Court {
    super::Court {
        code: code.into(),
        level: "district_city".into(),
        region: String::new(),
        country: "Kazakhstan".into(),
        name: Text {
            ru: "Суд Алматы".into(),
            ..Text::default()
        },
        added: Some(super::Added {
            by: "00000000-0000-4000-8000-000000000001".into(),
            at: "2026-12-07T10:00:00+05:00".into(),
        }),
    }
}

#[test]
fn a_court_a_monitor_added_joins_the_one_list_of_courts() {
    let spec = Spec::builtin().expect("spec");
    let shipped = spec.courts.len();
    let c = user_court("user_00000000abcd");
    assert_eq!(spec.user_court_problem(&c), None);
    let with = spec.with_courts(std::slice::from_ref(&c));
    assert_eq!(with.courts.len(), shipped + 1);
    // Every reader of courts sees it: choices, codes, labels, validity.
    assert!(with.code_exists(COURT_LIST, "user_00000000abcd"));
    assert!(!spec.code_exists(COURT_LIST, "user_00000000abcd"));
    assert!(with.codes(COURT_LIST).contains(&"user_00000000abcd"));
    assert!(
        with.choices(COURT_LIST)
            .iter()
            .any(|(code, _)| code == "user_00000000abcd")
    );
    // Named in Russian only: every language reads that name.
    for lang in Lang::ALL {
        assert_eq!(
            with.code_label(COURT_LIST, "user_00000000abcd", lang),
            "Суд Алматы"
        );
    }
    // Adding it again, or a shipped court's code, adds nothing.
    assert_eq!(with.with_courts(&[c]).courts.len(), shipped + 1);
}

#[test]
fn a_court_a_monitor_adds_is_checked_in_plain_words() {
    let spec = Spec::builtin().expect("spec");
    let why = |c: &super::Court| {
        spec.user_court_problem(c)
            .map(|m| m.to_string())
            .unwrap_or_default()
    };
    assert!(why(&user_court("dushanbe_sino")).contains("not one of a court a monitor added"));
    assert!(why(&user_court("user_XYZ")).contains("not one of a court"));
    let mut c = user_court("user_0a");
    c.name = Text::default();
    assert!(why(&c).contains("no name"), "{}", why(&c));
    let mut c = user_court("user_0a");
    c.country.clear();
    assert!(why(&c).contains("neither a region nor a country"));
    c.region = "atlantis".into();
    assert!(why(&c).contains("unknown region"));
    c.region = "sughd".into();
    assert_eq!(spec.user_court_problem(&c), None);
    c.level = "tribal".into();
    assert!(why(&c).contains("unknown court level"));
    let mut c = user_court("user_0a");
    c.name.en = "Court\u{1b}[2J".into();
    assert!(why(&c).contains("control character"));
}

#[test]
fn shipped_courts_never_take_the_user_prefix() {
    let p = problems(edit("courts.toml", "code = \"sino\"", "code = \"user_01\""));
    assert!(
        p.iter()
            .any(|s| s.contains("kept for courts a monitor adds")),
        "{p:?}"
    );
}
