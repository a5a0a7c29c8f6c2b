//! Importing monthly figures: the same rules as saving a month by hand (scope, workflow,
//! consistency, versions, roll-ups, audit), applied to a whole file at once.

use super::{
    ImportReport, KnownUnit, Progress, Stage, UnitChange, Upload, placements, read_off_thread,
    resolve_units, unit_problem,
};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::entities::{measure, measure_value, monthly_report, unit_closure};
use crate::db::rollups::{self, Delta, RollupKey};
use crate::domain::report::{ReportAction, transition};
use crate::domain::scope::may_write_figures;
use crate::error::{ServiceError, ServiceResult};
use crate::service::audit;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::sheets::{FigureCell, Figures, Problem, ProblemKind, ProblemReason, read_figures};
use shared::validation::check_consistency;
use shared::{ReportStatus, Role};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How an import treats the months it touches.
#[derive(Debug, Clone, Copy, Default)]
pub struct FigureOptions {
    /// Check and report only; store nothing.
    pub dry_run: bool,
    /// Submit the touched months for approval (otherwise they are saved as DRAFT).
    pub submit: bool,
}

/// A unit's month: (unit id, year, month).
type MonthKey = (i32, i32, u8);

struct Existing {
    id: i32,
    status: ReportStatus,
}

/// Reads, checks and (unless a dry run or a problem) stores the figures of a file.
pub async fn import(
    actor: &Actor,
    db: &Db,
    upload: Upload,
    options: FigureOptions,
    progress: Progress<'_>,
) -> ServiceResult<ImportReport> {
    let role = actor.require_role(
        &[Role::Admin, Role::Manager, Role::Officer],
        "import monthly figures",
    )?;
    let user = actor.require_user("import monthly figures")?;
    upload.check_size()?;
    let measures: Vec<measure::Model> = measure::Entity::find()
        .order_by_asc(measure::Column::Position)
        .all(db.conn())
        .await?;
    progress(Stage::Reading, 0, upload.bytes.len() as u64);
    let names: Vec<(String, String)> = measures
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let figures = read_off_thread(upload.bytes.clone(), names, read_figures).await?;
    progress(
        Stage::Reading,
        upload.bytes.len() as u64,
        upload.bytes.len() as u64,
    );
    let mut report = ImportReport::new(
        &upload,
        figures.format,
        figures.layout.map(|l| l.as_str()),
        figures.rows,
        figures.cells.len(),
        figures.problems.clone(),
    );
    if options.dry_run {
        check(
            actor,
            role,
            db.conn(),
            &figures,
            &measures,
            &mut report,
            progress,
            false,
        )
        .await?;
        report.tally();
        return Ok(report);
    }
    let txn = db.write().await?;
    let plan = check(
        actor,
        role,
        &*txn,
        &figures,
        &measures,
        &mut report,
        progress,
        true,
    )
    .await?;
    report.tally();
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    let source_ref = format!("{} sha256:{}", report.file_name, report.sha256);
    write(&*txn, &plan, options, user.0, &source_ref, progress).await?;
    audit::record(
        &*txn,
        Some(actor),
        "importFigures",
        "import",
        &report.sha256,
        None,
        serde_json::to_value(summary_json(&report)).ok(),
    )
    .await?;
    txn.commit().await?;
    report.stored = true;
    Ok(report)
}

fn summary_json(r: &ImportReport) -> serde_json::Value {
    serde_json::json!({
        "file": r.file_name, "sha256": r.sha256, "format": r.format, "layout": r.layout,
        "rows": r.rows, "values": r.values, "new": r.new, "changed": r.changed,
        "unchanged": r.unchanged, "months": r.months, "units": r.units.len(),
    })
}

/// What the write needs, worked out by the checks.
#[derive(Default)]
struct Plan {
    /// Every value of the file: (month key, measure id, value, old value).
    values: Vec<(MonthKey, i32, i64, Option<i64>)>,
    existing: HashMap<MonthKey, Existing>,
    /// Months with a new or changed value.
    changed_months: BTreeSet<MonthKey>,
    /// Months of the file (changed or not).
    months: BTreeSet<MonthKey>,
}

