//! The arrangement by right: treaty articles from the legal references the checklist items
//! carry (`reference = "ICCPR 14(1); GC32 §28"` in `assets/forms/checklist.toml`).
//!
//! Each item appears under every treaty article it cites (ICCPR, CAT, CRC; CEDAW general
//! recommendations as their own sections), articles in treaty order then by number. Items
//! citing no treaty article go under «other standards». The other groups of figures follow,
//! each under the article it measures (`GROUP_ARTICLES`), or as its own section when it
//! measures no one article (counts, outcomes, data quality, and any group added later).

use std::collections::BTreeMap;

use crate::i18n::Texts;
use crate::spec::{Lang, Spec};
use crate::stats::{Figure, Labels, Stats};

/// Treaties whose articles become sections, in the order reports list them.
const TREATIES: [&str; 4] = ["ICCPR", "CAT", "CRC", "CEDAW"];

/// The article each non-checklist group of figures measures.
const GROUP_ARTICLES: &[(&str, &str)] = &[
    ("timeliness", "ICCPR 14(3)(c)"),
    ("openness", "ICCPR 14(1)"),
    ("innocence", "ICCPR 14(2)"),
    ("defence", "ICCPR 14(3)(d)"),
    ("language", "ICCPR 14(3)(f)"),
    ("torture", "CAT 15"),
    ("gbv", "CEDAW GR 33"),
];

/// A treaty article: the treaty's index in `TREATIES`, the article's numbers for sorting
/// (`14(3)(d)` → 14, 3) and how it is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Article {
    treaty: usize,
    number: u32,
    paragraph: u32,
    pub text: String,
}

fn number(s: &str) -> u32 {
    s.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// The groups of `14(3)(a)`: `["(3)", "(a)"]`.
fn groups(s: &str) -> Vec<&str> {
    s.split_inclusive(')')
        .filter_map(|g| g.find('(').map(|i| &g[i..]))
        .collect()
}

/// `continued("ICCPR 14(3)(a)", "(f)")` is `14(3)(f)`: the continuation replaces the
/// previous article's groups from the first one of the same kind (number or letter).
fn continued(prev: &str, piece: &str) -> String {
    let prev = prev.rsplit(' ').next().unwrap_or(prev);
    let number = &prev[..prev.find('(').unwrap_or(prev.len())];
    let numeric = |g: &str| g[1..].starts_with(|c: char| c.is_ascii_digit());
    let kind = groups(piece).first().is_some_and(|g| numeric(g));
    let mut out = number.to_owned();
    for g in groups(prev) {
        if numeric(g) == kind {
            break;
        }
        out.push_str(g);
    }
    out.push_str(piece);
    out
}

/// The treaty articles one reference cites: `ICCPR 14(1),(3)(e)` gives `ICCPR 14(1)` and
/// `ICCPR 14(3)(e)`; `CAT 12, 13, 16` gives three; `CEDAW GR 33/35` two general
/// recommendations; `GC32 §28`, `Bangalore 2` and national law none.
pub fn articles(reference: &str) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for part in reference.split(';') {
        let part = part.trim();
        let Some((treaty, rest)) = part.split_once(' ') else {
            continue;
        };
        let Some(t) = TREATIES.iter().position(|x| *x == treaty) else {
            continue;
        };
        let (prefix, rest) = match rest.strip_prefix("GR ") {
            Some(r) => ("GR ", r),
            None => ("", rest),
        };
        // Drop a trailing comment: `2 (legal safeguards)`.
        let rest = rest.split(" (").next().unwrap_or(rest);
        for piece in rest.split([',', '/']) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            // `(5)` after `14(1)` is paragraph 5 of the same article; `(f)` after
            // `14(3)(a)` is item (f) of the same paragraph.
            let text = if piece.starts_with('(') {
                match out.last() {
                    Some(prev) => continued(&prev.text, piece),
                    None => continue,
                }
            } else if piece.starts_with(|c: char| c.is_ascii_digit()) {
                piece.to_owned()
            } else {
                continue;
            };
            let n = number(&text);
            let paragraph = text
                .split_once('(')
                .map_or(0, |(_, p)| number(p.trim_start_matches('(')));
            out.push(Article {
                treaty: t,
                number: n,
                paragraph,
                text: format!("{treaty} {prefix}{text}"),
            });
        }
    }
    out
}

