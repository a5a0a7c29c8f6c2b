//! Importing the targets of a decision: one row per unit, one column per indicator, with
//! optional baselines; the same scope and value rules as setting one target by hand. A
//! changed target loses its roadmap (it was split from the old value).

use super::{
    ImportReport, Progress, Stage, UnitChange, Upload, placements, read_off_thread, resolve_units,
    unit_problem,
};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::entities::{decision, indicator, milestone, target};
use crate::domain::input;
use crate::domain::scope::may_set_target;
use crate::error::{ServiceError, ServiceResult};
use crate::service::audit;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::sheets::{Problem, ProblemKind, ProblemReason, read_targets};
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

struct Planned {
    unit: i32,
    indicator: i32,
    value: f64,
    baseline: Option<f64>,
    existing: Option<target::Model>,
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
    let role = actor.require_role(&[Role::Admin, Role::Manager], "import targets")?;
    actor.require_user("import targets")?;
    upload.check_size()?;
    let decision = match &decision_ref {
        DecisionRef::Id(id) => decision::Entity::find_by_id(*id).one(db.conn()).await?,
        DecisionRef::Number(n) => {
            decision::Entity::find()
                .filter(decision::Column::Number.eq(n.trim()))
                .one(db.conn())
                .await?
        }
    }
    .ok_or_else(|| ServiceError::not_found("decision"))?;
    let indicators: Vec<indicator::Model> = indicator::Entity::find()
        .order_by_asc(indicator::Column::Position)
        .all(db.conn())
        .await?;
    progress(Stage::Reading, 0, upload.bytes.len() as u64);
    let names: Vec<(String, String)> = indicators
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let read = read_off_thread(upload.bytes.clone(), names, read_targets).await?;
    let mut report = ImportReport::new(
        &upload,
        read.format,
        Some("TARGETS"),
        read.rows,
        read.cells.len(),
        read.problems.clone(),
    );
    progress(Stage::Checking, 0, read.cells.len() as u64);
    let units = resolve_units(db.conn(), &read.units).await?;
    let placement = placements(db.conn(), actor).await?;
    let reach = crate::service::access::reach(actor);
    let unit_col = read
        .unit_column
        .map(|c| (c, read.headers.get(c).cloned().unwrap_or_default()));
    let unit_at = unit_col.as_ref().map(|(c, h)| (*c, h.as_str()));
    let header = |c: usize| read.headers.get(c).cloned().unwrap_or_default();

