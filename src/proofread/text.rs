//! The shape of a draft as the proofreader reads it: where the subject and
//! the letter are, its paragraphs (greeting and closing told apart), and
//! its words with their byte positions.

use std::ops::Range;

use crate::journal::front_matter::{FrontMatter, split};

/// A word of the letter: letters and digits, with the apostrophes, hyphens
/// and dots inside it ("don't", "follow-up", "Node.js").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

impl<'t> Word<'t> {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The word without a possessive `'s` ("Kleiner's" → "Kleiner").
    pub fn bare(&self) -> &'t str {
        self.text
            .strip_suffix("'s")
            .or_else(|| self.text.strip_suffix("’s"))
            .filter(|s| !s.is_empty())
            .unwrap_or(self.text)
    }
}

/// Characters that may join two parts of one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.')
}

/// The words of `text[region]`, leaving out e-mail addresses and links.
pub fn tokens(text: &str, region: Range<usize>) -> Vec<Word<'_>> {
    let slice = &text[region.clone()];
    // About one word in six bytes of a letter.
    let mut words = Vec::with_capacity(slice.len() / 6);
    let mut chunk_start = None;
    for (i, c) in slice.char_indices().chain([(slice.len(), ' ')]) {
        match (c.is_whitespace(), chunk_start) {
            (false, None) => chunk_start = Some(i),
            (true, Some(start)) => {
                let chunk = &slice[start..i];
                let link = chunk.contains(':') && chunk.contains("://");
                if !(chunk.contains('@') || link || chunk.starts_with("www.")) {
                    words_of(chunk, region.start + start, &mut words);
                }
                chunk_start = None;
            }
            _ => {}
        }
    }
    words
}

/// The words of one chunk of text without whitespace.
fn words_of<'t>(chunk: &'t str, offset: usize, out: &mut Vec<Word<'t>>) {
    let mut chars = chunk.char_indices().peekable();
    while let Some((from, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut to = from + c.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            if c.is_alphanumeric() {
                to = at + c.len_utf8();
                chars.next();
            } else if is_joiner(c)
                && chunk[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                chars.next();
            } else {
                break;
            }
        }
        out.push(Word {
            start: offset + from,
            end: offset + to,
            text: &chunk[from..to],
        });
    }
}

/// Whether two words are the same but for case, without allocating.
pub fn same(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `word` is one of `list` (lower-case), but for case.
pub fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| same(w, word))
}

