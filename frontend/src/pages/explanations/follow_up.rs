//! The unit page's "Giải trình và khắc phục" (`#follow-up`): the unit's open requests (linked
//! to their pages), its accepted explanations with their actions and statuses, the line of
//! each indicator asked about (year to date, month by month) with a marker where it was
//! asked and where actions were done, so a leader sees whether they worked; a manager above
//! asks for an explanation by hand; the thread on the unit's month.

use super::actions::ActionBadge;
use super::{ExplanationBadge, RequestTable};
use crate::api::ops::explanation_requests::Request;
use crate::api::ops::request_explanation::RequestExplanationInput;
use crate::api::ops::unit_page::UnitPageTargets as TargetRow;
use crate::api::ops::{
    ActiveIndicators, ExplanationRequests, RequestExplanation, active_indicators,
    explanation_requests, request_explanation,
};
use crate::api::{batch, gql};
use crate::charts::LineChart;
use crate::components::comments::{CommentThread, Thread};
use crate::components::{ChoiceSelect, Empty, ErrorBox, Flash, FlashView, Loading, Submit};
use crate::cycle::todo::month_label;
use crate::follow::{MarkedRequest, markers};
use crate::format::parse_date;
use crate::i18n::{Key, fill};
use crate::pages::unit::milestones_by_month;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{ActionStatus, ExplanationStatus, IndicatorKind, PeriodKind};

/// The section, for `unit_id` over `year` up to month `months`.
#[component]
pub fn FollowUpSection(
    unit_id: String,
    year: i32,
    months: u32,
    targets: Vec<TargetRow>,
) -> impl IntoView {
    let s = use_session();
    let may_ask = s
        .me_untracked()
        .is_some_and(|m| m.can_manage() && m.unit.id != unit_id);
    let reload = RwSignal::new(0u32);
    let id = StoredValue::new(unit_id.clone());
    let list = LocalResource::new(move || {
        reload.track();
        let unit = id.get_value();
        async move {
            let vars = explanation_requests::Variables {
                unit_id: Some(unit.clone()),
                year: Some(year.into()),
                status: None,
            };
            gql::<ExplanationRequests>(s, vars).await.map(|d| {
                d.explanation_requests
                    .into_iter()
                    .filter(|r| r.unit.id == unit)
                    .collect::<Vec<_>>()
            })
        }
    });
    let targets = StoredValue::new(targets);
    view! {
        <section class="panel" id="follow-up" data-testid="unit-follow-up">
            <h2>{tr(Key::FollowUpTitle)}</h2>
            <p class="muted">{move || fill(s.t(Key::FollowUpHint), &[&year.to_string()])}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                        Ok(all) => view! { <FollowUpBody requests=all year months targets=targets.get_value()/> }.into_any(),
                    }
                })}
            </Transition>
            {may_ask.then(|| view! { <AskForm unit_id=unit_id.clone() year months on_done=Callback::new(move |_| reload.update(|n| *n += 1))/> })}
            <CommentThread thread=Thread::Report { unit_id: unit_id.clone(), year: year.into(), month: months.into() }
                title=Key::MonthThread/>
        </section>
    }
}

