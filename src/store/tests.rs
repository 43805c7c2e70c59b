use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::Connection;

use super::*;
use crate::domain::{Entity, Status};
use crate::store::{Filter, Sort};

/// A raw SQLCipher key (`x'…'`): taken as the key itself, so the tests that do not test
/// passphrases skip the 256,000 rounds of PBKDF2 a passphrase costs at every open.
const PASS: &str = "x'6F1ED002AB5595859014EBF0951522D9B8A7F8D0B6F0C6D7E3B28E9E39F0A1C2'";

/// A passphrase as a monitor types it, stretched into the key.
const PASSPHRASE: &str = "correct horse battery staple";

fn spec() -> Arc<Spec> {
    Arc::new(Spec::builtin().unwrap_or_else(|p| panic!("built-in spec: {p:?}")))
}

fn fresh(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("t.db");
    let mut s =
        Store::open(&path, PASS, OpenMode::Create, spec(), Sources::fixed()).expect("create");
    s.create_profile("M07", "Test Monitor", "Org")
        .expect("profile");
    (s, path)
}

fn reopen(path: &Path) -> Store {
    Store::open(path, PASS, OpenMode::Existing, spec(), Sources::fixed()).expect("reopen")
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut s = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("query");
    s.query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("name"))
        .collect()
}

#[test]
fn a_fresh_database_migrates_to_the_latest_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let v: i64 = s
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, SCHEMA_VERSION);
    let t = tables(&s.conn);
    for name in [
        "audit",
        "cases",
        "checklist_answers",
        "hearings",
        "monitors",
        "timeline",
    ] {
        assert!(t.contains(&name.to_string()), "{name} missing from {t:?}");
    }
    let fk: i64 = s
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1);
    let mode: String = s
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn migrating_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let before = tables(&s.conn);
    migrate::migrate(&s.conn)
        .map_err(|_| "migrate")
        .expect("second migration");
    assert_eq!(tables(&s.conn), before);
}

#[test]
fn reopening_keeps_the_profile_and_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, path) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    s.set_field(h, Entity::Hearing, h, "judge_name", "Саидов А.Н.")
        .expect("set");
    drop(s);
    let s = reopen(&path);
    assert_eq!(s.profile().map(|m| m.code.as_str()), Some("M07"));
    let r = s.load_hearing(h).expect("load");
    assert_eq!(
        r.hearing.fields.get("judge_name").map(String::as_str),
        Some("Саидов А.Н.")
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_the_file_is_not_plain_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let mut s = Store::open(
        &path,
        PASSPHRASE,
        OpenMode::Create,
        spec(),
        Sources::fixed(),
    )
    .expect("create");
    s.create_profile("M07", "Test Monitor", "Org")
        .expect("profile");
    hearing_with_narrative(&s, "Подсудимый заявил о пытках");
    drop(s);
    Store::open(
        &path,
        PASSPHRASE,
        OpenMode::Existing,
        spec(),
        Sources::fixed(),
    )
    .expect("the passphrase opens it");
    Store::open(&path, PASS, OpenMode::Existing, spec(), Sources::fixed())
        .expect_err("a raw key is not the passphrase's key");
    let err = Store::open(&path, "wrong", OpenMode::Existing, spec(), Sources::fixed())
        .expect_err("must fail");
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
    let bytes = std::fs::read(&path).expect("read");
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let needle = "пытках".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("junk.db");
    std::fs::write(&path, vec![7u8; 8192]).expect("write");
    let err = Store::open(&path, PASS, OpenMode::Existing, spec(), Sources::fixed())
        .expect_err("must fail");
    assert!(matches!(err, Error::WrongPassphrase(_)), "{err:?}");
}

#[test]
fn deleting_a_hearing_cascades_to_everything_under_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let (party, _) = s.add_party(h, "defendant").expect("party");
    s.add_record(h, Entity::Charge, Some(party))
        .expect("charge");
    let a = s
        .add_record(h, Entity::Allegation, Some(party))
        .expect("allegation");
    s.add_record(h, Entity::Followup, Some(a))
        .expect("followup");
    s.set_answer(h, "PUB-01", None, "yes", "").expect("answer");
    s.add_event(h, "hearing_opened", "").expect("event");
    s.delete_hearing(h).expect("delete");
    for table in [
        "cases",
        "hearings",
        "parties",
        "hearing_parties",
        "charges",
        "allegations",
        "followups",
        "checklist_answers",
        "timeline",
        "hearing_search",
    ] {
        let n: i64 = s
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 0, "{table} still has rows");
    }
}

#[test]
fn display_codes_count_up_per_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    s.add_party(h, "defendant").expect("d1");
    s.add_party(h, "defendant").expect("d2");
    s.add_party(h, "victim").expect("v1");
    let r = s.load_hearing(h).expect("load");
    let mut codes: Vec<_> = r
        .parties
        .iter()
        .filter_map(|p| p.fields.get("display_code").cloned())
        .collect();
    codes.sort();
    assert_eq!(codes, ["D1", "D2", "V1"]);
}

/// Fills the fields finalising needs, through the same calls the UI makes.
fn complete(s: &Store, h: uuid::Uuid) {
    let r = s.load_hearing(h).expect("load");
    for (entity, record, field, value) in [
        (Entity::Case, r.case.uuid, "case_type", "criminal"),
        (
            Entity::Case,
            r.case.uuid,
            "confidentiality_level",
            "internal",
        ),
        (
            Entity::Case,
            r.case.uuid,
            "preventive_measure",
            "detention_sizo",
        ),
        (Entity::Hearing, h, "court", "dushanbe_sino"),
        (Entity::Hearing, h, "judge_name", "Саидов А.Н."),
        (Entity::Hearing, h, "hearing_date", "2026-11-23"),
        (Entity::Hearing, h, "hearing_held", "postponed_before_start"),
        (
            Entity::Hearing,
            h,
            "postponement_reason",
            "defendant_not_delivered",
        ),
        (Entity::Hearing, h, "stages", "trial_opening"),
        (Entity::Hearing, h, "monitor_access", "no_issue"),
        (
            Entity::Hearing,
            h,
            "narrative",
            "Конвой не доставил подсудимого.",
        ),
        (Entity::Hearing, h, "follow_up_needed", "no"),
    ] {
        s.set_field(h, entity, record, field, value).expect("set");
    }
}

#[test]
fn finalising_checks_then_seals_and_edits_after_it_are_versioned_and_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    assert!(
        s.finalise(h).expect("finalise").is_err(),
        "an empty hearing must not finalise"
    );
    assert_eq!(
        s.set_field(h, Entity::Hearing, h, "courtroom", "6")
            .expect("draft edit"),
        None,
        "a draft is not read back"
    );
    complete(&s, h);
    if let Err(p) = s.finalise(h).expect("finalise") {
        panic!("complete hearing did not finalise: {p:?}");
    }
    let v1 = s.load_hearing(h).expect("load").hearing;
    assert_eq!((v1.status, v1.version, v1.sealed), (Status::Final, 1, true));
    assert_eq!(v1.content_hash.len(), 64);

    s.set_edit_reason(h, "typo in the judge's name")
        .expect("reason");
    s.set_field(h, Entity::Hearing, h, "judge_name", "Саидова А.Н.")
        .expect("edit");
    let returned = s
        .set_field(
            h,
            Entity::Hearing,
            h,
            "narrative",
            "Конвой не доставил подсудимых.",
        )
        .expect("edit");
    let r = s.load_hearing(h).expect("load");
    // The edit hands back the final hearing as stored (the screen shows it without loading
    // it again): new version, new hash, the audit rows.
    assert_eq!(returned.as_ref(), Some(&r));
    assert_eq!(
        r.hearing.version, 2,
        "one new version for the edits before the next seal"
    );
    assert_eq!(r.hearing.parent_hash, v1.content_hash);
    assert_eq!(r.hearing.ancestors, vec![v1.content_hash.clone()]);
    assert_ne!(r.hearing.content_hash, v1.content_hash);
    assert_eq!(r.hearing.content_hash, crate::domain::content_hash(&r));
    assert_eq!(r.audit.len(), 2);
    let a = r
        .audit
        .iter()
        .find(|a| a.field == "judge_name")
        .expect("audit row");
    assert_eq!(
        (
            a.old_value.as_str(),
            a.new_value.as_str(),
            a.reason.as_str(),
            a.version
        ),
        ("Саидов А.Н.", "Саидова А.Н.", "typo in the judge's name", 2)
    );

    s.seal(&[h]).expect("seal");
    s.set_field(h, Entity::Hearing, h, "courtroom", "3")
        .expect("edit");
    let r = s.load_hearing(h).expect("load");
    assert_eq!(r.hearing.version, 3);
    assert_eq!(r.hearing.ancestors.len(), 2);
}

#[test]
fn drafts_are_edited_without_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    s.set_field(h, Entity::Hearing, h, "judge_name", "A")
        .expect("set");
    s.set_field(h, Entity::Hearing, h, "judge_name", "")
        .expect("clear");
    let r = s.load_hearing(h).expect("load");
    assert!(r.audit.is_empty());
    assert!(!r.hearing.fields.contains_key("judge_name"));
}

