//! Queries on corrective actions: those of a set of requests (one query per chunk of ids),
//! one by id, adding, updating and removing planned ones, marking one done, and the planned
//! ones past their due day of requests still followed.

use super::entities::corrective_action::{self, Column as C};
use super::entities::explanation_request;
use crate::domain::follow_up::Action;
use crate::domain::follow_up::plan::ProposedAction;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::ids::{ActionId, ExplanationRequestId, StaffId, UnitId, UserId};
use shared::{ActionStatus, ExplanationStatus};

/// Ids per `IN (…)` list.
const IN_CHUNK: usize = 500;

impl From<corrective_action::Model> for Action {
    fn from(m: corrective_action::Model) -> Self {
        Action {
            id: ActionId(m.id),
            request_id: ExplanationRequestId(m.request_id),
            position: m.position,
            description: m.description,
            owner: StaffId(m.owner_staff_id),
            due_on: m.due_on,
            expected_effect: m.expected_effect,
            status: m.status,
            done_at: m.done_at,
            done_by: m.done_by.map(UserId),
            done_note: m.done_note,
        }
    }
}

/// The actions of `requests`, by request then position.
pub async fn of_requests(
    db: &impl ConnectionTrait,
    requests: &[ExplanationRequestId],
) -> Result<Vec<Action>, DbErr> {
    let mut out = Vec::new();
    for chunk in requests.chunks(IN_CHUNK) {
        let rows = corrective_action::Entity::find()
            .filter(C::RequestId.is_in(chunk.iter().map(|r| r.0)))
            .order_by_asc(C::RequestId)
            .order_by_asc(C::Position)
            .order_by_asc(C::Id)
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(Action::from));
    }
    Ok(out)
}

/// One action.
pub async fn find(db: &impl ConnectionTrait, id: ActionId) -> Result<Option<Action>, DbErr> {
    Ok(corrective_action::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Action::from))
}

/// Adds a planned action to `request` at `position`.
pub async fn insert(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
    position: i32,
    a: &ProposedAction,
    now: DateTime<Utc>,
) -> Result<Action, DbErr> {
    let row = corrective_action::ActiveModel {
        request_id: Set(request.0),
        position: Set(position),
        description: Set(a.description.clone()),
        owner_staff_id: Set(a.owner.0),
        due_on: Set(a.due_on),
        expected_effect: Set(a.expected_effect.clone()),
        status: Set(ActionStatus::Planned),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Action::from(row))
}

/// Rewrites a planned action of `request`.
pub async fn update_planned(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
    id: ActionId,
    position: i32,
    a: &ProposedAction,
) -> Result<(), DbErr> {
    corrective_action::Entity::update_many()
        .col_expr(C::Position, Expr::value(position))
        .col_expr(C::Description, Expr::value(a.description.clone()))
        .col_expr(C::OwnerStaffId, Expr::value(a.owner.0))
        .col_expr(C::DueOn, Expr::value(a.due_on))
        .col_expr(C::ExpectedEffect, Expr::value(a.expected_effect.clone()))
        .filter(C::Id.eq(id.0))
        .filter(C::RequestId.eq(request.0))
        .filter(C::Status.eq(ActionStatus::Planned))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes planned actions of `request`; the evidence they held stays with the
/// explanation itself (nothing a unit uploaded is lost with an action it dropped).
pub async fn remove_planned(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
    ids: &[ActionId],
) -> Result<(), DbErr> {
    use crate::db::entities::evidence_file;
    for chunk in ids.chunks(IN_CHUNK) {
        evidence_file::Entity::update_many()
            .col_expr(
                evidence_file::Column::ActionId,
                sea_orm::sea_query::Expr::value(Option::<i32>::None),
            )
            .filter(evidence_file::Column::RequestId.eq(request.0))
            .filter(evidence_file::Column::ActionId.is_in(chunk.iter().map(|i| i.0)))
            .exec(db)
            .await?;
        corrective_action::Entity::delete_many()
            .filter(C::Id.is_in(chunk.iter().map(|i| i.0)))
            .filter(C::RequestId.eq(request.0))
            .filter(C::Status.eq(ActionStatus::Planned))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Marks a planned action done; false when it was not planned any more.
pub async fn complete(
    db: &impl ConnectionTrait,
    id: ActionId,
    by: UserId,
    at: DateTime<Utc>,
    note: Option<String>,
) -> Result<bool, DbErr> {
    let done = corrective_action::Entity::update_many()
        .col_expr(C::Status, Expr::value(ActionStatus::Done))
        .col_expr(C::DoneAt, Expr::value(Some(at)))
        .col_expr(C::DoneBy, Expr::value(Some(by.0)))
        .col_expr(C::DoneNote, Expr::value(note))
        .filter(C::Id.eq(id.0))
        .filter(C::Status.eq(ActionStatus::Planned))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Who an overdue action is shown to.
#[derive(Debug, Clone, Copy)]
pub struct OverdueFor<'a> {
    /// The actions this staff member owns.
    pub owner: Option<StaffId>,
    /// The actions of requests about these units.
    pub units: &'a [UnitId],
}

/// The planned actions due before `today` of requests not CLOSED that `who` is shown: owned
/// by its staff member, or about its units. One query.
pub async fn overdue(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    who: OverdueFor<'_>,
) -> Result<Vec<Action>, DbErr> {
    let mut any = sea_orm::Condition::any();
    if let Some(s) = who.owner {
        any = any.add(C::OwnerStaffId.eq(s.0));
    }
    if !who.units.is_empty() {
        let about = Query::select()
            .column(explanation_request::Column::Id)
            .from(explanation_request::Entity)
            .and_where(explanation_request::Column::UnitId.is_in(who.units.iter().map(|u| u.0)))
            .to_owned();
        any = any.add(Expr::col(C::RequestId).in_subquery(about));
    }
    if who.owner.is_none() && who.units.is_empty() {
        return Ok(Vec::new());
    }
    let live = Query::select()
        .column(explanation_request::Column::Id)
        .from(explanation_request::Entity)
        .and_where(explanation_request::Column::Status.ne(ExplanationStatus::Closed))
        .to_owned();
    let rows = corrective_action::Entity::find()
        .filter(C::Status.eq(ActionStatus::Planned))
        .filter(C::DueOn.lt(today))
        .filter(Expr::col(C::RequestId).in_subquery(live))
        .filter(any)
        .order_by_asc(C::DueOn)
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Action::from).collect())
}
