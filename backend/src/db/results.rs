//! The reads behind results, scoreboards and cascade gaps: the units of a board, the targets
//! in force with the milestones a rule reads, and the targets of parents and children.
//! Each is a constant number of queries whatever the number of units.

use super::convert;
use super::entities::{milestone, target, unit};
use crate::domain::model::{Target, Unit};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use shared::ids::{IndicatorId, TargetId, UnitId};
use shared::{Grain, UnitKind};
use std::collections::HashMap;

/// Keeps `column` (a unit id) inside the subtree of `within` (`None`: the whole tree).
fn inside<Q: QueryFilter, C: ColumnTrait>(query: Q, column: C, within: Option<UnitId>) -> Q {
    match within {
        Some(root) => {
            query.filter(Expr::col(column).in_subquery(super::closure::subtree_query(root)))
        }
        None => query,
    }
}

/// The active units inside `within`, of a kind and under a parent when given, by name.
pub async fn board_units(
    db: &impl ConnectionTrait,
    within: Option<UnitId>,
    kind: Option<UnitKind>,
    parent: Option<UnitId>,
) -> Result<Vec<Unit>, DbErr> {
    let mut q = inside(unit::Entity::find(), unit::Column::Id, within)
        .filter(unit::Column::Active.eq(true));
    if let Some(k) = kind {
        q = q.filter(unit::Column::Kind.eq(k));
    }
    if let Some(p) = parent {
        q = q.filter(unit::Column::ParentId.eq(p.0));
    }
    let rows = q
        .order_by_asc(unit::Column::Name)
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    convert::all(rows)
}

/// The targets of `units` × `indicators` (in `year` when given), oldest decision first.
pub async fn targets_of_units(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    indicators: &[IndicatorId],
    year: Option<i32>,
) -> Result<Vec<Target>, DbErr> {
    let mut out = Vec::new();
    for chunk in units.chunks(5000) {
        let mut q = target::Entity::find()
            .filter(target::Column::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(target::Column::IndicatorId.is_in(indicators.iter().map(|i| i.0)));
        if let Some(y) = year {
            q = q.filter(target::Column::Year.eq(y));
        }
        let rows = q.order_by_asc(target::Column::DecisionId).all(db).await?;
        out.extend(rows.into_iter().map(Target::from));
    }
    Ok(out)
}

/// The milestones of `targets` at the given indexes of each grain, as `(index, value)`
/// with the grain of the roadmap.
pub async fn milestones_read(
    db: &impl ConnectionTrait,
    targets: &[TargetId],
    indexes: &[(Grain, Vec<i32>)],
) -> Result<HashMap<TargetId, (Grain, Vec<(i32, f64)>)>, DbErr> {
    let mut at = Condition::any();
    for (grain, idx) in indexes {
        at = at.add(
            Condition::all()
                .add(milestone::Column::Grain.eq(*grain))
                .add(milestone::Column::Idx.is_in(idx.iter().copied())),
        );
    }
    let mut read: HashMap<TargetId, (Grain, Vec<(i32, f64)>)> = HashMap::new();
    for chunk in targets.chunks(5000) {
        let ms = milestone::Entity::find()
            .filter(milestone::Column::TargetId.is_in(chunk.iter().map(|t| t.0)))
            .filter(at.clone())
            .all(db)
            .await?;
        for m in ms {
            let grain = m.grain;
            read.entry(TargetId(m.target_id))
                .or_insert_with(|| (grain, Vec::new()))
                .1
                .push((m.idx, m.value));
        }
    }
    Ok(read)
}

/// The targets with these ids whose unit is inside `within` (`None`: the whole tree).
pub async fn targets_by_ids(
    db: &impl ConnectionTrait,
    ids: &[TargetId],
    within: Option<UnitId>,
) -> Result<Vec<Target>, DbErr> {
    let q = target::Entity::find().filter(target::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let rows = inside(q, target::Column::UnitId, within).all(db).await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// The active direct children of `parents`, as `(child, parent)`.
pub async fn active_children(
    db: &impl ConnectionTrait,
    parents: &[UnitId],
) -> Result<Vec<(UnitId, UnitId)>, DbErr> {
    let rows = unit::Entity::find()
        .filter(unit::Column::ParentId.is_in(parents.iter().map(|p| p.0)))
        .filter(unit::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| c.parent_id.map(|p| (UnitId(c.id), UnitId(p))))
        .collect())
}
