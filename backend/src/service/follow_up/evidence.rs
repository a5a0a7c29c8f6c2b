//! Evidence files of an explanation (or of one of its actions): who may upload one (those
//! who may explain the request, and the level above), what is accepted (the type read from
//! the bytes, the size limits), recording it with its audit entry, opening one for a
//! download within scope, and removing one (its uploader or the level above) while the
//! request is not closed.

use super::request_in_scope;
use crate::auth::Actor;
use crate::db::evidence::{self as files, NewEvidence};
use crate::db::{ConnectionTrait, Db};
use crate::domain::evidence::{self as rules, MAX_FILES_PER_REQUEST, TooLarge};
use crate::domain::follow_up::{EvidenceFile, Request};
use crate::domain::scope::{Placement, Reach, may_explain, may_review_explanation};
use crate::error::{ServiceError, ServiceResult};
use crate::evidence_store::{EvidenceStore, Incoming};
use crate::service::{access, audit};
use shared::ExplanationStatus;
use shared::ids::{ActionId, EvidenceFileId, ExplanationRequestId, UserId};

/// Why an upload was refused.
#[derive(Debug)]
pub enum UploadRefusal {
    /// Over the per-file limit or the request's total (HTTP 413).
    TooLarge(TooLarge),
    /// A type that is not accepted (HTTP 415).
    Unsupported,
    /// Anything else (scope, role, input, a fault).
    Service(ServiceError),
}

impl From<ServiceError> for UploadRefusal {
    fn from(e: ServiceError) -> Self {
        UploadRefusal::Service(e)
    }
}

impl From<sea_orm::DbErr> for UploadRefusal {
    fn from(e: sea_orm::DbErr) -> Self {
        UploadRefusal::Service(e.into())
    }
}

/// An upload the caller may make, checked before a byte of it is read.
#[derive(Debug, Clone)]
pub struct UploadSlot {
    request: ExplanationRequestId,
    action: Option<ActionId>,
    file_name: String,
    user: UserId,
    /// Bytes of the request's files already stored.
    pub already: u64,
}

/// What a refused upload to a closed request is told.
const CLOSED: &str = "Yêu cầu giải trình đã đóng: không thể thêm hoặc gỡ tài liệu.";

/// Whether the caller may add evidence to (or remove its own from) a request whose unit
/// stands at `at`: as explaining it, or as the level above.
fn may_upload(actor: &Actor, role: shared::Role, at: Placement) -> bool {
    may_explain(role, at) || may_review_explanation(role, access::reach(actor), at)
}

/// The request in scope, if the caller may add evidence to it now.
async fn open_request_for_upload(
    actor: &Actor,
    db: &impl ConnectionTrait,
    id: ExplanationRequestId,
) -> ServiceResult<(Request, UserId)> {
    let action = "add evidence";
    let role = access::role_for(actor, action, |r| {
        may_explain(r, Placement::Below)
            || may_review_explanation(r, Reach::Province, Placement::Below)
    })?;
    let user = actor.require_user(action)?;
    let (request, at) = request_in_scope(actor, db, id).await?;
    access::allow(
        may_upload(actor, role, at),
        "Bạn không có quyền thêm tài liệu cho giải trình này.",
    )?;
    if request.status == ExplanationStatus::Closed {
        return Err(ServiceError::conflict(CLOSED));
    }
    Ok((request, user))
}

/// Checks an upload before its bytes are read: the caller, the request (not CLOSED), the
/// action (of this request), the file name, and the declared length against the limits.
pub async fn prepare_upload(
    actor: &Actor,
    db: &Db,
    store: &EvidenceStore,
    request: ExplanationRequestId,
    action: Option<ActionId>,
    raw_name: &str,
    declared: Option<u64>,
) -> Result<UploadSlot, UploadRefusal> {
    if let Some(n) = declared {
        store.limits.fits(n, 0).map_err(UploadRefusal::TooLarge)?;
    }
    let conn = db.conn();
    let (request, user) = open_request_for_upload(actor, conn, request).await?;
    if let Some(a) = action
        && files::request_of_action(conn, a).await? != Some(request.id)
    {
        return Err(ServiceError::validation(
            "action",
            "Biện pháp khắc phục này không thuộc yêu cầu giải trình đã chọn.",
        )
        .into());
    }
    let file_name = rules::file_name("name", raw_name).map_err(ServiceError::from)?;
    let held = holding(conn, request.id).await?;
    let already = held.bytes;
    if let Some(n) = declared {
        store
            .limits
            .fits(n, already)
            .map_err(UploadRefusal::TooLarge)?;
    }
    Ok(UploadSlot {
        request: request.id,
        action,
        file_name,
        user,
        already,
    })
}

