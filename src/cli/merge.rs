//! `courtwatch merge BATCH… [--dry-run]`: verify each batch whole, then apply it in one
//! transaction; print what changed and which batches are missing per monitor.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::verify::{SHOWN_PROBLEMS, open_batch, shown, warn};
use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::merge::{MergePlan, Outcome, merge_at};
use crate::exchange::verify::{Place, read_manifest, read_manifest_at};
use crate::exchange::{describe_problems, printable};
use crate::spec::Lang;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Sealed batches or batch folders, in any order (they are merged by monitor and
    /// sequence number)
    #[arg(required = true)]
    pub batches: Vec<PathBuf>,
    /// Trust the signing key with this fingerprint (after the monitor read it out): it is put
    /// in the roster and its batches merged
    #[arg(long, value_name = "FINGERPRINT")]
    pub trust: Vec<String>,
    /// Verify and show what would change, without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

fn summary(p: &MergePlan, dry_run: bool) -> String {
    let c = &p.counts;
    let verb = if dry_run { "would be" } else { "" };
    format!(
        "{} (monitor {}, batch {}): {} new, {} updated, {} unchanged, {} kept local (newer here), {} conflict(s){}",
        printable(&p.name),
        printable(&p.monitor.code),
        p.seq,
        c.new,
        c.updated,
        c.unchanged,
        c.kept_local,
        c.conflicts,
        if dry_run && p.already_merged.is_none() {
            format!(" — {verb} merged (dry run, nothing written)")
        } else {
            String::new()
        }
    )
}

/// A batch given: its monitor and sequence number when readable, its path, and where it opened.
type Opened = (Option<(String, u32)>, PathBuf, Result<Place>);

pub fn run(ctx: &Context, a: MergeArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    // Merge in monitor and sequence order, so gaps are judged as a lead would.
    let mut batches: Vec<Opened> = a
        .batches
        .into_iter()
        .map(|p| {
            let place = open_batch(Some(&store), &p);
            let key = place
                .as_ref()
                .ok()
                .and_then(|pl| read_manifest_at(pl).ok())
                .map(|(m, _)| (m.monitor.code, m.seq));
            (key, p, place)
        })
        .collect();
    batches.sort_by(|x, y| x.0.cmp(&y.0));
    let mut rejected = Vec::new();
    let mut merged = 0;
    let mut before = 0;
    let mut missing: Vec<(String, Vec<crate::store::Gap>)> = Vec::new();
    let show = std::io::stderr().is_terminal();
    for (_, dir, place) in &batches {
        let mut progress = |done: u64, total: u64| {
            if show {
                eprint!("\rmerge: {done}/{total} hearings");
                if done == total {
                    eprintln!();
                }
            }
        };
        let place = match place {
            Ok(p) => p,
            Err(e) => {
                out.line(&format!(
                    "{}: rejected; nothing from it was written.",
                    shown(dir)
                ))?;
                rejected.push(e.to_string());
                continue;
            }
        };
        if let Place::Folder(_) = place
            && let Err(problems) = read_manifest(dir)
        {
            out.line(&format!(
                "{}: rejected ({} problem(s)); nothing from it was written.",
                shown(dir),
                problems.total()
            ))?;
            rejected.push(format!(
                "{}:\n{}",
                shown(dir),
                describe_problems(&problems, SHOWN_PROBLEMS, ctx.lang)
            ));
            continue;
        }
        match merge_at(&store, place, a.dry_run, &a.trust, &mut progress)? {
            Outcome::Merged { plan, warnings } => {
                if let Some(at) = &plan.already_merged {
                    before += 1;
                    out.line(&format!(
                        "{}: already merged on {at}; nothing changed.",
                        printable(&plan.name)
                    ))?;
                } else {
                    merged += 1;
                    out.line(&summary(&plan, a.dry_run))?;
                    if let Some(line) = crate::exchange::joins::received(&plan.joins) {
                        out.line(&format!("  {line}"))?;
                    }
                    for c in &plan.new_courts {
                        out.line(&format!(
                            "  court {} ({}) {}",
                            c.code,
                            printable(c.name.get(Lang::En)),
                            if a.dry_run { "would be added" } else { "added" }
                        ))?;
                    }
                }
                out.flush()?;
                warn(&warnings, "  ", ctx.lang);
                let code = printable(&plan.monitor.code).into_owned();
                missing.retain(|(c, _)| *c != code);
                missing.push((code, plan.missing.clone()));
            }
            Outcome::Rejected { problems } => {
                out.line(&format!(
                    "{}: rejected ({} problem(s)); nothing from it was written.",
                    shown(dir),
                    problems.total()
                ))?;
                rejected.push(format!(
                    "{}:\n{}",
                    shown(dir),
                    describe_problems(&problems, SHOWN_PROBLEMS, ctx.lang)
                ));
            }
        }
    }
    for (code, gaps) in &missing {
        if !gaps.is_empty() {
            let list: Vec<String> = gaps.iter().map(ToString::to_string).collect();
            out.line(&format!(
                "warning: monitor {code}: batch(es) {} not received yet",
                list.join(", ")
            ))?;
        }
    }
    let mut parts = vec![format!(
        "{merged} batch(es) {}",
        if a.dry_run { "checked" } else { "merged" }
    )];
    if before > 0 {
        parts.push(format!("{before} merged before (nothing changed)"));
    }
    parts.push(format!("{} rejected", rejected.len()));
    out.line(&format!("{}.", parts.join(", ")))?;
    if merged == 0 && before > 0 && rejected.is_empty() && !a.dry_run {
        out.line("Nothing changed.")?;
    }
    if merged > 0 && !a.dry_run {
        let pairs = store.join_suggestions()?.len();
        if pairs > 0 {
            out.line(&format!(
                "{pairs} pair(s) of case records share a court and a case number and may be one \
                 trial recorded twice: `courtwatch cases suggest` lists them, \
                 `courtwatch cases join A B` joins two after you checked them."
            ))?;
        }
    }
    if rejected.is_empty() {
        Ok(())
    } else {
        out.flush()?;
        Err(Error::Invalid(format!(
            "{} batch(es) rejected:\n{}",
            rejected.len(),
            rejected.join("\n")
        )))
    }
}
