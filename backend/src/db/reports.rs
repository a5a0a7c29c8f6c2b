//! Monthly reports: the row of a unit's month (workflow status, comment, version) read,
//! locked, created and bumped one at a time (saving a month) or many at once (an import).

use super::entities::{measure_value, monthly_report};
use super::{convert, values};
use crate::domain::model::MonthlyReport;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
    Statement, TryInsertResult, Value,
};
use shared::ReportStatus;
use shared::ids::{UnitId, UserId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Who writes a month, and when (the instance's clock).
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub user: UserId,
    pub at: chrono::DateTime<Utc>,
}

/// A unit's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MonthKey {
    pub unit_id: UnitId,
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

/// The stored row of a month, as the database knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportRow(pub(super) i32);

/// A month's workflow row.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMonth {
    pub row: ReportRow,
    pub status: ReportStatus,
    pub comment: Option<String>,
    pub version: i32,
}

fn stored(r: monthly_report::Model) -> Result<(MonthKey, StoredMonth), DbErr> {
    let key = MonthKey {
        unit_id: UnitId(r.unit_id),
        year: r.year,
        month: convert::month(r.month)?,
    };
    let month = StoredMonth {
        row: ReportRow(r.id),
        status: r.status,
        comment: r.comment,
        version: r.version,
    };
    Ok((key, month))
}

fn of(key: MonthKey) -> sea_orm::Select<monthly_report::Entity> {
    monthly_report::Entity::find()
        .filter(monthly_report::Column::UnitId.eq(key.unit_id.0))
        .filter(monthly_report::Column::Year.eq(key.year))
        .filter(monthly_report::Column::Month.eq(key.month as i32))
}

/// The month's row inside a write transaction, locked until it ends: on PostgreSQL a second
/// writer of the same month waits here and then reads the first one's version (on SQLite
/// the writer lock already serialises writers).
pub async fn lock(db: &impl ConnectionTrait, key: MonthKey) -> Result<Option<StoredMonth>, DbErr> {
    let row = of(key).lock_exclusive().one(db).await?;
    row.map(|r| Ok(stored(r)?.1)).transpose()
}

