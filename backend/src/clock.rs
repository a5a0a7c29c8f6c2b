//! The one clock of an instance: the system's, or an instant set by the tests (and by
//! `CHITIEU_NOW` for a demo on a fixed day). Deadlines are days in Vietnam
//! (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving since 1975).

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// "Not set": the system clock.
const SYSTEM: i64 = i64::MIN;

/// Vietnam's offset from UTC, in seconds.
const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// A clock shared by clones: set it once and every clone reads the new time. It is the
/// system's, stopped at an instant (`set`, for tests that step time by hand), or running
/// from an instant (`start_at`, for a demo on a chosen day: retries still come due).
#[derive(Clone, Debug)]
pub struct Clock {
    /// The instant it stands at, in microseconds; [`SYSTEM`] when running.
    stopped: Arc<AtomicI64>,
    /// Microseconds added to the system's time while running.
    offset: Arc<AtomicI64>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            stopped: Arc::new(AtomicI64::new(SYSTEM)),
            offset: Arc::new(AtomicI64::new(0)),
        }
    }
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock standing at `at` until set again.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        let clock = Clock::default();
        clock.set(at);
        clock
    }

    /// Stops the clock at `at` (every clone sees it).
    pub fn set(&self, at: DateTime<Utc>) {
        self.stopped.store(at.timestamp_micros(), Ordering::SeqCst);
    }

    /// Runs the clock from `at` on, at the system's pace.
    pub fn start_at(&self, at: DateTime<Utc>) {
        let offset = at.timestamp_micros() - Utc::now().timestamp_micros();
        self.offset.store(offset, Ordering::SeqCst);
        self.stopped.store(SYSTEM, Ordering::SeqCst);
    }

    /// Back to the system clock.
    pub fn release(&self) {
        self.offset.store(0, Ordering::SeqCst);
        self.stopped.store(SYSTEM, Ordering::SeqCst);
    }

    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        let micros = match self.stopped.load(Ordering::SeqCst) {
            SYSTEM => Utc::now()
                .timestamp_micros()
                .saturating_add(self.offset.load(Ordering::SeqCst)),
            stopped => stopped,
        };
        DateTime::from_timestamp_micros(micros).unwrap_or_else(Utc::now)
    }

    /// Today in Vietnam.
    pub fn today(&self) -> NaiveDate {
        vietnam_day(self.now())
    }
}

/// Vietnam's time zone.
pub fn vietnam() -> FixedOffset {
    // 7 h is a valid offset; the fallback is never taken.
    FixedOffset::east_opt(VIETNAM_OFFSET_SECS).unwrap_or_else(|| Utc.fix())
}

/// The day in Vietnam at the instant `at`.
pub fn vietnam_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&vietnam()).date_naive()
}

/// The instant a day starts in Vietnam.
pub fn start_of_vietnam_day(day: NaiveDate) -> DateTime<Utc> {
    (day.and_time(chrono::NaiveTime::MIN) - chrono::Duration::seconds(VIETNAM_OFFSET_SECS.into()))
        .and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_set_clock_is_shared_by_clones_and_released() {
        let clock = Clock::system();
        let copy = clock.clone();
        let at = Utc
            .with_ymd_and_hms(2026, 2, 5, 16, 59, 0)
            .single()
            .unwrap_or_default();
        clock.set(at);
        assert_eq!(copy.now(), at);
        clock.release();
        assert!(copy.now() > at);
    }

    #[test]
    fn a_started_clock_runs_from_its_instant() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 15, 2, 0, 0)
            .single()
            .unwrap_or_default();
        let clock = Clock::system();
        clock.start_at(at);
        let first = clock.clone().now();
        assert!(first >= at && first < at + chrono::Duration::seconds(5));
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(clock.now() > first, "it runs");
        clock.release();
        assert!(
            (clock.now() - Utc::now()).num_seconds().abs() < 5,
            "the system's again"
        );
    }

    #[test]
    fn the_day_turns_at_midnight_in_vietnam() {
        let before = Utc
            .with_ymd_and_hms(2026, 2, 5, 16, 59, 59)
            .single()
            .unwrap_or_default();
        let after = Utc
            .with_ymd_and_hms(2026, 2, 5, 17, 0, 0)
            .single()
            .unwrap_or_default();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(Clock::fixed(before).today(), day(2026, 2, 5));
        assert_eq!(Clock::fixed(after).today(), day(2026, 2, 6));
        assert_eq!(start_of_vietnam_day(day(2026, 2, 6)), after);
    }
}
