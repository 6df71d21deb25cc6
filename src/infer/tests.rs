//! The rules of SPEC §3 and §4, each at, before and after its boundary
//! dates. Applications are written as the job seeker writes them, in
//! markdown, and parsed: the tests read like journals.

use chrono::NaiveDate;
use proptest::strategy::Strategy as _;

use super::{Outcome, infer};
use crate::config::Config;
use crate::journal::parse::{Parsed, parse_file};
use crate::model::{Action, ActionKind, Application, State, Status, Trigger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const CONTACTS: &str = "contacts:
  - name: Isaac Kleiner
    email: kleiner@blackmesa.example
    role: hiring-manager
  - name: Eli Vance
    email: vance@blackmesa.example
    role: interviewer
  - name: Alyx Recruiter
    handle: alyx
    email: alyx@blackmesa.example
    role: recruiter
";

/// An application file: `front` is extra front-matter, `log` the body.
fn app_in(file: &str, front: &str, log: &str) -> Application {
    let text = format!("---\ncompany: {file}\n{front}---\n## Log\n{log}");
    let parsed = parse_file(file, &text);
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    match parsed.parsed {
        Parsed::Application(app) => *app,
        other => panic!("not an application: {other:?}"),
    }
}

/// The usual application: Black Mesa with three contacts.
fn app(log: &str) -> Application {
    app_in("black-mesa.md", CONTACTS, log)
}

fn run_with(apps: &[Application], today: &str, config: &Config) -> Outcome {
    infer(apps, config, d(today))
}

fn run(apps: &[Application], today: &str) -> Outcome {
    run_with(apps, today, &Config::default())
}

fn state(log: &str, today: &str) -> State {
    run(&[app(log)], today).applications[0].state
}

fn of(outcome: &Outcome, kind: ActionKind) -> Vec<&Action> {
    outcome.actions.iter().filter(|a| a.kind == kind).collect()
}

fn one(outcome: &Outcome, kind: ActionKind) -> &Action {
    let found = of(outcome, kind);
    assert_eq!(
        found.len(),
        1,
        "expected one {kind}: {:#?}",
        outcome.actions
    );
    found[0]
}

fn none(outcome: &Outcome, kind: ActionKind) {
    assert!(
        of(outcome, kind).is_empty(),
        "expected no {kind}: {:#?}",
        of(outcome, kind)
    );
}

fn dates(a: &Action) -> (NaiveDate, NaiveDate) {
    (a.due, a.deadline)
}

fn to(a: &Action) -> Option<&str> {
    a.contact_handle().map(|h| h.as_str())
}

fn status(a: &Action, today: &str) -> Status {
    a.status(d(today), 14)
}

// ---------------------------------------------------------------- states

#[test]
fn saved_without_stage_events() {
    assert_eq!(
        state(
            "- 2026-11-01 Found the posting, looks great\n",
            "2026-11-22"
        ),
        State::Saved
    );
    assert_eq!(state("", "2026-11-22"), State::Saved);
}

#[test]
fn each_stage_event_gives_its_state() {
    let cases = [
        ("- 2026-11-01 Applied\n", State::Applied),
        (
            "- 2026-11-01 Applied\n- 2026-11-05 Interview\n",
            State::Waiting,
        ),
        (
            "- 2026-11-05 Interview\n- 2026-11-10 They offered me the job\n",
            State::Offer,
        ),
        (
            "- 2026-11-10 Offer\n- 2026-11-11 Accepted the offer\n",
            State::Accepted,
        ),
        (
            "- 2026-11-10 Offer\n- 2026-11-11 Declined the offer\n",
            State::Declined,
        ),
        (
            "- 2026-11-05 Interview\n- 2026-11-10 Not selected\n",
            State::Rejected,
        ),
        (
            "- 2026-11-05 Applied\n- 2026-11-10 Withdrew\n",
            State::Withdrawn,
        ),
    ];
    for (log, expected) in cases {
        assert_eq!(state(log, "2026-11-22"), expected, "{log}");
    }
}

#[test]
fn archived_wins_over_everything() {
    let a = app_in("x.md", "archived: true\n", "- 2026-11-05 Interview\n");
    assert_eq!(
        run(&[a], "2026-11-22").applications[0].state,
        State::Archived
    );
}

#[test]
fn latest_stage_is_by_date_then_position_not_file_order() {
    // Out of order in the file: the interview is the latest by date.
    let log = "- 2026-11-10 Interview\n- 2026-11-01 Applied\n";
    assert_eq!(state(log, "2026-11-22"), State::Waiting);
    // Same date: the later one in the file wins.
    let log = "- 2026-11-10 Interview\n- 2026-11-10 Rejected\n";
    assert_eq!(state(log, "2026-11-22"), State::Rejected);
    let log = "- 2026-11-10 Rejected\n- 2026-11-10 Interview\n";
    assert_eq!(state(log, "2026-11-22"), State::Waiting);
}

#[test]
fn scheduled_interview_makes_interviewing_until_its_day() {
    let log = "- 2026-11-01 Applied\n- 2026-11-25 Interview with @kleiner\n";
    assert_eq!(state(log, "2026-11-24"), State::Interviewing);
    // On the day it has happened: waiting.
    assert_eq!(state(log, "2026-11-25"), State::Waiting);
    // A scheduled interview while waiting after a first one.
    let log = "- 2026-11-10 Interview\n- 2026-11-25 Second interview\n";
    assert_eq!(state(log, "2026-11-22"), State::Interviewing);
}

#[test]
fn entries_dated_after_today_have_not_happened() {
    let log = "- 2026-11-01 Applied\n- 2026-11-30 Rejected\n";
    assert_eq!(state(log, "2026-11-29"), State::Applied);
    assert_eq!(state(log, "2026-11-30"), State::Rejected);
}

#[test]
fn no_response_after_follow_ups_are_used_up() {
    let log = "- 2026-11-01 Interview with @kleiner, decide by 2026-11-08\n- 2026-11-15 Followed up\n- 2026-11-22 Followed up again #followup\n";
    // Moved-on date: last follow-up 2026-11-22 + 14 days.
    assert_eq!(state(log, "2026-12-05"), State::Waiting);
    assert_eq!(state(log, "2026-12-06"), State::NoResponse);
    assert_eq!(state(log, "2026-12-07"), State::NoResponse);
    // One follow-up is not enough to move on.
    let one_only = "- 2026-11-01 Interview\n- 2026-11-15 Followed up\n";
    assert_eq!(state(one_only, "2027-06-01"), State::Waiting);
}

#[test]
fn heard_after_the_last_follow_up_keeps_waiting() {
    let log = "- 2026-11-01 Interview\n- 2026-11-15 Followed up\n- 2026-11-22 Followed up\n- 2026-11-24 Heard back: still deciding\n";
    assert_eq!(state(log, "2026-12-20"), State::Waiting);
}

#[test]
fn no_response_after_the_check_in() {
    let log = "- 2026-10-01 Applied\n- 2026-10-15 Checked in #followup\n";
    assert_eq!(state(log, "2026-10-28"), State::Applied);
    assert_eq!(state(log, "2026-10-29"), State::NoResponse);
}

#[test]
fn skip_withdrawn_does_not_close() {
    let log = "- 2026-11-01 Applied\n- 2026-11-05 #skip #withdrawn\n";
    assert_eq!(state(log, "2026-11-06"), State::Applied);
}

#[test]
fn summary_has_decision_date_and_last_entry() {
    let log = "- 2026-11-01 Applied\n- 2026-11-18 Interview, they decide by 2026-11-28\n- 2026-11-20 Coffee with a friend\n- 2026-12-01 Second interview\n";
    let o = run(&[app(log)], "2026-11-22");
    let s = &o.applications[0];
    assert_eq!(s.decision_by, Some(d("2026-11-28")));
    assert_eq!(s.last_entry, Some(d("2026-11-20")));
}

// ------------------------------------------------------------- thank-you

const INTERVIEW: &str = "- 2026-11-01 Applied\n- 2026-11-18 Interview with @kleiner and @vance. They decide by 2026-11-28.\n";

#[test]
fn thank_you_per_interviewer_not_yet_thanked() {
    let log = format!("{INTERVIEW}- 2026-11-18 Sent thank-you to @kleiner #thanks\n");
    let o = run(&[app(&log)], "2026-11-22");
    let t = one(&o, ActionKind::ThankYou);
    assert_eq!(to(t), Some("vance"));
    assert_eq!(dates(t), (d("2026-11-18"), d("2026-11-19")));
    assert_eq!(t.interview, Some(1));
    assert_eq!(t.problem, None);
}

#[test]
fn thank_you_status_around_its_deadline() {
    let a = [app(INTERVIEW)];
    for (today, expected) in [
        ("2026-11-18", Status::Due),
        ("2026-11-19", Status::Due),
        ("2026-11-20", Status::Overdue),
    ] {
        let o = run(&a, today);
        let t = of(&o, ActionKind::ThankYou);
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|t| status(t, today) == expected), "{today}");
    }
}