#[test]
fn unknown_fields_and_codes_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    assert!(
        s.set_field(h, Entity::Hearing, h, "no_such_field", "x")
            .is_err()
    );
    assert!(s.set_field(h, Entity::Hearing, h, "x') --", "x").is_err());
    assert!(s.set_answer(h, "XXX-01", None, "yes", "").is_err());
    assert!(s.set_answer(h, "PUB-01", None, "maybe", "").is_err());
    assert!(s.add_event(h, "no_such_event", "").is_err());
}

/// A new draft hearing with this narrative.
fn hearing_with_narrative(s: &Store, text: &str) -> Uuid {
    let h = s.new_hearing().expect("hearing");
    s.set_field(h, Entity::Hearing, h, "narrative", text)
        .expect("narrative");
    h
}

fn search(s: &Store, words: &str) -> usize {
    let f = Filter {
        search: Some(words.into()),
        ..Filter::default()
    };
    let n = s
        .list_hearings(&f, Sort::default(), 100, 0)
        .expect("search")
        .len();
    // Counted in the full-text index alone, and with another filter on the hearings.
    assert_eq!(s.count_hearings(&f).expect("count") as usize, n);
    let with_status = |status| Filter {
        status: Some(status),
        ..f.clone()
    };
    let by_status: u64 = [Status::Draft, Status::Final, Status::Reviewed]
        .into_iter()
        .map(|st| s.count_hearings(&with_status(st)).expect("count"))
        .sum();
    assert_eq!(by_status as usize, n);
    // The page and the count in one statement agree with the two queries.
    for (filter, offset) in [
        (f.clone(), 0),
        (with_status(Status::Draft), 0),
        (f.clone(), 500),
    ] {
        let (rows, total) = s
            .list_and_count(&filter, Sort::default(), 100, offset)
            .expect("list and count");
        assert_eq!(
            rows,
            s.list_hearings(&filter, Sort::default(), 100, offset)
                .expect("list")
        );
        assert_eq!(total, s.count_hearings(&filter).expect("count"));
    }
    n
}

#[test]
fn full_text_search_follows_edits_and_deletes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = hearing_with_narrative(&s, "Судшаванда аз шиканҷа шикоят кард");
    assert_eq!(search(&s, "шиканҷа"), 1);
    assert_eq!(
        search(&s, "ШИКАНҶА"),
        1,
        "search folds case, Tajik letters included"
    );
    assert_eq!(search(&s, "шикан"), 1, "search matches word prefixes");
    s.set_field(h, Entity::Hearing, h, "narrative", "Заседание отложено")
        .expect("set");
    assert_eq!(search(&s, "шиканҷа"), 0);
    assert_eq!(search(&s, "отложено"), 1);
    let e = s
        .add_event(h, "note", "адвокат удалён из зала")
        .expect("event");
    assert_eq!(search(&s, "адвокат"), 1);
    s.delete_event(h, e).expect("delete event");
    assert_eq!(search(&s, "адвокат"), 0);
    s.set_answer(h, "PUB-01", None, "no", "список не вывешен")
        .expect("answer");
    assert_eq!(search(&s, "вывешен"), 1);
    s.delete_hearing(h).expect("delete");
    assert_eq!(search(&s, "отложено"), 0);
}

#[test]
fn a_case_number_is_found_with_its_short_numbers_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let mut ids = Vec::new();
    for number in ["1-599/25", "1-5990/251", "12-599/2"] {
        let h = s.new_hearing().expect("hearing");
        let case = s.load_hearing(h).expect("load").case.uuid;
        s.set_field(h, Entity::Case, case, "court_case_number", number)
            .expect("case number");
        ids.push(h);
    }
    assert_eq!(
        fts_query("1-599/25").as_deref(),
        Some("\"1\" \"599\"* \"25\"")
    );
    // `599` is still a prefix (`5990`), but `1` and `25` are whole numbers, not `12` or `251`.
    assert_eq!(search(&s, "1-599/25"), 1);
    assert_eq!(search(&s, "599"), 3);
    assert_eq!(search(&s, "1-5990"), 1);
}

#[test]
fn restricted_fields_are_not_searchable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let (party, _) = s.add_party(h, "defendant").expect("party");
    s.set_field(h, Entity::Party, party, "full_name", "Алиев Фаррух")
        .expect("name");
    assert_eq!(search(&s, "Фаррух"), 0);
    assert_eq!(search(&s, "D1"), 1);
}

#[test]
fn read_only_stores_refuse_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, path) = fresh(dir.path());
    drop(s);
    let s =
        Store::open(&path, PASS, OpenMode::ReadOnly, spec(), Sources::fixed()).expect("read-only");
    assert!(matches!(s.new_hearing(), Err(Error::ReadOnly)));
}

#[test]
fn removing_a_defendant_removes_their_answers_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let (d1, _) = s.add_party(h, "defendant").expect("d1");
    let (d2, _) = s.add_party(h, "defendant").expect("d2");
    s.set_answer(h, "INN-01", Some(d1), "no", "in a cage")
        .expect("answer");
    s.set_answer(h, "INN-01", Some(d2), "yes", "")
        .expect("answer");
    s.set_answer(h, "PUB-01", None, "yes", "").expect("answer");
    s.delete_record(h, Entity::Party, d1).expect("remove");
    let r = s.load_hearing(h).expect("load");
    let left: Vec<_> = r
        .answers
        .iter()
        .map(|a| (a.item_code.as_str(), a.party_uuid))
        .collect();
    assert_eq!(left, vec![("INN-01", Some(d2)), ("PUB-01", None)]);
}

#[test]
fn filter_columns_follow_every_kind_of_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let count = |f: Filter| s.count_hearings(&f).expect("count");
    let on = |d: &str| Filter {
        from: Some(d.into()),
        to: Some(d.into()),
        ..Filter::default()
    };
    s.set_field(h, Entity::Hearing, h, "hearing_date", "2026-03-01")
        .expect("date");
    s.set_field(h, Entity::Hearing, h, "court", "dushanbe_sino")
        .expect("court");
    assert_eq!(count(on("2026-03-01")), 1);
    assert_eq!(
        count(Filter {
            court: Some("dushanbe_sino".into()),
            ..Filter::default()
        }),
        1
    );
    s.set_field(h, Entity::Hearing, h, "hearing_date", "2026-03-02")
        .expect("date");
    assert_eq!(count(on("2026-03-01")), 0);
    let r = s.load_hearing(h).expect("load");
    let (party, _) = s.add_party(h, "defendant").expect("party");
    let charge = s
        .add_record(h, Entity::Charge, Some(party))
        .expect("charge");
    s.set_field(h, Entity::Charge, charge, "article", "143-1")
        .expect("article");
    assert_eq!(
        count(Filter {
            article: Some("143-1".into()),
            ..Filter::default()
        }),
        1
    );
    // The case's tags and number, which the hearing list filters and sorts by.
    let tagged = |t: &str| {
        count(Filter {
            tag: Some(t.into()),
            ..Filter::default()
        })
    };
    let case = r.case.uuid;
    s.set_field(h, Entity::Case, case, "case_tags", "drugs|religious")
        .expect("tags");
    assert_eq!(
        (tagged("drugs"), tagged("religious"), tagged("other")),
        (1, 1, 0)
    );
    s.set_field(h, Entity::Case, case, "case_tags", "other")
        .expect("tags");
    assert_eq!((tagged("drugs"), tagged("other")), (0, 1));
    s.set_field(h, Entity::Case, case, "court_case_number", "1-77/26")
        .expect("number");
    let number = |s: &Store| -> Option<String> {
        s.conn
            .query_row(
                "SELECT case_number FROM hearings WHERE uuid = ?1",
                [h.to_string()],
                |r| r.get(0),
            )
            .expect("number")
    };
    assert_eq!(number(&s).as_deref(), Some("1-77/26"));
    // A whole record written by merge or demo sets them too.
    let mut copy = s.load_hearing(h).expect("load");
    copy.hearing
        .fields
        .insert("hearing_date".into(), "2026-04-04".into());
    copy.case
        .fields
        .insert("court_case_number".into(), "1-78/26".into());
    copy.case.fields.insert("case_tags".into(), "drugs".into());
    let tx = s.begin().expect("tx");
    s.write_record(&tx, &copy).expect("write");
    tx.commit().expect("commit");
    assert_eq!(count(on("2026-04-04")), 1);
    assert_eq!(number(&s).as_deref(), Some("1-78/26"));
    assert_eq!((tagged("drugs"), tagged("other")), (1, 0));
    // Deleting the hearing deletes its case, and the case's tags with it.
    s.delete_hearing(h).expect("delete");
    let left: i64 = s
        .conn
        .query_row("SELECT count(*) FROM case_tags", [], |r| r.get(0))
        .expect("tags left");
    assert_eq!(left, 0);
    drop(r);
}

