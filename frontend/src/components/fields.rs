//! Form fields: a labelled text input, a checkbox, a select over an enum's values, over the
//! years, over units or over any list of choices. Each renders `<label>` + control with the
//! same `id` and `data-testid`.

use crate::api::ops::units::UnitRow;
use crate::i18n::{self, Key};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use std::str::FromStr;

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    /// The input's `id` and `data-testid`.
    id: &'static str,
    /// The label.
    label: Key,
    /// The text.
    value: RwSignal<String>,
    /// Adds "(tùy chọn)" to the label; otherwise the input is `required`.
    #[prop(optional)]
    optional: bool,
    /// A hint inside the empty input, e.g. `dd/mm/yyyy`.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// `inputmode="decimal"`: a number with a decimal comma.
    #[prop(optional)]
    decimal: bool,
) -> impl IntoView {
    view! {
        <label for=id>{label_text(label, optional)}</label>
        <input id=id data-testid=id placeholder=placeholder inputmode=decimal.then_some("decimal")
            required=!optional bind:value=value/>
    }
}

/// The text of a field's label: "(tùy chọn)" after it for an optional field.
fn label_text(label: Key, optional: bool) -> impl Fn() -> String + Send + Sync + 'static {
    let s = use_session();
    move || {
        if optional {
            format!("{} {}", s.t(label), s.t(Key::Optional))
        } else {
            s.t(label).to_owned()
        }
    }
}

/// A checkbox with its label after it (`<div class="check">`).
#[component]
pub fn CheckField(id: &'static str, label: Key, checked: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="check"><input id=id data-testid=id type="checkbox" bind:checked=checked/><label for=id>{tr(label)}</label></div>
    }
}

/// A labelled select over `choices` (value, text), bound to `selected` by value; `none` adds
/// a first choice with the empty value.
#[component]
pub fn ChoiceSelect(
    #[prop(into)] id: String,
    label: Key,
    selected: RwSignal<String>,
    choices: Vec<(String, String)>,
    #[prop(optional)] none: Option<Key>,
    /// Adds "(tùy chọn)" to the label.
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{label_text(label, optional)}</label>
        <select id=id.clone() data-testid=id
            on:change=move |ev| selected.set(event_target_value(&ev))
            prop:value=move || selected.get()>
            {none.map(|k| view! { <option value="" selected=move || selected.get().is_empty()>{tr(k)}</option> })}
            {choices.into_iter().map(|(value, text)| {
                let v = value.clone();
                view! { <option value=value selected=move || selected.with(|s| *s == v)>{text}</option> }
            }).collect_view()}
        </select>
    }
}

/// The code and translated name of an enum's value, for [`EnumSelect`].
pub trait Choice: Copy + PartialEq + FromStr + Send + Sync + 'static {
    /// The value as the API writes it (`COMMUNE`).
    fn code(self) -> &'static str;
    /// Its name in the UI.
    fn key(self) -> Key;
}

/// A labelled select over some values of an enum, bound to `value`.
#[component]
pub fn EnumSelect<T: Choice>(
    /// The select's `id` and `data-testid`.
    id: &'static str,
    label: Key,
    value: RwSignal<T>,
    /// The values offered, in order.
    options: &'static [T],
    /// For focusing the select when a dialog opens.
    #[prop(optional)]
    node_ref: Option<NodeRef<leptos::html::Select>>,
) -> impl IntoView {
    let set = Callback::new(move |code: String| {
        if let Ok(v) = code.parse::<T>() {
            value.set(v)
        }
    });
    code_select(
        id,
        label,
        codes(options),
        Signal::derive(move || value.get().code()),
        set,
        node_ref,
    )
}

/// A labelled select over some values of an enum showing `value`; a choice goes to
/// `on_change` (for a choice that changes more than the value).
#[component]
pub fn EnumChoice<T: Choice>(
    id: &'static str,
    label: Key,
    value: Signal<T>,
    on_change: Callback<T>,
    options: &'static [T],
) -> impl IntoView {
    let set = Callback::new(move |code: String| {
        if let Ok(v) = code.parse::<T>() {
            on_change.run(v)
        }
    });
    code_select(
        id,
        label,
        codes(options),
        Signal::derive(move || value.get().code()),
        set,
        None,
    )
}

