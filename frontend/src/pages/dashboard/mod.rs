//! Tổng quan: the caller's unit's indicator cards for a period (the address's, else the
//! unit's latest month with figures), units by status, and the communes' and departments'
//! scoreboards, with a bar chart per indicator group of the unit's result month by month.

mod charts;
mod scoreboard;

pub use scoreboard::{MergedMark, ScoreboardTable, summary_of};

use crate::api::gql;
use crate::api::ops::dashboard::{IndicatorResultIndicator, ScoreRow};
use crate::api::ops::{Dashboard, dashboard};
use crate::components::{
    Empty, ErrorBox, IndicatorCard, Loading, OfficialSources, PeriodPicker, PeriodSel, Refreshing,
    page_period, status_look,
};
use crate::download::DownloadButtons;
use crate::i18n::{self, Key, fill};
use crate::pages::OpenOnLatest;
use crate::state::{tr, use_session};
use charts::GroupCharts;
use leptos::prelude::*;
use shared::TrackStatus;
use std::collections::HashMap;

const STATUSES: [TrackStatus; 4] = [
    TrackStatus::OnTrack,
    TrackStatus::AtRisk,
    TrackStatus::OffTrack,
    TrackStatus::NoData,
];

fn status_slot(s: TrackStatus) -> usize {
    match s {
        TrackStatus::OnTrack => 0,
        TrackStatus::AtRisk => 1,
        TrackStatus::OffTrack => 2,
        TrackStatus::NoData => 3,
    }
}

/// A unit's overall status: its weakest indicator that has data; NO_DATA when none has.
pub fn overall_status(row: &ScoreRow) -> TrackStatus {
    let rank = |s: TrackStatus| match s {
        TrackStatus::OffTrack => 3,
        TrackStatus::AtRisk => 2,
        TrackStatus::OnTrack => 1,
        TrackStatus::NoData => 0,
    };
    row.results
        .iter()
        .map(|r| r.status)
        .max_by_key(|s| rank(*s))
        .unwrap_or(TrackStatus::NoData)
}

/// Tổng quan, on the period of the address or the caller's unit's latest month with figures.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let s = use_session();
    let unit_id = s.me_untracked().map(|m| m.unit.id).unwrap_or_default();
    view! {
        <OpenOnLatest unit_id page=Callback::new(|initial| view! { <DashboardView initial/> }.into_any())/>
    }
}

