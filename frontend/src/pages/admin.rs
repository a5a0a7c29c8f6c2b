//! Quản trị (ADMIN): the unit tree (edit, move, deactivate), create units, staff and accounts,
//! create and revoke API tokens, and the indicator catalogue (points, rule, threshold, in use).

use crate::api::gql;
use crate::api::queries::{
    ADMIN_UNITS, API_TOKENS, AdminUnit, AdminUnitsData, ApiTokenRow, ApiTokensData,
    CREATE_API_TOKEN, CREATE_STAFF, CREATE_UNIT, CREATE_USER, CatalogueIndicator,
    CreateApiTokenData, CreateStaffData, CreateUnitData, CreateUserData, INDICATOR_CATALOGUE,
    IndicatorCatalogueData, REVOKE_API_TOKEN, RevokeApiTokenData, UPDATE_INDICATOR, UPDATE_UNIT,
    UnitRow, UpdateIndicatorData, UpdateUnitData, subtree_ids, unit_tree,
};
use crate::components::{Empty, ErrorBox, Flash, FlashView, Loading, UnitSelect};
use crate::format::{format_datetime, format_number, parse_date, parse_decimal};
use crate::i18n::{self, Key, fill};
use crate::pages::report::load_units;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::json;
use shared::{IndicatorKind, Role, ScoringRule, UnitKind};

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
    let tree_reload = RwSignal::new(0u32);
    let tree_flash = RwSignal::new(None::<Flash>);
    view! {
        <section class="page" data-testid="admin-page">
            <header class="page-head"><h1>{tr(Key::AdminTitle)}</h1></header>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                        Ok(list) => view! {
                            <CreateUnitForm units=list.clone() flash=unit_flash on_created=Callback::new(move |_| { units.refetch(); tree_reload.update(|n| *n += 1) })/>
                            <UnitTreePanel reload=tree_reload flash=tree_flash on_changed=Callback::new(move |_| units.refetch())/>
                            <CreateStaffForm units=list.clone()/>
                            <CreateUserForm units=list.clone()/>
                            <ApiTokensPanel units=list/>
                        }.into_any(),
                    }
                })}
            </Transition>
            <IndicatorCataloguePanel/>
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

