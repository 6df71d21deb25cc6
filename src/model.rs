//! The job seeker's data as nudge understands it: applications, contacts,
//! log entries and their kinds, states, and the actions nudge suggests.

use std::fmt;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

/// A contact's handle: how log entries mention them (`@kleiner`). Handles
/// compare without regard to case, so nudge keeps them lowercase. Shared,
/// not copied: every mention of a contact, and every action for them,
/// holds the contact's handle.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Handle(Arc<str>);

impl Handle {
    /// A handle from what the user wrote; case is folded.
    pub fn new(raw: &str) -> Self {
        Handle(raw.to_lowercase().into())
    }

    /// The handle nudge derives from a name when none is given: the last
    /// word, lowercased, keeping only letters and digits. `None` when that
    /// leaves nothing (the contact then needs an explicit `handle`).
    pub fn from_name(name: &str) -> Option<Self> {
        let last = name.split_whitespace().last()?;
        let kept: String = last
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        (!kept.is_empty()).then(|| Handle(kept.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `raw`, as the user wrote it, names this handle: the same
    /// comparison as `Handle::new(raw) == *self`, without a copy when
    /// `raw` is ASCII.
    pub fn is(&self, raw: &str) -> bool {
        if raw.is_ascii() {
            raw.eq_ignore_ascii_case(&self.0)
        } else {
            *raw.to_lowercase() == *self.0
        }
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How much the job seeker wants this job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Priority {
    Dream,
    High,
    #[default]
    Normal,
    Low,
}

impl Priority {
    pub const NAMES: [&'static str; 4] = ["dream", "high", "normal", "low"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "dream" => Some(Priority::Dream),
            "high" => Some(Priority::High),
            "normal" => Some(Priority::Normal),
            "low" => Some(Priority::Low),
            _ => None,
        }
    }
}

/// A contact's part in the hiring process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    HiringManager,
    Interviewer,
    Recruiter,
    Hr,
}

impl Role {
    pub const NAMES: [&'static str; 4] = ["hiring-manager", "interviewer", "recruiter", "hr"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "hiring-manager" => Some(Role::HiringManager),
            "interviewer" => Some(Role::Interviewer),
            "recruiter" => Some(Role::Recruiter),
            "hr" => Some(Role::Hr),
            _ => None,
        }
    }
}

/// A person at the employer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub handle: Handle,
    pub email: Option<String>,
    pub title: Option<String>,
    pub role: Option<Role>,
}

/// Words before a name that are not part of it ("Dr.", "Ms"), lower-case
/// and without their dot.
pub const HONORIFICS: [&str; 12] = [
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "father",
];

/// Whether a word is an honorific ("Dr.", "ms"), whatever its case.
pub fn is_honorific(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(bare))
}

impl Contact {
    /// First name, as a letter would greet them: the first word that is
    /// not a title such as "Dr." or "Ms". A contact that is a group ("Hiring
    /// Team", "Talent Acquisition Office") is greeted by its whole name.
    pub fn first_name(&self) -> &str {
        const GROUPS: [&str; 8] = [
            "team",
            "department",
            "committee",
            "office",
            "panel",
            "group",
            "board",
            "recruiting",
        ];
        let last = self.last_name().to_lowercase();
        if self.name.split_whitespace().nth(1).is_some() && GROUPS.contains(&last.as_str()) {
            return self.name.trim();
        }
        let mut words = self.name.split_whitespace().peekable();
        while let Some(word) = words.next() {
            if !is_honorific(word) || words.peek().is_none() {
                return word;
            }
        }
        &self.name
    }

    /// Last name.
    pub fn last_name(&self) -> &str {
        self.name.split_whitespace().last().unwrap_or(&self.name)
    }
}

/// What a log entry records, decided by its tag or by a phrase in its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    Withdrawn,
    Accepted,
    Declined,
    Rejected,
    News,
    Thanks,
    Followup,
    Feedback,
    Touch,
    Update,
    Offer,
    Heard,
    Interview,
    Applied,
    Note,
}

