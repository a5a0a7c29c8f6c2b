//! What the level above does with a request: accept the explanation (comment optional) or
//! send it back (comment required); turn a missing or refused explanation into a recorded
//! violation (a delay, a reminder, a description written for it), linked both ways.

use crate::api::gql;
use crate::api::ops::explanation_requests::Request;
use crate::api::ops::record_explanation_violation::RecordExplanationViolationInput;
use crate::api::ops::{
    AcceptExplanation, RecordExplanationViolation, ReturnExplanation, accept_explanation,
    record_explanation_violation, return_explanation,
};
use crate::components::{EnumSelect, Flash, FlashView, Submit};
use crate::follow::violation_text;
use crate::i18n::Key;
use crate::pages::StaffSelect;
use crate::pages::violations::{HANDLINGS, KINDS};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{Handling, ViolationKind};

/// Accept or send back.
#[component]
pub fn ReviewPanel(request_id: String, refresh: Callback<()>) -> impl IntoView {
    let s = use_session();
    let comment = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let id = StoredValue::new(request_id);
    let accept = move |_| {
        let c = comment.get_untracked().trim().to_owned();
        let vars = accept_explanation::Variables {
            request_id: id.get_value(),
            comment: (!c.is_empty()).then_some(c),
        };
        send.run(
            async move { gql::<AcceptExplanation>(s, vars).await },
            move |_| {
                refresh.run(());
                Some(Key::ExplanationAccepted)
            },
        );
    };
    let send_back = move |_| {
        let c = comment.get_untracked().trim().to_owned();
        if c.is_empty() {
            return send.invalid(Key::ReturnNeedsComment.text(s.lang.get_untracked()));
        }
        let vars = return_explanation::Variables {
            request_id: id.get_value(),
            comment: c,
        };
        send.run(
            async move { gql::<ReturnExplanation>(s, vars).await },
            move |_| {
                refresh.run(());
                Some(Key::ExplanationReturned)
            },
        );
    };
    view! {
        <section class="panel" data-testid="review-panel">
            <h2>{tr(Key::ReviewExplanation)}</h2>
            <label for="review-comment-input">{tr(Key::ReviewComment)}</label>
            <textarea id="review-comment-input" data-testid="review-comment-input" rows="3" bind:value=comment></textarea>
            <p class="muted field-hint">{tr(Key::ReviewCommentHint)}</p>
            <FlashView flash testid="review-result"/>
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="review-accept" disabled=move || busy.get() on:click=accept>
                    <span aria-hidden="true">"✓ "</span>{tr(Key::AcceptExplanation)}
                </button>
                <button type="button" class="btn btn-danger" data-testid="review-return" disabled=move || busy.get() on:click=send_back>
                    <span aria-hidden="true">"↩ "</span>{tr(Key::ReturnExplanation)}
                </button>
            </div>
        </section>
    }
}

/// Records a violation for the request (a delay and a reminder unless changed).
#[component]
pub fn ViolationPanel(request: Request, refresh: Callback<()>) -> impl IntoView {
    let s = use_session();
    let unit = RwSignal::new(request.unit.id.clone());
    let staff = RwSignal::new(String::new());
    let kind = RwSignal::new(ViolationKind::Delay);
    let handling = RwSignal::new(Handling::Reminder);
    let description = RwSignal::new(violation_text(
        &request.unit.name,
        &request.indicator.name,
        request.year as i32,
        request.month,
    ));
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let id = StoredValue::new(request.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = description.get_untracked().trim().to_owned();
        if d.is_empty() {
            return send.invalid(Key::Required.text(s.lang.get_untracked()));
        }
        let st = staff.get_untracked();
        let input = RecordExplanationViolationInput {
            request_id: id.get_value(),
            staff_id: (!st.is_empty()).then_some(st),
            kind: kind.get_untracked(),
            description: d,
            handling: handling.get_untracked(),
        };
        send.run(
            async move {
                gql::<RecordExplanationViolation>(
                    s,
                    record_explanation_violation::Variables { input },
                )
                .await
            },
            move |_| {
                refresh.run(());
                Some(Key::ViolationRecorded)
            },
        );
    };
    view! {
        <form class="panel" data-testid="explanation-violation-form" on:submit=submit novalidate>
            <h2>{tr(Key::RecordExplanationViolation)}</h2>
            <p class="muted">{tr(Key::RecordExplanationViolationHint)}</p>
            <div class="form-grid">
                <div><StaffSelect id="xv-staff" label=Key::Staff unit selected=staff optional=true/></div>
                <div><EnumSelect id="xv-kind" label=Key::ViolationKind value=kind options=&KINDS/></div>
                <div><EnumSelect id="xv-handling" label=Key::Handling value=handling options=&HANDLINGS/></div>
            </div>
            <label for="xv-description">{tr(Key::Description)}</label>
            <textarea id="xv-description" data-testid="xv-description" rows="3" bind:value=description></textarea>
            <FlashView flash testid="xv-result"/>
            <div class="actions">
                <button type="submit" class="btn btn-danger" data-testid="xv-submit" disabled=move || busy.get()>{tr(Key::RecordViolation)}</button>
            </div>
        </form>
    }
}
