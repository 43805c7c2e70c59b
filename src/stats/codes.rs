//! The codes the figures are defined by, in one place. Each constant names codes of one list
//! of `assets/lists/`; a test checks every one of them exists there.

/// `hearing_held`: the hearing took place (it was opened, even if then adjourned).
pub(super) const TOOK_PLACE: &[&str] = &["held", "adjourned_after_start"];
/// `hearing_held`: the hearing did not take place.
pub(super) const DID_NOT_TAKE_PLACE: &[&str] = &[
    "postponed_before_start",
    "cancelled",
    "did_not_take_place_unknown",
];
/// `hearing_held`: put off to another day, before or after it started (the values for which
/// the form asks the reasons).
pub(super) const POSTPONED: &[&str] = &[
    "postponed_before_start",
    "adjourned_after_start",
    "cancelled",
    "did_not_take_place_unknown",
];
/// `public_access`.
pub(super) const CLOSED: &[&str] = &["closed_entire", "closed_partly"];
pub(super) const CLOSED_ENTIRE: &str = "closed_entire";
pub(super) const CLOSED_PARTLY: &str = "closed_partly";
/// `monitor_access`.
pub(super) const NO_ACCESS_ISSUE: &str = "no_issue";
/// `location`.
pub(super) const COURTROOM: &str = "courtroom";
/// `session_outcome`.
pub(super) const VERDICT_PRONOUNCED: &str = "verdict_pronounced";
pub(super) const PREVENTIVE_MEASURE_DECIDED: &str = "preventive_measure_decided";
/// `verdict`: a conviction on at least one charge.
pub(super) const CONVICTIONS: &[&str] = &["conviction", "partial_acquittal"];
/// `sentence_type`.
pub(super) const IMPRISONMENT: &str = "imprisonment";
/// `preventive_measure_decision`: custody ordered or prolonged.
pub(super) const DETENTION: &[&str] = &["detention_ordered", "detention_extended"];
/// `attendance`: the person took part (a defendant appearance).
pub(super) const PRESENT: &[&str] = &["present_in_person", "video_link"];
/// `courtroom_position`.
pub(super) const CAGED: &[&str] = &["metal_cage", "glass_box"];
pub(super) const POSITION_NOT_SEEN: &str = "not_visible";
/// `restraints`.
pub(super) const RESTRAINED: &[&str] = &["handcuffed", "handcuffed_to_guard", "shackled"];
pub(super) const RESTRAINTS_UNKNOWN: &str = "unknown";
/// `interpretation`.
pub(super) const INTERPRETATION_NEEDED: &[&str] = &[
    "needed_provided_full",
    "needed_provided_partial_summary",
    "needed_not_provided",
];
pub(super) const INTERPRETATION_NONE: &str = "needed_not_provided";
pub(super) const INTERPRETATION_PARTIAL: &str = "needed_provided_partial_summary";
/// `judge_reaction`: codes that are no reaction by the judge. Any other code is a reaction.
pub(super) const NO_JUDICIAL_REACTION: &[&str] = &[
    "ignored",
    "dismissed_as_defence_tactic",
    "rebuked_or_threatened_defendant",
    "prosecutor_denied_without_check",
];
pub(super) const REACTION_NOT_OBSERVED: &str = "not_observed";
/// `exam_ordered`.
pub(super) const EXAM_ORDERED: &str = "yes";
/// `evidence_decision`.
pub(super) const EVIDENCE_EXCLUDED: &str = "excluded";
pub(super) const EVIDENCE_UNKNOWN: &str = "unknown";
/// `followup_action`: an investigation (a preliminary check or a criminal case) was opened,
/// or a later step shows one was.
pub(super) const INVESTIGATION_OPENED: &[&str] = &[
    "preliminary_check_opened",
    "criminal_case_opened_143_1",
    "officials_charged",
    "conviction",
];
/// `case_tag`: gender-based violence (the tags that open checklist group N).
pub(super) const GBV_TAGS: &[&str] = &["gbv_domestic_violence", "sexual_violence"];
/// `victim_representation`: represented by a lawyer.
pub(super) const REPRESENTED: &[&str] = &["lawyer_private", "legal_aid_center", "ngo_lawyer"];
/// `protective_measure`.
pub(super) const NO_MEASURE: &str = "none";
pub(super) const CLOSED_HEARING_MEASURE: &str = "closed_hearing";
/// `party_role`.
pub(super) const DEFENDANT: &str = "defendant";
pub(super) const VICTIM: &str = "victim";
/// `yes_no`.
pub(super) const YES: &str = "yes";
pub(super) const NO: &str = "no";
/// `answer`: the checklist answers left out of every checklist denominator.
pub(super) const NOT_OBSERVED: &str = "not_observed";
pub(super) const NOT_APPLICABLE: &str = "not_applicable";
/// Checklist items that measure GBV figures.
pub(super) const ITEM_STEREOTYPING: &str = "GBV-04";
pub(super) const ITEM_PRESSURE_TO_RECONCILE: &str = "GBV-05";

/// Every constant above with the list its codes belong to, for the test that they exist.
#[cfg(test)]
pub(super) const ALL: &[(&str, &[&str])] = &[
    ("hearing_held", TOOK_PLACE),
    ("hearing_held", DID_NOT_TAKE_PLACE),
    ("hearing_held", POSTPONED),
    ("public_access", CLOSED),
    ("public_access", &[CLOSED_ENTIRE, CLOSED_PARTLY]),
    ("monitor_access", &[NO_ACCESS_ISSUE]),
    ("location", &[COURTROOM]),
    (
        "session_outcome",
        &[VERDICT_PRONOUNCED, PREVENTIVE_MEASURE_DECIDED],
    ),
    ("verdict", CONVICTIONS),
    ("sentence_type", &[IMPRISONMENT]),
    ("preventive_measure_decision", DETENTION),
    ("attendance", PRESENT),
    ("courtroom_position", CAGED),
    ("courtroom_position", &[POSITION_NOT_SEEN]),
    ("restraints", RESTRAINED),
    ("restraints", &[RESTRAINTS_UNKNOWN]),
    ("interpretation", INTERPRETATION_NEEDED),
    (
        "interpretation",
        &[INTERPRETATION_NONE, INTERPRETATION_PARTIAL],
    ),
    ("judge_reaction", NO_JUDICIAL_REACTION),
    ("judge_reaction", &[REACTION_NOT_OBSERVED]),
    ("exam_ordered", &[EXAM_ORDERED]),
    ("evidence_decision", &[EVIDENCE_EXCLUDED, EVIDENCE_UNKNOWN]),
    ("followup_action", INVESTIGATION_OPENED),
    ("case_tag", GBV_TAGS),
    ("victim_representation", REPRESENTED),
    ("protective_measure", &[NO_MEASURE, CLOSED_HEARING_MEASURE]),
    ("party_role", &[DEFENDANT, VICTIM]),
    ("yes_no", &[YES, NO]),
    ("answer", &[NOT_OBSERVED, NOT_APPLICABLE]),
];

/// The letter a checklist answer has in `checklist_tally` (migration 0003), as the tally loop
/// of `collect` reads it.
#[cfg(test)]
pub(super) fn answer_of_letter(letter: &str) -> Option<&'static str> {
    Some(match letter {
        "y" => "yes",
        "n" => "no",
        "p" => "partly",
        "o" => NOT_OBSERVED,
        "x" => NOT_APPLICABLE,
        _ => return None,
    })
}
