//! Letters from Handlebars templates (SPEC §6.1): one embedded default per
//! letter kind, replaced by the journal's `templates/<kind>.hbs` when it has
//! one. Templates render in strict mode, without HTML escaping; their first
//! line `Subject: ...` is the subject.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono::format::{Item, StrftimeItems};
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, Template, TemplateErrorReason, no_escape,
};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::diag::{Diagnostic, LineIndex, Severity, did_you_mean};
use crate::infer::actions::interviewers_of;
use crate::journal::scan::{SourceFile, TEMPLATES_DIR};
use crate::journal::yaml::{Node, Value as YamlValue};
use crate::model::{Action, ActionKind, Application, Trigger};

/// The embedded default letters, by kind.
pub const DEFAULTS: [(ActionKind, &str); 7] = [
    (
        ActionKind::ThankYou,
        include_str!("../../templates/thank-you.hbs"),
    ),
    (
        ActionKind::CheckIn,
        include_str!("../../templates/check-in.hbs"),
    ),
    (
        ActionKind::FollowUp,
        include_str!("../../templates/follow-up.hbs"),
    ),
    (
        ActionKind::Update,
        include_str!("../../templates/update.hbs"),
    ),
    (
        ActionKind::Feedback,
        include_str!("../../templates/feedback.hbs"),
    ),
    (
        ActionKind::KeepInTouch,
        include_str!("../../templates/keep-in-touch.hbs"),
    ),
    (
        ActionKind::Withdraw,
        include_str!("../../templates/withdraw.hbs"),
    ),
];

/// A rendered letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    /// The letter, tidied: no trailing blanks, single blank lines, one
    /// final newline.
    pub body: String,
}

/// Where a kind's template comes from, for error messages.
struct Source {
    /// `templates/<kind>.hbs`, relative to the journal.
    file: String,
    text: String,
    /// The journal's own (else nudge's built-in default).
    own: bool,
}

/// The letter templates of a journal.
pub struct Letters {
    registry: Handlebars<'static>,
    sources: BTreeMap<&'static str, Source>,
}

/// The template file of a kind, relative to the journal.
fn template_file(kind: &str) -> String {
    format!("{TEMPLATES_DIR}/{kind}.hbs")
}

impl Letters {
    /// The templates of every kind: built-in defaults replaced by the
    /// journal's own. Problems with the journal's templates become
    /// diagnostics; a kind whose template does not compile writes no drafts.
    pub fn new(own: &[SourceFile]) -> (Letters, Vec<Diagnostic>) {
        Letters::for_kinds(own, |_| true)
    }

