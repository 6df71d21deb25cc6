//! Each finding fires on a letter that has the fault and stays silent on
//! the same letter without it.

use std::collections::BTreeMap;

use super::*;
use crate::journal::parse::{Parsed, parse_file};

const APPLICATION: &str = "---
company: Black Mesa
position: Head Researcher
contacts:
  - name: Dr. Isaac Kleiner
    title: Head of Research
  - name: Eli Vance
  - name: Ross McDonald
---
- 2026-11-18 Interview with @kleiner and @vance
";

fn application() -> Application {
    match parse_file("black-mesa.md", APPLICATION).parsed {
        Parsed::Application(app) => *app,
        other => panic!("{other:?}"),
    }
}

/// A draft to `handle` with this subject and body.
fn draft(subject: &str, body: &str) -> String {
    format!(
        "---\ngenerated_by: nudge\napplication: \"black-mesa.md\"\naction: thank-you\nto: \"Eli Vance\"\nsubject: \"{subject}\"\ndue: 2026-11-18\n---\n\n{body}"
    )
}

struct Case {
    kind: ActionKind,
    recipient: &'static str,
    limits: Limits,
    words: Option<&'static str>,
    dictionary: Dictionary,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            kind: ActionKind::ThankYou,
            recipient: "vance",
            limits: Limits::default(),
            words: None,
            dictionary: Dictionary::BuiltIn,
        }
    }
}

impl Case {
    /// What the proofreader says of a letter, as `line:col message`, the
    /// underlined text in brackets.
    fn notes(&self, subject: &str, body: &str) -> Vec<String> {
        let app = application();
        let text = draft(subject, body);
        let me = BTreeMap::from([("name".to_owned(), serde_json::json!("Gordon Freeman"))]);
        let trusted = TrustedWords::new(std::slice::from_ref(&app), &me, self.words);
        let speller = Speller::new(&self.dictionary, trusted, true);
        let recipient = app
            .contacts
            .iter()
            .find(|c| c.handle.as_str() == self.recipient);
        let facts = Facts {
            app: &app,
            recipient,
            kind: self.kind,
        };
        let index = crate::diag::LineIndex::new(&text);
        proofread(&text, &facts, &self.limits, &speller)
            .into_iter()
            .map(|f| {
                let (line, col) = index.line_col(f.range.start);
                format!("{line}:{col} [{}] {}", &text[f.range], f.message)
            })
            .collect()
    }
}

fn notes(body: &str) -> Vec<String> {
    Case::default().notes("Thank you", body)
}

const CLEAN: &str = "Dear Eli,

Thank you for taking the time to meet with me on November 18 about the Head Researcher role. I enjoyed our conversation and learning more about the work at Black Mesa.

It confirmed how much I would like to join the team. Please pass my thanks to Dr. Kleiner and Isaac Kleiner's team as well.

Best regards,
Gordon Freeman
";

#[test]
fn a_clean_letter_has_no_notes() {
    assert_eq!(notes(CLEAN), Vec::<String>::new());
}

#[test]
fn a_near_miss_of_a_contact_s_name() {
    let bad = CLEAN.replace("Dr. Kleiner", "Dr. Klein");
    assert_eq!(
        notes(&bad),
        ["14:83 [Klein] “Klein” looks like a misspelling of “Kleiner”"]
    );
    let bad = CLEAN.replace("Dear Eli", "Dear Ely");
    assert_eq!(
        notes(&bad),
        ["10:6 [Ely] “Ely” looks like a misspelling of “Eli”"]
    );
}

#[test]
fn a_name_with_the_wrong_capitals() {
    let bad = CLEAN.replace("Dr. Kleiner", "Ross Mcdonald");
    assert_eq!(
        notes(&bad),
        ["14:84 [Mcdonald] “Mcdonald” is written “McDonald” in the application"]
    );
}

#[test]
fn the_company_with_a_legal_ending_it_does_not_have() {
    let bad = CLEAN.replace("work at Black Mesa.", "work at Black Mesa Inc.");
    assert_eq!(
        notes(&bad),
        ["12:157 [Black Mesa Inc] “Black Mesa Inc” is not how the application names the company"]
    );
}

