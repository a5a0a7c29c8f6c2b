//! The worker's scan, run each interval with today from the clock: for every month ended
//! since the calendar started and every unit owing it that has not submitted it, the
//! notices due today (`domain::cycle::notices_due`) — the reminder and the overdue notice
//! to the unit's active officers, the escalation to the parent unit's active managers and
//! heads, each by e-mail unless turned off — with the REPORT_DUE and REPORT_OVERDUE events
//! to the webhooks hearing them; APPROVAL_OVERDUE events for months submitted and not
//! approved by their approval deadline. A run that was missed catches up while the month
//! is still open; the outbox's keys make each notice happen once.

use super::outbox::{self, units_by_id};
use crate::db::calendar::OwingUnit;
use crate::db::notifications::NewNotification;
use crate::db::recipients::{self, MailRecipient};
use crate::db::webhooks::{self, Listening};
use crate::db::{ConnectionTrait, Db};
use crate::domain::cycle::{Deadline, Notice, notices_due};
use crate::domain::model::Unit;
use crate::domain::notify::body::WebhookBody;
use crate::domain::notify::letters::{self, MonthFacts};
use crate::domain::notify::month_key;
use crate::error::ServiceResult;
use crate::service::cycle;
use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::UnitId;
use shared::{ReportStatus, Role, TodoKind};
use std::collections::HashMap;

/// A notice due about a unit's month.
struct Due {
    unit: UnitId,
    parent: Option<UnitId>,
    deadline: Deadline,
    notice: Notice,
}

/// A submitted month past its approval deadline.
struct Waiting {
    unit: UnitId,
    deadline: Deadline,
}

/// What the scan found due on `today` in `months`.
fn due_on(months: &[cycle::MonthOwed], today: NaiveDate) -> (Vec<Due>, Vec<Waiting>) {
    let (mut due, mut waiting) = (Vec::new(), Vec::new());
    for m in months {
        for u in &m.units {
            match u.status {
                Some(ReportStatus::Approved) => {}
                Some(ReportStatus::Submitted) => {
                    if today > m.deadline.approve_by {
                        waiting.push(Waiting {
                            unit: u.unit,
                            deadline: m.deadline,
                        });
                    }
                }
                _ => due.extend(notices(u, &m.deadline, today)),
            }
        }
    }
    (due, waiting)
}

fn notices(u: &OwingUnit, deadline: &Deadline, today: NaiveDate) -> Vec<Due> {
    notices_due(deadline, today)
        .into_iter()
        .map(|notice| Due {
            unit: u.unit,
            parent: u.parent,
            deadline: *deadline,
            notice,
        })
        .collect()
}

/// The people of each unit.
fn by_unit(people: Vec<MailRecipient>) -> HashMap<UnitId, Vec<MailRecipient>> {
    let mut out: HashMap<UnitId, Vec<MailRecipient>> = HashMap::new();
    for p in people {
        out.entry(p.unit).or_default().push(p);
    }
    out
}

/// Everything the scan needs besides the months: names, people, webhooks.
struct Context {
    units: HashMap<UnitId, Unit>,
    officers: HashMap<UnitId, Vec<MailRecipient>>,
    leaders: HashMap<UnitId, Vec<MailRecipient>>,
    hooks: Vec<Listening>,
    today: NaiveDate,
    now: DateTime<Utc>,
}

