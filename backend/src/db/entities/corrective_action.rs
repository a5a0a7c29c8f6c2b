//! The `corrective_actions` table: what an explanation proposes to do, who, by when, with
//! what expected effect, and when it was done.

use sea_orm::entity::prelude::*;
use shared::ActionStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "corrective_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// The order within the explanation.
    pub position: i32,
    pub description: String,
    /// A staff member of the unit.
    pub owner_staff_id: i32,
    pub due_on: Date,
    /// "+40 hồ sơ toàn trình/tháng".
    pub expected_effect: Option<String>,
    pub status: ActionStatus,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i32>,
    pub done_note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
