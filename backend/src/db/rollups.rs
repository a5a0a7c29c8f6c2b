//! The incrementally maintained roll-ups: for every ancestor unit (itself included) ×
//! measure × year × month, the year-to-date sum over the unit's subtree of every saved value
//! and of the approved ones, with the number of values behind each sum. A write adds its
//! deltas to the rows of its month and every later month of the year, for each ancestor, in
//! one upsert inside the writer's transaction, so a figure is visible to the next query.
//! A missing row means zero; the sums of a period are `ytd(last) − ytd(first − 1)`.

use super::closure;
use super::entities::{measure_rollup, measure_value, monthly_report};
use super::values::pg_array;
use crate::domain::rollup::{Running, ytd_changes};
use crate::domain::tree::{Path, month_index};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
    Statement, Value,
};
use shared::ids::{MeasureId, UnitId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use crate::domain::rollup::{Delta, RollupKey};

/// Adds `deltas` (per measure) of `unit` in `year`/`month` to every ancestor's rows.
pub async fn apply(
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
    month: u32,
    deltas: &[(MeasureId, Delta)],
) -> Result<(), DbErr> {
    let monthly = deltas
        .iter()
        .map(|(m, d)| ((unit, *m, year), month, *d))
        .collect();
    apply_monthly(db, monthly).await
}

/// Adds the monthly changes `((unit, measure, year), month, delta)` of any units to every
/// ancestor's year-to-date rows.
pub async fn apply_monthly(
    db: &impl ConnectionTrait,
    monthly: Vec<((UnitId, MeasureId, i32), u32, Delta)>,
) -> Result<(), DbErr> {
    if monthly.iter().all(|(_, _, d)| d.is_zero()) {
        return Ok(());
    }
    let units: BTreeSet<UnitId> = monthly.iter().map(|((u, _, _), _, _)| *u).collect();
    let units: Vec<UnitId> = units.into_iter().collect();
    let paths = closure::paths_to(db, Some(&units)).await?;
    let monthly = monthly
        .into_iter()
        .map(|((u, m, y), month, d)| ((u.0, m.0, y), month, d));
    upsert_add(db, ytd_changes(monthly, counting(&paths))).await
}

/// The units counting a unit's figures of a month, as raw ids, from the paths to it.
fn counting(paths: &HashMap<UnitId, Vec<Path>>) -> impl Fn(i32, i32, u32) -> Vec<i32> + '_ {
    move |unit, year, month| {
        let m = month_index(year, month);
        paths
            .get(&UnitId(unit))
            .map(|p| {
                p.iter()
                    .filter(|p| p.covers(m))
                    .map(|p| p.ancestor.0)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The key and sum columns of a roll-up row, in the order they are written.
const ROLLUP_COLUMNS: &str = "unit_id, measure_id, year, month, ytd_total, ytd_count, \
    ytd_approved_total, ytd_approved_count";
/// Adding a delta to an existing row.
const ADD_ON_CONFLICT: &str = "ON CONFLICT (unit_id, measure_id, year, month) DO UPDATE SET \
    ytd_total = measure_rollups.ytd_total + excluded.ytd_total, \
    ytd_count = measure_rollups.ytd_count + excluded.ytd_count, \
    ytd_approved_total = measure_rollups.ytd_approved_total + excluded.ytd_approved_total, \
    ytd_approved_count = measure_rollups.ytd_approved_count + excluded.ytd_approved_count";
/// Rows per SQLite statement: 8 parameters each, under SQLite's limit of 32,766.
const SQLITE_ROWS: usize = 4000;
/// Rows per PostgreSQL statement, to bound the size of the arrays.
const PG_ROWS: usize = 250_000;

/// Adds each delta to its row, creating missing rows. Rows are written in key order so
/// that concurrent writers on PostgreSQL lock shared ancestors in the same order: there as
/// arrays expanded by `UNNEST` (which keeps their order), on SQLite as multi-row statements.
pub async fn upsert_add(
    db: &impl ConnectionTrait,
    rows: BTreeMap<RollupKey, Delta>,
) -> Result<(), DbErr> {
    let rows: Vec<_> = rows.into_iter().collect();
    let backend = db.get_database_backend();
    let size = if backend == DbBackend::Postgres {
        PG_ROWS
    } else {
        SQLITE_ROWS
    };
    for chunk in rows.chunks(size) {
        let stmt = if backend == DbBackend::Postgres {
            add_unnest(chunk)
        } else {
            add_rows(backend, chunk)
        };
        db.execute_raw(stmt).await?;
    }
    Ok(())
}

/// One multi-row statement of `rows`.
fn add_rows(backend: DbBackend, rows: &[(RollupKey, Delta)]) -> Statement {
    let mut sql = format!("INSERT INTO measure_rollups ({ROLLUP_COLUMNS}) VALUES ");
    let mut values: Vec<Value> = Vec::with_capacity(rows.len() * 8);
    for (i, ((u, me, y, mo), d)) in rows.iter().enumerate() {
        sql.push_str(if i == 0 {
            "(?,?,?,?,?,?,?,?)"
        } else {
            ",(?,?,?,?,?,?,?,?)"
        });
        values.extend([
            Value::from(*u),
            Value::from(*me),
            Value::from(*y),
            Value::from(*mo),
            Value::from(d.total),
            Value::from(d.count),
            Value::from(d.approved_total),
            Value::from(d.approved_count),
        ]);
    }
    sql.push(' ');
    sql.push_str(ADD_ON_CONFLICT);
    Statement::from_sql_and_values(backend, sql, values)
}

/// `rows` as eight arrays expanded by `UNNEST`, in one statement.
fn add_unnest(rows: &[(RollupKey, Delta)]) -> Statement {
    let sql = format!(
        "INSERT INTO measure_rollups ({ROLLUP_COLUMNS}) SELECT * FROM UNNEST($1::int4[], \
         $2::int4[], $3::int4[], $4::int4[], $5::int8[], $6::int8[], $7::int8[], $8::int8[]) \
         {ADD_ON_CONFLICT}"
    );
    let col = |f: fn(&(RollupKey, Delta)) -> i64| pg_array(rows.iter().map(f));
    let values = [
        col(|((u, ..), _)| i64::from(*u)),
        col(|((_, me, ..), _)| i64::from(*me)),
        col(|((_, _, y, _), _)| i64::from(*y)),
        col(|((.., mo), _)| i64::from(*mo)),
        col(|(_, d)| d.total),
        col(|(_, d)| d.count),
        col(|(_, d)| d.approved_total),
        col(|(_, d)| d.approved_count),
    ];
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// Moves the roll-ups of `unit`'s subtree from the ancestors it leaves to those it joins.
/// `old_ancestors` and `new_ancestors` exclude the unit itself.
pub async fn move_subtree(
    db: &impl ConnectionTrait,
    unit: UnitId,
    old_ancestors: &[UnitId],
    new_ancestors: &[UnitId],
) -> Result<(), DbErr> {
    let own = measure_rollup::Entity::find()
        .filter(measure_rollup::Column::UnitId.eq(unit.0))
        .all(db)
        .await?;
    let mut rows = BTreeMap::new();
    for ((_, measure, year, month), d) in own.iter().map(row) {
        for a in old_ancestors {
            add(&mut rows, (a.0, measure, year, month), d.negated());
        }
        for a in new_ancestors {
            add(&mut rows, (a.0, measure, year, month), d);
        }
    }
    rows.retain(|_, d| !d.is_zero());
    upsert_add(db, rows).await
}

/// Adds every roll-up row of `source` to `into`'s: a merge makes `into` count the months
/// `source` counted (its roll-ups hold nothing after the merge: it takes no figures then).
pub async fn copy_into(
    db: &impl ConnectionTrait,
    source: UnitId,
    into: UnitId,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = format!(
        "INSERT INTO measure_rollups ({ROLLUP_COLUMNS}) SELECT {}, measure_id, year, month, \
         ytd_total, ytd_count, ytd_approved_total, ytd_approved_count FROM measure_rollups \
         WHERE unit_id = {} {ADD_ON_CONFLICT}",
        into.0, source.0
    );
    db.execute_raw(Statement::from_string(backend, sql)).await?;
    Ok(())
}

/// Moves what `unit`'s subtree reported from month `from` on (its own roll-ups then) from
/// the units it leaves to those it joins (neither includes the unit itself).
pub async fn move_from(
    db: &impl ConnectionTrait,
    unit: UnitId,
    from: crate::domain::tree::MonthIndex,
    leaving: &[UnitId],
    joining: &[UnitId],
) -> Result<(), DbErr> {
    let (first_year, _) = crate::domain::tree::year_month(from);
    let own = measure_rollup::Entity::find()
        .filter(measure_rollup::Column::UnitId.eq(unit.0))
        .filter(measure_rollup::Column::Year.gte(first_year))
        .all(db)
        .await?;
    let mut ytd: HashMap<(i32, i32), [Option<Delta>; 12]> = HashMap::new();
    for r in &own {
        let (key, d) = row(r);
        if let Some(slot) = usize::try_from(key.3 - 1).ok().filter(|m| *m < 12) {
            ytd.entry((key.1, key.2)).or_default()[slot] = Some(d);
        }
    }
    let mut monthly = Vec::new();
    for ((measure, year), months) in ytd {
        // A missing year-to-date row is zero.
        let through = months.map(Option::unwrap_or_default);
        for m in 1..=12u32 {
            if month_index(year, m) < from {
                continue;
            }
            let i = m as usize - 1;
            let before = if i == 0 {
                Delta::default()
            } else {
                through[i - 1]
            };
            let d = through[i].plus(before.negated());
            monthly.push(((unit.0, measure, year), m, d));
        }
    }
    let mut rows = ytd_changes(monthly.iter().copied(), |_, _, _| {
        joining.iter().map(|u| u.0).collect::<Vec<_>>()
    });
    for (k, d) in ytd_changes(monthly, |_, _, _| {
        leaving.iter().map(|u| u.0).collect::<Vec<_>>()
    }) {
        add(&mut rows, k, d.negated());
    }
    rows.retain(|_, d| !d.is_zero());
    upsert_add(db, rows).await
}

/// The latest month with figures counted for each of `units`: in the latest year with
/// any, the last month whose year-to-date count grew.
pub async fn latest_months(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> Result<HashMap<UnitId, (i32, u32)>, DbErr> {
    use measure_rollup::Column as C;
    let mut out = HashMap::new();
    for chunk in units.chunks(500) {
        let ids: Vec<i32> = chunk.iter().map(|u| u.0).collect();
        let years: Vec<(i32, Option<i32>)> = measure_rollup::Entity::find()
            .select_only()
            .column(C::UnitId)
            .column_as(C::Year.max(), "y")
            .filter(C::UnitId.is_in(ids.clone()))
            .filter(C::YtdCount.gt(0))
            .group_by(C::UnitId)
            .into_tuple()
            .all(db)
            .await?;
        let latest: HashMap<i32, i32> = years
            .into_iter()
            .filter_map(|(u, y)| y.map(|y| (u, y)))
            .collect();
        let wanted: Vec<i32> = latest.values().copied().collect();
        let counts: Vec<(i32, i32, i32, i64)> = measure_rollup::Entity::find()
            .select_only()
            .column(C::UnitId)
            .column(C::Year)
            .column(C::Month)
            .column(C::YtdCount)
            .filter(C::UnitId.is_in(ids))
            .filter(C::Year.is_in(wanted))
            .into_tuple()
            .all(db)
            .await?;
        let mut by_unit: HashMap<i32, [i64; 13]> = HashMap::new();
        for (unit, year, m, n) in counts {
            if latest.get(&unit) != Some(&year) {
                continue;
            }
            let months = by_unit.entry(unit).or_insert([0; 13]);
            if let Some(slot) = usize::try_from(m).ok().and_then(|m| months.get_mut(m)) {
                *slot += n;
            }
        }
        for (unit, by_month) in by_unit {
            // A missing row is zero: a month has figures when the count grew over it.
            let last = (1..=12usize)
                .rev()
                .find(|m| by_month[*m] > by_month[*m - 1]);
            if let (Some(m), Some(year)) = (last, latest.get(&unit)) {
                out.insert(UnitId(unit), (*year, m as u32));
            }
        }
    }
    Ok(out)
}

/// A maintained row's key and year-to-date sums.
fn row(r: &measure_rollup::Model) -> (RollupKey, Delta) {
    let d = Delta {
        total: r.ytd_total,
        count: r.ytd_count,
        approved_total: r.ytd_approved_total,
        approved_count: r.ytd_approved_count,
    };
    ((r.unit_id, r.measure_id, r.year, r.month), d)
}

fn add(rows: &mut BTreeMap<RollupKey, Delta>, key: RollupKey, d: Delta) {
    let e = rows.entry(key).or_default();
    *e = e.plus(d);
}

/// The roll-ups recomputed from the raw values, without zero rows: the reference that
/// `chitieu check` and the tests compare the maintained rows with.
pub async fn recompute(db: &impl ConnectionTrait) -> Result<BTreeMap<RollupKey, Delta>, DbErr> {
    let raw: Vec<(i32, i32, i32, i32, i64, shared::ReportStatus)> = measure_value::Entity::find()
        .select_only()
        .column(measure_value::Column::UnitId)
        .column(measure_value::Column::MeasureId)
        .column(measure_value::Column::Year)
        .column(measure_value::Column::Month)
        .column(measure_value::Column::Value)
        .column_as(monthly_report::Column::Status, "status")
        .join(
            sea_orm::JoinType::InnerJoin,
            measure_value::Entity::belongs_to(monthly_report::Entity)
                .from(measure_value::Column::ReportId)
                .to(monthly_report::Column::Id)
                .into(),
        )
        .into_tuple()
        .all(db)
        .await?;
    let paths = closure::paths_to(db, None).await?;
    let monthly = raw
        .into_iter()
        .map(|(unit, measure, year, month, value, status)| {
            let mut d = Delta::saved(None, value);
            if status == shared::ReportStatus::Approved {
                d = d.plus(Delta::approval(value, 1));
            }
            Ok(((unit, measure, year), super::convert::month(month)?, d))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(ytd_changes(monthly, counting(&paths)))
}

/// The maintained roll-ups, without zero rows.
pub async fn stored(db: &impl ConnectionTrait) -> Result<BTreeMap<RollupKey, Delta>, DbErr> {
    let rows = measure_rollup::Entity::find().all(db).await?;
    Ok(rows.iter().map(row).filter(|(_, d)| !d.is_zero()).collect())
}

/// Replaces every roll-up row with a recomputation from the raw values (after a bulk load).
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let rows = recompute(db).await?;
    measure_rollup::Entity::delete_many().exec(db).await?;
    let models: Vec<_> = rows
        .into_iter()
        .map(|((u, me, y, mo), d)| measure_rollup::ActiveModel {
            unit_id: Set(u),
            measure_id: Set(me),
            year: Set(y),
            month: Set(mo),
            ytd_total: Set(d.total),
            ytd_count: Set(d.count),
            ytd_approved_total: Set(d.approved_total),
            ytd_approved_count: Set(d.approved_count),
        })
        .collect();
    for chunk in models.chunks(1000) {
        measure_rollup::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// One maintained row as read for results: year-to-date figures at `month`.
#[derive(Debug, Clone, Copy)]
pub struct YtdRow {
    pub unit_id: UnitId,
    pub measure_id: MeasureId,
    pub month: i32,
    pub total: i64,
    pub count: i64,
}

/// Year-to-date rows of `units` × `measures` at the given months of `year`, in one query.
/// `approved_only` reads the approved sums.
pub async fn ytd_rows(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    measures: &[MeasureId],
    year: i32,
    months: &[i32],
    approved_only: bool,
) -> Result<Vec<YtdRow>, DbErr> {
    if units.is_empty() || measures.is_empty() || months.is_empty() {
        return Ok(Vec::new());
    }
    use measure_rollup::Column as C;
    let (total, count) = if approved_only {
        (C::YtdApprovedTotal, C::YtdApprovedCount)
    } else {
        (C::YtdTotal, C::YtdCount)
    };
    let mut out = Vec::new();
    for chunk in units.chunks(5000) {
        let rows: Vec<(i32, i32, i32, i64, i64)> = measure_rollup::Entity::find()
            .select_only()
            .column(C::UnitId)
            .column(C::MeasureId)
            .column(C::Month)
            .column(total)
            .column(count)
            .filter(C::Year.eq(year))
            .filter(C::Month.is_in(months.iter().copied()))
            .filter(C::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(C::MeasureId.is_in(measures.iter().map(|m| m.0)))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(unit_id, measure_id, month, total, count)| YtdRow {
                    unit_id: UnitId(unit_id),
                    measure_id: MeasureId(measure_id),
                    month,
                    total,
                    count,
                }),
        );
    }
    Ok(out)
}

/// The latest month of `year` in which approved figures counted for each of `units` (its
/// subtree and predecessors included): the last month whose year-to-date approved count
/// grew. Units without any are absent. One query per 1,000 units.
pub async fn latest_approved_months(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    year: i32,
) -> Result<HashMap<UnitId, u32>, DbErr> {
    use measure_rollup::Column as C;
    use sea_orm::sea_query::Expr;
    let mut out = HashMap::new();
    for chunk in units.chunks(1000) {
        let counts: Vec<(i32, i32, i64)> = measure_rollup::Entity::find()
            .select_only()
            .column(C::UnitId)
            .column(C::Month)
            .column_as(Expr::cust("CAST(SUM(ytd_approved_count) AS BIGINT)"), "n")
            .filter(C::Year.eq(year))
            .filter(C::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(C::YtdApprovedCount.gt(0))
            .group_by(C::UnitId)
            .group_by(C::Month)
            .into_tuple()
            .all(db)
            .await?;
        let mut by_unit: HashMap<i32, [i64; 13]> = HashMap::new();
        for (unit, m, n) in counts {
            let months = by_unit.entry(unit).or_insert([0; 13]);
            if let Some(slot) = usize::try_from(m).ok().and_then(|m| months.get_mut(m)) {
                *slot = n;
            }
        }
        for (unit, by_month) in by_unit {
            // A missing row is zero: a month has approved figures when the count grew.
            let last = (1..=12usize)
                .rev()
                .find(|m| by_month[*m] > by_month[*m - 1]);
            if let Some(m) = last {
                out.insert(UnitId(unit), m as u32);
            }
        }
    }
    Ok(out)
}
