//! A fast reader for the YAML that front-matter almost always is: block
//! mappings and sequences of plain, one-line values, with comment lines.
//! It gives exactly the tree the full YAML reader would give, positions
//! included, or `None` for anything else — then the full reader runs and
//! has the last word, errors and all. Reading a journal of thousands of
//! files spends most of its time in YAML; this path is an order of
//! magnitude faster for the usual shape, and the tests compare the two
//! readers on generated documents.
//!
//! What it accepts, and nothing more:
//! - lines indented with spaces only (no tab, no carriage return but the
//!   one before a line feed, no control character);
//! - `key: value` and `key:` lines, keys made of ASCII letters, digits,
//!   `_` and `-` (starting with a letter or `_`), unique in their mapping;
//! - `- value` and `- key: value` sequence items (the mapping of an item
//!   continues at the column of its first key);
//! - a `key:` followed by a more indented block, or by a sequence at the
//!   same indentation; else its value is null;
//! - blank lines and lines that are only a comment;
//! - values that are plain text on one line: not starting with a character
//!   YAML gives a meaning to, without `: `, ` #`, brackets or braces; not a
//!   number, and no reserved word but `true` and `false`. A date
//!   `YYYY-MM-DD` is text.

use super::yaml::{MAX_DEPTH, Node, Value};

/// Nesting beyond this goes to the full reader (and its budget).
const MAX_SIMPLE_DEPTH: usize = 16;
/// Larger texts go to the full reader (and its budget).
const MAX_SIMPLE_LINES: usize = 2_000;

const _: () = assert!(MAX_SIMPLE_DEPTH < MAX_DEPTH);

/// The tree of `text`, when `text` is of the simple shape described above.
pub fn parse(text: &str) -> Option<Node> {
    let lines = lines(text)?;
    let mut reader = Reader { lines, at: 0 };
    reader.skip_blank();
    let first = reader.lines.get(reader.at)?;
    if first.indent != 0 {
        return None;
    }
    let root = reader.block(0, 0)?;
    reader.skip_blank();
    // Everything must have been read, and the root must be a mapping.
    (reader.at == reader.lines.len() && matches!(root.value, Value::Map(_))).then_some(root)
}

/// One line of the text: its number (1-based), indentation and content
/// (without the indentation and trailing blanks); `None` content for a
/// blank or comment line.
struct Line<'a> {
    number: usize,
    indent: usize,
    content: Option<&'a str>,
}

fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::new();
    for (i, raw) in super::split_newlines(text).enumerate() {
        if i >= MAX_SIMPLE_LINES {
            return None;
        }
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.chars().any(is_unusual) {
            return None;
        }
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        let content = content.trim_end_matches(' ');
        let content = (!content.is_empty() && !content.starts_with('#')).then_some(content);
        lines.push(Line {
            number: i + 1,
            indent,
            content,
        });
    }
    Some(lines)
}

/// Characters the simple reader leaves to the full one: tabs, carriage
/// returns, other control characters, and the characters some YAML readers
/// take for line breaks or byte order marks.
fn is_unusual(c: char) -> bool {
    c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
}

impl<'a> Reader<'a> {
    fn skip_blank(&mut self) {
        while self.lines.get(self.at).is_some_and(|l| l.content.is_none()) {
            self.at += 1;
        }
    }

