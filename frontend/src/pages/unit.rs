//! A unit: breadcrumb, its score (rank, change, "Cách tính"), its lineage (in force from and
//! to, predecessors, successors, its reorganisations, a banner once it has ended), indicator
//! cards for a period (the address's, else the unit's latest month with figures), sub-units
//! with their scores, monthly year-to-date charts against the roadmap, the months reported on
//! time or late, its explanations and corrective actions ("Giải trình và khắc phục", with
//! the thread on its month), staff (heads marked, a page at a time), targets (each with its
//! thread) and violations.

use crate::api::ops::dashboard::IndicatorResultIndicator as IndicatorRef;
use crate::api::ops::reorganizations::Reorganization;
use crate::api::ops::unit_page::{
    UnitDetailStaff as StaffRow, UnitLineage, UnitPageTargets as TargetRow,
};
use crate::api::ops::violations::Violation as ViolationRow;
use crate::api::ops::{ReorgKind, UnitPage as UnitPageQuery, UnitPageData, unit_page};
use crate::api::{batch, gql_read};
use crate::charts::LineChart;
use crate::components::comments::{CommentThread, Thread};
use crate::components::{
    Col, Empty, ErrorBox, IndicatorCard, Loading, OfficialSources, Pager, PeriodPicker, PeriodSel,
    Refreshing, Table, cascade_gap_view, page_of, page_period, today_iso, with_current_query,
};
use crate::download::DownloadButtons;
use crate::format::{day_after, format_date, format_value, milestone_chips};
use crate::i18n::{self, Key, fill};
use crate::pages::OpenOnLatest;
use crate::pages::dashboard::ScoreboardTable;
use crate::pages::explanations::follow_up::FollowUpSection;
use crate::pages::unit_score::UnitScoreCard;
use crate::pages::unit_timeliness::UnitTimelinessPanel;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::{Grain, IndicatorKind, PeriodKind};

/// `/units/:id`: built anew for each unit, on the period of the address or else the unit's
/// own latest month with figures (a predecessor opens on its last months).
#[component]
pub fn UnitPage() -> impl IntoView {
    let params = use_params_map();
    let unit_id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = unit_id.get();
        let page_id = id.clone();
        let page = Callback::new(move |initial| {
            view! { <UnitView unit_id=page_id.clone() initial/> }.into_any()
        });
        view! { <OpenOnLatest unit_id=id page/> }
    }
}

