//! Quản trị (ADMIN): create units and accounts, create and revoke API tokens.

use crate::api::gql;
use crate::api::queries::{
    API_TOKENS, ApiTokenRow, ApiTokensData, CREATE_API_TOKEN, CREATE_UNIT, CREATE_USER,
    CreateApiTokenData, CreateUnitData, CreateUserData, REVOKE_API_TOKEN, RevokeApiTokenData,
    UnitRow,
};
use crate::components::{Empty, ErrorBox, Flash, FlashView, Loading, UnitSelect};
use crate::format::{format_datetime, parse_date};
use crate::i18n::{self, Key, fill};
use crate::pages::report::load_units;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::json;
use shared::{Role, UnitKind};

const KINDS: [UnitKind; 7] = [
    UnitKind::Province,
    UnitKind::Department,
    UnitKind::District,
    UnitKind::Commune,
    UnitKind::Division,
    UnitKind::Center,
    UnitKind::Other,
];

/// `/admin`.
#[component]
pub fn AdminPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    // Outlives the forms, which are rebuilt when the unit list reloads after a creation.
    let unit_flash = RwSignal::new(None::<Flash>);
    view! {
        <section class="page" data-testid="admin-page">
            <header class="page-head"><h1>{tr(Key::AdminTitle)}</h1></header>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                        Ok(list) => view! {
                            <CreateUnitForm units=list.clone() flash=unit_flash on_created=Callback::new(move |_| units.refetch())/>
                            <CreateUserForm units=list.clone()/>
                            <ApiTokensPanel units=list/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CreateUnitForm(
    units: Vec<UnitRow>,
    flash: RwSignal<Option<Flash>>,
    on_created: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(UnitKind::Commune);
    let parent = RwSignal::new(
        units
            .iter()
            .find(|u| u.kind == UnitKind::Province)
            .map(|u| u.id.clone())
            .unwrap_or_default(),
    );
    let busy = RwSignal::new(false);
    let count = units.len();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, n) = (code.get_untracked(), name.get_untracked());
        if c.trim().is_empty() || n.trim().is_empty() {
            flash.set(Some(Flash::Invalid(
                Key::Required.text(s.lang.get_untracked()).to_owned(),
            )));
            return;
        }
        let p = parent.get_untracked();
        let input = json!({ "code": c.trim(), "name": n.trim(), "kind": kind.get_untracked().as_str(), "parentId": if p.is_empty() { None } else { Some(p) } });
        busy.set(true);
        flash.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<CreateUnitData>(s, CREATE_UNIT, json!({ "input": input })).await;
            busy.set(false);
            match r {
                Ok(_) => {
                    code.set(String::new());
                    name.set(String::new());
                    flash.set(Some(Flash::Ok(Key::UnitCreated)));
                    on_created.run(());
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="panel" data-testid="create-unit-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateUnit)}</h2>
            <p class="muted">{move || format!("{}: {count}", s.t(Key::Unit))}</p>
            <div class="form-grid">
                <div><label for="new-unit-code">{tr(Key::Code)}</label><input id="new-unit-code" data-testid="new-unit-code" required bind:value=code/></div>
                <div><label for="new-unit-name">{tr(Key::UnitName)}</label><input id="new-unit-name" data-testid="new-unit-name" required bind:value=name/></div>
                <div>
                    <label for="new-unit-kind">{tr(Key::Kind)}</label>
                    <select id="new-unit-kind" data-testid="new-unit-kind" on:change=move |ev| if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) } prop:value=move || kind.get().as_str()>
                        {KINDS.into_iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{tr(i18n::unit_kind(k))}</option> }).collect_view()}
                    </select>
                </div>
                <div><UnitSelect units selected=parent id="new-unit-parent" label=Key::ParentUnit none_option=Key::NoParent/></div>
            </div>
            <FlashView flash testid="create-unit-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-unit-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

