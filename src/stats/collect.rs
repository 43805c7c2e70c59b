//! Reading the database for the figures: each table once, through the narrow indexes and the
//! checklist tally of migration 0002, joined in memory by id.
//!
//! The selected hearings come from the same `WHERE` clause as `list` ([`Store::filter_sql`]).
//! Parties, hearing parties, allegations, follow-ups and checklist tallies are then scanned
//! whole and kept when their hearing (or case, or allegation) is selected: sequential scans of
//! small indexes cost far less on an encrypted file than one random lookup per row.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::ValueRef;
use uuid::Uuid;

use super::Settings;
use super::codes::*;
use super::tally::{
    COURT, Dims, Dist, FastMap as HashMap, FastSet as HashSet, Interner, JUDGE, MONITOR, MONTH,
    Share,
};
use crate::error::Result;
use crate::spec::split_multi;
use crate::store::{Filter, Store, parse_uuid};

/// The hearing fields the figures read, in the order of the `hearings_stats` index; `Hf` names
/// their positions.
const HEARING_FIELDS: [&str; 18] = [
    "hearing_held",
    "scheduled_start_time",
    "actual_start_time",
    "postponement_reason",
    "location",
    "public_access",
    "closure_ground",
    "closure_decision_reasoned",
    "relatives_denied",
    "monitor_access",
    "session_outcome",
    "preventive_measure_decision",
    "verdict",
    "sentence_type",
    "sentence_years",
    "sentence_months",
    "verdict_pronounced_publicly",
    "entered_after_hearing",
];

#[derive(Debug, Clone, Copy)]
enum Hf {
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

/// The party fields, in the order of the `parties_stats` index.
const PARTY_FIELDS: [&str; 5] = ["role", "sex", "age", "is_minor", "victim_representation"];

/// The hearing-party fields, in the order of the `hearing_parties_stats` index; `Pf` names
/// their positions.
const HEARING_PARTY_FIELDS: [&str; 9] = [
    "attendance",
    "courtroom_position",
    "restraints",
    "prison_clothing",
    "counsel_type",
    "counsel_present",
    "mandatory_defence",
    "interpretation_needed",
    "protective_measures",
];

#[derive(Debug, Clone, Copy)]
enum Pf {
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

const ALLEGATION_FIELDS: [&str; 6] = [
    "perpetrator_agency",
    "methods",
    "purposes",
    "judge_reaction",
    "exam_ordered",
    "evidence_decision",
];

/// `json_extract(alias.data, '$.f1'), …` for the given fields.
fn extracts(alias: &str, fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| format!("json_extract({alias}.data, '$.{f}')"))
        .collect::<Vec<_>>()
        .join(", ")
}

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

/// A text value; empty text and non-text values count as not recorded.
fn text<'a>(v: ValueRef<'a>) -> Option<&'a str> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// A number written as text or stored as a JSON number.
fn number(v: ValueRef<'_>) -> Option<f64> {
    match v {
        ValueRef::Integer(i) => Some(i as f64),
        ValueRef::Real(r) => Some(r),
        ValueRef::Text(_) => text(v).and_then(|s| s.replace(',', ".").parse().ok()),
        _ => None,
    }
}