/// The code and name of each of `options`.
fn codes<T: Choice>(options: &[T]) -> Vec<(&'static str, Key)> {
    options.iter().map(|o| (o.code(), o.key())).collect()
}

/// The label and select of [`EnumChoice`], the same code for every enum.
fn code_select(
    id: &'static str,
    label: Key,
    choices: Vec<(&'static str, Key)>,
    current: Signal<&'static str>,
    set: Callback<String>,
    node_ref: Option<NodeRef<leptos::html::Select>>,
) -> AnyView {
    let node_ref = node_ref.unwrap_or_default();
    view! {
        <label for=id>{tr(label)}</label>
        <select id=id data-testid=id node_ref=node_ref
            on:change=move |ev| set.run(event_target_value(&ev))
            prop:value=move || current.get()>
            {choices.into_iter().map(|(code, key)| view! {
                <option value=code selected=move || current.get() == code>{tr(key)}</option>
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// Years offered by the pickers: 2020 to next year.
pub fn year_options() -> Vec<i32> {
    let (y, _) = crate::components::today();
    (2020..=y + 1).rev().collect()
}

/// A labelled select of a number (a year, a month, a quarter) from `options`, showing `value`;
/// a choice goes to `on_change`. `label` may change (a month or a quarter).
#[component]
pub fn NumberSelect(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<i64>,
    on_change: Callback<i64>,
    #[prop(into)] options: Signal<Vec<i64>>,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{move || label.get()}</label>
        <select id=id.clone() data-testid=id
            on:change=move |ev| if let Ok(v) = event_target_value(&ev).parse() { on_change.run(v) }
            prop:value=move || value.get().to_string()>
            {move || options.get().into_iter().map(|n| view! {
                <option value=n.to_string() selected=move || value.get() == n>{n}</option>
            }).collect_view()}
        </select>
    }
}

/// The years offered by the pickers, as [`NumberSelect`] options.
pub fn year_choices() -> Vec<i64> {
    year_options().into_iter().map(i64::from).collect()
}

/// A labelled year select (2020 to next year) bound to `value`.
#[component]
pub fn YearSelect(#[prop(into)] id: String, value: RwSignal<i32>) -> impl IntoView {
    let s = use_session();
    view! {
        <NumberSelect id label=Signal::derive(move || s.t(Key::Year).to_owned())
            value=Signal::derive(move || i64::from(value.get()))
            on_change=Callback::new(move |y: i64| if let Ok(y) = i32::try_from(y) { value.set(y) })
            options=year_choices()/>
    }
}

/// A labelled unit selector over a list of units (`name (code)`).
#[component]
pub fn UnitSelect(
    units: Vec<UnitRow>,
    selected: RwSignal<String>,
    #[prop(into)] id: String,
    label: Key,
    #[prop(optional)] none_option: Option<Key>,
) -> impl IntoView {
    let choices = units
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.name, u.code)))
        .collect();
    match none_option {
        Some(none) => view! { <ChoiceSelect id label selected choices none/> }.into_any(),
        None => view! { <ChoiceSelect id label selected choices/> }.into_any(),
    }
}

/// Sorts units for selectors: by kind, then name.
pub fn sort_units(units: &mut [UnitRow]) {
    units.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| crate::names::compare(&a.name, &b.name))
    });
}

macro_rules! choices {
    ($($t:ty => $key:path),* $(,)?) => {
        $(impl Choice for $t {
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn key(self) -> Key {
                $key(self)
            }
        })*
    };
}

choices!(
    shared::UnitKind => i18n::unit_kind,
    shared::Role => i18n::role,
    shared::ScoringRule => i18n::scoring_rule,
    shared::NoDataRule => crate::explain::no_data_key,
    shared::ViolationKind => i18n::violation_kind,
    shared::Handling => i18n::handling,
    shared::SplitMethod => i18n::split_method,
    shared::Grain => i18n::grain,
    shared::PeriodKind => i18n::period_kind,
    shared::ReorgKind => i18n::reorg_kind,
);
