//! A unit's report for a year: its indicators (target, milestone in force, year-to-date
//! actual, status, projection, points), its roadmaps, the state of each month, and the
//! `Số liệu` sheet of monthly figures in the wide import layout (`Mã đơn vị`, `Năm`,
//! `Tháng`, one column per measure code), so that exporting and re-importing changes nothing.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style};
use crate::auth::Actor;
use crate::domain::model::{Indicator, MonthlyReport, Unit};
use crate::error::{ServiceError, ServiceResult};
use crate::service::results::{self, Basis};
use crate::service::targets::{self, TargetFilter};
use crate::service::{access, catalogue, reports, units};
use sea_orm::ConnectionTrait;
use shared::Period;
use shared::ids::{MeasureId, UnitId};
use shared::measures::DEFAULT_MEASURES;
use std::collections::HashMap;

/// The name of the sheet the importer reads.
pub const FIGURES_SHEET: &str = "Số liệu";

/// The report of `unit` for `year`, evaluated year-to-date through `month`.
pub async fn unit_report(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
    month: u32,
) -> ServiceResult<Export> {
    access::ensure_visible(db, actor, unit, "unit").await?;
    let u = units::by_ids(actor, db, &[unit])
        .await?
        .remove(&unit)
        .ok_or_else(|| ServiceError::not_found(format!("unit {unit}")))?;
    let period =
        Period::ytd(year, month).map_err(|e| ServiceError::validation(e.field, e.message))?;
    let indicators: Vec<Indicator> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect();
    let mut months = Vec::new();
    for m in 1..=12 {
        let r = reports::get(
            actor,
            db,
            reports::MonthRef {
                unit_id: unit,
                year: i64::from(year),
                month: m,
            },
        )
        .await?;
        if r.version > 0 {
            months.push(r);
        }
    }
    let sheets = vec![
        indicators_sheet(actor, db, &u, period, &indicators).await?,
        roadmap_sheet(actor, db, &u, year, &indicators).await?,
        months_sheet(&months),
        figures_sheet(db, &u, &months).await?,
    ];
    Ok(Export {
        file_stem: format!("Báo cáo {} năm {year}", u.name),
        sheets,
        csv_sheet: 3,
    })
}

async fn indicators_sheet(
    actor: &Actor,
    db: &impl ConnectionTrait,
    u: &Unit,
    period: Period,
    indicators: &[Indicator],
) -> ServiceResult<Sheet> {
    let rows =
        results::indicator_results(actor, db, period, Some(vec![u.id]), None, Basis::AllSaved)
            .await?;
    let by_indicator: HashMap<_, _> = rows.iter().map(|r| (r.indicator_id, r.eval)).collect();
    let v = value_style(indicators);
    let mut sheet = Sheet::new(
        "Chỉ tiêu",
        vec![
            Column::new("Mã chỉ tiêu", Style::Plain, 24.0),
            Column::new("Chỉ tiêu", Style::Plain, 40.0),
            Column::new("Nhóm", Style::Plain, 20.0),
            Column::new("Đơn vị tính", Style::Plain, 8.0),
            Column::new("Chỉ tiêu năm", v, 12.0),
            Column::new("Mốc lộ trình hiện hành", v, 12.0),
            Column::new(format!("Thực hiện ({})", labels::period(&period)), v, 16.0),
            Column::new("Tình trạng", Style::Plain, 16.0),
            Column::new("Dự báo cuối năm", v, 12.0),
            Column::new("Điểm", Style::Decimal, 9.0),
            Column::new("Điểm tối đa", Style::Decimal, 9.0),
        ],
    );
    for i in indicators {
        let Some(e) = by_indicator.get(&i.id) else {
            continue;
        };
        sheet.push(vec![
            i.code.as_str().into(),
            i.name.as_str().into(),
            labels::indicator_group(&i.group).into(),
            labels::unit_of_measure(i.kind).into(),
            e.target.into(),
            e.milestone.into(),
            e.value.into(),
            labels::track_status(e.status).into(),
            e.projection.into(),
            e.points.into(),
            e.max_points.into(),
        ]);
    }
    Ok(sheet)
}

