//! Folding the rows `collect` reads into the accumulators: the joins by id, and the rules of
//! each figure (which records count, which codes are hits, what is left out of a
//! denominator). Runs on the statistics worker thread; no database here.

use chrono::NaiveDate;
use uuid::Uuid;

use super::Settings;
use super::codes::*;
use super::collect::{
    ALLEGATION_FIELDS, HEARING_FIELDS, HEARING_PARTY_FIELDS, Hf, PARTY_FIELDS, Pass, Pf, Row,
};
use super::tally::{
    COURT, Dims, Dist, FastMap as HashMap, FastSet as HashSet, Interner, JUDGE, MONITOR, MONTH,
    Share,
};
use crate::error::Result;
use crate::spec::{Spec, split_multi};
use crate::store::parse_uuid;

/// Everything the figures are built from.
#[derive(Debug, Default)]
pub(super) struct Acc {
    /// Keys of the court, judge, month and monitor dimensions.
    pub keys: [Interner; 4],

    // Counts.
    pub hearings: Share,
    pub hearing_held: Dist,
    pub took_place: Share,
    pub did_not_take_place: Share,
    pub cases: u64,
    pub defendants: u64,

    // Timeliness.
    pub late: Share,
    pub delays: Vec<i64>,
    pub postponed: Share,
    pub postponement_reasons: Dist,
    pub days_to_verdict: Vec<i64>,

    // Openness.
    pub public_access: Dist,
    pub closed: Share,
    pub closed_entire: Share,
    pub closed_partly: Share,
    pub closure_reasoned: Share,
    pub closure_ground: Dist,
    pub access_incident: Share,
    pub monitor_access: Dist,
    pub outside_courtroom: Share,
    pub location: Dist,
    pub verdict_public: Share,
    pub relatives_denied: Share,

    // Presumption of innocence.
    pub caged: Share,
    pub position: Dist,
    pub restrained: Share,
    pub restraints: Dist,
    pub prison_clothing: Share,

    // Defence.
    pub counsel_present: Share,
    pub counsel_absent: Share,
    pub counsel_type: Dist,
    pub mandatory_gap: Share,

    // Language.
    pub interpretation_needed: Share,
    pub interpretation: Dist,
    pub interpretation_inadequate: Share,
    pub interpretation_none: Share,
    pub interpretation_partial: Share,

    // Torture.
    pub allegations: Share,
    pub hearings_with_allegation: Share,
    pub defendants_alleging: u64,
    pub alleged_by_sex: Dist,
    pub alleged_by_minor: Share,
    pub agency: Dist,
    pub methods: Dist,
    pub purposes: Dist,
    pub judicial_reaction: Share,
    pub judge_reaction: Dist,
    pub exam_ordered: Share,
    pub evidence_excluded: Share,
    pub evidence_decision: Dist,
    pub investigation_opened: Share,
    pub followup_actions: Dist,

    // Checklist: item code → share of `no` + `partly` among answered.
    pub items: Vec<(String, Share)>,
    pub not_observed: Share,

    // Outcomes.
    pub verdicts: Dist,
    pub convictions: Share,
    pub sentence_types: Dist,
    pub prison_terms_months: Vec<i64>,
    pub detention_decisions: Dist,
    pub detention: Share,

    // GBV.
    pub gbv_hearings: Share,
    pub victim_represented: Share,
    pub protective: Share,
    pub protective_measures: Dist,
    pub closed_for_victim: Share,

    // Data quality.
    pub status: Dist,
    pub reviewed: Share,
    pub entered_after: Share,

    // Trials (a joined trial counts once).
    pub trial_hearings: Vec<i64>,
    pub trial_days_to_verdict: Vec<i64>,
    pub trials_with_allegation: Share,
    pub trial_outcomes: Dist,
    /// Per checklist item, as `items`: trials with a hearing where it was not met, of the
    /// trials where it was answered «yes», «no» or «partly».
    pub trial_items: Vec<Share>,
    /// Per checklist group (a right): the same over the group's items.
    pub trial_groups: Vec<(String, Share)>,
}

impl Acc {
    pub fn item(&self, code: &str) -> Option<&Share> {
        self.items.iter().find(|(c, _)| c == code).map(|(_, s)| s)
    }
}

