//! Queries on evidence files' records: those of a set of requests (one query per chunk of
//! ids), one by id, a request's total size, how many records share some bytes; inserting
//! and deleting a record. The bytes live in the evidence store, not here.

use super::entities::{corrective_action, evidence_file};
use crate::domain::follow_up::EvidenceFile;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::ids::{ActionId, EvidenceFileId, ExplanationRequestId, UserId};

/// Ids per `IN (…)` list.
const IN_CHUNK: usize = 500;

impl From<evidence_file::Model> for EvidenceFile {
    fn from(m: evidence_file::Model) -> Self {
        EvidenceFile {
            id: EvidenceFileId(m.id),
            request_id: ExplanationRequestId(m.request_id),
            action_id: m.action_id.map(ActionId),
            file_name: m.file_name,
            content_type: m.content_type,
            size: m.size_bytes,
            sha256: m.sha256,
            uploaded_by: UserId(m.uploaded_by),
            uploaded_at: m.uploaded_at,
        }
    }
}

/// The files of `requests` (the explanations' own and their actions'), oldest first.
pub async fn of_requests(
    db: &impl ConnectionTrait,
    requests: &[ExplanationRequestId],
) -> Result<Vec<EvidenceFile>, DbErr> {
    let mut out = Vec::new();
    for chunk in requests.chunks(IN_CHUNK) {
        let rows = evidence_file::Entity::find()
            .filter(evidence_file::Column::RequestId.is_in(chunk.iter().map(|r| r.0)))
            .order_by_asc(evidence_file::Column::Id)
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(EvidenceFile::from));
    }
    Ok(out)
}

/// One file's record.
pub async fn find(
    db: &impl ConnectionTrait,
    id: EvidenceFileId,
) -> Result<Option<EvidenceFile>, DbErr> {
    Ok(evidence_file::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(EvidenceFile::from))
}

/// A new record.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub request_id: ExplanationRequestId,
    pub action_id: Option<ActionId>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: UserId,
    pub uploaded_at: DateTime<Utc>,
}

/// Inserts a record.
pub async fn insert(db: &impl ConnectionTrait, new: NewEvidence) -> Result<EvidenceFile, DbErr> {
    let row = evidence_file::ActiveModel {
        request_id: Set(new.request_id.0),
        action_id: Set(new.action_id.map(|a| a.0)),
        file_name: Set(new.file_name),
        content_type: Set(new.content_type),
        size_bytes: Set(new.size),
        sha256: Set(new.sha256),
        uploaded_by: Set(new.uploaded_by.0),
        uploaded_at: Set(new.uploaded_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(EvidenceFile::from(row))
}

/// Deletes a record.
pub async fn delete(db: &impl ConnectionTrait, id: EvidenceFileId) -> Result<(), DbErr> {
    evidence_file::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

/// How many files a request holds (its own and its actions') and their total size, summed
/// by the database.
pub async fn held_by_request(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
) -> Result<Held, DbErr> {
    use sea_orm::sea_query::Expr;
    let row: Option<(i64, i64)> = evidence_file::Entity::find()
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "files")
        .column_as(
            Expr::cust("CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT)"),
            "bytes",
        )
        .filter(evidence_file::Column::RequestId.eq(request.0))
        .into_tuple()
        .one(db)
        .await?;
    let (files, bytes) = row.unwrap_or_default();
    Ok(Held {
        files: u64::try_from(files).unwrap_or(0),
        bytes: u64::try_from(bytes).unwrap_or(0),
    })
}

/// What a request holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    pub files: u64,
    pub bytes: u64,
}

/// How many records name the bytes `sha256`.
pub async fn count_with_sha(db: &impl ConnectionTrait, sha256: &str) -> Result<u64, DbErr> {
    evidence_file::Entity::find()
        .filter(evidence_file::Column::Sha256.eq(sha256))
        .count(db)
        .await
}

/// The request an action belongs to, if the action exists.
pub async fn request_of_action(
    db: &impl ConnectionTrait,
    action: ActionId,
) -> Result<Option<ExplanationRequestId>, DbErr> {
    Ok(corrective_action::Entity::find_by_id(action.0)
        .one(db)
        .await?
        .map(|a| ExplanationRequestId(a.request_id)))
}
