//! The demo's follow-through: explanation requests in every state on communes whose
//! indicators really are off track at their latest approved month — Xã An Phú's asked and
//! not yet given (for its head, `truong.anphu`), one given and waiting for the province's
//! review, one sent back, one accepted with its corrective actions (one done, one overdue),
//! one closed when the indicator came back on track, and one missing explanation turned
//! into a recorded violation — and the comments of the months sent back.

use super::calendar::{DemoCalendar, REJECTION};
use crate::db::entities::{comment, corrective_action, explanation_request, violation};
use crate::db::{ConnectionTrait, Db, closure::Scope, staff, units};
use crate::domain::follow_up::{auto_key, back_on_track_note};
use crate::error::ServiceResult;
use crate::service::cycle::off_track;
use crate::service::results::{Basis, compute_periods};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared::ids::{IndicatorId, UnitId, UserId};
use shared::{
    ActionStatus, CommentKind, CommentSubject, ExplanationStatus, Handling, ReportStatus,
    TrackStatus, UnitKind, ViolationKind,
};

/// A unit's indicator and its status at the unit's latest approved month.
#[derive(Debug, Clone, Copy)]
struct Standing {
    unit: UnitId,
    indicator: IndicatorId,
    month: u32,
    status: TrackStatus,
}

/// The statuses of the communes in force at their latest approved month of the year.
async fn standings(db: &impl ConnectionTrait, today: NaiveDate) -> ServiceResult<Vec<Standing>> {
    let year = today.year();
    let communes =
        units::active_in(db, Scope::Everything, Some(UnitKind::Commune), None, today).await?;
    let by_month = off_track::by_latest_month(db, &communes, year).await?;
    let indicators = off_track::active_indicators(db).await?;
    let mut out = Vec::new();
    for (month, group) in by_month {
        let period = shared::Period::ytd(year, month)?;
        let computed =
            compute_periods(db, &group, &indicators, &[period], Basis::ApprovedOnly).await?;
        for row in computed.into_iter().flatten().flat_map(|(_, rows)| rows) {
            out.push(Standing {
                unit: row.unit_id,
                indicator: row.indicator_id,
                month,
                status: row.eval.status,
            });
        }
    }
    out.sort_by_key(|s| (s.unit, s.indicator));
    Ok(out)
}

/// 09:00 in Vietnam on `day`.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    let at = day.and_hms_opt(2, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&at)
}

/// A request of `s` in `status`, asked `asked_days` days before `today`.
fn request(
    s: &Standing,
    status: ExplanationStatus,
    today: NaiveDate,
    asked_days: i64,
) -> explanation_request::ActiveModel {
    let asked = today - Duration::days(asked_days);
    explanation_request::ActiveModel {
        unit_id: Set(s.unit.0),
        indicator_id: Set(s.indicator.0),
        year: Set(today.year()),
        month: Set(s.month as i32),
        status: Set(status),
        track_status: Set(s.status),
        auto_key: Set(Some(auto_key(s.unit, s.indicator, today.year(), s.month))),
        requested_by: Set(None),
        requested_at: Set(morning(asked)),
        due_on: Set(asked + Duration::days(7)),
        version: Set(1),
        ..Default::default()
    }
}

