//! A unit: breadcrumb, indicator cards for a period, sub-units with their scores, monthly
//! year-to-date charts against the roadmap, staff (heads marked, a page at a time), targets
//! and violations.

use crate::api::ops::dashboard::IndicatorResultIndicator as IndicatorRef;
use crate::api::ops::unit_page::{UnitDetailStaff as StaffRow, UnitPageTargets as TargetRow};
use crate::api::ops::violations::Violation as ViolationRow;
use crate::api::ops::{UnitPage as UnitPageQuery, UnitPageData, unit_page};
use crate::api::{batch, gql_read};
use crate::charts::LineChart;
use crate::components::{
    Col, Empty, ErrorBox, IndicatorCard, Loading, Pager, PeriodPicker, Refreshing, Table,
    cascade_gap_view, page_of, with_current_query,
};
use crate::download::DownloadButtons;
use crate::format::{format_date, format_value, milestone_chips};
use crate::i18n::{self, Key, fill};
use crate::pages::dashboard::{ScoreboardTable, period_from_query};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::{Grain, IndicatorKind, PeriodKind};

/// `/units/:id`.
#[component]
pub fn UnitPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let unit_id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let period = period_from_query();
    let pending = RwSignal::new(false);
    let data = LocalResource::new(move || {
        let p = period.get();
        let id = unit_id.get();
        async move {
            let vars = unit_page::Variables {
                id: id.clone(),
                period: p.into(),
                unit_ids: Some(vec![id]),
                year: p.year.into(),
            };
            gql_read::<UnitPageQuery, UnitPageData>(s, vars).await
        }
    });

    view! {
            <section class="page" data-testid="unit-page">
                <div class="page-tools"><PeriodPicker period/>
                    <DownloadButtons testid="export-unit" path=Signal::derive(move || {
                        let p = period.get();
                        format!("/export/unit?unit={}&year={}&month={}", unit_id.get(), p.year, p.last_month())
                    })/>
                </div>
    <Refreshing pending/>
                <Transition fallback=|| view! { <Loading/> } set_pending=pending>
                    {move || { let p = period.get_untracked(); Suspend::new(async move {
                        match data.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                            Ok(d) => match d.unit.clone() {
                                None => view! {
                                    <div class="state state-error" role="alert" data-testid="unit-not-found">{tr(Key::UnitNotFound)}</div>
                                }.into_any(),
                                Some(u) => {
                                    let last = u.path.len().saturating_sub(1);
                                    let results = d.indicator_results;
                                    let indicators: Vec<IndicatorRef> = results.iter().map(|r| r.indicator.clone()).collect();
                                    let kind = u.kind;
                                    let indicators_for_charts = indicators.clone();
                                    view! {
                                        <nav class="breadcrumb" aria-label=tr(Key::Breadcrumb) data-testid="breadcrumb">
                                            <ol>
                                                {u.path.clone().into_iter().enumerate().map(|(i, p)| if i == last {
                                                    view! { <li aria-current="page">{p.name.clone()}</li> }.into_any()
                                                } else {
                                                    view! { <li><A href=with_current_query(&format!("/units/{}", p.id))>{p.name}</A></li> }.into_any()
                                                }).collect_view()}
                                            </ol>
                                        </nav>
                                        <header class="page-head">
                                            <h1 data-testid="unit-name">{u.name.clone()}</h1>
                                            <p class="muted">
                                                {tr(Key::Code)}": " <code>{u.code.clone()}</code>
                                                " · " {tr(i18n::unit_kind(kind))}
                                            </p>
                                        </header>
                                        {if results.is_empty() {
                                            view! { <Empty key=Key::NoResults/> }.into_any()
                                        } else {
                                            view! {
                                                <div class="cards" data-testid="indicator-cards">
                                                    {results.into_iter().map(|r| view! { <IndicatorCard result=r/> }).collect_view()}
                                                </div>
                                            }.into_any()
                                        }}
                                        {if u.children.is_empty() {
                                            view! {
                                                <section class="panel" data-testid="unit-children">
                                                    <h2>{tr(Key::Children)}</h2>
                                                    <Empty key=Key::NoChildren/>
                                                </section>
                                            }.into_any()
                                        } else {
                                            view! { <ScoreboardTable rows=d.scoreboard indicators title=Key::Children testid="unit-children"/> }.into_any()
                                        }}
                                        <YtdCharts unit_id=u.id.clone() year=p.year months=p.last_month()
                                            indicators=indicators_for_charts targets=d.targets.clone()/>
                                        <StaffList staff=u.staff/>
                                        <TargetsList targets=d.targets/>
                                        <ViolationsList violations=d.violations year=p.year/>
                                    }.into_any()
                                }
                            },
                        }
                    })}}
                </Transition>
            </section>
        }
}

