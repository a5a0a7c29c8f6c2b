//! The province's settings of explanations: whether AT_RISK asks for one as well as
//! OFF_TRACK, and the days a unit has to explain; how they are stored as text and checked.

use super::{DEFAULT_DUE_DAYS, MAX_DUE_DAYS};
use crate::domain::input::InputError;
use chrono::NaiveDate;

/// The `settings` key of "AT_RISK asks too".
pub const KEY_INCLUDE_AT_RISK: &str = "explanations.include_at_risk";
/// The `settings` key of the days to explain.
pub const KEY_DUE_DAYS: &str = "explanations.due_days";

/// How explanations are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Settings {
    /// AT_RISK asks for an explanation as well as OFF_TRACK.
    pub include_at_risk: bool,
    /// Days a unit has to explain.
    pub due_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            include_at_risk: false,
            due_days: DEFAULT_DUE_DAYS,
        }
    }
}

impl Settings {
    /// The settings as stored; a missing or unreadable value is the default.
    pub fn from_stored(include_at_risk: Option<&str>, due_days: Option<&str>) -> Settings {
        let d = Settings::default();
        Settings {
            include_at_risk: include_at_risk
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(d.include_at_risk),
            due_days: due_days
                .and_then(|v| v.trim().parse().ok())
                .filter(|n| (1..=MAX_DUE_DAYS).contains(n))
                .unwrap_or(d.due_days),
        }
    }

    /// New settings from an ADMIN: the days 1..=[`MAX_DUE_DAYS`].
    pub fn check(include_at_risk: bool, due_days: i64) -> Result<Settings, InputError> {
        if !(1..=MAX_DUE_DAYS).contains(&due_days) {
            return Err(InputError::new(
                "dueDays",
                format!("Số ngày giải trình phải từ 1 đến {MAX_DUE_DAYS}."),
            ));
        }
        Ok(Settings {
            include_at_risk,
            due_days,
        })
    }

    /// The stored (key, value) pairs.
    pub fn stored(&self) -> [(&'static str, String); 2] {
        [
            (KEY_INCLUDE_AT_RISK, self.include_at_risk.to_string()),
            (KEY_DUE_DAYS, self.due_days.to_string()),
        ]
    }

    /// The due day of a request asked on `today`.
    pub fn due_on(&self, today: NaiveDate) -> NaiveDate {
        today
            .checked_add_days(chrono::Days::new(self.due_days.max(0) as u64))
            .unwrap_or(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn missing_or_unreadable_values_are_the_defaults() {
        assert_eq!(Settings::from_stored(None, None), Settings::default());
        assert_eq!(
            Settings::from_stored(Some("oui"), Some("-3")),
            Settings::default()
        );
        let s = Settings::from_stored(Some("true"), Some("14"));
        assert!(s.include_at_risk);
        assert_eq!(s.due_days, 14);
    }

    #[test]
    fn the_days_must_be_between_one_and_the_most() {
        assert!(Settings::check(false, 0).is_err());
        assert!(Settings::check(false, MAX_DUE_DAYS + 1).is_err());
        assert_eq!(Settings::check(true, 10).map(|s| s.due_days).ok(), Some(10));
    }

    proptest! {
        #[test]
        fn stored_settings_read_back_the_same_and_the_due_day_is_that_many_days_on(
            include in any::<bool>(),
            days in 1..=MAX_DUE_DAYS,
            offset in 0..3000i64,
        ) {
            let s = Settings::check(include, days).map_err(|e| TestCaseError::fail(e.message))?;
            let [(_, a), (_, d)] = s.stored();
            prop_assert_eq!(Settings::from_stored(Some(&a), Some(&d)), s);
            let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
                + chrono::Duration::days(offset);
            prop_assert_eq!((s.due_on(today) - today).num_days(), days);
        }
    }
}
