//! `/explanations/:id`: one request — the unit, indicator, month and status, why and by when
//! it was asked (overdue in red), the explanation given (cause, reason, who, when), its
//! evidence, the form while the caller may explain, the corrective actions, the review while
//! the caller may review, the violation recorded instead, the review comment and the note
//! it closed with.

use super::actions::ActionsPanel;
use super::evidence::{EvidenceList, EvidenceUpload};
use super::form::ExplainForm;
use super::review::{ReviewPanel, ViolationPanel};
use super::{DueOn, ExplanationBadge};
use crate::api::gql;
use crate::api::ops::explanation_requests::Request;
use crate::api::ops::{ExplanationRequest, explanation_request};
use crate::components::{ErrorBox, Loading, StatusBadge};
use crate::cycle::todo::month_label;
use crate::format::format_date;
use crate::i18n::Key;
use crate::pages::home::refresh_todo;
use crate::state::{tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::ExplanationStatus;

/// `/explanations/:id`.
#[component]
pub fn ExplanationPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            gql::<ExplanationRequest>(s, explanation_request::Variables { id })
                .await
                .map(|d| d.explanation_request)
        }
    });
    let refresh = Callback::new(move |_| {
        data.refetch();
        refresh_todo();
    });
    view! {
        <section class="page" data-testid="explanation-page">
            <p class="back-link"><A href="/explanations">{tr(Key::BackToExplanations)}</A></p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(None) => view! {
                            <div class="state state-error" role="alert" data-testid="explanation-not-found">{tr(Key::ExplanationNotFound)}</div>
                        }.into_any(),
                        Ok(Some(r)) => view! { <RequestView request=r refresh/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Everything about one request, and what the caller may do with it.
#[component]
fn RequestView(request: Request, refresh: Callback<()>) -> impl IntoView {
    let s = use_session();
    let r = request;
    let (year, month) = (r.year, r.month);
    let status = r.status;
    let asked_by = r.requested_by.clone();
    let can_upload = r.can_explain;
    let can_act =
        status != ExplanationStatus::Closed && s.me_untracked().is_some_and(|m| m.can_report());
    let given = r.reason.is_some();
    let violation = r.violation.clone();
    let request = StoredValue::new(r.clone());
    let unit_link = (
        format!("/units/{}#follow-up", r.unit.id),
        r.unit.name.clone(),
    );
    // The explanation's own files reload alone, so that a file added while the form is being
    // filled does not rebuild the form.
    let files = RwSignal::new(r.evidence.clone());
    let request_id = r.id.clone();
    let reload_files = Callback::new(move |_| {
        let id = request_id.clone();
        leptos::task::spawn_local(async move {
            let vars = explanation_request::Variables { id };
            if let Ok(Some(x)) = gql::<ExplanationRequest>(s, vars)
                .await
                .map(|d| d.explanation_request)
            {
                files.set(x.evidence);
            }
        });
    });
    let names = (r.indicator.name.clone(), r.indicator.name_en.clone());
    let indicator_name = move || crate::names::shown(s.lang.get(), &names.0, names.1.as_deref());
    view! {
        <header class="page-head">
            <h1 data-testid="explanation-title">{tr(Key::ExplanationOf)}" "{indicator_name.clone()}</h1>
            <p class="muted">
                <A href=unit_link.0 attr:data-testid="explanation-unit">{unit_link.1}</A>
                " · "{move || month_label(s.lang.get(), year, month)}
                " · "<ExplanationBadge status/>
            </p>
        </header>
        <section class="panel" data-testid="explanation-facts">
            <h2>{tr(Key::WhyAsked)}</h2>
            <dl class="facts">
                <dt>{tr(Key::Unit)}</dt><dd>{r.unit.name.clone()}</dd>
                <dt>{tr(Key::Indicator)}</dt><dd data-testid="explanation-indicator">{indicator_name}</dd>
                <dt>{tr(Key::Month)}</dt><dd>{move || month_label(s.lang.get(), year, month)}</dd>
                <dt>{tr(Key::TrackWhenAsked)}</dt><dd><StatusBadge status=r.track_status/></dd>
                <dt>{tr(Key::AskedBy)}</dt>
                <dd data-testid="explanation-asked-by">{match asked_by {
                    Some(who) => view! { {who} }.into_any(),
                    None => view! { {tr(Key::AskedAutomatically)} }.into_any(),
                }}" · "{format_vietnam_datetime(&r.requested_at)}</dd>
                {r.message.clone().map(|m| view! { <dt>{tr(Key::AskMessage)}</dt><dd data-testid="explanation-message">{m}</dd> })}
                <dt>{tr(Key::ExplainBy)}</dt>
                <dd><DueOn due_on=r.due_on.clone() days_overdue=r.days_overdue/></dd>
            </dl>
        </section>
        {given.then(|| view! {
            <section class="panel" data-testid="explanation-given">
                <h2>{tr(Key::ExplanationGiven)}</h2>
                <dl class="facts">
                    <dt>{tr(Key::Cause)}</dt><dd data-testid="explanation-cause">{r.cause.clone().map(|c| c.name).unwrap_or_default()}</dd>
                    <dt>{tr(Key::Reason)}</dt><dd class="prewrap" data-testid="explanation-reason">{r.reason.clone().unwrap_or_default()}</dd>
                    {r.submitted_by.clone().map(|who| view! {
                        <dt>{tr(Key::ExplainedBy)}</dt>
                        <dd>{who}{r.submitted_at.clone().map(|t| format!(" · {}", format_vietnam_datetime(&t)))}</dd>
                    })}
                </dl>
            </section>
        })}
        {r.review_comment.clone().or(r.reviewed_by.clone().map(|_| String::new())).map(|c| view! {
            <section class="panel" data-testid="explanation-review">
                <h2>{tr(Key::Review)}</h2>
                <p>{r.reviewed_by.clone().unwrap_or_default()}{r.reviewed_at.clone().map(|t| format!(" · {}", format_vietnam_datetime(&t)))}</p>
                {(!c.is_empty()).then(|| view! { <blockquote class="prewrap" data-testid="review-comment">{c}</blockquote> })}
            </section>
        })}
        {r.close_note.clone().map(|n| view! {
            <div class="flash flash-info" role="status" data-testid="explanation-closed">
                <p><strong>{tr(Key::ClosedNote)}": "</strong>{n}
                    {r.closed_at.clone().map(|t| format!(" ({})", format_vietnam_datetime(&t)))}</p>
            </div>
        })}
        {violation.map(|v| view! {
            <div class="flash flash-warn" role="status" data-testid="explanation-violation">
                <p>{tr(Key::ViolationRecordedOn)}" "{format_date(&v.occurred_on)}" · "
                    <A href=format!("/violations?year={}&kind=YEAR&index=12", v.occurred_on.get(..4).unwrap_or_default())
                        attr:data-testid="explanation-violation-link">{tr(Key::SeeViolations)}</A></p>
            </div>
        })}
        <section class="panel" data-testid="explanation-evidence">
            <h2>{tr(Key::Evidence)}</h2>
            {move || view! { <EvidenceList files=files.get() can_remove=can_upload refresh=reload_files testid="evidence-list"/> }}
            {can_upload.then(|| view! { <EvidenceUpload request_id=r.id.clone() action_id=None refresh=reload_files testid="evidence-upload"/> })}
        </section>
        {r.can_explain.then(|| view! { <ExplainForm request=request.get_value() refresh/> })}
        {(!r.actions.is_empty()).then(|| view! {
            <ActionsPanel request_id=r.id.clone() actions=r.actions.clone() can_act refresh/>
        })}
        {r.can_review.then(|| view! { <ReviewPanel request_id=r.id.clone() refresh/> })}
        {r.can_record_violation.then(|| view! { <ViolationPanel request=request.get_value() refresh/> })}
    }
}
