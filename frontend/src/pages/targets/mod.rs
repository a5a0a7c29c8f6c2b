//! Giao chỉ tiêu: the decisions, one decision's targets (filtered by unit, a page at a
//! time), setting a target and splitting it into a roadmap (LINEAR / SEASONAL / MANUAL,
//! monthly or quarterly), and assigning personal targets to the unit's staff.

mod assign;
mod decision;
mod roadmap_choice;
mod set_target;
mod split;
mod table;

pub use decision::DecisionPage;

use crate::api::gql;
use crate::api::ops::create_decision::CreateDecisionInput;
use crate::api::ops::decisions::Decision;
use crate::api::ops::{CreateDecision, Decisions, create_decision, decisions};
use crate::components::{
    Col, Empty, ErrorBox, Flash, FlashView, Loading, Submit, Table, TextField, YearSelect, today,
};
use crate::format::{format_date, parse_date};
use crate::i18n::Key;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/targets`: the decisions.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let s = use_session();
    let is_admin = s.me_untracked().is_some_and(|m| m.is_admin());
    let decisions = LocalResource::new(move || async move {
        gql::<Decisions>(s, decisions::Variables { year: None })
            .await
            .map(|d| d.decisions)
    });
    view! {
        <section class="page" data-testid="decisions-page">
            <header class="page-head"><h1>{tr(Key::TargetsTitle)}</h1></header>
            <section class="panel">
                <h2>{tr(Key::Decisions)}</h2>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match decisions.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| decisions.refetch())/> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <Empty key=Key::NoDecisions/> }.into_any(),
                            Ok(list) => view! { <DecisionTable list/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            {is_admin.then(|| view! { <NewDecisionForm on_created=Callback::new(move |_| decisions.refetch())/> })}
        </section>
    }
}

#[component]
fn DecisionTable(list: Vec<Decision>) -> impl IntoView {
    view! {
        <Table testid="decisions-table" cols=vec![Col::text(Key::Number), Col::text(Key::Title), Col::text(Key::IssuedOn), Col::num(Key::Year)]>
                    {list.into_iter().map(|d| view! {
                        <tr data-testid=format!("decision-row-{}", d.id)>
                            <td><A href=format!("/targets/{}", d.id) attr:data-testid="decision-link">{d.number.clone()}</A></td>
                            <td>{d.title.clone()}</td>
                            <td>{format_date(&d.issued_on)}</td>
                            <td class="num">{d.year}</td>
                        </tr>
                    }).collect_view()}
        </Table>
    }
}

#[component]
fn NewDecisionForm(on_created: Callback<()>) -> impl IntoView {
    let s = use_session();
    let number = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let issued = RwSignal::new(String::new());
    let year = RwSignal::new(today().0);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request = move |input: CreateDecisionInput| async move {
        gql::<CreateDecision>(s, create_decision::Variables { input }).await
    };
    let send_done = move |_| {
        number.set(String::new());
        title.set(String::new());
        issued.set(String::new());
        on_created.run(());
        Some(Key::DecisionCreated)
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let Some(date) = parse_date(&issued.get_untracked()) else {
            return send.invalid(Key::InvalidDate.text(lang));
        };
        let (n, t) = (number.get_untracked(), title.get_untracked());
        if n.trim().is_empty() || t.trim().is_empty() {
            return send.invalid(Key::Required.text(lang));
        }
        send.run(
            send_request(CreateDecisionInput {
                number: n.trim().to_owned(),
                title: t.trim().to_owned(),
                issued_on: date,
                year: year.get_untracked().into(),
            }),
            send_done,
        );
    };
    view! {
        <form class="panel" data-testid="new-decision-form" on:submit=submit novalidate>
            <h2>{tr(Key::NewDecision)}</h2>
            <div class="form-grid">
                <div><TextField id="decision-number" label=Key::Number value=number/></div>
                <div><TextField id="decision-issued" label=Key::IssuedOn value=issued placeholder="dd/mm/yyyy"/></div>
                <div><YearSelect id="decision-year" value=year/></div>
            </div>
            <label for="decision-title">{tr(Key::Title)}</label>
            <textarea id="decision-title" data-testid="decision-title" required bind:value=title></textarea>
            <FlashView flash testid="new-decision-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="decision-create" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}
