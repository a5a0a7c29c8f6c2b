//! Monthly figures: the `measure_values` of a month read by measure, and an upsert keyed by
//! unit, year, month and measure, shared by saving a month and importing a file.
//!
//! The upsert is set-based on PostgreSQL (every row passed as a few integer arrays and
//! expanded with `UNNEST` in one `INSERT … SELECT … ON CONFLICT`) and a reused multi-row
//! statement on SQLite (the columns every row shares bound once per statement).

use super::entities::measure_value;
use super::reports::{MonthKey, ReportRow};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Statement, Value,
};
use shared::ids::{MeasureId, UnitId, UserId};
use std::collections::HashMap;

/// A month's figures by measure.
pub type ByMeasure = HashMap<MeasureId, i64>;

/// One figure to store in the month of `report`.
#[derive(Debug, Clone, Copy)]
pub struct NewValue {
    pub month: MonthKey,
    pub report: ReportRow,
    pub measure: MeasureId,
    pub value: i64,
}

/// Where stored figures came from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Typed into a month by hand.
    Manual,
    /// Imported from a file (file name and hash).
    Import(String),
}

/// The figures of one stored month.
pub async fn of_row(db: &impl ConnectionTrait, row: ReportRow) -> Result<ByMeasure, DbErr> {
    Ok(of_rows(db, &[row])
        .await?
        .into_iter()
        .map(|(_, measure, value)| (measure, value))
        .collect())
}

/// `(month, measure, value)` of every figure of the given stored months.
pub async fn of_rows(
    db: &impl ConnectionTrait,
    rows: &[ReportRow],
) -> Result<Vec<(ReportRow, MeasureId, i64)>, DbErr> {
    let mut out = Vec::new();
    for chunk in rows.chunks(5000) {
        let found: Vec<(i32, i32, i64)> = measure_value::Entity::find()
            .select_only()
            .column(measure_value::Column::ReportId)
            .column(measure_value::Column::MeasureId)
            .column(measure_value::Column::Value)
            .filter(measure_value::Column::ReportId.is_in(chunk.iter().map(|r| r.0)))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            found
                .into_iter()
                .map(|(r, m, v)| (ReportRow(r), MeasureId(m), v)),
        );
    }
    Ok(out)
}

/// A unit's own figures of `measure` summed over months `first..=last` of `year` (whatever
/// their months' status); `None` when it has none.
pub async fn unit_total(
    db: &impl ConnectionTrait,
    unit: UnitId,
    measure: MeasureId,
    year: i32,
    first: u32,
    last: u32,
) -> Result<Option<i64>, DbErr> {
    use measure_value::Column as C;
    let total: Option<Option<i64>> = measure_value::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::Expr::cust("CAST(SUM(value) AS BIGINT)"),
            "total",
        )
        .filter(C::UnitId.eq(unit.0))
        .filter(C::MeasureId.eq(measure.0))
        .filter(C::Year.eq(year))
        .filter(C::Month.between(first as i32, last as i32))
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten())
}

/// The columns written for every row of an upsert that differ from row to row.
const ROW_COLUMNS: &str = "unit_id, year, month, measure_id, report_id, value";
/// The columns every row of one upsert shares: origin, file, time and author.
const SHARED_COLUMNS: &str = "source, source_ref, updated_at, updated_by, changed_at";
/// What a conflicting row takes from the new one.
const ON_CONFLICT: &str = "ON CONFLICT (unit_id, year, month, measure_id) DO UPDATE SET \
    value = excluded.value, report_id = excluded.report_id, source = excluded.source, \
    source_ref = excluded.source_ref, updated_at = excluded.updated_at, \
    updated_by = excluded.updated_by, changed_at = excluded.changed_at";
/// Rows per SQLite statement: 6 parameters a row and 5 shared stay under SQLite's limit of
/// 32,766.
const SQLITE_ROWS: usize = 5000;

