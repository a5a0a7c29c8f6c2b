//! The checks a change of the tree must pass (its day, decision and order; units in force;
//! no figures in the way) and the move of a subtree from a month that several changes make.

use crate::db::{self, ConnectionTrait, closure, reorgs, rollups};
use crate::domain::input;
use crate::domain::model::Unit;
use crate::domain::tree::{self, MonthIndex};
use crate::error::{ServiceError, ServiceResult};
use chrono::NaiveDate;
use shared::ids::UnitId;

use super::Change;

/// The month a change takes effect, after checking its day, decision and order.
pub(super) async fn effective(
    db: &impl ConnectionTrait,
    change: &Change,
) -> ServiceResult<MonthIndex> {
    let Some(month) = tree::effective_month(change.effective_on) else {
        return Err(ServiceError::validation(
            "effectiveOn",
            format!(
                "Ngày hiệu lực phải là ngày đầu tháng (ví dụ 01/{}), không phải {}.",
                change.effective_on.format("%m/%Y"),
                day(change.effective_on)
            ),
        ));
    };
    input::text("decision", &change.decision, 100).map_err(|_| {
        ServiceError::validation(
            "decision",
            "Hãy nhập số quyết định hoặc nghị quyết (tối đa 100 ký tự).",
        )
    })?;
    if let Some(latest) = reorgs::latest_effective(db).await?
        && change.effective_on < latest
    {
        return Err(ServiceError::validation(
            "effectiveOn",
            format!(
                "Các thay đổi được ghi theo thứ tự ngày hiệu lực: thay đổi gần nhất có hiệu lực từ {}, thay đổi này không thể có hiệu lực sớm hơn.",
                day(latest)
            ),
        ));
    }
    Ok(month)
}

pub(super) fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn month_list(months: &[MonthIndex]) -> String {
    months
        .iter()
        .map(|m| {
            let (y, mo) = tree::year_month(*m);
            format!("{mo:02}/{y}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The unit, which must exist and be in force on the day.
pub(super) async fn in_force(
    db: &impl ConnectionTrait,
    unit: UnitId,
    on: NaiveDate,
    field: &str,
) -> ServiceResult<Unit> {
    let Some(u) = db::units::find(db, unit).await? else {
        return Err(ServiceError::validation(
            field,
            format!("Không có đơn vị mã số {unit}."),
        ));
    };
    if !tree::in_force_on(u.valid_from, u.valid_to, on) {
        return Err(ServiceError::validation(
            field,
            format!("{} không còn hiệu lực ngày {}.", u.name, day(on)),
        ));
    }
    Ok(u)
}

/// Fails unless `unit` has no figures from the month of the change on.
pub(super) async fn no_figures_from(
    db: &impl ConnectionTrait,
    unit: &Unit,
    month: MonthIndex,
    change: &Change,
    what: &str,
) -> ServiceResult<()> {
    let months = reorgs::months_with_figures_from(db, unit.id, month).await?;
    if months.is_empty() {
        return Ok(());
    }
    Err(ServiceError::validation(
        "effectiveOn",
        format!(
            "{} đã có số liệu các tháng {} — {what} chỉ có hiệu lực sau tháng cuối cùng có số liệu (ngày {} không được).",
            unit.name,
            month_list(&months),
            day(change.effective_on)
        ),
    ))
}

/// The children of `unit` in force.
pub(super) async fn children_in_force(
    db: &impl ConnectionTrait,
    unit: UnitId,
) -> ServiceResult<Vec<UnitId>> {
    Ok(closure::in_force_below(db, unit)
        .await?
        .into_iter()
        .filter(|p| p.depth == 1 && !p.inherited)
        .map(|p| p.descendant)
        .collect())
}

/// Whether `inner` lies in the subtree in force of `outer` (itself included).
pub(super) async fn lies_within(
    db: &impl ConnectionTrait,
    outer: UnitId,
    inner: UnitId,
) -> ServiceResult<bool> {
    Ok(closure::in_force_below(db, outer)
        .await?
        .iter()
        .any(|p| p.descendant == inner))
}

/// Moves `unit`'s subtree under `parent` from `month`: paths and roll-ups.
pub(super) async fn hang(
    db: &impl ConnectionTrait,
    unit: UnitId,
    parent: UnitId,
    month: MonthIndex,
) -> ServiceResult<()> {
    let sub = closure::in_force_below(db, unit).await?;
    let above = closure::in_force_into(db, &sub).await?;
    let up_new = closure::in_force_above(db, parent).await?;
    let leaving: Vec<UnitId> = above
        .iter()
        .filter(|p| p.descendant == unit)
        .map(|p| p.ancestor)
        .collect();
    let joining: Vec<UnitId> = up_new.iter().map(|p| p.ancestor).collect();
    rollups::move_from(db, unit, month, &leaving, &joining).await?;
    closure::apply_edit(db, &tree::move_paths(&above, &sub, &up_new, month)).await?;
    reorgs::set_unit(db, unit, Some(parent), None, None, None).await?;
    Ok(())
}
