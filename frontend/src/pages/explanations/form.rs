//! The explanation form: a cause from the catalogue, the reason, and the corrective actions
//! (what, who — a staff member of the unit —, by when, the expected effect), rows added and
//! removed; a request sent back opens with its planned actions.

use crate::api::gql;
use crate::api::ops::explanation_requests::Request;
use crate::api::ops::submit_explanation::{CorrectiveActionInput, ExplainInput};
use crate::api::ops::{ExplanationCauses, SubmitExplanation, submit_explanation};
use crate::api::{ApiError, ops::explanation_causes};
use crate::components::{ChoiceSelect, ErrorBox, Flash, FlashView, Loading, Submit};
use crate::follow::{ActionDraft, DraftError, MAX_ACTIONS, check_actions};
use crate::format::format_date;
use crate::i18n::{Key, fill};
use crate::pages::load_staff;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use shared::ActionStatus;

/// One row of the editor.
#[derive(Clone, Copy)]
struct Row {
    /// The row's number, for ids: never reused in the form.
    n: u32,
    id: StoredValue<Option<String>>,
    description: RwSignal<String>,
    owner: RwSignal<String>,
    due: RwSignal<String>,
    effect: RwSignal<String>,
}

impl Row {
    fn new(n: u32, d: ActionDraft) -> Row {
        Row {
            n,
            id: StoredValue::new(d.id),
            description: RwSignal::new(d.description),
            owner: RwSignal::new(d.owner),
            due: RwSignal::new(d.due),
            effect: RwSignal::new(d.effect),
        }
    }

    fn draft(&self) -> ActionDraft {
        ActionDraft {
            id: self.id.get_value(),
            description: self.description.get_untracked(),
            owner: self.owner.get_untracked(),
            due: self.due.get_untracked(),
            effect: self.effect.get_untracked(),
        }
    }
}

/// The causes in use and the unit's staff (value, text).
async fn load_choices(
    s: Session,
    unit_id: String,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), ApiError> {
    let causes = gql::<ExplanationCauses>(s, explanation_causes::Variables)
        .await?
        .explanation_causes
        .into_iter()
        .filter(|c| c.active)
        .map(|c| (c.id, c.name))
        .collect();
    let staff = load_staff(s, unit_id)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} — {}", p.full_name, p.position)))
        .collect();
    Ok((causes, staff))
}

