//! Proofreading a letter before it goes out (SPEC §1 "Proofread": spelling,
//! names and titles exactly right). Every draft is read the way a careful
//! friend would read it — nudge's own text and the job seeker's edits of it
//! alike — against what the application says: its company, position and
//! contacts. Pure: the dictionary comes in as text, the findings go out as
//! byte ranges of the draft.
//!
//! What is looked for:
//! - names: a near miss of a contact's name or of the company ("Klein" for
//!   Kleiner, "Black Mesa Inc" for Black Mesa, "Isaac Vance"), the greeting
//!   of another contact than the letter's recipient, a job title beside a
//!   contact's name that is not their `title`;
//! - placeholders left in: `[...]`, `<...>`, `TODO`, `TBD`, `FIXME`, `XXX`,
//!   `{{`, `}}`;
//! - length: an empty letter, a thank-you over the word limit, a follow-up
//!   over the paragraph limit;
//! - typing slips: a doubled word, a sentence that starts lower-case, two
//!   spaces between sentences where the rest of the letter uses one;
//! - spelling, with a Hunspell dictionary, ignoring the journal's names,
//!   the words of `words.txt`, e-mail addresses and links.

mod speller;
mod text;

use std::collections::BTreeSet;
use std::ops::Range;

pub use speller::{Dictionary, Speller, TrustedWords};
use text::{Letter, Word, is_capitalised, is_one_of, near_miss, same};

use crate::config::Proofread as Limits;
use crate::model::{ActionKind, Application, Contact, is_honorific};

/// "1 note", "3 notes": how the proofreader's notes are counted wherever
/// they are shown.
pub fn count(notes: usize) -> String {
    match notes {
        1 => "1 note".to_owned(),
        n => format!("{n} notes"),
    }
}

/// One thing the proofreader noticed, at a byte range of the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            range,
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What a letter must get right: the application it belongs to and who it
/// is for.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub app: &'a Application,
    /// The letter's recipient; `None` for a letter to the company's team.
    pub recipient: Option<&'a Contact>,
    pub kind: ActionKind,
}

/// Words that join the words of a job title ("Head of Research").
const CONNECTORS: [&str; 5] = ["of", "and", "&", "for", "the"];

/// Words that make a run of capitalised words a job title.
const TITLE_WORDS: [&str; 31] = [
    "head",
    "director",
    "manager",
    "lead",
    "chief",
    "officer",
    "president",
    "vp",
    "engineer",
    "recruiter",
    "partner",
    "principal",
    "coordinator",
    "specialist",
    "architect",
    "founder",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "scientist",
    "researcher",
    "designer",
    "analyst",
    "consultant",
    "advisor",
    "editor",
    "professor",
    "owner",
    "administrator",
    "supervisor",
];

/// The endings of a company's legal name.
const COMPANY_SUFFIXES: [&str; 17] = [
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "ag",
    "plc",
    "sa",
    "sas",
    "bv",
    "ab",
    "pty",
];

/// Reads a draft (`text`, without a byte-order mark) and lists what a
/// careful reader would point out, in the order they appear.
pub fn proofread(
    text: &str,
    facts: &Facts<'_>,
    limits: &Limits,
    speller: &Speller<'_>,
) -> Vec<Finding> {
    let letter = Letter::read(text);
    let mut out = Vec::new();
    let words = letter.words(text);
    let content = letter.content_words(&words);
    if content.is_empty() {
        let at = letter.body.start..letter.body.start;
        out.push(
            Finding::new(at, "the letter is empty")
                .help("write the letter below the front-matter, or delete the draft"),
        );
    }
    for region in letter.subject.iter().chain([&letter.body]) {
        placeholders(text, region.clone(), &mut out);
    }
    placeholder_words(&words, &mut out);
    length(text, &letter, content, facts.kind, limits, &mut out);
    let mut flagged = BTreeSet::new();
    let names = Names::of(facts.app);
    let ids = names.ids(&words);
    names.single_words(&words, &ids, speller, &mut flagged, &mut out);
    names.phrases(text, &words, &ids, speller, &mut flagged, &mut out);
    names.titles(text, &words, &mut out);
    greeting(&letter, &words, facts, &names, &mut out);
    doubled(text, &words, &mut out);
    sentence_starts(text, &letter, &words, &mut out);
    spacing(text, &words, &mut out);
    spelling(&words, speller, &flagged, &mut out);
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out.dedup_by(|a, b| a.range == b.range && a.message == b.message);
    out
}

