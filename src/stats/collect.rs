//! Collecting the figures' rows: the store reads them ([`Store::statistics_rows`], through the
//! narrow indexes and the checklist tally of migration 0003, never whole records) on this
//! thread and hands them over in batches to a worker that folds them into the accumulators
//! (`fold`), so that decrypting pages and counting run on two cores at once.

use std::sync::mpsc;

use super::Settings;
use super::codes::VERDICT_PRONOUNCED;
use super::fold::{Acc, Fold};
use super::tally::FastMap;
use crate::error::{Error, Result};
pub(super) use crate::store::{
    ALLEGATION_FIELDS, HEARING_FIELDS, HEARING_PARTY_FIELDS, PARTY_FIELDS, Pass,
    StatsBatch as Batch, StatsRow as Row,
};
use crate::store::{Filter, Store};

/// Positions in [`HEARING_FIELDS`] (the `hearings_stats` index's order).
#[derive(Debug, Clone, Copy)]
pub(super) enum Hf {
    Held,
    Scheduled,
    Actual,
    Reasons,
    Location,
    Access,
    Ground,
    Reasoned,
    RelativesDenied,
    MonitorAccess,
    Outcome,
    Decision,
    Verdict,
    SentenceType,
    Years,
    Months,
    VerdictPublic,
    EnteredAfter,
}

/// Positions in [`HEARING_PARTY_FIELDS`] (the `hearing_parties_stats` index's order).
#[derive(Debug, Clone, Copy)]
pub(super) enum Pf {
    Attendance,
    Position,
    Restraints,
    PrisonClothing,
    CounselType,
    CounselPresent,
    Mandatory,
    Interpretation,
    Measures,
}

pub(super) fn collect(store: &Store, filter: &Filter, settings: Settings) -> Result<Acc> {
    let monitors: FastMap<String, String> = store.monitor_codes()?.into_iter().collect();
    let spec = store.spec();
    let trials = store.joined_trials()?;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Batch>(4);
        let worker = std::thread::Builder::new()
            .name("statistics".into())
            .spawn_scoped(scope, move || -> Result<Acc> {
                let mut fold = Fold::new(spec, settings, monitors, trials);
                for batch in rx {
                    for row in batch.rows() {
                        fold.row(batch.pass, row)?;
                    }
                }
                Ok(fold.finish())
            })
            .map_err(|e| Error::io("a thread for the statistics", e))?;
        let produced =
            store.statistics_rows(filter, VERDICT_PRONOUNCED, &mut |b| tx.send(b).is_ok());
        drop(tx);
        // The worker's own error explains a failed hand-over better than the hand-over does.
        let acc = worker
            .join()
            .unwrap_or_else(|_| Err(Error::Invalid("computing the statistics failed".into())))?;
        produced?;
        Ok(acc)
    })
}

#[cfg(test)]
pub(super) mod testing {
    //! What the tests check against migration 0003.
    use super::{HEARING_FIELDS, HEARING_PARTY_FIELDS, Hf, Pf};

    /// Whether the `Hf` and `Pf` positions name the fields they are meant to.
    pub(crate) fn positions_agree() -> bool {
        let hearing = [
            (Hf::Held, "hearing_held"),
            (Hf::Scheduled, "scheduled_start_time"),
            (Hf::Actual, "actual_start_time"),
            (Hf::Reasons, "postponement_reason"),
            (Hf::Location, "location"),
            (Hf::Access, "public_access"),
            (Hf::Ground, "closure_ground"),
            (Hf::Reasoned, "closure_decision_reasoned"),
            (Hf::RelativesDenied, "relatives_denied"),
            (Hf::MonitorAccess, "monitor_access"),
            (Hf::Outcome, "session_outcome"),
            (Hf::Decision, "preventive_measure_decision"),
            (Hf::Verdict, "verdict"),
            (Hf::SentenceType, "sentence_type"),
            (Hf::Years, "sentence_years"),
            (Hf::Months, "sentence_months"),
            (Hf::VerdictPublic, "verdict_pronounced_publicly"),
            (Hf::EnteredAfter, "entered_after_hearing"),
        ];
        let party = [
            (Pf::Attendance, "attendance"),
            (Pf::Position, "courtroom_position"),
            (Pf::Restraints, "restraints"),
            (Pf::PrisonClothing, "prison_clothing"),
            (Pf::CounselType, "counsel_type"),
            (Pf::CounselPresent, "counsel_present"),
            (Pf::Mandatory, "mandatory_defence"),
            (Pf::Interpretation, "interpretation_needed"),
            (Pf::Measures, "protective_measures"),
        ];
        hearing.len() == HEARING_FIELDS.len()
            && hearing
                .iter()
                .all(|&(f, name)| HEARING_FIELDS[f as usize] == name)
            && party.len() == HEARING_PARTY_FIELDS.len()
            && party
                .iter()
                .all(|&(f, name)| HEARING_PARTY_FIELDS[f as usize] == name)
    }

    /// The indexes whose packed expression the queries repeat, with its fields.
    pub(crate) const PACKED: &[(&str, &[&str])] = &[
        ("hearings_stats", &super::HEARING_FIELDS),
        ("parties_stats", &super::PARTY_FIELDS),
        ("hearing_parties_stats", &super::HEARING_PARTY_FIELDS),
        ("allegations_stats", &super::ALLEGATION_FIELDS),
    ];
}
