//! A fast reader for the markdown a log almost always is: headings, lines of
//! text, and `- ` lists nested by two spaces. It gives exactly the outline
//! the CommonMark parser gives (the same items, headings and ranges), or
//! `None` for anything else — then the full parser runs and has the last
//! word. Reading the log was the largest part of reading a file; this path
//! does a fraction of the work for the usual shape, and the tests compare
//! the two readers on generated bodies.
//!
//! What it accepts, and nothing more:
//! - lines ending in a line feed (or a carriage return and a line feed),
//!   with no other control character, no tab, and none of `` ` ``, `<` and
//!   `[` anywhere (so there is no code, HTML, link or image to blank out);
//! - headings `#` to `######` at the start of a line, a space, then text
//!   that does not begin with `\` or end with `#`;
//! - list items `- text`, a top-level one at the start of a line and each
//!   nested one two spaces further in than its parent;
//! - lines of text, which continue the paragraph before them (at any
//!   indentation) or, at the start of a line, begin one;
//! - blank lines, except before an indented line of text (which would be
//!   a paragraph of an item, or code).
//!
//! Text — an item's, or a line's — must not begin with a character that
//! could start another kind of block (`#`, `>`, `-`, `*`, `+`, `_`, `=`,
//! `~`, `|`, `\`, a space after the marker, or a number followed by `.` or
//! `)`).

use std::ops::Range;

use super::log::{Candidate, Outline, trim_range};

/// A list item whose end is not known yet.
struct OpenItem {
    /// Where its marker is.
    start: usize,
    /// Its first paragraph so far.
    own: Range<usize>,
}

/// The outline of `body`, when it has the shape described above.
pub(super) fn outline(body: &str) -> Option<Outline> {
    let bytes = body.as_bytes();
    if has_excluded_byte(bytes) {
        return None;
    }
    let mut reader = Reader {
        body,
        out: Outline::default(),
        open: Vec::new(),
    };
    // A paragraph is open: a line of text continues it. With items open, it
    // is the innermost item's.
    let mut paragraph = false;
    let mut after_blank = false;
    let mut pos = 0;
    while pos < bytes.len() {
        let (line_end, next) = match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(i) => (pos + i, pos + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        let mut end = line_end;
        if end > pos && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let line = &bytes[pos..end];
        if line.contains(&b'\r') {
            // A carriage return alone ends a line too: not this reader's.
            return None;
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let Some(&first) = line.get(indent) else {
            paragraph = false;
            after_blank = true;
            pos = next;
            continue;
        };
        if first == b'#' {
            let hashes = line.iter().take_while(|&&b| b == b'#').count();
            if indent > 0 || hashes > 6 || line.get(hashes) != Some(&b' ') {
                return None;
            }
            let own = trim_range(body, pos + hashes + 1..end);
            if own.is_empty() || bytes[own.end - 1] == b'#' || bytes[own.start] == b'\\' {
                // No text, a closing sequence of `#`, or an escape (whose
                // text starts after the backslash).
                return None;
            }
            reader.close_from(0, pos);
            reader.out.heading_starts.push(pos);
            reader.out.candidates.push(Candidate {
                own,
                notes: next..next,
                item: None,
            });
            paragraph = false;
        } else if first == b'-' && line.get(indent + 1) == Some(&b' ') {
            // Markers between the usual columns belong to rarer shapes.
            if indent % 2 == 1 || indent > 2 * reader.open.len() {
                return None;
            }
            let content = indent + 2;
            if !starts_plain(&line[content..]) {
                return None;
            }
            reader.close_from(indent / 2, pos);
            reader.open.push(OpenItem {
                start: pos + indent,
                own: pos + content..end,
            });
            paragraph = true;
        } else {
            if !starts_plain(&line[indent..]) {
                return None;
            }
            if paragraph {
                if let Some(item) = reader.open.last_mut() {
                    item.own.end = end;
                }
            } else {
                // A new paragraph: at the start of a line (else it would be
                // code, or part of an item), and only after a blank line
                // while items are open (else it would continue one).
                if indent > 0 || (!reader.open.is_empty() && !after_blank) {
                    return None;
                }
                reader.close_from(0, pos);
                paragraph = true;
            }
        }
        after_blank = false;
        pos = next;
    }
    reader.close_from(0, bytes.len());
    reader.out.candidates.sort_by_key(|c| c.own.start);
    Some(reader.out)
}

struct Reader<'a> {
    body: &'a str,
    out: Outline,
    open: Vec<OpenItem>,
}

impl Reader<'_> {
    /// Ends the open items from nesting level `level` inwards at `at`.
    fn close_from(&mut self, level: usize, at: usize) {
        while self.open.len() > level {
            let Some(item) = self.open.pop() else { break };
            let own = trim_range(self.body, item.own);
            self.out.candidates.push(Candidate {
                notes: own.end..at,
                own,
                item: Some(item.start..at),
            });
        }
    }
}

