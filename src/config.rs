//! `nudge.yaml`: who the job seeker is, where the report goes, and every
//! number of the etiquette rules, each with its default (SPEC §7).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, LineIndex, Severity, did_you_mean};
use crate::journal::scan::CONFIG_FILE;
use crate::journal::yaml::{self, Node, Value};

/// The numbers of the rules of SPEC §4, in days unless said otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub thank_you_deadline_days: u32,
    pub thank_you_expires_days: u32,
    pub prepare_days: u32,
    pub check_in_after_days: u32,
    /// A count, not days.
    pub max_check_ins: u32,
    pub follow_up_after_decision_days: u32,
    pub follow_up_without_date_days: u32,
    pub follow_up_spacing_days: u32,
    /// A count, not days.
    pub max_follow_ups: u32,
    pub move_on_after_days: u32,
    pub update_deadline_days: u32,
    pub feedback_deadline_days: u32,
    pub feedback_expires_days: u32,
    pub keep_in_touch_after_days: u32,
    pub keep_in_touch_deadline_days: u32,
    pub withdraw_deadline_days: u32,
    pub apply_gap_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            thank_you_deadline_days: 1,
            thank_you_expires_days: 7,
            prepare_days: 1,
            check_in_after_days: 14,
            max_check_ins: 1,
            follow_up_after_decision_days: 7,
            follow_up_without_date_days: 10,
            follow_up_spacing_days: 7,
            max_follow_ups: 2,
            move_on_after_days: 14,
            update_deadline_days: 2,
            feedback_deadline_days: 3,
            feedback_expires_days: 14,
            keep_in_touch_after_days: 60,
            keep_in_touch_deadline_days: 90,
            withdraw_deadline_days: 3,
            apply_gap_days: 7,
        }
    }
}

impl Rules {
    /// Every key with a mutable reference to its value, in the order of SPEC §7.
    pub fn fields(&mut self) -> [(&'static str, &mut u32); 17] {
        [
            ("thank_you_deadline_days", &mut self.thank_you_deadline_days),
            ("thank_you_expires_days", &mut self.thank_you_expires_days),
            ("prepare_days", &mut self.prepare_days),
            ("check_in_after_days", &mut self.check_in_after_days),
            ("max_check_ins", &mut self.max_check_ins),
            (
                "follow_up_after_decision_days",
                &mut self.follow_up_after_decision_days,
            ),
            (
                "follow_up_without_date_days",
                &mut self.follow_up_without_date_days,
            ),
            ("follow_up_spacing_days", &mut self.follow_up_spacing_days),
            ("max_follow_ups", &mut self.max_follow_ups),
            ("move_on_after_days", &mut self.move_on_after_days),
            ("update_deadline_days", &mut self.update_deadline_days),
            ("feedback_deadline_days", &mut self.feedback_deadline_days),
            ("feedback_expires_days", &mut self.feedback_expires_days),
            (
                "keep_in_touch_after_days",
                &mut self.keep_in_touch_after_days,
            ),
            (
                "keep_in_touch_deadline_days",
                &mut self.keep_in_touch_deadline_days,
            ),
            ("withdraw_deadline_days", &mut self.withdraw_deadline_days),
            ("apply_gap_days", &mut self.apply_gap_days),
        ]
    }

    /// The names of every rule key.
    pub fn keys() -> Vec<&'static str> {
        Rules::default().fields().iter().map(|(k, _)| *k).collect()
    }
}

/// The journal's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The job seeker (name, email, phone, ...), for letters.
    pub me: BTreeMap<String, serde_json::Value>,
    /// The report's path, relative to the journal folder.
    pub report: String,
    /// How far ahead "upcoming" looks, in days.
    pub horizon_days: u32,
    /// Whether `update` also writes the calendar (the report's path with
    /// `.ics` for `.md`).
    pub calendar: bool,
    pub rules: Rules,
    /// How drafts are proofread.
    pub proofread: Proofread,
}

