use super::*;
use crate::domain::cycle::{YearMonth, default_deadline};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn deadline(year: i32, month: u32) -> Deadline {
    YearMonth::new(year, month)
        .and_then(default_deadline)
        .unwrap_or_else(|| panic!("a deadline for {year}-{month}"))
}

const U: UnitId = UnitId(7);

#[test]
fn an_officer_sees_a_month_due_then_overdue_and_nothing_once_submitted() {
    let march = deadline(2026, 3);
    let due = report_item(Reader::Officer, U, &march, None, None, day(2026, 4, 5));
    let due = due.unwrap_or_else(|| panic!("due"));
    assert_eq!((due.kind, due.days_overdue), (TodoKind::ReportDue, 0));
    assert_eq!(due.due_on, Some(day(2026, 4, 5)));
    let late = report_item(
        Reader::Officer,
        U,
        &march,
        Some(ReportStatus::Draft),
        None,
        day(2026, 4, 9),
    );
    let late = late.unwrap_or_else(|| panic!("overdue"));
    assert_eq!((late.kind, late.days_overdue), (TodoKind::ReportOverdue, 4));
    for done in [ReportStatus::Submitted, ReportStatus::Approved] {
        let item = report_item(
            Reader::Officer,
            U,
            &march,
            Some(done),
            None,
            day(2026, 5, 1),
        );
        assert_eq!(item, None);
    }
}

#[test]
fn a_rejected_month_carries_its_comment_to_the_officer_and_is_late_for_a_leader() {
    let march = deadline(2026, 3);
    let rejected = Some(ReportStatus::Rejected);
    let today = day(2026, 4, 8);
    let item = report_item(Reader::Officer, U, &march, rejected, Some("Sai"), today);
    let item = item.unwrap_or_else(|| panic!("rejected"));
    assert_eq!(item.kind, TodoKind::ReportRejected);
    assert_eq!(
        (item.comment.as_deref(), item.days_overdue),
        (Some("Sai"), 3)
    );
    let leader = report_item(Reader::Leader, U, &march, rejected, Some("Sai"), today);
    let leader = leader.unwrap_or_else(|| panic!("late"));
    assert_eq!(
        (leader.kind, leader.comment),
        (TodoKind::ReportOverdue, None)
    );
    let before = report_item(Reader::Leader, U, &march, None, None, day(2026, 4, 5));
    assert_eq!(before, None);
}

#[test]
fn submitted_months_split_into_late_and_waiting_approvals_counted_per_unit() {
    let waiting = [deadline(2026, 1), deadline(2026, 2), deadline(2026, 3)];
    // On 12/03: January (approve by 10/02) and February (10/03) are late, March waits.
    let items = approval_items(U, &waiting, day(2026, 3, 12));
    assert_eq!(items.len(), 2);
    let late = &items[0];
    assert_eq!(late.kind, TodoKind::ApprovalOverdue);
    assert_eq!((late.count, late.year, late.month), (2, 2026, Some(1)));
    assert_eq!(
        (late.due_on, late.days_overdue),
        (Some(day(2026, 2, 10)), 30)
    );
    let pending = &items[1];
    assert_eq!(pending.kind, TodoKind::ApprovalPending);
    assert_eq!((pending.count, pending.month), (1, Some(3)));
    assert_eq!(pending.days_overdue, 0);
    assert!(approval_items(U, &[], day(2026, 3, 12)).is_empty());
}

#[test]
fn newly_off_track_needs_off_track_now_and_not_the_month_before() {
    use TrackStatus::*;
    assert!(newly_off_track(1, OffTrack, None));
    assert!(newly_off_track(5, OffTrack, Some(AtRisk)));
    assert!(newly_off_track(5, OffTrack, Some(NoData)));
    assert!(!newly_off_track(5, OffTrack, Some(OffTrack)));
    assert!(!newly_off_track(5, AtRisk, Some(OnTrack)));
}

fn kind() -> impl Strategy<Value = TodoKind> {
    prop_oneof![
        Just(TodoKind::ReportDue),
        Just(TodoKind::ReportOverdue),
        Just(TodoKind::ReportRejected),
        Just(TodoKind::ApprovalPending),
        Just(TodoKind::ApprovalOverdue),
        Just(TodoKind::OffTrack),
        Just(TodoKind::ExplanationDue),
        Just(TodoKind::ExplanationOverdue),
        Just(TodoKind::ExplanationReview),
        Just(TodoKind::ActionOverdue),
    ]
}

fn item() -> impl Strategy<Value = Todo> {
    (kind(), 1..5i32, 0..60i64, 1..13u32, 0..40i64).prop_map(|(kind, unit, days, month, due)| {
        Todo {
            kind,
            unit: UnitId(unit),
            year: 2026,
            month: Some(month),
            indicator: None,
            due_on: Some(day(2026, 1, 1) + chrono::Duration::days(due)),
            days_overdue: days,
            count: 1,
            comment: None,
            explanation_request: None,
        }
    })
}

