//! The `units` table.

use sea_orm::entity::prelude::*;
use shared::UnitKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i32>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// The first day in force; `None` since before the first recorded change.
    pub valid_from: Option<Date>,
    /// The last day in force; `None` while in force.
    pub valid_to: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
