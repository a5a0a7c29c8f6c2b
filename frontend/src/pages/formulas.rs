//! Từ điển công thức: the catalogue in use, group by group — each indicator's formula
//! (numerator measure / denominator measure), points, rule in words, what it gives without
//! data and the unit kinds it scores — and the consistency rules in words. Every role reads
//! it.

use crate::api::gql;
use crate::api::ops::formula_dictionary::{
    FormulaDictionaryConsistencyRules as RuleRow, FormulaDictionaryIndicators as IndicatorRow,
};
use crate::api::ops::{FormulaDictionary, formula_dictionary};
use crate::components::{Empty, ErrorBox, Loading};
use crate::explain::{format_level, in_groups, no_data_key, rule_words};
use crate::i18n::{self, Key, fill};
use crate::names::shown;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::IndicatorKind;

/// `/formulas`.
#[component]
pub fn FormulasPage() -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || async move {
        gql::<FormulaDictionary>(s, formula_dictionary::Variables).await
    });
    view! {
        <section class="page" data-testid="formulas-page">
            <header class="page-head"><h1>{tr(Key::FormulasTitle)}</h1></header>
            <p class="intro">{tr(Key::FormulasIntro)}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(d) if d.indicators.is_empty() => view! { <Empty key=Key::NoIndicators/> }.into_any(),
                        Ok(d) => view! { <Dictionary data=d/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The groups and the consistency rules.
#[component]
fn Dictionary(data: formula_dictionary::ResponseData) -> impl IntoView {
    let s = use_session();
    let names: Vec<(String, String)> = data
        .indicator_groups
        .iter()
        .map(|g| (g.code.clone(), g.name.clone()))
        .collect();
    let order: Vec<String> = names.iter().map(|(c, _)| c.clone()).collect();
    let total: f64 = data
        .indicators
        .iter()
        .filter(|i| i.active)
        .map(|i| i.points)
        .sum();
    let measures: Vec<(String, String, Option<String>)> = data
        .measures
        .iter()
        .map(|m| (m.code.clone(), m.name.clone(), m.name_en.clone()))
        .collect();
    let groups = in_groups(&order, data.indicators, |i| i.group.as_str());
    view! {
        <p class="formulas-total" data-testid="formulas-total">
            <strong>{move || format!("{}: {}", s.t(Key::Total), fill(s.t(Key::GroupPoints), &[&format_level(total)]))}</strong>
        </p>
        {groups.into_iter().map(|(code, rows)| {
            let name = names.iter().find(|(c, _)| *c == code).map(|(_, n)| n.clone())
                .or_else(|| i18n::indicator_group(&code).map(|k| s.t(k).to_owned()))
                .unwrap_or_else(|| code.clone());
            let points: f64 = rows.iter().filter(|i| i.active).map(|i| i.points).sum();
            view! { <GroupTable code name points rows/> }
        }).collect_view()}
        <ConsistencyRules rules=data.consistency_rules measures/>
    }
}

/// One group: its name and points, and a row per indicator (a card on a phone).
#[component]
fn GroupTable(code: String, name: String, points: f64, rows: Vec<IndicatorRow>) -> impl IntoView {
    let s = use_session();
    view! {
        <section class="panel" data-testid=format!("formula-group-{code}")>
            <h2>{name}" " <span class="muted">"("{move || fill(s.t(Key::GroupPoints), &[&format_level(points)])}")"</span></h2>
            <div class="table-wrap">
                <table class="table stack-table">
                    <thead><tr>
                        <th scope="col">{tr(Key::Indicator)}</th>
                        <th scope="col">{tr(Key::FormulaCol)}</th>
                        <th scope="col" class="num">{tr(Key::Points)}</th>
                        <th scope="col">{tr(Key::Rule)}</th>
                        <th scope="col">{tr(Key::NoDataCol)}</th>
                        <th scope="col">{tr(Key::AppliesToCol)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|i| view! { <FormulaRow indicator=i/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One indicator of the dictionary.
#[component]
fn FormulaRow(indicator: IndicatorRow) -> impl IntoView {
    let s = use_session();
    let i = indicator;
    let is_rate = i.kind == IndicatorKind::Rate;
    let (rule, threshold) = (i.rule, i.threshold);
    let numerator = (i.numerator.name.clone(), i.numerator.name_en.clone());
    let denominator = i
        .denominator
        .as_ref()
        .map(|d| (d.name.clone(), d.name_en.clone()));
    let formula = move || {
        let lang = s.lang.get();
        let n = shown(lang, &numerator.0, numerator.1.as_deref());
        match &denominator {
            Some(d) => format!("{n} / {}", shown(lang, &d.0, d.1.as_deref())),
            None => fill(s.t(Key::CountFormula), &[&n]),
        }
    };
    let title = (i.name.clone(), i.name_en.clone());
    let no_data = no_data_key(i.no_data);
    let kinds = i.applies_to.clone();
    let applies = move || {
        if kinds.is_empty() {
            s.t(Key::AppliesToAll).to_owned()
        } else {
            kinds
                .iter()
                .map(|k| s.t(i18n::unit_kind(*k)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    view! {
        <tr data-testid=format!("formula-row-{}", i.code) data-active=i.active.to_string()
            class=if i.active { "" } else { "row-inactive" }>
            <td data-label=tr(Key::Indicator)><div>
                <strong>{move || shown(s.lang.get(), &title.0, title.1.as_deref())}</strong>
                {(!i.active).then(|| view! { " " <span class="badge st-none">{tr(Key::NotInUse)}</span> })}
            </div></td>
            <td data-label=tr(Key::FormulaCol) data-testid="formula-formula">{formula}</td>
            <td data-label=tr(Key::Points) class="num" data-testid="formula-points">{format_level(i.points)}</td>
            <td data-label=tr(Key::Rule) data-testid="formula-rule">{move || rule_words(s.lang.get(), rule, threshold, is_rate)}</td>
            <td data-label=tr(Key::NoDataCol) data-testid="formula-no-data" data-rule=i.no_data.as_str()>{tr(no_data)}</td>
            <td data-label=tr(Key::AppliesToCol) data-testid="formula-applies">{applies}</td>
        </tr>
    }
}

/// The consistency rules: "«Hồ sơ nộp trực tuyến» không được lớn hơn «Hồ sơ tiếp nhận»".
#[component]
fn ConsistencyRules(
    rules: Vec<RuleRow>,
    measures: Vec<(String, String, Option<String>)>,
) -> impl IntoView {
    let s = use_session();
    let measures = StoredValue::new(measures);
    let name = move |code: &str| {
        measures.with_value(|list| {
            list.iter().find(|(c, _, _)| c == code).map_or_else(
                || code.to_owned(),
                |(_, n, en)| shown(s.lang.get(), n, en.as_deref()),
            )
        })
    };
    let empty = rules.is_empty();
    view! {
        <section class="panel" data-testid="consistency-rules">
            <h2>{tr(Key::ConsistencyRules)}</h2>
            <p class="muted">{tr(Key::ConsistencyRulesHint)}</p>
            {if empty {
                view! { <Empty key=Key::NoConsistencyRules/> }.into_any()
            } else {
                view! {
                    <ul class="rule-list">
                        {rules.into_iter().map(|r| {
                            let (part, whole) = (r.part.clone(), r.whole.clone());
                            view! {
                                <li data-testid="consistency-rule" data-part=r.part data-whole=r.whole>
                                    {move || fill(s.t(Key::ConsistencyRuleWords), &[&name(&part), &name(&whole)])}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
