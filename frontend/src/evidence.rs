//! Evidence files over HTTP, beside GraphQL: a chosen file is sent as the raw body of
//! `POST /files/explanations/{request}/evidence?name=…[&action=…]` with the session's bearer
//! token; a stored file is fetched from its `url` with the same token and handed to the
//! browser as a download (a Blob's object URL). The server's own message (Vietnamese) is
//! what a refusal shows (413: too large, 415: not an allowed type).

use crate::api::ApiError;
use crate::download::save;
use crate::i18n::Key;
use crate::state::Session;
use leptos::prelude::GetUntracked;
use serde::Deserialize;
use shared::ErrorCode;

/// The JSON of a refusal: `{"code", "message", "field"}`.
#[derive(Deserialize)]
struct Refusal {
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    field: Option<String>,
}

fn transport(message: impl Into<String>) -> ApiError {
    ApiError {
        code: None,
        message: message.into(),
        field: None,
    }
}

/// The error of a refused answer: its JSON when there is one, else its status.
fn refused(status: u16, text: &str) -> ApiError {
    let body: Option<Refusal> = serde_json::from_str(text).ok();
    let code = body
        .as_ref()
        .and_then(|b| b.code.as_deref())
        .and_then(|c| c.parse::<ErrorCode>().ok())
        .or_else(|| crate::api::busy_status(status))
        .or(match status {
            404 => Some(ErrorCode::NotFound),
            401 => Some(ErrorCode::Unauthenticated),
            403 => Some(ErrorCode::Forbidden),
            413 | 415 => Some(ErrorCode::Validation),
            _ => None,
        });
    let message = body
        .as_ref()
        .and_then(|b| b.message.clone())
        .unwrap_or_else(|| format!("HTTP {status}"));
    ApiError {
        code,
        message,
        field: body.and_then(|b| b.field),
    }
}

/// The address a file is sent to.
pub fn upload_path(request_id: &str, action_id: Option<&str>, name: &str) -> String {
    let mut path = format!(
        "/files/explanations/{}/evidence?name={}",
        encode(request_id),
        encode(name)
    );
    if let Some(a) = action_id {
        path.push_str("&action=");
        path.push_str(&encode(a));
    }
    path
}

/// Percent-encodes everything but unreserved characters (RFC 3986), UTF-8 first.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn bearer(session: Session) -> Option<String> {
    session.token.get_untracked().map(|t| format!("Bearer {t}"))
}

/// Sends `file` as evidence of the request (of one of its actions with `action_id`).
pub async fn upload(
    session: Session,
    request_id: &str,
    action_id: Option<&str>,
    file: &web_sys::File,
) -> Result<(), ApiError> {
    let path = upload_path(request_id, action_id, &file.name());
    let mut request =
        gloo_net::http::Request::post(&path).header("Content-Type", "application/octet-stream");
    if let Some(b) = bearer(session) {
        request = request.header("Authorization", &b);
    }
    let request = request
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|e| transport(e.to_string()))?;
    let response = request.send().await.map_err(|e| transport(e.to_string()))?;
    let status = response.status();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let text = response.text().await.unwrap_or_default();
    let error = refused(status, &text);
    if error.code == Some(ErrorCode::Unauthenticated) {
        session.logout(Some(Key::SessionExpired));
    }
    Err(error)
}

/// Fetches a stored file with the session's token and saves it as `name`.
pub async fn download(session: Session, url: &str, name: &str) -> Result<(), ApiError> {
    let mut request = gloo_net::http::Request::get(url);
    if let Some(b) = bearer(session) {
        request = request.header("Authorization", &b);
    }
    let response = request.send().await.map_err(|e| transport(e.to_string()))?;
    let status = response.status();
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let bytes = response
        .binary()
        .await
        .map_err(|e| transport(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(refused(status, &String::from_utf8_lossy(&bytes)));
    }
    save(&bytes, &content_type, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_goes_to_its_request_and_action_with_its_name_encoded() {
        assert_eq!(
            upload_path("12", None, "Báo cáo 1.pdf"),
            "/files/explanations/12/evidence?name=B%C3%A1o%20c%C3%A1o%201.pdf"
        );
        assert_eq!(
            upload_path("12", Some("7"), "a&b.png"),
            "/files/explanations/12/evidence?name=a%26b.png&action=7"
        );
    }

    #[test]
    fn a_refusal_shows_the_servers_message() {
        let e = refused(
            413,
            r#"{"code":"PAYLOAD_TOO_LARGE","message":"Tệp quá lớn (tối đa 10 MB)."}"#,
        );
        assert_eq!(e.message, "Tệp quá lớn (tối đa 10 MB).");
        assert_eq!(e.code, Some(ErrorCode::Validation));
        let e = refused(
            415,
            r#"{"code":"VALIDATION","field":"file","message":"Chỉ nhận PDF, ảnh, XLSX, DOCX."}"#,
        );
        assert_eq!(e.field.as_deref(), Some("file"));
        assert_eq!(e.code, Some(ErrorCode::Validation));
        let e = refused(404, r#"{"code":"NOT_FOUND"}"#);
        assert_eq!(e.code, Some(ErrorCode::NotFound));
        assert_eq!(e.message, "HTTP 404");
        assert_eq!(refused(502, "<html>").code, Some(ErrorCode::Unavailable));
    }
}
