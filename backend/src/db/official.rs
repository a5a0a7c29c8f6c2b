//! Reading the portal's official figures: the imported months of some units and indicators
//! within a year, with the import each came from.

use super::entities::{official_figure, official_import};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use shared::ids::{IndicatorId, UnitId};
use std::collections::HashMap;

/// One imported month of a unit and indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialRow {
    pub unit_id: UnitId,
    pub indicator_id: IndicatorId,
    pub month: u32,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    /// The file it came from.
    pub file_name: String,
    /// The file's SHA-256, lower-case hex.
    pub sha256: String,
    pub imported_at: DateTime<Utc>,
}

/// The official months `first..=last` of `year` of `units` × `indicators`: two queries.
pub async fn months_of<C: ConnectionTrait>(
    db: &C,
    units: &[UnitId],
    indicators: &[IndicatorId],
    year: i32,
    (first, last): (u32, u32),
) -> Result<Vec<OfficialRow>, DbErr> {
    if units.is_empty() || indicators.is_empty() {
        return Ok(Vec::new());
    }
    let rows = official_figure::Entity::find()
        .filter(official_figure::Column::UnitId.is_in(units.iter().map(|u| u.0)))
        .filter(official_figure::Column::IndicatorId.is_in(indicators.iter().map(|i| i.0)))
        .filter(official_figure::Column::Year.eq(year))
        .filter(official_figure::Column::Month.between(first as i32, last as i32))
        .all(db)
        .await?;
    let mut import_ids: Vec<i32> = rows.iter().map(|r| r.import_id).collect();
    import_ids.sort_unstable();
    import_ids.dedup();
    let imports: HashMap<i32, official_import::Model> = official_import::Entity::find()
        .filter(official_import::Column::Id.is_in(import_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let import = imports.get(&r.import_id)?;
            Some(OfficialRow {
                unit_id: UnitId(r.unit_id),
                indicator_id: IndicatorId(r.indicator_id),
                month: u32::try_from(r.month).ok()?,
                numerator: r.numerator,
                denominator: r.denominator,
                score: r.score,
                max_score: r.max_score,
                file_name: import.file_name.clone(),
                sha256: import.sha256.clone(),
                imported_at: import.imported_at,
            })
        })
        .collect())
}