#[test]
fn a_database_of_schema_3_gets_the_lists_columns_filled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v3.db");
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        for (_, sql) in &migrate::MIGRATIONS[..3] {
            conn.execute_batch(sql).expect("schema");
        }
        conn.pragma_update(None, "user_version", 3)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO monitors (uuid, code, name, is_self, created_at)
                 VALUES ('00000000-0000-0000-0000-0000000000aa', 'M07', 'Old', 1, '2026-01-01T00:00:00Z');
             INSERT INTO cases (uuid, data, created_at, updated_at, case_number) VALUES
                 ('c1', '{\"court_case_number\":\"1-2/26\",\"case_tags\":\"drugs|other\"}', 't', 't', '1-2/26'),
                 ('c2', '{\"court_case_number\":\"1-1/26\"}', 't', 't', '1-1/26');
             INSERT INTO hearings (uuid, case_uuid, monitor_uuid, created_at, updated_at, hearing_date) VALUES
                 ('00000000-0000-0000-0000-000000000001', 'c1', '00000000-0000-0000-0000-0000000000aa', 't', 't', '2026-01-02'),
                 ('00000000-0000-0000-0000-000000000002', 'c2', '00000000-0000-0000-0000-0000000000aa', 't', 't', '2026-01-01');
             INSERT INTO parties (uuid, case_uuid, created_at, updated_at) VALUES ('p1', 'c1', 't', 't');
             INSERT INTO charges (uuid, party_uuid, created_at, updated_at, article) VALUES
                 ('ch1', 'p1', 't', 't', '186'), ('ch2', 'p1', 't', 't', '186'), ('ch3', 'p1', 't', 't', NULL);",
        )
        .expect("rows");
    }
    let s = reopen(&path);
    let sort = Sort {
        column: crate::store::SortColumn::CaseNumber,
        descending: false,
    };
    let numbers: Vec<String> = s
        .list_hearings(&Filter::default(), sort, 10, 0)
        .expect("list")
        .into_iter()
        .map(|h| h.case_number)
        .collect();
    assert_eq!(numbers, ["1-1/26", "1-2/26"]);
    for (tag, n) in [("drugs", 1), ("other", 1), ("religious", 0)] {
        let f = Filter {
            tag: Some(tag.into()),
            ..Filter::default()
        };
        assert_eq!(s.count_hearings(&f).expect("count"), n, "{tag}");
    }
    for (article, n) in [("186", 1), ("200", 0)] {
        let f = Filter {
            article: Some(article.into()),
            ..Filter::default()
        };
        assert_eq!(s.count_hearings(&f).expect("count"), n, "{article}");
    }
}

/// The article filter reads `charged_cases` (migration 0007), which triggers keep in step
/// with every way a charge is written or removed.
#[test]
fn the_article_filter_follows_charges_however_they_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let count = |a: &str| {
        s.count_hearings(&Filter {
            article: Some(a.into()),
            ..Filter::default()
        })
        .expect("count")
    };
    let rows = |s: &Store| -> i64 {
        s.conn
            .query_row("SELECT count(*) FROM charged_cases", [], |r| r.get(0))
            .expect("rows")
    };
    let (d1, _) = s.add_party(h, "defendant").expect("party");
    let charge = |party| {
        let c = s
            .add_record(h, Entity::Charge, Some(party))
            .expect("charge");
        s.set_field(h, Entity::Charge, c, "article", "186")
            .expect("article");
        c
    };
    let (c1, c2) = (charge(d1), charge(d1));
    assert_eq!((count("186"), rows(&s)), (1, 1));
    // One of two charges under the article goes: the party is still charged under it.
    s.delete_record(h, Entity::Charge, c1).expect("delete");
    assert_eq!((count("186"), rows(&s)), (1, 1));
    s.set_field(h, Entity::Charge, c2, "article", "200")
        .expect("article");
    assert_eq!((count("186"), count("200"), rows(&s)), (0, 1, 1));
    // A second defendant under the same article, then the first removed with their charges.
    let (d2, _) = s.add_party(h, "defendant").expect("party");
    let c3 = charge(d2);
    s.set_field(h, Entity::Charge, c3, "article", "200")
        .expect("article");
    assert_eq!((count("200"), rows(&s)), (1, 2));
    s.delete_record(h, Entity::Party, d1).expect("remove");
    assert_eq!((count("200"), rows(&s)), (1, 1));
    // A whole record written by merge or demo.
    let mut copy = s.load_hearing(h).expect("load");
    copy.charges[0]
        .fields
        .insert("article".into(), "143-1".into());
    let tx = s.begin().expect("tx");
    s.write_record(&tx, &copy).expect("write");
    tx.commit().expect("commit");
    assert_eq!((count("200"), count("143-1"), rows(&s)), (0, 1, 1));
    s.delete_hearing(h).expect("delete");
    assert_eq!((count("143-1"), rows(&s)), (0, 0));
}

#[test]
fn a_database_of_schema_5_keeps_its_conflicts_and_takes_field_by_field_resolutions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v5.db");
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        for (_, sql) in &migrate::MIGRATIONS[..5] {
            conn.execute_batch(sql).expect("schema");
        }
        conn.pragma_update(None, "user_version", 5)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO monitors (uuid, code, name, is_self, created_at)
                 VALUES ('00000000-0000-0000-0000-0000000000aa', 'M07', 'Old', 1, '2026-01-01T00:00:00Z');
             INSERT INTO cases (uuid, data, created_at, updated_at) VALUES ('c1', '{}', 't', 't');
             INSERT INTO hearings (uuid, case_uuid, monitor_uuid, created_at, updated_at) VALUES
                 ('00000000-0000-0000-0000-000000000001', 'c1', '00000000-0000-0000-0000-0000000000aa', 't', 't');
             INSERT INTO conflicts (uuid, hearing_uuid, batch_id, local_hash, incoming_hash, incoming, created_at,
                                    resolved_at, resolved_by, resolution) VALUES
                 ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000bb', 'l1', 'i1',
                  '{}', '2026-01-02', '2026-01-03', '00000000-0000-0000-0000-0000000000aa', 'local'),
                 ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000bb', 'l1', 'i2',
                  '{}', '2026-01-04', NULL, NULL, NULL);",
        )
        .expect("rows");
        let fields = conn.execute(
            "UPDATE conflicts SET resolution = 'fields' WHERE resolution IS NULL",
            [],
        );
        assert!(
            fields.is_err(),
            "schema 5 knows no field-by-field resolution"
        );
    }
    let s = reopen(&path);
    let all = s.conflicts(true).expect("conflicts");
    let kept: Vec<_> = all
        .iter()
        .map(|c| {
            (
                c.incoming_hash.as_str(),
                c.resolution.as_deref(),
                c.resolved_by.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [("i1", Some("local"), Some("M07")), ("i2", None, None)]
    );
    s.conn
        .execute(
            "UPDATE conflicts SET resolution = 'fields' WHERE resolution IS NULL",
            [],
        )
        .expect("schema 6 takes field-by-field resolutions");
    assert!(
        s.conn
            .execute("UPDATE conflicts SET resolution = 'other'", [])
            .is_err(),
        "other resolutions are still refused"
    );
    let indexed: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'conflicts_open'",
            [],
            |r| r.get(0),
        )
        .expect("index");
    assert_eq!(indexed, 1);
}

#[test]
fn tajik_words_are_found_however_they_were_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    hearing_with_narrative(
        &s,
        "Ҳимоятгар аз шиканҷа ва зӯроварӣ шикоят кард. Всё отложено.",
    );
    for typed in [
        "ҳимоятгар",
        "химоятгар",
        "шиканча",
        "зуровари",
        "все",
        "ВСЁ",
    ] {
        assert_eq!(search(&s, typed), 1, "{typed}");
    }
    assert_eq!(search(&s, "адвокат"), 0);
}

/// The query plan of a statement, one line per step.
fn plan(s: &Store, sql: &str, params: &[rusqlite::types::Value]) -> String {
    let mut stmt = s
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("explain");
    stmt.query_map(rusqlite::params_from_iter(params), |r| {
        r.get::<_, String>(3)
    })
    .expect("plan")
    .map(|r| r.expect("step"))
    .collect::<Vec<_>>()
    .join("\n")
}

