//! Properties that must hold for any input: nudge never panics on what a
//! user (or a broken editor) can write, and line endings or a byte order
//! mark never change what it reads.

use chrono::NaiveDate;
use nudge::journal::parse::parse_file;
use nudge::journal::scan::{Scan, SourceFile};
use proptest::prelude::*;

/// Pieces a journal file is made of, good and bad, to build files that get
/// deep into the parser rather than failing at its first line.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop_oneof![
        Just("---\n".to_owned()),
        Just("...\n".to_owned()),
        Just("company: Black Mesa\n".to_owned()),
        Just("company:\n".to_owned()),
        Just("priority: dream\n".to_owned()),
        Just("decision_by: 2026-11-28\n".to_owned()),
        Just("archived: true\n".to_owned()),
        Just("contacts:\n  - name: Isaac Kleiner\n    role: hiring-manager\n    email: kleiner@bm.example\n".to_owned()),
        Just("  - name: Eli Vance\n    handle: vance\n".to_owned()),
        Just("a: &a [x, x]\nb: [*a, *a]\n".to_owned()),
        Just("## Log\n".to_owned()),
        Just("## 2026-11-18 Interview with @vance\n".to_owned()),
        Just("- 2026-11-01 Applied\n".to_owned()),
        Just("- 2026-11-18 14:00 Interview with @kleiner and @vance, decide by 2026-11-28\n".to_owned()),
        Just("  - asked about [the paper](https://x.example/#offer)\n".to_owned()),
        Just("- 2026-11-19 #thanks @vance\n".to_owned()),
        Just("- 2026-11-20 #skip #followup\n".to_owned()),
        Just("- 2026-11-21 Offer, answer by 2026-12-01\n".to_owned()),
        Just("- 2026-11-22 Rejected <!-- #accepted -->\n".to_owned()),
        Just("- 2026-02-30 impossible\n".to_owned()),
        Just("    ```\n    code\n".to_owned()),
        Just("> - 2026-11-23 quoted entry\n".to_owned()),
        Just("\n".to_owned()),
    ];
    prop_oneof![
        8 => fixed,
        1 => "[ -~\\n\\t\u{a0}\u{feff}é—#@\\\\`*_\\[\\]()<>!-]{0,40}",
    ]
}

fn journal_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn analyse(files: Vec<(String, String)>) -> nudge::Analysis {
    let scan = Scan {
        files: files
            .into_iter()
            .map(|(rel, text)| SourceFile { rel, text })
            .collect(),
        ..Scan::default()
    };
    nudge::analyse(scan, today())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_read_and_parse_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match nudge::journal::scan::decode("x.md", bytes) {
            Ok(text) => {
                let parsed = parse_file("x.md", &text);
                for d in &parsed.diagnostics {
                    prop_assert!(d.line >= 1 && d.column >= 1);
                }
            }
            Err(d) => prop_assert!(d.line >= 1 && d.column >= 1 && d.excerpt.is_some()),
        }
    }

    #[test]
    fn any_text_parses_without_panic(text in any::<String>()) {
        let parsed = parse_file("x.md", &text);
        for d in &parsed.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
        }
    }

    #[test]
    fn journal_like_text_parses_and_infers_without_panic(
        a in journal_text(),
        b in journal_text(),
    ) {
        let analysis = analyse(vec![("a.md".into(), a), ("b/b.md".into(), b)]);
        for d in &analysis.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
        }
        for action in &analysis.outcome.actions {
            prop_assert!(action.due <= action.deadline);
        }
    }

    #[test]
    fn crlf_reads_the_same_as_lf(text in journal_text()) {
        let lf = parse_file("x.md", &text);
        let crlf = parse_file("x.md", &text.replace('\n', "\r\n"));
        prop_assert_eq!(lf, crlf);
    }

    #[test]
    fn a_byte_order_mark_changes_nothing(text in journal_text()) {
        let plain = parse_file("x.md", &text);
        let bom = parse_file("x.md", &format!("\u{feff}{text}"));
        prop_assert_eq!(plain, bom);
    }

    #[test]
    fn analysis_is_deterministic(a in journal_text(), b in journal_text()) {
        let files = vec![("a.md".to_owned(), a), ("b.md".to_owned(), b)];
        let one = analyse(files.clone());
        let two = analyse(files);
        prop_assert_eq!(one.outcome, two.outcome);
        prop_assert_eq!(one.diagnostics, two.diagnostics);
    }
}

/// Runs `update` through the library (scan, plan, apply) and returns every
/// file's bytes afterwards.
fn update_on_disk(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let scan = nudge::journal::scan::scan(root).unwrap();
    let analysis = nudge::analyse(scan, today());
    let plan = nudge::plan::plan(&analysis, today());
    for op in &plan.ops {
        nudge::write::apply(root, op).unwrap();
    }
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

proptest! {
    // Each case writes files: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn update_is_deterministic_and_a_no_op_on_its_own_output(a in journal_text(), b in journal_text()) {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        for dir in [one.path(), two.path()] {
            std::fs::create_dir_all(dir.join("sub")).unwrap();
            std::fs::write(dir.join("a.md"), &a).unwrap();
            std::fs::write(dir.join("sub/b.md"), &b).unwrap();
        }
        // The same journal gives the same bytes, twice over.
        let first = update_on_disk(one.path());
        prop_assert_eq!(&first, &update_on_disk(two.path()));
        // And update on its own output changes nothing.
        let scan = nudge::journal::scan::scan(one.path()).unwrap();
        let analysis = nudge::analyse(scan, today());
        let plan = nudge::plan::plan(&analysis, today());
        let paths: Vec<&String> = plan.ops.iter().map(|o| &o.path).collect();
        prop_assert!(paths.is_empty(), "{:?}", paths);
    }
}
