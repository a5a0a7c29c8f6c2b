//! When the cycle speaks: a reminder 2 days before a month's deadline (up to the day
//! itself, never after), the overdue notice from the day after, the escalation to the
//! parent unit from 3 days after. A worker run that was missed catches up while the month
//! is still not submitted.

use super::Deadline;
use chrono::NaiveDate;
use shared::MailKind;

/// Days before the deadline the reminder goes out.
pub const REMINDER_DAYS_BEFORE: i64 = 2;
/// Days after the deadline the escalation goes out.
pub const ESCALATION_DAYS_AFTER: i64 = 3;

/// What is due for an unsubmitted month on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Notice {
    /// To the unit's officers, before the deadline.
    Reminder,
    /// To the unit's officers, after it.
    Overdue,
    /// To the parent unit's managers and heads.
    Escalation,
}

impl Notice {
    /// The kind of e-mail it is (also `notifications.kind`).
    pub fn mail_kind(self) -> MailKind {
        match self {
            Notice::Reminder => MailKind::Reminder,
            Notice::Overdue => MailKind::Overdue,
            Notice::Escalation => MailKind::Escalation,
        }
    }
}

/// The notices due on `today` for a month not submitted, given its deadline.
pub fn notices_due(deadline: &Deadline, today: NaiveDate) -> Vec<Notice> {
    let days = (today - deadline.due_on).num_days();
    let mut out = Vec::new();
    if (-REMINDER_DAYS_BEFORE..=0).contains(&days) {
        out.push(Notice::Reminder);
    }
    if days >= 1 {
        out.push(Notice::Overdue);
    }
    if days >= ESCALATION_DAYS_AFTER {
        out.push(Notice::Escalation);
    }
    out
}
