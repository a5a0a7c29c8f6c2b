//! Sắp xếp đơn vị (ADMIN): merge units into an existing or a new one, move, rename or close a
//! unit, each from the first day of a month with its decision number. "Xem trước" asks the
//! server for a dry run and shows what would change; "Xác nhận" does it. Below, the
//! reorganisations done so far.

use super::KINDS;
use crate::api::ops::close_unit::CloseUnitInput;
use crate::api::ops::merge_units::{MergeUnitsInput, NewUnitInput};
use crate::api::ops::move_unit::MoveUnitInput;
use crate::api::ops::rename_unit::RenameUnitInput;
use crate::api::ops::reorganizations::Reorganization;
use crate::api::ops::units::UnitRow;
use crate::api::ops::{
    CloseUnit, MergeUnits, MoveUnit, RenameUnit, ReorgKind, Reorganizations, close_unit,
    merge_units, move_unit, rename_unit, reorganizations,
};
use crate::api::{ApiError, gql};
use crate::components::{
    ChoiceSelect, EnumSelect, ErrorBox, Flash, FlashView, Loading, MonthPicker, Submit, TextField,
    UnitSelect, today,
};
use crate::format::{day_before, first_of_month, format_date, search_key};
use crate::i18n::{self, Key, fill};
use crate::pages::unit::{ReorgRow, ReorgTable};
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::UnitKind;
use std::future::Future;
use std::pin::Pin;

/// The changes the form offers, in order.
const REORG_KINDS: [ReorgKind; 4] = [
    ReorgKind::Merge,
    ReorgKind::Move,
    ReorgKind::Rename,
    ReorgKind::Close,
];

/// Units a search shows at most; more are counted, and narrowed down by typing more.
const MATCHES_SHOWN: usize = 40;

/// A reorganisation on its way to the server.
type Pending = Pin<Box<dyn Future<Output = Result<Reorganization, ApiError>>>>;

/// What a preview shows besides the server's answer: names the answer does not carry.
#[derive(Clone, PartialEq)]
struct Previewed {
    answer: Reorganization,
    /// The result is a new unit (a merge into a new one).
    new_unit: bool,
    /// The new parent (a move).
    parent_name: Option<String>,
    /// The unit's name before the change (a rename).
    old_name: Option<String>,
    /// The new code and kind typed (a rename).
    new_code: Option<String>,
    new_kind: Option<UnitKind>,
}

