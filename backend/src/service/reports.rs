//! Monthly reports: reading a unit's month, saving figures (replacing the given measures,
//! checking every consistency rule, bumping the version, maintaining the roll-ups), and the
//! workflow DRAFT → SUBMITTED → APPROVED / REJECTED, with reopening.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::entities::{measure, measure_value, monthly_report, unit};
use crate::db::rollups::{self, Delta};
use crate::db::{Db, convert};
use crate::domain::input;
use crate::domain::model::MonthlyReport;
use crate::domain::report::{ReportAction, transition};
use crate::domain::scope::{may_approve, may_write_figures};
use crate::error::{ServiceError, ServiceResult};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, TryInsertResult,
};
use shared::ids::{UnitId, UserId};
use shared::validation::check_consistency;
use shared::{ReportStatus, Role};
use std::collections::HashMap;

/// A unit's month, as given by the caller.
#[derive(Debug, Clone, Copy)]
pub struct MonthRef {
    pub unit_id: UnitId,
    pub year: i64,
    pub month: i64,
}

struct Month {
    unit_id: UnitId,
    year: i32,
    month: u32,
}

fn parse_month(r: MonthRef) -> ServiceResult<Month> {
    Ok(Month {
        unit_id: r.unit_id,
        year: input::year("year", r.year)?,
        month: input::month("month", r.month)?,
    })
}

fn report_of(m: &Month) -> sea_orm::Select<monthly_report::Entity> {
    monthly_report::Entity::find()
        .filter(monthly_report::Column::UnitId.eq(m.unit_id.0))
        .filter(monthly_report::Column::Year.eq(m.year))
        .filter(monthly_report::Column::Month.eq(m.month as i32))
}

async fn find_report(
    db: &impl ConnectionTrait,
    m: &Month,
) -> ServiceResult<Option<monthly_report::Model>> {
    Ok(report_of(m).one(db).await?)
}

/// The month's report inside a write transaction, locked until it ends: on PostgreSQL a
/// second writer of the same month waits here and then reads the first one's version (on
/// SQLite the writer lock already serialises writers).
async fn lock_report(
    db: &impl ConnectionTrait,
    m: &Month,
) -> ServiceResult<Option<monthly_report::Model>> {
    Ok(report_of(m).lock_exclusive().one(db).await?)
}

async fn load(db: &impl ConnectionTrait, m: &Month) -> ServiceResult<MonthlyReport> {
    let Some(report) = find_report(db, m).await? else {
        return Ok(MonthlyReport {
            unit_id: m.unit_id,
            year: m.year,
            month: m.month,
            status: ReportStatus::Draft,
            comment: None,
            version: 0,
            values: Vec::new(),
        });
    };
    let rows = measure_value::Entity::find()
        .filter(measure_value::Column::ReportId.eq(report.id))
        .all(db)
        .await?;
    let mut values = rows
        .into_iter()
        .map(|v| convert::measure_value(v, &report))
        .collect::<Result<Vec<_>, _>>()?;
    values.sort_by_key(|v| v.measure_id);
    Ok(MonthlyReport {
        unit_id: m.unit_id,
        year: m.year,
        month: m.month,
        status: report
            .status
            .parse()
            .map_err(|_| anyhow::anyhow!("corrupt report status {}", report.status))?,
        comment: report.comment,
        version: report.version,
        values,
    })
}

/// A unit's month in scope (an empty DRAFT at version 0 when nothing was saved yet).
pub async fn get(
    actor: &Actor,
    db: &impl ConnectionTrait,
    r: MonthRef,
) -> ServiceResult<MonthlyReport> {
    let m = parse_month(r)?;
    access::ensure_visible(db, actor, m.unit_id, "unit").await?;
    // A caller scoped to the root "sees" every id, existing or not.
    ensure_unit(db, m.unit_id).await?;
    load(db, &m).await
}

async fn ensure_unit(db: &impl ConnectionTrait, unit_id: UnitId) -> ServiceResult<unit::Model> {
    unit::Entity::find_by_id(unit_id.0)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {unit_id}")))
}