    // A preview reads without taking the writer's lock; an import reads in its transaction.
    let txn = if dry_run {
        None
    } else {
        Some(db.write().await?)
    };
    let existing: HashMap<(i32, i32), target::Model> = match &txn {
        Some(t) => targets_of(&**t, decision.id).await?,
        None => targets_of(db.conn(), decision.id).await?,
    };
    let mut planned: Vec<Planned> = Vec::new();
    let mut changes: HashMap<i32, UnitChange> = HashMap::new();
    for c in &read.cells {
        let Some(ind) = indicators.get(usize::from(c.indicator)) else {
            continue;
        };
        let Some(unit) = units.get(c.unit as usize).and_then(Option::as_ref) else {
            let code = read.units.get(c.unit as usize).cloned().unwrap_or_default();
            let problem = Problem::new(
                ProblemKind::UnknownUnit,
                ProblemReason::UnknownCode,
                format!("no active unit has the code {code:?}"),
            )
            .with_value(code);
            unit_problem(&mut report.problems, problem, c.row, unit_at);
            continue;
        };
        if !may_set_target(role, reach, placement(unit.id)) {
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
            continue;
        }
        let col = usize::from(c.col);
        if !ind.active {
            let problem = Problem::new(
                ProblemKind::UnknownIndicator,
                ProblemReason::Inactive,
                format!("indicator {} is inactive", ind.code),
            );
            report.problems.push(
                problem
                    .at(c.row, Some((col, &header(col))))
                    .with_value(&ind.code),
            );
            continue;
        }
        let kind = ind
            .kind
            .parse::<IndicatorKind>()
            .map_err(|_| anyhow::anyhow!("corrupt indicator kind"))?;
        let value = match input::target_value("value", kind, c.value) {
            Ok(v) => v,
            Err(e) => {
                let problem = Problem::new(
                    ProblemKind::BadValue,
                    refusal_reason(kind, c.value),
                    format!("the target {}", e.message),
                );
                report.problems.push(
                    problem
                        .at(c.row, Some((col, &header(col))))
                        .with_value(&c.written.0),
                );
                continue;
            }
        };
        let baseline = match c
            .baseline
            .map(|b| input::target_value("baseline", kind, b))
            .transpose()
        {
            Ok(b) => b,
            Err(e) => {
                let b = c.baseline_col.map(usize::from).unwrap_or(col);
                let problem = Problem::new(
                    ProblemKind::BadValue,
                    refusal_reason(kind, c.baseline.unwrap_or(f64::NAN)),
                    format!("the baseline {}", e.message),
                );
                report.problems.push(
                    problem
                        .at(c.row, Some((b, &header(b))))
                        .with_value(c.written.1.clone().unwrap_or_default()),
                );
                continue;
            }
        };
        let old = existing.get(&(unit.id, ind.id)).cloned();
        // A blank or absent baseline keeps the one stored.
        let baseline = baseline.or(old.as_ref().and_then(|o| o.baseline));
        let change = changes.entry(unit.id).or_insert_with(|| UnitChange {
            unit_id: unit.id,
            code: unit.code.clone(),
            name: unit.name.clone(),
            ..UnitChange::default()
        });
        match &old {
            None => change.new += 1,
            Some(o) if o.value != value || o.baseline != baseline => change.changed += 1,
            Some(_) => change.unchanged += 1,
        }
        planned.push(Planned {
            unit: unit.id,
            indicator: ind.id,
            value,
            baseline,
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
    let Some(txn) = txn else {
        return Ok(report);
    };
    if !report.problems.is_empty() {
        return Err(report.refusal());
    }
    write(&*txn, &decision, &planned).await?;
    audit::record(
        &*txn,
        Some(actor),
        "importTargets",
        "decision",
        decision.id,
        None,
        Some(
            serde_json::json!({"file": report.file_name, "sha256": report.sha256,
            "new": report.new, "changed": report.changed, "unchanged": report.unchanged}),
        ),
    )
    .await?;
    txn.commit().await?;
    progress(Stage::Writing, report.values, report.values);
    report.stored = true;
    Ok(report)
}

async fn targets_of(
    db: &impl ConnectionTrait,
    decision: i32,
) -> ServiceResult<HashMap<(i32, i32), target::Model>> {
    Ok(target::Entity::find()
        .filter(target::Column::DecisionId.eq(decision))
        .all(db)
        .await?
        .into_iter()
        .map(|t| ((t.unit_id, t.indicator_id), t))
        .collect())
}

async fn write(
    db: &impl ConnectionTrait,
    decision: &decision::Model,
    planned: &[Planned],
) -> ServiceResult<()> {
    let new: Vec<target::ActiveModel> = planned
        .iter()
        .filter(|p| p.existing.is_none())
        .map(|p| target::ActiveModel {
            decision_id: Set(decision.id),
            unit_id: Set(p.unit),
            indicator_id: Set(p.indicator),
            year: Set(decision.year),
            value: Set(p.value),
            baseline: Set(p.baseline),
            responsible_staff_id: Set(None),
            version: Set(1),
            split_grain: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in new.chunks(1000) {
        target::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for p in planned {
        let Some(old) = &p.existing else { continue };
        if old.value == p.value && old.baseline == p.baseline {
            continue;
        }
        target::Entity::update_many()
            .col_expr(target::Column::Value, Expr::value(p.value))
            .col_expr(target::Column::Baseline, Expr::value(p.baseline))
            .col_expr(
                target::Column::Version,
                Expr::col(target::Column::Version).add(1),
            )
            .filter(target::Column::Id.eq(old.id))
            .exec(db)
            .await?;
        // The roadmap was split from the old value: it no longer leads to the target.
        milestone::Entity::delete_many()
            .filter(milestone::Column::TargetId.eq(old.id))
            .exec(db)
            .await?;
    }
    Ok(())
}
