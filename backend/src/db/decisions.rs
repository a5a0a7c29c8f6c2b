//! Queries on decisions (quyết định): listing, lookups by id and number, inserting one.

use super::entities::decision;
use crate::domain::model::Decision;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::ids::DecisionId;

/// A new decision.
#[derive(Debug, Clone)]
pub struct NewDecision {
    /// Its unique number.
    pub number: String,
    /// Its title.
    pub title: String,
    /// When it was issued.
    pub issued_on: NaiveDate,
    /// The year whose targets it assigns.
    pub year: i32,
}

/// Decisions, newest first, optionally of one year.
pub async fn list<C: ConnectionTrait>(db: &C, year: Option<i32>) -> Result<Vec<Decision>, DbErr> {
    let mut q = decision::Entity::find();
    if let Some(y) = year {
        q = q.filter(decision::Column::Year.eq(y));
    }
    let rows = q
        .order_by_desc(decision::Column::IssuedOn)
        .order_by_desc(decision::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Decision::from).collect())
}

/// One decision by id.
pub async fn find<C: ConnectionTrait>(db: &C, id: DecisionId) -> Result<Option<Decision>, DbErr> {
    let row = decision::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(Decision::from))
}

/// The decision with this number, as given (the caller trims what a person typed).
pub async fn by_number<C: ConnectionTrait>(
    db: &C,
    number: &str,
) -> Result<Option<Decision>, DbErr> {
    let row = decision::Entity::find()
        .filter(decision::Column::Number.eq(number))
        .one(db)
        .await?;
    Ok(row.map(Decision::from))
}

/// Decisions by id.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[DecisionId],
) -> Result<Vec<Decision>, DbErr> {
    let rows = decision::Entity::find()
        .filter(decision::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Decision::from).collect())
}

/// Whether a decision has `number`.
pub async fn number_taken<C: ConnectionTrait>(db: &C, number: &str) -> Result<bool, DbErr> {
    let found = decision::Entity::find()
        .filter(decision::Column::Number.eq(number))
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Inserts a decision.
pub async fn insert<C: ConnectionTrait>(db: &C, new: NewDecision) -> Result<Decision, DbErr> {
    let row = decision::ActiveModel {
        number: Set(new.number),
        title: Set(new.title),
        issued_on: Set(new.issued_on),
        year: Set(new.year),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Decision::from(row))
}