/// The demo's requests, actions, violation and comments (see the module).
pub async fn seed_follow_up(
    db: &Db,
    cal: &DemoCalendar,
    an_phu: Option<UnitId>,
    reviewer: UserId,
) -> ServiceResult<()> {
    let today = cal.today();
    let conn = db.conn();
    let all = standings(conn, today).await?;
    let mut used: Vec<UnitId> = Vec::new();
    let mut pick = |pred: &dyn Fn(&Standing) -> bool| -> Option<Standing> {
        let s = all.iter().find(|s| !used.contains(&s.unit) && pred(s))?;
        used.push(s.unit);
        Some(*s)
    };
    let is_an_phu = |s: &Standing| Some(s.unit) == an_phu;
    let own = pick(&|s| is_an_phu(s) && s.status == TrackStatus::OffTrack)
        .or_else(|| pick(&|s| is_an_phu(s) && s.status == TrackStatus::AtRisk));
    let not_an_phu = |s: &Standing| !is_an_phu(s) && s.status == TrackStatus::OffTrack;
    let submitted = pick(&not_an_phu);
    let returned = pick(&not_an_phu);
    let accepted = pick(&not_an_phu);
    let missing = pick(&not_an_phu);
    let recovered = pick(&|s| !is_an_phu(s) && s.status == TrackStatus::OnTrack && s.month > 2);
    let txn = db.write().await?;
    let reviewed = morning(today - Duration::days(3));
    if let Some(s) = own {
        let mut r = request(&s, ExplanationStatus::Open, today, 2);
        r.due_on = Set(today + Duration::days(5));
        r.insert(&*txn).await?;
    }
    if let Some(s) = submitted {
        let mut r = request(&s, ExplanationStatus::Submitted, today, 6);
        explained(&mut r, &*txn, 1, "Tháng qua lượng hồ sơ trực tuyến giảm do người dân chưa quen thao tác; xã đã cử cán bộ hướng dẫn tại bộ phận một cửa.", morning(today - Duration::days(2))).await?;
        let saved = r.insert(&*txn).await?;
        actions(&*txn, &saved, today, &[(10, false)]).await?;
    }
    if let Some(s) = returned {
        let mut r = request(&s, ExplanationStatus::Returned, today, 9);
        explained(
            &mut r,
            &*txn,
            3,
            "Do thiếu cán bộ.",
            morning(today - Duration::days(6)),
        )
        .await?;
        r.reviewed_by = Set(Some(reviewer.0));
        r.reviewed_at = Set(Some(reviewed));
        r.review_comment = Set(Some("Giải trình còn chung chung: đề nghị nêu rõ số hồ sơ, nguyên nhân và biện pháp cụ thể, thời hạn hoàn thành.".into()));
        r.version = Set(3);
        let saved = r.insert(&*txn).await?;
        actions(&*txn, &saved, today, &[(20, false)]).await?;
    }
    if let Some(s) = accepted {
        let mut r = request(&s, ExplanationStatus::Accepted, today, 40);
        explained(&mut r, &*txn, 2, "Hệ thống một cửa điện tử gián đoạn nhiều ngày trong tháng, hồ sơ phải tiếp nhận trực tiếp. Xã đề xuất các biện pháp dưới đây để bù lại trong quý IV.", morning(today - Duration::days(36))).await?;
        r.reviewed_by = Set(Some(reviewer.0));
        r.reviewed_at = Set(Some(morning(today - Duration::days(34))));
        r.review_comment = Set(Some(
            "Đồng ý với giải trình và các biện pháp; đề nghị báo cáo kết quả hằng tháng.".into(),
        ));
        r.version = Set(3);
        let saved = r.insert(&*txn).await?;
        actions(&*txn, &saved, today, &[(-20, true), (-4, false)]).await?;
    }
    if let Some(s) = recovered {
        let month = s.month - 2;
        let mut r = request(&s, ExplanationStatus::Closed, today, 75);
        r.month = Set(month as i32);
        r.track_status = Set(TrackStatus::OffTrack);
        r.auto_key = Set(Some(auto_key(s.unit, s.indicator, today.year(), month)));
        explained(
            &mut r,
            &*txn,
            1,
            "Người dân còn nộp hồ sơ trực tiếp; xã tổ chức tổ hỗ trợ nộp trực tuyến.",
            morning(today - Duration::days(70)),
        )
        .await?;
        r.reviewed_by = Set(Some(reviewer.0));
        r.reviewed_at = Set(Some(morning(today - Duration::days(68))));
        r.closed_at = Set(Some(morning(today - Duration::days(20))));
        r.close_note = Set(Some(back_on_track_note(today.year(), s.month)));
        r.version = Set(4);
        let saved = r.insert(&*txn).await?;
        actions(&*txn, &saved, today, &[(-45, true)]).await?;
    }
    if let Some(s) = missing {
        let mut r = request(&s, ExplanationStatus::Closed, today, 25);
        r.closed_at = Set(Some(reviewed));
        r.close_note = Set(Some(
            "Đơn vị không gửi giải trình đúng hạn: đã ghi nhận vi phạm.".into(),
        ));
        r.version = Set(2);
        let saved = r.insert(&*txn).await?;
        let head = staff::of_unit(&*txn, crate::db::closure::Scope::Everything, s.unit, false)
            .await?
            .into_iter()
            .find(|p| p.is_head && p.active);
        let v = violation::ActiveModel {
            unit_id: Set(s.unit.0),
            staff_id: Set(head.map(|h| h.id.0)),
            occurred_on: Set(saved.due_on + Duration::days(1)),
            kind: Set(ViolationKind::Delay),
            description: Set("Không gửi giải trình về chỉ tiêu chậm tiến độ đúng hạn.".into()),
            dossier_ref: Set(None),
            handling: Set(Handling::Reminder),
            recorded_by: Set(reviewer.0),
            created_at: Set(reviewed),
            explanation_request_id: Set(Some(saved.id)),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        let mut linked: explanation_request::ActiveModel = saved.into();
        linked.violation_id = Set(Some(v.id));
        linked.update(&*txn).await?;
    }
    rejection_comments(&*txn, cal, reviewer).await?;
    txn.commit().await?;
    Ok(())
}

/// Fills the explanation of `r`: the cause at `position` of the catalogue, the reason, when.
async fn explained(
    r: &mut explanation_request::ActiveModel,
    db: &impl ConnectionTrait,
    position: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> ServiceResult<()> {
    use crate::db::entities::explanation_cause;
    let cause = explanation_cause::Entity::find()
        .filter(explanation_cause::Column::Position.eq(position))
        .one(db)
        .await?;
    r.cause_id = Set(cause.map(|c| c.id));
    r.reason = Set(Some(reason.into()));
    r.submitted_at = Set(Some(at));
    Ok(())
}

/// What the demo's actions say (description, expected effect).
const ACTIONS: [(&str, &str); 2] = [
    (
        "Cử cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến tại bộ phận một cửa",
        "+40 hồ sơ toàn trình/tháng",
    ),
    (
        "Phối hợp Đoàn thanh niên tổ chức tổ hỗ trợ dịch vụ công trực tuyến tại các thôn",
        "+25 hồ sơ trực tuyến/tháng",
    ),
];

/// The actions of `r`: for each `(days from today to its due day, done)`, owned by the
/// unit's staff in turn; a done action was done two days before its due day.
async fn actions(
    db: &impl ConnectionTrait,
    r: &explanation_request::Model,
    today: NaiveDate,
    plan: &[(i64, bool)],
) -> ServiceResult<()> {
    let people = staff::of_unit(
        db,
        crate::db::closure::Scope::Everything,
        UnitId(r.unit_id),
        false,
    )
    .await?;
    let people: Vec<_> = people.into_iter().filter(|p| p.active).collect();
    for (k, (days, done)) in plan.iter().enumerate() {
        let Some(owner) = people.get((k + 1) % people.len().max(1)) else {
            continue;
        };
        let (what, effect) = ACTIONS[k % ACTIONS.len()];
        let due = today + Duration::days(*days);
        corrective_action::ActiveModel {
            request_id: Set(r.id),
            position: Set(k as i32),
            description: Set(what.into()),
            owner_staff_id: Set(owner.id.0),
            due_on: Set(due),
            expected_effect: Set(Some(effect.into())),
            status: Set(if *done {
                ActionStatus::Done
            } else {
                ActionStatus::Planned
            }),
            done_at: Set(done.then(|| morning(due - Duration::days(2)))),
            done_note: Set(done.then(|| "Đã triển khai, có báo cáo kèm theo.".to_owned())),
            created_at: Set(r.submitted_at.unwrap_or(r.requested_at)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The comment each month sent back carries, written by the reviewer.
async fn rejection_comments(
    db: &impl ConnectionTrait,
    cal: &DemoCalendar,
    reviewer: UserId,
) -> ServiceResult<()> {
    use crate::db::entities::monthly_report;
    let (year, month) = cal.last_month();
    let rejected = monthly_report::Entity::find()
        .filter(monthly_report::Column::Year.eq(year))
        .filter(monthly_report::Column::Month.eq(month as i32))
        .filter(monthly_report::Column::Status.eq(ReportStatus::Rejected))
        .all(db)
        .await?;
    for r in rejected {
        comment::ActiveModel {
            subject: Set(CommentSubject::Report),
            unit_id: Set(r.unit_id),
            year: Set(Some(year)),
            month: Set(Some(month as i32)),
            kind: Set(CommentKind::Rejection),
            author_id: Set(reviewer.0),
            body: Set(REJECTION.into()),
            created_at: Set(r.updated_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
