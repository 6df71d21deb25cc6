//! Generates a realistic journal for benchmarks: `cargo run --release
//! --example gen-journal -- DIR N [SEED]`. N application files of about
//! 2 KB each (front-matter with 1–3 contacts, 4–13 log entries of most
//! kinds, notes), in nested folders, the same bytes for the same seed. The
//! journal is written for 2026-11-22: every entry is before it.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use chrono::{NaiveDate, TimeDelta};

/// SplitMix64: a small, well-known generator; deterministic for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: &[&str] = &[
    "ber", "lin", "ka", "mo", "ra", "tek", "vo", "sa", "ni", "quo", "zen", "dra", "li", "po", "xa",
];
const SUFFIXES: &[&str] = &[
    "Labs",
    "Systems",
    "Industries",
    "Robotics",
    "Analytics",
    "Health",
    "Energy",
    "Logistics",
];
const POSITIONS: &[&str] = &[
    "Backend Engineer",
    "Data Scientist",
    "Product Designer",
    "Research Scientist",
    "Site Reliability Engineer",
    "Engineering Manager",
    "Technical Writer",
    "Frontend Engineer",
];
const FIRST: &[&str] = &[
    "Ada", "Alan", "Grace", "Linus", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Edsger",
    "Radia", "John",
];
const LAST: &[&str] = &[
    "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen",
    "Dijkstra", "Perlman", "Backus",
];
const ROLES: &[&str] = &["hiring-manager", "interviewer", "recruiter", "interviewer"];
const NOTES: &[&str] = &[
    "asked about the migration of the billing system",
    "wants someone who can mentor two junior engineers",
    "the team ships every Tuesday; on-call is shared",
    "we talked about testing strategy and property tests",
    "they use Rust and Postgres; monolith being split",
    "the role reports to the head of platform",
    "salary band discussed: within my range",
    "follow-up question about my open-source work",
];

fn company(rng: &mut Rng) -> String {
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{} {}", chars.as_str(), rng.pick(SUFFIXES))
}

/// A date `days_before` 2026-11-22 (negative: after it).
fn date(days_before: i64) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date");
    (today - TimeDelta::days(days_before))
        .format("%Y-%m-%d")
        .to_string()
}

fn application(rng: &mut Rng, i: usize) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "company: {} {i}", company(rng));
    let _ = writeln!(text, "position: {}", rng.pick(POSITIONS));
    let _ = writeln!(text, "link: https://jobs.example/{i}");
    if rng.chance(15) {
        let _ = writeln!(text, "priority: {}", rng.pick(&["dream", "high", "low"]));
    }
    if rng.chance(10) {
        let _ = writeln!(text, "decision_by: {}", date(rng.below(40) as i64 - 10));
    }
    if rng.chance(3) {
        text.push_str("archived: true\n");
    }
    text.push_str("contacts:\n");
    let mut handles = Vec::new();
    for c in 0..1 + rng.below(3) {
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let handle = format!("{}{c}", last.to_lowercase());
        let _ = writeln!(text, "  - name: {first} {last}");
        let _ = writeln!(text, "    handle: {handle}");
        if rng.chance(85) {
            let _ = writeln!(
                text,
                "    email: {}.{}@company{i}.example",
                first.to_lowercase(),
                last.to_lowercase()
            );
        }
        let _ = writeln!(text, "    role: {}", rng.pick(ROLES));
        handles.push(handle);
    }
    text.push_str("---\n\n");
    let _ = writeln!(text, "# {}\n", rng.pick(POSITIONS));
    text.push_str("Found through a friend. Remember to ask about remote work and the team's on-call rotation.\n\n## Log\n");
    // A story: applied, then a few of: calls, interviews (thanked the next
    // day, mostly), news, follow-ups; sometimes an ending, then feedback.
    let entries = 3 + rng.below(10);
    // A quarter of the stories are still under way near today.
    let mut day = if rng.chance(25) {
        2 + rng.below(6) as i64 + 3 * entries as i64
    } else {
        10 + rng.below(150) as i64 + 6 * entries as i64
    };
    let mention = |rng: &mut Rng| format!("@{}", handles[rng.below(handles.len())]);
    let _ = writeln!(text, "- {} Applied through the careers page.", date(day));
    let mut written = 0;
    while written < entries && day > 8 {
        day -= 1 + rng.below(8) as i64;
        written += 1;
        let d = date(day);
        match rng.below(12) {
            0..=2 => {
                let who = mention(rng);
                let by = date(day - 7 - rng.below(7) as i64);
                let _ = writeln!(
                    text,
                    "- {d} Interview with {who}; they will decide by {by}."
                );
                for _ in 0..2 + rng.below(3) {
                    let _ = writeln!(text, "  - {}", rng.pick(NOTES));
                }
                if rng.chance(70) {
                    let _ = writeln!(text, "- {} Sent thank-you to {who}", date(day - 1));
                    written += 1;
                }
            }
            3 => {
                let _ = writeln!(text, "- {d} Heard back: they need another week to decide.");
            }
            4 | 5 => {
                let _ = writeln!(text, "- {d} Followed up by e-mail, short and friendly.");
            }
            6 | 7 => {
                let who = mention(rng);
                let _ = writeln!(text, "- {d} Phone screen with {who}, 30 minutes, friendly.");
                let _ = writeln!(text, "  - {}", rng.pick(NOTES));
            }
            8 => {
                let _ = writeln!(
                    text,
                    "- {d} Coffee chat with a former employee; notes kept."
                );
            }
            9 if rng.chance(40) => {
                let _ = writeln!(text, "- {d} Rejected: they went with another candidate.");
                if rng.chance(50) {
                    let _ = writeln!(text, "- {} Asked for feedback #feedback", date(day - 2));
                }
                break;
            }
            10 if rng.chance(30) => {
                let _ = writeln!(
                    text,
                    "- {d} They made me an offer, answer by {}.",
                    date(day - 10)
                );
                break;
            }
            11 if rng.chance(5) => {
                let _ = writeln!(text, "- {d} Withdrew my application.");
                break;
            }
            _ => {
                let _ = writeln!(
                    text,
                    "- {d} Read their engineering blog; noted two questions."
                );
            }
        }
    }
    text.push_str(
        "\n## Notes\n\nSalary expectations, questions for next time, and links to \
         prepare. Keep answers short; bring two stories about shipping under \
         pressure and one about a mistake and what changed after it.\n\n",
    );
    for _ in 0..8 + rng.below(8) {
        let _ = writeln!(text, "- {}", rng.pick(NOTES));
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen-journal DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2026);
    let mut rng = Rng(seed);
    let root = PathBuf::from(dir);
    fs::create_dir_all(&root).expect("create the journal folder");
    fs::write(
        root.join("nudge.yaml"),
        "me: {name: Bench Mark, email: bench@example.org}\n",
    )
    .expect("write nudge.yaml");
    let mut bytes = 0;
    for i in 0..n {
        let folder = root
            .join(format!("{}", 2025 + i % 2))
            .join(format!("batch-{:03}", i / 100));
        fs::create_dir_all(&folder).expect("create a folder");
        let text = application(&mut rng, i);
        bytes += text.len();
        fs::write(folder.join(format!("application-{i:06}.md")), text).expect("write a file");
    }
    eprintln!(
        "wrote {n} applications ({bytes} bytes) to {}",
        root.display()
    );
}
