//! Any bytes as a journal file: read as nudge reads files (UTF-8 or a
//! diagnostic), parsed, and run through inference and the letters. Nothing
//! may panic; every diagnostic must have a position.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nudge::journal::scan::{Scan, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = nudge::journal::parse::parse_file("fuzz.md", text);
    for d in &parsed.diagnostics {
        assert!(d.line >= 1 && d.column >= 1);
    }
    // The whole pipeline, with the file twice (offers elsewhere,
    // acceptances) and a nested copy.
    let scan = Scan {
        files: vec![
            SourceFile {
                rel: "a.md".into(),
                text: text.into(),
            },
            SourceFile {
                rel: "b/c.md".into(),
                text: text.into(),
            },
        ],
        ..Scan::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let analysis = nudge::analyse(scan, today);
    let plan = nudge::plan::plan(&analysis, today);
    for op in &plan.ops {
        assert!(!op.path.contains(".."), "{}", op.path);
    }
});
