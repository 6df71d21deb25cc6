//! Spelling: a Hunspell dictionary (en_US built in, or one found on the
//! computer), read only when a word needs it, and the words nudge trusts
//! without asking it: the words of its own letters, the journal's names and
//! the job seeker's `words.txt`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

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

/// How many applications' names one core reads at a time.
const SHARE: usize = 512;

/// Where a trusted word comes from (bits of [`TrustedWords`]' map).
const LETTERS: u8 = 1;
const JOURNAL: u8 = 2;
const PERSONAL: u8 = 4;

/// Words known to be right without a dictionary, lower-case, each with
/// where it comes from: the words of nudge's own letters (checked against
/// en_US by a test), the journal's names (companies, positions, contacts,
/// titles, the job seeker) and the words of `words.txt`.
#[derive(Clone, Debug, Default)]
pub struct TrustedWords {
    /// Keyed by the words' bytes, so that a word lower-cased on the stack
    /// is looked up as it is.
    words: foldhash::HashMap<Box<[u8]>, u8>,
}

impl TrustedWords {
    pub fn new(
        applications: &[Application],
        me: &BTreeMap<String, serde_json::Value>,
        personal: Option<&str>,
    ) -> TrustedWords {
        // The applications' names, a share of them on each core; the
        // shares' words are then put together.
        let mut trusted = applications
            .par_chunks(SHARE)
            .map(|share| {
                let mut trusted = TrustedWords::default();
                for app in share {
                    trusted.add_names(app);
                }
                trusted
            })
            .reduce(TrustedWords::default, TrustedWords::union);
        for (_, source) in letters::DEFAULTS {
            trusted.add(LETTERS, &without_expressions(source));
        }
        // What the `date` helper writes.
        trusted.add(LETTERS, DATE_WORDS);
        for value in me.values() {
            if let serde_json::Value::String(s) = value {
                trusted.add(JOURNAL, s);
            }
        }
        for line in personal.unwrap_or("").lines() {
            let line = line.trim();
            if !line.starts_with('#') {
                trusted.add(PERSONAL, line);
            }
        }
        trusted
    }

    /// The names of an application: company, position, contacts and their
    /// titles.
    fn add_names(&mut self, app: &Application) {
        self.add(JOURNAL, &app.company);
        if let Some(position) = &app.position {
            self.add(JOURNAL, position);
        }
        for c in &app.contacts {
            self.add(JOURNAL, &c.name);
            if let Some(title) = &c.title {
                self.add(JOURNAL, title);
            }
        }
    }

    /// The words of both, each with where it comes from in either.
    fn union(self, other: TrustedWords) -> TrustedWords {
        let (mut into, from) = if self.words.len() >= other.words.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (word, sources) in from.words {
            *into.words.entry(word).or_default() |= sources;
        }
        into
    }

    fn add(&mut self, from: u8, text: &str) {
        for w in text::tokens(text, 0..text.len()) {
            for word in [w.bare(), w.text] {
                with_key(word, |key| match self.words.get_mut(key) {
                    Some(sources) => *sources |= from,
                    None => {
                        self.words.insert(key.into(), from);
                    }
                });
            }
        }
    }

    /// Where a word comes from (0: not trusted).
    fn sources(&self, word: &str) -> u8 {
        with_key(word, |key| self.words.get(key).copied().unwrap_or(0))
    }
}

/// `word` as trusted words are kept: lower case, with straight apostrophes.
/// Most words are ASCII and short, and lower-cased on the stack.
fn with_key<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    match text::AsciiLower::new(word) {
        Some(lower) => f(lower.as_bytes()),
        None => f(normalise(word).to_lowercase().as_bytes()),
    }
}

/// The names of months and days, as the letters' `date` helper writes them.
pub(super) const DATE_WORDS: &str = "January February March April May June July August \
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

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

