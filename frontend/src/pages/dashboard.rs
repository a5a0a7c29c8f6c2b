//! Tổng quan: the caller's unit's indicator cards for a period, units by status, and the
//! communes' and departments' scoreboards, with a bar chart per indicator group of the
//! unit's result month by month.

use crate::api::gql;
use crate::api::queries::{
    DASHBOARD, DashboardData, GroupedIndicator, IndicatorRef, MonthlyResultsData, ScoreRow,
    monthly_results_query,
};
use crate::charts::{BarChart, BarSeries};
use crate::components::{
    Empty, ErrorBox, IndicatorCard, Loading, PeriodPicker, PeriodSel, Refreshing, replace_query,
    status_look, with_current_query,
};
use crate::download::DownloadButtons;
use crate::format::{format_score, format_value};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};
use shared::{IndicatorKind, PeriodKind, TrackStatus};
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

/// The period of the address bar, or the last closed month.
pub fn period_from_query() -> RwSignal<PeriodSel> {
    let query = use_query_map();
    let read = move |q: &leptos_router::params::ParamsMap| {
        PeriodSel::from_query(q.get("year"), q.get("kind"), q.get("index"))
    };
    let period = RwSignal::new(query.with_untracked(read));
    // The router's own navigations (links, back/forward) set the period. The path is
    // tracked too: the router's copy of the query may be stale after `replace_query`.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        let p = query.with(read);
        if p != period.get_untracked() {
            period.set(p);
        }
    });
    // …and a period picked here is written back without a navigation.
    Effect::new(move |_| replace_query(&period.get().to_query()));
    period
}

