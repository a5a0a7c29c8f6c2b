//! The indicator catalogue (ADMIN): points, scoring rule, threshold, what it gives without
//! data, the unit kinds it scores, in use or not, name; and the form that edits one.

use crate::api::gql;
use crate::api::ops::indicator_catalogue::CatalogueIndicator;
use crate::api::ops::update_indicator::UpdateIndicatorInput;
use crate::api::ops::{IndicatorCatalogue, UpdateIndicator, indicator_catalogue, update_indicator};
use crate::components::{
    CheckField, Empty, EnumSelect, ErrorBox, Flash, FlashView, Loading, Submit, TextField,
};
use crate::explain::no_data_key;
use crate::format::{format_number, parse_decimal};
use crate::i18n::{self, Key};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, NoDataRule, ScoringRule, UnitKind};

const RULES: [ScoringRule; 3] = [
    ScoringRule::Target,
    ScoringRule::Proportional,
    ScoringRule::Threshold,
];

const NO_DATA: [NoDataRule; 3] = [NoDataRule::Exclude, NoDataRule::Full, NoDataRule::Zero];

/// The unit kinds an indicator may score, with the id of each one's checkbox.
const KINDS: [(UnitKind, &str); 7] = [
    (UnitKind::Province, "edit-indicator-applies-PROVINCE"),
    (UnitKind::Department, "edit-indicator-applies-DEPARTMENT"),
    (UnitKind::District, "edit-indicator-applies-DISTRICT"),
    (UnitKind::Commune, "edit-indicator-applies-COMMUNE"),
    (UnitKind::Division, "edit-indicator-applies-DIVISION"),
    (UnitKind::Center, "edit-indicator-applies-CENTER"),
    (UnitKind::Other, "edit-indicator-applies-OTHER"),
];

