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
    /// When an ADMIN locked the account (null when it is not locked).
    pub locked_at: Option<DateTimeUtc>,
    /// The ADMIN who locked it.
    pub locked_by: Option<i32>,
    /// Why it was locked.
    pub lock_reason: Option<String>,
    /// Its password was set by an ADMIN: the user must change it.
    pub must_change_password: bool,
    /// When it last logged in.
    pub last_login_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
