//! Nguyên nhân giải trình (ADMIN): the catalogue of causes an explanation chooses from (add,
//! rename, turn off or on) and the settings of explanations (ask for AT_RISK too, the days a
//! unit has to explain), with the evidence limits the server is configured with.

use super::tabs::AdminSection;
use crate::api::gql;
use crate::api::ops::admin_explanation::{Cause, Settings};
use crate::api::ops::{
    AdminExplanation, CreateExplanationCause, SetExplanationSettings, UpdateExplanationCause,
    admin_explanation, create_explanation_cause, set_explanation_settings,
    update_explanation_cause,
};
use crate::components::{
    CheckField, Col, Empty, ErrorBox, Flash, FlashView, Loading, Submit, Table, TextField,
};
use crate::follow::format_size;
use crate::i18n::Key;
use crate::state::{tr, use_session};
use leptos::prelude::*;

/// `/admin/explanations`.
#[component]
pub fn ExplanationAdminPage() -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || async move {
        gql::<AdminExplanation>(s, admin_explanation::Variables).await
    });
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <AdminSection testid="admin-explanations-page">
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=reload/> }.into_any(),
                        Ok(d) => view! {
                            <CausesPanel causes=d.explanation_causes reload/>
                            <SettingsPanel settings=d.explanation_settings/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </AdminSection>
    }
}

#[component]
fn CausesPanel(causes: Vec<Cause>, reload: Callback<()>) -> impl IntoView {
    let s = use_session();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, n) = (
            code.get_untracked().trim().to_owned(),
            name.get_untracked().trim().to_owned(),
        );
        if c.is_empty() || n.is_empty() {
            return send.invalid(Key::CauseNeedsCodeAndName.text(s.lang.get_untracked()));
        }
        let vars = create_explanation_cause::Variables { code: c, name: n };
        send.run(
            async move { gql::<CreateExplanationCause>(s, vars).await },
            move |_| {
                code.set(String::new());
                name.set(String::new());
                reload.run(());
                Some(Key::CauseAdded)
            },
        );
    };
    view! {
        <section class="panel" data-testid="causes-panel">
            <h2>{tr(Key::CausesTitle)}</h2>
            <p class="muted">{tr(Key::CausesHint)}</p>
            {if causes.is_empty() {
                view! { <Empty key=Key::NoCauses/> }.into_any()
            } else {
                view! {
                    <Table testid="causes-table" stack=true cols=vec![Col::text(Key::Code), Col::text(Key::Name), Col::text(Key::InUse), Col::actions()]>
                        {causes.into_iter().map(|c| view! { <CauseRow cause=c reload/> }).collect_view()}
                    </Table>
                }.into_any()
            }}
            <form class="form" data-testid="cause-form" on:submit=add novalidate>
                <h3>{tr(Key::AddCause)}</h3>
                <div class="form-grid">
                    <div><TextField id="cause-code" label=Key::Code value=code/></div>
                    <div><TextField id="cause-name" label=Key::Name value=name/></div>
                </div>
                <FlashView flash testid="cause-result"/>
                <div class="actions"><button type="submit" class="btn btn-primary" data-testid="cause-add" disabled=move || busy.get()>{tr(Key::AddCause)}</button></div>
            </form>
        </section>
    }
}

#[component]
fn CauseRow(cause: Cause, reload: Callback<()>) -> impl IntoView {
    let s = use_session();
    let editing = RwSignal::new(false);
    let name = RwSignal::new(cause.name.clone());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let id = StoredValue::new(cause.id.clone());
    let active = cause.active;
    let update = move |name: Option<String>, active: Option<bool>| {
        let vars = update_explanation_cause::Variables {
            id: id.get_value(),
            name,
            active,
        };
        send.run(
            async move { gql::<UpdateExplanationCause>(s, vars).await },
            move |_| {
                reload.run(());
                None
            },
        );
    };
    let name_id = format!("cause-rename-{}", cause.id);
    view! {
        <tr data-testid=format!("cause-row-{}", cause.code) data-active=active.to_string()>
            <td data-label=tr(Key::Code)><code>{cause.code.clone()}</code></td>
            <td data-label=tr(Key::Name)>
                <Show when=move || editing.get() fallback=move || view! { <span data-testid="cause-name-text">{name.get()}</span> }>
                    <label for=name_id.clone() class="sr-only">{tr(Key::Name)}</label>
                    <input id=name_id.clone() data-testid="cause-rename-input" bind:value=name/>
                    <button type="button" class="btn btn-small btn-primary" data-testid="cause-rename-save" disabled=move || busy.get()
                        on:click=move |_| {
                            let n = name.get_untracked().trim().to_owned();
                            if n.is_empty() {
                                return send.invalid(Key::Required.text(s.lang.get_untracked()));
                            }
                            update(Some(n), None)
                        }>{tr(Key::Save)}</button>
                </Show>
            </td>
            <td data-label=tr(Key::InUse)>{move || s.t(if active { Key::Yes } else { Key::No })}</td>
            <td>
                <div class="actions">
                    <button type="button" class="btn btn-small" data-testid="cause-rename" on:click=move |_| editing.update(|e| *e = !*e)>{tr(Key::Rename)}</button>
                    <button type="button" class="btn btn-small" data-testid="cause-toggle" disabled=move || busy.get()
                        on:click=move |_| update(None, Some(!active))>
                        {tr(if active { Key::TurnOff } else { Key::TurnOn })}
                    </button>
                </div>
                <FlashView flash testid="cause-row-result"/>
            </td>
        </tr>
    }
}

#[component]
fn SettingsPanel(settings: Settings) -> impl IntoView {
    let s = use_session();
    let at_risk = RwSignal::new(settings.include_at_risk);
    let days = RwSignal::new(settings.due_days.to_string());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = days
            .get_untracked()
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=90).contains(d))
        else {
            return send.invalid(Key::DueDaysInvalid.text(s.lang.get_untracked()));
        };
        let vars = set_explanation_settings::Variables {
            include_at_risk: at_risk.get_untracked(),
            due_days: d,
        };
        send.run(
            async move { gql::<SetExplanationSettings>(s, vars).await },
            |_| Some(Key::Saved),
        );
    };
    let (file, total) = (
        format_size(settings.max_file_bytes),
        format_size(settings.max_request_bytes),
    );
    view! {
        <form class="panel" data-testid="explanation-settings" on:submit=submit novalidate>
            <h2>{tr(Key::ExplanationSettings)}</h2>
            <CheckField id="settings-at-risk" label=Key::IncludeAtRisk checked=at_risk/>
            <div class="form-grid">
                <div>
                    <label for="settings-due-days">{tr(Key::DueDays)}</label>
                    <input id="settings-due-days" data-testid="settings-due-days" inputmode="numeric" bind:value=days/>
                </div>
            </div>
            <p class="muted" data-testid="settings-limits">{tr(Key::EvidenceLimits)}": "{file}" / "{total}</p>
            <FlashView flash testid="settings-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="settings-save" disabled=move || busy.get()>{tr(Key::Save)}</button></div>
        </form>
    }
}
