//! The states a panel can be in besides showing its data: loading, reloading, empty, failed.

use crate::api::ApiError;
use crate::i18n::Key;
use crate::state::tr;
use leptos::prelude::*;

/// "Đang tải…" with a spinner, announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="state state-loading" role="status" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {tr(Key::Loading)}
        </p>
    }
}

/// Shown while a page reloads for a new period (the old figures stay visible meanwhile).
#[component]
pub fn Refreshing(pending: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || pending.get()>
            <p class="refreshing" role="status" data-testid="refreshing">
                <span class="spinner" aria-hidden="true"></span>{tr(Key::Loading)}
            </p>
        </Show>
    }
}

/// An empty state with its message.
#[component]
pub fn Empty(key: Key) -> impl IntoView {
    view! { <p class="state state-empty" data-testid="empty">{tr(key)}</p> }
}

/// A translated API error, with the server's detail and an optional retry.
#[component]
pub fn ErrorBox(
    error: ApiError,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let key = error.key();
    let code = error.code.map(|c| c.as_str()).unwrap_or("NETWORK");
    let detail = error.message.clone();
    let field = error.field.clone();
    view! {
        <div class="state state-error" role="alert" data-testid="error" data-code=code>
            <p class="error-title"><span aria-hidden="true">"⚠ "</span>{tr(key)}</p>
            <p class="error-detail">
                {tr(Key::ErrorDetail)}": "{detail.clone()}
                {field.clone().map(|f| view! { " (" {tr(Key::ErrorField)} ": " <code>{f}</code> ")" })}
            </p>
            {on_retry.map(|cb| view! {
                <button type="button" class="btn" on:click=move |_| cb.run(())>{tr(Key::Retry)}</button>
            })}
        </div>
    }
}
