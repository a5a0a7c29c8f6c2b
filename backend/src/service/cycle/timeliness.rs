//! Timeliness: for a month, every unit in scope owing it with its deadline, its first
//! submission and whether that was on time; a unit's year month by month; and the share of
//! a period's months each unit submitted on time (the scoreboard's `timelinessRate`).

use super::calendar;
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db, closure};
use crate::domain::cycle::{self, Calendar, YearMonth, timeliness, timeliness_rate};
use crate::domain::input;
use crate::error::{ServiceError, ServiceResult};
use crate::service::access::{self, OrNotFound};
use chrono::{DateTime, NaiveDate, Utc};
use shared::Period;
use shared::ids::UnitId;
use std::collections::{HashMap, HashSet};

/// A unit's month: its deadline, first submission and timeliness.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMonth {
    pub unit: UnitId,
    pub year: i32,
    pub month: u32,
    pub due_on: NaiveDate,
    /// The first submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// `None` while not submitted and not yet due.
    pub on_time: Option<bool>,
    pub days_late: i64,
}

fn unit_month(
    unit: UnitId,
    month: YearMonth,
    due_on: NaiveDate,
    submitted_at: Option<DateTime<Utc>>,
    today: NaiveDate,
) -> UnitMonth {
    let t = timeliness(due_on, submitted_at.map(crate::clock::vietnam_day), today);
    UnitMonth {
        unit,
        year: month.year,
        month: month.month,
        due_on,
        submitted_at,
        on_time: t.on_time,
        days_late: t.days_late,
    }
}

fn parse_month(year: i64, month: i64) -> ServiceResult<YearMonth> {
    let year = input::year("year", year)?;
    let month = input::month("month", month)?;
    YearMonth::new(year, month).ok_or_else(|| ServiceError::validation("month", "no such month"))
}

/// Every unit owing `month` of `year` in the caller's scope (in `parent`'s subtree when
/// given; NOT_FOUND when that unit is outside the scope), by unit id.
pub async fn of_month(
    actor: &Actor,
    db: &Db,
    year: i64,
    month: i64,
    parent: Option<UnitId>,
) -> ServiceResult<Vec<UnitMonth>> {
    let month = parse_month(year, month)?;
    let conn = db.conn();
    let root = match parent {
        Some(p) => {
            access::ensure_visible(conn, actor, p, "unit").await?;
            Some(p)
        }
        None => (!actor.scope_is_root).then_some(actor.scope),
    };
    let within: Option<HashSet<UnitId>> = match root {
        Some(r) => Some(closure::subtree(conn, r).await?.into_iter().collect()),
        None => None,
    };
    let cal = calendar(conn).await?;
    let today = db.clock().today();
    // Before the calendar starts no month is owed, so none is late.
    let Some(deadline) = cal
        .deadline(month)
        .filter(|_| month >= cal.first_tracked(today))
    else {
        return Ok(Vec::new());
    };
    Ok(db::calendar::owing(conn, month)
        .await?
        .into_iter()
        .filter(|o| within.as_ref().is_none_or(|w| w.contains(&o.unit)))
        .map(|o| unit_month(o.unit, month, deadline.due_on, o.submitted_at, today))
        .collect())
}

/// The months of `year` a unit in scope owed that have ended by today, oldest first.
pub async fn of_unit(
    actor: &Actor,
    db: &Db,
    unit: UnitId,
    year: i64,
) -> ServiceResult<Vec<UnitMonth>> {
    let year = input::year("year", year)?;
    let conn = db.conn();
    access::ensure_visible(conn, actor, unit, "unit").await?;
    db::units::find(conn, unit)
        .await?
        .or_not_found(format!("unit {unit}"))?;
    let today = db.clock().today();
    let cal = calendar(conn).await?;
    let months = months_of(conn, &cal, &[unit], year, 1, 12, today).await?;
    Ok(months.into_values().flatten().collect())
}

/// The percent of the months of `period` each of `units` owed, that have ended and were due,
/// that it submitted on time (`None` when none was due): two queries in all.
pub async fn rates(
    db: &Db,
    units: &[UnitId],
    period: Period,
) -> ServiceResult<HashMap<UnitId, Option<f64>>> {
    let conn = db.conn();
    let cal = calendar(conn).await?;
    let today = db.clock().today();
    let (first, last) = (period.first_month(), period.last_month());
    let months = months_of(conn, &cal, units, period.year(), first, last, today).await?;
    Ok(months
        .into_iter()
        .map(|(unit, months)| {
            let t: Vec<cycle::Timeliness> = months
                .iter()
                .map(|m| cycle::Timeliness {
                    on_time: m.on_time,
                    days_late: m.days_late,
                })
                .collect();
            (unit, timeliness_rate(&t))
        })
        .collect())
}

/// The months of `period` each of `units` owed that have ended by today, with their
/// deadline, first submission and timeliness (the late reports of a notice): two queries.
pub async fn of_period(
    db: &Db,
    units: &[UnitId],
    period: Period,
) -> ServiceResult<HashMap<UnitId, Vec<UnitMonth>>> {
    let conn = db.conn();
    let cal = calendar(conn).await?;
    let today = db.clock().today();
    let (first, last) = (period.first_month(), period.last_month());
    months_of(conn, &cal, units, period.year(), first, last, today).await
}

/// Sets each scoreboard row's timeliness rate over `period` (see [`rates`]).
pub async fn fill_rates(
    db: &Db,
    rows: &mut [crate::service::results::ScoreRow],
    period: Period,
) -> ServiceResult<()> {
    let ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    let rates = rates(db, &ids, period).await?;
    for r in rows {
        r.timeliness_rate = rates.get(&r.unit_id).copied().flatten();
    }
    Ok(())
}

/// The months `first..=last` of `year` that have ended by `today` and that each of `units`
/// owed, with their timeliness: one query.
async fn months_of(
    db: &impl ConnectionTrait,
    cal: &Calendar,
    units: &[UnitId],
    year: i32,
    first: u32,
    last: u32,
    today: NaiveDate,
) -> ServiceResult<HashMap<UnitId, Vec<UnitMonth>>> {
    let current = YearMonth::of(today);
    let tracked = cal.first_tracked(today);
    if year > current.year {
        return Ok(units.iter().map(|u| (*u, Vec::new())).collect());
    }
    let rows = db::calendar::unit_months(db, units, year, first, last).await?;
    let mut out = HashMap::new();
    for u in rows {
        let mut months = Vec::new();
        for m in first..=last {
            let Some(ym) = YearMonth::new(year, m).filter(|ym| *ym < current && *ym >= tracked)
            else {
                continue;
            };
            if !cycle::owes(u.active, u.valid_from, u.valid_to, u.reports, ym) {
                continue;
            }
            let Some(deadline) = cal.deadline(ym) else {
                continue;
            };
            let submitted = u
                .months
                .iter()
                .find(|s| s.month == m)
                .and_then(|s| s.submitted_at);
            months.push(unit_month(u.unit, ym, deadline.due_on, submitted, today));
        }
        out.insert(u.unit, months);
    }
    Ok(out)
}
