//! The two edits nudge makes to the job seeker's own files: a new
//! application file (`nudge new`), and one more log entry (`nudge log`).
//! Pure text in, text out; `write` puts the result on disk.

/// Quotes text for YAML when it is not a safe plain scalar.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,&'()/+-".contains(c))
        && text.starts_with(|c: char| c.is_alphabetic())
        && !text.ends_with(' ')
        && !matches!(
            text.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

/// The file name of a new application: the company, slugged.
pub fn application_file_name(company: &str) -> String {
    let mut slug = String::new();
    for c in company.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "application.md".to_owned()
    } else {
        format!("{slug}.md")
    }
}

/// The text of a new application file: front-matter with the company (and
/// position), a commented example contact, and an empty log.
pub fn new_application(company: &str, position: Option<&str>) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("company: {}\n", yaml_text(company)));
    if let Some(position) = position {
        text.push_str(&format!("position: {}\n", yaml_text(position)));
    }
    text.push_str(
        "# decision_by: YYYY-MM-DD      # when they said they would decide\n\
         # priority: normal              # dream | high | normal | low\n\
         contacts:\n\
         #  - name: Full Name\n\
         #    email: name@example.org\n\
         #    role: hiring-manager       # hiring-manager | interviewer | recruiter | hr\n\
         ---\n\n## Log\n",
    );
    text
}

/// Where a new log entry goes in a file's text (a byte offset, at a line
/// start), and the list marker it should use: after the last non-blank line
/// of the section under a heading "Log"; without one, at the end.
fn insertion_point(text: &str, body_offset: usize) -> (usize, char) {
    let body = &text[body_offset..];
    // Headings by line: (offset of the line, level, title).
    let mut lines = Vec::new();
    let mut offset = body_offset;
    for line in body.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let heading = |line: &str| -> Option<(usize, String)> {
        let t = line.trim_end();
        let level = t.chars().take_while(|&c| c == '#').count();
        (level > 0 && level <= 6 && t[level..].starts_with(' ')).then(|| {
            (
                level,
                t[level..]
                    .trim()
                    .trim_end_matches('#')
                    .trim()
                    .to_lowercase(),
            )
        })
    };
    let log = lines
        .iter()
        .position(|(_, l)| heading(l).is_some_and(|(_, title)| title == "log"));
    let (start, end) = match log {
        Some(i) => {
            let level = heading(lines[i].1).map_or(1, |(lv, _)| lv);
            let end = lines[i + 1..]
                .iter()
                .position(|(_, l)| heading(l).is_some_and(|(lv, _)| lv <= level))
                .map_or(lines.len(), |j| i + 1 + j);
            (i, end)
        }
        None => (0, lines.len()),
    };
    let section = &lines[start..end];
    let last = section.iter().rposition(|(_, l)| !l.trim().is_empty());
    let at = match last {
        Some(j) => section[j].0 + section[j].1.len(),
        None => lines.get(end).map_or(text.len(), |(o, _)| *o),
    };
    let marker = section
        .iter()
        .rev()
        .find_map(|(_, l)| {
            let t = l.trim_start();
            ['-', '*', '+']
                .into_iter()
                .find(|&m| t.starts_with(m) && t[1..].starts_with(' '))
        })
        .unwrap_or('-');
    (at, marker)
}

/// The file's text with one more entry `- DATE TEXT` in its log, every
/// other byte unchanged (BOM, line endings, the rest of the file).
/// Returns the new text and the 1-based line of the entry.
pub fn append_entry(text: &str, body_offset: usize, date: &str, entry: &str) -> (String, usize) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let (at, marker) = insertion_point(text, body_offset);
    let mut out = String::with_capacity(text.len() + entry.len() + 16);
    out.push_str(&text[..at]);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    let line = out.matches('\n').count() + 1;
    out.push_str(&format!("{marker} {date} {entry}{newline}"));
    out.push_str(&text[at..]);
    (out, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_offset(text: &str) -> usize {
        match crate::journal::front_matter::split(crate::journal::front_matter::strip_bom(text)) {
            crate::journal::front_matter::FrontMatter::Present(s) => {
                s.body_offset + (text.len() - crate::journal::front_matter::strip_bom(text).len())
            }
            _ => 0,
        }
    }

    fn append(text: &str) -> String {
        append_entry(text, body_offset(text), "2026-11-22", "Sent thanks #thanks").0
    }

    #[test]
    fn appends_after_the_last_entry_of_the_log_section() {
        let text = "---\ncompany: A\n---\n# A\n\n## Log\n- 2026-11-01 Applied\n  - a note\n\n## Notes\nsalary talk\n";
        assert_eq!(
            append(text),
            "---\ncompany: A\n---\n# A\n\n## Log\n- 2026-11-01 Applied\n  - a note\n- 2026-11-22 Sent thanks #thanks\n\n## Notes\nsalary talk\n"
        );
    }

    #[test]
    fn appends_at_the_end_without_a_log_heading_and_adds_a_missing_newline() {
        assert_eq!(
            append("---\ncompany: A\n---\n* 2026-11-01 Applied"),
            "---\ncompany: A\n---\n* 2026-11-01 Applied\n* 2026-11-22 Sent thanks #thanks\n"
        );
        assert_eq!(
            append("---\ncompany: A\n---\n"),
            "---\ncompany: A\n---\n- 2026-11-22 Sent thanks #thanks\n"
        );
    }

    #[test]
    fn keeps_crlf_and_bom_and_every_other_byte() {
        let text = "\u{feff}---\r\ncompany: A\r\n---\r\n## Log\r\n- 2026-11-01 Applied\r\n\r\n";
        let (out, line) = append_entry(text, body_offset(text), "2026-11-22", "x");
        assert_eq!(
            out,
            "\u{feff}---\r\ncompany: A\r\n---\r\n## Log\r\n- 2026-11-01 Applied\r\n- 2026-11-22 x\r\n\r\n"
        );
        assert_eq!(line, 6);
    }

    #[test]
    fn empty_log_section_gets_the_entry_right_under_its_heading() {
        let text = new_application("Black Mesa", Some("Head Researcher"));
        let out = append(&text);
        assert!(
            out.ends_with("## Log\n- 2026-11-22 Sent thanks #thanks\n"),
            "{out}"
        );
    }

    #[test]
    fn new_application_is_an_application() {
        for (company, position) in [
            ("Black Mesa", Some("Head Researcher")),
            ("Yes", None),
            ("A: B #1", Some("\"Q\"")),
        ] {
            let text = new_application(company, position);
            let parsed = crate::journal::parse::parse_file("x.md", &text);
            assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
            let crate::journal::parse::Parsed::Application(app) = parsed.parsed else {
                panic!("{text}")
            };
            assert_eq!(app.company, company);
            assert_eq!(app.position.as_deref(), position);
        }
    }

    #[test]
    fn file_names_are_slugged() {
        assert_eq!(application_file_name("Black Mesa"), "black-mesa.md");
        assert_eq!(application_file_name("../../etc/passwd"), "etc-passwd.md");
        assert_eq!(application_file_name("AT&T Inc."), "at-t-inc.md");
        assert_eq!(application_file_name("Zoë & Co"), "zoë-co.md");
        assert_eq!(application_file_name("!!!"), "application.md");
    }
}
