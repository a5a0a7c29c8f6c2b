//! The `evidence_files` table: a file attached to an explanation (or to one of its
//! actions); its bytes live in the evidence store under their SHA-256.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// Evidence that an action was done; null for the explanation's own evidence.
    pub action_id: Option<i32>,
    /// The name it was uploaded with (shown, never trusted).
    pub file_name: String,
    /// The type read from the bytes.
    pub content_type: String,
    pub size_bytes: i64,
    /// Lowercase hex; also the name of the bytes in the store.
    pub sha256: String,
    pub uploaded_by: i32,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
