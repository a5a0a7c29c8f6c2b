//! Importing personal figures from the dossier system's per-official export (CSV or XLSX,
//! long or wide layout, a staff column holding the staff member's code or e-mail): the same
//! checks as saving by hand — the unit's own staff, known measures, whole numbers, no month
//! after this one, each person's month within the consistency rules — all or nothing, with
//! every problem located by row and column, and a preview (`dry_run`).

use super::figures::{self, MAX_VALUE};
use crate::auth::Actor;
use crate::db::staff_figures::{self, StaffFigure};
use crate::db::values::Source;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::model::{Measure, Staff};
use crate::error::ServiceResult;
use crate::service::imports::{ImportReport, UnitChange, Upload, read_off_thread};
use crate::service::{audit, catalogue};
use chrono::Datelike;
use shared::ids::{MeasureId, StaffId, UnitId};
use shared::sheets::{Figures, Problem, read_staff_figures};
use shared::validation::check_consistency;
use shared::{ProblemKind, ProblemReason};
use std::collections::{BTreeSet, HashMap};

/// Reads, checks and (unless `dry_run` or a problem) stores the personal figures of a file
/// for the staff of `unit`.
pub async fn import(
    actor: &Actor,
    db: &Db,
    unit: UnitId,
    upload: Upload,
    dry_run: bool,
) -> ServiceResult<ImportReport> {
    figures::authorise(actor, db.conn(), unit).await?;
    upload.check_size()?;
    let unit_row = crate::service::units::require(db.conn(), unit).await?;
    let measures = catalogue::measures(db.conn()).await?;
    let names: Vec<(String, String)> = measures
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let read = read_off_thread(upload.bytes.clone(), names, read_staff_figures).await?;
    let mut report = ImportReport::new(
        &upload,
        read.format,
        read.layout.map(|l| l.as_str()),
        read.rows,
        read.cells.len(),
        read.problems.clone(),
    );
    let staff: Vec<Staff> =
        db::staff::of_unit(db.conn(), db::closure::Scope::Everything, unit, false)
            .await?
            .into_iter()
            .filter(|s| s.active)
            .collect();
    let today = db.clock().today();
    let checked = check(
        &read,
        &staff,
        &measures,
        (today.year(), today.month()),
        &mut report,
    );
    let rules = catalogue::consistency(db.conn()).await?;
    let txn = db.write().await?;
    staff_figures::lock_unit(&*txn, unit).await?;
    let stored = stored_months(&*txn, &staff, &checked).await?;
    consistency(&checked, &stored, &measures, &rules, &mut report);
    let mut change = UnitChange {
        unit_id: unit.0,
        code: unit_row.code.clone(),
        name: unit_row.name.clone(),
        ..UnitChange::default()
    };
    let mut months = BTreeSet::new();
    for f in &checked {
        match stored
            .get(&(f.figure.year, f.figure.month))
            .and_then(|m| m.get(&(f.figure.staff_id, f.figure.measure_id)))
        {
            None => change.new += 1,
            Some(v) if *v == f.figure.value => change.unchanged += 1,
            Some(_) => change.changed += 1,
        }
        months.insert((f.figure.year, f.figure.month));
    }
    change.months = u32::try_from(months.len()).unwrap_or(u32::MAX);
    report.months = u64::from(change.months);
    report.units = vec![change];
    report.tally();
    if dry_run {
        return Ok(report);
    }
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    let writes: Vec<StaffFigure> = checked.iter().map(|c| c.figure).collect();
    let source = Source::Import(format!("{} sha256:{}", report.file_name, report.sha256));
    staff_figures::upsert(&*txn, &writes, &source, actor.user_id()).await?;
    let summary = serde_json::json!({
        "file": report.file_name, "sha256": report.sha256, "unit": unit.0,
        "rows": report.rows, "values": report.values, "new": report.new,
        "changed": report.changed, "unchanged": report.unchanged, "months": report.months,
    });
    audit::record(
        &*txn,
        Some(actor),
        "importStaffFigures",
        "unit",
        unit,
        None,
        Some(summary),
    )
    .await?;
    txn.commit().await?;
    report.stored = true;
    Ok(report)
}

/// One figure of the file, with where it was read.
struct Read {
    figure: StaffFigure,
    row: u32,
    col: u16,
}

