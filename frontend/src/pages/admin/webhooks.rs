//! Webhooks (ADMIN): the list (receiver, events, unit, whether active), adding one (URL,
//! events, unit) with its signing secret shown once beside a warning to copy it, and
//! deleting one after a confirmation.

use super::tabs::AdminSection;
use crate::api::gql;
use crate::api::ops::units::UnitRow;
use crate::api::ops::webhooks::Webhook;
use crate::api::ops::{
    CreateWebhook, DeleteWebhook, Webhooks, create_webhook, delete_webhook, webhooks,
};
use crate::components::{
    Col, Empty, ErrorBox, Flash, FlashView, Loading, Submit, Table, TextField, UnitSelect,
};
use crate::i18n::{Key, fill};
use crate::pages::load_units;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::TodoKind;

/// Every event a webhook may ask for, in the order the form offers them.
const EVENTS: [TodoKind; 7] = [
    TodoKind::ReportDue,
    TodoKind::ReportOverdue,
    TodoKind::ReportRejected,
    TodoKind::ApprovalPending,
    TodoKind::ApprovalOverdue,
    TodoKind::OffTrack,
    TodoKind::ExplanationDue,
];

/// The name of an event.
pub fn event_name(kind: TodoKind) -> Key {
    crate::cycle::todo::kind_key(kind)
}

/// `/admin/webhooks`.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    let hooks = LocalResource::new(move || async move {
        gql::<Webhooks>(s, webhooks::Variables)
            .await
            .map(|d| d.webhooks)
    });
    view! {
        <AdminSection testid="admin-webhooks-page">
            <section class="panel" data-testid="webhooks-panel">
                <h2>{tr(Key::WebhooksTitle)}</h2>
                <p class="muted">{tr(Key::WebhooksHint)}</p>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match hooks.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| hooks.refetch())/> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <Empty key=Key::NoWebhooks/> }.into_any(),
                            Ok(list) => view! {
                                <Table testid="webhooks-table" stack=true cols=vec![Col::text(Key::WebhookUrl), Col::text(Key::WebhookEvents), Col::text(Key::Unit), Col::text(Key::Status), Col::actions()]>
                                    {list.into_iter().map(|w| view! { <WebhookRow hook=w on_deleted=Callback::new(move |_| hooks.refetch())/> }).collect_view()}
                                </Table>
                            }.into_any(),
                        }
                    })}
                </Transition>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match units.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                            Ok(list) => view! { <CreateWebhookForm units=list on_created=Callback::new(move |_| hooks.refetch())/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </AdminSection>
    }
}

/// One webhook, with its delete button and the confirmation it asks first.
#[component]
fn WebhookRow(hook: Webhook, on_deleted: Callback<()>) -> impl IntoView {
    let s = use_session();
    let asking = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let id = hook.id.clone();
    let send_request = move |id: String| async move {
        gql::<DeleteWebhook>(s, delete_webhook::Variables { id }).await
    };
    let send_done = move |_| {
        asking.set(false);
        on_deleted.run(());
        Some(Key::WebhookDeleted)
    };
    let busy = send.pending();
    let url = hook.url.clone();
    let events = hook.events.clone();
    view! {
        <tr data-testid=format!("webhook-{}", hook.id)>
            <td class="wrap-anywhere" data-label=tr(Key::WebhookUrl)><code>{hook.url.clone()}</code></td>
            <td data-label=tr(Key::WebhookEvents)>{move || events.iter().map(|k| s.t(event_name(*k))).collect::<Vec<_>>().join(", ")}</td>
            <td data-label=tr(Key::Unit)><A href=format!("/units/{}", hook.unit.id)>{hook.unit.name.clone()}</A></td>
            <td data-label=tr(Key::Status)>{if hook.active {
                view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::Active)}</span> }.into_any()
            } else {
                view! { <span class="badge st-none">{tr(Key::UnitInactive)}</span> }.into_any()
            }}</td>
            <td>
                <Show when=move || !asking.get()>
                    <button type="button" class="btn btn-danger btn-small" data-testid="webhook-delete"
                        on:click=move |_| asking.set(true)>{tr(Key::DeleteWebhook)}</button>
                </Show>
                <Show when=move || asking.get()>
                    <div class="confirm" role="alertdialog" data-testid="webhook-confirm">
                        <p>{
                            let url = url.clone();
                            move || fill(s.t(Key::ConfirmDeleteWebhook), &[&url])
                        }</p>
                        <div class="actions">
                            <button type="button" class="btn btn-danger btn-small" data-testid="webhook-delete-confirm" disabled=move || busy.get()
                                on:click={
                                    let id = id.clone();
                                    move |_| send.run(send_request(id.clone()), send_done)
                                }>{tr(Key::ConfirmDelete)}</button>
                            <button type="button" class="btn btn-small" on:click=move |_| asking.set(false)>{tr(Key::Cancel)}</button>
                        </div>
                    </div>
                </Show>
                <FlashView flash testid="webhook-row-result"/>
            </td>
        </tr>
    }
}

