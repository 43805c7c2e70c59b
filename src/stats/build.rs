//! Turning the accumulators into groups of figures: ids, denominators, notes and breakdowns.
//! Pure: no database, no I/O.

use std::collections::BTreeMap;

use super::codes::{ITEM_PRESSURE_TO_RECONCILE, ITEM_STEREOTYPING};
use super::fold::Acc;
use super::tally::{COURT, Dist, Interner, JUDGE, MONITOR, MONTH, Share, median};
use super::{Breakdown, By, Excluded, Figure, Group, Kind, Row, Settings, Stats, Unit};
use crate::spec::{COURT_LIST, Spec};

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn figure(id: &str, kind: Kind, numerator: u64) -> Figure {
    Figure {
        id: id.to_owned(),
        kind,
        numerator,
        denominator: None,
        share: None,
        value: None,
        unit: None,
        excluded: Vec::new(),
        note: None,
        breakdowns: Vec::new(),
    }
}

/// Builds figures with the spec and the dimension keys at hand.
struct Builder<'a> {
    spec: &'a Spec,
    keys: &'a [Interner; 4],
}

impl Builder<'_> {
    fn count(&self, id: &str, n: u64, note: &'static str) -> Figure {
        Figure {
            note: Some(note),
            ..figure(id, Kind::Count, n)
        }
    }

    /// A count of hearings or records, broken down by the given dimensions.
    fn count_by(&self, id: &str, s: &Share, note: &'static str, dims: &[By]) -> Figure {
        let mut f = self.count(id, s.den, note);
        f.breakdowns = self.dims(s, dims, false);
        f
    }

    fn share(&self, id: &str, s: &Share, note: &'static str, dims: &[By]) -> Figure {
        let mut excluded = s.excluded.clone();
        excluded.sort_unstable();
        Figure {
            denominator: Some(s.den),
            share: ratio(s.num, s.den),
            excluded: excluded
                .into_iter()
                .map(|(code, count)| Excluded {
                    code: code.to_owned(),
                    count,
                })
                .collect(),
            note: Some(note),
            breakdowns: self.dims(s, dims, true),
            ..figure(id, Kind::Share, s.num)
        }
    }

    /// A distribution: how many records have the field recorded, and the codes among them.
    fn dist(&self, id: &str, d: &Dist, list: &str, note: &'static str) -> Figure {
        let mut f = self.count(id, d.base, note);
        f.breakdowns.push(self.codes(d, list));
        f
    }

    fn median(
        &self,
        id: &str,
        samples: &[i64],
        unit: Unit,
        scale: f64,
        note: &'static str,
    ) -> Figure {
        let mut s = samples.to_vec();
        Figure {
            value: median(&mut s).map(|m| m / scale),
            unit: Some(unit),
            note: Some(note),
            ..figure(id, Kind::Median, samples.len() as u64)
        }
    }

    /// Rows for each code of `list` in list order (retired codes only when seen), then any
    /// other code found in the data; each row is a share of the distribution's base.
    fn codes(&self, d: &Dist, list: &str) -> Breakdown {
        let listed: Vec<(String, bool)> = match self.spec.list(list) {
            // Two-level lists (torture methods) are counted by their top-level codes.
            Some(l) => l
                .codes
                .iter()
                .filter(|c| c.parent.is_none())
                .map(|c| (c.code.clone(), c.retired))
                .collect(),
            None => Vec::new(),
        };
        let mut rows: Vec<Row> = listed
            .iter()
            .filter(|(code, retired)| !retired || d.count(code) > 0)
            .map(|(code, _)| self.row(code, d.count(code), Some(d.base)))
            .collect();
        let mut other: Vec<(&String, &u64)> = d
            .counts
            .iter()
            .filter(|(c, _)| !listed.iter().any(|(l, _)| l == *c))
            .collect();
        other.sort();
        rows.extend(
            other
                .into_iter()
                .map(|(c, &n)| self.row(c, n, Some(d.base))),
        );
        Breakdown {
            by: By::Code,
            list: self.spec.list(list).map(|_| list.to_owned()),
            rows,
        }
    }

    fn row(&self, key: &str, numerator: u64, denominator: Option<u64>) -> Row {
        Row {
            key: key.to_owned(),
            numerator,
            denominator,
            share: denominator.and_then(|d| ratio(numerator, d)),
        }
    }

    /// Breakdowns of a share (or, without `shares`, a count) by hearing dimensions.
    fn dims(&self, s: &Share, dims: &[By], shares: bool) -> Vec<Breakdown> {
        let row = |key: &str, num: u64, den: u64| {
            if shares {
                self.row(key, num, Some(den))
            } else {
                self.row(key, den, None)
            }
        };
        dims.iter()
            .map(|&by| {
                let dim = match by {
                    By::Court | By::Region => COURT,
                    By::Judge => JUDGE,
                    By::Month => MONTH,
                    By::Monitor | By::Code => MONITOR,
                };
                let mut totals: BTreeMap<String, (u64, u64)> = BTreeMap::new();
                for (key, num, den) in s.by(dim) {
                    let name = self.keys[dim].name(key);
                    let key = if by == By::Region {
                        self.spec
                            .court(name)
                            .map(|c| c.region.as_str())
                            .filter(|r| !r.is_empty())
                            .unwrap_or("unknown")
                    } else {
                        name
                    };
                    let t = totals.entry(key.to_owned()).or_default();
                    t.0 += num;
                    t.1 += den;
                }
                Breakdown {
                    by,
                    list: match by {
                        By::Court => Some(COURT_LIST.to_owned()),
                        By::Region => Some("region".to_owned()),
                        _ => None,
                    },
                    rows: totals
                        .into_iter()
                        .map(|(k, (num, den))| row(&k, num, den))
                        .collect(),
                }
            })
            .collect()
    }
}