/// The unit's staff, a page at a time.
#[component]
fn StaffList(staff: Vec<StaffRow>) -> impl IntoView {
    let page = RwSignal::new(1usize);
    let total = staff.len();
    let empty = staff.is_empty();
    let staff = StoredValue::new(staff);
    let rows = move || staff.with_value(|l| page_of(l.len(), page.get()).slice(l).to_vec());
    view! {
        <section class="panel" data-testid="unit-staff">
            <h2>{tr(Key::Staff)}</h2>
            {if empty {
                view! { <Empty key=Key::NoStaff/> }.into_any()
            } else {
                view! {
                    <Pager total page noun=Key::CountStaff testid="staff-pager"/>
                    <Table cols=vec![Col::text(Key::FullName), Col::text(Key::Position), Col::text(Key::Head)]>
                                {move || rows().into_iter().map(|p| view! {
                                    <tr data-testid=format!("staff-row-{}", p.id) data-head=p.is_head.to_string()>
                                        <td>{p.full_name.clone()}</td>
                                        <td>{p.position.clone()}</td>
                                        <td>{p.is_head.then(|| view! { <span class="head-mark" data-testid="staff-head">{tr(Key::HeadMark)}</span> })}</td>
                                    </tr>
                                }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TargetsList(targets: Vec<TargetRow>) -> impl IntoView {
    view! {
        <section class="panel" data-testid="unit-targets">
            <h2>{tr(Key::Targets)}</h2>
            {if targets.is_empty() {
                view! { <Empty key=Key::NoTargets/> }.into_any()
            } else {
                view! {
                    <Table cols=vec![Col::text(Key::Indicator), Col::num(Key::Target), Col::text(Key::Milestones), Col::num(Key::CascadeGap), Col::text(Key::Decision)]>
                                {targets.into_iter().map(|t| {
                                    let is_rate = t.indicator.kind == IndicatorKind::Rate;
                                    let chips = milestone_chips(t.milestones.iter().map(|m| (m.grain, m.index, m.value)), is_rate);
                                    view! {
                                        <tr data-testid=format!("target-row-{}", t.indicator.code)
                                            class=if t.cascade_gap.is_some_and(|g| g > 0.0) { "row-gap" } else { "" }>
                                            <td>{t.indicator.name.clone()}</td>
                                            <td class="num">{format_value(Some(t.value), is_rate)}</td>
                                            <td>{if chips.is_empty() {
                                                view! { <span class="muted">{tr(Key::NoMilestones)}</span> }.into_any()
                                            } else {
                                                view! { <span class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</span> }.into_any()
                                            }}</td>
                                            <td class="num">{cascade_gap_view(t.cascade_gap, is_rate)}</td>
                                            <td><A href=format!("/targets/{}", t.decision.id)>{t.decision.number.clone()}</A></td>
                                        </tr>
                                    }
                                }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

/// The roadmap of a target as (month, value): a quarter's milestone sits on its last month.
pub fn milestones_by_month(t: &TargetRow) -> Vec<(u32, f64)> {
    let mut ms: Vec<(u32, f64)> = t
        .milestones
        .iter()
        .map(|m| {
            let month = if m.grain == Grain::Quarter {
                m.index * 3
            } else {
                m.index
            };
            (month.clamp(1, 12) as u32, m.value)
        })
        .collect();
    ms.sort_by_key(|m| m.0);
    ms
}

/// One line chart per indicator: the year-to-date actual of months 1..`months` (one aliased
/// request) against the target's milestones.
#[component]
fn YtdCharts(
    unit_id: String,
    year: i32,
    months: u32,
    indicators: Vec<IndicatorRef>,
    targets: Vec<TargetRow>,
) -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || {
        let unit_id = unit_id.clone();
        async move { batch::month_results(s, PeriodKind::Ytd, year, months, vec![unit_id]).await }
    });
    let indicators = StoredValue::new(indicators);
    let targets = StoredValue::new(targets);
    view! {
        <section class="panel" data-testid="ytd-charts">
            <h2>{tr(Key::YtdCharts)}</h2>
            <p class="muted">{move || fill(s.t(Key::YtdChartsHint), &[&year.to_string()])}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(d) => {
                            let inds = indicators.get_value();
                            if inds.is_empty() {
                                return view! { <Empty key=Key::NoResults/> }.into_any();
                            }
                            let targets = targets.get_value();
                            view! {
                                <div class="charts">
                                    {inds.into_iter().map(|i| {
                                        let t = targets.iter().find(|t| t.indicator.code == i.code);
                                        let milestones = t.map(milestones_by_month).unwrap_or_default();
                                        let target = t.map(|t| t.value);
                                        let actual = (1..=months).map(|k| d.value(k, &i.code)).collect();
                                        let is_rate = i.kind == IndicatorKind::Rate;
                                        view! { <LineChart title=i.name.clone() testid=format!("ytd-chart-{}", i.code) actual milestones target is_rate/> }
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

#[component]
fn ViolationsList(violations: Vec<ViolationRow>, year: i32) -> impl IntoView {
    let s = use_session();
    view! {
        <section class="panel" data-testid="unit-violations">
            <h2>{move || fill(s.t(Key::UnitViolations), &[&year.to_string()])}</h2>
            {if violations.is_empty() {
                view! { <Empty key=Key::NoViolations/> }.into_any()
            } else {
                view! {
                    <Table cols=vec![Col::text(Key::OccurredOn), Col::text(Key::ViolationKind), Col::text(Key::Description), Col::text(Key::Staff), Col::text(Key::Handling)]>
                                {violations.into_iter().map(|v| view! {
                                    <tr data-testid=format!("unit-violation-{}", v.id)>
                                        <td>{format_date(&v.occurred_on)}</td>
                                        <td>{tr(i18n::violation_kind(v.kind))}</td>
                                        <td>{v.description.clone()}{v.dossier_ref.clone().map(|r| view! { " (" <code>{r}</code> ")" })}</td>
                                        <td>{v.staff.as_ref().map(|p| p.full_name.clone()).unwrap_or_else(|| "–".to_owned())}</td>
                                        <td>{tr(i18n::handling(v.handling))}</td>
                                    </tr>
                                }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}
