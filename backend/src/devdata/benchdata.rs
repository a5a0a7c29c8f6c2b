//! A generator of realistic benchmark data: a hierarchy of provinces, departments with
//! divisions and communes, with monthly figures for every unit over several years, written
//! in bulk and followed by one roll-up rebuild. Used by `chitieu bench-data` and the
//! benchmarks; deterministic for a given shape.

use super::rows::{self, MonthOf, after_bulk_load, bulk};
use crate::db::entities::unit;
use crate::db::{Db, closure, rollups, units};
use crate::error::{ServiceError, ServiceResult};
use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Set};
use shared::ids::UnitId;
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
    /// Reorganisations on 1 July of the last year: pairs of communes of a province merged
    /// into a new commune, then divisions merged into a sibling, until there are this many.
    pub merges: usize,
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
            merges: 0,
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
            merges: 0,
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
    let root = units::first_root(conn)
        .await?
        .ok_or_else(|| ServiceError::conflict("set the database up first"))?
        .0;
    if unit::Entity::find().count(conn).await? > 1 {
        return Err(ServiceError::conflict(
            "the database already has units below the root",
        ));
    }
    let mut rng = StdRng::seed_from_u64(766);
    let now = Utc::now();
    let mut tree = Hierarchy::plan(&shape, root, &mut rng, now);
    let txn = db.write().await?;
    bulk(&*txn, std::mem::take(&mut tree.units), 500).await?;
    closure::insert_tree(&*txn, root, &tree.parent_of).await?;
    rows::continue_ids(&*txn, "units").await?;
    reorganise(&*txn, &shape, &mut tree, &mut rng).await?;
    let measures = rows::measure_ids(&*txn).await?;
    let mut written = 0usize;
    let mut report_id = 0i32;
    for year in (shape.last_year - shape.years + 1)..=shape.last_year {
        let year = Year {
            year,
            now,
            measures: &measures,
        };
        written += year.write(&*txn, &mut rng, &tree, &mut report_id).await?;
    }
    rollups::rebuild(&*txn).await?;
    txn.commit().await?;
    after_bulk_load(db, &["units", "monthly_reports"]).await?;
    Ok(Written {
        units: tree.reporting.len(),
        values: written,
    })
}

/// The merges of `shape` on 1 July of its last year, applied through the reorganisation
/// service before any figure is written; the units they end report until June, the new
/// ones from July.
async fn reorganise(
    db: &impl ConnectionTrait,
    shape: &Shape,
    tree: &mut Hierarchy,
    rng: &mut StdRng,
) -> ServiceResult<()> {
    use crate::service::reorg::{self, Change, MergeCmd, MergeTarget, NewUnitSpec};
    if shape.merges == 0 {
        return Ok(());
    }
    let on = chrono::NaiveDate::from_ymd_opt(shape.last_year, 7, 1)
        .ok_or_else(|| ServiceError::validation("lastYear", "no such year"))?;
    let month = crate::domain::tree::month_of(on);
    let change = || Change {
        effective_on: on,
        decision: "1656/NQ-UBTVQH15".into(),
    };
    let mut done = 0usize;
    let mut ended: Vec<i32> = Vec::new();
    // Communes of the same province, two by two.
    let communes: Vec<(i32, i32)> = tree
        .kinds
        .iter()
        .filter(|(_, k, _)| *k == UnitKind::Commune)
        .map(|(id, _, p)| (*id, *p))
        .collect();
    for pair in communes.chunks(2) {
        let [(a, pa), (b, pb)] = pair else { continue };
        if done >= shape.merges || pa != pb {
            continue;
        }
        let applied = reorg::apply_merge(
            db,
            &MergeCmd {
                sources: vec![UnitId(*a), UnitId(*b)],
                into: MergeTarget::New(NewUnitSpec {
                    code: format!("M{done:04}"),
                    name: format!("Xã hợp nhất {}", done + 1),
                    kind: UnitKind::Commune,
                }),
                parent: Some(UnitId(*pa)),
                change: change(),
            },
        )
        .await?;
        if let Some(r) = applied.result {
            let size = (rng.random_range(150.0..1400.0), rng.random_range(0.4..0.98));
            tree.reporting.push((r.0, size.0, size.1));
            tree.from.insert(r.0, month);
        }
        ended.extend([*a, *b]);
        done += 1;
    }
    // Then divisions into their next sibling.
    let divisions: Vec<(i32, i32)> = tree
        .kinds
        .iter()
        .filter(|(_, k, _)| *k == UnitKind::Division)
        .map(|(id, _, p)| (*id, *p))
        .collect();
    for pair in divisions.chunks(2) {
        let [(a, pa), (b, pb)] = pair else { continue };
        if done >= shape.merges || pa != pb {
            continue;
        }
        let cmd = MergeCmd {
            sources: vec![UnitId(*a)],
            into: MergeTarget::Existing(UnitId(*b)),
            parent: None,
            change: change(),
        };
        reorg::apply_merge(db, &cmd).await?;
        ended.push(*a);
        done += 1;
    }
    for u in ended {
        tree.until.insert(u, month - 1);
    }
    Ok(())
}

