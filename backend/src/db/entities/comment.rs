//! The `comments` table: threads on a monthly report (unit, year, month) or on a target;
//! a reply names its parent.

use sea_orm::entity::prelude::*;
use shared::{CommentKind, CommentSubject};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub subject: CommentSubject,
    /// The report's unit, or the target's.
    pub unit_id: i32,
    /// REPORT: the month's year and month.
    pub year: Option<i32>,
    pub month: Option<i32>,
    /// TARGET: the target.
    pub target_id: Option<i32>,
    pub parent_id: Option<i32>,
    pub kind: CommentKind,
    pub author_id: i32,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