#[test]
fn a_misspelt_company_or_position() {
    let bad = CLEAN.replace("work at Black Mesa.", "work at Black Messa.");
    assert_eq!(
        notes(&bad),
        [
            "12:157 [Black Messa] “Black Messa” is not a name in the application: did you mean “Black Mesa”?"
        ]
    );
    let bad = CLEAN.replace("Head Researcher role", "Head Research role");
    assert_eq!(
        notes(&bad),
        [
            "12:72 [Head Research] “Head Research” is not a name in the application: did you mean “Head Researcher”?"
        ]
    );
}

#[test]
fn two_people_s_names_crossed() {
    let bad = CLEAN.replace("Isaac Kleiner's team", "Isaac Vance's team");
    assert_eq!(
        notes(&bad),
        [
            "14:95 [Isaac Vance] “Isaac Vance” is not a name in the application: did you mean “Isaac Kleiner”?"
        ]
    );
}

#[test]
fn the_wrong_interviewer_greeted() {
    let bad = CLEAN.replace("Dear Eli,", "Dear Isaac,");
    assert_eq!(
        notes(&bad),
        ["10:6 [Isaac] this letter is for Eli Vance, but the greeting names Dr. Isaac Kleiner"]
    );
    let stranger = CLEAN.replace("Dear Eli,", "Dear Jane,");
    assert_eq!(
        notes(&stranger),
        ["10:6 [Jane] this letter is for Eli Vance, but the greeting names “Jane”"]
    );
    for good in [
        "Dear Mr. Vance,",
        "Hello Eli,",
        "Dear Hiring Manager,",
        "Hi,",
        "Dear Black Mesa team,",
        "Good morning Eli,",
    ] {
        assert_eq!(
            notes(&CLEAN.replace("Dear Eli,", good)),
            Vec::<String>::new(),
            "{good}"
        );
    }
    // The same greeting is right in the letter to Kleiner.
    let case = Case {
        recipient: "kleiner",
        ..Case::default()
    };
    assert_eq!(case.notes("Thank you", &bad), Vec::<String>::new());
}

#[test]
fn a_title_that_is_not_the_contact_s() {
    let bad = CLEAN.replace("Dr. Kleiner and", "Isaac Kleiner, Head of Engineering, and");
    assert_eq!(
        notes(&bad),
        ["14:94 [Head of Engineering] “Head of Engineering” is not Dr. Isaac Kleiner's title"]
    );
    let good = CLEAN.replace("Dr. Kleiner and", "Isaac Kleiner, Head of Research, and");
    assert_eq!(notes(&good), Vec::<String>::new());
    // A connector after the title is not part of it.
    let good = CLEAN.replace("Dr. Kleiner and Isaac", "the Head of Research and Isaac");
    assert_eq!(notes(&good), Vec::<String>::new());
    let bad = CLEAN.replace("Dr. Kleiner and", "Director of Research Isaac Kleiner and");
    assert_eq!(
        notes(&bad),
        ["14:79 [Director of Research] “Director of Research” is not Dr. Isaac Kleiner's title"]
    );
}

#[test]
fn placeholders_left_in() {
    for (placeholder, shown) in [
        ("[one thing you discussed]", "[one thing you discussed]"),
        ("<topic>", "<topic>"),
        ("TODO", "TODO"),
        ("XXX", "XXX"),
        ("TBD", "TBD"),
        ("{{contact.first_name}}", "{{contact.first_name}}"),
    ] {
        let bad = CLEAN.replace(
            "our conversation",
            &format!("our conversation {placeholder}"),
        );
        let found = notes(&bad);
        assert!(
            found
                .iter()
                .any(|n| n.contains(&format!("[{shown}]")) && n.contains("left in")),
            "{placeholder}: {found:?}"
        );
    }
    // Links and addresses in brackets are not placeholders.
    let good = CLEAN.replace(
        "our conversation",
        "our conversation ([notes](https://example.org/x), <gordon@example.org>, <https://example.org>)",
    );
    assert_eq!(notes(&good), Vec::<String>::new());
    // The subject is read too.
    let found = Case::default().notes("Thank you [position]", CLEAN);
    assert_eq!(
        found,
        ["6:21 [[position]] a placeholder is left in: [position]"]
    );
}

