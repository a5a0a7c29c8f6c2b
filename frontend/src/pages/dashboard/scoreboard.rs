//! A sortable scoreboard: rank with its change since the previous period, unit (linked),
//! score with its "Cách tính" panel, the share of months submitted on time, and one status
//! cell per indicator.

use crate::api::ops::dashboard::{IndicatorResultIndicator, ScoreRow};
use crate::components::{
    DeltaMark, Empty, ExplainButton, ExplainSource, GroupSubtotal, PeriodSel, ScoreSummary,
    rows_in_steps, status_look, with_current_query,
};
use crate::cycle::timeliness::rate_text;
use crate::format::{format_date, format_score, format_value};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::IndicatorKind;

#[derive(Debug, Clone, PartialEq)]
enum SortCol {
    Rank,
    Name,
    Score,
    Timeliness,
    Indicator(String),
}

/// What a row says about its unit's score, for the "Cách tính" panel.
pub fn summary_of(r: &ScoreRow) -> ScoreSummary {
    ScoreSummary {
        unit_id: r.unit.id.clone(),
        unit_name: r.unit.name.clone(),
        score: r.score,
        earned: r.earned,
        available: r.available,
        groups: r
            .groups
            .iter()
            .map(|g| GroupSubtotal {
                code: g.group.clone(),
                earned: g.earned,
                available: g.available,
            })
            .collect(),
    }
}

/// A sortable scoreboard of `period`: rank with its change, unit (linked), score with its
/// "Cách tính" panel and one status cell per indicator.
#[component]
pub fn ScoreboardTable(
    rows: Vec<ScoreRow>,
    indicators: Vec<IndicatorResultIndicator>,
    title: Key,
    testid: &'static str,
    period: PeriodSel,
) -> impl IntoView {
    let s = use_session();
    let sort = RwSignal::new((SortCol::Rank, true));
    let is_empty = rows.is_empty();
    // A long scoreboard is rendered a few rows a frame (sorting stays on every row).
    let shown = rows_in_steps(rows.len());
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
                        SortCol::Timeliness => "timeliness".to_owned(),
                        SortCol::Indicator(c) => c.clone(),
                    })
                    title=move || fill(s.t(Key::SortBy), &[&label.get()])
                    on:click=move |_| sort.update(|(c, asc)| {
                        if *c == col3 { *asc = !*asc } else { *c = col3.clone(); *asc = !matches!(col3, SortCol::Score | SortCol::Timeliness | SortCol::Indicator(_)) }
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

    let sorted = Memo::new(move |_| {
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
                SortCol::Rank => a.rank.unwrap_or(i64::MAX).cmp(&b.rank.unwrap_or(i64::MAX)),
                SortCol::Name => crate::names::compare(&a.unit.name, &b.unit.name),
                SortCol::Score => a
                    .score
                    .partial_cmp(&b.score)
                    .unwrap_or(std::cmp::Ordering::Equal),
                SortCol::Timeliness => a
                    .timeliness_rate
                    .partial_cmp(&b.timeliness_rate)
                    .unwrap_or(std::cmp::Ordering::Equal),
                SortCol::Indicator(code) => value_of(a, code)
                    .partial_cmp(&value_of(b, code))
                    .unwrap_or(std::cmp::Ordering::Equal),
            };
            if asc { o } else { o.reverse() }
        });
        list
    });
    let visible = move || sorted.with(|l| l.iter().take(shown.get()).cloned().collect::<Vec<_>>());

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
                                    {header(SortCol::Timeliness, Signal::derive(move || s.t(Key::TimelinessRate).to_owned()), "num")}
                                    {indicators.into_iter().map(|i| {
                                        let name = (i.name.clone(), i.name_en.clone());
                                        header(SortCol::Indicator(i.code.clone()), Signal::derive(move || crate::names::shown(s.lang.get(), &name.0, name.1.as_deref())), "ind")
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                <For each=visible key=|r| r.unit.id.clone() children=move |r| {
                                    let href = with_current_query(&format!("/units/{}", r.unit.id));
                                    let unit_id = r.unit.id.clone();
                                    let summary = summary_of(&r);
                                    view! {
                                        <tr data-testid=format!("score-row-{unit_id}")>
                                            <td class="num rank-cell">
                                                <span data-testid="score-rank">{
                                                    match r.rank {
                                                        Some(n) => view! { <span>{n}</span> }.into_any(),
                                                        None => view! { <span class="muted" title=tr(Key::Unranked)>"–"<span class="sr-only">{tr(Key::Unranked)}</span></span> }.into_any(),
                                                    }
                                                }</span>
                                                <DeltaMark rank=r.rank previous_rank=r.previous_rank score=r.score previous_score=r.previous_score/>
                                            </td>
                                            <td class="unit-cell"><A href=href attr:data-testid="score-unit-link">{r.unit.name.clone()}</A>
                                                {r.merged_on.clone().map(|d| view! { <MergedMark day=d/> })}</td>
                                            <td class="num score-cell">
                                                <strong data-testid="score-value">{format_score(r.score)}</strong>
                                                <ExplainButton summary source=ExplainSource::Live(period)/>
                                            </td>
                                            <td class="num" data-testid="score-timeliness" title=tr(Key::TimelinessRateHint)>{rate_text(r.timeliness_rate)}</td>
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
                                }/>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The mark of a row whose figures span a reorganisation: "đơn vị sáp nhập ngày 01/07/2025".
#[component]
pub fn MergedMark(day: String) -> impl IntoView {
    let s = use_session();
    let day = format_date(&day);
    view! {
        <span class="merged-mark" data-testid="score-merged">
            {move || fill(s.t(Key::MergedOnMark), &[&day])}
        </span>
    }
}