#[test]
fn the_list_pages_and_counts_on_indexes_without_sorting() {
    use crate::store::SortColumn;
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let text = |v: &str| Some(v.to_owned());
    // Every sort column, both ways, unfiltered and with the filters an index serves in order.
    let filters = [
        Filter::default(),
        Filter {
            court: text("dushanbe_sino"),
            ..Filter::default()
        },
        Filter {
            status: Some(Status::Final),
            ..Filter::default()
        },
        Filter {
            monitor: text("M07"),
            ..Filter::default()
        },
        Filter {
            from: text("2026-01-01"),
            to: text("2026-03-31"),
            ..Filter::default()
        },
    ];
    for column in SortColumn::ALL {
        for descending in [false, true] {
            let sort = Sort { column, descending };
            let unfiltered = Filter::default();
            let q = s.query(&unfiltered).expect("query");
            let (sql, params) = s.page_sql(&q, sort, 60, 0).expect("sql");
            let p = plan(&s, &sql, &params);
            // Only hearings created at the same moment on the same day are sorted.
            assert!(
                !p.contains("TEMP B-TREE FOR ORDER BY"),
                "{sort:?} sorts:\n{p}"
            );
            if column != SortColumn::Date {
                assert!(!p.contains("TEMP B-TREE"), "{sort:?} sorts:\n{p}");
            }
            assert!(
                p.contains("COVERING INDEX"),
                "{sort:?} reads the rows:\n{p}"
            );
        }
    }
    for f in &filters {
        let (sql, params) = s
            .page_sql(&s.query(f).expect("query"), Sort::default(), 60, 0)
            .expect("sql");
        let p = plan(&s, &sql, &params);
        assert!(!p.contains("TEMP B-TREE FOR ORDER BY"), "{f:?} sorts:\n{p}");
        assert!(p.contains("COVERING INDEX"), "{f:?} reads the rows:\n{p}");
    }
    // Every filter, and search, counts on a covering index, never reading the rows.
    let all = [
        Filter {
            region: text("sughd"),
            ..Filter::default()
        },
        Filter {
            judge: text("ова"),
            ..Filter::default()
        },
        Filter {
            tag: text("drugs"),
            ..Filter::default()
        },
        Filter {
            article: text("186"),
            ..Filter::default()
        },
        Filter {
            search: text("конвой"),
            ..Filter::default()
        },
    ];
    for f in &all {
        let mut q = s.query(f).expect("query");
        // The empty database's tags, articles and words have few members: a page starts
        // from them.
        if f.region.is_none() && f.judge.is_none() {
            assert_ne!(q.few, super::list::Few::default(), "{f:?}");
            let (sql, params) = s.page_sql(&q, Sort::default(), 60, 0).expect("sql");
            let p = plan(&s, &sql, &params);
            assert!(
                p.contains("SEARCH h USING INDEX hearings_case (case_uuid=?)")
                    || p.contains("SEARCH h USING COVERING INDEX hearings_case (case_uuid=?)")
                    || p.contains("SEARCH h USING INTEGER PRIMARY KEY (rowid=?)"),
                "{f:?} does not start from its few members:\n{p}"
            );
        }
        // Sets of many are tested on an index as it is read, as are the other filters; a
        // region (several courts) sorts the index entries of its courts.
        q.few = super::list::Few::default();
        let (sql, params) = s.page_sql(&q, Sort::default(), 60, 0).expect("sql");
        let p = plan(&s, &sql, &params);
        assert!(
            p.contains("SCAN h USING COVERING INDEX")
                || p.contains("SEARCH h USING COVERING INDEX"),
            "{f:?} reads the rows:\n{p}"
        );
    }
    for f in filters.iter().chain(&all) {
        let (sql, params) = s.count_sql(&s.query(f).expect("query")).expect("sql");
        let p = plan(&s, &sql, &params);
        let on_hearings: Vec<&str> = p
            .lines()
            .filter(|l| l.contains(" h ") || l.ends_with(" h"))
            .collect();
        assert!(
            on_hearings
                .iter()
                .all(|l| l.contains("COVERING INDEX") || l.contains("PRIMARY KEY")),
            "{f:?} reads the hearings' rows:\n{p}"
        );
    }
}

#[test]
fn one_statement_lists_and_counts_as_the_two_queries_do() {
    use crate::store::SortColumn;
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let me = s.profile().expect("profile").clone();
    let spec = s.spec_arc();
    let tx = s.begin().expect("tx");
    for r in crate::demo::Generator::new(&spec, 3, 120, vec![me]) {
        s.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    let many: Vec<String> = (10..30).map(|i| format!("проба{i}")).collect();
    hearing_with_narrative(&s, &many.join(" "));
    let text = |v: &str| Some(v.to_owned());
    let filters = [
        Filter {
            tag: text("drugs"),
            ..Filter::default()
        },
        Filter {
            article: text("186"),
            ..Filter::default()
        },
        Filter {
            search: text("конвой"),
            ..Filter::default()
        },
        Filter {
            search: text("судья"),
            tag: text("gbv_domestic_violence"),
            status: Some(Status::Final),
            ..Filter::default()
        },
        Filter {
            article: text("200"),
            region: text("sughd"),
            search: text("клетке"),
            ..Filter::default()
        },
        Filter {
            court: text("dushanbe_sino"),
            ..Filter::default()
        },
        // A prefix of more words than are worth reading: the page and the count share the
        // search's set.
        Filter {
            search: text("проба"),
            ..Filter::default()
        },
        Filter {
            search: text("проба конвой"),
            region: text("sughd"),
            ..Filter::default()
        },
    ];
    let mut nonempty = 0;
    for f in &filters {
        for column in [
            SortColumn::Date,
            SortColumn::CaseNumber,
            SortColumn::Monitor,
        ] {
            for offset in [0, 7, 500] {
                let sort = Sort {
                    column,
                    descending: offset == 7,
                };
                let (rows, total) = s.list_and_count(f, sort, 20, offset).expect("both");
                assert_eq!(
                    rows,
                    s.list_hearings(f, sort, 20, offset).expect("list"),
                    "{f:?}"
                );
                assert_eq!(total, s.count_hearings(f).expect("count"), "{f:?}");
                nonempty += usize::from(!rows.is_empty());
            }
        }
    }
    assert!(nonempty > 10, "the filters should find hearings");
    // A page found from a set of few members is the page found by walking the list's index
    // (at 120 hearings, every tag, article and word has few; the prefix `проба` is left a
    // prefix, which never counts as few).
    let mut found_few = 0;
    for f in &filters {
        let few = s.query(f).expect("query");
        let mut many = s.query(f).expect("query");
        many.few = super::list::Few::default();
        found_few += usize::from(few.few != many.few);
        for column in SortColumn::ALL {
            for (descending, offset) in [(false, 0), (true, 0), (true, 7), (false, 50)] {
                let sort = Sort { column, descending };
                assert_eq!(
                    s.list(&few, sort, 20, offset).expect("few"),
                    s.list(&many, sort, 20, offset).expect("many"),
                    "{f:?} {sort:?} {offset}"
                );
            }
        }
    }
    assert_eq!(
        found_few,
        filters.len() - 3,
        "all but the court and the two `проба`"
    );
    // Pages in the second half, read backwards from the end, are the same pages.
    let mut backwards = 0;
    for f in &filters {
        let total = s.count_hearings(f).expect("count");
        for column in [
            SortColumn::Date,
            SortColumn::CaseNumber,
            SortColumn::Monitor,
        ] {
            for descending in [false, true] {
                let sort = Sort { column, descending };
                for offset in [
                    total / 2 + 1,
                    total.saturating_sub(20),
                    total - total.min(3),
                ] {
                    let rows = s.list_hearings_of(f, sort, 20, offset, total).expect("of");
                    assert_eq!(
                        rows,
                        s.list_hearings(f, sort, 20, offset).expect("list"),
                        "{f:?} {sort:?} from {offset} of {total}"
                    );
                    backwards += usize::from(offset > total / 2 && !rows.is_empty());
                }
            }
        }
    }
    assert!(backwards > 20, "pages should be read from the end");
}

#[test]
fn the_search_text_holds_each_word_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = hearing_with_narrative(&s, "Суд отложил. Суд  отложил суд");
    s.set_answer(h, "PUB-01", None, "no", "суд закрыт")
        .expect("answer");
    let body = super::search::search_body(s.spec(), &s.load_hearing(h).expect("load"));
    let words: Vec<&str> = body.split_whitespace().collect();
    assert_eq!(words.iter().filter(|w| **w == "суд").count(), 1, "{body}");
    for word in ["отложил", "отложил.", "закрыт"] {
        assert!(words.contains(&word), "{word} in {body}");
    }
    assert_eq!(search(&s, "отложил"), 1);
    assert_eq!(search(&s, "закрыт"), 1);
}

/// The rowids `MATCH query` finds, in order.
fn matching(s: &Store, query: &str) -> Vec<i64> {
    s.conn
        .prepare("SELECT rowid FROM hearing_search WHERE hearing_search MATCH ?1 ORDER BY rowid")
        .expect("prepare")
        .query_map([query], |r| r.get(0))
        .expect("match")
        .map(|r| r.expect("rowid"))
        .collect()
}

