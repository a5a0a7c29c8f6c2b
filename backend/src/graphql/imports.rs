//! File imports over GraphQL (multipart uploads): `importFigures`, `importTargets` and
//! `importOfficialFigures`, each with `dryRun` for a preview of what would change.

use super::context::CtxExt;
use super::error::{GqlResult, invalid};
use super::scalars::parse_id;
use crate::service::imports::{self, ImportReport, Upload, figures::FigureOptions, no_progress};
use async_graphql::{Context, ID, Object, Result, SimpleObject, Upload as GqlUpload};

/// A broken consistency rule: `part` exceeds the `whole` it belongs to.
#[derive(SimpleObject)]
pub struct ImportConsistency {
    /// The measure code that is too large, e.g. `FULL_ONLINE`.
    pub part: String,
    pub part_value: f64,
    /// The measure code it belongs to, e.g. `RECEIVED`.
    pub whole: String,
    pub whole_value: f64,
}

/// One problem of an imported file, located by row and column.
#[derive(SimpleObject)]
pub struct ImportProblem {
    pub kind: shared::ProblemKind,
    pub reason: shared::ProblemReason,
    /// The 1-based row of the sheet (line of a CSV file).
    pub row: Option<i32>,
    /// The column letter (A, B, …).
    pub column: Option<String>,
    /// The header of that column, as written in the file.
    pub header: Option<String>,
    /// What the problem is about, as written in the file: the offending cell's text, a
    /// header, a unit or measure code, a sheet name.
    pub value: Option<String>,
    /// For a repetition: the row where the same thing was first given.
    pub other_row: Option<i32>,
    /// For a problem of a whole month (APPROVED, CONSISTENCY): its year.
    pub year: Option<i32>,
    /// For a problem of a whole month: its month, 1–12.
    pub month: Option<i32>,
    /// For CONSISTENCY: the broken rule and both values.
    pub consistency: Option<ImportConsistency>,
    /// The problem in English words.
    pub message: String,
}

impl From<shared::sheets::Problem> for ImportProblem {
    fn from(p: shared::sheets::Problem) -> ImportProblem {
        ImportProblem {
            kind: p.kind,
            reason: p.reason,
            row: p.row.map(|n| int(u64::from(n))),
            column: p.column,
            header: p.header,
            value: p.value,
            other_row: p.other_row.map(|n| int(u64::from(n))),
            year: p.year,
            month: p.month.map(i32::from),
            consistency: p.consistency.map(|c| ImportConsistency {
                part: c.part,
                part_value: c.part_value as f64,
                whole: c.whole,
                whole_value: c.whole_value as f64,
            }),
            message: p.message,
        }
    }
}

/// What an import changes for one unit.
#[derive(SimpleObject)]
pub struct ImportUnitChange {
    pub unit_id: ID,
    pub unit_code: String,
    pub unit_name: String,
    pub new_values: i32,
    pub changed_values: i32,
    pub unchanged_values: i32,
    /// Months whose figures change (figures imports).
    pub months: i32,
}

/// The outcome of an import or of its preview.
#[derive(SimpleObject)]
pub struct ImportResult {
    pub file_name: String,
    pub sha256: String,
    /// CSV or XLSX.
    pub format: String,
    /// LONG or WIDE (figures), TARGETS, OFFICIAL (the portal's official figures).
    pub layout: Option<String>,
    pub rows: i32,
    /// Values (targets) read from the file.
    pub values: i32,
    pub new_values: i32,
    pub changed_values: i32,
    pub unchanged_values: i32,
    /// Unit-months (figures) or units (targets) that change.
    pub months: i32,
    pub units: Vec<ImportUnitChange>,
    /// The first 1,000 problems.
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: i32,
    /// Whether the file was stored (never for a dry run or a file with problems).
    pub stored: bool,
}