#[component]
fn CreateStaffForm(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let unit = RwSignal::new(units.first().map(|u| u.id.clone()).unwrap_or_default());
    let full_name = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let is_head = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let created = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, n, p) = (
            unit.get_untracked(),
            full_name.get_untracked(),
            position.get_untracked(),
        );
        if u.is_empty() || n.trim().is_empty() || p.trim().is_empty() {
            flash.set(Some(Flash::Invalid(
                Key::Required.text(s.lang.get_untracked()).to_owned(),
            )));
            return;
        }
        let e = email.get_untracked();
        let input = json!({
            "unitId": u,
            "fullName": n.trim(),
            "position": p.trim(),
            "isHead": is_head.get_untracked(),
            "email": if e.trim().is_empty() { None } else { Some(e.trim().to_owned()) },
        });
        busy.set(true);
        flash.set(None);
        created.set(None);
        leptos::task::spawn_local(async move {
            let r = gql::<CreateStaffData>(s, CREATE_STAFF, json!({ "input": input })).await;
            busy.set(false);
            match r {
                Ok(d) => {
                    full_name.set(String::new());
                    position.set(String::new());
                    email.set(String::new());
                    is_head.set(false);
                    created.set(Some(d.create_staff.full_name));
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="panel" data-testid="create-staff-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateStaff)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="staff-unit" label=Key::Unit/></div>
                <div><label for="staff-full-name">{tr(Key::FullName)}</label><input id="staff-full-name" data-testid="staff-full-name" required bind:value=full_name/></div>
                <div><label for="staff-position">{tr(Key::Position)}</label><input id="staff-position" data-testid="staff-position" required bind:value=position/></div>
                <div><label for="staff-email">{move || format!("{} {}", s.t(Key::Email), s.t(Key::Optional))}</label><input id="staff-email" data-testid="staff-email" type="email" bind:value=email/></div>
                <div class="check"><input id="staff-is-head" data-testid="staff-is-head" type="checkbox" bind:checked=is_head/><label for="staff-is-head">{tr(Key::IsHead)}</label></div>
            </div>
            {move || created.get().map(|n| view! {
                <p class="flash flash-ok" role="status" data-testid="create-staff-result"><span aria-hidden="true">"✓ "</span>{move || fill(s.t(Key::StaffCreated), &[&n])}</p>
            })}
            <FlashView flash testid="create-staff-error"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-staff-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

/// Every unit as a tree, with an edit form (name, kind, parent, active) and a quick
/// deactivate / reactivate.
#[component]
fn UnitTreePanel(
    reload: RwSignal<u32>,
    flash: RwSignal<Option<Flash>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || {
        reload.track();
        async move {
            gql::<AdminUnitsData>(s, ADMIN_UNITS, json!({}))
                .await
                .map(|d| d.units)
        }
    });
    let editing = RwSignal::new(None::<AdminUnit>);

    let changed = Callback::new(move |_: ()| {
        reload.update(|n| *n += 1);
        on_changed.run(());
    });
    view! {
        <section class="panel" data-testid="unit-tree-panel">
            <h2>{tr(Key::UnitList)}</h2>
            <FlashView flash testid="unit-tree-result"/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoUnits/> }.into_any(),
                        Ok(list) => {
                            let all = StoredValue::new(list.clone());
                            view! {
                                {move || editing.get().map(|u| view! {
                                    <EditUnitForm unit=u units=all.get_value() flash
                                        on_done=Callback::new(move |saved: bool| { editing.set(None); if saved { changed.run(()) } })/>
                                })}
                                <div class="table-wrap">
                                    <table class="table" data-testid="unit-tree">
                                        <thead><tr>
                                            <th scope="col">{tr(Key::UnitName)}</th>
                                            <th scope="col">{tr(Key::Code)}</th>
                                            <th scope="col">{tr(Key::Kind)}</th>
                                            <th scope="col">{tr(Key::Status)}</th>
                                            <th scope="col"></th>
                                        </tr></thead>
                                        <tbody>
                                            {unit_tree(&list).into_iter().map(|(depth, u)| {
                                                let u2 = u.clone();
                                                let id = u.id.clone();
                                                let active = u.active;
                                                let toggle = move |_| {
                                                    let id = id.clone();
                                                    flash.set(None);
                                                    leptos::task::spawn_local(async move {
                                                        let r = gql::<UpdateUnitData>(s, UPDATE_UNIT, json!({ "id": id, "input": { "active": !active } })).await;
                                                        match r {
                                                            Ok(_) => { flash.set(Some(Flash::Ok(Key::UnitUpdated))); changed.run(()) }
                                                            Err(e) => flash.set(Some(Flash::Err(e))),
                                                        }
                                                    });
                                                };
                                                view! {
                                                    <tr data-testid=format!("unit-row-{}", u.id) data-active=u.active.to_string() class=if u.active { "" } else { "row-inactive" }>
                                                        <td><span class="tree-indent" style=format!("padding-left: {}rem", depth as f64 * 1.25)>
                                                            {(depth > 0).then(|| view! { <span aria-hidden="true">"└ "</span> })}
                                                            <A href=format!("/units/{}", u.id)>{u.name.clone()}</A></span></td>
                                                        <td><code>{u.code.clone()}</code></td>
                                                        <td>{tr(i18n::unit_kind(u.kind))}</td>
                                                        <td data-testid="unit-active">{if u.active {
                                                            view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::UnitActive)}</span> }.into_any()
                                                        } else {
                                                            view! { <span class="badge st-none"><span aria-hidden="true">"○ "</span>{tr(Key::UnitInactive)}</span> }.into_any()
                                                        }}</td>
                                                        <td class="row-actions">
                                                            <button type="button" class="btn btn-small" data-testid="unit-edit"
                                                                on:click=move |_| editing.set(Some(u2.clone()))>{tr(Key::Edit)}</button>
                                                            <button type="button" class="btn btn-small" data-testid="unit-toggle-active" on:click=toggle>
                                                                {move || if active { s.t(Key::Deactivate) } else { s.t(Key::Activate) }}
                                                            </button>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn EditUnitForm(
    unit: AdminUnit,
    units: Vec<AdminUnit>,
    flash: RwSignal<Option<Flash>>,
    on_done: Callback<bool>,
) -> impl IntoView {
    let s = use_session();
    let name = RwSignal::new(unit.name.clone());
    let kind = RwSignal::new(unit.kind);
    let parent = RwSignal::new(unit.parent_id().unwrap_or_default().to_owned());
    let active = RwSignal::new(unit.active);
    let busy = RwSignal::new(false);
    let local = RwSignal::new(None::<Flash>);
    // A unit cannot move below itself.
    let excluded = subtree_ids(&units, &unit.id);
    let parents: Vec<UnitRow> = units
        .iter()
        .filter(|u| !excluded.contains(&u.id))
        .map(|u| UnitRow {
            id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind,
        })
        .collect();
    let id = unit.id.clone();
    let title = unit.name.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            local.set(Some(Flash::Invalid(
                Key::Required.text(s.lang.get_untracked()).to_owned(),
            )));
            return;
        }
        let p = parent.get_untracked();
        let mut input = json!({ "name": n.trim(), "kind": kind.get_untracked().as_str(), "active": active.get_untracked() });
        if !p.is_empty() {
            input["parentId"] = json!(p);
        }
        let id = id.clone();
        busy.set(true);
        local.set(None);
        leptos::task::spawn_local(async move {
            let r =
                gql::<UpdateUnitData>(s, UPDATE_UNIT, json!({ "id": id, "input": input })).await;
            busy.set(false);
            match r {
                Ok(_) => {
                    flash.set(Some(Flash::Ok(Key::UnitUpdated)));
                    on_done.run(true);
                }
                Err(e) => local.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="subpanel" data-testid="edit-unit-form" on:submit=submit novalidate>
            <h3>{move || fill(s.t(Key::EditUnit), &[&title])}</h3>
            <div class="form-grid">
                <div><label for="edit-unit-name">{tr(Key::UnitName)}</label><input id="edit-unit-name" data-testid="edit-unit-name" required bind:value=name/></div>
                <div>
                    <label for="edit-unit-kind">{tr(Key::Kind)}</label>
                    <select id="edit-unit-kind" data-testid="edit-unit-kind" on:change=move |ev| if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) } prop:value=move || kind.get().as_str()>
                        {KINDS.into_iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{tr(i18n::unit_kind(k))}</option> }).collect_view()}
                    </select>
                </div>
                <div><UnitSelect units=parents selected=parent id="edit-unit-parent" label=Key::ParentUnit none_option=Key::NoParent/></div>
                <div class="check"><input id="edit-unit-active" data-testid="edit-unit-active" type="checkbox" bind:checked=active/><label for="edit-unit-active">{tr(Key::UnitActive)}</label></div>
            </div>
            <FlashView flash=local testid="edit-unit-error"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="edit-unit-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" class="btn" data-testid="edit-unit-cancel" on:click=move |_| on_done.run(false)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}

const RULES: [ScoringRule; 3] = [
    ScoringRule::Target,
    ScoringRule::Proportional,
    ScoringRule::Threshold,
];

/// The indicator catalogue: points, scoring rule, threshold, in use or not, name.
#[component]
fn IndicatorCataloguePanel() -> impl IntoView {
    let s = use_session();
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        async move {
            gql::<IndicatorCatalogueData>(s, INDICATOR_CATALOGUE, json!({}))
                .await
                .map(|d| d.indicators)
        }
    });
    let editing = RwSignal::new(None::<CatalogueIndicator>);
    let flash = RwSignal::new(None::<Flash>);
    view! {
        <section class="panel" data-testid="indicator-catalogue">
            <h2>{tr(Key::IndicatorCatalogue)}</h2>
            <FlashView flash testid="edit-indicator-result"/>
            {move || editing.get().map(|i| view! {
                <EditIndicatorForm indicator=i flash on_done=Callback::new(move |saved: bool| {
                    editing.set(None);
                    if saved { reload.update(|n| *n += 1) }
                })/>
            })}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoResults/> }.into_any(),
                        Ok(list) => {
                            let total: f64 = list.iter().filter(|i| i.active).map(|i| i.points).sum();
                            view! {
                                <div class="table-wrap">
                                    <table class="table" data-testid="indicators-table">
                                        <thead><tr>
                                            <th scope="col">{tr(Key::Code)}</th>
                                            <th scope="col">{tr(Key::Name)}</th>
                                            <th scope="col">{tr(Key::Group)}</th>
                                            <th scope="col" class="num">{tr(Key::Points)}</th>
                                            <th scope="col">{tr(Key::Rule)}</th>
                                            <th scope="col" class="num">{tr(Key::Threshold)}</th>
                                            <th scope="col">{tr(Key::Status)}</th>
                                            <th scope="col"></th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|i| {
                                                let i2 = i.clone();
                                                let group = i.group.clone();
                                                let is_rate = i.kind == IndicatorKind::Rate;
                                                view! {
                                                    <tr data-testid=format!("indicator-row-{}", i.code) data-active=i.active.to_string() class=if i.active { "" } else { "row-inactive" }>
                                                        <td><code>{i.code.clone()}</code></td>
                                                        <td data-testid="indicator-name">{i.name.clone()}</td>
                                                        <td>{move || i18n::indicator_group(&group).map_or_else(|| group.clone(), |k| s.t(k).to_owned())}</td>
                                                        <td class="num" data-testid="indicator-points">{format_number(i.points, 2)}</td>
                                                        <td data-testid="indicator-rule">{tr(i18n::scoring_rule(i.rule))}</td>
                                                        <td class="num" data-testid="indicator-threshold">{crate::format::format_value(i.threshold, is_rate)}</td>
                                                        <td data-testid="indicator-active">{if i.active {
                                                            view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::InUse)}</span> }.into_any()
                                                        } else {
                                                            view! { <span class="badge st-none"><span aria-hidden="true">"○ "</span>{tr(Key::NotInUse)}</span> }.into_any()
                                                        }}</td>
                                                        <td><button type="button" class="btn btn-small" data-testid="indicator-edit"
                                                            on:click=move |_| editing.set(Some(i2.clone()))>{tr(Key::Edit)}</button></td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot><tr>
                                            <th scope="row" colspan="3">{tr(Key::Total)}</th>
                                            <td class="num" data-testid="indicator-points-total"><strong>{format_number(total, 2)}</strong></td>
                                            <td colspan="4"></td>
                                        </tr></tfoot>
                                    </table>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn EditIndicatorForm(
    indicator: CatalogueIndicator,
    flash: RwSignal<Option<Flash>>,
    on_done: Callback<bool>,
) -> impl IntoView {
    let s = use_session();
    let name = RwSignal::new(indicator.name.clone());
    let points = RwSignal::new(format_number(indicator.points, 2));
    let rule = RwSignal::new(indicator.rule);
    let threshold = RwSignal::new(
        indicator
            .threshold
            .map(|t| format_number(t, 2))
            .unwrap_or_default(),
    );
    let active = RwSignal::new(indicator.active);
    let busy = RwSignal::new(false);
    let local = RwSignal::new(None::<Flash>);
    let code = indicator.code.clone();
    let title = indicator.code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let invalid = |k: Key| local.set(Some(Flash::Invalid(k.text(lang).to_owned())));
        let n = name.get_untracked();
        if n.trim().is_empty() {
            return invalid(Key::Required);
        }
        let Some(p) = parse_decimal(&points.get_untracked()) else {
            return invalid(Key::InvalidNumber);
        };
        let t = threshold.get_untracked();
        let t = if t.trim().is_empty() {
            None
        } else if let Some(t) = parse_decimal(&t) {
            Some(t)
        } else {
            return invalid(Key::InvalidNumber);
        };
        let r = rule.get_untracked();
        if r == ScoringRule::Threshold && t.is_none() {
            return invalid(Key::Required);
        }
        let mut input = json!({ "name": n.trim(), "points": p, "rule": r.as_str(), "active": active.get_untracked() });
        if let Some(t) = t {
            input["threshold"] = json!(t);
        }
        let code = code.clone();
        busy.set(true);
        local.set(None);
        leptos::task::spawn_local(async move {
            let res = gql::<UpdateIndicatorData>(
                s,
                UPDATE_INDICATOR,
                json!({ "code": code, "input": input }),
            )
            .await;
            busy.set(false);
            match res {
                Ok(_) => {
                    flash.set(Some(Flash::Ok(Key::IndicatorUpdated)));
                    on_done.run(true);
                }
                Err(e) => local.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="subpanel" data-testid="edit-indicator-form" on:submit=submit novalidate>
            <h3>{move || format!("{}: {}", s.t(Key::Edit), title)}</h3>
            <div class="form-grid">
                <div><label for="edit-indicator-name">{tr(Key::Name)}</label><input id="edit-indicator-name" data-testid="edit-indicator-name" required bind:value=name/></div>
                <div><label for="edit-indicator-points">{tr(Key::Points)}</label><input id="edit-indicator-points" data-testid="edit-indicator-points" inputmode="decimal" required bind:value=points/></div>
                <div>
                    <label for="edit-indicator-rule">{tr(Key::Rule)}</label>
                    <select id="edit-indicator-rule" data-testid="edit-indicator-rule" on:change=move |ev| if let Ok(r) = event_target_value(&ev).parse() { rule.set(r) } prop:value=move || rule.get().as_str()>
                        {RULES.into_iter().map(|r| view! { <option value=r.as_str() selected=move || rule.get() == r>{tr(i18n::scoring_rule(r))}</option> }).collect_view()}
                    </select>
                </div>
                <div><label for="edit-indicator-threshold">{move || format!("{} {}", s.t(Key::Threshold), s.t(Key::Optional))}</label><input id="edit-indicator-threshold" data-testid="edit-indicator-threshold" inputmode="decimal" bind:value=threshold/></div>
                <div class="check"><input id="edit-indicator-active" data-testid="edit-indicator-active" type="checkbox" bind:checked=active/><label for="edit-indicator-active">{tr(Key::InUse)}</label></div>
            </div>
            <FlashView flash=local testid="edit-indicator-error"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="edit-indicator-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" class="btn" data-testid="edit-indicator-cancel" on:click=move |_| on_done.run(false)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}