#[component]
fn CreateUserForm(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Officer);
    let unit = RwSignal::new(units.first().map(|u| u.id.clone()).unwrap_or_default());
    let flash = RwSignal::new(None::<Flash>);
    let created = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() {
            flash.set(Some(Flash::Invalid(format!(
                "{}: {}",
                Key::Username.text(lang),
                Key::Required.text(lang)
            ))));
            return;
        }
        if p.chars().count() < 10 {
            flash.set(Some(Flash::Invalid(
                Key::PasswordTooShort.text(lang).to_owned(),
            )));
            return;
        }
        let input = json!({ "username": u.trim(), "password": p, "role": role.get_untracked().as_str(), "unitId": unit.get_untracked() });
        busy.set(true);
        flash.set(None);
        created.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<CreateUserData>(s, CREATE_USER, json!({ "input": input })).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    username.set(String::new());
                    password.set(String::new());
                    created.set(Some(d.create_user.username));
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="panel" data-testid="create-user-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateUser)}</h2>
            <div class="form-grid">
                <div><label for="user-username">{tr(Key::Username)}</label><input id="user-username" data-testid="user-username" autocomplete="off" required bind:value=username/></div>
                <div><label for="user-password">{tr(Key::Password)}</label><input id="user-password" data-testid="user-password" type="password" autocomplete="new-password" minlength="10" required bind:value=password/></div>
                <div>
                    <label for="user-role">{tr(Key::Role)}</label>
                    <select id="user-role" data-testid="user-role" on:change=move |ev| if let Ok(r) = event_target_value(&ev).parse() { role.set(r) } prop:value=move || role.get().as_str()>
                        {[Role::Admin, Role::Manager, Role::Officer, Role::Viewer].into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || role.get() == r>{tr(i18n::role(r))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div><UnitSelect units selected=unit id="user-unit" label=Key::Unit/></div>
            </div>
            {move || created.get().map(|u| view! {
                <p class="flash flash-ok" role="status" data-testid="create-user-result"><span aria-hidden="true">"✓ "</span>{fill(s.t(Key::UserCreated), &[&u])}</p>
            })}
            <FlashView flash testid="create-user-error"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-user-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

#[component]
fn ApiTokensPanel(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let tokens = LocalResource::new(move || async move {
        gql::<ApiTokensData>(s, API_TOKENS, json!({}))
            .await
            .map(|d| d.api_tokens)
    });
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(
        units
            .iter()
            .find(|u| u.kind == UnitKind::Province)
            .or(units.first())
            .map(|u| u.id.clone())
            .unwrap_or_default(),
    );
    let expires = RwSignal::new(String::new());
    let secret = RwSignal::new(None::<String>);
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            flash.set(Some(Flash::Invalid(format!(
                "{}: {}",
                Key::TokenName.text(lang),
                Key::Required.text(lang)
            ))));
            return;
        }
        let e = expires.get_untracked();
        let expires_at = if e.trim().is_empty() {
            None
        } else if let Some(d) = parse_date(&e) {
            Some(format!("{d}T23:59:59Z"))
        } else {
            flash.set(Some(Flash::Invalid(Key::InvalidDate.text(lang).to_owned())));
            return;
        };
        busy.set(true);
        flash.set(None);
        secret.set(None);
        let vars =
            json!({ "name": n.trim(), "unitId": unit.get_untracked(), "expiresAt": expires_at });
        leptos::task::spawn_local(async move {
            let r = gql::<CreateApiTokenData>(s, CREATE_API_TOKEN, vars).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    name.set(String::new());
                    expires.set(String::new());
                    secret.set(Some(d.create_api_token.token));
                    tokens.refetch();
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
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
                            <div class="table-wrap">
                                <table class="table" data-testid="api-tokens-table">
                                    <thead><tr>
                                        <th scope="col">{tr(Key::TokenName)}</th>
                                        <th scope="col">{tr(Key::Unit)}</th>
                                        <th scope="col">{tr(Key::CreatedAt)}</th>
                                        <th scope="col">{tr(Key::ExpiresAt)}</th>
                                        <th scope="col">{tr(Key::Status)}</th>
                                        <th scope="col"></th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|t| view! { <TokenRow token=t/> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
            <form class="form" data-testid="create-token-form" on:submit=submit novalidate>
                <div class="form-grid">
                    <div><label for="token-name">{tr(Key::TokenName)}</label><input id="token-name" data-testid="token-name" required bind:value=name/></div>
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

#[component]
fn TokenRow(token: ApiTokenRow) -> impl IntoView {
    let s = use_session();
    let state = RwSignal::new(token);
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let revoke = move |_| {
        let id = state.get_untracked().id;
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = gql::<RevokeApiTokenData>(s, REVOKE_API_TOKEN, json!({ "id": id })).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    state.set(d.revoke_api_token);
                    flash.set(Some(Flash::Ok(Key::TokenRevoked)));
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
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
