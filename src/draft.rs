//! The draft file format (SPEC §6): front-matter with nudge's marker, who
//! the letter is for, its subject, dates, hints and a checksum of the
//! generated text; then the letter. The checksum is how nudge knows a
//! draft is still untouched, and so its own to rewrite or remove.

use sha2::{Digest, Sha256};

/// The front-matter line that marks a draft as nudge's.
pub const MARKER_LINE: &str = "generated_by: nudge";

const CHECKSUM_KEY: &str = "checksum: ";

/// What goes into a draft file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The application file, relative to the journal.
    pub application: String,
    /// The action kind (`thank-you`, `follow-up`, ...).
    pub action: String,
    /// The follow-up or check-in number, for numbered actions.
    pub n: Option<u32>,
    /// `Name <email>`, or the name alone, or empty.
    pub to: String,
    pub subject: String,
    pub due: String,
    pub deadline: String,
    pub problem: Option<String>,
    /// Notes from the interview and reminders, for the job seeker's eyes only.
    pub hints: Vec<String>,
    /// The letter itself, ready to paste.
    pub body: String,
}

/// A YAML scalar for any text: a JSON string is a valid YAML double-quoted
/// scalar, with every special character escaped.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The checksum of a draft's text without its checksum line, given in
/// pieces: the first 8 bytes of its SHA-256, in hex.
fn checksum(pieces: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for piece in pieces {
        hasher.update(piece.as_bytes());
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(16);
    for b in &digest[..8] {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl Draft {
    /// The file's text, checksum included.
    pub fn render(&self) -> String {
        // The front-matter up to the checksum line, the checksum line, then
        // the rest: the checksum is of the text without its own line.
        let mut head = String::with_capacity(512 + self.body.len());
        head.push_str("---\n");
        head.push_str(MARKER_LINE);
        head.push('\n');
        let mut field = |key: &str, value: &str| {
            head.push_str(key);
            head.push_str(": ");
            head.push_str(value);
            head.push('\n');
        };
        field("application", &quoted(&self.application));
        field("action", &self.action);
        if let Some(n) = self.n {
            field("n", &n.to_string());
        }
        field("to", &quoted(&self.to));
        field("subject", &quoted(&self.subject));
        field("due", &self.due);
        field("deadline", &self.deadline);
        if let Some(problem) = &self.problem {
            field("problem", &quoted(problem));
        }
        if !self.hints.is_empty() {
            head.push_str("hints:\n");
            for hint in &self.hints {
                head.push_str("  - ");
                head.push_str(&quoted(hint));
                head.push('\n');
            }
        }
        const TAIL: &str = "---\n\n";
        let sum = checksum(&[&head, TAIL, &self.body]);
        head.push_str(CHECKSUM_KEY);
        head.push('"');
        head.push_str(&sum);
        head.push_str("\"\n");
        head.push_str(TAIL);
        head.push_str(&self.body);
        // A journal's drafts are all held until they are written: none
        // keeps the room its growth left.
        head.shrink_to_fit();
        head
    }

    /// The letter as it goes out: recipient, subject and text (what
    /// [`sendable`] reads back from the rendered file).
    pub fn sendable(&self) -> Sendable {
        Sendable {
            to: self.to.trim().to_owned(),
            subject: self.subject.trim().to_owned(),
            body: self.body.replace("\r\n", "\n").trim().to_owned(),
        }
    }

    /// The file's text, with the letter for its mail link: what
    /// [`Draft::sendable`] gives, but with the letter's text left where it
    /// is, at the end of the file's text, instead of copied.
    pub fn render_with_letter(&self) -> (String, MailLetter) {
        let text = self.render();
        let letter = if self.body.contains('\r') {
            // Line ends to change: the letter gets its own text.
            MailLetter::Own(self.sendable())
        } else {
            let start = text.len() - self.body.len();
            let lead = self.body.len() - self.body.trim_start().len();
            let body = start + lead..start + lead + self.body.trim().len();
            MailLetter::InDraft {
                to: self.to.trim().to_owned(),
                subject: self.subject.trim().to_owned(),
                body,
            }
        };
        (text, letter)
    }
}

/// A drafted letter, for its mail link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailLetter {
    /// A draft as nudge writes it: the recipient and subject, and where
    /// the letter lies in the draft's text (which is kept until it is
    /// written anyway).
    InDraft {
        to: String,
        subject: String,
        body: std::ops::Range<usize>,
    },
    /// A letter with a text of its own (the job seeker's edit).
    Own(Sendable),
}

impl MailLetter {
    /// The letter, its text found in `draft`: the text of the draft it was
    /// rendered with (or anything, for a letter with its own text).
    pub fn in_draft<'a>(&'a self, draft: &'a str) -> Letter<'a> {
        match self {
            MailLetter::InDraft { to, subject, body } => Letter {
                to,
                subject,
                body: draft.get(body.clone()).unwrap_or_default(),
            },
            MailLetter::Own(letter) => letter.letter(),
        }
    }
}

/// A letter as a mail link carries it: who it goes to, its subject and its
/// text, borrowed from wherever they are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Whether a file's text is a draft exactly as nudge wrote it: its checksum
/// line matches the rest. Any edit (or a file that is not a draft) is not.
pub fn is_untouched(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("---\n") else {
        return false;
    };
    let Some(end) = rest.find("\n---\n") else {
        return false;
    };
    let front = &rest[..end + 1];
    let mut offset = 4;
    for line in front.split_inclusive('\n') {
        if let Some(sum) = line.strip_prefix(CHECKSUM_KEY) {
            let without = [&text[..offset], &text[offset + line.len()..]];
            let sum = sum.trim_end().trim_matches('"');
            return front.lines().any(|l| l == MARKER_LINE) && sum == checksum(&without);
        }
        offset += line.len();
    }
    false
}

/// The `application:` of a draft nudge wrote, if it can be read.
pub fn application_of(text: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let front = &rest[..rest.find("\n---")?];
    let value = front
        .lines()
        .find_map(|l| l.strip_prefix("application: "))?;
    serde_json::from_str::<String>(value)
        .ok()
        .or_else(|| Some(value.trim().to_owned()))
}

/// A draft's letter as the job seeker has it now (their edits included):
/// who it goes to, its subject and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sendable {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Sendable {
    /// The letter, borrowed.
    pub fn letter(&self) -> Letter<'_> {
        Letter {
            to: &self.to,
            subject: &self.subject,
            body: &self.body,
        }
    }
}