/// What later scans need to know of a selected hearing.
#[derive(Debug, Clone, Copy)]
struct HearingInfo {
    dims: Dims,
    took_place: bool,
    gbv: bool,
    /// The trial it belongs to: its case record, or the trial its record is joined into.
    trial: Uuid,
}

/// What the trial figures need to know of one trial of the selected hearings.
#[derive(Debug, Default)]
struct TrialInfo {
    /// The keys of the trial's first selected hearing (its court, judge, month, monitor).
    dims: Dims,
    hearings: i64,
    /// The latest hearing at which a verdict was pronounced: its date, the days since the
    /// trial's first hearing, the verdict.
    verdict: Option<(NaiveDate, i64, Option<String>)>,
    allegation: bool,
    /// Bit sets over `acc.items`: items answered «yes», «no» or «partly» at some hearing, and
    /// items answered «no» or «partly» at some hearing.
    answered: Vec<u64>,
    not_met: Vec<u64>,
}

fn set_bit(bits: &mut Vec<u64>, i: usize) {
    if bits.len() <= i / 64 {
        bits.resize(i / 64 + 1, 0);
    }
    bits[i / 64] |= 1 << (i % 64);
}

fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// What the figures need to know of a party.
#[derive(Debug, Clone)]
struct PartyInfo {
    role: Role,
    sex: Option<u32>,
    minor: Option<bool>,
    represented: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Defendant,
    Victim,
    Other,
}

/// Per selected GBV hearing: what its victims' records say.
#[derive(Debug, Clone, Copy, Default)]
struct VictimFlags {
    representation_known: bool,
    represented: bool,
    closed_for_victim: bool,
}

/// Minutes after midnight of an `HH:MM` (or `HH:MM:SS`) time.
pub(super) fn minutes(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<i64> {
        let (h, l) = (*b.get(i)?, *b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| i64::from((h - b'0') * 10 + (l - b'0')))
    };
    let (h, m) = (two(0)?, two(3)?);
    let seconds_ok =
        b.len() == 5 || (b.len() == 8 && b[5] == b':' && two(6).is_some_and(|s| s < 60));
    (b.get(2) == Some(&b':') && seconds_ok && h < 24 && m < 60).then_some(h * 60 + m)
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `YYYY-MM` of an ISO date, or `unknown`.
pub(super) fn month(s: Option<&str>) -> &str {
    match s {
        Some(d)
            if d.len() == 10
                && d.bytes().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                }) =>
        {
            &d[..7]
        }
        _ => "unknown",
    }
}

fn is_in(v: Option<&str>, codes: &[&str]) -> bool {
    v.is_some_and(|v| codes.contains(&v))
}

/// A checklist code of at most 15 bytes (every code of the checklist) as a number, which
/// hashes and compares faster than text.
fn item_key(code: &[u8]) -> Option<u128> {
    (code.len() < 16).then(|| {
        let mut k = [0u8; 16];
        for (slot, b) in k.iter_mut().zip(code) {
            *slot = *b;
        }
        k[15] = code.len() as u8;
        u128::from_le_bytes(k)
    })
}

fn number(s: &str) -> Option<f64> {
    s.parse()
        .ok()
        .or_else(|| s.replace(',', ".").parse().ok())
        .filter(|v: &f64| v.is_finite())
}

/// The state of the fold: the accumulators, and what later rows are joined with.
pub(super) struct Fold<'s> {
    spec: &'s Spec,
    settings: Settings,
    /// Monitor uuid → code.
    monitors: HashMap<String, String>,
    gbv_cases: HashSet<Uuid>,
    hearings: HashMap<Uuid, HearingInfo>,
    /// Joined case records: the trial each belongs to and the trial's first hearing date
    /// (`Store::joined_trials`); a record not in it is a trial of its own.
    trials: std::collections::HashMap<Uuid, (Uuid, Option<String>)>,
    /// The trials of the selected hearings.
    cases: HashMap<Uuid, TrialInfo>,
    /// Each checklist group's id and the indices of its items in `acc.items`.
    groups: Vec<(String, Vec<usize>)>,
    sexes: Interner,
    parties: HashMap<Uuid, PartyInfo>,
    victims: HashMap<Uuid, VictimFlags>,
    with_allegation: HashSet<Uuid>,
    alleging: HashSet<Uuid>,
    allegations: HashMap<Uuid, Dims>,
    actions: HashMap<Uuid, Vec<String>>,
    /// Checklist item code (see [`item_key`]) → index in `acc.items`.
    items: HashMap<u128, usize>,
    /// The same for longer codes.
    long_items: HashMap<Vec<u8>, usize>,
    /// The keys of `acc.items`, by index.
    item_keys: Vec<Option<u128>>,
    /// The item of the previous token: tallies list items in much the same order.
    last_item: usize,
    acc: Acc,
}