async fn roadmap_sheet(
    actor: &Actor,
    db: &impl ConnectionTrait,
    u: &Unit,
    year: i32,
    indicators: &[Indicator],
) -> ServiceResult<Sheet> {
    let list = targets::list(
        actor,
        db,
        TargetFilter {
            year,
            unit_id: Some(u.id),
            ..TargetFilter::default()
        },
    )
    .await?;
    let ids: Vec<_> = list.iter().map(|t| t.id).collect();
    let milestones = targets::milestones_of(db, &ids).await?;
    let decisions = crate::service::decisions::by_ids(
        db,
        &list.iter().map(|t| t.decision_id).collect::<Vec<_>>(),
    )
    .await?;
    let names: HashMap<_, _> = indicators.iter().map(|i| (i.id, i)).collect();
    let v = value_style(indicators);
    let mut sheet = Sheet::new(
        "Lộ trình",
        vec![
            Column::new("Quyết định", Style::Plain, 14.0),
            Column::new("Mã chỉ tiêu", Style::Plain, 24.0),
            Column::new("Chỉ tiêu", Style::Plain, 40.0),
            Column::new("Chỉ tiêu năm", v, 12.0),
            Column::new("Kỳ", Style::Plain, 8.0),
            Column::new("Mốc phải đạt (lũy kế)", v, 14.0),
        ],
    );
    for t in &list {
        let Some(i) = names.get(&t.indicator_id) else {
            continue;
        };
        let number: Cell = decisions
            .get(&t.decision_id)
            .map(|d| d.number.clone())
            .into();
        let ms = milestones.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        if ms.is_empty() {
            sheet.push(vec![
                number.clone(),
                i.code.as_str().into(),
                i.name.as_str().into(),
                t.value.into(),
                labels::grain(None).into(),
                Cell::Empty,
            ]);
        }
        for m in ms {
            let period = match m.grain {
                shared::Grain::Month => format!("T{}", m.index),
                shared::Grain::Quarter => format!("Q{}", m.index),
            };
            sheet.push(vec![
                number.clone(),
                i.code.as_str().into(),
                i.name.as_str().into(),
                t.value.into(),
                period.into(),
                m.value.into(),
            ]);
        }
    }
    Ok(sheet)
}

/// Percentages when every indicator is a rate (the default catalogue), else plain decimals.
pub(super) fn value_style(indicators: &[Indicator]) -> Style {
    if indicators
        .iter()
        .all(|i| i.kind == shared::IndicatorKind::Rate)
    {
        Style::Percent
    } else {
        Style::Decimal
    }
}

fn months_sheet(months: &[MonthlyReport]) -> Sheet {
    let mut sheet = Sheet::new(
        "Báo cáo tháng",
        vec![
            Column::new("Năm", Style::Plain, 8.0),
            Column::new("Tháng", Style::Plain, 8.0),
            Column::new("Trạng thái", Style::Plain, 14.0),
            Column::new("Phiên bản", Style::Plain, 10.0),
            Column::new("Ghi chú", Style::Plain, 50.0),
        ],
    );
    for r in months {
        sheet.push(vec![
            r.year.into(),
            r.month.into(),
            labels::report_status(r.status).into(),
            r.version.into(),
            r.comment.clone().into(),
        ]);
    }
    sheet
}

/// The measure codes of the import layout: the default measures in form order, then any
/// other measure of the catalogue.
pub async fn measure_columns(
    db: &impl ConnectionTrait,
) -> ServiceResult<Vec<(Option<MeasureId>, String)>> {
    let catalogue = catalogue::measures(db).await?;
    let mut out: Vec<(Option<MeasureId>, String)> = DEFAULT_MEASURES
        .iter()
        .map(|c| {
            (
                catalogue.iter().find(|m| m.code == *c).map(|m| m.id),
                (*c).to_owned(),
            )
        })
        .collect();
    out.extend(
        catalogue
            .iter()
            .filter(|m| !DEFAULT_MEASURES.contains(&m.code.as_str()))
            .map(|m| (Some(m.id), m.code.clone())),
    );
    Ok(out)
}

async fn figures_sheet(
    db: &impl ConnectionTrait,
    u: &Unit,
    months: &[MonthlyReport],
) -> ServiceResult<Sheet> {
    let measures = measure_columns(db).await?;
    let mut columns = vec![
        Column::new("Mã đơn vị", Style::Plain, 12.0),
        Column::new("Năm", Style::Plain, 7.0),
        Column::new("Tháng", Style::Plain, 7.0),
    ];
    columns.extend(
        measures
            .iter()
            .map(|(_, code)| Column::new(code.as_str(), Style::Count, 14.0)),
    );
    let mut sheet = Sheet::new(FIGURES_SHEET, columns);
    for r in months {
        let values: HashMap<MeasureId, i64> =
            r.values.iter().map(|v| (v.measure_id, v.value)).collect();
        let mut row: Vec<Cell> = vec![u.code.as_str().into(), r.year.into(), r.month.into()];
        row.extend(
            measures
                .iter()
                .map(|(id, _)| id.and_then(|id| values.get(&id).copied()).into()),
        );
        sheet.push(row);
    }
    Ok(sheet)
}