/// Reads the letter out of a draft file. `None` when the file no longer
/// has readable front-matter.
pub fn sendable(text: &str) -> Option<Sendable> {
    use crate::journal::front_matter::{FrontMatter, split, strip_bom};
    use crate::journal::yaml::{self, Value};
    let text = strip_bom(text);
    let FrontMatter::Present(front) = split(text) else {
        return None;
    };
    let root = yaml::parse(front.yaml).ok()?;
    let Value::Map(entries) = &root.value else {
        return None;
    };
    let field = |name: &str| {
        entries.iter().find_map(|(k, v)| match &v.value {
            Value::Str(s) if k.value.key_text() == name => Some(s.trim().to_owned()),
            _ => None,
        })
    };
    let body = text[front.body_offset..].replace("\r\n", "\n");
    Some(Sendable {
        to: field("to").unwrap_or_default(),
        subject: field("subject").unwrap_or_default(),
        body: body.trim().to_owned(),
    })
}

/// The e-mail address in a `to` line: `Name <address>`, or a bare address.
fn address(to: &str) -> Option<&str> {
    let inner = match (to.rfind('<'), to.rfind('>')) {
        (Some(open), Some(close)) if open < close => &to[open + 1..close],
        _ => to,
    };
    let inner = inner.trim();
    (inner.contains('@') && !inner.contains(char::is_whitespace)).then_some(inner)
}

/// Everything but RFC 3986's unreserved characters is percent-encoded.
pub(crate) const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The same, keeping the `@` of an address.
const ADDRESS: &percent_encoding::AsciiSet = &COMPONENT.remove(b'@');

