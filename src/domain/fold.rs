//! Folding text for matching, shared by the full-text search of hearings (`store::search`)
//! and the choice lists of the interface: a word is found however it was typed.

/// Folds text for matching: lower case, `ё` as `е`, and the Tajik letters as the Russian
/// letters monitors type them with on a Russian keyboard (`ҳ` х, `қ` к, `ғ` г, `ҷ` ч, `ӣ` и,
/// `ӯ` у), so a word is found however it was typed.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            'ҳ' => 'х',
            'қ' => 'к',
            'ғ' => 'г',
            'ҷ' => 'ч',
            'ӣ' => 'и',
            'ӯ' => 'у',
            c => c,
        })
        .collect()
}
