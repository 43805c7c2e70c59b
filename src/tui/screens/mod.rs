//! One module per screen. Each has its state, a key table declared once (footer and help come
//! from it), a `handle_key` that returns commands, `on_outcome` for results of its effects,
//! and a pure `render`.

pub mod add_court;
pub mod agenda;
pub mod allegations;
pub mod case;
pub mod case_picker;
pub mod checklist;
pub mod conflicts;
pub mod detail;
pub mod export;
pub mod first_run;
pub mod hearing;
pub mod hearing_list;
pub mod merge;
pub mod people;
pub mod same_trials;
pub mod settings;
pub mod statistics;
pub mod timeline;
pub mod unlock;

use chrono::{DateTime, FixedOffset};

use super::effect::Effect;
use super::widgets::form::FormCtx;
use crate::i18n::Texts;
use crate::spec::{Lang, Spec};

/// What screens read besides their own state.
pub struct Ctx<'a> {
    pub spec: &'a Spec,
    pub texts: &'a Texts,
    pub lang: Lang,
    pub now: DateTime<FixedOffset>,
    pub read_only: bool,
}

impl<'a> Ctx<'a> {
    pub fn form(&self) -> FormCtx<'a> {
        FormCtx {
            spec: self.spec,
            texts: self.texts,
            lang: self.lang,
            now: self.now,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.texts.t(self.lang, key)
    }
}

/// What a screen asks the app to do after a key.
#[derive(Debug)]
pub enum Cmd {
    Run(Effect),
    Pop,
    Quit,
    /// Open the help overlay.
    Help,
    /// Switch the interface to the next language (and remember it).
    CycleLang,
    /// Use this language (and remember it).
    SetLang(crate::spec::Lang),
    /// Lock after this many idle minutes (and remember it).
    SetLockMinutes(u64),
    /// Open the settings screen.
    OpenSettings,
    /// A message for the status line (a message key or a sentence), and whether it is an error.
    Status(String, bool),
    /// Open a screen over the current one.
    Push(Box<Screen>),
}

/// The screens of the stack.
#[derive(Debug)]
pub enum Screen {
    FirstRun(first_run::FirstRun),
    Unlock(unlock::Unlock),
    List(hearing_list::HearingList),
    Hearing(Box<hearing::HearingScreen>),
    Settings(settings::Settings),
    Detail(detail::HearingDetail),
    Statistics(statistics::Statistics),
    Export(Box<export::ExportScreen>),
    Merge(Box<merge::MergeScreen>),
    Conflicts(Box<conflicts::ConflictsScreen>),
    Case(Box<case::CaseScreen>),
    Agenda(agenda::AgendaScreen),
    CasePicker(case_picker::CasePicker),
    AddCourt(add_court::AddCourt),
    SameTrials(same_trials::SameTrials),
}
