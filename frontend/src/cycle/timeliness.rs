//! How a unit's month stands against its deadline, in words: "đúng hạn", "trễ 3 ngày",
//! "chưa nộp", "chưa đến hạn".

use crate::format::format_percent;
use crate::i18n::{Key, Lang, fill};

/// Where a month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// First submitted by its deadline.
    OnTime,
    /// First submitted this many days after it.
    Late(i64),
    /// Not submitted, its deadline passed this many days ago.
    Missing(i64),
    /// Not submitted, its deadline still ahead.
    NotDue,
}

impl Standing {
    /// From the API's `onTime` (null while not submitted and not yet due), `daysLate` and
    /// whether the month was submitted.
    pub fn of(on_time: Option<bool>, days_late: i64, submitted: bool) -> Standing {
        match (on_time, submitted) {
            (Some(true), _) => Standing::OnTime,
            (Some(false), true) => Standing::Late(days_late),
            (Some(false), false) => Standing::Missing(days_late),
            (None, true) => Standing::OnTime,
            (None, false) => Standing::NotDue,
        }
    }

    /// A short name for styles and tests: `on-time`, `late`, `missing`, `not-due`.
    pub fn slug(self) -> &'static str {
        match self {
            Standing::OnTime => "on-time",
            Standing::Late(_) => "late",
            Standing::Missing(_) => "missing",
            Standing::NotDue => "not-due",
        }
    }

    /// The standing in words.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Standing::OnTime => Key::TlOnTime.text(lang).to_owned(),
            Standing::Late(n) => days_late(lang, n),
            Standing::Missing(n) if n > 0 => {
                format!("{} ({})", Key::TlMissing.text(lang), days_late(lang, n))
            }
            Standing::Missing(_) => Key::TlMissing.text(lang).to_owned(),
            Standing::NotDue => Key::TlNotDue.text(lang).to_owned(),
        }
    }
}

/// Of the months that were due, how many were submitted on time: (on time, due); none when
/// no month was due.
pub fn on_time_of(standings: &[Standing]) -> Option<(usize, usize)> {
    let due = standings
        .iter()
        .filter(|s| !matches!(s, Standing::NotDue))
        .count();
    let on_time = standings
        .iter()
        .filter(|s| matches!(s, Standing::OnTime))
        .count();
    (due > 0).then_some((on_time, due))
}

/// "trễ 3 ngày" / "3 days late".
fn days_late(lang: Lang, n: i64) -> String {
    let key = if n == 1 {
        Key::TlDayLate
    } else {
        Key::TlDaysLate
    };
    fill(key.text(lang), &[&n.to_string()])
}

/// A timeliness rate (percent) or `–` when no month was due.
pub fn rate_text(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), format_percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_on_time_late_missing_or_not_due() {
        assert_eq!(Standing::of(Some(true), 0, true), Standing::OnTime);
        assert_eq!(Standing::of(Some(false), 3, true), Standing::Late(3));
        assert_eq!(Standing::of(Some(false), 10, false), Standing::Missing(10));
        assert_eq!(Standing::of(None, 0, false), Standing::NotDue);
    }

    #[test]
    fn standings_are_worded_in_both_languages() {
        assert_eq!(Standing::OnTime.label(Lang::Vi), "đúng hạn");
        assert_eq!(Standing::Late(3).label(Lang::Vi), "trễ 3 ngày");
        assert_eq!(Standing::Late(1).label(Lang::En), "1 day late");
        assert_eq!(
            Standing::Missing(10).label(Lang::Vi),
            "chưa nộp (trễ 10 ngày)"
        );
        assert_eq!(Standing::NotDue.label(Lang::En), "not due yet");
    }

    #[test]
    fn the_year_counts_the_months_due_and_those_on_time() {
        let year = [
            Standing::OnTime,
            Standing::Late(2),
            Standing::Missing(4),
            Standing::OnTime,
            Standing::NotDue,
        ];
        assert_eq!(on_time_of(&year), Some((2, 4)));
        assert_eq!(on_time_of(&[Standing::NotDue]), None);
    }

    #[test]
    fn a_rate_is_a_percentage_or_a_dash() {
        assert_eq!(rate_text(Some(75.0)), "75,00 %");
        assert_eq!(rate_text(None), "–");
    }
}
