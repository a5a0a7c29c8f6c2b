//! Demo data that lives in the present: a realistic province (15 departments with their
//! divisions, the public administration service centre, nine districts with 148 communes
//! and wards, ~2,100 staff) whose figures run from January of the year before last to last
//! month, reorganised on 01/07/2025 (districts closed, communes merged about three into one
//! directly under the province, departments merged) when the calendar covers that day; one
//! account per role; this year's decision with targets and milestones for the units in
//! force derived from last year's figures; personal targets; a few violations. Computed
//! from the day it is seeded ([`DemoCalendar`]), deterministic for a given day; written in
//! bulk, then one roll-up rebuild.

mod calendar;
mod cycle;
mod figures;
mod follow_up;
mod goals;
mod incidents;
mod official;
mod personal;
mod province;
mod reorganise;
mod tree;

pub use calendar::{DemoCalendar, Era, reorganisation_day, vietnam_today};
pub(crate) use figures::{month_figures, national_index_figures};

use super::rows::{self, MonthOf, after_bulk_load, bulk};
use crate::db::entities::{
    decision, indicator, measure_rollup, monthly_report, staff, target, unit,
};
use crate::db::{Db, closure, rollups, units};
use crate::domain::tree::{month_index, month_of};
use crate::error::{ServiceError, ServiceResult};
use crate::service::users;
use chrono::{NaiveDate, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::Role;
use shared::ids::{StaffId, UnitId, UserId};
use std::collections::HashMap;
use tree::{Parent, Span, Tree};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "ChiTieu@2023";

/// The commune of the demo officer: in the two-level province, the new commune that took
/// over the old Xã An Phú (code `XAP`) keeps its name, with code [`AN_PHU_CODE`].
pub const AN_PHU: &str = "Xã An Phú";
/// The code of the Xã An Phú made on 01/07/2025.
pub const AN_PHU_CODE: &str = "XM01";

/// A demo account to print.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: String,
    pub role: Role,
    pub unit: String,
}

/// The demo accounts besides the ADMIN of set-up: a manager of the province, an officer
/// of Xã An Phú, a viewer, the manager of Sở Tư pháp, and the head of Xã An Phú.
pub fn demo_accounts() -> Vec<DemoLogin> {
    ACCOUNTS
        .iter()
        .map(|(u, role, unit, _)| DemoLogin {
            username: (*u).into(),
            role: *role,
            unit: if unit.is_empty() {
                "Tỉnh (toàn tỉnh)".into()
            } else {
                (*unit).into()
            },
        })
        .collect()
}

/// (username, role, name of the unit in force today or "" for the root, index of the
/// linked staff).
const ACCOUNTS: [(&str, Role, &str, Option<usize>); 5] = [
    ("quanly", Role::Manager, "", None),
    ("canbo.anphu", Role::Officer, AN_PHU, Some(1)),
    ("lanhdao", Role::Viewer, "", None),
    ("quanly.stp", Role::Manager, "Sở Tư pháp", Some(0)),
    ("truong.anphu", Role::Manager, AN_PHU, Some(0)),
];

/// What was written, for the command line.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The calendar it was written for.
    pub calendar: DemoCalendar,
    pub units: usize,
    pub staff: usize,
    pub values: usize,
    pub targets: usize,
    pub violations: usize,
    pub reorganizations: usize,
    /// The portal's official figures of the last three months (CSV, the layout of
    /// QD766.md), when the catalogue is the national index.
    pub official_csv: Option<String>,
}

/// Seeds the demo province under the root as of today in Vietnam; refuses when demo data
/// is already there.
pub async fn seed_demo(db: &Db) -> ServiceResult<Vec<DemoLogin>> {
    seed_demo_on(db, vietnam_today()).await
}

/// [`seed_demo`] as of `today`: figures up to the month before it.
pub async fn seed_demo_on(db: &Db, today: NaiveDate) -> ServiceResult<Vec<DemoLogin>> {
    seed_demo_with_summary(db, today).await.map(|(l, _)| l)
}

