//! A month's review on the approvals page: at a glance, its anomaly count (or that there is
//! none) with the first reason; on demand, each indicator by name with this month, last
//! month and the same month last year, the changes, every flag with its reason, and the
//! figures entered by measure name.

use crate::api::ops::review_month::{
    ReviewFlagKind, ReviewedReport as Month, ReviewedReportReviewIndicators as Row,
};
use crate::format::{format_count, format_number, format_value};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::IndicatorKind;

/// The label of a flag's rule.
fn flag_label(kind: &ReviewFlagKind) -> Key {
    match kind {
        ReviewFlagKind::JUMP => Key::FlagJump,
        ReviewFlagKind::Z_SCORE => Key::FlagZScore,
        _ => Key::FlagOutsideBand,
    }
}

/// The contract's name of a flag's rule.
fn kind_name(kind: &ReviewFlagKind) -> &'static str {
    match kind {
        ReviewFlagKind::JUMP => "JUMP",
        ReviewFlagKind::Z_SCORE => "Z_SCORE",
        _ => "OUTSIDE_BAND",
    }
}

/// A change: `+12,5 điểm %` for a rate, `+1.234` for a count; `–` without one.
fn change(value: Option<f64>, rate: bool, points: &str) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) => {
            let sign = if v > 0.0 { "+" } else { "" };
            if rate {
                format!("{sign}{} {points}", format_number(v, 1))
            } else {
                format!("{sign}{}", format_number(v, 0))
            }
        }
    }
}

/// The anomaly count and the first reason, with the button that opens the details.
#[component]
pub(super) fn ReviewSummary(state: RwSignal<Month>, show: RwSignal<bool>) -> impl IntoView {
    let s = use_session();
    let flags = move || state.with(|r| r.review.flag_count);
    let has_values = move || state.with(|r| !r.review.indicators.is_empty());
    let first_reason = move || {
        state.with(|r| {
            r.review.indicators.iter().find_map(|i| {
                i.flags
                    .first()
                    .map(|f| format!("{}: {}", i.indicator.name, f.reason))
            })
        })
    };
    view! {
        <div class="review-summary">
            {move || if flags() > 0 {
                view! {
                    <span class="badge flag-badge" data-testid="review-flags">
                        <span aria-hidden="true">"⚠ "</span>{fill(s.t(Key::FlagsCount), &[&flags().to_string()])}
                    </span>
                    <p class="flag-first" data-testid="review-first-reason">{first_reason()}</p>
                }.into_any()
            } else if has_values() {
                view! { <span class="muted review-ok" data-testid="review-ok"><span aria-hidden="true">"✓ "</span>{tr(Key::NoFlags)}</span> }.into_any()
            } else {
                view! { <span class="muted">{tr(Key::NoReview)}</span> }.into_any()
            }}
            <button type="button" class="btn btn-small btn-ghost" data-testid="approval-details"
                aria-expanded=move || show.get().to_string()
                on:click=move |_| show.update(|v| *v = !*v)>
                {move || s.t(if show.get() { Key::Hide } else { Key::Details })}
            </button>
        </div>
    }
}

/// Each indicator against last month and last year, the flags, the figures.
#[component]
pub(super) fn ReviewDetails(state: RwSignal<Month>) -> impl IntoView {
    let s = use_session();
    let row = move |i: Row| {
        let rate = i.indicator.kind == IndicatorKind::Rate;
        let points = s.t(Key::PointsShort);
        let row_class = if i.flags.is_empty() { "" } else { "is-flagged" };
        view! {
            <tr class=row_class data-testid=format!("review-{}", i.indicator.code)>
                <th scope="row" data-label=tr(Key::ReviewIndicator)>{i.indicator.name.clone()}</th>
                <td class="num" data-label=tr(Key::ReviewThisMonth)><strong>{format_value(i.value, rate)}</strong></td>
                <td class="num" data-label=tr(Key::ReviewPrevious)>
                    {format_value(i.previous, rate)}
                    <span class="change">{change(i.change_from_previous, rate, points)}</span>
                </td>
                <td class="num" data-label=tr(Key::ReviewLastYear)>
                    {format_value(i.last_year, rate)}
                    <span class="change">{change(i.change_from_last_year, rate, points)}</span>
                </td>
                <td data-label=tr(Key::ReviewFlags)>
                    <ul class="plain-list flag-list">
                        {i.flags.into_iter().map(|f| view! {
                            <li class="flag-item" data-testid="review-flag" data-kind=kind_name(&f.kind)>
                                <span class="badge flag-badge">{tr(flag_label(&f.kind))}</span>" "{f.reason}
                            </li>
                        }).collect_view()}
                    </ul>
                </td>
            </tr>
        }
    };
    view! {
        <div class="review-details" data-testid="review-details">
            {move || {
                let indicators = state.with(|r| r.review.indicators.clone());
                (!indicators.is_empty()).then(|| view! {
                    <div class="table-wrap">
                        <table class="table review-table">
                            <thead><tr>
                                <th scope="col">{tr(Key::ReviewIndicator)}</th>
                                <th scope="col" class="num">{tr(Key::ReviewThisMonth)}</th>
                                <th scope="col" class="num">{tr(Key::ReviewPrevious)}</th>
                                <th scope="col" class="num">{tr(Key::ReviewLastYear)}</th>
                                <th scope="col">{tr(Key::ReviewFlags)}</th>
                            </tr></thead>
                            <tbody>{indicators.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                })
            }}
            <p class="muted review-note">{tr(Key::ReviewRulesNote)}</p>
            <h4 class="review-figures-title">{tr(Key::ReviewFigures)}</h4>
            <dl class="figure-list" data-testid="approval-values">
                {move || state.get().values.into_iter().map(|v| view! {
                    <div><dt>{v.measure.name}</dt><dd class="num">{format_count(v.value)}</dd></div>
                }).collect_view()}
            </dl>
        </div>
    }
}
