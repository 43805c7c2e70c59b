//! Realistic synthetic hearings for demonstrations and benchmarks, deterministic for a seed.
//!
//! The generator fills every form generically from `assets/` (so it never drifts from the
//! forms) and then shapes what matters for a believable picture: real courts and judges per
//! court, charges under real articles, cages and missing counsel at realistic rates, checklist
//! answers consistent with what was seen, torture allegations with the judge's (non-)reaction,
//! Russian and Tajik narratives, postponed and closed hearings. Hearings come as trials of 1
//! to 15 hearings weeks apart (stages in procedural order, the verdict at the last, the next
//! date announced at every other), some also recorded by a second monitor as a case record
//! of their own, so that joining has something to find.

use chrono::{Duration, NaiveDate, NaiveTime};
use fastrand::Rng;
use uuid::Uuid;

use crate::domain::{
    Allegation, Answer, Case, Charge, Consent, Entity, Event, Fields, Followup, Hearing,
    HearingParty, HearingRecord, Monitor, Party, Status, content_hash,
};
use crate::spec::{FieldKind, Spec};

/// 2025-01-01T00:00:00Z: the time part of the first demo hearing's ids.
const DEMO_EPOCH_MILLIS: u64 = 1_735_689_600_000;

const JUDGES: &[&str] = &[
    "Раҳимзода Ф.С.",
    "Саидов А.Н.",
    "Назарова М.Ҳ.",
    "Қодиров Ҷ.Б.",
    "Шарипов Б.Т.",
    "Ҳакимова Н.Р.",
    "Мирзоев Р.А.",
    "Давлатов С.К.",
    "Исмоилов Д.М.",
    "Холова Г.Ш.",
    "Ғафуров У.И.",
    "Юсупова З.А.",
    "Каримов О.Ф.",
    "Абдуллоев Т.Ҳ.",
    "Сафаров Э.Р.",
    "Бобоева Д.Н.",
    "Нуриддинов П.С.",
    "Олимов Ҳ.Ҷ.",
    "Зокирова Ф.М.",
    "Ашуров М.Қ.",
];

const NAMES: &[&str] = &[
    "Алиев Фаррух",
    "Ҷӯраев Бахтиёр",
    "Сафарова Мадина",
    "Назаров Шерзод",
    "Қурбонов Умед",
    "Раҳимова Гулноза",
    "Ҳусейнов Далер",
    "Юсуфов Исмоил",
    "Каримова Зарина",
    "Давлатов Сино",
    "Шарифов Комрон",
    "Ғуломов Фирдавс",
];

/// Articles of the Criminal Code with plausible parts and paragraphs, and a category code.
const ARTICLES: &[(&str, &[&str], &str, u32)] = &[
    ("186", &["1", "2"], "theft_robbery", 14),
    ("244", &["2", "3"], "theft_robbery", 12),
    ("247", &["2", "3", "4"], "fraud", 10),
    ("200", &["1", "2"], "drugs", 12),
    ("237", &["1", "2"], "hooliganism", 8),
    ("111", &["1", "2"], "bodily_harm", 8),
    ("112", &["1"], "bodily_harm", 6),
    ("104", &["1", "2"], "murder", 5),
    ("307-1", &["1", "2"], "extremism", 5),
    ("307-2", &["1"], "extremism", 4),
    ("319", &["2", "3"], "corruption", 5),
    ("143-1", &["1", "2", "3"], "torture", 3),
    ("358", &["1"], "arbitrary_detention", 2),
    ("138", &["1", "2"], "sexual", 3),
    ("117", &["1"], "bodily_harm", 3),
];

const NARRATIVE_RU: &[&str] = &[
    "Заседание началось с опозданием; секретарь не объяснила причину задержки.",
    "Судья огласил состав суда и разъяснил право на отвод.",
    "Подсудимый заявил, что признательные показания дал под давлением сотрудников милиции и после избиения.",
    "Адвокат ходатайствовал о проведении судебно-медицинской экспертизы; судья отклонил ходатайство без объяснения причин.",
    "Прокурор зачитал обвинительное заключение на таджикском языке; перевод на русский не предоставлялся.",
    "Родственников подсудимого не пустили в зал, сославшись на нехватку мест.",
    "Подсудимый находился в металлической клетке в наручниках, конвой не отходил от него.",
    "Свидетель обвинения не явился, суд огласил его показания, данные на следствии.",
    "Судья несколько раз прерывал защитника и делал ему замечания.",
    "Заседание отложено, так как конвой не доставил подсудимого из СИЗО.",
    "Потерпевшая сообщила, что родственники мужа уговаривали её забрать заявление.",
    "Мониторам не разрешили пользоваться ноутбуком, записи велись от руки.",
    "Защитник заявил, что не получил доступа к материалам дела до начала слушаний.",
    "Приговор оглашён публично, право на обжалование разъяснено.",
];

