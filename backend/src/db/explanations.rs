//! Queries on explanation requests: one by id or many, a scope's list, the live ones of a
//! unit, those owed by units or waiting for review, inserting one (an automatic one at most
//! once per key, on SQLite and PostgreSQL alike), saving one at its version and closing
//! several at once.

use super::closure::{self, Scope};
use super::convert;
use super::entities::explanation_request::{self, Column as C};
use crate::domain::follow_up::Request;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TryInsertResult,
};
use shared::ids::{CauseId, ExplanationRequestId, IndicatorId, UnitId, UserId, ViolationId};
use shared::{ExplanationStatus, TrackStatus};

/// Ids per `IN (…)` list.
const IN_CHUNK: usize = 500;

impl TryFrom<explanation_request::Model> for Request {
    type Error = DbErr;
    fn try_from(m: explanation_request::Model) -> Result<Self, DbErr> {
        Ok(Request {
            id: ExplanationRequestId(m.id),
            unit_id: UnitId(m.unit_id),
            indicator_id: IndicatorId(m.indicator_id),
            year: m.year,
            month: convert::month(m.month)?,
            status: m.status,
            track_status: m.track_status,
            automatic: m.auto_key.is_some(),
            requested_by: m.requested_by.map(UserId),
            requested_at: m.requested_at,
            due_on: m.due_on,
            message: m.message,
            cause_id: m.cause_id.map(CauseId),
            reason: m.reason,
            submitted_by: m.submitted_by.map(UserId),
            submitted_at: m.submitted_at,
            reviewed_by: m.reviewed_by.map(UserId),
            reviewed_at: m.reviewed_at,
            review_comment: m.review_comment,
            closed_at: m.closed_at,
            close_note: m.close_note,
            violation_id: m.violation_id.map(ViolationId),
            version: m.version,
        })
    }
}

fn all(rows: Vec<explanation_request::Model>) -> Result<Vec<Request>, DbErr> {
    rows.into_iter().map(Request::try_from).collect()
}

/// One request.
pub async fn find(
    db: &impl ConnectionTrait,
    id: ExplanationRequestId,
) -> Result<Option<Request>, DbErr> {
    explanation_request::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Request::try_from)
        .transpose()
}

/// Requests by id (those that exist).
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[ExplanationRequestId],
) -> Result<Vec<Request>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        let rows = explanation_request::Entity::find()
            .filter(C::Id.is_in(chunk.iter().map(|i| i.0)))
            .all(db)
            .await?;
        out.extend(all(rows)?);
    }
    Ok(out)
}

/// What narrows a list of requests.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the subtree of this unit.
    pub under: Option<UnitId>,
    /// Only requests about this year.
    pub year: Option<i32>,
    /// Only these statuses (all when empty).
    pub statuses: Vec<ExplanationStatus>,
}

/// Requests about units inside `scope` meeting `filter`, newest first, at most `limit`.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &Filter,
    limit: u64,
) -> Result<Vec<Request>, DbErr> {
    let mut q = scope.apply(explanation_request::Entity::find(), C::UnitId);
    if let Some(u) = filter.under {
        q = q.filter(Expr::col(C::UnitId).in_subquery(closure::subtree_query(u)));
    }
    if let Some(y) = filter.year {
        q = q.filter(C::Year.eq(y));
    }
    if !filter.statuses.is_empty() {
        q = q.filter(C::Status.is_in(filter.statuses.iter().copied()));
    }
    let rows = q
        .order_by_desc(C::RequestedAt)
        .order_by_desc(C::Id)
        .limit(limit)
        .all(db)
        .await?;
    all(rows)
}

/// The requests of `unit` still followed (not CLOSED), about `indicator` when given.
pub async fn live_of(
    db: &impl ConnectionTrait,
    unit: UnitId,
    indicator: Option<IndicatorId>,
) -> Result<Vec<Request>, DbErr> {
    let mut q = explanation_request::Entity::find()
        .filter(C::UnitId.eq(unit.0))
        .filter(C::Status.ne(ExplanationStatus::Closed));
    if let Some(i) = indicator {
        q = q.filter(C::IndicatorId.eq(i.0));
    }
    all(q.order_by_asc(C::Id).all(db).await?)
}

/// The requests of `statuses` about `units` (every unit when `None`), oldest due first.
pub async fn of_units_in(
    db: &impl ConnectionTrait,
    units: Option<&[UnitId]>,
    statuses: &[ExplanationStatus],
) -> Result<Vec<Request>, DbErr> {
    let base = || {
        explanation_request::Entity::find()
            .filter(C::Status.is_in(statuses.iter().copied()))
            .order_by_asc(C::DueOn)
            .order_by_asc(C::Id)
    };
    match units {
        None => all(base().all(db).await?),
        Some(units) => {
            let mut out = Vec::new();
            for chunk in units.chunks(IN_CHUNK) {
                let rows = base()
                    .filter(C::UnitId.is_in(chunk.iter().map(|u| u.0)))
                    .all(db)
                    .await?;
                out.extend(all(rows)?);
            }
            Ok(out)
        }
    }
}