#[test]
fn an_empty_letter() {
    assert_eq!(notes(""), ["9:1 [] the letter is empty"]);
    assert_eq!(
        notes("Dear Eli,\n\nBest regards,\nGordon\n"),
        ["9:1 [] the letter is empty"]
    );
}

#[test]
fn a_long_thank_you() {
    let limits = Limits {
        thank_you_max_words: 55,
        ..Limits::default()
    };
    let case = Case {
        limits,
        ..Case::default()
    };
    // The letter has 55 words between greeting and closing.
    assert_eq!(case.notes("Thank you", CLEAN), Vec::<String>::new());
    let longer = CLEAN.replace("as well.", "as well, please.");
    let found = case.notes("Thank you", &longer);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("this thank-you is 56 words long; keep it under 55"),
        "{found:?}"
    );
    // Only a thank-you is held to the word count.
    let follow_up = Case {
        kind: ActionKind::FollowUp,
        limits: Limits {
            thank_you_max_words: 55,
            ..Limits::default()
        },
        ..Case::default()
    };
    assert_eq!(follow_up.notes("Thank you", &longer), Vec::<String>::new());
}

#[test]
fn a_long_follow_up() {
    let case = Case {
        kind: ActionKind::FollowUp,
        ..Case::default()
    };
    let three = "Dear Eli,\n\nOne.\n\nTwo.\n\nThree.\n\nBest regards,\nGordon\n";
    assert_eq!(case.notes("Following up", three), Vec::<String>::new());
    let four = three.replace("Three.", "Three.\n\nFour.");
    assert_eq!(
        case.notes("Following up", &four),
        ["18:1 [Four.] this follow-up has 4 paragraphs; keep it to 3"]
    );
}

#[test]
fn a_doubled_word() {
    let bad = CLEAN.replace(
        "learning more about the work",
        "learning more about the the work",
    );
    assert_eq!(notes(&bad), ["12:149 [the] “the” is written twice"]);
    let good = CLEAN.replace(
        "It confirmed how much",
        "It confirmed that that was how much",
    );
    assert_eq!(notes(&good), Vec::<String>::new());
}

#[test]
fn a_sentence_that_starts_lower_case() {
    let bad = CLEAN.replace("role. I enjoyed", "role. i enjoyed");
    assert_eq!(
        notes(&bad),
        ["12:94 [i] this sentence starts with a lower-case letter"]
    );
    let bad = CLEAN.replace("It confirmed", "it confirmed");
    assert_eq!(
        notes(&bad),
        ["14:1 [it] this sentence starts with a lower-case letter"]
    );
    // Abbreviations and links do not end a sentence.
    let good = CLEAN.replace(
        "I enjoyed our conversation",
        "I enjoyed our conversation, e.g. the part on example.org pages",
    );
    assert_eq!(notes(&good), Vec::<String>::new());
}

#[test]
fn two_spaces_between_sentences_where_the_rest_uses_one() {
    let bad = CLEAN.replace("role. I enjoyed", "role.  I enjoyed");
    assert_eq!(
        notes(&bad),
        ["12:93 [  ] two spaces after this sentence, where the rest of the letter uses one"]
    );
    // A letter that always uses two is left alone.
    let good = bad.replace("team. Please", "team.  Please");
    assert_eq!(notes(&good), Vec::<String>::new());
}

#[test]
fn a_misspelt_word_with_suggestions() {
    let bad = CLEAN.replace("conversation", "conversaton");
    let app = application();
    let trusted = TrustedWords::new(std::slice::from_ref(&app), &BTreeMap::new(), None);
    let dictionary = Dictionary::BuiltIn;
    let speller = Speller::new(&dictionary, trusted, true);
    let facts = Facts {
        app: &app,
        recipient: app.contacts.get(1),
        kind: ActionKind::ThankYou,
    };
    let text = draft("Thank you", &bad);
    let found = proofread(&text, &facts, &Limits::default(), &speller);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[found[0].range.clone()], "conversaton");
    assert_eq!(
        found[0].message,
        "“conversaton” is not in the en_US dictionary"
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean “conversation”")),
        "{found:?}"
    );
}

