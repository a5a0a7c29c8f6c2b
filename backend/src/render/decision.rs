//! A decision's targets: one row per unit and indicator with the annual value and its
//! milestones by month (a quarterly milestone sits in the quarter's last month, T3, T6,
//! T9, T12, since it is the level to reach by then), and the decision itself on a second
//! sheet.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style, Title};
use crate::domain::model::{Decision, Milestone};
use crate::service::exports::DecisionTargets;
use shared::Grain;

/// The decision export.
pub fn export(data: &DecisionTargets) -> Export {
    let listed: Vec<_> = data.indicators.values().cloned().collect();
    let v = super::unit::value_style(&listed);
    let mut columns = vec![
        Column::new("Mã đơn vị", Style::Plain, 10.0),
        Column::new("Đơn vị", Style::Plain, 28.0),
        Column::new("Mã chỉ tiêu", Style::Plain, 18.0),
        Column::new("Chỉ tiêu", Style::Plain, 34.0),
        Column::new("Đơn vị tính", Style::Plain, 7.0),
        Column::new("Chỉ tiêu năm", v, 9.0),
        Column::new("Lộ trình", Style::Plain, 10.0),
    ];
    columns.extend((1..=12).map(|m| Column::new(format!("T{m}"), v, 7.0)));
    columns.push(Column::new("Cán bộ phụ trách", Style::Plain, 20.0));
    let mut sheet = Sheet::new("Chỉ tiêu được giao", columns).freeze_columns(2);
    for t in &data.targets {
        let (Some(u), Some(i)) = (
            data.units.get(&t.unit_id),
            data.indicators.get(&t.indicator_id),
        ) else {
            continue;
        };
        let ms = data.milestones.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut row: Vec<Cell> = vec![
            u.code.as_str().into(),
            u.name.as_str().into(),
            i.code.as_str().into(),
            i.name.as_str().into(),
            labels::unit_of_measure(i.kind).into(),
            t.value.into(),
            labels::grain(ms.first().map(|m| m.grain)).into(),
        ];
        row.extend(by_month(ms));
        row.push(
            t.responsible_staff_id
                .and_then(|s| data.staff.get(&s))
                .map(|s| s.full_name.clone())
                .into(),
        );
        sheet.push(row);
    }
    Export {
        file_stem: format!("Chỉ tiêu Quyết định {}", data.decision.number),
        title: Title {
            heading: format!("Chỉ tiêu giao theo Quyết định {}", data.decision.number),
            unit: None,
            period: format!("Năm {}", data.decision.year),
        },
        sheets: vec![sheet, about(&data.decision)],
        csv_sheet: 0,
    }
}

/// The milestones in the month they are due, T1 to T12.
fn by_month(milestones: &[Milestone]) -> [Cell; 12] {
    let mut by_month: [Cell; 12] = std::array::from_fn(|_| Cell::Empty);
    for m in milestones {
        let month = match m.grain {
            Grain::Month => m.index,
            Grain::Quarter => m.index * 3,
        };
        if let Some(slot) = by_month.get_mut(month.saturating_sub(1) as usize) {
            *slot = Cell::Number(m.value);
        }
    }
    by_month
}

/// The decision's own sheet.
fn about(d: &Decision) -> Sheet {
    let mut about = Sheet::new(
        "Quyết định",
        vec![
            Column::new("Số, ký hiệu", Style::Plain, 16.0),
            Column::new("Ngày ban hành", Style::Date, 14.0),
            Column::new("Năm", Style::Plain, 8.0),
            Column::new("Trích yếu", Style::Plain, 90.0),
        ],
    );
    about.push(vec![
        d.number.as_str().into(),
        Cell::Date(d.issued_on),
        d.year.into(),
        d.title.as_str().into(),
    ]);
    about
}
