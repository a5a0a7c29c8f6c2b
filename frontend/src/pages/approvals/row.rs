//! One month of one unit on the approvals page: a box to select it for a bulk approval,
//! its status, its review (flags at a glance, indicator values and figures on demand), and
//! approve (with a comment, optionally), reject (with a reason) or reopen (with a reason),
//! and the month's comment thread (the decisions' comments are part of it); a decision
//! refreshes the caller's to-do list and the menu's counts. What opens below a month (its
//! review, the comment form, the thread) opens in a row of its own across the table, so the
//! columns keep their widths.

use super::RowModel;
use super::review::{ReviewDetails, ReviewSummary};
use crate::api::ops::monthly_report::Report as Decided;
use crate::api::ops::review_month::ReviewedReport as Month;
use crate::api::ops::{
    ApproveMonthlyReport, RejectMonthlyReport, ReopenMonthlyReport, approve_monthly_report,
    reject_monthly_report, reopen_monthly_report,
};
use crate::api::{ApiError, gql};
use crate::components::comments::{CommentThread, Thread};
use crate::components::{FlashView, ReportBadge, Submit};
use crate::cycle::todo::month_label;
use crate::i18n::Key;
use crate::pages::home::refresh_todo;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::ReportStatus;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    /// Approve with a comment (optional).
    Approve,
    Reject,
    Reopen,
}

/// What a manager does to a submitted or approved month.
#[derive(Clone)]
enum Decide {
    Approve(Option<String>),
    Reject(String),
    Reopen(String),
}

/// The month `now` after a decision answered `decided` (the review does not change).
pub(super) fn after(
    now: &Month,
    status: ReportStatus,
    version: i64,
    comment: Option<String>,
) -> Month {
    Month {
        status,
        version,
        comment,
        ..now.clone()
    }
}

/// Approves, rejects or reopens `report`'s month: the month as it now is, and what to say.
async fn decide(s: Session, report: &Month, what: Decide) -> Result<(Decided, Key), ApiError> {
    let (unit_id, year, month) = (report.unit.id.clone(), report.year, report.month);
    Ok(match what {
        Decide::Approve(comment) => {
            let vars = approve_monthly_report::Variables {
                unit_id,
                year,
                month,
                comment,
            };
            let r = gql::<ApproveMonthlyReport>(s, vars).await?;
            (r.approve_monthly_report, Key::Approved)
        }
        Decide::Reject(comment) => {
            let vars = reject_monthly_report::Variables {
                unit_id,
                year,
                month,
                comment,
            };
            let r = gql::<RejectMonthlyReport>(s, vars).await?;
            (r.reject_monthly_report, Key::Rejected)
        }
        Decide::Reopen(comment) => {
            let vars = reopen_monthly_report::Variables {
                unit_id,
                year,
                month,
                comment,
            };
            let r = gql::<ReopenMonthlyReport>(s, vars).await?;
            (r.reopen_monthly_report, Key::Reopened)
        }
    })
}