/// A store with demo hearings, and one whose narrative holds twenty words under one prefix.
fn searchable(dir: &Path) -> (Store, PathBuf) {
    let (s, path) = fresh(dir);
    let me = s.profile().expect("profile").clone();
    let spec = s.spec_arc();
    let tx = s.begin().expect("tx");
    for r in crate::demo::Generator::new(&spec, 5, 150, vec![me]) {
        s.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    let many: Vec<String> = (10..30).map(|i| format!("проба{i}")).collect();
    hearing_with_narrative(&s, &many.join(" "));
    (s, path)
}

#[test]
fn a_prefix_replaced_by_the_words_it_starts_finds_the_same_hearings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, path) = searchable(dir.path());
    let query = |s: &Store, text: &str| s.search_query(text).expect("query").expect("words").fts;
    // A case number of the demo data, and its number alone.
    let number: String = s
        .conn
        .query_row(
            "SELECT case_number FROM cases WHERE case_number LIKE '1-%/%' ORDER BY uuid LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a numbered case");
    let digits: String = number[2..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // The words the benchmark searches for, words and prefixes of one to five letters, a word
    // that starts no indexed word, numbers, Tajik letters, and a prefix of twenty words.
    for text in [
        "судья",
        "конвой",
        "шиканҷа",
        "ноутбуком",
        "завлона",
        "Каримов",
        "конвой судшавандаро",
        "клетке наручниках",
        number.as_str(),
        "с",
        "су",
        "суд",
        "конв",
        "ЗАЩИ",
        "нетакогослова",
        "1",
        digits.as_str(),
        "проба",
        "проба1",
    ] {
        let old = fts_query(text).expect("words");
        let q = query(&s, text);
        let found = matching(&s, &q);
        assert_eq!(found, matching(&s, &old), "{text}: {q} vs {old}");
        // `су` is a whole word now, and none in these hearings.
        if !["нетакогослова", number.as_str(), "су"].contains(&text) {
            assert!(!found.is_empty(), "{text} should match");
        }
    }
    // Whole words where there are few enough, the prefix kept where there are too many or
    // the word is too short.
    assert_eq!(query(&s, "судья"), "\"судья\"");
    let words = query(&s, "суд");
    assert!(words.contains(" OR ") && !words.contains('*'), "{words}");
    let case_number = query(&s, "1-599/25");
    assert!(
        case_number.starts_with("\"1\" AND ") && case_number.ends_with(" AND \"25\""),
        "{case_number}"
    );
    assert_eq!(query(&s, "проба"), "\"проба\"*");
    assert!(!query(&s, "проба1").contains('*'));
    // A word of one or two letters is matched whole: as a prefix it would start thousands.
    assert_eq!(query(&s, "су"), "\"су\"");
    assert_eq!(query(&s, "С"), "\"с\"");
    // Only a query still holding a prefix is slow enough to be worth sharing its set.
    let prefix = |text: &str| s.search_query(text).expect("query").map(|q| q.prefix);
    assert_eq!(prefix("судья суд 1-599/25"), Some(false));
    assert_eq!(prefix("нетакогослова"), Some(false));
    assert_eq!(prefix("судья проба"), Some(true));
    assert_eq!(prefix("су"), Some(false));
    assert!(s.search_query(" -/ ").expect("query").is_none());
    // The list and its count, alone and within a region, are what the prefixes found.
    let sughd = s.spec.courts_in_region("sughd").join("', '");
    for text in [
        "судья",
        "конвой",
        "шиканҷа",
        "конвой судшавандаро",
        "суд",
        "с",
    ] {
        for region in [None, Some("sughd")] {
            let f = Filter {
                search: Some(text.into()),
                region: region.map(str::to_owned),
                ..Filter::default()
            };
            let (rows, total) = s
                .list_and_count(&f, Sort::default(), 1000, 0)
                .expect("list");
            let courts = match region {
                Some(_) => format!("AND h.court IN ('{sughd}')"),
                None => String::new(),
            };
            let expected: Vec<String> = s
                .conn
                .prepare(&format!(
                    "SELECT h.uuid FROM hearings h
                     WHERE h.rowid IN (SELECT rowid FROM hearing_search WHERE hearing_search MATCH ?1)
                     {courts} ORDER BY h.hearing_date DESC, h.created_at DESC, h.rowid DESC"
                ))
                .expect("prepare")
                .query_map([fts_query(text).expect("words")], |r| r.get(0))
                .expect("query")
                .map(|r| r.expect("uuid"))
                .collect();
            let got: Vec<String> = rows.iter().map(|r| r.uuid.to_string()).collect();
            assert_eq!(got, expected, "{f:?}");
            assert_eq!(total as usize, expected.len(), "{f:?}");
            assert!(!expected.is_empty(), "{f:?} should match");
        }
    }
    // A search with other filters is counted in Rust: as SQL counts it.
    let mut counted = 0;
    let me = s.profile().expect("profile").code.clone();
    for f in [
        Filter {
            status: Some(Status::Final),
            ..Filter::default()
        },
        Filter {
            region: Some("sughd".into()),
            from: Some("2025-01-01".into()),
            ..Filter::default()
        },
        Filter {
            judge: Some("ова".into()),
            monitor: Some(me),
            ..Filter::default()
        },
        Filter {
            tag: Some("drugs".into()),
            ..Filter::default()
        },
    ] {
        for text in ["судья", "конвой клетке", "с", "нетакогослова"]
        {
            let f = Filter {
                search: Some(text.into()),
                ..f.clone()
            };
            let (sql, params) = s.count_sql(&s.query(&f).expect("query")).expect("sql");
            let by_sql: i64 = s
                .conn
                .query_row(&sql, rusqlite::params_from_iter(params), |r| r.get(0))
                .expect("count");
            assert_eq!(s.count_hearings(&f).expect("count") as i64, by_sql, "{f:?}");
            counted += by_sql;
        }
    }
    assert!(counted > 20, "the filters should find hearings: {counted}");
    // A read-only store (which refuses writes, even temporary ones) reads the vocabulary too.
    drop(s);
    let ro = Store::open(&path, PASS, OpenMode::ReadOnly, spec(), Sources::fixed()).expect("ro");
    assert_eq!(query(&ro, "судья"), "\"судья\"");
}

#[test]
fn bulk_loads_leave_the_log_only_when_they_have_the_database_to_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, path) = fresh(dir.path());
    let mode = |s: &Store| -> String {
        s.conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode")
    };
    let cache = |s: &Store| -> i64 {
        s.conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .expect("cache")
    };
    {
        let loading = s.loading();
        assert!(loading.is_direct());
        assert_eq!(mode(&s), "delete");
        assert_eq!(cache(&s), -LOAD_CACHE_KIB);
        hearing_with_narrative(&s, "written straight into the file");
    }
    assert_eq!(mode(&s), "wal", "the guard turns the log back on");
    assert_eq!(cache(&s), -CACHE_KIB);
    // A reader has the database open: the log stays, and the writes still land.
    let reader = reopen(&path);
    {
        let loading = s.loading();
        assert!(!loading.is_direct());
        assert_eq!(mode(&s), "wal");
        hearing_with_narrative(&s, "written through the log");
    }
    assert_eq!(mode(&s), "wal");
    assert_eq!(search(&reader, "written"), 2);
}

#[test]
fn the_checklist_tally_lists_answers_in_key_order_however_they_were_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let (d1, _) = s.add_party(h, "defendant").expect("d1");
    let (d2, _) = s.add_party(h, "defendant").expect("d2");
    let (first, second) = if d1 < d2 { (d1, d2) } else { (d2, d1) };
    s.set_answer(h, "PUB-01", None, "not_observed", "")
        .expect("answer");
    s.set_answer(h, "INN-01", Some(second), "yes", "")
        .expect("answer");
    s.set_answer(h, "INN-01", Some(first), "no", "")
        .expect("answer");
    s.set_answer(h, "INN-01", None, "not_applicable", "")
        .expect("answer");
    s.set_answer(h, "IND-01", None, "", "a comment only")
        .expect("answer");
    let tally = || -> String {
        s.conn()
            .query_row(
                "SELECT answers FROM checklist_tally WHERE hearing_uuid = ?1",
                [h.to_string()],
                |r| r.get(0),
            )
            .expect("tally")
    };
    // Item, then party (none first): the order a reader of the answers' key gets them in.
    let expected = " IND-01:- INN-01:x INN-01:n INN-01:y PUB-01:o";
    assert_eq!(tally(), expected, "after single edits");

    // A bulk writer (merge, demo) makes the same row from the record, in whatever order the
    // record lists its answers.
    let mut record = s.load_hearing(h).expect("load");
    record.answers.reverse();
    let mut bulk = s.bulk().expect("bulk");
    bulk.replace(&Encoded::new(s.spec(), record))
        .expect("replace");
    bulk.commit().expect("commit");
    assert_eq!(tally(), expected, "after a bulk write");
}

/// A first hearing of a trial: court, judge, case number, two defendants with a charge each,
/// D1 in custody and in the cage at this hearing; it announced the next date `next`.
fn first_hearing_of_a_trial(s: &Store, next: &str) -> (Uuid, Uuid, [Uuid; 2]) {
    let h = s.new_hearing().expect("hearing");
    let case = s.load_hearing(h).expect("load").case.uuid;
    s.set_field(h, Entity::Hearing, h, "court", "dushanbe_city")
        .expect("court");
    s.set_field(h, Entity::Hearing, h, "judge_name", "Саидов А.Н.")
        .expect("judge");
    s.set_field(h, Entity::Hearing, h, "courtroom", "6")
        .expect("courtroom");
    s.set_field(h, Entity::Hearing, h, "next_hearing_date", next)
        .expect("next date");
    s.set_field(h, Entity::Case, case, "court_case_number", "1-245/26")
        .expect("number");
    let mut people = [Uuid::nil(); 2];
    for p in &mut people {
        let (party, hp) = s.add_party(h, "defendant").expect("party");
        let charge = s
            .add_record(h, Entity::Charge, Some(party))
            .expect("charge");
        s.set_field(h, Entity::Charge, charge, "article", "104")
            .expect("article");
        s.set_field(h, Entity::HearingParty, hp, "custody_status", "detained")
            .expect("custody");
        *p = party;
    }
    (h, case, people)
}

