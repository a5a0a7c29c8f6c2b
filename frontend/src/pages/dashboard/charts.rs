//! One bar chart per indicator group: the unit's result month by month, against the annual
//! target, the milestone in force each month and the same month of last year.

use crate::api::ApiError;
use crate::api::batch::{self, MonthlyResultsData};
use crate::api::ops::month_results::GroupedIndicator;
use crate::charts::{BarChart, BarSeries};
use crate::components::{Empty, ErrorBox, Loading};
use crate::i18n::{self, Key, fill};
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, PeriodKind};

/// The results of each month of a year for one unit, as the dashboard's charts and cards
/// read them.
pub(super) type Monthly = LocalResource<Result<MonthlyResultsData, ApiError>>;

/// The results of months `1..=months` of `year`, each month alone, of `unit_id`.
pub(super) fn monthly(s: Session, unit_id: String, year: i32, months: u32) -> Monthly {
    LocalResource::new(move || {
        let unit_id = unit_id.clone();
        async move { batch::month_results(s, PeriodKind::Month, year, months, vec![unit_id]).await }
    })
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

/// One bar chart per indicator group: the unit's result of each month 1..`months` of `year`
/// (`this_year`), with its target and milestones, and last year's same months (`last_year`).
#[component]
pub(super) fn GroupCharts(
    unit_name: String,
    year: i32,
    months: u32,
    this_year: Monthly,
    last_year: Monthly,
) -> impl IntoView {
    let s = use_session();
    view! {
        <section class="panel" data-testid="monthly-charts">
            <h2>{tr(Key::MonthlyCharts)}</h2>
            <p class="muted">{move || fill(s.t(Key::MonthlyChartsHint), &[&unit_name, &months.to_string(), &year.to_string()])}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let d = match this_year.await {
                        Err(e) => return view! { <ErrorBox error=e on_retry=Callback::new(move |_| this_year.refetch())/> }.into_any(),
                        Ok(d) => d,
                    };
                    // Without last year's figures the bars still stand, without its line.
                    let before = last_year.await.ok();
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
                                    name: crate::names::shown(s.lang.get_untracked(), &i.name, i.name_en.as_deref()),
                                    values: (1..=months).map(|k| d.value(k, &i.code)).collect(),
                                    target: (1..=months).rev().find_map(|k| d.result(k, &i.code).and_then(|r| r.target)),
                                    milestones: (1..=months).map(|k| d.milestone(k, &i.code)).collect(),
                                    last_year: before.as_ref().map(|b| (1..=months).map(|k| b.value(k, &i.code)).collect()).unwrap_or_default(),
                                }).collect();
                                let title = match i18n::indicator_group(&g) {
                                    Some(k) => s.t(k).to_owned(),
                                    None => g.clone(),
                                };
                                view! { <BarChart title testid=format!("group-chart-{g}") months series is_rate last_year={year - 1}/> }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