impl<'s> Fold<'s> {
    pub fn new(
        spec: &'s Spec,
        settings: Settings,
        monitors: HashMap<String, String>,
        trials: std::collections::HashMap<Uuid, (Uuid, Option<String>)>,
    ) -> Self {
        let mut acc = Acc::default();
        let mut items = HashMap::default();
        let mut long_items = HashMap::default();
        let mut item_keys = Vec::new();
        let mut groups = Vec::new();
        for g in &spec.checklist.groups {
            groups.push((
                g.id.clone(),
                (0..g.items.len()).map(|i| acc.items.len() + i).collect(),
            ));
            for i in &g.items {
                let key = item_key(i.code.as_bytes());
                match key {
                    Some(k) => items.insert(k, acc.items.len()),
                    None => long_items.insert(i.code.as_bytes().to_vec(), acc.items.len()),
                };
                item_keys.push(key);
                acc.items.push((i.code.clone(), Share::checklist()));
            }
        }
        Fold {
            spec,
            settings,
            monitors,
            gbv_cases: HashSet::default(),
            hearings: HashMap::default(),
            trials,
            cases: HashMap::default(),
            groups,
            sexes: Interner::default(),
            parties: HashMap::default(),
            victims: HashMap::default(),
            with_allegation: HashSet::default(),
            alleging: HashSet::default(),
            allegations: HashMap::default(),
            actions: HashMap::default(),
            items,
            long_items,
            item_keys,
            last_item: 0,
            acc,
        }
    }

    pub fn row(&mut self, pass: Pass, r: Row<'_>) -> Result<()> {
        match pass {
            Pass::Tags => self.tags(r),
            Pass::Hearings => self.hearing(r),
            Pass::Parties => self.party(r),
            Pass::HearingParties => {
                self.hearing_party(r);
                Ok(())
            }
            Pass::Allegations => self.allegation(r),
            Pass::Followups => {
                self.followup(r);
                Ok(())
            }
            Pass::Tally => {
                self.tally(r);
                Ok(())
            }
        }
    }

    fn tags(&mut self, r: Row<'_>) -> Result<()> {
        if r.get(1)
            .is_some_and(|t| split_multi(t).any(|t| GBV_TAGS.contains(&t)))
        {
            self.gbv_cases.insert(parse_uuid(r.get(0).unwrap_or(""))?);
        }
        Ok(())
    }