#[test]
fn the_next_hearing_of_a_trial_shares_its_people_and_starts_its_own_facts_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let (h1, case, people) = first_hearing_of_a_trial(&s, "2026-11-30");
    let first = s.load_hearing(h1).expect("first");

    let h2 = s.next_hearing(case).expect("next hearing");
    let second = s.load_hearing(h2).expect("second");
    assert_ne!(h1, h2);
    assert_eq!(second.case.uuid, case, "the same case record");
    assert_eq!(second.case.fields, first.case.fields);
    // The people and charges are the case's own rows: the same ids, nothing copied.
    let ids = |r: &crate::domain::HearingRecord| {
        let mut v: Vec<Uuid> = r.parties.iter().map(|p| p.uuid).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&second), ids(&first));
    assert_eq!(second.charges, first.charges);
    let mut expected = people.to_vec();
    expected.sort();
    assert_eq!(ids(&second), expected);
    let parties: i64 = s
        .conn
        .query_row("SELECT count(*) FROM parties", [], |r| r.get(0))
        .expect("count");
    assert_eq!(parties, 2, "no party was copied");
    // Each person has a row at the new hearing, with nothing observed yet.
    assert_eq!(second.hearing_parties.len(), 2);
    for hp in &second.hearing_parties {
        assert!(people.contains(&hp.party_uuid));
        assert!(hp.fields.is_empty(), "{:?}", hp.fields);
        assert!(first.hearing_parties.iter().all(|f| f.uuid != hp.uuid));
    }
    // Court, judge and courtroom carried over; the date is today's; nothing else is.
    let f = &second.hearing.fields;
    assert_eq!(f.get("court").map(String::as_str), Some("dushanbe_city"));
    assert_eq!(f.get("judge_name").map(String::as_str), Some("Саидов А.Н."));
    assert_eq!(f.get("courtroom").map(String::as_str), Some("6"));
    assert_eq!(f.get("hearing_date"), Some(&s.today()));
    assert_eq!(f.get("next_hearing_date"), None);
    assert_eq!(f.len(), 4, "{f:?}");
    // The carried values are editable, and editing them leaves the first hearing alone.
    s.set_field(h2, Entity::Hearing, h2, "judge_name", "Другой судья")
        .expect("edit");
    assert_eq!(
        s.load_hearing(h1)
            .expect("first")
            .hearing
            .fields
            .get("judge_name")
            .map(String::as_str),
        Some("Саидов А.Н.")
    );
    // The list's columns are filled for the new hearing, as for any other.
    let (court, date): (String, String) = s
        .conn
        .query_row(
            "SELECT court, hearing_date FROM hearings WHERE uuid = ?1",
            [h2.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("columns");
    assert_eq!((court.as_str(), date), ("dushanbe_city", s.today()));
}

#[test]
fn a_new_hearing_of_a_new_case_is_dated_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h = s.new_hearing().expect("hearing");
    let r = s.load_hearing(h).expect("load");
    assert_eq!(r.hearing.fields.get("hearing_date"), Some(&s.today()));
    assert!(r.parties.is_empty());
    let cases: i64 = s
        .conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("count");
    assert_eq!(cases, 1);
}

#[test]
fn the_next_hearing_of_a_case_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let err = s.next_hearing(Uuid::from_u128(42)).expect_err("refused");
    assert!(matches!(err, Error::NoSuchRecord(_)), "{err:?}");
    let hearings: i64 = s
        .conn
        .query_row("SELECT count(*) FROM hearings", [], |r| r.get(0))
        .expect("count");
    assert_eq!(hearings, 0);
}

#[test]
fn the_agenda_lists_the_date_the_latest_hearing_announced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let today = s.today();
    let (h1, case, _) = first_hearing_of_a_trial(&s, "2026-11-30");
    // A trial announced for a past date is not on the agenda.
    let old = s.new_hearing().expect("old");
    s.set_field(old, Entity::Hearing, old, "next_hearing_date", "2026-01-01")
        .expect("past");
    let agenda = s.agenda(&today, None).expect("agenda");
    assert_eq!(agenda.len(), 1, "{agenda:?}");
    assert_eq!(agenda[0].date, "2026-11-30");
    assert_eq!(agenda[0].trial.uuid, case);
    assert_eq!(agenda[0].trial.case_number, "1-245/26");
    assert_eq!(agenda[0].trial.court, "dushanbe_city");
    assert_eq!(agenda[0].trial.courtroom, "6");
    assert_eq!(agenda[0].trial.defendants, ["D1", "D2"]);
    assert_eq!(agenda[0].trial.latest, h1);
    // Limited to the days asked for.
    assert!(
        s.agenda(&today, Some("2026-11-29"))
            .expect("agenda")
            .is_empty()
    );
    // Once the next hearing is started, the date it replaces is gone; the date it announces
    // takes its place.
    let h2 = s.next_hearing(case).expect("next");
    assert!(s.agenda(&today, None).expect("agenda").is_empty());
    s.set_field(h2, Entity::Hearing, h2, "next_hearing_date", "2026-12-14")
        .expect("next date");
    let agenda = s.agenda(&today, None).expect("agenda");
    assert_eq!(agenda.len(), 1);
    assert_eq!(
        (agenda[0].date.as_str(), agenda[0].trial.hearings),
        ("2026-12-14", 2)
    );
}

#[test]
fn the_agenda_summarises_each_trial_as_the_case_view_does() {
    // The agenda reads a lone record's summary in its one query; it must say what
    // `case_summary` says, and list each trial (joined ones too) exactly once.
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let me = s.profile().expect("profile").clone();
    let spec = s.spec_arc();
    let tx = s.begin().expect("tx");
    for r in crate::demo::Generator::new(&spec, 11, 300, vec![me]) {
        s.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    let records: Vec<Uuid> = {
        let mut stmt = s.conn.prepare("SELECT uuid FROM cases").expect("sql");
        stmt.query_map([], |r| r.get::<_, String>(0))
            .expect("cases")
            .map(|id| Uuid::parse_str(&id.expect("row")).expect("uuid"))
            .collect()
    };
    // Join a few trials that are on the agenda with others, so both paths are taken.
    let on_agenda: Vec<Uuid> = s
        .agenda("0000-01-01", None)
        .expect("agenda")
        .iter()
        .map(|i| i.trial.uuid)
        .collect();
    assert!(on_agenda.len() >= 6, "{}", on_agenda.len());
    for pair in on_agenda.chunks(2).take(3) {
        s.join_cases(pair[0], pair[1]).expect("join");
    }
    let agenda = s.agenda("0000-01-01", None).expect("agenda");
    let mut expected = BTreeSet::new();
    for &r in &records {
        let t = s.case_summary(r).expect("summary");
        if !t.next_date.is_empty() {
            let mut members = t.members.clone();
            members.sort();
            expected.insert((t.next_date.clone(), members));
        }
    }
    let mut listed = BTreeSet::new();
    for item in &agenda {
        assert_eq!(
            item.trial,
            s.case_summary(item.trial.uuid).expect("summary")
        );
        assert_eq!(item.date, item.trial.next_date);
        let mut members = item.trial.members.clone();
        members.sort();
        assert!(
            listed.insert((item.date.clone(), members)),
            "listed twice: {item:?}"
        );
    }
    assert_eq!(listed, expected);
    assert!(agenda.iter().any(|i| i.trial.members.len() == 2));
    assert!(agenda.windows(2).all(|w| w[0].date <= w[1].date));
}

#[test]
fn the_case_picker_finds_a_trial_by_number_court_or_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let (h1, case, _) = first_hearing_of_a_trial(&s, "2026-11-30");
    s.set_field(
        h1,
        Entity::Hearing,
        h1,
        "narrative",
        "Свидетель Ҳакимов не явился",
    )
    .expect("narrative");
    let other = s.new_hearing().expect("other");
    let other_case = s.load_hearing(other).expect("load").case.uuid;
    let found = |q: &str| -> Vec<Uuid> {
        s.find_cases(q)
            .expect("find")
            .into_iter()
            .map(|c| c.uuid)
            .collect()
    };
    // Upcoming first, then recent.
    assert_eq!(found(""), [case, other_case]);
    assert_eq!(found("245"), [case]);
    assert_eq!(found("1-245/26"), [case]);
    // A court by its name in any language, and a word of a narrative however it is typed.
    assert_eq!(found("Душанбе"), [case]);
    assert_eq!(found("хакимов"), [case]);
    assert!(found("нет такого").is_empty());
}