/// The settings of the proofreader (`proofread:` in nudge.yaml).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proofread {
    /// The Hunspell dictionary to check spelling with: `en_US` is built
    /// in; another name is looked for among the system's dictionaries;
    /// `None` when spelling is not to be checked (`dictionary: false`).
    pub dictionary: Option<String>,
    /// Longest thank-you, in words.
    pub thank_you_max_words: u32,
    /// Longest follow-up, in paragraphs.
    pub follow_up_max_paragraphs: u32,
}

/// The dictionary nudge carries inside itself.
pub const BUILT_IN_DICTIONARY: &str = "en_US";

impl Default for Proofread {
    fn default() -> Self {
        Proofread {
            dictionary: Some(BUILT_IN_DICTIONARY.to_owned()),
            thank_you_max_words: 200,
            follow_up_max_paragraphs: 3,
        }
    }
}

/// The keys under `proofread:`.
pub const PROOFREAD_KEYS: [&str; 3] = [
    "dictionary",
    "thank_you_max_words",
    "follow_up_max_paragraphs",
];

impl Default for Config {
    fn default() -> Self {
        Config {
            me: BTreeMap::new(),
            report: "FOLLOW-UPS.md".to_owned(),
            horizon_days: 14,
            calendar: false,
            rules: Rules::default(),
            proofread: Proofread::default(),
        }
    }
}

/// The top-level keys of `nudge.yaml`.
pub const KEYS: [&str; 6] = [
    "me",
    "report",
    "horizon_days",
    "calendar",
    "rules",
    "proofread",
];

/// Largest number of days a setting may have (about 100 years): beyond it
/// dates would leave the calendar.
const MAX_DAYS: i64 = 36_500;

impl Config {
    /// Reads `nudge.yaml`. Problems become diagnostics; a bad value keeps
    /// its default, so nudge still runs.
    pub fn read(text: &str) -> (Config, Vec<Diagnostic>) {
        let text = crate::journal::front_matter::strip_bom(text);
        let source = LineIndex::new(text);
        let mut reader = ConfigReader {
            source: &source,
            diagnostics: Vec::new(),
        };
        let mut config = Config::default();
        match yaml::parse(text) {
            Ok(root) => reader.root(&root, &mut config),
            Err(e) => {
                let d = Diagnostic::at(
                    CONFIG_FILE,
                    &source,
                    e.line.max(1),
                    e.column.max(1),
                    1,
                    Severity::Error,
                    format!("invalid YAML: {}", e.message),
                )
                .with_help(e.help);
                reader.diagnostics.push(d);
            }
        }
        (config, reader.diagnostics)
    }
}

