//! Duyệt số liệu: for a parent unit and a month, the status of each sub-unit's report with
//! its review (indicator values against last month and last year, anomaly flags), approve,
//! reject (with a reason) and reopen (with a reason), one month or several selected months
//! at once. MANAGER and ADMIN only.
//! A status filter with counts keeps the months of one status; opened from "Việc cần làm"
//! it is filtered, and says so: `?status=pending` keeps the months waiting for approval,
//! `?unit=` shows one unit's months of the year instead of the sub-units of a month.

mod bulk;
mod review;
mod row;
mod table;

use crate::api::ops::review_month::ReviewedReport as Month;
use crate::api::ops::unit_page::UnitDetailChildren as UnitRow;
use crate::api::ops::{Unit, unit};
use crate::api::{ApiError, batch, gql};
use crate::components::{
    ErrorBox, Flash, Loading, MonthPicker, PeriodSel, UnitSelect, YearSelect, replace_query, today,
};
use crate::i18n::{Key, fill};
use crate::pages::{OpenOnLatest, load_units};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::ReportStatus;
use std::collections::HashMap;
use table::ApprovalsTable;

/// Sub-units asked for in one request (each is an alias; the server allows 50).
const CHILDREN_PER_REQUEST: usize = 40;

/// One unit's month on the page, with what the page changes of it.
#[derive(Clone, PartialEq)]
pub(super) struct RowModel {
    /// Tells rows apart in test ids: the unit id, and `-m<month>` on a unit's months.
    pub uid: String,
    pub unit: UnitRow,
    /// The month as it now is.
    pub state: RwSignal<Month>,
    /// What the last decision on it said.
    pub flash: RwSignal<Option<Flash>>,
}

impl RowModel {
    fn new(unit: UnitRow, month: Month, by_month: bool) -> RowModel {
        let uid = if by_month {
            format!("{}-m{}", unit.id, month.month)
        } else {
            unit.id.clone()
        };
        RowModel {
            uid,
            unit,
            state: RwSignal::new(month),
            flash: RwSignal::new(None),
        }
    }
}

/// The status a row is filtered by; `NotStarted` is a month with nothing saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StatusFilter {
    All,
    Is(ReportStatus),
    NotStarted,
}

impl StatusFilter {
    /// Every filter, in the order of the tabs.
    const ALL: [StatusFilter; 6] = [
        StatusFilter::All,
        StatusFilter::Is(ReportStatus::Submitted),
        StatusFilter::Is(ReportStatus::Approved),
        StatusFilter::Is(ReportStatus::Rejected),
        StatusFilter::Is(ReportStatus::Draft),
        StatusFilter::NotStarted,
    ];

    /// Whether a month of `status` at `version` passes.
    fn keeps(self, status: ReportStatus, version: i64) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::NotStarted => version == 0,
            StatusFilter::Is(s) => version > 0 && s == status,
        }
    }

    /// The address's spelling (`pending` for the months waiting).
    fn slug(self) -> &'static str {
        match self {
            StatusFilter::All => "",
            StatusFilter::Is(ReportStatus::Submitted) => "pending",
            StatusFilter::Is(ReportStatus::Approved) => "approved",
            StatusFilter::Is(ReportStatus::Rejected) => "rejected",
            StatusFilter::Is(ReportStatus::Draft) => "draft",
            StatusFilter::NotStarted => "none",
        }
    }

    /// The filter an address spells (`submitted` is `pending` too).
    fn parse(slug: &str) -> StatusFilter {
        let slug = slug.trim().to_ascii_lowercase();
        if slug == "submitted" {
            return StatusFilter::Is(ReportStatus::Submitted);
        }
        StatusFilter::ALL
            .into_iter()
            .find(|f| !f.slug().is_empty() && f.slug() == slug)
            .unwrap_or(StatusFilter::All)
    }

    /// The test id's spelling.
    fn testid(self) -> &'static str {
        match self {
            StatusFilter::All => "ALL",
            StatusFilter::Is(s) => s.as_str(),
            StatusFilter::NotStarted => "NONE",
        }
    }

    fn label(self) -> Key {
        match self {
            StatusFilter::All => Key::StatusAll,
            StatusFilter::Is(ReportStatus::Submitted) => Key::StatusWaiting,
            StatusFilter::Is(ReportStatus::Approved) => Key::StatusApprovedShort,
            StatusFilter::Is(ReportStatus::Rejected) => Key::StatusRejectedShort,
            StatusFilter::Is(ReportStatus::Draft) => Key::StatusDraftShort,
            StatusFilter::NotStarted => Key::StatusNotStartedShort,
        }
    }
}

