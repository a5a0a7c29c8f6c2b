//! The `reporting_deadlines` table: a month whose deadlines an ADMIN moved from the
//! defaults.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reporting_deadlines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: i32,
    /// The month's figures must be submitted by this day.
    pub due_on: Date,
    /// And approved by this day.
    pub approve_by: Date,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