#[test]
fn thank_you_expires_after_a_week() {
    let a = [app(INTERVIEW)];
    assert_eq!(of(&run(&a, "2026-11-25"), ActionKind::ThankYou).len(), 2);
    none(&run(&a, "2026-11-26"), ActionKind::ThankYou);
}

#[test]
fn thanks_mentioning_nobody_covers_everyone() {
    let log = format!("{INTERVIEW}- 2026-11-19 Sent thank-you notes\n");
    none(&run(&[app(&log)], "2026-11-20"), ActionKind::ThankYou);
}

#[test]
fn thanks_before_the_interview_does_not_count() {
    let log = format!("- 2026-11-17 Thanked @vance for the invite\n{INTERVIEW}");
    let o = run(&[app(&log)], "2026-11-19");
    assert_eq!(of(&o, ActionKind::ThankYou).len(), 2);
    // Thanks the same day counts.
    let log = format!("{INTERVIEW}- 2026-11-18 #thanks @vance @kleiner\n");
    none(&run(&[app(&log)], "2026-11-19"), ActionKind::ThankYou);
}

#[test]
fn interviewers_default_to_roles_then_to_nobody() {
    // No mention: the interviewer and the hiring manager, not the recruiter.
    let o = run(&[app("- 2026-11-18 Onsite interview\n")], "2026-11-18");
    let mut who: Vec<_> = of(&o, ActionKind::ThankYou)
        .into_iter()
        .filter_map(to)
        .collect();
    who.sort();
    assert_eq!(who, vec!["kleiner", "vance"]);
    // No contacts at all: one thank-you with no recipient, and a problem.
    let bare = app_in("acme.md", "", "- 2026-11-18 Onsite interview\n");
    let o = run(&[bare], "2026-11-18");
    let t = one(&o, ActionKind::ThankYou);
    assert_eq!(to(t), None);
    assert!(
        t.problem
            .as_deref()
            .unwrap()
            .starts_with("no contact to write to")
    );
    // ... which any thanks covers.
    let bare = app_in(
        "acme.md",
        "",
        "- 2026-11-18 Onsite interview\n- 2026-11-18 Sent thanks\n",
    );
    none(&run(&[bare], "2026-11-18"), ActionKind::ThankYou);
}