    /// A selected hearing; every hearing-level figure is counted here.
    fn hearing(&mut self, r: Row<'_>) -> Result<()> {
        let acc = &mut self.acc;
        let v: [Option<&str>; HEARING_FIELDS.len()] = r.packed(7);
        let f = |field: Hf| v[field as usize];
        let uuid = parse_uuid(r.get(0).unwrap_or(""))?;
        let case = parse_uuid(r.get(1).unwrap_or(""))?;
        let joined = self.trials.get(&case);
        let trial_id = joined.map_or(case, |(trial, _)| *trial);
        let monitor = r.get(2).unwrap_or("unknown");
        let monitor = self.monitors.get(monitor).map_or(monitor, String::as_str);
        let date_text = r.get(5);
        let d = Dims([
            acc.keys[COURT].id(r.get(4).unwrap_or("unknown")),
            acc.keys[JUDGE].id(r.get(6).unwrap_or("unknown")),
            acc.keys[MONTH].id(month(date_text)),
            acc.keys[MONITOR].id(monitor),
        ]);
        let held = f(Hf::Held);
        let took = is_in(held, TOOK_PLACE);
        let gbv = self.gbv_cases.contains(&case);

        acc.hearings.add(d, true);
        let trial = self.cases.entry(trial_id).or_insert_with(|| TrialInfo {
            dims: d,
            ..TrialInfo::default()
        });
        trial.hearings += 1;
        if let Some(h) = held {
            acc.hearing_held.add([h]);
            acc.took_place.add(d, took);
            acc.did_not_take_place
                .add(d, is_in(held, DID_NOT_TAKE_PLACE));
            let postponed = is_in(held, POSTPONED);
            acc.postponed.add(d, postponed);
            if let Some(reasons) = f(Hf::Reasons).filter(|_| postponed) {
                acc.postponement_reasons.add(split_multi(reasons));
            }
        }

        // Timeliness.
        if took
            && let (Some(s), Some(a)) = (
                f(Hf::Scheduled).and_then(minutes),
                f(Hf::Actual).and_then(minutes),
            )
        {
            let delay = (a - s).max(0);
            acc.late
                .add(d, delay > i64::from(self.settings.late_after_minutes));
            acc.delays.push(delay);
        }
        let outcome = f(Hf::Outcome).filter(|_| took);
        // The trial's first hearing: over all its records when it was recorded twice.
        let first = match joined {
            Some((_, first)) => first.as_deref(),
            None => r.get(8),
        };
        if outcome == Some(VERDICT_PRONOUNCED)
            && let (Some(first), Some(this)) = (first.and_then(date), date_text.and_then(date))
        {
            let days = (this - first).num_days().max(0);
            acc.days_to_verdict.push(days);
            if trial.verdict.as_ref().is_none_or(|(at, ..)| *at <= this) {
                trial.verdict = Some((this, days, f(Hf::Verdict).map(str::to_owned)));
            }
        }

        // Openness.
        if took && let Some(pa) = f(Hf::Access) {
            acc.public_access.add([pa]);
            let closed = CLOSED.contains(&pa);
            acc.closed.add(d, closed);
            acc.closed_entire.add(d, pa == CLOSED_ENTIRE);
            acc.closed_partly.add(d, pa == CLOSED_PARTLY);
            if closed {
                if let Some(reasoned) = f(Hf::Reasoned) {
                    acc.closure_reasoned.add(d, reasoned == YES);
                }
                if let Some(ground) = f(Hf::Ground) {
                    acc.closure_ground.add([ground]);
                }
            }
        }
        if took && let Some(loc) = f(Hf::Location) {
            acc.location.add([loc]);
            acc.outside_courtroom.add(d, loc != COURTROOM);
        }
        if let Some(access) = f(Hf::MonitorAccess) {
            acc.monitor_access.add(split_multi(access));
            acc.access_incident
                .add(d, split_multi(access).any(|c| c != NO_ACCESS_ISSUE));
        }
        if let Some(denied) = f(Hf::RelativesDenied) {
            acc.relatives_denied.add(d, denied == YES);
        }

        // Outcomes.
        if outcome == Some(VERDICT_PRONOUNCED) {
            if let Some(public) = f(Hf::VerdictPublic) {
                acc.verdict_public.add(d, public == YES);
            }
            if let Some(verdict) = f(Hf::Verdict) {
                acc.verdicts.add([verdict]);
                let convicted = CONVICTIONS.contains(&verdict);
                acc.convictions.add(d, convicted);
                if convicted && let Some(st) = f(Hf::SentenceType) {
                    acc.sentence_types.add([st]);
                    let years = f(Hf::Years).and_then(number);
                    let months = f(Hf::Months).and_then(number);
                    if st == IMPRISONMENT && (years.is_some() || months.is_some()) {
                        let total = years.unwrap_or(0.0) * 12.0 + months.unwrap_or(0.0);
                        acc.prison_terms_months.push(total.round() as i64);
                    }
                }
            }
        }
        if outcome == Some(PREVENTIVE_MEASURE_DECIDED)
            && let Some(decision) = f(Hf::Decision)
        {
            acc.detention_decisions.add([decision]);
            acc.detention.add(d, DETENTION.contains(&decision));
        }

        // GBV and data quality.
        if gbv && took {
            acc.gbv_hearings.add(d, true);
        }
        let status = r.get(3).unwrap_or("unknown");
        acc.status.add([status]);
        acc.reviewed.add(d, status == "reviewed");
        if let Some(later) = f(Hf::EnteredAfter) {
            acc.entered_after.add(d, later == YES);
        }

        self.hearings.insert(
            uuid,
            HearingInfo {
                dims: d,
                took_place: took,
                gbv,
                trial: trial_id,
            },
        );
        Ok(())
    }

