//! The scoreboard of a period: every unit in the caller's scope (of one kind, if given),
//! its rank within its kind, its score and each indicator's actual value.

use super::labels;
use super::table::{Cell, Column, Export, Sheet, Style};
use crate::auth::Actor;
use crate::error::ServiceResult;
use crate::service::results::{self, Basis};
use crate::service::{catalogue, units};
use sea_orm::ConnectionTrait;
use shared::ids::UnitId;
use shared::{IndicatorKind, Period, UnitKind};
use std::collections::HashMap;

/// The scoreboard of `period` as the caller sees it.
pub async fn scoreboard(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    kind: Option<UnitKind>,
) -> ServiceResult<Export> {
    let rows = results::scoreboard(actor, db, period, kind, None, Basis::AllSaved).await?;
    let ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    let unit_map = units::by_ids(actor, db, &ids).await?;
    let indicators: Vec<_> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect();
    let mut columns = vec![
        Column::new("Hạng", Style::Plain, 7.0),
        Column::new("Mã đơn vị", Style::Plain, 12.0),
        Column::new("Đơn vị", Style::Plain, 36.0),
        Column::new("Loại đơn vị", Style::Plain, 16.0),
        Column::new("Điểm (thang 100)", Style::Decimal, 11.0),
        Column::new("Điểm đạt", Style::Decimal, 10.0),
        Column::new("Điểm tối đa", Style::Decimal, 10.0),
    ];
    for i in &indicators {
        let (header, style) = match i.kind {
            IndicatorKind::Rate => (format!("{} (%)", i.name), Style::Percent),
            IndicatorKind::Count => (i.name.clone(), Style::Count),
        };
        columns.push(Column::new(header, style, 16.0));
    }
    let mut sheet = Sheet::new("Bảng xếp hạng", columns);
    for r in &rows {
        let Some(u) = unit_map.get(&r.unit_id) else {
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
            indicators
                .iter()
                .map(|i| values.get(&i.id).copied().flatten().into()),
        );
        sheet.push(row);
    }
    let kind_part = kind.map_or(String::new(), |k| format!(" - {}", labels::unit_kind(k)));
    Ok(Export {
        file_stem: format!("Bảng xếp hạng {}{kind_part}", labels::period(&period)),
        sheets: vec![sheet],
        csv_sheet: 0,
    })
}