/// The unit kinds in words: "Xã, phường, Tỉnh", or "Mọi loại đơn vị" when the list is empty.
fn kinds_text(s: crate::state::Session, kinds: &[UnitKind]) -> String {
    if kinds.is_empty() {
        return s.t(Key::AppliesToAll).to_owned();
    }
    kinds
        .iter()
        .map(|k| s.t(i18n::unit_kind(*k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The indicator catalogue: points, scoring rule, threshold, in use or not, name.
#[component]
pub(super) fn IndicatorCataloguePanel() -> impl IntoView {
    let s = use_session();
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        async move {
            gql::<IndicatorCatalogue>(s, indicator_catalogue::Variables)
                .await
                .map(|d| d.indicators)
        }
    });
    let editing = RwSignal::new(None::<CatalogueIndicator>);
    let flash = RwSignal::new(None::<Flash>);
    view! {
        <section class="panel" data-testid="indicator-catalogue">
            <h2>{tr(Key::IndicatorCatalogue)}</h2>
            <FlashView flash testid="edit-indicator-result"/>
            {move || editing.get().map(|i| view! {
                <EditIndicatorForm indicator=i flash on_done=Callback::new(move |saved: bool| {
                    editing.set(None);
                    if saved { reload.update(|n| *n += 1) }
                })/>
            })}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoResults/> }.into_any(),
                        Ok(list) => {
                            let total: f64 = list.iter().filter(|i| i.active).map(|i| i.points).sum();
                            view! {
                                <div class="table-wrap">
                                    <table class="table" data-testid="indicators-table">
                                        <thead><tr>
                                            <th scope="col">{tr(Key::Code)}</th>
                                            <th scope="col">{tr(Key::Name)}</th>
                                            <th scope="col">{tr(Key::Group)}</th>
                                            <th scope="col" class="num">{tr(Key::Points)}</th>
                                            <th scope="col">{tr(Key::Rule)}</th>
                                            <th scope="col" class="num">{tr(Key::Threshold)}</th>
                                            <th scope="col">{tr(Key::NoDataCol)}</th>
                                            <th scope="col">{tr(Key::AppliesToCol)}</th>
                                            <th scope="col">{tr(Key::Status)}</th>
                                            <th scope="col"></th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|i| {
                                                let i2 = i.clone();
                                                let group = i.group.clone();
                                                let is_rate = i.kind == IndicatorKind::Rate;
                                                let kinds = i.applies_to.clone();
                                                view! {
                                                    <tr data-testid=format!("indicator-row-{}", i.code) data-active=i.active.to_string() class=if i.active { "" } else { "row-inactive" }>
                                                        <td><code>{i.code.clone()}</code></td>
                                                        <td data-testid="indicator-name">{i.name.clone()}
                                                            {i.name_en.clone().map(|en| view! { <br/><span class="muted" lang="en" data-testid="indicator-name-en">{en}</span> })}</td>
                                                        <td>{move || i18n::indicator_group(&group).map_or_else(|| group.clone(), |k| s.t(k).to_owned())}</td>
                                                        <td class="num" data-testid="indicator-points">{format_number(i.points, 2)}</td>
                                                        <td data-testid="indicator-rule">{tr(i18n::scoring_rule(i.rule))}</td>
                                                        <td class="num" data-testid="indicator-threshold">{crate::format::format_value(i.threshold, is_rate)}</td>
                                                        <td data-testid="indicator-no-data" data-rule=i.no_data.as_str()>{tr(no_data_key(i.no_data))}</td>
                                                        <td data-testid="indicator-applies">{move || kinds_text(s, &kinds)}</td>
                                                        <td data-testid="indicator-active">{if i.active {
                                                            view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::InUse)}</span> }.into_any()
                                                        } else {
                                                            view! { <span class="badge st-none"><span aria-hidden="true">"○ "</span>{tr(Key::NotInUse)}</span> }.into_any()
                                                        }}</td>
                                                        <td><button type="button" class="btn btn-small" data-testid="indicator-edit"
                                                            on:click=move |_| editing.set(Some(i2.clone()))>{tr(Key::Edit)}</button></td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot><tr>
                                            <th scope="row" colspan="3">{tr(Key::Total)}</th>
                                            <td class="num" data-testid="indicator-points-total"><strong>{format_number(total, 2)}</strong></td>
                                            <td colspan="6"></td>
                                        </tr></tfoot>
                                    </table>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Edits an indicator: name, points, scoring rule, threshold, what it gives without data,
/// the unit kinds it scores (none ticked: every kind), in use.
#[component]
fn EditIndicatorForm(
    indicator: CatalogueIndicator,
    flash: RwSignal<Option<Flash>>,
    on_done: Callback<bool>,
) -> impl IntoView {
    let s = use_session();
    let name = RwSignal::new(indicator.name.clone());
    let name_en = RwSignal::new(indicator.name_en.clone().unwrap_or_default());
    let points = RwSignal::new(format_number(indicator.points, 2));
    let rule = RwSignal::new(indicator.rule);
    let threshold = RwSignal::new(
        indicator
            .threshold
            .map(|t| format_number(t, 2))
            .unwrap_or_default(),
    );
    let active = RwSignal::new(indicator.active);
    let no_data = RwSignal::new(indicator.no_data);
    let applies: Vec<(UnitKind, &'static str, RwSignal<bool>)> = KINDS
        .iter()
        .map(|(k, id)| (*k, *id, RwSignal::new(indicator.applies_to.contains(k))))
        .collect();
    let applies = StoredValue::new(applies);
    let local = RwSignal::new(None::<Flash>);
    let code = indicator.code.clone();
    let title = indicator.code.clone();
    let send = Submit::new(local);
    let send_request = move |vars: update_indicator::Variables| async move {
        gql::<UpdateIndicator>(s, vars).await
    };
    let send_done = move |_| {
        flash.set(Some(Flash::Ok(Key::IndicatorUpdated)));
        on_done.run(true);
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let invalid = |k: Key| send.invalid(k.text(lang));
        let n = name.get_untracked();
        if n.trim().is_empty() {
            return invalid(Key::Required);
        }
        let Some(p) = parse_decimal(&points.get_untracked()) else {
            return invalid(Key::InvalidNumber);
        };
        let t = threshold.get_untracked();
        let t = if t.trim().is_empty() {
            None
        } else if let Some(t) = parse_decimal(&t) {
            Some(t)
        } else {
            return invalid(Key::InvalidNumber);
        };
        let r = rule.get_untracked();
        if r == ScoringRule::Threshold && t.is_none() {
            return invalid(Key::Required);
        }
        let input = UpdateIndicatorInput {
            name: Some(n.trim().to_owned()),
            name_en: Some(name_en.get_untracked().trim().to_owned()),
            group: None,
            points: Some(p),
            rule: Some(r),
            threshold: t,
            active: Some(active.get_untracked()),
            no_data: Some(no_data.get_untracked()),
            applies_to: Some(applies.with_value(|a| {
                a.iter()
                    .filter(|(_, _, on)| on.get_untracked())
                    .map(|(k, _, _)| *k)
                    .collect()
            })),
        };
        send.run(
            send_request(update_indicator::Variables {
                code: code.clone(),
                input,
            }),
            send_done,
        );
    };
    view! {
        <form class="subpanel" data-testid="edit-indicator-form" on:submit=submit novalidate>
            <h3>{move || format!("{}: {}", s.t(Key::Edit), title)}</h3>
            <div class="form-grid">
                <div><TextField id="edit-indicator-name" label=Key::Name value=name/></div>
                <div><TextField id="edit-indicator-name-en" label=Key::NameEn value=name_en optional=true/></div>
                <div><TextField id="edit-indicator-points" label=Key::Points value=points decimal=true/></div>
                <div><EnumSelect id="edit-indicator-rule" label=Key::Rule value=rule options=&RULES/></div>
                <div><TextField id="edit-indicator-threshold" label=Key::Threshold value=threshold optional=true decimal=true/></div>
                <div><EnumSelect id="edit-indicator-no-data" label=Key::NoDataCol value=no_data options=&NO_DATA/></div>
                <CheckField id="edit-indicator-active" label=Key::InUse checked=active/>
            </div>
            <fieldset class="plain-fieldset" data-testid="edit-indicator-applies">
                <legend>{tr(Key::AppliesToCol)}</legend>
                <p class="hint-line">{tr(Key::AppliesToHint)}</p>
                <div class="choice-row">
                    {applies.get_value().into_iter().map(|(k, id, on)| view! {
                        <CheckField id label=i18n::unit_kind(k) checked=on/>
                    }).collect_view()}
                </div>
            </fieldset>
            <FlashView flash=local testid="edit-indicator-error"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="edit-indicator-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" class="btn" data-testid="edit-indicator-cancel" on:click=move |_| on_done.run(false)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}
