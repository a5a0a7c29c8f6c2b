//! Explanations the product asks itself, in the transaction of a month's approval: the
//! approved unit's active indicators at that month (year to date, approved figures, the
//! results engine for that one unit) that are OFF_TRACK (or AT_RISK when the province says
//! so) and have no request followed get one, due in the configured days, with its e-mail
//! and webhook posts; the requests followed whose indicator is back ON_TRACK close with a
//! note. A constant number of queries whatever the unit's history; each automatic request
//! has a key, so that approving the month again never asks twice.

use super::{notify, settings};
use crate::auth::Actor;
use crate::db::explanations::{self, NewRequest};
use crate::db::{ConnectionTrait, units};
use crate::domain::cycle::YearMonth;
use crate::domain::follow_up::auto::{self as rules, Live};
use crate::domain::follow_up::{Request, auto_key, back_on_track_note};
use crate::domain::model::Indicator;
use crate::error::ServiceResult;
use crate::service::results::{Basis, compute_periods};
use crate::service::{audit, catalogue};
use chrono::{DateTime, Utc};
use shared::Period;
use shared::ids::{IndicatorId, UnitId};
use std::collections::HashMap;

/// Asks and closes what the approval of `unit`'s `month` of `year` calls for (see the
/// module), at `at`, audited as done by `actor`.
pub async fn on_approval(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    month: YearMonth,
    at: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(unit) = units::find(db, unit).await? else {
        return Ok(());
    };
    let config = settings::read(db).await?;
    let indicators: Vec<Indicator> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active && i.applies_to_kind(unit.kind))
        .collect();
    if indicators.is_empty() {
        return Ok(());
    }
    let period = Period::ytd(month.year, month.month)?;
    let computed = compute_periods(
        db,
        std::slice::from_ref(&unit),
        &indicators,
        &[period],
        Basis::ApprovedOnly,
    )
    .await?;
    let statuses: Vec<(IndicatorId, shared::TrackStatus)> = computed
        .into_iter()
        .flatten()
        .flat_map(|(_, rows)| rows)
        .map(|r| (r.indicator_id, r.eval.status))
        .collect();
    let live = explanations::live_of(db, unit.id, None).await?;
    let lives: Vec<Live> = live
        .iter()
        .map(|r| Live {
            id: r.id,
            indicator: r.indicator_id,
            month: (r.year, r.month),
        })
        .collect();
    let plan = rules::on_approval(
        (month.year, month.month),
        &statuses,
        &lives,
        config.include_at_risk,
    );
    let today = crate::clock::vietnam_day(at);
    let mut asked: Vec<Request> = Vec::new();
    for (indicator, status) in plan.ask {
        let new = NewRequest {
            unit_id: unit.id,
            indicator_id: indicator,
            year: month.year,
            month: month.month,
            track_status: status,
            auto_key: Some(auto_key(unit.id, indicator, month.year, month.month)),
            requested_by: None,
            requested_at: at,
            due_on: config.due_on(today),
            message: None,
        };
        if let Some(id) = explanations::insert_once(db, new).await?
            && let Some(r) = explanations::find(db, id).await?
        {
            audit::created(
                db,
                Some(actor),
                "askExplanation",
                "explanationRequest",
                r.id,
                &r,
            )
            .await?;
            asked.push(r);
        }
    }
    if !plan.close.is_empty() {
        let note = back_on_track_note(month.year, month.month);
        explanations::close_all(db, &plan.close, at, &note).await?;
        for r in live.iter().filter(|r| plan.close.contains(&r.id)) {
            let before = serde_json::json!({"status": r.status, "version": r.version});
            let after = serde_json::json!({
                "status": shared::ExplanationStatus::Closed,
                "closeNote": note,
                "version": r.version + 1,
            });
            let (action, entity) = ("closeExplanationRequest", "explanationRequest");
            audit::record(
                db,
                Some(actor),
                action,
                entity,
                r.id,
                Some(before),
                Some(after),
            )
            .await?;
        }
    }
    let by_id: HashMap<IndicatorId, Indicator> =
        indicators.into_iter().map(|i| (i.id, i)).collect();
    notify::asked(db, &unit, month, &asked, &by_id, at).await
}
