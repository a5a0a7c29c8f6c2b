//! Giải trình: the explanation requests in scope, newest first, filtered by status and year
//! (`/explanations`), and one request (`/explanations/:id`, [`detail`]): what was asked, the
//! explanation form with its corrective actions and evidence, the review, the violation.
//! The unit page's "Giải trình và khắc phục" section is [`follow_up`].

mod actions;
mod detail;
mod evidence;
pub mod follow_up;
mod form;
mod review;

pub use detail::ExplanationPage;

use crate::api::gql;
use crate::api::ops::explanation_requests::Request;
use crate::api::ops::{ExplanationRequests, explanation_requests};
use crate::components::{Col, Empty, ErrorBox, Loading, Table, YearSelect, today};
use crate::follow::{STATUSES, status_key, status_look};
use crate::format::format_date;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::ExplanationStatus;

/// A request's status: icon + text.
#[component]
pub fn ExplanationBadge(status: ExplanationStatus) -> impl IntoView {
    let (class, icon) = status_look(status);
    view! {
        <span class=format!("badge {class}") data-testid="explanation-status" data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {tr(status_key(status))}
        </span>
    }
}

/// The due day, "quá hạn N ngày" in red while not given.
#[component]
pub fn DueOn(due_on: String, days_overdue: i64) -> impl IntoView {
    let s = use_session();
    let class = if days_overdue > 0 { "overdue" } else { "" };
    view! {
        <span class=class data-testid="explanation-due" data-overdue=days_overdue>
            {format_date(&due_on)}
            {(days_overdue > 0).then(|| view! {
                " "<strong class="overdue-days">"("{move || fill(s.t(Key::DaysOverdueShort), &[&days_overdue.to_string()])}")"</strong>
            })}
        </span>
    }
}

/// `/explanations`: the requests in scope, newest first; `?status=` and `?year=` filter.
#[component]
pub fn ExplanationsPage() -> impl IntoView {
    let s = use_session();
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("status").unwrap_or_default());
    let status = RwSignal::new(initial);
    let year = RwSignal::new(
        query
            .with_untracked(|q| q.get("year"))
            .and_then(|y| y.parse().ok())
            .unwrap_or(today().0),
    );
    Effect::new(move |_| {
        let st = status.get();
        let q = if st.is_empty() {
            format!("year={}", year.get())
        } else {
            format!("year={}&status={st}", year.get())
        };
        crate::components::replace_query(&q);
    });
    let list = LocalResource::new(move || {
        let st = status.get();
        let y = year.get();
        async move {
            let status = st.parse::<ExplanationStatus>().ok().map(|x| vec![x]);
            let vars = explanation_requests::Variables {
                unit_id: None,
                year: Some(y.into()),
                status,
            };
            gql::<ExplanationRequests>(s, vars)
                .await
                .map(|d| d.explanation_requests)
        }
    });
    view! {
        <section class="page" data-testid="explanations-page">
            <header class="page-head">
                <h1>{tr(Key::ExplanationsTitle)}</h1>
                <p class="muted">{tr(Key::ExplanationsHint)}</p>
            </header>
            <div class="inline-fields" data-testid="explanations-filter">
                <div>
                    <label for="explanations-status">{tr(Key::Status)}</label>
                    <select id="explanations-status" data-testid="explanations-status"
                        on:change=move |ev| status.set(event_target_value(&ev)) prop:value=move || status.get()>
                        <option value="" selected=move || status.with(String::is_empty)>{tr(Key::AllStatuses)}</option>
                        {STATUSES.into_iter().map(|st| view! {
                            <option value=st.as_str() selected=move || status.with(|x| x == st.as_str())>{tr(status_key(st))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div><YearSelect id="explanations-year" value=year/></div>
            </div>
            <section class="panel">
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                            Ok(v) if v.is_empty() => view! { <Empty key=Key::NoExplanations/> }.into_any(),
                            Ok(v) => view! { <RequestTable rows=v testid="explanations-table" show_unit=true/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </section>
    }
}

/// Requests as rows: (unit), indicator, month, status, due day, link to the request.
#[component]
pub fn RequestTable(rows: Vec<Request>, testid: &'static str, show_unit: bool) -> impl IntoView {
    let s = use_session();
    let mut cols = Vec::new();
    if show_unit {
        cols.push(Col::text(Key::Unit));
    }
    cols.extend([
        Col::text(Key::Indicator),
        Col::text(Key::Month),
        Col::text(Key::Status),
        Col::text(Key::ExplainBy),
        Col::actions(),
    ]);
    view! {
        <Table testid cols stack=true>
            {rows.into_iter().map(|r| {
                let (y, m) = (r.year, r.month);
                let title = (r.indicator.name.clone(), r.indicator.name_en.clone());
                view! {
                    <tr data-testid=format!("explanation-row-{}", r.id) data-status=r.status.as_str()>
                        {show_unit.then(|| view! { <td data-label=tr(Key::Unit)>{r.unit.name.clone()}</td> })}
                        <td data-label=tr(Key::Indicator)>{move || crate::names::shown(s.lang.get(), &title.0, title.1.as_deref())}</td>
                        <td data-label=tr(Key::Month) class="nowrap">{move || crate::cycle::todo::month_label(s.lang.get(), y, m)}</td>
                        <td data-label=tr(Key::Status)><ExplanationBadge status=r.status/></td>
                        <td data-label=tr(Key::ExplainBy)><DueOn due_on=r.due_on.clone() days_overdue=r.days_overdue/></td>
                        <td><A href=format!("/explanations/{}", r.id) attr:class="btn btn-small" attr:data-testid="explanation-open">{tr(Key::OpenExplanation)}</A></td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}
