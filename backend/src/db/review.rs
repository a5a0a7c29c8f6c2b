//! The figures a review of months is judged against: every stored month of several units
//! over a range of years, with its status and figures, in two queries whatever the number
//! of units.

use super::convert;
use super::entities::monthly_report;
use super::reports::{MonthKey, ReportRow};
use super::values;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};
use std::collections::HashMap;

/// A stored month of a unit with its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthFigures {
    pub status: ReportStatus,
    pub figures: HashMap<MeasureId, i64>,
}

/// Every stored month of `units` in the years `first_year..=last_year`.
pub async fn months_of_units(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    first_year: i32,
    last_year: i32,
) -> Result<HashMap<MonthKey, MonthFigures>, DbErr> {
    let mut rows: HashMap<ReportRow, MonthKey> = HashMap::new();
    let mut out: HashMap<MonthKey, MonthFigures> = HashMap::new();
    for chunk in units.chunks(1000) {
        let found = monthly_report::Entity::find()
            .filter(monthly_report::Column::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(monthly_report::Column::Year.between(first_year, last_year))
            .all(db)
            .await?;
        for r in found {
            let key = MonthKey {
                unit_id: UnitId(r.unit_id),
                year: r.year,
                month: convert::month(r.month)?,
            };
            rows.insert(ReportRow(r.id), key);
            out.insert(
                key,
                MonthFigures {
                    status: r.status,
                    figures: HashMap::new(),
                },
            );
        }
    }
    let ids: Vec<ReportRow> = rows.keys().copied().collect();
    for (row, measure, value) in values::of_rows(db, &ids).await? {
        if let Some(month) = rows.get(&row).and_then(|k| out.get_mut(k)) {
            month.figures.insert(measure, value);
        }
    }
    Ok(out)
}
