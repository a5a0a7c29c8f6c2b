//! The sheet of differences with the portal's official figures: one line per unit,
//! indicator and month where ours and the official figure differ, with both rates, both
//! scores and each difference. Rates are written in percent as decimals (85.33), not as
//! spreadsheet percentages, so that a count indicator's value reads as its count.

use super::labels;
use super::table::{Column, Export, Sheet, Style, Title};
use crate::service::exports::OfficialDifferences;

/// The differences export.
pub fn export(data: &OfficialDifferences) -> Export {
    let mut sheet = Sheet::new("Chênh lệch", columns()).freeze_columns(2);
    for d in &data.rows {
        sheet.push(vec![
            d.unit_code.as_str().into(),
            d.unit_name.as_str().into(),
            d.indicator_code.as_str().into(),
            d.indicator_name.as_str().into(),
            format!("{:02}/{}", d.month, d.year).into(),
            d.our_value.into(),
            d.official_value.into(),
            d.value_difference.into(),
            d.our_points.into(),
            d.official_points.into(),
            d.score_difference.into(),
        ]);
    }
    let kind_part = data
        .kind
        .map_or(String::new(), |k| format!(" - {}", labels::unit_kind(k)));
    let period = labels::period(&data.period);
    let stem = format!("Chênh lệch với số liệu chính thức {period}{kind_part}");
    let title = Title {
        heading: format!("Chênh lệch với số liệu chính thức{kind_part}"),
        unit: None,
        period,
    };
    Export::single(stem, title, sheet)
}

fn columns() -> Vec<Column> {
    vec![
        Column::new("Mã đơn vị", Style::Plain, 12.0),
        Column::new("Đơn vị", Style::Plain, 36.0),
        Column::new("Mã chỉ số", Style::Plain, 24.0),
        Column::new("Chỉ số", Style::Plain, 44.0),
        Column::new("Tháng", Style::Plain, 9.0),
        Column::new("Tỷ lệ của hệ thống (%)", Style::Decimal, 14.0),
        Column::new("Tỷ lệ chính thức (%)", Style::Decimal, 14.0),
        Column::new("Chênh lệch tỷ lệ (điểm %)", Style::Decimal, 14.0),
        Column::new("Điểm của hệ thống", Style::Decimal, 12.0),
        Column::new("Điểm chính thức", Style::Decimal, 12.0),
        Column::new("Chênh lệch điểm", Style::Decimal, 12.0),
    ]
}
