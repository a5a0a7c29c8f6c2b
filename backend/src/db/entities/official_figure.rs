//! The `official_figures` table: the portal's numerator, denominator, score and maximum for
//! one unit, indicator and month, apart from the unit's own figures.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "official_figures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub indicator_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: i32,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    /// The row's own `source` column, if the file had one.
    pub source: Option<String>,
    pub import_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