impl EventKind {
    /// The name used in tags (`#thanks`) and in `explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Withdrawn => "withdrawn",
            EventKind::Accepted => "accepted",
            EventKind::Declined => "declined",
            EventKind::Rejected => "rejected",
            EventKind::News => "news",
            EventKind::Thanks => "thanks",
            EventKind::Followup => "followup",
            EventKind::Feedback => "feedback",
            EventKind::Touch => "touch",
            EventKind::Update => "update",
            EventKind::Offer => "offer",
            EventKind::Heard => "heard",
            EventKind::Interview => "interview",
            EventKind::Applied => "applied",
            EventKind::Note => "note",
        }
    }

    /// Stage events move an application through the hiring process (SPEC §3).
    pub fn is_stage(self) -> bool {
        matches!(
            self,
            EventKind::Applied
                | EventKind::Interview
                | EventKind::Offer
                | EventKind::Accepted
                | EventKind::Declined
                | EventKind::Rejected
                | EventKind::Withdrawn
        )
    }

    /// Kinds that record a letter the job seeker sent; `#skip` with one of
    /// these dismisses the pending letter instead.
    pub fn is_letter(self) -> bool {
        matches!(
            self,
            EventKind::Thanks
                | EventKind::Followup
                | EventKind::Feedback
                | EventKind::Touch
                | EventKind::Update
                | EventKind::Withdrawn
        )
    }
}

/// Why an entry got its kind, for `nudge explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// An event tag, as written (without `#`).
    Tag(String),
    /// A phrase of the table in SPEC §2.3.
    Phrase(&'static str),
    /// Nothing matched: a plain note.
    Default,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Tag(t) => write!(f, "tag #{t}"),
            Reason::Phrase(p) => write!(f, "phrase \"{p}\""),
            Reason::Default => f.write_str("no tag or phrase"),
        }
    }
}

/// One dated entry of an application's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Position in the file (0-based, in file order); breaks ties between
    /// entries of the same date.
    pub index: usize,
    /// 1-based line and column of the date.
    pub line: usize,
    pub column: usize,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// The entry's own text after the date prefix, lines joined.
    pub text: String,
    /// The entry's notes, line by line, verbatim but for common indentation.
    pub notes: Notes,
    pub kind: EventKind,
    pub reason: Reason,
    /// `#skip` with a letter's tag: the letter is dismissed, not sent.
    pub skip: bool,
    /// Contacts mentioned in text then notes, in order, without repeats.
    pub mentions: Vec<Handle>,
    /// The first `by DATE` of the entry: a decision date, or for an offer its
    /// deadline.
    pub by_date: Option<NaiveDate>,
    /// The source line of the date, for diagnostics about this entry.
    pub source_line: SourceLine,
}

/// An entry's notes, line by line. Kept as one text with a line feed
/// between lines (no line holds one, and none is blank): one allocation
/// for all of an entry's notes instead of one for each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes(String);

impl Notes {
    /// Notes of these lines, which must not be empty or hold a line feed.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut text = String::new();
        for line in lines {
            debug_assert!(!line.is_empty() && !line.contains('\n'), "{line:?}");
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        Notes(text)
    }

    /// The lines, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split('\n').filter(|line| !line.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The source line of an entry's date, kept for the excerpts of
/// diagnostics about the entry. Most lines are the date's prefix followed
/// by the entry's text, which the entry keeps anyway: then only the prefix
/// is kept (70,000 entries of a large journal take 3 MB less).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceLine {
    /// The line is this, then the entry's text.
    BeforeText(Box<str>),
    /// The whole line.
    Whole(Box<str>),
}

impl SourceLine {
    /// How `line` is kept, for an entry whose text is `text`.
    pub fn new(line: &str, text: &str) -> Self {
        match line.strip_suffix(text) {
            Some(before) => SourceLine::BeforeText(before.into()),
            None => SourceLine::Whole(line.into()),
        }
    }
}

impl LogEntry {
    /// The source line of the entry's date.
    pub fn source_line(&self) -> std::borrow::Cow<'_, str> {
        match &self.source_line {
            SourceLine::BeforeText(before) => format!("{before}{}", self.text).into(),
            SourceLine::Whole(line) => std::borrow::Cow::Borrowed(line),
        }
    }
}

impl LogEntry {
    /// The order of the log: by date, then position in the file.
    pub fn order_key(&self) -> (NaiveDate, usize) {
        (self.date, self.index)
    }

    /// The decision date this entry states, if any (offers state deadlines).
    pub fn decision_date(&self) -> Option<NaiveDate> {
        if self.kind == EventKind::Offer {
            None
        } else {
            self.by_date
        }
    }

    /// The deadline of an offer entry, if it states one.
    pub fn offer_deadline(&self) -> Option<NaiveDate> {
        if self.kind == EventKind::Offer {
            self.by_date
        } else {
            None
        }
    }

    pub fn mentions_contact(&self, handle: &Handle) -> bool {
        self.mentions.contains(handle)
    }
}