/// Tổng quan.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let s = use_session();
    let me = s.me_untracked();
    let unit_id = me.as_ref().map(|m| m.unit.id.clone()).unwrap_or_default();
    let unit_name = me.as_ref().map(|m| m.unit.name.clone()).unwrap_or_default();
    let period = period_from_query();
    let pending = RwSignal::new(false);
    let unit_id2 = unit_id.clone();
    let data = LocalResource::new(move || {
        let p = period.get();
        let unit_id = unit_id.clone();
        async move {
            gql::<DashboardData>(
                s,
                DASHBOARD,
                serde_json::json!({ "period": p.to_json(), "unitIds": [unit_id] }),
            )
            .await
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
                                Ok(d) => view! { <DashboardBody data=d unit_name unit_id year=p.year months=p.last_month()/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            </section>
        }
}

#[component]
fn DashboardBody(
    data: DashboardData,
    unit_name: String,
    unit_id: String,
    year: i32,
    months: u32,
) -> impl IntoView {
    let s = use_session();
    let indicators: Vec<IndicatorRef> = data
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
            view! { <div class="cards" data-testid="indicator-cards">{cards}</div> }.into_any()
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

        <ScoreboardTable rows=data.communes indicators=indicators.clone() title=Key::ScoreboardCommunes testid="scoreboard-communes"/>
        <ScoreboardTable rows=data.departments indicators title=Key::ScoreboardDepartments testid="scoreboard-departments"/>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum SortCol {
    Rank,
    Name,
    Score,
    Indicator(String),
}

/// A sortable scoreboard: rank, unit (linked), score and one status cell per indicator.
#[component]
pub fn ScoreboardTable(
    rows: Vec<ScoreRow>,
    indicators: Vec<IndicatorRef>,
    title: Key,
    testid: &'static str,
) -> impl IntoView {
    let s = use_session();
    let sort = RwSignal::new((SortCol::Rank, true));
    let is_empty = rows.is_empty();
    let rows = StoredValue::new(rows);
    let inds = StoredValue::new(indicators.clone());

    let header = move |col: SortCol, label: Signal<String>, class: &'static str| {
        let col2 = col.clone();
        let col3 = col.clone();
        view! {
            <th scope="col" class=class
                aria-sort=move || {
                    let (c, asc) = sort.get();
                    if c == col2 { if asc { "ascending" } else { "descending" } } else { "none" }
                }>
                <button type="button" class="sort-btn" data-testid=format!("{testid}-sort-{}", match &col {
                        SortCol::Rank => "rank".to_owned(),
                        SortCol::Name => "name".to_owned(),
                        SortCol::Score => "score".to_owned(),
                        SortCol::Indicator(c) => c.clone(),
                    })
                    title=move || fill(s.t(Key::SortBy), &[&label.get()])
                    on:click=move |_| sort.update(|(c, asc)| {
                        if *c == col3 { *asc = !*asc } else { *c = col3.clone(); *asc = !matches!(col3, SortCol::Score | SortCol::Indicator(_)) }
                    })>
                    {move || label.get()}
                    <span class="sort-mark" aria-hidden="true">{
                        let col = col.clone();
                        move || { let (c, asc) = sort.get(); if c == col { if asc { " ▲" } else { " ▼" } } else { "" } }
                    }</span>
                </button>
            </th>
        }
    };

    let sorted = move || {
        let (col, asc) = sort.get();
        let mut list = rows.get_value();
        let value_of = |r: &ScoreRow, code: &str| {
            r.results
                .iter()
                .find(|x| x.indicator.code == code)
                .and_then(|x| x.value)
        };
        list.sort_by(|a, b| {
            let o = match &col {
                SortCol::Rank => a.rank.unwrap_or(i32::MAX).cmp(&b.rank.unwrap_or(i32::MAX)),
                SortCol::Name => a.unit.name.cmp(&b.unit.name),
                SortCol::Score => a
                    .score
                    .partial_cmp(&b.score)
                    .unwrap_or(std::cmp::Ordering::Equal),
                SortCol::Indicator(code) => value_of(a, code)
                    .partial_cmp(&value_of(b, code))
                    .unwrap_or(std::cmp::Ordering::Equal),
            };
            if asc { o } else { o.reverse() }
        });
        list
    };

    view! {
        <section class="panel" data-testid=testid>
            <h2>{tr(title)}</h2>
            {if is_empty {
                view! { <Empty key=Key::NoUnits/> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table scoreboard">
                            <thead>
                                <tr>
                                    {header(SortCol::Rank, Signal::derive(move || s.t(Key::Rank).to_owned()), "num")}
                                    {header(SortCol::Name, Signal::derive(move || s.t(Key::Unit).to_owned()), "")}
                                    {header(SortCol::Score, Signal::derive(move || s.t(Key::Score).to_owned()), "num")}
                                    {indicators.into_iter().map(|i| {
                                        let name = i.name.clone();
                                        header(SortCol::Indicator(i.code.clone()), Signal::derive(move || name.clone()), "ind")
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {move || sorted().into_iter().map(|r| {
                                    let href = with_current_query(&format!("/units/{}", r.unit.id));
                                    let unit_id = r.unit.id.clone();
                                    view! {
                                        <tr data-testid=format!("score-row-{unit_id}")>
                                            <td class="num" data-testid="score-rank">{
                                                match r.rank {
                                                    Some(n) => view! { <span>{n}</span> }.into_any(),
                                                    None => view! { <span class="muted" title=tr(Key::Unranked)>"–"<span class="sr-only">{tr(Key::Unranked)}</span></span> }.into_any(),
                                                }
                                            }</td>
                                            <td class="unit-cell"><A href=href attr:data-testid="score-unit-link">{r.unit.name.clone()}</A></td>
                                            <td class="num" data-testid="score-value"><strong>{format_score(r.score)}</strong></td>
                                            {inds.get_value().into_iter().map(|i| {
                                                let res = r.results.iter().find(|x| x.indicator.code == i.code).cloned();
                                                let is_rate = i.kind == IndicatorKind::Rate;
                                                match res {
                                                    Some(x) => {
                                                        let (cl, icon) = status_look(x.status);
                                                        view! {
                                                            <td class=format!("cell-status {cl}") data-status=x.status.as_str()
                                                                data-testid=format!("score-cell-{}", i.code)>
                                                                <span class="cell-value">{format_value(x.value, is_rate)}</span>
                                                                <span class="cell-label"><span aria-hidden="true">{icon}" "</span>{tr(i18n::track_status_short(x.status))}</span>
                                                            </td>
                                                        }.into_any()
                                                    }
                                                    None => view! { <td class="cell-status st-none">"–"</td> }.into_any(),
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Indicators of a catalogue grouped by their `group`, in catalogue order.
pub fn by_group(indicators: &[GroupedIndicator]) -> Vec<(String, Vec<GroupedIndicator>)> {
    let mut groups: Vec<(String, Vec<GroupedIndicator>)> = Vec::new();
    for i in indicators.iter().filter(|i| i.active) {
        match groups.iter_mut().find(|(g, _)| *g == i.group) {
            Some((_, list)) => list.push(i.clone()),
            None => groups.push((i.group.clone(), vec![i.clone()])),
        }
    }
    groups
}

/// One bar chart per indicator group: the unit's result of each month 1..`months` of `year`,
/// fetched in one aliased request.
#[component]
fn GroupCharts(unit_id: String, unit_name: String, year: i32, months: u32) -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || {
        let unit_id = unit_id.clone();
        async move {
            gql::<MonthlyResultsData>(
                s,
                &monthly_results_query(PeriodKind::Month, months),
                serde_json::json!({ "year": year, "unitIds": [unit_id] }),
            )
            .await
        }
    });
    view! {
        <section class="panel" data-testid="monthly-charts">
            <h2>{tr(Key::MonthlyCharts)}</h2>
            <p class="muted">{move || fill(s.t(Key::MonthlyChartsHint), &[&unit_name, &months.to_string(), &year.to_string()])}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(d) => {
                            let groups = by_group(&d.indicators);
                            if groups.is_empty() {
                                return view! { <Empty key=Key::NoResults/> }.into_any();
                            }
                            view! {
                                <div class="charts">
                                    {groups.into_iter().map(|(g, list)| {
                                        let is_rate = list.iter().all(|i| i.kind == IndicatorKind::Rate);
                                        let series = list.iter().map(|i| BarSeries {
                                            code: i.code.clone(),
                                            name: i.name.clone(),
                                            values: (1..=months).map(|k| d.value(k, &i.code)).collect(),
                                        }).collect();
                                        let title = match i18n::indicator_group(&g) {
                                            Some(k) => s.t(k).to_owned(),
                                            None => g.clone(),
                                        };
                                        view! { <BarChart title testid=format!("group-chart-{g}") months series is_rate/> }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
