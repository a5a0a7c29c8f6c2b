//! What the generators share: bulk inserts in chunks, the rows of a monthly report and of
//! a figure, and the clean-up after a bulk load.

use crate::db::Db;
use crate::db::entities::{measure, measure_value, monthly_report};
use crate::error::ServiceResult;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use shared::ReportStatus;
use std::collections::HashMap;

/// Inserts `rows` in chunks of `chunk` rows.
pub(super) async fn bulk<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    chunk: usize,
) -> ServiceResult<()>
where
    A: ActiveModelTrait + Clone + Send,
{
    for part in rows.chunks(chunk) {
        <A::Entity as EntityTrait>::insert_many(part.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Every measure's id by its code.
pub(super) async fn measure_ids(db: &impl ConnectionTrait) -> ServiceResult<HashMap<String, i32>> {
    Ok(measure::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect())
}

/// The month a report is about, and when it was written.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthOf {
    pub unit: i32,
    pub year: i32,
    pub month: u32,
    pub now: DateTime<Utc>,
}

/// A monthly report with an explicit id.
pub(super) fn report(
    id: i32,
    at: MonthOf,
    status: ReportStatus,
    version: i32,
    comment: Option<&str>,
    submitted_at: Option<DateTime<Utc>>,
) -> monthly_report::ActiveModel {
    monthly_report::ActiveModel {
        id: Set(id),
        unit_id: Set(at.unit),
        year: Set(at.year),
        month: Set(at.month as i32),
        status: Set(status),
        comment: Set(comment.map(str::to_owned)),
        version: Set(version),
        updated_at: Set(at.now),
        updated_by: Set(None),
        submitted_at: Set(submitted_at),
    }
}

/// One imported figure of a report.
pub(super) fn figure(
    at: MonthOf,
    report_id: i32,
    measure_id: i32,
    value: i64,
    source_ref: &str,
) -> measure_value::ActiveModel {
    measure_value::ActiveModel {
        unit_id: Set(at.unit),
        measure_id: Set(measure_id),
        year: Set(at.year),
        month: Set(at.month as i32),
        report_id: Set(report_id),
        value: Set(value),
        source: Set(measure_value::Origin::Import),
        source_ref: Set(Some(source_ref.to_owned())),
        updated_at: Set(at.now),
        updated_by: Set(None),
        // The feed's stamps are whole microseconds (`domain::value_feed::stamp_after`).
        changed_at: Set(at.now.trunc_subsecs(6)),
    }
}

/// Moves PostgreSQL's id sequences of `tables` past the ids written explicitly, and
/// refreshes the planner's statistics (and PostgreSQL's visibility map: a bulk load leaves
/// it unset until autovacuum runs, and without it the roll-up reads cannot be index-only).
/// Moves the id sequence of `table` past the ids written in bulk (PostgreSQL), so that rows
/// inserted afterwards in the same transaction get fresh ids.
pub(super) async fn continue_ids(db: &impl ConnectionTrait, table: &str) -> ServiceResult<()> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .await?;
    }
    Ok(())
}

pub(super) async fn after_bulk_load(db: &Db, tables: &[&str]) -> ServiceResult<()> {
    let conn = db.conn();
    if db.backend() == sea_orm::DbBackend::Postgres {
        for table in tables {
            conn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
        conn.execute_unprepared("VACUUM ANALYZE").await?;
    } else {
        conn.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}