#[allow(clippy::too_many_arguments)]
async fn check(
    actor: &Actor,
    role: Role,
    db: &impl ConnectionTrait,
    figures: &Figures,
    measures: &[measure::Model],
    report: &mut ImportReport,
    progress: Progress<'_>,
    lock: bool,
) -> ServiceResult<Plan> {
    let total = figures.cells.len() as u64;
    progress(Stage::Checking, 0, total);
    let units = resolve_units(db, &figures.units).await?;
    let placement = placements(db, actor).await?;
    let unit_col = figures
        .unit_column
        .map(|c| (c, figures.header(c).to_owned()));
    let unit_at = unit_col.as_ref().map(|(c, h)| (*c, h.as_str()));
    let mut allowed: Vec<bool> = Vec::with_capacity(units.len());
    for u in &units {
        allowed.push(
            u.as_ref()
                .is_some_and(|u| may_write_figures(role, placement(u.id))),
        );
    }
    let mut plan = Plan::default();
    let mut first_row: HashMap<MonthKey, u32> = HashMap::new();
    let mut cells_of: HashMap<MonthKey, Vec<&FigureCell>> = HashMap::new();
    for c in &figures.cells {
        let idx = c.unit as usize;
        match units.get(idx).and_then(Option::as_ref) {
            None => {
                let code = figures.units.get(idx).map(String::as_str).unwrap_or("");
                let problem = Problem::new(
                    ProblemKind::UnknownUnit,
                    ProblemReason::UnknownCode,
                    format!("no active unit has the code {code:?}"),
                )
                .with_value(code);
                unit_problem(&mut report.problems, problem, c.row, unit_at);
            }
            Some(u) if !allowed.get(idx).copied().unwrap_or(false) => {
                let problem = Problem::new(
                    ProblemKind::OutOfScope,
                    ProblemReason::OutsideScope,
                    format!(
                        "unit {} is outside the units you may enter figures for",
                        u.code
                    ),
                )
                .with_value(&u.code);
                unit_problem(&mut report.problems, problem, c.row, unit_at);
            }
            Some(u) => {
                let key = (u.id, c.year, c.month);
                first_row.entry(key).or_insert(c.row);
                cells_of.entry(key).or_default().push(c);
            }
        }
    }
    let keys: BTreeSet<MonthKey> = cells_of.keys().copied().collect();
    plan.existing = existing_reports(db, &keys, lock).await?;
    let old_values = existing_values(db, &plan.existing, &keys).await?;
    let code_index: HashMap<&str, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (m.code.as_str(), i))
        .collect();
    let mut changes: HashMap<i32, UnitChange> = HashMap::new();
    let by_id: HashMap<i32, &KnownUnit> = units.iter().flatten().map(|u| (u.id, u)).collect();
    let mut done: u64 = 0;
    for key in &keys {
        let cells = cells_of.get(key).map(Vec::as_slice).unwrap_or(&[]);
        done += cells.len() as u64;
        if done % 50_000 < cells.len() as u64 {
            progress(Stage::Checking, done, total);
        }
        let row = first_row.get(key).copied().unwrap_or(0);
        if plan
            .existing
            .get(key)
            .is_some_and(|ex| ex.status == ReportStatus::Approved)
        {
            let code = by_id.get(&key.0).map(|u| u.code.as_str()).unwrap_or("");
            let problem = Problem::new(
                ProblemKind::Approved,
                ProblemReason::ApprovedMonth,
                format!(
                    "{code} {:02}/{} is approved and read-only; ask for it to be reopened",
                    key.2, key.1
                ),
            )
            .with_value(code)
            .in_month(key.1, key.2);
            unit_problem(&mut report.problems, problem, row, None);
            continue;
        }
        // The month as it would be: stored values overlaid by the file's.
        let mut merged: Vec<Option<i64>> = vec![None; measures.len()];
        let old = old_values.get(key);
        if let Some(old) = old {
            for (mid, v) in old {
                if let Some(i) = measures.iter().position(|m| m.id == *mid) {
                    merged[i] = Some(*v);
                }
            }
        }
        for c in cells {
            if let Some(slot) = merged.get_mut(usize::from(c.measure)) {
                *slot = Some(c.value);
            }
        }
        let broken = check_consistency(|code| {
            code_index
                .get(code)
                .and_then(|i| merged.get(*i).copied().flatten())
        });
        let code = by_id.get(&key.0).map(|u| u.code.as_str()).unwrap_or("");
        for b in &broken {
            let cell = cells
                .iter()
                .find(|c| {
                    measures
                        .get(usize::from(c.measure))
                        .is_some_and(|m| m.code == b.part)
                })
                .or_else(|| {
                    cells.iter().find(|c| {
                        measures
                            .get(usize::from(c.measure))
                            .is_some_and(|m| m.code == b.whole)
                    })
                });
            let (r, col) = match cell {
                Some(c) => (
                    c.row,
                    Some((usize::from(c.col), figures.header(usize::from(c.col)))),
                ),
                None => (row, None),
            };
            let problem = Problem::new(
                ProblemKind::Consistency,
                ProblemReason::PartExceedsWhole,
                format!("{b} (unit {code}, {:02}/{})", key.2, key.1),
            )
            .at(r, col)
            .in_month(key.1, key.2)
            .breaking(b.clone());
            report.problems.push(problem);
        }
        if !broken.is_empty() {
            continue;
        }
        let change = changes.entry(key.0).or_insert_with(|| {
            let u = by_id.get(&key.0);
            UnitChange {
                unit_id: key.0,
                code: u.map(|u| u.code.clone()).unwrap_or_default(),
                name: u.map(|u| u.name.clone()).unwrap_or_default(),
                ..UnitChange::default()
            }
        });
        let mut month_changed = false;
        for c in cells {
            let Some(m) = measures.get(usize::from(c.measure)) else {
                continue;
            };
            let before = old.and_then(|o| o.get(&m.id)).copied();
            match before {
                None => change.new += 1,
                Some(b) if b != c.value => change.changed += 1,
                Some(_) => change.unchanged += 1,
            }
            if before != Some(c.value) {
                month_changed = true;
            }
            plan.values.push((*key, m.id, c.value, before));
        }
        if month_changed {
            change.months += 1;
            plan.changed_months.insert(*key);
        }
        plan.months.insert(*key);
    }
    progress(Stage::Checking, total, total);
    report.months = plan.changed_months.len() as u64;
    report.units = changes.into_values().collect();
    Ok(plan)
}