#[test]
fn a_change_to_the_case_at_one_hearing_is_a_new_version_of_the_trials_final_hearings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let h1 = s.new_hearing().expect("hearing 1");
    complete(&s, h1);
    if let Err(p) = s.finalise(h1).expect("finalise") {
        panic!("did not finalise: {p:?}");
    }
    let sealed = s.load_hearing(h1).expect("h1");
    assert_eq!((sealed.hearing.version, sealed.hearing.sealed), (1, true));
    let h2 = s.next_hearing(sealed.case.uuid).expect("hearing 2");

    // A fact of this hearing only: the first hearing is untouched.
    s.set_field(h2, Entity::Hearing, h2, "courtroom", "6")
        .expect("courtroom");
    assert_eq!(s.load_hearing(h1).expect("h1").hearing, sealed.hearing);

    // A person added at the second hearing belongs to the case, so to the first hearing's
    // content too: it gets a new version, audited, whose hash is that of its content.
    s.set_edit_reason(h2, "a second defendant was brought in")
        .expect("reason");
    let (party, _) = s.add_party(h2, "defendant").expect("defendant");
    let after = s.load_hearing(h1).expect("h1");
    assert_eq!(after.hearing.version, 2);
    assert_eq!(after.hearing.parent_hash, sealed.hearing.content_hash);
    assert_eq!(
        after.hearing.content_hash,
        crate::domain::content_hash(&after)
    );
    assert!(after.parties.iter().any(|p| p.uuid == party));
    let audited: Vec<_> = after
        .audit
        .iter()
        .filter(|a| a.version == 2 && a.record_uuid == party)
        .collect();
    assert_eq!(audited.len(), 1, "{:?}", after.audit);
    assert_eq!(audited[0].reason, "a second defendant was brought in");
    // The draft itself is not versioned; further case edits stay in version 2 until sealed.
    s.set_field(h2, Entity::Party, party, "sex", "f")
        .expect("sex");
    let later = s.load_hearing(h1).expect("h1");
    assert_eq!(later.hearing.version, 2);
    assert_eq!(
        later.hearing.content_hash,
        crate::domain::content_hash(&later)
    );
    assert_eq!(s.load_hearing(h2).expect("h2").hearing.version, 0);
}

fn almaty() -> NewCourt {
    NewCourt {
        name: crate::spec::Text {
            ru: " Суд Медеуского района г. Алматы ".into(),
            ..Default::default()
        },
        level: "district_city".into(),
        region: String::new(),
        country: "Kazakhstan".into(),
    }
}

#[test]
fn a_court_a_monitor_adds_is_one_of_the_courts_from_then_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, path) = fresh(dir.path());
    let shipped = s.spec().courts.len();
    let c = s.add_court(&almaty()).expect("add");
    assert!(c.code.starts_with("user_"), "{}", c.code);
    assert_eq!(c.name.ru, "Суд Медеуского района г. Алматы", "trimmed");
    assert_eq!(
        c.added.as_ref().map(|a| a.by.clone()),
        s.profile().map(|m| m.uuid.to_string())
    );
    assert_eq!(s.spec().courts.len(), shipped + 1);
    assert!(s.spec().code_exists(crate::spec::COURT_LIST, &c.code));
    // A case in that court is found by the court filter.
    let h = s.new_hearing().expect("hearing");
    s.set_field(h, Entity::Hearing, h, "court", &c.code)
        .expect("the new court is a valid choice");
    let f = Filter {
        court: Some(c.code.clone()),
        ..Filter::default()
    };
    assert_eq!(s.count_hearings(&f).expect("count"), 1);
    // Two courts added with the same name are two courts.
    let twin = s.add_court(&almaty()).expect("add again");
    assert_ne!(twin.code, c.code);
    drop(s);
    let s = reopen(&path);
    assert_eq!(s.user_courts().expect("courts"), vec![c.clone(), twin]);
    assert_eq!(s.spec().courts.len(), shipped + 2);
    assert_eq!(
        s.spec()
            .code_label(crate::spec::COURT_LIST, &c.code, crate::spec::Lang::En),
        "Суд Медеуского района г. Алматы"
    );
}

#[test]
fn a_court_in_a_region_is_found_by_the_region_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = fresh(dir.path());
    let c = s
        .add_court(&NewCourt {
            name: crate::spec::Text {
                en: "Kuhistoni Mastchoh District Court".into(),
                ..Default::default()
            },
            level: "district_city".into(),
            region: "sughd".into(),
            country: String::new(),
        })
        .expect("add");
    let h = s.new_hearing().expect("hearing");
    s.set_field(h, Entity::Hearing, h, "court", &c.code)
        .expect("set");
    let region = |r: &str| Filter {
        region: Some(r.into()),
        ..Filter::default()
    };
    assert_eq!(s.count_hearings(&region("sughd")).expect("count"), 1);
    assert_eq!(s.count_hearings(&region("khatlon")).expect("count"), 0);
}

#[test]
fn a_court_is_not_added_without_a_name_a_place_or_a_known_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = fresh(dir.path());
    let shipped = s.spec().courts.len();
    let why = |s: &mut Store, c: NewCourt| match s.add_court(&c) {
        Err(Error::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let mut c = almaty();
    c.name = crate::spec::Text::default();
    assert!(why(&mut s, c).contains("no name"));
    let mut c = almaty();
    c.country = "  ".into();
    assert!(why(&mut s, c).contains("neither a region nor a country"));
    let mut c = almaty();
    c.level = "tribal".into();
    assert!(why(&mut s, c).contains("unknown court level"));
    assert_eq!(s.spec().courts.len(), shipped);
    assert!(s.user_courts().expect("courts").is_empty());
}

#[test]
fn receiving_a_court_twice_is_idempotent_and_a_clash_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = fresh(dir.path());
    let c = s.add_court(&almaty()).expect("add");
    let mut other = c.clone();
    other.code = "user_0000000000ff".into();
    let tx = s.begin().expect("tx");
    assert_eq!(
        s.receive_courts(&tx, &[c.clone(), other.clone()])
            .expect("receive"),
        1
    );
    assert_eq!(s.receive_courts(&tx, &[other.clone()]).expect("again"), 0);
    let mut changed = c.clone();
    changed.name.ru = "Другой суд".into();
    match s.receive_courts(&tx, &[changed]) {
        Err(Error::Invalid(m)) => {
            assert!(
                m.contains("Другой суд") && m.contains("nothing was merged"),
                "{m}"
            )
        }
        other => panic!("expected a clash, got {other:?}"),
    }
    tx.commit().expect("commit");
    s.reload_courts().expect("reload");
    assert_eq!(s.user_courts().expect("courts"), vec![c, other]);
}

#[test]
fn a_database_before_user_courts_upgrades_without_losing_anything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    let before = migrate::MIGRATIONS
        .iter()
        .position(|(n, _)| *n == "0010_user_courts.sql")
        .expect("the user courts migration is listed");
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        for (_, sql) in &migrate::MIGRATIONS[..before] {
            conn.execute_batch(sql).expect("schema");
        }
        conn.pragma_update(None, "user_version", before as i64)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO monitors (uuid, code, name, is_self, created_at)
                 VALUES ('00000000-0000-4000-8000-0000000000aa', 'M07', 'Old', 1, '2026-01-01T00:00:00Z');
             INSERT INTO cases (uuid, data, created_at, updated_at, case_number) VALUES
                 ('00000000-0000-4000-8000-0000000000c1', '{\"court_case_number\":\"1-2/26\"}', 't', 't', '1-2/26');
             INSERT INTO hearings (uuid, case_uuid, monitor_uuid, created_at, updated_at, hearing_date, court, data) VALUES
                 ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000aa', 't', 't', '2026-01-02', 'dushanbe_sino', '{\"court\":\"dushanbe_sino\"}');",
        )
        .expect("rows");
    }
    let mut s = reopen(&path);
    let v: i64 = s
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, SCHEMA_VERSION);
    assert_eq!(s.count_hearings(&Filter::default()).expect("count"), 1);
    let f = Filter {
        court: Some("dushanbe_sino".into()),
        ..Filter::default()
    };
    assert_eq!(s.count_hearings(&f).expect("count"), 1);
    assert!(s.user_courts().expect("courts").is_empty());
    s.add_court(&almaty())
        .expect("a court is added after the upgrade");
    assert_eq!(s.user_courts().expect("courts").len(), 1);
}

