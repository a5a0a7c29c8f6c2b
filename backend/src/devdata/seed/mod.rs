//! Demo data: a realistic province (15 departments with their divisions, the public
//! administration service centre, 148 communes and wards, ~1,500 staff), one account per
//! role, decision 55/QĐ-UBND with targets and milestones for every unit, personal targets,
//! monthly figures for 2022 and 2023 and a few violations, so that every page shows
//! something meaningful. Deterministic; written in bulk, then one roll-up rebuild.

mod figures;
mod goals;
mod incidents;
mod province;
mod tree;

pub(crate) use figures::month_figures;

use super::rows::{self, MonthOf, after_bulk_load, bulk};
use crate::db::entities::{decision, indicator, monthly_report, staff, target, unit};
use crate::db::{Db, closure, rollups, units};
use crate::error::{ServiceError, ServiceResult};
use crate::service::users;
use chrono::{NaiveDate, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set,
};
use shared::ids::{StaffId, UnitId};
use shared::{ReportStatus, Role};
use std::collections::HashMap;
use tree::Tree;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "ChiTieu@2023";

/// A demo account to print.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: String,
    pub role: Role,
    pub unit: String,
}

/// The demo accounts besides the ADMIN of set-up: a manager of the province, an officer
/// of Xã An Phú, a viewer, and the manager of Sở Tư pháp.
pub fn demo_accounts() -> Vec<DemoLogin> {
    ACCOUNTS
        .iter()
        .map(|(u, role, _, unit, _)| DemoLogin {
            username: (*u).into(),
            role: *role,
            unit: (*unit).into(),
        })
        .collect()
}

/// (username, role, unit code or "" for the root, unit name, index of the linked staff).
const ACCOUNTS: [(&str, Role, &str, &str, Option<usize>); 4] = [
    ("quanly", Role::Manager, "", "Tỉnh (toàn tỉnh)", None),
    ("canbo.anphu", Role::Officer, "XAP", "Xã An Phú", Some(1)),
    ("lanhdao", Role::Viewer, "", "Tỉnh (toàn tỉnh)", None),
    ("quanly.stp", Role::Manager, "STP", "Sở Tư pháp", Some(0)),
];

/// What was written, for the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub units: usize,
    pub staff: usize,
    pub values: usize,
    pub targets: usize,
    pub violations: usize,
}

/// Seeds the demo province under the root; refuses when demo data is already there.
pub async fn seed_demo(db: &Db) -> ServiceResult<Vec<DemoLogin>> {
    seed_demo_with_summary(db).await.map(|(l, _)| l)
}

/// [`seed_demo`], also returning what was written.
pub async fn seed_demo_with_summary(db: &Db) -> ServiceResult<(Vec<DemoLogin>, Summary)> {
    let root = empty_root(db).await?;
    let mut rng = StdRng::seed_from_u64(55);
    let tree = tree::build(
        &mut rng,
        root,
        max_id(db.conn(), "units").await? + 1,
        max_id(db.conn(), "staff").await? + 1,
    );
    let mut summary = Summary {
        units: tree.units.len(),
        staff: tree.staff.len(),
        ..Summary::default()
    };
    write_province(db, &mut rng, &tree, root, &mut summary).await?;
    after_bulk_load(db, &["units", "staff", "monthly_reports", "targets"]).await?;
    create_accounts(db, &tree, root).await?;
    let recorder = crate::db::users::first_admin(db.conn())
        .await?
        .ok_or_else(|| ServiceError::conflict("the database has no ADMIN"))?;
    let violations = incidents::plan(&mut rng, &tree, recorder.0);
    summary.violations = violations.len();
    let txn = db.write().await?;
    bulk(&*txn, violations, CHUNK).await?;
    txn.commit().await?;
    Ok((demo_accounts(), summary))
}

/// Rows per insert statement.
const CHUNK: usize = 2000;

