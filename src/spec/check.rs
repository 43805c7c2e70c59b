//! The checker: every problem in the form definitions, reported at once.

use std::collections::{HashMap, HashSet};

use super::{COURT_LIST, Condition, FieldKind, Spec, Text};

/// Entity names a form file may describe; `domain::Entity` mirrors them.
pub(crate) const FORM_NAMES: &[&str] = &[
    "case",
    "hearing",
    "party",
    "hearing_party",
    "charge",
    "allegation",
    "followup",
    "consent",
];

/// Lists the code relies on by name.
const REQUIRED_LISTS: &[&str] = &["answer", "region", "court_level", "timeline_event"];

/// Returns one sentence per problem; an empty vector means the spec is sound.
pub fn check(spec: &Spec) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(s);

    let missing = |what: &str, text: &Text, p: &mut dyn FnMut(String)| {
        for lang in text.missing() {
            p(format!("{what}: label missing in {lang}"));
        }
    };

    // Code lists.
    let mut list_ids = HashSet::new();
    for list in &spec.lists {
        if !list_ids.insert(list.id.as_str()) {
            p(format!("code list {} is defined twice", list.id));
        }
        if list.codes.is_empty() {
            p(format!("code list {} has no codes", list.id));
        }
        let mut seen = HashSet::new();
        for code in &list.codes {
            if !seen.insert(code.code.as_str()) {
                p(format!(
                    "code list {}: code {} is used twice",
                    list.id, code.code
                ));
            }
            missing(
                &format!("code list {}: code {}", list.id, code.code),
                &code.text(),
                &mut p,
            );
            if let Some(parent) = &code.parent
                && list.get(parent).is_none()
            {
                p(format!(
                    "code list {}: code {} has unknown parent {parent}",
                    list.id, code.code
                ));
            }
        }
    }
    for name in REQUIRED_LISTS {
        if spec.list(name).is_none() {
            p(format!("code list {name} is missing"));
        }
    }
    if let Some(answer) = spec.list("answer") {
        for code in ["yes", "no", "partly", "not_observed", "not_applicable"] {
            if answer.get(code).is_none() {
                p(format!("code list answer: code {code} is missing"));
            }
        }
    }

    // Courts.
    let mut court_codes = HashSet::new();
    for court in &spec.courts {
        if !court_codes.insert(court.code.as_str()) {
            p(format!("court {} is listed twice", court.code));
        }
        if court.code.starts_with(super::USER_COURT_PREFIX) {
            p(format!(
                "court {}: codes starting with {} are kept for courts a monitor adds",
                court.code,
                super::USER_COURT_PREFIX
            ));
        }
        if !spec.code_exists("court_level", &court.level) {
            p(format!(
                "court {}: unknown level {}",
                court.code, court.level
            ));
        }
        if !spec.code_exists("region", &court.region) {
            p(format!(
                "court {}: unknown region {}",
                court.code, court.region
            ));
        }
        missing(&format!("court {}", court.code), &court.name, &mut p);
    }

    // Forms and fields.
    let mut form_names = HashSet::new();
    let mut field_ids: HashMap<&str, &str> = HashMap::new();
    for form in &spec.forms {
        if !FORM_NAMES.contains(&form.form.as_str()) {
            p(format!(
                "form {} describes no known record (expected one of {})",
                form.form,
                FORM_NAMES.join(", ")
            ));
        }
        if !form_names.insert(form.form.as_str()) {
            p(format!("form {} is defined twice", form.form));
        }
        let mut section_ids = HashSet::new();
        for section in &form.sections {
            if !section_ids.insert(section.id.as_str()) {
                p(format!(
                    "form {}: section {} is defined twice",
                    form.form, section.id
                ));
            }
            missing(
                &format!("form {}: section {}", form.form, section.id),
                &section.label,
                &mut p,
            );
            for field in &section.fields {
                let at = format!("form {}: field {}", form.form, field.id);
                if let Some(other) = field_ids.insert(&field.id, &form.form) {
                    p(format!("{at}: field id already used in form {other}"));
                }
                missing(&at, &field.label, &mut p);
                if let Some(help) = &field.help {
                    for lang in help.missing() {
                        p(format!("{at}: help missing in {lang}"));
                    }
                }
                match FieldKind::parse(&field.kind_name) {
                    None => p(format!("{at}: unknown answer kind {:?}", field.kind_name)),
                    Some(kind) if kind.is_coded() => match &field.list {
                        None => p(format!("{at}: a {} field needs a list", field.kind_name)),
                        Some(l) if l != COURT_LIST && spec.list(l).is_none() => {
                            p(format!("{at}: unknown code list {l}"))
                        }
                        Some(_) => {}
                    },
                    Some(_) => {
                        if field.list.is_some() {
                            p(format!("{at}: only choice fields take a list"));
                        }
                    }
                }
            }
        }
    }
    for name in FORM_NAMES {
        if !form_names.contains(name) {
            p(format!("form {name} is missing"));
        }
    }
    for form in &spec.forms {
        for field in form.sections.iter().flat_map(|s| &s.fields) {
            if let Some(cond) = &field.when {
                check_condition(
                    spec,
                    &format!("form {}: field {}", form.form, field.id),
                    cond,
                    &mut p,
                );
            }
        }
    }

    // Checklist.
    let mut group_ids = HashSet::new();
    let mut item_codes = HashSet::new();
    for group in &spec.checklist.groups {
        let at = format!("checklist group {}", group.id);
        if !group_ids.insert(group.id.as_str()) {
            p(format!("{at}: group id used twice"));
        }
        missing(&at, &group.label, &mut p);
        if let Some(cond) = &group.when {
            check_condition(spec, &at, cond, &mut p);
        }
        for item in &group.items {
            let at = format!("checklist item {}", item.code);
            if !item_codes.insert(item.code.as_str()) {
                p(format!("{at}: code used twice"));
            }
            missing(&at, &item.question, &mut p);
            if let Some(help) = &item.help {
                for lang in help.missing() {
                    p(format!("{at}: help missing in {lang}"));
                }
            }
            if let Some(cond) = &item.when {
                check_condition(spec, &at, cond, &mut p);
            }
        }
    }
    problems
}

fn check_condition(spec: &Spec, at: &str, cond: &Condition, p: &mut dyn FnMut(String)) {
    let Some((_, field)) = spec.field(&cond.field) else {
        p(format!(
            "{at}: relevance rule names unknown field {}",
            cond.field
        ));
        return;
    };
    match &field.list {
        Some(list) => {
            for code in &cond.any_of {
                if !spec.code_exists(list, code) {
                    p(format!(
                        "{at}: relevance rule names unknown value {code} of field {}",
                        cond.field
                    ));
                }
            }
        }
        None => p(format!(
            "{at}: relevance rule names field {}, which has no code list",
            cond.field
        )),
    }
    if cond.any_of.is_empty() {
        p(format!("{at}: relevance rule lists no values"));
    }
}
