//! The violations sheet: newest first, with the unit and the staff member named.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style, Title};
use crate::service::exports::ViolationList;

/// The violations export.
pub fn export(data: &ViolationList) -> Export {
    let mut sheet = Sheet::new(
        "Vi phạm",
        vec![
            Column::new("Ngày", Style::Date, 12.0),
            Column::new("Mã đơn vị", Style::Plain, 12.0),
            Column::new("Đơn vị", Style::Plain, 32.0),
            Column::new("Cán bộ", Style::Plain, 24.0),
            Column::new("Loại vi phạm", Style::Plain, 24.0),
            Column::new("Nội dung", Style::Plain, 60.0),
            Column::new("Số hồ sơ", Style::Plain, 22.0),
            Column::new("Hình thức xử lý", Style::Plain, 16.0),
        ],
    )
    .freeze_columns(3);
    for v in &data.list {
        let u = data.units.get(&v.unit_id);
        sheet.push(vec![
            Cell::Date(v.occurred_on),
            u.map(|u| u.code.clone()).into(),
            u.map(|u| u.name.clone()).into(),
            v.staff_id
                .and_then(|s| data.staff.get(&s))
                .map(|s| s.full_name.clone())
                .into(),
            labels::violation_kind(v.kind).into(),
            v.description.as_str().into(),
            v.dossier_ref.clone().into(),
            labels::handling(v.handling).into(),
        ]);
    }
    let mut stem = "Danh sách vi phạm".to_owned();
    let unit = data.unit.and_then(|u| data.units.get(&u));
    if let Some(u) = unit {
        stem.push_str(&format!(" {}", u.name));
    }
    if let Some(y) = data.year {
        stem.push_str(&format!(" năm {y}"));
    }
    let title = Title {
        heading: "Danh sách vi phạm".to_owned(),
        unit: unit.map(|u| format!("{} ({})", u.name, u.code)),
        period: data
            .year
            .map_or_else(|| "Tất cả các năm".to_owned(), |y| format!("Năm {y}")),
    };
    Export::single(stem, title, sheet)
}
