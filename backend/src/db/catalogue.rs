//! Queries of the catalogue: measures and indicators, read in catalogue order, looked up by id
//! or code, appended at the end of the order and edited.

use super::convert;
use super::entities::{consistency_rule, indicator, indicator_group, measure};
use crate::domain::catalogue::{IndicatorPatch, MeasurePatch};
use crate::domain::model::{Indicator, Measure};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use shared::ids::{IndicatorId, MeasureId};
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule, UnitKind};
use std::collections::HashMap;

/// Every measure in form order.
pub async fn measures<C: ConnectionTrait>(db: &C) -> Result<Vec<Measure>, DbErr> {
    let rows = measure::Entity::find()
        .order_by_asc(measure::Column::Position)
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Measure::from).collect())
}

/// The rows of entity `E` whose `column` holds one of `ids`.
async fn rows_with<E: EntityTrait, C: ConnectionTrait, I: Copy + Into<i32>>(
    db: &C,
    column: E::Column,
    ids: &[I],
) -> Result<Vec<E::Model>, DbErr> {
    let ids = ids.iter().map(|&i| -> i32 { i.into() });
    E::find().filter(column.is_in(ids)).all(db).await
}

/// Measures by id; unknown ids are left out.
pub async fn measures_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[MeasureId],
) -> Result<HashMap<MeasureId, Measure>, DbErr> {
    let rows = rows_with::<measure::Entity, _, _>(db, measure::Column::Id, ids).await?;
    Ok(rows
        .into_iter()
        .map(Measure::from)
        .map(|m| (m.id, m))
        .collect())
}

/// The row of entity `E` whose `column` holds `code` (trimmed).
async fn row_with_code<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    column: E::Column,
    code: &str,
) -> Result<Option<E::Model>, DbErr> {
    E::find().filter(column.eq(code.trim())).one(db).await
}

/// The id of the measure with `code` (trimmed).
pub async fn measure_id_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<MeasureId>, DbErr> {
    let row = row_with_code::<measure::Entity, _>(db, measure::Column::Code, code).await?;
    Ok(row.map(|m| MeasureId(m.id)))
}

/// Indicators in catalogue order, optionally of one group (trimmed), active and inactive.
pub async fn indicators<C: ConnectionTrait>(
    db: &C,
    group: Option<&str>,
) -> Result<Vec<Indicator>, DbErr> {
    let mut q = indicator::Entity::find();
    if let Some(g) = group {
        q = q.filter(indicator::Column::GroupCode.eq(g.trim()));
    }
    let rows = q
        .order_by_asc(indicator::Column::Position)
        .order_by_asc(indicator::Column::Id)
        .all(db)
        .await?;
    convert::all(rows)
}

/// Indicators by id; unknown ids are left out.
pub async fn indicators_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[IndicatorId],
) -> Result<HashMap<IndicatorId, Indicator>, DbErr> {
    let rows = rows_with::<indicator::Entity, _, _>(db, indicator::Column::Id, ids).await?;
    let list: Vec<Indicator> = convert::all(rows)?;
    Ok(list.into_iter().map(|i| (i.id, i)).collect())
}

/// One indicator by id.
pub async fn indicator<C: ConnectionTrait>(
    db: &C,
    id: IndicatorId,
) -> Result<Option<Indicator>, DbErr> {
    Ok(indicators_by_ids(db, &[id]).await?.remove(&id))
}

/// The indicator with `code` (trimmed).
pub async fn indicator_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<Indicator>, DbErr> {
    let row = row_with_code::<indicator::Entity, _>(db, indicator::Column::Code, code).await?;
    row.map(Indicator::try_from).transpose()
}

/// Whether a measure has `code` (trimmed).
pub async fn measure_code_taken<C: ConnectionTrait>(db: &C, code: &str) -> Result<bool, DbErr> {
    Ok(measure_id_by_code(db, code).await?.is_some())
}

/// Whether an indicator has `code` (trimmed).
pub async fn indicator_code_taken<C: ConnectionTrait>(db: &C, code: &str) -> Result<bool, DbErr> {
    let row = row_with_code::<indicator::Entity, _>(db, indicator::Column::Code, code).await?;
    Ok(row.is_some())
}

/// Appends a measure at the end of the form order.
pub async fn insert_measure<C: ConnectionTrait>(
    db: &C,
    code: &str,
    name: &str,
    name_en: &str,
    description: &str,
) -> Result<Measure, DbErr> {
    let position = measure::Entity::find().count(db).await? as i32 + 1;
    let row = measure::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        name_en: Set(name_en.to_owned()),
        description: Set(description.to_owned()),
        position: Set(position),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Measure::from(row))
}

