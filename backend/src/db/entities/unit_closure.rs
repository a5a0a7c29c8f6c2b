//! The `unit_closure` table: the months in which a descendant's figures count for an
//! ancestor (`from_month` through `to_month`, month indexes of `domain::tree`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_closure")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ancestor_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub descendant_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub from_month: i32,
    pub depth: i32,
    pub to_month: i32,
    /// Copied from a predecessor by a merge, not a path of the tree itself.
    pub inherited: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
