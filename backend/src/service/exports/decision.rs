//! A decision's targets in the caller's scope: one row per unit and indicator with the
//! annual value and its milestones by month (a quarterly milestone sits in the quarter's
//! last month, T3, T6, T9, T12, since it is the level to reach by then), and the decision
//! itself on a second sheet.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style};
use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::service::{catalogue, decisions, staff, targets, units};
use sea_orm::ConnectionTrait;
use shared::Grain;
use shared::ids::{DecisionId, IndicatorId, StaffId, UnitId};

/// The targets of `decision`.
pub async fn decision_targets(
    actor: &Actor,
    db: &impl ConnectionTrait,
    decision: DecisionId,
) -> ServiceResult<Export> {
    let d = decisions::by_ids(db, &[decision])
        .await?
        .remove(&decision)
        .ok_or_else(|| ServiceError::not_found(format!("decision {decision}")))?;
    let list = targets::of_decision(actor, db, decision, None).await?;
    let ids: Vec<_> = list.iter().map(|t| t.id).collect();
    let milestones = targets::milestones_of(db, &ids).await?;
    let unit_ids: Vec<UnitId> = list.iter().map(|t| t.unit_id).collect();
    let unit_map = units::by_ids(actor, db, &unit_ids).await?;
    let indicator_ids: Vec<IndicatorId> = list.iter().map(|t| t.indicator_id).collect();
    let indicators = catalogue::indicators_by_ids(db, &indicator_ids).await?;
    let staff_ids: Vec<StaffId> = list.iter().filter_map(|t| t.responsible_staff_id).collect();
    let staff_map = staff::by_ids(actor, db, &staff_ids).await?;
    let listed: Vec<_> = indicators.values().cloned().collect();
    let v = super::unit::value_style(&listed);
    let mut columns = vec![
        Column::new("Mã đơn vị", Style::Plain, 12.0),
        Column::new("Đơn vị", Style::Plain, 32.0),
        Column::new("Mã chỉ tiêu", Style::Plain, 24.0),
        Column::new("Chỉ tiêu", Style::Plain, 36.0),
        Column::new("Đơn vị tính", Style::Plain, 8.0),
        Column::new("Chỉ tiêu năm", v, 11.0),
        Column::new("Lộ trình", Style::Plain, 12.0),
    ];
    columns.extend((1..=12).map(|m| Column::new(format!("T{m}"), v, 8.0)));
    columns.push(Column::new("Cán bộ phụ trách", Style::Plain, 24.0));
    let mut sheet = Sheet::new("Chỉ tiêu được giao", columns);
    for t in &list {
        let (Some(u), Some(i)) = (unit_map.get(&t.unit_id), indicators.get(&t.indicator_id)) else {
            continue;
        };
        let ms = milestones.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        let grain = ms.first().map(|m| m.grain);
        let mut by_month: [Cell; 12] = std::array::from_fn(|_| Cell::Empty);
        for m in ms {
            let month = match m.grain {
                Grain::Month => m.index,
                Grain::Quarter => m.index * 3,
            };
            if let Some(slot) = by_month.get_mut(month.saturating_sub(1) as usize) {
                *slot = Cell::Number(m.value);
            }
        }
        let mut row: Vec<Cell> = vec![
            u.code.as_str().into(),
            u.name.as_str().into(),
            i.code.as_str().into(),
            i.name.as_str().into(),
            labels::unit_of_measure(i.kind).into(),
            t.value.into(),
            labels::grain(grain).into(),
        ];
        row.extend(by_month);
        row.push(
            t.responsible_staff_id
                .and_then(|s| staff_map.get(&s))
                .map(|s| s.full_name.clone())
                .into(),
        );
        sheet.push(row);
    }
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
    Ok(Export {
        file_stem: format!("Chỉ tiêu Quyết định {}", d.number),
        sheets: vec![sheet, about],
        csv_sheet: 0,
    })
}
