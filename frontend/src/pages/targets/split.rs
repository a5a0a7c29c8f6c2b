//! The dialog that splits a target into a roadmap (LINEAR / SEASONAL / MANUAL, monthly or
//! quarterly), with a preview that is not saved; replacing an existing roadmap is confirmed
//! with a second press.

use crate::api::ops::decision_page::{Target as TargetRow, TargetMilestones as MilestoneRow};
use crate::api::ops::{PreviewSplit, SplitTarget, preview_split, split_target};
use crate::api::{ApiError, gql};
use crate::components::{EnumSelect, Flash, FlashView, Submit};
use crate::format::{format_number, format_value, milestone_chips, parse_decimal};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{Grain, IndicatorKind, SplitMethod};

const METHODS: [SplitMethod; 3] = [
    SplitMethod::Linear,
    SplitMethod::Seasonal,
    SplitMethod::Manual,
];
const GRAINS: [Grain; 2] = [Grain::Quarter, Grain::Month];

/// Splits a target into milestones, with a preview.
#[component]
pub(super) fn SplitDialog(target: TargetRow, on_close: Callback<bool>) -> impl IntoView {
    let s = use_session();
    let method = RwSignal::new(SplitMethod::Linear);
    let grain = RwSignal::new(Grain::Quarter);
    let is_rate = target.indicator.kind == IndicatorKind::Rate;
    let annual = target.value;
    let current = RwSignal::new(target.clone());
    let changed = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
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
                    .find(|m| m.grain == g && m.index == i64::from(k))
                    .map(|m| m.value)
                    .unwrap_or(annual * f64::from(k) / f64::from(n));
                RwSignal::new(format_number(v, if is_rate { 2 } else { 0 }))
            })
            .collect();
        manual.set(values);
    });
    let target_id = target.id.clone();
    let preview = RwSignal::new(None::<Vec<MilestoneRow>>);
    // The method, grain and manual values of a split or preview; `None` (with a message) when
    // a manual value is not a number.
    let args = move || {
        let m = method.get_untracked();
        let mut values = None;
        if m == SplitMethod::Manual {
            let mut list = Vec::new();
            for v in manual.get_untracked() {
                match parse_decimal(&v.get_untracked()) {
                    Some(x) => list.push(x),
                    None => {
                        flash.set(Some(Flash::Invalid(
                            Key::InvalidNumber.text(s.lang.get_untracked()).to_owned(),
                        )));
                        return None;
                    }
                }
            }
            values = Some(list);
        }
        Some((m, grain.get_untracked(), values))
    };
    let target_id = StoredValue::new(target_id);
    let previewing = Submit::new(flash);
    let previewing_request =
        move |vars: preview_split::Variables| async move { gql::<PreviewSplit>(s, vars).await };
    let previewing_done = move |r: Result<preview_split::ResponseData, ApiError>| match r {
        Ok(d) => {
            preview.set(Some(d.preview_split));
            None
        }
        Err(e) => {
            preview.set(None);
            Some(Flash::Err(e))
        }
    };
    let splitting = Submit::new(flash);
    let splitting_request =
        move |vars: split_target::Variables| async move { gql::<SplitTarget>(s, vars).await };
    let splitting_done = move |d: split_target::ResponseData| {
        current.set(d.split_target);
        changed.set(true);
        Some(Key::SplitDone)
    };
    let busy = move || previewing.pending().get() || splitting.pending().get();
    let on_preview = move |_| {
        let Some((method, grain, values)) = args() else {
            return;
        };
        previewing.run_with(
            previewing_request(preview_split::Variables {
                target_id: target_id.get_value(),
                method,
                grain,
                values,
            }),
            previewing_done,
        );
    };
    // Replacing milestones cannot be undone: the first press asks, the second splits.
    let replacing = RwSignal::new(false);
    Effect::new(move |_| {
        method.track();
        grain.track();
        replacing.set(false);
    });
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let has_roadmap = current.with_untracked(|t| !t.milestones.is_empty());
        if has_roadmap && !replacing.get_untracked() {
            replacing.set(true);
            if let Some(b) = confirm_button.get_untracked() {
                let _ = b.focus();
            }
            return;
        }
        replacing.set(false);
        let Some((method, grain, values)) = args() else {
            return;
        };
        preview.set(None);
        splitting.run(
            splitting_request(split_target::Variables {
                target_id: target_id.get_value(),
                method,
                grain,
                values,
            }),
            splitting_done,
        );
    };
    // Move the keyboard focus into the dialog when it opens.
    let first = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });
    let unit_name = target.unit.name.clone();
    let ind_name = (
        target.indicator.name.clone(),
        target.indicator.name_en.clone(),
    );
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(changed.get_untracked())
            on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(changed.get_untracked()) }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="split-title" data-testid="split-dialog"
                on:click=|ev| ev.stop_propagation()>
                <h2 id="split-title">{move || fill(s.t(Key::SplitTitle), &[&unit_name, &crate::names::shown(s.lang.get(), &ind_name.0, ind_name.1.as_deref())])}</h2>
                <p>{tr(Key::Target)}": "<strong>{format_value(Some(annual), is_rate)}</strong></p>
                <form class="form" on:submit=submit novalidate>
                    <div class="inline-fields">
                        <EnumSelect id="split-method" label=Key::Method value=method options=&METHODS node_ref=first/>
                        <EnumSelect id="split-grain" label=Key::Grain value=grain options=&GRAINS/>
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
                    <Show when=move || replacing.get()>
                        <p class="warning-box" role="alert" data-testid="split-replace-warning">
                            <span aria-hidden="true">"⚠ "</span>{tr(Key::SplitReplaces)}
                        </p>
                    </Show>
                    {move || preview.get().map(|ms| {
                        let chips = milestone_chips(ms.iter().map(|m| (m.grain, m.index, m.value)), is_rate);
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
                            let chips = current.with(|t| milestone_chips(t.milestones.iter().map(|m| (m.grain, m.index, m.value)), is_rate));
                            if chips.is_empty() {
                                view! { <p class="muted">{tr(Key::NoMilestones)}</p> }.into_any()
                            } else {
                                view! { <p class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</p> }.into_any()
                            }
                        }}
                    </div>
                    <div class="actions">
                        <button type="button" class="btn" data-testid="split-preview-button" disabled=busy on:click=on_preview>{tr(Key::Preview)}</button>
                        <button type="submit" class="btn btn-primary" data-testid="split-submit" disabled=busy node_ref=confirm_button>
                            {move || s.t(if replacing.get() { Key::SplitConfirmReplace } else { Key::Split })}
                        </button>
                        <button type="button" class="btn" data-testid="split-close" on:click=move |_| on_close.run(changed.get_untracked())>{tr(Key::Close)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