/// [`seed_demo_on`], also returning what was written.
pub async fn seed_demo_with_summary(
    db: &Db,
    today: NaiveDate,
) -> ServiceResult<(Vec<DemoLogin>, Summary)> {
    let root = empty_root(db).await?;
    let cal = DemoCalendar::new(today);
    let mut rng = StdRng::seed_from_u64(55);
    let tree = tree::build(&mut rng, max_id(db.conn(), "staff").await? + 1);
    let era = cal.era();
    let mut summary = Summary {
        calendar: cal,
        units: tree.units.iter().filter(|u| u.exists(era)).count(),
        staff: tree
            .staff
            .iter()
            .filter(|s| tree.units.get(s.unit).is_some_and(|u| u.exists(era)))
            .count(),
        values: 0,
        targets: 0,
        violations: 0,
        reorganizations: 0,
        official_csv: None,
    };
    let first_unit = max_id(db.conn(), "units").await? + 1;
    let mut w = Writer {
        tree: &tree,
        cal,
        era,
        root,
        ids: vec![None; tree.units.len()],
        measures: HashMap::new(),
        next_report: 0,
        official: Vec::new(),
    };
    w.write_province(db, &mut rng, first_unit, &mut summary)
        .await?;
    after_bulk_load(db, &["units", "staff", "monthly_reports", "targets"]).await?;
    create_accounts(db, &w).await?;
    let recorder = crate::db::users::first_admin(db.conn())
        .await?
        .ok_or_else(|| ServiceError::conflict("the database has no ADMIN"))?;
    if !w.official.is_empty() {
        let indicators = crate::domain::catalogue::qd766::INDICATORS;
        summary.official_csv = Some(official::official_csv(&mut rng, &w.official, &indicators));
    }
    let violations = w.violations(&mut rng, recorder.0);
    summary.violations = violations.len();
    let txn = db.write().await?;
    bulk(&*txn, violations, CHUNK).await?;
    txn.commit().await?;
    if let Some(csv) = &summary.official_csv {
        import_official(db, recorder, root, csv).await?;
    }
    let an_phu = w.an_phu().map(|k| w.id(k)).transpose()?.map(UnitId);
    let reviewer = crate::db::users::find_by_username(db.conn(), "quanly")
        .await?
        .map(|u| u.user.id)
        .unwrap_or(recorder);
    follow_up::seed_follow_up(db, &cal, an_phu, reviewer).await?;
    cycle::seed_cycle(db, &cal, recorder).await?;
    let (year, last) = cal.last_month();
    if year == cal.decision_year() {
        personal::seed_personal(db, &w.personal_units()?, year, last).await?;
    }
    Ok((demo_accounts(), summary))
}

/// The name the demo's file of the portal's figures is imported under.
pub const OFFICIAL_FILE_NAME: &str = "chitieu-demo-official.csv";

/// Imports the demo's official figures as the ADMIN of the root, as a person would.
async fn import_official(db: &Db, admin: UserId, root: i32, csv: &str) -> ServiceResult<()> {
    use crate::auth::{Actor, Principal};
    use crate::service::imports::{Upload, no_progress, official};
    let actor = Actor {
        principal: Principal::User {
            id: admin,
            role: Role::Admin,
        },
        scope: UnitId(root),
        scope_is_root: true,
    };
    let upload = Upload {
        file_name: OFFICIAL_FILE_NAME.into(),
        bytes: csv.as_bytes().to_vec(),
    };
    official::import(&actor, db, upload, false, &no_progress).await?;
    Ok(())
}

/// Rows per insert statement.
const CHUNK: usize = 2000;

/// The root of a set-up database without the demo.
async fn empty_root(db: &Db) -> ServiceResult<i32> {
    let root = units::first_root(db.conn())
        .await?
        .ok_or_else(|| ServiceError::conflict("set the database up first (chitieu setup)"))?;
    if units::id_by_code(db.conn(), "STP").await?.is_some() {
        return Err(ServiceError::conflict("the demo data is already there"));
    }
    Ok(root.0)
}