/// One section of the arrangement by right.
pub struct RightSection<'a> {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub figures: Vec<&'a Figure>,
}

/// The sections by right for these figures.
pub fn sections<'a>(spec: &Spec, texts: &Texts, lang: Lang, s: &'a Stats) -> Vec<RightSection<'a>> {
    let names = Labels { spec, texts, lang };
    let mut by_article: BTreeMap<Article, Vec<&'a Figure>> = BTreeMap::new();
    let mut other: Vec<&'a Figure> = Vec::new();
    let mut groups_after: Vec<(String, Vec<&'a Figure>)> = Vec::new();
    for g in &s.groups {
        if g.id == "checklist" {
            for f in &g.figures {
                let reference =
                    f.id.strip_prefix("checklist.")
                        .and_then(|code| spec.checklist.item(code))
                        .map_or("", |(_, i)| i.reference.as_str());
                let arts = articles(reference);
                if arts.is_empty() {
                    other.push(f);
                }
                for a in arts {
                    let list = by_article.entry(a).or_default();
                    if !list.iter().any(|x| x.id == f.id) {
                        list.push(f);
                    }
                }
            }
            continue;
        }
        match GROUP_ARTICLES.iter().find(|(id, _)| *id == g.id) {
            Some((_, art)) => {
                if let Some(a) = articles(art).into_iter().next() {
                    by_article.entry(a).or_default().extend(g.figures.iter());
                }
            }
            None => groups_after.push((g.id.to_owned(), g.figures.iter().collect())),
        }
    }
    let mut out: Vec<RightSection<'a>> = by_article
        .into_iter()
        .map(|(a, figures)| RightSection {
            id: a.text.replace(' ', "-"),
            subtitle: Some(texts.t(lang, &format!("report-treaty-{}", TREATIES[a.treaty]))),
            title: a.text,
            figures,
        })
        .collect();
    if !other.is_empty() {
        out.push(RightSection {
            id: "other-standards".into(),
            title: texts.t(lang, "report-other-standards"),
            subtitle: None,
            figures: other,
        });
    }
    out.extend(groups_after.into_iter().map(|(id, figures)| RightSection {
        title: names.group(&id),
        id,
        subtitle: None,
        figures,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(reference: &str) -> Vec<String> {
        articles(reference).into_iter().map(|a| a.text).collect()
    }

    #[test]
    fn references_give_their_treaty_articles() {
        assert_eq!(texts("ICCPR 14(1); GC32 §28"), ["ICCPR 14(1)"]);
        assert_eq!(
            texts("ICCPR 14(1),(3)(e)"),
            ["ICCPR 14(1)", "ICCPR 14(3)(e)"]
        );
        assert_eq!(
            texts("ICCPR 14(3)(a),(f)"),
            ["ICCPR 14(3)(a)", "ICCPR 14(3)(f)"]
        );
        assert_eq!(
            texts("CAT 12, 13, 16; ICCPR 7"),
            ["CAT 12", "CAT 13", "CAT 16", "ICCPR 7"]
        );
        assert_eq!(texts("CAT 2 (legal safeguards)"), ["CAT 2"]);
        assert_eq!(texts("CEDAW GR 33/35"), ["CEDAW GR 33", "CEDAW GR 35"]);
        assert_eq!(texts("CRC 40(2)(b)(vii)"), ["CRC 40(2)(b)(vii)"]);
        assert!(texts("Bangalore 2, 5; BPIJ 2; CPC").is_empty());
    }

    #[test]
    fn articles_sort_by_treaty_then_number() {
        let mut a = articles("CAT 15; ICCPR 14(3)(d); ICCPR 9(3); ICCPR 14(1)");
        a.sort();
        let t: Vec<&str> = a.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(t, ["ICCPR 9(3)", "ICCPR 14(1)", "ICCPR 14(3)(d)", "CAT 15"]);
    }

    #[test]
    fn every_checklist_item_is_placed_and_the_treaties_are_cited() {
        let spec = Spec::builtin().expect("spec");
        let mut cited = 0;
        for (_, item) in spec.checklist.items() {
            cited += usize::from(!articles(&item.reference).is_empty());
        }
        assert!(cited > 40, "only {cited} items cite a treaty article");
    }
}
