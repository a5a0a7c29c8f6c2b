//! The `milestones` table.

use sea_orm::entity::prelude::*;
use shared::Grain;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "milestones")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub target_id: i32,
    pub grain: Grain,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idx: i32,
    pub value: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