#[test]
fn several_interviews_one_thank_you_for_the_latest() {
    let log = "- 2026-11-10 Phone screen with @vance\n- 2026-11-18 Onsite interview with @vance\n";
    let o = run(&[app(log)], "2026-11-18");
    let t = one(&o, ActionKind::ThankYou);
    assert_eq!(dates(t), (d("2026-11-18"), d("2026-11-19")));
}

#[test]
fn no_thank_you_once_closed_or_for_scheduled_interviews() {
    let log = format!("{INTERVIEW}- 2026-11-19 Rejected\n");
    none(&run(&[app(&log)], "2026-11-19"), ActionKind::ThankYou);
    none(&run(&[app(INTERVIEW)], "2026-11-17"), ActionKind::ThankYou);
}

#[test]
fn dream_job_thank_you_suggests_a_card() {
    let a = app_in(
        "dream.md",
        &format!("priority: dream\n{CONTACTS}"),
        INTERVIEW,
    );
    let o = run(&[a], "2026-11-18");
    assert!(of(&o, ActionKind::ThankYou).iter().all(|t| t.hand_written));
    let o = run(&[app(INTERVIEW)], "2026-11-18");
    assert!(of(&o, ActionKind::ThankYou).iter().all(|t| !t.hand_written));
}

#[test]
fn contact_problems_for_missing_and_generic_addresses() {
    let front = "contacts:\n  - name: Eli Vance\n    role: interviewer\n  - name: Jobs Desk\n    handle: desk\n    email: Careers@blackmesa.example\n    role: interviewer\n";
    let a = app_in("x.md", front, "- 2026-11-18 Interview\n");
    let o = run(&[a], "2026-11-18");
    let problems: Vec<_> = of(&o, ActionKind::ThankYou)
        .iter()
        .map(|t| t.problem.clone().unwrap())
        .collect();
    assert_eq!(
        problems,
        vec![
            "Careers@blackmesa.example is a generic mailbox — find Jobs Desk's own address or ask HR",
            "no e-mail for vance — find it or ask HR",
        ]
    );
}

// --------------------------------------------------------------- prepare

#[test]
fn prepare_the_day_before_a_scheduled_interview() {
    let a = [app(
        "- 2026-11-01 Applied\n- 2026-11-25 Interview with @kleiner\n",
    )];
    let o = run(&a, "2026-11-22");
    let p = one(&o, ActionKind::Prepare);
    assert_eq!(dates(p), (d("2026-11-24"), d("2026-11-25")));
    assert_eq!(to(p), None);
    assert_eq!(p.problem, None);
    assert_eq!(status(p, "2026-11-23"), Status::Upcoming);
    assert_eq!(status(p, "2026-11-24"), Status::Due);
    // On the interview's day it has happened: no more preparing.
    none(&run(&a, "2026-11-25"), ActionKind::Prepare);
}

#[test]
fn no_prepare_for_closed_applications() {
    let a = [app(
        "- 2026-11-01 Applied\n- 2026-11-10 Rejected\n- 2026-11-25 Interview\n",
    )];
    none(&run(&a, "2026-11-22"), ActionKind::Prepare);
}

// -------------------------------------------------------------- check-in

#[test]
fn check_in_two_weeks_after_applying() {
    let a = [app("- 2026-11-01 Applied\n")];
    let o = run(&a, "2026-11-10");
    let c = one(&o, ActionKind::CheckIn);
    assert_eq!(c.n, 1);
    assert_eq!(dates(c), (d("2026-11-15"), d("2026-11-22")));
    assert_eq!(to(c), Some("kleiner"));
    assert_eq!(status(c, "2026-11-14"), Status::Upcoming);
    assert_eq!(status(c, "2026-11-15"), Status::Due);
    assert_eq!(status(c, "2026-11-22"), Status::Due);
    assert_eq!(status(c, "2026-11-23"), Status::Overdue);
}

#[test]
fn check_in_counts_from_the_latest_heard() {
    let o = run(
        &[app(
            "- 2026-11-01 Applied\n- 2026-11-05 Heard back: they got it\n",
        )],
        "2026-11-10",
    );
    assert_eq!(
        dates(one(&o, ActionKind::CheckIn)),
        (d("2026-11-19"), d("2026-11-26"))
    );
}

#[test]
fn check_in_sent_strictly_after_the_anchor() {
    // A follow-up on the anchor's date does not count.
    let same_day = "- 2026-11-01 Applied\n- 2026-11-01 Followed up\n";
    assert_eq!(
        one(&run(&[app(same_day)], "2026-11-10"), ActionKind::CheckIn).n,
        1
    );
    let later = "- 2026-11-01 Applied\n- 2026-11-15 Followed up\n";
    none(&run(&[app(later)], "2026-11-16"), ActionKind::CheckIn);
    // A #skip counts as sent.
    let skipped = "- 2026-11-01 Applied\n- 2026-11-15 #skip #followup\n";
    none(&run(&[app(skipped)], "2026-11-16"), ActionKind::CheckIn);
}

