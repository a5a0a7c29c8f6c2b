//! Units of the tree: reading within scope, creating, editing, moving and deactivating
//! (ADMIN, within its subtree). A move keeps the closure table and the roll-ups in step in the same transaction.

use super::access::{self, OrNotFound};
use super::audit;
use super::paging::{PageArgs, Paged, clamp_i32};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::units::{UnitChanges, UnitKey};
use crate::db::{self, Db, closure, rollups};
use crate::domain::input::{self, Code};
use crate::domain::model::Unit;
use crate::domain::paging::KeyPart;
use crate::domain::scope::{Placement, Reach, may_create_unit, may_edit_unit, may_move_unit};
use crate::domain::tree::ALWAYS_FROM;
use crate::error::{ServiceError, ServiceResult};
use shared::ids::UnitId;
use shared::{Role, UnitKind};
use std::collections::HashMap;

pub use crate::db::units::{NewUnit, UnitFilter};

/// Units in scope matching the filter, by name.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    filter: UnitFilter,
) -> ServiceResult<Vec<Unit>> {
    let (filter, day) = checked(filter)?;
    let units = db::units::list(db, access::scope(actor), &filter).await?;
    with_parents_on(db, units, day).await
}

/// A page of the units of [`list`], by code then id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    filter: UnitFilter,
    args: &PageArgs,
) -> ServiceResult<Paged<Unit>> {
    let keys = args.check("units", &[false, true])?;
    let (filter, day) = checked(filter)?;
    let scope = access::scope(actor);
    let after = keys
        .after
        .as_ref()
        .map(|c| (c.text(0).to_owned(), clamp_i32(c.int(1))));
    let rows = db::units::page(db, scope, &filter, after, keys.size.probe()).await?;
    let total = db::units::count(db, scope, &filter).await?;
    let mut paged = keys.page(rows, total, |u| {
        vec![
            KeyPart::Text(u.code.clone()),
            KeyPart::Int(i64::from(u.id.0)),
        ]
    });
    paged.page.rows = with_parents_on(db, paged.page.rows, day).await?;
    Ok(paged)
}

/// The filter with its search checked and its day set (default: today).
fn checked(filter: UnitFilter) -> ServiceResult<(UnitFilter, chrono::NaiveDate)> {
    let day = filter.as_of.unwrap_or_else(today);
    let filter = UnitFilter {
        search: input::search("search", filter.search.as_deref())?,
        as_of: Some(day),
        ..filter
    };
    Ok((filter, day))
}

/// Each unit with its parent as the tree stood on `day`.
async fn with_parents_on(
    db: &impl ConnectionTrait,
    mut units: Vec<Unit>,
    day: chrono::NaiveDate,
) -> ServiceResult<Vec<Unit>> {
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let parents = closure::parents_at(db, &ids, crate::domain::tree::month_of(day)).await?;
    for u in &mut units {
        u.parent_id = parents.get(&u.id).copied();
    }
    Ok(units)
}

/// Today in Vietnam (UTC+7), the day the tree is read at by default.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// One unit by id or code, `None` when absent or out of scope.
pub async fn find(
    actor: &Actor,
    db: &impl ConnectionTrait,
    id: Option<UnitId>,
    code: Option<&str>,
) -> ServiceResult<Option<Unit>> {
    let key = match (id, code) {
        (Some(id), _) => UnitKey::Id(id),
        (None, Some(code)) => UnitKey::Code(code),
        (None, None) => return Err(ServiceError::validation("id", "give an id or a code")),
    };
    Ok(db::units::find_in(db, access::scope(actor), key).await?)
}

/// The unit `id` whatever the caller's scope, NOT_FOUND when there is none (for writes that
/// checked the caller's right over it).
pub async fn require(db: &impl ConnectionTrait, id: UnitId) -> ServiceResult<Unit> {
    db::units::find(db, id)
        .await?
        .or_not_found(format!("unit {id}"))
}

/// Units by id, only those in scope.
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Unit>> {
    let units = db::units::by_ids(db, access::scope(actor), ids).await?;
    Ok(units.into_iter().map(|u| (u.id, u)).collect())
}

/// The latest month with figures counted for each unit in scope (its subtree and lineage).
pub async fn latest_months(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[UnitId],
) -> ServiceResult<HashMap<UnitId, (i32, u32)>> {
    let visible: Vec<UnitId> = by_ids(actor, db, ids).await?.into_keys().collect();
    Ok(rollups::latest_months(db, &visible).await?)
}

/// Direct children of each parent (children of a visible unit are visible).
pub async fn children_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    parents: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<Unit>>> {
    let mut out: HashMap<UnitId, Vec<Unit>> = HashMap::new();
    for u in db::units::children(db, access::scope(actor), parents, today()).await? {
        if let Some(p) = u.parent_id {
            out.entry(p).or_default().push(u);
        }
    }
    Ok(out)
}

/// The path (root first) of each unit, keeping only units in scope.
pub async fn paths_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<Unit>>> {
    let rows = closure::ancestor_rows(db, units).await?;
    let ancestor_ids: Vec<UnitId> = rows.iter().map(|r| r.1).collect();
    let visible = by_ids(actor, db, &ancestor_ids).await?;
    let mut grouped: HashMap<UnitId, Vec<(i32, Unit)>> = HashMap::new();
    for (d, a, depth) in rows {
        if let Some(u) = visible.get(&a) {
            grouped.entry(d).or_default().push((depth, u.clone()));
        }
    }
    Ok(grouped
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
            (k, v.into_iter().map(|(_, u)| u).collect())
        })
        .collect())
}

