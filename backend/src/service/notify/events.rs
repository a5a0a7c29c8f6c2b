//! The notifications written in the transaction of a workflow event, so that they exist
//! exactly when the event does and the request never waits for their delivery: a month
//! sent back e-mails the unit's officers (REJECTED) and posts REPORT_REJECTED; a month
//! submitted posts APPROVAL_PENDING. Each rejection and submission is its own event (the
//! month's version is in the key).

use super::outbox::{self, unit_ref};
use crate::db::notifications::NewNotification;
use crate::db::{ConnectionTrait, recipients, units, webhooks};
use crate::domain::cycle::{Deadline, YearMonth};
use crate::domain::notify::body::WebhookBody;
use crate::domain::notify::letters::{self, MonthFacts};
use crate::domain::notify::month_key;
use crate::error::ServiceResult;
use crate::service::cycle;
use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::UnitId;
use shared::{MailKind, Role, TodoKind};

/// A month's event: the unit, the month, the version it left the month at, when.
#[derive(Debug, Clone, Copy)]
pub struct MonthEvent {
    pub unit: UnitId,
    pub month: YearMonth,
    pub version: i32,
    pub at: DateTime<Utc>,
}

impl MonthEvent {
    fn key(&self) -> Vec<String> {
        vec![
            self.unit.to_string(),
            month_key(self.month),
            format!("v{}", self.version),
        ]
    }

    fn today(&self) -> NaiveDate {
        crate::clock::vietnam_day(self.at)
    }
}

/// The month's deadlines as the calendar stands.
async fn deadline(db: &impl ConnectionTrait, month: YearMonth) -> ServiceResult<Option<Deadline>> {
    Ok(cycle::calendar(db).await?.deadline(month))
}

/// The posts of `body` to every webhook hearing it.
async fn posts(
    db: &impl ConnectionTrait,
    e: &MonthEvent,
    body: &WebhookBody,
) -> ServiceResult<Vec<NewNotification>> {
    Ok(webhooks::hearing(db, e.unit)
        .await?
        .iter()
        .filter(|h| h.events.contains(&body.event))
        .map(|h| outbox::post(&e.key(), h, body))
        .collect())
}

/// A month sent back with `comment`: the officers' e-mail and the REPORT_REJECTED posts.
pub async fn rejected(
    db: &impl ConnectionTrait,
    e: MonthEvent,
    comment: &str,
) -> ServiceResult<()> {
    let Some(unit) = units::find(db, e.unit).await? else {
        return Ok(());
    };
    let Some(d) = deadline(db, e.month).await? else {
        return Ok(());
    };
    let today = e.today();
    let days_overdue = (today - d.due_on).num_days().max(0);
    let facts = MonthFacts {
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        month: e.month,
        due_on: d.due_on,
        days_overdue,
    };
    let letter = letters::rejected(&facts, comment);
    let officers = recipients::accounts(db, Some(&[e.unit]), &[Role::Officer]).await?;
    let mut rows: Vec<NewNotification> = officers
        .iter()
        .filter_map(|p| outbox::email(MailKind::Rejected, &e.key(), p, Some(e.unit), &letter))
        .collect();
    let body = WebhookBody {
        id: String::new(),
        event: TodoKind::ReportRejected,
        unit: unit_ref(&unit),
        year: e.month.year,
        month: Some(e.month.month),
        due_on: Some(d.due_on),
        days_overdue,
        created_at: e.at,
        indicator: None,
        comment: Some(comment.to_owned()),
    };
    rows.extend(posts(db, &e, &body).await?);
    outbox::write_in(db, rows, e.at).await?;
    Ok(())
}

/// A month submitted: the APPROVAL_PENDING posts.
pub async fn submitted(db: &impl ConnectionTrait, e: MonthEvent) -> ServiceResult<()> {
    let Some(unit) = units::find(db, e.unit).await? else {
        return Ok(());
    };
    let Some(d) = deadline(db, e.month).await? else {
        return Ok(());
    };
    let body = WebhookBody {
        id: String::new(),
        event: TodoKind::ApprovalPending,
        unit: unit_ref(&unit),
        year: e.month.year,
        month: Some(e.month.month),
        due_on: Some(d.approve_by),
        days_overdue: (e.today() - d.approve_by).num_days().max(0),
        created_at: e.at,
        indicator: None,
        comment: None,
    };
    let rows = posts(db, &e, &body).await?;
    outbox::write_in(db, rows, e.at).await?;
    Ok(())
}
