//! Form definitions: the forms, checklist, code lists and courts of `assets/`, loaded into typed
//! values, checked (see [`check`]), and asked about relevance and labels.
//!
//! Nothing here knows about storage or screens; one generic engine in `tui` renders these and
//! one generic exporter in `exchange` writes them.

mod check;

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;

pub use check::check;

/// A language of the user interface and of every label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
    Tg,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Tg];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Tg => "tg",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "tg" => Some(Lang::Tg),
            _ => None,
        }
    }

    /// The language of a POSIX locale string such as `ru_RU.UTF-8`; English otherwise.
    pub(crate) fn from_locale(locale: &str) -> Lang {
        Lang::parse(locale.get(..2).unwrap_or("")).unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in the three languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub tg: String,
}

impl Text {
    /// The text in `lang`; when it has none there, the first it has of English, Russian and
    /// Tajik (a court a monitor added may be named in one language only).
    pub fn get(&self, lang: Lang) -> &str {
        let s = match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
            Lang::Tg => &self.tg,
        };
        [s, &self.en, &self.ru, &self.tg]
            .into_iter()
            .find(|t| !t.is_empty())
            .map_or("", String::as_str)
    }

    fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|&l| match l {
                Lang::En => self.en.trim().is_empty(),
                Lang::Ru => self.ru.trim().is_empty(),
                Lang::Tg => self.tg.trim().is_empty(),
            })
            .collect()
    }
}

/// What a field holds, which decides how it is edited, validated and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Text,
    LongText,
    Date,
    Time,
    Number,
    Choice,
    MultiChoice,
}

impl FieldKind {
    pub fn parse(s: &str) -> Option<FieldKind> {
        Some(match s {
            "text" => FieldKind::Text,
            "long_text" => FieldKind::LongText,
            "date" => FieldKind::Date,
            "time" => FieldKind::Time,
            "number" => FieldKind::Number,
            "choice" => FieldKind::Choice,
            "multi_choice" => FieldKind::MultiChoice,
            _ => return None,
        })
    }

    pub(crate) fn is_coded(self) -> bool {
        matches!(self, FieldKind::Choice | FieldKind::MultiChoice)
    }
}

/// "Only while `field` holds one of `any_of`."
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub any_of: Vec<String>,
}

impl Condition {
    /// Whether the condition holds, given the value of its field (multi-choice values are
    /// codes joined by `|`).
    pub fn holds(&self, value: Option<&str>) -> bool {
        value.is_some_and(|v| split_multi(v).any(|code| self.any_of.iter().any(|c| c == code)))
    }
}

/// The codes of a multi-choice value, which is stored and exported as `a|b|c`.
pub(crate) fn split_multi(value: &str) -> impl Iterator<Item = &str> {
    value.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// One field of a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "kind")]
    pub kind_name: String,
    #[serde(default)]
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub list: Option<String>,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default)]
    pub searchable: bool,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub retired: bool,
    /// `kind_name` parsed once when the spec is assembled.
    #[serde(skip)]
    parsed_kind: Option<FieldKind>,
}

impl Field {
    /// The kind; a loaded spec has passed [`check`], so an unknown kind cannot reach here, but
    /// plain text is the harmless answer if it ever did.
    pub fn kind(&self) -> FieldKind {
        self.parsed_kind
            .or_else(|| FieldKind::parse(&self.kind_name))
            .unwrap_or(FieldKind::Text)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(default)]
    pub label: Text,
    #[serde(default)]
    pub fields: Vec<Field>,
}

/// One form file: the fields of one kind of record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub form: String,
    pub version: u32,
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl Form {
    /// Fields that are still in use, in form order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter(|f| !f.retired)
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub code: String,
    #[serde(default)]
    pub per_defendant: bool,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub question: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub retired: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistGroup {
    pub id: String,
    #[serde(default)]
    pub label: Text,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub version: u32,
    #[serde(default)]
    pub groups: Vec<ChecklistGroup>,
}

impl Checklist {
    /// Items still in use, with their group, in checklist order.
    pub fn items(&self) -> impl Iterator<Item = (&ChecklistGroup, &ChecklistItem)> {
        self.groups
            .iter()
            .flat_map(|g| g.items.iter().filter(|i| !i.retired).map(move |i| (g, i)))
    }

    pub fn item(&self, code: &str) -> Option<(&ChecklistGroup, &ChecklistItem)> {
        self.items().find(|(_, i)| i.code == code)
    }
}

/// One code of a code list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    #[serde(skip)]
    pub code: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub tg: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub retired: bool,
    /// Set by courtwatch itself, never offered as a choice (a stamp not named yet).
    #[serde(default)]
    pub automatic: bool,
}

