//! Demo data: a small but real province (departments with divisions, communes, staff, one
//! account per role, decision 55/QĐ-UBND with targets, and monthly figures for 2022 and
//! 2023) so that a newcomer sees something meaningful at once. Deterministic.

use super::{staff, units, users};
use crate::db::entities::{decision, measure, measure_value, monthly_report, target, unit};
use crate::db::{Db, rollups};
use crate::domain::input::Code;
use crate::error::{ServiceError, ServiceResult};
use chrono::{NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared::ids::UnitId;
use shared::measures::*;
use shared::{ReportStatus, Role, UnitKind};
use std::collections::HashMap;

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
/// of Xã An Phú, a viewer.
pub fn demo_accounts() -> Vec<DemoLogin> {
    [
        ("quanly", Role::Manager, "Tỉnh (toàn tỉnh)"),
        ("canbo.anphu", Role::Officer, "Xã An Phú"),
        ("lanhdao", Role::Viewer, "Tỉnh (toàn tỉnh)"),
    ]
    .into_iter()
    .map(|(u, role, unit)| DemoLogin {
        username: u.into(),
        role,
        unit: unit.into(),
    })
    .collect()
}

const DEPARTMENTS: [(&str, &str, [&str; 3]); 4] = [
    (
        "STP",
        "Sở Tư pháp",
        [
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
            "Văn phòng Sở",
        ],
    ),
    (
        "SXD",
        "Sở Xây dựng",
        [
            "Phòng Quản lý xây dựng",
            "Phòng Phát triển đô thị",
            "Văn phòng Sở",
        ],
    ),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        ["Phòng Đất đai", "Văn phòng Đăng ký đất đai", "Văn phòng Sở"],
    ),
    (
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        ["Phòng Đăng ký kinh doanh", "Phòng Tổng hợp", "Văn phòng Sở"],
    ),
];

const COMMUNES: [(&str, &str, UnitKind); 6] = [
    ("XAP", "Xã An Phú", UnitKind::Commune),
    ("XBH", "Xã Bình Hòa", UnitKind::Commune),
    ("PTT", "Phường Tân Thành", UnitKind::Commune),
    ("XLH", "Xã Long Hưng", UnitKind::Commune),
    ("PHL", "Phường Hòa Lợi", UnitKind::Commune),
    ("XMT", "Xã Mỹ Thạnh", UnitKind::Commune),
];

const FAMILY: [&str; 8] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Minh", "Thu", "Quốc", "Ngọc"];
const GIVEN: [&str; 10] = [
    "An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương",
];

