//! Logging in, and the account page: changing one's password, one's e-mail settings.

use crate::api::ops::{ChangePassword, Login, change_password, login};
use crate::api::{ApiError, gql};
use crate::components::{ErrorBox, Flash, FlashView, LangToggle, Submit};
use crate::i18n::Key;
use crate::pages::mail::MailSettingsPanel;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use shared::ErrorCode;

/// Logs in as `username` and starts the session.
async fn log_in(s: Session, username: String, password: String) -> Result<(), ApiError> {
    let d = gql::<Login>(s, login::Variables { username, password }).await?;
    s.login(d.login.token, d.login.user.into());
    Ok(())
}

/// The login form, shown whenever there is no session.
#[component]
pub fn LoginPage() -> impl IntoView {
    let s = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let missing = RwSignal::new(false);
    let send = Submit::new(RwSignal::new(None));
    let send_request = move |(u, p): (String, String)| log_in(s, u, p);
    let send_done = move |r: Result<(), ApiError>| {
        match r {
            Ok(()) => password.set(String::new()),
            Err(e) => error.set(Some(e)),
        }
        None
    };
    let pending = send.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() || p.is_empty() {
            missing.set(true);
            return;
        }
        missing.set(false);
        error.set(None);
        send.run_with(send_request((u.trim().to_owned(), p)), send_done);
    };

    view! {
        <main class="login-page" id="main">
            <div class="login-lang"><LangToggle/></div>
            <form class="card login-card" id="login-form" data-testid="login-form" on:submit=on_submit novalidate>
                <h1>{tr(Key::AppName)}</h1>
                <p class="muted">{tr(Key::AppTagline)}</p>
                {move || s.notice.get().map(|k| view! {
                    <p class="flash flash-info" role="status" data-testid="login-notice">{tr(k)}</p>
                })}
                <label for="login-username">{tr(Key::Username)}</label>
                <input id="login-username" name="username" data-testid="login-username" type="text"
                    autocomplete="username" autocapitalize="none" required bind:value=username/>
                <label for="login-password">{tr(Key::Password)}</label>
                <input id="login-password" name="password" data-testid="login-password" type="password"
                    autocomplete="current-password" required bind:value=password/>
                <Show when=move || missing.get()>
                    <p class="flash flash-err" role="alert">{tr(Key::FillUsernamePassword)}</p>
                </Show>
                {move || error.get().map(|e| match e.code {
                    Some(ErrorCode::Unauthenticated) => view! {
                        <p class="flash flash-err" role="alert" data-testid="login-error">
                            <span aria-hidden="true">"⚠ "</span>{tr(Key::LoginFailed)}
                        </p>
                    }.into_any(),
                    // A right password on a locked account.
                    Some(ErrorCode::Forbidden) => view! {
                        <p class="flash flash-err" role="alert" data-testid="login-error" data-code="ACCOUNT_LOCKED">
                            <span aria-hidden="true">"⚠ "</span>{tr(Key::AccountIsLocked)}
                        </p>
                    }.into_any(),
                    _ => view! { <div data-testid="login-error"><ErrorBox error=e/></div> }.into_any(),
                })}
                <button type="submit" id="login-submit" data-testid="login-submit" class="btn btn-primary"
                    disabled=move || pending.get()>
                    {move || s.t(if pending.get() { Key::LoggingIn } else { Key::Login })}
                </button>
            </form>
        </main>
    }
}

/// The account page: who I am, change my password, my e-mail and the mail I receive.
#[component]
pub fn AccountPage() -> impl IntoView {
    let s = use_session();
    let me = s.me_untracked();
    let me_name = me.as_ref().map(|m| m.username.clone()).unwrap_or_default();
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request = move |(o, n): (String, String)| change_and_log_in(s, me_name.clone(), o, n);
    let send_done = move |r: Result<(), Changed>| match r {
        Ok(()) => {
            old.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            Some(Flash::Ok(Key::PasswordChanged))
        }
        Err(Changed::LogInAgain) => {
            old.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            s.logout(Some(Key::PasswordChangedLogIn));
            None
        }
        Err(Changed::Failed(e)) => Some(Flash::Err(e)),
    };
    let pending = send.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (o, n, c) = (
            old.get_untracked(),
            new.get_untracked(),
            confirm.get_untracked(),
        );
        let lang = s.lang.get_untracked();
        if n.chars().count() < 10 {
            return send.invalid(Key::PasswordTooShort.text(lang));
        }
        if n != c {
            return send.invalid(Key::PasswordMismatch.text(lang));
        }
        send.run_with(send_request((o, n)), send_done);
    };

    view! {
        <section class="page" data-testid="account-page">
            <h1>{tr(Key::Account)}</h1>
            {me.map(|m| view! {
                <dl class="facts">
                    <dt>{tr(Key::Username)}</dt><dd>{m.username.clone()}</dd>
                    <dt>{tr(Key::Role)}</dt><dd>{tr(crate::i18n::role(m.role))}</dd>
                    <dt>{tr(Key::Unit)}</dt><dd>{m.unit.name.clone()}</dd>
                </dl>
            })}
            <form class="card form" id="change-password-form" data-testid="change-password-form" on:submit=on_submit>
                <h2>{tr(Key::ChangePassword)}</h2>
                <label for="old-password">{tr(Key::OldPassword)}</label>
                <input id="old-password" data-testid="old-password" type="password" autocomplete="current-password" required bind:value=old/>
                <label for="new-password">{tr(Key::NewPassword)}</label>
                <input id="new-password" data-testid="new-password" type="password" autocomplete="new-password" minlength="10" required bind:value=new/>
                <label for="confirm-password">{tr(Key::ConfirmPassword)}</label>
                <input id="confirm-password" data-testid="confirm-password" type="password" autocomplete="new-password" minlength="10" required bind:value=confirm/>
                <FlashView flash testid="change-password-result"/>
                <button type="submit" class="btn btn-primary" data-testid="change-password-submit" disabled=move || pending.get()>
                    {move || s.t(if pending.get() { Key::Saving } else { Key::ChangePassword })}
                </button>
            </form>
            <MailSettingsPanel/>
        </section>
    }
}

/// Why a password change did not end logged in.
enum Changed {
    /// The change failed.
    Failed(ApiError),
    /// It worked, but logging in again with the new password did not.
    LogInAgain,
}

/// Changes the password, then logs in again with the new one: the change ended every
/// session of the account, this one too.
async fn change_and_log_in(
    s: Session,
    username: String,
    old: String,
    new: String,
) -> Result<(), Changed> {
    let vars = change_password::Variables {
        old_password: old,
        new_password: new.clone(),
    };
    gql::<ChangePassword>(s, vars)
        .await
        .map_err(Changed::Failed)?;
    log_in(s, username, new)
        .await
        .map_err(|_| Changed::LogInAgain)
}
