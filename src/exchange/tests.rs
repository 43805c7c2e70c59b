use std::collections::BTreeSet;

use super::rows::{ColumnKind, Table, layout};
use super::{guard, unguard};
use crate::spec::Spec;

fn spec() -> Spec {
    Spec::builtin().unwrap_or_else(|p| panic!("built-in spec: {p:?}"))
}

#[test]
fn the_formula_guard_is_undone_exactly() {
    for cell in [
        "",
        "=1+1",
        "+7",
        "-3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "'",
        "''x",
        "'=x",
        "plain",
        "a=b",
        "Судья",
    ] {
        assert_eq!(unguard(&guard(cell)), cell, "{cell:?}");
    }
    assert_eq!(guard("=1+1"), "'=1+1");
    assert_eq!(guard("plain"), "plain");
}

#[test]
fn field_columns_never_collide_with_key_columns_and_are_snake_case() {
    let spec = spec();
    for table in Table::ALL {
        let l = layout(&spec, table, &BTreeSet::new());
        let mut seen = BTreeSet::new();
        for c in &l.columns {
            assert!(
                seen.insert(c.name),
                "{}: column {} twice",
                table.name(),
                c.name
            );
            assert!(
                c.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}: column {} is not snake_case",
                table.name(),
                c.name
            );
        }
        assert!(matches!(l.columns[0].kind, ColumnKind::Key(_)));
        assert_eq!(l.columns[0].name, "uuid");
    }
}
