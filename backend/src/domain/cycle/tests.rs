use super::*;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth { year, month }
}

#[test]
fn the_defaults_are_the_5th_and_the_10th_of_the_next_month() {
    let d = default_deadline(ym(2026, 12)).unwrap_or_else(|| panic!("a deadline"));
    assert_eq!(
        (d.due_on, d.approve_by),
        (day(2027, 1, 5), day(2027, 1, 10))
    );
    let d = default_deadline(ym(2026, 1)).unwrap_or_else(|| panic!("a deadline"));
    assert_eq!(
        (d.due_on, d.approve_by),
        (day(2026, 2, 5), day(2026, 2, 10))
    );
}

#[test]
fn a_moved_month_replaces_the_default_and_starts_the_calendar() {
    let tet = check_deadline(ym(2025, 12), day(2026, 1, 12), day(2026, 1, 16));
    let tet = tet.unwrap_or_else(|e| panic!("{e:?}"));
    let cal = Calendar::new([tet]);
    assert_eq!(cal.deadline(ym(2025, 12)), Some(tet));
    assert_eq!(cal.first_tracked(day(2026, 3, 1)), ym(2025, 12));
    assert_eq!(
        Calendar::default().first_tracked(day(2026, 3, 1)),
        ym(2026, 1)
    );
    // On 13/01 December is owed (due 12/01), January is not yet.
    let owed: Vec<YearMonth> = cal.owed(day(2026, 1, 13)).iter().map(|d| d.month).collect();
    assert_eq!(owed, vec![ym(2025, 12)]);
}

#[test]
fn moved_deadlines_are_checked() {
    let bad = check_deadline(ym(2026, 3), day(2026, 3, 31), day(2026, 4, 10));
    assert_eq!(bad, Err(DeadlineError::DueBeforeMonthEnds));
    let bad = check_deadline(ym(2026, 3), day(2026, 4, 8), day(2026, 4, 7));
    assert_eq!(bad, Err(DeadlineError::ApprovalBeforeDue));
    let bad = check_deadline(ym(2026, 3), day(2027, 6, 1), day(2027, 6, 1));
    assert_eq!(bad, Err(DeadlineError::TooLate));
    assert!(check_deadline(ym(2026, 3), day(2026, 4, 1), day(2026, 4, 1)).is_ok());
}

#[test]
fn reminder_overdue_and_escalation_follow_the_deadline() {
    let d = default_deadline(ym(2026, 3)).unwrap_or_else(|| panic!("a deadline"));
    assert_eq!(notices_due(&d, day(2026, 4, 2)), vec![]);
    assert_eq!(notices_due(&d, day(2026, 4, 3)), vec![Notice::Reminder]);
    assert_eq!(notices_due(&d, day(2026, 4, 5)), vec![Notice::Reminder]);
    assert_eq!(notices_due(&d, day(2026, 4, 6)), vec![Notice::Overdue]);
    assert_eq!(
        notices_due(&d, day(2026, 4, 8)),
        vec![Notice::Overdue, Notice::Escalation]
    );
}

#[test]
fn timeliness_of_a_month() {
    let due = day(2026, 4, 5);
    let on = timeliness(due, Some(day(2026, 4, 5)), day(2026, 5, 1));
    assert_eq!(
        on,
        Timeliness {
            on_time: Some(true),
            days_late: 0
        }
    );
    let late = timeliness(due, Some(day(2026, 4, 9)), day(2026, 5, 1));
    assert_eq!(
        late,
        Timeliness {
            on_time: Some(false),
            days_late: 4
        }
    );
    let open = timeliness(due, None, day(2026, 4, 4));
    assert_eq!(
        open,
        Timeliness {
            on_time: None,
            days_late: 0
        }
    );
    let missing = timeliness(due, None, day(2026, 4, 7));
    assert_eq!(
        missing,
        Timeliness {
            on_time: Some(false),
            days_late: 2
        }
    );
    assert_eq!(timeliness_rate(&[on, late, open]), Some(50.0));
    assert_eq!(timeliness_rate(&[open]), None);
}

#[test]
fn retries_wait_longer_each_time_then_stop() {
    let waits: Vec<u64> = (1..=5)
        .filter_map(|a| retry_after(a, 5))
        .map(|d| d.as_secs())
        .collect();
    assert_eq!(waits, vec![5, 30, 120, 600, 3600]);
    assert_eq!(retry_after(MAX_ATTEMPTS, 5), None);
    assert_eq!(retry_after(0, 5), None);
    assert_eq!(retry_after(1, 1).map(|d| d.as_secs()), Some(1));
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (2020i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| day(y, m, d))
}

proptest! {
    /// Every owed month has ended and its deadline has passed; none is owed twice; the
    /// months are in order and none is later than the month before today's.
    #[test]
    fn owed_months_are_past_due_once_each(today in any_day(), shift in 0i64..20) {
        let month = YearMonth::of(today - chrono::Duration::days(70));
        let due = month.next().first_day().unwrap_or_default() + chrono::Duration::days(shift);
        let moved = check_deadline(month, due, due + chrono::Duration::days(3));
        let cal = Calendar::new(moved.ok());
        let owed = cal.owed(today);
        for pair in owed.windows(2) {
            prop_assert!(pair[0].month < pair[1].month);
        }
        for d in &owed {
            prop_assert!(d.due_on < today);
            prop_assert!(d.month < YearMonth::of(today));
        }
    }

    /// A reminder and an overdue notice never go out the same day; an escalation only after
    /// an overdue notice; nothing before the reminder window.
    #[test]
    fn notices_never_contradict(today in any_day(), offset in -40i64..40) {
        let due = today + chrono::Duration::days(offset);
        let d = Deadline { month: YearMonth::of(due - chrono::Duration::days(31)), due_on: due, approve_by: due };
        let n = notices_due(&d, today);
        prop_assert!(!(n.contains(&Notice::Reminder) && n.contains(&Notice::Overdue)));
        if n.contains(&Notice::Escalation) {
            prop_assert!(n.contains(&Notice::Overdue));
        }
        prop_assert_eq!(n.is_empty(), today < due - chrono::Duration::days(REMINDER_DAYS_BEFORE));
    }

    /// On time exactly when submitted by the deadline; days late never negative.
    #[test]
    fn on_time_means_by_the_deadline(due in any_day(), sub in proptest::option::of(-20i64..20), t in -20i64..40) {
        let submitted = sub.map(|s| due + chrono::Duration::days(s));
        let today = due + chrono::Duration::days(t);
        let r = timeliness(due, submitted, today);
        prop_assert!(r.days_late >= 0);
        if let Some(s) = submitted {
            prop_assert_eq!(r.on_time, Some(s <= due));
        } else {
            prop_assert_eq!(r.on_time.is_some(), today > due);
        }
    }
}

#[test]
fn a_unit_owes_a_month_it_was_in_force_and_reporting_in() {
    let march = ym(2026, 3);
    assert!(owes(true, None, None, true, march));
    assert!(!owes(false, None, None, true, march));
    assert!(!owes(true, None, None, false, march));
    assert!(owes(true, Some(day(2026, 3, 31)), None, true, march));
    assert!(!owes(true, Some(day(2026, 4, 1)), None, true, march));
    assert!(owes(true, None, Some(day(2026, 3, 1)), true, march));
    assert!(!owes(true, None, Some(day(2026, 2, 28)), true, march));
}