    /// The next line with content, if it is indented exactly `indent`.
    fn next_at(&mut self, indent: usize) -> Option<&'a str> {
        self.skip_blank();
        let line = self.lines.get(self.at)?;
        (line.indent == indent).then_some(line.content).flatten()
    }

    /// A mapping or sequence starting at the current line, at `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_SIMPLE_DEPTH {
            return None;
        }
        let content = self.next_at(indent)?;
        if is_item(content) {
            self.sequence(indent, depth, false)
        } else {
            let line = &self.lines[self.at];
            self.mapping(indent, line.number, indent + 1, depth)
        }
    }

    /// A sequence of `- ` items at `indent`. It sits at its first dash,
    /// or, when `indentless` (at the same indentation as its key), at its
    /// first item's text, as the full reader places it.
    fn sequence(&mut self, indent: usize, depth: usize, indentless: bool) -> Option<Node> {
        let (line, mut column) = (self.lines[self.at].number, indent + 1);
        let mut items = Vec::new();
        while let Some(content) = self.next_at(indent) {
            if !is_item(content) {
                break;
            }
            let rest = content[1..].trim_start_matches(' ');
            if rest.is_empty() {
                return None; // a nested block under a bare dash
            }
            let offset = content.len() - rest.len();
            let number = self.lines[self.at].number;
            let item_indent = indent + offset;
            if indentless && items.is_empty() {
                column = item_indent + 1;
            }
            if key_of(rest).is_some() {
                // The item's mapping: its first key is on the dash's line,
                // the others at the same column below.
                self.lines[self.at].indent = item_indent;
                self.lines[self.at].content = Some(rest);
                items.push(self.mapping(item_indent, number, item_indent + 1, depth + 1)?);
            } else {
                items.push(scalar(rest, number, item_indent + 1)?);
                self.at += 1;
            }
        }
        Some(Node {
            value: Value::Seq(items),
            line,
            column,
            len: 0,
        })
    }

    /// A mapping of `key:` lines at `indent`; the node sits at `line`,
    /// `column` (its first key).
    fn mapping(&mut self, indent: usize, line: usize, column: usize, depth: usize) -> Option<Node> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        while let Some(content) = self.next_at(indent) {
            if is_item(content) {
                break;
            }
            let (key, rest) = key_of(content)?;
            if entries
                .iter()
                .any(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            {
                return None; // the full reader reports duplicates
            }
            let number = self.lines[self.at].number;
            let key_node = Node {
                value: Value::Str(key.to_owned()),
                line: number,
                column: indent + 1,
                len: key.len(),
            };
            self.at += 1;
            let value = if rest.is_empty() {
                let colon = indent + key.len() + 1;
                self.nested(indent, number, colon, depth)?
            } else {
                let offset = content.len() - rest.len();
                scalar(rest, number, indent + offset + 1)?
            };
            entries.push((key_node, value));
        }
        // A line indented deeper than the mapping, left unread, is a
        // continuation the simple reader does not take.
        self.skip_blank();
        if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
            return None;
        }
        Some(Node {
            value: Value::Map(entries),
            line,
            column,
            len: 0,
        })
    }

    /// The value of a `key:` with nothing after the colon (at `colon` on
    /// line `number`): a block indented deeper, a sequence at the key's
    /// indentation, or null.
    fn nested(&mut self, indent: usize, number: usize, colon: usize, depth: usize) -> Option<Node> {
        self.skip_blank();
        match self.lines.get(self.at) {
            Some(next) if next.indent > indent => self.block(next.indent, depth + 1),
            Some(next) if next.indent == indent && next.content.is_some_and(is_item) => {
                self.sequence(indent, depth + 1, true)
            }
            _ => Some(Node {
                value: Value::Null,
                line: number,
                column: colon,
                len: 0,
            }),
        }
    }
}

/// Whether a line's content is a sequence item (`-` then a blank or the
/// end).
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// `key: rest` or `key:` as (key, rest), for a simple key.
fn key_of(content: &str) -> Option<(&str, &str)> {
    let end = memchr::memchr(b':', content.as_bytes())?;
    let key = &content[..end];
    let after = &content[end + 1..];
    let first = key.chars().next()?;
    let simple_key = (first.is_ascii_alphabetic() || first == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !simple_key {
        return None;
    }
    if after.is_empty() {
        return Some((key, ""));
    }
    let rest = after.strip_prefix(' ')?.trim_start_matches(' ');
    Some((key, rest))
}

/// A plain one-line value at `line`, `column`, if it is one the simple
/// reader can type with certainty.
fn scalar(text: &str, line: usize, column: usize) -> Option<Node> {
    let first = text.chars().next()?;
    // One pass for what would make the value more than plain text: `: `,
    // ` #`, brackets or braces anywhere, a `:` at the end.
    let bytes = text.as_bytes();
    let structured = bytes.iter().enumerate().any(|(i, &b)| match b {
        b'[' | b']' | b'{' | b'}' => true,
        b':' => bytes.get(i + 1).is_none_or(|&next| next == b' '),
        b'#' => i > 0 && bytes[i - 1] == b' ',
        _ => false,
    });
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || structured {
        return None;
    }
    let value = match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ if is_reserved(text) => return None,
        _ if first.is_ascii_digit() || first == '+' || first == '.' => {
            if !is_date(text) {
                return None; // numbers are typed by the full reader
            }
            Value::Str(text.to_owned())
        }
        _ => Value::Str(text.to_owned()),
    };
    Some(Node {
        value,
        line,
        column,
        len: text.chars().count(),
    })
}