impl Code {
    pub fn label(&self, lang: Lang) -> &str {
        let s = match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
            Lang::Tg => &self.tg,
        };
        if s.is_empty() { &self.en } else { s }
    }

    fn text(&self) -> Text {
        Text {
            en: self.en.clone(),
            ru: self.ru.clone(),
            tg: self.tg.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CodeList {
    pub id: String,
    pub codes: Vec<Code>,
}

impl CodeList {
    pub fn get(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// Codes a monitor may still choose.
    pub(crate) fn active(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|c| !c.retired && !c.automatic)
    }
}

/// A court: shipped in `assets/courts.toml`, or added by a monitor (`added` is set then).
/// [`Spec::courts`] holds both; the store adds its user's courts when it opens
/// ([`Spec::with_courts`]), so forms, filters, statistics and batches read one list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Court {
    pub code: String,
    pub level: String,
    /// A code of the `region` list; empty for a court abroad (then `country` names it).
    pub region: String,
    /// The country, when the court is not in Tajikistan; empty otherwise.
    #[serde(default)]
    pub country: String,
    /// The name as given: a court a monitor added may be named in one language only
    /// ([`Text::get`] falls back to another).
    #[serde(default)]
    pub name: Text,
    /// Who added it and when; `None` for a shipped court.
    #[serde(skip)]
    pub added: Option<Added>,
}

/// Who added a court, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The monitor's uuid.
    pub by: String,
    /// RFC 3339 with offset.
    pub at: String,
}

impl Court {
    /// Whether a monitor added it (it is not shipped).
    pub(crate) fn is_user(&self) -> bool {
        self.added.is_some()
    }
}

/// How the code of a court a monitor adds starts; shipped codes never do.
pub(crate) const USER_COURT_PREFIX: &str = "user_";

/// Most characters of a court's name or country.
pub(crate) const COURT_TEXT_MAX: usize = 200;

#[derive(Debug, Deserialize)]
struct CourtsFile {
    courts: Vec<Court>,
}

/// The name of the code list that [`Spec::list`] fills from the courts file.
pub const COURT_LIST: &str = "court";

/// All form definitions, loaded and checked.
#[derive(Debug, Clone)]
pub struct Spec {
    pub forms: Vec<Form>,
    pub checklist: Checklist,
    pub lists: Vec<CodeList>,
    pub courts: Vec<Court>,
    field_index: HashMap<String, (usize, usize, usize)>,
}

/// The embedded asset files, by name.
pub(crate) const ASSETS: &[(&str, &str)] = &[
    (
        "forms/case.toml",
        include_str!("../../assets/forms/case.toml"),
    ),
    (
        "forms/hearing.toml",
        include_str!("../../assets/forms/hearing.toml"),
    ),
    (
        "forms/party.toml",
        include_str!("../../assets/forms/party.toml"),
    ),
    (
        "forms/hearing_party.toml",
        include_str!("../../assets/forms/hearing_party.toml"),
    ),
    (
        "forms/charge.toml",
        include_str!("../../assets/forms/charge.toml"),
    ),
    (
        "forms/allegation.toml",
        include_str!("../../assets/forms/allegation.toml"),
    ),
    (
        "forms/followup.toml",
        include_str!("../../assets/forms/followup.toml"),
    ),
    (
        "forms/consent.toml",
        include_str!("../../assets/forms/consent.toml"),
    ),
    (
        "forms/checklist.toml",
        include_str!("../../assets/forms/checklist.toml"),
    ),
    (
        "lists/common.toml",
        include_str!("../../assets/lists/common.toml"),
    ),
    (
        "lists/hearing.toml",
        include_str!("../../assets/lists/hearing.toml"),
    ),
    (
        "lists/party.toml",
        include_str!("../../assets/lists/party.toml"),
    ),
    (
        "lists/allegation.toml",
        include_str!("../../assets/lists/allegation.toml"),
    ),
    ("courts.toml", include_str!("../../assets/courts.toml")),
];

