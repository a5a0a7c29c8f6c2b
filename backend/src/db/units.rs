//! Queries on units: lookups by id or code (optionally kept inside a [`Scope`]), listing
//! (boards, children, the units a file names), inserting and changing a unit row. The closure table lives in [`super::closure`].

use super::closure::{self, Scope};
use super::entities::unit;
use super::{convert, keyset};
use crate::domain::collation;
use crate::domain::model::Unit;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::UnitKind;
use shared::ids::UnitId;
use std::collections::HashMap;

/// Filters of a unit listing.
#[derive(Debug, Default, Clone)]
pub struct UnitFilter {
    /// Only direct children of this unit.
    pub parent_id: Option<UnitId>,
    /// Only units of this kind.
    pub kind: Option<UnitKind>,
    /// Name or code containing this text (case-insensitive for ASCII).
    pub search: Option<String>,
    /// Only units in force on this day (children of `parent_id` as they stood then).
    pub as_of: Option<NaiveDate>,
}

/// How a single unit is named.
#[derive(Debug, Clone, Copy)]
pub enum UnitKey<'a> {
    /// By id.
    Id(UnitId),
    /// By code (trimmed).
    Code(&'a str),
}

/// A new unit (the service validates code and name before it is inserted).
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

/// Changes to a unit row; `None` keeps the column.
#[derive(Debug, Clone, Default)]
pub struct UnitChanges {
    /// New name.
    pub name: Option<String>,
    /// New kind.
    pub kind: Option<UnitKind>,
    /// Active or not.
    pub active: Option<bool>,
    /// New parent (the closure table is moved separately).
    pub parent_id: Option<UnitId>,
}

/// One unit by id, whatever the scope.
pub async fn find<C: ConnectionTrait>(db: &C, id: UnitId) -> Result<Option<Unit>, DbErr> {
    unit::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Unit::try_from)
        .transpose()
}

/// One unit by id or code inside `scope`.
pub async fn find_in<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    key: UnitKey<'_>,
) -> Result<Option<Unit>, DbErr> {
    let q = scope.apply(unit::Entity::find(), unit::Column::Id);
    let q = match key {
        UnitKey::Id(id) => q.filter(unit::Column::Id.eq(id.0)),
        UnitKey::Code(code) => q.filter(unit::Column::Code.eq(code.trim())),
    };
    q.one(db).await?.map(Unit::try_from).transpose()
}

/// The id of the unit with `code` (trimmed), whatever the scope.
pub async fn id_by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<Option<UnitId>, DbErr> {
    let unit = find_in(db, Scope::Everything, UnitKey::Code(code)).await?;
    Ok(unit.map(|u| u.id))
}

/// Units inside `scope` matching `filter`, by name.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    filter: &UnitFilter,
) -> Result<Vec<Unit>, DbErr> {
    select(db, scope, listed(filter)).await
}

/// At most `limit` units inside `scope` matching `filter` after `(code, id)`, by code then
/// id.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    filter: &UnitFilter,
    after: Option<(String, i32)>,
    limit: u64,
) -> Result<Vec<Unit>, DbErr> {
    let mut cond = listed(filter);
    if let Some((code, id)) = after {
        cond = cond.add(keyset::after_asc(
            unit::Column::Code,
            code,
            unit::Column::Id,
            id,
        ));
    }
    let rows = scope
        .apply(unit::Entity::find().filter(cond), unit::Column::Id)
        .order_by_asc(unit::Column::Code)
        .order_by_asc(unit::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    convert::all(rows)
}

/// How many units inside `scope` match `filter`.
pub async fn count<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    filter: &UnitFilter,
) -> Result<u64, DbErr> {
    scope
        .apply(
            unit::Entity::find().filter(listed(filter)),
            unit::Column::Id,
        )
        .count(db)
        .await
}

/// The condition of a unit listing.
fn listed(filter: &UnitFilter) -> Condition {
    let mut cond = Condition::all();
    match (filter.parent_id, filter.as_of) {
        (Some(p), Some(day)) => {
            let month = crate::domain::tree::month_of(day);
            cond = cond.add(unit::Column::Id.in_subquery(closure::children_at_query(p, month)));
        }
        (Some(p), None) => cond = cond.add(unit::Column::ParentId.eq(p.0)),
        (None, _) => {}
    }
    if let Some(day) = filter.as_of {
        cond = cond.add(in_force_on(day));
    }
    if let Some(k) = filter.kind {
        cond = cond.add(unit::Column::Kind.eq(k));
    }
    if let Some(s) = &filter.search {
        let pattern = format!("%{}%", s.to_lowercase());
        cond = cond.add(
            Expr::expr(Func::lower(Expr::col(unit::Column::Name)))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col(unit::Column::Code))).like(pattern)),
        );
    }
    cond
}

