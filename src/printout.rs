//! A hearing as plain text for people: `courtwatch show` prints it, the hearing detail view
//! shows it, and `p` there writes it to a file: sealed like a batch, or in plain text after a
//! warning, restricted fields left out unless asked; every printout is in the output log.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::{Entity, Fields, HearingRecord};
use crate::error::{Error, Result};
use crate::exchange::export::Seal;
use crate::spec::{Lang, Spec};
use crate::store::{OutputEntry, OutputKind, Store};

/// Whether restricted fields (names, perpetrators named, contact and medical details) are
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Restricted {
    Shown,
    LeftOut,
}

fn fields_text(
    spec: &Spec,
    entity: Entity,
    fields: &Fields,
    lang: Lang,
    indent: &str,
    s: &mut String,
    restricted: Restricted,
) {
    let Some(form) = spec.form(entity.name()) else {
        return;
    };
    for f in form.fields() {
        if f.restricted && restricted == Restricted::LeftOut {
            continue;
        }
        if let Some(v) = fields.get(&f.id).filter(|v| !v.is_empty()) {
            let v = spec
                .display(f, v, lang)
                .replace('\n', &format!("\n{indent}    "));
            s.push_str(&format!("{indent}{}: {v}\n", f.label.get(lang)));
        }
    }
}

/// The whole hearing as plain text, labels in `lang`; the reviewer's print-out uses it too.
pub(crate) fn hearing_text(spec: &Spec, r: &HearingRecord, lang: Lang) -> String {
    hearing_text_with(spec, r, lang, Restricted::Shown)
}

/// The hearing as plain text, with or without its restricted fields (left out, their audit
/// rows too, since those hold their values).
pub(crate) fn hearing_text_with(
    spec: &Spec,
    r: &HearingRecord,
    lang: Lang,
    restricted: Restricted,
) -> String {
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
    fields_text(
        spec,
        Entity::Case,
        &r.case.fields,
        lang,
        "  ",
        &mut s,
        restricted,
    );
    s.push_str("\n== Hearing ==\n");
    fields_text(
        spec,
        Entity::Hearing,
        &h.fields,
        lang,
        "  ",
        &mut s,
        restricted,
    );
    s.push_str("\n== Parties ==\n");
    for p in &r.parties {
        s.push_str(&format!(
            "  {}\n",
            p.fields.get("display_code").map_or("?", String::as_str)
        ));
        fields_text(
            spec,
            Entity::Party,
            &p.fields,
            lang,
            "    ",
            &mut s,
            restricted,
        );
        for hp in r
            .hearing_parties
            .iter()
            .filter(|hp| hp.party_uuid == p.uuid)
        {
            fields_text(
                spec,
                Entity::HearingParty,
                &hp.fields,
                lang,
                "    ",
                &mut s,
                restricted,
            );
        }
        for c in r.charges.iter().filter(|c| c.party_uuid == p.uuid) {
            s.push_str("    — charge\n");
            fields_text(
                spec,
                Entity::Charge,
                &c.fields,
                lang,
                "      ",
                &mut s,
                restricted,
            );
        }
        for c in r.consents.iter().filter(|c| c.party_uuid == p.uuid) {
            s.push_str("    — consent\n");
            fields_text(
                spec,
                Entity::Consent,
                &c.fields,
                lang,
                "      ",
                &mut s,
                restricted,
            );
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
        fields_text(
            spec,
            Entity::Allegation,
            &a.fields,
            lang,
            "    ",
            &mut s,
            restricted,
        );
        for f in r.followups.iter().filter(|f| f.allegation_uuid == a.uuid) {
            s.push_str("    — follow-up\n");
            fields_text(
                spec,
                Entity::Followup,
                &f.fields,
                lang,
                "      ",
                &mut s,
                restricted,
            );
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
            let hidden = restricted == Restricted::LeftOut
                && spec.field(&a.field).is_some_and(|(_, f)| f.restricted);
            if hidden {
                continue;
            }
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

/// How a printout leaves the database.
#[derive(Debug)]
pub(crate) enum PrintForm {
    /// Encrypted with age as a batch is (to the roster's leads, or a passphrase); the whole
    /// hearing, restricted fields included.
    Sealed(Seal),
    /// Plain text anyone holding the file reads, asked for after a warning.
    Plain(Restricted),
}

/// Makes `dir` (and its parents) readable by its owner only when it is made here.
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| Error::io(dir, e))
}

/// Writes the hearing to a new file `dir/hearing-<date>-<id>.txt` (`.txt.age` sealed), readable
/// by its owner only, records it in the output log and returns its path. A read-only database
/// cannot log it, so nothing is written then.
pub(crate) fn print_hearing(
    store: &Store,
    r: &HearingRecord,
    lang: Lang,
    dir: &Path,
    form: &PrintForm,
) -> Result<PathBuf> {
    if store.is_read_only() {
        return Err(Error::ReadOnly);
    }
    let spec = store.spec();
    let (text, sealed, redacted) = match form {
        PrintForm::Sealed(_) => (hearing_text(spec, r, lang), true, false),
        PrintForm::Plain(restricted) => (
            hearing_text_with(spec, r, lang, *restricted),
            false,
            *restricted == Restricted::LeftOut,
        ),
    };
    let bytes = match form {
        PrintForm::Sealed(seal) => {
            let encryptor = crate::exchange::export::encryptor(seal)?;
            let mut out = Vec::new();
            let mut w = encryptor
                .wrap_output(&mut out)
                .map_err(|e| Error::Invalid(format!("cannot seal the printout: {e}")))?;
            w.write_all(text.as_bytes())
                .and_then(|()| w.finish().map(drop))
                .map_err(|e| Error::Invalid(format!("cannot seal the printout: {e}")))?;
            out
        }
        PrintForm::Plain(_) => text.into_bytes(),
    };
    let date = r
        .hearing
        .fields
        .get("hearing_date")
        .map_or("undated", String::as_str);
    let short: String = r.hearing.uuid.to_string().chars().take(8).collect();
    let ext = if sealed { "txt.age" } else { "txt" };
    private_dir(dir)?;
    let mut n = 1u32;
    let (path, mut file) = loop {
        let name = if n == 1 {
            format!("hearing-{date}-{short}.{ext}")
        } else {
            format!("hearing-{date}-{short}-{n}.{ext}")
        };
        let path = dir.join(name);
        match crate::store::create_private(&path) {
            Ok(f) => break (path, f),
            Err(Error::AlreadyExists(_)) if n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let mut entry = OutputEntry::new(
        OutputKind::Printout,
        &path,
        sealed,
        redacted,
        crate::domain::sha256_hex(&bytes),
    );
    if let PrintForm::Sealed(seal) = form {
        entry.sealed_to = crate::exchange::export::sealed_to(seal);
    }
    let written = file
        .write_all(&bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&path, e))
        .and_then(|()| store.record_output(&entry));
    if let Err(e) = written {
        // Not logged: not left behind either.
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(path)
}
