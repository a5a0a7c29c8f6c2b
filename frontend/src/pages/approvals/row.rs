//! One month of one unit on the approvals page: its status, its figures on demand, and
//! approve (with a comment, optionally), reject (with a reason) or reopen (with a reason),
//! and the month's comment thread (the decisions' comments are part of it); a decision
//! refreshes the caller's to-do list and the menu's counts.

use crate::api::ops::monthly_report::Report as MonthlyReport;
use crate::api::ops::unit_page::UnitDetailChildren as UnitRow;
use crate::api::ops::{
    ApproveMonthlyReport, RejectMonthlyReport, ReopenMonthlyReport, approve_monthly_report,
    reject_monthly_report, reopen_monthly_report,
};
use crate::api::{ApiError, gql};
use crate::components::comments::{CommentThread, Thread};
use crate::components::{Flash, FlashView, ReportBadge, Submit};
use crate::cycle::todo::month_label;
use crate::format::format_count;
use crate::i18n::Key;
use crate::pages::home::refresh_todo;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::ReportStatus;

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

/// Approves, rejects or reopens `report`'s month: the month as it now is, and what to say.
async fn decide(
    s: Session,
    report: &MonthlyReport,
    what: Decide,
) -> Result<(MonthlyReport, Key), ApiError> {
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

/// A unit's month: one row of the approvals table. `by_month` rows (a unit's months) start
/// with the month and are told apart by it.
#[component]
pub(super) fn ApprovalRow(
    unit: UnitRow,
    report: MonthlyReport,
    #[prop(optional)] by_month: bool,
) -> impl IntoView {
    let s = use_session();
    let (year, month) = (report.year, report.month);
    let state = RwSignal::new(report);
    let asking = RwSignal::new(None::<Pending>);
    let comment = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let show_values = RwSignal::new(false);
    let unit_id = unit.id.clone();
    let thread_id = format!("{}-m{month}", unit.id);
    let uid = if by_month {
        format!("{}-m{month}", unit.id)
    } else {
        unit.id.clone()
    };

    let run = Submit::new(flash);
    let run_request =
        move |what: Decide| async move { decide(s, &state.get_untracked(), what).await };
    let thread_reload = RwSignal::new(0u32);
    let show_thread = RwSignal::new(false);
    let run_done = move |(r, ok): (MonthlyReport, Key)| {
        state.set(r);
        asking.set(None);
        comment.set(String::new());
        thread_reload.update(|n| *n += 1);
        refresh_todo();
        Some(ok)
    };
    let busy = run.pending();
    let confirm = move |_| {
        let c = comment.get_untracked();
        if asking.get_untracked() == Some(Pending::Approve) {
            let c = c.trim().to_owned();
            let comment = (!c.is_empty()).then_some(c);
            return run.run(run_request(Decide::Approve(comment)), run_done);
        }
        if c.trim().is_empty() {
            return run.invalid(Key::CommentRequired.text(s.lang.get_untracked()));
        }
        match asking.get_untracked() {
            Some(Pending::Reject) => {
                run.run(run_request(Decide::Reject(c.trim().to_owned())), run_done)
            }
            Some(Pending::Reopen) => {
                run.run(run_request(Decide::Reopen(c.trim().to_owned())), run_done)
            }
            Some(Pending::Approve) | None => {}
        }
    };
    let comment_id = format!("approval-comment-{uid}");

    view! {
        <tr data-testid=format!("approval-row-{uid}") data-status=move || state.get().status.as_str() data-month=month>
            {by_month.then(|| view! { <td class="nowrap" data-label=tr(Key::Month)>{move || month_label(s.lang.get(), year, month)}</td> })}
            <td data-label=tr(Key::Unit)><A href=format!("/units/{}", unit.id)>{unit.name.clone()}</A></td>
            <td data-label=tr(Key::Status)>
                {move || {
                    let st = state.get();
                    if st.version == 0 {
                        view! { <span class="badge rs-draft" data-testid="report-status" data-status="NONE"><span aria-hidden="true">"○ "</span>{tr(Key::ReportNotStarted)}</span> }.into_any()
                    } else {
                        view! { <ReportBadge status=st.status/> }.into_any()
                    }
                }}
            </td>
            <td class="num" data-label=tr(Key::Values)>
                <button type="button" class="btn btn-small btn-ghost" data-testid="approval-details"
                    aria-expanded=move || show_values.get().to_string()
                    on:click=move |_| show_values.update(|v| *v = !*v)>
                    {move || format!("{} ({})", s.t(if show_values.get() { Key::Hide } else { Key::Details }), state.get().values.len())}
                </button>
                <Show when=move || show_values.get()>
                    <ul class="plain-list" data-testid="approval-values">
                        {move || state.get().values.into_iter().map(|v| view! {
                            <li>{crate::names::shown(s.lang.get(), &v.measure.name, v.measure.name_en.as_deref())}": "{format_count(v.value)}</li>
                        }).collect_view()}
                    </ul>
                </Show>
            </td>
            <td data-testid="approval-comment-text" data-label=tr(Key::Comment)>{move || state.get().comment.unwrap_or_default()}</td>
            <td>
                <div class="actions">
                    <Show when=move || state.get().status == ReportStatus::Submitted>
                        <button type="button" class="btn btn-primary btn-small" data-testid="approve" disabled=move || busy.get()
                            on:click=move |_| run.run(run_request(Decide::Approve(None)), run_done)>
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
                </div>
                <Show when=move || asking.get().is_some()>
                    <div class="form" data-testid="approval-comment-form">
                        <label for=comment_id.clone()>{move || s.t(match asking.get() { Some(Pending::Reject) => Key::RejectComment, Some(Pending::Approve) => Key::ApproveComment, _ => Key::Comment })}</label>
                        <textarea id=comment_id.clone() data-testid="approval-comment" bind:value=comment></textarea>
                        <div class="actions">
                            <button type="button" class="btn btn-primary btn-small" data-testid="approval-confirm" disabled=move || busy.get() on:click=confirm>
                                {tr(Key::Confirm)}
                            </button>
                            <button type="button" class="btn btn-small" on:click=move |_| { asking.set(None); flash.set(None); }>
                                {tr(Key::Cancel)}
                            </button>
                        </div>
                    </div>
                </Show>
                <FlashView flash testid=format!("approval-result-{uid}")/>
                <button type="button" class="btn btn-small btn-ghost" data-testid="approval-thread-toggle"
                    aria-expanded=move || show_thread.get().to_string() on:click=move |_| show_thread.update(|x| *x = !*x)>
                    {tr(Key::Discussion)}
                </button>
            </td>
        </tr>
        <Show when=move || show_thread.get()>
            <tr class="thread-row" data-testid=format!("approval-thread-{thread_id}")>
                <td colspan=if by_month { "6" } else { "5" }>
                    <CommentThread thread=Thread::Report { unit_id: unit_id.clone(), year, month } reload=thread_reload/>
                </td>
            </tr>
        </Show>
    }
}
