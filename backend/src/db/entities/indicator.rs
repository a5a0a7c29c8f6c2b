//! The `indicators` table.

use sea_orm::entity::prelude::*;
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub group_code: String,
    pub name: String,
    /// English name; empty when none.
    pub name_en: String,
    pub kind: IndicatorKind,
    pub numerator_id: i32,
    pub denominator_id: Option<i32>,
    pub direction: Direction,
    pub points: f64,
    pub rule: ScoringRule,
    pub threshold: Option<f64>,
    pub active: bool,
    pub position: i32,
    pub no_data: NoDataRule,
    /// The unit kinds it scores, comma-separated wire names; empty: every kind.
    pub applies_to: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
