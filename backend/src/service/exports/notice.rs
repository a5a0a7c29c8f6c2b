//! The results notice (Thông báo kết quả) of a unit for a period, as the caller may see
//! it: the query parameters of `GET /export/notice` (and `chitieu export notice`), and the
//! data gathered for [`crate::domain::notice::Notice`] — the ranking of the unit's units with
//! the previous period's, who is off track, who reported late (the reporting calendar's
//! deadlines), and the unit's own indicators. A unit outside the caller's scope is
//! NOT_FOUND, as in every export.

use super::UnitRef;
use crate::auth::Actor;
use crate::db::{self, Db};
use crate::domain::model::Indicator;
use crate::domain::notice::{
    IndicatorLine, LIST_LIMIT, LateLine, Notice, RankLine, WatchLine, late_list, watch_list,
};
use crate::error::{ServiceError, ServiceResult};
use crate::render::Rendered;
use crate::service::access::OrNotFound;
use crate::service::cycle::timeliness;
use crate::service::results::{self, Basis};
use shared::ids::{IndicatorId, UnitId};
use shared::{Period, PeriodKind, TrackStatus};
use std::collections::HashMap;

/// The export's name, as in `/export/notice`.
pub const NOTICE: &str = "notice";

/// Which notice: a unit and a period.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRequest {
    /// The unit as typed (a code or an id); the caller's own unit when absent.
    pub unit: Option<UnitRef>,
    pub period: Period,
}

fn param<'a>(p: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    p.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn whole(p: &HashMap<String, String>, name: &str, what: &str) -> ServiceResult<Option<i64>> {
    param(p, name)
        .map(|s| {
            s.parse::<i64>().map_err(|_| {
                ServiceError::validation(
                    name,
                    format!("{what} phải là số nguyên, không phải {s:?}."),
                )
            })
        })
        .transpose()
}

impl NoticeRequest {
    /// Reads `unit` (an id or a code; the caller's own unit when absent), `year`, `period` (MONTH — the default —, QUARTER,
    /// YTD or YEAR), `month` or `index` (the month, or the quarter), and `format` (pdf, the
    /// only one). Every refusal says what was wrong in Vietnamese, with its field.
    pub fn parse(p: &HashMap<String, String>) -> ServiceResult<NoticeRequest> {
        if let Some(f) = param(p, "format").filter(|f| !f.eq_ignore_ascii_case("pdf")) {
            return Err(ServiceError::validation(
                "format",
                format!("Thông báo chỉ có định dạng PDF, không có {f:?}."),
            ));
        }
        let unit = param(p, "unit").map(|u| UnitRef(u.to_owned()));
        let year = whole(p, "year", "Năm")?
            .ok_or_else(|| ServiceError::validation("year", "Hãy chọn năm (year)."))?;
        let year = i32::try_from(year).map_err(|_| {
            ServiceError::validation("year", format!("Năm {year} nằm ngoài khoảng cho phép."))
        })?;
        let kind = match param(p, "period") {
            None => PeriodKind::Month,
            Some(k) => k.to_ascii_uppercase().parse().map_err(|_| {
                ServiceError::validation(
                    "period",
                    format!(
                        "Kỳ {k:?} không hợp lệ: chọn MONTH (tháng), QUARTER (quý), YTD (lũy kế) hoặc YEAR (năm)."
                    ),
                )
            })?,
        };
        let index = match whole(p, "index", "Kỳ")? {
            Some(i) => Some(i),
            None => whole(p, "month", "Tháng")?,
        };
        let index = match kind {
            PeriodKind::Ytd | PeriodKind::Year => index.or(Some(12)),
            _ => index,
        };
        let period = Period::new(year, kind, index).map_err(|e| {
            let message = match (e.field, kind) {
                ("year", _) => format!("Năm {year} nằm ngoài khoảng cho phép."),
                (_, PeriodKind::Quarter) => "Hãy chọn quý từ 1 đến 4 (index).".to_owned(),
                _ => "Hãy chọn tháng từ 1 đến 12 (month).".to_owned(),
            };
            ServiceError::validation(e.field, message)
        })?;
        Ok(NoticeRequest { unit, period })
    }
}