#[test]
fn second_check_in_is_spaced_when_allowed() {
    let mut config = Config::default();
    config.rules.max_check_ins = 2;
    let log = "- 2026-11-01 Applied\n- 2026-11-20 Followed up\n";
    let o = run_with(&[app(log)], "2026-11-21", &config);
    let c = one(&o, ActionKind::CheckIn);
    assert_eq!(c.n, 2);
    // max(2026-11-01 + 14, 2026-11-20 + 7)
    assert_eq!(dates(c), (d("2026-11-27"), d("2026-12-04")));
}

#[test]
fn no_check_in_once_interviewing() {
    let o = run(
        &[app("- 2026-11-01 Applied\n- 2026-11-30 Interview\n")],
        "2026-11-20",
    );
    none(&o, ActionKind::CheckIn);
}

// ------------------------------------------------------------- follow-up

#[test]
fn follow_up_a_week_after_their_date() {
    let o = run(&[app(INTERVIEW)], "2026-11-22");
    let f = one(&o, ActionKind::FollowUp);
    assert_eq!(f.n, 1);
    assert_eq!(dates(f), (d("2026-12-05"), d("2026-12-12")));
    assert_eq!(to(f), Some("kleiner"));
    assert_eq!(status(f, "2026-11-20"), Status::Later);
    assert_eq!(status(f, "2026-11-21"), Status::Upcoming);
    assert_eq!(status(f, "2026-12-04"), Status::Upcoming);
    assert_eq!(status(f, "2026-12-05"), Status::Due);
    assert_eq!(status(f, "2026-12-12"), Status::Due);
    assert_eq!(status(f, "2026-12-13"), Status::Overdue);
}

#[test]
fn follow_up_without_a_date_ten_days_after_the_interview() {
    let o = run(&[app("- 2026-11-18 Interview with @vance\n")], "2026-11-22");
    let f = one(&o, ActionKind::FollowUp);
    assert_eq!(dates(f), (d("2026-11-28"), d("2026-12-05")));
    assert!(f.why.starts_with("no decision date recorded"));
    assert_eq!(o.applications[0].decision_by, None);
}

#[test]
fn front_matter_decision_by_counts_only_on_or_after_the_interview() {
    let front = |date: &str| format!("decision_by: {date}\n{CONTACTS}");
    let log = "- 2026-11-18 Interview with @vance\n";
    let on = app_in("a.md", &front("2026-11-18"), log);
    assert_eq!(
        dates(one(&run(&[on], "2026-11-22"), ActionKind::FollowUp)).0,
        d("2026-11-25")
    );
    let before = app_in("a.md", &front("2026-11-17"), log);
    assert_eq!(
        dates(one(&run(&[before], "2026-11-22"), ActionKind::FollowUp)).0,
        d("2026-11-28")
    );
}

#[test]
fn a_statement_in_the_log_beats_front_matter() {
    let front = format!("decision_by: 2026-12-20\n{CONTACTS}");
    let a = app_in("a.md", &front, INTERVIEW);
    let o = run(&[a], "2026-11-22");
    assert_eq!(o.applications[0].decision_by, Some(d("2026-11-28")));
}

#[test]
fn later_statement_and_heard_move_the_follow_up() {
    let log = format!("{INTERVIEW}- 2026-11-25 Heard back: they will decide by 2026-12-10\n");
    let o = run(&[app(&log)], "2026-11-26");
    assert_eq!(
        dates(one(&o, ActionKind::FollowUp)),
        (d("2026-12-17"), d("2026-12-24"))
    );
}

#[test]
fn a_statement_before_the_latest_interview_no_longer_counts() {
    let log = "- 2026-11-01 Phone screen, decide by 2026-11-05\n- 2026-11-10 Onsite interview\n";
    let o = run(&[app(log)], "2026-11-12");
    assert_eq!(o.applications[0].decision_by, None);
    assert_eq!(dates(one(&o, ActionKind::FollowUp)).0, d("2026-11-20"));
}

#[test]
fn second_follow_up_is_spaced_from_the_first() {
    let on_time = format!("{INTERVIEW}- 2026-12-05 Followed up\n");
    let f = run(&[app(&on_time)], "2026-12-06")
        .actions
        .into_iter()
        .find(|a| a.kind == ActionKind::FollowUp)
        .unwrap();
    assert_eq!(f.n, 2);
    assert_eq!(dates(&f), (d("2026-12-12"), d("2026-12-19")));
    let late = format!("{INTERVIEW}- 2026-12-10 Followed up\n");
    let o = run(&[app(&late)], "2026-12-11");
    assert_eq!(
        dates(one(&o, ActionKind::FollowUp)),
        (d("2026-12-17"), d("2026-12-24"))
    );
    // Early follow-ups: the base still rules.
    let early = "- 2026-11-18 Interview, decide by 2026-12-01\n- 2026-11-19 Followed up\n";
    let o = run(&[app(early)], "2026-11-20");
    assert_eq!(
        dates(one(&o, ActionKind::FollowUp)),
        (d("2026-12-08"), d("2026-12-15"))
    );
}

#[test]
fn at_most_two_follow_ups() {
    let log = format!("{INTERVIEW}- 2026-12-05 Followed up\n- 2026-12-12 Followed up\n");
    none(&run(&[app(&log)], "2026-12-13"), ActionKind::FollowUp);
    let mut config = Config::default();
    config.rules.max_follow_ups = 3;
    let o = run_with(&[app(&log)], "2026-12-13", &config);
    assert_eq!(one(&o, ActionKind::FollowUp).n, 3);
}

