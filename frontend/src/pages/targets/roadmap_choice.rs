//! The question asked before changing the value or baseline of a target that has a roadmap:
//! keep the milestones as they are, rescale them to the new value, or clear them.

use crate::api::ops::decision_page::Target as TargetRow;
use crate::components::ConfirmDialog;
use crate::format::{format_value, milestone_chips};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, RoadmapOnEdit};

/// The choices, in the order shown, with their label and hint.
const CHOICES: [(RoadmapOnEdit, Key, Key, &str); 3] = [
    (
        RoadmapOnEdit::Rescale,
        Key::RoadmapRescale,
        Key::RoadmapRescaleHint,
        "rescale",
    ),
    (
        RoadmapOnEdit::Keep,
        Key::RoadmapKeep,
        Key::RoadmapKeepHint,
        "keep",
    ),
    (
        RoadmapOnEdit::Clear,
        Key::RoadmapClear,
        Key::RoadmapClearHint,
        "clear",
    ),
];

/// Whether saving `value` and `baseline` over `t` asks what becomes of its roadmap.
pub(super) fn asks(t: &TargetRow, value: f64, baseline: Option<f64>) -> bool {
    !t.milestones.is_empty() && (t.value != value || t.baseline != baseline)
}

/// The dialog: the change, the current roadmap, and the three choices.
#[component]
pub(super) fn RoadmapChoiceDialog(
    target: TargetRow,
    new_value: f64,
    on_choose: Callback<RoadmapOnEdit>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let is_rate = target.indicator.kind == IndicatorKind::Rate;
    let chips = milestone_chips(
        target
            .milestones
            .iter()
            .map(|m| (m.grain, m.index, m.value)),
        is_rate,
    )
    .join(", ");
    let (old, new) = (
        format_value(Some(target.value), is_rate),
        format_value(Some(new_value), is_rate),
    );
    let chosen = RwSignal::new(None::<RoadmapOnEdit>);
    let title = Signal::derive(move || s.t(Key::RoadmapChoiceTitle).to_owned());
    view! {
        <ConfirmDialog title testid="roadmap-choice" on_cancel>
            <p data-testid="roadmap-choice-explain">{move || fill(s.t(Key::RoadmapChoiceExplain), &[&old, &new, &chips])}</p>
            <fieldset class="choices">
                <legend class="sr-only">{tr(Key::Milestones)}</legend>
                {CHOICES.into_iter().enumerate().map(|(i, (choice, label, hint, name))| {
                    let id = format!("roadmap-{name}");
                    view! {
                        <div class="choice">
                            <input type="radio" name="roadmap-choice" id=id.clone() data-testid=id.clone()
                                data-autofocus=(i == 0).then_some("")
                                prop:checked=move || chosen.get() == Some(choice)
                                on:change=move |_| chosen.set(Some(choice))/>
                            <label for=id>
                                <strong>{tr(label)}</strong>
                                <span class="muted hint">{tr(hint)}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="roadmap-choice-save"
                    disabled=move || chosen.get().is_none()
                    on:click=move |_| if let Some(c) = chosen.get_untracked() { on_choose.run(c) }>{tr(Key::RoadmapChoose)}</button>
                <button type="button" class="btn" data-testid="roadmap-choice-cancel"
                    on:click=move |_| on_cancel.run(())>{tr(Key::Cancel)}</button>
            </div>
        </ConfirmDialog>
    }
}
