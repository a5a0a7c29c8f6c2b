//! The `users` table.

use sea_orm::entity::prelude::*;
use shared::Role;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: i32,
    pub staff_id: Option<i32>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// Incremented to end every session of the account (a token carries the epoch it was
    /// issued in).
    pub session_epoch: i32,
    /// Where the account's e-mails go (else its staff link's e-mail).
    pub email: Option<String>,
    /// The kinds of e-mail the user turned off: `MailKind` codes, comma-separated.
    pub muted: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
