//! The figures of last year that a roadmap split starts from, read from the maintained
//! roll-ups of a unit's subtree.

use super::rollups;
use sea_orm::{ConnectionTrait, DbErr};
use shared::ids::{MeasureId, UnitId};
use std::collections::HashMap;

/// The year-to-date totals at December of `year` over the unit's subtree, of those of
/// `measures` that have reported values.
pub async fn december_totals<C: ConnectionTrait>(
    db: &C,
    unit: UnitId,
    measures: &[MeasureId],
    year: i32,
) -> Result<HashMap<MeasureId, i64>, DbErr> {
    let rows = rollups::ytd_rows(db, &[unit], measures, year, &[12], false).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.count > 0)
        .map(|r| (r.measure_id, r.total))
        .collect())
}

/// The year-to-date totals of `measure` over the unit's subtree at the end of each month of
/// `year` (0 where no row is kept); `None` when nothing was reported that year.
pub async fn year_to_date_by_month<C: ConnectionTrait>(
    db: &C,
    unit: UnitId,
    measure: MeasureId,
    year: i32,
) -> Result<Option<[i64; 12]>, DbErr> {
    let months: Vec<i32> = (1..=12).collect();
    let rows = rollups::ytd_rows(db, &[unit], &[measure], year, &months, false).await?;
    if rows.iter().all(|r| r.count == 0) {
        return Ok(None);
    }
    let mut ytd = [0i64; 12];
    for r in rows.iter().filter(|r| (1..=12).contains(&r.month)) {
        ytd[(r.month - 1) as usize] = r.total;
    }
    Ok(Some(ytd))
}