#[test]
fn heard_restarts_the_follow_ups() {
    let log = format!(
        "{INTERVIEW}- 2026-12-05 Followed up\n- 2026-12-12 Followed up\n- 2026-12-14 Heard back: a few more days\n"
    );
    let o = run(&[app(&log)], "2026-12-15");
    let f = one(&o, ActionKind::FollowUp);
    assert_eq!(f.n, 1);
    // Decision date still 2026-11-28 (stated after the interview): base 12-05.
    assert_eq!(f.due, d("2026-12-05"));
}

#[test]
fn recipient_falls_back_in_order() {
    let log = "- 2026-11-18 Interview with @vance and @alyx\n";
    // Hiring manager first.
    assert_eq!(
        to(one(&run(&[app(log)], "2026-11-22"), ActionKind::FollowUp)),
        Some("kleiner")
    );
    let no_manager = "contacts:\n  - name: Alyx Recruiter\n    handle: alyx\n    role: recruiter\n  - name: Eli Vance\n    role: interviewer\n  - name: Other Person\n";
    // Then the first mentioned in the latest interview.
    let a = app_in("a.md", no_manager, log);
    assert_eq!(
        to(one(&run(&[a], "2026-11-22"), ActionKind::FollowUp)),
        Some("vance")
    );
    // Then the first recruiter.
    let a = app_in("a.md", no_manager, "- 2026-11-18 Interview\n");
    assert_eq!(
        to(one(&run(&[a], "2026-11-22"), ActionKind::FollowUp)),
        Some("alyx")
    );
    // Then the first contact.
    let plain = "contacts:\n  - name: Other Person\n  - name: Eli Vance\n";
    let a = app_in("a.md", plain, "- 2026-11-18 Interview\n");
    assert_eq!(
        to(one(&run(&[a], "2026-11-22"), ActionKind::FollowUp)),
        Some("person")
    );
    // Else nobody.
    let a = app_in("a.md", "", "- 2026-11-18 Interview\n");
    assert_eq!(
        to(one(&run(&[a], "2026-11-22"), ActionKind::FollowUp)),
        None
    );
}

// ---------------------------------------------------------------- update

fn offer_elsewhere(date: &str) -> Application {
    app_in(
        "aperture.md",
        "",
        &format!(
            "- 2026-11-01 Interview\n- {date} They offered me the job, answer by 2026-12-01\n"
        ),
    )
}

#[test]
fn update_when_another_offer_arrives() {
    let o = run(
        &[app(INTERVIEW), offer_elsewhere("2026-11-20")],
        "2026-11-20",
    );
    let u = one(&o, ActionKind::Update);
    assert_eq!(u.file.as_deref(), Some("black-mesa.md"));
    assert_eq!(dates(u), (d("2026-11-20"), d("2026-11-22")));
    assert_eq!(to(u), Some("kleiner"));
    assert_eq!(
        u.trigger,
        Some(Trigger::Offer {
            company: "aperture.md".into(),
            file: "aperture.md".into(),
            deadline: Some(d("2026-12-01")),
        })
    );
    assert_eq!(status(u, "2026-11-22"), Status::Due);
    assert_eq!(status(u, "2026-11-23"), Status::Overdue);
}

#[test]
fn offers_before_the_first_interview_do_not_trigger() {
    let o = run(
        &[app(INTERVIEW), offer_elsewhere("2026-11-17")],
        "2026-11-20",
    );
    none(&o, ActionKind::Update);
    // On the interview's date they do.
    let o = run(
        &[app(INTERVIEW), offer_elsewhere("2026-11-18")],
        "2026-11-20",
    );
    one(&o, ActionKind::Update);
}

#[test]
fn news_in_this_application_triggers_an_update() {
    let log = format!("{INTERVIEW}- 2026-11-20 My paper got published #news\n");
    let o = run(&[app(&log)], "2026-11-21");
    let u = one(&o, ActionKind::Update);
    assert_eq!(u.due, d("2026-11-20"));
    assert!(matches!(&u.trigger, Some(Trigger::News { text, .. }) if text.starts_with("My paper")));
}

#[test]
fn update_sent_on_or_after_the_trigger() {
    let log = format!("{INTERVIEW}- 2026-11-20 Told them about the other offer #update\n");
    none(
        &run(&[app(&log), offer_elsewhere("2026-11-20")], "2026-11-21"),
        ActionKind::Update,
    );
    let log = format!("{INTERVIEW}- 2026-11-19 Sent an update\n");
    one(
        &run(&[app(&log), offer_elsewhere("2026-11-20")], "2026-11-21"),
        ActionKind::Update,
    );
}

#[test]
fn no_update_without_an_interview_or_once_closed() {
    let applied = app("- 2026-11-01 Applied\n");
    none(
        &run(&[applied, offer_elsewhere("2026-11-20")], "2026-11-21"),
        ActionKind::Update,
    );
    // Its own offer is no trigger for itself.
    let o = run(&[offer_elsewhere("2026-11-20")], "2026-11-21");
    none(&o, ActionKind::Update);
}

#[test]
fn update_while_interviewing() {
    let log = "- 2026-11-10 Phone screen\n- 2026-11-30 Onsite interview\n";
    let o = run(&[app(log), offer_elsewhere("2026-11-20")], "2026-11-21");
    assert_eq!(o.applications[1].state, State::Interviewing);
    one(&o, ActionKind::Update);
}

// -------------------------------------------------------------- feedback