/// Units by id inside `scope` (others left out).
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    ids: &[UnitId],
) -> Result<Vec<Unit>, DbErr> {
    let cond = unit::Column::Id.is_in(ids.iter().map(|i| i.0));
    select(db, scope, Condition::all().add(cond)).await
}

/// Direct children of `parents` inside `scope` in force on `day`, by name.
pub async fn children<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    parents: &[UnitId],
    day: NaiveDate,
) -> Result<Vec<Unit>, DbErr> {
    let cond = unit::Column::ParentId.is_in(parents.iter().map(|i| i.0));
    select(db, scope, Condition::all().add(cond).add(in_force_on(day))).await
}

/// Units inside `scope` meeting `cond`, by name in Vietnamese order (then id): the
/// database's own order of text is by code point, so the list is sorted once loaded.
async fn select<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    cond: Condition,
) -> Result<Vec<Unit>, DbErr> {
    let rows = scope
        .apply(unit::Entity::find().filter(cond), unit::Column::Id)
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    let mut units: Vec<Unit> = convert::all(rows)?;
    collation::sort_by_name(&mut units, |u| &u.name);
    Ok(units)
}

/// Units in force on `day`: from `valid_from` (or always) through `valid_to` (or still).
pub fn in_force_on(day: NaiveDate) -> Condition {
    Condition::all()
        .add(
            Condition::any()
                .add(unit::Column::ValidFrom.is_null())
                .add(unit::Column::ValidFrom.lte(day)),
        )
        .add(
            Condition::any()
                .add(unit::Column::ValidTo.is_null())
                .add(unit::Column::ValidTo.gte(day)),
        )
}

/// The active units inside `scope` in force on `day`, of a kind and under a parent (as the
/// tree stood that day) when given, by name.
pub async fn active_in<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    kind: Option<UnitKind>,
    parent: Option<UnitId>,
    day: NaiveDate,
) -> Result<Vec<Unit>, DbErr> {
    let mut cond = Condition::all()
        .add(unit::Column::Active.eq(true))
        .add(in_force_on(day));
    if let Some(k) = kind {
        cond = cond.add(unit::Column::Kind.eq(k));
    }
    if let Some(p) = parent {
        let month = crate::domain::tree::month_of(day);
        cond = cond.add(unit::Column::Id.in_subquery(closure::children_at_query(p, month)));
    }
    select(db, scope, cond).await
}

/// The active units inside `scope` in force on some day of `first..=last`, of the subtrees
/// of `roots` as they stood in those months when given (every such unit of the scope
/// otherwise), by name (then id).
pub async fn in_force_during<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    roots: Option<&[UnitId]>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Unit>, DbErr> {
    let mut cond = Condition::all()
        .add(unit::Column::Active.eq(true))
        .add(
            Condition::any()
                .add(unit::Column::ValidFrom.is_null())
                .add(unit::Column::ValidFrom.lte(last)),
        )
        .add(
            Condition::any()
                .add(unit::Column::ValidTo.is_null())
                .add(unit::Column::ValidTo.gte(first)),
        );
    if let Some(roots) = roots {
        let (from, to) = (
            crate::domain::tree::month_of(first),
            crate::domain::tree::month_of(last),
        );
        let below = closure::subtrees_during_query(roots, from, to);
        cond = cond.add(unit::Column::Id.in_subquery(below));
    }
    select(db, scope, cond).await
}

/// The active direct children of `parents` in force on `day` (as the tree stood then), as
/// `(child, parent)`.
pub async fn active_children<C: ConnectionTrait>(
    db: &C,
    parents: &[UnitId],
    day: NaiveDate,
) -> Result<Vec<(UnitId, UnitId)>, DbErr> {
    let pairs = closure::children_at(db, parents, crate::domain::tree::month_of(day)).await?;
    let ids: Vec<UnitId> = pairs.iter().map(|(c, _)| *c).collect();
    let mut cond = Condition::all()
        .add(unit::Column::Active.eq(true))
        .add(in_force_on(day));
    cond = cond.add(unit::Column::Id.is_in(ids.iter().map(|u| u.0)));
    let kept: std::collections::HashSet<UnitId> = select(db, Scope::Everything, cond)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    Ok(pairs
        .into_iter()
        .filter(|(c, _)| kept.contains(c))
        .collect())
}

/// An active unit named in a file.
#[derive(Debug, Clone)]
pub struct KnownUnit {
    pub id: UnitId,
    pub code: String,
    pub name: String,
    /// The first day in force, when it did not always exist.
    pub valid_from: Option<NaiveDate>,
    /// The last day in force, when it ended.
    pub valid_to: Option<NaiveDate>,
}

