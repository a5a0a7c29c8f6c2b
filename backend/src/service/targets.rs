//! Targets of decisions: listing within scope, setting them (ADMIN; MANAGER for units
//! strictly below its own) with optimistic versioning, and their milestones and personal
//! shares for the GraphQL loaders.

use super::access::{self, OrNotFound};
use super::paging::{PageArgs, Paged};
use super::{audit, catalogue};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::closure::Scope;
use crate::db::targets::{self as store, TargetSelection, TargetValues};
use crate::db::{Db, decisions, milestones, staff, units};
use crate::domain::model::{Indicator, Milestone, StaffTarget, Target};
use crate::domain::paging::KeyPart;
use crate::domain::scope::{Placement, may_set_target};
use crate::domain::{input, roadmap_edit};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::{DecisionId, StaffId, TargetId, UnitId};
use shared::{IndicatorKind, RoadmapOnEdit};
use std::collections::HashMap;

/// Filters of the `targets` query.
#[derive(Debug, Clone, Default)]
pub struct TargetFilter {
    /// The year of the targets.
    pub year: i32,
    /// Only this unit.
    pub unit_id: Option<UnitId>,
    /// Only this indicator (no targets when the code is unknown).
    pub indicator_code: Option<String>,
    /// Only this decision.
    pub decision_id: Option<DecisionId>,
}

/// Targets in scope matching the filter.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    f: TargetFilter,
) -> ServiceResult<Vec<Target>> {
    match selection(actor, db, f).await? {
        Some(selection) => Ok(store::select(db, selection).await?),
        None => Ok(Vec::new()),
    }
}

/// A page of the targets of [`list`], by id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    f: TargetFilter,
    args: &PageArgs,
) -> ServiceResult<Paged<Target>> {
    let keys = args.check("targets", &[true])?;
    let (rows, total) = match selection(actor, db, f).await? {
        Some(s) => (
            store::page(db, s, keys.id(), keys.size.probe()).await?,
            store::count(db, s).await?,
        ),
        None => (Vec::new(), 0),
    };
    Ok(keys.page(rows, total, |t| vec![KeyPart::Int(i64::from(t.id.0))]))
}

/// The targets in scope the filter selects; `None` when none can match (an unknown
/// indicator code).
async fn selection(
    actor: &Actor,
    db: &impl ConnectionTrait,
    f: TargetFilter,
) -> ServiceResult<Option<TargetSelection>> {
    let indicator = match f.indicator_code.as_deref() {
        Some(code) => match crate::db::catalogue::indicator_by_code(db, code).await? {
            Some(i) => Some(i.id),
            None => return Ok(None),
        },
        None => None,
    };
    Ok(Some(TargetSelection {
        within: access::scope(actor),
        year: Some(f.year),
        unit: f.unit_id,
        decision: f.decision_id,
        indicator,
    }))
}

/// Targets of a decision in scope, optionally of one unit.
pub async fn of_decision(
    actor: &Actor,
    db: &impl ConnectionTrait,
    decision: DecisionId,
    unit: Option<UnitId>,
) -> ServiceResult<Vec<Target>> {
    let selection = TargetSelection {
        unit,
        ..TargetSelection::of_decision(access::scope(actor), decision)
    };
    Ok(store::select(db, selection).await?)
}

/// One target in scope.
pub async fn get(actor: &Actor, db: &impl ConnectionTrait, id: TargetId) -> ServiceResult<Target> {
    store::get(db, access::scope(actor), id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("target {id}")))
}

