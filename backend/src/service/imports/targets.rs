//! Importing the targets of a decision: one row per unit, one column per indicator, with
//! optional baselines; the same scope and value rules as setting one target by hand. A
//! changed target loses its roadmap (it was split from the old value).

use super::{
    ImportReport, Progress, Stage, UnitChange, Upload, placements, read_off_thread, resolve_units,
    unit_problem,
};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::closure::Scope;
use crate::db::targets::{self as store, TargetSelection, TargetValue};
use crate::db::units::KnownUnit;
use crate::db::{Db, WriteTx};
use crate::db::{catalogue, decisions};
use crate::domain::input;
use crate::domain::model::{Decision, Indicator, Target};
use crate::domain::scope::{Placement, Reach, may_set_target};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit};
use shared::ids::{DecisionId, IndicatorId, UnitId};
use shared::sheets::{Problem, ProblemKind, ProblemReason, TargetCell, Targets, read_targets};
use shared::{IndicatorKind, Role};
use std::collections::HashMap;

/// Why [`input::target_value`] refused `raw`: it refuses negatives, rates above 100 and
/// counts too large to be a target.
fn refusal_reason(kind: IndicatorKind, raw: f64) -> ProblemReason {
    if !raw.is_finite() || raw < 0.0 {
        ProblemReason::Negative
    } else if kind == IndicatorKind::Rate {
        ProblemReason::OutOfRange
    } else {
        ProblemReason::TooLarge
    }
}

/// Which decision the targets belong to.
#[derive(Debug, Clone)]
pub enum DecisionRef {
    Id(i32),
    Number(String),
}

/// Why a cell was refused: the problem and the column it lies in.
type Refused = Box<(Problem, usize)>;

/// A checked target of the file, with the one it replaces.
struct Planned {
    target: TargetValue,
    existing: Option<Target>,
}

/// The caller's role, when a user whose role may set targets somewhere (as by hand).
fn importer_role(actor: &Actor) -> ServiceResult<Role> {
    let action = "import targets";
    let role = access::role_for(actor, action, |r| {
        may_set_target(r, Reach::Province, Placement::Below)
    })?;
    actor.require_user(action)?;
    Ok(role)
}

/// Reads, checks and (unless a dry run or a problem) stores the targets of a file.
pub async fn import(
    actor: &Actor,
    db: &Db,
    decision_ref: DecisionRef,
    upload: Upload,
    dry_run: bool,
    progress: Progress<'_>,
) -> ServiceResult<ImportReport> {
    let role = importer_role(actor)?;
    upload.check_size()?;
    let decision = find_decision(db.conn(), &decision_ref).await?;
    let indicators = catalogue::indicators(db.conn(), None).await?;
    let (read, mut report) = read(&upload, &indicators, progress).await?;
    progress(Stage::Checking, 0, read.cells.len() as u64);
    let units = resolve_units(db.conn(), &read.units).await?;
    let placement = placements(db.conn(), actor).await?;
    let (txn, existing) = open(db, dry_run, decision.id).await?;
    let check = Check {
        role,
        reach: access::reach(actor),
        placement: &placement,
        read: &read,
        indicators: &indicators,
        units: &units,
        existing: &existing,
        year: decision.year,
    };
    let planned = check.all(&mut report);
    let Some(txn) = txn else {
        return Ok(report);
    };
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    write(&*txn, actor, &decision, &planned, &report).await?;
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
) -> ServiceResult<(Targets, ImportReport)> {
    progress(Stage::Reading, 0, upload.bytes.len() as u64);
    let names = indicators
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let read = read_off_thread(upload.bytes.clone(), names, read_targets).await?;
    let (format, rows, cells) = (read.format, read.rows, read.cells.len());
    let problems = read.problems.clone();
    let report = ImportReport::new(upload, format, Some("TARGETS"), rows, cells, problems);
    Ok((read, report))
}

/// The write transaction of an import (`None` for a preview, which reads without taking
/// the writer's lock) and the decision's targets as read in it.
async fn open(
    db: &Db,
    dry_run: bool,
    decision: DecisionId,
) -> ServiceResult<(Option<WriteTx>, HashMap<(UnitId, IndicatorId), Target>)> {
    if dry_run {
        return Ok((None, targets_of(db.conn(), decision).await?));
    }
    let txn = db.write().await?;
    let existing = targets_of(&*txn, decision).await?;
    Ok((Some(txn), existing))
}