/// The active unit of each code, in the order of `codes` (`None` for unknown or inactive).
pub async fn active_by_codes<C: ConnectionTrait>(
    db: &C,
    codes: &[String],
) -> Result<Vec<Option<KnownUnit>>, DbErr> {
    let mut found: HashMap<String, KnownUnit> = HashMap::new();
    for chunk in codes.chunks(1000) {
        let cond = Condition::all()
            .add(unit::Column::Code.is_in(chunk.iter().cloned()))
            .add(unit::Column::Active.eq(true));
        for u in select(db, Scope::Everything, cond).await? {
            found.insert(u.code.clone(), known(u));
        }
    }
    // A code written in another case (`xa_1` for `XA_1`) names the one active unit whose
    // code it is, ignoring (ASCII) case; when two units differ only by case it names none.
    let unfound: Vec<String> = codes
        .iter()
        .filter(|c| !found.contains_key(*c))
        .map(|c| c.to_ascii_lowercase())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut folded: HashMap<String, Option<KnownUnit>> = HashMap::new();
    for chunk in unfound.chunks(1000) {
        let cond = Condition::all()
            .add(
                Expr::expr(Func::lower(Expr::col(unit::Column::Code))).is_in(chunk.iter().cloned()),
            )
            .add(unit::Column::Active.eq(true));
        for u in select(db, Scope::Everything, cond).await? {
            let key = u.code.to_ascii_lowercase();
            folded
                .entry(key)
                .and_modify(|seen| *seen = None)
                .or_insert_with(|| Some(known(u)));
        }
    }
    Ok(codes
        .iter()
        .map(|c| {
            found
                .get(c)
                .cloned()
                .or_else(|| folded.get(&c.to_ascii_lowercase()).cloned().flatten())
        })
        .collect())
}

fn known(u: Unit) -> KnownUnit {
    KnownUnit {
        id: u.id,
        code: u.code,
        name: u.name,
        valid_from: u.valid_from,
        valid_to: u.valid_to,
    }
}

/// The first root of the tree (by id), when the database is set up.
pub async fn first_root<C: ConnectionTrait>(db: &C) -> Result<Option<UnitId>, DbErr> {
    let row = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .order_by_asc(unit::Column::Id)
        .one(db)
        .await?;
    Ok(row.map(|u| UnitId(u.id)))
}

/// Whether a unit has `code`.
pub async fn code_taken<C: ConnectionTrait>(db: &C, code: &str) -> Result<bool, DbErr> {
    let found = unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Whether any unit exists (a database that is set up has its province root).
pub async fn any<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(unit::Entity::find().count(db).await? > 0)
}

/// Whether `id` is a root of the tree (`false` when there is no such unit).
/// A column expression (on `users`): whether the account's unit is a root of the tree.
pub const SCOPE_IS_ROOT_OF_USERS: &str =
    "EXISTS (SELECT 1 FROM units r WHERE r.id = users.unit_id AND r.parent_id IS NULL)";

/// A column expression (on `api_tokens`): whether the token's unit is a root of the tree.
pub const SCOPE_IS_ROOT_OF_TOKENS: &str =
    "EXISTS (SELECT 1 FROM units r WHERE r.id = api_tokens.unit_id AND r.parent_id IS NULL)";

pub async fn is_root<C: ConnectionTrait>(db: &C, id: UnitId) -> Result<bool, DbErr> {
    Ok(find(db, id).await?.is_some_and(|u| u.parent_id.is_none()))
}

/// Inserts an active unit row (without its closure rows).
pub async fn insert<C: ConnectionTrait>(db: &C, new: NewUnit) -> Result<Unit, DbErr> {
    let row = unit::ActiveModel {
        code: Set(new.code),
        name: Set(new.name),
        kind: Set(new.kind),
        parent_id: Set(new.parent_id.map(|p| p.0)),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Unit::try_from(row)
}

/// Applies `changes` to the unit `id` and returns it as stored.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: UnitId,
    changes: UnitChanges,
) -> Result<Unit, DbErr> {
    let row = unit::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("unit {id}")))?;
    let mut am: unit::ActiveModel = row.into();
    if let Some(n) = changes.name {
        am.name = Set(n);
    }
    if let Some(k) = changes.kind {
        am.kind = Set(k);
    }
    if let Some(a) = changes.active {
        am.active = Set(a);
    }
    if let Some(p) = changes.parent_id {
        am.parent_id = Set(Some(p.0));
    }
    Unit::try_from(am.update(db).await?)
}
