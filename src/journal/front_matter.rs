//! Front-matter: finding it (our own splitter: BOM, `---` first line, `---`
//! or `...` to close, LF or CRLF, byte offsets kept) and reading it into an
//! application's fields, with a positioned diagnostic for every problem
//! (SPEC §2.1).

use chrono::NaiveDate;

use super::yaml::{self, Node, Value};
use crate::diag::{Diagnostic, LineIndex, Severity, Sink, did_you_mean};
use crate::model::{Application, Contact, Handle, Priority, Role};

/// Where the front-matter and the body are in a file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiter lines.
    pub yaml: &'a str,
    /// The 1-based line the YAML starts on.
    pub yaml_line: usize,
    /// Byte offset where the body starts.
    pub body_offset: usize,
}

/// What the first lines of a file hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatter<'a> {
    /// No `---` first line: not an application.
    Absent,
    /// A `---` first line that is never closed.
    Unterminated,
    Present(Split<'a>),
}

/// Removes a leading UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether a line (without its ending) is the delimiter `delim`, allowing
/// trailing blanks.
fn is_delimiter(line: &str, delim: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == delim
}

/// Finds the front-matter of a text whose BOM has been stripped.
pub fn split(text: &str) -> FrontMatter<'_> {
    let mut lines = super::lines_inclusive(text);
    let Some(first) = lines.next() else {
        return FrontMatter::Absent;
    };
    if !is_delimiter(first.trim_end_matches('\n'), "---") {
        return FrontMatter::Absent;
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let content = line.trim_end_matches('\n');
        if is_delimiter(content, "---") || is_delimiter(content, "...") {
            return FrontMatter::Present(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    FrontMatter::Unterminated
}

/// Whether front-matter marks a draft that nudge wrote (`generated_by: nudge`).
pub fn is_generated_draft(root: &Node) -> bool {
    match &root.value {
        Value::Map(entries) => entries
            .iter()
            .any(|(k, v)| k.value.is_str("generated_by") && v.value.is_str("nudge")),
        _ => false,
    }
}

/// The known top-level keys of an application's front-matter.
pub const KNOWN_KEYS: [&str; 8] = [
    "company",
    "position",
    "link",
    "priority",
    "decision_by",
    "keep_in_touch",
    "archived",
    "contacts",
];

/// The keys of a contact.
pub const CONTACT_KEYS: [&str; 5] = ["name", "handle", "email", "title", "role"];

/// Reads front-matter YAML and reports problems as positioned diagnostics.
pub struct Reader<'a, 'd> {
    pub file: &'a str,
    pub source: &'a LineIndex<'a>,
    /// Added to YAML line numbers to get the file's.
    pub line_offset: usize,
    pub diagnostics: &'d mut Sink,
}

impl Reader<'_, '_> {
    /// A diagnostic pointing at a node.
    fn at(&mut self, node: &Node, severity: Severity, message: String, help: Option<String>) {
        let (line, column) = if node.line == 0 {
            (self.line_offset.max(1), 1)
        } else {
            (node.line + self.line_offset, node.column)
        };
        let (file, source) = (self.file, self.source);
        self.diagnostics.push_with(severity, || {
            let mut d = Diagnostic::at(file, source, line, column, node.len, severity, message);
            d.help = help;
            d
        });
    }

    fn error(&mut self, node: &Node, message: String, help: impl Into<Option<String>>) {
        self.at(node, Severity::Error, message, help.into());
    }

    fn warning(&mut self, node: &Node, message: String, help: impl Into<Option<String>>) {
        self.at(node, Severity::Warning, message, help.into());
    }

    /// Parses the YAML of a front-matter. A syntax error becomes a
    /// diagnostic and `None`.
    pub fn parse_yaml(&mut self, yaml: &str) -> Option<Node> {
        match yaml::parse(yaml) {
            Ok(node) => Some(node),
            Err(e) => {
                let line = if e.line == 0 {
                    self.line_offset.max(1)
                } else {
                    e.line + self.line_offset
                };
                let column = e.column.max(1);
                self.diagnostics.push(
                    Diagnostic::at(
                        self.file,
                        self.source,
                        line,
                        column,
                        1,
                        Severity::Error,
                        format!("invalid YAML in front-matter: {}", e.message),
                    )
                    .with_help(e.help),
                );
                None
            }
        }
    }

    /// Reads an application's front-matter: the application without its
    /// log entries. `None` when the file is not an application (no
    /// `company` key); a near miss of `company` gets a warning.
    pub fn application(&mut self, root: &Node) -> Option<Application> {
        let Value::Map(entries) = &root.value else {
            return None;
        };
        let Some((_, company_node)) = entries.iter().find(|(k, _)| k.value.is_str("company"))
        else {
            for (key, _) in entries {
                let name = key.value.key_text();
                if did_you_mean(&name, ["company"]).is_some() {
                    self.warning(
                        key,
                        format!(
                            "`{name}` is not `company`: this file is not read as an application"
                        ),
                        "if this file is a job application, rename the key to `company`".to_owned(),
                    );
                }
            }
            return None;
        };
        let company = self.company(company_node);
        let mut app = Application {
            file: self.file.to_owned(),
            company,
            position: None,
            priority: Priority::Normal,
            decision_by: None,
            keep_in_touch: true,
            archived: false,
            contacts: Vec::new(),
            front_matter: String::new(),
            entries: Vec::new(),
        };
        for (key, value) in entries {
            let name = key.value.key_text();
            match &*name {
                "company" => {}
                "position" => app.position = self.text(value, "position"),
                "link" => {}
                "priority" => app.priority = self.priority(value),
                "decision_by" => app.decision_by = self.date(value, "decision_by"),
                "keep_in_touch" => {
                    app.keep_in_touch = self.boolean(value, "keep_in_touch").unwrap_or(true);
                }
                "archived" => app.archived = self.boolean(value, "archived").unwrap_or(false),
                "contacts" => app.contacts = self.contacts(value),
                other => {
                    if let Some(known) = did_you_mean(other, KNOWN_KEYS) {
                        self.warning(
                            key,
                            format!("unknown key `{other}`"),
                            format!("did you mean `{known}`?"),
                        );
                    }
                }
            }
        }
        Some(app)
    }

    /// `company`: required, non-empty text.
    fn company(&mut self, node: &Node) -> String {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => s.trim().to_owned(),
            Value::Str(_) => {
                self.error(
                    node,
                    "`company` is empty".to_owned(),
                    "write the company's name, e.g. `company: Black Mesa`".to_owned(),
                );
                String::new()
            }
            Value::Null => {
                self.error(
                    node,
                    "`company` has no value".to_owned(),
                    "write the company's name, e.g. `company: Black Mesa`".to_owned(),
                );
                String::new()
            }
            other => {
                self.wrong_type(node, "company", "text", other);
                String::new()
            }
        }
    }

    fn wrong_type(&mut self, node: &Node, key: &str, expected: &str, found: &Value) {
        let help = match found {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) if expected == "text" => {
                format!("put the value in quotes: `{key}: \"{}\"`", found.key_text())
            }
            _ => format!("write `{key}:` followed by {expected}"),
        };
        self.error(
            node,
            format!("`{key}` must be {expected}, found {}", found.type_name()),
            help,
        );
    }

    /// Optional text.
    fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        match &node.value {
            Value::Null => None,
            Value::Str(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            other => {
                self.wrong_type(node, key, "text", other);
                None
            }
        }
    }

    fn priority(&mut self, node: &Node) -> Priority {
        match &node.value {
            Value::Null => Priority::Normal,
            Value::Str(s) => Priority::parse(s).unwrap_or_else(|| {
                self.error(
                    node,
                    format!("unknown priority '{s}'"),
                    format!("expected one of: {}", Priority::NAMES.join(", ")),
                );
                Priority::Normal
            }),
            other => {
                self.error(
                    node,
                    format!("unknown priority '{}'", other.key_text()),
                    format!("expected one of: {}", Priority::NAMES.join(", ")),
                );
                Priority::Normal
            }
        }
    }

    fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        match &node.value {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                let found = other.found();
                self.error(
                    node,
                    format!("`{key}` must be true or false, found {found}"),
                    format!("write `{key}: true` or `{key}: false`"),
                );
                None
            }
        }
    }

    /// A `YYYY-MM-DD` date that exists.
    fn date(&mut self, node: &Node, key: &str) -> Option<NaiveDate> {
        match &node.value {
            Value::Null => None,
            Value::Str(s) => {
                let parsed = super::classify::date_at(s).filter(|_| s.len() == 10);
                match parsed {
                    Some((y, m, d)) => NaiveDate::from_ymd_opt(y, m, d).or_else(|| {
                        self.error(
                            node,
                            format!("{s} is not a date that exists"),
                            "check the day and the month".to_owned(),
                        );
                        None
                    }),
                    None => {
                        self.error(
                            node,
                            format!("`{key}` must be a date written YYYY-MM-DD, found '{s}'"),
                            format!("write it like `{key}: 2026-11-28`"),
                        );
                        None
                    }
                }
            }
            other => {
                self.error(
                    node,
                    format!(
                        "`{key}` must be a date written YYYY-MM-DD, found {}",
                        other.type_name()
                    ),
                    format!("write it like `{key}: 2026-11-28`"),
                );
                None
            }
        }
    }

    /// The `contacts` list, with handles checked for clashes.
    fn contacts(&mut self, node: &Node) -> Vec<Contact> {
        let items = match &node.value {
            Value::Null => return Vec::new(),
            Value::Seq(items) => items,
            other => {
                self.error(
                    node,
                    format!(
                        "`contacts` must be a list of people, found {}",
                        other.type_name()
                    ),
                    "write each contact as a list item: `- name: Isaac Kleiner`".to_owned(),
                );
                return Vec::new();
            }
        };
        let mut contacts: Vec<Contact> = Vec::with_capacity(items.len());
        for item in items {
            let Some((contact, handle_node)) = self.contact(item) else {
                continue;
            };
            if contacts.iter().any(|c| c.handle == contact.handle) {
                self.error(
                    handle_node,
                    format!("two contacts share the handle `{}`", contact.handle),
                    "give one of them its own `handle:`".to_owned(),
                );
                continue;
            }
            contacts.push(contact);
        }
        contacts
    }

    /// One contact, and the node its handle came from (for clash reports).
    fn contact<'n>(&mut self, item: &'n Node) -> Option<(Contact, &'n Node)> {
        let Value::Map(entries) = &item.value else {
            self.error(
                item,
                format!(
                    "a contact must be a mapping, found {}",
                    item.value.type_name()
                ),
                "write `- name: Isaac Kleiner` with `email:`, `role:` ... below it".to_owned(),
            );
            return None;
        };
        let mut name: Option<(String, &Node)> = None;
        let mut handle: Option<(Handle, &Node)> = None;
        let mut email = None;
        let mut title = None;
        let mut role = None;
        let mut name_reported = false;
        for (key, value) in entries {
            let key_name = key.value.key_text();
            match &*key_name {
                "name" => match &value.value {
                    Value::Str(s) if !s.trim().is_empty() => {
                        name = Some((s.trim().to_owned(), value))
                    }
                    Value::Str(_) | Value::Null => {
                        self.error(
                            value,
                            "contact's `name` is empty".to_owned(),
                            "write their full name, e.g. `name: Isaac Kleiner`".to_owned(),
                        );
                        name_reported = true;
                    }
                    other => {
                        self.wrong_type(value, "name", "text", other);
                        name_reported = true;
                    }
                },
                "handle" => match &value.value {
                    Value::Null => {}
                    Value::Str(s) => {
                        let raw = s.trim().strip_prefix('@').unwrap_or(s.trim());
                        if raw.is_empty() || !raw.chars().all(super::classify::is_handle_char) {
                            self.error(
                                value,
                                format!("handle '{s}' cannot be used in a mention"),
                                "a handle may contain only letters, digits, '.', '_' and '-'"
                                    .to_owned(),
                            );
                        } else {
                            handle = Some((Handle::new(raw), value));
                        }
                    }
                    other => self.wrong_type(value, "handle", "text", other),
                },
                "email" => {
                    email = self.text(value, "email");
                    if let Some(address) = &email
                        && !address.contains('@')
                    {
                        self.warning(
                            value,
                            format!("'{address}' does not look like an e-mail address"),
                            "write the address as name@example.org".to_owned(),
                        );
                    }
                }
                "title" => title = self.text(value, "title"),
                "role" => match &value.value {
                    Value::Null => {}
                    Value::Str(s) if Role::parse(s).is_some() => role = Role::parse(s),
                    other => self.error(
                        value,
                        format!("unknown role '{}'", other.key_text()),
                        format!("expected one of: {}", Role::NAMES.join(", ")),
                    ),
                },
                other => {
                    if let Some(known) = did_you_mean(other, CONTACT_KEYS) {
                        self.warning(
                            key,
                            format!("unknown contact key `{other}`"),
                            format!("did you mean `{known}`?"),
                        );
                    }
                }
            }
        }
        let Some((name, name_node)) = name else {
            if !name_reported {
                self.error(
                    item,
                    "contact has no `name`".to_owned(),
                    "add their full name, e.g. `name: Isaac Kleiner`".to_owned(),
                );
            }
            return None;
        };
        let (handle, handle_node) = match handle {
            Some(h) => h,
            None => match Handle::from_name(&name) {
                Some(h) => (h, name_node),
                None => {
                    self.error(
                        name_node,
                        format!("cannot make a handle from the name '{name}'"),
                        "add `handle:` with letters or digits, e.g. `handle: kleiner`".to_owned(),
                    );
                    return None;
                }
            },
        };
        // A contact with a bad field is still kept, so that its handle
        // resolves mentions and clashes; the file is invalid anyway.
        Some((
            Contact {
                name,
                handle,
                email,
                title,
                role,
            },
            handle_node,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_yaml_and_body() {
        let text = "---\ncompany: A\n---\nbody\n";
        let FrontMatter::Present(s) = split(text) else {
            panic!()
        };
        assert_eq!(s.yaml, "company: A\n");
        assert_eq!(&text[s.body_offset..], "body\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn split_accepts_crlf_dots_and_trailing_blanks() {
        let text = "--- \r\ncompany: A\r\n... \t\r\nbody";
        let FrontMatter::Present(s) = split(text) else {
            panic!()
        };
        assert_eq!(s.yaml, "company: A\r\n");
        assert_eq!(&text[s.body_offset..], "body");
    }

    #[test]
    fn split_without_front_matter_or_unclosed() {
        assert_eq!(split(""), FrontMatter::Absent);
        assert_eq!(split("# Notes\n---\n"), FrontMatter::Absent);
        assert_eq!(split("----\na: b\n----\n"), FrontMatter::Absent);
        assert_eq!(split("---\ncompany: A\n"), FrontMatter::Unterminated);
        assert_eq!(split("---"), FrontMatter::Unterminated);
        let FrontMatter::Present(s) = split("---\n---") else {
            panic!()
        };
        assert_eq!(s.yaml, "");
    }

    #[test]
    fn delimiters_may_end_in_blanks_but_nothing_else() {
        // Found by the fuzzer's own check: a vertical tab is not a blank.
        assert_eq!(
            split("---\ncompany: A\n---\u{b}\n"),
            FrontMatter::Unterminated
        );
        assert!(matches!(
            split("---\ncompany: A\n--- \t\r\n"),
            FrontMatter::Present(_)
        ));
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(strip_bom("\u{feff}---\n"), "---\n");
        assert_eq!(strip_bom("---\n"), "---\n");
    }
}