fn int(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<ImportReport> for ImportResult {
    fn from(r: ImportReport) -> ImportResult {
        ImportResult {
            file_name: r.file_name,
            sha256: r.sha256,
            format: r.format.to_owned(),
            layout: r.layout.map(str::to_owned),
            rows: int(u64::from(r.rows)),
            values: int(r.values),
            new_values: int(r.new),
            changed_values: int(r.changed),
            unchanged_values: int(r.unchanged),
            months: int(r.months),
            units: r
                .units
                .into_iter()
                .map(|u| ImportUnitChange {
                    unit_id: ID(u.unit_id.to_string()),
                    unit_code: u.code,
                    unit_name: u.name,
                    new_values: int(u64::from(u.new)),
                    changed_values: int(u64::from(u.changed)),
                    unchanged_values: int(u64::from(u.unchanged)),
                    months: int(u64::from(u.months)),
                })
                .collect(),
            more_problems: int(r.problems.more as u64),
            problems: r
                .problems
                .list
                .into_iter()
                .map(ImportProblem::from)
                .collect(),
            stored: r.stored,
        }
    }
}

fn read_upload(ctx: &Context<'_>, file: &GqlUpload) -> Result<Upload> {
    let value = file
        .value(ctx)
        .map_err(|_| invalid("file", "attach the file as a multipart upload"))?;
    Ok(Upload {
        file_name: value.filename.clone(),
        bytes: value.content.to_vec(),
    })
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// OFFICER/MANAGER in scope, ADMIN: monthly figures from a CSV or XLSX file (long or
    /// wide layout). All or nothing: a file with any problem stores nothing and the error
    /// lists every problem (`extensions.details`). `dryRun` previews without storing;
    /// `submit` submits the touched months for approval.
    async fn import_figures(
        &self,
        ctx: &Context<'_>,
        file: GqlUpload,
        #[graphql(default = false)] dry_run: bool,
        #[graphql(default = false)] submit: bool,
    ) -> Result<ImportResult> {
        let upload = read_upload(ctx, &file)?;
        imports::figures::import(
            &ctx.actor()?,
            ctx.db(),
            upload,
            FigureOptions { dry_run, submit },
            &no_progress,
        )
        .await
        .gql()
        .map(ImportResult::from)
    }

    /// The unit's own OFFICER, or an ADMIN or MANAGER above it: the personal figures of the
    /// unit's staff from the dossier system's per-official export (CSV or XLSX; long layout
    /// `Mã cán bộ, Năm, Tháng, Mã số liệu, Giá trị` or wide, one column per measure; the
    /// staff column holds the staff member's code or e-mail). All or nothing, like figures:
    /// a file with a problem stores nothing and answers VALIDATION with every problem.
    async fn import_staff_figures(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        file: GqlUpload,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<ImportResult> {
        let unit = parse_id("unitId", &unit_id)?;
        let upload = read_upload(ctx, &file)?;
        crate::service::personal::import::import(&ctx.actor()?, ctx.db(), unit, upload, dry_run)
            .await
            .gql()
            .map(ImportResult::from)
    }

    /// MANAGER (units below its own), ADMIN: the targets of a decision from a CSV or XLSX
    /// file, one row per unit and one column per indicator. All or nothing, like figures.
    async fn import_targets(
        &self,
        ctx: &Context<'_>,
        decision_id: ID,
        file: GqlUpload,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<ImportResult> {
        let decision = parse_id::<i32>("decisionId", &decision_id)?;
        let upload = read_upload(ctx, &file)?;
        imports::targets::import(
            &ctx.actor()?,
            ctx.db(),
            imports::targets::DecisionRef::Id(decision),
            upload,
            dry_run,
            &no_progress,
        )
        .await
        .gql()
        .map(ImportResult::from)
    }

    /// ADMIN or MANAGER, for units in its scope: the portal's official figures (QĐ 766) from
    /// a CSV or XLSX file — per unit, indicator and month the numerator, denominator, score
    /// and maximum score, optionally a source. Stored apart from the internal figures, with
    /// the file's name and SHA-256; a later file replaces the official row of the same unit,
    /// indicator and month. All or nothing: a file with any problem stores nothing and the
    /// error lists every problem (`extensions.details`). `values` counts the official rows,
    /// `newValues` those not stored before.
    async fn import_official_figures(
        &self,
        ctx: &Context<'_>,
        file: GqlUpload,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<ImportResult> {
        let upload = read_upload(ctx, &file)?;
        imports::official::import(&ctx.actor()?, ctx.db(), upload, dry_run, &no_progress)
            .await
            .gql()
            .map(ImportResult::from)
    }
}