/// Inserts the figures, replacing the value, report, source and author of existing ones;
/// every row takes the next stamp of the change feed (`value_feed::next_stamp`).
pub async fn upsert(
    db: &impl ConnectionTrait,
    values: &[NewValue],
    source: &Source,
    by: UserId,
) -> Result<(), DbErr> {
    if values.is_empty() {
        return Ok(());
    }
    let (origin, source_ref) = match source {
        Source::Manual => (measure_value::Origin::Manual, None),
        Source::Import(r) => (measure_value::Origin::Import, Some(r.clone())),
    };
    let now = Utc::now();
    let stamp = super::value_feed::next_stamp(db, now).await?;
    let shared = [
        Value::from(origin),
        Value::from(source_ref),
        Value::from(now),
        Value::from(Some(by.0)),
        Value::from(stamp),
    ];
    match db.get_database_backend() {
        DbBackend::Postgres => upsert_unnest(db, values, shared).await,
        backend => {
            for chunk in values.chunks(SQLITE_ROWS) {
                upsert_rows(db, backend, chunk, &shared).await?;
            }
            Ok(())
        }
    }
}

/// One multi-row statement: each row binds its six values, the shared columns are bound
/// once, last (SQLite resolves numbered parameters by a linear search, so every parameter
/// is positional); equal chunks give equal SQL, which the driver prepares once.
async fn upsert_rows(
    db: &impl ConnectionTrait,
    backend: DbBackend,
    rows: &[NewValue],
    shared: &[Value; 5],
) -> Result<(), DbErr> {
    let mut sql = format!(
        "INSERT INTO measure_values ({ROW_COLUMNS}, {SHARED_COLUMNS}) SELECT v.column1, \
         v.column2, v.column3, v.column4, v.column5, v.column6, s.* FROM (VALUES "
    );
    let mut values: Vec<Value> = Vec::with_capacity(rows.len() * 6 + 5);
    for (i, v) in rows.iter().enumerate() {
        sql.push_str(if i == 0 {
            "(?,?,?,?,?,?)"
        } else {
            ",(?,?,?,?,?,?)"
        });
        values.extend([
            Value::from(v.month.unit_id.0),
            Value::from(v.month.year),
            Value::from(v.month.month as i32),
            Value::from(v.measure.0),
            Value::from(v.report.0),
            Value::from(v.value),
        ]);
    }
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT.
    sql.push_str(") AS v, (SELECT ?, ?, ?, ?, ?) AS s WHERE true ");
    sql.push_str(ON_CONFLICT);
    values.extend(shared.iter().cloned());
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

/// Every row in one statement: six integer arrays (passed in their text form) expanded
/// by `UNNEST`, with the shared columns bound once.
async fn upsert_unnest(
    db: &impl ConnectionTrait,
    rows: &[NewValue],
    shared: [Value; 5],
) -> Result<(), DbErr> {
    let sql = format!(
        "INSERT INTO measure_values ({ROW_COLUMNS}, {SHARED_COLUMNS}) \
         SELECT t.*, $7, $8, $9, $10, $11 FROM UNNEST($1::int4[], $2::int4[], $3::int4[], \
         $4::int4[], $5::int4[], $6::int8[]) AS t {ON_CONFLICT}"
    );
    let mut values = vec![
        pg_array(rows.iter().map(|v| i64::from(v.month.unit_id.0))),
        pg_array(rows.iter().map(|v| i64::from(v.month.year))),
        pg_array(rows.iter().map(|v| i64::from(v.month.month))),
        pg_array(rows.iter().map(|v| i64::from(v.measure.0))),
        pg_array(rows.iter().map(|v| i64::from(v.report.0))),
        pg_array(rows.iter().map(|v| v.value)),
    ];
    values.extend(shared);
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .await?;
    Ok(())
}

/// Integers in PostgreSQL's array syntax (`{1,2,3}`), bound as one text parameter that the
/// statement casts to an array.
pub(super) fn pg_array(items: impl Iterator<Item = i64>) -> Value {
    let mut s = String::from("{");
    for (i, n) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&n.to_string());
    }
    s.push('}');
    Value::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_as_a_postgresql_array() {
        assert_eq!(
            pg_array([1, -20, 300].into_iter()),
            Value::from("{1,-20,300}".to_owned())
        );
        assert_eq!(pg_array(std::iter::empty()), Value::from("{}".to_owned()));
    }
}
