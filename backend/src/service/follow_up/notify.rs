//! The notifications of follow-through, written into the outbox in the transaction of
//! their event: explanations asked e-mail the unit's managers and heads and post
//! EXPLANATION_DUE to the webhooks hearing the unit (one post per request); an explanation
//! sent back e-mails them again. Each is keyed by its requests (and the version a return
//! left the request at), so it happens once.

use crate::db::notifications::NewNotification;
use crate::db::{ConnectionTrait, recipients, webhooks};
use crate::domain::cycle::YearMonth;
use crate::domain::follow_up::Request;
use crate::domain::model::{Indicator, Unit};
use crate::domain::notify::body::{IndicatorRef, WebhookBody};
use crate::domain::notify::explanation_letters::{self as letters, AskedIndicator};
use crate::domain::notify::letters::Letter;
use crate::domain::notify::month_key;
use crate::error::ServiceResult;
use crate::service::notify::outbox::{self, unit_ref};
use chrono::{DateTime, Utc};
use shared::{MailKind, Role, TodoKind};
use std::collections::HashMap;

/// The e-mails of `letter` about `event` to the unit's managers and heads.
async fn to_managers_and_heads(
    db: &impl ConnectionTrait,
    unit: &Unit,
    event: &[String],
    letter: &Letter,
) -> ServiceResult<Vec<NewNotification>> {
    let mut people = recipients::accounts(db, Some(&[unit.id]), &[Role::Manager]).await?;
    people.extend(recipients::heads(db, &[unit.id]).await?);
    Ok(people
        .iter()
        .filter_map(|p| outbox::email(MailKind::Explanation, event, p, Some(unit.id), letter))
        .collect())
}

/// Explanations `asked` of `unit` about `month`: one e-mail to each manager and head
/// listing the indicators, and one EXPLANATION_DUE post per request to each webhook
/// hearing the unit.
pub async fn asked(
    db: &impl ConnectionTrait,
    unit: &Unit,
    month: YearMonth,
    asked: &[Request],
    indicators: &HashMap<shared::ids::IndicatorId, Indicator>,
    at: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(first) = asked.first() else {
        return Ok(());
    };
    let name = |r: &Request| {
        indicators
            .get(&r.indicator_id)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| r.indicator_id.to_string())
    };
    let facts = letters::AskedFacts {
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        month,
        due_on: first.due_on,
        indicators: asked
            .iter()
            .map(|r| AskedIndicator {
                name: name(r),
                status: r.track_status,
            })
            .collect(),
        message: first.message.clone(),
    };
    let ids: Vec<String> = asked.iter().map(|r| r.id.to_string()).collect();
    let event = vec![
        unit.id.to_string(),
        month_key(month),
        format!("r{}", ids.join(",")),
    ];
    let mut rows = to_managers_and_heads(db, unit, &event, &letters::asked(&facts)).await?;
    let hooks: Vec<_> = webhooks::hearing(db, unit.id)
        .await?
        .into_iter()
        .filter(|h| h.events.contains(&TodoKind::ExplanationDue))
        .collect();
    for r in asked {
        let body = WebhookBody {
            id: String::new(),
            event: TodoKind::ExplanationDue,
            unit: unit_ref(unit),
            year: r.year,
            month: Some(r.month),
            due_on: Some(r.due_on),
            days_overdue: 0,
            created_at: at,
            indicator: indicators.get(&r.indicator_id).map(|i| IndicatorRef {
                id: i.id.to_string(),
                code: i.code.clone(),
                name: i.name.clone(),
            }),
            comment: r.message.clone(),
        };
        let key = vec![format!("explanation-{}", r.id)];
        rows.extend(hooks.iter().map(|h| outbox::post(&key, h, &body)));
    }
    outbox::write_in(db, rows, at).await?;
    Ok(())
}

/// An explanation sent back with `comment`: the e-mail to the unit's managers and heads.
pub async fn returned(
    db: &impl ConnectionTrait,
    unit: &Unit,
    request: &Request,
    indicator_name: &str,
    comment: &str,
    at: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(month) = YearMonth::new(request.year, request.month) else {
        return Ok(());
    };
    let facts = letters::ReturnedFacts {
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        month,
        indicator_name: indicator_name.to_owned(),
        due_on: request.due_on,
        comment: comment.to_owned(),
    };
    let event = vec![
        format!("explanation-{}", request.id),
        "returned".to_owned(),
        format!("v{}", request.version),
    ];
    let rows = to_managers_and_heads(db, unit, &event, &letters::returned(&facts)).await?;
    outbox::write_in(db, rows, at).await?;
    Ok(())
}
