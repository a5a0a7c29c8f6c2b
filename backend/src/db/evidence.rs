//! Queries on evidence files' records: those of a set of requests (one query per chunk of
//! ids), one by id. The bytes live in the evidence store, not here.

use super::entities::evidence_file;
use crate::domain::follow_up::EvidenceFile;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
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