/// Writes the names and description of measure `id` (`None` keeps a field) and returns it
/// as stored.
pub async fn update_measure<C: ConnectionTrait>(
    db: &C,
    id: MeasureId,
    patch: MeasurePatch,
) -> Result<Measure, DbErr> {
    let mut am = measure::ActiveModel {
        id: Unchanged(id.0),
        ..Default::default()
    };
    if let Some(n) = patch.name {
        am.name = Set(n);
    }
    if let Some(n) = patch.name_en {
        am.name_en = Set(n);
    }
    if let Some(d) = patch.description {
        am.description = Set(d);
    }
    Ok(Measure::from(am.update(db).await?))
}

/// The fields of a new indicator, its measures resolved.
#[derive(Debug, Clone)]
pub struct NewIndicatorRow<'a> {
    /// Unique code.
    pub code: &'a str,
    /// Group code.
    pub group: &'a str,
    /// Display name.
    pub name: &'a str,
    /// English name; empty: none.
    pub name_en: &'a str,
    /// Rate or count.
    pub kind: IndicatorKind,
    /// The numerator measure.
    pub numerator: MeasureId,
    /// The denominator measure of a rate.
    pub denominator: Option<MeasureId>,
    /// Whether higher is better.
    pub direction: Direction,
    /// Points at stake.
    pub points: f64,
    /// How the points are earned.
    pub rule: ScoringRule,
    /// The threshold of a THRESHOLD rule.
    pub threshold: Option<f64>,
    /// What it gives without data.
    pub no_data: NoDataRule,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: &'a [UnitKind],
}

/// Appends an active indicator at the end of the catalogue order.
pub async fn insert_indicator<C: ConnectionTrait>(
    db: &C,
    new: &NewIndicatorRow<'_>,
) -> Result<Indicator, DbErr> {
    let position = indicator::Entity::find().count(db).await? as i32 + 1;
    let row = indicator::ActiveModel {
        code: Set(new.code.to_owned()),
        group_code: Set(new.group.to_owned()),
        name: Set(new.name.to_owned()),
        name_en: Set(new.name_en.to_owned()),
        kind: Set(new.kind),
        numerator_id: Set(new.numerator.0),
        denominator_id: Set(new.denominator.map(|d| d.0)),
        direction: Set(new.direction),
        points: Set(new.points),
        rule: Set(new.rule),
        threshold: Set(new.threshold),
        active: Set(true),
        position: Set(position),
        no_data: Set(new.no_data),
        applies_to: Set(convert::store_kinds(new.applies_to)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Indicator::try_from(row)
}

/// Writes `patch` to indicator `id` (`None` keeps a field) and returns it as stored.
pub async fn update_indicator<C: ConnectionTrait>(
    db: &C,
    id: IndicatorId,
    patch: IndicatorPatch,
) -> Result<Indicator, DbErr> {
    let mut am = indicator::ActiveModel {
        id: Unchanged(id.0),
        ..Default::default()
    };
    if let Some(n) = patch.name {
        am.name = Set(n);
    }
    if let Some(n) = patch.name_en {
        am.name_en = Set(n);
    }
    if let Some(g) = patch.group {
        am.group_code = Set(g);
    }
    if let Some(p) = patch.points {
        am.points = Set(p);
    }
    if let Some(r) = patch.rule {
        am.rule = Set(r);
    }
    if let Some(t) = patch.threshold {
        am.threshold = Set(Some(t));
    }
    if let Some(a) = patch.active {
        am.active = Set(a);
    }
    if let Some(n) = patch.no_data {
        am.no_data = Set(n);
    }
    if let Some(kinds) = patch.applies_to {
        am.applies_to = Set(convert::store_kinds(&kinds));
    }
    Indicator::try_from(am.update(db).await?)
}

/// The stored consistency rules as `(part, whole)` measure codes, in the order they were
/// added.
pub async fn consistency_rules<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, String)>, DbErr> {
    let rules = consistency_rule::Entity::find()
        .order_by_asc(consistency_rule::Column::Id)
        .all(db)
        .await?;
    let codes: HashMap<i32, String> = measure::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    Ok(rules
        .into_iter()
        .filter_map(|r| {
            Some((
                codes.get(&r.part_id)?.clone(),
                codes.get(&r.whole_id)?.clone(),
            ))
        })
        .collect())
}

/// Stores the rule `part` ≤ `whole`.
pub async fn insert_consistency_rule<C: ConnectionTrait>(
    db: &C,
    part: MeasureId,
    whole: MeasureId,
) -> Result<(), DbErr> {
    consistency_rule::ActiveModel {
        part_id: Set(part.0),
        whole_id: Set(whole.0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The named groups as `(code, name)` in catalogue order.
pub async fn groups<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, String)>, DbErr> {
    Ok(indicator_group::Entity::find()
        .order_by_asc(indicator_group::Column::Position)
        .order_by_asc(indicator_group::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, g.name))
        .collect())
}

/// Names a group (the next position).
pub async fn insert_group<C: ConnectionTrait>(db: &C, code: &str, name: &str) -> Result<(), DbErr> {
    let position = indicator_group::Entity::find().count(db).await? as i32 + 1;
    indicator_group::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        position: Set(position),
    }
    .insert(db)
    .await?;
    Ok(())
}