impl Spec {
    /// The definitions built into this binary. Fails with every problem found, never only the
    /// first.
    pub fn builtin() -> Result<Spec, Vec<String>> {
        Spec::from_files(ASSETS.iter().copied())
    }

    /// Parses and checks a set of asset files given as `(name, text)`; names follow `ASSETS`.
    pub(crate) fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Spec, Vec<String>> {
        let mut problems = Vec::new();
        let mut forms = Vec::new();
        let mut checklist = None;
        let mut lists = Vec::new();
        let mut courts = Vec::new();
        for (name, text) in files {
            let parsed = match name {
                "forms/checklist.toml" => {
                    toml::from_str::<Checklist>(text).map(|c| checklist = Some(c))
                }
                n if n.starts_with("lists/") => parse_lists(text).map(|l| lists.extend(l)),
                "courts.toml" => toml::from_str::<CourtsFile>(text).map(|c| courts = c.courts),
                _ => toml::from_str::<Form>(text).map(|f| forms.push(f)),
            };
            if let Err(e) = parsed {
                problems.push(format!("{name}: {}", e.to_string().trim_end()));
            }
        }
        let checklist = checklist.unwrap_or_else(|| {
            problems.push("forms/checklist.toml: missing".into());
            Checklist {
                version: 0,
                groups: Vec::new(),
            }
        });
        let spec = Spec::assemble(forms, checklist, lists, courts);
        problems.extend(check(&spec));
        if problems.is_empty() {
            Ok(spec)
        } else {
            Err(problems)
        }
    }

    pub(crate) fn assemble(
        forms: Vec<Form>,
        checklist: Checklist,
        lists: Vec<CodeList>,
        courts: Vec<Court>,
    ) -> Spec {
        let mut field_index = HashMap::new();
        for (fi, form) in forms.iter().enumerate() {
            for (si, section) in form.sections.iter().enumerate() {
                for (ii, field) in section.fields.iter().enumerate() {
                    field_index.entry(field.id.clone()).or_insert((fi, si, ii));
                }
            }
        }
        Spec {
            forms,
            checklist,
            lists,
            courts,
            field_index,
        }
    }

