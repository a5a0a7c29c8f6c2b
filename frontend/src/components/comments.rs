//! A comment thread on a unit's month or on a target: the comments oldest first, each with
//! its replies (one level), who wrote it and when; a workflow comment (approval, rejection,
//! reopening) is marked as such; a textarea to add one and a reply button on each.

use crate::api::ApiError;
use crate::api::gql;
use crate::api::ops::add_comment::AddCommentInput;
use crate::api::ops::report_comments::{Comment, CommentReplies};
use crate::api::ops::{
    AddComment, ReportComments, TargetComments, add_comment, report_comments, target_comments,
};
use crate::components::{ErrorBox, Flash, FlashView, Loading, Submit};
use crate::i18n::Key;
use crate::state::{Session, tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use shared::{CommentKind, CommentSubject};

/// What a thread hangs on.
#[derive(Debug, Clone, PartialEq)]
pub enum Thread {
    /// A unit's month.
    Report {
        unit_id: String,
        year: i64,
        month: i64,
    },
    /// A target.
    Target { target_id: String },
}

impl Thread {
    /// A name for `data-testid`s: `report-<unit>-<year>-<month>`, `target-<id>`.
    pub fn slug(&self) -> String {
        match self {
            Thread::Report {
                unit_id,
                year,
                month,
            } => format!("report-{unit_id}-{year}-{month}"),
            Thread::Target { target_id } => format!("target-{target_id}"),
        }
    }

    async fn load(self, s: Session) -> Result<Vec<Comment>, ApiError> {
        match self {
            Thread::Report {
                unit_id,
                year,
                month,
            } => {
                let vars = report_comments::Variables {
                    unit_id,
                    year,
                    month,
                };
                Ok(gql::<ReportComments>(s, vars).await?.report_comments)
            }
            Thread::Target { target_id } => {
                let vars = target_comments::Variables { target_id };
                Ok(gql::<TargetComments>(s, vars).await?.target_comments)
            }
        }
    }

    fn input(&self, parent_id: Option<String>, body: String) -> AddCommentInput {
        let (subject, unit_id, year, month, target_id) = match self.clone() {
            Thread::Report {
                unit_id,
                year,
                month,
            } => (
                CommentSubject::Report,
                Some(unit_id),
                Some(year),
                Some(month),
                None,
            ),
            Thread::Target { target_id } => {
                (CommentSubject::Target, None, None, None, Some(target_id))
            }
        };
        AddCommentInput {
            subject,
            unit_id,
            year,
            month,
            target_id,
            parent_id,
            body,
        }
    }
}

/// The name of a comment's kind, when it is not a plain note.
fn kind_key(kind: CommentKind) -> Option<Key> {
    match kind {
        CommentKind::Note => None,
        CommentKind::Approval => Some(Key::CommentApproval),
        CommentKind::Rejection => Some(Key::CommentRejection),
        CommentKind::Reopening => Some(Key::CommentReopening),
    }
}

/// The thread of `thread`, with a form to add a comment; `reload` bumped from outside (an
/// approval with a comment) loads it again.
#[component]
pub fn CommentThread(
    thread: Thread,
    /// A heading above the thread.
    #[prop(optional)]
    title: Option<Key>,
    #[prop(optional)] reload: Option<RwSignal<u32>>,
) -> impl IntoView {
    let s = use_session();
    let slug = thread.slug();
    let thread = StoredValue::new(thread);
    let reload = reload.unwrap_or_else(|| RwSignal::new(0));
    let list = LocalResource::new(move || {
        reload.track();
        thread.get_value().load(s)
    });
    let refresh = Callback::new(move |_| list.refetch());
    view! {
        <div class="comments" data-testid=format!("comments-{slug}")>
            {title.map(|k| view! { <h3>{tr(k)}</h3> })}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=refresh/> }.into_any(),
                        Ok(v) if v.is_empty() => view! { <p class="muted" data-testid="comments-empty">{tr(Key::NoComments)}</p> }.into_any(),
                        Ok(v) => view! {
                            <ol class="comment-list">
                                {v.into_iter().map(|c| view! { <CommentItem comment=c thread refresh/> }).collect_view()}
                            </ol>
                        }.into_any(),
                    }
                })}
            </Transition>
            <CommentForm thread parent=None refresh/>
        </div>
    }
}

