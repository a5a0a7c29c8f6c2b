//! Storing the portal's official figures: one `official_imports` row per imported file (its
//! provenance) and the figures of the file in `official_figures`, one row per unit,
//! indicator and month, which a later import of the same key replaces. Only these two
//! tables are written: the internal figures and their roll-ups are never touched.

use super::entities::{official_figure, official_import};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use shared::ids::{IndicatorId, UnitId, UserId};
use std::collections::HashMap;

/// Which official figure: a unit, an indicator and a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficialKey {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub month: u32,
}

/// What the portal says for one key.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialValues {
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    /// The row's own source column, if any.
    pub source: Option<String>,
}

/// The provenance of an imported file.
#[derive(Debug, Clone)]
pub struct NewOfficialImport {
    pub file_name: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    pub imported_by: UserId,
    pub imported_at: DateTime<Utc>,
    /// Official rows in the file.
    pub rows: i32,
}

/// The stored official figures of `units` in `years`, by key.
pub async fn stored(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    years: &[i32],
) -> Result<HashMap<OfficialKey, OfficialValues>, DbErr> {
    use official_figure::Column as F;
    let mut out = HashMap::new();
    if years.is_empty() {
        return Ok(out);
    }
    for chunk in units.chunks(1000) {
        let rows = official_figure::Entity::find()
            .filter(F::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(F::Year.is_in(years.iter().copied()))
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|r| {
            let key = OfficialKey {
                unit: UnitId(r.unit_id),
                indicator: IndicatorId(r.indicator_id),
                year: r.year,
                month: u32::try_from(r.month).unwrap_or(0),
            };
            let values = OfficialValues {
                numerator: r.numerator,
                denominator: r.denominator,
                score: r.score,
                max_score: r.max_score,
                source: r.source,
            };
            (key, values)
        }));
    }
    Ok(out)
}

/// Records an imported file; its id.
pub async fn insert_import(
    db: &impl ConnectionTrait,
    new: NewOfficialImport,
) -> Result<i32, DbErr> {
    let row = official_import::ActiveModel {
        file_name: Set(new.file_name),
        sha256: Set(new.sha256),
        imported_by: Set(Some(new.imported_by.0)),
        imported_at: Set(new.imported_at),
        rows: Set(new.rows),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Stores the figures of import `import_id`, replacing those stored for the same keys.
pub async fn put(
    db: &impl ConnectionTrait,
    import_id: i32,
    figures: &[(OfficialKey, OfficialValues)],
) -> Result<(), DbErr> {
    use official_figure::Column as F;
    let on_conflict = OnConflict::columns([F::UnitId, F::IndicatorId, F::Year, F::Month])
        .update_columns([
            F::Numerator,
            F::Denominator,
            F::Score,
            F::MaxScore,
            F::Source,
            F::ImportId,
        ])
        .to_owned();
    // 10 bound values a row: 500 rows stay well below SQLite's and PostgreSQL's limits.
    for chunk in figures.chunks(500) {
        let rows = chunk.iter().map(|(k, v)| official_figure::ActiveModel {
            unit_id: Set(k.unit.0),
            indicator_id: Set(k.indicator.0),
            year: Set(k.year),
            month: Set(i32::try_from(k.month).unwrap_or(0)),
            numerator: Set(v.numerator),
            denominator: Set(v.denominator),
            score: Set(v.score),
            max_score: Set(v.max_score),
            source: Set(v.source.clone()),
            import_id: Set(import_id),
        });
        official_figure::Entity::insert_many(rows)
            .on_conflict(on_conflict.clone())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