/// Words some YAML schema reads as something other than text.
fn is_reserved(text: &str) -> bool {
    const WORDS: [&str; 10] = [
        "true", "false", "null", "~", "yes", "no", "on", "off", "y", "n",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
}

/// `YYYY-MM-DD`, digits only (whether the date exists is checked later).
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::journal::front_matter::{self, FrontMatter};
    use crate::journal::yaml::parse_fully;

    /// The simple reader either declines or agrees with the full one.
    fn agrees(text: &str) -> Result<bool, String> {
        match parse(text) {
            None => Ok(false),
            Some(simple) => match parse_fully(text) {
                Ok(full) if full == simple => Ok(true),
                Ok(full) => Err(format!("{text:?}\nsimple: {simple:#?}\nfull: {full:#?}")),
                Err(e) => Err(format!("{text:?}\nsimple: {simple:#?}\nfull error: {e:?}")),
            },
        }
    }

    /// The front-matter of every application in the repository's journals.
    fn front_matters() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["sample-journal", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                if let FrontMatter::Present(split) =
                    front_matter::split(front_matter::strip_bom(&text))
                {
                    let yaml = split.yaml.to_owned();
                    found.push((path.display().to_string(), yaml));
                }
            }
        }
        found
    }

    #[test]
    fn agrees_on_every_journal_in_the_repository() {
        let all = front_matters();
        let mut taken = 0;
        for (path, yaml) in &all {
            match agrees(yaml) {
                Ok(true) => taken += 1,
                Ok(false) => {}
                Err(diff) => panic!("{path}: {diff}"),
            }
        }
        // The fast path is the usual path: most files take it.
        assert!(all.len() > 60, "{} files", all.len());
        assert!(taken * 10 >= all.len() * 6, "{taken} of {}", all.len());
    }

    #[test]
    fn takes_the_sample_journal_and_new_applications() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(root.join("sample-journal/applications")).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".draft.md") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let FrontMatter::Present(split) = front_matter::split(&text) else {
                continue;
            };
            assert_eq!(agrees(split.yaml), Ok(true), "{}", split.yaml);
        }
        let text = crate::edit::new_application("Black Mesa", Some("Researcher"));
        let FrontMatter::Present(split) = front_matter::split(&text) else {
            panic!("a new application has front-matter");
        };
        assert_eq!(agrees(split.yaml), Ok(true));
    }

    #[test]
    fn declines_what_it_cannot_type() {
        for text in [
            "a: 12\n",
            "a: 1_000\n",
            "a: 007\n",
            "a: .inf\n",
            "a: ~\n",
            "a: Yes\n",
            "a: True\n",
            "a: 'quoted'\n",
            "a: \"quoted\"\n",
            "a: b # comment\n",
            "a: b\n  continued\n",
            "a: b\na: c\n",
            "a:\tb\n",
            "a: [1, 2]\n",
            "a: &x b\nc: *x\n",
            "- a\n",
            "a: |\n  text\n",
            "\"a\": b\n",
            "a: b\r c\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// Values: plain text, with the characters that matter to YAML mixed in.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z][a-zA-Z0-9 .,'@/:#!&*?|>%-]{0,12}",
            "[0-9+.~-][0-9a-z.:_-]{0,10}",
            proptest::sample::select(vec![
                "true",
                "false",
                "True",
                "null",
                "~",
                "yes",
                "no",
                "on",
                "y",
                "2026-11-22",
                "2026-1-1",
                "x: y",
                "a #b",
                "a#b",
                "héllo wörld",
                "日本",
                "-",
                "- a",
                "#x",
                "[a]",
                "'q'",
                "\"q\"",
                "http://x.example/a:b",
                "C#",
                "a:",
                "",
            ])
            .prop_map(str::to_owned),
        ]
    }

    /// Documents of the simple shape, and a little beyond it.
    fn document() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            "[a-z_][a-z0-9_-]{0,8}",
            proptest::sample::select(vec!["company", "contacts", "a b", "é", "1", "-x"])
                .prop_map(str::to_owned),
        ];
        let blank = proptest::sample::select(vec!["", " ", "  ", "   "]);
        let line = (0..4usize, key, blank, value(), 0..8u8).prop_map(
            |(indent, key, pad, value, shape)| {
                let indent = " ".repeat(indent * 2);
                match shape {
                    0 => format!("{indent}{key}:{pad}"),
                    1 => format!("{indent}- {value}"),
                    2 => format!("{indent}-{pad} {key}: {value}"),
                    3 => format!("{indent}# {value}"),
                    4 => pad.to_owned(),
                    _ => format!("{indent}{key}:{pad} {value}{pad}"),
                }
            },
        );
        (proptest::collection::vec(line, 1..14), proptest::bool::ANY).prop_map(|(lines, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = lines.join(end);
            text.push_str(end);
            text
        })
    }

    /// A YAML tree to write out in block style.
    #[derive(Clone, Debug)]
    enum Tree {
        Scalar(String),
        Empty,
        Map(Vec<(String, Tree)>),
        Seq(Vec<Tree>),
    }

    fn tree() -> impl Strategy<Value = Tree> {
        let leaf = prop_oneof![
            12 => "[a-zA-Z][a-zA-Z0-9 .,'@/!&*?|>%()-]{0,16}".prop_map(Tree::Scalar),
            2 => value().prop_map(Tree::Scalar),
            1 => Just(Tree::Empty),
        ];
        leaf.prop_recursive(4, 24, 5, |inner| {
            let key = prop_oneof![
                20 => "[a-z_][a-z0-9_-]{0,6}",
                1 => proptest::sample::select(vec!["a b", "é", "1", "-x", "company"])
                    .prop_map(str::to_owned),
            ];
            prop_oneof![
                proptest::collection::vec((key, inner.clone()), 1..5).prop_map(Tree::Map),
                proptest::collection::vec(inner, 1..4).prop_map(Tree::Seq),
            ]
        })
    }

    /// How a tree is written: indentation step, blanks after `:` and `-`,
    /// comment and blank lines, sequences at their key's indentation.
    #[derive(Clone, Debug)]
    struct Style {
        step: usize,
        pad: usize,
        comments: bool,
        indentless: bool,
        crlf: bool,
    }

    fn write(tree: &Tree, indent: usize, style: &Style, out: &mut Vec<String>) {
        let pad = " ".repeat(style.pad);
        let ind = " ".repeat(indent);
        match tree {
            Tree::Map(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    if style.comments && i == 1 {
                        out.push(format!("{ind}# note{pad}"));
                        out.push(String::new());
                    }
                    match value {
                        Tree::Scalar(v) => out.push(format!("{ind}{key}: {pad}{v}{pad}")),
                        Tree::Empty => out.push(format!("{ind}{key}:{pad}")),
                        Tree::Seq(_) if style.indentless => {
                            out.push(format!("{ind}{key}:"));
                            write(value, indent, style, out);
                        }
                        _ => {
                            out.push(format!("{ind}{key}:"));
                            write(value, indent + style.step, style, out);
                        }
                    }
                }
            }
            Tree::Seq(items) => {
                for item in items {
                    match item {
                        Tree::Scalar(v) => out.push(format!("{ind}- {pad}{v}")),
                        Tree::Empty => out.push(format!("{ind}-")),
                        Tree::Map(_) => {
                            // The item's first key goes on the dash's line.
                            let mut lines = Vec::new();
                            let inner = indent + 2 + style.pad;
                            write(item, inner, style, &mut lines);
                            if let Some(first) = lines.first_mut() {
                                *first = format!("{ind}-{pad} {}", &first[inner..]);
                            }
                            out.extend(lines);
                        }
                        Tree::Seq(_) => {
                            out.push(format!("{ind}-"));
                            write(item, indent + style.step, style, out);
                        }
                    }
                }
            }
            Tree::Scalar(v) => out.push(format!("{ind}{v}")),
            Tree::Empty => {}
        }
    }

    /// Documents of the simple shape (a mapping at the root), and a little
    /// beyond it through the odd keys and values.
    fn tree_document() -> impl Strategy<Value = String> {
        let style = (
            1..5usize,
            0..3usize,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(step, pad, comments, indentless, crlf)| Style {
                step,
                pad,
                comments,
                indentless,
                crlf,
            });
        let root =
            proptest::collection::vec(("[a-z_][a-z0-9_]{0,6}", tree()), 1..6).prop_map(Tree::Map);
        (root, style).prop_map(|(root, style)| {
            let mut lines = Vec::new();
            write(&root, 0, &style, &mut lines);
            let end = if style.crlf { "\r\n" } else { "\n" };
            let mut text = lines.join(end);
            text.push_str(end);
            text
        })
    }

    /// Share of the structured documents the simple reader takes, so the
    /// comparison below is not vacuous.
    #[test]
    fn takes_most_structured_documents() {
        let total = 500;
        let taken =
            crate::journal::share_taken(tree_document(), total, |text| parse(text).is_some());
        assert!(taken * 4 >= total, "{taken} of {total}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn declines_or_agrees_with_the_full_reader(text in document()) {
            prop_assert_eq!(agrees(&text).err(), None);
        }

        #[test]
        fn declines_or_agrees_on_structured_documents(text in tree_document()) {
            prop_assert_eq!(agrees(&text).err(), None);
        }
    }
}