struct ConfigReader<'a> {
    source: &'a LineIndex<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl ConfigReader<'_> {
    fn error(&mut self, node: &Node, message: String, help: String) {
        let d = Diagnostic::at(
            CONFIG_FILE,
            self.source,
            node.line.max(1),
            node.column.max(1),
            node.len,
            Severity::Error,
            message,
        )
        .with_help(help);
        self.diagnostics.push(d);
    }

    fn unknown_key(&mut self, key: &Node, known: &[&str], section: &str) {
        let name = key.value.key_text();
        let help = match did_you_mean(&name, known.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("known keys{section}: {}", known.join(", ")),
        };
        self.error(key, format!("unknown key `{name}`{section}"), help);
    }

    fn root(&mut self, root: &Node, config: &mut Config) {
        let entries = match &root.value {
            Value::Null => return,
            Value::Map(entries) => entries,
            other => {
                self.error(
                    root,
                    format!(
                        "nudge.yaml must be a mapping of settings, found {}",
                        other.type_name()
                    ),
                    "write settings as `key: value` lines, e.g. `horizon_days: 14`".to_owned(),
                );
                return;
            }
        };
        for (key, value) in entries {
            match &*key.value.key_text() {
                "me" => self.me(value, config),
                "report" => self.report(value, config),
                "horizon_days" => self.days(value, "horizon_days", &mut config.horizon_days),
                "calendar" => self.calendar(value, config),
                "rules" => self.rules(value, &mut config.rules),
                "proofread" => self.proofread(value, &mut config.proofread),
                _ => self.unknown_key(key, &KEYS, ""),
            }
        }
    }

    fn me(&mut self, node: &Node, config: &mut Config) {
        match &node.value {
            Value::Null => {}
            Value::Map(entries) => {
                for (k, v) in entries {
                    config
                        .me
                        .insert(k.value.key_text().into_owned(), v.value.to_json());
                }
            }
            other => self.error(
                node,
                format!("`me` must be a mapping, found {}", other.type_name()),
                "write `me: {name: Your Name, email: you@example.org}`".to_owned(),
            ),
        }
    }

    fn report(&mut self, node: &Node, config: &mut Config) {
        let help = "give a file name inside the journal, e.g. `report: FOLLOW-UPS.md`".to_owned();
        match &node.value {
            Value::Str(s) if is_safe_relative(s) && s.ends_with(".md") => {
                config.report = s.trim_start_matches("./").to_owned();
            }
            Value::Str(s) => self.error(
                node,
                format!("report path '{s}' must be a `.md` file inside the journal"),
                help,
            ),
            other => self.error(
                node,
                format!("`report` must be a file name, found {}", other.type_name()),
                help,
            ),
        }
    }

    fn calendar(&mut self, node: &Node, config: &mut Config) {
        match &node.value {
            Value::Null => {}
            Value::Bool(b) => config.calendar = *b,
            other => self.error(
                node,
                format!("`calendar` must be true or false, found {}", other.found()),
                "write `calendar: true` to have `nudge update` write the calendar file".to_owned(),
            ),
        }
    }

    fn days(&mut self, node: &Node, key: &str, into: &mut u32) {
        match &node.value {
            Value::Int(n) if (0..=MAX_DAYS).contains(n) => {
                *into = u32::try_from(*n).unwrap_or(*into);
            }
            other => self.error(
                node,
                format!(
                    "`{key}` must be a whole number from 0 to {MAX_DAYS}, found {}",
                    match other {
                        Value::Int(n) => n.to_string(),
                        other => other.found(),
                    }
                ),
                format!("write e.g. `{key}: {into}` (the default is kept for now)"),
            ),
        }
    }

    /// The entries of a section such as `rules:`; nothing (and an error
    /// when it is not a mapping) otherwise.
    fn section<'n>(&mut self, node: &'n Node, name: &str, help: &str) -> &'n [(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            Value::Null => &[],
            other => {
                self.error(
                    node,
                    format!("`{name}` must be a mapping, found {}", other.type_name()),
                    help.to_owned(),
                );
                &[]
            }
        }
    }

    fn rules(&mut self, node: &Node, rules: &mut Rules) {
        let entries = self.section(
            node,
            "rules",
            "write one rule per line below `rules:`, e.g. `  max_follow_ups: 2`",
        );
        let keys = Rules::keys();
        for (key, value) in entries {
            let name = key.value.key_text();
            let mut fields = rules.fields();
            match fields.iter_mut().find(|(k, _)| *k == name) {
                Some((k, slot)) => {
                    let k = *k;
                    self.days(value, k, slot);
                }
                None => self.unknown_key(key, &keys, " under `rules`"),
            }
        }
    }

    fn proofread(&mut self, node: &Node, proofread: &mut Proofread) {
        let entries = self.section(
            node,
            "proofread",
            "write one setting per line below `proofread:`, e.g. `  thank_you_max_words: 200`",
        );
        for (key, value) in entries {
            match &*key.value.key_text() {
                "dictionary" => self.dictionary(value, proofread),
                "thank_you_max_words" => self.days(
                    value,
                    "thank_you_max_words",
                    &mut proofread.thank_you_max_words,
                ),
                "follow_up_max_paragraphs" => self.days(
                    value,
                    "follow_up_max_paragraphs",
                    &mut proofread.follow_up_max_paragraphs,
                ),
                _ => self.unknown_key(key, &PROOFREAD_KEYS, " under `proofread`"),
            }
        }
    }

    fn dictionary(&mut self, node: &Node, proofread: &mut Proofread) {
        let is_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        };
        match &node.value {
            Value::Bool(false) => proofread.dictionary = None,
            Value::Str(s) if is_name(s) => proofread.dictionary = Some(s.clone()),
            other => self.error(
                node,
                format!(
                    "`dictionary` must be a dictionary's name such as en_US, or false, found {}",
                    other.found()
                ),
                "write `dictionary: en_US` (built in), the name of a Hunspell dictionary \
                 installed on this computer (en_GB, de_DE, ...), or `dictionary: false` \
                 to skip spelling"
                    .to_owned(),
            ),
        }
    }
}

