//! Input a monitor can trust (issue 15): no key records a value the monitor did not choose,
//! command keys work under Russian and Tajik layouts, choice lists search every language.
//! Each test names the defect it pins; each failed before its fix.

use courtwatch::domain::HearingRecord;
use courtwatch::spec::Lang;

use super::tui::Harness;

fn only(h: &Harness) -> HearingRecord {
    let store = h.store();
    let ids = store.hearing_ids(&Default::default()).expect("ids");
    assert_eq!(ids.len(), 1, "exactly one hearing expected");
    store.load_hearing(ids[0]).expect("load")
}

/// The row the terminal cursor is on.
fn cursor_line(screen: &str) -> String {
    let row: usize = screen
        .lines()
        .last()
        .and_then(|c| c.rsplit(',').next())
        .and_then(|r| r.trim().parse().ok())
        .expect("cursor row");
    screen.lines().nth(row).unwrap_or("").to_owned()
}

/// Presses Tab until the cursor is on the field labelled `label` (the whole label: it is
/// followed by the gap before the value).
fn focus(h: &mut Harness, label: &str) {
    let padded = format!("{label}  ");
    for _ in 0..60 {
        if cursor_line(&h.screen()).contains(&padded) {
            return;
        }
        h.keys("<Tab>");
    }
    panic!("{label} never focused:\n{}", h.screen());
}

/// Opens the first final hearing of a demo list.
fn open_final(h: &mut Harness) {
    h.keys("<Enter>");
    for _ in 0..5 {
        if h.screen().contains("final v1") {
            return;
        }
        h.keys("<Esc><Down><Enter>");
    }
    panic!("no final hearing:\n{}", h.screen());
}

/// Defect 1: People → Restraints → `Enter ↓ Space Enter` saved "No restraints" instead of
/// "Handcuffed" (Space went into the list's hidden filter and moved the highlight).
#[test]
fn space_in_a_single_choice_list_does_not_change_the_answer() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("n<F3><C-a>");
    focus(&mut h, "Restraints in the courtroom");
    h.keys("<Enter><Down><Space><Enter>");
    let r = only(&h);
    assert_eq!(
        r.hearing_parties[0]
            .fields
            .get("restraints")
            .map(String::as_str),
        Some("handcuffed")
    );
}

/// Defect 2: the reason prompt opened half a second after the first change of a final record
/// and took the typing meant for the field. Now it opens before the change is applied; the
/// change waits for the reason, and Esc drops it.
#[test]
fn a_final_record_asks_why_before_its_first_change_and_esc_changes_nothing() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 3);
    open_final(&mut h);
    let before = h.screen();
    h.keys("X");
    let screen = h.screen();
    assert!(
        screen.contains("Editing a final record"),
        "asked at once: {screen}"
    );
    h.session.tick(0);
    let store = h.store();
    let ids = store.hearing_ids(&Default::default()).expect("ids");
    assert!(
        ids.iter()
            .all(|i| store.load_hearing(*i).expect("load").hearing.version < 2),
        "nothing is saved before the reason is given"
    );
    h.keys("<Esc>");
    let after = h.screen();
    assert!(after.contains("Nothing was changed"), "{after}");
    assert_eq!(
        after.lines().skip(1).take(20).collect::<Vec<_>>(),
        before.lines().skip(1).take(20).collect::<Vec<_>>(),
        "the key that asked was not applied"
    );

    // Asked again; Enter without a reason does nothing; a reason applies the change.
    h.keys("Y<Enter>");
    assert!(h.screen().contains("Editing a final record"));
    h.keys("typo in the case number<Enter>");
    assert!(!h.screen().contains("Editing a final record"));
    h.session.tick(0);
    let store = h.store();
    let edited = store
        .hearing_ids(&Default::default())
        .expect("ids")
        .into_iter()
        .map(|i| store.load_hearing(i).expect("load"))
        .find(|r| r.hearing.version == 2)
        .expect("the change is saved once the reason is given");
    assert_eq!(edited.audit.len(), 1);
    assert_eq!(edited.audit[0].reason, "typo in the case number");
    assert!(
        edited.audit[0].new_value.ends_with('Y'),
        "the key that asked is the change made: {:?}",
        edited.audit[0]
    );
}