#[test]
fn a_database_of_schema_8_keeps_its_batches_and_numbers_redacted_ones_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v8.db");
    let me = "00000000-0000-0000-0000-0000000000aa";
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        for (_, sql) in &migrate::MIGRATIONS[..8] {
            conn.execute_batch(sql).expect("schema");
        }
        conn.pragma_update(None, "user_version", 8)
            .expect("version");
        // Batch 1 left unredacted, batch 2 redacted (it took a number of the lead's series).
        conn.execute_batch(&format!(
            "INSERT INTO monitors (uuid, code, name, is_self, created_at)
                 VALUES ('{me}', 'M07', 'Old', 1, '2026-01-01T00:00:00Z');
             INSERT INTO cases (uuid, data, created_at, updated_at) VALUES ('c1', '{{}}', 't', 't');
             INSERT INTO hearings (uuid, case_uuid, monitor_uuid, created_at, updated_at) VALUES
                 ('00000000-0000-0000-0000-000000000001', 'c1', '{me}', 't', 't');
             INSERT INTO batches_out (batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings) VALUES
                 ('00000000-0000-0000-0000-0000000000b1', '{me}', 1, 't', 'n1', 'all', 'analysis', 0, 1),
                 ('00000000-0000-0000-0000-0000000000b2', '{me}', 2, 't', 'n2', 'all', 'analysis', 1, 1);
             INSERT INTO exported_versions (hearing_uuid, content_hash, status, batch_id) VALUES
                 ('00000000-0000-0000-0000-000000000001', 'h1', 'final', '00000000-0000-0000-0000-0000000000b1');"
        ))
        .expect("rows");
    }
    let s = reopen(&path);
    let uuid = crate::store::parse_uuid(me).expect("uuid");
    assert_eq!(s.batches_out().expect("batches").len(), 2);
    assert_eq!(
        s.next_export_seq(uuid, false).expect("seq"),
        2,
        "the lead's series goes on from the last unredacted batch"
    );
    assert_eq!(s.next_export_seq(uuid, true).expect("seq"), 3);
    let kept: String = s
        .conn
        .query_row(
            "SELECT batch_id FROM exported_versions WHERE content_hash = 'h1'",
            [],
            |r| r.get(0),
        )
        .expect("exported version kept");
    assert_eq!(kept, "00000000-0000-0000-0000-0000000000b1");
    assert!(
        s.conn
            .execute(
                "INSERT INTO exported_versions (hearing_uuid, content_hash, status, batch_id)
                 VALUES ('00000000-0000-0000-0000-000000000001', 'h2', 'final', 'nowhere')
                 ON CONFLICT(hearing_uuid) DO UPDATE SET batch_id = excluded.batch_id",
                [],
            )
            .is_err(),
        "exported versions still refer to a batch that exists"
    );
    s.conn
        .execute(
            "INSERT INTO batches_out (batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings)
             VALUES ('00000000-0000-0000-0000-0000000000b3', ?1, 2, 't', 'n3', 'all', 'analysis', 0, 1)",
            [me],
        )
        .expect("an unredacted batch 2 beside the redacted one");
}

#[test]
fn a_batch_join_naming_another_pair_is_refused_and_a_split_is_taken_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let case = |s: &Store| {
        let h = s.new_hearing().expect("hearing");
        s.load_hearing(h).expect("load").case.uuid
    };
    let (a, b, c) = (case(&s), case(&s), case(&s));
    let id = s.join_cases(a, b).expect("join");
    let mut theirs = s.joins_of(&[a]).expect("joins").remove(0);
    // The same join id over another pair: a forged or broken batch, refused whole.
    theirs.other_uuid = c;
    let tx = s.begin().expect("tx");
    let err = s
        .receive_joins(&tx, &[theirs.clone()])
        .expect_err("refused");
    assert!(err.to_string().contains(&id.to_string()), "{err}");
    drop(tx);
    assert_eq!(s.trial_members(a).expect("members"), [a, b]);
    // The batch's split of the join in force here is taken, and only once.
    theirs.other_uuid = b;
    theirs.split_by = Some(theirs.joined_by);
    theirs.split_at = Some("2026-12-01T10:00:00+05:00".into());
    let tx = s.begin().expect("tx");
    let got = s.receive_joins(&tx, &[theirs.clone()]).expect("split");
    assert_eq!((got.added, got.split, got.waiting), (0, 1, 0));
    let again = s.receive_joins(&tx, &[theirs]).expect("again");
    assert_eq!(again, crate::store::JoinsReceived::default());
    tx.commit().expect("commit");
    assert_eq!(s.trial_members(a).expect("members"), [a]);
}

/// A join is its own audit record (migration 0015): who joined and when, who split and when;
/// the database refuses to delete it, to change it or to split it twice, and deleting the
/// only hearing of a joined record keeps the record. The case view lists both events.
#[test]
fn a_join_is_kept_with_who_and_when_and_the_case_view_lists_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let hearing_and_case = |s: &Store| {
        let h = s.new_hearing().expect("hearing");
        (h, s.load_hearing(h).expect("load").case.uuid)
    };
    let ((_, a), (hb, b)) = (hearing_and_case(&s), hearing_and_case(&s));
    let id = s.join_cases(a, b).expect("join");
    s.split_cases(id).expect("split");
    let refused = [
        "DELETE FROM case_joins",
        "UPDATE case_joins SET split_at = '2027-01-01T00:00:00+05:00'",
        "UPDATE case_joins SET joined_by = split_by",
    ];
    for sql in refused {
        let err = s.conn.execute(sql, []).expect_err(sql);
        assert!(
            err.to_string().contains("join of case records"),
            "{sql}: {err}"
        );
    }
    let again = s.join_cases(a, b).expect("joined again");
    s.delete_hearing(hb).expect("delete");
    assert_eq!(s.trial_members(a).expect("members"), [a, b]);
    let joins = s.joins_of(&[a]).expect("joins");
    assert_eq!(joins.len(), 2);
    let split = joins.iter().find(|j| j.uuid == id).expect("the split join");
    assert!(split.split_by.is_some() && split.split_at.is_some());
    assert!(
        joins
            .iter()
            .any(|j| j.uuid == again && j.split_at.is_none())
    );
    let trial = s.load_trial(a).expect("trial");
    assert_eq!(
        trial.joins.len(),
        2,
        "split joins are part of the trial's record"
    );
    let texts = crate::i18n::Texts::builtin().expect("texts");
    let text = crate::trial_text::text(s.spec(), &texts, &trial, Lang::En);
    let me = s.profile().expect("profile").code.clone();
    let tail = |id: Uuid| {
        let id = id.simple().to_string();
        id[id.len() - 8..].to_owned()
    };
    let pair = format!("{} + {}", tail(a), tail(b));
    assert_eq!(
        text.matches(&format!("Joined {pair} by {me}, ")).count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.matches(&format!("Split {pair} by {me}, ")).count(),
        1,
        "{text}"
    );
}

/// Issue 15: sorting the list by court followed the codes (`economic_supreme` before
/// `supreme_court`), not the names the list shows. It follows the names in the interface's
/// language now, hearings without a court first, on a read-only database too.
#[test]
fn sorting_by_court_follows_the_names_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, path) = fresh(dir.path());
    let mut ids = std::collections::HashMap::new();
    for court in [
        "economic_supreme",
        "supreme_court",
        "constitutional_court",
        "",
    ] {
        let h = s.new_hearing().expect("hearing");
        if !court.is_empty() {
            s.set_field(h, Entity::Hearing, h, "court", court)
                .expect("court");
        }
        ids.insert(h, court);
    }
    let order = |s: &Store, lang: Lang, descending: bool| -> Vec<&str> {
        s.name_courts_in(lang);
        let sort = Sort {
            column: SortColumn::Court,
            descending,
        };
        let (rows, total) = s
            .list_and_count(&Filter::default(), sort, 10, 0)
            .expect("list");
        assert_eq!(total, 4);
        assert_eq!(
            rows,
            s.list_hearings(&Filter::default(), sort, 10, 0)
                .expect("page")
        );
        rows.iter().map(|r| ids[&r.uuid]).collect()
    };
    // Constitutional Court…, Supreme Court…, Supreme Economic Court…
    let en = [
        "",
        "constitutional_court",
        "supreme_court",
        "economic_supreme",
    ];
    assert_eq!(order(&s, Lang::En, false), en);
    let mut reversed = en;
    reversed.reverse();
    assert_eq!(order(&s, Lang::En, true), reversed);
    // Верховный суд…, Высший экономический суд…, Конституционный суд…
    let ru = [
        "",
        "supreme_court",
        "economic_supreme",
        "constitutional_court",
    ];
    assert_eq!(order(&s, Lang::Ru, false), ru);
    drop(s);
    let ro =
        Store::open(&path, PASS, OpenMode::ReadOnly, spec(), Sources::fixed()).expect("read-only");
    assert_eq!(order(&ro, Lang::Ru, false), ru);
    assert_eq!(order(&ro, Lang::En, false), en);
}

#[test]
fn the_agenda_reads_announced_dates_on_their_index_and_later_hearings_on_the_case_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = fresh(dir.path());
    let p = plan(
        &s,
        super::cases::AGENDA_SQL,
        &[
            rusqlite::types::Value::Text("2026-12-01".into()),
            rusqlite::types::Value::Text("2026-12-31".into()),
        ],
    );
    assert!(p.contains("USING INDEX hearings_next_date"), "{p}");
    // The later-hearing check, the count and the first date: on the index, not the table.
    assert_eq!(
        p.matches("COVERING INDEX hearings_case (case_uuid=?)")
            .count(),
        3,
        "{p}"
    );
    assert!(p.contains("USING INDEX parties_case (case_uuid=?)"), "{p}");
    assert!(!p.contains("SCAN"), "{p}");
}