#[test]
fn words_txt_names_and_addresses_are_not_misspellings() {
    let text = CLEAN.replace(
        "as well.",
        "as well. I also met Wallace Breen (breen@blackmesa.example, https://blackmesa.example/xen) about Kubernetes.",
    );
    let found = notes(&text);
    assert_eq!(
        found,
        [
            "14:136 [Wallace] “Wallace” is not in the en_US dictionary".to_owned(),
            "14:144 [Breen] “Breen” is not in the en_US dictionary".to_owned(),
            "14:213 [Kubernetes] “Kubernetes” is not in the en_US dictionary".to_owned()
        ]
        .into_iter()
        .filter(|n| !n.contains("Wallace"))
        .collect::<Vec<_>>()
    );
    let case = Case {
        words: Some("# people and tools\nBreen\nkubernetes\n"),
        ..Case::default()
    };
    assert_eq!(case.notes("Thank you", &text), Vec::<String>::new());
}

#[test]
fn without_a_dictionary_spelling_is_not_checked() {
    let bad = CLEAN.replace("conversation", "conversaton");
    let case = Case {
        dictionary: Dictionary::Off,
        ..Case::default()
    };
    assert_eq!(case.notes("Thank you", &bad), Vec::<String>::new());
    let missing = Dictionary::wanted(Some("xx_XX"));
    let speller = Speller::new(&missing, TrustedWords::default(), false);
    assert_eq!(speller.check("conversaton"), None);
    assert!(speller.not_checked().is_some());
    let off = Dictionary::Off;
    assert!(
        Speller::new(&off, TrustedWords::default(), false)
            .not_checked()
            .is_none()
    );
}

#[test]
fn every_word_of_the_default_letters_is_in_the_dictionary() {
    let dictionary = Dictionary::BuiltIn;
    let speller = Speller::new(&dictionary, TrustedWords::default(), false);
    for (kind, source) in crate::render::letters::DEFAULTS {
        let plain = format!(
            "{} {}",
            speller::without_expressions(source),
            speller::DATE_WORDS
        );
        for w in text::tokens(&plain, 0..plain.len()) {
            assert_eq!(
                speller.check(w.text),
                Some(true),
                "{kind:?}: {} is not in en_US",
                w.text
            );
        }
    }
}

#[test]
fn near_misses() {
    assert!(near_miss("Klein", "Kleiner"));
    assert!(near_miss("Kliener", "Kleiner"));
    assert!(near_miss("Vanse", "Vance"));
    assert!(!near_miss("Kleiners", "Kleiner"));
    assert!(!near_miss("Kleiner", "Kleiner"));
    assert!(
        !near_miss("Eli", "Ely"),
        "names under four letters are left alone"
    );
    assert!(!near_miss("Vancouver", "Vance"));
}

#[test]
fn a_lower_case_sentence_after_a_bracket_or_quote() {
    let bad = CLEAN.replace("role. I enjoyed", "role (in person). i enjoyed");
    assert_eq!(
        notes(&bad),
        ["12:106 [i] this sentence starts with a lower-case letter"]
    );
}

