//! `courtwatch merge BATCH… [--dry-run]`: verify each batch whole, then apply it in one
//! transaction; print what changed and which batches are missing per monitor.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::verify::{SHOWN_PROBLEMS, open_batch, say, shown, warn};
use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::merge::{MergePlan, Outcome, merge_at};
use crate::exchange::verify::{Place, read_manifest, read_manifest_at};
use crate::exchange::{Msg, describe_problems, printable};
use crate::msg;
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

fn summary(p: &MergePlan, dry_run: bool, lang: Lang) -> String {
    let c = &p.counts;
    say(
        &msg!(
            "batch-merge-summary",
            batch = printable(&p.name).into_owned(),
            monitor = printable(&p.monitor.code).into_owned(),
            seq = p.seq.to_string(),
            new = c.new,
            updated = c.updated,
            unchanged = c.unchanged,
            kept = c.kept_local,
            conflicts = c.conflicts,
            dry_run = if dry_run && p.already_merged.is_none() {
                "yes"
            } else {
                "no"
            }
        ),
        lang,
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
                eprint!(
                    "\r{}",
                    say(
                        &msg!("batch-merge-progress", done = done, count = total),
                        ctx.lang
                    )
                );
                if done == total {
                    eprintln!();
                }
            }
        };
        let place = match place {
            Ok(p) => p,
            Err(e) => {
                out.line(&say(
                    &msg!("batch-merge-unopened", batch = shown(dir)),
                    ctx.lang,
                ))?;
                rejected.push(e.to_string());
                continue;
            }
        };
        if let Place::Folder(_) = place
            && let Err(problems) = read_manifest(dir)
        {
            out.line(&say(
                &msg!(
                    "batch-merge-rejected",
                    batch = shown(dir),
                    count = problems.total()
                ),
                ctx.lang,
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
                    out.line(&say(
                        &msg!(
                            "batch-merge-already",
                            batch = printable(&plan.name).into_owned(),
                            at = at
                        ),
                        ctx.lang,
                    ))?;
                } else {
                    merged += 1;
                    out.line(&summary(&plan, a.dry_run, ctx.lang))?;
                    if let Some(line) = crate::exchange::joins::received(&plan.joins, ctx.lang) {
                        out.line(&format!("  {line}"))?;
                    }
                    if let Some(line) =
                        crate::exchange::outlog::received(plan.outputs_received, ctx.lang)
                    {
                        out.line(&format!("  {line}"))?;
                    }
                    for c in &plan.new_courts {
                        let m = msg!(
                            "batch-merge-court",
                            code = &c.code,
                            name = printable(c.name.get(ctx.lang)).into_owned(),
                            dry_run = if a.dry_run { "yes" } else { "no" }
                        );
                        out.line(&format!("  {}", say(&m, ctx.lang)))?;
                    }
                }
                out.flush()?;
                warn(&warnings, "  ", ctx.lang);
                let code = printable(&plan.monitor.code).into_owned();
                missing.retain(|(c, _)| *c != code);
                missing.push((code, plan.missing.clone()));
            }
            Outcome::Rejected { problems } => {
                out.line(&say(
                    &msg!(
                        "batch-merge-rejected",
                        batch = shown(dir),
                        count = problems.total()
                    ),
                    ctx.lang,
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
            let count: u64 = gaps
                .iter()
                .map(|g| u64::from(g.to.saturating_sub(g.from)) + 1)
                .sum();
            out.line(&format!(
                "{} {}",
                say(&Msg::new("merge-warning"), ctx.lang),
                say(
                    &msg!(
                        "batch-merge-missing",
                        monitor = code,
                        list = list.join(", "),
                        count = count
                    ),
                    ctx.lang
                )
            ))?;
        }
    }
    let mut parts = vec![msg!(
        "batch-merge-count",
        count = merged,
        dry_run = if a.dry_run { "yes" } else { "no" }
    )];
    if before > 0 {
        parts.push(msg!("batch-merge-count-before", count = before));
    }
    parts.push(msg!("batch-merge-count-rejected", count = rejected.len()));
    let parts: Vec<String> = parts.iter().map(|m| say(m, ctx.lang)).collect();
    out.line(&format!("{}.", parts.join(", ")))?;
    if merged == 0 && before > 0 && rejected.is_empty() && !a.dry_run {
        out.line(&say(&Msg::new("batch-merge-nothing-changed"), ctx.lang))?;
    }
    if merged > 0 && !a.dry_run {
        let pairs = store.join_suggestions()?.len();
        if pairs > 0 {
            out.line(&say(
                &msg!("batch-merge-join-suggestions", count = pairs),
                ctx.lang,
            ))?;
        }
    }
    if rejected.is_empty() {
        Ok(())
    } else {
        out.flush()?;
        Err(Error::Invalid(format!(
            "{}\n{}",
            say(
                &msg!("batch-merge-rejected-count", count = rejected.len()),
                ctx.lang
            ),
            rejected.join("\n")
        )))
    }
}
