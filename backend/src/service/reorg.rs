//! Reorganising the tree from a date (ADMIN): merging units into one, moving a unit under a
//! new parent, renaming it and closing it. Each change is checked, applied to the dated
//! closure paths and the roll-ups in one transaction with its audit entry, or previewed
//! (applied, then rolled back). Figures always stay with the unit that reported them.

use super::access;
use super::audit;
use crate::auth::Actor;
use crate::db::reorgs::{NewReorganization, StoredReorganization};
use crate::db::{self, ConnectionTrait, Db, closure, reorgs, rollups};
use crate::domain::input::{self, Code};
use crate::domain::model::Unit;
use crate::domain::scope::{Placement, may_edit_unit};
use crate::domain::tree::{self, MonthIndex, Path};
use crate::error::{ServiceError, ServiceResult};
use chrono::NaiveDate;
use shared::ids::UnitId;
use shared::{Role, UnitKind};
use std::collections::HashMap;

/// When and by which decision a change takes effect.
#[derive(Debug, Clone)]
pub struct Change {
    pub effective_on: NaiveDate,
    pub decision: String,
}

/// A unit a merge creates.
#[derive(Debug, Clone)]
pub struct NewUnitSpec {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// What sources merge into.
#[derive(Debug, Clone)]
pub enum MergeTarget {
    Existing(UnitId),
    New(NewUnitSpec),
}

/// N units merged into one from a date.
#[derive(Debug, Clone)]
pub struct MergeCmd {
    pub sources: Vec<UnitId>,
    pub into: MergeTarget,
    /// The parent of a new unit (by default the first source's).
    pub parent: Option<UnitId>,
    pub change: Change,
}

/// A unit hung under a new parent from a date.
#[derive(Debug, Clone)]
pub struct MoveCmd {
    pub unit: UnitId,
    pub parent: UnitId,
    pub change: Change,
}

/// A unit's code, name or kind changed from a date.
#[derive(Debug, Clone)]
pub struct RenameCmd {
    pub unit: UnitId,
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub change: Change,
}

/// A unit abolished from a date.
#[derive(Debug, Clone)]
pub struct CloseCmd {
    pub unit: UnitId,
    pub change: Change,
}

/// What a change stored.
#[derive(Debug, Clone, Copy)]
pub struct Applied {
    pub reorganization: i32,
    pub result: Option<UnitId>,
}

/// A change as answered: the stored reorganisation and the units it names as they stood
/// right after it (a preview's new unit exists only here).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub reorganization: StoredReorganization,
    pub units: HashMap<UnitId, Unit>,
    pub preview: bool,
}

/// The reorganisations of `year` (all when `None`), newest first, in the caller's scope.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> ServiceResult<Vec<StoredReorganization>> {
    let all = reorgs::list(db, year, None).await?;
    if actor.scope_is_root {
        return Ok(all);
    }
    let visible: std::collections::HashSet<UnitId> = closure::subtree(db, actor.scope)
        .await?
        .into_iter()
        .collect();
    Ok(all
        .into_iter()
        .filter(|r| {
            r.sources
                .iter()
                .chain(&r.result)
                .any(|u| visible.contains(u))
        })
        .collect())
}

/// Merges units (ADMIN over each source, the target in scope).
pub async fn merge(actor: &Actor, db: &Db, cmd: MergeCmd, dry_run: bool) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    for s in &cmd.sources {
        allow_change(db.conn(), actor, role, *s).await?;
    }
    let receiving = match &cmd.into {
        MergeTarget::Existing(u) => Some(*u),
        MergeTarget::New(_) => cmd.parent,
    };
    if let Some(u) = receiving {
        allow_receive(db.conn(), actor, u).await?;
    }
    run(actor, db, dry_run, Cmd::Merge(&cmd)).await
}

/// Moves a unit (ADMIN over it, the new parent in scope).
pub async fn move_unit(
    actor: &Actor,
    db: &Db,
    cmd: MoveCmd,
    dry_run: bool,
) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    allow_receive(db.conn(), actor, cmd.parent).await?;
    run(actor, db, dry_run, Cmd::Move(&cmd)).await
}

