//! `/targets/:id`: one decision's targets, filtered by unit, a page at a time, with the form
//! to set one and the dialogs to split and assign one.

use super::assign::AssignDialog;
use super::set_target::SetTargetForm;
use super::split::SplitDialog;
use super::table::TargetsTable;
use crate::api::gql;
use crate::api::ops::decision_page::Target as TargetRow;
use crate::api::ops::{DecisionPage as DecisionPageQuery, Decisions, decision_page, decisions};
use crate::components::{Empty, ErrorBox, Flash, Loading, Pager, page_of};
use crate::download::DownloadButtons;
use crate::format::format_date;
use crate::i18n::Key;
use crate::pages::load_units;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/targets/:id`: one decision's targets.
#[component]
pub fn DecisionPage() -> impl IntoView {
    let s = use_session();
    let can_manage = s.me_untracked().is_some_and(|m| m.can_manage());
    let params = use_params_map();
    let decision_id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let id = decision_id.get();
        async move {
            let decisions = gql::<Decisions>(s, decisions::Variables { year: None })
                .await?
                .decisions;
            let Some(decision) = decisions.into_iter().find(|d| d.id == id) else {
                return Ok(None);
            };
            let vars = decision_page::Variables {
                year: decision.year,
                decision_id: id,
            };
            let page = gql::<DecisionPageQuery>(s, vars).await?;
            Ok(Some((decision, page)))
        }
    });
    let units = LocalResource::new(move || load_units(s));
    let splitting = RwSignal::new(None::<TargetRow>);
    let assigning = RwSignal::new(None::<TargetRow>);
    // Outlives the form, which is rebuilt when the targets reload after a save.
    let set_flash = RwSignal::new(None::<Flash>);
    // The reload after which the flash may show: a saved target's "saved" only appears in the
    // form rebuilt with the reloaded targets, so the table below is already the new one.
    let flash_gen = RwSignal::new(0u32);
    let set_unit = RwSignal::new(String::new());
    let set_indicator = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    // Outlives the table too: a target saved on page 5 reloads the list on page 5.
    let shown_page = RwSignal::new(1usize);

    view! {
        <section class="page" data-testid="decision-page">
            <p><A href="/targets">{move || format!("← {}", s.t(Key::AllDecisions))}</A></p>
            <DownloadButtons testid="export-decision"
                path=Signal::derive(move || format!("/export/decision?decision={}", decision_id.get()))/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(None) => view! { <div class="state state-error" role="alert" data-testid="decision-not-found">{tr(Key::DecisionNotFound)}</div> }.into_any(),
                        Ok(Some((d, page))) => {
                            let targets = page.targets.clone();
                            let indicators = page.indicators.clone();
                            let decision_id = d.id.clone();
                            let mut unit_names: Vec<(String, String)> = targets.iter()
                                .map(|t| (t.unit.id.clone(), t.unit.name.clone()))
                                .collect();
                            unit_names.sort_by(|a, b| crate::names::compare(&a.1, &b.1));
                            unit_names.dedup();
                            let all_targets = StoredValue::new(targets);
                            let shown = move |t: &TargetRow, unit: &str| unit.is_empty() || t.unit.id == unit;
                            let total = Signal::derive(move || {
                                let f = filter.get();
                                all_targets.with_value(|ts| ts.iter().filter(|t| shown(t, &f)).count())
                            });
                            view! {
                                <header class="page-head">
                                    <h1 data-testid="decision-number-title">{format!("{} — {}", d.number, format_date(&d.issued_on))}</h1>
                                    <p class="muted">{d.title.clone()}</p>
                                </header>
                                {can_manage.then(|| view! {
                                    <Transition fallback=|| view! { <Loading/> }>
                                        {
                                            let indicators = indicators.clone();
                                            let decision_id = decision_id.clone();
                                            move || {
                                                let indicators = indicators.clone();
                                                let decision_id = decision_id.clone();
                                                Suspend::new(async move {
                                                    match units.await {
                                                        Ok(u) => view! {
                                                            <SetTargetForm decision_id flash=set_flash flash_gen generation=reload.get_untracked() unit=set_unit indicator=set_indicator units=u indicators targets=all_targets.get_value()
                                                                on_saved=Callback::new(move |_| reload.update(|n| *n += 1))/>
                                                        }.into_any(),
                                                        Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                                                    }
                                                })
                                            }
                                        }
                                    </Transition>
                                })}
                                <section class="panel" data-testid="targets-panel">
                                    <h2>{tr(Key::Targets)}</h2>
                                    <div class="inline-fields">
                                        <label for="targets-filter">{tr(Key::Filter)}</label>
                                        <select id="targets-filter" data-testid="targets-filter"
                                            on:change=move |ev| { filter.set(event_target_value(&ev)); shown_page.set(1); }
                                            prop:value=move || filter.get()>
                                            <option value="">{tr(Key::AllUnits)}</option>
                                            {unit_names.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <Pager total page=shown_page noun=Key::CountTargets testid="targets-pager"/>
                                    {move || {
                                        let f = filter.get();
                                        // Only the page's rows are cloned and drawn.
                                        let list: Vec<TargetRow> = all_targets.with_value(|ts| {
                                            let matching: Vec<&TargetRow> = ts.iter().filter(|t| shown(t, &f)).collect();
                                            page_of(matching.len(), shown_page.get()).slice(&matching).iter().map(|t| (*t).clone()).collect()
                                        });
                                        if list.is_empty() {
                                            view! { <Empty key=Key::NoTargets/> }.into_any()
                                        } else {
                                            view! { <TargetsTable list can_manage splitting assigning/> }.into_any()
                                        }
                                    }}
                                </section>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
            {move || splitting.get().map(|t| view! {
                <SplitDialog target=t on_close=Callback::new(move |changed: bool| {
                    splitting.set(None);
                    if changed { reload.update(|n| *n += 1) }
                })/>
            })}
            {move || assigning.get().map(|t| view! {
                <AssignDialog target=t on_close=Callback::new(move |changed: bool| {
                    assigning.set(None);
                    if changed { reload.update(|n| *n += 1) }
                })/>
            })}
        </section>
    }
}