/// The targets of a decision by unit and indicator.
async fn targets_of(
    db: &impl ConnectionTrait,
    decision: DecisionId,
) -> ServiceResult<HashMap<(UnitId, IndicatorId), Target>> {
    let selection = TargetSelection::of_decision(Scope::Everything, decision);
    let rows = store::select(db, selection).await?;
    Ok(rows
        .into_iter()
        .map(|t| ((t.unit_id, t.indicator_id), t))
        .collect())
}

/// The decision referred to; NOT_FOUND when there is none.
async fn find_decision(db: &impl ConnectionTrait, r: &DecisionRef) -> ServiceResult<Decision> {
    match r {
        DecisionRef::Id(id) => decisions::find(db, DecisionId(*id)).await?,
        DecisionRef::Number(n) => decisions::by_number(db, n.trim()).await?,
    }
    .ok_or_else(|| ServiceError::not_found("decision"))
}

/// The checks of a targets file against the catalogue, the scope and the stored targets.
struct Check<'a, P> {
    role: Role,
    reach: Reach,
    placement: &'a P,
    read: &'a Targets,
    indicators: &'a [Indicator],
    units: &'a [Option<KnownUnit>],
    existing: &'a HashMap<(UnitId, IndicatorId), Target>,
    /// The decision's year: a unit takes targets only for a year it is in force in.
    year: i32,
}

