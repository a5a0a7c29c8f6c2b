//! Comment threads, pure: what a thread hangs on, where a reply hangs (one level: a reply
//! to a reply hangs on the same top comment), which workflow action writes which kind of
//! comment, and the threads of a list of comments, oldest first.

use super::follow_up::Comment;
use super::report::ReportAction;
use shared::ids::{CommentId, TargetId, UnitId};
use shared::{CommentKind, CommentSubject};

/// The longest comment, in characters.
pub const MAX_BODY_CHARS: usize = 2000;

/// What a thread hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A unit's month.
    Report { unit: UnitId, year: i32, month: u32 },
    /// A target (of `unit`).
    Target { target: TargetId, unit: UnitId },
}

impl Subject {
    /// The unit whose scope decides who reads and writes the thread.
    pub fn unit(&self) -> UnitId {
        match *self {
            Subject::Report { unit, .. } | Subject::Target { unit, .. } => unit,
        }
    }

    /// Whether `c` is a comment of this thread.
    pub fn holds(&self, c: &Comment) -> bool {
        match *self {
            Subject::Report { unit, year, month } => {
                c.subject == CommentSubject::Report
                    && c.unit_id == unit
                    && c.year == Some(year)
                    && c.month == Some(month)
            }
            Subject::Target { target, .. } => {
                c.subject == CommentSubject::Target && c.target_id == Some(target)
            }
        }
    }
}

/// The comment a reply to `parent` hangs on: `parent` itself, or the top comment `parent`
/// replies to.
pub fn reply_anchor(parent: &Comment) -> CommentId {
    parent.parent_id.unwrap_or(parent.id)
}

/// The kind of comment a workflow action writes into the month's thread, if any.
pub fn workflow_kind(action: ReportAction) -> Option<CommentKind> {
    match action {
        ReportAction::Approve => Some(CommentKind::Approval),
        ReportAction::Reject => Some(CommentKind::Rejection),
        ReportAction::Reopen => Some(CommentKind::Reopening),
        ReportAction::Save | ReportAction::Submit => None,
    }
}

/// A top comment and its replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub comment: Comment,
    pub replies: Vec<Comment>,
}

/// The threads of `comments` (one subject): top comments oldest first, each with its
/// replies oldest first. A reply whose top comment is not in the list is shown as a top
/// comment, so nothing is lost.
pub fn threads(mut comments: Vec<Comment>) -> Vec<Thread> {
    comments.sort_by_key(|c| (c.created_at, c.id));
    let tops: std::collections::HashSet<CommentId> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| c.id)
        .collect();
    let mut out: Vec<Thread> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let (top, replies): (Vec<Comment>, Vec<Comment>) = comments
        .into_iter()
        .partition(|c| c.parent_id.is_none_or(|p| !tops.contains(&p)));
    for c in top {
        index.insert(c.id, out.len());
        out.push(Thread {
            comment: c,
            replies: Vec::new(),
        });
    }
    for r in replies {
        if let Some(&i) = r.parent_id.and_then(|p| index.get(&p)) {
            out[i].replies.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;
    use shared::ids::UserId;

    fn comment(id: i32, parent: Option<i32>, minute: u32) -> Comment {
        Comment {
            id: CommentId(id),
            subject: CommentSubject::Report,
            unit_id: UnitId(1),
            year: Some(2026),
            month: Some(5),
            target_id: None,
            parent_id: parent.map(CommentId),
            kind: CommentKind::Note,
            author_id: UserId(1),
            body: format!("#{id}"),
            created_at: Utc
                .with_ymd_and_hms(2026, 6, 1, 8, minute, 0)
                .single()
                .unwrap_or_default(),
        }
    }

    #[test]
    fn replies_hang_on_their_top_comment_oldest_first() {
        let t = threads(vec![
            comment(3, Some(1), 3),
            comment(2, None, 2),
            comment(1, None, 1),
            comment(4, Some(1), 4),
        ]);
        let ids: Vec<(i32, Vec<i32>)> = t
            .iter()
            .map(|t| (t.comment.id.0, t.replies.iter().map(|r| r.id.0).collect()))
            .collect();
        assert_eq!(ids, vec![(1, vec![3, 4]), (2, vec![])]);
    }

    #[test]
    fn a_reply_to_a_reply_hangs_on_the_same_top_comment() {
        assert_eq!(reply_anchor(&comment(3, Some(1), 3)), CommentId(1));
        assert_eq!(reply_anchor(&comment(1, None, 1)), CommentId(1));
    }

    #[test]
    fn approving_rejecting_and_reopening_write_their_kind() {
        assert_eq!(
            workflow_kind(ReportAction::Approve),
            Some(CommentKind::Approval)
        );
        assert_eq!(
            workflow_kind(ReportAction::Reject),
            Some(CommentKind::Rejection)
        );
        assert_eq!(
            workflow_kind(ReportAction::Reopen),
            Some(CommentKind::Reopening)
        );
        assert_eq!(workflow_kind(ReportAction::Submit), None);
    }

    #[test]
    fn a_thread_holds_only_its_subjects_comments() {
        let report = Subject::Report {
            unit: UnitId(1),
            year: 2026,
            month: 5,
        };
        assert!(report.holds(&comment(1, None, 1)));
        let other_month = Subject::Report {
            unit: UnitId(1),
            year: 2026,
            month: 6,
        };
        assert!(!other_month.holds(&comment(1, None, 1)));
        let target = Subject::Target {
            target: shared::ids::TargetId(9),
            unit: UnitId(1),
        };
        assert!(!target.holds(&comment(1, None, 1)));
    }

    proptest! {
        #[test]
        fn every_comment_appears_once_and_threads_are_one_level_deep(
            parents in prop::collection::vec(prop::option::of(0usize..20), 1..20),
        ) {
            // Comment i+1 replies to an earlier comment's top (as stored), or is a top one.
            let mut list: Vec<Comment> = Vec::new();
            for (i, p) in parents.iter().enumerate() {
                let parent = p.filter(|&p| p < i).map(|p| reply_anchor(&list[p]).0);
                list.push(comment(i as i32 + 1, parent, (i % 60) as u32));
            }
            let t = threads(list.clone());
            let mut seen: Vec<i32> = t
                .iter()
                .flat_map(|t| std::iter::once(&t.comment).chain(&t.replies))
                .map(|c| c.id.0)
                .collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (1..=list.len() as i32).collect::<Vec<_>>());
            for thread in &t {
                prop_assert!(thread.comment.parent_id.is_none());
                for r in &thread.replies {
                    prop_assert_eq!(r.parent_id, Some(thread.comment.id));
                }
            }
        }
    }
}
