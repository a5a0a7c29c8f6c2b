//! One indicator of an explained score: its numerator and denominator with the measures'
//! names, the rate, the rule in words, the points earned out of those available or why it
//! is out, what it still needs and the portal's figure beside ours. Also the notes the
//! indicator cards share with it.

use crate::api::ops::dashboard::{IndicatorResult, IndicatorResultShortfall};
use crate::components::OfficialBeside;
use crate::explain::{exclusion_key, no_data_key, points_of, rule_words, shortfall_words};
use crate::format::{format_count, format_value};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, NoDataRule, ScoreExclusion};

/// "⊘ không có dữ liệu": why an indicator is out of the score.
#[component]
pub fn ExcludedNote(why: ScoreExclusion) -> impl IntoView {
    view! {
        <p class="explain-out" data-testid="explain-excluded" data-why=why.as_str()>
            <span aria-hidden="true">"⊘ "</span>{tr(exclusion_key(why))}
        </p>
    }
}

/// "➜ cần thêm 20 hồ sơ để đạt ngưỡng 80 %".
#[component]
pub fn ShortfallNote(shortfall: IndicatorResultShortfall, is_rate: bool) -> impl IntoView {
    let s = use_session();
    let dossiers = shortfall.dossiers;
    view! {
        <p class="shortfall" data-testid="shortfall" data-dossiers=dossiers.to_string()
            data-against=shortfall.against.as_str()>
            <span aria-hidden="true">"➜ "</span>
            {move || shortfall_words(s.lang.get(), dossiers, shortfall.goal, shortfall.against, is_rate)}
        </p>
    }
}

/// The formula with its figures: "Hồ sơ xử lý đúng hạn / Hồ sơ tiếp nhận và xử lý: 270 /
/// 300 = 90,00 %".
fn formula(lang: crate::i18n::Lang, r: &IndicatorResult, is_rate: bool) -> String {
    let n = &r.indicator.numerator;
    let numerator = crate::names::shown(lang, &n.name, n.name_en.as_deref());
    let names = match &r.indicator.denominator {
        Some(d) => format!(
            "{numerator} / {}",
            crate::names::shown(lang, &d.name, d.name_en.as_deref())
        ),
        None => numerator,
    };
    let count = |v: Option<i64>| v.map_or_else(|| "–".to_owned(), format_count);
    let figures = if is_rate {
        format!("{} / {}", count(r.numerator), count(r.denominator))
    } else {
        count(r.numerator)
    };
    format!("{names}: {figures} = {}", format_value(r.value, is_rate))
}

/// One indicator of the "Cách tính" panel.
#[component]
pub fn ExplainLine(result: IndicatorResult) -> impl IntoView {
    let s = use_session();
    let r = result;
    let is_rate = r.indicator.kind == IndicatorKind::Rate;
    let rule = r.indicator.rule;
    let threshold = r.indicator.threshold;
    let points = r.points;
    let max = r.max_points;
    // A rule that gives points without data (FULL, ZERO) says so beside the points.
    let no_data_gives = (r.excluded.is_none()
        && r.denominator == Some(0)
        && r.indicator.no_data != NoDataRule::Exclude)
        .then_some(no_data_key(r.indicator.no_data));
    let monitoring = r.excluded.is_none() && r.applies && max == 0.0;
    let title = (r.indicator.name.clone(), r.indicator.name_en.clone());
    let for_formula = r.clone();
    let formula_words = move || formula(s.lang.get(), &for_formula, is_rate);
    let scored = r.excluded.is_none() && !monitoring;
    let official = r.official.clone().map(|o| {
        view! { <OfficialBeside official=o value=r.value points=r.points is_rate/> }
    });
    view! {
        <li class="explain-line" data-testid=format!("explain-line-{}", r.indicator.code)
            data-excluded=r.excluded.map(|e| e.as_str()).unwrap_or("")>
            <div class="explain-head">
                <span class="explain-name">{move || crate::names::shown(s.lang.get(), &title.0, title.1.as_deref())}</span>
                {scored.then(|| view! {
                    <span class="explain-points" data-testid="explain-points">{move || points_of(s.lang.get(), points, max)}</span>
                })}
            </div>
            <p class="explain-formula" data-testid="explain-formula">{formula_words}</p>
            <p class="explain-rule" data-testid="explain-rule">
                <span class="muted">{tr(Key::ExplainRuleLabel)}": "</span>
                {move || rule_words(s.lang.get(), rule, threshold, is_rate)}
            </p>
            {r.excluded.map(|why| view! { <ExcludedNote why/> })}
            {no_data_gives.map(|k| view! {
                <p class="explain-no-data" data-testid="explain-no-data">{move || fill(s.t(Key::NoDataGives), &[s.t(k)])}</p>
            })}
            {monitoring.then(|| view! { <p class="explain-out">{tr(Key::MonitoringOnly)}</p> })}
            {r.shortfall.map(|shortfall| view! { <ShortfallNote shortfall is_rate/> })}
            {official}
        </li>
    }
}
