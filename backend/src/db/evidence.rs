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

/// The total size of a request's files (its own and its actions').
pub async fn total_of_request(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
) -> Result<u64, DbErr> {
    // A request holds a few files: their sizes are summed here, the same on both databases.
    let sizes: Vec<i64> = evidence_file::Entity::find()
        .select_only()
        .column(evidence_file::Column::SizeBytes)
        .filter(evidence_file::Column::RequestId.eq(request.0))
        .into_tuple()
        .all(db)
        .await?;
    Ok(sizes.iter().map(|s| (*s).max(0) as u64).sum())
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
