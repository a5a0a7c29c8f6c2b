//! The reporting calendar and the months units owe: the months an ADMIN moved, and for a
//! month every unit that owes it (in force that month, with an OFFICER account or a target
//! that year) with its report's status and first submission.

use super::closure::Scope;
use super::entities::reporting_deadline;
use crate::domain::cycle::{Deadline, YearMonth};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryOrder, Set, Statement, Value};
use shared::ReportStatus;
use shared::ids::{UnitId, UserId};
use std::str::FromStr;

/// Every month whose deadlines were moved, oldest first.
pub async fn moved(db: &impl ConnectionTrait) -> Result<Vec<Deadline>, DbErr> {
    let rows = reporting_deadline::Entity::find()
        .order_by_asc(reporting_deadline::Column::Year)
        .order_by_asc(reporting_deadline::Column::Month)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let month = u32::try_from(r.month)
                .ok()
                .and_then(|m| YearMonth::new(r.year, m))
                .ok_or_else(|| DbErr::Custom(format!("stored month {} out of range", r.month)))?;
            Ok(Deadline {
                month,
                due_on: r.due_on,
                approve_by: r.approve_by,
            })
        })
        .collect()
}

/// Stores a month's deadlines, replacing what was there.
pub async fn upsert(
    db: &impl ConnectionTrait,
    d: Deadline,
    by: UserId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = reporting_deadline::ActiveModel {
        year: Set(d.month.year),
        month: Set(d.month.month as i32),
        due_on: Set(d.due_on),
        approve_by: Set(d.approve_by),
        updated_by: Set(Some(by.0)),
        updated_at: Set(at),
    };
    reporting_deadline::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                reporting_deadline::Column::Year,
                reporting_deadline::Column::Month,
            ])
            .update_columns([
                reporting_deadline::Column::DueOn,
                reporting_deadline::Column::ApproveBy,
                reporting_deadline::Column::UpdatedBy,
                reporting_deadline::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A unit that owes a month, and where its report stands.
#[derive(Debug, Clone, PartialEq)]
pub struct OwingUnit {
    pub unit: UnitId,
    pub parent: Option<UnitId>,
    /// `None`: nothing saved yet.
    pub status: Option<ReportStatus>,
    /// The first submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The rejection comment, when sent back.
    pub comment: Option<String>,
}

/// The units owing `month`: active, in force on some day of it, with an active OFFICER
/// account or a target that year; with their report of the month. One query.
pub async fn owing(db: &impl ConnectionTrait, month: YearMonth) -> Result<Vec<OwingUnit>, DbErr> {
    let (Some(first), Some(last)) = (month.first_day(), month.day(31)) else {
        return Ok(Vec::new());
    };
    let backend = db.get_database_backend();
    let (p1, p2, p3, p4, p5) = match backend {
        DbBackend::Postgres => ("$1", "$2", "$3", "$4", "$5"),
        _ => ("?", "?", "?", "?", "?"),
    };
    let sql = format!(
        "SELECT u.id, u.parent_id, r.status, r.submitted_at, r.comment FROM units u \
         LEFT JOIN monthly_reports r ON r.unit_id = u.id AND r.year = {p1} AND r.month = {p2} \
         WHERE u.active AND (u.valid_from IS NULL OR u.valid_from <= {p3}) \
         AND (u.valid_to IS NULL OR u.valid_to >= {p4}) \
         AND (EXISTS (SELECT 1 FROM users a WHERE a.unit_id = u.id AND a.role = 'OFFICER' AND a.active) \
              OR EXISTS (SELECT 1 FROM targets t WHERE t.unit_id = u.id AND t.year = {p5})) \
         ORDER BY u.id"
    );
    let values: Vec<Value> = vec![
        month.year.into(),
        (month.month as i32).into(),
        last.into(),
        first.into(),
        month.year.into(),
    ];
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.into_iter()
        .map(|row| {
            let (id, parent, status, submitted_at, comment): (
                i32,
                Option<i32>,
                Option<String>,
                Option<DateTime<Utc>>,
                Option<String>,
            ) = row.try_get_many_by_index()?;
            let status = status
                .map(|s| ReportStatus::from_str(&s))
                .transpose()
                .map_err(|e| DbErr::Custom(format!("stored report status: {e}")))?;
            Ok(OwingUnit {
                unit: UnitId(id),
                parent: parent.map(UnitId),
                status,
                submitted_at,
                comment,
            })
        })
        .collect()
}

/// A unit with what decides whether it owes a month, and its reports of some months.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMonths {
    pub unit: UnitId,
    pub active: bool,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// It has an active OFFICER account or a target in the year.
    pub reports: bool,
    /// Its reports of the months asked for, by month.
    pub months: Vec<MonthState>,
}

/// Where a unit's report of a month stands.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthState {
    pub month: u32,
    pub status: ReportStatus,
    /// The first submission.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Numbered placeholders from `from` on PostgreSQL, `?` on SQLite.
fn placeholders(backend: DbBackend, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| match backend {
            DbBackend::Postgres => format!("${i}"),
            _ => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each of `units` with whether it reports in `year` and its reports of months
/// `first..=last` of that year: one query per 1,000 units.
pub async fn unit_months(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    year: i32,
    first: u32,
    last: u32,
) -> Result<Vec<UnitMonths>, DbErr> {
    let backend = db.get_database_backend();
    let mut out: Vec<UnitMonths> = Vec::new();
    for chunk in units.chunks(1000) {
        let ids = placeholders(backend, 5, chunk.len());
        let [p1, p2, p3, p4] = [1, 2, 3, 4].map(|i| placeholders(backend, i, 1));
        let sql = format!(
            "SELECT u.id, u.active, u.valid_from, u.valid_to, \
             CASE WHEN EXISTS (SELECT 1 FROM users a WHERE a.unit_id = u.id AND a.role = 'OFFICER' AND a.active) \
                  OR EXISTS (SELECT 1 FROM targets t WHERE t.unit_id = u.id AND t.year = {p1}) \
                  THEN 1 ELSE 0 END, \
             r.month, r.status, r.submitted_at FROM units u \
             LEFT JOIN monthly_reports r ON r.unit_id = u.id AND r.year = {p2} \
             AND r.month >= {p3} AND r.month <= {p4} \
             WHERE u.id IN ({ids}) ORDER BY u.id, r.month"
        );
        let mut values: Vec<Value> = vec![
            year.into(),
            year.into(),
            (first as i32).into(),
            (last as i32).into(),
        ];
        values.extend(chunk.iter().map(|u| Value::from(u.0)));
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
        for row in rows {
            let (id, active, valid_from, valid_to, reports, month, status, submitted_at): (
                i32,
                bool,
                Option<NaiveDate>,
                Option<NaiveDate>,
                i32,
                Option<i32>,
                Option<String>,
                Option<DateTime<Utc>>,
            ) = row.try_get_many_by_index()?;
            if out.last().is_none_or(|u| u.unit.0 != id) {
                out.push(UnitMonths {
                    unit: UnitId(id),
                    active,
                    valid_from,
                    valid_to,
                    reports: reports != 0,
                    months: Vec::new(),
                });
            }
            if let (Some(m), Some(s), Some(unit)) = (month, status, out.last_mut()) {
                let status = ReportStatus::from_str(&s)
                    .map_err(|e| DbErr::Custom(format!("stored report status: {e}")))?;
                unit.months.push(MonthState {
                    month: u32::try_from(m).unwrap_or_default(),
                    status,
                    submitted_at,
                });
            }
        }
    }
    Ok(out)
}

/// A SUBMITTED month waiting for approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub unit: UnitId,
    pub month: YearMonth,
}

/// Every SUBMITTED month of the units inside `scope`: one query.
pub async fn submitted(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<Waiting>, DbErr> {
    use super::entities::monthly_report::{Column as C, Entity};
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let q = Entity::find()
        .select_only()
        .column(C::UnitId)
        .column(C::Year)
        .column(C::Month)
        .filter(C::Status.eq(ReportStatus::Submitted));
    let rows: Vec<(i32, i32, i32)> = scope.apply(q, C::UnitId).into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(unit, year, month)| {
            let month = YearMonth::new(year, u32::try_from(month).ok()?)?;
            Some(Waiting {
                unit: UnitId(unit),
                month,
            })
        })
        .collect())
}