#[test]
fn a_contact_that_is_a_team_is_not_a_misspelt_name() {
    let text = CLEAN.replace("Dear Eli,", "Dear Hiring Team,");
    assert_eq!(
        Case {
            recipient: "none",
            ..Case::default()
        }
        .notes("Thank you", &text),
        Vec::<String>::new()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// The letter's content words are the words inside the paragraphs
    /// between the greeting and the closing, whatever the letter.
    #[test]
    fn content_words_are_those_of_the_content_paragraphs(
        body in "(Dear Eli,|Best,|Gordon|-- |word|\\.|[ \n]|\n\n|\r\n|é){0,40}",
        subject in "(word| |é){0,4}",
    ) {
        let text = draft(&subject, &body);
        let letter = super::text::Letter::read(&text);
        let words = letter.words(&text);
        let content = letter.content_paragraphs();
        let expected: Vec<_> = words
            .iter()
            .filter(|w| content.iter().any(|p| p.contains(&w.start)))
            .copied()
            .collect();
        proptest::prop_assert_eq!(letter.content_words(&words), &expected[..]);
        let middle: Vec<_> = letter
            .paragraphs
            .iter()
            .filter(|p| Some(*p) != letter.greeting.as_ref() && Some(*p) != letter.closing.as_ref())
            .cloned()
            .collect();
        proptest::prop_assert_eq!(content, &middle[..]);
    }

    /// Whatever the job seeker writes in a draft, the proofreader answers
    /// without panicking, with ranges inside the text.
    #[test]
    fn any_letter_is_read_without_panic(
        body in "(\\PC|[\\[\\]<>{}.!?'’ \\n-]|Kleiner|Black Mesa|Dear Eli,|TODO){0,80}",
        subject in "\\PC{0,20}",
    ) {
        let app = application();
        let text = draft(&subject.replace(['"', '\\'], ""), &body);
        let dictionary = Dictionary::BuiltIn;
        let speller = Speller::new(&dictionary, TrustedWords::default(), false);
        let facts = Facts { app: &app, recipient: app.contacts.get(1), kind: ActionKind::FollowUp };
        for f in proofread(&text, &facts, &Limits::default(), &speller) {
            proptest::prop_assert!(f.range.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(f.range.start));
            proptest::prop_assert!(text.is_char_boundary(f.range.end));
        }
    }
}

/// [`placeholders`] the long way, as it was first written: the next mark
/// found character by character from where the last one ended.
fn placeholders_slowly(slice: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(next) = slice[i..].find(['[', '<', '{', '}']) {
        i += next;
        let rest = &slice[i..];
        let braces = || {
            let line = rest.split('\n').next().unwrap_or(rest);
            match line[2..].find("}}") {
                Some(close) if rest.starts_with("{{") => close + 4,
                _ => 2,
            }
        };
        match mark(rest, i, braces) {
            Some(finding) => {
                i += finding.range.len();
                out.push(finding);
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Placeholders are found wherever the marks are, however many of one
    /// kind come before the others.
    #[test]
    fn placeholders_agree_with_the_long_way(
        text in "([\\[\\]<>{}]|\\{\\{|\\}\\}|[a-z ]{1,3}|[aé]{76,84}|\\n|é|\\(x\\)|@|://){0,40}",
    ) {
        let mut fast = Vec::new();
        placeholders(&text, 0..text.len(), &mut fast);
        proptest::prop_assert_eq!(fast, placeholders_slowly(&text));
    }
}

#[test]
fn a_placeholder_has_at_most_80_characters_between_its_brackets() {
    let found = |text: &str| {
        let mut out = Vec::new();
        placeholders(text, 0..text.len(), &mut out);
        assert_eq!(out, placeholders_slowly(text), "{text}");
        out.len()
    };
    for inner in ["a".repeat(80), "é".repeat(80)] {
        assert_eq!(found(&format!("[{inner}] x")), 1);
        assert_eq!(found(&format!("<{inner}> x")), 1);
        // A markdown link, however long its text.
        assert_eq!(found(&format!("[{inner}](https://x.org)")), 0);
        assert_eq!(found(&format!("[{inner}a] x")), 0);
    }
    // A single brace opens no placeholder, whatever closes after it.
    assert_eq!(found("{word> x }word] y"), 0);
    // Braces that close on a later line are marked one pair at a time.
    assert_eq!(found("{{ a\n}}"), 2);
    assert_eq!(found("{{ a }}"), 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// A word of a letter is found among the names exactly when it is the
    /// same (but for case) as one of them, and then by that name's number:
    /// the numbers stand in for [`same`] in the name checks.
    #[test]
    fn name_numbers_agree_with_comparing_the_words(
        names in proptest::collection::vec(NAME_WORD, 0..6),
        probes in proptest::collection::vec(NAME_WORD, 0..12),
    ) {
        let mut words = NameWords::default();
        let ids: Vec<NameId> = names.iter().map(|n| words.add(n, false)).collect();
        for probe in names.iter().chain(&probes) {
            let expected = names.iter().position(|n| same(n, probe)).map(|i| ids[i]);
            proptest::prop_assert_eq!(words.find(probe), expected, "{:?} among {:?}", probe, names);
        }
    }
}

/// Words for the name numbers' test: capitals, letters that lower-case to
/// ASCII or to two characters, Greek sigmas (final or not), long words.
const NAME_WORD: &str = "(k|K|\u{212a}|ß|SS|ss|İ|i\u{307}|é|É|Σ|σ|ς|x|X|Mc|[a-zA-Z]{30,34}){1,3}";