/// Renames a unit (ADMIN over it).
pub async fn rename(
    actor: &Actor,
    db: &Db,
    cmd: RenameCmd,
    dry_run: bool,
) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    run(actor, db, dry_run, Cmd::Rename(&cmd)).await
}

/// Closes a unit (ADMIN over it).
pub async fn close(actor: &Actor, db: &Db, cmd: CloseCmd, dry_run: bool) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    run(actor, db, dry_run, Cmd::Close(&cmd)).await
}

/// One change to run.
enum Cmd<'a> {
    Merge(&'a MergeCmd),
    Move(&'a MoveCmd),
    Rename(&'a RenameCmd),
    Close(&'a CloseCmd),
}

/// Applies one change in a transaction, audits it and commits it (or rolls it back for a
/// preview), answering the stored change with its units.
async fn run(actor: &Actor, db: &Db, dry_run: bool, cmd: Cmd<'_>) -> ServiceResult<Outcome> {
    let txn = db.write().await?;
    let (action, applied) = match cmd {
        Cmd::Merge(c) => ("mergeUnits", apply_merge(&*txn, c).await?),
        Cmd::Move(c) => ("moveUnit", apply_move(&*txn, c).await?),
        Cmd::Rename(c) => ("renameUnit", apply_rename(&*txn, c).await?),
        Cmd::Close(c) => ("closeUnit", apply_close(&*txn, c).await?),
    };
    let stored = reorgs::list(&*txn, None, None)
        .await?
        .into_iter()
        .find(|r| r.id == applied.reorganization)
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the change just stored is gone")))?;
    let ids: Vec<UnitId> = stored
        .sources
        .iter()
        .chain(&stored.moved)
        .chain(&stored.result)
        .copied()
        .collect();
    let units = db::units::by_ids(&*txn, closure::Scope::Everything, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let outcome = Outcome {
        reorganization: stored,
        units,
        preview: dry_run,
    };
    if dry_run {
        txn.rollback().await?;
    } else {
        let after = serde_json::json!({
            "kind": outcome.reorganization.kind,
            "effectiveOn": outcome.reorganization.effective_on,
            "decision": outcome.reorganization.decision,
            "sources": outcome.reorganization.sources.iter().map(|u| u.0).collect::<Vec<_>>(),
            "result": outcome.reorganization.result.map(|u| u.0),
            "moved": outcome.reorganization.moved.iter().map(|u| u.0).collect::<Vec<_>>(),
        });
        audit::record(
            &*txn,
            Some(actor),
            action,
            "reorganization",
            applied.reorganization,
            None,
            Some(after),
        )
        .await?;
        txn.commit().await?;
    }
    Ok(outcome)
}

fn admin_role(actor: &Actor) -> ServiceResult<Role> {
    access::role_for(actor, "reorganise units", |r| r == Role::Admin)
}

async fn allow_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    role: Role,
    unit: UnitId,
) -> ServiceResult<()> {
    let at = access::placement(db, actor, unit).await?;
    access::allow(
        may_edit_unit(role, access::reach(actor), at),
        "an admin reorganises only units of its own subtree",
    )
}

async fn allow_receive(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
) -> ServiceResult<()> {
    let at: Placement = access::placement(db, actor, unit).await?;
    access::allow(
        at.in_scope(),
        "an admin reorganises only units of its own subtree",
    )
}

/// The month a change takes effect, after checking its day, decision and order.
async fn effective(db: &impl ConnectionTrait, change: &Change) -> ServiceResult<MonthIndex> {
    let Some(month) = tree::effective_month(change.effective_on) else {
        return Err(ServiceError::validation(
            "effectiveOn",
            format!(
                "Ngày hiệu lực phải là ngày đầu tháng (ví dụ 01/{}), không phải {}.",
                change.effective_on.format("%m/%Y"),
                day(change.effective_on)
            ),
        ));
    };
    input::text("decision", &change.decision, 100).map_err(|_| {
        ServiceError::validation(
            "decision",
            "Hãy nhập số quyết định hoặc nghị quyết (tối đa 100 ký tự).",
        )
    })?;
    if let Some(latest) = reorgs::latest_effective(db).await?
        && change.effective_on < latest
    {
        return Err(ServiceError::validation(
            "effectiveOn",
            format!(
                "Các thay đổi được ghi theo thứ tự ngày hiệu lực: thay đổi gần nhất có hiệu lực từ {}, thay đổi này không thể có hiệu lực sớm hơn.",
                day(latest)
            ),
        ));
    }
    Ok(month)
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn month_list(months: &[MonthIndex]) -> String {
    months
        .iter()
        .map(|m| {
            let (y, mo) = tree::year_month(*m);
            format!("{mo:02}/{y}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The unit, which must exist and be in force on the day.
async fn in_force(
    db: &impl ConnectionTrait,
    unit: UnitId,
    on: NaiveDate,
    field: &str,
) -> ServiceResult<Unit> {
    let Some(u) = db::units::find(db, unit).await? else {
        return Err(ServiceError::validation(
            field,
            format!("Không có đơn vị mã số {unit}."),
        ));
    };
    if !tree::in_force_on(u.valid_from, u.valid_to, on) {
        return Err(ServiceError::validation(
            field,
            format!("{} không còn hiệu lực ngày {}.", u.name, day(on)),
        ));
    }
    Ok(u)
}

/// Fails unless `unit` has no figures from the month of the change on.
async fn no_figures_from(
    db: &impl ConnectionTrait,
    unit: &Unit,
    month: MonthIndex,
    change: &Change,
    what: &str,
) -> ServiceResult<()> {
    let months = reorgs::months_with_figures_from(db, unit.id, month).await?;
    if months.is_empty() {
        return Ok(());
    }
    Err(ServiceError::validation(
        "effectiveOn",
        format!(
            "{} đã có số liệu các tháng {} — {what} chỉ có hiệu lực sau tháng cuối cùng có số liệu (ngày {} không được).",
            unit.name,
            month_list(&months),
            day(change.effective_on)
        ),
    ))
}

/// The children of `unit` in force.
async fn children_in_force(db: &impl ConnectionTrait, unit: UnitId) -> ServiceResult<Vec<UnitId>> {
    Ok(closure::in_force_below(db, unit)
        .await?
        .into_iter()
        .filter(|p| p.depth == 1 && !p.inherited)
        .map(|p| p.descendant)
        .collect())
}

/// Whether `inner` lies in the subtree in force of `outer` (itself included).
async fn lies_within(
    db: &impl ConnectionTrait,
    outer: UnitId,
    inner: UnitId,
) -> ServiceResult<bool> {
    Ok(closure::in_force_below(db, outer)
        .await?
        .iter()
        .any(|p| p.descendant == inner))
}

/// Moves `unit`'s subtree under `parent` from `month`: paths and roll-ups.
async fn hang(
    db: &impl ConnectionTrait,
    unit: UnitId,
    parent: UnitId,
    month: MonthIndex,
) -> ServiceResult<()> {
    let sub = closure::in_force_below(db, unit).await?;
    let above = closure::in_force_into(db, &sub).await?;
    let up_new = closure::in_force_above(db, parent).await?;
    let leaving: Vec<UnitId> = above
        .iter()
        .filter(|p| p.descendant == unit)
        .map(|p| p.ancestor)
        .collect();
    let joining: Vec<UnitId> = up_new.iter().map(|p| p.ancestor).collect();
    rollups::move_from(db, unit, month, &leaving, &joining).await?;
    closure::apply_edit(db, &tree::move_paths(&above, &sub, &up_new, month)).await?;
    reorgs::set_unit(db, unit, Some(parent), None, None, None).await?;
    Ok(())
}

/// The most units one merge takes.
const MAX_SOURCES: usize = 100;

/// Applies a merge in the caller's transaction without authorising or auditing it.
pub async fn apply_merge(db: &impl ConnectionTrait, cmd: &MergeCmd) -> ServiceResult<Applied> {
    let month = effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let mut sources: Vec<UnitId> = cmd.sources.clone();
    sources.sort();
    sources.dedup();
    if sources.len() > MAX_SOURCES {
        return Err(ServiceError::validation(
            "sourceIds",
            format!("Một lần sáp nhập gồm tối đa {MAX_SOURCES} đơn vị."),
        ));
    }
    if sources.is_empty() {
        return Err(ServiceError::validation(
            "sourceIds",
            "Hãy chọn ít nhất một đơn vị được sáp nhập.",
        ));
    }
    let mut source_units = Vec::new();
    for s in &sources {
        let u = in_force(db, *s, on, "sourceIds").await?;
        if u.parent_id.is_none() {
            return Err(ServiceError::validation(
                "sourceIds",
                "Không thể sáp nhập đơn vị gốc của tỉnh.",
            ));
        }
        no_figures_from(db, &u, month, &cmd.change, "việc sáp nhập").await?;
        source_units.push(u);
    }
    let into = match &cmd.into {
        MergeTarget::Existing(t) => {
            if sources.contains(t) {
                return Err(ServiceError::validation(
                    "intoId",
                    "Đơn vị nhận không thể là một trong các đơn vị được sáp nhập.",
                ));
            }
            in_force(db, *t, on, "intoId").await?;
            for s in &source_units {
                if lies_within(db, s.id, *t).await? {
                    return Err(ServiceError::validation(
                        "intoId",
                        format!(
                            "Đơn vị nhận thuộc {} — không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó.",
                            s.name
                        ),
                    ));
                }
            }
            *t
        }
        MergeTarget::New(spec) => {
            let parent = cmd
                .parent
                .or(source_units.first().and_then(|u| u.parent_id))
                .ok_or_else(|| {
                    ServiceError::validation("parentId", "Hãy chọn đơn vị cấp trên của đơn vị mới.")
                })?;
            in_force(db, parent, on, "parentId").await?;
            for s in &source_units {
                if lies_within(db, s.id, parent).await? {
                    return Err(ServiceError::validation(
                        "parentId",
                        format!("Đơn vị cấp trên thuộc {}, đơn vị sẽ thôi hiệu lực.", s.name),
                    ));
                }
            }
            let code = Code::parse("into.code", &spec.code)?;
            let name = input::name("into.name", &spec.name)?;
            if db::units::code_taken(db, code.as_str()).await? {
                return Err(ServiceError::validation(
                    "into.code",
                    format!("Đã có đơn vị mã {}.", code.as_str()),
                ));
            }
            let created = db::units::insert(
                db,
                db::units::NewUnit {
                    code: code.into_string(),
                    name,
                    kind: spec.kind,
                    parent_id: Some(parent),
                },
            )
            .await?;
            reorgs::set_in_force(db, created.id, Some(on), None).await?;
            closure::insert_leaf(db, created.id, Some(parent), month).await?;
            created.id
        }
    };
    let mut involved: Vec<UnitId> = sources.clone();
    involved.push(into);
    let paths = closure::paths_from(db, &involved).await?;
    if let Some((unit, counted_by, m)) = tree::first_overlap(&paths, month) {
        let name = |u: UnitId| async move {
            db::units::find(db, u)
                .await
                .ok()
                .flatten()
                .map(|u| u.name)
                .unwrap_or_default()
        };
        let (y, mo) = tree::year_month(m);
        return Err(ServiceError::validation(
            "sourceIds",
            format!(
                "Số liệu của {} tháng {mo:02}/{y} đã được tính cho {} — các đơn vị được sáp nhập và đơn vị nhận không được chồng lên nhau.",
                name(unit).await,
                name(counted_by).await
            ),
        ));
    }
    let mut moved = Vec::new();
    let last_day = on
        .pred_opt()
        .ok_or_else(|| ServiceError::validation("effectiveOn", "Ngày hiệu lực không hợp lệ."))?;
    for s in &sources {
        for child in children_in_force(db, *s).await? {
            hang(db, child, into, month).await?;
            moved.push(child);
        }
        let from_source: Vec<Path> = closure::paths_from(db, &[*s]).await?;
        let to_source = closure::in_force_above(db, *s).await?;
        rollups::copy_into(db, *s, into).await?;
        closure::apply_edit(
            db,
            &tree::merge_paths(&from_source, &to_source, into, month),
        )
        .await?;
        reorgs::set_in_force(db, *s, None, Some(last_day)).await?;
    }
    let id = reorgs::insert(
        db,
        &NewReorganization {
            kind: "MERGE",
            effective_on: on,
            decision: cmd.change.decision.trim().to_owned(),
            result: Some(into),
            details: None,
            sources,
            moved,
        },
    )
    .await?;
    Ok(Applied {
        reorganization: id,
        result: Some(into),
    })
}

/// Applies a move in the caller's transaction without authorising or auditing it.
pub async fn apply_move(db: &impl ConnectionTrait, cmd: &MoveCmd) -> ServiceResult<Applied> {
    let month = effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let unit = in_force(db, cmd.unit, on, "unitId").await?;
    if unit.parent_id.is_none() {
        return Err(ServiceError::validation(
            "unitId",
            "Không thể chuyển đơn vị gốc của tỉnh.",
        ));
    }
    let parent = in_force(db, cmd.parent, on, "parentId").await?;
    if unit.parent_id == Some(parent.id) {
        return Err(ServiceError::validation(
            "parentId",
            format!("{} đã trực thuộc {}.", unit.name, parent.name),
        ));
    }
    if lies_within(db, unit.id, parent.id).await? {
        return Err(ServiceError::validation(
            "parentId",
            "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
        ));
    }
    hang(db, unit.id, parent.id, month).await?;
    let id = reorgs::insert(
        db,
        &NewReorganization {
            kind: "MOVE",
            effective_on: on,
            decision: cmd.change.decision.trim().to_owned(),
            result: Some(unit.id),
            details: Some(
                serde_json::json!({"from": unit.parent_id.map(|p| p.0), "to": parent.id.0})
                    .to_string(),
            ),
            sources: vec![unit.id],
            moved: Vec::new(),
        },
    )
    .await?;
    Ok(Applied {
        reorganization: id,
        result: Some(unit.id),
    })
}

/// Applies a rename in the caller's transaction without authorising or auditing it.
pub async fn apply_rename(db: &impl ConnectionTrait, cmd: &RenameCmd) -> ServiceResult<Applied> {
    effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let unit = in_force(db, cmd.unit, on, "unitId").await?;
    if cmd.code.is_none() && cmd.name.is_none() && cmd.kind.is_none() {
        return Err(ServiceError::validation(
            "name",
            "Hãy nhập mã, tên hoặc loại mới.",
        ));
    }
    let code = cmd
        .code
        .as_deref()
        .map(|c| Code::parse("code", c))
        .transpose()?;
    if let Some(c) = &code
        && c.as_str() != unit.code
        && db::units::code_taken(db, c.as_str()).await?
    {
        return Err(ServiceError::validation(
            "code",
            format!("Đã có đơn vị mã {}.", c.as_str()),
        ));
    }
    let name = cmd
        .name
        .as_deref()
        .map(|n| input::name("name", n))
        .transpose()?;
    reorgs::set_unit(
        db,
        unit.id,
        None,
        code.as_ref().map(Code::as_str),
        name.as_deref(),
        cmd.kind,
    )
    .await?;
    let before =
        serde_json::json!({"code": unit.code, "name": unit.name, "kind": unit.kind.as_str()});
    let id = reorgs::insert(
        db,
        &NewReorganization {
            kind: "RENAME",
            effective_on: on,
            decision: cmd.change.decision.trim().to_owned(),
            result: Some(unit.id),
            details: Some(before.to_string()),
            sources: vec![unit.id],
            moved: Vec::new(),
        },
    )
    .await?;
    Ok(Applied {
        reorganization: id,
        result: Some(unit.id),
    })
}

/// Applies a close in the caller's transaction without authorising or auditing it.
pub async fn apply_close(db: &impl ConnectionTrait, cmd: &CloseCmd) -> ServiceResult<Applied> {
    let month = effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let unit = in_force(db, cmd.unit, on, "unitId").await?;
    if unit.parent_id.is_none() {
        return Err(ServiceError::validation(
            "unitId",
            "Không thể giải thể đơn vị gốc của tỉnh.",
        ));
    }
    let children = children_in_force(db, unit.id).await?;
    if !children.is_empty() {
        return Err(ServiceError::validation(
            "unitId",
            format!(
                "{} còn {} đơn vị trực thuộc đang hoạt động — hãy sáp nhập hoặc chuyển chúng trước.",
                unit.name,
                children.len()
            ),
        ));
    }
    no_figures_from(db, &unit, month, &cmd.change, "việc giải thể").await?;
    let last_day = on
        .pred_opt()
        .ok_or_else(|| ServiceError::validation("effectiveOn", "Ngày hiệu lực không hợp lệ."))?;
    closure::apply_edit(
        db,
        &tree::close_paths(&closure::in_force_above(db, unit.id).await?, month),
    )
    .await?;
    reorgs::set_in_force(db, unit.id, None, Some(last_day)).await?;
    let id = reorgs::insert(
        db,
        &NewReorganization {
            kind: "CLOSE",
            effective_on: on,
            decision: cmd.change.decision.trim().to_owned(),
            result: None,
            details: None,
            sources: vec![unit.id],
            moved: Vec::new(),
        },
    )
    .await?;
    Ok(Applied {
        reorganization: id,
        result: None,
    })
}

/// The names of the units each of `units` was merged into.
pub async fn successor_names(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, String>> {
    let (_, succ) = reorgs::lineage(db, units).await?;
    let ids: Vec<UnitId> = succ.values().flatten().copied().collect();
    let named: HashMap<UnitId, String> = db::units::by_ids(db, closure::Scope::Everything, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(succ
        .into_iter()
        .map(|(u, s)| {
            let names: Vec<String> = s.iter().filter_map(|x| named.get(x).cloned()).collect();
            (u, names.join(", "))
        })
        .collect())
}

/// Why `unit` takes no figures for `year`/`month`, in words naming its successor; `None`
/// when it does (it was in force that month).
pub async fn why_no_figures(
    db: &impl ConnectionTrait,
    unit: &Unit,
    year: i32,
    month: u32,
) -> ServiceResult<Option<String>> {
    if tree::takes_figures(
        unit.valid_from,
        unit.valid_to,
        tree::month_index(year, month),
    ) {
        return Ok(None);
    }
    let when = format!("{month:02}/{year}");
    if let Some(from) = unit
        .valid_from
        .filter(|d| tree::month_index(year, month) < tree::month_of(*d))
    {
        return Ok(Some(format!(
            "{} chỉ nhận số liệu từ ngày {} — không nhận số liệu tháng {when}.",
            unit.name,
            day(from)
        )));
    }
    let ended = unit.valid_to.map(day).unwrap_or_default();
    let successor = successor_names(db, &[unit.id]).await?.remove(&unit.id);
    Ok(Some(match successor {
        Some(s) if !s.is_empty() => format!(
            "{} đã sáp nhập vào {s} (hoạt động đến ngày {ended}) — số liệu tháng {when} nhập cho {s}.",
            unit.name
        ),
        _ => format!(
            "{} đã giải thể (hoạt động đến ngày {ended}) — không nhận số liệu tháng {when}.",
            unit.name
        ),
    }))
}

/// The units merged into each of `units` (predecessors) and the units each was merged into
/// (successors), those in the caller's scope.
pub async fn lineage_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<(HashMap<UnitId, Vec<Unit>>, HashMap<UnitId, Vec<Unit>>)> {
    let (preds, succs) = reorgs::lineage(db, units).await?;
    let ids: Vec<UnitId> = preds
        .values()
        .chain(succs.values())
        .flatten()
        .copied()
        .collect();
    let visible = crate::service::units::by_ids(actor, db, &ids).await?;
    let named = |m: HashMap<UnitId, Vec<UnitId>>| -> HashMap<UnitId, Vec<Unit>> {
        m.into_iter()
            .map(|(k, v)| {
                (
                    k,
                    v.iter().filter_map(|u| visible.get(u).cloned()).collect(),
                )
            })
            .collect()
    };
    Ok((named(preds), named(succs)))
}

/// The reorganisations that changed each of `units`, oldest first.
pub async fn of_units(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<StoredReorganization>>> {
    let mut out: HashMap<UnitId, Vec<StoredReorganization>> = HashMap::new();
    for r in reorgs::list(db, None, Some(units)).await? {
        for u in units {
            let touched = r.sources.contains(u) || r.moved.contains(u) || r.result == Some(*u);
            if touched {
                out.entry(*u).or_default().push(r.clone());
            }
        }
    }
    Ok(out)
}
