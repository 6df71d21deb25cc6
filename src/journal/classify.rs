//! Reading an entry's words: the date prefix, `#tags`, `@mentions`,
//! `by DATE` statements, and the kind of event the entry records (SPEC
//! §2.2, §2.3). Everything here works on plain text with byte offsets, so
//! the caller can point diagnostics at the exact character.

use std::sync::LazyLock;

use crate::model::EventKind;

/// The phrase table of SPEC §2.3: the first row with a phrase in the
/// entry's own text gives its kind; within a row, phrases are tried in order.
pub const PHRASES: &[(EventKind, &[&str])] = &[
    (
        EventKind::Withdrawn,
        &["withdrew", "withdrawn", "withdraw my application"],
    ),
    (
        EventKind::Accepted,
        &[
            "accepted the offer",
            "accepted their offer",
            "accepted offer",
            "signed the offer",
        ],
    ),
    (
        EventKind::Declined,
        &[
            "declined the offer",
            "declined their offer",
            "turned down the offer",
        ],
    ),
    (
        EventKind::Rejected,
        &[
            "rejected",
            "rejection",
            "not selected",
            "not moving forward",
            "no longer being considered",
            "went with another candidate",
            "position has been filled",
        ],
    ),
    (
        EventKind::News,
        &["another offer", "competing offer", "other offer"],
    ),
    (
        EventKind::Thanks,
        &[
            "thank-you",
            "thank you note",
            "thank you email",
            "sent a thank you",
            "sent thank you",
            "thank you sent",
            "thanked",
            "sent thanks",
        ],
    ),
    (
        EventKind::Followup,
        &[
            "followed up",
            "follow-up sent",
            "sent follow-up",
            "sent a follow-up",
            "follow up sent",
            "checked in",
        ],
    ),
    (
        EventKind::Feedback,
        &[
            "asked for feedback",
            "requested feedback",
            "feedback request",
        ],
    ),
    (
        EventKind::Touch,
        &["keep-in-touch", "kept in touch", "keeping in touch"],
    ),
    (
        EventKind::Update,
        &["sent an update", "sent update", "told them about"],
    ),
    (EventKind::Offer, &["offer", "offered me"]),
    (
        EventKind::Heard,
        &[
            "heard back",
            "got a reply",
            "they replied",
            "they responded",
            "replied",
            "responded",
        ],
    ),
    (
        EventKind::Interview,
        &[
            "interview",
            "interviewed",
            "phone screen",
            "screening call",
            "onsite",
            "on-site",
        ],
    ),
    (
        EventKind::Applied,
        &[
            "applied",
            "submitted application",
            "sent application",
            "sent my resume",
            "sent my cv",
        ],
    ),
];

/// The event tags, in the order of the table.
pub const EVENT_TAGS: [(&str, EventKind); 14] = [
    ("withdrawn", EventKind::Withdrawn),
    ("accepted", EventKind::Accepted),
    ("declined", EventKind::Declined),
    ("rejected", EventKind::Rejected),
    ("news", EventKind::News),
    ("thanks", EventKind::Thanks),
    ("followup", EventKind::Followup),
    ("feedback", EventKind::Feedback),
    ("touch", EventKind::Touch),
    ("update", EventKind::Update),
    ("offer", EventKind::Offer),
    ("heard", EventKind::Heard),
    ("interview", EventKind::Interview),
    ("applied", EventKind::Applied),
];

/// The tag that dismisses a pending letter.
pub const SKIP_TAG: &str = "skip";

/// The event kind a tag names, without regard to case.
pub fn event_tag(tag: &str) -> Option<EventKind> {
    EVENT_TAGS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(tag))
        .map(|&(_, kind)| kind)
}

/// The first phrase of the table found in `text`, with its kind.
///
/// Every phrase begins and ends with a letter, so it stands as whole words
/// only where a word of the text begins: each word of the text is looked
/// up among the phrases' first words, and the phrases that begin with it
/// are compared with the text there. Phrases are numbered in table order
/// (row, then place in the row), so the smallest number found is the
/// phrase the table's order picks.
pub fn classify_by_phrase(text: &str) -> Option<(EventKind, &'static str)> {
    static TABLE: LazyLock<PhraseTable> = LazyLock::new(PhraseTable::new);
    let normalized;
    let haystack = if is_plain(text) {
        text
    } else {
        normalized = normalize(text);
        &normalized
    };
    TABLE.first_in(haystack)
}

