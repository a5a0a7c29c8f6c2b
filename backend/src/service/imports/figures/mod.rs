//! Importing monthly figures: the same rules as saving a month by hand (scope, workflow,
//! consistency, versions, roll-ups, audit), applied to a whole file at once.

mod check;
mod write;

use super::{ImportReport, Progress, Stage, Upload, read_off_thread};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::reports::{MonthKey, Stamp, StoredMonth};
use crate::db::{Db, catalogue};
use crate::domain::model::Measure;
use crate::domain::scope::{Placement, may_write_figures};
use crate::error::ServiceResult;
use crate::service::access;
use crate::service::audit;
use shared::Role;
use shared::ids::MeasureId;
use shared::sheets::{Figures, read_figures};
use std::collections::{BTreeSet, HashMap};

/// How an import treats the months it touches.
#[derive(Debug, Clone, Copy, Default)]
pub struct FigureOptions {
    /// Check and report only; store nothing.
    pub dry_run: bool,
    /// Submit the touched months for approval (otherwise they are saved as DRAFT).
    pub submit: bool,
}

/// One value of the file, checked.
struct PlannedValue {
    month: MonthKey,
    measure: MeasureId,
    value: i64,
    /// What was stored before.
    old: Option<i64>,
}

/// What the write needs, worked out by the checks.
#[derive(Default)]
struct Plan {
    /// Every value of the file.
    values: Vec<PlannedValue>,
    existing: HashMap<MonthKey, StoredMonth>,
    /// Months with a new or changed value.
    changed_months: BTreeSet<MonthKey>,
    /// Months of the file (changed or not).
    months: BTreeSet<MonthKey>,
}

/// An import under way: who imports what.
struct Run<'a> {
    actor: &'a Actor,
    role: Role,
    figures: &'a Figures,
    measures: &'a [Measure],
    /// The catalogue's consistency rules, `(part, whole)` codes.
    rules: &'a [(String, String)],
    progress: Progress<'a>,
}

/// Reads, checks and (unless a dry run or a problem) stores the figures of a file.
pub async fn import(
    actor: &Actor,
    db: &Db,
    upload: Upload,
    options: FigureOptions,
    progress: Progress<'_>,
) -> ServiceResult<ImportReport> {
    let role = access::role_for(actor, "import monthly figures", |r| {
        may_write_figures(r, Placement::AtScope)
    })?;
    let user = actor.require_user("import monthly figures")?;
    upload.check_size()?;
    let measures = catalogue::measures(db.conn()).await?;
    let rules = crate::service::catalogue::consistency(db.conn()).await?;
    let (figures, mut report) = read(&upload, &measures, progress).await?;
    let run = Run {
        actor,
        role,
        figures: &figures,
        measures: &measures,
        rules: &rules,
        progress,
    };
    if options.dry_run {
        run.check(db.conn(), &mut report, false).await?;
        report.tally();
        return Ok(report);
    }
    let txn = db.write().await?;
    let plan = run.check(&*txn, &mut report, true).await?;
    report.tally();
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    let by = Stamp { user, at: db.now() };
    store(&*txn, &run, by, &plan, options, &report).await?;
    txn.commit().await?;
    report.stored = true;
    Ok(report)
}

/// Stores a checked plan and audits the import, in the caller's transaction.
async fn store(
    db: &impl ConnectionTrait,
    run: &Run<'_>,
    by: Stamp,
    plan: &Plan,
    options: FigureOptions,
    report: &ImportReport,
) -> ServiceResult<()> {
    let source_ref = format!("{} sha256:{}", report.file_name, report.sha256);
    write::store(db, plan, options, by, source_ref, run.progress).await?;
    let summary = serde_json::to_value(summary_json(report)).ok();
    let (actor, sha) = (Some(run.actor), &report.sha256);
    audit::record(db, actor, "importFigures", "import", sha, None, summary).await
}

/// Reads the file off the async runtime, reporting progress; the report of what was read.
async fn read(
    upload: &Upload,
    measures: &[Measure],
    progress: Progress<'_>,
) -> ServiceResult<(Figures, ImportReport)> {
    let size = upload.bytes.len() as u64;
    progress(Stage::Reading, 0, size);
    let names: Vec<(String, String)> = measures
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let figures = read_off_thread(upload.bytes.clone(), names, read_figures).await?;
    progress(Stage::Reading, size, size);
    let report = ImportReport::new(
        upload,
        figures.format,
        figures.layout.map(|l| l.as_str()),
        figures.rows,
        figures.cells.len(),
        figures.problems.clone(),
    );
    Ok((figures, report))
}

fn summary_json(r: &ImportReport) -> serde_json::Value {
    serde_json::json!({
        "file": r.file_name, "sha256": r.sha256, "format": r.format, "layout": r.layout,
        "rows": r.rows, "values": r.values, "new": r.new, "changed": r.changed,
        "unchanged": r.unchanged, "months": r.months, "units": r.units.len(),
    })
}
