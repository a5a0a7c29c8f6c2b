//! The worker's scan, run each interval with today from the clock: for every month ended
//! since the calendar started and every unit owing it that has not submitted it, the
//! notices due today (`domain::cycle::notices_due`) — the reminder and the overdue notice
//! to the unit's active officers, the escalation to the parent unit's active managers and
//! heads, each by e-mail unless turned off — with the REPORT_DUE and REPORT_OVERDUE events
//! to the webhooks hearing them; APPROVAL_OVERDUE events for months submitted and not
//! approved by their approval deadline; OFF_TRACK events for the indicators newly off
//! track (`service::cycle::off_track`). A run that was missed catches up while the month
//! is still open; the outbox's keys make each notice happen once.

use super::outbox::{self, units_by_id};
use crate::db::calendar::OwingUnit;
use crate::db::notifications::NewNotification;
use crate::db::recipients::{self, MailRecipient};
use crate::db::webhooks::{self, Listening};
use crate::db::{ConnectionTrait, Db};
use crate::domain::cycle::{Deadline, Notice, notices_due};
use crate::domain::model::{Indicator, Unit};
use crate::domain::notify::body::{IndicatorRef, WebhookBody};
use crate::domain::notify::letters::{self, MonthFacts};
use crate::domain::notify::month_key;
use crate::error::ServiceResult;
use crate::service::catalogue;
use crate::service::cycle::{self, off_track};
use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::{IndicatorId, UnitId};
use shared::{ReportStatus, Role, TodoKind};
use std::collections::{HashMap, HashSet};

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
    hooks: Vec<Listening>,
    (today, now): (NaiveDate, DateTime<Utc>),
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
        hooks,
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
    let hooks = webhooks::listening(conn).await?;
    let mut rows = off_track_posts(conn, &hooks, today, now).await?;
    if !due.is_empty() || !waiting.is_empty() {
        let ctx = context(conn, &due, &waiting, hooks, (today, now)).await?;
        rows.extend(due.iter().flat_map(|d| ctx.rows_of_due(d)));
        rows.extend(waiting.iter().flat_map(|w| ctx.rows_of_waiting(w)));
    }
    outbox::write_new(db, rows).await
}

/// The OFF_TRACK events of the indicators newly off track in the subtrees of the webhooks
/// hearing them (nothing is computed when none does).
async fn off_track_posts(
    db: &impl ConnectionTrait,
    hooks: &[Listening],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<NewNotification>> {
    let hearing: Vec<&Listening> = hooks
        .iter()
        .filter(|h| h.webhook.events.contains(&TodoKind::OffTrack))
        .collect();
    if hearing.is_empty() {
        return Ok(Vec::new());
    }
    let ids: HashSet<UnitId> = hearing
        .iter()
        .flat_map(|h| h.units.iter().copied())
        .collect();
    let units: HashMap<UnitId, Unit> = units_by_id(db, ids)
        .await?
        .into_iter()
        .filter(|(_, u)| u.active && u.valid_to.is_none_or(|end| end >= today))
        .collect();
    let list: Vec<Unit> = units.values().cloned().collect();
    let found = off_track::newly_off_track(db, &list, today).await?;
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let indicators: HashMap<IndicatorId, Indicator> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut rows = Vec::new();
    for f in found {
        let (Some(unit), Some(indicator)) = (units.get(&f.unit), indicators.get(&f.indicator))
        else {
            continue;
        };
        let event = vec![
            f.unit.to_string(),
            f.indicator.to_string(),
            format!("{}-{:02}", f.year, f.month),
        ];
        let body = WebhookBody {
            id: String::new(),
            event: TodoKind::OffTrack,
            unit: outbox::unit_ref(unit),
            year: f.year,
            month: Some(f.month),
            due_on: None,
            days_overdue: 0,
            created_at: now,
            indicator: Some(IndicatorRef {
                id: indicator.id.to_string(),
                code: indicator.code.clone(),
                name: indicator.name.clone(),
            }),
            comment: None,
        };
        rows.extend(
            hearing
                .iter()
                .filter(|h| h.hears(TodoKind::OffTrack, f.unit))
                .map(|h| outbox::post(&event, &h.webhook, &body)),
        );
    }
    Ok(rows)
}
