//! Comment threads on a unit's monthly report and on a target: reading a thread in scope,
//! adding a comment or a reply (anyone signed in whose scope includes the unit; an API
//! token never writes), and the comment an approval, rejection or reopening writes into the
//! month's thread in the transaction of that action.

use crate::auth::Actor;
use crate::db::comments::{self as store, NewComment};
use crate::db::{ConnectionTrait, Db, targets, units};
use crate::domain::comments::{MAX_BODY_CHARS, Subject, Thread, reply_anchor, threads};
use crate::domain::follow_up::Comment;
use crate::domain::input;
use crate::domain::scope::{Placement, may_comment};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access::{self, OrNotFound};
use crate::service::audit;
use chrono::{DateTime, Utc};
use shared::ids::{CommentId, TargetId, UnitId, UserId};
use shared::{CommentKind, CommentSubject};

/// A comment as shown: with its author's name and its replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentView {
    pub comment: Comment,
    /// The author's staff full name, else the username.
    pub author: String,
    /// Replies, oldest first (none on a reply).
    pub replies: Vec<CommentView>,
}

/// What a thread hangs on, as given by the caller.
#[derive(Debug, Clone, Copy)]
pub enum SubjectRef {
    /// A unit's month.
    Report { unit: UnitId, year: i64, month: i64 },
    /// A target.
    Target(TargetId),
}

/// A comment to add.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub subject: SubjectRef,
    /// A reply to this comment.
    pub parent: Option<CommentId>,
    pub body: String,
}

/// The subject, when it exists (NOT_FOUND otherwise; a caller scoped to the root "sees"
/// every id).
async fn resolve(db: &impl ConnectionTrait, subject: SubjectRef) -> ServiceResult<Subject> {
    match subject {
        SubjectRef::Report { unit, year, month } => {
            let year = input::year("year", year)?;
            let month = input::month("month", month)?;
            units::find(db, unit)
                .await?
                .or_not_found(format!("unit {unit}"))?;
            Ok(Subject::Report { unit, year, month })
        }
        SubjectRef::Target(target) => {
            let found = targets::get(db, crate::db::closure::Scope::Everything, target).await?;
            let t = found.or_not_found(format!("target {target}"))?;
            Ok(Subject::Target {
                target,
                unit: t.unit_id,
            })
        }
    }
}

/// Where the subject's unit stands; NOT_FOUND outside the caller's scope (the same answer
/// as for a subject that does not exist).
async fn placed(
    db: &impl ConnectionTrait,
    actor: &Actor,
    subject: SubjectRef,
) -> ServiceResult<(Subject, Placement)> {
    let what = match subject {
        SubjectRef::Report { unit, .. } => format!("unit {unit}"),
        SubjectRef::Target(t) => format!("target {t}"),
    };
    // Scope first, so that an id outside the scope and a missing one answer alike.
    if let SubjectRef::Report { unit, .. } = subject {
        access::ensure_visible(db, actor, unit, "unit").await?;
    }
    let resolved = resolve(db, subject).await?;
    let at = access::placement(db, actor, resolved.unit()).await?;
    if !at.in_scope() {
        return Err(ServiceError::not_found(what));
    }
    Ok((resolved, at))
}

/// The thread of a subject in scope, oldest first.
pub async fn thread(
    actor: &Actor,
    db: &impl ConnectionTrait,
    subject: SubjectRef,
) -> ServiceResult<Vec<CommentView>> {
    let (subject, _) = placed(db, actor, subject).await?;
    let comments = match subject {
        Subject::Report { unit, year, month } => store::of_report(db, unit, year, month).await?,
        Subject::Target { target, .. } => store::of_target(db, target).await?,
    };
    views(db, threads(comments)).await
}

/// The threads with their authors' names (one lookup for all).
async fn views(db: &impl ConnectionTrait, threads: Vec<Thread>) -> ServiceResult<Vec<CommentView>> {
    let mut authors: Vec<UserId> = threads
        .iter()
        .flat_map(|t| std::iter::once(&t.comment).chain(&t.replies))
        .map(|c| c.author_id)
        .collect();
    authors.sort_unstable_by_key(|u| u.0);
    authors.dedup();
    let names = crate::db::people::names(db, &authors).await?;
    let view = |c: Comment, replies: Vec<CommentView>| CommentView {
        author: names
            .get(&c.author_id)
            .cloned()
            .unwrap_or_else(|| format!("#{}", c.author_id)),
        comment: c,
        replies,
    };
    Ok(threads
        .into_iter()
        .map(|t| {
            let replies = t.replies.into_iter().map(|r| view(r, Vec::new())).collect();
            view(t.comment, replies)
        })
        .collect())
}

