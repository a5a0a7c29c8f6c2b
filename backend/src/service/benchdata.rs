//! A generator of realistic benchmark data: a hierarchy of provinces, departments with
//! divisions and communes, with monthly figures for every unit over several years, written
//! in bulk and followed by one roll-up rebuild. Used by `chitieu bench-data` and the
//! benchmarks; deterministic for a given shape.

use crate::db::entities::{measure, measure_value, monthly_report, unit};
use crate::db::{Db, closure, rollups};
use crate::error::{ServiceError, ServiceResult};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared::{ReportStatus, UnitKind};
use std::collections::HashMap;

/// The shape of the generated hierarchy.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Provinces under the root (1 for a province-scale run, where the root is the province).
    pub provinces: usize,
    /// Departments per province.
    pub departments: usize,
    /// Divisions per department.
    pub divisions: usize,
    /// Communes per province.
    pub communes: usize,
    /// Years of figures, ending with `last_year`.
    pub years: i32,
    /// The last year with figures.
    pub last_year: i32,
}

impl Shape {
    /// 1 province, 30 departments with 3 divisions each, 170 communes.
    pub fn province(years: i32) -> Shape {
        Shape {
            provinces: 1,
            departments: 30,
            divisions: 3,
            communes: 170,
            years,
            last_year: 2023,
        }
    }

    /// 34 provinces of 20 departments with 2 divisions and 57 communes: ~4,000 units.
    pub fn national(years: i32) -> Shape {
        Shape {
            provinces: 34,
            departments: 20,
            divisions: 2,
            communes: 57,
            years,
            last_year: 2023,
        }
    }

    /// A shape of about `units` units (national layout when above one province).
    pub fn with_units(units: usize, years: i32) -> Shape {
        let per_province = 1 + 20 + 20 * 2 + 57;
        if units <= 400 {
            Shape::province(years)
        } else {
            Shape {
                provinces: (units / per_province).max(1),
                ..Shape::national(years)
            }
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub units: usize,
    pub values: usize,
}

/// Writes the hierarchy under the set-up root and the figures. Refuses a database that
/// already has units below the root.
pub async fn generate(db: &Db, shape: Shape) -> ServiceResult<Written> {
    let conn = db.conn();
    let root = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::conflict("set the database up first"))?;
    if unit::Entity::find().count(conn).await? > 1 {
        return Err(ServiceError::conflict(
            "the database already has units below the root",
        ));
    }
    let mut rng = StdRng::seed_from_u64(766);
    let now = Utc::now();
    let mut next_id = root.id + 1;
    let mut units: Vec<unit::ActiveModel> = Vec::new();
    let mut parent_of: HashMap<i32, i32> = HashMap::new();
    let mut reporting: Vec<(i32, f64, f64)> = vec![(root.id, 200.0, 0.8)];
    let mut add = |code: String,
                   name: String,
                   kind: UnitKind,
                   parent: i32,
                   units: &mut Vec<unit::ActiveModel>| {
        let id = next_id;
        next_id += 1;
        units.push(unit::ActiveModel {
            id: Set(id),
            code: Set(code),
            name: Set(name),
            kind: Set(kind.as_str().to_owned()),
            parent_id: Set(Some(parent)),
            active: Set(true),
            created_at: Set(now),
        });
        parent_of.insert(id, parent);
        id
    };
    for p in 0..shape.provinces {
        let province = if shape.provinces == 1 {
            root.id
        } else {
            let id = add(
                format!("P{p:02}"),
                format!("Tỉnh {}", p + 1),
                UnitKind::Province,
                root.id,
                &mut units,
            );
            reporting.push((id, 300.0, 0.8));
            id
        };
        for d in 0..shape.departments {
            let dep = add(
                format!("P{p:02}.S{d:02}"),
                format!("Sở {} tỉnh {}", d + 1, p + 1),
                UnitKind::Department,
                province,
                &mut units,
            );
            reporting.push((
                dep,
                rng.random_range(20.0..3000.0),
                rng.random_range(0.5..0.98),
            ));
            for v in 0..shape.divisions {
                let div = add(
                    format!("P{p:02}.S{d:02}.{v}"),
                    format!("Phòng {} sở {}", v + 1, d + 1),
                    UnitKind::Division,
                    dep,
                    &mut units,
                );
                reporting.push((
                    div,
                    rng.random_range(10.0..500.0),
                    rng.random_range(0.5..0.98),
                ));
            }
        }
        for c in 0..shape.communes {
            let com = add(
                format!("P{p:02}.X{c:03}"),
                format!("Xã {} tỉnh {}", c + 1, p + 1),
                UnitKind::Commune,
                province,
                &mut units,
            );
            reporting.push((
                com,
                rng.random_range(75.0..700.0),
                rng.random_range(0.4..0.98),
            ));
        }
    }
    let txn = db.write().await?;
    for chunk in units.chunks(500) {
        unit::Entity::insert_many(chunk.to_vec())
            .exec(&*txn)
            .await?;
    }
    closure::insert_tree(&*txn, root.id, &parent_of).await?;
    let measures: HashMap<String, i32> = measure::Entity::find()
        .all(&*txn)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect();
    let mut written = 0usize;
    let mut report_id = 0i32;
    for year in (shape.last_year - shape.years + 1)..=shape.last_year {
        let mut reports = Vec::new();
        let mut values = Vec::new();
        for (u, volume, quality) in &reporting {
            for month in 1..=12u32 {
                report_id += 1;
                reports.push(monthly_report::ActiveModel {
                    id: Set(report_id),
                    unit_id: Set(*u),
                    year: Set(year),
                    month: Set(month as i32),
                    status: Set(ReportStatus::Approved.as_str().to_owned()),
                    comment: Set(None),
                    version: Set(1),
                    updated_at: Set(now),
                    updated_by: Set(None),
                });
                for (code, v) in super::seed::month_figures(&mut rng, *volume, *quality, month) {
                    let Some(mid) = measures.get(code) else {
                        continue;
                    };
                    values.push(measure_value::ActiveModel {
                        unit_id: Set(*u),
                        measure_id: Set(*mid),
                        year: Set(year),
                        month: Set(month as i32),
                        report_id: Set(report_id),
                        value: Set(v),
                        source: Set("IMPORT".into()),
                        source_ref: Set(Some("bench-data".into())),
                        updated_at: Set(now),
                        updated_by: Set(None),
                    });
                }
            }
        }
        for chunk in reports.chunks(1000) {
            monthly_report::Entity::insert_many(chunk.to_vec())
                .exec(&*txn)
                .await?;
        }
        for chunk in values.chunks(2000) {
            measure_value::Entity::insert_many(chunk.to_vec())
                .exec(&*txn)
                .await?;
        }
        written += values.len();
    }
    rollups::rebuild(&*txn).await?;
    txn.commit().await?;
    if db.backend() == sea_orm::DbBackend::Postgres {
        use sea_orm::ConnectionTrait;
        // Explicit ids were inserted: move the sequences past them.
        for table in ["units", "monthly_reports"] {
            conn.execute_unprepared(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")).await?;
        }
        // A bulk load leaves the visibility map unset until autovacuum runs; without it the
        // roll-up reads cannot be index-only scans.
        conn.execute_unprepared("VACUUM ANALYZE").await?;
    } else {
        use sea_orm::ConnectionTrait;
        conn.execute_unprepared("ANALYZE").await?;
    }
    Ok(Written {
        units: reporting.len(),
        values: written,
    })
}
