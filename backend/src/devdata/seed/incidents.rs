//! A few recorded violations by staff over the demo's calendar (delays, extra documents
//! asked for, harassment …) with their handling, so that the violations page and export
//! show some; each on a day its unit was in force.

use crate::db::entities::violation;
use chrono::{Duration, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::Set;
use shared::{Handling, ViolationKind};

/// A unit that may have violations: its id and code, its staff (head first) and the days
/// it was in force within the calendar.
pub struct Candidate {
    pub id: i32,
    pub code: String,
    pub staff: Vec<i32>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

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

/// About thirty violations recorded by `recorder` in the units of `laggards`, and one in
/// `first` (the demo officer's commune).
pub fn plan(
    rng: &mut StdRng,
    first: Option<&Candidate>,
    laggards: &[Candidate],
    recorder: i32,
) -> Vec<violation::ActiveModel> {
    let mut chosen: Vec<&Candidate> = first.into_iter().collect();
    for _ in 0..30 {
        if let Some(u) = laggards.get(rng.random_range(0..laggards.len().max(1))) {
            chosen.push(u);
        }
    }
    let now = Utc::now();
    chosen
        .into_iter()
        .filter(|u| u.from <= u.to)
        .map(|unit| {
            let staff: Vec<i32> = unit.staff.iter().skip(1).copied().collect();
            let who = staff.get(rng.random_range(0..staff.len().max(1))).copied();
            let (kind, description, handling) = WHAT[rng.random_range(0..WHAT.len())];
            let span = (unit.to - unit.from).num_days().max(0);
            let day = unit.from + Duration::days(rng.random_range(0..=span));
            violation::ActiveModel {
                unit_id: Set(unit.id),
                staff_id: Set(who),
                occurred_on: Set(day),
                kind: Set(kind),
                description: Set(description.to_owned()),
                dossier_ref: Set(Some(format!(
                    "{}-{}-{:04}",
                    unit.code,
                    day.format("%y%m%d"),
                    rng.random_range(1..2000)
                ))),
                handling: Set(handling),
                recorded_by: Set(recorder),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect()
}