/// Tổng quan from its first period on.
#[component]
fn DashboardView(initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let me = s.me_untracked();
    let unit_id = me.as_ref().map(|m| m.unit.id.clone()).unwrap_or_default();
    let unit_name = me.as_ref().map(|m| m.unit.name.clone()).unwrap_or_default();
    let period = page_period(initial);
    let pending = RwSignal::new(false);
    let unit_id2 = unit_id.clone();
    let notice_unit = unit_id.clone();
    let data = LocalResource::new(move || {
        let p = period.get();
        let unit_id = unit_id.clone();
        async move {
            let vars = dashboard::Variables {
                period: p.into(),
                unit_ids: Some(vec![unit_id]),
            };
            gql::<Dashboard>(s, vars).await
        }
    });

    view! {
            <section class="page" data-testid="dashboard-page">
                <header class="page-head">
                    <h1>{tr(Key::DashboardTitle)}</h1>
                    <p class="muted" data-testid="period-label">
                        {move || {
                            let p = period.get();
                            i18n::period_label(s.lang.get(), p.year, p.kind, p.index_opt())
                        }}
                    </p>
                    <PeriodPicker period/>
                    <DownloadButtons testid="export-scoreboard" path=Signal::derive(move || {
                        let p = period.get();
                        format!("/export/scoreboard?year={}&period={}&index={}", p.year, p.kind.as_str(), p.index)
                    }) notice=Signal::derive(move || {
                        let p = period.get();
                        format!("/export/notice?unit={}&year={}&period={}&index={}", notice_unit, p.year, p.kind.as_str(), p.index)
                    })/>
                </header>
    <Refreshing pending/>
                <Transition fallback=|| view! { <Loading/> } set_pending=pending>
                    {move || {
                        let unit_name = unit_name.clone();
                        let unit_id = unit_id2.clone();
                        let p = period.get_untracked();
                        Suspend::new(async move {
                            match data.await {
                                Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                                Ok(d) => view! { <DashboardBody data=d unit_name unit_id period=p/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            </section>
        }
}

#[component]
fn DashboardBody(
    data: dashboard::ResponseData,
    unit_name: String,
    unit_id: String,
    period: PeriodSel,
) -> impl IntoView {
    let s = use_session();
    let (year, months) = (period.year, period.last_month());
    let indicators: Vec<IndicatorResultIndicator> = data
        .indicator_results
        .iter()
        .map(|r| r.indicator.clone())
        .collect();
    let all_rows: Vec<ScoreRow> = data
        .communes
        .iter()
        .chain(data.departments.iter())
        .cloned()
        .collect();
    // Units per status for each indicator, and overall (weakest indicator).
    let mut per_indicator: HashMap<String, [usize; 4]> = HashMap::new();
    let mut overall = [0usize; 4];
    for row in &all_rows {
        overall[status_slot(overall_status(row))] += 1;
        for r in &row.results {
            per_indicator.entry(r.indicator.code.clone()).or_default()[status_slot(r.status)] += 1;
        }
    }
    let has_results = !data.indicator_results.is_empty();
    let all_no_data = has_results
        && data
            .indicator_results
            .iter()
            .all(|r| r.status == TrackStatus::NoData);
    let sources = view! { <OfficialSources results=data.indicator_results.clone()/> };
    let cards = data
        .indicator_results
        .into_iter()
        .map(|r| {
            let counts = per_indicator
                .get(&r.indicator.code)
                .copied()
                .unwrap_or_default();
            view! { <IndicatorCard result=r counts/> }
        })
        .collect_view();
    let total_units = all_rows.len();
    let unit_name2 = unit_name.clone();

    view! {
        <h2>{move || fill(s.t(Key::IndicatorsOf), &[&unit_name])}</h2>
        {all_no_data.then(|| view! {
            <p class="flash flash-info" role="status" data-testid="no-figures">{tr(Key::NoFiguresForPeriod)}</p>
        })}
        {if has_results {
            view! { {sources} <div class="cards" data-testid="indicator-cards">{cards}</div> }.into_any()
        } else {
            view! { <Empty key=Key::NoResults/> }.into_any()
        }}
        <GroupCharts unit_id unit_name=unit_name2 year months/>

        <section class="panel" data-testid="units-by-status">
            <h2>{tr(Key::UnitsByStatus)}</h2>
            <p class="muted">{tr(Key::UnitsByStatusHint)}</p>
            <ul class="status-tiles">
                {STATUSES.into_iter().map(|st| {
                    let (cl, icon) = status_look(st);
                    let n = overall[status_slot(st)];
                    view! {
                        <li class=format!("tile {cl}") data-testid=format!("units-status-{}", st.as_str())>
                            <span class="tile-n">{n}</span>
                            <span class="tile-label"><span aria-hidden="true">{icon}" "</span>{tr(i18n::track_status(st))}</span>
                        </li>
                    }
                }).collect_view()}
                <li class="tile tile-total">
                    <span class="tile-n">{total_units}</span>
                    <span class="tile-label">{tr(Key::Total)}</span>
                </li>
            </ul>
        </section>

        <ScoreboardTable rows=data.communes indicators=indicators.clone() title=Key::ScoreboardCommunes testid="scoreboard-communes" period/>
        <ScoreboardTable rows=data.departments indicators title=Key::ScoreboardDepartments testid="scoreboard-departments" period/>
    }
}
