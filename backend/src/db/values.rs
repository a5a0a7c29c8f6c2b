//! Writing monthly figures: an upsert of `measure_values` keyed by unit, year, month and
//! measure, shared by saving a month and importing a file.

use super::entities::measure_value;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// Inserts the rows, replacing the value, report, source and author of existing ones.
pub async fn upsert(
    db: &impl ConnectionTrait,
    rows: Vec<measure_value::ActiveModel>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    measure_value::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                measure_value::Column::UnitId,
                measure_value::Column::Year,
                measure_value::Column::Month,
                measure_value::Column::MeasureId,
            ])
            .update_columns([
                measure_value::Column::Value,
                measure_value::Column::ReportId,
                measure_value::Column::Source,
                measure_value::Column::SourceRef,
                measure_value::Column::UpdatedAt,
                measure_value::Column::UpdatedBy,
            ])
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
