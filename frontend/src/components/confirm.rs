//! The dialog that asks before something that cannot be undone (publishing or withdrawing a
//! ranking, changing a target that has a roadmap): a modal `role="dialog"` titled by its
//! heading; the focus moves into it (to the element marked `data-autofocus`, else the
//! dialog), Esc or a click outside cancels, and the focus returns to where it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The attribute that marks the element to give the focus back to.
const RETURN_FOCUS: &str = "data-return-focus";

/// A modal confirmation; `children` are its text and its buttons (the caller's confirm and
/// cancel actions).
#[component]
pub fn ConfirmDialog(
    /// The heading, which names the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// The dialog's `data-testid` (its heading's id is `<testid>-title`).
    testid: &'static str,
    /// Esc, a click on the backdrop.
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    // Remember where the focus was, to give it back when the dialog closes.
    if let Some(el) = document().active_element() {
        let _ = el.set_attribute(RETURN_FOCUS, "");
    }
    on_cleanup(|| {
        let Ok(Some(el)) = document().query_selector(&format!("[{RETURN_FOCUS}]")) else {
            return;
        };
        let _ = el.remove_attribute(RETURN_FOCUS);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let first = d
                .query_selector("[data-autofocus]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let _ = match first {
                Some(el) => el.focus(),
                None => d.focus(),
            };
        }
    });
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    });
    on_cleanup(move || esc.remove());
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_cancel.run(())>
            <div class="dialog dialog-confirm" role="dialog" aria-modal="true" aria-labelledby=labelled_by
                tabindex="-1" data-testid=testid node_ref=dialog on:click=|ev| ev.stop_propagation()>
                <h2 id=title_id>{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}
