//! Units of the tree: reading within scope, creating, editing, moving and deactivating
//! (ADMIN, within its subtree). A move keeps the closure table and the roll-ups in step in the same transaction.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::entities::{unit, unit_closure};
use crate::db::{Db, closure, convert, rollups};
use crate::domain::input::{self, Code};
use crate::domain::model::Unit;
use crate::domain::scope::{may_create_unit, may_edit_unit, may_move_unit};
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::ids::UnitId;
use shared::{Role, UnitKind};
use std::collections::HashMap;

/// Filters of the `units` query.
#[derive(Debug, Default, Clone)]
pub struct UnitFilter {
    /// Only direct children of this unit.
    pub parent_id: Option<UnitId>,
    /// Only units of this kind.
    pub kind: Option<UnitKind>,
    /// Name or code containing this text (case-insensitive for ASCII).
    pub search: Option<String>,
}

/// Units in scope matching the filter, by name.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    filter: UnitFilter,
) -> ServiceResult<Vec<Unit>> {
    let mut q = access::in_scope(actor, unit::Entity::find(), unit::Column::Id);
    if let Some(p) = filter.parent_id {
        q = q.filter(unit::Column::ParentId.eq(p.0));
    }
    if let Some(k) = filter.kind {
        q = q.filter(unit::Column::Kind.eq(k.as_str()));
    }
    if let Some(s) = input::search("search", filter.search.as_deref())? {
        let pattern = format!("%{}%", s.to_lowercase());
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(unit::Column::Name)))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col(unit::Column::Code))).like(pattern)),
        );
    }
    let rows = q
        .order_by_asc(unit::Column::Name)
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    Ok(convert::all(rows)?)
}

/// One unit by id or code, `None` when absent or out of scope.
pub async fn find(
    actor: &Actor,
    db: &impl ConnectionTrait,
    id: Option<UnitId>,
    code: Option<&str>,
) -> ServiceResult<Option<Unit>> {
    let mut q = access::in_scope(actor, unit::Entity::find(), unit::Column::Id);
    match (id, code) {
        (Some(id), _) => q = q.filter(unit::Column::Id.eq(id.0)),
        (None, Some(code)) => q = q.filter(unit::Column::Code.eq(code.trim())),
        (None, None) => return Err(ServiceError::validation("id", "give an id or a code")),
    }
    Ok(q.one(db).await?.map(Unit::try_from).transpose()?)
}