/// Whether a text can be searched as it is, without making a lowercase
/// copy: ASCII (as phrases are) with single spaces for its only blanks.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Every ASCII blank but the space is a byte from 9 (tab) to 13
    // (carriage return). Entry texts are short: a pass over every byte
    // costs less here than a search and its set-up.
    let other_blank = bytes.iter().fold(0u8, |found, &b| {
        found | u8::from(b.wrapping_sub(b'\t') <= b'\r' - b'\t')
    });
    let two_spaces = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(0u8, |found, (&a, &b)| {
            found | u8::from((a == b' ') & (b == b' '))
        });
    text.is_ascii() && other_blank == 0 && two_spaces == 0
}

/// The phrase table, by the first word of each phrase.
struct PhraseTable {
    /// Every phrase in table order, with its kind.
    phrases: Vec<(EventKind, &'static str)>,
    /// For each first letter `a` to `z`: the phrases' first words that
    /// begin with it, each with the numbers of the phrases that begin with
    /// it, in table order.
    by_letter: [Vec<(&'static str, Vec<usize>)>; 26],
}

impl PhraseTable {
    fn new() -> Self {
        let phrases: Vec<(EventKind, &'static str)> = PHRASES
            .iter()
            .flat_map(|&(kind, phrases)| phrases.iter().map(move |&p| (kind, p)))
            .collect();
        let mut by_letter: [Vec<(&'static str, Vec<usize>)>; 26] = Default::default();
        for (i, &(_, phrase)) in phrases.iter().enumerate() {
            let word = first_word(phrase);
            let Some(slot) = letter_slot(word.as_bytes()[0]) else {
                continue; // unreachable: a test checks every phrase begins with a letter
            };
            let words = &mut by_letter[slot];
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, numbers)) => numbers.push(i),
                None => words.push((word, vec![i])),
            }
        }
        PhraseTable { phrases, by_letter }
    }

    /// The first phrase (in table order) that stands as whole words in
    /// `haystack`, comparing ASCII letters without regard to case.
    fn first_in(&self, haystack: &str) -> Option<(EventKind, &'static str)> {
        let bytes = haystack.as_bytes();
        let mut best = usize::MAX;
        // Words are stepped over whole, so a letter or digit met at `at`
        // begins a word.
        let mut at = 0;
        while at < bytes.len() {
            let (is_word_char, len) = char_at(haystack, at);
            if !is_word_char {
                at += len;
                continue;
            }
            let mut end = at + len;
            while end < bytes.len() {
                let (is_word_char, len) = char_at(haystack, end);
                if !is_word_char {
                    break;
                }
                end += len;
            }
            let word = &bytes[at..end];
            let words = letter_slot(word[0]).map_or(&[][..], |slot| &self.by_letter[slot]);
            let numbers = words
                .iter()
                .find(|(w, _)| w.len() == word.len() && w.as_bytes().eq_ignore_ascii_case(word))
                .map_or(&[][..], |(_, numbers)| &numbers[..]);
            for &i in numbers.iter().take_while(|&&i| i < best) {
                let phrase = self.phrases[i].1.as_bytes();
                let stands = bytes
                    .get(at..at + phrase.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(phrase))
                    && !haystack[at + phrase.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if stands {
                    best = i;
                    break;
                }
            }
            at = end;
        }
        self.phrases.get(best).copied()
    }
}

/// Whether the character at byte `at` of `text` is a letter or digit, and
/// its length in bytes (ASCII told by a table, without decoding).
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (ASCII_WORD[usize::from(b)], 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// For each ASCII byte, whether it is a letter or digit.
static ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The slot of a word's first byte among the letters `a` to `z`, without
/// regard to case.
fn letter_slot(first: u8) -> Option<usize> {
    let lower = first.to_ascii_lowercase();
    lower
        .is_ascii_lowercase()
        .then(|| usize::from(lower - b'a'))
}

/// A phrase's first word: up to its first character that is not a letter
/// or digit.
fn first_word(phrase: &str) -> &str {
    phrase
        .find(|c: char| !c.is_alphanumeric())
        .map_or(phrase, |end| &phrase[..end])
}

/// Lowercases and turns every run of white space into one space, so that a
/// phrase's space matches any run of white space.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.extend(c.to_lowercase());
            in_space = false;
        }
    }
    out
}

/// Whether `text[start..end]` stands as whole words: not preceded or
/// followed by a letter or digit. (The tests' reading of the table.)
#[cfg(test)]
fn is_whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A `YYYY-MM-DD` at the start of `s`, not followed by a letter or digit:
/// its year, month and day, unchecked (the caller says whether the date
/// exists).
pub fn date_at(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if s[10..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    ))
}

/// The date prefix of an entry's text (SPEC A): `YYYY-MM-DD`, optionally
/// ` HH:MM`, optionally a separator (`:`, `-`, `–`, `—`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Hours and minutes, unchecked, and the byte offset of the time.
    pub time: Option<(u32, u32, usize)>,
    /// Byte offset where the entry's own text starts.
    pub text_start: usize,
}

