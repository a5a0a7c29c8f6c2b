//! The `violations` table.

use sea_orm::entity::prelude::*;
use shared::{Handling, ViolationKind};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "violations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub staff_id: Option<i32>,
    pub occurred_on: Date,
    pub kind: ViolationKind,
    pub description: String,
    pub dossier_ref: Option<String>,
    pub handling: Handling,
    pub recorded_by: i32,
    pub created_at: DateTimeUtc,
    /// The explanation request it was recorded for, if any.
    pub explanation_request_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