/// Seeds the demo province under the root; refuses when demo data is already there.
pub async fn seed_demo(db: &Db) -> ServiceResult<Vec<DemoLogin>> {
    let root = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::conflict("set the database up first (chitieu setup)"))?;
    if unit::Entity::find()
        .filter(unit::Column::Code.eq("XAP"))
        .one(db.conn())
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict("the demo data is already there"));
    }
    let mut rng = StdRng::seed_from_u64(55);
    let root_id = UnitId(root.id);
    let txn = db.write().await?;
    let mut reporting: Vec<(UnitId, f64, f64)> = Vec::new(); // unit, volume, quality
    let mut all_units = vec![root_id];
    let mut commune_ids = Vec::new();
    for (i, (code, name, divisions)) in DEPARTMENTS.iter().enumerate() {
        let d = units::create_in(
            &*txn,
            None,
            code_of(code)?,
            (*name).to_owned(),
            UnitKind::Department,
            Some(root_id),
        )
        .await?;
        all_units.push(d.id);
        reporting.push((d.id, 300.0 + 200.0 * i as f64, 0.85 + 0.04 * i as f64));
        for (j, div) in divisions.iter().enumerate() {
            let dv = units::create_in(
                &*txn,
                None,
                code_of(&format!("{code}.{}", j + 1))?,
                (*div).to_owned(),
                UnitKind::Division,
                Some(d.id),
            )
            .await?;
            all_units.push(dv.id);
            reporting.push((dv.id, 60.0 + 40.0 * j as f64, 0.8 + 0.05 * j as f64));
        }
    }
    for (i, (code, name, kind)) in COMMUNES.iter().enumerate() {
        let c = units::create_in(
            &*txn,
            None,
            code_of(code)?,
            (*name).to_owned(),
            *kind,
            Some(root_id),
        )
        .await?;
        all_units.push(c.id);
        commune_ids.push(c.id);
        let laggard = i == 3;
        reporting.push((
            c.id,
            120.0 + 70.0 * i as f64,
            if laggard { 0.55 } else { 0.8 + 0.03 * i as f64 },
        ));
    }
    let mut officer_staff = None;
    for (n, u) in all_units.iter().enumerate() {
        for k in 0..4 {
            let full = format!(
                "{} {} {}",
                FAMILY[(n + k) % 8],
                MIDDLE[(n * 3 + k) % 6],
                GIVEN[(n * 7 + k * 3) % 10]
            );
            let position = if k == 0 {
                "Thủ trưởng đơn vị"
            } else if k == 1 {
                "Cán bộ đầu mối"
            } else {
                "Chuyên viên"
            };
            let s = staff::insert(&*txn, None, *u, full, position.to_owned(), k == 0, None).await?;
            if *u == commune_ids[0] && k == 1 {
                officer_staff = Some(s.id);
            }
        }
    }
    let measures: HashMap<String, i32> = measure::Entity::find()
        .all(&*txn)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect();
    let decision_row = decision::ActiveModel {
        number: Set("55/QĐ-UBND".into()),
        title: Set("Giao chỉ tiêu triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến và giải quyết hồ sơ thủ tục hành chính năm 2023".into()),
        issued_on: Set(NaiveDate::from_ymd_opt(2023, 2, 8).ok_or_else(|| anyhow::anyhow!("date"))?),
        year: Set(2023),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let indicators = crate::db::entities::indicator::Entity::find()
        .all(&*txn)
        .await?;
    let goals: HashMap<&str, f64> = [
        ("DIGITIZATION_RATE", 80.0),
        ("E_RESULT_RATE", 90.0),
        ("REUSE_RATE", 50.0),
        ("FULL_ONLINE_RATE", 50.0),
        ("ONLINE_SUBMISSION_RATE", 80.0),
        ("ONLINE_PAYMENT_RATE", 60.0),
        ("ON_TIME_RATE", 98.0),
        ("FEEDBACK_ON_TIME_RATE", 100.0),
    ]
    .into_iter()
    .collect();
    for u in &all_units {
        for ind in &indicators {
            let goal = goals.get(ind.code.as_str()).copied().unwrap_or(80.0);
            target::ActiveModel {
                decision_id: Set(decision_row.id),
                unit_id: Set(u.0),
                indicator_id: Set(ind.id),
                year: Set(2023),
                value: Set(goal),
                baseline: Set(None),
                responsible_staff_id: Set(None),
                version: Set(1),
                split_grain: Set(None),
                ..Default::default()
            }
            .insert(&*txn)
            .await?;
        }
    }
    let now = Utc::now();
    for (u, volume, quality) in &reporting {
        for year in [2022, 2023] {
            let q = if year == 2022 {
                quality * 0.85
            } else {
                *quality
            };
            for month in 1..=12u32 {
                let status = if year == 2022 || month <= 10 {
                    ReportStatus::Approved
                } else {
                    ReportStatus::Submitted
                };
                let report = monthly_report::ActiveModel {
                    unit_id: Set(u.0),
                    year: Set(year),
                    month: Set(month as i32),
                    status: Set(status.as_str().into()),
                    comment: Set(None),
                    version: Set(2),
                    updated_at: Set(now),
                    updated_by: Set(None),
                    ..Default::default()
                }
                .insert(&*txn)
                .await?;
                let figures = month_figures(&mut rng, *volume, q, month);
                let rows: Vec<_> = figures
                    .iter()
                    .filter_map(|(code, v)| measures.get(*code).map(|id| (id, v)))
                    .map(|(id, v)| measure_value::ActiveModel {
                        unit_id: Set(u.0),
                        measure_id: Set(*id),
                        year: Set(year),
                        month: Set(month as i32),
                        report_id: Set(report.id),
                        value: Set(*v),
                        source: Set("IMPORT".into()),
                        source_ref: Set(Some("demo".into())),
                        updated_at: Set(now),
                        updated_by: Set(None),
                    })
                    .collect();
                measure_value::Entity::insert_many(rows).exec(&*txn).await?;
            }
        }
    }
    rollups::rebuild(&*txn).await?;
    txn.commit().await?;

    let scopes = [root_id, commune_ids[0], root_id];
    let staff_links = [None, officer_staff, None];
    for ((account, unit_id), staff_id) in demo_accounts().iter().zip(scopes).zip(staff_links) {
        let cmd = users::NewUser {
            username: account.username.clone(),
            password: DEMO_PASSWORD.into(),
            role: account.role,
            unit_id,
            staff_id,
        };
        users::create_unchecked(db, None, cmd).await?;
    }
    Ok(demo_accounts())
}