/// The month with its figures sorted by measure (an empty DRAFT at version 0 when nothing
/// was saved yet).
pub async fn load(db: &impl ConnectionTrait, key: MonthKey) -> Result<MonthlyReport, DbErr> {
    let Some(report) = of(key).one(db).await? else {
        return Ok(MonthlyReport {
            unit_id: key.unit_id,
            year: key.year,
            month: key.month,
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
        unit_id: key.unit_id,
        year: key.year,
        month: key.month,
        status: report.status,
        comment: report.comment,
        version: report.version,
        values,
    })
}

/// Creates the month's row at version 1; `None` when another writer created it after it was
/// read (PostgreSQL), in which case nothing was stored.
pub async fn create(
    db: &impl ConnectionTrait,
    key: MonthKey,
    status: ReportStatus,
    by: Stamp,
) -> Result<Option<ReportRow>, DbErr> {
    let created = monthly_report::Entity::insert(new_row(key, status, by))
        .on_conflict_do_nothing_on([
            monthly_report::Column::UnitId,
            monthly_report::Column::Year,
            monthly_report::Column::Month,
        ])
        .exec(db)
        .await?;
    Ok(match created {
        TryInsertResult::Inserted(r) => Some(ReportRow(r.last_insert_id)),
        _ => None,
    })
}

fn new_row(key: MonthKey, status: ReportStatus, by: Stamp) -> monthly_report::ActiveModel {
    monthly_report::ActiveModel {
        unit_id: Set(key.unit_id.0),
        year: Set(key.year),
        month: Set(key.month as i32),
        status: Set(status),
        comment: Set(None),
        version: Set(1),
        updated_at: Set(by.at),
        updated_by: Set(Some(by.user.0)),
        submitted_at: Set((status != ReportStatus::Draft).then_some(by.at)),
        ..Default::default()
    }
}

/// `submitted_at` after a move to `status`: the first submission is kept, a month leaving
/// DRAFT for the first time is submitted now.
fn first_submission(
    status: ReportStatus,
    at: chrono::DateTime<Utc>,
) -> sea_orm::sea_query::SimpleExpr {
    let kept = Expr::col(monthly_report::Column::SubmittedAt);
    if status == ReportStatus::Draft {
        return kept;
    }
    sea_orm::sea_query::Func::coalesce([kept, Expr::value(at)]).into()
}

/// An update moving rows to `status` with the next version, written by `by` now.
fn moved_to(status: ReportStatus, by: Stamp) -> sea_orm::UpdateMany<monthly_report::Entity> {
    monthly_report::Entity::update_many()
        .col_expr(monthly_report::Column::Status, Expr::value(status))
        .col_expr(
            monthly_report::Column::Version,
            Expr::col(monthly_report::Column::Version).add(1),
        )
        .col_expr(monthly_report::Column::UpdatedAt, Expr::value(by.at))
        .col_expr(
            monthly_report::Column::UpdatedBy,
            Expr::value(Some(by.user.0)),
        )
        .col_expr(
            monthly_report::Column::SubmittedAt,
            first_submission(status, by.at),
        )
}

/// Sets status and comment and bumps the version unless someone else changed the month
/// since `month` was read; whether it was stored.
pub async fn bump(
    db: &impl ConnectionTrait,
    month: &StoredMonth,
    status: ReportStatus,
    comment: Option<String>,
    by: Stamp,
) -> Result<bool, DbErr> {
    if month.status != status {
        let stamp = super::value_feed::next_stamp(db, by.at).await?;
        super::value_feed::touch_months(db, &[month.row.0], stamp).await?;
    }
    let res = moved_to(status, by)
        .col_expr(monthly_report::Column::Comment, Expr::value(comment))
        .filter(monthly_report::Column::Id.eq(month.row.0))
        .filter(monthly_report::Column::Version.eq(month.version))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The rows of `keys` that exist, locked on PostgreSQL when `lock` (an import's transaction).
pub async fn find_many(
    db: &impl ConnectionTrait,
    keys: &BTreeSet<MonthKey>,
    lock: bool,
) -> Result<HashMap<MonthKey, StoredMonth>, DbErr> {
    let units: BTreeSet<i32> = keys.iter().map(|k| k.unit_id.0).collect();
    let years: BTreeSet<i32> = keys.iter().map(|k| k.year).collect();
    let units: Vec<i32> = units.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in units.chunks(1000) {
        let mut q = monthly_report::Entity::find()
            .filter(monthly_report::Column::UnitId.is_in(chunk.iter().copied()))
            .filter(monthly_report::Column::Year.is_in(years.iter().copied()));
        if lock && db.get_database_backend() == DbBackend::Postgres {
            q = q.lock_exclusive();
        }
        for r in q.all(db).await? {
            let (key, month) = stored(r)?;
            if keys.contains(&key) {
                out.insert(key, month);
            }
        }
    }
    Ok(out)
}

/// Creates the rows of new months at version 1 and returns every row of `months`.
pub async fn create_many(
    db: &impl ConnectionTrait,
    months: &[(MonthKey, ReportStatus)],
    by: Stamp,
) -> Result<HashMap<MonthKey, ReportRow>, DbErr> {
    if months.is_empty() {
        return Ok(HashMap::new());
    }
    if db.get_database_backend() == DbBackend::Postgres {
        return create_unnest(db, months, by).await;
    }
    for chunk in months.chunks(2000) {
        let rows = chunk.iter().map(|(k, s)| new_row(*k, *s, by));
        monthly_report::Entity::insert_many(rows).exec(db).await?;
    }
    let keys: BTreeSet<MonthKey> = months.iter().map(|(k, _)| *k).collect();
    let found = find_many(db, &keys, false).await?;
    Ok(found.into_iter().map(|(k, m)| (k, m.row)).collect())
}

/// [`create_many`] on PostgreSQL: the months of each status as three integer arrays
/// expanded by `UNNEST`, their new ids returned by the same statement.
async fn create_unnest(
    db: &impl ConnectionTrait,
    months: &[(MonthKey, ReportStatus)],
    by: Stamp,
) -> Result<HashMap<MonthKey, ReportRow>, DbErr> {
    let mut by_status: BTreeMap<ReportStatus, Vec<MonthKey>> = BTreeMap::new();
    for (key, status) in months {
        by_status.entry(*status).or_default().push(*key);
    }
    let sql = "INSERT INTO monthly_reports (unit_id, year, month, status, comment, version, \
               updated_at, updated_by, submitted_at) SELECT t.*, $4, NULL, 1, $5, $6, $7 \
               FROM UNNEST($1::int4[], $2::int4[], $3::int4[]) AS t \
               RETURNING id, unit_id, year, month";
    let mut out = HashMap::with_capacity(months.len());
    for (status, keys) in by_status {
        let values = [
            values::pg_array(keys.iter().map(|k| i64::from(k.unit_id.0))),
            values::pg_array(keys.iter().map(|k| i64::from(k.year))),
            values::pg_array(keys.iter().map(|k| i64::from(k.month))),
            Value::from(status),
            Value::from(by.at),
            Value::from(Some(by.user.0)),
            Value::from((status != ReportStatus::Draft).then_some(by.at)),
        ];
        let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
        for row in db.query_all_raw(stmt).await? {
            let (id, unit, year, month): (i32, i32, i32, i32) = row.try_get_many_by_index()?;
            let key = MonthKey {
                unit_id: UnitId(unit),
                year,
                month: convert::month(month)?,
            };
            out.insert(key, ReportRow(id));
        }
    }
    Ok(out)
}

/// Moves existing rows to new statuses and bumps their versions, without a version check
/// (an import holds the rows locked).
pub async fn set_status_many(
    db: &impl ConnectionTrait,
    rows: &[(ReportRow, ReportStatus)],
    by: Stamp,
) -> Result<(), DbErr> {
    let mut by_status: BTreeMap<ReportStatus, Vec<i32>> = BTreeMap::new();
    for (row, status) in rows {
        by_status.entry(*status).or_default().push(row.0);
    }
    for (status, ids) in by_status {
        touch_changing(db, &ids, status, by).await?;
        for chunk in ids.chunks(1000) {
            moved_to(status, by)
                .filter(monthly_report::Column::Id.is_in(chunk.iter().copied()))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Moves up the change feed the values of the months among `ids` whose status is not
/// `status` yet.
async fn touch_changing(
    db: &impl ConnectionTrait,
    ids: &[i32],
    status: ReportStatus,
    by: Stamp,
) -> Result<(), DbErr> {
    let mut changing = Vec::new();
    for chunk in ids.chunks(1000) {
        let found: Vec<i32> = monthly_report::Entity::find()
            .select_only()
            .column(monthly_report::Column::Id)
            .filter(monthly_report::Column::Id.is_in(chunk.iter().copied()))
            .filter(monthly_report::Column::Status.ne(status))
            .into_tuple()
            .all(db)
            .await?;
        changing.extend(found);
    }
    if changing.is_empty() {
        return Ok(());
    }
    let stamp = super::value_feed::next_stamp(db, by.at).await?;
    super::value_feed::touch_months(db, &changing, stamp).await
}

/// The figures stored in each of `months`, by measure.
pub async fn values_of(
    db: &impl ConnectionTrait,
    months: &HashMap<MonthKey, StoredMonth>,
) -> Result<HashMap<MonthKey, values::ByMeasure>, DbErr> {
    let by_row: HashMap<ReportRow, MonthKey> = months.iter().map(|(k, m)| (m.row, *k)).collect();
    let rows: Vec<ReportRow> = by_row.keys().copied().collect();
    let mut out: HashMap<MonthKey, values::ByMeasure> = HashMap::new();
    for (row, measure, value) in values::of_rows(db, &rows).await? {
        if let Some(key) = by_row.get(&row) {
            out.entry(*key).or_default().insert(measure, value);
        }
    }
    Ok(out)
}
