//! The one-line message after an action: done, failed (with the server's error) or refused
//! by a local check.

use crate::api::ApiError;
use crate::components::ErrorBox;
use crate::i18n::Key;
use crate::state::tr;
use leptos::prelude::*;

/// A one-line success or error message after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    /// It worked.
    Ok(Key),
    /// It failed.
    Err(ApiError),
    /// A local validation message.
    Invalid(String),
}

/// Shows a [`Flash`] when there is one.
#[component]
pub fn FlashView(flash: RwSignal<Option<Flash>>, #[prop(into)] testid: String) -> impl IntoView {
    move || {
        flash.get().map(|f| match f {
            Flash::Ok(k) => view! {
                <p class="flash flash-ok" role="status" data-testid=testid.clone()><span aria-hidden="true">"✓ "</span>{tr(k)}</p>
            }
            .into_any(),
            Flash::Invalid(msg) => view! {
                <p class="flash flash-err" role="alert" data-testid=testid.clone()><span aria-hidden="true">"⚠ "</span>{msg}</p>
            }
            .into_any(),
            Flash::Err(e) => view! { <div data-testid=testid.clone()><ErrorBox error=e/></div> }.into_any(),
        })
    }
}
