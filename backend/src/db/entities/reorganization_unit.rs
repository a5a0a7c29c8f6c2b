//! The `reorganization_units` table: the units a reorganisation changed, with their part
//! (SOURCE: merged, moved, renamed or closed; MOVED: a child that followed a merge).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reorganization_units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub reorganization_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