async fn load_children_reports(
    s: crate::state::Session,
    parent: String,
    year: i32,
    month: u32,
) -> Result<Vec<(UnitRow, Month)>, ApiError> {
    let unit = gql::<Unit>(s, unit::Variables { id: parent }).await?.unit;
    let children = unit.map(|u| u.children).unwrap_or_default();
    if children.is_empty() {
        return Ok(Vec::new());
    }
    // The server caps aliases per document: ask for the months in chunks.
    let mut reports: HashMap<String, Month> = HashMap::new();
    for (chunk_no, chunk) in children.chunks(CHILDREN_PER_REQUEST).enumerate() {
        let ids: Vec<String> = chunk.iter().map(|c| c.id.clone()).collect();
        let part: HashMap<String, Month> = batch::children_reports(s, &ids, year, month).await?;
        let offset = chunk_no * CHILDREN_PER_REQUEST;
        for (key, report) in part {
            if let Some(i) = key.strip_prefix('r').and_then(|n| n.parse::<usize>().ok()) {
                reports.insert(format!("r{}", offset + i), report);
            }
        }
    }
    let mut rows: Vec<(UnitRow, Month)> = children
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| reports.remove(&format!("r{i}")).map(|r| (c, r)))
        .collect();
    rows.sort_by(|a, b| crate::names::compare(&a.0.name, &b.0.name));
    Ok(rows)
}

/// A unit's months of `year` that have begun (every month of a past year), with its name.
async fn load_unit_months(
    s: crate::state::Session,
    unit_id: String,
    year: i32,
) -> Result<(Option<String>, Vec<(UnitRow, Month)>), ApiError> {
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
    let mut reports: HashMap<String, Month> = batch::unit_months(s, &u.id, year, months).await?;
    let rows = (1..=months)
        .filter_map(|m| reports.remove(&format!("m{m}")))
        .map(|r| (row.clone(), r))
        .collect();
    Ok((Some(u.name), rows))
}

/// What the address asks the page to keep: one status, one unit's months.
#[derive(Debug, Clone, PartialEq)]
struct Filter {
    status: StatusFilter,
    unit: Option<String>,
}

impl Filter {
    /// `?status=pending` (or `submitted`, `approved`, `rejected`, `draft`, `none`) and
    /// `?unit=`.
    fn from_address() -> Filter {
        use_query_map().with_untracked(|q| Filter {
            status: q
                .get("status")
                .map_or(StatusFilter::All, |v| StatusFilter::parse(&v)),
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
    let status = RwSignal::new(filter.status);
    let only_unit = RwSignal::new(filter.unit);
    let parent = RwSignal::new(me.map(|m| m.unit.id).unwrap_or_default());
    let year = RwSignal::new(initial.year);
    let month = RwSignal::new(initial.last_month());
    Effect::new(move |_| {
        let mut q = PeriodSel::month(year.get(), month.get()).to_query();
        let slug = status.get().slug();
        if !slug.is_empty() {
            q.push_str(&format!("&status={slug}"));
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
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                        Ok((unit_name, list)) => {
                            let by_month = unit_name.is_some();
                            let models: Vec<RowModel> = list
                                .into_iter()
                                .map(|(u, r)| RowModel::new(u, r, by_month))
                                .collect();
                            view! {
                                <FilterBar status only_unit unit_name year/>
                                <ApprovalsTable models status by_month/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// What the page is filtered by, each with a way to drop it.
#[component]
fn FilterBar(
    status: RwSignal<StatusFilter>,
    only_unit: RwSignal<Option<String>>,
    unit_name: Option<String>,
    year: RwSignal<i32>,
) -> impl IntoView {
    let s = use_session();
    let pending = move || status.get() == StatusFilter::Is(ReportStatus::Submitted);
    let active = move || pending() || only_unit.with(Option::is_some);
    view! {
        <Show when=active>
            <div class="filter-bar" role="status" data-testid="approvals-filter">
                <span class="muted">{tr(Key::FilterShown)}":"</span>
                <Show when=pending>
                    <span class="chip" data-testid="filter-pending">{tr(Key::FilterPendingOnly)}
                        <button type="button" class="chip-x" aria-label=tr(Key::ClearFilter) on:click=move |_| status.set(StatusFilter::All)>"✕"</button>
                    </span>
                </Show>
                {unit_name.clone().map(|name| view! {
                    <span class="chip" data-testid="filter-unit">
                        {move || fill(s.t(Key::UnitMonthsOf), &[&year.get().to_string(), &name])}
                        <button type="button" class="chip-x" aria-label=tr(Key::ClearFilter) on:click=move |_| only_unit.set(None)>"✕"</button>
                    </span>
                })}
                <button type="button" class="btn btn-small btn-ghost" data-testid="filter-clear"
                    on:click=move |_| { status.set(StatusFilter::All); only_unit.set(None); }>{tr(Key::ClearFilter)}</button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_spells_every_status_filter_and_reads_it_back() {
        for f in StatusFilter::ALL {
            if f != StatusFilter::All {
                assert_eq!(StatusFilter::parse(f.slug()), f);
            }
        }
        assert_eq!(
            StatusFilter::parse("SUBMITTED"),
            StatusFilter::Is(ReportStatus::Submitted)
        );
        assert_eq!(StatusFilter::parse("nonsense"), StatusFilter::All);
    }

    #[test]
    fn a_month_never_saved_is_not_started_whatever_its_status() {
        assert!(StatusFilter::NotStarted.keeps(ReportStatus::Draft, 0));
        assert!(!StatusFilter::Is(ReportStatus::Draft).keeps(ReportStatus::Draft, 0));
        assert!(StatusFilter::Is(ReportStatus::Draft).keeps(ReportStatus::Draft, 2));
    }
}
