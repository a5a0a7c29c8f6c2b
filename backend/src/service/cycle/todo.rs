//! "Việc cần làm": the caller's list, most urgent first. An OFFICER gets the months its
//! units owe (due, overdue, rejected); a MANAGER or ADMIN the submitted months it may
//! approve (waiting, and late per the approval deadline) and the units in scope newly off
//! track; a VIEWER (and an API token) the late months of units in scope and those newly off
//! track. Follow-through adds, for accounts: the explanations owed by the caller's own unit
//! (MANAGER, OFFICER, ADMIN scoped to it), those waiting for the caller's review, and the
//! corrective actions past due that the caller owns (through its staff member) or, for a
//! MANAGER, that its unit owes. A constant number of queries.

use super::off_track::newly_off_track;
use super::{calendar, months_owed};
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db, closure};
use crate::domain::cycle::todo::{self, Reader, Todo};
use crate::domain::cycle::{Calendar, Deadline};
use crate::domain::scope::{Placement, may_approve, may_review_explanation};
use crate::error::ServiceResult;
use crate::service::access;
use chrono::NaiveDate;
use shared::ids::{ExplanationRequestId, UnitId};
use shared::{ExplanationStatus, Role};
use std::collections::{BTreeMap, HashSet};

/// The caller's to-do list on the instance's today, most urgent first.
pub async fn list(actor: &Actor, db: &Db) -> ServiceResult<Vec<Todo>> {
    let conn = db.conn();
    let today = db.clock().today();
    let cal = calendar(conn).await?;
    let mut items = follow_up(actor, conn, today).await?;
    items.extend(match actor.role() {
        Some(Role::Officer) => reports(actor, conn, &cal, today, Reader::Officer).await?,
        Some(role @ (Role::Manager | Role::Admin)) => {
            let mut items = approvals(actor, role, conn, &cal, today).await?;
            items.extend(off_track(actor, conn, today).await?);
            items
        }
        Some(Role::Viewer) | None => {
            let mut items = reports(actor, conn, &cal, today, Reader::Leader).await?;
            items.extend(off_track(actor, conn, today).await?);
            items
        }
    });
    todo::sort(&mut items);
    Ok(items)
}

/// The units of the caller's subtree; `None` for a caller scoped to a root (every unit).
async fn in_scope(
    actor: &Actor,
    db: &impl ConnectionTrait,
) -> ServiceResult<Option<HashSet<UnitId>>> {
    if actor.scope_is_root {
        return Ok(None);
    }
    Ok(Some(
        closure::subtree(db, actor.scope)
            .await?
            .into_iter()
            .collect(),
    ))
}

/// What the months owed by units in scope ask of `reader`.
async fn reports(
    actor: &Actor,
    db: &impl ConnectionTrait,
    cal: &Calendar,
    today: NaiveDate,
    reader: Reader,
) -> ServiceResult<Vec<Todo>> {
    let within = in_scope(actor, db).await?;
    let mut items = Vec::new();
    for owed in months_owed(db, cal, today).await? {
        for unit in owed.units {
            if within.as_ref().is_some_and(|w| !w.contains(&unit.unit)) {
                continue;
            }
            items.extend(todo::report_item(
                reader,
                unit.unit,
                &owed.deadline,
                unit.status,
                unit.comment.as_deref(),
                today,
            ));
        }
    }
    Ok(items)
}

/// The SUBMITTED months the caller may approve, per unit: late and waiting.
async fn approvals(
    actor: &Actor,
    role: Role,
    db: &impl ConnectionTrait,
    cal: &Calendar,
    today: NaiveDate,
) -> ServiceResult<Vec<Todo>> {
    let reach = access::reach(actor);
    let mut by_unit: BTreeMap<UnitId, Vec<Deadline>> = BTreeMap::new();
    for w in db::calendar::submitted(db, access::scope(actor)).await? {
        // Every unit read is in the caller's subtree: its own, or below it.
        let at = if w.unit == actor.scope {
            Placement::AtScope
        } else {
            Placement::Below
        };
        if !may_approve(role, reach, at) {
            continue;
        }
        if let Some(d) = cal.deadline(w.month) {
            by_unit.entry(w.unit).or_default().push(d);
        }
    }
    Ok(by_unit
        .into_iter()
        .flat_map(|(unit, months)| todo::approval_items(unit, &months, today))
        .collect())
}

/// Units in scope in force today with an indicator newly OFF_TRACK.
async fn off_track(
    actor: &Actor,
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> ServiceResult<Vec<Todo>> {
    let units = db::units::active_in(db, access::scope(actor), None, None, today).await?;
    Ok(newly_off_track(db, &units, today)
        .await?
        .into_iter()
        .map(|o| todo::off_track_item(o.unit, o.indicator, o.year, o.month))
        .collect())
}

/// What follow-through asks of the caller (see the module).
async fn follow_up(
    actor: &Actor,
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> ServiceResult<Vec<Todo>> {
    let (Some(role), Some(user)) = (actor.role(), actor.user_id()) else {
        return Ok(Vec::new());
    };
    let mut items = Vec::new();
    let own = [actor.scope];
    if matches!(role, Role::Manager | Role::Officer | Role::Admin) {
        let owed = [ExplanationStatus::Open, ExplanationStatus::Returned];
        for r in db::explanations::of_units_in(db, Some(&own), &owed).await? {
            items.extend(todo::explanation_item(&r, today));
        }
    }
    if matches!(role, Role::Manager | Role::Admin) {
        let reach = access::reach(actor);
        let waiting = [ExplanationStatus::Submitted];
        for r in db::explanations::in_scope_with(db, access::scope(actor), &waiting).await? {
            let at = if r.unit_id == actor.scope {
                Placement::AtScope
            } else {
                Placement::Below
            };
            if may_review_explanation(role, reach, at) {
                items.extend(todo::review_item(&r, today));
            }
        }
    }
    let owner = db::users::find(db, user).await?.and_then(|u| u.staff_id);
    let units: &[UnitId] = if role == Role::Manager { &own } else { &[] };
    let who = db::actions::OverdueFor { owner, units };
    let late = db::actions::overdue(db, today, who).await?;
    if late.is_empty() {
        return Ok(items);
    }
    let mut ids: Vec<ExplanationRequestId> = late.iter().map(|a| a.request_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let requests: std::collections::HashMap<ExplanationRequestId, _> =
        db::explanations::by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
    for a in &late {
        if let Some(r) = requests.get(&a.request_id) {
            items.extend(todo::action_item(a, r, today));
        }
    }
    Ok(items)
}