proptest! {
    #[test]
    fn a_sorted_list_puts_late_reports_first_by_most_days_and_off_track_last(
        mut items in proptest::collection::vec(item(), 0..30),
    ) {
        sort(&mut items);
        for pair in items.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(kind_rank(a.kind) <= kind_rank(b.kind));
            if a.kind == b.kind {
                prop_assert!(a.days_overdue >= b.days_overdue);
                if a.days_overdue == b.days_overdue {
                    prop_assert!(a.due_on <= b.due_on);
                }
            }
        }
        if let (Some(first), Some(last)) = (items.first(), items.last()) {
            let late = items.iter().any(|t| t.kind == TodoKind::ReportOverdue);
            prop_assert!(!late || first.kind == TodoKind::ReportOverdue);
            let off = items.iter().any(|t| t.kind == TodoKind::OffTrack);
            prop_assert!(!off || last.kind == TodoKind::OffTrack);
        }
    }

    #[test]
    fn every_submitted_month_is_counted_once_late_or_waiting(
        months in proptest::collection::btree_set(1..13u32, 0..12),
        offset in 0..400i64,
    ) {
        let waiting: Vec<Deadline> = months.iter().map(|m| deadline(2025, *m)).collect();
        let today = day(2025, 1, 1) + chrono::Duration::days(offset);
        let items = approval_items(U, &waiting, today);
        let total: i64 = items.iter().map(|t| t.count).sum();
        prop_assert_eq!(total, waiting.len() as i64);
        for t in &items {
            let late = t.kind == TodoKind::ApprovalOverdue;
            prop_assert_eq!(late, t.days_overdue > 0);
        }
    }
}

fn request(status: ExplanationStatus, due_on: NaiveDate) -> Request {
    Request {
        id: ExplanationRequestId(3),
        unit_id: U,
        indicator_id: IndicatorId(2),
        year: 2026,
        month: 2,
        status,
        track_status: TrackStatus::OffTrack,
        automatic: true,
        requested_by: None,
        requested_at: chrono::DateTime::<chrono::Utc>::default(),
        due_on,
        message: None,
        cause_id: None,
        reason: None,
        submitted_by: None,
        submitted_at: None,
        reviewed_by: None,
        reviewed_at: None,
        review_comment: Some("Bổ sung số liệu".into()),
        closed_at: None,
        close_note: None,
        violation_id: None,
        version: 1,
    }
}

fn action(status: shared::ActionStatus, due_on: NaiveDate) -> Action {
    Action {
        id: shared::ids::ActionId(8),
        request_id: ExplanationRequestId(3),
        position: 0,
        description: "Mở quầy hướng dẫn".into(),
        owner: shared::ids::StaffId(4),
        due_on,
        expected_effect: None,
        status,
        done_at: None,
        done_by: None,
        done_note: None,
    }
}

#[test]
fn an_owed_explanation_is_due_then_overdue_and_a_returned_one_carries_the_comment() {
    let due = day(2026, 3, 10);
    let open = request(ExplanationStatus::Open, due);
    let item = explanation_item(&open, day(2026, 3, 10)).unwrap_or_else(|| panic!("due"));
    assert_eq!(
        (item.kind, item.days_overdue),
        (TodoKind::ExplanationDue, 0)
    );
    assert_eq!(item.explanation_request, Some(ExplanationRequestId(3)));
    assert_eq!(item.comment, None);
    let returned = request(ExplanationStatus::Returned, due);
    let late = explanation_item(&returned, day(2026, 3, 13)).unwrap_or_else(|| panic!("late"));
    assert_eq!(
        (late.kind, late.days_overdue),
        (TodoKind::ExplanationOverdue, 3)
    );
    assert_eq!(late.comment.as_deref(), Some("Bổ sung số liệu"));
    for s in [
        ExplanationStatus::Submitted,
        ExplanationStatus::Accepted,
        ExplanationStatus::Closed,
    ] {
        assert_eq!(explanation_item(&request(s, due), day(2026, 4, 1)), None);
    }
    let submitted = request(ExplanationStatus::Submitted, due);
    let review = review_item(&submitted, day(2026, 4, 1)).unwrap_or_else(|| panic!("review"));
    assert_eq!(review.kind, TodoKind::ExplanationReview);
    assert_eq!(review_item(&open, day(2026, 4, 1)), None);
}

#[test]
fn only_a_planned_action_past_its_day_is_overdue() {
    let r = request(ExplanationStatus::Accepted, day(2026, 3, 10));
    let due = day(2026, 4, 1);
    let planned = action(shared::ActionStatus::Planned, due);
    assert_eq!(action_item(&planned, &r, due), None);
    let late = action_item(&planned, &r, day(2026, 4, 3)).unwrap_or_else(|| panic!("late"));
    assert_eq!((late.kind, late.days_overdue), (TodoKind::ActionOverdue, 2));
    assert_eq!(late.comment.as_deref(), Some("Mở quầy hướng dẫn"));
    let done = action(shared::ActionStatus::Done, due);
    assert_eq!(action_item(&done, &r, day(2026, 5, 1)), None);
}

proptest! {
    #[test]
    fn an_item_is_overdue_exactly_when_today_is_past_its_due_day_by_that_many_days(
        due in 0..400i64,
        today in 0..400i64,
        returned in any::<bool>(),
    ) {
        let base = day(2026, 1, 1);
        let (due, today) = (base + chrono::Duration::days(due), base + chrono::Duration::days(today));
        let status = if returned { ExplanationStatus::Returned } else { ExplanationStatus::Open };
        let item = explanation_item(&request(status, due), today);
        let item = item.ok_or_else(|| TestCaseError::fail("owed"))?;
        let late = today > due;
        prop_assert_eq!(item.kind == TodoKind::ExplanationOverdue, late);
        prop_assert_eq!(item.days_overdue, if late { (today - due).num_days() } else { 0 });
        let r = request(ExplanationStatus::Accepted, due);
        let a = action_item(&action(shared::ActionStatus::Planned, due), &r, today);
        prop_assert_eq!(a.map(|t| t.days_overdue), late.then(|| (today - due).num_days()));
    }
}
