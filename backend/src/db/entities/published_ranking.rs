//! The `published_rankings` table.

use sea_orm::entity::prelude::*;
use shared::{PeriodKind, UnitKind};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "published_rankings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i32,
    pub period_kind: PeriodKind,
    pub period_index: Option<i32>,
    pub unit_kind: UnitKind,
    pub published_at: DateTimeUtc,
    pub published_by: Option<i32>,
    pub rows_json: String,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<i32>,
    pub withdrawal_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