/// One job application: one markdown file with a `company` key.
#[derive(Clone, Debug, PartialEq)]
pub struct Application {
    /// Path relative to the journal folder, with `/` separators.
    pub file: String,
    pub company: String,
    pub position: Option<String>,
    pub priority: Priority,
    pub decision_by: Option<NaiveDate>,
    pub keep_in_touch: bool,
    pub archived: bool,
    pub contacts: Vec<Contact>,
    /// The front-matter's YAML text, kept for templates, which may use any
    /// key: read again only when a letter is drafted, so a large journal
    /// does not hold every value twice.
    pub front_matter: String,
    /// Log entries in file order.
    pub entries: Vec<LogEntry>,
}

impl Application {
    pub fn contact(&self, handle: &Handle) -> Option<&Contact> {
        self.contacts.iter().find(|c| &c.handle == handle)
    }
}

/// Where an application stands (SPEC §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Saved,
    Applied,
    Interviewing,
    Waiting,
    Offer,
    Accepted,
    Declined,
    Rejected,
    Withdrawn,
    Archived,
    NoResponse,
}

impl State {
    pub const ALL: [State; 11] = [
        State::Saved,
        State::Applied,
        State::Interviewing,
        State::Waiting,
        State::Offer,
        State::Accepted,
        State::Declined,
        State::Rejected,
        State::Withdrawn,
        State::NoResponse,
        State::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Saved => "saved",
            State::Applied => "applied",
            State::Interviewing => "interviewing",
            State::Waiting => "waiting",
            State::Offer => "offer",
            State::Accepted => "accepted",
            State::Declined => "declined",
            State::Rejected => "rejected",
            State::Withdrawn => "withdrawn",
            State::Archived => "archived",
            State::NoResponse => "no-response",
        }
    }

    /// Open states still expect letters and interviews.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            State::Saved | State::Applied | State::Interviewing | State::Waiting | State::Offer
        )
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of action nudge suggests (SPEC §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionKind {
    ThankYou,
    Prepare,
    CheckIn,
    FollowUp,
    Update,
    Feedback,
    KeepInTouch,
    Withdraw,
    KeepApplying,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::ThankYou => "thank-you",
            ActionKind::Prepare => "prepare",
            ActionKind::CheckIn => "check-in",
            ActionKind::FollowUp => "follow-up",
            ActionKind::Update => "update",
            ActionKind::Feedback => "feedback",
            ActionKind::KeepInTouch => "keep-in-touch",
            ActionKind::Withdraw => "withdraw",
            ActionKind::KeepApplying => "keep-applying",
        }
    }

    /// Letters are written to someone and get a draft; reminders do not.
    pub fn is_letter(self) -> bool {
        !matches!(self, ActionKind::Prepare | ActionKind::KeepApplying)
    }

    /// Whether the action is numbered (follow-up 2, check-in 2).
    pub fn is_numbered(self) -> bool {
        matches!(self, ActionKind::FollowUp | ActionKind::CheckIn)
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What brought on an `update` letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A `news` entry of this application.
    News { text: String, line: usize },
    /// An offer logged in another application.
    Offer {
        company: String,
        file: String,
        deadline: Option<NaiveDate>,
    },
}

/// Where an action stands relative to today (SPEC §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Overdue,
    Due,
    Upcoming,
    Later,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Upcoming => "upcoming",
            Status::Later => "later",
        }
    }
}

/// One thing the job seeker should do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// The application file, or `None` for journal-wide actions.
    pub file: Option<String>,
    pub company: Option<String>,
    pub kind: ActionKind,
    /// Follow-up or check-in number; 1 for every other action.
    pub n: u32,
    pub recipient: Option<Contact>,
    pub due: NaiveDate,
    pub deadline: NaiveDate,
    /// A reason the letter may not reach the right person.
    pub problem: Option<String>,
    /// The rule that made this action, for `explain`.
    pub why: String,
    /// The interview the action is about (its entry index): a thank-you's
    /// or a prepare's own; for other letters the latest happened one.
    pub interview: Option<usize>,
    /// What an update letter tells them about.
    pub trigger: Option<Trigger>,
    /// A dream job's thank-you: suggest a hand-written card too.
    pub hand_written: bool,
}

impl Action {
    /// An action with nothing but its kind, dates and reason: no file, no
    /// recipient, number 1. The rules fill in the rest.
    pub fn new(kind: ActionKind, due: NaiveDate, deadline: NaiveDate, why: String) -> Self {
        Action {
            file: None,
            company: None,
            kind,
            n: 1,
            recipient: None,
            due,
            deadline,
            problem: None,
            why,
            interview: None,
            trigger: None,
            hand_written: false,
        }
    }