/// Creates a unit (ADMIN, under a unit of its subtree). Without a parent it goes under the
/// caller's own unit; new roots are made only by `chitieu setup`.
pub async fn create(actor: &Actor, db: &Db, cmd: NewUnit) -> ServiceResult<Unit> {
    let role = access::role_for(actor, "create units", |r| {
        may_create_unit(r, Placement::Below)
    })?;
    let code = Code::parse("code", &cmd.code)?;
    let name = input::name("name", &cmd.name)?;
    let parent = cmd.parent_id.unwrap_or(actor.scope);
    let outside = "an admin creates units only under units of its own subtree";
    let rule = |at| may_create_unit(role, at);
    access::allow_at(db.conn(), actor, parent, rule, outside).await?;
    let txn = db.write().await?;
    let created = create_in(&*txn, Some(actor), code, name, cmd.kind, Some(parent)).await?;
    txn.commit().await?;
    Ok(created)
}

/// Inserts a unit with its closure rows and audit entry, inside the caller's transaction.
pub async fn create_in(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    code: Code,
    name: String,
    kind: UnitKind,
    parent_id: Option<UnitId>,
) -> ServiceResult<Unit> {
    if let Some(p) = parent_id {
        require_parent(db, p).await?;
    }
    if db::units::code_taken(db, code.as_str()).await? {
        return Err(ServiceError::conflict(format!(
            "a unit with code {} already exists",
            code.as_str()
        )));
    }
    let row = NewUnit {
        code: code.into_string(),
        name,
        kind,
        parent_id,
    };
    let created = db::units::insert(db, row).await?;
    closure::insert_leaf(db, created.id, parent_id, ALWAYS_FROM).await?;
    audit::created(db, actor, "createUnit", "unit", created.id, &created).await?;
    Ok(created)
}

/// Fails with VALIDATION on `parentId` unless the unit exists and is in force today.
async fn require_parent(db: &impl ConnectionTrait, parent: UnitId) -> ServiceResult<()> {
    match db::units::find(db, parent).await? {
        Some(p) if crate::domain::tree::in_force_on(p.valid_from, p.valid_to, today()) => Ok(()),
        Some(p) => Err(ServiceError::validation(
            "parentId",
            format!("{} không còn hoạt động.", p.name),
        )),
        None => Err(ServiceError::validation("parentId", "no such parent unit")),
    }
}

/// Changes to a unit; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct UnitPatch {
    /// New name.
    pub name: Option<String>,
    /// New kind.
    pub kind: Option<UnitKind>,
    /// New parent (a move).
    pub parent_id: Option<UnitId>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

/// Edits, moves or deactivates a unit (ADMIN over the unit: strictly below its scope, or
/// anywhere for the ADMIN of the root). A move also needs the new parent in the caller's
/// subtree, so no subtree leaves or enters a scoped ADMIN's reach.
pub async fn update(actor: &Actor, db: &Db, id: UnitId, patch: UnitPatch) -> ServiceResult<Unit> {
    let role = access::role_for(actor, "edit units", |r| {
        may_edit_unit(r, Reach::Province, Placement::Below)
    })?;
    let name = patch
        .name
        .as_deref()
        .map(|n| input::name("name", n))
        .transpose()?;
    let txn = db.write().await?;
    let before = require(&*txn, id).await?;
    let at = access::placement(&*txn, actor, id).await?;
    access::allow(
        may_edit_unit(role, access::reach(actor), at),
        "an admin edits only the units strictly below its own unit",
    )?;
    let new_parent = patch.parent_id.filter(|p| Some(*p) != before.parent_id);
    if let Some(new_parent) = new_parent {
        move_under(&*txn, actor, role, &before, at, new_parent).await?;
    }
    let changes = UnitChanges {
        name,
        kind: patch.kind,
        active: patch.active,
        parent_id: new_parent,
    };
    let after = db::units::update(&*txn, id, changes).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "updateUnit",
        "unit",
        id,
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves `unit` (at `at` from the caller) under `new_parent`, after checking the move: the
/// roll-ups and the closure table follow it.
async fn move_under(
    db: &impl ConnectionTrait,
    actor: &Actor,
    role: Role,
    unit: &Unit,
    at: Placement,
    new_parent: UnitId,
) -> ServiceResult<()> {
    if unit.parent_id.is_none() {
        return Err(ServiceError::validation(
            "parentId",
            "the province root cannot be moved",
        ));
    }
    let parent_at = access::placement(db, actor, new_parent).await?;
    access::allow(
        may_move_unit(role, access::reach(actor), at, parent_at),
        "an admin moves units only under units of its own subtree",
    )?;
    require_parent(db, new_parent).await?;
    if closure::has_dated_paths(db, unit.id).await?
        || closure::has_dated_paths(db, new_parent).await?
    {
        return Err(ServiceError::validation(
            "parentId",
            "Đơn vị (hoặc đơn vị cấp trên mới) đã qua sắp xếp tổ chức: hãy chuyển đơn vị từ một ngày hiệu lực (moveUnit) để giữ nguyên số liệu các tháng trước.",
        ));
    }
    if closure::depth_below(db, unit.id, new_parent)
        .await?
        .is_some()
    {
        return Err(ServiceError::validation(
            "parentId",
            "a unit cannot be moved under itself or its own subtree",
        ));
    }
    let old_ancestors: Vec<UnitId> = closure::ancestors(db, unit.id)
        .await?
        .into_iter()
        .filter(|a| *a != unit.id)
        .collect();
    let new_ancestors = closure::ancestors(db, new_parent).await?;
    rollups::move_subtree(db, unit.id, &old_ancestors, &new_ancestors).await?;
    closure::move_subtree(db, unit.id, Some(new_parent)).await?;
    Ok(())
}
