//! Who a report must not name (domain.md §4.5): every person whose name is recorded and who
//! has not consented to be named in reports (`not_asked` counts as no, and a withdrawal
//! counts from its date), and every judge (judges give no consent in courtwatch; reports
//! number them, except a report asked to name them, which is sealed by default). `check` is the last line of defence: a report in which one of these names
//! still appears is not written.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::store::Store;

/// Names shorter than this (in characters) are not matched: they would match ordinary words.
const MIN_NAME: usize = 4;

/// The names a report must not print, lower-cased, found by their first word.
#[derive(Debug, Default)]
pub struct Protected {
    by_first_word: HashMap<String, Vec<String>>,
}

impl Protected {
    /// Parties with a recorded name but no standing consent to be named, and the judges.
    pub fn load(store: &Store) -> Result<Protected> {
        let mut p = Protected::load_parties(store)?;
        for judge in store.judge_names()? {
            p.add(&judge);
        }
        Ok(p)
    }

    /// Parties with a recorded name but no standing consent to be named: what a report that
    /// names judges (sealed, for the legal aid group) must still not print.
    pub fn load_parties(store: &Store) -> Result<Protected> {
        let mut p = Protected::default();
        for name in store.unconsented_names()? {
            p.add(&name);
        }
        Ok(p)
    }

    /// Adds a name not to print.
    pub fn add(&mut self, name: &str) {
        let name = words(name)
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        if name.chars().count() < MIN_NAME || name == "unknown" {
            return;
        }
        if let Some(first) = name.split(' ').next() {
            let list = self.by_first_word.entry(first.to_owned()).or_default();
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }

    /// The first protected name found in `text` (whole words, any case, any spacing). The
    /// text is scanned in place, one word at a time: a report of every breakdown is many
    /// megabytes, and a copy of it as one string per word took more memory than the rest of
    /// the report.
    pub fn find(&self, text: &str) -> Option<&str> {
        let mut lower = String::new();
        let mut rest = words(text);
        while let Some(word) = rest.next() {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let Some(names) = self.by_first_word.get(lower.as_str()) else {
                continue;
            };
            for name in names {
                let mut ahead = rest.clone();
                if name
                    .split(' ')
                    .skip(1)
                    .all(|part| ahead.next().is_some_and(|w| same_lowered(w, part)))
                {
                    return Some(name);
                }
            }
        }
        None
    }

    /// An error when `text` names a protected person; nothing is then written.
    pub fn check(&self, text: &str) -> Result<()> {
        match self.find(text) {
            None => Ok(()),
            Some(_) => Err(Error::Invalid(
                "the report would name a person who has not consented to be named in reports; \
                 nothing was written"
                    .into(),
            )),
        }
    }
}

/// The words of a text: runs of letters and digits, as slices of it.
fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `word` lower-cased is `lowered`, without making the lower-case copy.
fn same_lowered(word: &str, lowered: &str) -> bool {
    word.chars()
        .flat_map(char::to_lowercase)
        .eq(lowered.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words_in_any_case_and_spacing() {
        let mut p = Protected::default();
        p.add("Rustam  Nazarov");
        p.add("Шарипов А.Б.");
        p.add("Ali"); // too short to match safely
        assert_eq!(p.find("<td>rustam nazarov</td>"), Some("rustam nazarov"));
        assert_eq!(p.find("Судья: ШАРИПОВ А. Б."), Some("шарипов а б"));
        assert_eq!(p.find("Rustam Nazarovich"), None);
        assert_eq!(p.find("Alimony and Ali"), None);
        // A name split over lines, after its first word alone.
        p.add("Rustam Karimov");
        assert_eq!(p.find("Rustam Rustam\n  KARIMOV!"), Some("rustam karimov"));
        assert_eq!(p.find("Rustam"), None, "a first word alone is no name");
        assert!(p.check("nobody here").is_ok());
        assert!(p.check("Judge Rustam Nazarov").is_err());
    }
}