    /// The same action, about an application.
    pub fn for_application(mut self, app: &Application) -> Self {
        self.file = Some(app.file.clone());
        self.company = Some(app.company.clone());
        self
    }

    pub fn status(&self, today: NaiveDate, horizon_days: u32) -> Status {
        if today > self.deadline {
            Status::Overdue
        } else if self.due <= today {
            Status::Due
        } else if today
            .checked_add_days(chrono::Days::new(horizon_days.into()))
            .is_none_or(|horizon| self.due <= horizon)
        {
            Status::Upcoming
        } else {
            Status::Later
        }
    }

    pub fn contact_handle(&self) -> Option<&Handle> {
        self.recipient.as_ref().map(|c| &c.handle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `is` agrees with comparing a new handle, whatever the case or
        /// script of either side.
        #[test]
        fn handle_is_matches_new(a in "[a-zA-Z0-9_.ÖöİßΣς-]{0,6}", b in "[a-zA-Z0-9_.ÖöİßΣς-]{0,6}") {
            for (raw, handle) in [(&a, &b), (&a, &a), (&b, &a)] {
                let handle = Handle::new(handle);
                proptest::prop_assert_eq!(handle.is(raw), Handle::new(raw) == handle);
            }
            let upper = a.to_uppercase();
            proptest::prop_assert_eq!(Handle::new(&a).is(&upper), Handle::new(&upper) == Handle::new(&a));
        }
    }

    #[test]
    fn notes_give_back_their_lines_in_order() {
        let lines = ["- asked about on-call", "  - nested, kept indented", "é\rx"];
        let notes = Notes::from_lines(lines);
        assert_eq!(notes.iter().collect::<Vec<_>>(), lines);
        assert!(!notes.is_empty());
        let none = Notes::from_lines([]);
        assert!(none.is_empty());
        assert_eq!(none.iter().count(), 0);
        assert_eq!(none, Notes::default());
    }

    #[test]
    fn first_name_skips_titles() {
        let c = |name: &str| Contact {
            name: name.into(),
            handle: Handle::new("x"),
            email: None,
            title: None,
            role: None,
        };
        assert_eq!(c("Isaac Kleiner").first_name(), "Isaac");
        assert_eq!(c("Dr. Isaac Kleiner").first_name(), "Isaac");
        assert_eq!(c("Prof Ada King").first_name(), "Ada");
        assert_eq!(c("Dr.").first_name(), "Dr.");
        assert_eq!(c("Kleiner").first_name(), "Kleiner");
        assert_eq!(c("Hiring Team").first_name(), "Hiring Team");
        assert_eq!(
            c("Talent Acquisition Office").first_name(),
            "Talent Acquisition Office"
        );
        assert_eq!(c("Dr. Kleiner").last_name(), "Kleiner");
    }

    #[test]
    fn handle_from_name_keeps_letters_and_digits_of_last_word() {
        assert_eq!(
            Handle::from_name("Isaac Kleiner").unwrap().as_str(),
            "kleiner"
        );
        assert_eq!(Handle::from_name("Eli Vance Jr.").unwrap().as_str(), "jr");
        assert_eq!(Handle::from_name("Ana O'Neil").unwrap().as_str(), "oneil");
        assert_eq!(
            Handle::from_name("Zoë Ångström").unwrap().as_str(),
            "ångström"
        );
        assert_eq!(Handle::from_name("Someone ---"), None);
        assert_eq!(Handle::from_name("   "), None);
    }

    fn action(due: NaiveDate, deadline: NaiveDate) -> Action {
        Action::new(ActionKind::KeepApplying, due, deadline, String::new())
    }

    #[test]
    fn status_boundaries() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let a = action(d("2026-11-20"), d("2026-11-22"));
        // Later: due is beyond today + horizon.
        assert_eq!(a.status(d("2026-11-05"), 14), Status::Later);
        // Upcoming: due == today + horizon.
        assert_eq!(a.status(d("2026-11-06"), 14), Status::Upcoming);
        assert_eq!(a.status(d("2026-11-19"), 14), Status::Upcoming);
        // Due from the due date through the deadline.
        assert_eq!(a.status(d("2026-11-20"), 14), Status::Due);
        assert_eq!(a.status(d("2026-11-22"), 14), Status::Due);
        // Overdue the day after the deadline.
        assert_eq!(a.status(d("2026-11-23"), 14), Status::Overdue);
    }
}
