//! Giao chỉ tiêu: the decisions, one decision's targets (filtered by unit, a page at a
//! time), setting a target and splitting it into a roadmap (LINEAR / SEASONAL / MANUAL,
//! monthly or quarterly), and assigning personal targets to the unit's staff.

use crate::api::gql;
use crate::api::queries::{
    ASSIGN_STAFF_TARGET, CREATE_DECISION, CreateDecisionData, DECISION_PAGE, DECISIONS,
    DecisionPageData, DecisionRow, DecisionsData, IndicatorRow, MilestoneRow, PREVIEW_SPLIT,
    PreviewSplitData, SET_TARGET, SPLIT_TARGET, STAFF, StaffData, StaffTargetRow,
    TargetMutationData, TargetRow, UnitRow,
};
use crate::components::{
    Empty, ErrorBox, Flash, FlashView, Loading, Pager, UnitSelect, page_of, today, year_options,
};
use crate::download::DownloadButtons;
use crate::format::{format_date, format_number, format_value, parse_date, parse_decimal};
use crate::i18n::{self, Key, fill};
use crate::pages::report::load_units;
use crate::pages::unit::{cascade_gap_view, milestone_chips};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::json;
use shared::{Grain, IndicatorKind, SplitMethod};

/// `/targets`: the decisions.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let s = use_session();
    let is_admin = s.me_untracked().is_some_and(|m| m.is_admin());
    let decisions = LocalResource::new(move || async move {
        gql::<DecisionsData>(s, DECISIONS, json!({}))
            .await
            .map(|d| d.decisions)
    });
    view! {
        <section class="page" data-testid="decisions-page">
            <header class="page-head"><h1>{tr(Key::TargetsTitle)}</h1></header>
            <section class="panel">
                <h2>{tr(Key::Decisions)}</h2>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match decisions.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| decisions.refetch())/> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <Empty key=Key::NoDecisions/> }.into_any(),
                            Ok(list) => view! { <DecisionTable list/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            {is_admin.then(|| view! { <NewDecisionForm on_created=Callback::new(move |_| decisions.refetch())/> })}
        </section>
    }
}

