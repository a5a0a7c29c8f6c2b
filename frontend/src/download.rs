//! Download buttons for the server's exports (`GET /export/…`, XLSX and CSV): the file is
//! fetched with the session's bearer token, wrapped in a Blob and saved through an object
//! URL and a clicked anchor; a spinner shows while it downloads and an error if it fails.

use crate::api::ApiError;
use crate::i18n::Key;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use serde::Deserialize;
use shared::ErrorCode;
use wasm_bindgen::JsCast;

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    message: String,
    #[serde(default)]
    extensions: Option<ErrorExt>,
}

#[derive(Deserialize)]
struct ErrorExt {
    code: Option<String>,
    field: Option<String>,
}

fn transport(message: impl Into<String>) -> ApiError {
    ApiError {
        code: None,
        message: message.into(),
        field: None,
    }
}

/// The file name of a `Content-Disposition` header: `filename*` (UTF-8) first.
pub fn file_name(disposition: &str) -> Option<String> {
    let star = disposition
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("filename*=UTF-8''"))
        .map(percent_decode);
    star.or_else(|| {
        disposition
            .split(';')
            .map(str::trim)
            .find_map(|p| p.strip_prefix("filename="))
            .map(|s| s.trim_matches('"').to_owned())
    })
    .filter(|s| !s.is_empty())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn fetch_file(session: Session, path: &str) -> Result<(Vec<u8>, String, String), ApiError> {
    let mut request = gloo_net::http::Request::get(path);
    if let Some(token) = session.token.get_untracked() {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request.send().await.map_err(|e| transport(e.to_string()))?;
    let status = response.status();
    let header = |name: &str| response.headers().get(name).unwrap_or_default();
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let bytes = response
        .binary()
        .await
        .map_err(|e| transport(e.to_string()))?;
    if (200..300).contains(&status) {
        let name = file_name(&disposition).unwrap_or_else(|| "export".to_owned());
        return Ok((bytes, content_type, name));
    }
    let body: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
    let first = body.and_then(|b| b.errors.into_iter().next());
    Err(match first {
        Some(e) => {
            let (code, field) = e
                .extensions
                .map(|x| (x.code.and_then(|c| c.parse::<ErrorCode>().ok()), x.field))
                .unwrap_or((None, None));
            ApiError {
                code: Some(code.unwrap_or(ErrorCode::Internal)),
                message: e.message,
                field,
            }
        }
        None => match crate::api::busy_status(status) {
            Some(code) => ApiError {
                code: Some(code),
                message: format!("HTTP {status}"),
                field: None,
            },
            None => transport(format!("HTTP {status}")),
        },
    })
}

/// Hands the bytes to the browser as a download named `name`.
pub fn save(bytes: &[u8], content_type: &str, name: &str) -> Result<(), ApiError> {
    let fail = |_| transport("the browser refused the file");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| transport("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| transport("no anchor"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_attribute("hidden", "").map_err(fail)?;
    let body = document.body().ok_or_else(|| transport("no body"))?;
    body.append_child(&anchor).map_err(fail)?;
    anchor.click();
    anchor.remove();
    // The browser reads the object URL after the click returns: free it a little later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// "Tải Excel" and "Tải CSV" for the export at `path` (e.g. `/export/scoreboard?year=2023`),
/// with `data-testid` `{testid}-xlsx` and `{testid}-csv`; with `notice`, also "Tải thông báo
/// (PDF)" for the results notice at that path (`{testid}-pdf`).
#[component]
pub fn DownloadButtons(
    #[prop(into)] path: Signal<String>,
    #[prop(into)] testid: String,
    #[prop(optional, into)] notice: Option<Signal<String>>,
) -> impl IntoView {
    let s = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let start = move |format: &'static str| {
        if busy.get_untracked() {
            return;
        }
        let url = match (format, notice) {
            ("pdf", Some(notice)) => notice.get_untracked(),
            _ => {
                let path = path.get_untracked();
                let sep = if path.contains('?') { '&' } else { '?' };
                format!("{path}{sep}format={format}")
            }
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match fetch_file(s, &url).await {
                Ok((bytes, content_type, name)) => save(&bytes, &content_type, &name),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                if e.code == Some(ErrorCode::Unauthenticated) {
                    s.logout(Some(Key::SessionExpired));
                }
                error.set(Some(e));
            }
            busy.set(false);
        });
    };
    let xlsx_id = format!("{testid}-xlsx");
    let csv_id = format!("{testid}-csv");
    let pdf_id = format!("{testid}-pdf");
    view! {
        <div class="downloads" data-testid=testid.clone() data-busy=move || busy.get().to_string()>
            <button type="button" class="btn btn-small" data-testid=xlsx_id
                disabled=move || busy.get() on:click=move |_| start("xlsx")>
                <span aria-hidden="true">"⬇ "</span>{tr(Key::DownloadXlsx)}
            </button>
            <button type="button" class="btn btn-small" data-testid=csv_id
                disabled=move || busy.get() on:click=move |_| start("csv")>
                <span aria-hidden="true">"⬇ "</span>{tr(Key::DownloadCsv)}
            </button>
            {notice.map(|_| view! {
                <button type="button" class="btn btn-small" data-testid=pdf_id
                    disabled=move || busy.get() on:click=move |_| start("pdf")>
                    <span aria-hidden="true">"⬇ "</span>{tr(Key::DownloadNotice)}
                </button>
            })}
            <Show when=move || busy.get()>
                <span class="refreshing" role="status" data-testid="download-busy">
                    <span class="spinner" aria-hidden="true"></span>{tr(Key::Downloading)}
                </span>
            </Show>
            {move || error.get().map(|e| view! {
                <p class="field-error" role="alert" data-testid="download-error"
                    data-code=e.code.map(|c| c.as_str()).unwrap_or("NETWORK")>
                    <span aria-hidden="true">"⚠ "</span>{tr(Key::DownloadFailed)}": "{tr(e.key())}" — "{e.message.clone()}
                </p>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf8_file_name_wins_over_the_ascii_one() {
        let h = "attachment; filename=\"Bao-cao.xlsx\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.xlsx";
        assert_eq!(file_name(h).as_deref(), Some("Báo cáo.xlsx"));
        assert_eq!(
            file_name("attachment; filename=\"a.csv\"").as_deref(),
            Some("a.csv")
        );
        assert_eq!(file_name("attachment"), None);
    }
}
