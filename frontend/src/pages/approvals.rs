//! Duyệt số liệu: for a parent unit and a month, the status of each sub-unit's report, with
//! approve, reject (with a reason) and reopen (with a reason). MANAGER and ADMIN only.

use crate::api::ops::monthly_report::Report as MonthlyReport;
use crate::api::ops::unit_page::UnitDetailChildren as UnitRow;
use crate::api::ops::{
    ApproveMonthlyReport, RejectMonthlyReport, ReopenMonthlyReport, Unit, approve_monthly_report,
    reject_monthly_report, reopen_monthly_report, unit,
};
use crate::api::{ApiError, batch, gql};
use crate::components::{
    Empty, ErrorBox, Flash, FlashView, Loading, MonthPicker, PeriodSel, ReportBadge, Submit,
    UnitSelect, replace_query,
};
use crate::format::format_count;
use crate::i18n::Key;
use crate::pages::{OpenOnLatest, load_units};
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::ReportStatus;
use std::collections::HashMap;

/// Sub-units asked for in one request (each is an alias; the server allows 50).
const CHILDREN_PER_REQUEST: usize = 40;

async fn load_children_reports(
    s: Session,
    parent: String,
    year: i32,
    month: u32,
) -> Result<Vec<(UnitRow, MonthlyReport)>, ApiError> {
    let unit = gql::<Unit>(s, unit::Variables { id: parent }).await?.unit;
    let children = unit.map(|u| u.children).unwrap_or_default();
    if children.is_empty() {
        return Ok(Vec::new());
    }
    // The server caps aliases per document: ask for the months in chunks.
    let mut reports: HashMap<String, MonthlyReport> = HashMap::new();
    for (chunk_no, chunk) in children.chunks(CHILDREN_PER_REQUEST).enumerate() {
        let ids: Vec<String> = chunk.iter().map(|c| c.id.clone()).collect();
        let part: HashMap<String, MonthlyReport> =
            batch::children_reports(s, &ids, year, month).await?;
        let offset = chunk_no * CHILDREN_PER_REQUEST;
        for (key, report) in part {
            if let Some(i) = key.strip_prefix('r').and_then(|n| n.parse::<usize>().ok()) {
                reports.insert(format!("r{}", offset + i), report);
            }
        }
    }
    let mut rows: Vec<(UnitRow, MonthlyReport)> = children
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| reports.remove(&format!("r{i}")).map(|r| (c, r)))
        .collect();
    rows.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    Ok(rows)
}

/// `/approvals`, on the month of the address or the caller's unit's latest month with
/// figures; the month shown is kept in the address.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let s = use_session();
    let unit = s.me_untracked().map(|m| m.unit.id).unwrap_or_default();
    let page = Callback::new(|initial| view! { <ApprovalsView initial/> }.into_any());
    view! { <OpenOnLatest unit_id=unit page/> }
}

/// The approvals page from its first month on.
#[component]
fn ApprovalsView(initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let me = s.me_untracked();
    let parent = RwSignal::new(me.map(|m| m.unit.id).unwrap_or_default());
    let year = RwSignal::new(initial.year);
    let month = RwSignal::new(initial.last_month());
    Effect::new(move |_| replace_query(&PeriodSel::month(year.get(), month.get()).to_query()));
    let units = LocalResource::new(move || load_units(s));
    let rows = LocalResource::new(move || {
        let (p, y, m) = (parent.get(), year.get(), month.get());
        load_children_reports(s, p, y, m)
    });

    view! {
        <section class="page" data-testid="approvals-page">
            <header class="page-head"><h1>{tr(Key::ApprovalsTitle)}</h1></header>
            <div class="panel inline-fields" data-testid="approvals-picker">
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match units.await {
                            Ok(list) => view! { <UnitSelect units=list selected=parent id="approvals-unit" label=Key::ParentUnit/> }.into_any(),
                            Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                        }
                    })}
                </Transition>
                <MonthPicker year month prefix="approvals"/>
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoChildrenToApprove/> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap panel">
                                <table class="table" data-testid="approvals-table">
                                    <thead><tr>
                                        <th scope="col">{tr(Key::Unit)}</th>
                                        <th scope="col">{tr(Key::Status)}</th>
                                        <th scope="col" class="num">{tr(Key::Values)}</th>
                                        <th scope="col">{tr(Key::Comment)}</th>
                                        <th scope="col"></th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|(u, r)| view! { <ApprovalRow unit=u report=r/> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    Reject,
    Reopen,
}

/// What a manager does to a submitted or approved month.
#[derive(Clone)]
enum Decide {
    Approve,
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
        Decide::Approve => {
            let vars = approve_monthly_report::Variables {
                unit_id,
                year,
                month,
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

#[component]
fn ApprovalRow(unit: UnitRow, report: MonthlyReport) -> impl IntoView {
    let s = use_session();
    let state = RwSignal::new(report);
    let asking = RwSignal::new(None::<Pending>);
    let comment = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let show_values = RwSignal::new(false);
    let uid = unit.id.clone();

    let run = Submit::new(flash);
    let run_request =
        move |what: Decide| async move { decide(s, &state.get_untracked(), what).await };
    let run_done = move |(r, ok): (MonthlyReport, Key)| {
        state.set(r);
        asking.set(None);
        comment.set(String::new());
        Some(ok)
    };
    let busy = run.pending();
    let confirm = move |_| {
        let c = comment.get_untracked();
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
            None => {}
        }
    };
    let comment_id = format!("approval-comment-{uid}");

    view! {
        <tr data-testid=format!("approval-row-{uid}") data-status=move || state.get().status.as_str()>
            <td><A href=format!("/units/{}", unit.id)>{unit.name.clone()}</A></td>
            <td>
                {move || {
                    let st = state.get();
                    if st.version == 0 {
                        view! { <span class="badge rs-draft" data-testid="report-status" data-status="NONE"><span aria-hidden="true">"○ "</span>{tr(Key::ReportNotStarted)}</span> }.into_any()
                    } else {
                        view! { <ReportBadge status=st.status/> }.into_any()
                    }
                }}
            </td>
            <td class="num">
                <button type="button" class="btn btn-small btn-ghost" data-testid="approval-details"
                    aria-expanded=move || show_values.get().to_string()
                    on:click=move |_| show_values.update(|v| *v = !*v)>
                    {move || format!("{} ({})", s.t(if show_values.get() { Key::Hide } else { Key::Details }), state.get().values.len())}
                </button>
                <Show when=move || show_values.get()>
                    <ul class="plain-list" data-testid="approval-values">
                        {move || state.get().values.into_iter().map(|v| view! {
                            <li><code>{v.measure.code}</code>": "{format_count(v.value)}</li>
                        }).collect_view()}
                    </ul>
                </Show>
            </td>
            <td data-testid="approval-comment-text">{move || state.get().comment.unwrap_or_default()}</td>
            <td>
                <div class="actions">
                    <Show when=move || state.get().status == ReportStatus::Submitted>
                        <button type="button" class="btn btn-primary btn-small" data-testid="approve" disabled=move || busy.get()
                            on:click=move |_| run.run(run_request(Decide::Approve), run_done)>
                            <span aria-hidden="true">"✓ "</span>{tr(Key::Approve)}
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
                        <label for=comment_id.clone()>{move || s.t(if asking.get() == Some(Pending::Reject) { Key::RejectComment } else { Key::Comment })}</label>
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
            </td>
        </tr>
    }
}