/// Reads the date prefix at the start of `s`, if there is one.
pub fn prefix(s: &str) -> Option<Prefix> {
    let (year, month, day) = date_at(s)?;
    let mut at = 10;
    let mut time = None;
    let after_date = &s[at..];
    let blanks = after_date.len() - after_date.trim_start_matches([' ', '\t']).len();
    if blanks > 0 {
        let t = &after_date[blanks..];
        let tb = t.as_bytes();
        if tb.len() >= 5
            && tb[0..2].iter().all(u8::is_ascii_digit)
            && tb[2] == b':'
            && tb[3..5].iter().all(u8::is_ascii_digit)
            && !t[5..].chars().next().is_some_and(char::is_alphanumeric)
        {
            let hours = t[0..2].parse().ok()?;
            let minutes = t[3..5].parse().ok()?;
            time = Some((hours, minutes, at + blanks));
            at += blanks + 5;
        }
    }
    let rest = &s[at..];
    let trimmed = rest.trim_start();
    at += rest.len() - trimmed.len();
    if let Some(sep) = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, ':' | '-' | '–' | '—'))
    {
        let after = &trimmed[sep.len_utf8()..];
        // A separator is followed by a blank or ends the text; "-5" is text.
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            at += sep.len_utf8();
            let rest = &s[at..];
            at += rest.len() - rest.trim_start().len();
        }
    }
    Some(Prefix {
        year,
        month,
        day,
        time,
        text_start: at,
    })
}