/// The form, once the causes and the staff are loaded.
#[component]
pub fn ExplainForm(request: Request, refresh: Callback<()>) -> impl IntoView {
    let s = use_session();
    let unit_id = request.unit.id.clone();
    let choices = LocalResource::new(move || load_choices(s, unit_id.clone()));
    let request = StoredValue::new(request);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| choices.refetch())/> }.into_any(),
                    Ok((causes, staff)) => view! { <FormView request=request.get_value() causes staff refresh/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FormView(
    request: Request,
    causes: Vec<(String, String)>,
    staff: Vec<(String, String)>,
    refresh: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let cause = RwSignal::new(
        request
            .cause
            .as_ref()
            .map(|c| c.id.clone())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(request.reason.clone().unwrap_or_default());
    let planned: Vec<ActionDraft> = request
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Planned)
        .map(|a| ActionDraft {
            id: Some(a.id.clone()),
            description: a.description.clone(),
            owner: a.owner.id.clone(),
            due: format_date(&a.due_on),
            effect: a.expected_effect.clone().unwrap_or_default(),
        })
        .collect();
    let first = if planned.is_empty() {
        vec![ActionDraft::default()]
    } else {
        planned
    };
    let next = StoredValue::new(first.len() as u32 + 1);
    let rows = RwSignal::new(
        first
            .into_iter()
            .enumerate()
            .map(|(i, d)| Row::new(i as u32 + 1, d))
            .collect::<Vec<_>>(),
    );
    let staff = StoredValue::new(staff);
    let request_id = request.id.clone();
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let add = move |_| {
        if rows.with_untracked(Vec::len) >= MAX_ACTIONS {
            return;
        }
        let n = next.get_value();
        next.set_value(n + 1);
        rows.update(|r| r.push(Row::new(n, ActionDraft::default())));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let c = cause.get_untracked();
        if c.is_empty() {
            return send.invalid(Key::CauseRequired.text(lang));
        }
        let why = reason.get_untracked().trim().to_owned();
        if why.is_empty() {
            return send.invalid(Key::ReasonRequired.text(lang));
        }
        let drafts: Vec<ActionDraft> = rows.with_untracked(|r| r.iter().map(Row::draft).collect());
        let actions = match check_actions(&drafts) {
            Ok(a) => a,
            Err(DraftError::NoAction) => return send.invalid(Key::ActionsRequired.text(lang)),
            Err(DraftError::TooMany) => {
                return send.invalid(fill(
                    Key::ActionsTooMany.text(lang),
                    &[&MAX_ACTIONS.to_string()],
                ));
            }
            Err(DraftError::Row(i, k)) => {
                return send.invalid(fill(
                    Key::ActionRowError.text(lang),
                    &[&i.to_string(), k.text(lang)],
                ));
            }
        };
        let input = ExplainInput {
            request_id: request_id.clone(),
            cause_id: c,
            reason: why,
            actions: actions
                .into_iter()
                .map(|a| CorrectiveActionInput {
                    id: a.id,
                    description: a.description,
                    owner_staff_id: a.owner,
                    due_on: a.due_on,
                    expected_effect: a.effect,
                })
                .collect(),
        };
        send.run(
            async move { gql::<SubmitExplanation>(s, submit_explanation::Variables { input }).await },
            move |_| {
                refresh.run(());
                Some(Key::ExplanationSent)
            },
        );
    };
    let busy = send.pending();
    view! {
        <form class="panel" data-testid="explain-form" on:submit=submit novalidate>
            <h2>{tr(Key::GiveExplanation)}</h2>
            <div class="wide-field">
                <ChoiceSelect id="explain-cause" label=Key::Cause selected=cause choices=causes none=Key::ChooseCause/>
            </div>
            <label for="explain-reason">{tr(Key::Reason)}</label>
            <textarea id="explain-reason" data-testid="explain-reason" rows="4" required bind:value=reason
                placeholder=move || s.t(Key::ReasonPlaceholder)></textarea>
            <h3>{tr(Key::CorrectiveActions)}</h3>
            <p class="muted">{tr(Key::CorrectiveActionsHint)}</p>
            <ol class="action-editor" data-testid="action-editor">
                <For each=move || rows.get() key=|r| r.n let:row>
                    <ActionRowEditor row staff=staff.get_value() on_remove=Callback::new(move |n: u32| rows.update(|r| r.retain(|x| x.n != n)))
                        removable=Signal::derive(move || rows.with(|r| r.len() > 1))/>
                </For>
            </ol>
            <div class="actions">
                <button type="button" class="btn btn-small" data-testid="action-add" on:click=add
                    disabled=move || rows.with(|r| r.len() >= MAX_ACTIONS)>
                    <span aria-hidden="true">"+ "</span>{tr(Key::AddAction)}
                </button>
            </div>
            <FlashView flash testid="explain-result"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="explain-submit" disabled=move || busy.get()>{tr(Key::SendExplanation)}</button>
            </div>
        </form>
    }
}

/// One action's fields and its remove button.
#[component]
fn ActionRowEditor(
    row: Row,
    staff: Vec<(String, String)>,
    on_remove: Callback<u32>,
    removable: Signal<bool>,
) -> impl IntoView {
    let n = row.n;
    let id = |what: &str| format!("action-{what}-{n}");
    view! {
        <li class="action-row" data-testid=format!("action-row-{n}")>
            <div class="form-grid">
                <div class="span-2">
                    <label for=id("description")>{tr(Key::ActionWhat)}</label>
                    <input id=id("description") data-testid=id("description") required bind:value=row.description/>
                </div>
                <div><ChoiceSelect id=id("owner") label=Key::ActionOwner selected=row.owner choices=staff none=Key::ChooseStaff/></div>
                <div>
                    <label for=id("due")>{tr(Key::ActionDue)}</label>
                    <input id=id("due") data-testid=id("due") placeholder="dd/mm/yyyy" required bind:value=row.due/>
                </div>
                <div class="span-2">
                    <label for=id("effect")>{tr(Key::ActionEffect)}" "{tr(Key::Optional)}</label>
                    <input id=id("effect") data-testid=id("effect") bind:value=row.effect placeholder="+40 hồ sơ toàn trình/tháng"/>
                </div>
            </div>
            <Show when=move || removable.get()>
                <button type="button" class="btn btn-small btn-ghost" data-testid=format!("action-remove-{n}")
                    on:click=move |_| on_remove.run(n)>
                    <span aria-hidden="true">"✕ "</span>{tr(Key::RemoveAction)}
                </button>
            </Show>
        </li>
    }
}