/// Minutes after midnight of an `HH:MM` (or `HH:MM:SS`) time.
fn minutes(s: &str) -> Option<i64> {
    let t = NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()?;
    Some(i64::from(chrono::Timelike::num_seconds_from_midnight(&t)) / 60)
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `YYYY-MM` of a date, or `unknown`.
fn month(s: Option<&str>) -> String {
    s.and_then(date)
        .map_or_else(|| "unknown".into(), |d| d.format("%Y-%m").to_string())
}

fn is_in(v: Option<&str>, codes: &[&str]) -> bool {
    v.is_some_and(|v| codes.contains(&v))
}

/// Page cache (KiB) while collecting: the joins look cases up by id, and the small indexes
/// they read then stay decrypted in memory instead of being read again.
const CACHE_KIB: i64 = 32 * 1024;

pub(super) fn collect(store: &Store, filter: &Filter, settings: Settings) -> Result<Acc> {
    let conn = store.conn();
    let before: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(|e| store.explain(e))?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(|e| store.explain(e))?;
    let result = scan(store, filter, settings);
    conn.pragma_update(None, "cache_size", before)
        .map_err(|e| store.explain(e))?;
    result
}

fn scan(store: &Store, filter: &Filter, settings: Settings) -> Result<Acc> {
    let mut acc = Acc::default();
    let conn = store.conn();
    let sql_err = |e: rusqlite::Error| store.explain(e);

    let monitors: std::collections::HashMap<String, String> = conn
        .prepare("SELECT uuid, code FROM monitors")
        .map_err(sql_err)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(sql_err)?;

    // The selected hearings, with every hearing-level figure counted on the way.
    let (wh, params) = store.filter_sql(filter)?;
    let sql = format!(
        "SELECT h.uuid, h.case_uuid, h.monitor_uuid, h.status, h.court, h.judge, h.hearing_date,
                {fields}, json_extract(c.data, '$.case_tags'),
                CASE WHEN json_extract(h.data, '$.session_outcome') = '{VERDICT_PRONOUNCED}' THEN
                    (SELECT min(f.hearing_date) FROM hearings f INDEXED BY hearings_stats
                     WHERE f.case_uuid = h.case_uuid) END
         FROM hearings h INDEXED BY hearings_stats
         JOIN cases c INDEXED BY cases_stats ON c.uuid = h.case_uuid
         {wh}",
        fields = extracts("h", &HEARING_FIELDS),
    );
    let mut hearings: HashMap<Uuid, HearingInfo> = HashMap::default();
    let mut cases: HashSet<Uuid> = HashSet::default();
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params))
        .map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let v = |i: usize| r.get_ref(i).map(text);
        let uuid = parse_uuid(v(0)?.unwrap_or(""))?;
        cases.insert(parse_uuid(v(1)?.unwrap_or(""))?);
        let monitor = v(2)?.unwrap_or("");
        let monitor = monitors.get(monitor).map_or(monitor, String::as_str);
        let d = Dims([
            acc.keys[COURT].id(v(4)?.unwrap_or("unknown")),
            acc.keys[JUDGE].id(v(5)?.unwrap_or("unknown")),
            acc.keys[MONTH].id(&month(v(6)?)),
            acc.keys[MONITOR].id(if monitor.is_empty() {
                "unknown"
            } else {
                monitor
            }),
        ]);
        // Columns 7… are HEARING_FIELDS.
        let f = |field: Hf| r.get_ref(7 + field as usize).map(text);
        let held = f(Hf::Held)?;
        let took = is_in(held, TOOK_PLACE);
        let tags = v(7 + HEARING_FIELDS.len())?;
        let gbv = tags.is_some_and(|t| split_multi(t).any(|t| GBV_TAGS.contains(&t)));

        acc.hearings.add(d, true);
        if let Some(h) = held {
            acc.hearing_held.add([h]);
            acc.took_place.add(d, took);
            acc.did_not_take_place
                .add(d, is_in(held, DID_NOT_TAKE_PLACE));
            let postponed = is_in(held, POSTPONED);
            acc.postponed.add(d, postponed);
            if let Some(reasons) = f(Hf::Reasons)?.filter(|_| postponed) {
                acc.postponement_reasons.add(split_multi(reasons));
            }
        }

        // Timeliness.
        if took
            && let (Some(s), Some(a)) = (
                f(Hf::Scheduled)?.and_then(minutes),
                f(Hf::Actual)?.and_then(minutes),
            )
        {
            let delay = (a - s).max(0);
            acc.late
                .add(d, delay > i64::from(settings.late_after_minutes));
            acc.delays.push(delay);
        }
        let outcome = f(Hf::Outcome)?.filter(|_| took);
        if outcome == Some(VERDICT_PRONOUNCED)
            && let (Some(first), Some(this)) = (
                v(8 + HEARING_FIELDS.len())?.and_then(date),
                v(6)?.and_then(date),
            )
        {
            acc.days_to_verdict.push((this - first).num_days().max(0));
        }

        // Openness.
        if took && let Some(pa) = f(Hf::Access)? {
            acc.public_access.add([pa]);
            let closed = CLOSED.contains(&pa);
            acc.closed.add(d, closed);
            acc.closed_entire.add(d, pa == CLOSED_ENTIRE);
            acc.closed_partly.add(d, pa == CLOSED_PARTLY);
            if closed {
                if let Some(reasoned) = f(Hf::Reasoned)? {
                    acc.closure_reasoned.add(d, reasoned == YES);
                }
                if let Some(ground) = f(Hf::Ground)? {
                    acc.closure_ground.add([ground]);
                }
            }
        }
        if took && let Some(loc) = f(Hf::Location)? {
            acc.location.add([loc]);
            acc.outside_courtroom.add(d, loc != COURTROOM);
        }
        if let Some(access) = f(Hf::MonitorAccess)? {
            acc.monitor_access.add(split_multi(access));
            acc.access_incident
                .add(d, split_multi(access).any(|c| c != NO_ACCESS_ISSUE));
        }
        if let Some(denied) = f(Hf::RelativesDenied)? {
            acc.relatives_denied.add(d, denied == YES);
        }

        // Outcomes.
        if outcome == Some(VERDICT_PRONOUNCED) {
            if let Some(public) = f(Hf::VerdictPublic)? {
                acc.verdict_public.add(d, public == YES);
            }
            if let Some(verdict) = f(Hf::Verdict)? {
                acc.verdicts.add([verdict]);
                let convicted = CONVICTIONS.contains(&verdict);
                acc.convictions.add(d, convicted);
                if convicted && let Some(st) = f(Hf::SentenceType)? {
                    acc.sentence_types.add([st]);
                    let years = r.get_ref(7 + Hf::Years as usize).map(number)?;
                    let months = r.get_ref(7 + Hf::Months as usize).map(number)?;
                    if st == IMPRISONMENT && (years.is_some() || months.is_some()) {
                        let total = years.unwrap_or(0.0) * 12.0 + months.unwrap_or(0.0);
                        acc.prison_terms_months.push(total.round() as i64);
                    }
                }
            }
        }
        if outcome == Some(PREVENTIVE_MEASURE_DECIDED)
            && let Some(decision) = f(Hf::Decision)?
        {
            acc.detention_decisions.add([decision]);
            acc.detention.add(d, DETENTION.contains(&decision));
        }

        // GBV and data quality.
        if gbv && took {
            acc.gbv_hearings.add(d, true);
        }
        let status = v(3)?.unwrap_or("unknown");
        acc.status.add([status]);
        acc.reviewed.add(d, status == "reviewed");
        if let Some(later) = f(Hf::EnteredAfter)? {
            acc.entered_after.add(d, later == YES);
        }

        hearings.insert(
            uuid,
            HearingInfo {
                dims: d,
                took_place: took,
                gbv,
            },
        );
    }
    drop(rows);
    drop(stmt);
    acc.cases = cases.len() as u64;

    // Parties of the selected cases.
    let spec = store.spec();
    let mut sexes = Interner::default();
    let mut parties: HashMap<Uuid, PartyInfo> = HashMap::default();
    let sql = format!(
        "SELECT p.uuid, p.case_uuid, {} FROM parties p INDEXED BY parties_stats",
        extracts("p", &PARTY_FIELDS)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut rows = stmt.query([]).map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let v = |i: usize| r.get_ref(i).map(text);
        let Ok(case) = parse_uuid(v(1)?.unwrap_or("")) else {
            continue;
        };
        if !cases.contains(&case) {
            continue;
        }
        let role = match v(2)? {
            Some(DEFENDANT) => Role::Defendant,
            Some(VICTIM) => Role::Victim,
            _ => Role::Other,
        };
        acc.defendants += u64::from(role == Role::Defendant);
        let age = r.get_ref(4).map(number)?;
        let minor = match (v(5)?, age) {
            (Some(YES), _) => Some(true),
            (_, Some(a)) => Some(a < 18.0),
            (Some(NO), None) => Some(false),
            _ => None,
        };
        let represented = v(6)?.map(|rep| REPRESENTED.contains(&rep));
        parties.insert(
            parse_uuid(v(0)?.unwrap_or(""))?,
            PartyInfo {
                role,
                sex: v(3)?.map(|s| sexes.id(s)),
                minor,
                represented,
            },
        );
    }
    drop(rows);
    drop(stmt);

    // Each person's situation at each selected hearing.
    let mut victims: HashMap<Uuid, VictimFlags> = HashMap::default();
    let sql = format!(
        "SELECT hp.hearing_uuid, hp.party_uuid, {} FROM hearing_parties hp INDEXED BY hearing_parties_stats",
        extracts("hp", &HEARING_PARTY_FIELDS)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut rows = stmt.query([]).map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let v = |i: usize| r.get_ref(i).map(text);
        let Some(hearing) = parse_uuid(v(0)?.unwrap_or(""))
            .ok()
            .and_then(|u| hearings.get(&u).map(|h| (u, *h)))
        else {
            continue;
        };
        let (hearing_uuid, h) = hearing;
        let d = h.dims;
        let party = parse_uuid(v(1)?.unwrap_or(""))
            .ok()
            .and_then(|u| parties.get(&u));
        let role = party.map_or(Role::Other, |p| p.role);
        // Columns 2… are HEARING_PARTY_FIELDS.
        let f = |field: Pf| r.get_ref(2 + field as usize).map(text);

        if let Some(interp) = f(Pf::Interpretation)? {
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

        if role == Role::Defendant && is_in(f(Pf::Attendance)?, PRESENT) {
            if let Some(pos) = f(Pf::Position)? {
                acc.position.add([pos]);
                if pos == POSITION_NOT_SEEN {
                    acc.caged.exclude(POSITION_NOT_SEEN);
                } else {
                    acc.caged.add(d, CAGED.contains(&pos));
                }
            }
            if let Some(res) = f(Pf::Restraints)? {
                acc.restraints.add([res]);
                if res == RESTRAINTS_UNKNOWN {
                    acc.restrained.exclude(RESTRAINTS_UNKNOWN);
                } else {
                    acc.restrained.add(d, RESTRAINED.contains(&res));
                }
            }
            if let Some(clothes) = f(Pf::PrisonClothing)? {
                acc.prison_clothing.add(d, clothes == YES);
            }
            let present = f(Pf::CounselPresent)?;
            if let Some(p) = present {
                acc.counsel_present.add(d, p == YES);
                acc.counsel_absent.add(d, p == NO);
                if f(Pf::Mandatory)? == Some(YES) {
                    acc.mandatory_gap.add(d, p == NO);
                }
            }
            if let Some(t) = f(Pf::CounselType)? {
                acc.counsel_type.add([t]);
            }
        }

        if role == Role::Victim && h.gbv && h.took_place {
            let flags = victims.entry(hearing_uuid).or_default();
            if let Some(rep) = party.and_then(|p| p.represented) {
                flags.representation_known = true;
                flags.represented |= rep;
            }
            if let Some(measures) = f(Pf::Measures)? {
                acc.protective_measures.add(split_multi(measures));
                acc.protective
                    .add(d, split_multi(measures).any(|m| m != NO_MEASURE));
                flags.closed_for_victim |=
                    split_multi(measures).any(|m| m == CLOSED_HEARING_MEASURE);
            }
        }
    }
    drop(rows);
    drop(stmt);
    for (uuid, h) in &hearings {
        if h.gbv && h.took_place {
            let flags = victims.get(uuid).copied().unwrap_or_default();
            if flags.representation_known {
                acc.victim_represented.add(h.dims, flags.represented);
            }
            acc.closed_for_victim.add(h.dims, flags.closed_for_victim);
        }
    }

    // Torture allegations raised at the selected hearings.
    let methods = spec.list("torture_method");
    let parent = |code: &str| -> String {
        methods
            .and_then(|l| l.get(code))
            .and_then(|c| c.parent.clone())
            .unwrap_or_else(|| code.to_owned())
    };
    let mut with_allegation: HashSet<Uuid> = HashSet::default();
    let mut alleging: HashSet<Uuid> = HashSet::default();
    let mut allegations: HashMap<Uuid, Dims> = HashMap::default();
    let sql = format!(
        "SELECT a.uuid, a.hearing_uuid, a.party_uuid, {} FROM allegations a INDEXED BY allegations_stats",
        extracts("a", &ALLEGATION_FIELDS)
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut rows = stmt.query([]).map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let v = |i: usize| r.get_ref(i).map(text);
        let Some((hearing_uuid, h)) = parse_uuid(v(1)?.unwrap_or(""))
            .ok()
            .and_then(|u| hearings.get(&u).map(|h| (u, *h)))
        else {
            continue;
        };
        let d = h.dims;
        acc.allegations.add(d, true);
        with_allegation.insert(hearing_uuid);
        allegations.insert(parse_uuid(v(0)?.unwrap_or(""))?, d);
        let person = v(2)?.and_then(|p| parse_uuid(p).ok());
        let info = person.and_then(|p| parties.get(&p));
        if let (Some(p), Some(info)) = (person, info)
            && info.role == Role::Defendant
        {
            alleging.insert(p);
        }
        acc.alleged_by_sex.add([info
            .and_then(|i| i.sex)
            .map_or("unknown", |s| sexes.name(s))]);
        if let Some(minor) = info.and_then(|i| i.minor) {
            acc.alleged_by_minor.add(d, minor);
        }
        let f = |i: usize| r.get_ref(3 + i).map(text);
        if let Some(agency) = f(0)? {
            acc.agency.add([agency]);
        }
        if let Some(m) = f(1)? {
            let parents: Vec<String> = split_multi(m).map(parent).collect();
            acc.methods.add(parents.iter().map(String::as_str));
        }
        if let Some(p) = f(2)? {
            acc.purposes.add(split_multi(p));
        }
        if let Some(reaction) = f(3)? {
            acc.judge_reaction.add(split_multi(reaction));
            let observed: Vec<&str> = split_multi(reaction)
                .filter(|c| *c != REACTION_NOT_OBSERVED)
                .collect();
            if observed.is_empty() {
                acc.judicial_reaction.exclude(REACTION_NOT_OBSERVED);
            } else {
                acc.judicial_reaction.add(
                    d,
                    observed.iter().any(|c| !NO_JUDICIAL_REACTION.contains(c)),
                );
            }
        }
        if let Some(exam) = f(4)? {
            acc.exam_ordered.add(d, exam == EXAM_ORDERED);
        }
        if let Some(decision) = f(5)? {
            acc.evidence_decision.add([decision]);
            if decision == EVIDENCE_UNKNOWN {
                acc.evidence_excluded.exclude(EVIDENCE_UNKNOWN);
            } else {
                acc.evidence_excluded.add(d, decision == EVIDENCE_EXCLUDED);
            }
        }
    }
    drop(rows);
    drop(stmt);
    acc.defendants_alleging = alleging.len() as u64;
    for (uuid, h) in &hearings {
        if h.took_place {
            acc.hearings_with_allegation
                .add(h.dims, with_allegation.contains(uuid));
        }
    }

    // What happened to those allegations later.
    let mut actions: HashMap<Uuid, Vec<String>> = HashMap::default();
    let mut stmt = conn
        .prepare(
            "SELECT f.allegation_uuid, json_extract(f.data, '$.followup_action') FROM followups f",
        )
        .map_err(sql_err)?;
    let mut rows = stmt.query([]).map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let Some(allegation) = r
            .get_ref(0)
            .map(text)?
            .and_then(|a| parse_uuid(a).ok())
            .filter(|a| allegations.contains_key(a))
        else {
            continue;
        };
        if let Some(action) = r.get_ref(1).map(text)? {
            actions
                .entry(allegation)
                .or_default()
                .push(action.to_owned());
        }
    }
    drop(rows);
    drop(stmt);
    for (uuid, d) in &allegations {
        let done = actions.get(uuid).map_or(&[][..], Vec::as_slice);
        acc.followup_actions.add(done.iter().map(String::as_str));
        acc.investigation_opened.add(
            *d,
            done.iter()
                .any(|a| INVESTIGATION_OPENED.contains(&a.as_str())),
        );
    }

    // Checklist answers, from the per-hearing tally.
    let mut item_index: HashMap<String, usize> = HashMap::default();
    for g in &spec.checklist.groups {
        for i in &g.items {
            item_index.insert(i.code.clone(), acc.items.len());
            acc.items.push((i.code.clone(), Share::default()));
        }
    }
    let mut stmt = conn
        .prepare("SELECT hearing_uuid, answers FROM checklist_tally")
        .map_err(sql_err)?;
    let mut rows = stmt.query([]).map_err(sql_err)?;
    while let Some(r) = rows.next().map_err(sql_err)? {
        let Some(h) = r
            .get_ref(0)
            .map(text)?
            .and_then(|u| parse_uuid(u).ok())
            .and_then(|u| hearings.get(&u))
        else {
            continue;
        };
        let d = h.dims;
        let Some(tokens) = r.get_ref(1).map(text)? else {
            continue;
        };
        let (mut answered, mut not_observed) = (0, 0);
        for token in tokens.split(' ') {
            let Some((code, answer)) = token
                .rsplit_once(':')
                .and_then(|(c, l)| Some((c, answer_of_letter(l)?)))
            else {
                continue;
            };
            let i = match item_index.get(code) {
                Some(&i) => i,
                None => {
                    item_index.insert(code.to_owned(), acc.items.len());
                    acc.items.push((code.to_owned(), Share::default()));
                    acc.items.len() - 1
                }
            };
            let share = &mut acc.items[i].1;
            match answer {
                NOT_OBSERVED => share.exclude(NOT_OBSERVED),
                NOT_APPLICABLE => share.exclude(NOT_APPLICABLE),
                a => share.add(d, a == NO || a == "partly"),
            }
            answered += 1;
            not_observed += u64::from(answer == NOT_OBSERVED);
        }
        acc.not_observed.add_n(d, not_observed, answered);
    }
    Ok(acc)
}

#[cfg(test)]
pub(super) mod testing {
    //! What the tests check against migration 0002.
    use super::{HEARING_FIELDS, HEARING_PARTY_FIELDS, Hf, Pf};

    /// Whether the `Hf` and `Pf` positions name the fields they are meant to.
    pub fn positions_agree() -> bool {
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

    pub const INDEXED: &[(&str, &[&str])] = &[
        ("hearings_stats", &super::HEARING_FIELDS),
        ("parties_stats", &super::PARTY_FIELDS),
        ("hearing_parties_stats", &super::HEARING_PARTY_FIELDS),
        ("cases_stats", &["case_tags"]),
        ("allegations_stats", &super::ALLEGATION_FIELDS),
    ];
}