/// `[...]`, `<...>`, `{{`, `}}` and the words `TODO`, `TBD`, `FIXME`, `XXX`:
/// spots meant to be filled in before sending.
fn placeholders(text: &str, region: Range<usize>, out: &mut Vec<Finding>) {
    let slice = &text[region.clone()];
    // The four marks are ASCII, so they are looked for as bytes: the next
    // `[`, `<` or `{`, and the next `}`, each looked for again only once
    // passed, so that the letter is read once whatever marks it has.
    let bytes = slice.as_bytes();
    let find_open =
        |from: usize| memchr::memchr3(b'[', b'<', b'{', &bytes[from..]).map(|n| from + n);
    let find_close = |from: usize| memchr::memchr(b'}', &bytes[from..]).map(|n| from + n);
    let (mut open, mut close) = (find_open(0), find_close(0));
    // The next `}}` (`usize::MAX`: none) and the next line end, for `{{`,
    // looked for again only once passed too: a long line of braces is
    // read once, not once per brace.
    let pair = memchr::memmem::Finder::new("}}");
    let find_pair = |from: usize| pair.find(&bytes[from..]).map_or(usize::MAX, |n| from + n);
    let find_line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n);
    let (mut next_pair, mut line_end) = (find_pair(0), find_line_end(0));
    let mut i = 0;
    loop {
        if open.is_some_and(|at| at < i) {
            open = find_open(i);
        }
        if close.is_some_and(|at| at < i) {
            close = find_close(i);
        }
        i = match (open, close) {
            (Some(a), Some(b)) => a.min(b),
            (Some(next), None) | (None, Some(next)) => next,
            (None, None) => break,
        };
        let rest = &slice[i..];
        let braces = || {
            // The whole `{{...}}` when it closes on the same line.
            if next_pair < i + 2 {
                next_pair = find_pair(i + 2);
            }
            if line_end < i {
                line_end = find_line_end(i);
            }
            if rest.starts_with("{{") && next_pair < line_end {
                next_pair + 2 - i
            } else {
                2
            }
        };
        match mark(rest, region.start + i, braces) {
            Some(finding) => {
                i += finding.range.len();
                out.push(finding);
            }
            // Each mark is one byte.
            None => i += 1,
        }
    }
}

/// What the mark (`[`, `<`, `{` or `}`) at the start of `rest`, at `at` in
/// the draft, leaves in the letter: template braces, as long as `braces`
/// says when `rest` starts with `{{` or `}}`; a placeholder in brackets; or
/// nothing.
fn mark(rest: &str, at: usize, braces: impl FnOnce() -> usize) -> Option<Finding> {
    let help = "fill it in or delete it before you send the letter";
    if rest.starts_with("{{") || rest.starts_with("}}") {
        let len = braces();
        return Some(
            Finding::new(at..at + len, "template braces are left in the letter").help(help),
        );
    }
    if !rest.starts_with(['[', '<']) {
        return None;
    }
    let len = bracketed(rest)?;
    let shown = &rest[..len];
    Some(Finding::new(at..at + len, format!("a placeholder is left in: {shown}")).help(help))
}