/// The requests of `statuses` about units inside `scope`.
pub async fn in_scope_with(
    db: &impl ConnectionTrait,
    scope: Scope,
    statuses: &[ExplanationStatus],
) -> Result<Vec<Request>, DbErr> {
    let q = explanation_request::Entity::find()
        .filter(C::Status.is_in(statuses.iter().copied()))
        .order_by_asc(C::DueOn)
        .order_by_asc(C::Id);
    all(scope.apply(q, C::UnitId).all(db).await?)
}

/// A request to make.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub unit_id: UnitId,
    pub indicator_id: IndicatorId,
    pub year: i32,
    pub month: u32,
    pub track_status: TrackStatus,
    /// The key of an automatic request; `None` for one asked by hand.
    pub auto_key: Option<String>,
    pub requested_by: Option<UserId>,
    pub requested_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub message: Option<String>,
}

fn new_row(new: NewRequest) -> explanation_request::ActiveModel {
    explanation_request::ActiveModel {
        unit_id: Set(new.unit_id.0),
        indicator_id: Set(new.indicator_id.0),
        year: Set(new.year),
        month: Set(new.month as i32),
        status: Set(ExplanationStatus::Open),
        track_status: Set(new.track_status),
        auto_key: Set(new.auto_key),
        requested_by: Set(new.requested_by.map(|u| u.0)),
        requested_at: Set(new.requested_at),
        due_on: Set(new.due_on),
        message: Set(new.message),
        version: Set(1),
        ..Default::default()
    }
}

/// Inserts a request asked by hand.
pub async fn insert(db: &impl ConnectionTrait, new: NewRequest) -> Result<Request, DbErr> {
    Request::try_from(new_row(new).insert(db).await?)
}

/// Inserts an automatic request unless one with its key exists (`ON CONFLICT DO NOTHING`);
/// the new request's id, `None` when there was one already.
pub async fn insert_once(
    db: &impl ConnectionTrait,
    new: NewRequest,
) -> Result<Option<ExplanationRequestId>, DbErr> {
    let done = explanation_request::Entity::insert(new_row(new))
        .on_conflict_do_nothing_on([C::AutoKey])
        .exec(db)
        .await?;
    Ok(match done {
        TryInsertResult::Inserted(r) => Some(ExplanationRequestId(r.last_insert_id)),
        _ => None,
    })
}

/// Stores `after` over the request at version `before_version`; false when it moved on
/// (another writer changed it first). `after.version` is stored as given.
pub async fn save(
    db: &impl ConnectionTrait,
    before_version: i32,
    after: &Request,
) -> Result<bool, DbErr> {
    let done = explanation_request::Entity::update_many()
        .col_expr(C::Status, Expr::value(after.status))
        .col_expr(C::DueOn, Expr::value(after.due_on))
        .col_expr(C::CauseId, Expr::value(after.cause_id.map(|c| c.0)))
        .col_expr(C::Reason, Expr::value(after.reason.clone()))
        .col_expr(C::SubmittedBy, Expr::value(after.submitted_by.map(|u| u.0)))
        .col_expr(C::SubmittedAt, Expr::value(after.submitted_at))
        .col_expr(C::ReviewedBy, Expr::value(after.reviewed_by.map(|u| u.0)))
        .col_expr(C::ReviewedAt, Expr::value(after.reviewed_at))
        .col_expr(C::ReviewComment, Expr::value(after.review_comment.clone()))
        .col_expr(C::ClosedAt, Expr::value(after.closed_at))
        .col_expr(C::CloseNote, Expr::value(after.close_note.clone()))
        .col_expr(C::ViolationId, Expr::value(after.violation_id.map(|v| v.0)))
        .col_expr(C::Version, Expr::value(after.version))
        .filter(C::Id.eq(after.id.0))
        .filter(C::Version.eq(before_version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Closes the live requests of `ids` at `at` with `note`, each a version on.
pub async fn close_all(
    db: &impl ConnectionTrait,
    ids: &[ExplanationRequestId],
    at: DateTime<Utc>,
    note: &str,
) -> Result<(), DbErr> {
    for chunk in ids.chunks(IN_CHUNK) {
        explanation_request::Entity::update_many()
            .col_expr(C::Status, Expr::value(ExplanationStatus::Closed))
            .col_expr(C::ClosedAt, Expr::value(Some(at)))
            .col_expr(C::CloseNote, Expr::value(Some(note.to_owned())))
            .col_expr(C::Version, Expr::col(C::Version).add(1))
            .filter(C::Id.is_in(chunk.iter().map(|i| i.0)))
            .filter(C::Status.ne(ExplanationStatus::Closed))
            .exec(db)
            .await?;
    }
    Ok(())
}
