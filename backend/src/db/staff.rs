//! Queries on staff members: lookups, listings by unit (heads first) and inserting one.

use super::closure::{self, Scope};
use super::entities::staff;
use super::keyset;
use crate::domain::model::Staff;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::ids::{StaffId, UnitId};

/// A new staff member (the service validates the texts before it is inserted).
#[derive(Debug, Clone)]
pub struct NewStaff {
    /// Their unit.
    pub unit_id: UnitId,
    /// Full name.
    pub full_name: String,
    /// Position (chức vụ).
    pub position: String,
    /// Head of the unit.
    pub is_head: bool,
    /// E-mail.
    pub email: Option<String>,
    /// The code in the dossier system.
    pub code: Option<String>,
}

/// One staff member by id, whatever the scope.
pub async fn find<C: ConnectionTrait>(db: &C, id: StaffId) -> Result<Option<Staff>, DbErr> {
    Ok(staff::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Staff::from))
}

/// Staff of `unit` (or of its whole subtree), heads first, then by name.
pub async fn of_unit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit: UnitId,
    include_subtree: bool,
) -> Result<Vec<Staff>, DbErr> {
    select(db, scope, of_unit_cond(unit, include_subtree)).await
}

/// At most `limit` staff of `unit` (or of its whole subtree) after `(unit id, id)`, by
/// unit then id.
pub async fn page_of_unit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit: UnitId,
    include_subtree: bool,
    after: Option<(i32, i32)>,
    limit: u64,
) -> Result<Vec<Staff>, DbErr> {
    use staff::Column as S;
    let mut q = scope.apply(
        staff::Entity::find().filter(of_unit_cond(unit, include_subtree)),
        S::UnitId,
    );
    if let Some((unit_id, id)) = after {
        q = q.filter(keyset::after_asc(S::UnitId, unit_id, S::Id, id));
    }
    let rows = q
        .order_by_asc(S::UnitId)
        .order_by_asc(S::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Staff::from).collect())
}

/// How many staff `unit` (or its whole subtree) has.
pub async fn count_of_unit<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    unit: UnitId,
    include_subtree: bool,
) -> Result<u64, DbErr> {
    scope
        .apply(
            staff::Entity::find().filter(of_unit_cond(unit, include_subtree)),
            staff::Column::UnitId,
        )
        .count(db)
        .await
}

fn of_unit_cond(unit: UnitId, include_subtree: bool) -> SimpleExpr {
    if include_subtree {
        Expr::col(staff::Column::UnitId).in_subquery(closure::subtree_query(unit))
    } else {
        staff::Column::UnitId.eq(unit.0)
    }
}

/// The staff member with `code` in the dossier system, whatever the scope.
pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<Option<Staff>, DbErr> {
    let row = staff::Entity::find()
        .filter(staff::Column::Code.eq(code))
        .one(db)
        .await?;
    Ok(row.map(Staff::from))
}

/// Staff by id, only those of units inside `scope`.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    ids: &[StaffId],
) -> Result<Vec<Staff>, DbErr> {
    let cond = staff::Column::Id.is_in(ids.iter().map(|i| i.0));
    select(db, scope, cond).await
}

/// Staff of each of `units` inside `scope`, heads first, then by name.
pub async fn of_units<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    units: &[UnitId],
) -> Result<Vec<Staff>, DbErr> {
    let cond = staff::Column::UnitId.is_in(units.iter().map(|i| i.0));
    select(db, scope, cond).await
}

/// Staff of units inside `scope` meeting `cond`: heads first, then by name in Vietnamese
/// order (then id), sorted once loaded.
async fn select<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    cond: SimpleExpr,
) -> Result<Vec<Staff>, DbErr> {
    let rows = scope
        .apply(staff::Entity::find().filter(cond), staff::Column::UnitId)
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    let mut staff: Vec<Staff> = rows.into_iter().map(Staff::from).collect();
    staff.sort_by(|a, b| {
        b.is_head
            .cmp(&a.is_head)
            .then_with(|| crate::domain::collation::compare(&a.full_name, &b.full_name))
    });
    Ok(staff)
}

/// Inserts an active staff member.
pub async fn insert<C: ConnectionTrait>(db: &C, new: NewStaff) -> Result<Staff, DbErr> {
    let row = staff::ActiveModel {
        unit_id: Set(new.unit_id.0),
        full_name: Set(new.full_name),
        position: Set(new.position),
        is_head: Set(new.is_head),
        email: Set(new.email),
        code: Set(new.code),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Staff::from(row))
}