impl<P: Fn(UnitId) -> Placement> Check<'_, P> {
    /// Checks every cell, counting what changes into `report` and its problems.
    fn all(&self, report: &mut ImportReport) -> Vec<Planned> {
        let mut planned: Vec<Planned> = Vec::new();
        let mut changes: HashMap<UnitId, UnitChange> = HashMap::new();
        let mut firsts: HashMap<(UnitId, IndicatorId), u32> = HashMap::new();
        for c in &self.read.cells {
            let Some(ind) = self.indicators.get(usize::from(c.indicator)) else {
                continue;
            };
            let Some(unit) = self.unit(c, report) else {
                continue;
            };
            // The same unit written in two cases (`XA_1`, `xa_1`) in two rows.
            if let Some(first) = firsts.insert((unit.id, ind.id), c.row) {
                if first != c.row {
                    let at = self.read.unit_column.map(|col| (col, self.header(col)));
                    let p = Problem::new(
                        ProblemKind::Duplicate,
                        ProblemReason::RepeatedUnit,
                        format!("unit {} is also given in row {first}", unit.code),
                    )
                    .with_value(&unit.code)
                    .repeating(first);
                    let at = at.as_ref().map(|(col, h)| (*col, h.as_str()));
                    unit_problem(&mut report.problems, p, c.row, at);
                }
                continue;
            }
            let Some(target) = self.values(c, unit, ind, report) else {
                continue;
            };
            let old = self.existing.get(&(unit.id, ind.id)).cloned();
            // A blank or absent baseline keeps the one stored.
            let baseline = target.baseline.or(old.as_ref().and_then(|o| o.baseline));
            let target = TargetValue { baseline, ..target };
            let change = changes
                .entry(unit.id)
                .or_insert_with(|| UnitChange::of(unit.id, Some(unit)));
            match &old {
                None => change.new += 1,
                Some(o) if o.value != target.value || o.baseline != baseline => change.changed += 1,
                Some(_) => change.unchanged += 1,
            }
            planned.push(Planned {
                target,
                existing: old,
            });
        }
        report.units = changes.into_values().collect();
        report.months = report
            .units
            .iter()
            .filter(|u| u.new + u.changed > 0)
            .count() as u64;
        report.tally();
        planned
    }

    /// The cell's unit, if known and in the caller's reach; else a problem.
    fn unit(&self, c: &TargetCell, report: &mut ImportReport) -> Option<&KnownUnit> {
        let header = self.read.unit_column.map(|c| (c, self.header(c)));
        let unit_at = header.as_ref().map(|(c, h)| (*c, h.as_str()));
        let Some(unit) = self.units.get(c.unit as usize).and_then(Option::as_ref) else {
            let code = self
                .read
                .units
                .get(c.unit as usize)
                .cloned()
                .unwrap_or_default();
            let problem = Problem::new(
                ProblemKind::UnknownUnit,
                ProblemReason::UnknownCode,
                format!("no active unit has the code {code:?}"),
            )
            .with_value(code);
            unit_problem(&mut report.problems, problem, c.row, unit_at);
            return None;
        };
        if !may_set_target(self.role, self.reach, (self.placement)(unit.id)) {
            let problem = Problem::new(
                ProblemKind::OutOfScope,
                ProblemReason::NotBelowYourUnit,
                format!(
                    "unit {} is not below your unit: targets are set only for units below your own",
                    unit.code
                ),
            )
            .with_value(&unit.code);
            unit_problem(&mut report.problems, problem, c.row, unit_at);
            return None;
        }
        let in_year = (1..=12).any(|m| {
            crate::domain::tree::takes_figures(
                unit.valid_from,
                unit.valid_to,
                crate::domain::tree::month_index(self.year, m),
            )
        });
        if !in_year {
            let mut problem = Problem::new(
                ProblemKind::BadYear,
                ProblemReason::NotInForce,
                format!(
                    "unit {} is not in force in {}: its successor takes the targets of that year",
                    unit.code, self.year
                ),
            )
            .with_value(&unit.code);
            problem.year = Some(self.year);
            unit_problem(&mut report.problems, problem, c.row, unit_at);
            return None;
        }
        Some(unit)
    }

    /// The cell's target and baseline, if the indicator is active and both are valid; else
    /// a problem.
    fn values(
        &self,
        c: &TargetCell,
        unit: &KnownUnit,
        ind: &Indicator,
        report: &mut ImportReport,
    ) -> Option<TargetValue> {
        let (problem, col) = if !ind.active {
            let p = Problem::new(
                ProblemKind::UnknownIndicator,
                ProblemReason::Inactive,
                format!("indicator {} is inactive", ind.code),
            );
            (p.with_value(&ind.code), usize::from(c.col))
        } else {
            match self.parse(c, ind.kind) {
                Ok((value, baseline)) => {
                    let (unit, indicator) = (unit.id, ind.id);
                    return Some(TargetValue {
                        unit,
                        indicator,
                        value,
                        baseline,
                    });
                }
                Err(at) => *at,
            }
        };
        let header = self.header(col);
        report
            .problems
            .push(problem.at(c.row, Some((col, &header))));
        None
    }

    /// The target and baseline of a cell, or the problem and the column it lies in.
    fn parse(&self, c: &TargetCell, kind: IndicatorKind) -> Result<(f64, Option<f64>), Refused> {
        let col = usize::from(c.col);
        let value = input::target_value("value", kind, c.value).map_err(|e| {
            let problem = Problem::new(
                ProblemKind::BadValue,
                refusal_reason(kind, c.value),
                format!("the target {}", e.message),
            );
            Box::new((problem.with_value(&c.written.0), col))
        })?;
        let baseline = c
            .baseline
            .map(|b| input::target_value("baseline", kind, b))
            .transpose();
        let baseline = baseline.map_err(|e| {
            let problem = Problem::new(
                ProblemKind::BadValue,
                refusal_reason(kind, c.baseline.unwrap_or(f64::NAN)),
                format!("the baseline {}", e.message),
            );
            let value = c.written.1.clone().unwrap_or_default();
            let col = c.baseline_col.map(usize::from).unwrap_or(col);
            Box::new((problem.with_value(value), col))
        })?;
        Ok((value, baseline))
    }

    fn header(&self, c: usize) -> String {
        self.read.headers.get(c).cloned().unwrap_or_default()
    }
}

/// Stores new targets, replaces changed ones and audits the import.
async fn write(
    db: &impl ConnectionTrait,
    actor: &Actor,
    decision: &Decision,
    planned: &[Planned],
    report: &ImportReport,
) -> ServiceResult<()> {
    let new: Vec<TargetValue> = planned
        .iter()
        .filter(|p| p.existing.is_none())
        .map(|p| p.target)
        .collect();
    store::insert_many(db, decision, &new).await?;
    for p in planned {
        let Some(old) = &p.existing else { continue };
        let t = p.target;
        if old.value != t.value || old.baseline != t.baseline {
            store::replace(db, old.id, t.value, t.baseline).await?;
        }
    }
    let summary = serde_json::json!({"file": report.file_name, "sha256": report.sha256,
        "new": report.new, "changed": report.changed, "unchanged": report.unchanged});
    let (actor, id) = (Some(actor), decision.id);
    audit::record(
        db,
        actor,
        "importTargets",
        "decision",
        id,
        None,
        Some(summary),
    )
    .await
}
