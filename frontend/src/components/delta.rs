//! The change of a unit's rank and score since the previous period, beside its rank:
//! "↑2 · +1,25" (arrow and sign, never colour alone), nothing without a previous period.

use crate::explain::{Delta, Trend};
use crate::state::use_session;
use leptos::prelude::*;

/// "↑2 · +1,25" with the change in words for screen readers and as a tooltip.
#[component]
pub fn DeltaMark(
    rank: Option<i64>,
    previous_rank: Option<i64>,
    score: Option<f64>,
    previous_score: Option<f64>,
) -> impl IntoView {
    let s = use_session();
    Delta::of(rank, previous_rank, score, previous_score).map(|d| {
        let class = match d.trend() {
            Trend::Up => "delta delta-up",
            Trend::Down => "delta delta-down",
            Trend::Same => "delta delta-same",
        };
        let places = d.places.map(|p| p.to_string()).unwrap_or_default();
        let change = d.score.map(|c| format!("{c:.2}")).unwrap_or_default();
        view! {
            <span class=class data-testid="score-delta" data-places=places data-score=change
                title=move || d.words(s.lang.get())>
                <span aria-hidden="true">{d.text()}</span>
                <span class="sr-only">{move || d.words(s.lang.get())}</span>
            </span>
        }
    })
}