/// The generated units, their parents, and each reporting unit's (id, yearly volume,
/// quality), with the months a reorganisation limits them to.
struct Hierarchy {
    next_id: i32,
    now: DateTime<Utc>,
    units: Vec<unit::ActiveModel>,
    parent_of: HashMap<i32, i32>,
    reporting: Vec<(i32, f64, f64)>,
    /// (id, kind, parent) of every unit, in the order added.
    kinds: Vec<(i32, UnitKind, i32)>,
    /// The first month a unit reports (units a merge creates).
    from: HashMap<i32, i32>,
    /// The last month a unit reports (units a merge ends).
    until: HashMap<i32, i32>,
}

impl Hierarchy {
    /// Provinces (or the root as the province), each with its departments, their
    /// divisions, and its communes.
    fn plan(shape: &Shape, root: i32, rng: &mut StdRng, now: DateTime<Utc>) -> Hierarchy {
        let mut h = Hierarchy {
            next_id: root + 1,
            now,
            units: Vec::new(),
            parent_of: HashMap::new(),
            reporting: vec![(root, 200.0, 0.8)],
            kinds: Vec::new(),
            from: HashMap::new(),
            until: HashMap::new(),
        };
        for p in 0..shape.provinces {
            let province = if shape.provinces == 1 {
                root
            } else {
                let (code, name) = (format!("P{p:02}"), format!("Tỉnh {}", p + 1));
                h.add(code, name, UnitKind::Province, root, (300.0, 0.8))
            };
            h.add_province(shape, rng, p, province);
        }
        h
    }

    /// The departments (with divisions) and communes of province number `p`.
    fn add_province(&mut self, shape: &Shape, rng: &mut StdRng, p: usize, province: i32) {
        for d in 0..shape.departments {
            let (code, name) = (
                format!("P{p:02}.S{d:02}"),
                format!("Sở {} tỉnh {}", d + 1, p + 1),
            );
            let size = (rng.random_range(20.0..3000.0), rng.random_range(0.5..0.98));
            let dep = self.add(code, name, UnitKind::Department, province, size);
            for v in 0..shape.divisions {
                let (code, name) = (
                    format!("P{p:02}.S{d:02}.{v}"),
                    format!("Phòng {} sở {}", v + 1, d + 1),
                );
                let size = (rng.random_range(10.0..500.0), rng.random_range(0.5..0.98));
                self.add(code, name, UnitKind::Division, dep, size);
            }
        }
        for c in 0..shape.communes {
            let (code, name) = (
                format!("P{p:02}.X{c:03}"),
                format!("Xã {} tỉnh {}", c + 1, p + 1),
            );
            let size = (rng.random_range(75.0..700.0), rng.random_range(0.4..0.98));
            self.add(code, name, UnitKind::Commune, province, size);
        }
    }

    /// Adds a reporting unit of (yearly volume, quality) `size`; returns its id.
    fn add(
        &mut self,
        code: String,
        name: String,
        kind: UnitKind,
        parent: i32,
        size: (f64, f64),
    ) -> i32 {
        let id = self.next_id;
        self.next_id += 1;
        self.units.push(unit::ActiveModel {
            id: Set(id),
            code: Set(code),
            name: Set(name),
            kind: Set(kind),
            parent_id: Set(Some(parent)),
            active: Set(true),
            created_at: Set(self.now),
            valid_from: Set(None),
            valid_to: Set(None),
        });
        self.parent_of.insert(id, parent);
        self.reporting.push((id, size.0, size.1));
        self.kinds.push((id, kind, parent));
        id
    }
}

/// One year of approved reports and their figures.
struct Year<'a> {
    year: i32,
    now: DateTime<Utc>,
    measures: &'a HashMap<String, i32>,
}

impl Year<'_> {
    /// Writes the reports and figures of every reporting unit; returns the figures written.
    async fn write(
        &self,
        db: &impl ConnectionTrait,
        rng: &mut StdRng,
        tree: &Hierarchy,
        report_id: &mut i32,
    ) -> ServiceResult<usize> {
        let mut reports = Vec::new();
        let mut values = Vec::new();
        // On the national index every measure of QĐ 766 has figures too.
        let national = self.measures.contains_key("FULL_ONLINE_ELIGIBLE");
        let communes: std::collections::HashSet<i32> = tree
            .kinds
            .iter()
            .filter(|(_, kind, _)| *kind == shared::UnitKind::Commune)
            .map(|(id, _, _)| *id)
            .collect();
        for (u, volume, quality) in &tree.reporting {
            for month in 1..=12u32 {
                let at_month = crate::domain::tree::month_index(self.year, month);
                let before = tree.from.get(u).is_some_and(|f| at_month < *f);
                let after = tree.until.get(u).is_some_and(|t| at_month > *t);
                if before || after {
                    continue;
                }
                *report_id += 1;
                let at = MonthOf {
                    unit: *u,
                    year: self.year,
                    month,
                    now: self.now,
                };
                reports.push(rows::report(
                    *report_id,
                    at,
                    ReportStatus::Approved,
                    1,
                    None,
                    Some(self.now),
                ));
                let mut figures = super::seed::month_figures(rng, *volume, *quality, month);
                if national {
                    let commune = communes.contains(u);
                    let more =
                        super::seed::national_index_figures(rng, &figures, *quality, commune);
                    figures.extend(more);
                }
                for (code, v) in figures {
                    if let Some(mid) = self.measures.get(code) {
                        values.push(rows::figure(at, *report_id, *mid, v, "bench-data"));
                    }
                }
            }
        }
        let written = values.len();
        bulk(db, reports, 1000).await?;
        bulk(db, values, 2000).await?;
        Ok(written)
    }
}