/// Adds a comment (or a reply) as the caller.
pub async fn add(actor: &Actor, db: &Db, note: NewNote) -> ServiceResult<CommentView> {
    let role = access::role_for(actor, "comment", |r| may_comment(r, Placement::AtScope))?;
    let user = actor.require_user("comment")?;
    let body = input::text("body", &note.body, MAX_BODY_CHARS).map_err(|_| {
        ServiceError::validation(
            "body",
            format!(
                "Nội dung ý kiến phải có từ 1 đến {MAX_BODY_CHARS} ký tự, không chứa ký tự điều khiển."
            ),
        )
    })?;
    let (subject, at) = placed(db.conn(), actor, note.subject).await?;
    access::allow(
        may_comment(role, at),
        "Bạn không có quyền bình luận ở đơn vị này.",
    )?;
    let txn = db.write().await?;
    let parent = match note.parent {
        None => None,
        Some(id) => {
            let found = store::find(&*txn, id).await?.filter(|p| subject.holds(p));
            let p = found.ok_or_else(|| {
                ServiceError::validation(
                    "parentId",
                    "Bình luận được trả lời không thuộc chủ đề này.",
                )
            })?;
            Some(reply_anchor(&p))
        }
    };
    let created = insert(
        &*txn,
        subject,
        parent,
        CommentKind::Note,
        user,
        body,
        db.now(),
    )
    .await?;
    audit_comment(&*txn, actor, "addComment", &created).await?;
    txn.commit().await?;
    let mut shown = views(
        db.conn(),
        vec![Thread {
            comment: created,
            replies: Vec::new(),
        }],
    )
    .await?;
    shown.pop().ok_or_else(|| {
        ServiceError::Internal(anyhow::anyhow!("a comment just written could not be shown"))
    })
}

async fn insert(
    db: &impl ConnectionTrait,
    subject: Subject,
    parent: Option<CommentId>,
    kind: CommentKind,
    author: UserId,
    body: String,
    at: DateTime<Utc>,
) -> ServiceResult<Comment> {
    let (year, month, target) = match subject {
        Subject::Report { year, month, .. } => (Some(year), Some(month), None),
        Subject::Target { target, .. } => (None, None, Some(target)),
    };
    let new = NewComment {
        subject: match subject {
            Subject::Report { .. } => CommentSubject::Report,
            Subject::Target { .. } => CommentSubject::Target,
        },
        unit_id: subject.unit(),
        year,
        month,
        target_id: target,
        parent_id: parent,
        kind,
        author_id: author,
        body,
        created_at: at,
    };
    Ok(store::insert(db, new).await?)
}

async fn audit_comment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    c: &Comment,
) -> ServiceResult<()> {
    let after = serde_json::json!({
        "subject": c.subject,
        "unitId": c.unit_id,
        "year": c.year,
        "month": c.month,
        "targetId": c.target_id,
        "parentId": c.parent_id,
        "kind": c.kind,
        "body": c.body,
    });
    audit::record(db, Some(actor), action, "comment", c.id, None, Some(after)).await
}

/// Writes the comment of a workflow action (approval, rejection, reopening) into the
/// month's thread, in the caller's transaction; nothing when there is no comment.
pub async fn from_workflow(
    db: &impl ConnectionTrait,
    actor: &Actor,
    author: UserId,
    month: (UnitId, i32, u32),
    kind: CommentKind,
    body: Option<&str>,
    at: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(body) = body.map(str::trim).filter(|b| !b.is_empty()) else {
        return Ok(());
    };
    let (unit, year, month) = month;
    let subject = Subject::Report { unit, year, month };
    let created = insert(db, subject, None, kind, author, body.to_owned(), at).await?;
    audit_comment(db, actor, "addComment", &created).await
}
