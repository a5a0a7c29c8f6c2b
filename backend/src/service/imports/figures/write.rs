//! Storing a checked file of figures: each touched month's new status and version, the new
//! or changed values, and their changes to the roll-ups.

use super::{FigureOptions, Plan, PlannedValue};
use crate::db::ConnectionTrait;
use crate::db::reports::{self, MonthKey, Stamp};
use crate::db::rollups;
use crate::db::values::{self, NewValue, Source};
use crate::domain::report::after_import;
use crate::domain::rollup::Delta;
use crate::error::{ServiceError, ServiceResult};
use crate::service::imports::{Progress, Stage};
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};
use std::collections::HashMap;

/// Stores the plan in the caller's transaction.
pub(super) async fn store(
    db: &impl ConnectionTrait,
    plan: &Plan,
    options: FigureOptions,
    by: Stamp,
    source_ref: String,
    progress: Progress<'_>,
) -> ServiceResult<()> {
    let rows = store_months(db, plan, options, by).await?;
    // Values that are new or different.
    let writes: Vec<&PlannedValue> = plan
        .values
        .iter()
        .filter(|v| v.old != Some(v.value))
        .collect();
    let total = writes.len() as u64;
    let source = Source::Import(source_ref);
    let mut done = 0u64;
    for chunk in writes.chunks(100_000) {
        let values = chunk
            .iter()
            .map(|v| new_value(v, &rows))
            .collect::<ServiceResult<Vec<_>>>()?;
        values::upsert(db, &values, &source, by.user).await?;
        done += chunk.len() as u64;
        progress(Stage::Writing, done, total);
    }
    let monthly = writes.iter().map(|v| v.change()).collect();
    rollups::apply_monthly(db, monthly).await?;
    progress(Stage::Writing, total, total);
    Ok(())
}

impl PlannedValue {
    /// The value's change to its unit's month, for the roll-ups.
    fn change(&self) -> ((UnitId, MeasureId, i32), u32, Delta) {
        let MonthKey {
            unit_id,
            year,
            month,
        } = self.month;
        let delta = Delta::saved(self.old, self.value);
        ((unit_id, self.measure, year), month, delta)
    }
}

fn new_value(
    v: &PlannedValue,
    rows: &HashMap<MonthKey, reports::ReportRow>,
) -> ServiceResult<NewValue> {
    let MonthKey {
        unit_id,
        year,
        month,
    } = v.month;
    let report = rows
        .get(&v.month)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("the month {unit_id}/{year}/{month} has no report"))?;
    Ok(NewValue {
        month: v.month,
        report,
        measure: v.measure,
        value: v.value,
    })
}

/// Creates the new months and moves the existing ones to their status after the import;
/// the row of every month of the plan.
async fn store_months(
    db: &impl ConnectionTrait,
    plan: &Plan,
    options: FigureOptions,
    by: Stamp,
) -> ServiceResult<HashMap<MonthKey, reports::ReportRow>> {
    let mut new_months: Vec<(MonthKey, ReportStatus)> = Vec::new();
    let mut moved = Vec::new();
    for key in &plan.months {
        let stored = plan.existing.get(key);
        let changed = plan.changed_months.contains(key);
        let to = after_import(stored.map(|m| m.status), changed, options.submit)
            .map_err(ServiceError::conflict)?;
        match (to, stored) {
            (Some(to), Some(m)) => moved.push((m.row, to)),
            (Some(to), None) => new_months.push((*key, to)),
            (None, _) => {}
        }
    }
    let mut rows = reports::create_many(db, &new_months, by).await?;
    reports::set_status_many(db, &moved, by).await?;
    rows.extend(plan.existing.iter().map(|(k, m)| (*k, m.row)));
    Ok(rows)
}
