//! The `targets` table.

use sea_orm::entity::prelude::*;
use shared::Grain;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub decision_id: i32,
    pub unit_id: i32,
    pub indicator_id: i32,
    pub year: i32,
    pub value: f64,
    pub baseline: Option<f64>,
    pub responsible_staff_id: Option<i32>,
    pub version: i32,
    pub split_grain: Option<Grain>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