/// The words `TODO`, `TBD`, `FIXME`, `XXX`.
fn placeholder_words(words: &[Word<'_>], out: &mut Vec<Finding>) {
    for word in words {
        if matches!(word.text, "TODO" | "TBD" | "FIXME" | "XXX") {
            out.push(
                Finding::new(
                    word.range(),
                    format!("a placeholder is left in: {}", word.text),
                )
                .help("fill it in or delete it before you send the letter"),
            );
        }
    }
}

/// The length of a `[...]` or `<...>` placeholder at the start of `rest`,
/// if it is one: closed on the same line, not a markdown link, not an
/// address or a link in angle brackets.
fn bracketed(rest: &str) -> Option<usize> {
    let (open, close) = if rest.starts_with('[') {
        ('[', ']')
    } else {
        ('<', '>')
    };
    // A placeholder has at most 80 characters between its brackets: only
    // so much of the line (and the character after it) is looked at.
    let near = rest
        .char_indices()
        .nth(83)
        .map_or(rest, |(at, _)| &rest[..at]);
    let line = near.split('\n').next().unwrap_or(near);
    let end = line[1..].find(close)? + 1;
    let inner = &line[1..end];
    if inner.contains(open) || inner.chars().count() > 80 {
        return None;
    }
    let after = line[end + 1..].chars().next();
    if open == '[' {
        if matches!(after, Some('(' | '[' | ':')) {
            return None;
        }
    } else if inner.contains('@')
        || inner.contains("://")
        || !inner.chars().next().is_some_and(char::is_alphabetic)
    {
        return None;
    }
    Some(end + 1)
}

/// A thank-you over the word limit, a follow-up over the paragraph limit.
fn length(
    text: &str,
    letter: &Letter,
    words: &[Word<'_>],
    kind: ActionKind,
    limits: &Limits,
    out: &mut Vec<Finding>,
) {
    match kind {
        ActionKind::ThankYou => {
            let max = limits.thank_you_max_words as usize;
            if words.len() > max {
                let at = words[max].range();
                out.push(
                    Finding::new(
                        at,
                        format!(
                            "this thank-you is {} words long; keep it under {max}",
                            words.len()
                        ),
                    )
                    .help(
                        "a thank-you is read in a minute: thank them, recall one moment of the \
                         conversation, and stop (the limit is `thank_you_max_words` under \
                         `proofread:` in nudge.yaml)",
                    ),
                );
            }
        }
        ActionKind::FollowUp => {
            let paragraphs = letter.content_paragraphs();
            let max = limits.follow_up_max_paragraphs as usize;
            if paragraphs.len() > max {
                let first = paragraphs[max].clone();
                let line_end = text[first.clone()]
                    .find('\n')
                    .map_or(first.end, |n| first.start + n);
                out.push(
                    Finding::new(
                        first.start..line_end,
                        format!(
                            "this follow-up has {} paragraphs; keep it to {max}",
                            paragraphs.len()
                        ),
                    )
                    .help(
                        "say you are still interested, ask where things stand, offer anything \
                         they need (the limit is `follow_up_max_paragraphs` under `proofread:` \
                         in nudge.yaml)",
                    ),
                );
            }
        }
        _ => {}
    }
}

/// Who is named how in an application.
struct Names<'a> {
    /// Every single name word (contacts' names without honorifics, the
    /// company's words), with whose it is and its [`NameWords`] number.
    parts: Vec<(&'a str, Whose<'a>, NameId)>,
    /// Names of more than one word, and the position, with their words'
    /// numbers.
    phrases: Vec<(Vec<&'a str>, Whose<'a>, Vec<NameId>)>,
    contacts: &'a [Contact],
    words: NameWords,
}

/// The number of a name word, the same for every spelling of it but for
/// case: its place in [`NameWords::in_phrase`].
type NameId = usize;

/// The words of an application's names, told apart but for case ([`same`]
/// is equality of the words lower-cased letter by letter), each with a
/// number. A word of a letter is looked up once; from then on it is
/// compared with names by number.
#[derive(Default)]
struct NameWords {
    /// Each word lower-cased (its bytes, as a word lower-cased on the stack
    /// is looked up), and its number.
    ids: foldhash::HashMap<Vec<u8>, NameId>,
    /// Whether the word of each number is one of a name of several words.
    in_phrase: Vec<bool>,
    /// The ASCII letters that some word begins with (lower-case, as bits):
    /// most words of a letter begin with none of them and are not looked
    /// up at all.
    ascii_initials: u128,
}

impl NameWords {
    fn with_capacity(n: usize) -> Self {
        NameWords {
            ids: foldhash::HashMap::with_capacity_and_hasher(
                n,
                foldhash::fast::RandomState::default(),
            ),
            in_phrase: Vec::with_capacity(n),
            ascii_initials: 0,
        }
    }

    /// The number of `word`, given it if it has none yet.
    fn add(&mut self, word: &str, in_phrase: bool) -> NameId {
        let lower = lower_by_letter(word).into_bytes();
        if let Some(&b) = lower.first().filter(|b| b.is_ascii()) {
            self.ascii_initials |= 1 << b;
        }
        let next = self.in_phrase.len();
        let id = *self.ids.entry(lower).or_insert(next);
        if id == next {
            self.in_phrase.push(in_phrase);
        } else {
            self.in_phrase[id] |= in_phrase;
        }
        id
    }

    /// The number of `word`, if it is a name word.
    fn find(&self, word: &str) -> Option<NameId> {
        let &first = word.as_bytes().first()?;
        if first.is_ascii() && self.ascii_initials & (1 << first.to_ascii_lowercase()) == 0 {
            return None;
        }
        match text::AsciiLower::new(word) {
            Some(lower) => self.ids.get(lower.as_bytes()).copied(),
            None => self.ids.get(lower_by_letter(word).as_bytes()).copied(),
        }
    }
}

/// A word lower-cased letter by letter, as [`same`] compares words (unlike
/// `str::to_lowercase`, which writes a final Greek sigma differently).
fn lower_by_letter(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars().flat_map(char::to_lowercase).collect()
}

#[derive(Clone, Copy, Debug)]
enum Whose<'a> {
    Contact(&'a Contact),
    Company(&'a str),
    Position(&'a str),
}

impl Whose<'_> {
    fn describe(&self) -> String {
        match self {
            Whose::Contact(c) => format!("the contact {}", c.name),
            Whose::Company(name) => format!("the company, {name}"),
            Whose::Position(name) => format!("the position, {name}"),
        }
    }
}

/// The words of a name, without honorifics ("Dr. Isaac Kleiner" → Isaac,
/// Kleiner).
fn name_words(name: &str) -> Vec<&str> {
    name.split_whitespace()
        .filter(|w| !is_honorific(w))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

impl<'a> Names<'a> {
    fn of(app: &'a Application) -> Self {
        // About two words a contact, and a few for the company and position.
        let mut words = NameWords::with_capacity(app.contacts.len() * 2 + 6);
        let mut parts = Vec::new();
        let mut phrases = Vec::new();
        // A name's words, each numbered once: single name words when
        // `single`, and a name of several words.
        let mut add = |whose: Whose<'a>, name: &'a str, single: bool| {
            let name = name_words(name);
            let phrase = name.len() >= 2;
            if !(single || phrase) {
                return;
            }
            let ids: Vec<NameId> = name.iter().map(|w| words.add(w, phrase)).collect();
            if single {
                parts.extend(name.iter().zip(&ids).map(|(w, id)| (*w, whose, *id)));
            }
            if phrase {
                phrases.push((name, whose, ids));
            }
        };
        for c in &app.contacts {
            add(Whose::Contact(c), &c.name, true);
        }
        add(Whose::Company(&app.company), &app.company, true);
        if let Some(position) = &app.position {
            add(Whose::Position(position), position, false);
        }
        Names {
            parts,
            phrases,
            contacts: &app.contacts,
            words,
        }
    }

    /// The name number of each word of a letter, if it has one.
    fn ids(&self, words: &[Word<'_>]) -> Vec<Option<NameId>> {
        words.iter().map(|w| self.words.find(w.bare())).collect()
    }

    /// The first single name word numbered `id`, with whose it is.
    fn part(&self, id: Option<NameId>) -> Option<(&'a str, Whose<'a>)> {
        let id = id?;
        self.parts
            .iter()
            .find(|(_, _, i)| *i == id)
            .map(|(p, whose, _)| (*p, *whose))
    }

    /// Whether `word`, numbered `id`, is written exactly as some name word.
    fn is_exact(&self, word: &str, id: Option<NameId>) -> bool {
        id.is_some_and(|id| self.parts.iter().any(|(p, _, i)| *i == id && *p == word))
    }

    /// A capitalised word that is almost a name ("Klein" for Kleiner) or a
    /// name with the wrong capitals ("Mcdonald" for McDonald).
    fn single_words(
        &self,
        words: &[Word<'_>],
        ids: &[Option<NameId>],
        speller: &Speller<'_>,
        flagged: &mut BTreeSet<usize>,
        out: &mut Vec<Finding>,
    ) {
        for (w, &id) in words.iter().zip(ids) {
            let bare = w.bare();
            let capitalised = is_capitalised(bare);
            // A name word written so, or any capitalised word.
            let written_so = self.part(id);
            if !(capitalised || written_so.is_some())
                || bare.len() < 3
                || self.is_exact(bare, id)
                || text::is_all_caps(bare)
            {
                continue;
            }
            if let Some((part, whose)) = written_so {
                // A lower-case common word that happens to be a name ("mark").
                if !capitalised && speller.is_english(&bare.to_lowercase()) {
                    continue;
                }
                out.push(
                    Finding::new(
                        w.range(),
                        format!("“{bare}” is written “{part}” in the application"),
                    )
                    .help(format!("it is the name of {}", whose.describe())),
                );
                flagged.insert(w.start);
                continue;
            }
            if !capitalised {
                continue;
            }
            let lower = bare.to_lowercase();
            if speller.is_journal_word(&lower) || speller.is_english(&lower) {
                continue;
            }
            let target = self.parts.iter().find(|(p, _, _)| {
                p.chars().count() >= 4
                    && !speller.is_english(&p.to_lowercase())
                    && near_miss(bare, p)
            });
            if let Some((part, whose, _)) = target {
                out.push(
                    Finding::new(
                        w.range(),
                        format!("“{bare}” looks like a misspelling of “{part}”"),
                    )
                    .help(format!(
                        "the application has {}; if you mean someone else, add “{bare}” to \
                         words.txt",
                        whose.describe()
                    )),
                );
                flagged.insert(w.start);
            }
        }
    }

    /// A run of words that is one word off a name of several words: the
    /// company with a legal ending it does not have ("Black Mesa Inc"), a
    /// misspelt company or position ("Black Messa", "Head Research"), two
    /// people's names crossed ("Isaac Vance").
    fn phrases(
        &self,
        text: &str,
        words: &[Word<'_>],
        ids: &[Option<NameId>],
        speller: &Speller<'_>,
        flagged: &mut BTreeSet<usize>,
        out: &mut Vec<Finding>,
    ) {
        // Whether the words at `at` are a name of several words, but for case.
        let is_known = |at: usize, n: usize| {
            self.phrases.iter().any(|(_, _, p)| {
                p.len() == n && p.iter().zip(&ids[at..at + n]).all(|(p, w)| Some(*p) == *w)
            })
        };
        // Which words of the letter are words of some name: a window can
        // be one word off a name only if all its other words are.
        let relevant: Vec<bool> = ids
            .iter()
            .map(|id| id.is_some_and(|id| self.words.in_phrase[id]))
            .collect();
        // How many of the words before each position are relevant: how
        // many of a window's are, at once.
        let relevant_before: Vec<usize> = std::iter::once(0)
            .chain(relevant.iter().scan(0, |n, r| {
                *n += usize::from(*r);
                Some(*n)
            }))
            .collect();
        for (phrase, whose, phrase_ids) in &self.phrases {
            let n = phrase.len();
            let matches = |at: usize, i: usize| ids[at + i] == Some(phrase_ids[i]);
            // The company followed by a legal ending it does not have.
            if let Whose::Company(company) = whose {
                for (at, window) in words.windows(n + 1).enumerate() {
                    if !relevant[at..at + n].iter().all(|r| *r) {
                        continue;
                    }
                    let (name, ending) = window.split_at(n);
                    let ending = &ending[0];
                    if text::joined(text, window)
                        && (0..name.len()).all(|i| matches(at, i))
                        && is_one_of(ending.bare(), &COMPANY_SUFFIXES)
                        && !flagged.contains(&ending.start)
                    {
                        let range = window[0].start..ending.end;
                        out.push(
                            Finding::new(
                                range.clone(),
                                format!(
                                    "“{}” is not how the application names the company",
                                    &text[range]
                                ),
                            )
                            .help(format!("the application has “{company}”")),
                        );
                        flagged.insert(ending.start);
                    }
                }
            }
            for (at, window) in words.windows(n).enumerate() {
                if relevant_before[at + n] - relevant_before[at] + 1 < n {
                    continue;
                }
                let mut differing = (0..n).filter(|&i| !matches(at, i));
                let (Some(i), None) = (differing.next(), differing.next()) else {
                    continue;
                };
                if !text::joined(text, window) || is_known(at, n) {
                    continue;
                }
                let w = &window[i];
                // The cheap tests first: most windows fail on capitals.
                if !is_capitalised(w.bare())
                    || !is_capitalised(window[0].bare())
                    || is_honorific(w.bare())
                    || window.iter().any(|o| flagged.contains(&o.start))
                    || speller.is_personal(&w.bare().to_lowercase())
                {
                    continue;
                }
                let close = near_miss(w.bare(), phrase[i]);
                let crossed = matches!(whose, Whose::Contact(_))
                    && window
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && !speller.is_english(&o.bare().to_lowercase()));
                if !(close || crossed) {
                    continue;
                }
                let range = window[0].start..window[n - 1].start + window[n - 1].bare().len();
                out.push(
                    Finding::new(
                        range.clone(),
                        format!(
                            "“{}” is not a name in the application: did you mean “{}”?",
                            &text[range.clone()],
                            phrase.join(" ")
                        ),
                    )
                    .help(format!(
                        "the application has {}; if “{}” is right, add “{}” to words.txt",
                        whose.describe(),
                        &text[range.clone()],
                        w.bare()
                    )),
                );
                flagged.extend(window.iter().map(|o| o.start));
            }
        }
    }

    /// A job title written beside a contact's name that is not the `title`
    /// the application gives them ("Isaac Kleiner, Head of Engineering").
    fn titles(&self, text: &str, words: &[Word<'_>], out: &mut Vec<Finding>) {
        for contact in self.contacts {
            let Some(title) = contact.title.as_deref() else {
                continue;
            };
            let own = name_words(&contact.name);
            for (i, w) in words.iter().enumerate() {
                // Each mention of the name, from its first word.
                let continues = i > 0
                    && own.contains(&words[i - 1].bare())
                    && text::joined(text, &words[i - 1..=i]);
                if !own.contains(&w.bare()) || continues {
                    continue;
                }
                // The run after the name ("Kleiner, Head of Engineering"),
                // skipping the rest of the name.
                let mut j = i + 1;
                while j < words.len()
                    && own.contains(&words[j].bare())
                    && text::joined(text, &words[j - 1..=j])
                {
                    j += 1;
                }
                let runs = [
                    (j < words.len())
                        .then(|| title_run_after(text, words, j - 1))
                        .flatten(),
                    title_run_before(text, words, i, &own),
                ];
                for run in runs.into_iter().flatten() {
                    let shown = &text[run.clone()];
                    let differs = !shown
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .eq(title.split_whitespace().map(str::to_lowercase));
                    if differs {
                        out.push(
                            Finding::new(run, format!("“{shown}” is not {}'s title", contact.name))
                                .help(format!("the application has “{title}”")),
                        );
                    }
                }
            }
        }
    }
}

/// A title-like run of capitalised words right after the word at `i`,
/// separated from it by a comma, a dash or an opening bracket, and
/// optionally "the", "our" or "your".
fn title_run_after(text: &str, words: &[Word<'_>], i: usize) -> Option<Range<usize>> {
    let next = words.get(i + 1)?;
    let gap = text[words[i].end..next.start].trim();
    if !matches!(gap, "," | "-" | "–" | "—" | "(") {
        return None;
    }
    let mut k = i + 1;
    if matches!(words[k].text, "the" | "our" | "your")
        && k + 1 < words.len()
        && text::joined(text, &words[k..=k + 1])
    {
        k += 1;
    }
    title_run(text, words, k)
}

/// A title-like run of capitalised words right before the word at `i`
/// ("Head of Research Isaac Kleiner").
fn title_run_before(
    text: &str,
    words: &[Word<'_>],
    i: usize,
    name: &[&str],
) -> Option<Range<usize>> {
    let mut start = i;
    while start > 0 && text::joined(text, &words[start - 1..=start]) {
        let w = words[start - 1].bare();
        if name.contains(&w) {
            break;
        }
        let is_word_of_title = (is_capitalised(w) && !words[start - 1].text.ends_with("'s"))
            || CONNECTORS.contains(&w);
        if !is_word_of_title || is_honorific(w) {
            break;
        }
        start -= 1;
    }
    as_title(&words[start..i])
}

/// A run of words as a job title: without connectors at its ends, and
/// with a title word in it.
fn as_title(run: &[Word<'_>]) -> Option<Range<usize>> {
    let is_connector = |w: &Word<'_>| CONNECTORS.contains(&w.bare());
    let first = run.iter().position(|w| !is_connector(w))?;
    let last = run.iter().rposition(|w| !is_connector(w))?;
    let run = &run[first..=last];
    let is_title = run.iter().any(|w| is_one_of(w.bare(), &TITLE_WORDS));
    is_title.then(|| run[0].start..run[run.len() - 1].end)
}

/// The run of capitalised words (joined by connectors) from `k` on, if it
/// has a title word.
fn title_run(text: &str, words: &[Word<'_>], k: usize) -> Option<Range<usize>> {
    let first = words.get(k)?;
    if !is_capitalised(first.bare()) {
        return None;
    }
    let mut end = k;
    while end + 1 < words.len() && text::joined(text, &words[end..=end + 1]) {
        let w = words[end + 1].bare();
        if !(is_capitalised(w) || CONNECTORS.contains(&w)) {
            break;
        }
        end += 1;
    }
    as_title(&words[k..=end])
}

/// The words of a greeting that name nobody ("Dear Hiring Team,").
const GREETING_WORDS: [&str; 40] = [
    "dear",
    "hi",
    "hello",
    "hey",
    "greetings",
    "good",
    "morning",
    "afternoon",
    "evening",
    "all",
    "team",
    "everyone",
    "there",
    "madam",
    "or",
    "and",
    "to",
    "whom",
    "it",
    "may",
    "concern",
    "hiring",
    "colleagues",
    "friends",
    "folks",
    "committee",
    "department",
    "office",
    "panel",
    "board",
    "engineering",
    "recruiting",
    "recruitment",
    "talent",
    "acquisition",
    "people",
    "hr",
    "research",
    "product",
    "again",
];

/// A greeting that names another contact than the recipient ("Dear Isaac"
/// in the letter to Eli Vance).
fn greeting(
    letter: &Letter,
    words: &[Word<'_>],
    facts: &Facts<'_>,
    names: &Names<'_>,
    out: &mut Vec<Finding>,
) {
    let (Some(greeting), Some(recipient)) = (&letter.greeting, facts.recipient) else {
        return;
    };
    let own = name_words(&recipient.name);
    let in_greeting: Vec<&Word<'_>> = words
        .iter()
        .filter(|w| greeting.contains(&w.start))
        .collect();
    if in_greeting.iter().any(|w| own.contains(&w.bare())) {
        return;
    }
    // The recipient's name one letter off ("Dear Ely," to Eli).
    let misspelt = in_greeting.iter().find_map(|w| {
        own.iter()
            .find(|n| {
                is_capitalised(w.bare())
                    && strsim::damerau_levenshtein(&w.bare().to_lowercase(), &n.to_lowercase()) == 1
            })
            .map(|n| (w, n))
    });
    if let Some((w, name)) = misspelt {
        out.push(
            Finding::new(
                w.range(),
                format!("“{}” looks like a misspelling of “{name}”", w.bare()),
            )
            .help(format!("this letter is for {}", recipient.name)),
        );
        return;
    }
    // Someone else's name altogether ("Dear Jane," to Jordan Lee).
    let app = facts.app;
    let of_the_application = |word: &str| {
        let mut texts = app
            .contacts
            .iter()
            .filter_map(|c| c.title.as_deref())
            .chain(app.position.as_deref());
        texts.any(|t| t.split_whitespace().any(|t| same(t, word)))
    };
    let stranger = in_greeting.iter().find(|w| {
        let bare = w.bare();
        is_capitalised(bare)
            && !text::is_all_caps(bare)
            && !is_honorific(bare)
            && !is_one_of(bare, &GREETING_WORDS)
            && !is_one_of(bare, &TITLE_WORDS)
            && !names.parts.iter().any(|(p, _, _)| same(p, bare))
            && !of_the_application(bare)
    });
    if let Some(w) = stranger {
        out.push(
            Finding::new(
                w.range(),
                format!(
                    "this letter is for {}, but the greeting names “{}”",
                    recipient.name,
                    w.bare()
                ),
            )
            .help(format!("greet {}", recipient.first_name())),
        );
        return;
    }
    let other = in_greeting.iter().find_map(|w| {
        names.parts.iter().find_map(|(p, whose, _)| match whose {
            Whose::Contact(c) if *p == w.bare() && c.handle != recipient.handle => Some((w, c)),
            _ => None,
        })
    });
    if let Some((w, c)) = other {
        out.push(
            Finding::new(
                w.range(),
                format!(
                    "this letter is for {}, but the greeting names {}",
                    recipient.name, c.name
                ),
            )
            .help(format!("greet {}", recipient.first_name())),
        );
    }
}

/// The same word twice in a row ("the the").
fn doubled(text: &str, words: &[Word<'_>], out: &mut Vec<Finding>) {
    for pair in words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = &text[a.end..b.start];
        if same(a.text, b.text)
            && !gap.is_empty()
            && gap.chars().all(char::is_whitespace)
            && gap.matches('\n').count() < 2
            && b.text.chars().all(char::is_alphabetic)
            // "had had" and "that that" can be right.
            && !is_one_of(b.text, &["had", "that"])
        {
            out.push(
                Finding::new(b.range(), format!("“{}” is written twice", b.text))
                    .help("delete one of them"),
            );
        }
    }
}

/// What may close a quotation or an aside around a full stop.
const CLOSERS: [char; 6] = ['"', '\'', '”', '’', ')', ']'];

/// Abbreviations after which a lower-case word does not start a sentence.
const ABBREVIATIONS: [&str; 11] = [
    "e.g", "i.e", "a.m", "p.m", "etc", "vs", "cf", "approx", "incl", "no", "al",
];

/// A word whose full stop does not end a sentence: an abbreviation, an
/// honorific, an initial.
fn is_abbreviation(word: &str) -> bool {
    is_one_of(word, &ABBREVIATIONS) || is_honorific(word) || word.chars().count() == 1
}

/// A sentence, or a paragraph, that starts with a lower-case letter.
fn sentence_starts(text: &str, letter: &Letter, words: &[Word<'_>], out: &mut Vec<Finding>) {
    // The first word of each paragraph, when nothing comes before it.
    let firsts: Vec<usize> = letter
        .paragraphs
        .iter()
        .filter_map(|p| {
            let i = words.partition_point(|w| w.start < p.start);
            words.get(i).filter(|w| w.start == p.start).map(|w| w.start)
        })
        .collect();
    for (i, w) in words.iter().enumerate() {
        let starts_paragraph = firsts.binary_search(&w.start).is_ok();
        let after_stop = i > 0 && {
            let prev = &words[i - 1];
            let gap = &text[prev.end..w.start];
            let stop = gap.trim_end_matches(char::is_whitespace);
            let marks = stop.trim_start_matches(CLOSERS).trim_end_matches(CLOSERS);
            gap.len() > stop.len()
                && !marks.is_empty()
                && marks.chars().all(|c| matches!(c, '.' | '!' | '?'))
                && !marks.starts_with("..")
                && !is_abbreviation(prev.text)
        };
        let first = w.text.chars().next().unwrap_or(' ');
        if (starts_paragraph || after_stop)
            && first.is_lowercase()
            && !w.text.chars().skip(1).any(char::is_uppercase)
        {
            out.push(
                Finding::new(w.range(), "this sentence starts with a lower-case letter")
                    .help("begin the sentence with a capital letter"),
            );
        }
    }
}

/// Two spaces between sentences where the rest of the letter uses one.
fn spacing(text: &str, words: &[Word<'_>], out: &mut Vec<Finding>) {
    let mut single = 0;
    let mut double = Vec::new();
    for pair in words.windows(2) {
        let gap = &text[pair[0].end..pair[1].start];
        let spaces = gap.trim_start_matches(['.', '!', '?', '"', '\'', '”', '’', ')']);
        if spaces.len() == gap.len() || !spaces.chars().all(|c| c == ' ') || spaces.is_empty() {
            continue;
        }
        if !gap.starts_with(['.', '!', '?']) || is_abbreviation(pair[0].text) {
            continue;
        }
        if spaces.len() == 1 {
            single += 1;
        } else {
            double.push(pair[1].start - spaces.len()..pair[1].start);
        }
    }
    if single >= double.len() {
        for range in double {
            out.push(
                Finding::new(
                    range,
                    "two spaces after this sentence, where the rest of the letter uses one",
                )
                .help("use one space between sentences"),
            );
        }
    }
}

/// Every word the dictionary does not know, apart from the journal's
/// names, the words of `words.txt`, acronyms and words with digits.
fn spelling(
    words: &[Word<'_>],
    speller: &Speller<'_>,
    flagged: &BTreeSet<usize>,
    out: &mut Vec<Finding>,
) {
    for w in words {
        let bare = w.bare();
        // Words with dots are abbreviations, file and domain names.
        if flagged.contains(&w.start)
            || bare.chars().count() < 2
            || bare.contains('.')
            || bare.chars().any(|c| c.is_ascii_digit())
            || text::is_all_caps(bare)
            || speller.is_trusted(bare)
        {
            continue;
        }
        if speller.check(w.text) != Some(false) {
            continue;
        }
        let name = speller.name();
        let mut help = String::new();
        let suggestions = speller.suggestions(w.text);
        if !suggestions.is_empty() {
            let list: Vec<String> = suggestions.iter().map(|s| format!("“{s}”")).collect();
            help.push_str(&format!("did you mean {}? If", list.join(" or ")));
        } else {
            help.push_str("if");
        }
        help.push_str(" the word is right, add it to words.txt at the journal root");
        out.push(
            Finding::new(
                w.range(),
                format!("“{}” is not in the {name} dictionary", w.text),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests;
