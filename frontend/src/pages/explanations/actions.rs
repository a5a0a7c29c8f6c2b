//! The corrective actions of an explanation: what, who, by when (overdue days in red), the
//! expected effect, the status; "Đánh dấu đã xong" with a note, and each action's evidence.

use super::DueOn;
use super::evidence::{EvidenceList, EvidenceUpload};
use crate::api::gql;
use crate::api::ops::explanation_requests::RequestActions as Action;
use crate::api::ops::{CompleteAction, complete_action};
use crate::components::{Flash, FlashView, Submit};
use crate::follow::action_status_key;
use crate::i18n::Key;
use crate::state::{tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use shared::ActionStatus;

/// The actions, one card each.
#[component]
pub fn ActionsPanel(
    request_id: String,
    actions: Vec<Action>,
    /// The caller may mark actions done and add their evidence (the server decides).
    can_act: bool,
    refresh: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="panel" data-testid="explanation-actions">
            <h2>{tr(Key::CorrectiveActions)}</h2>
            <ol class="action-list">
                {actions.into_iter().map(|a| view! { <ActionCard request_id=request_id.clone() action=a can_act refresh/> }).collect_view()}
            </ol>
        </section>
    }
}

/// The status of an action: icon + text.
#[component]
pub fn ActionBadge(status: ActionStatus) -> impl IntoView {
    let (class, icon) = match status {
        ActionStatus::Planned => ("act-planned", "○"),
        ActionStatus::Done => ("act-done", "✓"),
    };
    view! {
        <span class=format!("badge {class}") data-testid="action-status" data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>{tr(action_status_key(status))}
        </span>
    }
}

#[component]
fn ActionCard(
    request_id: String,
    action: Action,
    can_act: bool,
    refresh: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let a = action;
    let planned = a.status == ActionStatus::Planned;
    let completing = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let action_id = a.id.clone();
    let confirm = move |_| {
        let n = note.get_untracked().trim().to_owned();
        let vars = complete_action::Variables {
            action_id: action_id.clone(),
            note: (!n.is_empty()).then_some(n),
        };
        send.run(
            async move { gql::<CompleteAction>(s, vars).await },
            move |_| {
                refresh.run(());
                Some(Key::ActionMarkedDone)
            },
        );
    };
    let note_id = format!("action-note-{}", a.id);
    view! {
        <li class="action-card" data-testid=format!("action-{}", a.id) data-status=a.status.as_str()>
            <p class="action-head"><strong data-testid="action-description">{a.description.clone()}</strong>" "<ActionBadge status=a.status/></p>
            <dl class="facts">
                <dt>{tr(Key::ActionOwner)}</dt><dd data-testid="action-owner">{a.owner.full_name.clone()}</dd>
                <dt>{tr(Key::ActionDue)}</dt><dd><DueOn due_on=a.due_on.clone() days_overdue=a.days_overdue/></dd>
                {a.expected_effect.clone().map(|e| view! { <dt>{tr(Key::ActionEffect)}</dt><dd>{e}</dd> })}
                {a.done_at.clone().map(|t| view! { <dt>{tr(Key::ActionDoneAt)}</dt><dd data-testid="action-done-at">{format_vietnam_datetime(&t)}</dd> })}
                {a.done_note.clone().map(|n| view! { <dt>{tr(Key::ActionDoneNote)}</dt><dd>{n}</dd> })}
            </dl>
            <EvidenceList files=a.evidence.clone() can_remove=false refresh testid="action-evidence"/>
            {can_act.then(|| view! { <EvidenceUpload request_id=request_id.clone() action_id=Some(a.id.clone()) refresh testid="action-upload"/> })}
            {(can_act && planned).then(|| view! {
                <Show when=move || !completing.get()>
                    <button type="button" class="btn btn-small" data-testid="action-complete"
                        on:click=move |_| completing.set(true)>
                        <span aria-hidden="true">"✓ "</span>{tr(Key::MarkDone)}
                    </button>
                </Show>
                <Show when=move || completing.get()>
                    <div class="form" data-testid="action-complete-form">
                        <label for=note_id.clone()>{tr(Key::ActionDoneNote)}" "{tr(Key::Optional)}</label>
                        <textarea id=note_id.clone() data-testid="action-note" rows="2" bind:value=note></textarea>
                        <div class="actions">
                            <button type="button" class="btn btn-primary btn-small" data-testid="action-complete-confirm"
                                disabled=move || busy.get() on:click=confirm.clone()>{tr(Key::Confirm)}</button>
                            <button type="button" class="btn btn-small" on:click=move |_| completing.set(false)>{tr(Key::Cancel)}</button>
                        </div>
                    </div>
                </Show>
            })}
            <FlashView flash testid="action-result"/>
        </li>
    }
}
