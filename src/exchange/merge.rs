//! Merging a verified batch: [`plan`] decides per hearing what to do by its version chain
//! (pure: it only compares the batch with a snapshot of the local versions), [`apply`] carries
//! the plan out in one transaction.
//!
//! Per hearing: identical → unchanged (a lead's review of an identical version is taken);
//! the incoming version descends from the local one → update; the local one descends from the
//! incoming one → keep local; neither → conflict: the local version stays and the incoming one
//! is kept whole beside it for a lead to resolve. Nothing is silently overwritten or dropped.
//! A batch merged before is not merged again, so the same batch twice changes nothing.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use uuid::Uuid;

use super::manifest::MonitorRef;
use super::verify::{Batch, Place, verify_at};
use super::{MANIFEST, Msg, Problem, Problems, printable};
use crate::domain::{Lineage, Monitor, Status, case_hash, lineage};
use crate::error::{Error, Result};
use crate::msg;
use crate::store::{
    BatchIn, Gap, JoinsReceived, LocalCase, LocalVersion, MergeCounts, Store, handover,
    missing_seqs,
};

/// What merge does with one incoming hearing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Not here yet: added.
    New,
    /// The incoming version descends from the local one: it replaces it.
    Update,
    /// The same version, reviewed by a lead: the status is taken.
    Review,
    /// The same version: nothing to do.
    Unchanged,
    /// The local version descends from the incoming one: kept.
    KeepLocal,
    /// Neither descends from the other: both kept, for a lead to resolve.
    Conflict,
}

/// What this database knows that decides a batch's plan.
#[derive(Debug, Clone, Default)]
pub struct LocalState {
    /// The local version of each hearing of the batch that is here already.
    pub versions: HashMap<Uuid, LocalVersion>,
    /// When the batch was merged here before, if it was.
    pub merged_at: Option<String>,
    /// Sequence numbers already received from the batch's monitor.
    pub received: Vec<u32>,
    /// Monitors known here: a batch's monitor must not reuse another's code.
    pub monitors: Vec<Monitor>,
    /// The batch's cases that are here already, as they are here.
    pub cases: HashMap<Uuid, LocalCase>,
    /// For those cases, the hash of what the batch's hearings of the case share
    /// ([`case_hash`]).
    pub incoming_cases: HashMap<Uuid, String>,
    /// Codes of the courts monitors added that are known here.
    pub courts: Vec<String>,
}

impl LocalState {
    /// Reads what [`plan`] needs for `batch` from the store.
    pub fn read(store: &Store, batch: &Batch) -> Result<LocalState> {
        let mut versions = HashMap::new();
        for h in &batch.hearings {
            if let Some(v) = store.local_version(h.uuid)? {
                versions.insert(h.uuid, v);
            }
        }
        let merged_at = store.merged_at(batch.manifest.batch_id)?;
        let mut cases = HashMap::new();
        if merged_at.is_none() {
            for h in &batch.hearings {
                if !cases.contains_key(&h.case_uuid)
                    && let Some(c) = store.local_case(h.case_uuid)?
                {
                    cases.insert(h.case_uuid, c);
                }
            }
        }
        // What the batch says of those cases is read from its records (only when it brings
        // hearings of cases that are here).
        let mut incoming_cases = HashMap::new();
        if !cases.is_empty() {
            // Its rows may name the courts it brings.
            let spec = store.spec().with_courts(&batch.courts);
            for r in batch.records(&spec) {
                let case = r.case.uuid;
                if cases.contains_key(&case) && !incoming_cases.contains_key(&case) {
                    incoming_cases.insert(case, case_hash(&r));
                }
            }
        }
        Ok(LocalState {
            versions,
            merged_at,
            received: store.received_seqs(batch.manifest.monitor.uuid)?,
            monitors: store.monitors()?,
            cases,
            incoming_cases,
            courts: store.user_courts()?.into_iter().map(|c| c.code).collect(),
        })
    }
}

/// What merging a batch will do (or did).
#[derive(Debug, Clone, Serialize)]
pub struct MergePlan {
    pub batch_id: Uuid,
    /// The batch folder's name.
    pub name: String,
    pub monitor: MonitorRef,
    pub seq: u32,
    /// Set when this batch was merged before: nothing is done again.
    pub already_merged: Option<String>,
    /// One action per hearing, in the batch's order.
    pub actions: Vec<(Uuid, Action)>,
    pub counts: MergeCounts,
    /// The batches of this monitor still missing once this one is merged, as runs.
    pub missing: Vec<Gap>,
    /// The courts monitors added that the batch brings and are not here yet.
    #[serde(skip)]
    pub new_courts: Vec<crate::spec::Court>,
    /// What became of the joins of case records it brings, once applied.
    #[serde(skip)]
    pub joins: JoinsReceived,
    /// How many rows of the monitor's output log it brought that were not here, once
    /// applied.
    #[serde(skip)]
    pub outputs_received: u64,
}

