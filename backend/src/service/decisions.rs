//! Decisions (quyết định) that assign a year's targets: read by everyone, created by ADMIN.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::entities::decision;
use crate::domain::input;
use crate::domain::model::Decision;
use crate::error::{ServiceError, ServiceResult};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use shared::ids::DecisionId;
use std::collections::HashMap;

/// Decisions, newest first, optionally of one year.
pub async fn list(db: &impl ConnectionTrait, year: Option<i32>) -> ServiceResult<Vec<Decision>> {
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

/// Decisions by id.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[DecisionId],
) -> ServiceResult<HashMap<DecisionId, Decision>> {
    let rows = decision::Entity::find()
        .filter(decision::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (DecisionId(r.id), Decision::from(r)))
        .collect())
}

/// Creates a decision (ADMIN of the province root: a decision covers the province).
pub async fn create(
    actor: &Actor,
    db: &Db,
    number: &str,
    title: &str,
    issued_on: NaiveDate,
    year: i64,
) -> ServiceResult<Decision> {
    access::require_province_admin(actor, "create decisions")?;
    let number = input::text("number", number, 64)?;
    let title = input::text("title", title, 1000)?;
    let year = input::year("year", year)?;
    let txn = db.write().await?;
    if decision::Entity::find()
        .filter(decision::Column::Number.eq(&number))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "decision {number} already exists"
        )));
    }
    let row = decision::ActiveModel {
        number: Set(number),
        title: Set(title),
        issued_on: Set(issued_on),
        year: Set(year),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let created = Decision::from(row);
    audit::record(
        &*txn,
        Some(actor),
        "createDecision",
        "decision",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}
