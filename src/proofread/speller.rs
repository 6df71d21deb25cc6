//! Spelling: a Hunspell dictionary (en_US built in, or one found on the
//! computer), read only when a word needs it, and the words nudge trusts
//! without asking it: the words of its own letters, the journal's names and
//! the job seeker's `words.txt`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use super::text;
use crate::model::Application;
use crate::render::letters;

/// The dictionary nudge carries: Hunspell's en_US from SCOWL (see
/// `dictionaries/en_US.COPYRIGHT`).
const EN_US_AFF: &str = include_str!("../../dictionaries/en_US.aff");
const EN_US_DIC: &str = include_str!("../../dictionaries/en_US.dic");

/// The dictionary to check spelling with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Dictionary {
    /// en_US, inside nudge.
    #[default]
    BuiltIn,
    /// A Hunspell dictionary found on the computer.
    Found {
        name: String,
        aff: String,
        dic: String,
    },
    /// The dictionary the config names was not found (or not looked for
    /// yet), in these folders.
    Missing {
        name: String,
        looked_in: Vec<String>,
    },
    /// Spelling is not checked (`dictionary: false`).
    Off,
}

impl Dictionary {
    /// The dictionary a config asks for, before any is looked for on disk.
    pub fn wanted(name: Option<&str>) -> Dictionary {
        match name {
            None => Dictionary::Off,
            Some(crate::config::BUILT_IN_DICTIONARY) => Dictionary::BuiltIn,
            Some(name) => Dictionary::Missing {
                name: name.to_owned(),
                looked_in: Vec::new(),
            },
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Dictionary::BuiltIn => crate::config::BUILT_IN_DICTIONARY,
            Dictionary::Found { name, .. } | Dictionary::Missing { name, .. } => name,
            Dictionary::Off => "",
        }
    }
}

/// Words known to be right without a dictionary, lower-case.
#[derive(Clone, Debug, Default)]
pub struct TrustedWords {
    /// The words of nudge's own letters (checked against en_US by a test).
    letters: HashSet<String>,
    /// The journal's names (companies, positions, contacts, titles, the job
    /// seeker).
    journal: HashSet<String>,
    /// The words of `words.txt`.
    personal: HashSet<String>,
}

impl TrustedWords {
    pub fn new(
        applications: &[Application],
        me: &BTreeMap<String, serde_json::Value>,
        personal: Option<&str>,
    ) -> TrustedWords {
        let mut letters_words = HashSet::new();
        for (_, source) in letters::DEFAULTS {
            add_words(&mut letters_words, &without_expressions(source));
        }
        let mut journal = HashSet::new();
        for app in applications {
            add_words(&mut journal, &app.company);
            if let Some(position) = &app.position {
                add_words(&mut journal, position);
            }
            for c in &app.contacts {
                add_words(&mut journal, &c.name);
                if let Some(title) = &c.title {
                    add_words(&mut journal, title);
                }
            }
        }
        for value in me.values() {
            if let serde_json::Value::String(s) = value {
                add_words(&mut journal, s);
            }
        }
        let mut personal_words = HashSet::new();
        for line in personal.unwrap_or("").lines() {
            let line = line.trim();
            if !line.starts_with('#') {
                add_words(&mut personal_words, line);
            }
        }
        TrustedWords {
            letters: letters_words,
            journal,
            personal: personal_words,
        }
    }
}

/// A template's text without its `{{...}}` expressions.
pub(super) fn without_expressions(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = rest[open..]
            .find("}}")
            .map_or("", |close| &rest[open + close + 2..]);
    }
    out.push_str(rest);
    out
}

fn add_words(set: &mut HashSet<String>, text: &str) {
    let words = text::tokens(text, 0..text.len());
    for w in words {
        set.insert(normalise(w.bare()).to_lowercase());
        set.insert(normalise(w.text).to_lowercase());
    }
}

/// Curly apostrophes as straight ones.
fn normalise(word: &str) -> String {
    word.replace('’', "'")
}

/// How many suggestions a misspelt word gets.
const SUGGESTIONS: usize = 3;

/// Checks words: trusted ones at once, the others with the dictionary,
/// which is read the first time a word needs it.
pub struct Speller<'a> {
    dictionary: &'a Dictionary,
    trusted: TrustedWords,
    loaded: OnceLock<Option<spellbook::Dictionary>>,
    suggest: bool,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
}