#[test]
fn feedback_after_a_rejection_that_followed_an_interview() {
    let log = format!("{INTERVIEW}- 2026-11-20 Not moving forward\n");
    let a = [app(&log)];
    let f = run(&a, "2026-11-20")
        .actions
        .into_iter()
        .find(|a| a.kind == ActionKind::Feedback)
        .unwrap();
    assert_eq!(dates(&f), (d("2026-11-20"), d("2026-11-23")));
    assert_eq!(to(&f), Some("kleiner"));
    // Expires 14 days after the rejection.
    one(&run(&a, "2026-12-04"), ActionKind::Feedback);
    none(&run(&a, "2026-12-05"), ActionKind::Feedback);
}

#[test]
fn no_feedback_without_an_interview_or_once_asked() {
    none(
        &run(
            &[app("- 2026-11-01 Applied\n- 2026-11-20 Rejected\n")],
            "2026-11-20",
        ),
        ActionKind::Feedback,
    );
    let asked = format!("{INTERVIEW}- 2026-11-20 Rejected\n- 2026-11-21 Asked for feedback\n");
    none(&run(&[app(&asked)], "2026-11-21"), ActionKind::Feedback);
    let skipped = format!("{INTERVIEW}- 2026-11-20 Rejected\n- 2026-11-20 #skip #feedback\n");
    none(&run(&[app(&skipped)], "2026-11-21"), ActionKind::Feedback);
}

// --------------------------------------------------------- keep-in-touch

#[test]
fn keep_in_touch_two_to_three_months_after_a_rejection() {
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n");
    let o = run(&[app(&log)], "2026-11-22");
    let k = one(&o, ActionKind::KeepInTouch);
    assert_eq!(dates(k), (d("2027-01-19"), d("2027-02-18")));
    assert_eq!(status(k, "2027-01-05"), Status::Upcoming);
    assert_eq!(status(k, "2027-01-04"), Status::Later);
    assert_eq!(status(k, "2027-02-19"), Status::Overdue);
}

#[test]
fn keep_in_touch_repeats_from_the_last_note() {
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n- 2027-01-25 Sent a keep-in-touch note\n");
    let o = run(&[app(&log)], "2027-01-26");
    assert_eq!(
        dates(one(&o, ActionKind::KeepInTouch)),
        (d("2027-03-26"), d("2027-04-25"))
    );
}

#[test]
fn keep_in_touch_after_no_response() {
    let log = "- 2026-11-01 Interview, decide by 2026-11-08\n- 2026-11-15 Followed up\n- 2026-11-22 Followed up\n";
    let o = run(&[app(log)], "2026-12-06");
    assert_eq!(o.applications[0].state, State::NoResponse);
    // Moved on 2026-12-06: + 60 and + 90 days.
    assert_eq!(
        dates(one(&o, ActionKind::KeepInTouch)),
        (d("2027-02-04"), d("2027-03-06"))
    );
    none(&o, ActionKind::FollowUp);
}

#[test]
fn no_keep_in_touch_when_declined_or_without_interview() {
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n");
    let a = app_in("a.md", &format!("keep_in_touch: false\n{CONTACTS}"), &log);
    none(&run(&[a], "2026-11-22"), ActionKind::KeepInTouch);
    let never = "- 2026-10-01 Applied\n- 2026-10-15 Checked in\n";
    let o = run(&[app(never)], "2026-11-22");
    assert_eq!(o.applications[0].state, State::NoResponse);
    none(&o, ActionKind::KeepInTouch);
    none(
        &run(
            &[app("- 2026-11-01 Applied\n- 2026-11-05 Rejected\n")],
            "2026-11-22",
        ),
        ActionKind::KeepInTouch,
    );
}

// -------------------------------------------------------------- withdraw

fn accepted(file: &str, date: &str) -> Application {
    app_in(
        file,
        "",
        &format!("- 2026-11-01 Interview\n- 2026-11-10 Offer\n- {date} Accepted the offer\n"),
    )
}

#[test]
fn withdraw_everywhere_else_once_hired() {
    let waiting = app(INTERVIEW);
    let saved = app_in("saved.md", "", "- 2026-11-01 Bookmarked\n");
    let rejected = app_in(
        "rej.md",
        "",
        "- 2026-11-01 Interview\n- 2026-11-05 Rejected\n",
    );
    let o = run(
        &[
            waiting,
            saved,
            rejected,
            accepted("aperture.md", "2026-11-20"),
        ],
        "2026-11-20",
    );
    let w = one(&o, ActionKind::Withdraw);
    assert_eq!(w.file.as_deref(), Some("black-mesa.md"));
    assert_eq!(dates(w), (d("2026-11-20"), d("2026-11-23")));
    assert_eq!(to(w), Some("kleiner"));
    // Hired: nothing but withdraw notes.
    assert!(
        o.actions.iter().all(|a| a.kind == ActionKind::Withdraw),
        "{:#?}",
        o.actions
    );
}

#[test]
fn withdrawn_or_skipped_needs_no_note() {
    let withdrawn = format!("{INTERVIEW}- 2026-11-21 Withdrew my application\n");
    none(
        &run(
            &[app(&withdrawn), accepted("a.md", "2026-11-20")],
            "2026-11-21",
        ),
        ActionKind::Withdraw,
    );
    let skipped = format!("{INTERVIEW}- 2026-11-21 #skip #withdrawn\n");
    let o = run(
        &[app(&skipped), accepted("a.md", "2026-11-20")],
        "2026-11-21",
    );
    none(&o, ActionKind::Withdraw);
    assert_eq!(o.applications[1].state, State::Waiting);
    // A skip before the acceptance does not dismiss it.
    let early = format!("{INTERVIEW}- 2026-11-19 #skip #withdrawn\n");
    one(
        &run(&[app(&early), accepted("a.md", "2026-11-20")], "2026-11-21"),
        ActionKind::Withdraw,
    );
}

