//! Lookups by what a person types on the command line (a unit's code, a decision's
//! number) and the set-up's root unit and first ADMIN: typed ids out.

use super::entities::{decision, unit, user};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use shared::Role;
use shared::ids::{DecisionId, UnitId, UserId};

/// The unit with this code (surrounding spaces ignored).
pub async fn unit_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<UnitId>, DbErr> {
    let row = unit::Entity::find()
        .filter(unit::Column::Code.eq(code.trim()))
        .one(db)
        .await?;
    Ok(row.map(|u| UnitId(u.id)))
}

/// The decision with this number (surrounding spaces ignored).
pub async fn decision_by_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<Option<DecisionId>, DbErr> {
    let row = decision::Entity::find()
        .filter(decision::Column::Number.eq(number.trim()))
        .one(db)
        .await?;
    Ok(row.map(|d| DecisionId(d.id)))
}

/// The root unit (the first without a parent), when the database is set up.
pub async fn root_unit(db: &impl ConnectionTrait) -> Result<Option<UnitId>, DbErr> {
    let row = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .order_by_asc(unit::Column::Id)
        .one(db)
        .await?;
    Ok(row.map(|u| UnitId(u.id)))
}

/// The first ADMIN account (by id), if any.
pub async fn first_admin(db: &impl ConnectionTrait) -> Result<Option<UserId>, DbErr> {
    let row = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?;
    Ok(row.map(|u| UserId(u.id)))
}