/// Decides what merging `batch` does, given the local state. Pure: reads and writes nothing.
/// A batch that cannot be merged at all gives the reasons.
pub fn plan(local: &LocalState, batch: &Batch) -> Result<MergePlan, Problems> {
    let m = &batch.manifest;
    let mut problems = Vec::new();
    if m.redacted {
        problems.push(Problem::file(
            super::MANIFEST,
            msg!("batch-redacted-not-merged"),
        ));
    }
    for incoming in m.monitors.iter().chain([&m.monitor]) {
        if let Some(other) = local
            .monitors
            .iter()
            .find(|l| l.code == incoming.code && l.uuid != incoming.uuid)
        {
            problems.push(Problem::file(
                super::MANIFEST,
                msg!(
                    "batch-monitor-code-taken",
                    code = &incoming.code,
                    other = other.uuid.to_string()
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut actions = Vec::with_capacity(batch.hearings.len());
    for h in &batch.hearings {
        let action = if local.merged_at.is_some() {
            Action::Unchanged
        } else {
            match local.versions.get(&h.uuid) {
                None => Action::New,
                Some(v) => {
                    match lineage(&v.content_hash, &v.ancestors, &h.content_hash, &h.ancestors) {
                        Lineage::Identical
                            if h.status == Status::Reviewed && v.status == Status::Final =>
                        {
                            Action::Review
                        }
                        Lineage::Identical => Action::Unchanged,
                        Lineage::IncomingNewer => Action::Update,
                        Lineage::LocalNewer => Action::KeepLocal,
                        Lineage::Diverged => Action::Conflict,
                    }
                }
            }
        };
        actions.push((h.uuid, action));
    }
    // What a trial's hearings share (the case, its people, charges, consents) is written with
    // each hearing. A hearing that would write it with other content than it has here, while
    // a hearing of the case here keeps the local content (it was changed here, or by another
    // monitor), would overwrite one side silently: it is a conflict instead. When the batch
    // replaces every hearing of the case here, the case's content moves with them.
    let replaced: std::collections::HashSet<Uuid> = actions
        .iter()
        .filter(|(_, a)| *a == Action::Update)
        .map(|(u, _)| *u)
        .collect();
    for (h, (_, action)) in batch.hearings.iter().zip(actions.iter_mut()) {
        if let (Action::New | Action::Update, Some(here), Some(incoming)) = (
            *action,
            local.cases.get(&h.case_uuid),
            local.incoming_cases.get(&h.case_uuid),
        ) && here.hash != *incoming
            && !here.hearings.iter().all(|u| replaced.contains(u))
        {
            *action = Action::Conflict;
        }
    }
    let mut counts = MergeCounts::default();
    for (_, action) in &actions {
        match action {
            Action::New => counts.new += 1,
            Action::Update | Action::Review => counts.updated += 1,
            Action::Unchanged => counts.unchanged += 1,
            Action::KeepLocal => counts.kept_local += 1,
            Action::Conflict => counts.conflicts += 1,
        }
    }
    let mut seqs = local.received.clone();
    if !seqs.contains(&m.seq) {
        seqs.push(m.seq);
    }
    Ok(MergePlan {
        batch_id: m.batch_id,
        name: batch
            .dir
            .file_name()
            .map_or_else(|| m.folder_name(), |n| n.to_string_lossy().into_owned()),
        monitor: m.monitor.clone(),
        seq: m.seq,
        already_merged: local.merged_at.clone(),
        actions,
        counts,
        missing: missing_seqs(&seqs),
        new_courts: if local.merged_at.is_some() {
            Vec::new()
        } else {
            batch
                .courts
                .iter()
                .filter(|c| !local.courts.contains(&c.code))
                .cloned()
                .collect()
        },
        joins: JoinsReceived::default(),
        outputs_received: 0,
    })
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The plan was carried out; what became of the joins it brought, and how many rows of
    /// the output log it brought were new.
    Done(JoinsReceived, u64),
    /// The batch was merged before (by another merge that finished first, when two ran at
    /// once): nothing was written; when it was merged.
    AlreadyMerged(String),
}

/// Carries out a plan in one transaction: monitors, hearings, conflicts and the history row
/// are all written, or none is. `progress` hears how many hearings are done, of how many.
pub fn apply(
    store: &Store,
    batch: &Batch,
    plan: &MergePlan,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Applied> {
    if let Some(at) = &plan.already_merged {
        return Ok(Applied::AlreadyMerged(at.clone()));
    }
    match apply_once(store, batch, plan, progress) {
        Ok(done) => Ok(done),
        // Another merge of the same batch may have finished while this one wrote: then this
        // one failed on its history row (or on the other's lock), and it is merged.
        Err(e) => match store.merged_at(batch.manifest.batch_id)? {
            Some(at) => Ok(Applied::AlreadyMerged(at)),
            None => Err(e),
        },
    }
}

fn apply_once(
    store: &Store,
    batch: &Batch,
    plan: &MergePlan,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Applied> {
    let m = &batch.manifest;
    let _loading = store.loading();
    let mut bulk = store.bulk()?;
    for mon in m.monitors.iter().chain([&m.monitor]) {
        store.upsert_monitor(&Monitor {
            uuid: mon.uuid,
            code: mon.code.clone(),
            name: mon.name.clone(),
            org: String::new(),
        })?;
    }
    // Courts first: the hearings may name them. One whose code is here with other content
    // fails the whole merge (verify refuses it already; this holds even if the database
    // changed since).
    bulk.receive_courts(&batch.courts)?;
    let total = batch.hearings.len() as u64;
    let changed = |detail: Msg| {
        Error::Said(msg!(
            "batch-changed-while-merged",
            batch = printable(&batch.dir.display().to_string()).into_owned(),
            detail = detail
        ))
    };
    // Reading and checking the records again takes about as long as writing them, so a
    // second thread reads while this one writes.
    let with_courts = store.spec().with_courts(&batch.courts);
    let spec = &with_courts;
    std::thread::scope(|scope| -> Result<()> {
        let (feed, receive, mut spent) = handover();
        let reader = scope.spawn(move || {
            let mut records = batch.records(spec);
            // The iteration's end runs the final checks (Records::finish).
            feed.feed(spec, records.by_ref());
            records.problems
        });
        let mut records = receive.iter().flatten();
        for (i, (uuid, action)) in plan.actions.iter().enumerate() {
            if i % 1000 == 0 {
                progress(i as u64, total);
            }
            let record = match records.next() {
                Some(r) if r.record().hearing.uuid == *uuid => r,
                _ => {
                    return Err(changed(msg!(
                        "batch-changed-hearing-moved",
                        hearing = uuid.to_string()
                    )));
                }
            };
            match action {
                // A new hearing's case may be here already, with rows the batch no longer has.
                Action::New | Action::Update => bulk.replace(&record)?,
                Action::Review => bulk.set_status(*uuid, Status::Reviewed)?,
                Action::Conflict => match store.local_version(*uuid)? {
                    Some(local) => {
                        bulk.add_conflict(m.batch_id, &local.content_hash, record.record())?;
                    }
                    // A new hearing of a case whose shared facts differ here.
                    None => bulk.keep_case_conflict(m.batch_id, record.record())?,
                },
                Action::Unchanged | Action::KeepLocal => {}
            }
            spent.done(record);
        }
        if records.next().is_some() {
            return Err(changed(msg!("batch-changed-more-hearings")));
        }
        // The reader has sent its last record (the channel is empty and closed), so this join
        // does not wait on it.
        let problems = reader
            .join()
            .map_err(|_| changed(msg!("batch-changed-read-failed")))?;
        match problems.first() {
            Some(p) => Err(changed(p.as_msg())),
            None => Ok(()),
        }
    })?;
    // After the hearings: a join's case records may come with them.
    let joins = bulk.receive_joins(&batch.joins)?;
    // The monitor's output log, kept by monitor (a row brought again is the same row).
    let outputs = bulk.receive_outputs(
        &m.monitor.uuid.to_string(),
        &m.monitor.code,
        &m.batch_id.to_string(),
        &batch.outputs,
    )?;
    // Another merge of this batch that started at the same time may have finished first.
    if let Some(at) = store.merged_at(m.batch_id)? {
        return Ok(Applied::AlreadyMerged(at));
    }
    bulk.record_merge(&BatchIn {
        batch_id: m.batch_id,
        monitor_uuid: m.monitor.uuid,
        monitor_code: m.monitor.code.clone(),
        seq: m.seq,
        name: plan.name.clone(),
        created_at: m.created_at.clone(),
        merged_at: store.now_text(),
        hearings: total,
        counts: plan.counts,
    })?;
    bulk.record_signer(m.batch_id, batch.signer.as_deref())?;
    bulk.commit()?;
    progress(total, total);
    Ok(Applied::Done(joins, outputs))
}

/// The result of merging one batch folder.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Verified and planned (and applied, unless a dry run).
    Merged {
        plan: Box<MergePlan>,
        warnings: Problems,
    },
    /// Not merged; nothing was written.
    Rejected { problems: Problems },
}

/// Verifies, plans and (unless `dry_run`) applies one batch folder; `progress` as for
/// [`apply`]. The courts a merged batch brings are in the database afterwards; an open store
/// shows them in [`Store::spec`] after [`Store::reload_courts`] (the terminal UI calls it after
/// merging).
pub fn merge(
    store: &Store,
    dir: &Path,
    dry_run: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Outcome> {
    if let Err(problems) = super::verify::read_manifest(dir) {
        return Ok(Outcome::Rejected { problems });
    }
    merge_at(
        store,
        &Place::Folder(dir.to_owned()),
        dry_run,
        &[],
        progress,
    )
}

/// Whether the signer of `batch` may be merged here: the problem that stops it, if any.
/// A sealed batch's signer must be in the roster (or trusted now: its fingerprint is in
/// `trust`, and it is put in the roster unless `dry_run`); a plain folder, asked for with
/// `--plaintext`, is merged whoever signed it (`verify` names the signer). Whatever the form,
/// a batch id merged before from another signer is refused: one of the two copies is not
/// what it claims.
pub(crate) fn judge_signer(
    store: &Store,
    batch: &Batch,
    dry_run: bool,
    trust: &[String],
) -> Result<Option<Problem>> {
    use super::sealed::SIGNATURE;
    use crate::keys::{KeyKind, PublicKey, fingerprint, normalise_fingerprint};
    let m = &batch.manifest;
    if let Some(prev) = store.merged_signer(&m.batch_id.to_string())?
        && prev != batch.signer
    {
        let signed = |k: Option<&str>| match k {
            None => msg!("batch-unsigned"),
            Some(k) => msg!("batch-signed-by", fingerprint = fingerprint(k)),
        };
        return Ok(Some(Problem::file(
            MANIFEST,
            msg!(
                "batch-signer-changed",
                batch = m.batch_id.to_string(),
                was = signed(prev.as_deref()),
                now = signed(batch.signer.as_deref())
            ),
        )));
    }
    let Some(signer) = batch.signer.clone() else {
        return Ok(None);
    };
    if store.trusts_signer(&signer)? {
        return Ok(None);
    }
    let fp = fingerprint(&signer);
    if trust
        .iter()
        .any(|t| normalise_fingerprint(t) == normalise_fingerprint(&fp))
    {
        if !dry_run {
            let key = PublicKey {
                kind: KeyKind::Signer,
                text: signer,
            };
            store.roster_add(&key, &m.monitor.code, "merge")?;
        }
        return Ok(None);
    }
    let message = msg!(
        "batch-unknown-signer",
        fingerprint = &fp,
        monitor = &m.monitor.code
    );
    if matches!(batch.place, Place::Sealed(_)) {
        Ok(Some(Problem::file(SIGNATURE, message)))
    } else {
        Ok(None)
    }
}

/// Verifies, plans and (unless `dry_run`) applies one batch, a folder or a sealed file being
/// decrypted; signers whose fingerprints are in `trust` are trusted (see [`judge_signer`]).
/// The courts it brings are in the database afterwards, as for [`merge`].
pub fn merge_at(
    store: &Store,
    place: &Place,
    dry_run: bool,
    trust: &[String],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Outcome> {
    // Checked against the courts in the database now (another merge may have added some
    // since the store opened): a code naming another court here is refused.
    let known = store.spec().with_courts(&store.user_courts()?);
    let batch = match verify_at(&known, place) {
        Ok(b) => b,
        Err(problems) => return Ok(Outcome::Rejected { problems }),
    };
    if let Some(p) = judge_signer(store, &batch, dry_run, trust)? {
        return Ok(Outcome::Rejected {
            problems: vec![p].into(),
        });
    }
    let local = LocalState::read(store, &batch)?;
    let mut plan = match plan(&local, &batch) {
        Ok(p) => p,
        Err(problems) => return Ok(Outcome::Rejected { problems }),
    };
    let applied = if dry_run {
        None
    } else {
        Some(apply(store, &batch, &plan, progress)?)
    };
    if let Some(Applied::Done(joins, outputs)) = applied {
        plan.joins = joins;
        plan.outputs_received = outputs;
    }
    if let Some(Applied::AlreadyMerged(at)) = applied {
        // Nothing of this merge was written: the plan is what the other one did.
        plan.already_merged = Some(at);
        plan.counts = MergeCounts {
            unchanged: plan.actions.len() as u64,
            ..MergeCounts::default()
        };
        for a in &mut plan.actions {
            a.1 = Action::Unchanged;
        }
    }
    Ok(Outcome::Merged {
        plan: Box::new(plan),
        warnings: batch.warnings,
    })
}