/// Adds a webhook: URL, events, unit; its secret is shown once.
#[component]
fn CreateWebhookForm(units: Vec<UnitRow>, on_created: Callback<()>) -> impl IntoView {
    let s = use_session();
    let url = RwSignal::new(String::new());
    let unit = RwSignal::new(super::default_unit(&units));
    let chosen: Vec<(TodoKind, RwSignal<bool>)> =
        EVENTS.iter().map(|k| (*k, RwSignal::new(false))).collect();
    let chosen = StoredValue::new(chosen);
    let secret = RwSignal::new(None::<String>);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request =
        move |vars: create_webhook::Variables| async move { gql::<CreateWebhook>(s, vars).await };
    let send_done = move |d: create_webhook::ResponseData| {
        url.set(String::new());
        chosen.with_value(|c| c.iter().for_each(|(_, on)| on.set(false)));
        secret.set(Some(d.create_webhook.secret));
        on_created.run(());
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let u = url.get_untracked().trim().to_owned();
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return send.invalid(Key::UrlRequired.text(lang));
        }
        let events: Vec<TodoKind> = chosen.with_value(|c| {
            c.iter()
                .filter(|(_, on)| on.get_untracked())
                .map(|(k, _)| *k)
                .collect()
        });
        if events.is_empty() {
            return send.invalid(Key::ChooseEvents.text(lang));
        }
        secret.set(None);
        send.run(
            send_request(create_webhook::Variables {
                url: u,
                events,
                unit_id: unit.get_untracked(),
            }),
            send_done,
        );
    };
    view! {
        <form class="form" data-testid="create-webhook-form" on:submit=submit novalidate>
            <h3>{tr(Key::CreateWebhook)}</h3>
            <div class="form-grid">
                <div><TextField id="webhook-url" label=Key::WebhookUrl value=url placeholder="https://"/></div>
                <div><UnitSelect units selected=unit id="webhook-unit" label=Key::Unit/></div>
            </div>
            <fieldset class="checks" data-testid="webhook-events">
                <legend>{tr(Key::WebhookEvents)}</legend>
                {chosen.get_value().into_iter().map(|(kind, on)| {
                    let id = format!("webhook-event-{}", kind.as_str());
                    view! {
                        <div class="check"><input id=id.clone() data-testid=id.clone() type="checkbox" bind:checked=on/><label for=id>{tr(event_name(kind))}</label></div>
                    }
                }).collect_view()}
            </fieldset>
            {move || secret.get().map(|t| view! {
                <div class="flash flash-warn" role="alert" data-testid="webhook-secret-box">
                    <p><strong><span aria-hidden="true">"⚠ "</span>{tr(Key::WebhookSecretWarning)}</strong></p>
                    <p class="secret" data-testid="webhook-secret"><code>{t}</code></p>
                </div>
            })}
            <FlashView flash testid="create-webhook-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-webhook-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}
