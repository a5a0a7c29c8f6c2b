//! "Việc cần làm", pure: what a unit's month asks of its officers or of a leader, what the
//! submitted months of a unit ask of the level above, when an indicator has newly fallen
//! off track, what explanations and corrective actions ask, and the order of a list (most
//! urgent first).

use super::Deadline;
use crate::domain::follow_up::{self, Action, Request};
use chrono::NaiveDate;
use shared::ids::{ExplanationRequestId, IndicatorId, UnitId};
use shared::{ExplanationStatus, ReportStatus, TodoKind, TrackStatus};
use std::cmp::{Ordering, Reverse};

/// One item of a to-do list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub kind: TodoKind,
    pub unit: UnitId,
    pub year: i32,
    /// The month (for approvals: the oldest one waiting).
    pub month: Option<u32>,
    /// OFF_TRACK: the indicator.
    pub indicator: Option<IndicatorId>,
    /// The deadline: to submit (REPORT_*), to approve (APPROVAL_*: the earliest).
    pub due_on: Option<NaiveDate>,
    /// Days past `due_on` (the most of the months counted); 0 when not overdue.
    pub days_overdue: i64,
    /// How many months the item stands for (1 but for APPROVAL_*).
    pub count: i64,
    /// REPORT_REJECTED: the comment it was sent back with; EXPLANATION_* of a returned
    /// explanation: the review's comment; ACTION_OVERDUE: the action.
    pub comment: Option<String>,
    /// EXPLANATION_* and ACTION_OVERDUE: the request the item is about.
    pub explanation_request: Option<ExplanationRequestId>,
}

impl Todo {
    fn report(kind: TodoKind, unit: UnitId, d: &Deadline, today: NaiveDate) -> Todo {
        Todo {
            kind,
            unit,
            year: d.month.year,
            month: Some(d.month.month),
            indicator: None,
            due_on: Some(d.due_on),
            days_overdue: days_after(d.due_on, today),
            count: 1,
            comment: None,
            explanation_request: None,
        }
    }

    fn about(kind: TodoKind, r: &Request, due_on: NaiveDate, today: NaiveDate) -> Todo {
        Todo {
            kind,
            unit: r.unit_id,
            year: r.year,
            month: Some(r.month),
            indicator: Some(r.indicator_id),
            due_on: Some(due_on),
            days_overdue: days_after(due_on, today),
            count: 1,
            comment: None,
            explanation_request: Some(r.id),
        }
    }
}

/// Days from `deadline` to `today`; 0 on or before it.
fn days_after(deadline: NaiveDate, today: NaiveDate) -> i64 {
    (today - deadline).num_days().max(0)
}

/// Who reads a month's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The unit's officers: months due, overdue, rejected.
    Officer,
    /// A leader: only the months that are late.
    Leader,
}

/// What an ended month of a unit asks, read on `today`: nothing once submitted or approved;
/// REPORT_REJECTED (officers) when sent back; REPORT_OVERDUE past its deadline; REPORT_DUE
/// (officers) while the deadline is ahead. A leader sees only the late months (a rejected
/// one past its deadline too).
pub fn report_item(
    reader: Reader,
    unit: UnitId,
    deadline: &Deadline,
    status: Option<ReportStatus>,
    comment: Option<&str>,
    today: NaiveDate,
) -> Option<Todo> {
    let late = today > deadline.due_on;
    let kind = match (status, reader) {
        (Some(ReportStatus::Submitted | ReportStatus::Approved), _) => return None,
        (Some(ReportStatus::Rejected), Reader::Officer) => TodoKind::ReportRejected,
        _ if late => TodoKind::ReportOverdue,
        (_, Reader::Officer) => TodoKind::ReportDue,
        (_, Reader::Leader) => return None,
    };
    let mut item = Todo::report(kind, unit, deadline, today);
    if kind == TodoKind::ReportRejected {
        item.comment = comment.map(str::to_owned);
    }
    Some(item)
}