const PLACE: &[By] = &[By::Court, By::Region];
const PLACE_TIME: &[By] = &[By::Court, By::Region, By::Month];
const ALL_DIMS: &[By] = &[By::Court, By::Region, By::Judge, By::Month];

pub(super) fn build(spec: &Spec, acc: &Acc, settings: Settings) -> Stats {
    let b = Builder {
        spec,
        keys: &acc.keys,
    };
    let known = |dim: usize| {
        acc.keys[dim]
            .names()
            .iter()
            .filter(|k| *k != "unknown")
            .count() as u64
    };
    let regions = {
        let mut r: Vec<&str> = acc.keys[COURT]
            .names()
            .iter()
            .filter_map(|c| spec.court(c).map(|c| c.region.as_str()))
            // A court abroad has a country, not a region.
            .filter(|r| !r.is_empty())
            .collect();
        r.sort_unstable();
        r.dedup();
        r.len() as u64
    };

    let mut hearings = b.count_by(
        "counts.hearings",
        &acc.hearings,
        "Hearings matching the filters.",
        &[By::Court, By::Region, By::Month],
    );
    hearings
        .breakdowns
        .insert(0, b.codes(&acc.hearing_held, "hearing_held"));
    let counts = Group {
        id: "counts",
        figures: vec![
            hearings,
            b.share(
                "counts.took_place",
                &acc.took_place,
                "Hearings that were opened (held, or started and then adjourned), of the hearings whose outcome is recorded.",
                PLACE,
            ),
            b.share(
                "counts.did_not_take_place",
                &acc.did_not_take_place,
                "Hearings postponed before they started, cancelled or not held for an unknown reason, of the hearings whose outcome is recorded.",
                PLACE,
            ),
            b.count("counts.cases", acc.cases, "Distinct cases of the hearings."),
            b.count(
                "counts.defendants",
                acc.defendants,
                "Distinct defendants of those cases.",
            ),
            b.count("counts.courts", known(COURT), "Distinct courts."),
            b.count("counts.regions", regions, "Distinct regions of those courts."),
            b.count("counts.judges", known(JUDGE), "Distinct presiding judges, as recorded."),
            Figure {
                numerator: known(MONITOR),
                ..b.count_by(
                    "counts.monitors",
                    &acc.hearings,
                    "Distinct monitors; the breakdown gives each monitor's hearings.",
                    &[By::Monitor],
                )
            },
        ],
    };

    let trials = Group {
        id: "trials",
        figures: {
            let mut figures = vec![
                b.count(
                    "trials.monitored",
                    acc.cases,
                    "Distinct trials of the hearings; two case records a lead joined count as one trial.",
                ),
                b.median(
                    "trials.hearings_per_trial",
                    &acc.trial_hearings,
                    Unit::Hearings,
                    1.0,
                    "Hearings per trial among the hearings matching the filters, over those trials.",
                ),
                Figure {
                    value: acc.trial_hearings.iter().copied().max().map(|m| m as f64),
                    unit: Some(Unit::Hearings),
                    note: Some("The most hearings of one trial among the same trials."),
                    ..figure(
                        "trials.most_hearings",
                        Kind::Max,
                        acc.trial_hearings.len() as u64,
                    )
                },
                b.median(
                    "trials.days_to_verdict",
                    &acc.trial_days_to_verdict,
                    Unit::Days,
                    1.0,
                    "Days from a trial's first monitored hearing to its latest hearing with a verdict pronounced, over the finished trials.",
                ),
                b.share(
                    "trials.with_allegation",
                    &acc.trials_with_allegation,
                    "Trials with a torture or ill-treatment allegation recorded at one of their hearings, of the trials.",
                    PLACE,
                ),
                b.dist(
                    "trials.outcomes",
                    &acc.trial_outcomes,
                    "verdict",
                    "Finished trials with the verdict recorded, by the verdict of their latest verdict hearing.",
                ),
            ];
            figures.extend(acc.trial_groups.iter().map(|(id, s)| {
                b.share(
                    &format!("trials.group.{id}"),
                    s,
                    "Trials with at least one hearing where an item of this group was answered «no» or «partly», of the trials where one was answered «yes», «no» or «partly».",
                    PLACE,
                )
            }));
            figures.extend(
                acc.items
                    .iter()
                    .zip(&acc.trial_items)
                    .filter(|((code, _), s)| spec.checklist.item(code).is_some() || s.den > 0)
                    .map(|((code, _), s)| {
                        b.share(
                            &format!("trials.checklist.{code}"),
                            s,
                            "Trials with at least one hearing where the item was answered «no» or «partly», of the trials where it was answered «yes», «no» or «partly».",
                            PLACE,
                        )
                    }),
            );
            figures
        },
    };

    let max_delay = acc.delays.iter().copied().max();
    let timeliness = Group {
        id: "timeliness",
        figures: vec![
            b.share(
                "timeliness.started_late",
                &acc.late,
                "Hearings that took place with both the scheduled and the actual start time recorded; late means more than the threshold (settings.late_after_minutes) after the scheduled time.",
                PLACE_TIME,
            ),
            b.median(
                "timeliness.median_delay",
                &acc.delays,
                Unit::Minutes,
                1.0,
                "Minutes from the scheduled to the actual start (0 when on time or early), over the same hearings.",
            ),
            Figure {
                value: max_delay.map(|m| m as f64),
                unit: Some(Unit::Minutes),
                note: Some("The longest delay among the same hearings."),
                ..figure("timeliness.max_delay", Kind::Max, acc.delays.len() as u64)
            },
            {
                let mut f = b.share(
                    "timeliness.postponed",
                    &acc.postponed,
                    "Hearings put off to another day (before or after they started, or cancelled), of the hearings whose outcome is recorded; the reasons are shares of the postponed hearings with reasons recorded (one hearing may give several).",
                    PLACE_TIME,
                );
                f.breakdowns
                    .insert(0, b.codes(&acc.postponement_reasons, "postponement_reason"));
                f
            },
            Figure {
                denominator: Some(acc.cases),
                value: ratio(acc.hearings.den, acc.cases),
                note: Some("Hearings divided by distinct cases."),
                ..figure("timeliness.hearings_per_case", Kind::Mean, acc.hearings.den)
            },
            b.median(
                "timeliness.days_to_verdict",
                &acc.days_to_verdict,
                Unit::Days,
                1.0,
                "Days from the case's first monitored hearing to the hearing at which a verdict was pronounced, over those hearings.",
            ),
        ],
    };

    let with_codes = |mut f: Figure, d: &Dist, list: &str| {
        f.breakdowns.insert(0, b.codes(d, list));
        f
    };
    let openness = Group {
        id: "openness",
        figures: vec![
            with_codes(
                b.share(
                    "openness.closed",
                    &acc.closed,
                    "Hearings closed to the public entirely or partly, of the hearings that took place with public access recorded.",
                    PLACE_TIME,
                ),
                &acc.public_access,
                "public_access",
            ),
            b.share(
                "openness.closed_entire",
                &acc.closed_entire,
                "Hearings closed entirely, of the same hearings.",
                &[],
            ),
            b.share(
                "openness.closed_partly",
                &acc.closed_partly,
                "Hearings closed in part, of the same hearings.",
                &[],
            ),
            with_codes(
                b.share(
                    "openness.closure_reasoned",
                    &acc.closure_reasoned,
                    "Closed hearings whose closure was decided and explained in open court, of the closed hearings with that recorded; the grounds are shares of closed hearings with a ground recorded.",
                    PLACE,
                ),
                &acc.closure_ground,
                "closure_ground",
            ),
            with_codes(
                b.share(
                    "openness.monitor_access_incidents",
                    &acc.access_incident,
                    "Hearings at which the monitor met any obstacle, of the hearings with the monitor's access recorded; the types are shares of those hearings (one hearing may have several).",
                    PLACE_TIME,
                ),
                &acc.monitor_access,
                "monitor_access",
            ),
            with_codes(
                b.share(
                    "openness.outside_courtroom",
                    &acc.outside_courtroom,
                    "Hearings held anywhere but a courtroom, of the hearings that took place with the place recorded.",
                    PLACE,
                ),
                &acc.location,
                "location",
            ),
            b.share(
                "openness.verdict_public",
                &acc.verdict_public,
                "Verdicts pronounced publicly, of the hearings at which a verdict was pronounced with that recorded.",
                PLACE,
            ),
            b.share(
                "openness.relatives_denied",
                &acc.relatives_denied,
                "Hearings at which relatives were refused entry, of the hearings with that recorded.",
                PLACE,
            ),
        ],
    };

    let innocence = Group {
        id: "innocence",
        figures: vec![
            with_codes(
                b.share(
                    "innocence.caged",
                    &acc.caged,
                    "Defendant appearances (present in person or by video) in a metal cage or glass box, of the appearances with the position recorded; «not visible» is left out of the denominator.",
                    PLACE_TIME,
                ),
                &acc.position,
                "courtroom_position",
            ),
            with_codes(
                b.share(
                    "innocence.restrained",
                    &acc.restrained,
                    "Defendant appearances in handcuffs or shackles, of the appearances with restraints recorded; «unknown» is left out of the denominator.",
                    PLACE_TIME,
                ),
                &acc.restraints,
                "restraints",
            ),
            b.share(
                "innocence.prison_clothing",
                &acc.prison_clothing,
                "Defendant appearances in prison clothing or with a shaved head, of the appearances with that recorded.",
                PLACE,
            ),
        ],
    };

    let defence = Group {
        id: "defence",
        figures: vec![
            with_codes(
                b.share(
                    "defence.counsel_present",
                    &acc.counsel_present,
                    "Defendant appearances with counsel present for the whole hearing, of the appearances with that recorded; the counsel types are shares of the appearances with the type recorded.",
                    PLACE_TIME,
                ),
                &acc.counsel_type,
                "counsel_type",
            ),
            b.share(
                "defence.counsel_absent",
                &acc.counsel_absent,
                "Defendant appearances without counsel present, of the same appearances.",
                PLACE,
            ),
            b.share(
                "defence.mandatory_defence_gap",
                &acc.mandatory_gap,
                "Appearances of defendants for whom defence is mandatory, without counsel present, of those appearances with counsel presence recorded.",
                PLACE,
            ),
        ],
    };

    let language = Group {
        id: "language",
        figures: vec![
            with_codes(
                b.share(
                    "language.interpretation_needed",
                    &acc.interpretation_needed,
                    "People at hearings (any role) who needed interpretation, of those with interpretation recorded.",
                    PLACE,
                ),
                &acc.interpretation,
                "interpretation",
            ),
            b.share(
                "language.interpretation_inadequate",
                &acc.interpretation_inadequate,
                "Of those who needed interpretation: none, or only partial or summary interpretation.",
                PLACE,
            ),
            b.share(
                "language.interpretation_none",
                &acc.interpretation_none,
                "Of those who needed interpretation: none provided.",
                &[],
            ),
            b.share(
                "language.interpretation_partial",
                &acc.interpretation_partial,
                "Of those who needed interpretation: partial or summary interpretation only.",
                &[],
            ),
        ],
    };

    let torture = Group {
        id: "torture",
        figures: vec![
            b.count_by(
                "torture.allegations",
                &acc.allegations,
                "Torture or ill-treatment allegations raised at the hearings (one per person per allegation).",
                PLACE_TIME,
            ),
            b.share(
                "torture.hearings_with_allegation",
                &acc.hearings_with_allegation,
                "Hearings that took place at which at least one allegation was raised, of the hearings that took place.",
                PLACE,
            ),
            Figure {
                denominator: Some(acc.defendants),
                share: ratio(acc.defendants_alleging, acc.defendants),
                note: Some("Distinct defendants who raised an allegation, of the distinct defendants of the cases."),
                ..figure(
                    "torture.defendants_alleging",
                    Kind::Share,
                    acc.defendants_alleging,
                )
            },
            b.dist(
                "torture.alleged_by_sex",
                &acc.alleged_by_sex,
                "sex",
                "Allegations, by the sex of the person alleging.",
            ),
            b.share(
                "torture.alleged_by_minors",
                &acc.alleged_by_minor,
                "Allegations raised by a minor, of the allegations whose person's age or minority is recorded.",
                &[],
            ),
            b.dist(
                "torture.agency",
                &acc.agency,
                "agency",
                "Allegations with the perpetrators' agency recorded, by agency.",
            ),
            b.dist(
                "torture.methods",
                &acc.methods,
                "torture_method",
                "Allegations with methods recorded, by top-level method (one allegation may name several).",
            ),
            b.dist(
                "torture.purposes",
                &acc.purposes,
                "torture_purpose",
                "Allegations with purposes recorded, by purpose (one allegation may name several).",
            ),
            with_codes(
                b.share(
                    "torture.judicial_reaction",
                    &acc.judicial_reaction,
                    "Allegations the judge reacted to in any way (anything but ignoring, dismissing it as a defence tactic, rebuking or threatening the defendant, or accepting the prosecutor's denial without a check), of the allegations with the judge's reaction recorded; «not observed» alone is left out of the denominator.",
                    PLACE,
                ),
                &acc.judge_reaction,
                "judge_reaction",
            ),
            b.share(
                "torture.exam_ordered",
                &acc.exam_ordered,
                "Allegations after which a medical examination was ordered, of the allegations with that recorded.",
                &[],
            ),
            with_codes(
                b.share(
                    "torture.evidence_excluded",
                    &acc.evidence_excluded,
                    "Allegations whose contested evidence was excluded, of the allegations with the decision recorded; «unknown» is left out of the denominator.",
                    &[],
                ),
                &acc.evidence_decision,
                "evidence_decision",
            ),
            b.share(
                "torture.investigation_opened",
                &acc.investigation_opened,
                "Allegations with a follow-up showing a preliminary check or criminal case opened (or officials charged or convicted), of all the allegations.",
                PLACE,
            ),
            b.dist(
                "torture.outcome_chain",
                &acc.followup_actions,
                "followup_action",
                "All the allegations, and how many reached each follow-up step.",
            ),
        ],
    };

    let checklist = Group {
        id: "checklist",
        figures: acc
            .items
            .iter()
            .filter(|(code, s)| {
                let retired = spec.checklist.item(code).is_none();
                !retired || s.den > 0 || !s.excluded.is_empty()
            })
            .map(|(code, s)| {
                b.share(
                    &format!("checklist.{code}"),
                    s,
                    "Answers «no» or «partly», of the answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out of the denominator.",
                    ALL_DIMS,
                )
            })
            .collect(),
    };

    let outcomes = Group {
        id: "outcomes",
        figures: vec![
            b.dist(
                "outcomes.verdicts",
                &acc.verdicts,
                "verdict",
                "Hearings at which a verdict was pronounced with the verdict recorded, by verdict.",
            ),
            b.share(
                "outcomes.conviction_rate",
                &acc.convictions,
                "Verdicts convicting on at least one charge (conviction or partial acquittal), of the verdicts recorded.",
                PLACE,
            ),
            b.dist(
                "outcomes.sentence_types",
                &acc.sentence_types,
                "sentence_type",
                "Convictions with the sentence type recorded, by type.",
            ),
            b.median(
                "outcomes.median_prison_term",
                &acc.prison_terms_months,
                Unit::Years,
                12.0,
                "Years of imprisonment (years and months recorded), over convictions to imprisonment with a term recorded.",
            ),
            b.dist(
                "outcomes.detention_decisions",
                &acc.detention_decisions,
                "preventive_measure_decision",
                "Hearings that decided a preventive measure with the decision recorded, by decision.",
            ),
            b.share(
                "outcomes.detention_ordered",
                &acc.detention,
                "Decisions that ordered or extended detention, of the same decisions.",
                PLACE,
            ),
        ],
    };

    let item = |code: &str| acc.item(code).cloned().unwrap_or_default();
    let gbv = Group {
        id: "gbv",
        figures: vec![
            b.count_by(
                "gbv.hearings",
                &acc.gbv_hearings,
                "Hearings that took place in cases tagged as gender-based or sexual violence.",
                PLACE,
            ),
            b.share(
                "gbv.victim_represented",
                &acc.victim_represented,
                "GBV hearings at which a victim had a lawyer (private, legal aid centre or NGO), of the GBV hearings with a victim whose representation is recorded.",
                PLACE,
            ),
            with_codes(
                b.share(
                    "gbv.protective_measures",
                    &acc.protective,
                    "Victim appearances at GBV hearings with any protective measure used, of those with measures recorded.",
                    &[],
                ),
                &acc.protective_measures,
                "protective_measure",
            ),
            b.share(
                "gbv.pressure_to_reconcile",
                &item(ITEM_PRESSURE_TO_RECONCILE),
                "Checklist item GBV-05 answered «no» or «partly» (the victim was pressed to reconcile or withdraw), of its answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out.",
                PLACE,
            ),
            b.share(
                "gbv.stereotyping",
                &item(ITEM_STEREOTYPING),
                "Checklist item GBV-04 answered «no» or «partly» (victim-blaming or stereotyped remarks were not stopped), of its answers «yes», «no» and «partly»; «not observed» and «not applicable» are left out.",
                PLACE,
            ),
            b.share(
                "gbv.closed_for_victim",
                &acc.closed_for_victim,
                "GBV hearings closed to protect a victim (the protective measure «closed hearing» recorded for a victim), of the GBV hearings.",
                PLACE,
            ),
        ],
    };

    let quality = Group {
        id: "quality",
        figures: vec![
            {
                let mut f = b.share(
                    "quality.reviewed",
                    &acc.reviewed,
                    "Hearings marked reviewed by a group lead, of all the hearings.",
                    &[By::Monitor],
                );
                let rows = ["draft", "final", "reviewed"]
                    .iter()
                    .map(|s| b.row(s, acc.status.count(s), Some(acc.status.base)))
                    .collect();
                f.breakdowns.insert(
                    0,
                    Breakdown {
                        by: By::Code,
                        list: None,
                        rows,
                    },
                );
                f
            },
            b.share(
                "quality.entered_after_hearing",
                &acc.entered_after,
                "Hearings typed in later from paper notes, of the hearings with that recorded.",
                &[By::Monitor],
            ),
            b.share(
                "quality.not_observed",
                &acc.not_observed,
                "Checklist answers «not observed», of all the checklist answers given.",
                &[By::Monitor],
            ),
        ],
    };

    Stats {
        settings,
        groups: vec![
            counts, timeliness, openness, innocence, defence, language, torture, checklist,
            outcomes, trials, gbv, quality,
        ],
    }
}
