//! The `measure_values` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "measure_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub measure_id: i32,
    pub report_id: i32,
    pub value: i64,
    pub source: Origin,
    pub source_ref: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    /// When the value was written or its month's status last moved: the change feed's
    /// clock, strictly increasing in commit order (`db::value_feed`).
    pub changed_at: DateTimeUtc,
}

/// How a figure arrived; an import names its file in `source_ref`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(
    rs_type = "String",
    db_type = "String(StringLen::None)",
    rename_all = "SCREAMING_SNAKE_CASE"
)]
pub enum Origin {
    /// Typed into a month by hand.
    Manual,
    /// Read from an imported file.
    Import,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_stored_by_its_name() {
        assert_eq!(Origin::Manual.to_value(), "MANUAL");
        assert_eq!(Origin::Import.to_value(), "IMPORT");
    }
}