#[component]
fn FollowUpBody(
    requests: Vec<Request>,
    year: i32,
    months: u32,
    targets: Vec<TargetRow>,
) -> impl IntoView {
    let open: Vec<Request> = requests
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                ExplanationStatus::Open
                    | ExplanationStatus::Submitted
                    | ExplanationStatus::Returned
            )
        })
        .cloned()
        .collect();
    let accepted: Vec<Request> = requests
        .iter()
        .filter(|r| {
            r.status == ExplanationStatus::Accepted
                || (r.status == ExplanationStatus::Closed && r.reason.is_some())
        })
        .cloned()
        .collect();
    // One chart per indicator asked about, in the order first asked.
    let mut codes: Vec<String> = Vec::new();
    for r in requests.iter().rev() {
        if !codes.contains(&r.indicator.code) {
            codes.push(r.indicator.code.clone());
        }
    }
    let empty = requests.is_empty();
    view! {
        <h3>{tr(Key::OpenRequests)}</h3>
        {if open.is_empty() {
            view! { <div data-testid="follow-up-open-empty"><Empty key=Key::NoOpenRequests/></div> }.into_any()
        } else {
            view! { <RequestTable rows=open testid="follow-up-open" show_unit=false/> }.into_any()
        }}
        <h3>{tr(Key::AcceptedExplanations)}</h3>
        {if accepted.is_empty() {
            view! { <div data-testid="follow-up-accepted-empty"><Empty key=Key::NoAcceptedExplanations/></div> }.into_any()
        } else {
            view! {
                <ul class="plain-list follow-accepted" data-testid="follow-up-accepted">
                    {accepted.into_iter().map(|r| view! { <AcceptedCard request=r/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!empty).then(|| view! { <FollowUpCharts requests year months codes targets/> })}
    }
}

/// An accepted explanation: its indicator and month, cause, reason and actions.
#[component]
fn AcceptedCard(request: Request) -> impl IntoView {
    let s = use_session();
    let r = request;
    let (y, m) = (r.year, r.month);
    let title = (r.indicator.name.clone(), r.indicator.name_en.clone());
    view! {
        <li class="follow-card" data-testid=format!("follow-up-explanation-{}", r.id)>
            <p>
                <A href=format!("/explanations/{}", r.id)><strong>{move || crate::names::shown(s.lang.get(), &title.0, title.1.as_deref())}</strong></A>
                " · "{move || month_label(s.lang.get(), y, m)}" "<ExplanationBadge status=r.status/>
            </p>
            <p><span class="muted">{tr(Key::Cause)}": "</span>{r.cause.clone().map(|c| c.name).unwrap_or_default()}</p>
            <p class="prewrap">{r.reason.clone().unwrap_or_default()}</p>
            <ul class="plain-list follow-actions">
                {r.actions.clone().into_iter().map(|a| view! {
                    <li data-testid=format!("follow-up-action-{}", a.id) data-status=a.status.as_str()>
                        <ActionBadge status=a.status/>" "{a.description.clone()}
                        <span class="muted">" — "{a.owner.full_name.clone()}</span>
                        {(a.status == ActionStatus::Planned && a.days_overdue > 0).then(|| view! {
                            " "<strong class="overdue">{move || fill(s.t(Key::DaysOverdueShort), &[&a.days_overdue.to_string()])}</strong>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </li>
    }
}

/// The line of each indicator asked about, with its markers.
#[component]
fn FollowUpCharts(
    requests: Vec<Request>,
    year: i32,
    months: u32,
    codes: Vec<String>,
    targets: Vec<TargetRow>,
) -> impl IntoView {
    let s = use_session();
    let unit = requests
        .first()
        .map(|r| r.unit.id.clone())
        .unwrap_or_default();
    let data = LocalResource::new(move || {
        let unit = unit.clone();
        async move { batch::month_results(s, PeriodKind::Ytd, year, months, vec![unit]).await }
    });
    let requests = StoredValue::new(requests);
    let codes = StoredValue::new(codes);
    let targets = StoredValue::new(targets);
    view! {
        <h3>{tr(Key::FollowUpCharts)}</h3>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                    Ok(d) => {
                        let asked = s.t(Key::MarkerAsked);
                        view! {
                            <div class="charts" data-testid="follow-up-charts">
                                {codes.get_value().into_iter().map(|code| {
                                    let rs = requests.with_value(|l| l.iter().filter(|r| r.indicator.code == code).cloned().collect::<Vec<_>>());
                                    let ind = rs[0].indicator.clone();
                                    let marked: Vec<MarkedRequest> = rs.iter().map(|r| MarkedRequest {
                                        year: r.year as i32,
                                        month: r.month as u32,
                                        done: r.actions.iter().filter_map(|a| a.done_at.clone().map(|t| (a.description.clone(), t))).collect(),
                                    }).collect();
                                    let t = targets.with_value(|ts| ts.iter().find(|t| t.indicator.code == code).cloned());
                                    let milestones = t.as_ref().map(milestones_by_month).unwrap_or_default();
                                    let actual = (1..=months).map(|k| d.value(k, &code)).collect();
                                    view! {
                                        <LineChart title=crate::names::shown(s.lang.get_untracked(), &ind.name, ind.name_en.as_deref()) testid=format!("follow-up-chart-{code}") actual milestones
                                            target=t.map(|t| t.value) is_rate=ind.kind == IndicatorKind::Rate
                                            markers=markers(year, &marked, asked)/>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A manager above asks the unit for an explanation of an indicator's month.
#[component]
fn AskForm(unit_id: String, year: i32, months: u32, on_done: Callback<()>) -> impl IntoView {
    let s = use_session();
    let open = RwSignal::new(false);
    let indicators = LocalResource::new(move || async move {
        gql::<ActiveIndicators>(s, active_indicators::Variables)
            .await
            .map(|d| {
                d.indicators
                    .into_iter()
                    .filter(|i| i.active)
                    .map(|i| (i.id, i.name))
                    .collect::<Vec<_>>()
            })
    });
    let indicator = RwSignal::new(String::new());
    let month = RwSignal::new(months.max(1).to_string());
    let message = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let unit = StoredValue::new(unit_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let ind = indicator.get_untracked();
        if ind.is_empty() {
            return send.invalid(Key::ChooseIndicator.text(lang));
        }
        let msg = message.get_untracked().trim().to_owned();
        if msg.is_empty() {
            return send.invalid(Key::AskMessageRequired.text(lang));
        }
        let d = due.get_untracked();
        let due_on = if d.trim().is_empty() {
            None
        } else {
            match parse_date(&d) {
                Some(x) => Some(x),
                None => return send.invalid(Key::InvalidDate.text(lang)),
            }
        };
        let input = RequestExplanationInput {
            unit_id: unit.get_value(),
            indicator_id: ind,
            year: year.into(),
            month: month.get_untracked().parse().unwrap_or(1),
            message: msg,
            due_on,
        };
        send.run(
            async move {
                gql::<RequestExplanation>(s, request_explanation::Variables { input }).await
            },
            move |_| {
                message.set(String::new());
                open.set(false);
                on_done.run(());
                Some(Key::ExplanationAsked)
            },
        );
    };
    let month_choices: Vec<(String, String)> = (1..=months.max(1))
        .map(|m| (m.to_string(), format!("{m:02}/{year}")))
        .collect();
    let month_choices = StoredValue::new(month_choices);
    view! {
        <div class="ask-explanation">
            <Show when=move || !open.get()>
                <button type="button" class="btn" data-testid="ask-explanation-open" on:click=move |_| open.set(true)>
                    {tr(Key::AskExplanation)}
                </button>
            </Show>
            <Show when=move || open.get()>
                <form class="form" data-testid="ask-explanation-form" on:submit=submit novalidate>
                    <h3>{tr(Key::AskExplanation)}</h3>
                    <Transition fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            match indicators.await {
                                Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                                Ok(list) => view! {
                                    <div class="form-grid">
                                        <div><ChoiceSelect id="ask-indicator" label=Key::Indicator selected=indicator choices=list none=Key::ChooseIndicator/></div>
                                        <div><ChoiceSelect id="ask-month" label=Key::Month selected=month choices=month_choices.get_value()/></div>
                                        <div>
                                            <label for="ask-due">{tr(Key::ExplainBy)}" "{tr(Key::Optional)}</label>
                                            <input id="ask-due" data-testid="ask-due" placeholder="dd/mm/yyyy" bind:value=due/>
                                        </div>
                                    </div>
                                }.into_any(),
                            }
                        })}
                    </Transition>
                    <label for="ask-message">{tr(Key::AskMessage)}</label>
                    <textarea id="ask-message" data-testid="ask-message" rows="3" bind:value=message></textarea>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="ask-submit" disabled=move || busy.get()>{tr(Key::AskExplanation)}</button>
                        <button type="button" class="btn" on:click=move |_| open.set(false)>{tr(Key::Cancel)}</button>
                    </div>
                </form>
            </Show>
            <FlashView flash testid="ask-result"/>
        </div>
    }
}
