//! The change feed of raw figures: the stamp every write of `measure_values` takes (strictly
//! after every stamp already committed, whatever the clocks of several instances say), the
//! touch that moves a month's values up the feed when its status changes, and keyset pages
//! of the feed in the order (changed_at, unit, measure, year, month).
//!
//! Why a reader that pages by `changed_at` misses nothing: every writer of figures takes
//! the same lock before its stamp (SQLite's one writer; a transaction-scoped advisory lock
//! on PostgreSQL) and keeps it until it commits, so a stamp is taken only after every
//! earlier stamp is committed and visible, and is later than all of them.

use super::closure::{Scope, subtree_query, subtrees_query};
use crate::domain::value_feed::{FeedKey, FeedQuery, FeedRow, UnitChoice};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, JoinType, Order, PostgresQueryBuilder, Query, QueryStatementWriter,
    SelectStatement, SqliteQueryBuilder,
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};

/// The advisory lock every figure writer holds on PostgreSQL until it commits.
const FEED_LOCK: i64 = 0x0766_f00d;

/// The stamp of a write at `at` (the instance's clock), inside the writer's transaction:
/// `at` to the microsecond, or one microsecond after the latest stamp stored when that is
/// later.
pub async fn next_stamp(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
) -> Result<DateTime<Utc>, DbErr> {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock($1)",
            [Value::from(FEED_LOCK)],
        ))
        .await?;
    }
    let latest: Option<DateTime<Utc>> = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT MAX(changed_at) FROM measure_values",
        ))
        .await?
        .map(|row| row.try_get_by_index::<Option<DateTime<Utc>>>(0))
        .transpose()?
        .flatten();
    Ok(crate::domain::value_feed::stamp_after(at, latest))
}

/// Moves the values of the given months up the feed (their status is about to change).
pub async fn touch_months(
    db: &impl ConnectionTrait,
    report_ids: &[i32],
    stamp: DateTime<Utc>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for chunk in report_ids.chunks(1000) {
        let update = Query::update()
            .table(Alias::new("measure_values"))
            .value(Alias::new("changed_at"), stamp)
            .and_where(Expr::col(Alias::new("report_id")).is_in(chunk.iter().copied()))
            .to_owned();
        db.execute_raw(statement(backend, &update)).await?;
    }
    Ok(())
}

