//! The form that sets (or edits) a unit's target of an indicator in a decision; changing
//! the value or baseline of a target that has a roadmap first asks what becomes of it.

use super::roadmap_choice::{RoadmapChoiceDialog, asks};
use crate::api::ops::decision_page::{DecisionPageIndicators, Target as TargetRow};
use crate::api::ops::set_target::SetTargetInput;
use crate::api::ops::units::UnitRow;
use crate::api::ops::{SetTarget, set_target};
use crate::api::{ApiError, gql};
use crate::components::{ChoiceSelect, Flash, FlashView, Submit, TextField, UnitSelect};
use crate::format::{format_number, parse_decimal};
use crate::i18n::Key;
use crate::pages::StaffSelect;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::RoadmapOnEdit;

#[component]
pub(super) fn SetTargetForm(
    decision_id: String,
    flash: RwSignal<Option<Flash>>,
    flash_gen: RwSignal<u32>,
    generation: u32,
    unit: RwSignal<String>,
    indicator: RwSignal<String>,
    units: Vec<UnitRow>,
    indicators: Vec<DecisionPageIndicators>,
    targets: Vec<TargetRow>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    if unit.get_untracked().is_empty() {
        unit.set(units.first().map(|u| u.id.clone()).unwrap_or_default());
    }
    let indicators: Vec<DecisionPageIndicators> =
        indicators.into_iter().filter(|i| i.active).collect();
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
    let targets = StoredValue::new(targets);
    let existing = Memo::new(move |_| {
        let (u, i) = (unit.get(), indicator.get());
        targets.with_value(|ts| {
            ts.iter()
                .find(|t| t.unit.id == u && t.indicator.code == i)
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
    let send = Submit::new(flash);
    let send_request = move |input: SetTargetInput| async move {
        gql::<SetTarget>(s, set_target::Variables { input }).await
    };
    let send_done = move |r: Result<set_target::ResponseData, ApiError>| match r {
        Ok(_) => {
            flash_gen.set(generation + 1);
            on_saved.run(());
            Some(Flash::Ok(Key::TargetSaved))
        }
        Err(e) => {
            flash_gen.set(generation);
            Some(Flash::Err(e))
        }
    };
    let busy = send.pending();
    // A save waiting for the roadmap choice.
    let asking = RwSignal::new(None::<SetTargetInput>);
    let send_input = move |input: SetTargetInput| send.run_with(send_request(input), send_done);
    let choose = Callback::new(move |choice: RoadmapOnEdit| {
        if let Some(input) = asking.get_untracked() {
            asking.set(None);
            send_input(SetTargetInput {
                roadmap: Some(choice),
                ..input
            });
        }
    });
    let cancel = Callback::new(move |()| asking.set(None));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let invalid = move || {
            flash_gen.set(generation);
            send.invalid(Key::InvalidNumber.text(s.lang.get_untracked()));
        };
        let Some(v) = parse_decimal(&value.get_untracked()) else {
            return invalid();
        };
        let b = baseline.get_untracked();
        let b = if b.trim().is_empty() {
            None
        } else if let Some(b) = parse_decimal(&b) {
            Some(b)
        } else {
            return invalid();
        };
        let r = responsible.get_untracked();
        let before = existing.get_untracked();
        let input = SetTargetInput {
            decision_id: decision_id.clone(),
            unit_id: unit.get_untracked(),
            indicator_code: indicator.get_untracked(),
            value: v,
            baseline: b,
            responsible_staff_id: (!r.is_empty()).then_some(r),
            expected_version: before.as_ref().map(|t| t.version),
            roadmap: None,
        };
        match before {
            Some(t) if asks(&t, v, b) => asking.set(Some(input)),
            _ => send_input(input),
        }
    };
    view! {
        <form class="panel" data-testid="set-target-form" on:submit=submit novalidate>
            <h2>{tr(Key::SetTarget)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="target-unit" label=Key::Unit/></div>
                <div>
                    <ChoiceSelect id="target-indicator" label=Key::Indicator selected=indicator
                        choices=indicators.into_iter().map(|i| (i.code, i.name)).collect()/>
                </div>
                <div><TextField id="target-value-input" label=Key::TargetValue value decimal=true/></div>
                <div><TextField id="target-baseline" label=Key::Baseline value=baseline optional=true decimal=true/></div>
                <div><StaffSelect id="target-responsible" label=Key::Responsible unit selected=responsible optional=true/></div>
            </div>
            <p class="muted" data-testid="target-existing">{move || existing.get().map(|t| format!("{} {}", s.t(Key::Version), t.version))}</p>
            {move || (flash_gen.get() <= generation).then(|| view! { <FlashView flash testid="set-target-result"/> })}
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="set-target-submit" disabled=move || busy.get()>{tr(Key::Save)}</button></div>
        </form>
        {move || {
            let input = asking.get()?;
            let target = existing.get_untracked()?;
            Some(view! { <RoadmapChoiceDialog target new_value=input.value on_choose=choose on_cancel=cancel/> })
        }}
    }
}