/// One top comment with its replies and a reply button.
#[component]
fn CommentItem(
    comment: Comment,
    thread: StoredValue<Thread>,
    refresh: Callback<()>,
) -> impl IntoView {
    let replying = RwSignal::new(false);
    let id = comment.id.clone();
    let replies = comment.replies.clone();
    view! {
        <li class="comment" data-testid=format!("comment-{}", comment.id)>
            {comment_head(comment.author, comment.created_at, comment.kind)}
            <p class="comment-body">{comment.body}</p>
            {(!replies.is_empty()).then(|| view! {
                <ol class="comment-replies">
                    {replies.into_iter().map(|r| view! { <Reply reply=r/> }).collect_view()}
                </ol>
            })}
            <button type="button" class="btn btn-small btn-ghost" data-testid="comment-reply"
                aria-expanded=move || replying.get().to_string()
                on:click=move |_| replying.update(|r| *r = !*r)>
                <span aria-hidden="true">"↪ "</span>{tr(Key::ReplyComment)}
            </button>
            <Show when=move || replying.get()>
                <CommentForm thread parent=Some(id.clone()) refresh=Callback::new(move |_| { replying.set(false); refresh.run(()) })/>
            </Show>
        </li>
    }
}

#[component]
fn Reply(reply: CommentReplies) -> impl IntoView {
    view! {
        <li class="comment comment-reply" data-testid=format!("comment-{}", reply.id)>
            {comment_head(reply.author, reply.created_at, reply.kind)}
            <p class="comment-body">{reply.body}</p>
        </li>
    }
}

fn comment_head(author: String, at: String, kind: CommentKind) -> impl IntoView {
    view! {
        <p class="comment-head">
            <strong>{author}</strong>" · "<time datetime=at.clone()>{format_vietnam_datetime(&at)}</time>
            {kind_key(kind).map(|k| view! { " " <span class="badge comment-kind" data-kind=kind.as_str()>{tr(k)}</span> })}
        </p>
    }
}

/// A textarea and a send button: a new comment, or a reply to `parent`.
#[component]
fn CommentForm(
    thread: StoredValue<Thread>,
    parent: Option<String>,
    refresh: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let body = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let is_reply = parent.is_some();
    let parent = StoredValue::new(parent);
    let slug = thread.with_value(Thread::slug);
    let id = match parent.get_value() {
        Some(p) => format!("comment-reply-{p}"),
        None => format!("comment-new-{slug}"),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked().trim().to_owned();
        if text.is_empty() {
            return send.invalid(Key::CommentEmpty.text(s.lang.get_untracked()));
        }
        let input = thread.with_value(|t| t.input(parent.get_value(), text));
        send.run(
            async move { gql::<AddComment>(s, add_comment::Variables { input }).await },
            move |_| {
                body.set(String::new());
                refresh.run(());
                Some(Key::CommentAdded)
            },
        );
    };
    let busy = send.pending();
    let label = if is_reply {
        Key::ReplyComment
    } else {
        Key::AddComment
    };
    view! {
        <form class="comment-form" data-testid="comment-form" on:submit=submit novalidate>
            <label for=id.clone() class="sr-only">{tr(label)}</label>
            <textarea id=id.clone() data-testid="comment-body" rows="2" bind:value=body
                placeholder=move || s.t(Key::CommentPlaceholder)></textarea>
            <div class="actions">
                <button type="submit" class="btn btn-small" data-testid="comment-send" disabled=move || busy.get()>{tr(label)}</button>
            </div>
            <FlashView flash testid="comment-result"/>
        </form>
    }
}