/// A statement built for the connection's database.
fn statement(backend: DbBackend, query: &impl QueryStatementWriter) -> Statement {
    let (sql, values) = match backend {
        DbBackend::Postgres => query.build(PostgresQueryBuilder),
        _ => query.build(SqliteQueryBuilder),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// The feed's values selected by `query` after `after` in `scope`, in feed order, as
/// `measure_values v` joined to their month `monthly_reports r`; the caller adds the
/// columns it reads.
fn feed_select(scope: Scope, query: &FeedQuery, after: Option<&FeedKey>) -> SelectStatement {
    let v = Alias::new("v");
    let r = Alias::new("r");
    let col = |name: &str| Expr::col((v.clone(), Alias::new(name)));
    let mut select = Query::select();
    select
        .from_as(Alias::new("measure_values"), v.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("monthly_reports"),
            r.clone(),
            Expr::col((r.clone(), Alias::new("id"))).equals((v.clone(), Alias::new("report_id"))),
        );
    if let Scope::Subtree(root) = scope {
        select.and_where(col("unit_id").in_subquery(subtree_query(root)));
    }
    match &query.units {
        UnitChoice::Scope => {}
        UnitChoice::Units(units) => {
            select.and_where(col("unit_id").is_in(units.iter().map(|u| u.0)));
        }
        UnitChoice::Subtrees(roots) => {
            select.and_where(col("unit_id").in_subquery(subtrees_query(roots)));
        }
    }
    if let Some(measures) = &query.measures {
        select.and_where(col("measure_id").is_in(measures.iter().map(|m| m.0)));
    }
    if let Some((year, month)) = query.from {
        select.and_where(
            Expr::tuple([col("year"), col("month")])
                .gte(Expr::tuple([Expr::val(year), Expr::val(month)])),
        );
    }
    if let Some((year, month)) = query.to {
        select.and_where(
            Expr::tuple([col("year"), col("month")])
                .lte(Expr::tuple([Expr::val(year), Expr::val(month)])),
        );
    }
    if let Some(since) = query.updated_since {
        select.and_where(col("changed_at").gt(since));
    }
    if let Some(key) = after {
        select.and_where(
            Expr::tuple([
                col("changed_at"),
                col("unit_id"),
                col("measure_id"),
                col("year"),
                col("month"),
            ])
            .gt(Expr::tuple([
                Expr::val(key.changed_at),
                Expr::val(key.unit.0),
                Expr::val(key.measure.0),
                Expr::val(key.year),
                Expr::val(key.month),
            ])),
        );
    }
    for name in ["changed_at", "unit_id", "measure_id", "year", "month"] {
        select.order_by((v.clone(), Alias::new(name)), Order::Asc);
    }
    select
}

/// Moves up the change feed every value of the units below `roots` (themselves
/// included): a reorganisation changed where their figures count, so a caller scoped above
/// them may see them for the first time, and a client syncing with `updatedSince` must
/// get them. The stamp is taken as a write of figures takes it.
pub async fn touch_subtrees(db: &impl ConnectionTrait, roots: &[UnitId]) -> Result<(), DbErr> {
    if roots.is_empty() {
        return Ok(());
    }
    let stamp = next_stamp(db, Utc::now()).await?;
    let backend = db.get_database_backend();
    let update = Query::update()
        .table(Alias::new("measure_values"))
        .value(Alias::new("changed_at"), stamp)
        .and_where(Expr::col(Alias::new("unit_id")).in_subquery(subtrees_query(roots)))
        .to_owned();
    db.execute_raw(statement(backend, &update)).await?;
    Ok(())
}

/// One page of the feed: at most `limit` rows after `after`, in feed order.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: Scope,
    query: &FeedQuery,
    after: Option<&FeedKey>,
    limit: u64,
) -> Result<Vec<FeedRow>, DbErr> {
    let v = Alias::new("v");
    let mut select = feed_select(scope, query, after);
    select
        .columns([
            (v.clone(), Alias::new("unit_id")),
            (v.clone(), Alias::new("measure_id")),
            (v.clone(), Alias::new("year")),
            (v.clone(), Alias::new("month")),
            (v.clone(), Alias::new("value")),
            (v.clone(), Alias::new("changed_at")),
        ])
        .column((Alias::new("r"), Alias::new("status")))
        .limit(limit);
    let rows = db
        .query_all_raw(statement(db.get_database_backend(), &select))
        .await?;
    rows.into_iter()
        .map(|row| {
            let (unit, measure, year, month, value, changed_at, status): (
                i32,
                i32,
                i32,
                i32,
                i64,
                DateTime<Utc>,
                ReportStatus,
            ) = row.try_get_many_by_index()?;
            Ok(FeedRow {
                key: FeedKey {
                    changed_at,
                    unit: UnitId(unit),
                    measure: MeasureId(measure),
                    year,
                    month,
                },
                value,
                status,
            })
        })
        .collect()
}

/// The text of one value in a file of the feed, as SQLite writes it (see
/// `render::value_feed`, which writes the same text for the other backend).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFormat {
    /// `unit_code,year,month,measure_code,value,status,updated_at`, quoted as the `csv`
    /// crate quotes (a field holding a comma, a quote or a line break).
    Csv,
    /// One JSON object with those keys.
    Json,
}

/// A piece of the feed written by SQLite itself: its lines joined (CSV by CRLF, JSON by
/// `,` and LF), how many, and the last one's place.
#[derive(Debug, Clone, PartialEq)]
pub struct TextChunk {
    pub text: String,
    pub rows: u64,
    pub last: Option<FeedKey>,
}

/// A CSV field of `column`, quoted when it must be.
fn csv_field(column: &str) -> String {
    format!(
        "CASE WHEN {column} GLOB '*[\",]*' OR instr({column}, char(10)) > 0 \
         OR instr({column}, char(13)) > 0 \
         THEN '\"' || replace({column}, '\"', '\"\"') || '\"' ELSE {column} END"
    )
}

/// `changed_at` as RFC 3339 with `Z` (SQLite holds chrono's text with `+00:00`).
const INSTANT: &str = "replace(v.changed_at, '+00:00', 'Z')";

fn line_expr(format: LineFormat) -> String {
    match format {
        LineFormat::Csv => format!(
            "{} || ',' || v.year || ',' || v.month || ',' || {} || ',' || v.value || ',' \
             || r.status || ',' || {INSTANT}",
            csv_field("u.code"),
            csv_field("m.code")
        ),
        LineFormat::Json => format!(
            "json_object('unit_code', u.code, 'year', v.year, 'month', v.month, \
             'measure_code', m.code, 'value', v.value, 'status', r.status, \
             'updated_at', {INSTANT})"
        ),
    }
}

