//! Decisions (quyết định) that assign a year's targets: read by everyone, created by ADMIN.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::decisions::NewDecision;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::Decision;
use crate::error::{ServiceError, ServiceResult};
use chrono::NaiveDate;
use shared::ids::DecisionId;
use std::collections::HashMap;

/// Decisions, newest first, optionally of one year.
pub async fn list(db: &impl ConnectionTrait, year: Option<i32>) -> ServiceResult<Vec<Decision>> {
    Ok(db::decisions::list(db, year).await?)
}

/// Decisions by id.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[DecisionId],
) -> ServiceResult<HashMap<DecisionId, Decision>> {
    let decisions = db::decisions::by_ids(db, ids).await?;
    Ok(decisions.into_iter().map(|d| (d.id, d)).collect())
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
    let new = NewDecision {
        number: input::text("number", number, 64)?,
        title: input::text("title", title, 1000)?,
        issued_on,
        year: input::year("year", year)?,
    };
    let txn = db.write().await?;
    if db::decisions::number_taken(&*txn, &new.number).await? {
        return Err(ServiceError::conflict(format!(
            "decision {} already exists",
            new.number
        )));
    }
    let created = db::decisions::insert(&*txn, new).await?;
    let action = "createDecision";
    audit::created(&*txn, Some(actor), action, "decision", created.id, &created).await?;
    txn.commit().await?;
    Ok(created)
}
