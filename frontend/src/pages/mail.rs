//! The caller's e-mail settings on the account page: the address mail goes to (its own, or
//! else the linked staff member's) and which kinds of mail it receives — reminders, overdue
//! notices, escalations, sent-back months, the monthly digest.

use crate::api::gql;
use crate::api::ops::my_mail::MailSettings;
use crate::api::ops::{
    MyMail, SetMutedMails, SetUserEmail, my_mail, set_muted_mails, set_user_email,
};
use crate::components::{ErrorBox, Flash, FlashView, Loading, Submit};
use crate::cycle::mail::{MAIL_KINDS, looks_like_email, mail_kind, muted};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::MailKind;

/// "Thư điện tử và thông báo": loads the caller's settings, then the two forms.
#[component]
pub fn MailSettingsPanel() -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || async move {
        gql::<MyMail>(s, my_mail::Variables).await.map(|d| d.me)
    });
    view! {
        <section class="card form" data-testid="mail-settings">
            <h2>{tr(Key::MailSettings)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(m) => view! { <MailForms settings=m/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Where mail goes, in words.
fn goes_to(s: crate::state::Session, m: &MailSettings) -> String {
    match (&m.email, &m.effective_email) {
        (_, None) => s.t(Key::NoMailAddress).to_owned(),
        (Some(_), Some(to)) => fill(s.t(Key::MailGoesTo), &[to]),
        (None, Some(to)) => format!(
            "{} {}",
            fill(s.t(Key::MailGoesTo), &[to]),
            s.t(Key::MailFromStaff)
        ),
    }
}

/// The address form and the kinds of mail.
#[component]
fn MailForms(settings: MailSettings) -> impl IntoView {
    let s = use_session();
    let current = RwSignal::new(settings.clone());
    let email = RwSignal::new(settings.email.clone().unwrap_or_default());
    let receive: Vec<(MailKind, RwSignal<bool>)> = MAIL_KINDS
        .into_iter()
        .map(|k| (k, RwSignal::new(!settings.muted_mails.contains(&k))))
        .collect();
    let receive = StoredValue::new(receive);

    let email_flash = RwSignal::new(None::<Flash>);
    let save_email = Submit::new(email_flash);
    let save_email_request =
        move |vars: set_user_email::Variables| async move { gql::<SetUserEmail>(s, vars).await };
    let save_email_done = move |d: set_user_email::ResponseData| {
        let m = d.set_user_email;
        email.set(m.email.clone().unwrap_or_default());
        let cleared = m.email.is_none();
        current.set(m);
        Some(if cleared {
            Key::EmailCleared
        } else {
            Key::EmailSaved
        })
    };
    let email_busy = save_email.pending();
    let on_email = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = email.get_untracked().trim().to_owned();
        if !e.is_empty() && !looks_like_email(&e) {
            return save_email.invalid(Key::InvalidEmail.text(s.lang.get_untracked()));
        }
        save_email.run(
            save_email_request(set_user_email::Variables {
                user_id: current.get_untracked().id,
                email: (!e.is_empty()).then_some(e),
            }),
            save_email_done,
        );
    };

    let kinds_flash = RwSignal::new(None::<Flash>);
    let save_kinds = Submit::new(kinds_flash);
    let save_kinds_request =
        move |vars: set_muted_mails::Variables| async move { gql::<SetMutedMails>(s, vars).await };
    let save_kinds_done = move |d: set_muted_mails::ResponseData| {
        let m = d.set_muted_mails;
        receive.with_value(|r| {
            r.iter()
                .for_each(|(k, on)| on.set(!m.muted_mails.contains(k)))
        });
        current.set(m);
        Some(Key::MailKindsSaved)
    };
    let kinds_busy = save_kinds.pending();
    let on_kinds = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on: Vec<MailKind> = receive.with_value(|r| {
            r.iter()
                .filter(|(_, on)| on.get_untracked())
                .map(|(k, _)| *k)
                .collect()
        });
        save_kinds.run(
            save_kinds_request(set_muted_mails::Variables { kinds: muted(&on) }),
            save_kinds_done,
        );
    };

    view! {
        <form data-testid="mail-address-form" on:submit=on_email novalidate>
            <label for="mail-email">{tr(Key::MyEmail)}</label>
            <input id="mail-email" data-testid="mail-email" type="email" autocomplete="email" bind:value=email/>
            <p class="muted" data-testid="mail-goes-to">{move || current.with(|m| goes_to(s, m))}</p>
            <FlashView flash=email_flash testid="mail-email-result"/>
            <button type="submit" class="btn btn-primary" data-testid="mail-email-save" disabled=move || email_busy.get()>{tr(Key::Save)}</button>
        </form>
        <form data-testid="mail-kinds-form" on:submit=on_kinds>
            <fieldset class="checks">
                <legend>{tr(Key::MailKindsTitle)}</legend>
                <p class="muted">{tr(Key::MailKindsHint)}</p>
                {receive.get_value().into_iter().map(|(kind, on)| {
                    let id = format!("mail-kind-{}", kind.as_str());
                    view! {
                        <div class="check"><input id=id.clone() data-testid=id.clone() type="checkbox" bind:checked=on/><label for=id>{tr(mail_kind(kind))}</label></div>
                    }
                }).collect_view()}
            </fieldset>
            <FlashView flash=kinds_flash testid="mail-kinds-result"/>
            <button type="submit" class="btn btn-primary" data-testid="mail-kinds-save" disabled=move || kinds_busy.get()>{tr(Key::SaveChoices)}</button>
        </form>
    }
}