/// Whether the character before `at` in `s` is a letter or digit.
fn after_word_char(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The `#tags` of a text: byte offset of the `#` and the tag without it.
/// A tag is `#` and a letter, then letters, digits, `_`, `-`, not preceded
/// by a letter or digit (nor by `&`, which starts an HTML entity).
pub fn tags(s: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    // `#` is ASCII, so every place memchr finds is a character boundary.
    for at in memchr::memchr_iter(b'#', s.as_bytes()) {
        if after_word_char(s, at) || s[..at].ends_with('&') {
            continue;
        }
        let rest = &s[at + 1..];
        if !rest.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(rest.len(), |(i, _)| i);
        found.push((at, &rest[..end]));
    }
    found
}

/// The `@mentions` of a text: byte offset of the `@` and the handle as
/// written. An `@` after a letter or digit is part of an e-mail address.
pub fn mentions(s: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    // `@` is ASCII, so every place memchr finds is a character boundary.
    for at in memchr::memchr_iter(b'@', s.as_bytes()) {
        if after_word_char(s, at) {
            continue;
        }
        let rest = &s[at + 1..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| !is_handle_char(c))
            .map_or(rest.len(), |(i, _)| i);
        let handle = &rest[..end];
        if handle.chars().any(char::is_alphanumeric) {
            found.push((at, handle));
        }
    }
    found
}

/// Characters a handle may contain.
pub fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// The first `by YYYY-MM-DD` in a text: the byte offset of the date and its
/// year, month, day (unchecked).
pub fn first_by_date(s: &str) -> Option<(usize, (i32, u32, u32))> {
    let bytes = s.as_bytes();
    memchr::memchr2_iter(b'b', b'B', bytes).find_map(|at| {
        if !matches!(bytes.get(at + 1), Some(b'y' | b'Y')) || after_word_char(s, at) {
            return None;
        }
        let rest = &s[at + 2..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            return None; // "by" must be followed by white space, then the date
        }
        let date_at_offset = at + 2 + (rest.len() - trimmed.len());
        date_at(trimmed).map(|d| (date_at_offset, d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    /// The table's order spelled out: row by row, phrase by phrase, the
    /// first with a whole-word occurrence. `classify_by_phrase` must agree.
    fn classify_by_phrase_slowly(text: &str) -> Option<(EventKind, &'static str)> {
        let normalized = normalize(text);
        PHRASES.iter().find_map(|&(kind, phrases)| {
            phrases
                .iter()
                .find(|p| {
                    normalized
                        .match_indices(*p)
                        .any(|(at, _)| is_whole_words(&normalized, at, at + p.len()))
                })
                .map(|&p| (kind, p))
        })
    }

    /// What the word lookup relies on: a phrase begins and ends with a
    /// letter, and is ASCII (so its first word is short and ASCII).
    #[test]
    fn every_phrase_begins_and_ends_with_an_ascii_letter() {
        for (_, phrases) in PHRASES {
            for phrase in *phrases {
                let b = phrase.as_bytes();
                assert!(phrase.is_ascii(), "{phrase}");
                assert!(b[0].is_ascii_alphabetic(), "{phrase}");
                assert!(b[b.len() - 1].is_ascii_alphabetic(), "{phrase}");
            }
        }
    }

    proptest::proptest! {
        /// A plain text is one the table's search may read as it is.
        #[test]
        fn plain_texts_are_ascii_with_single_spaces(text in "[a \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}é]{0,12}") {
            let expected = text.is_ascii()
                && !text.contains("  ")
                && !text.chars().any(|c| c != ' ' && c.is_whitespace());
            proptest::prop_assert_eq!(is_plain(&text), expected);
        }

        #[test]
        fn one_pass_agrees_with_the_table_order(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(
                        PHRASES.iter().flat_map(|(_, p)| p.iter().copied()).collect::<Vec<_>>()
                    ).prop_map(str::to_owned),
                    "[a-zA-Z@#-]{1,8}",
                    proptest::sample::select(vec![" ", "  ", "\n  ", "\u{b}", "\t", "-", "", ".", "é", "K"])
                        .prop_map(str::to_owned),
                ],
                0..12,
            )
        ) {
            let text = words.concat();
            proptest::prop_assert_eq!(classify_by_phrase(&text), classify_by_phrase_slowly(&text));
        }
    }

    #[test]
    fn phrases_follow_row_order_and_whole_words() {
        assert_eq!(
            classify_by_phrase("Interview with @kleiner (onsite)."),
            Some((EventKind::Interview, "interview"))
        );
        // "rejected" comes before "interview" in the table.
        assert_eq!(
            classify_by_phrase("They rejected me after the interview"),
            Some((EventKind::Rejected, "rejected"))
        );
        // "offered" is not the word "offer"; "offered me" is its own phrase.
        assert_eq!(
            classify_by_phrase("They offered me the job"),
            Some((EventKind::Offer, "offered me"))
        );
        assert_eq!(classify_by_phrase("The offerings were nice"), None);
        assert_eq!(
            classify_by_phrase("Got ANOTHER\n   offer today"),
            Some((EventKind::News, "another offer"))
        );
        assert_eq!(
            classify_by_phrase("Sent thank-you to Eli"),
            Some((EventKind::Thanks, "thank-you"))
        );
        assert_eq!(classify_by_phrase("Coffee with a friend"), None);
        assert_eq!(classify_by_phrase("reapplied"), None);
    }

    #[test]
    fn every_phrase_classifies_as_its_row_or_an_earlier_one() {
        for (i, (kind, phrases)) in PHRASES.iter().enumerate() {
            for p in *phrases {
                let (found, _) = classify_by_phrase(p).unwrap();
                let row = PHRASES.iter().position(|(k, _)| *k == found).unwrap();
                assert!(row <= i, "{p} classified as {found:?}, not {kind:?}");
            }
        }
    }

    #[test]
    fn prefix_forms() {
        let p = prefix("2026-11-18 14:00 Interview").unwrap();
        assert_eq!((p.year, p.month, p.day), (2026, 11, 18));
        assert_eq!(p.time, Some((14, 0, 11)));
        assert_eq!(&"2026-11-18 14:00 Interview"[p.text_start..], "Interview");
        for (s, rest) in [
            ("2026-11-18: Applied", "Applied"),
            ("2026-11-18 - Applied", "Applied"),
            ("2026-11-18 – Applied", "Applied"),
            ("2026-11-18 — Applied", "Applied"),
            ("2026-11-18 Applied", "Applied"),
            ("2026-11-18", ""),
            ("2026-11-18 -5 degrees", "-5 degrees"),
            ("2026-11-18 10:30: Call", "Call"),
        ] {
            let p = prefix(s).unwrap();
            assert_eq!(&s[p.text_start..], rest, "{s}");
        }
        assert_eq!(prefix("2026-11-18T10:00 x"), None);
        assert_eq!(prefix("2026-11-1 x"), None);
        assert_eq!(prefix("20261-11-18 x"), None);
        assert_eq!(prefix("Applied 2026-11-18"), None);
        // Impossible dates are still read as a prefix; the caller reports them.
        assert_eq!(prefix("2026-02-30 x").map(|p| p.day), Some(30));
    }

    #[test]
    fn tags_need_a_letter_and_no_word_before() {
        let t: Vec<_> = tags("Sent #thanks and #skip, not a#b nor #1 nor &#35; #follow-up_2")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(t, vec!["thanks", "skip", "follow-up_2"]);
    }

    proptest::proptest! {
        /// Tags and mentions start where a `#` or `@` is, with no word
        /// character before it, whatever the text around them.
        #[test]
        fn tags_and_mentions_start_at_their_sign(s in "[a-zé &#@.é_-]{0,24}") {
            for (at, tag) in tags(&s) {
                proptest::prop_assert!(s[at..].starts_with('#'));
                proptest::prop_assert!(!after_word_char(&s, at));
                proptest::prop_assert!(tag.chars().next().is_some_and(char::is_alphabetic));
            }
            for (at, handle) in mentions(&s) {
                proptest::prop_assert!(s[at..].starts_with('@'));
                proptest::prop_assert!(!after_word_char(&s, at));
                proptest::prop_assert!(handle.chars().all(is_handle_char));
            }
            let signs = |c: char| s.char_indices().filter(|&(at, x)| x == c && !after_word_char(&s, at)).count();
            proptest::prop_assert!(mentions(&s).len() <= signs('@'));
            proptest::prop_assert!(tags(&s).len() <= signs('#'));
        }
    }

    #[test]
    fn mentions_are_not_email_addresses() {
        let m: Vec<_> = mentions("with @kleiner and @Vance. mail kleiner@bm.example @ alone")
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        assert_eq!(m, vec!["kleiner", "Vance."]);
    }

    #[test]
    fn by_date_needs_the_word_by_then_a_date() {
        assert_eq!(
            first_by_date("They will decide by 2026-11-28.").map(|(_, d)| d),
            Some((2026, 11, 28))
        );
        assert_eq!(
            first_by_date("Hear back BY  2026-12-01").map(|(_, d)| d),
            Some((2026, 12, 1))
        );
        assert_eq!(first_by_date("standby 2026-11-28"), None);
        assert_eq!(first_by_date("by end of month"), None);
        assert_eq!(first_by_date("by2026-11-28"), None);
        let s = "by 2026-01-01 or by 2026-02-02";
        assert_eq!(first_by_date(s).map(|(at, _)| at), Some(3));
    }
}