/// What writing the province needs: the tree, the calendar, and the ids given so far (a
/// unit made by a merge gets its id when the merge is applied).
struct Writer<'a> {
    tree: &'a Tree,
    cal: DemoCalendar,
    era: Era,
    root: i32,
    ids: Vec<Option<i32>>,
    /// Every measure's id by its code.
    measures: HashMap<String, i32>,
    /// The id of the next monthly report.
    next_report: i32,
    /// The communes' figures of the last three months, for the official figures of a
    /// database on the national index.
    official: Vec<official::CommuneMonth>,
}

impl Writer<'_> {
    /// The id of the unit with key `k`.
    fn id(&self, k: usize) -> ServiceResult<i32> {
        self.ids
            .get(k)
            .copied()
            .flatten()
            .ok_or_else(|| anyhow::anyhow!("demo unit {k} has no id yet").into())
    }

    fn parent_id(&self, p: Parent) -> ServiceResult<i32> {
        match p {
            Parent::Root => Ok(self.root),
            Parent::Unit(k) => self.id(k),
        }
    }

    /// The key of the demo officer's commune, in force today.
    fn an_phu(&self) -> Option<usize> {
        self.tree.in_force_named(AN_PHU, self.era)
    }

    /// The units whose staff have personal figures: Xã An Phú and the next two communes
    /// in force.
    fn personal_units(&self) -> ServiceResult<Vec<i32>> {
        let Some(first) = self.an_phu() else {
            return Ok(Vec::new());
        };
        let mut keys = vec![first];
        keys.extend(
            (first + 1..self.tree.units.len())
                .filter(|k| {
                    let u = &self.tree.units[*k];
                    u.level == province::Level::Commune && u.in_force(self.era)
                })
                .take(2),
        );
        keys.into_iter().map(|k| self.id(k)).collect()
    }

    /// Writes, in one transaction, the units and staff, the figures (before the
    /// reorganisation, the reorganisation, after it), this year's decision with its
    /// targets, milestones and personal targets, and the roll-ups.
    async fn write_province(
        &mut self,
        db: &Db,
        rng: &mut StdRng,
        first_unit: i32,
        summary: &mut Summary,
    ) -> ServiceResult<()> {
        let txn = db.write().await?;
        let conn = &*txn;
        // Every unit in force before the reorganisation (or, after it, every unit) in bulk.
        let across = self.era == Era::Across;
        let upfront: Vec<usize> = (0..self.tree.units.len())
            .filter(|k| {
                let u = &self.tree.units[*k];
                u.exists(self.era) && !(across && u.span == Span::FromReorg)
            })
            .collect();
        for (n, k) in upfront.iter().enumerate() {
            self.ids[*k] = Some(first_unit + n as i32);
        }
        self.write_units(conn, &upfront).await?;
        self.write_staff(conn, &upfront).await?;
        self.measures = rows::measure_ids(conn).await?;
        self.next_report = max_id(conn, "monthly_reports").await? + 1;
        let reorg = month_of(reorganisation_day());
        if across {
            let before: Vec<usize> = (0..self.tree.units.len())
                .filter(|k| self.tree.units[*k].span != Span::FromReorg)
                .collect();
            let months = self.cal.months_within(0, reorg - 1);
            self.write_figures(conn, rng, &before, &months, summary)
                .await?;
            if db.backend() == sea_orm::DbBackend::Postgres {
                // The units made by the merges take ids after the ones written above.
                conn.execute_unprepared(
                    "SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT MAX(id) FROM units))",
                )
                .await?;
            }
            summary.reorganizations =
                reorganise::apply(conn, self.tree, &mut self.ids, self.root).await?;
            let made: Vec<usize> = (0..self.tree.units.len())
                .filter(|k| self.tree.units[*k].span == Span::FromReorg)
                .collect();
            self.write_staff(conn, &made).await?;
            let after: Vec<usize> = (0..self.tree.units.len())
                .filter(|k| self.tree.units[*k].span != Span::UntilReorg)
                .collect();
            let months = self.cal.months_within(reorg, i32::MAX);
            self.write_figures(conn, rng, &after, &months, summary)
                .await?;
        } else {
            let months: Vec<(i32, u32)> = self.cal.months().collect();
            self.write_figures(conn, rng, &upfront, &months, summary)
                .await?;
        }
        rollups::rebuild(conn).await?;
        summary.targets = self.write_goals(conn, rng).await?;
        let written = serde_json::json!({
            "units": summary.units,
            "staff": summary.staff,
            "values": summary.values,
            "today": self.cal.today().to_string(),
        });
        crate::service::audit::record(
            conn,
            None,
            "seedDemo",
            "unit",
            self.root,
            None,
            Some(written),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Writes the units of `keys` (ids already given) with their closure rows, under their
    /// parents as they stand in the era's first month.
    async fn write_units(&self, db: &impl ConnectionTrait, keys: &[usize]) -> ServiceResult<()> {
        let now = Utc::now();
        let mut rows = Vec::new();
        let mut parent_of: HashMap<i32, i32> = HashMap::new();
        for k in keys {
            let u = &self.tree.units[*k];
            let parent = if self.era == Era::After {
                u.parent_after
            } else {
                u.parent
            };
            let (id, parent) = (self.id(*k)?, self.parent_id(parent)?);
            parent_of.insert(id, parent);
            rows.push(unit::ActiveModel {
                id: Set(id),
                code: Set(u.code.clone()),
                name: Set(u.name.clone()),
                kind: Set(u.kind),
                parent_id: Set(Some(parent)),
                active: Set(true),
                created_at: Set(now),
                valid_from: Set(None),
                valid_to: Set(None),
            });
        }
        bulk(db, rows, CHUNK).await?;
        closure::insert_tree(db, self.root, &parent_of).await?;
        Ok(())
    }

    /// Writes the staff of the units of `keys`; the staff of a unit no longer in force
    /// are inactive.
    async fn write_staff(&self, db: &impl ConnectionTrait, keys: &[usize]) -> ServiceResult<()> {
        let mut rows = Vec::new();
        for k in keys {
            let active = self.tree.units[*k].in_force(self.era);
            for s in self.tree.staff_of(*k) {
                rows.push(staff::ActiveModel {
                    id: Set(s.id),
                    unit_id: Set(self.id(*k)?),
                    full_name: Set(s.full_name.clone()),
                    position: Set(s.position.clone()),
                    is_head: Set(s.is_head),
                    email: Set(Some(format!("cb{}@{}", s.id, cycle::MAIL_DOMAIN))),
                    active: Set(active),
                    code: Set(Some(format!("CB{:05}", s.id))),
                });
            }
        }
        bulk(db, rows, CHUNK).await
    }

    /// Writes the reports and figures of the units of `keys` for `months`, each month in
    /// the state the calendar gives it.
    async fn write_figures(
        &mut self,
        db: &impl ConnectionTrait,
        rng: &mut StdRng,
        keys: &[usize],
        months: &[(i32, u32)],
        summary: &mut Summary,
    ) -> ServiceResult<()> {
        let now = Utc::now();
        let reorg = month_of(reorganisation_day());
        let an_phu = self.an_phu();
        // A database on the national index holds its measures too; their figures come from a
        // generator of their own, so the default catalogue's demo stays as it is.
        let national = self.measures.contains_key("FULL_ONLINE_ELIGIBLE");
        for year_months in months.chunk_by(|a, b| a.0 == b.0) {
            let mut reports = Vec::new();
            let mut values = Vec::new();
            for k in keys {
                let u = &self.tree.units[*k];
                let id = self.id(*k)?;
                for &(year, month) in year_months {
                    let late = Some(*k) == an_phu;
                    let Some((status, version, comment)) =
                        self.cal.report_state(*k, year, month, late)
                    else {
                        continue;
                    };
                    let reorganised = match self.era {
                        Era::Before => false,
                        Era::Across => month_index(year, month) >= reorg,
                        Era::After => true,
                    };
                    let (yearly, q) = if reorganised {
                        u.after
                    } else {
                        (u.yearly, u.quality)
                    };
                    let at = MonthOf {
                        unit: id,
                        year,
                        month,
                        now,
                    };
                    let report_id = self.next_report;
                    self.next_report += 1;
                    let submitted = self.cal.submitted_at(*k, year, month, status);
                    reports.push(rows::report(
                        report_id, at, status, version, comment, submitted,
                    ));
                    let volume = figures::monthly_volume(yearly, self.cal.growth(year), month);
                    let quality = figures::quality_in(q, self.cal.progress(year, month));
                    let mut month_figures = figures::figures(rng, volume, quality);
                    if national {
                        let seed = (id as u64) << 24 | (year as u64) << 4 | u64::from(month);
                        let mut own = StdRng::seed_from_u64(seed);
                        let commune = u.kind == shared::UnitKind::Commune;
                        let more = figures::national_index_figures(
                            &mut own,
                            &month_figures,
                            quality,
                            commune,
                        );
                        month_figures.extend(more);
                    }
                    if national
                        && u.kind == shared::UnitKind::Commune
                        && self.cal.among_last_months(year, month, 3)
                    {
                        self.official.push(official::CommuneMonth {
                            code: u.code.clone(),
                            year,
                            month,
                            figures: month_figures.clone(),
                        });
                    }
                    for (code, v) in month_figures {
                        if let Some(mid) = self.measures.get(code) {
                            values.push(rows::figure(at, report_id, *mid, v, "demo"));
                        }
                    }
                }
            }
            summary.values += values.len();
            bulk(db, reports, CHUNK).await?;
            bulk(db, values, CHUNK).await?;
        }
        Ok(())
    }

    /// This year's decision with a target on every rate indicator for the province and
    /// every unit in force, milestones from last year's rates (read from the roll-ups, so
    /// that a merged unit's last year counts its predecessors' months) and personal
    /// targets; returns how many targets.
    async fn write_goals(
        &self,
        db: &impl ConnectionTrait,
        rng: &mut StdRng,
    ) -> ServiceResult<usize> {
        let year = self.cal.decision_year();
        let decision_id = insert_decision(db, year, self.cal.today()).await?;
        let indicators = indicator::Entity::find()
            .order_by_asc(indicator::Column::Position)
            .all(db)
            .await?;
        let last_year = last_year_sums(db, year - 1, &indicators).await?;
        let mut units = vec![goals::TargetUnit {
            id: self.root,
            level: None,
            staff: Vec::new(),
        }];
        for (k, u) in self.tree.units.iter().enumerate() {
            if u.in_force(self.era) {
                units.push(goals::TargetUnit {
                    id: self.id(k)?,
                    level: Some(u.level),
                    staff: self.tree.staff_of(k).map(|s| s.id).collect(),
                });
            }
        }
        let first_target = max_id(db, "targets").await? + 1;
        let decision = goals::Decision {
            id: decision_id,
            year,
        };
        let plan = goals::plan(rng, &units, decision, first_target, &indicators, &last_year);
        let n = plan.targets.len();
        bulk(db, plan.targets, CHUNK).await?;
        bulk(db, plan.milestones, CHUNK).await?;
        bulk(db, plan.staff_targets, CHUNK).await?;
        Ok(n)
    }

    /// About thirty violations in units that lag behind, each on a day its unit was in
    /// force, and one in the demo officer's commune.
    fn violations(
        &self,
        rng: &mut StdRng,
        recorder: i32,
    ) -> Vec<crate::db::entities::violation::ActiveModel> {
        let (first, _) = self.cal.first_month();
        let start = NaiveDate::from_ymd_opt(first, 1, 1).unwrap_or_default();
        let end = self.cal.today().pred_opt().unwrap_or(start);
        let reorg = reorganisation_day();
        let candidate = |k: usize| -> Option<incidents::Candidate> {
            let u = self.tree.units.get(k)?;
            let id = self.ids.get(k).copied().flatten()?;
            let (from, to) = match (self.era, u.span) {
                (Era::Across, Span::UntilReorg) => (start, reorg.pred_opt()?),
                (Era::Across, Span::FromReorg) => (reorg, end),
                _ => (start, end),
            };
            Some(incidents::Candidate {
                id,
                code: u.code.clone(),
                staff: self.tree.staff_of(k).map(|s| s.id).collect(),
                from,
                to,
            })
        };
        let laggards: Vec<incidents::Candidate> = (0..self.tree.units.len())
            .filter(|k| {
                let u = &self.tree.units[*k];
                u.exists(self.era) && u.quality.min(u.after.1) < 0.8
            })
            .filter_map(candidate)
            .collect();
        let first = self.an_phu().and_then(candidate);
        incidents::plan(rng, first.as_ref(), &laggards, recorder)
    }
}

/// The decision of `year`, issued on 8 February (or `today` when that is still to come);
/// returns its id.
async fn insert_decision(
    db: &impl ConnectionTrait,
    year: i32,
    today: NaiveDate,
) -> ServiceResult<i32> {
    let issued = NaiveDate::from_ymd_opt(year, 2, 8)
        .ok_or_else(|| anyhow::anyhow!("date"))?
        .min(today);
    let row = decision::ActiveModel {
        number: Set("55/QĐ-UBND".into()),
        title: Set(format!("Giao chỉ tiêu triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến và giải quyết hồ sơ thủ tục hành chính năm {year}")),
        issued_on: Set(issued),
        year: Set(year),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Each unit's (numerator, denominator) of each rate indicator over `year` from the
/// roll-ups of December: its subtree and its predecessors' months included.
async fn last_year_sums(
    db: &impl ConnectionTrait,
    year: i32,
    indicators: &[indicator::Model],
) -> ServiceResult<HashMap<(i32, i32), (i64, i64)>> {
    let december: HashMap<(i32, i32), i64> = measure_rollup::Entity::find()
        .filter(measure_rollup::Column::Year.eq(year))
        .filter(measure_rollup::Column::Month.eq(12))
        .all(db)
        .await?
        .into_iter()
        .map(|r| ((r.unit_id, r.measure_id), r.ytd_total))
        .collect();
    let units: std::collections::BTreeSet<i32> = december.keys().map(|(u, _)| *u).collect();
    let mut out = HashMap::new();
    for u in units {
        for ind in indicators {
            let Some(den) = ind.denominator_id else {
                continue;
            };
            let n = december.get(&(u, ind.numerator_id)).copied().unwrap_or(0);
            let d = december.get(&(u, den)).copied().unwrap_or(0);
            out.insert((u, ind.id), (n, d));
        }
    }
    Ok(out)
}

/// The demo accounts of [`ACCOUNTS`], with their units in force today and linked staff.
async fn create_accounts(db: &Db, w: &Writer<'_>) -> ServiceResult<()> {
    for (username, role, name, staff_k) in ACCOUNTS {
        let (unit, staff_id) = if name.is_empty() {
            (w.root, None)
        } else {
            let k = w
                .tree
                .in_force_named(name, w.era)
                .ok_or_else(|| anyhow::anyhow!("demo unit {name}"))?;
            let staff = staff_k
                .and_then(|n| w.tree.staff_of(k).nth(n))
                .map(|s| StaffId(s.id));
            (w.id(k)?, staff)
        };
        let account = users::NewUser {
            username: username.into(),
            password: DEMO_PASSWORD.into(),
            role,
            unit_id: UnitId(unit),
            staff_id,
        };
        users::create_unchecked(db, None, account).await?;
    }
    Ok(())
}

async fn max_id(db: &impl ConnectionTrait, table: &str) -> ServiceResult<i32> {
    let id: Option<i32> = match table {
        "units" => max_of::<unit::Entity, _>(db, unit::Column::Id).await?,
        "staff" => max_of::<staff::Entity, _>(db, staff::Column::Id).await?,
        "monthly_reports" => {
            max_of::<monthly_report::Entity, _>(db, monthly_report::Column::Id).await?
        }
        _ => max_of::<target::Entity, _>(db, target::Column::Id).await?,
    };
    Ok(id.unwrap_or(0))
}

async fn max_of<E: EntityTrait, C: ColumnTrait>(
    db: &impl ConnectionTrait,
    col: C,
) -> ServiceResult<Option<i32>> {
    Ok(E::find()
        .select_only()
        .column_as(col.max(), "m")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten())
}
