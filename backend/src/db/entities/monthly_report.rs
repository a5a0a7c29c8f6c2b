//! The `monthly_reports` table.

use sea_orm::entity::prelude::*;
use shared::ReportStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "monthly_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub year: i32,
    pub month: i32,
    pub status: ReportStatus,
    pub comment: Option<String>,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    /// The first submission (kept through rejections and reopenings).
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