/// The figures whose staff member, month and value are right; a problem for each other.
fn check(
    read: &Figures,
    staff: &[Staff],
    measures: &[Measure],
    this_month: (i32, u32),
    report: &mut ImportReport,
) -> Vec<Read> {
    // A staff member is named by their code or their e-mail, whatever the case; a key that
    // names two people names nobody.
    let mut by_key: HashMap<String, Option<StaffId>> = HashMap::new();
    for s in staff {
        for k in s.code.iter().chain(s.email.iter()) {
            let k = k.trim().to_lowercase();
            by_key
                .entry(k)
                .and_modify(|found| {
                    if *found != Some(s.id) {
                        *found = None
                    }
                })
                .or_insert(Some(s.id));
        }
    }
    let resolved: Vec<Option<StaffId>> = read
        .units
        .iter()
        .map(|k| by_key.get(&k.trim().to_lowercase()).copied().flatten())
        .collect();
    let mut first_row: HashMap<(StaffId, i32, u8, u16), u32> = HashMap::new();
    let key_col = read.unit_column.unwrap_or(0);
    let mut named_rows = BTreeSet::new();
    let mut out = Vec::new();
    for cell in &read.cells {
        let key = read
            .units
            .get(cell.unit as usize)
            .cloned()
            .unwrap_or_default();
        let Some(staff_id) = resolved.get(cell.unit as usize).copied().flatten() else {
            if named_rows.insert(cell.row) {
                let p = Problem::new(
                    ProblemKind::UnknownStaff,
                    ProblemReason::UnknownCode,
                    format!("no single staff member of the unit has the code or e-mail {key:?}"),
                );
                report.problems.push(
                    p.at(cell.row, Some((key_col, read.header(key_col))))
                        .with_value(key),
                );
            }
            continue;
        };
        // The same person, month and measure given twice (under two spellings of the key).
        if let Some(first) =
            first_row.insert((staff_id, cell.year, cell.month, cell.measure), cell.row)
        {
            let col = usize::from(cell.col);
            let p = Problem::new(
                ProblemKind::Duplicate,
                ProblemReason::RepeatedValue,
                format!("this staff member's figure of the month is also given in row {first}"),
            );
            report.problems.push(
                p.at(cell.row, Some((col, read.header(col))))
                    .with_value(cell.value.to_string())
                    .repeating(first),
            );
            continue;
        }
        let month = u32::from(cell.month);
        if (cell.year, month) > this_month {
            let p = Problem::new(
                ProblemKind::BadMonth,
                ProblemReason::OutOfRange,
                format!("{month:02}/{} has not begun", cell.year),
            );
            report.problems.push(
                p.at(cell.row, None)
                    .with_value(format!("{month:02}/{}", cell.year))
                    .in_month(cell.year, cell.month),
            );
            continue;
        }
        if cell.value > MAX_VALUE {
            let col = usize::from(cell.col);
            let p = Problem::new(
                ProblemKind::BadValue,
                ProblemReason::TooLarge,
                format!("the value is above {MAX_VALUE} for one person and month"),
            );
            report.problems.push(
                p.at(cell.row, Some((col, read.header(col))))
                    .with_value(cell.value.to_string()),
            );
            continue;
        }
        let Some(measure) = measures.get(usize::from(cell.measure)) else {
            continue;
        };
        out.push(Read {
            figure: StaffFigure {
                staff_id,
                measure_id: measure.id,
                year: cell.year,
                month,
                value: cell.value,
            },
            row: cell.row,
            col: cell.col,
        });
    }
    out
}

/// What is stored for the staff in the file's months, by month then (staff, measure).
type StoredMonths = HashMap<(i32, u32), HashMap<(StaffId, MeasureId), i64>>;

async fn stored_months(
    db: &impl ConnectionTrait,
    staff: &[Staff],
    checked: &[Read],
) -> ServiceResult<StoredMonths> {
    let ids: Vec<StaffId> = staff.iter().map(|s| s.id).collect();
    let months: BTreeSet<(i32, u32)> = checked
        .iter()
        .map(|c| (c.figure.year, c.figure.month))
        .collect();
    let mut out = StoredMonths::new();
    for (year, month) in months {
        let of = staff_figures::of_month(db, &ids, year, month).await?;
        out.insert(
            (year, month),
            of.into_iter()
                .map(|f| ((f.staff_id, f.measure_id), f.value))
                .collect(),
        );
    }
    Ok(out)
}

/// A person's month in the file: its first row, the column of that row's value, and the
/// figures (stored, overlaid by the file's).
type PersonMonth = (u32, usize, HashMap<MeasureId, i64>);

/// A CONSISTENCY problem for each person and month whose figures (stored, overlaid by the
/// file's) break a rule, located at the first row of that person and month.
fn consistency(
    checked: &[Read],
    stored: &StoredMonths,
    measures: &[Measure],
    rules: &[(String, String)],
    report: &mut ImportReport,
) {
    let mut months: HashMap<(StaffId, i32, u32), PersonMonth> = HashMap::new();
    for c in checked {
        let f = c.figure;
        let entry = months
            .entry((f.staff_id, f.year, f.month))
            .or_insert_with(|| {
                let before = stored
                    .get(&(f.year, f.month))
                    .map(|m| {
                        m.iter()
                            .filter(|((s, _), _)| *s == f.staff_id)
                            .map(|((_, m), v)| (*m, *v))
                            .collect()
                    })
                    .unwrap_or_default();
                (c.row, usize::from(c.col), before)
            });
        entry.0 = entry.0.min(c.row);
        entry.2.insert(f.measure_id, f.value);
    }
    let code_of: HashMap<&str, MeasureId> =
        measures.iter().map(|m| (m.code.as_str(), m.id)).collect();
    for ((_, year, month), (row, _, values)) in months {
        for b in check_consistency(rules, |c| {
            code_of.get(c).and_then(|id| values.get(id)).copied()
        }) {
            let p = Problem::new(
                ProblemKind::Consistency,
                ProblemReason::PartExceedsWhole,
                b.to_string(),
            );
            let month = u8::try_from(month).unwrap_or(12);
            report
                .problems
                .push(p.in_row(row).in_month(year, month).breaking(b));
        }
    }
}