/// The panel: the form (rebuilt with the unit list) and the past reorganisations. `flash`
/// and `done` outlive the form, so the outcome stays once the lists reload.
#[component]
pub(super) fn ReorgPanel(
    units: Vec<UnitRow>,
    flash: RwSignal<Option<Flash>>,
    done: RwSignal<Option<Reorganization>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let past = LocalResource::new(move || async move {
        gql::<Reorganizations>(s, reorganizations::Variables { year: None })
            .await
            .map(|d| d.reorganizations)
    });
    view! {
        <section class="panel" id="reorg" data-testid="reorg-panel">
            <h2>{tr(Key::ReorgTitle)}</h2>
            <p class="muted">{tr(Key::ReorgIntro)}</p>
            <ReorgForm units flash done on_changed/>
            <h3>{tr(Key::PastReorganizations)}</h3>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match past.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| past.refetch())/> }.into_any(),
                        Ok(list) => view! {
                            <ReorgTable rows=list.into_iter().map(ReorgRow::from).collect() testid="past-reorganizations"/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The first day of next month: the earliest day a reorganisation without later figures
/// can take effect.
fn next_month() -> (i32, u32) {
    let (y, m) = today();
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

#[component]
fn ReorgForm(
    units: Vec<UnitRow>,
    flash: RwSignal<Option<Flash>>,
    done: RwSignal<Option<Reorganization>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let units = StoredValue::new(units);
    let kind = RwSignal::new(ReorgKind::Merge);
    // Merge
    let sources = RwSignal::new(Vec::<String>::new());
    let into_new = RwSignal::new(false);
    let into_id = RwSignal::new(String::new());
    let new_code = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_kind = RwSignal::new(UnitKind::Commune);
    let new_parent = RwSignal::new(String::new());
    // Move, rename, close
    let unit_id = RwSignal::new(String::new());
    let move_parent = RwSignal::new(String::new());
    let rename_code = RwSignal::new(String::new());
    let rename_name = RwSignal::new(String::new());
    let rename_kind = RwSignal::new(String::new());
    // All
    let (y, m) = next_month();
    let year = RwSignal::new(y);
    let month = RwSignal::new(m);
    let decision = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Previewed>);

    // A preview shows what these very choices would do: any change sets it aside.
    Effect::new(move |_| {
        kind.track();
        sources.track();
        into_new.track();
        into_id.track();
        new_code.track();
        new_name.track();
        new_kind.track();
        new_parent.track();
        unit_id.track();
        move_parent.track();
        rename_code.track();
        rename_name.track();
        rename_kind.track();
        year.track();
        month.track();
        decision.track();
        preview.set(None);
    });

    let effective_on = Memo::new(move |_| first_of_month(year.get(), month.get()));
    let name_of =
        move |id: &str| units.with_value(|l| l.iter().find(|u| u.id == id).map(|u| u.name.clone()));

    let send = Submit::new(flash);
    let busy = send.pending();
    // Checks the form, then asks for a dry run (`dry_run`) or does it.
    let go = move |dry_run: bool| {
        let lang = s.lang.get_untracked();
        let invalid = |k: Key| send.invalid(k.text(lang));
        let effective_on = effective_on.get_untracked();
        let decision = decision.get_untracked().trim().to_owned();
        let mut shown = Previewed {
            answer: placeholder(),
            new_unit: false,
            parent_name: None,
            old_name: None,
            new_code: None,
            new_kind: None,
        };
        let work: Pending = match kind.get_untracked() {
            ReorgKind::Merge => {
                let source_ids = sources.get_untracked();
                if source_ids.len() < 2 {
                    return invalid(Key::ChooseTwoUnits);
                }
                let (into_id, into, parent_id) = if into_new.get_untracked() {
                    let (code, name) = (new_code.get_untracked(), new_name.get_untracked());
                    if code.trim().is_empty() || name.trim().is_empty() {
                        return invalid(Key::NewUnitFields);
                    }
                    shown.new_unit = true;
                    let parent = new_parent.get_untracked();
                    let into = NewUnitInput {
                        code: code.trim().to_owned(),
                        name: name.trim().to_owned(),
                        kind: new_kind.get_untracked(),
                    };
                    (None, Some(into), (!parent.is_empty()).then_some(parent))
                } else {
                    let id = into_id.get_untracked();
                    if id.is_empty() {
                        return invalid(Key::ChooseReceivingUnit);
                    }
                    (Some(id), None, None)
                };
                if decision.is_empty() {
                    return invalid(Key::DecisionRequired);
                }
                let input = MergeUnitsInput {
                    source_ids,
                    into_id,
                    into,
                    parent_id,
                    effective_on,
                    decision,
                };
                Box::pin(merge(s, input, dry_run))
            }
            ReorgKind::Move => {
                let (unit, parent) = (unit_id.get_untracked(), move_parent.get_untracked());
                if unit.is_empty() {
                    return invalid(Key::ChooseOneUnit);
                }
                if parent.is_empty() {
                    return invalid(Key::ChooseNewParent);
                }
                if decision.is_empty() {
                    return invalid(Key::DecisionRequired);
                }
                shown.parent_name = name_of(&parent);
                let input = MoveUnitInput {
                    unit_id: unit,
                    parent_id: parent,
                    effective_on,
                    decision,
                };
                Box::pin(relocate(s, input, dry_run))
            }
            ReorgKind::Rename => {
                let unit = unit_id.get_untracked();
                if unit.is_empty() {
                    return invalid(Key::ChooseOneUnit);
                }
                let code =
                    Some(rename_code.get_untracked().trim().to_owned()).filter(|c| !c.is_empty());
                let name =
                    Some(rename_name.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
                let new_kind = rename_kind.get_untracked().parse::<UnitKind>().ok();
                if code.is_none() && name.is_none() && new_kind.is_none() {
                    return invalid(Key::NothingToRename);
                }
                if decision.is_empty() {
                    return invalid(Key::DecisionRequired);
                }
                shown.old_name = name_of(&unit);
                shown.new_code = code.clone();
                shown.new_kind = new_kind;
                let input = RenameUnitInput {
                    unit_id: unit,
                    code,
                    name,
                    kind: new_kind,
                    effective_on,
                    decision,
                };
                Box::pin(rename(s, input, dry_run))
            }
            ReorgKind::Close => {
                let unit = unit_id.get_untracked();
                if unit.is_empty() {
                    return invalid(Key::ChooseOneUnit);
                }
                if decision.is_empty() {
                    return invalid(Key::DecisionRequired);
                }
                let input = CloseUnitInput {
                    unit_id: unit,
                    effective_on,
                    decision,
                };
                Box::pin(close(s, input, dry_run))
            }
        };
        if dry_run {
            done.set(None);
        }
        send.run(work, move |answer| {
            if dry_run {
                shown.answer = answer;
                preview.set(Some(shown));
                None
            } else {
                preview.set(None);
                done.set(Some(answer));
                on_changed.run(());
                Some(Key::ReorgDone)
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go(true);
    };

    view! {
        <form class="subpanel" data-testid="reorg-form" on:submit=submit novalidate>
            <div class="form-grid">
                <div><EnumSelect id="reorg-kind" label=Key::ReorgKindLabel value=kind options=&REORG_KINDS/></div>
            </div>
            {move || match kind.get() {
                ReorgKind::Merge => view! {
                    <SourcePicker units=units.get_value() chosen=sources/>
                    <fieldset class="plain-fieldset" data-testid="reorg-into">
                        <legend>{tr(Key::MergeInto)}</legend>
                        <div class="choice-row">
                            <label><input type="radio" name="reorg-into" data-testid="reorg-into-existing"
                                prop:checked=move || !into_new.get() on:change=move |_| into_new.set(false)/>{tr(Key::IntoExisting)}</label>
                            <label><input type="radio" name="reorg-into" data-testid="reorg-into-new"
                                prop:checked=move || into_new.get() on:change=move |_| into_new.set(true)/>{tr(Key::IntoNew)}</label>
                        </div>
                        {move || if into_new.get() {
                            view! {
                                <div class="form-grid">
                                    <div><TextField id="reorg-new-code" label=Key::Code value=new_code/></div>
                                    <div><TextField id="reorg-new-name" label=Key::UnitName value=new_name/></div>
                                    <div><EnumSelect id="reorg-new-kind" label=Key::Kind value=new_kind options=&KINDS/></div>
                                    <div><UnitSelect units=units.get_value() selected=new_parent id="reorg-new-parent" label=Key::NewUnitParent none_option=Key::KeepParent/></div>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <div class="form-grid">
                                    <div><UnitSelect units=units.get_value() selected=into_id id="reorg-into-unit" label=Key::IntoUnit none_option=Key::ChooseUnit/></div>
                                </div>
                            }.into_any()
                        }}
                    </fieldset>
                }.into_any(),
                ReorgKind::Move => view! {
                    <div class="form-grid">
                        <div><UnitSelect units=units.get_value() selected=unit_id id="reorg-unit" label=Key::UnitToChange none_option=Key::ChooseUnit/></div>
                        <div><UnitSelect units=units.get_value() selected=move_parent id="reorg-move-parent" label=Key::NewParent none_option=Key::ChooseUnit/></div>
                    </div>
                }.into_any(),
                ReorgKind::Rename => {
                    let choices = KINDS.iter()
                        .map(|k| (k.as_str().to_owned(), s.t(i18n::unit_kind(*k)).to_owned()))
                        .collect();
                    view! {
                        <div class="form-grid">
                            <div><UnitSelect units=units.get_value() selected=unit_id id="reorg-unit" label=Key::UnitToChange none_option=Key::ChooseUnit/></div>
                            <div><TextField id="reorg-rename-code" label=Key::NewCode value=rename_code optional=true/></div>
                            <div><TextField id="reorg-rename-name" label=Key::NewName value=rename_name optional=true/></div>
                            <div><ChoiceSelect id="reorg-rename-kind" label=Key::NewKind selected=rename_kind choices none=Key::KindUnchanged/></div>
                        </div>
                    }.into_any()
                }
                ReorgKind::Close => view! {
                    <div class="form-grid">
                        <div><UnitSelect units=units.get_value() selected=unit_id id="reorg-unit" label=Key::UnitToChange none_option=Key::ChooseUnit/></div>
                    </div>
                }.into_any(),
            }}
            <fieldset class="plain-fieldset month-fieldset" data-testid="reorg-effective">
                <legend>{tr(Key::EffectiveMonth)}</legend>
                <div class="inline-fields"><MonthPicker year month prefix="reorg-effective"/></div>
                <p class="hint-line" data-testid="reorg-effective-hint">{move || {
                    let on = format_date(&effective_on.get());
                    match kind.get() {
                        ReorgKind::Merge | ReorgKind::Close => {
                            let before = day_before(&effective_on.get()).unwrap_or_default();
                            fill(s.t(Key::EffectiveFromDay), &[&on, &format_date(&before)])
                        }
                        ReorgKind::Move | ReorgKind::Rename => fill(s.t(Key::EffectiveFromDayPlain), &[&on]),
                    }
                }}</p>
            </fieldset>
            <div class="form-grid">
                <div><TextField id="reorg-decision" label=Key::DecisionNumber value=decision placeholder="123/NQ-UBTVQH15"/></div>
            </div>
            <FlashView flash testid="reorg-result"/>
            {move || done.get().map(|r| {
                let (id, name) = r.result.map(|u| (u.id, u.name))
                    .or_else(|| r.sources.into_iter().next().map(|u| (u.id, u.name)))
                    .unwrap_or_default();
                view! {
                    <p data-testid="reorg-done">
                        <A href=format!("/units/{id}") attr:data-testid="reorg-result-link">
                            {move || fill(s.t(Key::OpenResultUnit), &[&name])}
                        </A>
                    </p>
                }
            })}
            {move || preview.get().map(|p| view! { <PreviewView shown=p/> })}
            <div class="actions">
                <button type="submit" class="btn" data-testid="reorg-preview" disabled=move || busy.get()>{tr(Key::Preview)}</button>
                <Show when=move || preview.with(Option::is_some)>
                    <button type="button" class="btn btn-primary" data-testid="reorg-confirm" disabled=move || busy.get()
                        on:click=move |_| go(false)>{tr(Key::Confirm)}</button>
                    <button type="button" class="btn" data-testid="reorg-cancel"
                        on:click=move |_| preview.set(None)>{tr(Key::Cancel)}</button>
                </Show>
            </div>
        </form>
    }
}

/// A reorganisation not known yet (replaced by the answer before it is shown).
fn placeholder() -> Reorganization {
    Reorganization {
        id: String::new(),
        kind: ReorgKind::Merge,
        effective_on: String::new(),
        decision: String::new(),
        preview: true,
        sources: Vec::new(),
        result: None,
        moved: Vec::new(),
    }
}

async fn merge(
    s: Session,
    input: MergeUnitsInput,
    dry_run: bool,
) -> Result<Reorganization, ApiError> {
    let vars = merge_units::Variables { input, dry_run };
    Ok(gql::<MergeUnits>(s, vars).await?.merge_units)
}

async fn relocate(
    s: Session,
    input: MoveUnitInput,
    dry_run: bool,
) -> Result<Reorganization, ApiError> {
    let vars = move_unit::Variables { input, dry_run };
    Ok(gql::<MoveUnit>(s, vars).await?.move_unit)
}

async fn rename(
    s: Session,
    input: RenameUnitInput,
    dry_run: bool,
) -> Result<Reorganization, ApiError> {
    let vars = rename_unit::Variables { input, dry_run };
    Ok(gql::<RenameUnit>(s, vars).await?.rename_unit)
}

async fn close(
    s: Session,
    input: CloseUnitInput,
    dry_run: bool,
) -> Result<Reorganization, ApiError> {
    let vars = close_unit::Variables { input, dry_run };
    Ok(gql::<CloseUnit>(s, vars).await?.close_unit)
}

/// The units a search finds among `units` (by name or code, ignoring case and diacritics,
/// of `kind` when given), the first [`MATCHES_SHOWN`], and how many there are in all.
pub fn matching_units<'a>(
    units: &'a [UnitRow],
    search: &str,
    kind: Option<UnitKind>,
) -> (Vec<&'a UnitRow>, usize) {
    let key = search_key(search);
    let all: Vec<&UnitRow> = units
        .iter()
        .filter(|u| kind.is_none_or(|k| u.kind == k))
        .filter(|u| {
            key.is_empty()
                || search_key(&u.name).contains(&key)
                || search_key(&u.code).contains(&key)
        })
        .collect();
    let total = all.len();
    (all.into_iter().take(MATCHES_SHOWN).collect(), total)
}

/// Picks two or more units: a search box, the matching units with a checkbox each, and the
/// chosen ones as chips that can be removed.
#[component]
fn SourcePicker(units: Vec<UnitRow>, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let s = use_session();
    let search = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .filter(|k| units.iter().any(|u| u.kind == **k))
        .map(|k| (k.as_str().to_owned(), s.t(i18n::unit_kind(*k)).to_owned()))
        .collect();
    let units = StoredValue::new(units);
    let toggle = move |id: String| {
        chosen.update(|c| {
            if let Some(i) = c.iter().position(|x| *x == id) {
                c.remove(i);
            } else {
                c.push(id);
            }
        })
    };
    let chips = move || {
        let ids = chosen.get();
        if ids.is_empty() {
            return view! { <p class="muted" data-testid="reorg-none-chosen">{tr(Key::NoneChosen)}</p> }.into_any();
        }
        let named: Vec<(String, String)> = units.with_value(|l| {
            ids.iter()
                .map(|id| {
                    let name = l
                        .iter()
                        .find(|u| u.id == *id)
                        .map_or_else(|| id.clone(), |u| u.name.clone());
                    (id.clone(), name)
                })
                .collect()
        });
        let count = named.len();
        view! {
            <p class="muted">{move || fill(s.t(Key::ChosenUnits), &[&count.to_string()])}</p>
            <ul class="chips" data-testid="reorg-chosen">
                {named.into_iter().map(|(id, name)| {
                    let label = name.clone();
                    let testid = format!("reorg-chosen-{id}");
                    view! {
                        <li class="chip" data-testid=testid>
                            {name}
                            <button type="button" aria-label=move || fill(s.t(Key::RemoveUnit), &[&label])
                                on:click=move |_| toggle(id.clone())>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let matches = move || {
        let q = search.get();
        let of_kind = kind.get().parse::<UnitKind>().ok();
        let (shown, total) = units.with_value(|l| {
            let (m, t) = matching_units(l, &q, of_kind);
            (m.into_iter().cloned().collect::<Vec<_>>(), t)
        });
        if shown.is_empty() {
            return view! { <p class="muted" data-testid="reorg-no-match">{tr(Key::NoUnitMatches)}</p> }.into_any();
        }
        let more = total.saturating_sub(shown.len());
        view! {
            {shown.into_iter().map(|u| {
                let id = u.id.clone();
                let box_id = format!("reorg-source-{}", u.id);
                let checked_id = u.id.clone();
                view! {
                    <div class="check">
                        <input type="checkbox" id=box_id.clone() data-testid=box_id.clone()
                            prop:checked=move || chosen.with(|c| c.contains(&checked_id))
                            on:change=move |_| toggle(id.clone())/>
                        <label for=box_id>{u.name.clone()}" "<span class="muted">"("{u.code.clone()}" · "{tr(i18n::unit_kind(u.kind))}")"</span></label>
                    </div>
                }
            }).collect_view()}
            {(more > 0).then(|| view! { <p class="muted">{move || fill(s.t(Key::MoreMatches), &[&more.to_string()])}</p> })}
        }.into_any()
    };
    view! {
        <fieldset class="plain-fieldset" data-testid="reorg-sources">
            <legend>{tr(Key::SourceUnits)}</legend>
            {chips}
            <div class="form-grid">
                <div>
                    <label for="reorg-search">{tr(Key::SearchUnits)}</label>
                    <input id="reorg-search" data-testid="reorg-search" type="search" autocomplete="off" bind:value=search/>
                </div>
                <div><ChoiceSelect id="reorg-search-kind" label=Key::Kind selected=kind choices=kinds none=Key::AllKinds/></div>
            </div>
            <div class="unit-picker-results" data-testid="reorg-matches">{matches}</div>
        </fieldset>
    }
}

/// What a dry run says would change.
#[component]
fn PreviewView(shown: Previewed) -> impl IntoView {
    let s = use_session();
    let r = shown.answer;
    let on = r.effective_on.clone();
    let before = day_before(&on).unwrap_or_default();
    let (on_text, before_text) = (format_date(&on), format_date(&before));
    let names = |units: &[reorganizations::ReorganizationSources]| {
        units.iter().map(|u| u.name.clone()).collect::<Vec<_>>()
    };
    let sources = names(&r.sources);
    let result_name = r
        .result
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let moved: Vec<String> = r.moved.iter().map(|u| u.name.clone()).collect();
    let body = match r.kind {
        ReorgKind::Merge => {
            let (on2, result2) = (on_text.clone(), result_name.clone());
            let new_unit = shown.new_unit;
            view! {
                <p>{let (a, b) = (on_text.clone(), before_text.clone()); move || fill(s.t(Key::PreviewStop), &[&a, &b])}</p>
                <ul data-testid="preview-sources">{sources.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <p>{let a = on_text.clone(); move || fill(s.t(Key::PreviewResult), &[&a])}</p>
                <ul data-testid="preview-result"><li><strong>{result_name.clone()}</strong>
                    {new_unit.then(|| view! { " " <span class="muted">"("{tr(Key::PreviewNewUnit)}")"</span> })}</li></ul>
                {if moved.is_empty() {
                    view! { <p data-testid="preview-moved">{tr(Key::PreviewNoneMoved)}</p> }.into_any()
                } else {
                    view! {
                        <p>{tr(Key::PreviewMoved)}</p>
                        <ul data-testid="preview-moved">{moved.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
                <p class="hint-line" data-testid="preview-figures">{move || fill(s.t(Key::PreviewFigures), &[&result2, &on2])}</p>
            }
            .into_any()
        }
        ReorgKind::Move => {
            let unit = sources.first().cloned().unwrap_or_default();
            let parent = shown.parent_name.unwrap_or_default();
            view! {
                <p data-testid="preview-move">{move || fill(s.t(Key::PreviewMove), &[&unit, &parent, &on_text])}</p>
                {(!moved.is_empty()).then(|| view! {
                    <p>{tr(Key::PreviewMoved)}</p>
                    <ul data-testid="preview-moved">{moved.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                })}
            }
            .into_any()
        }
        ReorgKind::Rename => {
            let old = shown
                .old_name
                .or_else(|| sources.first().cloned())
                .unwrap_or_default();
            let code = shown.new_code;
            let kind = shown.new_kind;
            let new = move || {
                let mut t = result_name.clone();
                if let Some(c) = &code {
                    t.push_str(&format!(" ({}: {c})", s.t(Key::Code)));
                }
                if let Some(k) = kind {
                    t.push_str(&format!(" · {}", s.t(i18n::unit_kind(k))));
                }
                t
            };
            view! { <p data-testid="preview-rename">{move || fill(s.t(Key::PreviewRename), &[&old, &new(), &on_text])}</p> }
                .into_any()
        }
        ReorgKind::Close => {
            let unit = sources.first().cloned().unwrap_or_default();
            view! { <p data-testid="preview-close">{move || fill(s.t(Key::PreviewClose), &[&unit, &on_text, &before_text])}</p> }
                .into_any()
        }
    };
    view! {
        <section class="subpanel preview" data-testid="reorg-preview-box" aria-live="polite">
            <h3>{tr(Key::ReorgPreviewTitle)}</h3>
            <p class="muted">{tr(i18n::reorg_kind(r.kind))}" · "{r.decision.clone()}" · "{format_date(&r.effective_on)}</p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, code: &str, name: &str) -> UnitRow {
        UnitRow {
            id: id.into(),
            code: code.into(),
            name: name.into(),
            kind: UnitKind::Commune,
        }
    }

    #[test]
    fn a_search_finds_units_by_name_or_code_without_diacritics() {
        let units = vec![
            unit("1", "XAP", "Xã An Phú"),
            unit("2", "XBH", "Xã Bình Hòa"),
            unit("3", "PDH", "Phường Đông Hòa"),
        ];
        let ids = |q: &str| {
            matching_units(&units, q, None)
                .0
                .into_iter()
                .map(|u| u.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("hoa"), vec!["2", "3"]);
        assert_eq!(ids("dong"), vec!["3"]);
        assert_eq!(ids("xap"), vec!["1"]);
        assert_eq!(ids(""), vec!["1", "2", "3"]);
        assert!(ids("không có").is_empty());
        let mut with_ward = units.clone();
        with_ward.push(UnitRow {
            kind: UnitKind::Department,
            ..unit("4", "SHOA", "Sở Hòa")
        });
        let communes = matching_units(&with_ward, "hoa", Some(UnitKind::Commune)).0;
        assert_eq!(communes.len(), 2, "the department is left out");
    }

    #[test]
    fn a_long_list_shows_the_first_matches_and_counts_the_rest() {
        let units: Vec<UnitRow> = (0..100)
            .map(|i| unit(&i.to_string(), &format!("X{i}"), &format!("Xã {i}")))
            .collect();
        let (shown, total) = matching_units(&units, "xa", None);
        assert_eq!((shown.len(), total), (MATCHES_SHOWN, 100));
    }
}
