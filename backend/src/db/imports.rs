//! The reads and writes of file imports that are not monthly figures: the units a file
//! names, the catalogue's indicators, a decision and its targets, stored in bulk.

use super::convert;
use super::entities::{decision, indicator, milestone, target, unit};
use crate::domain::model::{Decision, Indicator, Target};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::ids::{DecisionId, IndicatorId, TargetId, UnitId};
use std::collections::HashMap;

/// An active unit named in a file.
#[derive(Debug, Clone)]
pub struct KnownUnit {
    pub id: UnitId,
    pub code: String,
    pub name: String,
}

/// The active unit of each code, in the order of `codes` (`None` for unknown or inactive).
pub async fn active_units_by_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<Vec<Option<KnownUnit>>, DbErr> {
    let mut found: HashMap<String, KnownUnit> = HashMap::new();
    for chunk in codes.chunks(1000) {
        let rows = unit::Entity::find()
            .filter(unit::Column::Code.is_in(chunk.iter().cloned()))
            .filter(unit::Column::Active.eq(true))
            .all(db)
            .await?;
        for u in rows {
            let known = KnownUnit {
                id: UnitId(u.id),
                code: u.code.clone(),
                name: u.name,
            };
            found.insert(u.code, known);
        }
    }
    Ok(codes.iter().map(|c| found.get(c).cloned()).collect())
}

/// Every indicator of the catalogue, in catalogue order.
pub async fn indicators(db: &impl ConnectionTrait) -> Result<Vec<Indicator>, DbErr> {
    let rows = indicator::Entity::find()
        .order_by_asc(indicator::Column::Position)
        .all(db)
        .await?;
    convert::all(rows)
}

/// The decision with this id.
pub async fn decision_by_id(
    db: &impl ConnectionTrait,
    id: DecisionId,
) -> Result<Option<Decision>, DbErr> {
    let row = decision::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(Decision::from))
}

/// The decision with this number.
pub async fn decision_by_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<Option<Decision>, DbErr> {
    let row = decision::Entity::find()
        .filter(decision::Column::Number.eq(number))
        .one(db)
        .await?;
    Ok(row.map(Decision::from))
}

/// The targets of a decision by unit and indicator.
pub async fn targets_of(
    db: &impl ConnectionTrait,
    decision: DecisionId,
) -> Result<HashMap<(UnitId, IndicatorId), Target>, DbErr> {
    let rows = target::Entity::find()
        .filter(target::Column::DecisionId.eq(decision.0))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(Target::from)
        .map(|t| ((t.unit_id, t.indicator_id), t))
        .collect())
}

/// A target to store: its unit, indicator, value and baseline.
#[derive(Debug, Clone, Copy)]
pub struct TargetValue {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    pub value: f64,
    pub baseline: Option<f64>,
}

/// Adds new targets to a decision (version 1, no responsible staff, not split).
pub async fn insert_targets(
    db: &impl ConnectionTrait,
    decision: &Decision,
    targets: &[TargetValue],
) -> Result<(), DbErr> {
    let rows: Vec<target::ActiveModel> = targets
        .iter()
        .map(|t| target::ActiveModel {
            decision_id: Set(decision.id.0),
            unit_id: Set(t.unit.0),
            indicator_id: Set(t.indicator.0),
            year: Set(decision.year),
            value: Set(t.value),
            baseline: Set(t.baseline),
            responsible_staff_id: Set(None),
            version: Set(1),
            split_grain: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(1000) {
        target::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

/// Sets a target's value and baseline, bumps its version and drops its roadmap (it was
/// split from the old value and no longer leads to the target).
pub async fn replace_target(
    db: &impl ConnectionTrait,
    id: TargetId,
    value: f64,
    baseline: Option<f64>,
) -> Result<(), DbErr> {
    target::Entity::update_many()
        .col_expr(target::Column::Value, Expr::value(value))
        .col_expr(target::Column::Baseline, Expr::value(baseline))
        .col_expr(
            target::Column::Version,
            Expr::col(target::Column::Version).add(1),
        )
        .filter(target::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    milestone::Entity::delete_many()
        .filter(milestone::Column::TargetId.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}
