//! `/admin/accounts` (Tài khoản): the accounts of the ADMIN's subtree — searched by
//! username, full name, e-mail or unit, filtered by role and state, a page at a time — with
//! "Khóa tài khoản" (after a confirmation with a reason), "Mở khóa tài khoản", "Đặt lại mật
//! khẩu" (the temporary password shown once) and "Mở khóa đăng nhập" (the login
//! throttle's lock, a different thing); then the forms that create accounts and staff.

use super::create::{CreateStaffForm, CreateUserForm};
use super::tabs::AdminSection;
use crate::api::ops::users::AccountRow;
use crate::api::ops::{
    LockUser, ResetPassword, UnlockLogin, UnlockUser, Users, lock_user, reset_password,
    unlock_login, unlock_user, users,
};
use crate::api::{ApiError, gql};
use crate::components::{
    Col, Empty, ErrorBox, Flash, FlashView, Loading, Submit, Table, TextField,
};
use crate::i18n::{self, Key, fill};
use crate::pages::load_units;
use crate::state::{tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

/// Rows a page of the list asks for.
const PAGE_SIZE: i64 = 50;

/// The roles the filter offers.
const ROLES: [Role; 4] = [Role::Admin, Role::Manager, Role::Officer, Role::Viewer];

/// The list's filters as applied.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    search: String,
    role: Option<Role>,
    locked: Option<bool>,
}

/// Where the list stands.
#[derive(Debug, Clone, PartialEq)]
enum ListState {
    Loading,
    Failed(ApiError),
    Ready,
}

/// What a confirmation dialog is about to do.
#[derive(Clone, PartialEq)]
enum Asking {
    Lock(AccountRow),
    Reset(AccountRow),
}

/// The page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    view! {
        <AdminSection testid="admin-accounts-page">
            <AccountListPanel/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                        Ok(list) => view! {
                            <CreateUserForm units=list.clone()/>
                            <CreateStaffForm units=list/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </AdminSection>
    }
}