/// A unit's month: one row of the approvals table (a card on a phone). `by_month` rows (a
/// unit's months) start with the month and are told apart by it; `cols` is the number of
/// columns the rows below it span.
#[component]
pub(super) fn ApprovalRow(
    model: RowModel,
    selected: RwSignal<BTreeSet<String>>,
    by_month: bool,
    cols: u32,
) -> impl IntoView {
    let s = use_session();
    let RowModel {
        uid,
        unit,
        state,
        flash,
    } = model;
    let (year, month) = state.with_untracked(|r| (r.year, r.month));
    let asking = RwSignal::new(None::<Pending>);
    let comment = RwSignal::new(String::new());
    let show_values = RwSignal::new(false);
    let unit_id = unit.id.clone();
    let thread_id = format!("{}-m{month}", unit.id);

    let run = Submit::new(flash);
    let run_request =
        move |what: Decide| async move { decide(s, &state.get_untracked(), what).await };
    let thread_reload = RwSignal::new(0u32);
    let show_thread = RwSignal::new(false);
    let uid_done = uid.clone();
    let run_done = move |(r, ok): (Decided, Key)| {
        state.update(|m| *m = after(m, r.status, r.version, r.comment));
        selected.update(|sel| {
            sel.remove(&uid_done);
        });
        asking.set(None);
        comment.set(String::new());
        thread_reload.update(|n| *n += 1);
        refresh_todo();
        Some(ok)
    };
    let busy = run.pending();
    let done = run_done.clone();
    let confirm = move |_| {
        let c = comment.get_untracked();
        if asking.get_untracked() == Some(Pending::Approve) {
            let c = c.trim().to_owned();
            let comment = (!c.is_empty()).then_some(c);
            return run.run(run_request(Decide::Approve(comment)), done.clone());
        }
        if c.trim().is_empty() {
            return run.invalid(Key::CommentRequired.text(s.lang.get_untracked()));
        }
        match asking.get_untracked() {
            Some(Pending::Reject) => run.run(
                run_request(Decide::Reject(c.trim().to_owned())),
                done.clone(),
            ),
            Some(Pending::Reopen) => run.run(
                run_request(Decide::Reopen(c.trim().to_owned())),
                done.clone(),
            ),
            Some(Pending::Approve) | None => {}
        }
    };
    let approve_now = {
        let run_done = run_done.clone();
        move |_| run.run(run_request(Decide::Approve(None)), run_done.clone())
    };
    let comment_id = format!("approval-comment-{uid}");
    let waiting = move || state.with(|r| r.version > 0 && r.status == ReportStatus::Submitted);
    let uid_check = uid.clone();
    let uid_toggle = uid.clone();
    let is_selected = move || selected.with(|sel| sel.contains(&uid_check));
    let row_selected = is_selected.clone();
    let details_id = format!("approval-details-{uid}");

    view! {
        <tr class="approval-row" class:is-selected=row_selected data-testid=format!("approval-row-{uid}") data-status=move || state.get().status.as_str()
            data-flags=move || state.with(|r| r.review.flag_count).to_string() data-month=month>
            <td class="pick">
                <Show when=waiting>
                    <input type="checkbox" data-testid="approval-select" aria-label=tr(Key::SelectMonth) title=tr(Key::SelectMonth)
                        prop:checked=is_selected.clone()
                        on:change={
                            let uid = uid_toggle.clone();
                            move |_| selected.update(|sel| if !sel.remove(&uid) { sel.insert(uid.clone()); })
                        }/>
                </Show>
            </td>
            {by_month.then(|| view! { <td class="nowrap month-cell" data-label=tr(Key::Month)>{move || month_label(s.lang.get(), year, month)}</td> })}
            <td class="unit-cell" data-label=tr(Key::Unit)><A href=format!("/units/{}", unit.id)>{unit.name.clone()}</A></td>
            <td class="status-cell" data-label=tr(Key::Status)>
                {move || {
                    let st = state.get();
                    if st.version == 0 {
                        view! { <span class="badge rs-draft" data-testid="report-status" data-status="NONE"><span aria-hidden="true">"○ "</span>{tr(Key::ReportNotStarted)}</span> }.into_any()
                    } else {
                        view! { <ReportBadge status=st.status/> }.into_any()
                    }
                }}
            </td>
            <td class="review-cell" data-label=tr(Key::ReviewColumn)>
                <ReviewSummary state show=show_values/>
            </td>
            <td class="comment-cell" data-testid="approval-comment-text" data-label=tr(Key::Comment)>{move || state.get().comment.unwrap_or_default()}</td>
            <td class="actions-cell">
                <div class="actions">
                    <Show when=waiting>
                        <button type="button" class="btn btn-primary btn-small" data-testid="approve" disabled=move || busy.get()
                            on:click=approve_now.clone()>
                            <span aria-hidden="true">"✓ "</span>{tr(Key::Approve)}
                        </button>
                        <button type="button" class="btn btn-small" data-testid="approve-with-comment" disabled=move || busy.get()
                            on:click=move |_| asking.set(Some(Pending::Approve))>
                            {tr(Key::ApproveWithComment)}
                        </button>
                        <button type="button" class="btn btn-danger btn-small" data-testid="reject" disabled=move || busy.get()
                            on:click=move |_| asking.set(Some(Pending::Reject))>
                            <span aria-hidden="true">"↩ "</span>{tr(Key::Reject)}
                        </button>
                    </Show>
                    <Show when=move || state.get().status == ReportStatus::Approved>
                        <button type="button" class="btn btn-small" data-testid="reopen" disabled=move || busy.get()
                            on:click=move |_| asking.set(Some(Pending::Reopen))>
                            {tr(Key::Reopen)}
                        </button>
                    </Show>
                    <button type="button" class="btn btn-small btn-ghost" data-testid="approval-thread-toggle"
                        aria-expanded=move || show_thread.get().to_string() on:click=move |_| show_thread.update(|x| *x = !*x)>
                        {tr(Key::Discussion)}
                    </button>
                </div>
                <FlashView flash testid=format!("approval-result-{uid}")/>
            </td>
        </tr>
        <Show when=move || show_values.get()>
            <tr class="detail-row" data-testid=details_id.clone()>
                <td colspan=cols.to_string()>
                    <ReviewDetails state/>
                </td>
            </tr>
        </Show>
        <Show when=move || asking.get().is_some()>
            <tr class="detail-row">
                <td colspan=cols.to_string()>
                    <div class="form approval-comment-form" data-testid="approval-comment-form">
                        <label for=comment_id.clone()>{move || s.t(match asking.get() { Some(Pending::Reject) => Key::RejectComment, Some(Pending::Approve) => Key::ApproveComment, _ => Key::Comment })}</label>
                        <textarea id=comment_id.clone() data-testid="approval-comment" bind:value=comment></textarea>
                        <div class="actions">
                            <button type="button" class="btn btn-primary btn-small" data-testid="approval-confirm" disabled=move || busy.get() on:click=confirm.clone()>
                                {tr(Key::Confirm)}
                            </button>
                            <button type="button" class="btn btn-small" on:click=move |_| { asking.set(None); flash.set(None); }>
                                {tr(Key::Cancel)}
                            </button>
                        </div>
                    </div>
                </td>
            </tr>
        </Show>
        <Show when=move || show_thread.get()>
            <tr class="thread-row detail-row" data-testid=format!("approval-thread-{thread_id}")>
                <td colspan=cols.to_string()>
                    <CommentThread thread=Thread::Report { unit_id: unit_id.clone(), year, month } reload=thread_reload/>
                </td>
            </tr>
        </Show>
    }
}