/// Records a received upload: its type read from the bytes, the limits checked again
/// against what is stored now, the bytes moved into the store, the record and its audit
/// entry written in one transaction. A refused upload leaves nothing behind.
pub async fn record_upload(
    actor: &Actor,
    db: &Db,
    store: &EvidenceStore,
    slot: UploadSlot,
    incoming: Incoming,
) -> Result<EvidenceFile, UploadRefusal> {
    let kind = rules::kind_of(incoming.head()).ok_or(UploadRefusal::Unsupported)?;
    let size = incoming.size();
    let txn = db.write().await?;
    // The request may have been closed, or filled up, while the bytes arrived.
    let (request, _) = open_request_for_upload(actor, &*txn, slot.request).await?;
    let already = holding(&*txn, request.id).await?.bytes;
    store
        .limits
        .fits(size, already)
        .map_err(UploadRefusal::TooLarge)?;
    let stored = incoming.finish().await.map_err(internal)?;
    let new = NewEvidence {
        request_id: request.id,
        action_id: slot.action,
        file_name: slot.file_name,
        content_type: kind.mime.to_owned(),
        size: i64::try_from(stored.size).map_err(internal)?,
        sha256: stored.sha256.clone(),
        uploaded_by: slot.user,
        uploaded_at: db.now(),
    };
    let saved = async {
        let file = files::insert(&*txn, new).await?;
        audit::created(
            &*txn,
            Some(actor),
            "uploadEvidence",
            "evidence_file",
            file.id,
            &audit_json(&file),
        )
        .await?;
        Ok::<_, ServiceError>(file)
    }
    .await;
    let committed = match saved {
        Ok(file) => txn.commit().await.map(|_| file).map_err(ServiceError::from),
        Err(e) => Err(e),
    };
    if committed.is_err() && stored.new {
        // Nothing refers to bytes that were new: they go too.
        let _ = store.remove(&stored.sha256).await;
    }
    Ok(committed?)
}

fn internal(e: impl Into<anyhow::Error>) -> UploadRefusal {
    UploadRefusal::Service(ServiceError::Internal(e.into()))
}

fn audit_json(f: &EvidenceFile) -> serde_json::Value {
    serde_json::json!({
        "requestId": f.request_id,
        "actionId": f.action_id,
        "fileName": f.file_name,
        "contentType": f.content_type,
        "size": f.size,
        "sha256": f.sha256,
    })
}

/// A file in the caller's scope with its bytes opened for streaming; NOT_FOUND when it
/// does not exist, lies outside the scope, or its bytes are missing (the three are not told
/// apart).
pub async fn open(
    actor: &Actor,
    db: &impl ConnectionTrait,
    store: &EvidenceStore,
    id: EvidenceFileId,
) -> ServiceResult<(EvidenceFile, tokio::fs::File)> {
    let missing = || ServiceError::not_found(format!("evidence file {id}"));
    let file = files::find(db, id).await?.ok_or_else(missing)?;
    request_in_scope(actor, db, file.request_id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound(_) => missing(),
            other => other,
        })?;
    match store.open(&file.sha256).await {
        Ok(Some(bytes)) => Ok((file, bytes)),
        Ok(None) => {
            tracing::warn!(file = %id, sha256 = %file.sha256, "the bytes of an evidence file are missing from the store");
            Err(missing())
        }
        Err(e) => Err(ServiceError::Internal(e.into())),
    }
}

/// Removes a file (its uploader, or the level above) while the request is not CLOSED; the
/// bytes go too when no other record names them.
pub async fn remove(
    actor: &Actor,
    db: &Db,
    store: &EvidenceStore,
    id: EvidenceFileId,
) -> ServiceResult<()> {
    let action = "remove evidence";
    let role = access::role_for(actor, action, |r| {
        may_explain(r, Placement::Below)
            || may_review_explanation(r, Reach::Province, Placement::Below)
    })?;
    let user = actor.require_user(action)?;
    let missing = || ServiceError::not_found(format!("evidence file {id}"));
    let txn = db.write().await?;
    let file = files::find(&*txn, id).await?.ok_or_else(missing)?;
    let (request, at) = request_in_scope(actor, &*txn, file.request_id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound(_) => missing(),
            other => other,
        })?;
    let own = file.uploaded_by == user && may_explain(role, at);
    let above = may_review_explanation(role, access::reach(actor), at);
    access::allow(
        own || above,
        "Chỉ người tải lên hoặc cấp trên mới gỡ được tài liệu này.",
    )?;
    if request.status == ExplanationStatus::Closed {
        return Err(ServiceError::conflict(CLOSED));
    }
    files::delete(&*txn, id).await?;
    let others = files::count_with_sha(&*txn, &file.sha256).await?;
    audit::record(
        &*txn,
        Some(actor),
        "removeEvidence",
        "evidence_file",
        id,
        Some(audit_json(&file)),
        None,
    )
    .await?;
    // The bytes go while the write transaction is held, so that an upload of the same
    // bytes (which stores them and records them under that transaction's lock on SQLite)
    // never finds them present and then loses them.
    if others == 0
        && let Err(e) = store.remove(&file.sha256).await
    {
        // Bytes left behind are only space, found again by a restore's check of the store.
        tracing::warn!(error = %e, sha256 = %file.sha256, "removing the bytes of an evidence file failed");
    }
    txn.commit().await?;
    Ok(())
}

/// What the request holds; refused when it holds the most files it may.
async fn holding(
    db: &impl ConnectionTrait,
    request: ExplanationRequestId,
) -> Result<files::Held, UploadRefusal> {
    let held = files::held_by_request(db, request)
        .await
        .map_err(|e| UploadRefusal::Service(e.into()))?;
    if held.files >= MAX_FILES_PER_REQUEST {
        return Err(UploadRefusal::TooLarge(TooLarge::Files(
            MAX_FILES_PER_REQUEST,
        )));
    }
    Ok(held)
}
