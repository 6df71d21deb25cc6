//! The log: every list item (at any depth) and heading of the markdown body
//! whose text begins with a date is an entry (SPEC §2.2). pulldown-cmark
//! finds the items and headings with their byte offsets; this module turns
//! them into [`LogEntry`] values with lines, notes, mentions and dates.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::classify::{self, SKIP_TAG};
use crate::diag::{Diagnostic, LineIndex, Severity, Sink, did_you_mean};
use crate::model::{Contact, EventKind, Handle, LogEntry, Notes, Reason, SourceLine};

/// Reads log entries from a body. `text` is the whole file (BOM stripped)
/// and `body_offset` where the body starts in it, so that diagnostics carry
/// the file's own lines.
pub struct LogReader<'a, 'd> {
    pub file: &'a str,
    pub source: &'a LineIndex<'a>,
    pub body_offset: usize,
    pub contacts: &'a [Contact],
    pub diagnostics: &'d mut Sink,
}

/// A list item or heading that may be an entry: where its own text is and
/// where its notes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    /// The own text: the item's first paragraph or the heading's text.
    pub own: Range<usize>,
    /// The byte range the notes come from (before removing nested entries).
    pub notes: Range<usize>,
    /// For items, the item's whole range (excluded from outer notes when dated).
    pub item: Option<Range<usize>>,
}

/// What the log reader needs of the markdown structure of a body.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Outline {
    /// Every list item and heading with some own text, by where it starts.
    pub candidates: Vec<Candidate>,
    /// Where every heading starts, in order.
    pub heading_starts: Vec<usize>,
    /// What is not prose: link targets, HTML and comments, code, images.
    pub blank: Vec<Range<usize>>,
}

/// The open list item while walking the events.
struct OpenItem {
    range: Range<usize>,
    /// Decided once the item's first child is seen.
    first: FirstChild,
}

enum FirstChild {
    Undecided,
    /// A tight item: its inline content so far.
    Inline(Range<usize>),
    /// The first paragraph, complete (a loose item's, or a tight item's
    /// inline content once a block follows it).
    Paragraph(Range<usize>),
    /// The item starts with another block: it has no own text.
    Block,
}

