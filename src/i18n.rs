//! User-interface strings in English, Russian and Tajik, from `assets/i18n/*.ftl` (Fluent, with
//! CLDR plural rules: Russian needs one/few/many).
//!
//! A missing message falls back to English, then to its key, so a gap shows as a visible key
//! rather than a crash; a test checks that every key exists in all three files.

use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::spec::Lang;

/// The embedded message files, by language.
pub(crate) const FILES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../assets/i18n/en.ftl")),
    (Lang::Ru, include_str!("../assets/i18n/ru.ftl")),
    (Lang::Tg, include_str!("../assets/i18n/tg.ftl")),
];

/// The loaded bundles.
pub struct Texts {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Texts")
    }
}

impl Texts {
    /// Loads the embedded files; returns every parse problem found.
    pub fn builtin() -> Result<Texts, Vec<String>> {
        let mut problems = Vec::new();
        let mut bundles = HashMap::new();
        for &(lang, src) in FILES {
            let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new(vec![id]);
            bundle.set_use_isolating(false);
            let resource = match FluentResource::try_new(src.to_owned()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    problems.extend(errors.iter().map(|e| format!("i18n/{lang}.ftl: {e:?}")));
                    r
                }
            };
            if let Err(errors) = bundle.add_resource(resource) {
                problems.extend(errors.iter().map(|e| format!("i18n/{lang}.ftl: {e:?}")));
            }
            bundles.insert(lang, bundle);
        }
        if problems.is_empty() {
            Ok(Texts { bundles })
        } else {
            Err(problems)
        }
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.bundles.get(&lang)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// The message `key` in `lang`.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
            .or_else(|| self.format(Lang::En, key, None))
            .unwrap_or_else(|| key.to_owned())
    }

    /// The embedded files, loaded once per thread, for messages made far from any screen (a
    /// batch's problems are said in English as they are found, and in the user's language
    /// where they are shown). Files that do not load give every message as its key; a test
    /// checks that they load.
    pub(crate) fn with_shared<T>(f: impl FnOnce(&Texts) -> T) -> T {
        thread_local! {
            static SHARED: Texts = Texts::builtin().unwrap_or_else(|_| Texts {
                bundles: HashMap::new(),
            });
        }
        SHARED.with(f)
    }

    /// Whether `typed` is the word that confirms an erase: `erase`, or the word of the
    /// interface language (`erase-word`), case and surrounding spaces aside.
    pub(crate) fn is_erase_word(&self, lang: Lang, typed: &str) -> bool {
        let typed = typed.trim().to_lowercase();
        !typed.is_empty()
            && (typed == "erase" || typed == self.t(lang, "erase-word").to_lowercase())
    }

    /// Whether `lang`'s file defines the message `key`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundles
            .get(&lang)
            .is_some_and(|b| b.get_message(key).and_then(|m| m.value()).is_some())
    }

    /// The message `key` in `lang` with arguments (numbers select plural forms).
    pub(crate) fn t_args(&self, lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fa.set(*name, FluentValue::from(*s)),
                Arg::Num(n) => fa.set(*name, FluentValue::from(*n)),
            }
        }
        self.format(lang, key, Some(&fa))
            .or_else(|| self.format(Lang::En, key, Some(&fa)))
            .unwrap_or_else(|| key.to_owned())
    }

    /// Message keys defined in one language's file.
    pub fn keys(src: &str) -> Vec<String> {
        src.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }
}

/// An argument of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

/// A message by its key in `assets/i18n/*.ftl` and its arguments, so that it can be said in
/// any language: a batch's problems are found far from any screen, and shown in the user's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, MsgArg)>,
}

/// An argument of a [`Msg`]: text as it is (a file name, a code, a value quoted), a number
/// (which chooses plural forms), another message said in the same language, or codes joined
/// by the language's «or» (`batch-or`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    Text(String),
    Num(i64),
    Msg(Msg),
    Or(Vec<String>),
}

impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Text(s)
    }
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Text(s.to_owned())
    }
}

impl From<&String> for MsgArg {
    fn from(s: &String) -> Self {
        MsgArg::Text(s.clone())
    }
}

impl From<Msg> for MsgArg {
    fn from(m: Msg) -> Self {
        MsgArg::Msg(m)
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> Self {
                MsgArg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(u8, u32, u64, usize, i32, i64);

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<MsgArg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang`.
    pub fn render(&self, texts: &Texts, lang: Lang) -> String {
        let nested: Vec<(&str, std::borrow::Cow<'_, str>, Option<i64>)> = self
            .args
            .iter()
            .map(|(name, a)| match a {
                MsgArg::Text(s) => (*name, s.as_str().into(), None),
                MsgArg::Num(n) => (*name, "".into(), Some(*n)),
                MsgArg::Msg(m) => (*name, m.render(texts, lang).into(), None),
                MsgArg::Or(all) => {
                    let or = format!(" {} ", texts.t(lang, "batch-or"));
                    (*name, all.join(&or).into(), None)
                }
            })
            .collect();
        let args: Vec<(&str, Arg<'_>)> = nested
            .iter()
            .map(|(name, s, n)| match n {
                Some(n) => (*name, Arg::Num(*n)),
                None => (*name, Arg::Str(s)),
            })
            .collect();
        texts.t_args(lang, self.key, &args)
    }
}

/// `msg!("key", name = value, …)`: a [`Msg`] with its arguments.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key)$(.with(stringify!($name), $value))*
    };
}

impl std::fmt::Display for Msg {
    /// The message in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Texts::with_shared(|t| self.render(t, Lang::En)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language() {
        let en = Texts::keys(FILES[0].1);
        assert!(en.len() > 20);
        for &(lang, src) in &FILES[1..] {
            let keys = Texts::keys(src);
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn the_files_parse_and_russian_plurals_agree() {
        let t = Texts::builtin().unwrap_or_else(|p| panic!("{p:?}"));
        let n = |n| {
            t.t_args(
                Lang::Ru,
                "list-count",
                &[("count", Arg::Num(n)), ("total", Arg::Num(n))],
            )
        };
        assert!(n(1).contains("заседание"), "{}", n(1));
        assert!(n(3).contains("заседания"), "{}", n(3));
        assert!(n(5).contains("заседаний"), "{}", n(5));
        assert!(n(21).contains("заседание"), "{}", n(21));
    }
}