impl Config {
    /// Where `update` writes the calendar: beside the report, as `.ics`.
    pub fn calendar_path(&self) -> String {
        let stem = self.report.strip_suffix(".md").unwrap_or(&self.report);
        format!("{stem}.ics")
    }
}

/// A relative path that stays inside the journal folder.
fn is_safe_relative(path: &str) -> bool {
    let p = std::path::Path::new(path);
    !path.is_empty()
        && !path.contains('\\')
        && p.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_those_of_the_spec() {
        let (c, d) = Config::read("");
        assert!(d.is_empty());
        assert_eq!(c, Config::default());
        assert_eq!(c.rules.max_follow_ups, 2);
        assert_eq!(c.report, "FOLLOW-UPS.md");
        assert_eq!(Rules::keys().len(), 17);
    }

    #[test]
    fn reads_every_key() {
        let text = "me: {name: Gordon Freeman, email: gordon@example.org, phone: \"+1 555 0100\"}\nreport: notes/FOLLOW-UPS.md\nhorizon_days: 21\ncalendar: true\nrules:\n  max_follow_ups: 3\n  apply_gap_days: 0\nproofread:\n  dictionary: en_GB\n  thank_you_max_words: 150\n  follow_up_max_paragraphs: 2\n";
        let (c, d) = Config::read(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.me["name"], "Gordon Freeman");
        assert_eq!(c.report, "notes/FOLLOW-UPS.md");
        assert_eq!(c.horizon_days, 21);
        assert!(c.calendar);
        assert_eq!(c.calendar_path(), "notes/FOLLOW-UPS.ics");
        assert_eq!(c.rules.max_follow_ups, 3);
        assert_eq!(c.rules.apply_gap_days, 0);
        assert_eq!(c.rules.move_on_after_days, 14);
        assert_eq!(c.proofread.dictionary.as_deref(), Some("en_GB"));
        assert_eq!(c.proofread.thank_you_max_words, 150);
        assert_eq!(c.proofread.follow_up_max_paragraphs, 2);
        let (c, d) = Config::read("proofread:\n  dictionary: false\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.proofread.dictionary, None);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_that_keep_defaults() {
        let text = "horizon_day: 3\nrules:\n  max_folow_ups: 5\n  prepare_days: -1\n  move_on_after_days: soon\nreport: ../out.md\ncalendar: yes\nproofread:\n  dictionary: ../x\n  thank_you_max_word: 3\n";
        let (c, d) = Config::read(text);
        let msgs: Vec<_> = d
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} | {}",
                    d.line,
                    d.column,
                    d.message,
                    d.help.clone().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            msgs,
            vec![
                "1:1 unknown key `horizon_day` | did you mean `horizon_days`?",
                "3:3 unknown key `max_folow_ups` under `rules` | did you mean `max_follow_ups`?",
                "4:17 `prepare_days` must be a whole number from 0 to 36500, found -1 | write e.g. `prepare_days: 1` (the default is kept for now)",
                "5:23 `move_on_after_days` must be a whole number from 0 to 36500, found 'soon' | write e.g. `move_on_after_days: 14` (the default is kept for now)",
                "6:9 report path '../out.md' must be a `.md` file inside the journal | give a file name inside the journal, e.g. `report: FOLLOW-UPS.md`",
                "7:11 `calendar` must be true or false, found 'yes' | write `calendar: true` to have `nudge update` write the calendar file",
                "9:15 `dictionary` must be a dictionary's name such as en_US, or false, found '../x' | write `dictionary: en_US` (built in), the name of a Hunspell dictionary installed on this computer (en_GB, de_DE, ...), or `dictionary: false` to skip spelling",
                "10:3 unknown key `thank_you_max_word` under `proofread` | did you mean `thank_you_max_words`?",
            ]
        );
        assert_eq!(c, Config::default());
    }
}
