//! Monthly figures: the `measure_values` of a month read by measure, and an upsert keyed by
//! unit, year, month and measure, shared by saving a month and importing a file.

use super::entities::measure_value;
use super::reports::{MonthKey, ReportRow};
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};
use shared::ids::{MeasureId, UserId};
use std::collections::HashMap;

/// A month's figures by measure.
pub type ByMeasure = HashMap<MeasureId, i64>;

/// One figure to store in the month of `report`.
#[derive(Debug, Clone, Copy)]
pub struct NewValue {
    pub month: MonthKey,
    pub report: ReportRow,
    pub measure: MeasureId,
    pub value: i64,
}

/// Where stored figures came from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Typed into a month by hand.
    Manual,
    /// Imported from a file (file name and hash).
    Import(String),
}

/// The figures of one stored month.
pub async fn of_row(db: &impl ConnectionTrait, row: ReportRow) -> Result<ByMeasure, DbErr> {
    Ok(of_rows(db, &[row])
        .await?
        .into_iter()
        .map(|(_, measure, value)| (measure, value))
        .collect())
}

/// `(month, measure, value)` of every figure of the given stored months.
pub async fn of_rows(
    db: &impl ConnectionTrait,
    rows: &[ReportRow],
) -> Result<Vec<(ReportRow, MeasureId, i64)>, DbErr> {
    let mut out = Vec::new();
    for chunk in rows.chunks(5000) {
        let found: Vec<(i32, i32, i64)> = measure_value::Entity::find()
            .select_only()
            .column(measure_value::Column::ReportId)
            .column(measure_value::Column::MeasureId)
            .column(measure_value::Column::Value)
            .filter(measure_value::Column::ReportId.is_in(chunk.iter().map(|r| r.0)))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            found
                .into_iter()
                .map(|(r, m, v)| (ReportRow(r), MeasureId(m), v)),
        );
    }
    Ok(out)
}

/// Inserts the figures, replacing the value, report, source and author of existing ones.
pub async fn upsert(
    db: &impl ConnectionTrait,
    values: &[NewValue],
    source: &Source,
    by: UserId,
) -> Result<(), DbErr> {
    if values.is_empty() {
        return Ok(());
    }
    let (source, source_ref) = match source {
        Source::Manual => (measure_value::Origin::Manual, None),
        Source::Import(r) => (measure_value::Origin::Import, Some(r.clone())),
    };
    let now = Utc::now();
    let rows = values.iter().map(|v| measure_value::ActiveModel {
        unit_id: Set(v.month.unit_id.0),
        measure_id: Set(v.measure.0),
        year: Set(v.month.year),
        month: Set(v.month.month as i32),
        report_id: Set(v.report.0),
        value: Set(v.value),
        source: Set(source),
        source_ref: Set(source_ref.clone()),
        updated_at: Set(now),
        updated_by: Set(Some(by.0)),
    });
    measure_value::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                measure_value::Column::UnitId,
                measure_value::Column::Year,
                measure_value::Column::Month,
                measure_value::Column::MeasureId,
            ])
            .update_columns([
                measure_value::Column::Value,
                measure_value::Column::ReportId,
                measure_value::Column::Source,
                measure_value::Column::SourceRef,
                measure_value::Column::UpdatedAt,
                measure_value::Column::UpdatedBy,
            ])
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
