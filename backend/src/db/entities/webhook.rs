//! The `webhooks` table: a receiver of JSON events in a unit's subtree, with the secret its
//! posts are signed with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub url: String,
    /// The HMAC-SHA256 signing key; shown once when the webhook is created.
    pub secret: String,
    /// The events it receives: `TodoKind` codes, comma-separated.
    pub events: String,
    pub unit_id: i32,
    pub active: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