/// Saves figures of a month: the given measures replace theirs, the others stay.
pub async fn save(
    actor: &Actor,
    db: &Db,
    r: MonthRef,
    values: &[(String, i64)],
    expected_version: Option<i32>,
) -> ServiceResult<MonthlyReport> {
    let role = actor.require_role(
        &[Role::Admin, Role::Manager, Role::Officer],
        "enter monthly figures",
    )?;
    let user = actor.require_user("enter monthly figures")?;
    let m = parse_month(r)?;
    if !may_write_figures(role, access::placement(db.conn(), actor, m.unit_id).await?) {
        return Err(ServiceError::forbidden(
            "you may enter figures only for units in your scope",
        ));
    }
    let measures: HashMap<String, i32> = measure::Entity::find()
        .all(db.conn())
        .await?
        .into_iter()
        .map(|me| (me.code, me.id))
        .collect();
    let mut given: Vec<(i32, String, i64)> = Vec::with_capacity(values.len());
    for (i, (code, value)) in values.iter().enumerate() {
        let code = code.trim();
        let Some(id) = measures.get(code) else {
            return Err(ServiceError::validation(
                format!("values[{i}].measureCode"),
                format!("unknown measure code {code:?}"),
            ));
        };
        let value = input::figure(&format!("values[{i}].value"), *value)?;
        if given.iter().any(|(g, _, _)| g == id) {
            return Err(ServiceError::validation(
                format!("values[{i}].measureCode"),
                format!("measure {code} is given twice"),
            ));
        }
        given.push((*id, code.to_owned(), value));
    }

    for _ in 0..SAVE_ATTEMPTS {
        match save_once(actor, user, db, &m, &measures, &given, expected_version).await? {
            Attempt::Saved(report) => return Ok(report),
            Attempt::LostRace if expected_version.is_none() => continue,
            Attempt::LostRace => break,
        }
    }
    Err(ServiceError::conflict(
        "someone saved this month at the same moment; reload it",
    ))
}

/// Writers of one month that lost the race to create it try again this many times in all.
const SAVE_ATTEMPTS: usize = 3;

/// How one attempt at saving ended.
enum Attempt {
    Saved(MonthlyReport),
    /// Another writer created the month's report in between; nothing was stored.
    LostRace,
}