/// Units by id, only those in scope.
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Unit>> {
    let q = unit::Entity::find().filter(unit::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let rows = access::in_scope(actor, q, unit::Column::Id).all(db).await?;
    let units: Vec<Unit> = convert::all(rows)?;
    Ok(units.into_iter().map(|u| (u.id, u)).collect())
}

/// Direct children of each parent (children of a visible unit are visible).
pub async fn children_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    parents: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<Unit>>> {
    let q = unit::Entity::find().filter(unit::Column::ParentId.is_in(parents.iter().map(|i| i.0)));
    let rows = access::in_scope(actor, q, unit::Column::Id)
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?;
    let mut out: HashMap<UnitId, Vec<Unit>> = HashMap::new();
    for u in convert::all::<_, Unit>(rows)? {
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
    let pairs: Vec<(i32, i32, i32)> = unit_closure::Entity::find()
        .select_only()
        .column(unit_closure::Column::DescendantId)
        .column(unit_closure::Column::AncestorId)
        .column(unit_closure::Column::Depth)
        .filter(unit_closure::Column::DescendantId.is_in(units.iter().map(|u| u.0)))
        .into_tuple()
        .all(db)
        .await?;
    let ancestor_ids: Vec<UnitId> = pairs.iter().map(|p| UnitId(p.1)).collect();
    let visible = by_ids(actor, db, &ancestor_ids).await?;
    let mut grouped: HashMap<UnitId, Vec<(i32, Unit)>> = HashMap::new();
    for (d, a, depth) in pairs {
        if let Some(u) = visible.get(&UnitId(a)) {
            grouped
                .entry(UnitId(d))
                .or_default()
                .push((depth, u.clone()));
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

/// A new unit.
#[derive(Debug, Clone)]
pub struct NewUnit {
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// Parent; `None` only for a province root.
    pub parent_id: Option<UnitId>,
}

/// Creates a unit (ADMIN, under a unit of its subtree). Without a parent it goes under the
/// caller's own unit; new roots are made only by `chitieu setup`.
pub async fn create(actor: &Actor, db: &Db, cmd: NewUnit) -> ServiceResult<Unit> {
    let role = actor.require_role(&[Role::Admin], "create units")?;
    let code = Code::parse("code", &cmd.code)?;
    let name = input::name("name", &cmd.name)?;
    let parent = cmd.parent_id.unwrap_or(actor.scope);
    access::allow(
        may_create_unit(role, access::placement(db.conn(), actor, parent).await?),
        "an admin creates units only under units of its own subtree",
    )?;
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
        unit::Entity::find_by_id(p.0)
            .one(db)
            .await?
            .ok_or_else(|| ServiceError::validation("parentId", "no such parent unit"))?;
    }
    if unit::Entity::find()
        .filter(unit::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "a unit with code {} already exists",
            code.as_str()
        )));
    }
    let row = unit::ActiveModel {
        code: Set(code.into_string()),
        name: Set(name),
        kind: Set(kind.as_str().to_owned()),
        parent_id: Set(parent_id.map(|p| p.0)),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let created = Unit::try_from(row)?;
    closure::insert_leaf(db, created.id, parent_id).await?;
    audit::record(
        db,
        actor,
        "createUnit",
        "unit",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    Ok(created)
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
    let role = actor.require_role(&[Role::Admin], "edit units")?;
    let name = patch
        .name
        .as_deref()
        .map(|n| input::name("name", n))
        .transpose()?;
    let txn = db.write().await?;
    let row = unit::Entity::find_by_id(id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {id}")))?;
    let reach = access::reach(actor);
    let at = access::placement(&*txn, actor, id).await?;
    access::allow(
        may_edit_unit(role, reach, at),
        "an admin edits only the units strictly below its own unit",
    )?;
    let before = Unit::try_from(row.clone())?;
    let mut am: unit::ActiveModel = row.into();
    if let Some(n) = name {
        am.name = Set(n);
    }
    if let Some(k) = patch.kind {
        am.kind = Set(k.as_str().to_owned());
    }
    if let Some(a) = patch.active {
        am.active = Set(a);
    }
    if let Some(new_parent) = patch.parent_id.filter(|p| Some(*p) != before.parent_id) {
        if before.parent_id.is_none() {
            return Err(ServiceError::validation(
                "parentId",
                "the province root cannot be moved",
            ));
        }
        let parent_at = access::placement(&*txn, actor, new_parent).await?;
        access::allow(
            may_move_unit(role, reach, at, parent_at),
            "an admin moves units only under units of its own subtree",
        )?;
        unit::Entity::find_by_id(new_parent.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| ServiceError::validation("parentId", "no such parent unit"))?;
        if closure::depth_below(&*txn, id, new_parent).await?.is_some() {
            return Err(ServiceError::validation(
                "parentId",
                "a unit cannot be moved under itself or its own subtree",
            ));
        }
        let old_ancestors: Vec<UnitId> = closure::ancestors(&*txn, id)
            .await?
            .into_iter()
            .filter(|a| *a != id)
            .collect();
        let new_ancestors = closure::ancestors(&*txn, new_parent).await?;
        rollups::move_subtree(&*txn, id, &old_ancestors, &new_ancestors).await?;
        closure::move_subtree(&*txn, id, Some(new_parent)).await?;
        am.parent_id = Set(Some(new_parent.0));
    }
    let after = Unit::try_from(am.update(&*txn).await?)?;
    audit::record(
        &*txn,
        Some(actor),
        "updateUnit",
        "unit",
        id,
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&after).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