    pub fn form(&self, name: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.form == name)
    }

    /// A field by its id, which is unique across all forms, with the form it belongs to.
    pub fn field(&self, id: &str) -> Option<(&Form, &Field)> {
        let &(fi, si, ii) = self.field_index.get(id)?;
        let form = &self.forms[fi];
        Some((form, &form.sections[si].fields[ii]))
    }

    pub fn list(&self, id: &str) -> Option<&CodeList> {
        self.lists.iter().find(|l| l.id == id)
    }

    pub fn court(&self, code: &str) -> Option<&Court> {
        self.courts.iter().find(|c| c.code == code)
    }

    /// This spec with `courts` (courts a monitor added) after the shipped ones; a court whose
    /// code is here already is left out (its caller checked they are the same court).
    pub(crate) fn with_courts(&self, courts: &[Court]) -> Spec {
        let mut spec = self.clone();
        for c in courts {
            if spec.court(&c.code).is_none() {
                spec.courts.push(c.clone());
            }
        }
        spec
    }

    /// Why `court` cannot be a court a monitor added, in plain words; `None` when it can.
    /// Shared by the store (adding one) and the batch reader (receiving one).
    pub fn user_court_problem(&self, court: &Court) -> Option<crate::i18n::Msg> {
        use crate::msg;
        let code_ok = court
            .code
            .strip_prefix(USER_COURT_PREFIX)
            .is_some_and(|rest| {
                !rest.is_empty()
                    && rest.len() <= 32
                    && rest
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            });
        let names = [&court.name.en, &court.name.ru, &court.name.tg];
        let bad_text = |t: &str| {
            t.chars().count() > COURT_TEXT_MAX || t.chars().any(char::is_control) || t.trim() != t
        };
        if !code_ok {
            Some(msg!(
                "batch-court-bad-code",
                code = format!("{:?}", court.code),
                prefix = USER_COURT_PREFIX
            ))
        } else if names.iter().all(|n| n.is_empty()) {
            Some(msg!("batch-court-no-name"))
        } else if names.iter().chain([&&court.country]).any(|t| bad_text(t)) {
            Some(msg!(
                "batch-court-bad-text",
                max = COURT_TEXT_MAX.to_string()
            ))
        } else if !self.code_exists("court_level", &court.level) {
            Some(msg!(
                "batch-court-unknown-level",
                level = format!("{:?}", court.level)
            ))
        } else if !court.region.is_empty() && !self.code_exists("region", &court.region) {
            Some(msg!(
                "batch-court-unknown-region",
                region = format!("{:?}", court.region)
            ))
        } else if court.region.is_empty() && court.country.is_empty() {
            Some(msg!("batch-court-no-place"))
        } else {
            None
        }
    }

    /// The label of `code` in list `list` (courts included), or the code itself when unknown.
    pub fn code_label<'a>(&'a self, list: &str, code: &'a str, lang: Lang) -> &'a str {
        if list == COURT_LIST {
            return self.court(code).map_or(code, |c| c.name.get(lang));
        }
        self.list(list)
            .and_then(|l| l.get(code))
            .map_or(code, |c| c.label(lang))
    }

    /// The codes a choice field offers: its code list, or the courts.
    pub(crate) fn choices(&self, list: &str) -> Vec<(String, Text)> {
        if list == COURT_LIST {
            return self
                .courts
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .collect();
        }
        self.list(list)
            .map(|l| l.active().map(|c| (c.code.clone(), c.text())).collect())
            .unwrap_or_default()
    }

    /// A field's value as a person reads it: code labels in `lang` (multi-choice joined by
    /// commas), other values as stored.
    pub fn display(&self, field: &Field, value: &str, lang: Lang) -> String {
        match (field.kind(), field.list.as_deref()) {
            (FieldKind::Choice, Some(list)) => self.code_label(list, value, lang).to_owned(),
            (FieldKind::MultiChoice, Some(list)) => split_multi(value)
                .map(|c| self.code_label(list, c, lang))
                .collect::<Vec<_>>()
                .join(", "),
            _ => value.to_owned(),
        }
    }

    /// The codes a choice field offers, borrowed (no labels).
    pub fn codes(&self, list: &str) -> Vec<&str> {
        if list == COURT_LIST {
            return self.courts.iter().map(|c| c.code.as_str()).collect();
        }
        self.list(list)
            .map(|l| l.active().map(|c| c.code.as_str()).collect())
            .unwrap_or_default()
    }

    /// Whether `code` is valid for the field's list (courts included).
    pub fn code_exists(&self, list: &str, code: &str) -> bool {
        if list == COURT_LIST {
            self.court(code).is_some()
        } else {
            self.list(list).is_some_and(|l| l.get(code).is_some())
        }
    }

    /// The court codes of a region, for the `--region` filter.
    pub(crate) fn courts_in_region(&self, region: &str) -> Vec<&str> {
        self.courts
            .iter()
            .filter(|c| c.region == region)
            .map(|c| c.code.as_str())
            .collect()
    }

    /// Whether the `when` condition holds, looking values up with `value_of(field_id)`.
    pub(crate) fn relevant<'v>(
        &self,
        when: Option<&Condition>,
        value_of: impl Fn(&str) -> Option<&'v str>,
    ) -> bool {
        when.is_none_or(|c| c.holds(value_of(&c.field)))
    }

    /// Form versions as `name=version` pairs, for records and manifests.
    pub fn versions(&self) -> Vec<(String, u32)> {
        let mut v: Vec<_> = self
            .forms
            .iter()
            .map(|f| (f.form.clone(), f.version))
            .collect();
        v.push(("checklist".into(), self.checklist.version));
        v
    }
}

fn parse_lists(text: &str) -> Result<Vec<CodeList>, toml::de::Error> {
    #[derive(Deserialize)]
    struct File {
        lists: toml::Table,
    }
    let file: File = toml::from_str(text)?;
    let mut lists = Vec::new();
    for (id, table) in file.lists {
        let table: toml::Table = table.try_into()?;
        let mut codes = Vec::new();
        for (code, entry) in table {
            let mut c: Code = entry.try_into()?;
            c.code = code;
            codes.push(c);
        }
        lists.push(CodeList { id, codes });
    }
    Ok(lists)
}

#[cfg(test)]
mod tests;
