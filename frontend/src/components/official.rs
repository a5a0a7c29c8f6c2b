//! The portal's figure (Cổng DVCQG) beside ours: both rates and scores, their differences,
//! and a flag with an icon and words when they differ by more than the contract's margin;
//! and the files those figures came from, named once above them.

use crate::api::ops::dashboard::{IndicatorResult, IndicatorResultOfficial};
use crate::explain::{percentage_points, signed};
use crate::format::{format_datetime, format_number, format_value};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;

/// Ours and the portal's rate and score side by side, the differences and the flag.
#[component]
pub fn OfficialBeside(
    official: IndicatorResultOfficial,
    /// Our rate (or count).
    value: Option<f64>,
    /// Our points.
    points: Option<f64>,
    is_rate: bool,
) -> impl IntoView {
    let s = use_session();
    let score = |p: Option<f64>| p.map_or_else(|| "–".to_owned(), |p| format_number(p, 2));
    let value_difference = official.value_difference;
    let score_difference = official.score_difference;
    let differs = official.differs;
    view! {
        <div class=if differs { "official official-differs" } else { "official" }
            data-testid="official-figure" data-differs=differs.to_string()>
            <table class="official-table">
                <caption class="sr-only">{tr(Key::OfficialBeside)}</caption>
                <thead><tr>
                    <td></td>
                    <th scope="col" class="num">{tr(Key::OfficialRate)}</th>
                    <th scope="col" class="num">{tr(Key::Points)}</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{tr(Key::OfficialOurs)}</th>
                        <td class="num" data-testid="our-value">{format_value(value, is_rate)}</td>
                        <td class="num" data-testid="our-score">{score(points)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{tr(Key::OfficialPortal)}</th>
                        <td class="num" data-testid="official-value">{format_value(official.value, is_rate)}</td>
                        <td class="num" data-testid="official-score">{score(official.score)}</td>
                    </tr>
                    <tr class="official-difference">
                        <th scope="row">{tr(Key::OfficialDifference)}</th>
                        <td class="num" data-testid="official-value-difference">{move || value_difference.map_or_else(|| "–".to_owned(), |d| percentage_points(s.lang.get(), d))}</td>
                        <td class="num" data-testid="official-score-difference">{score_difference.map_or_else(|| "–".to_owned(), signed)}</td>
                    </tr>
                </tbody>
            </table>
            {if differs {
                view! {
                    <p class="official-flag flag-differs" data-testid="official-differs">
                        <span class="flag-icon" aria-hidden="true">"⚠"</span>" "{tr(Key::OfficialDiffers)}
                    </p>
                }.into_any()
            } else {
                view! {
                    <p class="official-flag flag-matches" data-testid="official-matches">
                        <span class="flag-icon" aria-hidden="true">"✓"</span>" "{tr(Key::OfficialMatches)}
                    </p>
                }.into_any()
            }}
        </div>
    }
}

/// The files the portal's figures of `results` came from, each named once: "Số liệu Cổng
/// DVCQG: t10.csv (SHA-256 …), nhập lúc 30/11/2026 09:44"; nothing without official figures.
#[component]
pub fn OfficialSources(results: Vec<IndicatorResult>) -> impl IntoView {
    let s = use_session();
    let mut sources: Vec<(String, String)> = Vec::new();
    for o in results.iter().filter_map(|r| r.official.as_ref()) {
        let item = (o.source.clone(), format_datetime(&o.imported_at));
        if !sources.contains(&item) {
            sources.push(item);
        }
    }
    (!sources.is_empty()).then(|| {
        view! {
            <div class="official-sources" data-testid="official-sources">
                {sources.into_iter().map(|(source, at)| view! {
                    <p class="official-source">{move || fill(s.t(Key::OfficialSource), &[&source, &at])}</p>
                }).collect_view()}
            </div>
        }
    })
}