/// What the SUBMITTED months of a unit (with their deadlines) ask of the level above on
/// `today`: one APPROVAL_OVERDUE item counting those past their approval deadline, one
/// APPROVAL_PENDING item counting the others; each dated by its oldest month.
pub fn approval_items(unit: UnitId, waiting: &[Deadline], today: NaiveDate) -> Vec<Todo> {
    let (overdue, pending): (Vec<&Deadline>, Vec<&Deadline>) =
        waiting.iter().partition(|d| today > d.approve_by);
    [
        (TodoKind::ApprovalOverdue, overdue),
        (TodoKind::ApprovalPending, pending),
    ]
    .into_iter()
    .filter_map(|(kind, months)| {
        let oldest = months.iter().map(|d| d.month).min()?;
        let due_on = months.iter().map(|d| d.approve_by).min()?;
        Some(Todo {
            kind,
            unit,
            year: oldest.year,
            month: Some(oldest.month),
            indicator: None,
            due_on: Some(due_on),
            days_overdue: days_after(due_on, today),
            count: months.len() as i64,
            comment: None,
            explanation_request: None,
        })
    })
    .collect()
}

/// An indicator of a unit newly off track at `month` of `year`.
pub fn off_track_item(unit: UnitId, indicator: IndicatorId, year: i32, month: u32) -> Todo {
    Todo {
        kind: TodoKind::OffTrack,
        unit,
        year,
        month: Some(month),
        indicator: Some(indicator),
        due_on: None,
        days_overdue: 0,
        count: 1,
        comment: None,
        explanation_request: None,
    }
}

/// What a request asks of its unit on `today`: EXPLANATION_DUE while its explanation is
/// owed (OPEN or RETURNED, with the review's comment) and its due day not past,
/// EXPLANATION_OVERDUE after; nothing otherwise.
pub fn explanation_item(r: &Request, today: NaiveDate) -> Option<Todo> {
    if !follow_up::is_owed(r.status) {
        return None;
    }
    let kind = if today > r.due_on {
        TodoKind::ExplanationOverdue
    } else {
        TodoKind::ExplanationDue
    };
    let mut item = Todo::about(kind, r, r.due_on, today);
    if r.status == ExplanationStatus::Returned {
        item.comment = r.review_comment.clone();
    }
    Some(item)
}

/// A SUBMITTED request waiting for the level above's review (dated by its due day).
pub fn review_item(r: &Request, today: NaiveDate) -> Option<Todo> {
    (r.status == ExplanationStatus::Submitted).then(|| {
        let mut item = Todo::about(TodoKind::ExplanationReview, r, r.due_on, today);
        item.days_overdue = 0;
        item
    })
}

/// A PLANNED action of request `r` past its due day on `today`.
pub fn action_item(a: &Action, r: &Request, today: NaiveDate) -> Option<Todo> {
    let late = a.status == shared::ActionStatus::Planned && today > a.due_on;
    late.then(|| {
        let mut item = Todo::about(TodoKind::ActionOverdue, r, a.due_on, today);
        item.comment = Some(a.description.clone());
        item
    })
}

/// Whether an indicator is newly OFF_TRACK at `month`: its year-to-date status is OFF_TRACK
/// there, and was not at the month before (`before`, `None` when `month` is January).
pub fn newly_off_track(month: u32, now: TrackStatus, before: Option<TrackStatus>) -> bool {
    now == TrackStatus::OffTrack && (month <= 1 || before != Some(TrackStatus::OffTrack))
}

/// The rank of a kind in a list: late reports, rejected ones, late explanations, late
/// actions, late approvals, approvals waiting, explanations to review, reports due,
/// explanations due, indicators off track.
fn kind_rank(kind: TodoKind) -> u8 {
    match kind {
        TodoKind::ReportOverdue => 0,
        TodoKind::ReportRejected => 1,
        TodoKind::ExplanationOverdue => 2,
        TodoKind::ActionOverdue => 3,
        TodoKind::ApprovalOverdue => 4,
        TodoKind::ApprovalPending => 5,
        TodoKind::ExplanationReview => 6,
        TodoKind::ReportDue => 7,
        TodoKind::ExplanationDue => 8,
        TodoKind::OffTrack => 9,
    }
}

/// Most urgent first: by kind (see [`kind_rank`]), then the most days overdue, then the
/// nearest deadline, then the oldest month, then by unit and indicator.
pub fn urgency(a: &Todo, b: &Todo) -> Ordering {
    let key = |t: &Todo| {
        (
            kind_rank(t.kind),
            Reverse(t.days_overdue),
            t.due_on.unwrap_or(NaiveDate::MAX),
            t.year,
            t.month,
            t.unit,
            t.indicator,
        )
    };
    key(a).cmp(&key(b))
}

/// Sorts a list most urgent first.
pub fn sort(items: &mut [Todo]) {
    items.sort_by(urgency);
}

#[cfg(test)]
mod tests;
