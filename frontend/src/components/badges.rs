//! Status badges: icon and text, never colour alone.

use crate::format::format_number;
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{ReportStatus, TrackStatus};

/// The CSS class and icon of a track status.
pub fn status_look(status: TrackStatus) -> (&'static str, &'static str) {
    match status {
        TrackStatus::OnTrack => ("st-on", "✓"),
        TrackStatus::AtRisk => ("st-risk", "!"),
        TrackStatus::OffTrack => ("st-off", "✗"),
        TrackStatus::NoData => ("st-none", "–"),
    }
}

/// A track status: icon + text.
#[component]
pub fn StatusBadge(status: TrackStatus, #[prop(optional)] short: bool) -> impl IntoView {
    let (class, icon) = status_look(status);
    let key = if short {
        i18n::track_status_short(status)
    } else {
        i18n::track_status(status)
    };
    view! {
        <span class=format!("badge {class}") data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {tr(key)}
        </span>
    }
}

/// A report status: icon + text.
#[component]
pub fn ReportBadge(status: ReportStatus) -> impl IntoView {
    let (class, icon) = match status {
        ReportStatus::Draft => ("rs-draft", "✎"),
        ReportStatus::Submitted => ("rs-submitted", "➜"),
        ReportStatus::Approved => ("rs-approved", "✓"),
        ReportStatus::Rejected => ("rs-rejected", "↩"),
    };
    view! {
        <span class=format!("badge {class}") data-testid="report-status" data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {tr(i18n::report_status(status))}
        </span>
    }
}

/// A cascade gap: `–` without children's targets, "covered" at 0, the shortfall otherwise.
pub fn cascade_gap_view(gap: Option<f64>, is_rate: bool) -> impl IntoView {
    match gap {
        None => view! { <span class="muted">"–"</span> }.into_any(),
        Some(g) if g <= 0.0 => view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::CascadeCovered)}</span> }.into_any(),
        Some(g) => {
            let text = if is_rate { format!("{} %", format_number(g, 2)) } else { format_number(g, 0) };
            let s = use_session();
            view! {
                <span class="badge st-off" data-testid="cascade-gap" data-gap=g.to_string()>
                    <span aria-hidden="true">"✗ "</span>{move || fill(s.t(Key::CascadeShort), &[&text])}
                </span>
            }.into_any()
        }
    }
}
