//! One bar chart per indicator group: the unit's result month by month.

use crate::api::batch;
use crate::api::ops::month_results::GroupedIndicator;
use crate::charts::{BarChart, BarSeries};
use crate::components::{Empty, ErrorBox, Loading};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, PeriodKind};

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
pub(super) fn GroupCharts(
    unit_id: String,
    unit_name: String,
    year: i32,
    months: u32,
) -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || {
        let unit_id = unit_id.clone();
        async move { batch::month_results(s, PeriodKind::Month, year, months, vec![unit_id]).await }
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
                                            name: crate::names::shown(s.lang.get_untracked(), &i.name, i.name_en.as_deref()),
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
