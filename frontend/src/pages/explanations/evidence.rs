//! Evidence of an explanation or of one of its actions: the files (name, size, who and when)
//! each downloaded with the session's token, removed by who may; and a file input that sends
//! each chosen file at once, showing the server's message for one refused.

use crate::api::ApiError;
use crate::api::gql;
use crate::api::ops::explanation_requests::Evidence;
use crate::api::ops::{RemoveEvidence, remove_evidence};
use crate::components::{Flash, FlashView, Submit};
use crate::evidence::{download, upload};
use crate::follow::format_size;
use crate::i18n::Key;
use crate::state::{tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The files, or "Chưa có tài liệu kiểm chứng."
#[component]
pub fn EvidenceList(
    files: Vec<Evidence>,
    can_remove: bool,
    refresh: Callback<()>,
    testid: &'static str,
) -> impl IntoView {
    if files.is_empty() {
        return view! { <p class="muted" data-testid=format!("{testid}-empty")>{tr(Key::NoEvidence)}</p> }
            .into_any();
    }
    view! {
        <ul class="evidence-list" data-testid=testid>
            {files.into_iter().map(|f| view! { <EvidenceItem file=f can_remove refresh/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn EvidenceItem(file: Evidence, can_remove: bool, refresh: Callback<()>) -> impl IntoView {
    let s = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let (url, name) = (file.url.clone(), file.file_name.clone());
    let open = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let (url, name) = (url.clone(), name.clone());
        leptos::task::spawn_local(async move {
            if let Err(e) = download(s, &url, &name).await {
                error.set(Some(e));
            }
            busy.set(false);
        });
    };
    let flash = RwSignal::new(None::<Flash>);
    let remove = Submit::new(flash);
    let id = file.id.clone();
    let removing = remove.pending();
    view! {
        <li class="evidence" data-testid=format!("evidence-{}", file.id)>
            <button type="button" class="btn btn-small btn-link" data-testid="evidence-download"
                disabled=move || busy.get() on:click=open>
                <span aria-hidden="true">"⬇ "</span>{file.file_name.clone()}
            </button>
            " "<span class="muted" data-testid="evidence-size">{format_size(file.size)}</span>
            " "<span class="muted">"· "{file.uploaded_by.clone()}" · "{format_vietnam_datetime(&file.uploaded_at)}</span>
            {can_remove.then(|| view! {
                " "<button type="button" class="btn btn-small btn-ghost" data-testid="evidence-remove" disabled=move || removing.get()
                    on:click=move |_| {
                        let id = id.clone();
                        remove.run(
                            async move { gql::<RemoveEvidence>(s, remove_evidence::Variables { id }).await },
                            move |_| { refresh.run(()); None },
                        )
                    }>
                    {tr(Key::Remove)}
                </button>
            })}
            {move || error.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="evidence-error">
                    <span aria-hidden="true">"⚠ "</span>{tr(Key::DownloadFailed)}": "{e.message.clone()}
                </p>
            })}
            <FlashView flash testid="evidence-remove-result"/>
        </li>
    }
}

/// A file input: each chosen file is sent at once; then the request is loaded again.
#[component]
pub fn EvidenceUpload(
    request_id: String,
    action_id: Option<String>,
    refresh: Callback<()>,
    testid: &'static str,
) -> impl IntoView {
    let s = use_session();
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(0usize);
    let input_id = match &action_id {
        Some(a) => format!("{testid}-{a}"),
        None => testid.to_owned(),
    };
    let ids = StoredValue::new((request_id, action_id));
    let chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if files.is_empty() {
            return;
        }
        busy.set(true);
        errors.set(Vec::new());
        done.set(0);
        let (request_id, action_id) = ids.get_value();
        leptos::task::spawn_local(async move {
            let mut sent = 0;
            for f in &files {
                match upload(s, &request_id, action_id.as_deref(), f).await {
                    Ok(()) => sent += 1,
                    Err(e) => errors.update(|l| l.push((f.name(), e.message))),
                }
            }
            input.set_value("");
            busy.set(false);
            done.set(sent);
            if sent > 0 {
                refresh.run(());
            }
        });
    };
    view! {
        <div class="evidence-upload">
            <label for=input_id.clone()>{tr(Key::AddEvidence)}</label>
            <div class="file-pick">
                <input type="file" multiple id=input_id.clone() data-testid=input_id.clone() class="file-input"
                    accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.xlsx,.docx,application/pdf,image/*"
                    disabled=move || busy.get() on:change=chosen/>
                <label for=input_id.clone() class="btn file-button" aria-hidden="true">{tr(Key::PickFiles)}</label>
            </div>
            <p class="muted field-hint">{tr(Key::EvidenceHint)}</p>
            <Show when=move || busy.get()>
                <p class="refreshing" role="status" data-testid="evidence-uploading">
                    <span class="spinner" aria-hidden="true"></span>{tr(Key::Uploading)}
                </p>
            </Show>
            {move || errors.get().into_iter().map(|(name, message)| view! {
                <p class="flash flash-err" role="alert" data-testid="evidence-refused">
                    <span aria-hidden="true">"⚠ "</span><strong>{name}</strong>": "{message}
                </p>
            }).collect_view()}
        </div>
    }
}
