//! The `consistency_rules` table: a measure (`part`) never above another (`whole`) in one
//! unit and month, beside every rate's numerator ≤ its denominator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "consistency_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub part_id: i32,
    pub whole_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
