//! Queries on comments: one by id, the comments of a month or of a target (oldest first),
//! inserting one.

use super::convert;
use super::entities::comment;
use crate::domain::follow_up::Comment;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::ids::{CommentId, TargetId, UnitId, UserId};
use shared::{CommentKind, CommentSubject};

impl TryFrom<comment::Model> for Comment {
    type Error = DbErr;
    fn try_from(m: comment::Model) -> Result<Self, DbErr> {
        Ok(Comment {
            id: CommentId(m.id),
            subject: m.subject,
            unit_id: UnitId(m.unit_id),
            year: m.year,
            month: m.month.map(convert::month).transpose()?,
            target_id: m.target_id.map(TargetId),
            parent_id: m.parent_id.map(CommentId),
            kind: m.kind,
            author_id: UserId(m.author_id),
            body: m.body,
            created_at: m.created_at,
        })
    }
}

fn all(rows: Vec<comment::Model>) -> Result<Vec<Comment>, DbErr> {
    rows.into_iter().map(Comment::try_from).collect()
}

/// One comment.
pub async fn find(db: &impl ConnectionTrait, id: CommentId) -> Result<Option<Comment>, DbErr> {
    comment::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Comment::try_from)
        .transpose()
}

/// The most comments a thread shows (its oldest), so that no thread answers without bound.
pub const MAX_THREAD: u64 = 1000;

/// The comments on a unit's month, oldest first (at most [`MAX_THREAD`]).
pub async fn of_report(
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
    month: u32,
) -> Result<Vec<Comment>, DbErr> {
    let rows = comment::Entity::find()
        .filter(comment::Column::Subject.eq(CommentSubject::Report))
        .filter(comment::Column::UnitId.eq(unit.0))
        .filter(comment::Column::Year.eq(year))
        .filter(comment::Column::Month.eq(month as i32))
        .order_by_asc(comment::Column::Id)
        .limit(MAX_THREAD)
        .all(db)
        .await?;
    all(rows)
}

/// The comments on a target, oldest first (at most [`MAX_THREAD`]).
pub async fn of_target(db: &impl ConnectionTrait, target: TargetId) -> Result<Vec<Comment>, DbErr> {
    let rows = comment::Entity::find()
        .filter(comment::Column::Subject.eq(CommentSubject::Target))
        .filter(comment::Column::TargetId.eq(target.0))
        .order_by_asc(comment::Column::Id)
        .limit(MAX_THREAD)
        .all(db)
        .await?;
    all(rows)
}

/// A new comment.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub subject: CommentSubject,
    pub unit_id: UnitId,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub target_id: Option<TargetId>,
    pub parent_id: Option<CommentId>,
    pub kind: CommentKind,
    pub author_id: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// Inserts a comment.
pub async fn insert(db: &impl ConnectionTrait, new: NewComment) -> Result<Comment, DbErr> {
    let row = comment::ActiveModel {
        subject: Set(new.subject),
        unit_id: Set(new.unit_id.0),
        year: Set(new.year),
        month: Set(new.month.map(|m| m as i32)),
        target_id: Set(new.target_id.map(|t| t.0)),
        parent_id: Set(new.parent_id.map(|p| p.0)),
        kind: Set(new.kind),
        author_id: Set(new.author_id.0),
        body: Set(new.body),
        created_at: Set(new.created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Comment::try_from(row)
}