/// The notice as the caller may see it, drawn as a PDF off the async workers.
pub async fn pdf(actor: &Actor, db: &Db, req: &NoticeRequest) -> ServiceResult<Rendered> {
    let data = load(actor, db, req).await?;
    tokio::task::spawn_blocking(move || crate::render::notice::file(&data))
        .await
        .map_err(|e| anyhow::anyhow!("drawing the notice stopped: {e}"))?
}

/// The notice as the caller may see it, dated today.
pub async fn load(actor: &Actor, db: &Db, req: &NoticeRequest) -> ServiceResult<Notice> {
    let conn = db.conn();
    let unit_id = match &req.unit {
        Some(typed) => super::resolve(actor, conn, typed).await?,
        None => actor.scope,
    };
    let unit = db::units::find(conn, unit_id)
        .await?
        .or_not_found(format!("unit {unit_id}"))?;
    let province = match db::units::first_root(conn).await? {
        Some(root) if root != unit.id => db::units::find(conn, root).await?.map(|u| u.name),
        _ => None,
    }
    .unwrap_or_else(|| unit.name.clone());

    let period = req.period;
    let board = results::scoreboard(
        actor,
        conn,
        period,
        None,
        Some(unit.id),
        Basis::AllSaved,
        true,
    )
    .await?;
    let names: HashMap<UnitId, &str> = board
        .units
        .iter()
        .map(|u| (u.id, u.name.as_str()))
        .chain(std::iter::once((unit.id, unit.name.as_str())))
        .collect();
    let name_of = |id: UnitId| names.get(&id).copied().unwrap_or_default().to_owned();

    let ranking = board
        .rows
        .iter()
        .map(|r| {
            RankLine::new(
                name_of(r.unit_id),
                r.unit_kind,
                (r.rank, r.score),
                (r.previous_rank, r.previous_score),
            )
        })
        .collect();
    let catalogue = super::active_indicators(conn).await?;
    let own = results::compute(
        conn,
        std::slice::from_ref(&unit),
        &catalogue,
        period,
        Basis::AllSaved,
    )
    .await?;
    let own: Vec<_> = own.into_iter().flat_map(|(_, rows)| rows).collect();
    let indicator_ids: Vec<IndicatorId> = own.iter().map(|r| r.indicator_id).collect();
    let indicators = own
        .into_iter()
        .filter_map(|r| {
            let ind: &Indicator = catalogue.iter().find(|i| i.id == r.indicator_id)?;
            Some(IndicatorLine {
                name: ind.name.clone(),
                kind: ind.kind,
                value: r.eval.value,
                target: r.eval.target,
                milestone: r.eval.milestone,
                status: r.eval.status,
                points: r.eval.points,
                max_points: r.eval.max_points,
            })
        })
        .collect();

    // Each indicator by its number in the unit's own table.
    let numbers: HashMap<IndicatorId, usize> = indicator_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i + 1))
        .collect();
    let watch_lines = board
        .rows
        .iter()
        .map(|r| {
            let with = |status: TrackStatus| {
                r.results
                    .iter()
                    .filter(|x| x.eval.status == status)
                    .filter_map(|x| numbers.get(&x.indicator_id).copied())
                    .collect()
            };
            WatchLine {
                unit: name_of(r.unit_id),
                off_track: with(TrackStatus::OffTrack),
                at_risk: with(TrackStatus::AtRisk),
            }
        })
        .collect();
    let (watch, watch_more) = watch_list(watch_lines, LIST_LIMIT);

    let mut owing: Vec<UnitId> = board.rows.iter().map(|r| r.unit_id).collect();
    owing.push(unit.id);
    let months = timeliness::of_period(db, &owing, period).await?;
    let late_lines = months
        .into_values()
        .flatten()
        .filter(|m| m.on_time == Some(false))
        .map(|m| LateLine {
            unit: name_of(m.unit),
            year: m.year,
            month: m.month,
            due_on: m.due_on,
            submitted_on: m.submitted_at.map(crate::clock::vietnam_day),
            days_late: m.days_late,
        })
        .collect();
    let (late, late_more) = late_list(late_lines, LIST_LIMIT);

    Ok(Notice {
        province,
        unit_name: unit.name,
        period,
        previous: period.previous(),
        issued_on: db.clock().today(),
        ranking,
        watch,
        watch_more,
        late,
        late_more,
        indicators,
    })
}
