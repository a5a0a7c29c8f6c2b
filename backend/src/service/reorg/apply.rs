//! Applying a merge, move, rename or close inside the caller's transaction, without
//! authorising or auditing it (the service does both; the demo and benchmark data call
//! these directly).

use super::checks::{children_in_force, effective, hang, in_force, lies_within, no_figures_from};
use super::{Applied, CloseCmd, MergeCmd, MergeTarget, MoveCmd, RenameCmd};
use crate::db::reorgs::NewReorganization;
use crate::db::{self, ConnectionTrait, closure, reorgs, rollups};
use crate::domain::input::{self, Code};
use crate::domain::tree::{self, Path};
use crate::error::{ServiceError, ServiceResult};
use shared::ReorgKind;
use shared::ids::UnitId;

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
        not_the_root(&u, "sourceIds", "sáp nhập")?;
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
    refeed(db, &sources).await?;
    let done = Done {
        result: Some(into),
        details: None,
        sources,
        moved,
    };
    record(db, ReorgKind::Merge, &cmd.change, done).await
}

/// Brings the values of the subtrees of `roots` again to clients that sync raw figures
/// (`measureValues` with `updatedSince`): they now count for other units, and callers
/// scoped above those may see them for the first time.
async fn refeed(db: &impl ConnectionTrait, roots: &[UnitId]) -> ServiceResult<()> {
    Ok(db::value_feed::touch_subtrees(db, roots).await?)
}

/// Applies a move in the caller's transaction without authorising or auditing it.
pub async fn apply_move(db: &impl ConnectionTrait, cmd: &MoveCmd) -> ServiceResult<Applied> {
    let month = effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let unit = in_force(db, cmd.unit, on, "unitId").await?;
    not_the_root(&unit, "unitId", "chuyển")?;
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
    refeed(db, &[unit.id]).await?;
    let details = serde_json::json!({"from": unit.parent_id.map(|p| p.0), "to": parent.id.0});
    let done = Done {
        result: Some(unit.id),
        details: Some(details.to_string()),
        sources: vec![unit.id],
        moved: Vec::new(),
    };
    record(db, ReorgKind::Move, &cmd.change, done).await
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
    let done = Done {
        result: Some(unit.id),
        details: Some(before.to_string()),
        sources: vec![unit.id],
        moved: Vec::new(),
    };
    record(db, ReorgKind::Rename, &cmd.change, done).await
}

/// Applies a close in the caller's transaction without authorising or auditing it.
pub async fn apply_close(db: &impl ConnectionTrait, cmd: &CloseCmd) -> ServiceResult<Applied> {
    let month = effective(db, &cmd.change).await?;
    let on = cmd.change.effective_on;
    let unit = in_force(db, cmd.unit, on, "unitId").await?;
    not_the_root(&unit, "unitId", "giải thể")?;
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
    let done = Done {
        result: None,
        details: None,
        sources: vec![unit.id],
        moved: Vec::new(),
    };
    record(db, ReorgKind::Close, &cmd.change, done).await
}

/// What a change did, to record.
struct Done {
    result: Option<UnitId>,
    details: Option<String>,
    sources: Vec<UnitId>,
    moved: Vec<UnitId>,
}

/// Records a change of `kind` with its decision.
async fn record(
    db: &impl ConnectionTrait,
    kind: ReorgKind,
    change: &super::Change,
    done: Done,
) -> ServiceResult<Applied> {
    let new = NewReorganization {
        kind,
        effective_on: change.effective_on,
        decision: change.decision.trim().to_owned(),
        result: done.result,
        details: done.details,
        sources: done.sources,
        moved: done.moved,
    };
    let id = reorgs::insert(db, &new).await?;
    Ok(Applied {
        reorganization: id,
        result: done.result,
    })
}

/// Fails with VALIDATION on `field` when `unit` is the province root, which is never
/// merged, moved or closed (`what`: what would have been done to it, in words).
fn not_the_root(unit: &crate::domain::model::Unit, field: &str, what: &str) -> ServiceResult<()> {
    match unit.parent_id {
        Some(_) => Ok(()),
        None => Err(ServiceError::validation(
            field,
            format!("Không thể {what} đơn vị gốc của tỉnh."),
        )),
    }
}