    /// As [`Letters::new`], with the built-in templates compiled only for
    /// the kinds `wanted` asks for: compiling is most of the fixed cost of
    /// drafting, and a small journal needs few kinds. The journal's own
    /// templates are all compiled, so that their problems are reported
    /// whether or not a letter needs them today. A built-in kind left out
    /// still renders, compiled when it is used.
    pub fn for_kinds(
        own: &[SourceFile],
        wanted: impl Fn(ActionKind) -> bool + Sync,
    ) -> (Letters, Vec<Diagnostic>) {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(no_escape);
        registry.register_helper("date", Box::new(date_helper));
        let mut diagnostics = Vec::new();
        let mut sources = BTreeMap::new();
        // Compiling is most of the fixed cost of drafting letters: the
        // templates are compiled on every core, then registered in order.
        let compiled: Vec<_> = DEFAULTS
            .par_iter()
            .map(|(kind, text)| {
                let name = kind.as_str();
                let file = template_file(name);
                let (text, is_own) = match own.iter().find(|t| t.rel == file) {
                    Some(t) => (t.text.clone(), true),
                    None => ((*text).to_owned(), false),
                };
                let template = (is_own || wanted(*kind))
                    .then(|| Template::compile_with_name(&text, name.to_owned()));
                (name, file, text, is_own, template)
            })
            .collect();
        for (name, file, text, is_own, template) in compiled {
            let registered = match template {
                Some(template) => template.map(|t| registry.register_template(name, t)),
                // A built-in default compiles (a test renders every one):
                // it is compiled when a letter needs it.
                None => Ok(()),
            };
            match registered {
                Ok(()) => {
                    sources.insert(
                        name,
                        Source {
                            file,
                            text,
                            own: is_own,
                        },
                    );
                }
                Err(e) => {
                    let (line, column) = e.pos().unwrap_or((1, 1));
                    let index = LineIndex::new(&text);
                    let why = match e.reason() {
                        TemplateErrorReason::InvalidSyntax(_) => {
                            "invalid Handlebars syntax (an unclosed {{#if}}, or a stray brace?)"
                                .to_owned()
                        }
                        other => other.to_string(),
                    };
                    diagnostics.push(
                        Diagnostic::at(
                            &file,
                            &index,
                            line,
                            column,
                            1,
                            Severity::Error,
                            format!("template does not compile: {why}"),
                        )
                        .with_help(format!(
                            "fix the template; until then nudge writes no {name} drafts"
                        )),
                    );
                }
            }
        }
        let known: Vec<String> = DEFAULTS
            .iter()
            .map(|(k, _)| template_file(k.as_str()))
            .collect();
        for t in own {
            if !known.contains(&t.rel) {
                let help = match did_you_mean(&t.rel, known.iter().map(String::as_str)) {
                    Some(k) => format!("did you mean {k}?"),
                    None => format!("letter templates are {}", known.join(", ")),
                };
                diagnostics.push(
                    Diagnostic::whole_file(
                        &t.rel,
                        Severity::Warning,
                        "not a letter template nudge knows; it is not used",
                    )
                    .with_help(help),
                );
            }
        }
        (Letters { registry, sources }, diagnostics)
    }

    /// Whether a kind's letters can be written (its template compiled).
    pub fn can_write(&self, kind: ActionKind) -> bool {
        self.sources.contains_key(kind.as_str())
    }

    /// Renders the letter of one action. A kind whose template did not
    /// compile (see [`Letters::can_write`]) is an error naming the template.
    /// The context is handed to Handlebars as it is, without a copy.
    pub fn render(&self, kind: ActionKind, context: Value) -> Result<Letter, Box<Diagnostic>> {
        let name = kind.as_str();
        let Some(source) = self.sources.get(name) else {
            return Err(Box::new(Diagnostic::whole_file(
                &template_file(name),
                Severity::Error,
                format!("no {name} letter: its template does not compile"),
            )));
        };
        let context = Context::from(context);
        let text = if self.registry.has_template(name) {
            self.registry.render_with_context(name, &context)
        } else {
            self.registry
                .render_template_with_context(&source.text, &context)
        }
        .map_err(|e| Box::new(render_error(source, &e)))?;
        Ok(split_subject(&text))
    }
}

/// A template error as a diagnostic at the template's line.
fn render_error(source: &Source, e: &RenderError) -> Diagnostic {
    let line = e.line_no.unwrap_or(1);
    let column = e.column_no.unwrap_or(1);
    let index = LineIndex::new(&source.text);
    let (message, help) = match e.reason() {
        RenderErrorReason::HelperNotFound(name) => (
            format!("unknown helper `{name}`"),
            "templates have nudge's date helper and the Handlebars built-ins (if, unless, each, with, eq, gt, and, or, not...); for a value, write {{name}} with a known name".to_owned(),
        ),
        RenderErrorReason::InvalidParamType(expected) => (
            format!("a helper was given a wrong value: expected {expected}"),
            "check the helper's arguments; dates are YYYY-MM-DD and formats strftime, e.g. {{date interview.date \"%B %-d\"}}".to_owned(),
        ),
        RenderErrorReason::MissingVariable(Some(path)) => (
            format!("missing variable `{path}`"),
            format!(
                "templates render in strict mode: write {{{{#if {path}}}}}...{{{{/if}}}} around values that may be missing"
            ),
        ),
        other => (
            other.to_string(),
            "see the template context in the README".to_owned(),
        ),
    };
    let message = if source.own {
        message
    } else {
        format!("built-in template: {message}")
    };
    Diagnostic::at(
        &source.file,
        &index,
        line,
        column,
        1,
        Severity::Error,
        message,
    )
    .with_help(help)
}

