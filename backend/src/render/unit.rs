//! A unit's report for a year: its indicators (target, milestone in force, year-to-date
//! actual, status, projection, points), its roadmaps, the state of each month, and the
//! `Số liệu` sheet of monthly figures in the wide import layout (`Mã đơn vị`, `Năm`,
//! `Tháng`, one column per measure code), so that exporting and re-importing changes nothing.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style, Title};
use crate::domain::model::{Indicator, Milestone, MonthlyReport};
use crate::service::exports::UnitReport;
use shared::ids::MeasureId;
use shared::sheets::FIGURES_SHEET;
use std::collections::HashMap;

/// The unit report export; its CSV is the figures sheet.
pub fn export(data: &UnitReport) -> Export {
    Export {
        file_stem: format!("Báo cáo {} năm {}", data.unit.name, data.year),
        title: Title {
            heading: format!("Báo cáo năm {}", data.year),
            unit: Some(format!("{} ({})", data.unit.name, data.unit.code)),
            period: labels::period(&data.period),
        },
        sheets: vec![
            indicators_sheet(data),
            roadmap_sheet(data),
            months_sheet(&data.months),
            figures_sheet(data),
        ],
        csv_sheet: 3,
    }
}

/// Each indicator's year-to-date result.
fn indicators_sheet(data: &UnitReport) -> Sheet {
    let (period, indicators) = (&data.period, &data.indicators);
    let by_indicator: HashMap<_, _> = data
        .results
        .iter()
        .map(|r| (r.indicator_id, r.eval))
        .collect();
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
            Column::new(format!("Thực hiện ({})", labels::period(period)), v, 16.0),
            Column::new("Tình trạng", Style::Plain, 16.0),
            Column::new("Dự báo cuối năm", v, 12.0),
            Column::new("Điểm", Style::Decimal, 9.0),
            Column::new("Điểm tối đa", Style::Decimal, 9.0),
        ],
    )
    .freeze_columns(2);
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
    sheet
}

/// Each target's milestones (or a row saying it has none).
fn roadmap_sheet(data: &UnitReport) -> Sheet {
    let indicators = &data.indicators;
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
    )
    .freeze_columns(3);
    for t in &data.targets {
        let Some(i) = names.get(&t.indicator_id) else {
            continue;
        };
        let number: Cell = data
            .decisions
            .get(&t.decision_id)
            .map(|d| d.number.clone())
            .into();
        let ms = data.milestones.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        // A target without milestones still gets its row.
        let mut steps: Vec<(Cell, Cell)> = ms
            .iter()
            .map(|m| (milestone_period(m).into(), m.value.into()))
            .collect();
        if steps.is_empty() {
            steps.push((labels::grain(None).into(), Cell::Empty));
        }
        for (period, value) in steps {
            sheet.push(vec![
                number.clone(),
                i.code.as_str().into(),
                i.name.as_str().into(),
                t.value.into(),
                period,
                value,
            ]);
        }
    }
    sheet
}

/// T1…T12 or Q1…Q4.
fn milestone_period(m: &Milestone) -> String {
    match m.grain {
        shared::Grain::Month => format!("T{}", m.index),
        shared::Grain::Quarter => format!("Q{}", m.index),
    }
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

/// The state of each reported month.
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

/// The monthly figures in the import layout.
fn figures_sheet(data: &UnitReport) -> Sheet {
    let measures = &data.measures;
    let mut columns = vec![
        Column::new("Mã đơn vị", Style::Plain, 12.0),
        Column::new("Năm", Style::Plain, 7.0),
        Column::new("Tháng", Style::Plain, 7.0),
    ];
    columns.extend(
        measures
            .iter()
            .map(|(_, code)| Column::new(code.as_str(), Style::Count, 12.0)),
    );
    // Re-imported as it is: the header stays in the first row.
    let mut sheet = Sheet::new(FIGURES_SHEET, columns)
        .importable()
        .freeze_columns(3);
    for r in &data.months {
        let values: HashMap<MeasureId, i64> =
            r.values.iter().map(|v| (v.measure_id, v.value)).collect();
        let mut row: Vec<Cell> = vec![
            data.unit.code.as_str().into(),
            r.year.into(),
            r.month.into(),
        ];
        row.extend(
            measures
                .iter()
                .map(|(id, _)| id.and_then(|id| values.get(&id).copied()).into()),
        );
        sheet.push(row);
    }
    sheet
}