const NARRATIVE_TG: &[&str] = &[
    "Ҷаласаи судӣ бо таъхир оғоз шуд; котиб сабаби таъхирро шарҳ надод.",
    "Судя ҳайати судро эълон кард ва ҳуқуқи радкуниро фаҳмонд.",
    "Судшаванда изҳор дошт, ки иқрорро зери фишор ва пас аз латукӯби кормандони милитсия додааст.",
    "Ҳимоятгар дар бораи гузаронидани ташхиси тиббии судӣ дархост кард; судя онро бе асоснок рад кард.",
    "Айбномаро прокурор ба забони тоҷикӣ хонд; тарҷумон пешниҳод нашуд.",
    "Хешовандони судшавандаро ба толор роҳ надоданд, бо баҳонаи набудани ҷой.",
    "Судшаванда дар қафаси оҳанин бо завлона нигоҳ дошта мешуд.",
    "Шоҳиди айбдоркунӣ ҳозир нашуд ва суд нишондодҳои ӯро аз тафтишот хонд.",
    "Судя якчанд маротиба суханони ҳимоятгарро бурид.",
    "Ҷаласа мавқуф гузошта шуд, зеро конвой судшавандаро аз тавқифгоҳ наовард.",
    "Ҷабрдида гуфт, ки хешовандони шавҳараш ӯро водор мекарданд аризаашро бозпас гирад.",
    "Шикояти шиканҷа дар суд садо дод, аммо судя ба он аҳамият надод.",
];

const COMMENTS: &[&str] = &[
    "Подсудимый находился в металлической клетке на протяжении всего заседания.",
    "Судья не разъяснил право не свидетельствовать против себя.",
    "Защитник отсутствовал, заседание проведено без него.",
    "Ходатайство защиты отклонено без мотивировки.",
    "Перевод был кратким пересказом, а не полным переводом.",
    "Судшаванда дар қафас буд; ҳимоятгар бо ӯ сӯҳбат карда натавонист.",
    "Судя ҳуқуқи хомӯш монданро шарҳ надод.",
    "Ба мониторҳо иҷозати сабт кардан дода нашуд.",
    "Слова судьи указывали на предрешённость исхода дела.",
    "Родственников не пустили в зал без объяснения причин.",
];

const NOTES: &[&str] = &[
    "Судья вышел из зала на 10 минут.",
    "Конвой заменил охрану.",
    "Адвокат подал письменное ходатайство.",
    "Судшаванда аз шиканҷа шикоят кард.",
    "Публику попросили покинуть зал.",
    "",
    "",
];

/// Generates `count` hearings for the given monitors, as trials of 1 to 15 hearings weeks
/// apart; the same seed always gives the same hearings (ids included).
pub struct Generator<'a> {
    spec: &'a Spec,
    rng: Rng,
    monitors: Vec<Monitor>,
    count: u64,
    remaining: u64,
    serial: u64,
    /// Trials with a hearing still to come.
    open: Vec<Trial>,
}

/// A trial being generated: what stays the same across its hearings.
struct Trial {
    case_uuid: Uuid,
    case: Fields,
    parties: Vec<Party>,
    charges: Vec<Charge>,
    consents: Vec<Consent>,
    defendants: usize,
    court: String,
    judge: String,
    monitor: Monitor,
    /// Hearings it will have (one more for each postponed last hearing).
    length: u32,
    /// Hearings generated so far.
    sittings: u32,
    /// The date its next hearing was announced for.
    due: NaiveDate,
    twin: Option<Box<Twin>>,
}

/// The same trial recorded by a second monitor as a case record of their own: the same case
/// fields, its own ids.
struct Twin {
    monitor: Monitor,
    case_uuid: Uuid,
    parties: Vec<Party>,
    charges: Vec<Charge>,
    consents: Vec<Consent>,
}

