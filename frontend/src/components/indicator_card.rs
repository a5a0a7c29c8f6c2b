//! The card of one indicator of a unit over a period: its value, the status beside the
//! year-to-date actual and milestone it was computed from ("Vì sao?"), target, milestone,
//! points, why it is out of the score, what it still needs, and the portal's figure.

use crate::api::ops::dashboard::IndicatorResult;
use crate::components::{ExcludedNote, OfficialBeside, ShortfallNote, StatusBadge, status_look};
use crate::format::{format_count, format_number, format_value};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use crate::status_why::{StatusBasis, basis_line, why_lines};
use leptos::prelude::*;
use shared::{Direction, IndicatorKind, TrackStatus};

/// One indicator of a unit over a period: value, target, milestone, status, points, why it
/// is out, "cần thêm N hồ sơ", the portal's figure.
#[component]
pub fn IndicatorCard(
    result: IndicatorResult,
    #[prop(optional)] counts: Option<[usize; 4]>,
    /// Drawn under the value: the month-by-month trend.
    #[prop(optional)]
    trend: Option<AnyView>,
    /// Drawn at the foot: what the card opens.
    #[prop(optional)]
    actions: Option<AnyView>,
) -> impl IntoView {
    let s = use_session();
    let is_rate = result.indicator.kind == IndicatorKind::Rate;
    let basis = StatusBasis {
        status: result.status,
        is_rate,
        lower_is_better: result.indicator.direction == Direction::LowerIsBetter,
        month: u32::try_from(result.period.last_month).unwrap_or(12),
        ytd: result.ytd_value,
        milestone: result.milestone,
        projection: result.projection,
        value: result.value,
    };
    let basis2 = basis.clone();
    let p = result.period.clone();
    let period_words = move || {
        let label = i18n::period_label(
            s.lang.get(),
            i32::try_from(p.year).unwrap_or_default(),
            p.kind,
            p.index.and_then(|i| u32::try_from(i).ok()),
        );
        fill(s.t(Key::CardValueOf), &[&label])
    };
    let (class, _) = status_look(result.status);
    let code = result.indicator.code.clone();
    let title = (
        result.indicator.name.clone(),
        result.indicator.name_en.clone(),
    );
    let target = result.target.map(|t| format_value(Some(t), is_rate));
    let milestone = result.milestone.map(|t| format_value(Some(t), is_rate));
    let projection = format_value(result.projection, is_rate);
    let points = format!(
        "{} / {}",
        result
            .points
            .map_or_else(|| "–".to_owned(), |p| format_number(p, 2)),
        format_number(result.max_points, 2)
    );
    let fraction = match (result.numerator, result.denominator) {
        (Some(n), Some(d)) if is_rate => Some(format!("{} / {}", format_count(n), format_count(d))),
        _ => None,
    };
    let excluded = result.excluded;
    let shortfall = result.shortfall.clone();
    let official = result.official.clone().map(|o| {
        view! { <OfficialBeside official=o value=result.value points=result.points is_rate/> }
    });
    view! {
        <article class=format!("card indicator-card {class}") data-testid=format!("indicator-card-{code}") data-status=result.status.as_str()>
            <h3 class="card-title">{move || crate::names::shown(s.lang.get(), &title.0, title.1.as_deref())}</h3>
            <p class="card-value" data-testid="indicator-value">{format_value(result.value, is_rate)}</p>
            <p class="card-value-of muted" data-testid="indicator-value-of">{period_words}</p>
            {trend}
            <p class="status-basis" data-testid="status-basis">
                <StatusBadge status=result.status/>
                " "<span class="basis-text" data-testid="status-basis-text">{move || basis_line(s.lang.get(), &basis)}</span>
            </p>
            <details class="why" data-testid="status-why">
                <summary data-testid="status-why-open">{tr(Key::WhyOpen)}</summary>
                <ul class="why-lines">
                    {move || why_lines(s.lang.get(), &basis2).into_iter().map(|(id, text)| view! {
                        <li data-testid=id>{text}</li>
                    }).collect_view()}
                </ul>
            </details>
            <dl class="card-facts">
                <dt>{tr(Key::Target)}</dt>
                <dd data-testid="indicator-target">{target.unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{tr(Key::Milestone)}</dt>
                <dd data-testid="indicator-milestone">{milestone.unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{tr(Key::Projection)}</dt>
                <dd data-testid="indicator-projection">{projection}</dd>
                <dt>{tr(Key::Points)}</dt>
                <dd>{points}</dd>
                {fraction.map(|f| view! {
                    <dt>{move || format!("{} / {}", s.t(Key::Numerator), s.t(Key::Denominator))}</dt>
                    <dd>{f}</dd>
                })}
            </dl>
            {excluded.map(|why| view! { <ExcludedNote why/> })}
            {shortfall.map(|shortfall| view! { <ShortfallNote shortfall is_rate/> })}
            {official}
            {counts.map(|c| view! {
                <p class="card-counts" data-testid="indicator-unit-counts">
                    <span class="sr-only">{tr(Key::UnitsByStatus)}": "</span>
                    {[TrackStatus::OnTrack, TrackStatus::AtRisk, TrackStatus::OffTrack, TrackStatus::NoData]
                        .into_iter().zip(c).map(|(st, n)| {
                            let (cl, icon) = status_look(st);
                            view! {
                                <span class=format!("count {cl}") title=tr(i18n::track_status(st))>
                                    <span aria-hidden="true">{icon}" "</span>{n}" "
                                    <span class="count-label">{tr(i18n::track_status_short(st))}</span>
                                </span>
                            }
                        }).collect_view()}
                </p>
            })}
            {actions}
        </article>
    }
}