/// Bytes that send a body to the full parser: control characters but the
/// line feed and carriage return (checked line by line), and the characters
/// that begin code, HTML, links and images.
fn has_excluded_byte(bytes: &[u8]) -> bool {
    // No early exit: this compiles to a few vector instructions per 32
    // bytes, cheaper than stopping at the first hit in a body that has none.
    bytes.iter().fold(false, |found, &b| {
        found | ((b < 0x20) & (b != b'\n') & (b != b'\r')) | (b == b'`') | (b == b'<') | (b == b'[')
    })
}

/// Whether text that begins with `rest` is plain text, not the start of
/// another kind of block (or of text that is not where this reader
/// expects it).
fn starts_plain(rest: &[u8]) -> bool {
    let Some(&first) = rest.first() else {
        return false;
    };
    if b"#>-*+_=~|\\ ".contains(&first) {
        return false;
    }
    // An ordered list marker: up to nine digits and `.` or `)`.
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    !(digits > 0 && matches!(rest.get(digits), Some(b'.' | b')')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::log::full_outline;
    use proptest::prelude::*;

    /// The fast reader declines, or finds exactly what the full one finds.
    fn agrees(body: &str) -> Result<bool, String> {
        match outline(body) {
            None => Ok(false),
            Some(fast) => {
                let full = full_outline(body);
                if fast == full {
                    Ok(true)
                } else {
                    Err(format!("{body:?}\nfast: {fast:#?}\nfull: {full:#?}"))
                }
            }
        }
    }

    #[test]
    fn takes_the_usual_log_and_agrees() {
        let body = "\n# Acme\n\nFound through a friend.\nAsk about on-call.\n\n## Log\n- 2026-11-01 Applied through the careers page.\n- 2026-11-18 14:00 Interview with @kleiner and @vance (onsite). They will decide by 2026-11-28.\n  - Kleiner asked about the resonance cascade paper\n  - Vance wants someone who can *lead* the lab\n    and more on a second line\n- 2026-11-18 Sent thank-you to @kleiner #thanks\n\n## Notes\n\nSalary & questions.\n\n- one\n- two\n";
        assert_eq!(agrees(body), Ok(true));
        let crlf = body.replace('\n', "\r\n");
        assert_eq!(agrees(&crlf), Ok(true));
        assert_eq!(agrees(body.trim_end()), Ok(true));
        assert_eq!(agrees(""), Ok(true));
        // Headings as entries, and a loose list.
        let headings = "# Stripe\n\n## 2026-11-10 Phone screen with @lopez\n- nice chat\n- next step: onsite\n\n## 2026-11-21 Onsite\n- Tom: ledger\n\n- 2026-11-21 Sent thank-you #thanks\n";
        assert_eq!(agrees(headings), Ok(true));
    }

    #[test]
    fn declines_what_it_does_not_read() {
        for body in [
            "- a [link](https://x.example)\n",
            "- `code`\n",
            "- a <b>bold</b> word\n",
            "<!-- a comment -->\n",
            "-\ta tab\n",
            "- a\r- lone carriage return\n",
            "- a\n\n  more in the item\n",
            "    indented code\n",
            "- a\n   - odd indentation\n",
            "- a\n    - too deep\n",
            "* star item\n",
            "1. ordered\n",
            "text\n---\n",
            "text\n===\n",
            "> quote\n",
            "## closed ##\n",
            "####### seven\n",
            "#tag at the start\n",
            "  # indented heading\n",
            "-  two spaces\n",
            "- - nested on one line\n",
            "~~~\nfence\n~~~\n",
            "form\x0cfeed\n",
        ] {
            assert_eq!(outline(body), None, "{body:?}");
        }
    }

    /// Bodies made of the lines a log has, and of lines that are not.
    pub fn body() -> impl Strategy<Value = String> {
        let plain = proptest::sample::select(vec![
            "2026-11-18 Interview with @kleiner",
            "2026-11-01 Applied",
            "note",
            "lazy text",
            "trailing spaces  ",
            "\u{a0}no-break space",
            "x\\",
            "Foo #",
            "&amp; entity",
            "*emphasis* and _this_",
            "",
            " ",
        ]);
        let odd = proptest::sample::select(vec![
            "C#",
            "a `code` span",
            "[link](https://x.example)",
            "<b>html</b>",
            "#tag",
            "-5 degrees",
            "1. one",
            "2) two",
            "---",
            "===",
            "> quote",
            "***",
            "- - -",
            "\\- escaped",
            "tab\there",
            "a\rb",
            "f\x0cg",
        ]);
        let text = prop_oneof![6 => plain, 1 => odd];
        let prefix = prop_oneof![
            6 => proptest::sample::select(vec!["", "- ", "## "]),
            1 => proptest::sample::select(vec![
                "-", "-  ", "* ", "+ ", "1. ", "# ", "###### ", "####### ", "#", "> ",
            ]),
        ];
        let indent = proptest::sample::select(vec![0, 0, 0, 2, 2, 4, 6, 1, 3, 8]);
        let line = (indent, prefix, text)
            .prop_map(|(indent, prefix, text)| format!("{}{prefix}{text}", " ".repeat(indent)));
        (
            proptest::collection::vec(line, 0..14),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(lines, crlf, last_newline)| {
                let end = if crlf { "\r\n" } else { "\n" };
                let mut text = lines.join(end);
                if last_newline {
                    text.push_str(end);
                }
                text
            })
    }

    /// Log-shaped bodies: headings, paragraphs, and lists nested by two
    /// spaces, with lines that continue an item (indented or lazy), blank
    /// lines here and there, text with what a log's text has (emphasis,
    /// entities, escapes, `#` and no-break spaces) and now and then a line
    /// of another kind.
    pub fn log_body() -> impl Strategy<Value = String> {
        let text = prop_oneof![
            4 => "[a-zA-Z0-9@ .,;:'()!?&*_/#-]{0,20}",
            1 => proptest::sample::select(vec![
                "trailing spaces  ",
                "\u{a0}no-break space",
                "x\\",
                "\\*escaped\\*",
                "Foo #",
                "C#",
                "&amp; entity",
                "*emphasis* and _this_",
                "",
                " ",
            ])
            .prop_map(str::to_owned),
        ];
        let odd = (0..9usize, body());
        let line = (0..9u8, 0..4usize, text, odd);
        (proptest::collection::vec(line, 0..16), any::<bool>()).prop_map(|(lines, crlf)| {
            let mut out = Vec::new();
            // The depth of the innermost open item, 0 outside a list.
            let mut depth = 0;
            for (shape, wanted, text, (indent, odd)) in lines {
                match shape {
                    0 => {
                        out.push(format!("## {text}"));
                        depth = 0;
                    }
                    1 => {
                        out.push(String::new());
                        out.push(format!("Some text {text}"));
                        depth = 0;
                    }
                    2 => out.push(format!("{}  and {text}", "  ".repeat(wanted))),
                    3 => out.push(String::new()),
                    4 if wanted == 0 => {
                        let odd = odd.lines().next().unwrap_or("");
                        out.push(format!("{}{odd}", " ".repeat(indent)));
                    }
                    _ => {
                        let level = wanted.min(depth);
                        out.push(format!("{}- 2026-11-1{level} {text}", "  ".repeat(level)));
                        depth = level + 1;
                    }
                }
            }
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = out.join(end);
            text.push_str(end);
            text
        })
    }

    /// Share of the log-shaped bodies the fast reader takes, so the
    /// comparison below is not vacuous.
    #[test]
    fn takes_many_log_shaped_bodies() {
        let total = 500;
        let taken = crate::journal::share_taken(log_body(), total, |text| agrees(text).unwrap());
        assert!(taken * 4 >= total, "{taken} of {total}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn declines_or_agrees_with_the_full_parser(text in body()) {
            prop_assert_eq!(agrees(&text).err(), None);
        }

        #[test]
        fn declines_or_agrees_on_log_shaped_bodies(text in log_body()) {
            prop_assert_eq!(agrees(&text).err(), None);
        }
    }
}
