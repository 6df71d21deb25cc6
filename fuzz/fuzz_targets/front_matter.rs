//! The front-matter splitter on any text: never panics, and what it finds
//! is where it says: the YAML between the delimiter lines, the body after.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nudge::journal::front_matter::{FrontMatter, split, strip_bom};

fuzz_target!(|text: &str| {
    let text = strip_bom(text);
    match split(text) {
        FrontMatter::Absent | FrontMatter::Unterminated => {}
        FrontMatter::Present(s) => {
            assert!(s.body_offset <= text.len());
            let start = s.yaml.as_ptr() as usize - text.as_ptr() as usize;
            assert!(start + s.yaml.len() <= s.body_offset);
            // Delimiter lines may end in blanks (spaces, tabs) and a CR,
            // nothing else.
            let blanks: &[char] = &[' ', '\t', '\r'];
            assert!(
                text[..start]
                    .trim_end_matches('\n')
                    .trim_end_matches(blanks)
                    .ends_with("---")
            );
            // The YAML never contains its own closing line.
            assert!(!s.yaml.lines().any(|l| {
                let l = l.trim_end_matches(blanks);
                l == "---" || l == "..."
            }));
            let _ = nudge::journal::yaml::parse(s.yaml);
        }
    }
});