/// At most `limit` values after `after` written as text by SQLite in one answer row: on
/// SQLite every row of an answer crosses from the driver's thread to the server's, so a
/// stream of a million rows is read as a few hundred rows of text instead.
pub async fn sqlite_chunk(
    db: &impl ConnectionTrait,
    scope: Scope,
    query: &FeedQuery,
    after: Option<&FeedKey>,
    limit: u64,
    format: LineFormat,
) -> Result<TextChunk, DbErr> {
    let v = Alias::new("v");
    let (u, m) = (Alias::new("u"), Alias::new("m"));
    let mut inner = feed_select(scope, query, after);
    inner
        .join_as(
            JoinType::InnerJoin,
            Alias::new("units"),
            u.clone(),
            Expr::col((u.clone(), Alias::new("id"))).equals((v.clone(), Alias::new("unit_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("measures"),
            m.clone(),
            Expr::col((m.clone(), Alias::new("id"))).equals((v.clone(), Alias::new("measure_id"))),
        )
        .columns([
            (v.clone(), Alias::new("changed_at")),
            (v.clone(), Alias::new("unit_id")),
            (v.clone(), Alias::new("measure_id")),
            (v.clone(), Alias::new("year")),
            (v.clone(), Alias::new("month")),
        ])
        .expr_as(Expr::cust(line_expr(format)), Alias::new("line"))
        .limit(limit);
    let (inner, values) = inner.build(SqliteQueryBuilder);
    let separator = match format {
        LineFormat::Csv => "char(13) || char(10)",
        LineFormat::Json => "',' || char(10)",
    };
    let sql = format!(
        "WITH chunk AS MATERIALIZED ({inner}) \
         SELECT group_concat(c.line, {separator} ORDER BY c.changed_at, c.unit_id, \
         c.measure_id, c.year, c.month), count(*), l.changed_at, l.unit_id, l.measure_id, \
         l.year, l.month FROM chunk c, (SELECT changed_at, unit_id, measure_id, year, month \
         FROM chunk ORDER BY changed_at DESC, unit_id DESC, measure_id DESC, year DESC, \
         month DESC LIMIT 1) l"
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            values,
        ))
        .await?;
    let Some(row) = row else {
        return Ok(TextChunk {
            text: String::new(),
            rows: 0,
            last: None,
        });
    };
    let (text, rows): (Option<String>, i64) = row.try_get_many_by_index()?;
    let at: Option<DateTime<Utc>> = row.try_get_by_index(2)?;
    let key: (Option<i32>, Option<i32>, Option<i32>, Option<i32>) = (
        row.try_get_by_index(3)?,
        row.try_get_by_index(4)?,
        row.try_get_by_index(5)?,
        row.try_get_by_index(6)?,
    );
    let last = match (at, key) {
        (Some(changed_at), (Some(unit), Some(measure), Some(year), Some(month))) => Some(FeedKey {
            changed_at,
            unit: UnitId(unit),
            measure: MeasureId(measure),
            year,
            month,
        }),
        _ => None,
    };
    Ok(TextChunk {
        text: text.unwrap_or_default(),
        rows: u64::try_from(rows).unwrap_or(0),
        last,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
    use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

    /// Rows written before the feed existed may hold nanoseconds on SQLite; the migration
    /// cuts them to the text a stamp of whole microseconds has, so that text comparison
    /// stays the comparison of instants.
    #[tokio::test]
    async fn the_migration_writes_old_sqlite_instants_as_whole_microseconds() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared("CREATE TABLE measure_values (changed_at TEXT)")
            .await
            .unwrap();
        let nanos = [
            1_796_064_504_753_839_403_i64,
            1_796_064_504_753_000_001,
            1_796_064_504_000_000_123,
            1_796_064_504_120_450_999,
            1_796_064_504_000_000_000,
            1_796_064_504_753_000_000,
        ];
        let text = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::AutoSi, false);
        for n in nanos {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO measure_values VALUES (?)",
                [text(DateTime::from_timestamp_nanos(n)).into()],
            ))
            .await
            .unwrap();
        }
        db.execute_unprepared(migrations::SQLITE_MICROSECONDS)
            .await
            .unwrap();
        let rows = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT changed_at FROM measure_values ORDER BY rowid",
            ))
            .await
            .unwrap();
        for (row, n) in rows.iter().zip(nanos) {
            let stored: String = row.try_get_by_index(0).unwrap();
            let expected = text(DateTime::from_timestamp_nanos(n).trunc_subsecs(6));
            assert_eq!(stored, expected);
        }
    }
}
