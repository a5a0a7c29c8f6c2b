//! Comment threads on monthly reports and targets: the two thread queries and `addComment`.

use super::context::CtxExt;
use super::error::{GqlResult, invalid};
use super::scalars::{parse_id, parse_opt_id};
use crate::service::follow_up::comments::{self, CommentView, NewNote, SubjectRef};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use shared::{CommentKind, CommentSubject};

/// A comment of a thread.
#[derive(SimpleObject)]
#[graphql(name = "Comment")]
pub struct CommentObject {
    id: ID,
    kind: CommentKind,
    author: String,
    body: String,
    created_at: DateTime<Utc>,
    /// Replies, oldest first (one level: a reply to a reply hangs on the same top comment).
    replies: Vec<CommentObject>,
}

impl From<CommentView> for CommentObject {
    fn from(v: CommentView) -> Self {
        CommentObject {
            id: ID(v.comment.id.to_string()),
            kind: v.comment.kind,
            author: v.author,
            body: v.comment.body,
            created_at: v.comment.created_at,
            replies: v.replies.into_iter().map(CommentObject::from).collect(),
        }
    }
}

/// Input of `addComment`.
#[derive(InputObject)]
pub struct AddCommentInput {
    pub subject: CommentSubject,
    /// REPORT: the report's unit, year and month.
    pub unit_id: Option<ID>,
    pub year: Option<i32>,
    pub month: Option<i32>,
    /// TARGET: the target.
    pub target_id: Option<ID>,
    /// A reply to this comment.
    pub parent_id: Option<ID>,
    pub body: String,
}

impl AddCommentInput {
    fn subject(&self) -> Result<SubjectRef> {
        match self.subject {
            CommentSubject::Report => {
                let (Some(unit), Some(year), Some(month)) = (&self.unit_id, self.year, self.month)
                else {
                    return Err(invalid(
                        "unitId",
                        "Bình luận về báo cáo tháng cần unitId, year và month.",
                    ));
                };
                Ok(SubjectRef::Report {
                    unit: parse_id("unitId", unit)?,
                    year: i64::from(year),
                    month: i64::from(month),
                })
            }
            CommentSubject::Target => {
                let Some(target) = &self.target_id else {
                    return Err(invalid("targetId", "Bình luận về chỉ tiêu cần targetId."));
                };
                Ok(SubjectRef::Target(parse_id("targetId", target)?))
            }
        }
    }
}

fn list(views: Vec<CommentView>) -> Vec<CommentObject> {
    views.into_iter().map(CommentObject::from).collect()
}

#[derive(Default)]
pub struct CommentQuery;

#[Object]
impl CommentQuery {
    /// The thread on a unit's month (in scope), oldest first.
    async fn report_comments(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
    ) -> Result<Vec<CommentObject>> {
        let subject = SubjectRef::Report {
            unit: parse_id("unitId", &unit_id)?,
            year: i64::from(year),
            month: i64::from(month),
        };
        let views = comments::thread(&ctx.actor()?, ctx.db().conn(), subject).await;
        Ok(list(views.gql()?))
    }

    /// The thread on a target (in scope), oldest first.
    async fn target_comments(
        &self,
        ctx: &Context<'_>,
        target_id: ID,
    ) -> Result<Vec<CommentObject>> {
        let subject = SubjectRef::Target(parse_id("targetId", &target_id)?);
        let views = comments::thread(&ctx.actor()?, ctx.db().conn(), subject).await;
        Ok(list(views.gql()?))
    }
}

#[derive(Default)]
pub struct CommentMutation;

#[Object]
impl CommentMutation {
    /// Anyone signed in (not an API token; VIEWER too: leaders comment) whose scope includes
    /// the unit.
    async fn add_comment(
        &self,
        ctx: &Context<'_>,
        input: AddCommentInput,
    ) -> Result<CommentObject> {
        let note = NewNote {
            subject: input.subject()?,
            parent: parse_opt_id("parentId", input.parent_id.as_ref())?,
            body: input.body,
        };
        comments::add(&ctx.actor()?, ctx.db(), note)
            .await
            .gql()
            .map(CommentObject::from)
    }
}
