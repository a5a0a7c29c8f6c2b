//! The monthly personal evaluation of a unit's staff, in the layout a personnel office
//! uses: one row per person (name, position, their targets, results, points, the unit's
//! points for the head, the score, results behind, violations), then one row per person and
//! personal target with its figures.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style, Title};
use crate::service::personal::{StaffCard, UnitStaff};
use shared::IndicatorKind;

/// The staff export.
pub fn export(data: &UnitStaff) -> Export {
    let month = format!("tháng {}/{}", data.period.last_month(), data.period.year());
    Export {
        file_stem: format!("Đánh giá cán bộ {} {month}", data.unit.name),
        title: Title {
            heading: format!("Kết quả thực hiện chỉ tiêu của cán bộ {month}"),
            unit: Some(format!("{} ({})", data.unit.name, data.unit.code)),
            period: labels::period(&data.period),
        },
        sheets: vec![summary_sheet(data), results_sheet(data)],
        csv_sheet: 0,
    }
}

/// A value with its unit: `80,00 %` or `120`.
fn with_unit(kind: IndicatorKind, v: f64) -> String {
    match kind {
        IndicatorKind::Rate => format!("{} %", vietnamese(v, 2)),
        IndicatorKind::Count => vietnamese(v, 0),
    }
}

/// A number with a decimal comma and dots between thousands.
fn vietnamese(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// One person's targets and results, one indicator per line.
fn lines(
    card: &StaffCard,
    what: impl Fn(&crate::service::personal::PersonalResult) -> String,
) -> String {
    card.results.iter().map(what).collect::<Vec<_>>().join("\n")
}

fn summary_sheet(data: &UnitStaff) -> Sheet {
    let mut sheet = Sheet::new(
        "Đánh giá",
        vec![
            Column::new("STT", Style::Plain, 5.0),
            Column::new("Họ và tên", Style::Plain, 26.0),
            Column::new("Chức vụ", Style::Plain, 18.0),
            Column::new("Chỉ tiêu được giao", Style::Plain, 44.0),
            Column::new("Kết quả thực hiện", Style::Plain, 30.0),
            Column::new("Điểm cá nhân", Style::Decimal, 12.0),
            Column::new("Điểm đơn vị", Style::Decimal, 12.0),
            Column::new("Tỷ trọng đơn vị", Style::Percent, 12.0),
            Column::new("Điểm đánh giá", Style::Decimal, 12.0),
            Column::new("Chỉ tiêu chậm tiến độ", Style::Count, 12.0),
            Column::new("Số vi phạm", Style::Count, 10.0),
            Column::new("Vi phạm", Style::Plain, 40.0),
        ],
    )
    .freeze_columns(2);
    for (i, card) in data.cards.iter().enumerate() {
        let targets = lines(card, |r| {
            format!(
                "{}: {}",
                r.indicator.name,
                with_unit(r.indicator.kind, r.target)
            )
        });
        let results = lines(card, |r| {
            let value = r.eval.ytd_value.map_or_else(
                || "chưa có số liệu".to_owned(),
                |v| with_unit(r.indicator.kind, v),
            );
            format!("{value} ({})", labels::track_status(r.eval.status))
        });
        let violations = card
            .violations
            .iter()
            .map(|v| format!("{}: {}", labels::violation_kind(v.kind), v.description))
            .collect::<Vec<_>>()
            .join("\n");
        sheet.push(vec![
            Cell::Int(i as i64 + 1),
            card.staff.full_name.as_str().into(),
            card.staff.position.as_str().into(),
            targets.into(),
            results.into(),
            card.score.personal.into(),
            card.score.unit.into(),
            card.score.unit_weight.into(),
            card.score.overall.into(),
            Cell::Int(card.behind as i64),
            Cell::Int(card.violations.len() as i64),
            violations.into(),
        ]);
    }
    sheet
}

fn results_sheet(data: &UnitStaff) -> Sheet {
    let mut sheet = Sheet::new(
        "Chi tiết",
        vec![
            Column::new("Họ và tên", Style::Plain, 26.0),
            Column::new("Mã chỉ số", Style::Plain, 22.0),
            Column::new("Chỉ số", Style::Plain, 40.0),
            Column::new("Chỉ tiêu năm", Style::Decimal, 12.0),
            Column::new("Kết quả tháng", Style::Decimal, 12.0),
            Column::new("Lũy kế", Style::Decimal, 12.0),
            Column::new("Mốc", Style::Decimal, 12.0),
            Column::new("Tiến độ", Style::Plain, 16.0),
            Column::new("Điểm", Style::Decimal, 10.0),
            Column::new("Điểm tối đa", Style::Decimal, 10.0),
        ],
    )
    .freeze_columns(1);
    for card in &data.cards {
        for r in &card.results {
            sheet.push(vec![
                card.staff.full_name.as_str().into(),
                r.indicator.code.as_str().into(),
                r.indicator.name.as_str().into(),
                r.target.into(),
                r.eval.value.into(),
                r.eval.ytd_value.into(),
                r.eval.milestone.into(),
                labels::track_status(r.eval.status).into(),
                r.eval.points.into(),
                r.eval.max_points.into(),
            ]);
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(vietnamese(1234.5, 2), "1.234,50");
        assert_eq!(vietnamese(80.0, 2), "80,00");
        assert_eq!(vietnamese(1_234_567.0, 0), "1.234.567");
        assert_eq!(with_unit(IndicatorKind::Rate, 60.0), "60,00 %");
        assert_eq!(with_unit(IndicatorKind::Count, 120.0), "120");
    }
}
