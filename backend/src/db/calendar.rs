//! The reporting calendar and the months units owe: the months an ADMIN moved, and for a
//! month every unit that owes it (in force that month, with an OFFICER account or a target
//! that year) with its report's status and first submission.

use super::entities::reporting_deadline;
use crate::domain::cycle::{Deadline, YearMonth};
use chrono::{DateTime, Utc};
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

/// A row of [`owing`]: unit, parent, status, first submission, comment.
type OwingRow = (
    i32,
    Option<i32>,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<String>,
);

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
            let (id, parent, status, submitted_at, comment): OwingRow =
                row.try_get_many_by_index()?;
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
