//! The language switch.

use crate::i18n::{Key, Lang};
use crate::state::use_session;
use leptos::prelude::*;

/// The language switch: shows the other language's name.
#[component]
pub fn LangToggle() -> impl IntoView {
    let s = use_session();
    view! {
        <button type="button" id="lang-toggle" data-testid="lang-toggle" class="btn btn-ghost"
            lang=move || if s.lang.get() == Lang::Vi { "en" } else { "vi" }
            on:click=move |_| s.set_lang(if s.lang.get_untracked() == Lang::Vi { Lang::En } else { Lang::Vi })>
            {move || s.t(if s.lang.get() == Lang::Vi { Key::SwitchToEnglish } else { Key::SwitchToVietnamese })}
        </button>
    }
}
