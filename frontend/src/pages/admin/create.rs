//! Creating units, accounts and staff.

use super::KINDS;
use crate::api::gql;
use crate::api::ops::create_staff::CreateStaffInput;
use crate::api::ops::create_unit::CreateUnitInput;
use crate::api::ops::create_user::CreateUserInput;
use crate::api::ops::units::UnitRow;
use crate::api::ops::{
    CreateStaff, CreateUnit, CreateUser, create_staff, create_unit, create_user,
};
use crate::components::{CheckField, EnumSelect, Flash, FlashView, Submit, TextField, UnitSelect};
use crate::cycle::mail::looks_like_email;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{Role, UnitKind};

const ROLES: [Role; 4] = [Role::Admin, Role::Manager, Role::Officer, Role::Viewer];

/// Creates a unit under a parent.
#[component]
pub(super) fn CreateUnitForm(
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
    let count = units.len();
    let send = Submit::new(flash);
    let send_request = move |input: CreateUnitInput| async move {
        gql::<CreateUnit>(s, create_unit::Variables { input }).await
    };
    let send_done = move |_| {
        code.set(String::new());
        name.set(String::new());
        on_created.run(());
        Some(Key::UnitCreated)
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, n) = (code.get_untracked(), name.get_untracked());
        if c.trim().is_empty() || n.trim().is_empty() {
            return send.invalid(Key::Required.text(s.lang.get_untracked()));
        }
        let p = parent.get_untracked();
        send.run(
            send_request(CreateUnitInput {
                code: c.trim().to_owned(),
                name: n.trim().to_owned(),
                kind: kind.get_untracked(),
                parent_id: (!p.is_empty()).then_some(p),
            }),
            send_done,
        );
    };
    view! {
        <form class="panel" data-testid="create-unit-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateUnit)}</h2>
            <p class="muted">{move || format!("{}: {count}", s.t(Key::Unit))}</p>
            <div class="form-grid">
                <div><TextField id="new-unit-code" label=Key::Code value=code/></div>
                <div><TextField id="new-unit-name" label=Key::UnitName value=name/></div>
                <div><EnumSelect id="new-unit-kind" label=Key::Kind value=kind options=&KINDS/></div>
                <div><UnitSelect units selected=parent id="new-unit-parent" label=Key::ParentUnit none_option=Key::NoParent/></div>
            </div>
            <FlashView flash testid="create-unit-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-unit-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

/// Creates an account.
#[component]
pub(super) fn CreateUserForm(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Officer);
    let unit = RwSignal::new(units.first().map(|u| u.id.clone()).unwrap_or_default());
    let email = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let created = RwSignal::new(None::<String>);
    let send = Submit::new(flash);
    let send_request = move |input: CreateUserInput| async move {
        gql::<CreateUser>(s, create_user::Variables { input }).await
    };
    let send_done = move |d: create_user::ResponseData| {
        username.set(String::new());
        password.set(String::new());
        email.set(String::new());
        created.set(Some(d.create_user.username));
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() {
            return send.invalid(format!(
                "{}: {}",
                Key::Username.text(lang),
                Key::Required.text(lang)
            ));
        }
        if p.chars().count() < 10 {
            return send.invalid(Key::PasswordTooShort.text(lang));
        }
        let e = email.get_untracked().trim().to_owned();
        if !e.is_empty() && !looks_like_email(&e) {
            return send.invalid(Key::InvalidEmail.text(lang));
        }
        created.set(None);
        send.run(
            send_request(CreateUserInput {
                username: u.trim().to_owned(),
                password: p,
                role: role.get_untracked(),
                unit_id: unit.get_untracked(),
                staff_id: None,
                email: (!e.is_empty()).then_some(e),
            }),
            send_done,
        );
    };
    view! {
        <form class="panel" data-testid="create-user-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateUser)}</h2>
            <div class="form-grid">
                <div><label for="user-username">{tr(Key::Username)}</label><input id="user-username" data-testid="user-username" autocomplete="off" required bind:value=username/></div>
                <div><label for="user-password">{tr(Key::Password)}</label><input id="user-password" data-testid="user-password" type="password" autocomplete="new-password" minlength="10" required bind:value=password/></div>
                <div><EnumSelect id="user-role" label=Key::Role value=role options=&ROLES/></div>
                <div><UnitSelect units selected=unit id="user-unit" label=Key::Unit/></div>
                <div><label for="user-email">{move || format!("{} {}", s.t(Key::Email), s.t(Key::Optional))}</label><input id="user-email" data-testid="user-email" type="email" autocomplete="off" bind:value=email/></div>
            </div>
            {move || created.get().map(|u| view! {
                <p class="flash flash-ok" role="status" data-testid="create-user-result"><span aria-hidden="true">"✓ "</span>{fill(s.t(Key::UserCreated), &[&u])}</p>
            })}
            <FlashView flash testid="create-user-error"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-user-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}

/// Adds a staff member to a unit.
#[component]
pub(super) fn CreateStaffForm(units: Vec<UnitRow>) -> impl IntoView {
    let s = use_session();
    let unit = RwSignal::new(units.first().map(|u| u.id.clone()).unwrap_or_default());
    let full_name = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let is_head = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let created = RwSignal::new(None::<String>);
    let send = Submit::new(flash);
    let send_request = move |input: CreateStaffInput| async move {
        gql::<CreateStaff>(s, create_staff::Variables { input }).await
    };
    let send_done = move |d: create_staff::ResponseData| {
        full_name.set(String::new());
        position.set(String::new());
        email.set(String::new());
        code.set(String::new());
        is_head.set(false);
        created.set(Some(d.create_staff.full_name));
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, n, p) = (
            unit.get_untracked(),
            full_name.get_untracked(),
            position.get_untracked(),
        );
        if u.is_empty() || n.trim().is_empty() || p.trim().is_empty() {
            return send.invalid(Key::Required.text(s.lang.get_untracked()));
        }
        let e = email.get_untracked();
        let c = code.get_untracked();
        created.set(None);
        send.run(
            send_request(CreateStaffInput {
                unit_id: u,
                full_name: n.trim().to_owned(),
                position: p.trim().to_owned(),
                is_head: Some(is_head.get_untracked()),
                email: (!e.trim().is_empty()).then(|| e.trim().to_owned()),
                code: (!c.trim().is_empty()).then(|| c.trim().to_owned()),
            }),
            send_done,
        );
    };
    view! {
        <form class="panel" data-testid="create-staff-form" on:submit=submit novalidate>
            <h2>{tr(Key::CreateStaff)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="staff-unit" label=Key::Unit/></div>
                <div><TextField id="staff-full-name" label=Key::FullName value=full_name/></div>
                <div><TextField id="staff-position" label=Key::Position value=position/></div>
                <div><label for="staff-email">{move || format!("{} {}", s.t(Key::Email), s.t(Key::Optional))}</label><input id="staff-email" data-testid="staff-email" type="email" bind:value=email/></div>
                <div><label for="staff-code">{move || format!("{} {}", s.t(Key::StaffCode), s.t(Key::Optional))}</label><input id="staff-code" data-testid="staff-code" bind:value=code/></div>
                <CheckField id="staff-is-head" label=Key::IsHead checked=is_head/>
            </div>
            {move || created.get().map(|n| view! {
                <p class="flash flash-ok" role="status" data-testid="create-staff-result"><span aria-hidden="true">"✓ "</span>{move || fill(s.t(Key::StaffCreated), &[&n])}</p>
            })}
            <FlashView flash testid="create-staff-error"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="create-staff-submit" disabled=move || busy.get()>{tr(Key::Create)}</button></div>
        </form>
    }
}