/// Writes the `mailto:` link (RFC 6068) that opens the letter in a mail
/// program — the address, the subject and the body, line breaks as CRLF —
/// straight into `out`.
pub fn write_mailto(out: &mut String, letter: &Letter<'_>) {
    use percent_encoding::utf8_percent_encode as encode;
    // The encoded pieces are appended as they come (`extend`), not
    // through `write!`, whose formatting costs more than the encoding.
    out.push_str("mailto:");
    if let Some(address) = address(letter.to) {
        out.extend(encode(address, ADDRESS));
    }
    out.push_str("?subject=");
    out.extend(encode(letter.subject, COMPONENT));
    out.push_str("&body=");
    for (i, line) in letter.body.split('\n').enumerate() {
        if i > 0 {
            out.push_str("%0D%0A");
        }
        out.extend(encode(line, COMPONENT));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailto(letter: &Sendable) -> String {
        let mut url = String::new();
        write_mailto(&mut url, &letter.letter());
        url
    }

    fn draft() -> Draft {
        Draft {
            application: "apps/black-mesa.md".into(),
            action: "follow-up".into(),
            n: Some(2),
            to: "Isaac Kleiner <kleiner@bm.example>".into(),
            subject: "Following up: \"Head Researcher\"".into(),
            due: "2026-12-12".into(),
            deadline: "2026-12-19".into(),
            problem: None,
            hints: vec!["Kleiner asked: about #resonance".into()],
            body: "Dear Isaac,\n\nHello.\n".into(),
        }
    }

    #[test]
    fn a_rendered_draft_is_untouched_until_edited() {
        let text = draft().render();
        assert!(text.starts_with("---\ngenerated_by: nudge\n"));
        assert!(is_untouched(&text));
        assert!(!is_untouched(&text.replace("Hello.", "Hello!")));
        assert!(!is_untouched(&text.replace("n: 2", "n: 3")));
        assert!(!is_untouched(&text.replace('\n', "\r\n")));
        assert!(!is_untouched("---\ncompany: Acme\n---\n"));
        assert!(!is_untouched(""));
    }

    #[test]
    fn checksums_that_look_like_numbers_stay_text() {
        // Found on a large journal: unquoted, 60e4684175541740 reads as a
        // float too large for YAML, and the draft as broken.
        let text = draft().render();
        assert!(text.contains("\nchecksum: \""), "{text}");
        let yaml = "generated_by: nudge\nchecksum: \"60e4684175541740\"\n";
        assert!(crate::journal::yaml::parse(yaml).is_ok());
        assert!(is_untouched(&text));
    }

    #[test]
    fn mail_links_carry_the_letter_and_decode_back_to_it() {
        let text = draft().render();
        let letter = sendable(&text).unwrap();
        assert_eq!(letter, draft().sendable(), "read back as written");
        assert_eq!(letter.to, "Isaac Kleiner <kleiner@bm.example>");
        assert_eq!(letter.body, "Dear Isaac,\n\nHello.");
        let url = mailto(&letter);
        assert!(
            url.starts_with("mailto:kleiner@bm.example?subject=Following%20up%3A%20%22Head"),
            "{url}"
        );
        assert!(
            url.contains("&body=Dear%20Isaac%2C%0D%0A%0D%0AHello."),
            "{url}"
        );
        // Nothing in it that would end a markdown link or table cell.
        assert!(!url.contains([' ', '(', ')', '|', '[', ']', '<', '>', '\n']));
        let (_, query) = url.split_once('?').unwrap();
        let mut parts = query.split('&');
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .unwrap()
                .into_owned()
        };
        assert_eq!(
            decode(parts.next().unwrap().strip_prefix("subject=").unwrap()),
            letter.subject
        );
        assert_eq!(
            decode(parts.next().unwrap().strip_prefix("body=").unwrap()),
            "Dear Isaac,\r\n\r\nHello."
        );
    }

    #[test]
    fn edited_drafts_give_the_edited_letter() {
        let text = draft()
            .render()
            .replace("Hello.", "Hello & thanks, 100%!")
            .replace("kleiner@bm.example", "isaac@bm.example");
        let letter = sendable(&text).unwrap();
        assert_eq!(letter.body, "Dear Isaac,\n\nHello & thanks, 100%!");
        let url = mailto(&letter);
        assert!(url.starts_with("mailto:isaac@bm.example?"));
        assert!(url.contains("Hello%20%26%20thanks%2C%20100%25%21"), "{url}");
        assert_eq!(address("Jo"), None);
        assert_eq!(address("jo@x.example"), Some("jo@x.example"));
        assert!(
            mailto(&Sendable {
                to: "Jo".into(),
                subject: String::new(),
                body: String::new()
            })
            .starts_with("mailto:?subject=")
        );
        assert_eq!(sendable("no front-matter"), None);
    }

    #[test]
    fn draft_front_matter_is_valid_yaml_whatever_the_text() {
        let text = draft().render();
        let crate::journal::front_matter::FrontMatter::Present(split) =
            crate::journal::front_matter::split(&text)
        else {
            panic!("no front-matter")
        };
        let root = crate::journal::yaml::parse(split.yaml).unwrap();
        assert!(crate::journal::front_matter::is_generated_draft(&root));
        assert_eq!(application_of(&text).as_deref(), Some("apps/black-mesa.md"));
    }
}
