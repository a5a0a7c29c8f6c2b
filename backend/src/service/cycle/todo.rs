//! "Việc cần làm": the caller's list, most urgent first. An OFFICER gets the months its
//! units owe (due, overdue, rejected); a MANAGER or ADMIN the submitted months it may
//! approve (waiting, and late per the approval deadline) and the units in scope newly off
//! track; a VIEWER (and an API token) the late months of units in scope and those newly off
//! track.

use super::off_track::newly_off_track;
use super::{calendar, months_owed};
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db, closure};
use crate::domain::cycle::todo::{self, Reader, Todo};
use crate::domain::cycle::{Calendar, Deadline};
use crate::domain::scope::{Placement, may_approve};
use crate::error::ServiceResult;
use crate::service::access;
use chrono::NaiveDate;
use shared::Role;
use shared::ids::UnitId;
use std::collections::{BTreeMap, HashSet};

/// The caller's to-do list on the instance's today, most urgent first.
pub async fn list(actor: &Actor, db: &Db) -> ServiceResult<Vec<Todo>> {
    let conn = db.conn();
    let today = db.clock().today();
    let cal = calendar(conn).await?;
    let mut items = match actor.role() {
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
    };
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