/// The searchable list of accounts with their actions.
#[component]
fn AccountListPanel() -> impl IntoView {
    let s = use_session();
    let text = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let applied = RwSignal::new(Filters::default());
    let rows = RwSignal::new(Vec::<AccountRow>::new());
    let total = RwSignal::new(0i64);
    let cursor = RwSignal::new(None::<String>);
    let list = RwSignal::new(ListState::Loading);
    let more_pending = RwSignal::new(false);
    // Answers to an older request are dropped.
    let generation = StoredValue::new(0u32);
    let asking = RwSignal::new(None::<Asking>);
    let flash = RwSignal::new(None::<Flash>);
    let done_text = RwSignal::new(None::<String>);
    let temporary = RwSignal::new(None::<(String, String)>);

    let load = move |append: bool| {
        let f = applied.get_untracked();
        let after = if append { cursor.get_untracked() } else { None };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if append {
            more_pending.set(true);
        } else {
            list.set(ListState::Loading);
        }
        let vars = users::Variables {
            search: (!f.search.trim().is_empty()).then(|| f.search.trim().to_owned()),
            role: f.role,
            locked: f.locked,
            first: PAGE_SIZE,
            after,
        };
        leptos::task::spawn_local(async move {
            let answer = gql::<Users>(s, vars).await;
            if generation.get_value() != mine {
                return;
            }
            more_pending.set(false);
            match answer {
                Ok(d) => {
                    let page = d.users;
                    if append {
                        rows.update(|r| r.extend(page.rows));
                    } else {
                        rows.set(page.rows);
                    }
                    total.set(page.total_count);
                    cursor.set(page.end_cursor.filter(|_| page.has_next_page));
                    list.set(ListState::Ready);
                }
                Err(e) => list.set(ListState::Failed(e)),
            }
        });
    };
    Effect::new(move |_| {
        applied.track();
        load(false);
    });
    let apply = move || {
        applied.set(Filters {
            search: text.get_untracked(),
            role: role.get_untracked().parse().ok(),
            locked: match state.get_untracked().as_str() {
                "LOCKED" => Some(true),
                "ACTIVE" => Some(false),
                _ => None,
            },
        })
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply();
    };
    let replace = move |row: AccountRow| {
        rows.update(|r| {
            if let Some(old) = r.iter_mut().find(|x| x.id == row.id) {
                *old = row;
            }
        })
    };
    let me = s.me_untracked().map(|m| m.id).unwrap_or_default();

    view! {
        <section class="panel" data-testid="accounts-panel">
            <h2>{tr(Key::AccountsTitle)}</h2>
            <p class="hint-line">{tr(Key::AccountsHint)}</p>
            <form class="account-filters" data-testid="accounts-search-form" on:submit=on_search role="search">
                <div class="account-search">
                    <label for="accounts-search">{tr(Key::SearchAccounts)}</label>
                    <input id="accounts-search" data-testid="accounts-search" type="search" autocomplete="off" bind:value=text/>
                </div>
                <div>
                    <label for="accounts-role">{tr(Key::Role)}</label>
                    <select id="accounts-role" data-testid="accounts-role" prop:value=move || role.get()
                        on:change=move |ev| { role.set(event_target_value(&ev)); apply() }>
                        <option value="">{tr(Key::AllRoles)}</option>
                        {ROLES.into_iter().map(|r| view! { <option value=r.as_str()>{tr(i18n::role(r))}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="accounts-state">{tr(Key::AccountStateFilter)}</label>
                    <select id="accounts-state" data-testid="accounts-state" prop:value=move || state.get()
                        on:change=move |ev| { state.set(event_target_value(&ev)); apply() }>
                        <option value="">{tr(Key::AllAccountStates)}</option>
                        <option value="LOCKED">{tr(Key::OnlyLocked)}</option>
                        <option value="ACTIVE">{tr(Key::OnlyUnlocked)}</option>
                    </select>
                </div>
                <div class="account-search-go">
                    <button type="submit" class="btn btn-primary" data-testid="accounts-search-submit">{tr(Key::SearchAction)}</button>
                </div>
            </form>
            {move || done_text.get().map(|t| view! {
                <p class="flash flash-ok" role="status" data-testid="account-action-result"><span aria-hidden="true">"✓ "</span>{t}</p>
            })}
            {move || temporary.get().map(|(user, pw)| view! {
                <div class="flash flash-ok" role="status" data-testid="temporary-password-box">
                    <p>{move || fill(s.t(Key::TemporaryPassword), &[&user])}</p>
                    <p class="secret" data-testid="temporary-password"><code>{pw.clone()}</code></p>
                </div>
            })}
            <FlashView flash testid="account-action-error"/>
            {move || match list.get() {
                ListState::Loading => view! { <Loading/> }.into_any(),
                ListState::Failed(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| load(false))/> }.into_any(),
                ListState::Ready if rows.with(Vec::is_empty) => view! { <Empty key=Key::NoAccounts/> }.into_any(),
                ListState::Ready => {
                    let me = me.clone();
                    view! {
                        <p class="muted" data-testid="accounts-count">{move || fill(s.t(Key::AccountsCount), &[&crate::format::format_count(total.get())])}</p>
                        <Table testid="accounts-table" stack=true cols=vec![
                            Col::text(Key::Username), Col::text(Key::FullNameCol), Col::text(Key::Role), Col::text(Key::Unit),
                            Col::text(Key::Email), Col::text(Key::Status), Col::text(Key::LastLogin), Col::actions()]>
                            <For each=move || rows.get() key=|r| (r.id.clone(), r.locked, r.must_change_password, r.last_login_at.clone()) let:row>
                                <AccountRowView row=row.clone() is_me=row.id == me asking flash done_text temporary replace=Callback::new(replace)/>
                            </For>
                        </Table>
                        <Show when=move || cursor.with(Option::is_some)>
                            <div class="actions">
                                <button type="button" class="btn" data-testid="accounts-more" disabled=move || more_pending.get()
                                    on:click=move |_| load(true)>{tr(Key::ShowMore)}</button>
                            </div>
                        </Show>
                    }.into_any()
                }
            }}
            {move || asking.get().map(|a| view! {
                <ConfirmDialog asking=a on_close=Callback::new(move |_| asking.set(None)) flash done_text temporary replace=Callback::new(replace)/>
            })}
        </section>
    }
}

/// One account with its actions.
#[component]
fn AccountRowView(
    row: AccountRow,
    is_me: bool,
    asking: RwSignal<Option<Asking>>,
    flash: RwSignal<Option<Flash>>,
    done_text: RwSignal<Option<String>>,
    temporary: RwSignal<Option<(String, String)>>,
    replace: Callback<AccountRow>,
) -> impl IntoView {
    let s = use_session();
    let send = Submit::new(flash);
    let busy = send.pending();
    let unlock = {
        let (id, name) = (row.id.clone(), row.username.clone());
        move |_| {
            let (id, name) = (id.clone(), name.clone());
            done_text.set(None);
            temporary.set(None);
            send.run(
                async move { gql::<UnlockUser>(s, unlock_user::Variables { user_id: id }).await },
                move |d| {
                    done_text.set(Some(fill(s.t(Key::AccountUnlockedDone), &[&name])));
                    replace.run(d.unlock_user);
                    None
                },
            )
        }
    };
    let unlock_login = {
        let name = row.username.clone();
        move |_| {
            let name = name.clone();
            done_text.set(None);
            temporary.set(None);
            let vars = unlock_login::Variables {
                username: name.clone(),
            };
            send.run(async move { gql::<UnlockLogin>(s, vars).await }, move |d| {
                let key = if d.unlock_login {
                    Key::LoginUnlocked
                } else {
                    Key::NothingToUnlock
                };
                done_text.set(Some(fill(s.t(key), &[&name])));
                None
            })
        }
    };
    let full_name = row
        .staff
        .as_ref()
        .map(|st| st.full_name.clone())
        .unwrap_or_default();
    let lock_row = row.clone();
    let reset_row = row.clone();
    let locked = row.locked;
    let lock_title = row
        .lock_reason
        .clone()
        .map(|reason| (row.locked_at.clone().unwrap_or_default(), reason));
    view! {
        <tr data-testid=format!("account-row-{}", row.username) data-locked=row.locked.to_string()
            class=if row.locked { "row-inactive" } else { "" }>
            <td data-label=tr(Key::Username)><strong>{row.username.clone()}</strong></td>
            <td data-label=tr(Key::FullNameCol)>{full_name}</td>
            <td data-label=tr(Key::Role)>{tr(i18n::role(row.role))}</td>
            <td data-label=tr(Key::Unit)><A href=format!("/units/{}", row.unit.id)>{row.unit.name.clone()}</A></td>
            <td data-label=tr(Key::Email) class="wrap-anywhere">{row.email.clone().unwrap_or_default()}</td>
            <td data-label=tr(Key::Status) data-testid="account-state">
                {if locked {
                    view! { <span class="badge st-off"><span aria-hidden="true">"✗ "</span>{tr(Key::AccountLocked)}</span> }.into_any()
                } else {
                    view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::AccountActive)}</span> }.into_any()
                }}
                {row.must_change_password.then(|| view! { " "<span class="badge st-none">{tr(Key::MustChangePasswordBadge)}</span> })}
                {lock_title.map(|(at, reason)| view! {
                    <div class="muted small" data-testid="account-lock-reason">{move || fill(s.t(Key::LockedSince), &[&format_vietnam_datetime(&at), &reason])}</div>
                })}
            </td>
            <td data-label=tr(Key::LastLogin)>{match row.last_login_at.clone() {
                Some(at) => view! { <span>{format_vietnam_datetime(&at)}</span> }.into_any(),
                None => view! { <span class="muted">{tr(Key::NeverLoggedIn)}</span> }.into_any(),
            }}</td>
            <td class="row-actions">
                {if locked {
                    view! {
                        <button type="button" class="btn btn-small" data-testid="account-unlock" disabled=move || busy.get()
                            on:click=unlock>{tr(Key::UnlockAccount)}</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-danger btn-small" data-testid="account-lock"
                            disabled=move || is_me || busy.get() title=move || is_me.then(|| s.t(Key::CannotLockSelf))
                            on:click=move |_| asking.set(Some(Asking::Lock(lock_row.clone())))>{tr(Key::LockAccount)}</button>
                    }.into_any()
                }}
                <button type="button" class="btn btn-small" data-testid="account-reset" disabled=move || busy.get()
                    on:click=move |_| asking.set(Some(Asking::Reset(reset_row.clone())))>{tr(Key::ResetPassword)}</button>
                <button type="button" class="btn btn-small btn-ghost" data-testid="account-unlock-login" disabled=move || busy.get()
                    title=move || s.t(Key::UnlockLoginHint) on:click=unlock_login>{tr(Key::UnlockLogin)}</button>
            </td>
        </tr>
    }
}

