//! Turning what nudge worked out into text: the terminal's `status`, the
//! JSON of `status --json`, and `explain`. Pure: strings out.

pub mod calendar;
pub mod explain;
pub mod json;
pub mod letters;
pub mod report;
pub mod terminal;

use chrono::NaiveDate;

/// "1 day", "3 days".
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// Where a date falls relative to today: "today", "tomorrow", "in 3
/// days", "yesterday", "2 days ago".
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        n if n > 1 => format!("in {}", days(n)),
        n => format!("{} ago", days(-n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_phrases() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = d("2026-11-22");
        assert_eq!(relative(d("2026-11-22"), today), "today");
        assert_eq!(relative(d("2026-11-23"), today), "tomorrow");
        assert_eq!(relative(d("2026-11-25"), today), "in 3 days");
        assert_eq!(relative(d("2026-11-21"), today), "yesterday");
        assert_eq!(relative(d("2026-11-19"), today), "3 days ago");
    }
}
