//! Queries on the catalogue of causes an explanation names: listing, by id, adding one and
//! changing its name or whether it is offered.

use super::entities::explanation_cause::{self, Column as C};
use crate::domain::follow_up::Cause;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::ids::CauseId;

impl From<explanation_cause::Model> for Cause {
    fn from(m: explanation_cause::Model) -> Self {
        Cause {
            id: CauseId(m.id),
            code: m.code,
            name: m.name,
            active: m.active,
        }
    }
}

/// The causes in catalogue order, the inactive ones too when asked.
pub async fn list(db: &impl ConnectionTrait, include_inactive: bool) -> Result<Vec<Cause>, DbErr> {
    let mut q = explanation_cause::Entity::find();
    if !include_inactive {
        q = q.filter(C::Active.eq(true));
    }
    let rows = q
        .order_by_asc(C::Position)
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Cause::from).collect())
}

/// Causes by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[CauseId]) -> Result<Vec<Cause>, DbErr> {
    let rows = explanation_cause::Entity::find()
        .filter(C::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Cause::from).collect())
}

/// One cause.
pub async fn find(db: &impl ConnectionTrait, id: CauseId) -> Result<Option<Cause>, DbErr> {
    Ok(explanation_cause::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Cause::from))
}

/// Whether a cause has `code`.
pub async fn code_taken(db: &impl ConnectionTrait, code: &str) -> Result<bool, DbErr> {
    Ok(explanation_cause::Entity::find()
        .filter(C::Code.eq(code))
        .one(db)
        .await?
        .is_some())
}

/// Adds an active cause at the end of the catalogue.
pub async fn insert(db: &impl ConnectionTrait, code: &str, name: &str) -> Result<Cause, DbErr> {
    let last: Option<Option<i32>> = explanation_cause::Entity::find()
        .select_only()
        .column_as(C::Position.max(), "p")
        .into_tuple()
        .one(db)
        .await?;
    let position = last.flatten().map_or(0, |p| p + 1);
    let row = explanation_cause::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        active: Set(true),
        position: Set(position),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Cause::from(row))
}

/// Stores a cause's name and whether it is offered.
pub async fn update(db: &impl ConnectionTrait, cause: &Cause) -> Result<(), DbErr> {
    explanation_cause::Entity::update_many()
        .col_expr(C::Name, Expr::value(cause.name.clone()))
        .col_expr(C::Active, Expr::value(cause.active))
        .filter(C::Id.eq(cause.id.0))
        .exec(db)
        .await?;
    Ok(())
}