#[test]
fn earliest_acceptance_and_archived_ones_do_not_count() {
    let o = run(
        &[
            app(INTERVIEW),
            accepted("a.md", "2026-11-21"),
            accepted("b.md", "2026-11-20"),
        ],
        "2026-11-22",
    );
    assert_eq!(one(&o, ActionKind::Withdraw).due, d("2026-11-20"));
    let archived = app_in(
        "old.md",
        "archived: true\n",
        "- 2026-01-01 Interview\n- 2026-01-10 Accepted the offer\n",
    );
    let o = run(&[app(INTERVIEW), archived], "2026-11-22");
    none(&o, ActionKind::Withdraw);
    one(&o, ActionKind::FollowUp);
}

// --------------------------------------------------------- keep-applying

#[test]
fn keep_applying_a_week_after_the_latest_application() {
    let a = [
        app("- 2026-11-01 Applied\n"),
        app_in("b.md", "", "- 2026-11-10 Applied\n"),
    ];
    let o = run(&a, "2026-11-12");
    let k = one(&o, ActionKind::KeepApplying);
    assert_eq!(dates(k), (d("2026-11-17"), d("2026-11-24")));
    assert_eq!(
        (k.file.as_deref(), k.company.as_deref(), to(k)),
        (None, None, None)
    );
    assert_eq!(status(k, "2026-11-16"), Status::Upcoming);
    assert_eq!(status(k, "2026-11-17"), Status::Due);
    assert_eq!(status(k, "2026-11-24"), Status::Due);
    assert_eq!(status(k, "2026-11-25"), Status::Overdue);
}

#[test]
fn no_keep_applying_without_applications_when_hired_or_from_archives() {
    none(
        &run(&[app("- 2026-11-01 Interview\n")], "2026-11-12"),
        ActionKind::KeepApplying,
    );
    let o = run(
        &[
            app("- 2026-11-01 Applied\n"),
            accepted("a.md", "2026-11-10"),
        ],
        "2026-11-12",
    );
    none(&o, ActionKind::KeepApplying);
    let archived = app_in("old.md", "archived: true\n", "- 2026-11-11 Applied\n");
    let o = run(&[app("- 2026-11-01 Applied\n"), archived], "2026-11-12");
    assert_eq!(one(&o, ActionKind::KeepApplying).due, d("2026-11-08"));
    // Scheduled "applied" entries have not happened.
    none(
        &run(&[app("- 2026-11-20 Applied\n")], "2026-11-12"),
        ActionKind::KeepApplying,
    );
}

// ----------------------------------------------------------------- order

#[test]
fn actions_sorted_by_due_file_action_contact_with_nothing_first() {
    let a = [
        app("- 2026-11-01 Applied\n"),
        app_in("a.md", "", "- 2026-11-08 Applied\n"),
    ];
    let o = run(&a, "2026-11-10");
    let keys: Vec<_> = o
        .actions
        .iter()
        .map(|a| (a.due, a.file.clone(), a.kind.as_str()))
        .collect();
    assert_eq!(
        keys,
        vec![
            (d("2026-11-15"), None, "keep-applying"),
            (d("2026-11-15"), Some("black-mesa.md".into()), "check-in"),
            (d("2026-11-22"), Some("a.md".into()), "check-in"),
        ]
    );
}

// ----------------------------------------------------------------- lints

fn lint_messages(log: &str, today: &str) -> Vec<String> {
    run(&[app(log)], today)
        .lints
        .iter()
        .map(|d| format!("{}: {}", d.line, d.message))
        .collect()
}

#[test]
fn lint_follow_up_before_the_decision_date() {
    let log = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-27 Followed up\n";
    assert_eq!(
        lint_messages(log, "2026-11-28"),
        vec!["17: follow-up sent before the decision date 2026-11-28"]
    );
    let ok = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-28 Followed up\n";
    assert!(lint_messages(ok, "2026-11-28").is_empty());
}

#[test]
fn lint_too_many_follow_ups() {
    let log = "- 2026-11-18 Interview, decide by 2026-11-20\n- 2026-11-27 Followed up\n- 2026-12-04 Followed up\n- 2026-12-11 Followed up\n";
    assert_eq!(
        lint_messages(log, "2026-12-12"),
        vec!["19: follow-up number 3 without an answer"]
    );
    let heard = "- 2026-11-18 Interview, decide by 2026-11-20\n- 2026-11-27 Followed up\n- 2026-12-04 Followed up\n- 2026-12-05 Heard back\n- 2026-12-11 Followed up\n";
    assert!(lint_messages(heard, "2026-12-12").is_empty());
}

#[test]
fn lint_late_thank_you() {
    let on_time = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-20 Sent thanks\n";
    assert!(lint_messages(on_time, "2026-11-22").is_empty());
    let late = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-21 Sent thanks\n";
    assert_eq!(
        lint_messages(late, "2026-11-22"),
        vec!["17: thank-you sent 3 days after the interview of 2026-11-18"]
    );
    // A later note to someone already thanked is not a late thank-you.
    let again = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-18 Thanked @vance\n- 2026-11-25 Thanked @vance for the book\n";
    assert!(lint_messages(again, "2026-11-26").is_empty());
}