impl<'a> Generator<'a> {
    pub fn new(spec: &'a Spec, seed: u64, count: u64, monitors: Vec<Monitor>) -> Self {
        Generator {
            spec,
            rng: Rng::with_seed(seed),
            monitors,
            count,
            remaining: count,
            serial: 0,
            open: Vec::new(),
        }
    }

    /// A UUIDv7 whose time part grows with each hearing, as ids made on a laptop do; this
    /// also keeps the database's indexes append-mostly while loading.
    fn id(&mut self) -> Uuid {
        let mut bytes = [0u8; 10];
        self.rng.fill(&mut bytes);
        let millis = DEMO_EPOCH_MILLIS + self.serial * 1000;
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    fn pick<'s, T>(&mut self, items: &'s [T]) -> &'s T {
        &items[self.rng.usize(..items.len())]
    }

    fn weighted<'s>(&mut self, items: &[(&'s str, u32)]) -> &'s str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.rng.u32(..total.max(1));
        for (v, w) in items {
            if n < *w {
                return v;
            }
            n -= w;
        }
        items[0].0
    }

    fn sentences(&mut self, n: usize) -> String {
        let pool = if self.chance(0.5) {
            NARRATIVE_RU
        } else {
            NARRATIVE_TG
        };
        (0..n)
            .map(|_| *self.pick(pool))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Fills the fields of a record from its form: required ones always, optional ones half the
    /// time, respecting relevance against `above` (the records above it). Values already set
    /// stay; values that are not relevant are removed.
    fn fill(&mut self, entity: Entity, fields: &mut Fields, above: &[&Fields], date: NaiveDate) {
        let spec = self.spec;
        let Some(form) = spec.form(entity.name()) else {
            return;
        };
        for pass in 0..2 {
            for f in form.fields() {
                let relevant = spec.relevant(f.when.as_ref(), |id| {
                    fields
                        .get(id)
                        .or_else(|| above.iter().find_map(|a| a.get(id)))
                        .map(String::as_str)
                });
                if !relevant {
                    fields.remove(&f.id);
                    continue;
                }
                // Optional free text stays empty unless it is a note (never a made-up number).
                let optional_text = !f.required
                    && matches!(f.kind(), FieldKind::Text)
                    && !f.searchable
                    && !f.restricted;
                if fields.contains_key(&f.id) || optional_text || !(f.required || self.chance(0.4))
                {
                    continue;
                }
                let value = match f.kind() {
                    FieldKind::Choice | FieldKind::MultiChoice => {
                        let list = f.list.as_deref().unwrap_or("");
                        let codes = spec.codes(list);
                        if codes.is_empty() {
                            continue;
                        }
                        let n = if f.kind() == FieldKind::MultiChoice && self.chance(0.3) {
                            2
                        } else {
                            1
                        };
                        let mut picked: Vec<String> = Vec::new();
                        for _ in 0..n {
                            let c = (*self.pick(&codes)).to_owned();
                            if !picked.contains(&c) {
                                picked.push(c);
                            }
                        }
                        picked.join("|")
                    }
                    FieldKind::Date => (date - Duration::days(self.rng.i64(0..120)))
                        .format("%Y-%m-%d")
                        .to_string(),
                    FieldKind::Time => {
                        format!("{:02}:{:02}", self.rng.u32(9..17), self.rng.u32(0..4) * 15)
                    }
                    FieldKind::Number => self.rng.u32(1..20).to_string(),
                    FieldKind::LongText => self.sentences(2),
                    FieldKind::Text if f.restricted => self.pick(NAMES).to_string(),
                    // A required note is not left empty after the last pass (a final
                    // record must pass finalising, and merge checks that it does); no extra
                    // draw, so every other value stays as the seed gives it.
                    FieldKind::Text => match *self.pick(NOTES) {
                        "" if f.required && pass == 1 => NOTES[0].to_string(),
                        note => note.to_string(),
                    },
                };
                if !value.is_empty() {
                    fields.insert(f.id.clone(), value);
                }
            }
        }
    }

    /// The next hearing: of a trial whose announced date has come, or the first of a new one.
    fn hearing(&mut self) -> HearingRecord {
        self.serial += 1;
        // Hearings come in date order (a day or two apart at most), as monitors record them and
        // batches carry them; this also keeps the list's indexes append-mostly while loading.
        let day = i64::try_from((self.serial - 1) * 685 / self.count.max(1)).unwrap_or(0);
        let today = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default()
            + Duration::days(day + self.rng.i64(0..2));
        let due = (0..self.open.len())
            .filter(|&i| self.open[i].due <= today)
            .min_by_key(|&i| self.open[i].due);
        let mut trial = match due {
            Some(i) => self.open.swap_remove(i),
            None => self.new_trial(today),
        };
        // The hearing is on the date the last one announced.
        let date = if trial.sittings == 0 {
            today
        } else {
            trial.due
        };
        let record = self.sitting(&mut trial, date);
        if trial.sittings < trial.length {
            self.open.push(trial);
        }
        record
    }

    /// A new trial: its case, court and judge, its people and charges, how many hearings it
    /// will have, and whether a second monitor records some of them as a case of their own.
    fn new_trial(&mut self, date: NaiveDate) -> Trial {
        let spec = self.spec;
        let monitor = self.pick(&self.monitors.clone()).clone();
        let case_uuid = self.id();
        let court_index = self.rng.usize(..spec.courts.len().max(1));
        let court = spec
            .courts
            .get(court_index)
            .map(|c| c.code.clone())
            .unwrap_or_default();
        let judge = JUDGES[(court_index * 3 + self.rng.usize(..3)) % JUDGES.len()].to_owned();
        // The case.
        let mut case = Fields::new();
        let case_type = self.weighted(&[
            ("criminal", 80),
            ("civil_family", 8),
            ("administrative_offence", 6),
            ("pretrial_judicial_control", 6),
        ]);
        case.insert("case_type".into(), case_type.into());
        let numbered = self.chance(0.8);
        if numbered {
            case.insert(
                "court_case_number".into(),
                format!("1-{}/{}", self.rng.u32(10..990), date.format("%y")),
            );
        }
        let mut tags = Vec::new();
        for (tag, p) in [
            ("torture_or_ill_treatment_alleged", 0.1),
            ("gbv_domestic_violence", 0.08),
            ("juvenile_defendant", 0.05),
            ("extremism_terrorism", 0.07),
            ("drugs", 0.1),
        ] {
            if self.chance(p) {
                tags.push(tag);
            }
        }
        if !tags.is_empty() {
            case.insert("case_tags".into(), tags.join("|"));
        }
        case.insert(
            "confidentiality_level".into(),
            self.weighted(&[("internal", 70), ("public", 20), ("restricted", 10)])
                .into(),
        );
        self.fill(Entity::Case, &mut case, &[], date);
        if !numbered {
            // A fifth of the cases have no court number yet, not a note in its place (the
            // number is searchable free text, which the fill gives a note).
            case.remove("court_case_number");
        }

        // People: one to three defendants, sometimes a victim; charges and consents.
        let defendants = 1 + usize::from(self.chance(0.3)) + usize::from(self.chance(0.1));
        let (parties, charges, consents) = self.people(case_uuid, &case, defendants, date);
        // Most trials are short; some run for months (1 to 15 hearings).
        let length = *self.pick(&[1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15]);
        // A few long trials are also attended by a second monitor, who records the hearings
        // they attend as a case of their own: the records a lead joins.
        let twin = if length >= 3 && self.monitors.len() > 1 && self.chance(0.1) {
            let other = self
                .monitors
                .iter()
                .find(|m| m.uuid != monitor.uuid)
                .cloned()
                .unwrap_or_else(|| monitor.clone());
            let twin_case = self.id();
            let (p, c, k) = self.people(twin_case, &case, defendants, date);
            Some(Box::new(Twin {
                monitor: other,
                case_uuid: twin_case,
                parties: p,
                charges: c,
                consents: k,
            }))
        } else {
            None
        };
        Trial {
            case_uuid,
            case,
            parties,
            charges,
            consents,
            defendants,
            court,
            judge,
            monitor,
            length,
            sittings: 0,
            due: date,
            twin,
        }
    }

    /// The people of a case (defendants `D1`…, sometimes a victim `V1`), each defendant's
    /// charge and, for some, consents.
    fn people(
        &mut self,
        case_uuid: Uuid,
        case: &Fields,
        defendants: usize,
        date: NaiveDate,
    ) -> (Vec<Party>, Vec<Charge>, Vec<Consent>) {
        let mut parties = Vec::new();
        let mut charges = Vec::new();
        let mut consents = Vec::new();
        let juvenile = case
            .get("case_tags")
            .is_some_and(|t| t.contains("juvenile"));
        for d in 1..=defendants {
            let uuid = self.id();
            let mut p = Fields::new();
            p.insert("role".into(), "defendant".into());
            p.insert("display_code".into(), format!("D{d}"));
            p.insert(
                "sex".into(),
                if self.chance(0.9) { "m" } else { "f" }.into(),
            );
            p.insert(
                "age".into(),
                if juvenile {
                    self.rng.u32(14..18)
                } else {
                    self.rng.u32(19..60)
                }
                .to_string(),
            );
            self.fill(Entity::Party, &mut p, &[case], date);
            let (article, parts, category, _) = *self.pick(ARTICLES);
            let mut c = Fields::new();
            c.insert("legal_code".into(), "criminal_code".into());
            c.insert("article".into(), article.into());
            c.insert("part".into(), (*self.pick(parts)).into());
            if self.chance(0.5) {
                c.insert(
                    "paragraph".into(),
                    (*self.pick(&["а", "б", "в", "г"])).into(),
                );
            }
            c.insert("charge_category".into(), category.into());
            self.fill(Entity::Charge, &mut c, &[], date);
            charges.push(Charge {
                uuid: self.id(),
                party_uuid: uuid,
                fields: c,
            });
            if self.chance(0.3) {
                let mut cf = Fields::new();
                self.fill(Entity::Consent, &mut cf, &[], date);
                consents.push(Consent {
                    uuid: self.id(),
                    party_uuid: uuid,
                    fields: cf,
                });
            }
            parties.push(Party {
                uuid,
                case_uuid,
                fields: p,
            });
        }
        if self.chance(0.35) {
            let uuid = self.id();
            let mut p = Fields::new();
            p.insert("role".into(), "victim".into());
            p.insert("display_code".into(), "V1".into());
            self.fill(Entity::Party, &mut p, &[case], date);
            parties.push(Party {
                uuid,
                case_uuid,
                fields: p,
            });
        }
        (parties, charges, consents)
    }

    /// A defendant's situation at one hearing: attendance, place, restraints and counsel.
    fn situation(&mut self, hp: &mut Fields, is_held: bool) {
        hp.insert(
            "attendance".into(),
            if is_held {
                self.weighted(&[
                    ("present_in_person", 90),
                    ("video_link", 5),
                    ("absent_not_delivered", 5),
                ])
            } else {
                "absent_not_delivered"
            }
            .into(),
        );
        hp.insert(
            "courtroom_position".into(),
            self.weighted(&[
                ("metal_cage", 55),
                ("glass_box", 10),
                ("open_dock_bench", 25),
                ("beside_counsel", 10),
            ])
            .into(),
        );
        hp.insert(
            "restraints".into(),
            self.weighted(&[
                ("none", 60),
                ("handcuffed", 30),
                ("handcuffed_to_guard", 10),
            ])
            .into(),
        );
        let counsel = self.weighted(&[
            ("retained_private", 40),
            ("state_appointed", 35),
            ("state_legal_aid_center", 10),
            ("ngo_lag_lawyer", 5),
            ("none", 10),
        ]);
        hp.insert("counsel_type".into(), counsel.into());
        hp.insert(
            "counsel_present".into(),
            if counsel != "none" && self.chance(0.9) {
                "yes"
            } else {
                "no"
            }
            .into(),
        );
    }

    /// One hearing of `trial` on `date`: stages in procedural order, postponements with
    /// reasons (a postponed hearing adds one to the trial), the verdict only at the last
    /// hearing, the next date announced at every other.
    fn sitting(&mut self, trial: &mut Trial, date: NaiveDate) -> HearingRecord {
        let spec = self.spec;
        trial.sittings += 1;
        // At a trial with a second monitor, about half the hearings are theirs.
        let by_twin = trial.twin.is_some() && self.chance(0.5);
        let (monitor, case_uuid, parties, charges, consents) = match (&trial.twin, by_twin) {
            (Some(t), true) => (
                t.monitor.clone(),
                t.case_uuid,
                t.parties.clone(),
                t.charges.clone(),
                t.consents.clone(),
            ),
            _ => (
                trial.monitor.clone(),
                trial.case_uuid,
                trial.parties.clone(),
                trial.charges.clone(),
                trial.consents.clone(),
            ),
        };
        let case = trial.case.clone();
        let defendants = trial.defendants;
        let hearing_uuid = self.id();
        let court = trial.court.clone();
        let stamp =
            |t: NaiveTime| format!("{}T{}+05:00", date.format("%Y-%m-%d"), t.format("%H:%M:%S"));
        let last = trial.sittings >= trial.length;

        // The hearing.
        let mut h = Fields::new();
        h.insert("court".into(), court.clone());
        h.insert("judge_name".into(), trial.judge.clone());
        h.insert("hearing_date".into(), date.format("%Y-%m-%d").to_string());
        let held = self.weighted(&[
            ("held", 80),
            ("postponed_before_start", 12),
            ("adjourned_after_start", 5),
            ("cancelled", 3),
        ]);
        h.insert("hearing_held".into(), held.into());
        let is_held = matches!(held, "held" | "adjourned_after_start");
        let scheduled = NaiveTime::from_hms_opt(self.rng.u32(9..16), self.rng.u32(0..2) * 30, 0)
            .unwrap_or_default();
        let late = if self.chance(0.35) {
            self.rng.i64(31..150)
        } else {
            self.rng.i64(0..25)
        };
        let start = scheduled + Duration::minutes(late);
        let end = start + Duration::minutes(self.rng.i64(15..180));
        h.insert(
            "scheduled_start_time".into(),
            scheduled.format("%H:%M").to_string(),
        );
        if is_held {
            h.insert(
                "actual_start_time".into(),
                start.format("%H:%M").to_string(),
            );
            h.insert("end_time".into(), end.format("%H:%M").to_string());
            let access = self.weighted(&[
                ("open", 78),
                ("closed_entire", 8),
                ("closed_partly", 5),
                ("open_but_restricted", 9),
            ]);
            h.insert("public_access".into(), access.into());
            h.insert(
                "monitor_access".into(),
                self.weighted(&[
                    ("no_issue", 60),
                    ("pass_or_letter_required", 12),
                    ("id_recorded", 8),
                    ("note_taking_forbidden", 6),
                    ("could_not_hear", 8),
                    ("warned_not_to_publish", 2),
                    ("denied_courtroom_entry", 4),
                ])
                .into(),
            );
            let outcome = if last {
                "verdict_pronounced"
            } else if trial.sittings == 1 && self.chance(0.4) {
                "preventive_measure_decided"
            } else {
                self.weighted(&[("evidence_examined", 60), ("procedural_only", 40)])
            };
            h.insert("session_outcome".into(), outcome.into());
            if outcome == "verdict_pronounced" {
                let verdict = self.weighted(&[
                    ("conviction", 94),
                    ("terminated_reconciliation", 3),
                    ("acquittal", 1),
                    ("returned_for_additional_investigation", 2),
                ]);
                h.insert("verdict".into(), verdict.into());
                h.insert("sentence_years".into(), self.rng.u32(1..15).to_string());
            }
        } else {
            h.insert(
                "postponement_reason".into(),
                self.weighted(&[
                    ("defendant_not_delivered", 30),
                    ("defence_counsel_absent", 20),
                    ("prosecutor_absent", 15),
                    ("witness_absent", 15),
                    ("no_reason_announced", 20),
                ])
                .into(),
            );
        }
        // Stages in procedural order: opening, examination of evidence, debates, verdict.
        let stage = if last && is_held {
            "verdict_pronouncement"
        } else if trial.sittings == 1 {
            self.weighted(&[
                ("trial_opening", 50),
                ("pretrial_detention_sanction", 25),
                ("preliminary_hearing", 15),
                ("second_instance_hearing", 10),
            ])
        } else if trial.sittings + 1 >= trial.length && trial.length > 2 {
            "trial_debates"
        } else {
            "trial_judicial_investigation"
        };
        if !is_held && last && trial.length < 15 {
            // Postponed: the verdict comes at a hearing more (a trial that reached fifteen
            // hearings ends here, its monitoring closed without a verdict).
            trial.length += 1;
        }
        if trial.sittings < trial.length {
            trial.due = date + Duration::days(self.rng.i64(7..43));
            h.insert(
                "next_hearing_date".into(),
                trial.due.format("%Y-%m-%d").to_string(),
            );
        }
        h.insert("stages".into(), stage.into());
        let sentences = 2 + self.rng.usize(..3);
        h.insert("narrative".into(), self.sentences(sentences));
        h.insert(
            "follow_up_needed".into(),
            if self.chance(0.15) { "yes" } else { "no" }.into(),
        );
        self.fill(Entity::Hearing, &mut h, &[&case], date);
        if trial.sittings < trial.length {
            // The fill may have dropped or changed it: the announced date is the trial's.
            h.insert(
                "next_hearing_date".into(),
                trial.due.format("%Y-%m-%d").to_string(),
            );
        } else {
            h.remove("next_hearing_date");
        }

        // Each person's situation at this hearing, observed anew.
        let mut hearing_parties = Vec::new();
        for p in &parties {
            let mut hp = Fields::new();
            if p.fields.get("role").map(String::as_str) == Some("defendant") {
                self.situation(&mut hp, is_held);
            }
            self.fill(Entity::HearingParty, &mut hp, &[&p.fields, &h], date);
            hearing_parties.push(HearingParty {
                uuid: self.id(),
                hearing_uuid,
                party_uuid: p.uuid,
                fields: hp,
            });
        }

        // The checklist, for hearings that took place.
        let mut answers = Vec::new();
        let mut timeline = Vec::new();
        let mut allegations = Vec::new();
        let mut followups = Vec::new();
        if is_held {
            let layers = [&h, &case];
            let items: Vec<_> = spec
                .checklist
                .items()
                .filter(|(g, i)| {
                    let v = |id: &str| layers.iter().find_map(|l| l.get(id)).map(String::as_str);
                    spec.relevant(g.when.as_ref(), v) && spec.relevant(i.when.as_ref(), v)
                })
                .map(|(_, i)| (i.code.clone(), i.per_defendant))
                .collect();
            for (code, per_defendant) in items {
                let whom: Vec<Option<usize>> = if per_defendant {
                    (0..defendants).map(Some).collect()
                } else {
                    vec![None]
                };
                for d in whom {
                    if self.chance(0.15) {
                        continue; // not answered
                    }
                    let seen = d.map(|i| &hearing_parties[i].fields);
                    let forced = match (code.as_str(), seen) {
                        ("INN-01", Some(hp)) => Some(
                            if matches!(
                                hp.get("courtroom_position").map(String::as_str),
                                Some("metal_cage" | "glass_box")
                            ) {
                                "no"
                            } else {
                                "yes"
                            },
                        ),
                        ("INN-02", Some(hp)) => {
                            Some(if hp.get("restraints").is_some_and(|r| r != "none") {
                                "no"
                            } else {
                                "yes"
                            })
                        }
                        ("CNS-01", Some(hp)) => {
                            Some(if hp.get("counsel_present").is_some_and(|c| c == "yes") {
                                "yes"
                            } else {
                                "no"
                            })
                        }
                        _ => None,
                    };
                    let answer = forced.unwrap_or_else(|| {
                        self.weighted(&[
                            ("yes", 68),
                            ("no", 13),
                            ("partly", 6),
                            ("not_observed", 8),
                            ("not_applicable", 5),
                        ])
                    });
                    let comment = if matches!(answer, "no" | "partly") {
                        self.pick(COMMENTS).to_string()
                    } else {
                        String::new()
                    };
                    answers.push(Answer {
                        uuid: self.id(),
                        hearing_uuid,
                        item_code: code.clone(),
                        party_uuid: d.map(|i| parties[i].uuid),
                        answer: answer.into(),
                        comment,
                    });
                }
            }

            // The timeline.
            let mut t = start;
            timeline.push(Event {
                uuid: self.id(),
                hearing_uuid,
                at: stamp(t),
                code: "hearing_opened".into(),
                note: String::new(),
            });
            let events = spec.codes("timeline_event");
            for _ in 0..self.rng.usize(1..5) {
                t += Duration::minutes(self.rng.i64(3..25));
                if t >= end {
                    break;
                }
                let code = (*self.pick(&events)).to_owned();
                let note = self.pick(NOTES).to_string();
                timeline.push(Event {
                    uuid: self.id(),
                    hearing_uuid,
                    at: stamp(t),
                    code,
                    note,
                });
            }

            // Torture allegations raised in court.
            for (i, party) in parties.iter().enumerate().take(defendants) {
                if !self.chance(0.09) {
                    continue;
                }
                let uuid = self.id();
                let mut a = Fields::new();
                a.insert("alleged_by_role".into(), "defendant".into());
                a.insert("purposes".into(), "confession".into());
                a.insert(
                    "methods".into(),
                    self.weighted(&[
                        ("beating", 50),
                        ("threats", 15),
                        ("psychological", 10),
                        ("electric_shock", 8),
                        ("unspecified_beaten_or_pressured", 17),
                    ])
                    .into(),
                );
                a.insert(
                    "judge_reaction".into(),
                    self.weighted(&[
                        ("ignored", 45),
                        ("noted_in_record_only", 25),
                        ("told_to_file_separate_complaint", 10),
                        ("ordered_medical_exam", 8),
                        ("referred_to_prosecutor_for_check", 7),
                        ("dismissed_as_defence_tactic", 5),
                    ])
                    .into(),
                );
                a.insert(
                    "evidence_decision".into(),
                    self.weighted(&[
                        ("admitted_without_examination", 50),
                        ("not_yet_decided", 30),
                        ("admitted_after_examination", 15),
                        ("excluded", 5),
                    ])
                    .into(),
                );
                a.insert("allegation_narrative".into(), self.sentences(2));
                self.fill(Entity::Allegation, &mut a, &[&h, &case], date);
                if self.chance(0.3) {
                    let mut f = Fields::new();
                    self.fill(Entity::Followup, &mut f, &[], date);
                    followups.push(Followup {
                        uuid: self.id(),
                        allegation_uuid: uuid,
                        fields: f,
                    });
                }
                let at = stamp(start + Duration::minutes(self.rng.i64(5..30)));
                timeline.push(Event {
                    uuid: self.id(),
                    hearing_uuid,
                    at,
                    code: "torture_alleged".into(),
                    note: party
                        .fields
                        .get("display_code")
                        .map_or("", String::as_str)
                        .to_string(),
                });
                allegations.push(Allegation {
                    uuid,
                    hearing_uuid,
                    party_uuid: Some(parties[i].uuid),
                    fields: a,
                });
            }
            if events.contains(&"hearing_closed") {
                timeline.push(Event {
                    uuid: self.id(),
                    hearing_uuid,
                    at: stamp(end),
                    code: "hearing_closed".into(),
                    note: String::new(),
                });
            }
        }

        let status = if self.chance(0.85) {
            Status::Final
        } else {
            Status::Draft
        };
        let at = stamp(NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default());
        let form_versions = spec
            .versions()
            .iter()
            .map(|(f, v)| format!("{f}={v}"))
            .collect::<Vec<_>>()
            .join("|");
        let mut record = HearingRecord {
            case: Case {
                uuid: case_uuid,
                fields: case,
            },
            hearing: Hearing {
                uuid: hearing_uuid,
                case_uuid,
                monitor_uuid: monitor.uuid,
                status,
                version: u32::from(status == Status::Final),
                content_hash: String::new(),
                parent_hash: String::new(),
                ancestors: Vec::new(),
                sealed: status == Status::Final,
                form_versions,
                created_at: at.clone(),
                updated_at: at,
                fields: h,
            },
            parties,
            hearing_parties,
            charges,
            answers,
            allegations,
            followups,
            timeline,
            consents,
            audit: Vec::new(),
        };
        record.normalise();
        if status == Status::Final {
            record.hearing.content_hash = content_hash(&record);
        }
        record
    }
}

impl Iterator for Generator<'_> {
    type Item = HearingRecord;

    fn next(&mut self) -> Option<HearingRecord> {
        if self.remaining == 0 || self.monitors.is_empty() {
            return None;
        }
        self.remaining -= 1;
        Some(self.hearing())
    }
}

/// Demo monitors besides the database's own: codes M90, M91, … with invented names, their ids
/// derived from the seed so repeated runs agree.
pub fn demo_monitors(seed: u64, count: usize) -> Vec<Monitor> {
    let mut rng = Rng::with_seed(seed ^ 0x6d6f_6e69_746f_7273);
    let names = [
        "Нилуфар С.",
        "Фирӯз Ҳ.",
        "Гулчеҳра А.",
        "Рустам Қ.",
        "Мавҷуда Н.",
        "Шаҳло Р.",
        "Дилшод Б.",
    ];
    (0..count)
        .map(|i| {
            let mut bytes = [0u8; 16];
            rng.fill(&mut bytes);
            Monitor {
                uuid: uuid::Builder::from_random_bytes(bytes).into_uuid(),
                code: format!("M{}", 90 + i),
                name: names[i % names.len()].into(),
                org: "Demo".into(),
            }
        })
        .collect()
}