    /// A party, kept when its case is selected.
    fn party(&mut self, r: Row<'_>) -> Result<()> {
        let Ok(case) = parse_uuid(r.get(1).unwrap_or("")) else {
            return Ok(());
        };
        let trial = self.trials.get(&case).map_or(case, |(trial, _)| *trial);
        if !self.cases.contains_key(&trial) {
            return Ok(());
        }
        let [role, sex, age, minor, representation]: [Option<&str>; PARTY_FIELDS.len()] =
            r.packed(2);
        let role = match role {
            Some(DEFENDANT) => Role::Defendant,
            Some(VICTIM) => Role::Victim,
            _ => Role::Other,
        };
        self.acc.defendants += u64::from(role == Role::Defendant);
        let minor = match (minor, age.and_then(number)) {
            (Some(YES), _) => Some(true),
            (_, Some(a)) => Some(a < 18.0),
            (Some(NO), None) => Some(false),
            _ => None,
        };
        let info = PartyInfo {
            role,
            sex: sex.map(|s| self.sexes.id(s)),
            minor,
            represented: representation.map(|rep| REPRESENTED.contains(&rep)),
        };
        self.parties
            .insert(parse_uuid(r.get(0).unwrap_or(""))?, info);
        Ok(())
    }

    /// A person's situation at a hearing, kept when the hearing is selected.
    fn hearing_party(&mut self, r: Row<'_>) {
        let Some((hearing, h)) = parse_uuid(r.get(0).unwrap_or(""))
            .ok()
            .and_then(|u| self.hearings.get(&u).map(|h| (u, *h)))
        else {
            return;
        };
        let d = h.dims;
        let party = parse_uuid(r.get(1).unwrap_or(""))
            .ok()
            .and_then(|u| self.parties.get(&u));
        let role = party.map_or(Role::Other, |p| p.role);
        let v: [Option<&str>; HEARING_PARTY_FIELDS.len()] = r.packed(2);
        let f = |field: Pf| v[field as usize];
        let acc = &mut self.acc;

        if let Some(interp) = f(Pf::Interpretation) {
            acc.interpretation.add([interp]);
            let needed = INTERPRETATION_NEEDED.contains(&interp);
            acc.interpretation_needed.add(d, needed);
            if needed {
                acc.interpretation_inadequate.add(
                    d,
                    interp == INTERPRETATION_NONE || interp == INTERPRETATION_PARTIAL,
                );
                acc.interpretation_none
                    .add(d, interp == INTERPRETATION_NONE);
                acc.interpretation_partial
                    .add(d, interp == INTERPRETATION_PARTIAL);
            }
        }

        if role == Role::Defendant && is_in(f(Pf::Attendance), PRESENT) {
            if let Some(pos) = f(Pf::Position) {
                acc.position.add([pos]);
                if pos == POSITION_NOT_SEEN {
                    acc.caged.exclude(POSITION_NOT_SEEN);
                } else {
                    acc.caged.add(d, CAGED.contains(&pos));
                }
            }
            if let Some(res) = f(Pf::Restraints) {
                acc.restraints.add([res]);
                if res == RESTRAINTS_UNKNOWN {
                    acc.restrained.exclude(RESTRAINTS_UNKNOWN);
                } else {
                    acc.restrained.add(d, RESTRAINED.contains(&res));
                }
            }
            if let Some(clothes) = f(Pf::PrisonClothing) {
                acc.prison_clothing.add(d, clothes == YES);
            }
            if let Some(p) = f(Pf::CounselPresent) {
                acc.counsel_present.add(d, p == YES);
                acc.counsel_absent.add(d, p == NO);
                if f(Pf::Mandatory) == Some(YES) {
                    acc.mandatory_gap.add(d, p == NO);
                }
            }
            if let Some(t) = f(Pf::CounselType) {
                acc.counsel_type.add([t]);
            }
        }

        if role == Role::Victim && h.gbv && h.took_place {
            let flags = self.victims.entry(hearing).or_default();
            if let Some(rep) = party.and_then(|p| p.represented) {
                flags.representation_known = true;
                flags.represented |= rep;
            }
            if let Some(measures) = f(Pf::Measures) {
                acc.protective_measures.add(split_multi(measures));
                acc.protective
                    .add(d, split_multi(measures).any(|m| m != NO_MEASURE));
                flags.closed_for_victim |=
                    split_multi(measures).any(|m| m == CLOSED_HEARING_MEASURE);
            }
        }
    }