/// Defect 3: Ctrl-T saved a "Note" event at once and Esc kept it as "Note". Now the stamp
/// is saved unnamed and shown as such; Esc leaves it unnamed.
#[test]
fn ctrl_t_stamps_an_unnamed_event_that_esc_leaves_unnamed() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n<C-t>");
    let t = only(&h).timeline;
    assert_eq!(t.len(), 1, "the time is saved at once");
    assert_eq!(t[0].code, "unnamed");
    let dialog = h.screen();
    assert!(dialog.contains("Stamped at"), "{dialog}");
    h.keys("<Enter>");
    assert_eq!(
        only(&h).timeline[0].code,
        "unnamed",
        "Enter with nothing chosen names nothing"
    );
    h.keys("<F6><Enter><Esc>");
    assert_eq!(only(&h).timeline[0].code, "unnamed");
    insta::assert_snapshot!("timeline_unnamed_stamp", h.screen());
}

/// Defect 5: command keys did nothing under a Russian or Tajik layout. A Cyrillic letter on
/// the key of a command letter does what that letter does, outside text fields; inside
/// them, it is text.
#[test]
fn checklist_answers_with_cyrillic_letters_and_text_fields_keep_them() {
    let mut h = Harness::first_run(100, 30, Lang::Ru);
    h.create_profile().keys("nСуд<F4>н");
    let r = only(&h);
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("Суд"),
        "in a text field the letters are text"
    );
    assert_eq!(r.answers.len(), 1);
    assert_eq!(r.answers[0].answer, "yes", "н is on the y key");
    // ҳ (Tajik, on the o key): not observed.
    h.keys("ҳ");
    let r = only(&h);
    assert!(r.answers.iter().any(|a| a.answer == "not_observed"));
}

/// Defect 6: choice lists searched only the interface language; a court's Russian name in
/// English, or `х` typed for `ҳ` in Tajik, found nothing.
#[test]
fn choice_lists_search_every_language_and_fold_tajik_letters() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("n");
    focus(&mut h, "Type of case");
    h.keys("<Enter>уголов<Enter>");
    assert_eq!(
        only(&h).case.fields.get("case_type").map(String::as_str),
        Some("criminal"),
        "a Russian label found in English"
    );
    // "Шоҳмансури" is only in the court's Tajik name; typed with х for ҳ.
    focus(&mut h, "Court");
    h.keys("<Enter>шохмансури<Enter>");
    assert_eq!(
        only(&h).hearing.fields.get("court").map(String::as_str),
        Some("dushanbe_shohmansur")
    );
}

/// Ctrl-C asks before quitting (in raw mode it is a key, not a signal); `n` stays.
#[test]
fn ctrl_c_asks_before_quitting() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n1-5/26<C-c>");
    assert!(h.screen().contains("Quit courtwatch?"), "{}", h.screen());
    h.keys("n");
    assert!(h.session.is_running());
    assert!(!h.screen().contains("Quit courtwatch?"));
    h.keys("<C-c>y");
    assert!(!h.session.is_running());
    assert_eq!(
        only(&h)
            .case
            .fields
            .get("court_case_number")
            .map(String::as_str),
        Some("1-5/26"),
        "what was typed is saved on the way out"
    );
}

/// The footer line of the screen.
fn footer(h: &mut Harness) -> String {
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)].to_owned()
}