/// Whether a word starts with a capital letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word of at least two letters is written in capitals only
/// ("CV", "API"): an acronym.
pub fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether consecutive words are separated by spaces only (one line, no
/// punctuation): a run that can be a name.
pub fn joined(text: &str, window: &[Word<'_>]) -> bool {
    window.windows(2).all(|pair| {
        let gap = &text[pair[0].end..pair[1].start];
        !gap.is_empty() && gap.chars().all(|c| c == ' ')
    })
}

/// Whether `word` is almost `name` but not quite: one letter off (two for
/// long names), two letters swapped, or cut short ("Klein" for "Kleiner").
pub fn near_miss(word: &str, name: &str) -> bool {
    let (a, b) = (word.to_lowercase(), name.to_lowercase());
    if a == b {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 3 || lb < 4 {
        return false;
    }
    if b.starts_with(&a) {
        return la >= 4 && lb - la <= 3;
    }
    if a.starts_with(&b) {
        // "Kleiners", "Vances": the name with an ending.
        return false;
    }
    let distance = strsim::damerau_levenshtein(&a, &b);
    distance == 1 || (distance == 2 && la.min(lb) >= 7)
}

/// Where the parts of a draft are, as byte ranges of its text.
#[derive(Clone, Debug, Default)]
pub struct Letter {
    /// The subject's value in the front-matter, without quotes.
    pub subject: Option<Range<usize>>,
    /// Everything after the front-matter.
    pub body: Range<usize>,
    /// The body's paragraphs: runs of non-blank lines.
    pub paragraphs: Vec<Range<usize>>,
    /// The first paragraph, when it is a greeting ("Dear Eli,").
    pub greeting: Option<Range<usize>>,
    /// The last paragraph, when it is a closing ("Best regards,\nGordon").
    pub closing: Option<Range<usize>>,
}

impl Letter {
    pub fn read(text: &str) -> Letter {
        let (subject, body) = match split(text) {
            FrontMatter::Present(front) => (
                subject(text, front.body_offset),
                front.body_offset..text.len(),
            ),
            _ => (None, 0..text.len()),
        };
        let paragraphs = paragraphs(text, body.clone());
        let greeting = paragraphs
            .first()
            .filter(|p| is_greeting(&text[(*p).clone()]))
            .cloned();
        let closing = paragraphs
            .last()
            .filter(|p| paragraphs.len() > 1 && is_closing(&text[(*p).clone()]))
            .cloned();
        Letter {
            subject,
            body,
            paragraphs,
            greeting,
            closing,
        }
    }

    /// The paragraphs between the greeting and the closing.
    pub fn content_paragraphs(&self) -> Vec<Range<usize>> {
        self.paragraphs
            .iter()
            .filter(|p| Some(*p) != self.greeting.as_ref() && Some(*p) != self.closing.as_ref())
            .cloned()
            .collect()
    }

    /// Of the letter's words, those between the greeting and the closing.
    pub fn content_words<'t>(&self, words: &[Word<'t>]) -> Vec<Word<'t>> {
        let content = self.content_paragraphs();
        words
            .iter()
            .filter(|w| content.iter().any(|p| p.contains(&w.start)))
            .copied()
            .collect()
    }

    /// Every word of the subject and the body.
    pub fn words<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        let mut words = self
            .subject
            .clone()
            .map(|s| tokens(text, s))
            .unwrap_or_default();
        words.extend(tokens(text, self.body.clone()));
        words
    }
}

/// The range of the `subject:` value in the front-matter (before `end`).
fn subject(text: &str, end: usize) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text[..end].split_inclusive('\n') {
        if let Some(value) = line.strip_prefix("subject:") {
            let start = offset + "subject:".len() + (value.len() - value.trim_start().len());
            let value = value.trim();
            let quoted = value.len() >= 2
                && ((value.starts_with('"') && value.ends_with('"'))
                    || (value.starts_with('\'') && value.ends_with('\'')));
            return Some(if quoted {
                start + 1..start + value.len() - 1
            } else {
                start..start + value.len()
            });
        }
        offset += line.len();
    }
    None
}

/// The runs of non-blank lines of `text[region]`, each from its first
/// character to the end of its last line (line ending excluded).
fn paragraphs(text: &str, region: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = region.start;
    for line in text[region].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            out.extend(current.take());
        } else {
            let lead = content.len() - content.trim_start().len();
            let end = offset + content.trim_end().len();
            match &mut current {
                Some(p) => p.end = end,
                None => current = Some(offset + lead..end),
            }
        }
        offset += line.len();
    }
    out.extend(current);
    out
}

/// "Dear Eli,", "Hi Alyx", "Hello,": one short line.
fn is_greeting(paragraph: &str) -> bool {
    let first = paragraph.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches([',', ':']).to_lowercase();
    !paragraph.contains('\n')
        && paragraph.split_whitespace().count() <= 8
        && (paragraph.ends_with([',', ':'])
            || matches!(
                first.as_str(),
                "dear" | "hi" | "hello" | "hey" | "greetings" | "good"
            ))
}

/// "Best regards,\nGordon Freeman": a short line ending in a comma, then
/// a few lines of name and details; or a signature after `--`.
fn is_closing(paragraph: &str) -> bool {
    let mut lines = paragraph.lines();
    let first = lines.next().unwrap_or("").trim();
    paragraph.lines().count() <= 5
        && (first.starts_with("--")
            || (first.ends_with(',') && first.split_whitespace().count() <= 4))
}
