//! Importing the portal's official figures (QĐ 766): read a CSV or XLSX file, check every
//! row (a known unit and indicator, the unit within the caller's scope and in force in the
//! month) and report every problem with its row and column; then store the whole file in
//! one transaction with its provenance (file name, SHA-256, who, when) and an audit entry —
//! or nothing. Official figures stand apart: a later file replaces the official row of the
//! same unit, indicator and month, and no internal figure, report or roll-up is touched.

use super::{
    ImportReport, Progress, Stage, UnitChange, Upload, placements, read_off_thread, resolve_units,
    unit_problem,
};
use crate::auth::Actor;
use crate::db::official_imports::{self as store, NewOfficialImport, OfficialKey, OfficialValues};
use crate::db::units::KnownUnit;
use crate::db::{ConnectionTrait, Db, catalogue};
use crate::domain::model::Indicator;
use crate::domain::scope::{Placement, may_import_official};
use crate::domain::tree::{month_index, takes_figures};
use crate::error::ServiceResult;
use crate::service::{access, audit};
use shared::Role;
use shared::ids::{UnitId, UserId};
use shared::sheets::{
    Official, OfficialRow, Problem, ProblemKind, ProblemReason, UnitRow, read_official,
};
use std::collections::{BTreeSet, HashMap, HashSet};

const ACTION: &str = "import official figures";

/// Reads, checks and (unless a dry run or a problem) stores the official figures of a file.
pub async fn import(
    actor: &Actor,
    db: &Db,
    upload: Upload,
    dry_run: bool,
    progress: Progress<'_>,
) -> ServiceResult<ImportReport> {
    let role = access::role_for(actor, ACTION, |r| {
        may_import_official(r, Placement::AtScope)
    })?;
    let user = actor.require_user(ACTION)?;
    upload.check_size()?;
    let indicators = catalogue::indicators(db.conn(), None).await?;
    let (read, mut report) = read(&upload, &indicators, progress).await?;
    let run = Run {
        actor,
        role,
        read: &read,
        indicators: &indicators,
        progress,
    };
    if dry_run {
        run.check(db.conn(), &mut report).await?;
        return Ok(report);
    }
    let txn = db.write().await?;
    let planned = run.check(&*txn, &mut report).await?;
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    write(&*txn, actor, user, &planned, &report).await?;
    txn.commit().await?;
    progress(Stage::Writing, report.values, report.values);
    report.stored = true;
    Ok(report)
}

/// Reads the file off the async runtime; the report of what was read.
async fn read(
    upload: &Upload,
    indicators: &[Indicator],
    progress: Progress<'_>,
) -> ServiceResult<(Official, ImportReport)> {
    let size = upload.bytes.len() as u64;
    progress(Stage::Reading, 0, size);
    let names = indicators
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let read = read_off_thread(upload.bytes.clone(), names, read_official).await?;
    progress(Stage::Reading, size, size);
    let report = ImportReport::new(
        upload,
        read.format,
        Some("OFFICIAL"),
        read.rows,
        read.figures.len(),
        read.problems.clone(),
    );
    Ok((read, report))
}

/// An import under way: who imports what.
struct Run<'a> {
    actor: &'a Actor,
    role: Role,
    read: &'a Official,
    indicators: &'a [Indicator],
    progress: Progress<'a>,
}

/// A checked row of the file, with what is stored for its key.
struct Planned {
    key: OfficialKey,
    values: OfficialValues,
    old: Option<OfficialValues>,
}