/// Splits `Subject: ...` off the first line, and tidies the letter.
fn split_subject(text: &str) -> Letter {
    let trimmed = text.trim_start();
    let (subject, rest) = match trimmed.split_once('\n') {
        Some((first, rest)) if first.starts_with("Subject:") => {
            (first["Subject:".len()..].trim().to_owned(), rest)
        }
        None if trimmed.starts_with("Subject:") => {
            (trimmed["Subject:".len()..].trim().to_owned(), "")
        }
        _ => (String::new(), trimmed),
    };
    Letter {
        subject,
        body: tidy(rest),
    }
}

/// No trailing blanks, no runs of blank lines, no blank lines at either
/// end, one final newline.
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank_run = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if blank_run {
            out.push('\n');
            blank_run = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `{{date value "format"}}`: a `YYYY-MM-DD` date in a strftime format
/// (default "%B %-d, %Y"). A bad format is an error, never a panic.
fn date_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let value = h
        .param(0)
        .and_then(|p| p.value().as_str())
        .ok_or(RenderErrorReason::InvalidParamType("a date YYYY-MM-DD"))?;
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| RenderErrorReason::InvalidParamType("a date YYYY-MM-DD"))?;
    let format = match h.param(1) {
        Some(p) => p
            .value()
            .as_str()
            .ok_or(RenderErrorReason::InvalidParamType(
                "a date format such as \"%B %-d\"",
            ))?,
        None => "%B %-d, %Y",
    };
    let items: Vec<Item<'_>> = StrftimeItems::new(format).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Err(RenderErrorReason::InvalidParamType("a date format such as \"%B %-d\"").into());
    }
    out.write(&date.format_with_items(items.iter()).to_string())?;
    Ok(())
}

/// A note without its list marker, for hints and templates.
pub fn strip_marker(note: &str) -> &str {
    let t = note.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(") "))
    {
        return rest.trim_start();
    }
    t
}

