//! Adding a court from the court choice list (issue 14, point 5): the dialog's snapshots, and
//! that the court reaches the database, the hearing and the list of courts at once.

use courtwatch::spec::{COURT_LIST, Lang};

use super::tui::Harness;

/// Presses Tab until the cursor is on the row labelled `label`.
fn tab_to(h: &mut Harness, label: &str) {
    for _ in 0..40 {
        let screen = h.screen();
        let cursor = screen.lines().last().unwrap_or_default().to_owned();
        let row: usize = cursor
            .rsplit(',')
            .next()
            .and_then(|r| r.parse().ok())
            .unwrap_or(usize::MAX);
        // The label, without the mark of a required field, then the value column.
        if screen.lines().nth(row).is_some_and(|l| {
            l.trim_start_matches(['*', ' '])
                .split("  ")
                .next()
                .is_some_and(|t| t.trim() == label)
        }) {
            return;
        }
        h.keys("<Tab>");
    }
    panic!("no row labelled {label}:\n{}", h.screen());
}

fn only_hearing(h: &Harness) -> uuid::Uuid {
    let ids = h.store().hearing_ids(&Default::default()).expect("ids");
    assert_eq!(ids.len(), 1);
    ids[0]
}

#[test]
fn a_court_not_in_the_list_is_added_from_the_choice_list_and_chosen() {
    let mut h = Harness::first_run(80, 24, Lang::Ru);
    h.create_profile().keys("n");
    tab_to(&mut h, "Суд");
    // Nothing in the list matches: the list says how to add one.
    h.keys("<Enter>Медеуский");
    let none = h.screen();
    assert!(none.contains("В списке нет такого суда"), "{none}");
    // The name in the interface's language, then (skipping English) in Tajik.
    h.keys("<Enter> районный суд г. Алматы<Tab><Tab>Суди ноҳияи Медеуи ш. Алмаато");
    h.keys("<Tab><Tab><Left><Tab>Казахстан");
    insta::assert_snapshot!("add_court_ru_80x24", h.screen());
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Суд добавлен: Медеуский районный суд г. Алматы"),
        "{screen}"
    );
    let store = h.store();
    let courts = store.user_courts().expect("courts");
    assert_eq!(courts.len(), 1);
    let c = &courts[0];
    assert_eq!(c.name.ru, "Медеуский районный суд г. Алматы");
    assert_eq!(c.name.tg, "Суди ноҳияи Медеуи ш. Алмаато");
    assert_eq!(c.name.en, "");
    assert_eq!(
        (c.level.as_str(), c.region.as_str(), c.country.as_str()),
        ("district_city", "", "Казахстан")
    );
    let r = store.load_hearing(only_hearing(&h)).expect("load");
    assert_eq!(
        r.hearing.fields.get("court"),
        Some(&c.code),
        "the hearing is in the new court"
    );
    // The choice list offers it from now on.
    assert!(h.session.app.spec().code_exists(COURT_LIST, &c.code));
    h.keys("<Enter>Медеуск");
    let list = h.screen();
    assert!(list.contains("Медеуский районный суд г. Алматы"), "{list}");
}

#[test]
fn snapshot_add_court_in_english_and_at_the_smallest_size() {
    let mut h = Harness::first_run(80, 24, Lang::En);
    h.create_profile().keys("n");
    tab_to(&mut h, "Court");
    h.keys("<Enter>Vahdat<C-n>");
    insta::assert_snapshot!("add_court_en_80x24", h.screen());
    // Nothing is added without a name; Esc leaves the court as it was.
    h.keys("<BS><BS><BS><BS><BS><BS><C-s>");
    assert!(
        h.screen()
            .contains("The court needs a name, in at least one language.")
    );
    h.resize(60, 16);
    insta::assert_snapshot!("add_court_en_60x16", h.screen());
    h.keys("<Esc>");
    assert!(h.store().user_courts().expect("courts").is_empty());
    let r = h.store().load_hearing(only_hearing(&h)).expect("load");
    assert_eq!(r.hearing.fields.get("court"), None);
}