/// Footers at 80 and 100 columns in every language, on the list and in a hearing: whatever
/// is cut, `F1 help` stays, and `q quit` on the list.
#[test]
fn footers_keep_help_and_quit_at_80_and_100_columns_in_every_language() {
    let mut out = String::new();
    for lang in [Lang::En, Lang::Ru, Lang::Tg] {
        for width in [80, 100] {
            let mut h = Harness::first_run(width, 24, lang);
            h.create_profile();
            let list = footer(&mut h);
            h.keys("n");
            let details = footer(&mut h);
            h.keys("<F4>");
            let checklist = footer(&mut h);
            for (screen, line) in [
                ("list", &list),
                ("details", &details),
                ("checklist", &checklist),
            ] {
                assert!(line.contains("F1 "), "{lang:?} {width} {screen}: {line}");
                out.push_str(&format!("{} {width} {screen:<9} {line}\n", lang.code()));
            }
            assert!(list.contains("q "), "{lang:?} {width}: {list}");
        }
    }
    insta::assert_snapshot!("footers", out);
}

/// A label longer than its column ends in "…", and labels widen with the terminal.
#[test]
fn a_cut_label_ends_in_an_ellipsis_and_labels_widen_with_the_terminal() {
    let mut h = Harness::first_run(80, 24, Lang::Tg);
    h.create_profile().keys("n<F3><C-a>");
    let screen = h.screen();
    assert!(screen.contains('…'), "{screen}");
    insta::assert_snapshot!("cut_label_tg_80", screen);
    h.resize(200, 24);
    let wide = h.screen();
    let cut = |s: &str| s.lines().filter(|l| l.contains('…')).count();
    assert!(
        cut(&wide) < cut(&screen),
        "fewer labels are cut at 200 columns:\n{wide}"
    );
}

/// Point 1: the focused widget sees a key before the workspace. A choice list has no use
/// for Ctrl-T, so it reaches the workspace and stamps the time (the list used to swallow
/// it: a monitor choosing from a list when something happened lost the moment); nothing
/// is chosen in the list by it.
#[test]
fn ctrl_t_stamps_the_time_from_inside_an_open_choice_list() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("n<F3><C-a>");
    focus(&mut h, "Restraints in the courtroom");
    h.keys("<Enter><Down><C-t>");
    let r = only(&h);
    assert_eq!(r.timeline.len(), 1, "the time is stamped:\n{}", h.screen());
    assert_eq!(r.timeline[0].code, "unnamed");
    assert_eq!(r.hearing_parties[0].fields.get("restraints"), None);
    // The stamp's dialog closes; the list is still open where it was.
    h.keys("<Esc><Enter>");
    assert_eq!(
        only(&h).hearing_parties[0]
            .fields
            .get("restraints")
            .map(String::as_str),
        Some("handcuffed")
    );
}

/// Point 1: what a widget owns is not taken by the workspace. Letters, `/` and Space typed
/// in a text field are text; Esc in a choice list closes the list, not the hearing; Esc
/// while typing a checklist comment ends the comment; F5 while typing it saves it and moves
/// on; Ctrl-T while typing it stamps.
#[test]
fn the_workspace_takes_only_the_keys_its_widgets_leave() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("nq y/n F");
    h.session.tick(0);
    assert_eq!(
        only(&h)
            .case
            .fields
            .get("court_case_number")
            .map(String::as_str),
        Some("q y/n F")
    );
    focus(&mut h, "Type of case");
    h.keys("<Enter><Esc>");
    assert!(
        h.screen().contains("F4 Checklist"),
        "still in the hearing:\n{}",
        h.screen()
    );
    h.keys("<F4>nwhy<Esc>");
    let screen = h.screen();
    assert!(
        screen.contains("F4 Checklist"),
        "Esc ended the comment only"
    );
    h.keys("<Down>nlate<C-t>");
    assert_eq!(only(&h).timeline.len(), 1, "Ctrl-T stamps while typing");
    h.keys("<Esc>more<F5>");
    h.session.tick(0);
    let r = only(&h);
    let comments: Vec<&str> = r.answers.iter().map(|a| a.comment.as_str()).collect();
    assert!(comments.contains(&"why"), "{comments:?}");
    assert!(comments.contains(&"latemore"), "{comments:?}");
    assert!(
        h.screen().contains("add allegation"),
        "F5 moved on:\n{}",
        h.screen()
    );
}

