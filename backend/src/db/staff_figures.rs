//! Personal figures (`staff_measure_values`): a month's figures of some staff, their sums
//! over a range of months by staff member and measure, an upsert keyed by staff member,
//! month and measure, and clearing a figure.

use super::entities::staff;
use super::entities::staff_measure_value::{self as smv, Column as C, Origin};
use super::values::Source;
use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect,
};
use shared::ids::{MeasureId, StaffId, UnitId, UserId};
use std::collections::HashMap;

/// Staff members per query: keeps the `IN` lists short.
const CHUNK: usize = 500;

/// One staff member's figure of one measure in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffFigure {
    pub staff_id: StaffId,
    pub measure_id: MeasureId,
    pub year: i32,
    pub month: u32,
    pub value: i64,
}

/// The figures of `staff` in one month, by staff member then measure.
pub async fn of_month(
    db: &impl ConnectionTrait,
    staff: &[StaffId],
    year: i32,
    month: u32,
) -> Result<Vec<StaffFigure>, DbErr> {
    let mut out = Vec::new();
    for chunk in staff.chunks(CHUNK) {
        let rows = smv::Entity::find()
            .filter(C::StaffId.is_in(chunk.iter().map(|s| s.0)))
            .filter(C::Year.eq(year))
            .filter(C::Month.eq(month as i32))
            .order_by_asc(C::StaffId)
            .order_by_asc(C::MeasureId)
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|r| StaffFigure {
            staff_id: StaffId(r.staff_id),
            measure_id: MeasureId(r.measure_id),
            year: r.year,
            month: r.month.clamp(1, 12) as u32,
            value: r.value,
        }));
    }
    Ok(out)
}

#[derive(Debug, FromQueryResult)]
struct SumRow {
    staff_id: i32,
    measure_id: i32,
    total: i64,
}

/// Each staff member's figures of `measures` summed over months `first..=last` of `year`;
/// a pair without any figure is absent.
pub async fn sums(
    db: &impl ConnectionTrait,
    staff: &[StaffId],
    measures: &[MeasureId],
    year: i32,
    first: u32,
    last: u32,
) -> Result<HashMap<(StaffId, MeasureId), i64>, DbErr> {
    let mut out = HashMap::new();
    if measures.is_empty() {
        return Ok(out);
    }
    for chunk in staff.chunks(CHUNK) {
        let rows = smv::Entity::find()
            .select_only()
            .column(C::StaffId)
            .column(C::MeasureId)
            .column_as(Expr::cust("CAST(SUM(value) AS BIGINT)"), "total")
            .filter(C::StaffId.is_in(chunk.iter().map(|s| s.0)))
            .filter(C::MeasureId.is_in(measures.iter().map(|m| m.0)))
            .filter(C::Year.eq(year))
            .filter(C::Month.between(first as i32, last as i32))
            .group_by(C::StaffId)
            .group_by(C::MeasureId)
            .into_model::<SumRow>()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|r| ((StaffId(r.staff_id), MeasureId(r.measure_id)), r.total)),
        );
    }
    Ok(out)
}

/// Writes `figures` (insert or replace the value), stamped with their source and writer.
pub async fn upsert(
    db: &impl ConnectionTrait,
    figures: &[StaffFigure],
    source: &Source,
    by: Option<UserId>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let (origin, reference) = match source {
        Source::Manual => (Origin::Manual, None),
        Source::Import(name) => (Origin::Import, Some(name.clone())),
    };
    for chunk in figures.chunks(CHUNK) {
        let rows = chunk.iter().map(|f| smv::ActiveModel {
            staff_id: sea_orm::Set(f.staff_id.0),
            year: sea_orm::Set(f.year),
            month: sea_orm::Set(f.month as i32),
            measure_id: sea_orm::Set(f.measure_id.0),
            value: sea_orm::Set(f.value),
            source: sea_orm::Set(origin),
            source_ref: sea_orm::Set(reference.clone()),
            updated_at: sea_orm::Set(now),
            updated_by: sea_orm::Set(by.map(|u| u.0)),
        });
        let on_conflict = OnConflict::columns([C::StaffId, C::Year, C::Month, C::MeasureId])
            .update_columns([
                C::Value,
                C::Source,
                C::SourceRef,
                C::UpdatedAt,
                C::UpdatedBy,
            ])
            .to_owned();
        smv::Entity::insert_many(rows)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Serialises the writers of one unit's personal figures until the transaction ends: on
/// PostgreSQL the unit's staff rows are locked (on SQLite the writer lock already
/// serialises writers), so that a month checked against the consistency rules is the month
/// written.
pub async fn lock_unit(db: &impl ConnectionTrait, unit: UnitId) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        staff::Entity::find()
            .filter(staff::Column::UnitId.eq(unit.0))
            .lock_exclusive()
            .all(db)
            .await?;
    }
    Ok(())
}

/// Clears the figures of `pairs` (staff member, measure) in one month; returns how many
/// were stored.
pub async fn clear(
    db: &impl ConnectionTrait,
    pairs: &[(StaffId, MeasureId)],
    year: i32,
    month: u32,
) -> Result<u64, DbErr> {
    let mut removed = 0;
    for (staff, measure) in pairs {
        removed += smv::Entity::delete_many()
            .filter(C::StaffId.eq(staff.0))
            .filter(C::MeasureId.eq(measure.0))
            .filter(C::Year.eq(year))
            .filter(C::Month.eq(month as i32))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(removed)
}