fn code_of(s: &str) -> ServiceResult<Code> {
    Ok(Code::parse("code", s)?)
}

/// One month of consistent figures for a unit of the given volume and quality (0–1).
pub(crate) fn month_figures(
    rng: &mut StdRng,
    volume: f64,
    quality: f64,
    month: u32,
) -> Vec<(&'static str, i64)> {
    let season = match month {
        1 => 0.8,
        2 => 0.6,
        12 => 1.25,
        _ => 1.0,
    };
    let received = (volume * season * rng.random_range(0.85..1.15))
        .round()
        .max(1.0) as i64;
    let frac = |rng: &mut StdRng, base: f64| (base * rng.random_range(0.92..1.05)).clamp(0.0, 1.0);
    let part = |n: i64, f: f64| ((n as f64) * f).round() as i64;
    let online = part(received, frac(rng, quality));
    let full = part(online, frac(rng, quality * 0.75));
    let digitized = part(received, frac(rng, quality * 0.95));
    let reused = part(received, frac(rng, quality * 0.55));
    let fee = part(received, rng.random_range(0.2..0.45));
    let paid = part(fee, frac(rng, quality * 0.8));
    let due = part(received, rng.random_range(0.95..1.1));
    let on_time = part(due, frac(rng, 0.9 + quality * 0.1));
    let settled = part(due, rng.random_range(0.85..0.97));
    let e_result = part(settled, frac(rng, quality));
    let feedback = rng.random_range(0..6);
    let feedback_on_time = part(feedback, frac(rng, 0.7 + quality * 0.3));
    vec![
        (RECEIVED, received),
        (RECEIVED_ONLINE, online),
        (FULL_ONLINE, full),
        (DIGITIZED, digitized),
        (REUSED, reused),
        (FEE_BEARING, fee),
        (PAID_ONLINE, paid),
        (DUE, due),
        (ON_TIME, on_time),
        (SETTLED, settled),
        (E_RESULT, e_result),
        (FEEDBACK, feedback),
        (FEEDBACK_ON_TIME, feedback_on_time),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn demo_figures_always_respect_the_consistency_rules(seed in 0u64..1000, volume in 1.0f64..10_000.0, quality in 0.0f64..1.0, month in 1u32..=12) {
            let mut rng = StdRng::seed_from_u64(seed);
            let figures: HashMap<&str, i64> = month_figures(&mut rng, volume, quality, month).into_iter().collect();
            prop_assert!(shared::validation::check_consistency(|c| figures.get(c).copied()).is_empty());
            prop_assert!(figures.values().all(|v| *v >= 0));
        }
    }
}