/// The root of a set-up database without the demo.
async fn empty_root(db: &Db) -> ServiceResult<i32> {
    let root = units::first_root(db.conn())
        .await?
        .ok_or_else(|| ServiceError::conflict("set the database up first (chitieu setup)"))?;
    if units::id_by_code(db.conn(), "XAP").await?.is_some() {
        return Err(ServiceError::conflict("the demo data is already there"));
    }
    Ok(root.0)
}

/// Writes, in one transaction, the units and staff, two years of figures, decision
/// 55/QĐ-UBND with its targets, milestones and personal targets, and the roll-ups.
async fn write_province(
    db: &Db,
    rng: &mut StdRng,
    tree: &Tree,
    root: i32,
    summary: &mut Summary,
) -> ServiceResult<()> {
    let txn = db.write().await?;
    write_units(&*txn, tree, root).await?;
    let measures = rows::measure_ids(&*txn).await?;
    let first_report = max_id(&*txn, "monthly_reports").await? + 1;
    let own_2022 = write_figures(&*txn, rng, tree, &measures, first_report, summary).await?;
    let decision_id = insert_decision(&*txn).await?;
    let indicators = indicator::Entity::find()
        .order_by_asc(indicator::Column::Position)
        .all(&*txn)
        .await?;
    let last_year = subtree_sums(tree, root, &own_2022, &indicators);
    let first_target = max_id(&*txn, "targets").await? + 1;
    let plan = goals::plan(
        rng,
        tree,
        root,
        decision_id,
        first_target,
        &indicators,
        &last_year,
    );
    summary.targets = plan.targets.len();
    bulk(&*txn, plan.targets, CHUNK).await?;
    bulk(&*txn, plan.milestones, CHUNK).await?;
    bulk(&*txn, plan.staff_targets, CHUNK).await?;
    rollups::rebuild(&*txn).await?;
    let written = serde_json::json!({"units": summary.units, "staff": summary.staff, "values": summary.values});
    crate::service::audit::record(&*txn, None, "seedDemo", "unit", root, None, Some(written))
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Decision 55/QĐ-UBND of 8 February 2023; returns its id.
async fn insert_decision(db: &impl ConnectionTrait) -> ServiceResult<i32> {
    let row = decision::ActiveModel {
        number: Set("55/QĐ-UBND".into()),
        title: Set("Giao chỉ tiêu triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến và giải quyết hồ sơ thủ tục hành chính năm 2023".into()),
        issued_on: Set(NaiveDate::from_ymd_opt(2023, 2, 8).ok_or_else(|| anyhow::anyhow!("date"))?),
        year: Set(2023),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The demo accounts of [`ACCOUNTS`], with their units and linked staff.
async fn create_accounts(db: &Db, tree: &Tree, root: i32) -> ServiceResult<()> {
    for (username, role, code, _, staff_k) in ACCOUNTS {
        let unit = if code.is_empty() {
            Some(root)
        } else {
            tree.unit(code).map(|u| u.id)
        }
        .ok_or_else(|| anyhow::anyhow!("demo unit {code}"))?;
        let staff_id = staff_k
            .and_then(|k| tree.staff_of(unit).nth(k))
            .map(|s| StaffId(s.id));
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

async fn write_units(db: &impl ConnectionTrait, tree: &Tree, root: i32) -> ServiceResult<()> {
    let now = Utc::now();
    let units: Vec<unit::ActiveModel> = tree
        .units
        .iter()
        .map(|u| unit::ActiveModel {
            id: Set(u.id),
            code: Set(u.code.clone()),
            name: Set(u.name.clone()),
            kind: Set(u.kind),
            parent_id: Set(Some(u.parent)),
            active: Set(true),
            created_at: Set(now),
            valid_from: Set(None),
            valid_to: Set(None),
        })
        .collect();
    bulk(db, units, CHUNK).await?;
    let parent_of: HashMap<i32, i32> = tree.units.iter().map(|u| (u.id, u.parent)).collect();
    closure::insert_tree(db, root, &parent_of).await?;
    let staff: Vec<staff::ActiveModel> = tree
        .staff
        .iter()
        .map(|s| staff::ActiveModel {
            id: Set(s.id),
            unit_id: Set(s.unit_id),
            full_name: Set(s.full_name.clone()),
            position: Set(s.position.clone()),
            is_head: Set(s.is_head),
            email: Set(None),
            active: Set(true),
        })
        .collect();
    bulk(db, staff, CHUNK).await
}

/// The state of a unit's month: most months approved, October's sometimes sent back,
/// November's submitted, December's submitted, in draft or not yet reported.
fn report_state(
    i: usize,
    year: i32,
    month: u32,
) -> Option<(ReportStatus, i32, Option<&'static str>)> {
    match (year, month) {
        (2023, 10) if i % 29 == 7 => Some((
            ReportStatus::Rejected,
            3,
            Some("Số liệu hồ sơ đúng hạn chưa khớp với Cổng Dịch vụ công, đề nghị rà soát lại"),
        )),
        (2023, 11) => Some((ReportStatus::Submitted, 2, None)),
        (2023, 12) => match i % 10 {
            9 => None,
            0..=4 => Some((ReportStatus::Submitted, 2, None)),
            _ => Some((ReportStatus::Draft, 1, None)),
        },
        _ => Some((ReportStatus::Approved, 3, None)),
    }
}

/// Writes the reports and figures of 2022 and 2023; returns each unit's own 2022 totals
/// by measure id.
async fn write_figures(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    tree: &Tree,
    measures: &HashMap<String, i32>,
    mut report_id: i32,
    summary: &mut Summary,
) -> ServiceResult<HashMap<(i32, i32), i64>> {
    let now = Utc::now();
    let mut own_2022: HashMap<(i32, i32), i64> = HashMap::new();
    for year in [2022, 2023] {
        let mut reports = Vec::new();
        let mut values = Vec::new();
        for (i, u) in tree.units.iter().enumerate() {
            for month in 1..=12u32 {
                let Some((status, version, comment)) = report_state(i, year, month) else {
                    continue;
                };
                let at = MonthOf {
                    unit: u.id,
                    year,
                    month,
                    now,
                };
                reports.push(rows::report(report_id, at, status, version, comment));
                let volume = figures::monthly_volume(u.yearly, year, month);
                let quality = figures::quality_in(u.quality, year, month);
                for (code, v) in figures::figures(rng, volume, quality) {
                    let Some(mid) = measures.get(code) else {
                        continue;
                    };
                    if year == 2022 {
                        *own_2022.entry((u.id, *mid)).or_default() += v;
                    }
                    values.push(rows::figure(at, report_id, *mid, v, "demo"));
                }
                report_id += 1;
            }
        }
        summary.values += values.len();
        bulk(db, reports, CHUNK).await?;
        bulk(db, values, CHUNK).await?;
    }
    Ok(own_2022)
}

/// A unit's 2022 (numerator, denominator) of each rate indicator over its subtree.
fn subtree_sums(
    tree: &Tree,
    root: i32,
    own: &HashMap<(i32, i32), i64>,
    indicators: &[indicator::Model],
) -> HashMap<(i32, i32), (i64, i64)> {
    let parent: HashMap<i32, i32> = tree.units.iter().map(|u| (u.id, u.parent)).collect();
    let mut out: HashMap<(i32, i32), (i64, i64)> = HashMap::new();
    for u in &tree.units {
        for ind in indicators {
            let Some(den) = ind.denominator_id else {
                continue;
            };
            let n = own.get(&(u.id, ind.numerator_id)).copied().unwrap_or(0);
            let d = own.get(&(u.id, den)).copied().unwrap_or(0);
            let mut at = Some(u.id);
            while let Some(a) = at {
                let e = out.entry((a, ind.id)).or_default();
                e.0 += n;
                e.1 += d;
                at = if a == root {
                    None
                } else {
                    parent.get(&a).copied()
                };
            }
        }
    }
    out
}