/// The confirmation of a lock (with its reason) or of a password reset.
#[component]
fn ConfirmDialog(
    asking: Asking,
    on_close: Callback<()>,
    flash: RwSignal<Option<Flash>>,
    done_text: RwSignal<Option<String>>,
    temporary: RwSignal<Option<(String, String)>>,
    replace: Callback<AccountRow>,
) -> impl IntoView {
    let s = use_session();
    let reason = RwSignal::new(String::new());
    let local = RwSignal::new(None::<Flash>);
    let send = Submit::new(local);
    let busy = send.pending();
    let first_field = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = first_field.get() {
            let _ = b.focus();
        }
    });
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || esc.remove());
    let (row, is_lock) = match &asking {
        Asking::Lock(r) => (r.clone(), true),
        Asking::Reset(r) => (r.clone(), false),
    };
    let name = row.username.clone();
    let title_name = name.clone();
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, name) = (row.id.clone(), name.clone());
        flash.set(None);
        done_text.set(None);
        temporary.set(None);
        if is_lock {
            let why = reason.get_untracked().trim().to_owned();
            if why.is_empty() {
                return send.invalid(Key::LockReasonRequired.text(s.lang.get_untracked()));
            }
            let vars = lock_user::Variables {
                user_id: id,
                reason: why,
            };
            send.run(async move { gql::<LockUser>(s, vars).await }, move |d| {
                done_text.set(Some(fill(s.t(Key::AccountLockedDone), &[&name])));
                replace.run(d.lock_user);
                on_close.run(());
                None
            });
        } else {
            let mut updated = row.clone();
            send.run(
                async move { gql::<ResetPassword>(s, reset_password::Variables { user_id: id }).await },
                move |d| {
                    temporary.set(Some((name, d.reset_password.temporary_password)));
                    updated.must_change_password = true;
                    replace.run(updated);
                    on_close.run(());
                    None
                },
            );
        }
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(())>
            <form class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="account-confirm-title"
                data-testid="account-confirm" on:click=|ev| ev.stop_propagation() on:submit=confirm novalidate>
                <h2 id="account-confirm-title">{move || fill(s.t(if is_lock { Key::LockConfirmTitle } else { Key::ResetConfirmTitle }), &[&title_name])}</h2>
                <p>{tr(if is_lock { Key::LockConfirmHint } else { Key::ResetConfirmHint })}</p>
                {is_lock.then(|| view! { <TextField id="lock-reason" label=Key::LockReason value=reason/> })}
                <FlashView flash=local testid="account-confirm-error"/>
                <div class="actions">
                    <button type="submit" class="btn btn-danger" data-testid="account-confirm-submit" disabled=move || busy.get()>
                        {tr(if is_lock { Key::ConfirmLock } else { Key::ConfirmReset })}
                    </button>
                    <button type="button" class="btn" data-testid="account-confirm-cancel" node_ref=first_field
                        on:click=move |_| on_close.run(())>{tr(Key::Cancel)}</button>
                </div>
            </form>
        </div>
    }
}