/// Issue 16: control characters typed or pasted into a text field (a terminal's escape
/// sequence, a C1 code) never reach the record, so they never reach a batch, which refuses
/// them. A narrative keeps its line breaks and tabs.
#[test]
fn control_characters_never_enter_typed_text() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("n");
    h.session
        .paste("1-\u{1b}]0;owned\u{7}\u{1b}[2J77\u{85}/26\t!");
    // A key event carrying a C1 control (CSI) as if it were a letter.
    h.keys("\u{9b}<Tab>");
    h.session.tick(0);
    let r = only(&h);
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-]0;owned[2J77/26!")
    );
    // The narrative, empty: its label alone on the cursor's row.
    for _ in 0..60 {
        if cursor_line(&h.screen())
            .trim_end()
            .ends_with("What happened")
        {
            break;
        }
        h.keys("<Tab>");
    }
    h.session.paste("a\tb\nc\u{1b}d\u{7f}");
    h.keys("<Tab>");
    h.session.tick(0);
    let narrative = only(&h).hearing.fields.get("narrative").cloned();
    assert_eq!(narrative.as_deref(), Some("a\tb\ncd"));
}

/// Defect 8: the search prompt was drawn over the count and legend line, and what was typed
/// ran into the legend's end (`Search: пытк A allegation · …`). It has a line of its own.
#[test]
fn the_search_prompt_has_a_line_of_its_own() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 3);
    h.keys("/пытк");
    let screen = h.screen();
    let prompt = screen
        .lines()
        .find(|l| l.starts_with("Search:"))
        .unwrap_or_else(|| panic!("no prompt:\n{screen}"));
    assert_eq!(prompt.trim_end(), "Search: пытк", "{screen}");
    assert!(
        screen.lines().any(|l| l.starts_with("3 hearings")),
        "the count stays:\n{screen}"
    );
}

/// Defect 8: the case-number column cut a 14-character number to 12 at 100 columns while
/// the court column had room; now it fits its longest number, and a cut court name ends
/// in "…".
#[test]
fn the_case_number_column_fits_its_numbers() {
    let mut h = Harness::first_run(100, 24, Lang::En);
    h.create_profile().keys("n1-1234/2026-ab<Esc>");
    let screen = h.screen();
    assert!(screen.contains("1-1234/2026-ab"), "{screen}");
    h.resize(60, 18);
    let narrow = h.screen();
    let row = narrow
        .lines()
        .find(|l| l.contains("Draft") || l.contains("draft"))
        .unwrap_or_else(|| panic!("{narrow}"));
    assert!(row.contains("1-1234/2026-ab"), "{narrow}");
}

/// Defect 8: no key cleared a field, and the merge folder was not remembered. Ctrl-U
/// clears the folder field; the folder typed is where the next merge of the session looks.
#[test]
fn ctrl_u_clears_a_field_and_the_merge_folder_is_remembered() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 1);
    let usb = tempfile::tempdir().expect("tempdir");
    let typed = usb.path().display().to_string();
    h.keys("m<C-u>");
    h.keys(&typed);
    h.keys("<Enter>");
    assert!(
        h.screen().contains(&typed),
        "the typed folder replaced the old one:\n{}",
        h.screen()
    );
    h.keys("<Esc>");
    h.keys("m");
    assert!(
        h.screen().contains(&typed),
        "the next merge looks there again:\n{}",
        h.screen()
    );
}

/// On a final record before its reason is given, keys that only move (tabs, fields, items,
/// records) are applied directly instead of being tried on a copy of the screen: they
/// never ask for a reason, and the first change still does.
#[test]
fn on_a_final_record_moving_never_asks_and_a_change_still_does() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 3);
    open_final(&mut h);
    h.keys("<Tab><Down><S-Tab><Up><F3><PgDn><PgUp><Tab><F4><Down><Down><Tab><F6><Down><F2>");
    assert!(
        !h.screen().contains("Editing a final record"),
        "{}",
        h.screen()
    );
    h.keys("<F4>y");
    assert!(
        h.screen().contains("Editing a final record"),
        "{}",
        h.screen()
    );
}

/// The lines of the screen's body (between the title and the status line).
fn body(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[1..lines.len().saturating_sub(4)]
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}

