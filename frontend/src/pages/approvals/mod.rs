//! Duyệt số liệu: for a parent unit and a month, the status of each sub-unit's report, with
//! approve, reject (with a reason) and reopen (with a reason). MANAGER and ADMIN only.
//! Opened from "Việc cần làm" it is filtered, and says so: `?status=pending` keeps the
//! months waiting for approval, `?unit=` shows one unit's months of the year instead of the
//! sub-units of a month.

mod row;

use crate::api::ops::monthly_report::Report as MonthlyReport;
use crate::api::ops::unit_page::UnitDetailChildren as UnitRow;
use crate::api::ops::{Unit, unit};
use crate::api::{ApiError, batch, gql};
use crate::components::{
    Empty, ErrorBox, Loading, MonthPicker, PeriodSel, UnitSelect, YearSelect, replace_query, today,
};
use crate::i18n::{Key, fill};
use crate::pages::{OpenOnLatest, load_units};
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use row::ApprovalRow;
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
    rows.sort_by(|a, b| crate::names::compare(&a.0.name, &b.0.name));
    Ok(rows)
}

/// A unit's months of `year` that have begun (every month of a past year), with its name.
async fn load_unit_months(
    s: Session,
    unit_id: String,
    year: i32,
) -> Result<(Option<String>, Vec<(UnitRow, MonthlyReport)>), ApiError> {
    let Some(u) = gql::<Unit>(s, unit::Variables { id: unit_id }).await?.unit else {
        return Ok((None, Vec::new()));
    };
    let (this_year, this_month) = today();
    let months = match year.cmp(&this_year) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => this_month,
        std::cmp::Ordering::Greater => 0,
    };
    let row = UnitRow {
        id: u.id.clone(),
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind,
    };
    let mut reports: HashMap<String, MonthlyReport> =
        batch::unit_months(s, &u.id, year, months).await?;
    let rows = (1..=months)
        .filter_map(|m| reports.remove(&format!("m{m}")))
        .map(|r| (row.clone(), r))
        .collect();
    Ok((Some(u.name), rows))
}

/// What the address asks the page to keep: the months waiting only, one unit's months.
#[derive(Debug, Clone, PartialEq)]
struct Filter {
    pending: bool,
    unit: Option<String>,
}

impl Filter {
    /// `?status=pending` (or `SUBMITTED`) and `?unit=`.
    fn from_address() -> Filter {
        use_query_map().with_untracked(|q| Filter {
            pending: q.get("status").is_some_and(|v| {
                v.eq_ignore_ascii_case("pending") || v.eq_ignore_ascii_case("submitted")
            }),
            unit: q.get("unit").filter(|u| !u.trim().is_empty()),
        })
    }
}

/// `/approvals`, on the month of the address or the caller's unit's latest month with
/// figures; the month shown and the filter are kept in the address.
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
    let filter = Filter::from_address();
    let pending_only = RwSignal::new(filter.pending);
    let only_unit = RwSignal::new(filter.unit);
    let parent = RwSignal::new(me.map(|m| m.unit.id).unwrap_or_default());
    let year = RwSignal::new(initial.year);
    let month = RwSignal::new(initial.last_month());
    Effect::new(move |_| {
        let mut q = PeriodSel::month(year.get(), month.get()).to_query();
        if pending_only.get() {
            q.push_str("&status=pending");
        }
        if let Some(u) = only_unit.get() {
            q.push_str(&format!("&unit={u}"));
        }
        replace_query(&q);
    });
    let units = LocalResource::new(move || load_units(s));
    let rows = LocalResource::new(move || {
        let (p, y, m, u) = (parent.get(), year.get(), month.get(), only_unit.get());
        async move {
            match u {
                Some(u) => load_unit_months(s, u, y).await,
                None => load_children_reports(s, p, y, m).await.map(|r| (None, r)),
            }
        }
    });
    let by_month = move || only_unit.with(Option::is_some);

    view! {
        <section class="page" data-testid="approvals-page">
            <header class="page-head"><h1>{tr(Key::ApprovalsTitle)}</h1></header>
            <div class="panel inline-fields" data-testid="approvals-picker">
                <Show when=move || !by_month() fallback=move || view! { <YearSelect id="approvals-year" value=year/> }>
                    <Transition fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            match units.await {
                                Ok(list) => view! { <UnitSelect units=list selected=parent id="approvals-unit" label=Key::ParentUnit/> }.into_any(),
                                Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                            }
                        })}
                    </Transition>
                    <MonthPicker year month prefix="approvals"/>
                </Show>
                <div class="check"><input id="approvals-pending" data-testid="approvals-pending" type="checkbox" bind:checked=pending_only/><label for="approvals-pending">{tr(Key::FilterPendingOnly)}</label></div>
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || { let pending = pending_only.get(); Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                        Ok((unit_name, mut list)) => {
                            if pending {
                                list.retain(|(_, r)| r.status == ReportStatus::Submitted);
                            }
                            let by_month = unit_name.is_some();
                            let empty = if pending { Key::NoPendingApprovals } else { Key::NoChildrenToApprove };
                            view! {
                                <FilterBar pending_only only_unit unit_name year/>
                                {if list.is_empty() {
                                    view! { <Empty key=empty/> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-wrap panel">
                                            <table class="table stack-table" data-testid="approvals-table">
                                                <thead><tr>
                                                    {by_month.then(|| view! { <th scope="col">{tr(Key::Month)}</th> })}
                                                    <th scope="col">{tr(Key::Unit)}</th>
                                                    <th scope="col">{tr(Key::Status)}</th>
                                                    <th scope="col" class="num">{tr(Key::Values)}</th>
                                                    <th scope="col">{tr(Key::Comment)}</th>
                                                    <th scope="col"></th>
                                                </tr></thead>
                                                <tbody>
                                                    {list.into_iter().map(|(u, r)| view! { <ApprovalRow unit=u report=r by_month/> }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}}
            </Transition>
        </section>
    }
}

/// What the page is filtered by, each with a way to drop it.
#[component]
fn FilterBar(
    pending_only: RwSignal<bool>,
    only_unit: RwSignal<Option<String>>,
    unit_name: Option<String>,
    year: RwSignal<i32>,
) -> impl IntoView {
    let s = use_session();
    let active = move || pending_only.get() || only_unit.with(Option::is_some);
    view! {
        <Show when=active>
            <div class="filter-bar" role="status" data-testid="approvals-filter">
                <span class="muted">{tr(Key::FilterShown)}":"</span>
                <Show when=move || pending_only.get()>
                    <span class="chip" data-testid="filter-pending">{tr(Key::FilterPendingOnly)}
                        <button type="button" class="chip-x" aria-label=tr(Key::ClearFilter) on:click=move |_| pending_only.set(false)>"✕"</button>
                    </span>
                </Show>
                {unit_name.clone().map(|name| view! {
                    <span class="chip" data-testid="filter-unit">
                        {move || fill(s.t(Key::UnitMonthsOf), &[&year.get().to_string(), &name])}
                        <button type="button" class="chip-x" aria-label=tr(Key::ClearFilter) on:click=move |_| only_unit.set(None)>"✕"</button>
                    </span>
                })}
                <button type="button" class="btn btn-small btn-ghost" data-testid="filter-clear"
                    on:click=move |_| { pending_only.set(false); only_unit.set(None); }>{tr(Key::ClearFilter)}</button>
            </div>
        </Show>
    }
}