/// Text without `#tags`, for quoting an entry in a letter.
fn without_tags(text: &str) -> String {
    let tags = crate::journal::classify::tags(text);
    let mut out = String::new();
    let mut from = 0;
    for (at, tag) in tags {
        out.push_str(&text[from..at]);
        from = at + 1 + tag.len();
    }
    out.push_str(&text[from..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The template context of an action's letter (SPEC §6.1).
pub fn context(
    action: &Action,
    app: &Application,
    decision_by: Option<NaiveDate>,
    me: &BTreeMap<String, Value>,
) -> Value {
    let mut me_json = json!({"name": null, "email": null, "phone": null});
    for (k, v) in me {
        me_json[k] = v.clone();
    }
    let mut app_json = json!({
        "company": app.company,
        "position": null,
        "link": null,
        "priority": null,
        "decision_by": null,
        "keep_in_touch": null,
        "archived": null,
        "contacts": null,
    });
    for (k, v) in front_matter_json(app) {
        app_json[k] = v;
    }
    app_json["file"] = json!(app.file);
    let contact = action.recipient.as_ref().map_or(Value::Null, |c| {
        json!({
            "name": c.name,
            "first_name": c.first_name(),
            "last_name": c.last_name(),
            "title": c.title,
            "email": c.email,
            "handle": c.handle.as_str(),
        })
    });
    let interview = action
        .interview
        .and_then(|i| app.entries.iter().find(|e| e.index == i))
        .map_or(Value::Null, |e| {
            json!({
                "date": e.date.to_string(),
                "time": e.time.map(|t| t.format("%H:%M").to_string()),
                "text": without_tags(&e.text),
                "notes": e.notes.iter().map(strip_marker).collect::<Vec<_>>(),
                "interviewers": interviewers_of(app, e)
                    .into_iter()
                    .flatten()
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>(),
            })
        });
    let trigger = match &action.trigger {
        None => Value::Null,
        Some(Trigger::News { text, .. }) => json!({
            "kind": "news",
            "text": without_tags(text),
            "company": null,
            "deadline": null,
        }),
        Some(Trigger::Offer {
            company, deadline, ..
        }) => json!({
            "kind": "offer",
            "text": null,
            "company": company,
            "deadline": deadline.map(|d| d.to_string()),
        }),
    };
    // Built as a map, not with `json!`, which would copy the values made
    // above instead of moving them in.
    let mut context = serde_json::Map::new();
    context.insert("me".into(), me_json);
    context.insert("app".into(), app_json);
    context.insert("contact".into(), contact);
    context.insert(
        "action".into(),
        json!({
            "kind": action.kind.as_str(),
            "n": action.n,
            "due": action.due.to_string(),
            "deadline": action.deadline.to_string(),
        }),
    );
    context.insert("interview".into(), interview);
    context.insert(
        "decision_by".into(),
        json!(decision_by.map(|d| d.to_string())),
    );
    context.insert("trigger".into(), trigger);
    context.insert("hand_written".into(), json!(action.hand_written));
    Value::Object(context)
}

/// Every front-matter key of an application with its value, for templates
/// (which may use any key). The YAML is read again here, for the few
/// applications with a letter due, rather than kept as values for all.
fn front_matter_json(app: &Application) -> serde_json::Map<String, Value> {
    match crate::journal::yaml::parse(&app.front_matter) {
        Ok(Node {
            value: YamlValue::Map(entries),
            ..
        }) => entries
            .iter()
            .map(|(k, v)| (k.value.key_text().into_owned(), v.value.to_json()))
            .collect(),
        // Unreachable for an application nudge read: its front-matter was
        // a mapping when it was parsed.
        _ => serde_json::Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters() -> Letters {
        let (letters, diagnostics) = Letters::new(&[]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        letters
    }

    #[test]
    fn tidy_collapses_blank_lines_and_trailing_blanks() {
        assert_eq!(
            tidy("\n\nDear A,  \n\n\n\nHello.\n\n"),
            "Dear A,\n\nHello.\n"
        );
    }

    #[test]
    fn subject_comes_from_the_first_line() {
        let l = split_subject("Subject: Hi there \n\nDear A,\n");
        assert_eq!(l.subject, "Hi there");
        assert_eq!(l.body, "Dear A,\n");
        assert_eq!(split_subject("Dear A,\n").subject, "");
    }

    #[test]
    fn markers_are_stripped_from_notes() {
        assert_eq!(strip_marker("- asked about X"), "asked about X");
        assert_eq!(strip_marker("* a"), "a");
        assert_eq!(strip_marker("12. b"), "b");
        assert_eq!(strip_marker("plain"), "plain");
        assert_eq!(strip_marker("2026 plans"), "2026 plans");
    }

    #[test]
    fn tags_are_left_out_of_quoted_text() {
        assert_eq!(
            without_tags("My paper got published #news"),
            "My paper got published"
        );
    }

    #[test]
    fn date_helper_formats_and_rejects_bad_formats() {
        let mut hb = Handlebars::new();
        hb.register_helper("date", Box::new(date_helper));
        let ctx = json!({"d": "2026-11-18"});
        assert_eq!(
            hb.render_template("{{date d \"%B %-d\"}}", &ctx).unwrap(),
            "November 18"
        );
        assert_eq!(
            hb.render_template("{{date d}}", &ctx).unwrap(),
            "November 18, 2026"
        );
        assert!(hb.render_template("{{date d \"%Q\"}}", &ctx).is_err());
        assert!(hb.render_template("{{date \"soon\"}}", &ctx).is_err());
    }

    fn app(front: &str) -> Application {
        let text = format!(
            "---\ncompany: Black Mesa\n{front}---\n- 2026-11-01 Applied\n- 2026-11-18 Interview with @kleiner, decide by 2026-11-28\n  - asked about the resonance cascade paper\n"
        );
        match crate::journal::parse::parse_file("black-mesa.md", &text).parsed {
            crate::journal::parse::Parsed::Application(app) => *app,
            other => panic!("{other:?}"),
        }
    }

    fn action(kind: ActionKind, app: &Application, with_everything: bool) -> Action {
        let d = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut a = Action::new(kind, d, d, String::new()).for_application(app);
        if with_everything {
            a.recipient = app.contacts.first().cloned();
            a.interview = Some(1);
            a.n = 2;
            a.hand_written = true;
            a.trigger = Some(Trigger::Offer {
                company: "Aperture Science".into(),
                file: "aperture.md".into(),
                deadline: NaiveDate::from_ymd_opt(2026, 12, 1),
            });
        } else if kind == ActionKind::Update {
            a.trigger = Some(Trigger::News {
                text: "My paper was published #news".into(),
                line: 9,
            });
        }
        a
    }

    #[test]
    fn every_default_letter_renders_with_full_and_bare_contexts() {
        let letters = letters();
        let full_app = app(
            "position: Head Researcher\ncontacts:\n  - name: Isaac Kleiner\n    email: kleiner@bm.example\n    title: Head of Research\n    role: hiring-manager\n",
        );
        let bare_app = app("");
        let mut me = BTreeMap::new();
        me.insert("name".to_owned(), json!("Gordon Freeman"));
        for (kind, _) in DEFAULTS {
            for (app, full) in [(&full_app, true), (&bare_app, false)] {
                let a = action(kind, app, full);
                let decision = full.then(|| NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
                let me = if full { me.clone() } else { BTreeMap::new() };
                let ctx = context(&a, app, decision, &me);
                let letter = letters
                    .render(kind, ctx)
                    .unwrap_or_else(|d| panic!("{kind} ({full}): {d:?}"));
                assert!(!letter.subject.is_empty(), "{kind}: no subject");
                assert!(
                    letter.body.contains("Black Mesa"),
                    "{kind}: {}",
                    letter.body
                );
                assert!(!letter.body.contains("{{"), "{kind}");
                assert!(!letter.body.contains("\n\n\n"), "{kind}");
                if full {
                    assert!(
                        letter.body.starts_with("Dear Isaac,\n"),
                        "{kind}: {}",
                        letter.body
                    );
                    assert!(
                        letter.body.ends_with("Gordon Freeman\n"),
                        "{kind}: {}",
                        letter.body
                    );
                } else {
                    assert!(
                        letter.body.starts_with("Dear Black Mesa team,\n"),
                        "{kind}: {}",
                        letter.body
                    );
                }
                // SPEC §1: a follow-up is at most three paragraphs (greeting
                // and signature aside).
                let paragraphs = letter.body.split("\n\n").count();
                assert!(paragraphs <= 5, "{kind}: {paragraphs} blocks");
            }
        }
    }

    #[test]
    fn a_built_in_template_left_out_renders_the_same_letter_when_used() {
        let all = letters();
        let (none, diagnostics) = Letters::for_kinds(&[], |_| false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (some, _) = Letters::for_kinds(&[], |k| k == ActionKind::FollowUp);
        assert!(some.registry.has_template("follow-up"));
        assert!(!some.registry.has_template("thank-you"));
        let full_app = app(
            "position: Head Researcher\ncontacts:\n  - name: Isaac Kleiner\n    email: kleiner@bm.example\n",
        );
        for (kind, _) in DEFAULTS {
            assert!(none.can_write(kind), "{kind}");
            assert!(!none.registry.has_template(kind.as_str()), "{kind}");
            for full in [true, false] {
                let a = action(kind, &full_app, full);
                let ctx = || context(&a, &full_app, None, &BTreeMap::new());
                let expected = all.render(kind, ctx()).unwrap();
                assert_eq!(none.render(kind, ctx()).unwrap(), expected, "{kind}");
                assert_eq!(some.render(kind, ctx()).unwrap(), expected, "{kind}");
            }
        }
    }

    #[test]
    fn the_journals_own_templates_are_checked_even_when_no_letter_needs_them() {
        let own = [
            SourceFile {
                rel: "templates/feedback.hbs".into(),
                text: "Subject: x\n\n{{#if contact}}\nDear\n".into(),
            },
            SourceFile {
                rel: "templates/thank-you.hbs".into(),
                text: "Subject: Hi\n\nDear {{contact.nickname}},\n".into(),
            },
        ];
        let (letters, diagnostics) = Letters::for_kinds(&own, |_| false);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].file, "templates/feedback.hbs");
        assert!(!letters.can_write(ActionKind::Feedback));
        let d = letters
            .render(ActionKind::ThankYou, json!({"contact": {"name": "Eli"}}))
            .unwrap_err();
        assert_eq!((d.file.as_str(), d.line), ("templates/thank-you.hbs", 3));
        assert_eq!(d.message, "missing variable `contact.nickname`");
    }

    #[test]
    fn the_update_letter_names_the_offer_and_its_deadline_or_the_news() {
        let letters = letters();
        let full = app("position: Head Researcher\n");
        let a = action(ActionKind::Update, &full, true);
        let letter = letters
            .render(
                ActionKind::Update,
                context(&a, &full, None, &BTreeMap::new()),
            )
            .unwrap();
        assert!(
            letter.body.contains(
                "an offer from Aperture Science, and I have been asked to respond by December 1."
            ),
            "{}",
            letter.body
        );
        let a = action(ActionKind::Update, &full, false);
        let letter = letters
            .render(
                ActionKind::Update,
                context(&a, &full, None, &BTreeMap::new()),
            )
            .unwrap();
        assert!(
            letter
                .body
                .contains("news that bears on the role: My paper was published"),
            "{}",
            letter.body
        );
    }

    #[test]
    fn a_missing_variable_names_template_line_and_variable() {
        let own = [SourceFile {
            rel: "templates/thank-you.hbs".into(),
            text: "Subject: Hi\n\nDear {{contact.nickname}},\n".into(),
        }];
        let (letters, diagnostics) = Letters::new(&own);
        assert!(diagnostics.is_empty());
        let ctx = json!({"contact": {"name": "Eli"}});
        let d = letters.render(ActionKind::ThankYou, ctx).unwrap_err();
        assert_eq!(d.file, "templates/thank-you.hbs");
        assert_eq!(d.line, 3);
        assert_eq!(d.message, "missing variable `contact.nickname`");
    }

    #[test]
    fn a_template_that_does_not_compile_is_an_error_at_its_line() {
        let own = [
            SourceFile {
                rel: "templates/feedback.hbs".into(),
                text: "Subject: x\n\n{{#if contact}}\nDear\n".into(),
            },
            SourceFile {
                rel: "templates/thank_you.hbs".into(),
                text: "x".into(),
            },
        ];
        let (letters, diagnostics) = Letters::new(&own);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].file, "templates/feedback.hbs");
        assert!(
            diagnostics[0]
                .message
                .starts_with("template does not compile")
        );
        assert_eq!(diagnostics[1].severity, Severity::Warning);
        assert_eq!(
            diagnostics[1].help.as_deref(),
            Some("did you mean templates/thank-you.hbs?")
        );
        assert!(letters.render(ActionKind::Feedback, json!({})).is_err());
    }
}
