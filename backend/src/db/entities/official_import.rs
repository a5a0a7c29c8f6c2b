//! The `official_imports` table: one file of the portal's official figures, with its
//! provenance.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "official_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub file_name: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    pub imported_by: Option<i32>,
    pub imported_at: DateTimeUtc,
    pub rows: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