async fn existing_reports(
    db: &impl ConnectionTrait,
    keys: &BTreeSet<MonthKey>,
    lock: bool,
) -> ServiceResult<HashMap<MonthKey, Existing>> {
    let units: BTreeSet<i32> = keys.iter().map(|k| k.0).collect();
    let years: BTreeSet<i32> = keys.iter().map(|k| k.1).collect();
    let units: Vec<i32> = units.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in units.chunks(1000) {
        let mut q = monthly_report::Entity::find()
            .filter(monthly_report::Column::UnitId.is_in(chunk.iter().copied()))
            .filter(monthly_report::Column::Year.is_in(years.iter().copied()));
        if lock && db.get_database_backend() == DbBackend::Postgres {
            q = q.lock_exclusive();
        }
        for r in q.all(db).await? {
            let key = (r.unit_id, r.year, u8::try_from(r.month).unwrap_or(0));
            if !keys.contains(&key) {
                continue;
            }
            let status = r
                .status
                .parse::<ReportStatus>()
                .map_err(|_| anyhow::anyhow!("corrupt report status {}", r.status))?;
            out.insert(key, Existing { id: r.id, status });
        }
    }
    Ok(out)
}

async fn existing_values(
    db: &impl ConnectionTrait,
    reports: &HashMap<MonthKey, Existing>,
    keys: &BTreeSet<MonthKey>,
) -> ServiceResult<HashMap<MonthKey, HashMap<i32, i64>>> {
    let by_report: HashMap<i32, MonthKey> = keys
        .iter()
        .filter_map(|k| reports.get(k).map(|r| (r.id, *k)))
        .collect();
    let ids: Vec<i32> = by_report.keys().copied().collect();
    let mut out: HashMap<MonthKey, HashMap<i32, i64>> = HashMap::new();
    for chunk in ids.chunks(5000) {
        let rows: Vec<(i32, i32, i64)> = measure_value::Entity::find()
            .select_only()
            .column(measure_value::Column::ReportId)
            .column(measure_value::Column::MeasureId)
            .column(measure_value::Column::Value)
            .filter(measure_value::Column::ReportId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (report, measure, value) in rows {
            if let Some(key) = by_report.get(&report) {
                out.entry(*key).or_default().insert(measure, value);
            }
        }
    }
    Ok(out)
}

async fn write(
    db: &impl ConnectionTrait,
    plan: &Plan,
    options: FigureOptions,
    user: i32,
    source_ref: &str,
    progress: Progress<'_>,
) -> ServiceResult<()> {
    let now = Utc::now();
    // The status each month ends in, and which months are written at all.
    let mut target_status: HashMap<MonthKey, ReportStatus> = HashMap::new();
    for key in &plan.months {
        let from = plan
            .existing
            .get(key)
            .map(|e| e.status)
            .unwrap_or(ReportStatus::Draft);
        let changed = plan.changed_months.contains(key);
        let mut to = from;
        if changed || !plan.existing.contains_key(key) {
            to = transition(from, ReportAction::Save).map_err(ServiceError::conflict)?;
        }
        if options.submit && to != ReportStatus::Submitted {
            to = transition(to, ReportAction::Submit).map_err(ServiceError::conflict)?;
        }
        let exists = plan.existing.contains_key(key);
        if changed || !exists || to != from {
            target_status.insert(*key, to);
        }
    }
    // New months.
    let new_months: Vec<(MonthKey, ReportStatus)> = target_status
        .iter()
        .filter(|(k, _)| !plan.existing.contains_key(*k))
        .map(|(k, s)| (*k, *s))
        .collect();
    for chunk in new_months.chunks(2000) {
        let rows = chunk
            .iter()
            .map(|((u, y, m), s)| monthly_report::ActiveModel {
                unit_id: Set(*u),
                year: Set(*y),
                month: Set(i32::from(*m)),
                status: Set(s.as_str().to_owned()),
                comment: Set(None),
                version: Set(1),
                updated_at: Set(now),
                updated_by: Set(Some(user)),
                ..Default::default()
            });
        monthly_report::Entity::insert_many(rows).exec(db).await?;
    }
    let mut report_ids: HashMap<MonthKey, i32> =
        plan.existing.iter().map(|(k, e)| (*k, e.id)).collect();
    if !new_months.is_empty() {
        let keys: BTreeSet<MonthKey> = new_months.iter().map(|(k, _)| *k).collect();
        for (k, e) in existing_reports(db, &keys, false).await? {
            report_ids.insert(k, e.id);
        }
    }
    // Months that existed: new status, next version.
    let mut by_status: BTreeMap<&'static str, Vec<i32>> = BTreeMap::new();
    for (k, s) in &target_status {
        if let Some(e) = plan.existing.get(k) {
            by_status.entry(s.as_str()).or_default().push(e.id);
        }
    }
    for (status, ids) in by_status {
        for chunk in ids.chunks(1000) {
            monthly_report::Entity::update_many()
                .col_expr(monthly_report::Column::Status, Expr::value(status))
                .col_expr(
                    monthly_report::Column::Version,
                    Expr::col(monthly_report::Column::Version).add(1),
                )
                .col_expr(monthly_report::Column::UpdatedAt, Expr::value(now))
                .col_expr(monthly_report::Column::UpdatedBy, Expr::value(Some(user)))
                .filter(monthly_report::Column::Id.is_in(chunk.iter().copied()))
                .exec(db)
                .await?;
        }
    }
    // Values that are new or different.
    let writes: Vec<&(MonthKey, i32, i64, Option<i64>)> = plan
        .values
        .iter()
        .filter(|(_, _, v, old)| *old != Some(*v))
        .collect();
    let total = writes.len() as u64;
    let mut done = 0u64;
    for chunk in writes.chunks(2500) {
        let mut rows = Vec::with_capacity(chunk.len());
        for ((u, y, m), measure, value, _) in chunk {
            let report_id = report_ids
                .get(&(*u, *y, *m))
                .copied()
                .ok_or_else(|| anyhow::anyhow!("the month {u}/{y}/{m} has no report"))?;
            rows.push(measure_value::ActiveModel {
                unit_id: Set(*u),
                measure_id: Set(*measure),
                year: Set(*y),
                month: Set(i32::from(*m)),
                report_id: Set(report_id),
                value: Set(*value),
                source: Set("IMPORT".into()),
                source_ref: Set(Some(source_ref.to_owned())),
                updated_at: Set(now),
                updated_by: Set(Some(user)),
            });
        }
        crate::db::values::upsert(db, rows).await?;
        done += chunk.len() as u64;
        progress(Stage::Writing, done, total);
    }
    let rows = rollup_rows(db, &writes).await?;
    rollups::upsert_add(db, rows).await?;
    progress(Stage::Writing, total, total);
    Ok(())
}

/// The roll-up changes of the written values: each unit's monthly deltas, added to every
/// ancestor and carried to the later months of the year.
async fn rollup_rows(
    db: &impl ConnectionTrait,
    writes: &[&(MonthKey, i32, i64, Option<i64>)],
) -> ServiceResult<BTreeMap<RollupKey, Delta>> {
    // (unit, measure, year) → delta per month.
    let mut own: HashMap<(i32, i32, i32), [Delta; 12]> = HashMap::new();
    for ((u, y, m), measure, value, old) in writes {
        let slot = own
            .entry((*u, *measure, *y))
            .or_insert([Delta::default(); 12]);
        if let Some(d) = slot.get_mut(usize::from(*m).saturating_sub(1)) {
            d.total += value - old.unwrap_or(0);
            d.count += i64::from(old.is_none());
        }
    }
    let units: BTreeSet<i32> = own.keys().map(|k| k.0).collect();
    let units: Vec<i32> = units.into_iter().collect();
    let mut ancestors: HashMap<i32, Vec<i32>> = HashMap::new();
    for chunk in units.chunks(1000) {
        let rows: Vec<(i32, i32)> = unit_closure::Entity::find()
            .select_only()
            .column(unit_closure::Column::DescendantId)
            .column(unit_closure::Column::AncestorId)
            .filter(unit_closure::Column::DescendantId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (d, a) in rows {
            ancestors.entry(d).or_default().push(a);
        }
    }
    let mut per_ancestor: HashMap<(i32, i32, i32), [Delta; 12]> = HashMap::new();
    for ((u, measure, y), months) in &own {
        for a in ancestors.get(u).map(Vec::as_slice).unwrap_or(&[]) {
            let slot = per_ancestor
                .entry((*a, *measure, *y))
                .or_insert([Delta::default(); 12]);
            for (s, d) in slot.iter_mut().zip(months) {
                s.total += d.total;
                s.count += d.count;
            }
        }
    }
    let mut rows = BTreeMap::new();
    for ((a, measure, y), months) in per_ancestor {
        let mut running = Delta::default();
        for (i, d) in months.iter().enumerate() {
            running.total += d.total;
            running.count += d.count;
            if running != Delta::default() {
                rows.insert((a, measure, y, i as i32 + 1), running);
            }
        }
    }
    Ok(rows)
}