/// Milestones of each target, in order.
pub async fn milestones_of(
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Vec<Milestone>>> {
    Ok(milestones::of_targets(db, ids).await?)
}

/// Personal shares of each target.
pub async fn staff_targets_of(
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Vec<StaffTarget>>> {
    Ok(store::shares_of(db, ids).await?)
}

/// Fails with NOT_FOUND when the staff member does not exist, and with VALIDATION on
/// `field` (saying `message`) when it does not belong to `unit`.
pub(super) async fn ensure_staff_of(
    db: &impl ConnectionTrait,
    id: StaffId,
    unit: UnitId,
    (field, message): (&str, &str),
) -> ServiceResult<()> {
    match staff::find(db, id).await?.map(|s| s.unit_id) {
        None => Err(ServiceError::not_found(format!("staff {id}"))),
        Some(u) if u != unit => Err(ServiceError::validation(field, message)),
        Some(_) => Ok(()),
    }
}

/// The error of a versioned write that found the target changed by someone else.
pub(super) fn changed_in_between() -> ServiceError {
    ServiceError::conflict("the target was changed in between; reload it")
}

/// A target to set.
#[derive(Debug, Clone)]
pub struct SetTarget {
    /// The decision that assigns the target.
    pub decision_id: DecisionId,
    /// The unit given the target.
    pub unit_id: UnitId,
    /// The indicator, by code; it must be active.
    pub indicator_code: String,
    /// The annual value (a percentage for a rate).
    pub value: f64,
    /// The starting level, if known.
    pub baseline: Option<f64>,
    /// A staff member of the unit answering for the target.
    pub responsible_staff_id: Option<StaffId>,
    /// The version the caller last read; 0 or none for a new target.
    pub expected_version: Option<i32>,
    /// What a change of the value or baseline does to an existing roadmap; none clears it
    /// (the behaviour before the choice existed).
    pub roadmap: Option<RoadmapOnEdit>,
}

/// Creates or replaces the target of (decision, unit, indicator).
pub async fn set(actor: &Actor, db: &Db, cmd: SetTarget) -> ServiceResult<Target> {
    authorize_set(actor, db, cmd.unit_id).await?;
    let indicator = active_indicator(db.conn(), &cmd.indicator_code).await?;
    let values = TargetValues {
        value: input::target_value("value", indicator.kind, cmd.value)?,
        baseline: cmd
            .baseline
            .map(|b| input::target_value("baseline", indicator.kind, b))
            .transpose()?,
        responsible_staff_id: cmd.responsible_staff_id,
    };
    let txn = db.write().await?;
    let year = decisions::find(&*txn, cmd.decision_id)
        .await?
        .or_not_found(format!("decision {}", cmd.decision_id))?
        .year;
    let unit = units::find(&*txn, cmd.unit_id)
        .await?
        .or_not_found(format!("unit {}", cmd.unit_id))?;
    ensure_in_force_in(&unit, year)?;
    if let Some(s) = cmd.responsible_staff_id {
        let staff_rule = "the responsible staff member must belong to the unit";
        ensure_staff_of(&*txn, s, cmd.unit_id, ("responsibleStaffId", staff_rule)).await?;
    }
    let key = (cmd.decision_id, cmd.unit_id, indicator.id);
    let saved = match store::find(&*txn, key.0, key.1, key.2).await? {
        Some(before) => {
            let edit = Edit {
                kind: indicator.kind,
                expected_version: cmd.expected_version,
                roadmap: cmd.roadmap.unwrap_or(RoadmapOnEdit::Clear),
            };
            replace(actor, &*txn, before, values, edit).await?
        }
        None => create(actor, &*txn, key, year, values, cmd.expected_version).await?,
    };
    txn.commit().await?;
    Ok(saved)
}

/// Fails with VALIDATION unless `unit` is in force on some day of `year`: a merged or closed
/// unit keeps its targets of earlier years as history; its successor gets its own.
fn ensure_in_force_in(unit: &crate::domain::model::Unit, year: i32) -> ServiceResult<()> {
    use crate::domain::tree::{month_index, takes_figures};
    let any_month =
        (1..=12).any(|m| takes_figures(unit.valid_from, unit.valid_to, month_index(year, m)));
    if any_month {
        return Ok(());
    }
    Err(ServiceError::validation(
        "unitId",
        format!(
            "{} không hoạt động trong năm {year} — chỉ tiêu năm này giao cho đơn vị kế thừa.",
            unit.name
        ),
    ))
}

/// ADMIN or MANAGER, for a unit the rule lets the caller set targets of.
async fn authorize_set(actor: &Actor, db: &Db, unit: UnitId) -> ServiceResult<()> {
    let reach = access::reach(actor);
    let role = access::role_for(actor, "set targets", |r| {
        may_set_target(r, reach, Placement::Below)
    })?;
    let at = access::placement(db.conn(), actor, unit).await?;
    access::allow(
        may_set_target(role, reach, at),
        "a manager or a scoped admin sets targets only for units below its own",
    )
}

/// The indicator with `code`, which must be active.
async fn active_indicator(db: &impl ConnectionTrait, code: &str) -> ServiceResult<Indicator> {
    let indicator = catalogue::indicator_by_code(db, code).await?;
    if !indicator.active {
        let message = format!("indicator {} is inactive", indicator.code);
        return Err(ServiceError::validation("indicatorCode", message));
    }
    Ok(indicator)
}

/// How an existing target is edited.
#[derive(Debug, Clone, Copy)]
struct Edit {
    /// The indicator's kind (the roadmap rules differ for rates and counts).
    kind: IndicatorKind,
    /// The version the caller last read.
    expected_version: Option<i32>,
    /// What happens to the roadmap when the value or baseline changes.
    roadmap: RoadmapOnEdit,
}

/// Writes new values to an existing target, at the version the caller expects, and keeps,
/// rescales or clears its roadmap as asked when the value or baseline changes.
async fn replace(
    actor: &Actor,
    db: &impl ConnectionTrait,
    before: Target,
    values: TargetValues,
    edit: Edit,
) -> ServiceResult<Target> {
    if let Some(expected) = edit.expected_version.filter(|&v| v != before.version) {
        return Err(ServiceError::conflict(format!(
            "the target was changed in between (version {}, expected {expected}); reload it",
            before.version
        )));
    }
    let roadmap = milestones::of_targets(db, &[before.id])
        .await?
        .remove(&before.id)
        .unwrap_or_default();
    let old: Vec<f64> = roadmap.iter().map(|m| m.value).collect();
    let touched = before.value != values.value || before.baseline != values.baseline;
    let new = match (touched, roadmap.first()) {
        (true, Some(first)) => Some((first.grain, next_roadmap(&before, values, edit, &old)?)),
        _ => None,
    };
    if !store::update(db, before.id, before.version, values).await? {
        return Err(changed_in_between());
    }
    match &new {
        Some((_, ms)) if ms.is_empty() => milestones::delete_of(db, before.id).await?,
        Some((grain, ms)) if *ms != old => milestones::replace(db, before.id, *grain, ms).await?,
        _ => {}
    }
    let after = store::get(db, Scope::Everything, before.id)
        .await?
        .ok_or_else(|| ServiceError::not_found("target"))?;
    let kept = new.as_ref().map_or(&old, |(_, ms)| ms);
    let before_json = with_roadmap(json(&before), &old, None);
    let after_json = with_roadmap(json(&after), kept, new.is_some().then_some(edit.roadmap));
    audit::record(
        db,
        Some(actor),
        "setTarget",
        "target",
        after.id,
        before_json,
        after_json,
    )
    .await?;
    Ok(after)
}

/// The milestones a target keeps after its value or baseline changed: `old` as they are
/// (VALIDATION on `roadmap` when they would break the roadmap rules), rescaled, or none.
fn next_roadmap(
    before: &Target,
    values: TargetValues,
    edit: Edit,
    old: &[f64],
) -> ServiceResult<Vec<f64>> {
    match edit.roadmap {
        RoadmapOnEdit::Clear => Ok(Vec::new()),
        RoadmapOnEdit::Keep => {
            roadmap_edit::check_keep(edit.kind, values.value, values.baseline, old)
                .map_err(|e| ServiceError::validation(e.field, e.message))?;
            Ok(old.to_vec())
        }
        RoadmapOnEdit::Rescale => Ok(roadmap_edit::rescale(
            edit.kind,
            before.value,
            values.value,
            before.baseline,
            old,
        )),
    }
}

/// The audit form of a target with its milestones, and the roadmap choice when one applied.
fn with_roadmap(
    target: Option<serde_json::Value>,
    milestones: &[f64],
    choice: Option<RoadmapOnEdit>,
) -> Option<serde_json::Value> {
    let mut target = target?;
    if let Some(o) = target.as_object_mut() {
        o.insert("milestones".into(), serde_json::json!(milestones));
        if let Some(c) = choice {
            o.insert("roadmap".into(), serde_json::json!(c));
        }
    }
    Some(target)
}

/// Inserts a new target; an expected version other than 0 means the caller saw one.
async fn create(
    actor: &Actor,
    db: &impl ConnectionTrait,
    key: (DecisionId, UnitId, shared::ids::IndicatorId),
    year: i32,
    values: TargetValues,
    expected_version: Option<i32>,
) -> ServiceResult<Target> {
    if expected_version.is_some_and(|v| v != 0) {
        return Err(ServiceError::conflict(
            "the target does not exist yet; set it without expectedVersion",
        ));
    }
    let created = store::insert(db, key, year, values).await?;
    let after = json(&created);
    audit::record(
        db,
        Some(actor),
        "setTarget",
        "target",
        created.id,
        None,
        after,
    )
    .await?;
    Ok(created)
}

/// The audit form of a value.
pub(super) fn json(value: &impl serde::Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}
