//! A hearing as plain text for people: `courtwatch show` prints it, the hearing detail view
//! shows it, and the reviewer prints it to a file.

use std::path::{Path, PathBuf};

use crate::domain::{Entity, Fields, HearingRecord};
use crate::error::{Error, Result};
use crate::spec::{Lang, Spec};

fn fields_text(
    spec: &Spec,
    entity: Entity,
    fields: &Fields,
    lang: Lang,
    indent: &str,
    s: &mut String,
) {
    let Some(form) = spec.form(entity.name()) else {
        return;
    };
    for f in form.fields() {
        if let Some(v) = fields.get(&f.id).filter(|v| !v.is_empty()) {
            let v = spec
                .display(f, v, lang)
                .replace('\n', &format!("\n{indent}    "));
            s.push_str(&format!("{indent}{}: {v}\n", f.label.get(lang)));
        }
    }
}

/// The whole hearing as plain text, labels in `lang`; the reviewer's print-out uses it too.
pub fn hearing_text(spec: &Spec, r: &HearingRecord, lang: Lang) -> String {
    let mut s = String::new();
    let h = &r.hearing;
    s.push_str(&format!(
        "Hearing {}  [{} v{}]\n{}\n",
        h.uuid,
        h.status,
        h.version,
        if h.content_hash.is_empty() {
            String::new()
        } else {
            format!("content {}", h.content_hash)
        }
    ));
    s.push_str("\n== Case ==\n");
    fields_text(spec, Entity::Case, &r.case.fields, lang, "  ", &mut s);
    s.push_str("\n== Hearing ==\n");
    fields_text(spec, Entity::Hearing, &h.fields, lang, "  ", &mut s);
    s.push_str("\n== Parties ==\n");
    for p in &r.parties {
        s.push_str(&format!(
            "  {}\n",
            p.fields.get("display_code").map_or("?", String::as_str)
        ));
        fields_text(spec, Entity::Party, &p.fields, lang, "    ", &mut s);
        for hp in r
            .hearing_parties
            .iter()
            .filter(|hp| hp.party_uuid == p.uuid)
        {
            fields_text(spec, Entity::HearingParty, &hp.fields, lang, "    ", &mut s);
        }
        for c in r.charges.iter().filter(|c| c.party_uuid == p.uuid) {
            s.push_str("    — charge\n");
            fields_text(spec, Entity::Charge, &c.fields, lang, "      ", &mut s);
        }
        for c in r.consents.iter().filter(|c| c.party_uuid == p.uuid) {
            s.push_str("    — consent\n");
            fields_text(spec, Entity::Consent, &c.fields, lang, "      ", &mut s);
        }
    }
    s.push_str("\n== Checklist ==\n");
    for a in &r.answers {
        let (question, _) = spec
            .checklist
            .item(&a.item_code)
            .map_or((a.item_code.clone(), ()), |(_, i)| {
                (i.question.get(lang).to_owned(), ())
            });
        let who = a
            .party_uuid
            .and_then(|p| r.party(p))
            .and_then(|p| p.fields.get("display_code"))
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        s.push_str(&format!(
            "  {}{who} {}: {}\n",
            a.item_code,
            question,
            spec.code_label("answer", &a.answer, lang)
        ));
        if !a.comment.is_empty() {
            s.push_str(&format!("      {}\n", a.comment));
        }
    }
    s.push_str("\n== Allegations ==\n");
    for a in &r.allegations {
        let who = a
            .party_uuid
            .and_then(|p| r.party(p))
            .and_then(|p| p.fields.get("display_code"))
            .cloned()
            .unwrap_or_default();
        s.push_str(&format!("  Allegation {who}\n"));
        fields_text(spec, Entity::Allegation, &a.fields, lang, "    ", &mut s);
        for f in r.followups.iter().filter(|f| f.allegation_uuid == a.uuid) {
            s.push_str("    — follow-up\n");
            fields_text(spec, Entity::Followup, &f.fields, lang, "      ", &mut s);
        }
    }
    s.push_str("\n== Timeline ==\n");
    for e in &r.timeline {
        let time = e.at.get(11..16).unwrap_or(&e.at);
        s.push_str(&format!(
            "  {time}  {}",
            spec.code_label("timeline_event", &e.code, lang)
        ));
        if !e.note.is_empty() {
            s.push_str(&format!(" — {}", e.note));
        }
        s.push('\n');
    }
    if !r.audit.is_empty() {
        s.push_str("\n== Audit ==\n");
        for a in &r.audit {
            s.push_str(&format!(
                "  {} v{} {} {} {}: {:?} → {:?}",
                a.at, a.version, a.entity, a.record_uuid, a.field, a.old_value, a.new_value
            ));
            if !a.reason.is_empty() {
                s.push_str(&format!(" ({})", a.reason));
            }
            s.push('\n');
        }
    }
    s
}

/// Writes the hearing as text to `dir/hearing-<date>-<id>.txt` and returns the path. The file
/// is plain text: the reviewer asked for a copy outside the encrypted database.
pub fn print_hearing(spec: &Spec, r: &HearingRecord, lang: Lang, dir: &Path) -> Result<PathBuf> {
    let date = r
        .hearing
        .fields
        .get("hearing_date")
        .map_or("undated", String::as_str);
    let short: String = r.hearing.uuid.to_string().chars().take(8).collect();
    let path = dir.join(format!("hearing-{date}-{short}.txt"));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    std::fs::write(&path, hearing_text(spec, r, lang)).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
