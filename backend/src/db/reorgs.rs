//! Reorganisations as stored: the change with its decision, the units it touched, the days a
//! unit is in force, and the months of figures that stand in a change's way.

use super::entities::{measure_value, reorganization, reorganization_unit, unit};
use crate::domain::tree::{MonthIndex, month_index};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::ReorgKind;
use shared::ids::UnitId;
use std::collections::HashMap;

/// A reorganisation to store.
#[derive(Debug, Clone)]
pub struct NewReorganization {
    pub kind: ReorgKind,
    pub effective_on: NaiveDate,
    pub decision: String,
    pub result: Option<UnitId>,
    pub details: Option<String>,
    pub sources: Vec<UnitId>,
    pub moved: Vec<UnitId>,
}

/// A stored reorganisation with the units it touched.
#[derive(Debug, Clone)]
pub struct StoredReorganization {
    pub id: i32,
    pub kind: ReorgKind,
    pub effective_on: NaiveDate,
    pub decision: String,
    pub result: Option<UnitId>,
    pub sources: Vec<UnitId>,
    pub moved: Vec<UnitId>,
}

/// Part of a unit in a reorganisation.
const SOURCE: &str = "SOURCE";
const MOVED: &str = "MOVED";

/// Stores a reorganisation; returns its id.
pub async fn insert(db: &impl ConnectionTrait, new: &NewReorganization) -> Result<i32, DbErr> {
    let row = reorganization::ActiveModel {
        kind: Set(new.kind),
        effective_on: Set(new.effective_on),
        decision: Set(new.decision.clone()),
        result_id: Set(new.result.map(|u| u.0)),
        details: Set(new.details.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let parts = new
        .sources
        .iter()
        .map(|u| (u, SOURCE))
        .chain(new.moved.iter().map(|u| (u, MOVED)))
        .map(|(u, role)| reorganization_unit::ActiveModel {
            reorganization_id: Set(row.id),
            unit_id: Set(u.0),
            role: Set(role.into()),
        })
        .collect::<Vec<_>>();
    if !parts.is_empty() {
        reorganization_unit::Entity::insert_many(parts)
            .exec(db)
            .await?;
    }
    Ok(row.id)
}

/// The reorganisations taking effect in `year` (every one when `None`), newest first, or
/// those touching one of `units` (as source, moved child or result), oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    year: Option<i32>,
    units: Option<&[UnitId]>,
) -> Result<Vec<StoredReorganization>, DbErr> {
    use reorganization::Column as C;
    let mut q = reorganization::Entity::find();
    if let Some(y) = year {
        let first = NaiveDate::from_ymd_opt(y, 1, 1);
        let last = NaiveDate::from_ymd_opt(y, 12, 31);
        if let (Some(first), Some(last)) = (first, last) {
            q = q.filter(C::EffectiveOn.between(first, last));
        }
    }
    if let Some(units) = units {
        let ids: Vec<i32> = units.iter().map(|u| u.0).collect();
        let touched: Vec<i32> = reorganization_unit::Entity::find()
            .select_only()
            .column(reorganization_unit::Column::ReorganizationId)
            .filter(reorganization_unit::Column::UnitId.is_in(ids.clone()))
            .into_tuple()
            .all(db)
            .await?;
        q = q.filter(C::Id.is_in(touched).or(C::ResultId.is_in(ids)));
        q = q.order_by_asc(C::EffectiveOn).order_by_asc(C::Id);
    } else {
        q = q.order_by_desc(C::EffectiveOn).order_by_desc(C::Id);
    }
    with_units(db, q.all(db).await?).await
}

/// One stored reorganisation by id.
pub async fn find(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<StoredReorganization>, DbErr> {
    let rows = reorganization::Entity::find_by_id(id).all(db).await?;
    Ok(with_units(db, rows).await?.into_iter().next())
}

/// The rows with the units each touched.
async fn with_units(
    db: &impl ConnectionTrait,
    rows: Vec<reorganization::Model>,
) -> Result<Vec<StoredReorganization>, DbErr> {
    let parts = reorganization_unit::Entity::find()
        .filter(reorganization_unit::Column::ReorganizationId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let mut by: HashMap<i32, (Vec<UnitId>, Vec<UnitId>)> = HashMap::new();
    for p in parts {
        let e = by.entry(p.reorganization_id).or_default();
        if p.role == MOVED {
            e.1.push(UnitId(p.unit_id));
        } else {
            e.0.push(UnitId(p.unit_id));
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let (mut sources, mut moved) = by.remove(&r.id).unwrap_or_default();
            sources.sort();
            moved.sort();
            StoredReorganization {
                id: r.id,
                kind: r.kind,
                effective_on: r.effective_on,
                decision: r.decision,
                result: r.result_id.map(UnitId),
                sources,
                moved,
            }
        })
        .collect())
}

/// The latest day any reorganisation took effect.
pub async fn latest_effective(db: &impl ConnectionTrait) -> Result<Option<NaiveDate>, DbErr> {
    let d: Option<Option<NaiveDate>> = reorganization::Entity::find()
        .select_only()
        .column_as(reorganization::Column::EffectiveOn.max(), "d")
        .into_tuple()
        .one(db)
        .await?;
    Ok(d.flatten())
}

/// The months (as indexes) on or after `from` in which `unit` has figures, in order.
pub async fn months_with_figures_from(
    db: &impl ConnectionTrait,
    unit: UnitId,
    from: MonthIndex,
) -> Result<Vec<MonthIndex>, DbErr> {
    let (year, _) = crate::domain::tree::year_month(from);
    let rows: Vec<(i32, i32)> = measure_value::Entity::find()
        .select_only()
        .column(measure_value::Column::Year)
        .column(measure_value::Column::Month)
        .distinct()
        .filter(measure_value::Column::UnitId.eq(unit.0))
        .filter(measure_value::Column::Year.gte(year))
        .into_tuple()
        .all(db)
        .await?;
    let mut months: Vec<MonthIndex> = rows
        .into_iter()
        .filter_map(|(y, m)| u32::try_from(m).ok().map(|m| month_index(y, m)))
        .filter(|m| *m >= from)
        .collect();
    months.sort();
    months.dedup();
    Ok(months)
}

/// Sets the days a unit is in force (`None` leaves a bound as it is).
pub async fn set_in_force(
    db: &impl ConnectionTrait,
    unit: UnitId,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
) -> Result<(), DbErr> {
    let mut q = unit::Entity::update_many().filter(unit::Column::Id.eq(unit.0));
    if let Some(d) = valid_from {
        q = q.col_expr(unit::Column::ValidFrom, Expr::value(d));
    }
    if let Some(d) = valid_to {
        q = q.col_expr(unit::Column::ValidTo, Expr::value(d));
    }
    q.exec(db).await?;
    Ok(())
}

/// Sets a unit's parent (the tree in force), code, name and kind.
pub async fn set_unit(
    db: &impl ConnectionTrait,
    unit: UnitId,
    parent: Option<UnitId>,
    code: Option<&str>,
    name: Option<&str>,
    kind: Option<shared::UnitKind>,
) -> Result<(), DbErr> {
    let mut q = unit::Entity::update_many().filter(unit::Column::Id.eq(unit.0));
    if let Some(p) = parent {
        q = q.col_expr(unit::Column::ParentId, Expr::value(p.0));
    }
    if let Some(c) = code {
        q = q.col_expr(unit::Column::Code, Expr::value(c));
    }
    if let Some(n) = name {
        q = q.col_expr(unit::Column::Name, Expr::value(n));
    }
    if let Some(k) = kind {
        q = q.col_expr(unit::Column::Kind, Expr::value(k));
    }
    q.exec(db).await?;
    Ok(())
}

/// The predecessors (units merged into each of `units`) and successors (the unit each was
/// merged into) of `units`.
pub async fn lineage(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> Result<(HashMap<UnitId, Vec<UnitId>>, HashMap<UnitId, Vec<UnitId>>), DbErr> {
    let ids: Vec<i32> = units.iter().map(|u| u.0).collect();
    // The merges these units came out of, and those they went into.
    let went_into: Vec<i32> = reorganization_unit::Entity::find()
        .select_only()
        .column(reorganization_unit::Column::ReorganizationId)
        .filter(reorganization_unit::Column::UnitId.is_in(ids.clone()))
        .filter(reorganization_unit::Column::Role.eq(SOURCE))
        .into_tuple()
        .all(db)
        .await?;
    let merges = reorganization::Entity::find()
        .filter(reorganization::Column::Kind.eq(ReorgKind::Merge))
        .filter(
            reorganization::Column::ResultId
                .is_in(ids.clone())
                .or(reorganization::Column::Id.is_in(went_into)),
        )
        .all(db)
        .await?;
    let result_of: HashMap<i32, i32> = merges
        .iter()
        .filter_map(|r| r.result_id.map(|u| (r.id, u)))
        .collect();
    let parts = reorganization_unit::Entity::find()
        .filter(reorganization_unit::Column::ReorganizationId.is_in(result_of.keys().copied()))
        .filter(reorganization_unit::Column::Role.eq(SOURCE))
        .all(db)
        .await?;
    let mut preds: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    let mut succs: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    for p in parts {
        let Some(&into) = result_of.get(&p.reorganization_id) else {
            continue;
        };
        if ids.contains(&into) {
            preds
                .entry(UnitId(into))
                .or_default()
                .push(UnitId(p.unit_id));
        }
        if ids.contains(&p.unit_id) {
            succs
                .entry(UnitId(p.unit_id))
                .or_default()
                .push(UnitId(into));
        }
    }
    Ok((preds, succs))
}

/// For each of `units` that units were merged into after `first` and up to `last`, the
/// latest such day.
pub async fn merged_into_between(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<HashMap<UnitId, NaiveDate>, DbErr> {
    use reorganization::Column as C;
    let mut out: HashMap<UnitId, NaiveDate> = HashMap::new();
    for chunk in units.chunks(1000) {
        let rows: Vec<(Option<i32>, NaiveDate)> = reorganization::Entity::find()
            .select_only()
            .column(C::ResultId)
            .column(C::EffectiveOn)
            .filter(C::Kind.eq(ReorgKind::Merge))
            .filter(C::EffectiveOn.gt(first))
            .filter(C::EffectiveOn.lte(last))
            .filter(C::ResultId.is_in(chunk.iter().map(|u| u.0)))
            .into_tuple()
            .all(db)
            .await?;
        for (unit, day) in rows {
            if let Some(u) = unit {
                let e = out.entry(UnitId(u)).or_insert(day);
                *e = Ord::max(*e, day);
            }
        }
    }
    Ok(out)
}
