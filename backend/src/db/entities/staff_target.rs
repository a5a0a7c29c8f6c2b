//! The `staff_targets` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub target_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: i32,
    pub value: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