#[component]
fn DecisionTable(list: Vec<DecisionRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="decisions-table">
                <thead><tr>
                    <th scope="col">{tr(Key::Number)}</th>
                    <th scope="col">{tr(Key::Title)}</th>
                    <th scope="col">{tr(Key::IssuedOn)}</th>
                    <th scope="col" class="num">{tr(Key::Year)}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|d| view! {
                        <tr data-testid=format!("decision-row-{}", d.id)>
                            <td><A href=format!("/targets/{}", d.id) attr:data-testid="decision-link">{d.number.clone()}</A></td>
                            <td>{d.title.clone()}</td>
                            <td>{format_date(&d.issued_on)}</td>
                            <td class="num">{d.year}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewDecisionForm(on_created: Callback<()>) -> impl IntoView {
    let s = use_session();
    let number = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let issued = RwSignal::new(String::new());
    let year = RwSignal::new(today().0.to_string());
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let Some(date) = parse_date(&issued.get_untracked()) else {
            flash.set(Some(Flash::Invalid(Key::InvalidDate.text(lang).to_owned())));
            return;
        };
        let (n, t) = (number.get_untracked(), title.get_untracked());
        if n.trim().is_empty() || t.trim().is_empty() {
            flash.set(Some(Flash::Invalid(Key::Required.text(lang).to_owned())));
            return;
        }
        let y: i32 = year.get_untracked().parse().unwrap_or(0);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = gql::<CreateDecisionData>(
                s,
                CREATE_DECISION,
                json!({ "input": { "number": n.trim(), "title": t.trim(), "issuedOn": date, "year": y } }),
            )
            .await;
            busy.set(false);
            match r {
                Ok(_) => {
                    number.set(String::new());
                    title.set(String::new());
                    issued.set(String::new());
                    flash.set(Some(Flash::Ok(Key::DecisionCreated)));
                    on_created.run(());
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="panel" data-testid="new-decision-form" on:submit=submit novalidate>
            <h2>{tr(Key::NewDecision)}</h2>
            <div class="form-grid">
                <div><label for="decision-number">{tr(Key::Number)}</label>
                    <input id="decision-number" data-testid="decision-number" required bind:value=number/></div>
                <div><label for="decision-issued">{tr(Key::IssuedOn)}</label>
                    <input id="decision-issued" data-testid="decision-issued" placeholder="dd/mm/yyyy" required bind:value=issued/></div>
                <div><label for="decision-year">{tr(Key::Year)}</label>
                    <select id="decision-year" data-testid="decision-year" on:change=move |ev| year.set(event_target_value(&ev)) prop:value=move || year.get()>
                        {year_options().into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y.to_string()>{y}</option> }).collect_view()}
                    </select></div>
            </div>
            <label for="decision-title">{tr(Key::Title)}</label>
            <textarea id="decision-title" data-testid="decision-title" required bind:value=title></textarea>
            <FlashView flash testid="new-decision-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="decision-create" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

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
            let decisions = gql::<DecisionsData>(s, DECISIONS, json!({}))
                .await?
                .decisions;
            let Some(decision) = decisions.into_iter().find(|d| d.id == id) else {
                return Ok(None);
            };
            let page = gql::<DecisionPageData>(
                s,
                DECISION_PAGE,
                json!({ "year": decision.year, "decisionId": id }),
            )
            .await?;
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
                                .filter_map(|t| t.unit.as_ref().map(|u| (u.id.clone(), u.name.clone())))
                                .collect();
                            unit_names.sort_by(|a, b| a.1.cmp(&b.1));
                            unit_names.dedup();
                            let all_targets = StoredValue::new(targets);
                            let shown = move |t: &TargetRow, unit: &str| unit.is_empty() || t.unit.as_ref().is_some_and(|u| u.id == unit);
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

#[component]
fn TargetsTable(
    list: Vec<TargetRow>,
    can_manage: bool,
    splitting: RwSignal<Option<TargetRow>>,
    assigning: RwSignal<Option<TargetRow>>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="targets-table">
                <thead><tr>
                    <th scope="col">{tr(Key::Unit)}</th>
                    <th scope="col">{tr(Key::Indicator)}</th>
                    <th scope="col" class="num">{tr(Key::Target)}</th>
                    <th scope="col" class="num">{tr(Key::Baseline)}</th>
                    <th scope="col">{tr(Key::Milestones)}</th>
                    <th scope="col" class="num">{tr(Key::CascadeGap)}</th>
                    <th scope="col">{tr(Key::Responsible)}</th>
                    <th scope="col">{tr(Key::StaffTargets)}</th>
                    {can_manage.then(|| view! { <th scope="col"></th> })}
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|t| {
                        let is_rate = t.indicator.kind == IndicatorKind::Rate;
                        let chips = milestone_chips(&t);
                        let unit = t.unit.clone();
                        let t2 = t.clone();
                        let t3 = t.clone();
                        let staff_targets = t.staff_targets.clone();
                        view! {
                            <tr data-testid=format!("target-{}", t.id)>
                                <td>{unit.map(|u| view! { <A href=format!("/units/{}", u.id)>{u.name}</A> })}</td>
                                <td>{t.indicator.name.clone()}</td>
                                <td class="num" data-testid="target-value">{format_value(Some(t.value), is_rate)}</td>
                                <td class="num">{format_value(t.baseline, is_rate)}</td>
                                <td data-testid="target-milestones">{if chips.is_empty() {
                                    view! { <span class="muted">{tr(Key::NoMilestones)}</span> }.into_any()
                                } else {
                                    view! { <span class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</span> }.into_any()
                                }}</td>
                                <td class="num">{cascade_gap_view(t.cascade_gap, is_rate)}</td>
                                <td data-testid="target-responsible-name">{t.responsible.clone().map(|r| r.full_name).unwrap_or_else(|| "–".to_owned())}</td>
                                <td data-testid="target-staff-targets">{staff_targets_view(staff_targets, is_rate)}</td>
                                {can_manage.then(|| view! {
                                    <td class="row-actions">
                                        <button type="button" class="btn btn-small" data-testid="split-open"
                                            on:click=move |_| splitting.set(Some(t2.clone()))>{tr(Key::Split)}</button>
                                        <button type="button" class="btn btn-small" data-testid="assign-open"
                                            on:click=move |_| assigning.set(Some(t3.clone()))>{tr(Key::AssignStaff)}</button>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn SetTargetForm(
    decision_id: String,
    flash: RwSignal<Option<Flash>>,
    flash_gen: RwSignal<u32>,
    generation: u32,
    unit: RwSignal<String>,
    indicator: RwSignal<String>,
    units: Vec<UnitRow>,
    indicators: Vec<IndicatorRow>,
    targets: Vec<TargetRow>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    if unit.get_untracked().is_empty() {
        unit.set(units.first().map(|u| u.id.clone()).unwrap_or_default());
    }
    let indicators: Vec<IndicatorRow> = indicators.into_iter().filter(|i| i.active).collect();
    if indicator.get_untracked().is_empty() {
        indicator.set(
            indicators
                .first()
                .map(|i| i.code.clone())
                .unwrap_or_default(),
        );
    }
    let value = RwSignal::new(String::new());
    let baseline = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let targets = StoredValue::new(targets);
    let staff = LocalResource::new(move || {
        let u = unit.get();
        async move {
            gql::<StaffData>(s, STAFF, json!({ "unitId": u }))
                .await
                .map(|d| d.staff)
        }
    });
    let existing = Memo::new(move |_| {
        let (u, i) = (unit.get(), indicator.get());
        targets.with_value(|ts| {
            ts.iter()
                .find(|t| t.unit.as_ref().is_some_and(|x| x.id == u) && t.indicator.code == i)
                .cloned()
        })
    });
    // Editing an existing target: show its values.
    Effect::new(move |_| {
        if let Some(t) = existing.get() {
            value.set(
                format_number(t.value, 2)
                    .trim_end_matches("0")
                    .trim_end_matches(',')
                    .to_owned(),
            );
            baseline.set(t.baseline.map(|b| format_number(b, 2)).unwrap_or_default());
            responsible.set(t.responsible.map(|r| r.id).unwrap_or_default());
        } else {
            responsible.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let Some(v) = parse_decimal(&value.get_untracked()) else {
            flash_gen.set(generation);
            flash.set(Some(Flash::Invalid(
                Key::InvalidNumber.text(lang).to_owned(),
            )));
            return;
        };
        let b = baseline.get_untracked();
        let b = if b.trim().is_empty() {
            None
        } else if let Some(b) = parse_decimal(&b) {
            Some(b)
        } else {
            flash_gen.set(generation);
            flash.set(Some(Flash::Invalid(
                Key::InvalidNumber.text(lang).to_owned(),
            )));
            return;
        };
        let mut input = json!({
            "decisionId": decision_id,
            "unitId": unit.get_untracked(),
            "indicatorCode": indicator.get_untracked(),
            "value": v,
            "baseline": b,
        });
        let r = responsible.get_untracked();
        if !r.is_empty() {
            input["responsibleStaffId"] = json!(r);
        }
        if let Some(t) = existing.get_untracked() {
            input["expectedVersion"] = json!(t.version);
        }
        busy.set(true);
        flash.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<TargetMutationData>(s, SET_TARGET, json!({ "input": input })).await;
            busy.set(false);
            match r {
                Ok(_) => {
                    flash_gen.set(generation + 1);
                    flash.set(Some(Flash::Ok(Key::TargetSaved)));
                    on_saved.run(());
                }
                Err(e) => {
                    flash_gen.set(generation);
                    flash.set(Some(Flash::Err(e)))
                }
            }
        });
    };
    view! {
        <form class="panel" data-testid="set-target-form" on:submit=submit novalidate>
            <h2>{tr(Key::SetTarget)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="target-unit" label=Key::Unit/></div>
                <div>
                    <label for="target-indicator">{tr(Key::Indicator)}</label>
                    <select id="target-indicator" data-testid="target-indicator" on:change=move |ev| indicator.set(event_target_value(&ev)) prop:value=move || indicator.get()>
                        {indicators.into_iter().map(|i| {
                            let code = i.code.clone();
                            view! { <option value=i.code.clone() selected=move || indicator.get() == code>{i.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div><label for="target-value-input">{tr(Key::TargetValue)}</label>
                    <input id="target-value-input" data-testid="target-value-input" inputmode="decimal" required bind:value=value/></div>
                <div><label for="target-baseline">{move || format!("{} {}", s.t(Key::Baseline), s.t(Key::Optional))}</label>
                    <input id="target-baseline" data-testid="target-baseline" inputmode="decimal" bind:value=baseline/></div>
                <div>
                    <label for="target-responsible">{move || format!("{} {}", s.t(Key::Responsible), s.t(Key::Optional))}</label>
                    <Transition fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            let list = staff.await.unwrap_or_default();
                            view! {
                                <select id="target-responsible" data-testid="target-responsible"
                                    on:change=move |ev| responsible.set(event_target_value(&ev)) prop:value=move || responsible.get()>
                                    <option value="">{tr(Key::NoStaffOption)}</option>
                                    {list.into_iter().map(|p| {
                                        let id = p.id.clone();
                                        view! { <option value=p.id.clone() selected=move || responsible.get() == id>{format!("{} — {}", p.full_name, p.position)}</option> }
                                    }).collect_view()}
                                </select>
                            }
                        })}
                    </Transition>
                </div>
            </div>
            <p class="muted" data-testid="target-existing">{move || existing.get().map(|t| format!("{} {}", s.t(Key::Version), t.version))}</p>
            {move || (flash_gen.get() <= generation).then(|| view! { <FlashView flash testid="set-target-result"/> })}
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="set-target-submit" disabled=move || busy.get()>{tr(Key::Save)}</button></div>
        </form>
    }
}

#[component]
fn SplitDialog(target: TargetRow, on_close: Callback<bool>) -> impl IntoView {
    let s = use_session();
    let method = RwSignal::new(SplitMethod::Linear);
    let grain = RwSignal::new(Grain::Quarter);
    let is_rate = target.indicator.kind == IndicatorKind::Rate;
    let annual = target.value;
    let current = RwSignal::new(target.clone());
    let changed = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    // Manual values: one text per period, pre-filled from the milestones of that grain, or a
    // linear guess.
    let manual = RwSignal::new(Vec::<RwSignal<String>>::new());
    Effect::new(move |_| {
        let g = grain.get();
        let n = g.periods();
        let t = current.get();
        let values = (1..=n)
            .map(|k| {
                let v = t
                    .milestones
                    .iter()
                    .find(|m| m.grain == g && m.index == k)
                    .map(|m| m.value)
                    .unwrap_or(annual * f64::from(k) / f64::from(n));
                RwSignal::new(format_number(v, if is_rate { 2 } else { 0 }))
            })
            .collect();
        manual.set(values);
    });
    let target_id = target.id.clone();
    let preview = RwSignal::new(None::<Vec<MilestoneRow>>);
    // The variables of a split or preview; `None` (with a message) when a manual value is
    // not a number.
    let variables = move || {
        let m = method.get_untracked();
        let mut vars = json!({ "targetId": target_id, "method": m.as_str(), "grain": grain.get_untracked().as_str() });
        if m == SplitMethod::Manual {
            let mut values = Vec::new();
            for v in manual.get_untracked() {
                match parse_decimal(&v.get_untracked()) {
                    Some(x) => values.push(x),
                    None => {
                        flash.set(Some(Flash::Invalid(
                            Key::InvalidNumber.text(s.lang.get_untracked()).to_owned(),
                        )));
                        return None;
                    }
                }
            }
            vars["values"] = json!(values);
        }
        Some(vars)
    };
    let variables = StoredValue::new(variables);
    let on_preview = move |_| {
        let Some(vars) = variables.with_value(|f| f()) else {
            return;
        };
        busy.set(true);
        flash.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<PreviewSplitData>(s, PREVIEW_SPLIT, vars).await;
            busy.set(false);
            match r {
                Ok(d) => preview.set(Some(d.preview_split)),
                Err(e) => {
                    preview.set(None);
                    flash.set(Some(Flash::Err(e)));
                }
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(vars) = variables.with_value(|f| f()) else {
            return;
        };
        preview.set(None);
        busy.set(true);
        flash.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<TargetMutationData>(s, SPLIT_TARGET, vars).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    current.set(d.target);
                    changed.set(true);
                    flash.set(Some(Flash::Ok(Key::SplitDone)));
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    // Move the keyboard focus into the dialog when it opens.
    let first = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });
    let unit_name = target
        .unit
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let ind_name = target.indicator.name.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(changed.get_untracked())
            on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(changed.get_untracked()) }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="split-title" data-testid="split-dialog"
                on:click=|ev| ev.stop_propagation()>
                <h2 id="split-title">{move || fill(s.t(Key::SplitTitle), &[&unit_name, &ind_name])}</h2>
                <p>{tr(Key::Target)}": "<strong>{format_value(Some(annual), is_rate)}</strong></p>
                <form class="form" on:submit=submit novalidate>
                    <div class="inline-fields">
                        <label for="split-method">{tr(Key::Method)}</label>
                        <select id="split-method" data-testid="split-method" node_ref=first
                            on:change=move |ev| if let Ok(m) = event_target_value(&ev).parse() { method.set(m) }
                            prop:value=move || method.get().as_str()>
                            {[SplitMethod::Linear, SplitMethod::Seasonal, SplitMethod::Manual].into_iter().map(|m| view! {
                                <option value=m.as_str() selected=move || method.get() == m>{tr(i18n::split_method(m))}</option>
                            }).collect_view()}
                        </select>
                        <label for="split-grain">{tr(Key::Grain)}</label>
                        <select id="split-grain" data-testid="split-grain"
                            on:change=move |ev| if let Ok(g) = event_target_value(&ev).parse() { grain.set(g) }
                            prop:value=move || grain.get().as_str()>
                            {[Grain::Quarter, Grain::Month].into_iter().map(|g| view! {
                                <option value=g.as_str() selected=move || grain.get() == g>{tr(i18n::grain(g))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || method.get() == SplitMethod::Manual>
                        <fieldset class="form-grid" data-testid="split-manual">
                            <legend>{tr(Key::ManualValues)}</legend>
                            {move || manual.get().into_iter().enumerate().map(|(i, v)| {
                                let id = format!("split-value-{}", i + 1);
                                let label = if grain.get_untracked() == Grain::Quarter { format!("Q{}", i + 1) } else { format!("T{}", i + 1) };
                                view! { <div><label for=id.clone()>{label}</label><input id=id.clone() data-testid=id.clone() inputmode="decimal" bind:value=v/></div> }
                            }).collect_view()}
                        </fieldset>
                    </Show>
                    <FlashView flash testid="split-result"/>
                    {move || preview.get().map(|ms| {
                        let chips = milestone_chips(&TargetRow { milestones: ms, ..current.get_untracked() });
                        view! {
                            <div data-testid="split-preview" class="panel">
                                <h3>{tr(Key::PreviewTitle)}</h3>
                                <p class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</p>
                            </div>
                        }
                    })}
                    <div data-testid="split-milestones">
                        <h3>{tr(Key::Milestones)}</h3>
                        {move || {
                            let chips = milestone_chips(&current.get());
                            if chips.is_empty() {
                                view! { <p class="muted">{tr(Key::NoMilestones)}</p> }.into_any()
                            } else {
                                view! { <p class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</p> }.into_any()
                            }
                        }}
                    </div>
                    <div class="actions">
                        <button type="button" class="btn" data-testid="split-preview-button" disabled=move || busy.get() on:click=on_preview>{tr(Key::Preview)}</button>
                        <button type="submit" class="btn btn-primary" data-testid="split-submit" disabled=move || busy.get()>{tr(Key::Split)}</button>
                        <button type="button" class="btn" data-testid="split-close" on:click=move |_| on_close.run(changed.get_untracked())>{tr(Key::Close)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// Personal targets as a list `Name: value`, or "none assigned".
fn staff_targets_view(list: Vec<StaffTargetRow>, is_rate: bool) -> AnyView {
    if list.is_empty() {
        return view! { <span class="muted">{tr(Key::NoStaffTargets)}</span> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {list.into_iter().map(|st| view! {
                <li data-testid=format!("staff-target-{}", st.staff.id)>
                    {st.staff.full_name.clone()}": "<strong>{format_value(Some(st.value), is_rate)}</strong>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Assigns a share of a target to one of the unit's staff.
#[component]
fn AssignDialog(target: TargetRow, on_close: Callback<bool>) -> impl IntoView {
    let s = use_session();
    let is_rate = target.indicator.kind == IndicatorKind::Rate;
    let unit_id = target
        .unit
        .as_ref()
        .map(|u| u.id.clone())
        .unwrap_or_default();
    let staff = LocalResource::new(move || {
        let u = unit_id.clone();
        async move {
            gql::<StaffData>(s, STAFF, json!({ "unitId": u }))
                .await
                .map(|d| d.staff)
        }
    });
    let current = RwSignal::new(target.clone());
    let changed = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let staff_id = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let target_id = target.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let sid = staff_id.get_untracked();
        if sid.is_empty() {
            flash.set(Some(Flash::Invalid(format!(
                "{}: {}",
                Key::StaffMember.text(lang),
                Key::Required.text(lang)
            ))));
            return;
        }
        let Some(v) = parse_decimal(&value.get_untracked()) else {
            flash.set(Some(Flash::Invalid(
                Key::InvalidNumber.text(lang).to_owned(),
            )));
            return;
        };
        busy.set(true);
        flash.set(None);
        let vars = json!({ "targetId": target_id, "staffId": sid, "value": v });
        leptos::task::spawn_local(async move {
            let r = gql::<TargetMutationData>(s, ASSIGN_STAFF_TARGET, vars).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    current.set(d.target);
                    changed.set(true);
                    flash.set(Some(Flash::Ok(Key::StaffTargetSaved)));
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    // Pre-fill the value of a staff member who already has one.
    Effect::new(move |_| {
        let sid = staff_id.get();
        let found = current.with_untracked(|t| {
            t.staff_targets
                .iter()
                .find(|x| x.staff.id == sid)
                .map(|x| x.value)
        });
        if let Some(v) = found {
            value.set(format_number(v, if is_rate { 2 } else { 0 }));
        }
    });
    let unit_name = target
        .unit
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let ind_name = target.indicator.name.clone();
    let annual = target.value;
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(changed.get_untracked())
            on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(changed.get_untracked()) }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="assign-title" data-testid="assign-dialog"
                on:click=|ev| ev.stop_propagation()>
                <h2 id="assign-title">{move || fill(s.t(Key::AssignStaffTitle), &[&unit_name, &ind_name])}</h2>
                <p>{tr(Key::Target)}": "<strong>{format_value(Some(annual), is_rate)}</strong></p>
                <form class="form" on:submit=submit novalidate>
                    <div class="form-grid">
                        <div>
                            <label for="assign-staff">{tr(Key::StaffMember)}</label>
                            <Suspense fallback=|| view! { <Loading/> }>
                                {move || Suspend::new(async move {
                                    match staff.await {
                                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| staff.refetch())/> }.into_any(),
                                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoStaff/> }.into_any(),
                                        Ok(list) => view! {
                                            <select id="assign-staff" data-testid="assign-staff"
                                                on:change=move |ev| staff_id.set(event_target_value(&ev)) prop:value=move || staff_id.get()>
                                                <option value="">{tr(Key::ChooseStaff)}</option>
                                                {list.into_iter().map(|p| {
                                                    let id = p.id.clone();
                                                    view! { <option value=p.id.clone() data-testid=format!("assign-staff-{}", p.id)
                                                        selected=move || staff_id.get() == id>{format!("{} — {}", p.full_name, p.position)}</option> }
                                                }).collect_view()}
                                            </select>
                                        }.into_any(),
                                    }
                                })}
                            </Suspense>
                        </div>
                        <div>
                            <label for="assign-value">{tr(Key::StaffTargetValue)}</label>
                            <input id="assign-value" data-testid="assign-value" inputmode="decimal" required bind:value=value/>
                        </div>
                    </div>
                    <FlashView flash testid="assign-result"/>
                    <div data-testid="assign-staff-targets">
                        <h3>{tr(Key::StaffTargets)}</h3>
                        {move || staff_targets_view(current.get().staff_targets, is_rate)}
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="assign-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                        <button type="button" class="btn" data-testid="assign-close" on:click=move |_| on_close.run(changed.get_untracked())>{tr(Key::Close)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
