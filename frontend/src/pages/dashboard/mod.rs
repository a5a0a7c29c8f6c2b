//! Tổng quan: the caller's unit's indicator cards for a period (the address's, else the
//! unit's latest month with figures) with their trend and the units behind each, units by
//! status, and the departments' and communes' scoreboards, with a bar chart per indicator
//! group of the unit's result month by month; an in-page nav reaches each section.

mod charts;
mod drill;
mod scoreboard;

pub use scoreboard::{MergedMark, ScoreboardTable, summary_of};

use crate::api::gql;
use crate::api::ops::dashboard::{IndicatorResultIndicator, ScoreRow};
use crate::api::ops::{Dashboard, dashboard};
use crate::charts::Sparkline;
use crate::components::{
    Empty, ErrorBox, IndicatorCard, Loading, OfficialSources, PeriodPicker, PeriodSel, Refreshing,
    page_period, status_look,
};
use crate::download::DownloadButtons;
use crate::i18n::{self, Key, fill};
use crate::pages::OpenOnLatest;
use crate::state::{tr, use_session};
use charts::{GroupCharts, Monthly, monthly};
use drill::DrillDown;
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

/// The ids of the page's sections, the targets of its nav.
const SECTIONS: [(&str, Key); 3] = [
    ("tong-quan", Key::SectionOverview),
    ("so-ban-nganh", Key::SectionDepartments),
    ("xa-phuong", Key::SectionCommunes),
];

/// Brings a section of the page to just below the sticky bars and names it in the address
/// bar, without a navigation (the router would render the page again while it grows).
fn jump_to_section(id: &str) {
    let Some(w) = web_sys::window() else { return };
    if let Some(section) = w.document().and_then(|d| d.get_element_by_id(id)) {
        // What stays stuck at the top (style.css, `.page-section`'s scroll margin): the top
        // bar and the section nav on a wide screen, nothing but a little air on a phone.
        let wide = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0) > 760.0;
        let covered = if wide { 110.0 } else { 8.0 };
        let top = section.get_bounding_client_rect().top() + w.scroll_y().unwrap_or(0.0);
        w.scroll_to_with_x_and_y(0.0, (top - covered).max(0.0));
    }
    let location = w.location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}#{id}")),
        );
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
    let this_year = monthly(s, unit_id.clone(), year, months);
    let last_year = monthly(s, unit_id, year - 1, 12);
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
    // The indicator whose units are open below the cards.
    let drill: RwSignal<Option<String>> = RwSignal::new(None);
    let has_units = !all_rows.is_empty();
    let cards = data
        .indicator_results
        .into_iter()
        .map(|r| {
            let counts = per_indicator
                .get(&r.indicator.code)
                .copied()
                .unwrap_or_default();
            let code = r.indicator.code.clone();
            let is_rate = r.indicator.kind == shared::IndicatorKind::Rate;
            let trend = view! {
                <CardTrend data=this_year code=code.clone() target=r.target is_rate/>
            }
            .into_any();
            let open = code.clone();
            let is_open = move || drill.get().as_deref() == Some(open.as_str());
            let actions = has_units.then(|| view! {
                <button type="button" class="btn btn-link drill-open" data-testid="drill-open"
                    aria-controls="drill-down" aria-expanded=move || is_open().to_string()
                    on:click=move |_| drill.update(|d| {
                        *d = if d.as_deref() == Some(code.as_str()) { None } else { Some(code.clone()) };
                    })>
                    {tr(Key::DrillOpen)}" →"
                </button>
            }.into_any());
            match actions {
                Some(actions) => view! { <IndicatorCard result=r counts trend actions/> }.into_any(),
                None => view! { <IndicatorCard result=r counts trend/> }.into_any(),
            }
        })
        .collect_view();
    let total_units = all_rows.len();
    let unit_name2 = unit_name.clone();
    let drill_rows = StoredValue::new(all_rows);
    let drill_inds = StoredValue::new(indicators.clone());

    view! {
        <nav class="section-nav" aria-label=move || s.t(Key::SectionNav) data-testid="section-nav">
            {SECTIONS.into_iter().map(|(id, key)| view! {
                <a href=format!("#{id}") data-testid=format!("section-link-{id}")
                    on:click=move |ev| { ev.prevent_default(); jump_to_section(id); }>{tr(key)}</a>
            }).collect_view()}
        </nav>
        <section id="tong-quan" class="page-section" data-testid="section-tong-quan">
            <h2>{move || fill(s.t(Key::IndicatorsOf), &[&unit_name])}</h2>
            {all_no_data.then(|| view! {
                <p class="flash flash-info" role="status" data-testid="no-figures">{tr(Key::NoFiguresForPeriod)}</p>
            })}
            {if has_results {
                view! { {sources} <div class="cards" data-testid="indicator-cards">{cards}</div> }.into_any()
            } else {
                view! { <Empty key=Key::NoResults/> }.into_any()
            }}
            {move || drill.get().and_then(|code| {
                let indicator = drill_inds.get_value().into_iter().find(|i| i.code == code)?;
                Some(view! {
                    <DrillDown indicator rows=drill_rows.get_value() on_close=Callback::new(move |_| drill.set(None))/>
                })
            })}
            <GroupCharts unit_name=unit_name2 year months this_year last_year/>

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
        </section>

        <section id="so-ban-nganh" class="page-section" data-testid="section-so-ban-nganh">
            <ScoreboardTable rows=data.departments indicators=indicators.clone() title=Key::ScoreboardDepartments testid="scoreboard-departments" period/>
        </section>
        <section id="xa-phuong" class="page-section" data-testid="section-xa-phuong">
            <ScoreboardTable rows=data.communes indicators title=Key::ScoreboardCommunes testid="scoreboard-communes" period/>
        </section>
    }
}

/// A card's sparkline: the indicator's result month by month, with its annual target.
#[component]
fn CardTrend(data: Monthly, code: String, target: Option<f64>, is_rate: bool) -> impl IntoView {
    view! {
        <div class="card-trend">
            <Suspense fallback=|| ()>
                {move || {
                    let code = code.clone();
                    Suspend::new(async move {
                        let d = data.await.ok()?;
                        let months = d.months.len() as u32;
                        let values: Vec<Option<f64>> = (1..=months).map(|k| d.value(k, &code)).collect();
                        values.iter().any(Option::is_some).then(|| view! {
                            <Sparkline values target is_rate testid=format!("sparkline-{code}")/>
                        })
                    })
                }}
            </Suspense>
        </div>
    }
}