/// A unit's page from its first period on.
#[component]
fn UnitView(unit_id: String, initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let unit_id = StoredValue::new(unit_id);
    let period = page_period(initial);
    let pending = RwSignal::new(false);
    let data = LocalResource::new(move || {
        let p = period.get();
        let id = unit_id.get_value();
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
                        format!("/export/unit?unit={}&year={}&month={}", unit_id.get_value(), p.year, p.last_month())
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
                                    let lineage = d.lineage.clone();
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
                                        {lineage.clone().map(|l| view! { <StandingBanner lineage=l/> })}
                                        <UnitScoreCard unit_id=u.id.clone() unit_name=u.name.clone() kind period=p/>
                                        {lineage.map(|l| view! { <LineagePanel lineage=l/> })}
                                        {if results.is_empty() {
                                            view! { <Empty key=Key::NoResults/> }.into_any()
                                        } else {
                                            view! {
                                                <OfficialSources results=results.clone()/>
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
                                            view! { <ScoreboardTable rows=d.scoreboard indicators title=Key::Children testid="unit-children" period=p/> }.into_any()
                                        }}
                                        <YtdCharts unit_id=u.id.clone() year=p.year months=p.last_month()
                                            indicators=indicators_for_charts targets=d.targets.clone()/>
                                        <FollowUpSection unit_id=u.id.clone() year=p.year months=p.last_month() targets=d.targets.clone()/>
                                        <UnitTimelinessPanel unit_id=u.id.clone() year=p.year/>
                                        <crate::pages::unit_staff::StaffProgressPanel unit_id=u.id.clone() period=p/>
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

/// Where a unit stands on a day, by its lineage.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// In force that day, and no end is recorded.
    InForce,
    /// Comes into force on that (later) day.
    NotYet(String),
    /// Merged into these units (id, name) on that day: `past` when the day has come.
    Merged {
        into: Vec<(String, String)>,
        on: String,
        past: bool,
    },
    /// Abolished on that day (the day after its last), `past` when the day has come.
    Closed { on: String, past: bool },
}

/// Where the unit of `lineage` stands on `today` (ISO dates compare as text).
pub fn standing(lineage: &UnitLineage, today: &str) -> Standing {
    if let Some(to) = &lineage.valid_to {
        let on = day_after(to).unwrap_or_else(|| to.clone());
        let past = on.as_str() <= today;
        return if lineage.successors.is_empty() {
            Standing::Closed { on, past }
        } else {
            let into = lineage
                .successors
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect();
            Standing::Merged { into, on, past }
        };
    }
    match &lineage.valid_from {
        Some(from) if from.as_str() > today => Standing::NotYet(from.clone()),
        _ => Standing::InForce,
    }
}

/// A banner for a unit that has ended, will end or is not in force yet.
#[component]
fn StandingBanner(lineage: UnitLineage) -> impl IntoView {
    let s = use_session();
    let standing = standing(&lineage, &today_iso());
    let (class, text, hint): (&str, Box<dyn Fn() -> String + Send + Sync>, bool) = match standing {
        Standing::InForce => return None,
        Standing::NotYet(from) => (
            "flash flash-info",
            Box::new(move || fill(s.t(Key::NotYetBanner), &[&format_date(&from)])),
            false,
        ),
        Standing::Merged { into, on, past } => {
            let names = into
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let key = if past {
                Key::MergedIntoBanner
            } else {
                Key::WillMergeBanner
            };
            (
                if past {
                    "flash flash-warn"
                } else {
                    "flash flash-info"
                },
                Box::new(move || fill(s.t(key), &[&names, &format_date(&on)])),
                past,
            )
        }
        Standing::Closed { on, past } => {
            let key = if past {
                Key::ClosedBanner
            } else {
                Key::WillCloseBanner
            };
            (
                if past {
                    "flash flash-warn"
                } else {
                    "flash flash-info"
                },
                Box::new(move || fill(s.t(key), &[&format_date(&on)])),
                past,
            )
        }
    };
    Some(view! {
        <div class=class role="status" data-testid="unit-standing">
            <p><strong>{text}</strong></p>
            {hint.then(|| view! { <p class="muted">{tr(Key::EndedFiguresHint)}</p> })}
        </div>
    })
}

/// The unit's lineage: in force from and to, predecessors and successors (links to their
/// own pages, which open on their latest months), and the reorganisations that changed it.
#[component]
fn LineagePanel(lineage: UnitLineage) -> impl IntoView {
    let s = use_session();
    let from = lineage.valid_from.clone();
    let to = lineage.valid_to.clone();
    let in_force = move || match (&from, &to) {
        (Some(f), Some(t)) => fill(s.t(Key::InForceFromTo), &[&format_date(f), &format_date(t)]),
        (Some(f), None) => fill(s.t(Key::InForceFrom), &[&format_date(f)]),
        (None, Some(t)) => fill(s.t(Key::InForceTo), &[&format_date(t)]),
        (None, None) => s.t(Key::InForceAlways).to_owned(),
    };
    // A successor takes over the day after this unit's last; one merged into an existing
    // unit has no start of its own there.
    let took_over = lineage.valid_to.as_deref().and_then(day_after);
    let predecessors: Vec<(String, String, Option<String>)> = lineage
        .predecessors
        .iter()
        .map(|u| (u.id.clone(), u.name.clone(), u.valid_to.clone()))
        .collect();
    let successors: Vec<(String, String, Option<String>)> = lineage
        .successors
        .iter()
        .map(|u| {
            let on = took_over.clone().or_else(|| u.valid_from.clone());
            (u.id.clone(), u.name.clone(), on)
        })
        .collect();
    let reorganizations = lineage.reorganizations;
    view! {
        <section class="panel" data-testid="unit-lineage">
            <h2>{tr(Key::Lineage)}</h2>
            <dl class="facts">
                <dt>{tr(Key::InForce)}</dt>
                <dd data-testid="unit-in-force">{in_force}</dd>
                <dt>{tr(Key::Predecessors)}</dt>
                <dd data-testid="unit-predecessors">{linked_units(predecessors, Key::UntilDay, "predecessor")}</dd>
                <dt>{tr(Key::Successors)}</dt>
                <dd data-testid="unit-successors">{linked_units(successors, Key::FromDay, "successor")}</dd>
            </dl>
            <h3>{tr(Key::Reorganizations)}</h3>
            <ReorgTable rows=reorganizations.into_iter().map(ReorgRow::from).collect() testid="unit-reorganizations"/>
        </section>
    }
}

/// Units (id, name, day) as links to their pages, each with "đến …" or "từ …" (`key`), or
/// "Không có".
fn linked_units(
    units: Vec<(String, String, Option<String>)>,
    key: Key,
    testid: &'static str,
) -> AnyView {
    let s = use_session();
    if units.is_empty() {
        return view! { <span class="muted">{tr(Key::NoneLabel)}</span> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {units.into_iter().map(|(id, name, day)| view! {
                <li data-testid=format!("{testid}-{id}")>
                    <A href=format!("/units/{id}")>{name}</A>
                    {day.map(|d| view! { " " <span class="muted">"("{move || fill(s.t(key), &[&format_date(&d)])}")"</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One reorganisation as a row of [`ReorgTable`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReorgRow {
    pub id: String,
    pub kind: ReorgKind,
    /// ISO date.
    pub effective_on: String,
    pub decision: String,
    /// (id, name) of the units it changed.
    pub sources: Vec<(String, String)>,
    /// (id, name) of the unit after it; none for a closing.
    pub result: Option<(String, String)>,
}

impl From<unit_page::UnitLineageReorganizations> for ReorgRow {
    fn from(r: unit_page::UnitLineageReorganizations) -> Self {
        ReorgRow {
            id: r.id,
            kind: r.kind,
            effective_on: r.effective_on,
            decision: r.decision,
            sources: r.sources.into_iter().map(|u| (u.id, u.name)).collect(),
            result: r.result.map(|u| (u.id, u.name)),
        }
    }
}

impl From<Reorganization> for ReorgRow {
    fn from(r: Reorganization) -> Self {
        ReorgRow {
            id: r.id,
            kind: r.kind,
            effective_on: r.effective_on,
            decision: r.decision,
            sources: r.sources.into_iter().map(|u| (u.id, u.name)).collect(),
            result: r.result.map(|u| (u.id, u.name)),
        }
    }
}

/// Reorganisations: effective date, kind, decision, the units before and the unit after
/// (links to their pages); "Chưa có lần sắp xếp nào." when there are none.
#[component]
pub fn ReorgTable(rows: Vec<ReorgRow>, testid: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <Empty key=Key::NoReorganizations/> }.into_any();
    }
    view! {
        <Table testid cols=vec![Col::text(Key::EffectiveOn), Col::text(Key::ReorgKindLabel), Col::text(Key::DecisionNumber), Col::text(Key::UnitsBefore), Col::text(Key::UnitAfter)]>
            {rows.into_iter().map(|r| view! {
                <tr data-testid=format!("reorganization-{}", r.id) data-kind=r.kind.as_str()>
                    <td>{format_date(&r.effective_on)}</td>
                    <td>{tr(i18n::reorg_kind(r.kind))}</td>
                    <td>{r.decision.clone()}</td>
                    <td>{unit_links(r.sources)}</td>
                    <td>{match r.result {
                        Some(u) => unit_links(vec![u]).into_any(),
                        None => view! { "–" }.into_any(),
                    }}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
    .into_any()
}

/// Units (id, name) as links to their pages, separated by commas.
fn unit_links(units: Vec<(String, String)>) -> impl IntoView {
    units
        .into_iter()
        .enumerate()
        .map(|(i, (id, name))| {
            view! { {(i > 0).then_some(", ")}<A href=format!("/units/{id}")>{name}</A> }
        })
        .collect_view()
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
    let s = use_session();
    view! {
        <section class="panel" data-testid="unit-targets">
            <h2>{tr(Key::Targets)}</h2>
            {if targets.is_empty() {
                view! { <Empty key=Key::NoTargets/> }.into_any()
            } else {
                view! {
                    <Table cols=vec![Col::text(Key::Indicator), Col::num(Key::Target), Col::text(Key::Milestones), Col::num(Key::CascadeGap), Col::text(Key::Decision), Col::actions()]>
                                {targets.into_iter().map(|t| {
                                    let is_rate = t.indicator.kind == IndicatorKind::Rate;
                                    let chips = milestone_chips(t.milestones.iter().map(|m| (m.grain, m.index, m.value)), is_rate);
                                    let talking = RwSignal::new(false);
                                    let target_id = t.id.clone();
                                    let ind_name = (t.indicator.name.clone(), t.indicator.name_en.clone());
                                    view! {
                                        <tr data-testid=format!("target-row-{}", t.indicator.code)
                                            class=if t.cascade_gap.is_some_and(|g| g > 0.0) { "row-gap" } else { "" }>
                                            <td>{move || crate::names::shown(s.lang.get(), &ind_name.0, ind_name.1.as_deref())}</td>
                                            <td class="num">{format_value(Some(t.value), is_rate)}</td>
                                            <td>{if chips.is_empty() {
                                                view! { <span class="muted">{tr(Key::NoMilestones)}</span> }.into_any()
                                            } else {
                                                view! { <span class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</span> }.into_any()
                                            }}</td>
                                            <td class="num">{cascade_gap_view(t.cascade_gap, is_rate)}</td>
                                            <td><A href=format!("/targets/{}", t.decision.id)>{t.decision.number.clone()}</A></td>
                                            <td>
                                                <button type="button" class="btn btn-small btn-ghost" data-testid="target-comments-toggle"
                                                    aria-expanded=move || talking.get().to_string() on:click=move |_| talking.update(|x| *x = !*x)>
                                                    {tr(Key::Discussion)}
                                                </button>
                                            </td>
                                        </tr>
                                        <Show when=move || talking.get()>
                                            <tr class="thread-row"><td colspan="6">
                                                <CommentThread thread=Thread::Target { target_id: target_id.clone() }/>
                                            </td></tr>
                                        </Show>
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
                                        view! { <LineChart title=crate::names::shown(s.lang.get_untracked(), &i.name, i.name_en.as_deref()) testid=format!("ytd-chart-{}", i.code) actual milestones target is_rate/> }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::unit_page::{UnitLineagePredecessors, UnitLineageSuccessors};

    fn lineage(from: Option<&str>, to: Option<&str>, successors: &[&str]) -> UnitLineage {
        UnitLineage {
            valid_from: from.map(str::to_owned),
            valid_to: to.map(str::to_owned),
            predecessors: Vec::<UnitLineagePredecessors>::new(),
            successors: successors
                .iter()
                .map(|n| UnitLineageSuccessors {
                    id: format!("id-{n}"),
                    name: (*n).to_owned(),
                    valid_from: Some("2025-07-01".into()),
                    valid_to: None,
                })
                .collect(),
            reorganizations: Vec::new(),
        }
    }

    #[test]
    fn a_merged_away_unit_names_its_successor_from_the_day_after_its_last() {
        let l = lineage(None, Some("2025-06-30"), &["Xã Tân An"]);
        assert_eq!(
            standing(&l, "2026-11-30"),
            Standing::Merged {
                into: vec![("id-Xã Tân An".into(), "Xã Tân An".into())],
                on: "2025-07-01".into(),
                past: true,
            }
        );
        // A merge decided for next month has not happened yet.
        let later = lineage(None, Some("2026-11-30"), &["Xã Mới"]);
        assert!(matches!(
            standing(&later, "2026-11-30"),
            Standing::Merged { past: false, .. }
        ));
    }

    #[test]
    fn a_closed_unit_a_future_unit_and_a_unit_in_force() {
        assert_eq!(
            standing(&lineage(None, Some("2025-06-30"), &[]), "2025-07-01"),
            Standing::Closed {
                on: "2025-07-01".into(),
                past: true
            }
        );
        assert_eq!(
            standing(&lineage(Some("2026-12-01"), None, &[]), "2026-11-30"),
            Standing::NotYet("2026-12-01".into())
        );
        assert_eq!(
            standing(&lineage(Some("2025-07-01"), None, &[]), "2026-11-30"),
            Standing::InForce
        );
        assert_eq!(
            standing(&lineage(None, None, &[]), "2026-11-30"),
            Standing::InForce
        );
    }
}