    /// A torture or ill-treatment allegation, kept when its hearing is selected.
    fn allegation(&mut self, r: Row<'_>) -> Result<()> {
        let Some((hearing, h)) = parse_uuid(r.get(1).unwrap_or(""))
            .ok()
            .and_then(|u| self.hearings.get(&u).map(|h| (u, *h)))
        else {
            return Ok(());
        };
        let d = h.dims;
        let [agency, methods, purposes, reaction, exam, decision]: [Option<&str>;
            ALLEGATION_FIELDS.len()] = r.packed(3);
        let acc = &mut self.acc;
        acc.allegations.add(d, true);
        self.with_allegation.insert(hearing);
        if let Some(t) = self.cases.get_mut(&h.trial) {
            t.allegation = true;
        }
        self.allegations
            .insert(parse_uuid(r.get(0).unwrap_or(""))?, d);
        let person = r.get(2).and_then(|p| parse_uuid(p).ok());
        let info = person.and_then(|p| self.parties.get(&p));
        if let (Some(p), Some(info)) = (person, info)
            && info.role == Role::Defendant
        {
            self.alleging.insert(p);
        }
        acc.alleged_by_sex.add([info
            .and_then(|i| i.sex)
            .map_or("unknown", |s| self.sexes.name(s))]);
        if let Some(minor) = info.and_then(|i| i.minor) {
            acc.alleged_by_minor.add(d, minor);
        }
        if let Some(agency) = agency {
            acc.agency.add([agency]);
        }
        if let Some(m) = methods {
            // Two-level list: counted by top-level method.
            let list = self.spec.list("torture_method");
            let parents = split_multi(m).map(|code| {
                list.and_then(|l| l.get(code))
                    .and_then(|c| c.parent.as_deref())
                    .unwrap_or(code)
            });
            acc.methods.add(parents);
        }
        if let Some(p) = purposes {
            acc.purposes.add(split_multi(p));
        }
        if let Some(reaction) = reaction {
            acc.judge_reaction.add(split_multi(reaction));
            let mut observed = split_multi(reaction)
                .filter(|c| *c != REACTION_NOT_OBSERVED)
                .peekable();
            if observed.peek().is_none() {
                acc.judicial_reaction.exclude(REACTION_NOT_OBSERVED);
            } else {
                let reacted = observed.any(|c| !NO_JUDICIAL_REACTION.contains(&c));
                acc.judicial_reaction.add(d, reacted);
            }
        }
        if let Some(exam) = exam {
            acc.exam_ordered.add(d, exam == EXAM_ORDERED);
        }
        if let Some(decision) = decision {
            acc.evidence_decision.add([decision]);
            if decision == EVIDENCE_UNKNOWN {
                acc.evidence_excluded.exclude(EVIDENCE_UNKNOWN);
            } else {
                acc.evidence_excluded.add(d, decision == EVIDENCE_EXCLUDED);
            }
        }
        Ok(())
    }

    /// A later step of an allegation, kept when the allegation is.
    fn followup(&mut self, r: Row<'_>) {
        let Some(allegation) = r
            .get(0)
            .and_then(|a| parse_uuid(a).ok())
            .filter(|a| self.allegations.contains_key(a))
        else {
            return;
        };
        if let Some(action) = r.get(1) {
            self.actions
                .entry(allegation)
                .or_default()
                .push(action.to_owned());
        }
    }

