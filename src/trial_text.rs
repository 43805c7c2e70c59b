//! A trial as plain text for people: `courtwatch cases show` prints it and the case view
//! shows it. The trial's hearings, each defendant's situation hearing by hearing, the
//! allegations raised, and the standards not met and at which hearings (`domain::trial`).

use crate::domain::trial::{self, SITUATION_FIELDS};
use crate::i18n::{Arg, Texts};
use crate::spec::{COURT_LIST, Lang, Spec};
use crate::store::Trial;

/// A value of a hearing field or list as its label in `lang` (codes joined by `|` each).
fn label(spec: &Spec, list: &str, value: &str, lang: Lang) -> String {
    value
        .split('|')
        .filter(|v| !v.is_empty())
        .map(|v| spec.code_label(list, v, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list a field's values come from, if it has one.
fn list_of<'a>(spec: &'a Spec, field: &str) -> &'a str {
    spec.field(field)
        .and_then(|(_, f)| f.list.as_deref())
        .unwrap_or("")
}

fn field_label<'a>(spec: &'a Spec, field: &'a str, lang: Lang) -> &'a str {
    spec.field(field).map_or(field, |(_, f)| f.label.get(lang))
}

/// The trial as plain text in `lang`.
pub fn text(spec: &Spec, texts: &Texts, t: &Trial, lang: Lang) -> String {
    text_marked(spec, texts, t, lang, None)
}

/// [`text`], with hearing `mark` (an index into the trial's records) marked `▶` in the list
/// of hearings: the case view's choice.
pub fn text_marked(
    spec: &Spec,
    texts: &Texts,
    t: &Trial,
    lang: Lang,
    mark: Option<usize>,
) -> String {
    use std::fmt::Write;
    let tr = |k: &str| texts.t(lang, k);
    let s = &t.summary;
    let mut o = String::new();
    let number = if s.case_number.is_empty() {
        tr("case-no-number")
    } else {
        s.case_number.clone()
    };
    let _ = writeln!(o, "{} {number}", tr("case-title"));
    let _ = writeln!(
        o,
        "{}: {}",
        field_label(spec, "court", lang),
        spec.code_label(COURT_LIST, &s.court, lang)
    );
    if let Some(r) = t.records.last() {
        let case = &r.case.fields;
        for f in ["case_type", "case_tags", "case_status"] {
            if let Some(v) = case.get(f).filter(|v| !v.is_empty()) {
                let _ = writeln!(
                    o,
                    "{}: {}",
                    field_label(spec, f, lang),
                    label(spec, list_of(spec, f), v, lang)
                );
            }
        }
    }
    let articles = articles(t);
    if !articles.is_empty() {
        let _ = writeln!(o, "{}: {}", tr("case-articles"), articles.join(", "));
    }
    let next = if s.next_date.is_empty() {
        tr("case-no-next")
    } else {
        s.next_date.clone()
    };
    let _ = writeln!(o, "{}: {next}", tr("case-next"));
    if t.summary.members.len() > 1 {
        let _ = writeln!(
            o,
            "{}",
            texts.t_args(
                lang,
                "case-joined",
                &[("n", Arg::Num(t.summary.members.len() as i64))]
            )
        );
    }
    // How the trial came together: each join and split, who and when.
    for j in &t.joins {
        let who = |id: &uuid::Uuid| t.monitors.get(id).cloned().unwrap_or_else(|| short(id));
        let pair = format!("{} + {}", short(&j.case_uuid), short(&j.other_uuid));
        let events = [
            ("case-join-made", Some((&j.joined_by, &j.joined_at))),
            (
                "case-join-split",
                j.split_by.as_ref().zip(j.split_at.as_ref()),
            ),
        ];
        for (key, event) in events {
            if let Some((by, at)) = event {
                let by = who(by);
                // `2026-11-23T10:15:03+05:00` as `2026-11-23 10:15`, local to the recorder.
                let at = at.get(..16).unwrap_or(at).replacen('T', " ", 1);
                let line = texts.t_args(
                    lang,
                    key,
                    &[
                        ("records", Arg::Str(&pair)),
                        ("who", Arg::Str(&by)),
                        ("when", Arg::Str(&at)),
                    ],
                );
                let _ = writeln!(o, "  {line}");
            }
        }
    }

    let _ = writeln!(o, "\n{}", tr("case-hearings"));
    let rows: Vec<Vec<String>> = t
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let f = &r.hearing.fields;
            let get = |k: &str| f.get(k).cloned().unwrap_or_default();
            vec![
                if mark == Some(i) {
                    format!("▶{}", i + 1)
                } else {
                    format!("{}", i + 1)
                },
                get("hearing_date"),
                t.monitors
                    .get(&r.hearing.monitor_uuid)
                    .cloned()
                    .unwrap_or_default(),
                tr(&format!("status-{}", r.hearing.status.code())),
                label(
                    spec,
                    list_of(spec, "session_outcome"),
                    &get("session_outcome"),
                    lang,
                ),
                label(spec, "hearing_stage", &get("stages"), lang),
            ]
        })
        .collect();
    o.push_str(&crate::cli::table(
        &[
            "#",
            &tr("case-col-date"),
            // The short columns first, so that a long stage never pushes them off screen.
            &tr("case-col-monitor"),
            &tr("case-col-status"),
            &tr("case-col-outcome"),
            &tr("case-col-stage"),
        ],
        &rows,
    ));

    let defendants = trial::defendants(&t.records);
    if !defendants.is_empty() {
        let _ = writeln!(o, "\n{}", tr("case-defendants"));
        let mut headers = vec![String::new()];
        headers.extend((1..=t.records.len()).map(|i| format!("#{i}")));
        for d in &defendants {
            let mut rows = Vec::new();
            for (k, field) in SITUATION_FIELDS.iter().enumerate() {
                let mut row = vec![field_label(spec, field, lang).to_owned()];
                row.extend(d.cells.iter().map(|c| match c {
                    None => "–".to_owned(),
                    Some(v) if v[k].is_empty() => "·".to_owned(),
                    Some(v) => label(spec, list_of(spec, field), &v[k], lang),
                }));
                rows.push(row);
            }
            let mut h: Vec<&str> = headers.iter().map(String::as_str).collect();
            h[0] = &d.code;
            o.push_str(&crate::cli::table(&h, &rows));
        }
    }

    let allegations: Vec<(usize, &crate::domain::Allegation)> = t
        .records
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.allegations.iter().map(move |a| (i, a)))
        .collect();
    let _ = writeln!(o, "\n{}", tr("case-allegations"));
    if allegations.is_empty() {
        let _ = writeln!(o, "{}", tr("case-none"));
    }
    for (i, a) in allegations {
        let r = &t.records[i];
        let who = a
            .party_uuid
            .and_then(|p| r.party(p))
            .and_then(|p| p.fields.get("display_code"))
            .cloned()
            .unwrap_or_default();
        let methods = a.fields.get("methods").cloned().unwrap_or_default();
        let followups = r
            .followups
            .iter()
            .filter(|f| f.allegation_uuid == a.uuid)
            .count();
        let _ = writeln!(
            o,
            "#{} {} {who}: {} ({})",
            i + 1,
            r.hearing
                .fields
                .get("hearing_date")
                .map_or("", String::as_str),
            label(spec, list_of(spec, "methods"), &methods, lang),
            texts.t_args(lang, "case-followups", &[("n", Arg::Num(followups as i64))])
        );
    }

    let _ = writeln!(o, "\n{}", tr("case-checklist"));
    let lines = trial::checklist(spec, &t.records);
    let not_met: Vec<_> = lines.iter().filter(|l| !l.hearings.is_empty()).collect();
    if not_met.is_empty() {
        let _ = writeln!(o, "{}", tr("case-none"));
    }
    for l in not_met {
        let name = match spec.checklist.item(&l.code) {
            Some((_, item)) => format!("  {} {}", l.code, item.question.get(lang)),
            None => spec
                .checklist
                .groups
                .iter()
                .find(|g| g.id == l.code)
                .map_or(l.code.clone(), |g| g.label.get(lang).to_owned()),
        };
        let at: Vec<String> = l.hearings.iter().map(|i| format!("#{}", i + 1)).collect();
        let _ = writeln!(
            o,
            "{name}: {}/{} ({})",
            l.hearings.len(),
            l.answered,
            at.join(" ")
        );
    }
    o
}

/// The trial's charge articles, each once, in order.
pub fn articles(t: &Trial) -> Vec<String> {
    let mut v: Vec<String> = t
        .records
        .iter()
        .flat_map(|r| r.charges.iter())
        .filter_map(|c| c.fields.get("article").cloned())
        .filter(|a| !a.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A case record's id as the case view names it: its last eight characters (the first ones
/// of ids made at about the same time are alike).
fn short(id: &uuid::Uuid) -> String {
    let id = id.simple().to_string();
    id[id.len() - 8..].to_owned()
}
