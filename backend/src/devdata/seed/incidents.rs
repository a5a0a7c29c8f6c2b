//! A few recorded violations by staff over 2022–2023 (delays, extra documents asked for,
//! harassment …) with their handling, so that the violations page and export show some.

use super::tree::Tree;
use crate::db::entities::violation;
use chrono::{Duration, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::Set;
use shared::{Handling, ViolationKind};

const WHAT: [(ViolationKind, &str, Handling); 8] = [
    (
        ViolationKind::Delay,
        "Giải quyết hồ sơ quá hạn, không có văn bản xin lỗi người dân",
        Handling::Reminder,
    ),
    (
        ViolationKind::Delay,
        "Chậm chuyển hồ sơ liên thông sang cơ quan phối hợp",
        Handling::Reprimand,
    ),
    (
        ViolationKind::Delay,
        "Trả kết quả trễ hẹn nhưng không thông báo cho người dân",
        Handling::None,
    ),
    (
        ViolationKind::ExtraDocuments,
        "Yêu cầu nộp thêm bản sao có chứng thực giấy tờ đã được số hóa",
        Handling::Reminder,
    ),
    (
        ViolationKind::ExtraDocuments,
        "Yêu cầu bổ sung giấy xác nhận cư trú ngoài quy định",
        Handling::Reprimand,
    ),
    (
        ViolationKind::Harassment,
        "Gây khó khăn, phiền hà cho người dân khi tiếp nhận hồ sơ",
        Handling::Warning,
    ),
    (
        ViolationKind::NegativeConduct,
        "Bị phản ánh qua đường dây nóng về biểu hiện tiêu cực khi giải quyết hồ sơ",
        Handling::Discipline,
    ),
    (
        ViolationKind::Other,
        "Không cập nhật trạng thái hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính",
        Handling::Reminder,
    ),
];

/// About thirty violations recorded by `recorder`, one of them in Xã An Phú.
pub fn plan(rng: &mut StdRng, tree: &Tree, recorder: i32) -> Vec<violation::ActiveModel> {
    let candidates: Vec<i32> = tree
        .units
        .iter()
        .filter(|u| u.quality < 0.8)
        .map(|u| u.id)
        .collect();
    let mut chosen: Vec<i32> = tree.unit("XAP").map(|u| u.id).into_iter().collect();
    for _ in 0..30 {
        if let Some(u) = candidates.get(rng.random_range(0..candidates.len().max(1))) {
            chosen.push(*u);
        }
    }
    let Some(start) = NaiveDate::from_ymd_opt(2022, 1, 3) else {
        return Vec::new();
    };
    let now = Utc::now();
    chosen
        .into_iter()
        .filter_map(|unit| {
            let staff: Vec<i32> = tree.staff_of(unit).skip(1).map(|s| s.id).collect();
            let who = staff.get(rng.random_range(0..staff.len().max(1))).copied();
            let (kind, description, handling) = WHAT[rng.random_range(0..WHAT.len())];
            let day = start + Duration::days(rng.random_range(0..725));
            let code = tree.units.iter().find(|u| u.id == unit)?.code.clone();
            Some(violation::ActiveModel {
                unit_id: Set(unit),
                staff_id: Set(who),
                occurred_on: Set(day),
                kind: Set(kind),
                description: Set(description.to_owned()),
                dossier_ref: Set(Some(format!(
                    "{code}-{}-{:04}",
                    day.format("%y%m%d"),
                    rng.random_range(1..2000)
                ))),
                handling: Set(handling),
                recorded_by: Set(recorder),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect()
}