impl<'a> LogReader<'a, '_> {
    /// All entries of the body, in file order.
    pub fn read(&mut self, body: &str) -> Vec<LogEntry> {
        let Outline {
            candidates,
            heading_starts,
            blank,
        } = outline(body);
        let masked = mask(body, &blank);
        let dated: Vec<(Candidate, classify::Prefix)> = candidates
            .into_iter()
            .filter_map(|c| classify::prefix(&body[c.own.clone()]).map(|p| (c, p)))
            .collect();
        let entry_items: Vec<Range<usize>> =
            dated.iter().filter_map(|(c, _)| c.item.clone()).collect();
        // Sized once: a journal holds many of these, and growing by
        // doubling would leave up to half of each unused.
        let mut entries = Vec::with_capacity(dated.len());
        for (candidate, prefix) in &dated {
            let mut notes_range = candidate.notes.clone();
            if candidate.item.is_none() {
                // A heading's notes run to the next heading.
                let next = heading_starts
                    .get(heading_starts.partition_point(|&s| s < notes_range.start))
                    .copied()
                    .unwrap_or(body.len());
                notes_range.end = next;
            }
            let spans = without_nested(notes_range, &entry_items);
            if let Some(entry) = self.entry(body, &masked, candidate, prefix, &spans, entries.len())
            {
                entries.push(entry);
            }
        }
        entries
    }

    /// Reports a problem at a byte offset of the body. The message and
    /// help are built only if the file's diagnostics are not already full.
    fn report(
        &mut self,
        severity: Severity,
        body_pos: usize,
        len: usize,
        words: impl FnOnce() -> (String, String),
    ) {
        let (file, source, offset) = (self.file, self.source, self.body_offset + body_pos);
        self.diagnostics.push_with(severity, || {
            let (message, help) = words();
            Diagnostic::at_offset(file, source, offset, len, severity, message).with_help(help)
        });
    }

    /// Builds one entry; `None` (with an error) when its date is impossible.
    #[allow(clippy::too_many_arguments)]
    fn entry(
        &mut self,
        body: &str,
        masked: &str,
        candidate: &Candidate,
        prefix: &classify::Prefix,
        note_spans: &[Range<usize>],
        index: usize,
    ) -> Option<LogEntry> {
        let start = candidate.own.start;
        let Some(date) = NaiveDate::from_ymd_opt(prefix.year, prefix.month, prefix.day) else {
            self.report(Severity::Error, start, 10, || {
                (
                    format!("{} is not a date that exists", &body[start..start + 10]),
                    "fix the day or the month, so nudge can place this entry in time".to_owned(),
                )
            });
            return None;
        };
        let time = match prefix.time {
            None => None,
            Some((h, m, at)) => match NaiveTime::from_hms_opt(h, m, 0) {
                Some(t) => Some(t),
                None => {
                    self.report(Severity::Error, start + at, 5, || {
                        (
                            format!("{h:02}:{m:02} is not a time of day"),
                            "write the time as HH:MM, from 00:00 to 23:59".to_owned(),
                        )
                    });
                    return None;
                }
            },
        };
        let text_range = start + prefix.text_start..candidate.own.end;
        let text = join_lines(&body[text_range.clone()]);
        let own_masked = &masked[text_range.clone()];

        let (kind, reason, skip) = self.classify(own_masked, text_range.start);

        let mut mentions = Vec::new();
        self.collect_mentions(own_masked, text_range.start, &mut mentions);
        for span in note_spans {
            self.collect_mentions(&masked[span.clone()], span.start, &mut mentions);
        }

        let mut by_date = None;
        for (part, offset) in std::iter::once((own_masked, text_range.start))
            .chain(note_spans.iter().map(|s| (&masked[s.clone()], s.start)))
        {
            if let Some((at, (y, m, d))) = classify::first_by_date(part) {
                match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) => by_date = Some(date),
                    None => {
                        self.report(Severity::Error, offset + at, 10, || {
                            (
                                format!("{} is not a date that exists", &part[at..at + 10]),
                                "fix the day or the month of this `by` date".to_owned(),
                            )
                        });
                    }
                }
                break;
            }
        }
        let (line, column) = self.source.line_col(self.body_offset + start);
        let source_line = SourceLine::new(self.source.line_text(line).unwrap_or(""), &text);
        Some(LogEntry {
            index,
            line,
            column,
            date,
            time,
            text,
            notes: note_lines(body, note_spans),
            kind,
            reason,
            skip,
            // Most entries mention one person or none: without the room
            // a growing list keeps (four), 70,000 entries take 2 MB less.
            mentions: {
                mentions.shrink_to_fit();
                mentions
            },
            by_date,
            source_line,
        })
    }

    /// The entry's kind from its tags, else from the phrase table (SPEC
    /// §2.3), and whether `#skip` dismisses a letter. Unknown tags and a
    /// `#skip` that does nothing get warnings.
    fn classify(&mut self, own: &str, offset: usize) -> (EventKind, Reason, bool) {
        let mut event: Option<(EventKind, String)> = None;
        let mut skip_at: Option<usize> = None;
        for (at, raw) in classify::tags(own) {
            let tag = raw.trim_end_matches(['-', '_']);
            if tag.eq_ignore_ascii_case(SKIP_TAG) {
                skip_at.get_or_insert(at);
            } else if let Some(kind) = classify::event_tag(tag) {
                if event.is_none() {
                    event = Some((kind, tag.to_lowercase()));
                }
            } else {
                let names = classify::EVENT_TAGS
                    .iter()
                    .map(|(n, _)| *n)
                    .chain([SKIP_TAG]);
                self.report(Severity::Warning, offset + at, raw.len() + 1, || {
                    let help = match did_you_mean(tag, names) {
                        Some(known) => format!("did you mean #{known}?"),
                        None => "event tags are #applied, #interview, #heard, #offer, #accepted, #declined, #rejected, #withdrawn, #news, #thanks, #followup, #feedback, #touch, #update, and #skip".to_owned(),
                    };
                    (format!("unknown tag #{raw}"), help)
                });
            }
        }
        let (kind, reason) = match event {
            Some((kind, tag)) => (kind, Reason::Tag(tag)),
            None => match classify::classify_by_phrase(own) {
                Some((kind, phrase)) => (kind, Reason::Phrase(phrase)),
                None => (EventKind::Note, Reason::Default),
            },
        };
        let tagged_letter = matches!(reason, Reason::Tag(_)) && kind.is_letter();
        if let Some(at) = skip_at
            && !tagged_letter
        {
            self.report(Severity::Warning, offset + at, 5, || {
                (
                    "#skip does nothing here".to_owned(),
                    "#skip dismisses a letter when written with its tag: #thanks, #followup, #feedback, #touch, #update or #withdrawn".to_owned(),
                )
            });
        }
        (kind, reason, skip_at.is_some() && tagged_letter)
    }

    /// Resolves the `@mentions` of a text to contact handles, warning about
    /// unknown ones.
    fn collect_mentions(&mut self, text: &str, offset: usize, into: &mut Vec<Handle>) {
        for (at, raw) in classify::mentions(text) {
            let mut candidate = raw;
            let found = loop {
                if let Some(contact) = self.contacts.iter().find(|c| c.handle.is(candidate)) {
                    break Some(contact.handle.clone());
                }
                let trimmed = candidate.trim_end_matches(['.', '-', '_']);
                if trimmed == candidate || trimmed.is_empty() {
                    break None;
                }
                candidate = trimmed;
            };
            match found {
                Some(handle) => {
                    if !into.contains(&handle) {
                        into.push(handle);
                    }
                }
                None => {
                    let shown = raw.trim_end_matches(['.', '-', '_']);
                    let contacts = self.contacts;
                    self.report(Severity::Warning, offset + at, shown.len() + 1, || {
                        let known = contacts.iter().map(|c| c.handle.as_str());
                        let help = match did_you_mean(shown, known) {
                            Some(h) => format!("did you mean @{h}?"),
                            None if contacts.is_empty() => {
                                "this file has no contacts: add them under `contacts:` in the front-matter".to_owned()
                            }
                            None => format!(
                                "known handles: {}; add this person under `contacts:`",
                                contacts
                                    .iter()
                                    .map(|c| format!("@{}", c.handle))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        (format!("unknown contact @{shown}"), help)
                    });
                }
            }
        }
    }
}

/// The outline of a body: by the fast reader when the body has the usual
/// shape of a log, else by the full CommonMark parser.
fn outline(body: &str) -> Outline {
    super::simple_log::outline(body).unwrap_or_else(|| full_outline(body))
}

/// Walks the markdown once with the full CommonMark parser: the candidate
/// entries, where every heading starts, and the ranges that are not prose
/// (link targets, HTML and comments, code), which [`mask`] blanks out, byte
/// for byte, for reading tags, mentions and dates.
pub(super) fn full_outline(body: &str) -> Outline {
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut candidates = Vec::new();
    let mut heading_starts = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    // Open containers: `true` for a list item, so a child knows its parent.
    let mut parents: Vec<bool> = Vec::new();
    let mut heading: Option<(Range<usize>, Option<Range<usize>>)> = None;
    let mut links: Vec<(Range<usize>, LinkType, Option<Range<usize>>)> = Vec::new();
    let mut code_block: Option<usize> = None;

    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        // Extend the heading's and link's inner text with this event.
        if !matches!(
            event,
            Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_))
        ) && let Some((_, inner)) = heading.as_mut()
        {
            extend(inner, &range);
        }
        if let Some((outer, _, inner)) = links.last_mut()
            && *outer != range
        {
            extend(inner, &range);
        }
        let parent_is_item = parents.last() == Some(&true);
        match &event {
            Event::Start(tag) => {
                if parent_is_item && let Some(item) = items.last_mut() {
                    note_first_child(item, tag, &range);
                }
                match tag {
                    Tag::Item => items.push(OpenItem {
                        range: range.clone(),
                        first: FirstChild::Undecided,
                    }),
                    Tag::Heading { .. } => {
                        heading_starts.push(range.start);
                        heading = Some((range.clone(), None));
                    }
                    Tag::Link { link_type, .. } => links.push((range.clone(), *link_type, None)),
                    Tag::Image { .. } => blank.push(range.clone()),
                    Tag::CodeBlock(_) => code_block = Some(range.start),
                    Tag::HtmlBlock => blank.push(range.clone()),
                    _ => {}
                }
                if !is_inline(tag) {
                    parents.push(matches!(tag, Tag::Item));
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::Item => {
                        if let Some(item) = items.pop() {
                            parents.pop();
                            let own = match item.first {
                                FirstChild::Inline(r) | FirstChild::Paragraph(r) => Some(r),
                                FirstChild::Undecided | FirstChild::Block => None,
                            };
                            if let Some(own) = own {
                                let own = trim_range(body, own);
                                candidates.push(Candidate {
                                    notes: own.end..item.range.end,
                                    own,
                                    item: Some(item.range),
                                });
                            }
                        }
                    }
                    TagEnd::Heading(_) => {
                        parents.pop();
                        if let Some((outer, inner)) = heading.take()
                            && let Some(inner) = inner
                        {
                            candidates.push(Candidate {
                                own: trim_range(body, inner),
                                notes: outer.end..outer.end,
                                item: None,
                            });
                        }
                    }
                    TagEnd::Link => {
                        if let Some((outer, kind, inner)) = links.pop() {
                            match (kind, inner) {
                                (LinkType::Autolink | LinkType::Email, _) | (_, None) => {
                                    blank.push(outer);
                                }
                                (_, Some(inner)) => {
                                    blank.push(outer.start..inner.start);
                                    blank.push(inner.end..outer.end);
                                }
                            }
                        }
                    }
                    TagEnd::CodeBlock => {
                        if let Some(start) = code_block.take() {
                            blank.push(start..range.end);
                        }
                    }
                    _ => {}
                }
                if !is_inline_end(end) && !matches!(end, TagEnd::Item | TagEnd::Heading(_)) {
                    parents.pop();
                }
            }
            other => {
                if parent_is_item && let Some(item) = items.last_mut() {
                    note_inline_child(item, &range);
                }
                match other {
                    Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                        blank.push(range.clone());
                    }
                    Event::Rule => {
                        if parent_is_item && let Some(item) = items.last_mut() {
                            decide_block(item);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    candidates.sort_by_key(|c| c.own.start);
    Outline {
        candidates,
        heading_starts,
        blank,
    }
}

/// Grows `inner` to cover `range`.
fn extend(inner: &mut Option<Range<usize>>, range: &Range<usize>) {
    *inner = Some(match inner.take() {
        None => range.clone(),
        Some(r) => r.start.min(range.start)..r.end.max(range.end),
    });
}

/// Inline containers (emphasis, links...) belong to a paragraph.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Records a container starting directly inside a list item.
fn note_first_child(item: &mut OpenItem, tag: &Tag<'_>, range: &Range<usize>) {
    if is_inline(tag) {
        note_inline_child(item, range);
        return;
    }
    match item.first {
        FirstChild::Undecided if matches!(tag, Tag::Paragraph) => {
            item.first = FirstChild::Paragraph(range.clone());
        }
        _ => decide_block(item),
    }
}

/// A block starts inside an item: a tight item's first paragraph ends here.
fn decide_block(item: &mut OpenItem) {
    match &item.first {
        FirstChild::Undecided => item.first = FirstChild::Block,
        FirstChild::Inline(r) => item.first = FirstChild::Paragraph(r.clone()),
        FirstChild::Paragraph(_) | FirstChild::Block => {}
    }
}

/// Inline content directly inside a (tight) list item.
fn note_inline_child(item: &mut OpenItem, range: &Range<usize>) {
    match &mut item.first {
        FirstChild::Undecided => item.first = FirstChild::Inline(range.clone()),
        FirstChild::Inline(r) => r.end = r.end.max(range.end),
        _ => {}
    }
}

/// A range without leading or trailing white space.
pub(super) fn trim_range(body: &str, r: Range<usize>) -> Range<usize> {
    let s = &body[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// `region` without the ranges of dated items nested in it (they are
/// entries of their own, not notes).
fn without_nested(region: Range<usize>, entry_items: &[Range<usize>]) -> Vec<Range<usize>> {
    // `entry_items` are sorted by start and nest properly, so each nested
    // entry is found by binary search and skipped whole, with what it holds:
    // the work is proportional to the region's direct children, and the
    // log's cost stays linear in its size.
    let mut spans = Vec::new();
    let mut cursor = region.start;
    loop {
        let next = entry_items.partition_point(|r| r.start < cursor);
        match entry_items.get(next) {
            Some(item) if item.start < region.end => {
                spans.push(cursor..item.start);
                cursor = item.end.min(region.end).max(item.start + 1);
            }
            _ => break,
        }
    }
    spans.push(cursor..region.end);
    spans.retain(|s| !s.is_empty());
    spans
}

/// The body with the given byte ranges (and backslash escapes and bare
/// URLs) replaced by spaces; line breaks are kept, so offsets and lines
/// still match the source.
fn mask<'b>(body: &'b str, blank: &[Range<usize>]) -> Cow<'b, str> {
    // Most logs have nothing to blank out (no code, HTML or link, no
    // backslash, no URL): the body is its own mask, and is not copied.
    if blank.is_empty()
        && memchr::memchr(b'\\', body.as_bytes()).is_none()
        && memchr::memmem::find(body.as_bytes(), b"://").is_none()
    {
        return Cow::Borrowed(body);
    }
    let mut bytes = body.as_bytes().to_vec();
    let blank_range = |bytes: &mut Vec<u8>, r: Range<usize>| {
        for b in &mut bytes[r.start.min(body.len())..r.end.min(body.len())] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    for r in blank {
        blank_range(&mut bytes, r.clone());
    }
    // A backslash escapes the punctuation after it; an escaped backslash
    // escapes nothing further.
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'\\', &bytes[from..]) {
        let i = from + found;
        if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            blank_range(&mut bytes, i..i + 2);
            from = i + 2;
        } else {
            from = i + 1;
        }
    }
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"://") {
        let at = from + found;
        let mut start = at;
        while start > 0
            && (bytes[start - 1].is_ascii_alphanumeric() || b"+.-".contains(&bytes[start - 1]))
        {
            start -= 1;
        }
        let mut end = at + 3;
        while end < bytes.len() && !bytes[end].is_ascii_whitespace() && bytes[end] != b'>' {
            end += 1;
        }
        if start < at && bytes[start].is_ascii_alphabetic() {
            blank_range(&mut bytes, start..end);
        }
        from = end;
    }
    // Only ASCII bytes were replaced, by ASCII spaces, and only whole
    // characters (multi-byte characters are replaced byte by byte), so the
    // result is valid UTF-8; fall back to the source if it somehow is not.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| body.to_owned()))
}

/// An entry's own text on one line: its lines trimmed and joined by spaces.
fn join_lines(s: &str) -> String {
    // Most entries are one line: no list of lines to build.
    if !s.contains('\n') {
        return s.trim().to_owned();
    }
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Notes, verbatim: the non-blank lines of the spans, without their common
/// indentation.
fn note_lines(body: &str, spans: &[Range<usize>]) -> Notes {
    let lines: Vec<&str> = spans
        .iter()
        .flat_map(|s| body[s.clone()].lines())
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Indentation is counted in ASCII blanks only, so stripping it never
    // cuts a character in two.
    let blanks = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let indent = lines.iter().map(|l| blanks(l)).min().unwrap_or(0);
    Notes::from_lines(lines.iter().map(|l| &l[blanks(l).min(indent)..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn contacts() -> Vec<Contact> {
        ["kleiner", "vance"]
            .iter()
            .map(|h| Contact {
                name: format!("Someone {h}"),
                handle: Handle::new(h),
                email: None,
                title: None,
                role: Some(Role::Interviewer),
            })
            .collect()
    }

    fn read(body: &str) -> (Vec<LogEntry>, Vec<Diagnostic>) {
        let index = LineIndex::new(body);
        let contacts = contacts();
        let mut diagnostics = Sink::default();
        let entries = LogReader {
            file: "t.md",
            source: &index,
            body_offset: 0,
            contacts: &contacts,
            diagnostics: &mut diagnostics,
        }
        .read(body);
        (entries, diagnostics.into_vec("t.md"))
    }

    #[test]
    fn spec_worked_example() {
        let body = "## Log\n- 2026-11-01 Applied through the careers page.\n- 2026-11-18 14:00 Interview with @kleiner and @vance (onsite). They will decide by 2026-11-28.\n  - Kleiner asked about the resonance cascade paper\n  - Vance wants someone who can lead the anomalous materials lab\n- 2026-11-18 Sent thank-you to @kleiner #thanks\n";
        let (entries, diags) = read(body);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries.len(), 3);
        let e = &entries[1];
        assert_eq!(e.kind, EventKind::Interview);
        assert_eq!(e.reason, Reason::Phrase("interview"));
        assert_eq!(e.line, 3);
        assert_eq!(e.column, 3);
        assert_eq!(e.time, NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(
            e.mentions,
            vec![Handle::new("kleiner"), Handle::new("vance")]
        );
        assert_eq!(e.by_date, NaiveDate::from_ymd_opt(2026, 11, 28));
        assert_eq!(
            e.notes.iter().collect::<Vec<_>>(),
            vec![
                "- Kleiner asked about the resonance cascade paper",
                "- Vance wants someone who can lead the anomalous materials lab"
            ]
        );
        assert_eq!(entries[0].kind, EventKind::Applied);
        assert_eq!(entries[2].kind, EventKind::Thanks);
        assert_eq!(entries[2].reason, Reason::Tag("thanks".into()));
        assert_eq!(entries[2].mentions, vec![Handle::new("kleiner")]);
        assert!(entries[2].notes.is_empty());
    }

    #[test]
    fn the_source_line_of_an_entry_is_kept_whole_or_as_the_part_before_its_text() {
        let body = "## Log\n- 2026-11-01 Applied through the careers page.\n* 2026-11-03 Heard back,\n  they will call.\n### 2026-11-05 — Phone screen  \n";
        let (entries, diags) = read(body);
        assert!(diags.is_empty(), "{diags:?}");
        let lines: Vec<String> = entries
            .iter()
            .map(|e| e.source_line().into_owned())
            .collect();
        assert_eq!(
            lines,
            [
                "- 2026-11-01 Applied through the careers page.",
                "* 2026-11-03 Heard back,",
                "### 2026-11-05 — Phone screen  ",
            ]
        );
        // A one-line entry keeps only what comes before its text; an
        // entry whose text runs on, or whose line has more than its text,
        // keeps the whole line.
        assert_eq!(
            entries[0].source_line,
            SourceLine::BeforeText("- 2026-11-01 ".into())
        );
        assert!(matches!(entries[1].source_line, SourceLine::Whole(_)));
        assert!(matches!(entries[2].source_line, SourceLine::Whole(_)));
    }

    #[test]
    fn nested_dated_items_are_entries_not_notes() {
        let body = "- 2026-11-01 Applied\n  - a note\n  - 2026-11-05 Heard back\n    - their note\n  - another note\n";
        let (entries, _) = read(body);
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries[0].notes.iter().collect::<Vec<_>>(),
            vec!["- a note", "- another note"]
        );
        assert_eq!(entries[1].kind, EventKind::Heard);
        assert_eq!(
            entries[1].notes.iter().collect::<Vec<_>>(),
            vec!["- their note"]
        );
    }

    #[test]
    fn heading_entries_take_lines_to_the_next_heading() {
        let body = "# Acme\n## 2026-11-18 — Onsite interview\nMet @vance.\n\n- they decide by 2026-12-01\n- 2026-11-19 #thanks to @vance\n### Other\nnot a note\n";
        let (entries, diags) = read(body);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].text, "Onsite interview");
        assert_eq!(entries[0].kind, EventKind::Interview);
        assert_eq!(
            entries[0].notes.iter().collect::<Vec<_>>(),
            vec!["Met @vance.", "- they decide by 2026-12-01"]
        );
        assert_eq!(entries[0].mentions, vec![Handle::new("vance")]);
        assert_eq!(entries[0].by_date, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(entries[1].kind, EventKind::Thanks);
    }

    #[test]
    fn loose_items_and_multi_line_text() {
        let body = "- 2026-11-01 Applied via\n  the careers page\n\n  a note paragraph\n\n- 2026-11-02 Phone screen\n";
        let (entries, _) = read(body);
        assert_eq!(entries[0].text, "Applied via the careers page");
        assert_eq!(
            entries[0].notes.iter().collect::<Vec<_>>(),
            vec!["a note paragraph"]
        );
        assert_eq!(entries[1].kind, EventKind::Interview);
    }

    #[test]
    fn links_comments_code_and_escapes_are_not_read() {
        let body = "- 2026-11-01 Read [the post](https://x.example/#interview) <!-- #thanks @vance --> `#followup` \\#heard https://m.example/@kleiner/#offer\n";
        let (entries, diags) = read(body);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries[0].kind, EventKind::Note);
        assert!(entries[0].mentions.is_empty());
        // The text shown keeps what the user wrote.
        assert!(entries[0].text.contains("[the post]"));
    }

    #[test]
    fn impossible_dates_are_errors_with_their_line() {
        let (entries, diags) =
            read("- 2026-11-01 ok\n- 2026-02-30 Applied\n- 2026-11-02 decide by 2026-13-01\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(diags.len(), 2);
        assert_eq!((diags[0].line, diags[0].column), (2, 3));
        assert_eq!(diags[0].message, "2026-02-30 is not a date that exists");
        assert_eq!((diags[1].line, diags[1].column), (3, 24));
        assert!(diags.iter().all(Diagnostic::is_error));
    }

    #[test]
    fn unknown_tags_and_mentions_warn_with_suggestions() {
        let (entries, diags) = read("- 2026-11-01 Sent #thnaks to @kliener and @vance.\n");
        assert_eq!(entries[0].mentions, vec![Handle::new("vance")]);
        // The misspelt tag is no event tag, but the phrase "sent thanks"? No:
        // the text says "Sent #thnaks", so this is a plain note.
        assert_eq!(entries[0].kind, EventKind::Note);
        let messages: Vec<_> = diags
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            messages,
            vec![
                ("unknown tag #thnaks", Some("did you mean #thanks?")),
                ("unknown contact @kliener", Some("did you mean @kleiner?")),
            ]
        );
        assert_eq!(diags[1].column, 30);
    }

    #[test]
    fn skip_with_a_letter_tag_dismisses_and_otherwise_warns() {
        let (entries, diags) = read(
            "- 2026-11-01 #skip #feedback\n- 2026-11-02 #skip #interview\n- 2026-11-03 #skip\n",
        );
        assert!(entries[0].skip);
        assert_eq!(entries[0].kind, EventKind::Feedback);
        assert!(!entries[1].skip);
        assert_eq!(entries[1].kind, EventKind::Interview);
        assert!(!entries[2].skip);
        assert_eq!(diags.len(), 2);
        assert!(diags.iter().all(|d| d.message == "#skip does nothing here"));
    }

    #[test]
    fn first_event_tag_wins_and_tags_beat_phrases() {
        let (entries, _) = read("- 2026-11-01 Interview went well #heard #offer\n");
        assert_eq!(entries[0].kind, EventKind::Heard);
    }

    #[test]
    fn offer_by_date_is_a_deadline_not_a_decision_date() {
        let (entries, _) = read("- 2026-11-01 Offer! Answer by 2026-11-10\n");
        assert_eq!(entries[0].kind, EventKind::Offer);
        assert_eq!(
            entries[0].offer_deadline(),
            NaiveDate::from_ymd_opt(2026, 11, 10)
        );
        assert_eq!(entries[0].decision_date(), None);
    }

    #[test]
    fn undated_items_and_text_are_not_entries() {
        let (entries, _) =
            read("Some text 2026-11-01\n\n- plain item\n- **2026-11-01** bold\n- 2026-11-01x\n");
        assert!(entries.is_empty());
    }

    #[test]
    fn notes_with_unicode_blanks_keep_whole_characters() {
        let body = "- 2026-11-01 Applied\n  - a\n \u{a0}b\n";
        let (entries, _) = read(body);
        assert_eq!(entries[0].notes.iter().count(), 2);
    }

    #[test]
    fn own_text_is_joined_and_trimmed_line_by_line() {
        assert_eq!(join_lines("  Applied \u{a0}"), "Applied");
        assert_eq!(join_lines("Applied\r"), "Applied");
        assert_eq!(join_lines(" \t "), "");
        assert_eq!(
            join_lines("Applied via\r\n  the site \n\n"),
            "Applied via the site"
        );
    }

    #[test]
    fn escapes_and_bare_urls_are_blanked_byte_for_byte() {
        let body = "a \\#x \\\\#y \\\n see https://x.example/@k #z\\";
        let masked = mask(body, &[]);
        assert_eq!(masked.len(), body.len());
        let url = " ".repeat("https://x.example/@k".len());
        assert_eq!(masked, format!("a   x   #y \\\n see {url} #z\\"));
    }

    #[test]
    fn a_body_with_nothing_to_blank_is_its_own_mask() {
        let body = "## Log\n- 2026-11-01 Applied, @k #applied by 2026-11-20\n  - a note: 3/4\n";
        assert!(matches!(mask(body, &[]), Cow::Borrowed(b) if b == body));
        // Anything to blank, and the mask is a copy with it blanked.
        let dash = body.find("- ").unwrap();
        let marker = dash..dash + 2;
        let blanked = mask(body, std::slice::from_ref(&marker));
        assert!(matches!(blanked, Cow::Owned(_)));
        assert_eq!(blanked, body.replacen("- ", "  ", 1));
        // A backslash before a letter escapes nothing: the same text.
        assert_eq!(mask("a \\n b", &[]), "a \\n b");
    }

    #[test]
    fn mentions_retry_without_trailing_punctuation() {
        let (entries, diags) = read("- 2026-11-01 Call with @vance. Then @kleiner-\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            entries[0].mentions,
            vec![Handle::new("vance"), Handle::new("kleiner")]
        );
    }
}
