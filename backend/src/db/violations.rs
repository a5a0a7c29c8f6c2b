//! Queries on violations: listing inside a scope (and a subtree, a date range), by id,
//! recording one and linking one to the explanation request it was recorded for.

use super::closure::{self, Scope};
use super::entities::violation;
use super::{convert, keyset};
use crate::domain::model::Violation;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::ids::{ExplanationRequestId, StaffId, UnitId, UserId, ViolationId};
use shared::{Handling, ViolationKind};

/// A violation to record.
#[derive(Debug, Clone)]
pub struct NewViolation {
    /// The unit where it happened.
    pub unit_id: UnitId,
    /// The staff member at fault, if known.
    pub staff_id: Option<StaffId>,
    /// When it happened.
    pub occurred_on: NaiveDate,
    /// What kind of violation.
    pub kind: ViolationKind,
    /// What happened.
    pub description: String,
    /// The dossier it concerns.
    pub dossier_ref: Option<String>,
    /// How it was handled.
    pub handling: Handling,
}

/// Violations inside `scope`, of the subtree of `under` if given, between the two dates (both
/// included) if given; newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    under: Option<UnitId>,
    between: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Violation>, DbErr> {
    let rows = listed(scope, under, between)
        .order_by_desc(violation::Column::OccurredOn)
        .order_by_desc(violation::Column::Id)
        .all(db)
        .await?;
    convert::all(rows)
}

/// At most `limit` of the violations of [`list`] before the id `before`, newest first by
/// id.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    under: Option<UnitId>,
    between: Option<(NaiveDate, NaiveDate)>,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<Violation>, DbErr> {
    let rows = listed(scope, under, between)
        .filter(keyset::before_id(violation::Column::Id, before))
        .order_by_desc(violation::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    convert::all(rows)
}

/// How many violations [`list`] has.
pub async fn count<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    under: Option<UnitId>,
    between: Option<(NaiveDate, NaiveDate)>,
) -> Result<u64, DbErr> {
    listed(scope, under, between).count(db).await
}

fn listed(
    scope: Scope,
    under: Option<UnitId>,
    between: Option<(NaiveDate, NaiveDate)>,
) -> sea_orm::Select<violation::Entity> {
    let mut q = scope.apply(violation::Entity::find(), violation::Column::UnitId);
    if let Some(u) = under {
        q = q.filter(Expr::col(violation::Column::UnitId).in_subquery(closure::subtree_query(u)));
    }
    if let Some((first, last)) = between {
        q = q.filter(violation::Column::OccurredOn.between(first, last));
    }
    q
}

/// Inserts a violation recorded at `now` by `recorded_by`.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewViolation,
    recorded_by: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Violation, DbErr> {
    let row = violation::ActiveModel {
        unit_id: Set(new.unit_id.0),
        staff_id: Set(new.staff_id.map(|s| s.0)),
        occurred_on: Set(new.occurred_on),
        kind: Set(new.kind),
        description: Set(new.description),
        dossier_ref: Set(new.dossier_ref),
        handling: Set(new.handling),
        recorded_by: Set(recorded_by.0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Violation::try_from(row)
}

/// Violations by id (those that exist).
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[ViolationId],
) -> Result<Vec<Violation>, DbErr> {
    let rows = violation::Entity::find()
        .filter(violation::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    convert::all(rows)
}

/// Links a violation to the explanation request it was recorded for.
pub async fn link_request<C: ConnectionTrait>(
    db: &C,
    id: ViolationId,
    request: ExplanationRequestId,
) -> Result<(), DbErr> {
    violation::Entity::update_many()
        .col_expr(
            violation::Column::ExplanationRequestId,
            Expr::value(Some(request.0)),
        )
        .filter(violation::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}
