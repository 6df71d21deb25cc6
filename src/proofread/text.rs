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
        if !self.text.ends_with('s') {
            return self.text;
        }
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

/// The character at byte `i` of `s` (a character boundary) and its length
/// in bytes: ASCII without decoding, which is most of a letter.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The words of `text[region]`, leaving out e-mail addresses and links.
pub fn tokens(text: &str, region: Range<usize>) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    tokens_into(text, region, &mut words);
    words
}

/// [`tokens`], added to `words`.
fn tokens_into<'t>(text: &'t str, region: Range<usize>, words: &mut Vec<Word<'t>>) {
    let slice = &text[region.clone()];
    let mut i = 0;
    while i < slice.len() {
        let (c, len) = char_at(slice, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        // A chunk: a run of characters other than whitespace.
        let start = i;
        i += len;
        while i < slice.len() {
            let (c, len) = char_at(slice, i);
            if c.is_whitespace() {
                break;
            }
            i += len;
        }
        let chunk = &slice[start..i];
        let link = chunk.contains(':') && chunk.contains("://");
        if !(chunk.contains('@') || link || chunk.starts_with("www.")) {
            words_of(chunk, region.start + start, words);
        }
    }
}

/// The words of one chunk of text without whitespace.
fn words_of<'t>(chunk: &'t str, offset: usize, out: &mut Vec<Word<'t>>) {
    let mut i = 0;
    while i < chunk.len() {
        let (c, len) = char_at(chunk, i);
        i += len;
        if !c.is_alphanumeric() {
            continue;
        }
        let from = i - len;
        let mut to = i;
        while i < chunk.len() {
            let (c, len) = char_at(chunk, i);
            if c.is_alphanumeric() {
                i += len;
                to = i;
            } else if is_joiner(c)
                && i + len < chunk.len()
                && char_at(chunk, i + len).0.is_alphanumeric()
            {
                i += len;
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
    // Most pairs differ at their first letter.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(y)
    {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A short ASCII word lower-cased on the stack: most words of a letter
/// are, and are looked up without an allocation.
pub struct AsciiLower {
    bytes: [u8; AsciiLower::MAX],
    len: usize,
}

impl AsciiLower {
    /// The longest word lower-cased on the stack, in bytes.
    const MAX: usize = 32;

    /// `word` lower-cased, if it is ASCII and at most [`Self::MAX`] bytes.
    pub fn new(word: &str) -> Option<Self> {
        if !word.is_ascii() || word.len() > Self::MAX {
            return None;
        }
        let mut bytes = [0u8; Self::MAX];
        bytes[..word.len()].copy_from_slice(word.as_bytes());
        bytes[..word.len()].make_ascii_lowercase();
        Some(AsciiLower {
            bytes,
            len: word.len(),
        })
    }

    /// The word's bytes, lower-cased (ASCII, so text as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
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
    let mut letters = 0;
    for c in word.chars() {
        // Most words give up at their first letter.
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
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
    pub fn content_paragraphs(&self) -> &[Range<usize>] {
        let from = usize::from(self.greeting.is_some());
        let to = self.paragraphs.len() - usize::from(self.closing.is_some());
        self.paragraphs.get(from..to).unwrap_or_default()
    }

    /// Of the letter's words (in the order of the text), those between the
    /// greeting and the closing: only blank lines lie between paragraphs,
    /// so they are the words from the first such paragraph to the last.
    pub fn content_words<'w, 't>(&self, words: &'w [Word<'t>]) -> &'w [Word<'t>] {
        let content = self.content_paragraphs();
        let (Some(first), Some(last)) = (content.first(), content.last()) else {
            return &[];
        };
        let from = words.partition_point(|w| w.start < first.start);
        let to = words.partition_point(|w| w.start < last.end);
        &words[from..to]
    }

    /// Every word of the subject and the body.
    pub fn words<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        let subject = self.subject.clone().unwrap_or_default();
        // About one word in six bytes of a letter.
        let mut words = Vec::with_capacity((subject.len() + self.body.len()) / 6);
        tokens_into(text, subject, &mut words);
        tokens_into(text, self.body.clone(), &mut words);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`tokens`] the long way: character by character, as the words of a
    /// letter are defined.
    fn tokens_slowly(text: &str) -> Vec<Word<'_>> {
        let mut words = Vec::new();
        let mut chunk_start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), chunk_start) {
                (false, None) => chunk_start = Some(i),
                (true, Some(start)) => {
                    let chunk = &text[start..i];
                    let link = chunk.contains("://");
                    if !(chunk.contains('@') || link || chunk.starts_with("www.")) {
                        let mut chars = chunk.char_indices().peekable();
                        while let Some((from, c)) = chars.next() {
                            if !c.is_alphanumeric() {
                                continue;
                            }
                            let mut to = from + c.len_utf8();
                            while let Some(&(at, c)) = chars.peek() {
                                let next = chunk[at + c.len_utf8()..].chars().next();
                                if c.is_alphanumeric() {
                                    to = at + c.len_utf8();
                                    chars.next();
                                } else if is_joiner(c) && next.is_some_and(char::is_alphanumeric) {
                                    chars.next();
                                } else {
                                    break;
                                }
                            }
                            words.push(Word {
                                start: start + from,
                                end: start + to,
                                text: &chunk[from..to],
                            });
                        }
                    }
                    chunk_start = None;
                }
                _ => {}
            }
        }
        words
    }

    #[test]
    fn words_are_found_as_a_reader_sees_them() {
        let text = "Dear Dr. Kleiner,\n\nI don’t — can't\u{a0}wait: follow-up, Node.js \
                    café 3rd. me@x.org https://x.org www.x.org 'quoted' end-";
        let words: Vec<&str> = tokens(text, 0..text.len()).iter().map(|w| w.text).collect();
        assert_eq!(
            words,
            [
                "Dear",
                "Dr",
                "Kleiner",
                "I",
                "don’t",
                "can't",
                "wait",
                "follow-up",
                "Node.js",
                "café",
                "3rd",
                "quoted",
                "end"
            ]
        );
        // Byte positions of the text, from the region's start.
        let at = tokens(text, 5..text.len());
        assert_eq!(&text[at[0].range()], "Dr");
        assert_eq!(at[0].start, 5);
    }

    proptest::proptest! {
        #[test]
        fn words_are_the_same_when_their_lower_case_is(
            a in "(k|K|\u{212a}|ß|SS|ss|İ|i\u{307}|é|É|x){0,3}",
            b in "(k|K|\u{212a}|ß|SS|ss|İ|i\u{307}|é|É|x){0,3}",
        ) {
            proptest::prop_assert_eq!(same(&a, &b), a.to_lowercase() == b.to_lowercase());
        }

        #[test]
        fn words_agree_with_the_long_way(
            text in "([a-zA-Z0-9]{1,4}|[ \\n\\t.,'’:/@-]|www\\.|://|é|É|ß|İ|\u{a0}|\u{2003}|\u{3000}|\u{301}|日本|😀){0,40}",
        ) {
            proptest::prop_assert_eq!(tokens(&text, 0..text.len()), tokens_slowly(&text));
        }
    }
}