    /// A selected hearing's checklist answers: ` CODE:a` tokens, `a` one letter (migration
    /// 0003: y yes, n no, p partly, o not observed, x not applicable).
    fn tally(&mut self, r: Row<'_>) {
        let Some(h) = r
            .get(0)
            .and_then(|u| parse_uuid(u).ok())
            .and_then(|u| self.hearings.get(&u))
        else {
            return;
        };
        let (d, trial) = (h.dims, h.trial);
        let Some(tokens) = r.get(1) else {
            return;
        };
        let mut trial = self.cases.remove(&trial).map(|t| (trial, t));
        let (mut answered, mut not_observed) = (0, 0);
        for token in tokens.as_bytes().split(|&b| b == b' ') {
            let [code @ .., b':', letter] = token else {
                continue;
            };
            let i = self.item(code);
            let share = &mut self.acc.items[i].1;
            if let (Some((_, t)), b'y' | b'n' | b'p') = (&mut trial, letter) {
                set_bit(&mut t.answered, i);
                if *letter != b'y' {
                    set_bit(&mut t.not_met, i);
                }
            }
            match letter {
                b'y' => share.add(d, false),
                b'n' | b'p' => share.add(d, true),
                b'o' => {
                    share.exclude(NOT_OBSERVED);
                    not_observed += 1;
                }
                b'x' => share.exclude(NOT_APPLICABLE),
                _ => continue,
            }
            answered += 1;
        }
        self.acc.not_observed.add_n(d, not_observed, answered);
        if let Some((id, t)) = trial {
            self.cases.insert(id, t);
        }
    }

    /// The index in `acc.items` of a checklist item code.
    fn item(&mut self, code: &[u8]) -> usize {
        let key = item_key(code);
        let next = self.last_item + 1;
        let i = if key.is_some() && self.item_keys.get(next) == Some(&key) {
            next
        } else {
            let known = match key {
                Some(k) => self.items.get(&k),
                None => self.long_items.get(code),
            };
            match known {
                Some(&i) => i,
                None => {
                    // An item this program does not know (a newer checklist): still counted.
                    let i = self.acc.items.len();
                    match key {
                        Some(k) => self.items.insert(k, i),
                        None => self.long_items.insert(code.to_vec(), i),
                    };
                    self.item_keys.push(key);
                    let code = String::from_utf8_lossy(code).into_owned();
                    self.acc.items.push((code, Share::checklist()));
                    i
                }
            }
        };
        self.last_item = i;
        i
    }

    /// The figures that need every row first.
    pub fn finish(mut self) -> Acc {
        let acc = &mut self.acc;
        acc.cases = self.cases.len() as u64;
        acc.trial_items = vec![Share::default(); acc.items.len()];
        acc.trial_groups = self
            .groups
            .iter()
            .map(|(id, _)| (id.clone(), Share::default()))
            .collect();
        for t in self.cases.values() {
            acc.trial_hearings.push(t.hearings);
            acc.trials_with_allegation.add(t.dims, t.allegation);
            if let Some((_, days, verdict)) = &t.verdict {
                acc.trial_days_to_verdict.push(*days);
                if let Some(v) = verdict {
                    acc.trial_outcomes.add([v.as_str()]);
                }
            }
            for (i, share) in acc.trial_items.iter_mut().enumerate() {
                if bit(&t.answered, i) {
                    share.add(t.dims, bit(&t.not_met, i));
                }
            }
            for ((_, items), (_, share)) in self.groups.iter().zip(&mut acc.trial_groups) {
                if items.iter().any(|&i| bit(&t.answered, i)) {
                    share.add(t.dims, items.iter().any(|&i| bit(&t.not_met, i)));
                }
            }
        }
        acc.defendants_alleging = self.alleging.len() as u64;
        for (uuid, h) in &self.hearings {
            if h.took_place {
                acc.hearings_with_allegation
                    .add(h.dims, self.with_allegation.contains(uuid));
            }
            if h.gbv && h.took_place {
                let flags = self.victims.get(uuid).copied().unwrap_or_default();
                if flags.representation_known {
                    acc.victim_represented.add(h.dims, flags.represented);
                }
                acc.closed_for_victim.add(h.dims, flags.closed_for_victim);
            }
        }
        for (uuid, d) in &self.allegations {
            let done = self.actions.get(uuid).map_or(&[][..], Vec::as_slice);
            acc.followup_actions.add(done.iter().map(String::as_str));
            acc.investigation_opened.add(
                *d,
                done.iter()
                    .any(|a| INVESTIGATION_OPENED.contains(&a.as_str())),
            );
        }
        self.acc
    }
}