#[test]
fn lint_interview_without_decision_date() {
    assert_eq!(
        lint_messages("- 2026-11-18 Interview\n", "2026-11-22"),
        vec!["16: no decision date recorded after this interview"]
    );
    // Moot once a later stage event happened.
    assert!(
        lint_messages(
            "- 2026-11-18 Interview\n- 2026-11-20 Rejected\n",
            "2026-11-22"
        )
        .is_empty()
    );
    // A statement in a later entry counts.
    assert!(
        lint_messages(
            "- 2026-11-18 Interview\n- 2026-11-19 Heard: decide by 2026-12-01\n",
            "2026-11-22"
        )
        .is_empty()
    );
}

#[test]
fn lints_skip_archived_and_skipped_entries() {
    let a = app_in("a.md", "archived: true\n", "- 2026-11-18 Interview\n");
    assert!(run(&[a], "2026-11-22").lints.is_empty());
    let log = "- 2026-11-18 Interview, decide by 2026-11-28\n- 2026-11-21 #skip #thanks\n";
    assert!(lint_messages(log, "2026-11-22").is_empty());
}

// ------------------------------------------------- more boundary dates

#[test]
fn feedback_status_around_its_deadline() {
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n");
    let o = run(&[app(&log)], "2026-11-20");
    let f = one(&o, ActionKind::Feedback);
    assert_eq!(status(f, "2026-11-19"), Status::Upcoming);
    assert_eq!(status(f, "2026-11-20"), Status::Due);
    assert_eq!(status(f, "2026-11-23"), Status::Due);
    assert_eq!(status(f, "2026-11-24"), Status::Overdue);
}

#[test]
fn keep_in_touch_note_must_come_after_k() {
    // A note on the day of the rejection does not move K.
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n- 2026-11-20 Kept in touch\n");
    let o = run(&[app(&log)], "2026-11-22");
    assert_eq!(one(&o, ActionKind::KeepInTouch).due, d("2027-01-19"));
    // The day after does.
    let log = format!("{INTERVIEW}- 2026-11-20 Rejected\n- 2026-11-21 Kept in touch\n");
    let o = run(&[app(&log)], "2026-11-22");
    assert_eq!(one(&o, ActionKind::KeepInTouch).due, d("2027-01-20"));
}

#[test]
fn withdraw_status_around_its_deadline() {
    let o = run(
        &[app(INTERVIEW), accepted("a.md", "2026-11-20")],
        "2026-11-20",
    );
    let w = one(&o, ActionKind::Withdraw);
    assert_eq!(status(w, "2026-11-23"), Status::Due);
    assert_eq!(status(w, "2026-11-24"), Status::Overdue);
}

#[test]
fn scheduled_letters_do_not_count_as_sent() {
    // A thank-you logged for tomorrow has not been sent yet.
    let log = format!("{INTERVIEW}- 2026-11-19 #thanks\n");
    assert_eq!(
        of(&run(&[app(&log)], "2026-11-18"), ActionKind::ThankYou).len(),
        2
    );
    none(&run(&[app(&log)], "2026-11-19"), ActionKind::ThankYou);
    // Same for a follow-up dated in the future.
    let log = format!("{INTERVIEW}- 2026-12-05 Followed up\n");
    assert_eq!(
        one(&run(&[app(&log)], "2026-12-04"), ActionKind::FollowUp).n,
        1
    );
    assert_eq!(
        one(&run(&[app(&log)], "2026-12-05"), ActionKind::FollowUp).n,
        2
    );
}

#[test]
fn update_status_around_its_deadline() {
    let o = run(
        &[app(INTERVIEW), offer_elsewhere("2026-11-20")],
        "2026-11-20",
    );
    let u = one(&o, ActionKind::Update);
    assert_eq!(status(u, "2026-11-19"), Status::Upcoming);
    assert_eq!(status(u, "2026-11-20"), Status::Due);
}

#[test]
fn a_newer_trigger_after_an_update_asks_for_another() {
    let log =
        format!("{INTERVIEW}- 2026-11-19 #news paper accepted\n- 2026-11-19 Sent an update\n");
    none(&run(&[app(&log)], "2026-11-20"), ActionKind::Update);
    let o = run(&[app(&log), offer_elsewhere("2026-11-21")], "2026-11-21");
    assert_eq!(one(&o, ActionKind::Update).due, d("2026-11-21"));
}

#[test]
fn the_latest_offer_elsewhere_skips_the_applications_own() {
    // Black Mesa's own offer is the journal's latest; the update is about
    // the latest offer from another application.
    let log = "- 2026-11-01 Interview\n- 2026-11-10 They offered me the job\n- 2026-11-15 Second interview, decide by 2026-11-30\n";
    let other = app_in(
        "aperture.md",
        "",
        "- 2026-10-01 Interview\n- 2026-11-05 Offer, answer by 2026-11-25\n",
    );
    let o = run(&[app(log), other], "2026-11-16");
    let u = one(&o, ActionKind::Update);
    assert_eq!(u.file.as_deref(), Some("black-mesa.md"));
    assert_eq!(u.due, d("2026-11-05"));
    assert!(matches!(&u.trigger, Some(Trigger::Offer { file, .. }) if file == "aperture.md"));
}

proptest::proptest! {
    /// Moving the actions into a sorted order of their positions gives
    /// what picking them by position gives, for any order.
    #[test]
    fn a_permutation_is_applied_by_following_its_cycles(
        order in (0usize..40).prop_flat_map(|n| proptest::strategy::Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
    ) {
        let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
        let wanted: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
        let mut moved = items;
        super::apply_order(&mut moved, order);
        proptest::prop_assert_eq!(moved, wanted);
    }
}
