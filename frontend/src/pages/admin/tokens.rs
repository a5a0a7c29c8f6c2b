//! API tokens: the list, creating one (its secret shown once) and revoking one.

use crate::api::gql;
use crate::api::ops::api_tokens::ApiToken as ApiTokenRow;
use crate::api::ops::units::UnitRow;
use crate::api::ops::{
    ApiTokens, CreateApiToken, RevokeApiToken, api_tokens, create_api_token, revoke_api_token,
};
use crate::components::{
    Col, Empty, ErrorBox, Flash, FlashView, Loading, Submit, Table, TextField, UnitSelect,
};
use crate::format::{format_datetime, parse_date};
use crate::i18n::Key;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// The API tokens and the form to create one; its secret is shown once.
#[component]
pub(super) fn ApiTokensPanel(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let tokens = LocalResource::new(move || async move {
        gql::<ApiTokens>(s, api_tokens::Variables)
            .await
            .map(|d| d.api_tokens)
    });
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(super::default_unit(&units));
    let expires = RwSignal::new(String::new());
    let secret = RwSignal::new(None::<String>);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request = move |vars: create_api_token::Variables| async move {
        gql::<CreateApiToken>(s, vars).await
    };
    let send_done = move |d: create_api_token::ResponseData| {
        name.set(String::new());
        expires.set(String::new());
        secret.set(Some(d.create_api_token.token));
        tokens.refetch();
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            return send.invalid(format!(
                "{}: {}",
                Key::TokenName.text(lang),
                Key::Required.text(lang)
            ));
        }
        let e = expires.get_untracked();
        let expires_at = if e.trim().is_empty() {
            None
        } else if let Some(d) = parse_date(&e) {
            Some(format!("{d}T23:59:59Z"))
        } else {
            return send.invalid(Key::InvalidDate.text(lang));
        };
        secret.set(None);
        send.run(
            send_request(create_api_token::Variables {
                name: n.trim().to_owned(),
                unit_id: unit.get_untracked(),
                expires_at,
            }),
            send_done,
        );
    };
    view! {
        <section class="panel" data-testid="api-tokens-panel">
            <h2>{tr(Key::ApiTokens)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| tokens.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoApiTokens/> }.into_any(),
                        Ok(list) => view! {
                            <Table testid="api-tokens-table" cols=vec![Col::text(Key::TokenName), Col::text(Key::Unit), Col::text(Key::CreatedAt), Col::text(Key::ExpiresAt), Col::text(Key::Status), Col::actions()]>
                                        {list.into_iter().map(|t| view! { <TokenRow token=t/> }).collect_view()}
                            </Table>
                        }.into_any(),
                    }
                })}
            </Transition>
            <form class="form" data-testid="create-token-form" on:submit=submit novalidate>
                <div class="form-grid">
                    <div><TextField id="token-name" label=Key::TokenName value=name/></div>
                    <div><UnitSelect units selected=unit id="token-unit" label=Key::Unit/></div>
                    <div><label for="token-expires">{tr(Key::ExpiresOnOptional)}</label><input id="token-expires" data-testid="token-expires" placeholder="dd/mm/yyyy" bind:value=expires/></div>
                </div>
                {move || secret.get().map(|t| view! {
                    <div class="flash flash-ok" role="status">
                        <p>{tr(Key::TokenCreated)}</p>
                        <p class="secret" data-testid="token-secret"><code>{t}</code></p>
                    </div>
                })}
                <FlashView flash testid="create-token-result"/>
                <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-token-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
            </form>
        </section>
    }
}

/// One API token, with its revoke button.
#[component]
fn TokenRow(token: ApiTokenRow) -> impl IntoView {
    let s = use_session();
    let state = RwSignal::new(token);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request = move |id: String| async move {
        gql::<RevokeApiToken>(s, revoke_api_token::Variables { id }).await
    };
    let send_done = move |d: revoke_api_token::ResponseData| {
        state.set(d.revoke_api_token);
        Some(Key::TokenRevoked)
    };
    let busy = send.pending();
    let revoke = move |_| send.run(send_request(state.get_untracked().id), send_done);
    let t = state.get_untracked();
    view! {
        <tr data-testid=format!("token-row-{}", t.id)>
            <td>{t.name.clone()}</td>
            <td><A href=format!("/units/{}", t.unit.id)>{t.unit.name.clone()}</A></td>
            <td>{format_datetime(&t.created_at)}</td>
            <td>{match t.expires_at.clone() {
                Some(e) => view! { <span>{format_datetime(&e)}</span> }.into_any(),
                None => view! { <span>{tr(Key::Never)}</span> }.into_any(),
            }}</td>
            <td data-testid="token-status">{move || if state.get().revoked {
                view! { <span class="badge st-off"><span aria-hidden="true">"✗ "</span>{tr(Key::Revoked)}</span> }.into_any()
            } else {
                view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::Active)}</span> }.into_any()
            }}</td>
            <td>
                <Show when=move || !state.get().revoked>
                    <button type="button" class="btn btn-danger btn-small" data-testid="token-revoke" disabled=move || busy.get() on:click=revoke>{tr(Key::Revoke)}</button>
                </Show>
                <FlashView flash testid="token-row-result"/>
            </td>
        </tr>
    }
}