impl Run<'_> {
    /// Checks every row against the units, the caller's scope and what is stored; counts
    /// what changes into `report` and adds its problems.
    async fn check(
        &self,
        db: &impl ConnectionTrait,
        report: &mut ImportReport,
    ) -> ServiceResult<Vec<Planned>> {
        let total = self.read.figures.len() as u64;
        (self.progress)(Stage::Checking, 0, total);
        let units = resolve_units(db, &self.read.units).await?;
        let placement = placements(db, self.actor).await?;
        let refused = self.check_units(&units, &placement, report);
        let mut keyed = Vec::new();
        let mut firsts: HashMap<OfficialKey, u32> = HashMap::new();
        for r in &self.read.figures {
            let unit = units.get(r.unit as usize).and_then(Option::as_ref);
            let indicator = self.indicators.get(usize::from(r.indicator));
            let (Some(unit), Some(indicator)) = (unit, indicator) else {
                continue;
            };
            if refused.contains(&r.row) {
                continue;
            }
            let key = OfficialKey {
                unit: unit.id,
                indicator: indicator.id,
                year: r.year,
                month: u32::from(r.month),
            };
            // The same unit written in two cases (`XA_1`, `xa_1`) in two rows.
            if let Some(first) = firsts.insert(key, r.row) {
                let p = Problem::new(
                    ProblemKind::Duplicate,
                    ProblemReason::RepeatedIndicatorMonth,
                    format!(
                        "{} of unit {} and this month is also given in row {first}",
                        indicator.code, unit.code
                    ),
                )
                .with_value(&unit.code)
                .repeating(first);
                let at = self.read.unit_column.map(|c| (c, self.read.header(c)));
                unit_problem(&mut report.problems, p, r.row, at);
                continue;
            }
            keyed.push((key, r));
        }
        let unit_ids: Vec<UnitId> = units.iter().flatten().map(|u| u.id).collect();
        let years: BTreeSet<i32> = keyed.iter().map(|(k, _)| k.year).collect();
        let years: Vec<i32> = years.into_iter().collect();
        let mut stored = store::stored(db, &unit_ids, &years).await?;
        let planned: Vec<Planned> = keyed
            .into_iter()
            .map(|(key, r)| Planned {
                key,
                values: values_of(r),
                old: stored.remove(&key),
            })
            .collect();
        tally(&planned, &units, report);
        // The file's own problems and those of its units, in the order of the file: by
        // row, then by column (A … Z, AA …).
        report.problems.list.sort_by_key(|p| {
            let column = p.column.as_deref().unwrap_or("");
            (p.row.unwrap_or(0), column.len(), column.to_owned())
        });
        (self.progress)(Stage::Checking, total, total);
        Ok(planned)
    }

    /// Checks the unit of every row that names one: known, in the caller's scope and in
    /// force in the row's month; a problem in the unit column otherwise. The rows refused.
    fn check_units(
        &self,
        units: &[Option<KnownUnit>],
        placement: &impl Fn(UnitId) -> Placement,
        report: &mut ImportReport,
    ) -> HashSet<u32> {
        let read = self.read;
        let unit_at = read.unit_column.map(|c| (c, read.header(c)));
        let mut refused = HashSet::new();
        for r in &read.unit_rows {
            if let Some(problem) = self.unit_refusal(r, units, placement) {
                unit_problem(&mut report.problems, problem, r.row, unit_at);
                refused.insert(r.row);
            }
        }
        refused
    }

    /// What is wrong with the unit of a row, if anything.
    fn unit_refusal(
        &self,
        r: &UnitRow,
        units: &[Option<KnownUnit>],
        placement: &impl Fn(UnitId) -> Placement,
    ) -> Option<Problem> {
        let Some(u) = units.get(r.unit as usize).and_then(Option::as_ref) else {
            let code = self.read.units.get(r.unit as usize).map(String::as_str);
            let code = code.unwrap_or("");
            let problem = Problem::new(
                ProblemKind::UnknownUnit,
                ProblemReason::UnknownCode,
                format!("no active unit has the code {code:?}"),
            );
            return Some(problem.with_value(code));
        };
        if !may_import_official(self.role, placement(u.id)) {
            let problem = Problem::new(
                ProblemKind::OutOfScope,
                ProblemReason::OutsideScope,
                format!(
                    "unit {} is outside your unit's subtree: official figures are imported only for it",
                    u.code
                ),
            );
            return Some(problem.with_value(&u.code));
        }
        let (year, month) = r.month?;
        if takes_figures(
            u.valid_from,
            u.valid_to,
            month_index(year, u32::from(month)),
        ) {
            return None;
        }
        let problem = Problem::new(
            ProblemKind::BadMonth,
            ProblemReason::NotInForce,
            format!("unit {} was not in force in {month:02}/{year}", u.code),
        );
        Some(problem.with_value(&u.code).in_month(year, month))
    }
}

fn values_of(r: &OfficialRow) -> OfficialValues {
    OfficialValues {
        numerator: r.numerator,
        denominator: r.denominator,
        score: r.score,
        max_score: r.max_score,
        source: r.source.clone(),
    }
}

/// Counts each unit's new, changed and unchanged official rows, and the unit-months that
/// change.
fn tally(planned: &[Planned], units: &[Option<KnownUnit>], report: &mut ImportReport) {
    let by_id: HashMap<UnitId, &KnownUnit> = units.iter().flatten().map(|u| (u.id, u)).collect();
    let mut changes: HashMap<UnitId, UnitChange> = HashMap::new();
    let mut months: HashMap<UnitId, BTreeSet<(i32, u32)>> = HashMap::new();
    for p in planned {
        let unit = p.key.unit;
        let change = changes
            .entry(unit)
            .or_insert_with(|| UnitChange::of(unit, by_id.get(&unit).copied()));
        match &p.old {
            None => change.new += 1,
            Some(old) if *old != p.values => change.changed += 1,
            Some(_) => {
                change.unchanged += 1;
                continue;
            }
        }
        months
            .entry(unit)
            .or_default()
            .insert((p.key.year, p.key.month));
    }
    for (unit, m) in &months {
        if let Some(change) = changes.get_mut(unit) {
            change.months = u32::try_from(m.len()).unwrap_or(u32::MAX);
        }
    }
    report.months = months.values().map(|m| m.len() as u64).sum();
    report.units = changes.into_values().collect();
    report.tally();
}

/// Records the file, stores (or replaces) its official rows and audits the import.
async fn write(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user: UserId,
    planned: &[Planned],
    report: &ImportReport,
) -> ServiceResult<()> {
    let import = store::insert_import(
        db,
        NewOfficialImport {
            file_name: report.file_name.clone(),
            sha256: report.sha256.clone(),
            imported_by: user,
            imported_at: chrono::Utc::now(),
            rows: i32::try_from(planned.len()).unwrap_or(i32::MAX),
        },
    )
    .await?;
    let figures: Vec<(OfficialKey, OfficialValues)> =
        planned.iter().map(|p| (p.key, p.values.clone())).collect();
    store::put(db, import, &figures).await?;
    let summary = serde_json::json!({
        "file": report.file_name, "sha256": report.sha256, "format": report.format,
        "rows": report.rows, "values": report.values, "new": report.new,
        "changed": report.changed, "unchanged": report.unchanged, "months": report.months,
        "units": report.units.len(),
    });
    let actor = Some(actor);
    audit::record(
        db,
        actor,
        "importOfficialFigures",
        "officialImport",
        import,
        None,
        Some(summary),
    )
    .await
}
