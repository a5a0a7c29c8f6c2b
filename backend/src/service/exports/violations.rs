//! The violations in the caller's scope (of one unit's subtree and one year, if given),
//! newest first, with the unit and the staff member named.

use super::labels;
use super::table::{Column, Export, Sheet, Style};
use crate::auth::Actor;
use crate::error::ServiceResult;
use crate::service::{staff, units, violations as service};
use sea_orm::ConnectionTrait;
use shared::ids::{StaffId, UnitId};

/// The violations list.
pub async fn violations(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: Option<UnitId>,
    year: Option<i32>,
) -> ServiceResult<Export> {
    let list = service::list(actor, db, unit, year).await?;
    let unit_ids: Vec<UnitId> = list.iter().map(|v| v.unit_id).collect();
    let staff_ids: Vec<StaffId> = list.iter().filter_map(|v| v.staff_id).collect();
    let unit_map = units::by_ids(actor, db, &unit_ids).await?;
    let staff_map = staff::by_ids(actor, db, &staff_ids).await?;
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
    );
    for v in &list {
        let u = unit_map.get(&v.unit_id);
        sheet.push(vec![
            super::table::Cell::Date(v.occurred_on),
            u.map(|u| u.code.clone()).into(),
            u.map(|u| u.name.clone()).into(),
            v.staff_id
                .and_then(|s| staff_map.get(&s))
                .map(|s| s.full_name.clone())
                .into(),
            labels::violation_kind(v.kind).into(),
            v.description.as_str().into(),
            v.dossier_ref.clone().into(),
            labels::handling(v.handling).into(),
        ]);
    }
    let mut stem = "Danh sách vi phạm".to_owned();
    if let Some(u) = unit.and_then(|u| unit_map.get(&u)) {
        stem.push_str(&format!(" {}", u.name));
    }
    if let Some(y) = year {
        stem.push_str(&format!(" năm {y}"));
    }
    Ok(Export {
        file_stem: stem,
        sheets: vec![sheet],
        csv_sheet: 0,
    })
}
