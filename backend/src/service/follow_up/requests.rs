//! Reading explanation requests (a scope's list, one request) and asking for one by hand:
//! a MANAGER or ADMIN of the level above, about any indicator of a unit below it at a
//! month, when no request about that indicator is followed.

use super::{Shown, notify, placement_in_scope, request_in_scope, settings, shown};
use crate::auth::Actor;
use crate::db::explanations::{self, Filter, NewRequest};
use crate::db::{ConnectionTrait, Db, units};
use crate::domain::cycle::YearMonth;
use crate::domain::input;
use crate::domain::scope::{Placement, Reach, may_review_explanation};
use crate::error::{ServiceError, ServiceResult};
use crate::service::results::{Basis, compute};
use crate::service::{access, audit, catalogue};
use chrono::Datelike;
use chrono::NaiveDate;
use shared::ids::{ExplanationRequestId, IndicatorId, UnitId};
use shared::{ExplanationStatus, Period, TrackStatus};
use std::collections::HashMap;

/// The most requests a list returns.
pub const LIST_LIMIT: u64 = 500;

/// Requests about units in the caller's scope (the subtree of `unit` when given; NOT_FOUND
/// when that unit is outside the scope), of `year` and `statuses` when given, newest
/// first, at most [`LIST_LIMIT`].
pub async fn list(
    actor: &Actor,
    db: &Db,
    unit: Option<UnitId>,
    year: Option<i32>,
    statuses: Vec<ExplanationStatus>,
) -> ServiceResult<Vec<Shown>> {
    let conn = db.conn();
    if let Some(u) = unit {
        access::ensure_visible(conn, actor, u, "unit").await?;
    }
    let filter = Filter {
        under: unit,
        year,
        statuses,
    };
    let rows = explanations::list(conn, access::scope(actor), &filter, LIST_LIMIT).await?;
    let today = db.clock().today();
    Ok(rows
        .into_iter()
        .map(|r| {
            let at = placement_in_scope(actor, r.unit_id);
            shown(actor, r, at, today)
        })
        .collect())
}

/// One request in the caller's scope; `None` when there is none or it lies outside.
pub async fn get(actor: &Actor, db: &Db, id: ExplanationRequestId) -> ServiceResult<Option<Shown>> {
    match request_in_scope(actor, db.conn(), id).await {
        Ok((r, at)) => Ok(Some(shown(actor, r, at, db.clock().today()))),
        Err(ServiceError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// One request the caller just changed, as it sees it.
pub async fn reload(actor: &Actor, db: &Db, id: ExplanationRequestId) -> ServiceResult<Shown> {
    let (r, at) = request_in_scope(actor, db.conn(), id).await?;
    Ok(shown(actor, r, at, db.clock().today()))
}

/// An explanation asked by hand.
#[derive(Debug, Clone)]
pub struct AskByHand {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    pub year: i64,
    pub month: i64,
    pub message: String,
    /// Unset: today plus the configured days.
    pub due_on: Option<NaiveDate>,
}

/// The indicator's status for `unit` at `month` (year to date, approved figures).
async fn status_at(
    db: &impl ConnectionTrait,
    unit: &crate::domain::model::Unit,
    indicator: &crate::domain::model::Indicator,
    month: YearMonth,
) -> ServiceResult<TrackStatus> {
    let period = Period::ytd(month.year, month.month)?;
    let rows = compute(
        db,
        std::slice::from_ref(unit),
        std::slice::from_ref(indicator),
        period,
        Basis::ApprovedOnly,
    )
    .await?;
    Ok(rows
        .into_iter()
        .flat_map(|(_, r)| r)
        .next()
        .map_or(TrackStatus::NoData, |r| r.eval.status))
}

/// Asks `cmd.unit` to explain an indicator at a month: MANAGER or ADMIN strictly above the
/// unit (as approving); CONFLICT when a request about that indicator is still followed.
pub async fn ask(actor: &Actor, db: &Db, cmd: AskByHand) -> ServiceResult<Shown> {
    let role = access::role_for(actor, "ask for an explanation", |r| {
        may_review_explanation(r, Reach::Province, Placement::Below)
    })?;
    let user = actor.require_user("ask for an explanation")?;
    let at = access::placement(db.conn(), actor, cmd.unit).await?;
    if !at.in_scope() {
        return Err(ServiceError::not_found(format!("unit {}", cmd.unit)));
    }
    access::allow(
        may_review_explanation(role, access::reach(actor), at),
        "Chỉ cấp trên của đơn vị mới yêu cầu đơn vị giải trình.",
    )?;
    let year = input::year("year", cmd.year)?;
    let month_no = input::month("month", cmd.month)?;
    let month = YearMonth::new(year, month_no)
        .ok_or_else(|| ServiceError::validation("month", "Tháng không hợp lệ."))?;
    let message = input::text("message", &cmd.message, 2000).map_err(|_| {
        ServiceError::validation("message", "Nội dung yêu cầu phải có từ 1 đến 2000 ký tự.")
    })?;
    let today = db.clock().today();
    if (month.year, month.month) >= (today.year(), today.month()) {
        return Err(ServiceError::validation(
            "month",
            "Chỉ yêu cầu giải trình về tháng đã kết thúc.",
        ));
    }
    if cmd.due_on.is_some_and(|d| d < today) {
        return Err(ServiceError::validation(
            "dueOn",
            "Hạn giải trình không được trước ngày hôm nay.",
        ));
    }
    let indicator = catalogue::indicators_by_ids(db.conn(), &[cmd.indicator])
        .await?
        .remove(&cmd.indicator)
        .filter(|i| i.active)
        .ok_or_else(|| {
            ServiceError::validation(
                "indicatorId",
                "Chỉ tiêu không tồn tại hoặc đã ngừng sử dụng.",
            )
        })?;
    let now = db.now();
    let txn = db.write().await?;
    let unit = units::find(&*txn, cmd.unit)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {}", cmd.unit)))?;
    if !indicator.applies_to_kind(unit.kind) {
        return Err(ServiceError::validation(
            "indicatorId",
            "Chỉ tiêu này không áp dụng cho loại đơn vị này.",
        ));
    }
    if !explanations::live_of(&*txn, unit.id, Some(indicator.id))
        .await?
        .is_empty()
    {
        return Err(ServiceError::conflict(
            "Đơn vị đang có yêu cầu giải trình về chỉ tiêu này chưa đóng.",
        ));
    }
    let config = settings::read(&*txn).await?;
    let track_status = status_at(&*txn, &unit, &indicator, month).await?;
    let created = explanations::insert(
        &*txn,
        NewRequest {
            unit_id: unit.id,
            indicator_id: indicator.id,
            year,
            month: month_no,
            track_status,
            auto_key: None,
            requested_by: Some(user),
            requested_at: now,
            due_on: cmd.due_on.unwrap_or_else(|| config.due_on(today)),
            message: Some(message),
        },
    )
    .await?;
    audit::created(
        &*txn,
        Some(actor),
        "requestExplanation",
        "explanationRequest",
        created.id,
        &created,
    )
    .await?;
    let indicators: HashMap<IndicatorId, _> = [(indicator.id, indicator)].into_iter().collect();
    notify::asked(
        &*txn,
        &unit,
        month,
        std::slice::from_ref(&created),
        &indicators,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(shown(actor, created, at, today))
}
