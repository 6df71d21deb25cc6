//! What files nudge's letters go to: draft names beside the application
//! file (SPEC §6). Names built from user data are slugged, so they can
//! never leave the journal folder.

use chrono::NaiveDate;

use crate::model::{Action, Status};

/// Turns text from the user into a safe file-name part: lowercase; every
/// character other than a letter, digit, `.`, `_` or `-` becomes `-`; no
/// leading dots (so `..` cannot climb out).
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = s.trim_start_matches('.');
    if trimmed.is_empty() {
        "-".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The draft file of a letter: `<stem>.<action>[-<n>].<handle>.draft.md`
/// beside the application file (relative to the journal, with `/`). Only
/// letters that are overdue or due get one.
pub fn draft_path(action: &Action, today: NaiveDate, horizon_days: u32) -> Option<String> {
    if !action.kind.is_letter()
        || !matches!(
            action.status(today, horizon_days),
            Status::Overdue | Status::Due
        )
    {
        return None;
    }
    let file = action.file.as_deref()?;
    let (dir, name) = match file.rsplit_once('/') {
        Some((dir, name)) => (Some(dir), name),
        None => (None, file),
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let mut draft = format!("{stem}.{}", action.kind.as_str());
    if action.n >= 2 {
        draft.push_str(&format!("-{}", action.n));
    }
    if let Some(handle) = action.contact_handle() {
        draft.push('.');
        draft.push_str(&slug(handle.as_str()));
    }
    draft.push_str(".draft.md");
    Some(match dir {
        Some(dir) => format!("{dir}/{draft}"),
        None => draft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionKind, Contact, Handle};

    fn action(kind: ActionKind, n: u32, handle: Option<&str>) -> Action {
        let d = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut a = Action::new(kind, d, d, String::new());
        a.file = Some("apps/black-mesa.md".into());
        a.n = n;
        a.recipient = handle.map(|h| Contact {
            name: "X".into(),
            handle: Handle::new(h),
            email: None,
            title: None,
            role: None,
        });
        a
    }

    #[test]
    fn draft_names_follow_the_spec() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let name = |a: &Action| draft_path(a, today, 14);
        assert_eq!(
            name(&action(ActionKind::ThankYou, 1, Some("vance"))).as_deref(),
            Some("apps/black-mesa.thank-you.vance.draft.md")
        );
        assert_eq!(
            name(&action(ActionKind::FollowUp, 2, Some("kleiner"))).as_deref(),
            Some("apps/black-mesa.follow-up-2.kleiner.draft.md")
        );
        assert_eq!(
            name(&action(ActionKind::Feedback, 1, None)).as_deref(),
            Some("apps/black-mesa.feedback.draft.md")
        );
        assert_eq!(name(&action(ActionKind::Prepare, 1, None)), None);
        let mut later = action(ActionKind::ThankYou, 1, Some("vance"));
        later.due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        later.deadline = later.due;
        assert_eq!(name(&later), None);
    }

    #[test]
    fn slugs_cannot_escape() {
        assert_eq!(slug("../etc/passwd"), "-etc-passwd");
        assert_eq!(slug("Jean Dupont"), "jean-dupont");
        assert_eq!(slug(".."), "-");
        assert_eq!(slug("o'neil"), "o-neil");
    }
}