/// One transaction of `save`.
async fn save_once(
    actor: &Actor,
    user: UserId,
    db: &Db,
    m: &Month,
    measures: &HashMap<String, i32>,
    given: &[(i32, String, i64)],
    expected_version: Option<i32>,
) -> ServiceResult<Attempt> {
    let txn = db.write().await?;
    let unit_row = ensure_unit(&*txn, m.unit_id).await?;
    let report = lock_report(&*txn, m).await?;
    let (status, version) = match &report {
        Some(rep) => (
            rep.status
                .parse::<ReportStatus>()
                .map_err(|_| anyhow::anyhow!("corrupt status"))?,
            rep.version,
        ),
        None => (ReportStatus::Draft, 0),
    };
    if let Some(expected) = expected_version.filter(|e| *e != version) {
        return Err(ServiceError::conflict(format!(
            "someone saved this month in between (version {version}, you had {expected}); reload it"
        )));
    }
    let new_status = transition(status, ReportAction::Save).map_err(ServiceError::conflict)?;
    let existing: HashMap<i32, i64> = match &report {
        Some(rep) => measure_value::Entity::find()
            .filter(measure_value::Column::ReportId.eq(rep.id))
            .all(&*txn)
            .await?
            .into_iter()
            .map(|v| (v.measure_id, v.value))
            .collect(),
        None => HashMap::new(),
    };
    let mut merged: HashMap<&str, i64> = HashMap::new();
    for (code, id) in measures {
        if let Some(v) = existing.get(id) {
            merged.insert(code.as_str(), *v);
        }
    }
    for (_, code, v) in given {
        merged.insert(code.as_str(), *v);
    }
    let broken = check_consistency(|c| merged.get(c).copied());
    if !broken.is_empty() {
        let what: Vec<String> = broken
            .iter()
            .map(|b| format!("{b} (unit {}, {:02}/{})", unit_row.code, m.month, m.year))
            .collect();
        let details = broken
            .iter()
            .map(|b| {
                serde_json::json!({"unit": unit_row.code, "year": m.year, "month": m.month, "part": b.part, "whole": b.whole,
                    "partValue": b.part_value, "wholeValue": b.whole_value})
            })
            .collect();
        return Err(ServiceError::Validation {
            field: Some("values".into()),
            message: what.join("; "),
            details: Some(serde_json::Value::Array(details)),
        });
    }

    let now = Utc::now();
    let report_id = match &report {
        Some(rep) => {
            bump(&*txn, rep, new_status, rep.comment.clone(), Some(user.0)).await?;
            rep.id
        }
        None => {
            let created = monthly_report::Entity::insert(monthly_report::ActiveModel {
                unit_id: Set(m.unit_id.0),
                year: Set(m.year),
                month: Set(m.month as i32),
                status: Set(new_status.as_str().to_owned()),
                comment: Set(None),
                version: Set(1),
                updated_at: Set(now),
                updated_by: Set(Some(user.0)),
                ..Default::default()
            })
            .on_conflict_do_nothing_on([
                monthly_report::Column::UnitId,
                monthly_report::Column::Year,
                monthly_report::Column::Month,
            ])
            .exec(&*txn)
            .await?;
            match created {
                TryInsertResult::Inserted(r) => r.last_insert_id,
                // Another writer created this month after it was read (PostgreSQL).
                _ => return Ok(Attempt::LostRace),
            }
        }
    };
    if !given.is_empty() {
        let rows: Vec<measure_value::ActiveModel> = given
            .iter()
            .map(|(id, _, v)| measure_value::ActiveModel {
                unit_id: Set(m.unit_id.0),
                measure_id: Set(*id),
                year: Set(m.year),
                month: Set(m.month as i32),
                report_id: Set(report_id),
                value: Set(*v),
                source: Set("MANUAL".into()),
                source_ref: Set(None),
                updated_at: Set(now),
                updated_by: Set(Some(user.0)),
            })
            .collect();
        crate::db::values::upsert(&*txn, rows).await?;
    }
    let deltas: Vec<(i32, Delta)> = given
        .iter()
        .map(|(id, _, v)| {
            let old = existing.get(id);
            (
                *id,
                Delta {
                    total: v - old.copied().unwrap_or(0),
                    count: i64::from(old.is_none()),
                    ..Delta::default()
                },
            )
        })
        .collect();
    rollups::apply(&*txn, m.unit_id, m.year, m.month, &deltas).await?;
    let after = load(&*txn, m).await?;
    let before_json = serde_json::json!({"status": status, "version": version, "values": by_code(measures, &existing)});
    let after_json = serde_json::json!({"status": after.status, "version": after.version,
        "values": by_code(measures, &after.values.iter().map(|v| (v.measure_id.0, v.value)).collect())});
    audit::record(
        &*txn,
        Some(actor),
        "saveMonthlyReport",
        "monthlyReport",
        report_key(m),
        Some(before_json),
        Some(after_json),
    )
    .await?;
    txn.commit().await?;
    Ok(Attempt::Saved(after))
}

fn by_code(measures: &HashMap<String, i32>, values: &HashMap<i32, i64>) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for (code, id) in measures {
        if let Some(v) = values.get(id) {
            out.insert(code.clone(), (*v).into());
        }
    }
    serde_json::Value::Object(out)
}

fn report_key(m: &Month) -> String {
    format!("{}:{}-{:02}", m.unit_id, m.year, m.month)
}