/// Curly apostrophes as straight ones.
fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        std::borrow::Cow::Owned(word.replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// How many suggestions a misspelt word gets.
const SUGGESTIONS: usize = 3;

/// A Hunspell dictionary as read, with a fixed seed for its word table:
/// with a random one, words with the same score are suggested in an order
/// that changes from run to run, and `nudge check` would not say the same
/// thing twice.
type Loaded = spellbook::Dictionary<foldhash::fast::FixedState>;

/// Reads a Hunspell dictionary.
fn load(aff: &str, dic: &str) -> Option<Loaded> {
    spellbook::Dictionary::new_with_hasher(aff, dic, foldhash::fast::FixedState::default()).ok()
}

/// Checks words: trusted ones at once, the others with the dictionary,
/// which is read the first time a word needs it.
pub struct Speller<'a> {
    dictionary: &'a Dictionary,
    trusted: TrustedWords,
    loaded: OnceLock<Option<Loaded>>,
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
    fn dictionary(&self) -> Option<&Loaded> {
        self.loaded
            .get_or_init(|| match self.dictionary {
                Dictionary::BuiltIn => load(EN_US_AFF, EN_US_DIC),
                Dictionary::Found { aff, dic, .. } => load(aff, dic),
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
        self.trusted.sources(word) != 0
    }

    /// A name from the journal or a word of `words.txt`.
    pub fn is_journal_word(&self, word: &str) -> bool {
        self.trusted.sources(word) & (JOURNAL | PERSONAL) != 0
    }

    /// A word of `words.txt`.
    pub fn is_personal(&self, word: &str) -> bool {
        self.trusted.sources(word) & PERSONAL != 0
    }

    /// Whether a lower-case word is an ordinary English word (so, written
    /// with a capital, it starts a sentence rather than names someone).
    pub fn is_english(&self, lower: &str) -> bool {
        self.trusted.sources(lower) & LETTERS != 0
            || self
                .dictionary()
                .is_some_and(|d| d.check(&normalise(lower)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_words_are_found_in_any_case() {
        let long = "Supercalifragilisticexpialidocious-Engineering";
        // "ǅ" is a title-case letter: neither upper nor lower case.
        let personal = format!("Kubernetes\nÉmile\ndon’t\nǅuro\n{long}\n");
        let trusted = TrustedWords::new(&[], &BTreeMap::new(), Some(&personal));
        for word in [
            "kubernetes",
            "Kubernetes",
            "KUBERNETES",
            "émile",
            "ÉMILE",
            "Don't",
            "DON’T",
            "ǅuro",
            "ǆuro",
            "ǄURO",
            long,
            &long.to_uppercase(),
        ] {
            assert_eq!(trusted.sources(word), PERSONAL, "{word}");
        }
        assert_eq!(trusted.sources("Kubernete"), 0);
        assert_eq!(trusted.sources("KUBERNETESX"), 0);
        // The words of nudge's own letters.
        assert_eq!(trusted.sources("Dear") & LETTERS, LETTERS);
    }

    #[test]
    fn names_read_on_every_core_are_the_names_read_in_turn() {
        let text = "---\ncompany: Black Mesa\nposition: Dear Researcher\ncontacts:\n  \
                    - name: Isaac Kleiner\n    title: Head of Research\n---\n";
        let crate::journal::parse::Parsed::Application(app) =
            crate::journal::parse::parse_file("a.md", text).parsed
        else {
            panic!("not an application");
        };
        // More applications than one share, some names in several.
        let applications: Vec<Application> = (0..3 * SHARE + 7)
            .map(|i| {
                let mut app = (*app).clone();
                app.company = format!("Company{} Labs", i % 700);
                app
            })
            .collect();
        let mut in_turn = TrustedWords::default();
        for app in &applications {
            in_turn.add_names(app);
        }
        let trusted = TrustedWords::new(&applications, &BTreeMap::new(), None);
        for (word, sources) in &in_turn.words {
            assert_eq!(trusted.words[word] & JOURNAL, *sources, "{word:?}");
        }
        let journal = trusted.words.values().filter(|s| *s & JOURNAL != 0).count();
        assert_eq!(journal, in_turn.words.len());
        assert_eq!(trusted.sources("company699"), JOURNAL);
        // A word of the letters and of a name is trusted as both.
        assert_eq!(trusted.sources("Dear"), JOURNAL | LETTERS);
    }

    #[test]
    fn suggestions_are_the_same_every_time() {
        // Misspellings with several corrections of the same score.
        let words = [
            "Isdecision",
            "HRthat",
            "IndustriesIs",
            "KleinrFrontend",
            "Ltdwhile",
            "aapi",
        ];
        let suggest = |dictionary: &Dictionary| {
            let speller = Speller::new(dictionary, TrustedWords::default(), true);
            words.map(|w| speller.suggestions(w))
        };
        let first = suggest(&Dictionary::BuiltIn);
        assert!(first.iter().all(|s| !s.is_empty()), "{first:?}");
        for _ in 0..3 {
            assert_eq!(suggest(&Dictionary::BuiltIn), first);
        }
    }
}
