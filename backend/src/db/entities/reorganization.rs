//! The `reorganizations` table: one merge, move, rename or close of units, with its decision.

use sea_orm::entity::prelude::*;
use shared::ReorgKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reorganizations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: ReorgKind,
    pub effective_on: Date,
    pub decision: String,
    /// The unit after the change (none for a close).
    pub result_id: Option<i32>,
    /// What a rename changed, as JSON (the earlier code, name and kind).
    pub details: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