/// Issue 15: the merge report moved with keys of its own — ↓ scrolled on past the report's
/// end (the view stayed, and as many ↑ were needed to come back), and Home/End did nothing.
/// It moves with the shared navigation table now, which stops at the report's last line.
#[test]
fn the_merge_report_moves_with_the_shared_navigation_keys() {
    let (mut h, batch, _) = super::tui_exchange::lead_with_a_batch(60, 16);
    super::tui_exchange::damaged_copy(&batch);
    h.keys("ma<Enter>");
    let top = body(&h.screen());
    h.keys("<End>");
    let end = body(&h.screen());
    assert_ne!(top, end, "End shows the report's end:\n{}", h.screen());
    h.keys(&"<Down>".repeat(40));
    assert_eq!(body(&h.screen()), end, "↓ stops at the end");
    h.keys("<Up>");
    let up = body(&h.screen());
    assert_ne!(up, end, "one ↑ after many ↓ moves up:\n{}", h.screen());
    h.keys("<End>о");
    assert_eq!(
        body(&h.screen()),
        end,
        "о (j in a Russian layout) stays at the end"
    );
    h.keys("л");
    assert_eq!(body(&h.screen()), up, "л (k) moves up as ↑ does");
    h.keys("<Home>");
    assert_eq!(body(&h.screen()), top, "Home goes back to the top");
}

/// Issue 15 (noticed in session 2): a choice list left open while switching tabs stayed open
/// on the old tab, waiting for keys out of sight; coming back, Enter took its highlighted
/// item. Leaving a tab closes its list, choosing nothing.
#[test]
fn switching_tabs_closes_a_choice_list_choosing_nothing() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile().keys("n<F3><C-a>");
    focus(&mut h, "Restraints in the courtroom");
    h.keys("<Enter><Down>");
    assert!(
        h.screen().contains("Handcuffed"),
        "the list is open:\n{}",
        h.screen()
    );
    h.keys("<F2><F3>");
    let back = h.screen();
    assert!(!back.contains("Handcuffed"), "the list is closed:\n{back}");
    // Enter opens the field's list again (before, it took the old list's "Handcuffed").
    h.keys("<Enter><Esc>");
    h.session.tick(0);
    assert_eq!(only(&h).hearing_parties[0].fields.get("restraints"), None);
    // The same on the details tab.
    h.keys("<F2>");
    focus(&mut h, "Type of case");
    h.keys("<Enter>");
    assert!(h.screen().contains("Type to narrow"), "{}", h.screen());
    h.keys("<F5><F2>");
    let details = h.screen();
    assert!(!details.contains("Type to narrow"), "{details}");
}

/// Point 3: `?` (help on the hearing list) did nothing under a Russian or Tajik layout,
/// where Shift on its key types `,`. It opens the help as `?` does; `й` (q) then closes it.
#[test]
fn the_help_key_works_under_a_russian_layout() {
    let mut h = Harness::with_hearings(100, 30, Lang::Ru, 3);
    h.keys(",");
    assert!(h.screen().contains("┌Клавиши"), "{}", h.screen());
    h.keys("й");
    assert!(!h.screen().contains("┌Клавиши"), "{}", h.screen());
}

/// The line of the screen with the selection mark.
fn selected_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_else(|| panic!("no selection:\n{screen}"))
        .to_owned()
}

/// Issue 15: the case picker's help says Home and End go to the first and last trial, but
/// its text field took them (they moved the text cursor). The list takes them first, as a
/// choice list does; typing still filters.
#[test]
fn the_case_picker_goes_to_the_first_and_last_trial_with_home_and_end() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 40);
    // With text typed, the text field would move its cursor on Home and End.
    h.keys("h1-");
    let first = selected_line(&h.screen());
    h.keys("<End>");
    let last = selected_line(&h.screen());
    assert_ne!(first, last, "End goes to the last trial:\n{}", h.screen());
    h.keys("<Home>");
    assert_eq!(selected_line(&h.screen()), first, "Home goes back");
}