async fn context(
    db: &impl ConnectionTrait,
    due: &[Due],
    waiting: &[Waiting],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<Context> {
    let mut unit_ids: Vec<UnitId> = due.iter().map(|d| d.unit).collect();
    unit_ids.extend(due.iter().filter_map(|d| d.parent));
    unit_ids.extend(waiting.iter().map(|w| w.unit));
    let units = units_by_id(db, unit_ids).await?;
    let mut told: Vec<UnitId> = due
        .iter()
        .filter(|d| d.notice != Notice::Escalation)
        .map(|d| d.unit)
        .collect();
    told.sort_unstable();
    told.dedup();
    let mut parents: Vec<UnitId> = due
        .iter()
        .filter(|d| d.notice == Notice::Escalation)
        .filter_map(|d| d.parent)
        .collect();
    parents.sort_unstable();
    parents.dedup();
    let officers = recipients::accounts(db, Some(&told), &[Role::Officer]).await?;
    let mut leaders = recipients::accounts(db, Some(&parents), &[Role::Manager]).await?;
    leaders.extend(recipients::heads(db, &parents).await?);
    Ok(Context {
        units,
        officers: by_unit(officers),
        leaders: by_unit(leaders),
        hooks: webhooks::listening(db).await?,
        today,
        now,
    })
}

impl Context {
    /// The webhook body of `event` about `unit`'s month with `due_on`.
    fn body(&self, event: TodoKind, unit: &Unit, d: &Deadline, due_on: NaiveDate) -> WebhookBody {
        WebhookBody {
            id: String::new(),
            event,
            unit: outbox::unit_ref(unit),
            year: d.month.year,
            month: Some(d.month.month),
            due_on: Some(due_on),
            days_overdue: (self.today - due_on).num_days().max(0),
            created_at: self.now,
            indicator: None,
            comment: None,
        }
    }

    /// The posts of `body` to every webhook hearing it.
    fn posts(&self, event: &[String], unit: UnitId, body: &WebhookBody) -> Vec<NewNotification> {
        self.hooks
            .iter()
            .filter(|h| h.hears(body.event, unit))
            .map(|h| outbox::post(event, &h.webhook, body))
            .collect()
    }

    fn rows_of_due(&self, d: &Due) -> Vec<NewNotification> {
        let Some(unit) = self.units.get(&d.unit) else {
            return Vec::new();
        };
        let event = vec![d.unit.to_string(), month_key(d.deadline.month)];
        let facts = MonthFacts {
            unit_id: unit.id,
            unit_name: unit.name.clone(),
            month: d.deadline.month,
            due_on: d.deadline.due_on,
            days_overdue: (self.today - d.deadline.due_on).num_days().max(0),
        };
        let kind = d.notice.mail_kind();
        let (letter, people, hook_event) = match d.notice {
            Notice::Reminder => (
                letters::reminder(&facts),
                self.officers.get(&d.unit),
                Some(TodoKind::ReportDue),
            ),
            Notice::Overdue => (
                letters::overdue(&facts),
                self.officers.get(&d.unit),
                Some(TodoKind::ReportOverdue),
            ),
            Notice::Escalation => {
                let parent = d.parent.and_then(|p| self.units.get(&p));
                let name = parent.map(|p| p.name.as_str()).unwrap_or_default();
                (
                    letters::escalation(&facts, name),
                    d.parent.and_then(|p| self.leaders.get(&p)),
                    None,
                )
            }
        };
        let mut rows: Vec<NewNotification> = people
            .into_iter()
            .flatten()
            .filter_map(|p| outbox::email(kind, &event, p, Some(d.unit), &letter))
            .collect();
        if let Some(hook_event) = hook_event {
            let body = self.body(hook_event, unit, &d.deadline, d.deadline.due_on);
            rows.extend(self.posts(&event, d.unit, &body));
        }
        rows
    }

    fn rows_of_waiting(&self, w: &Waiting) -> Vec<NewNotification> {
        let Some(unit) = self.units.get(&w.unit) else {
            return Vec::new();
        };
        let event = vec![w.unit.to_string(), month_key(w.deadline.month)];
        let body = self.body(
            TodoKind::ApprovalOverdue,
            unit,
            &w.deadline,
            w.deadline.approve_by,
        );
        self.posts(&event, w.unit, &body)
    }
}

/// One scan on the clock's day; how many notifications it wrote.
pub async fn scan(db: &Db) -> ServiceResult<usize> {
    let (today, now) = (db.clock().today(), db.now());
    let conn = db.conn();
    let calendar = cycle::calendar(conn).await?;
    let months = cycle::months_owed(conn, &calendar, today).await?;
    let (due, waiting) = due_on(&months, today);
    if due.is_empty() && waiting.is_empty() {
        return Ok(0);
    }
    let ctx = context(conn, &due, &waiting, today, now).await?;
    let mut rows: Vec<NewNotification> = due.iter().flat_map(|d| ctx.rows_of_due(d)).collect();
    rows.extend(waiting.iter().flat_map(|w| ctx.rows_of_waiting(w)));
    outbox::write_new(db, rows).await
}
