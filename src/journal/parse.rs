//! One file's text → an application, or the reason it is not one, with
//! every diagnostic about it. Pure: never touches the disk.

use super::REPORT_MARKER;
use super::front_matter::{self, FrontMatter, Reader};
use super::log::LogReader;
use crate::diag::{Diagnostic, LineIndex, Severity, Sink};
use crate::model::Application;

/// What a markdown file turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// A valid application.
    Application(Box<Application>),
    /// An application file with errors: it contributes nothing until fixed.
    Invalid,
    /// Markdown that is not an application (no front-matter, no `company`).
    NotApplication,
    /// A report or draft that nudge wrote.
    Generated,
}

/// A parsed file and what nudge has to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedFile {
    pub file: String,
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one markdown file. `file` is its path relative to the journal.
pub fn parse_file(file: &str, text: &str) -> ParsedFile {
    let mut diagnostics = Sink::default();
    let parsed = parse_into(file, text, &mut diagnostics);
    let parsed = match parsed {
        Parsed::Application(_) if diagnostics.has_errors() => Parsed::Invalid,
        other => other,
    };
    ParsedFile {
        file: file.to_owned(),
        parsed,
        diagnostics: diagnostics.into_vec(file),
    }
}

fn parse_into(file: &str, text: &str, diagnostics: &mut Sink) -> Parsed {
    let text = front_matter::strip_bom(text);
    if text
        .lines()
        .next()
        .is_some_and(|l| l.trim_end() == REPORT_MARKER)
    {
        return Parsed::Generated;
    }
    let split = match front_matter::split(text) {
        FrontMatter::Absent => return Parsed::NotApplication,
        FrontMatter::Unterminated => {
            let source = LineIndex::new(text);
            diagnostics.push(
                Diagnostic::at(
                    file,
                    &source,
                    1,
                    1,
                    3,
                    Severity::Error,
                    "front-matter is never closed",
                )
                .with_help("add a line `---` after the front-matter; did you forget it?"),
            );
            return Parsed::Invalid;
        }
        FrontMatter::Present(split) => split,
    };
    if split.yaml.trim().is_empty() {
        return Parsed::NotApplication;
    }
    // A draft is nudge's by its marker line, even when an edit broke its
    // YAML: it is never read as an application.
    if super::has_line(split.yaml, crate::draft::MARKER_LINE) {
        return Parsed::Generated;
    }
    let source = LineIndex::new(text);
    let mut reader = Reader {
        file,
        source: &source,
        line_offset: split.yaml_line - 1,
        diagnostics,
    };
    let Some(root) = reader.parse_yaml(split.yaml) else {
        return Parsed::Invalid;
    };
    if front_matter::is_generated_draft(&root) {
        return Parsed::Generated;
    }
    let Some(mut app) = reader.application(&root) else {
        return Parsed::NotApplication;
    };
    // Kept with LF line ends, so the same front-matter is the same text
    // whatever the file's line ends.
    app.front_matter = if split.yaml.contains('\r') {
        split.yaml.replace("\r\n", "\n")
    } else {
        split.yaml.to_owned()
    };
    app.entries = LogReader {
        file,
        source: &source,
        body_offset: split.body_offset,
        contacts: &app.contacts,
        diagnostics,
    }
    .read(&text[split.body_offset..]);
    Parsed::Application(Box::new(app))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Priority, Role};

    fn parse(text: &str) -> ParsedFile {
        parse_file("acme.md", text)
    }

    fn messages(p: &ParsedFile) -> Vec<String> {
        p.diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{}: {}: {}",
                    d.line,
                    d.column,
                    d.severity.as_str(),
                    d.message
                )
            })
            .collect()
    }

    const GOOD: &str = "---\ncompany: Black Mesa\nposition: Head Researcher\npriority: dream\ndecision_by: 2026-11-28\ncontacts:\n  - name: Isaac Kleiner\n    email: kleiner@blackmesa.example\n    role: hiring-manager\n  - name: Eli Vance\n    handle: eli\n---\n## Log\n- 2026-11-01 Applied.\n- 2026-11-18 Interview with @kleiner and @eli.\n";

    #[test]
    fn reads_a_good_application() {
        let p = parse(GOOD);
        assert!(p.diagnostics.is_empty(), "{:?}", messages(&p));
        let Parsed::Application(app) = p.parsed else {
            panic!()
        };
        assert_eq!(app.company, "Black Mesa");
        assert_eq!(app.priority, Priority::Dream);
        assert_eq!(app.contacts[0].handle.as_str(), "kleiner");
        assert_eq!(app.contacts[0].role, Some(Role::HiringManager));
        assert_eq!(app.contacts[1].handle.as_str(), "eli");
        assert_eq!(app.entries.len(), 2);
        assert_eq!(app.entries[1].kind, EventKind::Interview);
        assert_eq!(app.entries[1].line, 15);
        assert!(app.front_matter.starts_with("company: Black Mesa\n"));
        assert!(app.front_matter.contains("position: Head Researcher\n"));
    }

    #[test]
    fn bom_and_crlf_change_nothing_but_bytes() {
        let crlf = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
        let a = parse(GOOD);
        let b = parse(&crlf);
        assert_eq!(a.diagnostics, b.diagnostics);
        let (Parsed::Application(a), Parsed::Application(b)) = (a.parsed, b.parsed) else {
            panic!()
        };
        assert_eq!(a, b);
    }

    #[test]
    fn not_applications_are_silent() {
        for text in [
            "",
            "# Notes\n",
            "---\n---\nbody",
            "---\ntitle: README\n---\n",
            "---\n- a\n---\n",
        ] {
            let p = parse(text);
            assert_eq!(p.parsed, Parsed::NotApplication, "{text:?}");
            assert!(p.diagnostics.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn generated_files_are_recognised_by_content() {
        let report = format!("{REPORT_MARKER}\n# Follow-ups\n");
        assert_eq!(parse(&report).parsed, Parsed::Generated);
        let draft = "---\ngenerated_by: nudge\napplication: acme.md\n---\nDear Eli,\n";
        assert_eq!(parse(draft).parsed, Parsed::Generated);
    }

    #[test]
    fn unterminated_front_matter_is_an_error_at_line_one() {
        let p = parse("---\ncompany: Acme\n- 2026-11-01 Applied\n");
        assert_eq!(p.parsed, Parsed::Invalid);
        assert_eq!(
            messages(&p),
            vec!["1:1: error: front-matter is never closed"]
        );
    }

    #[test]
    fn near_miss_of_company_warns() {
        let p = parse("---\nCompnay: Acme\n---\n");
        assert_eq!(p.parsed, Parsed::NotApplication);
        assert_eq!(
            messages(&p),
            vec![
                "2:1: warning: `Compnay` is not `company`: this file is not read as an application"
            ]
        );
    }

    #[test]
    fn validation_errors_point_at_values_and_keys() {
        let text = "---\ncompany: 1234\npriority: urgent\ndecision_by: 2026-02-30\ndecison_by: x\narchived: yes\nkeep_in_touch: 2026-01-01\ncontacts:\n  - name: Isaac Kleiner\n    role: boss\n  - name: Kleiner\n  - name: \"---\"\n  - email: x@y.z\n---\n";
        let p = parse(text);
        assert_eq!(p.parsed, Parsed::Invalid);
        assert_eq!(
            messages(&p),
            vec![
                "2:10: error: `company` must be text, found a number",
                "3:11: error: unknown priority 'urgent'",
                "4:14: error: 2026-02-30 is not a date that exists",
                "5:1: warning: unknown key `decison_by`",
                "6:11: error: `archived` must be true or false, found 'yes'",
                "7:16: error: `keep_in_touch` must be true or false, found '2026-01-01'",
                "10:11: error: unknown role 'boss'",
                "11:11: error: two contacts share the handle `kleiner`",
                "12:11: error: cannot make a handle from the name '---'",
                "13:5: error: contact has no `name`",
            ]
        );
        assert_eq!(
            p.diagnostics[1].help.as_deref(),
            Some("expected one of: dream, high, normal, low")
        );
        assert_eq!(
            p.diagnostics[3].help.as_deref(),
            Some("did you mean `decision_by`?")
        );
    }

    #[test]
    fn empty_company_is_an_error() {
        for text in ["---\ncompany:\n---\n", "---\ncompany: \"\"\n---\n"] {
            let p = parse(text);
            assert_eq!(p.parsed, Parsed::Invalid, "{text}");
        }
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        let p = parse("---\ncompany: Acme\ncompany: Other\n---\n");
        assert_eq!(
            messages(&p),
            vec!["3:1: error: invalid YAML in front-matter: duplicate key `company`"]
        );
        let p = parse("---\ncompany: [Acme\n---\n");
        assert_eq!(p.parsed, Parsed::Invalid);
        assert_eq!(p.diagnostics[0].line, 2);
    }

    #[test]
    fn thousands_of_mistakes_give_a_hundred_diagnostics_and_a_count() {
        let body = format!("- 2026-11-01 Applied {}\n", "#typo ".repeat(5000));
        let p = parse(&format!("---\ncompany: Acme\n---\n{body}"));
        assert_eq!(p.diagnostics.len(), crate::diag::MAX_PER_FILE + 1);
        let last = p.diagnostics.last().unwrap();
        assert_eq!(
            last.message,
            "4900 more problems in this file are not shown (0 errors, 4900 warnings)"
        );
        // An error beyond the limit still makes the file invalid.
        let p = parse(&format!("---\ncompany: Acme\n---\n{body}- 2026-02-30 x\n"));
        assert_eq!(p.parsed, Parsed::Invalid);
    }

    #[test]
    fn body_errors_make_the_file_invalid_but_all_are_reported() {
        let p = parse("---\ncompany: Acme\npriority: top\n---\n- 2026-02-30 Applied\n");
        assert_eq!(p.parsed, Parsed::Invalid);
        assert_eq!(p.diagnostics.len(), 2);
    }
}