/// Sets status and comment and bumps the version, failing with CONFLICT when someone else
/// changed the month since it was read.
async fn bump(
    db: &impl ConnectionTrait,
    rep: &monthly_report::Model,
    status: ReportStatus,
    comment: Option<String>,
    by: Option<i32>,
) -> ServiceResult<()> {
    let res = monthly_report::Entity::update_many()
        .col_expr(monthly_report::Column::Status, Expr::value(status.as_str()))
        .col_expr(monthly_report::Column::Comment, Expr::value(comment))
        .col_expr(
            monthly_report::Column::Version,
            Expr::col(monthly_report::Column::Version).add(1),
        )
        .col_expr(monthly_report::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(monthly_report::Column::UpdatedBy, Expr::value(by))
        .filter(monthly_report::Column::Id.eq(rep.id))
        .filter(monthly_report::Column::Version.eq(rep.version))
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::conflict(
            "someone changed this month in between; reload it",
        ))
    }
}

/// Moves a month through the workflow (submit, approve, reject, reopen).
pub async fn act(
    actor: &Actor,
    db: &Db,
    r: MonthRef,
    action: ReportAction,
    comment: Option<&str>,
) -> ServiceResult<MonthlyReport> {
    let name = match action {
        ReportAction::Submit => "submitMonthlyReport",
        ReportAction::Approve => "approveMonthlyReport",
        ReportAction::Reject => "rejectMonthlyReport",
        ReportAction::Reopen => "reopenMonthlyReport",
        ReportAction::Save => {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "save is not a workflow action"
            )));
        }
    };
    let m = parse_month(r)?;
    let at = access::placement(db.conn(), actor, m.unit_id).await?;
    let user = if action == ReportAction::Submit {
        let role = actor.require_role(
            &[Role::Admin, Role::Manager, Role::Officer],
            "submit monthly figures",
        )?;
        if !may_write_figures(role, at) {
            return Err(ServiceError::forbidden(
                "you may submit figures only for units in your scope",
            ));
        }
        actor.require_user("submit")?
    } else {
        let role = actor.require_role(
            &[Role::Admin, Role::Manager],
            "approve, reject or reopen monthly figures",
        )?;
        if !may_approve(role, access::reach(actor), at) {
            return Err(ServiceError::forbidden(
                "a manager or a scoped admin approves, rejects or reopens only the months of units below its own",
            ));
        }
        actor.require_user("approve")?
    };
    let comment = match action {
        ReportAction::Reject | ReportAction::Reopen => {
            Some(input::text("comment", comment.unwrap_or_default(), 2000)?)
        }
        _ => None,
    };
    let txn = db.write().await?;
    ensure_unit(&*txn, m.unit_id).await?;
    let Some(rep) = lock_report(&*txn, &m).await? else {
        return Err(ServiceError::conflict(
            "nothing has been saved for this month yet",
        ));
    };
    let status: ReportStatus = rep
        .status
        .parse()
        .map_err(|_| anyhow::anyhow!("corrupt status"))?;
    let next = transition(status, action).map_err(ServiceError::conflict)?;
    let kept_comment = if action == ReportAction::Approve {
        None
    } else {
        comment.or(rep.comment.clone())
    };
    bump(&*txn, &rep, next, kept_comment, Some(user.0)).await?;
    let sign = match (
        status == ReportStatus::Approved,
        next == ReportStatus::Approved,
    ) {
        (false, true) => 1,
        (true, false) => -1,
        _ => 0,
    };
    if sign != 0 {
        let values = measure_value::Entity::find()
            .filter(measure_value::Column::ReportId.eq(rep.id))
            .all(&*txn)
            .await?;
        let deltas: Vec<(i32, Delta)> = values
            .iter()
            .map(|v| {
                (
                    v.measure_id,
                    Delta {
                        approved_total: sign * v.value,
                        approved_count: sign,
                        ..Delta::default()
                    },
                )
            })
            .collect();
        rollups::apply(&*txn, m.unit_id, m.year, m.month, &deltas).await?;
    }
    let after = load(&*txn, &m).await?;
    audit::record(
        &*txn,
        Some(actor),
        name,
        "monthlyReport",
        report_key(&m),
        Some(serde_json::json!({"status": status, "version": rep.version, "comment": rep.comment})),
        Some(serde_json::json!({"status": after.status, "version": after.version, "comment": after.comment})),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
