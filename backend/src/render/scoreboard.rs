//! The scoreboard sheet: every unit with its rank within its kind, its score and each
//! indicator's actual value.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style, Title};
use crate::domain::model::Indicator;
use crate::service::exports::Scoreboard;
use shared::IndicatorKind;
use std::collections::HashMap;

/// The scoreboard export.
pub fn export(data: &Scoreboard) -> Export {
    let mut sheet = Sheet::new("Bảng xếp hạng", columns(&data.indicators)).freeze_columns(3);
    for r in &data.rows {
        let Some(u) = data.units.get(&r.unit_id) else {
            continue;
        };
        let values: HashMap<_, _> = r
            .results
            .iter()
            .map(|x| (x.indicator_id, x.eval.value))
            .collect();
        let mut row: Vec<Cell> = vec![
            r.rank.into(),
            u.code.as_str().into(),
            u.name.as_str().into(),
            labels::unit_kind(u.kind).into(),
            r.score.into(),
            r.earned.into(),
            r.available.into(),
        ];
        row.extend(
            data.indicators
                .iter()
                .map(|i| values.get(&i.id).copied().flatten().into()),
        );
        sheet.push(row);
    }
    let kind_part = data
        .kind
        .map_or(String::new(), |k| format!(" - {}", labels::unit_kind(k)));
    let period = labels::period(&data.period);
    let stem = format!("Bảng xếp hạng {period}{kind_part}");
    let title = Title {
        heading: format!("Bảng xếp hạng{kind_part}"),
        unit: None,
        period,
    };
    Export::single(stem, title, sheet)
}

/// The unit's columns, then one per indicator (a rate in percent, a count).
fn columns(indicators: &[Indicator]) -> Vec<Column> {
    let mut columns = vec![
        Column::new("Hạng", Style::Plain, 6.0),
        Column::new("Mã đơn vị", Style::Plain, 10.0),
        Column::new("Đơn vị", Style::Plain, 30.0),
        Column::new("Loại đơn vị", Style::Plain, 12.0),
        Column::new("Điểm (thang 100)", Style::Decimal, 9.0),
        Column::new("Điểm đạt", Style::Decimal, 9.0),
        Column::new("Điểm tối đa", Style::Decimal, 9.0),
    ];
    for i in indicators {
        let (header, style) = match i.kind {
            IndicatorKind::Rate => (format!("{} (%)", i.name), Style::Percent),
            IndicatorKind::Count => (i.name.clone(), Style::Count),
        };
        // Scores are narrow; the long indicator name wraps in a taller header row.
        columns.push(Column::new(header, style, 10.0));
    }
    columns
}