impl<'a> Speller<'a> {
    /// A speller; `suggest` asks for corrections of misspelt words (slow:
    /// for `check` and `explain`, not for the report).
    pub fn new(dictionary: &'a Dictionary, trusted: TrustedWords, suggest: bool) -> Self {
        Speller {
            dictionary,
            trusted,
            loaded: OnceLock::new(),
            suggest,
            suggestions: Mutex::new(HashMap::new()),
        }
    }

    /// The dictionary, read on first use; `None` when there is none or it
    /// cannot be read.
    fn dictionary(&self) -> Option<&spellbook::Dictionary> {
        self.loaded
            .get_or_init(|| match self.dictionary {
                Dictionary::BuiltIn => spellbook::Dictionary::new(EN_US_AFF, EN_US_DIC).ok(),
                Dictionary::Found { aff, dic, .. } => spellbook::Dictionary::new(aff, dic).ok(),
                Dictionary::Missing { .. } | Dictionary::Off => None,
            })
            .as_ref()
    }

    /// The dictionary's name, for messages.
    pub fn name(&self) -> &str {
        self.dictionary.name()
    }

    /// Why spelling could not be checked, when it was wanted: the named
    /// dictionary is missing or unreadable.
    pub fn not_checked(&self) -> Option<String> {
        match self.dictionary {
            Dictionary::Off | Dictionary::BuiltIn => None,
            Dictionary::Missing { name, looked_in } => Some(if looked_in.is_empty() {
                format!("no Hunspell dictionary {name} was found")
            } else {
                format!(
                    "no Hunspell dictionary {name} was found (looked in {})",
                    looked_in.join(", ")
                )
            }),
            Dictionary::Found { name, .. } => self
                .loaded
                .get()
                .is_some_and(Option::is_none)
                .then(|| format!("the Hunspell dictionary {name} could not be read")),
        }
    }

    /// A word of nudge's letters, of the journal's names or of `words.txt`.
    pub fn is_trusted(&self, word: &str) -> bool {
        let lower = normalise(word).to_lowercase();
        self.trusted.letters.contains(&lower)
            || self.trusted.journal.contains(&lower)
            || self.trusted.personal.contains(&lower)
    }

    /// A name from the journal or a word of `words.txt` (lower-case).
    pub fn is_journal_word(&self, lower: &str) -> bool {
        let lower = normalise(lower);
        self.trusted.journal.contains(&lower) || self.trusted.personal.contains(&lower)
    }

    /// A word of `words.txt` (lower-case).
    pub fn is_personal(&self, lower: &str) -> bool {
        self.trusted.personal.contains(&normalise(lower))
    }

    /// Whether a lower-case word is an ordinary English word (so, written
    /// with a capital, it starts a sentence rather than names someone).
    pub fn is_english(&self, lower: &str) -> bool {
        let lower = normalise(lower);
        self.trusted.letters.contains(&lower) || self.dictionary().is_some_and(|d| d.check(&lower))
    }

    /// Whether the dictionary knows the word (each part of a hyphenated
    /// one); `None` without a dictionary.
    pub fn check(&self, word: &str) -> Option<bool> {
        let dictionary = self.dictionary()?;
        let word = normalise(word);
        Some(
            dictionary.check(&word)
                || (word.contains('-')
                    && word
                        .split('-')
                        .all(|part| part.is_empty() || dictionary.check(part))),
        )
    }

    /// Up to three corrections for a misspelt word, when asked for.
    pub fn suggestions(&self, word: &str) -> Vec<String> {
        if !self.suggest {
            return Vec::new();
        }
        let Some(dictionary) = self.dictionary() else {
            return Vec::new();
        };
        if let Ok(cache) = self.suggestions.lock()
            && let Some(found) = cache.get(word)
        {
            return found.clone();
        }
        let mut found = Vec::new();
        dictionary.suggest(&normalise(word), &mut found);
        // "especial y" is no help: one-word corrections only.
        found.retain(|s| !s.contains(' '));
        found.truncate(SUGGESTIONS);
        if let Ok(mut cache) = self.suggestions.lock() {
            cache.insert(word.to_owned(), found.clone());
        }
        found
    }
}
