//! The results notice of `GET /export/notice?unit=…&year=…&period=MONTH&month=…`: read like
//! the other exports (the same route, token, turn and timeout in [`super::exports`]), built
//! off the async workers, and answered as `application/pdf` with its Vietnamese file name.

use super::attachment::disposition;
use super::errors::service_error;
use super::state::AppState;
use crate::auth::Actor;
use crate::error::ServiceError;
use crate::render;
use crate::service::exports::notice::{self, NoticeRequest};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The notice the parameters ask for, as the caller may see it.
pub async fn answer(
    state: &AppState,
    actor: &Actor,
    params: &HashMap<String, String>,
    request_id: Option<&str>,
) -> Response {
    match pdf(state, actor, params).await {
        Ok(file) => attachment(file),
        Err(e) => service_error(e, request_id),
    }
}

async fn pdf(
    state: &AppState,
    actor: &Actor,
    params: &HashMap<String, String>,
) -> Result<render::Rendered, ServiceError> {
    let req = NoticeRequest::parse(params)?;
    let data = notice::load(actor, &state.db, &req).await?;
    tokio::task::spawn_blocking(move || render::notice::file(&data))
        .await
        .map_err(|e| anyhow::anyhow!("drawing the notice stopped: {e}"))?
}

fn attachment(file: render::Rendered) -> Response {
    let mut response = file.bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    if let Some(v) = disposition(&file.file_name, Some(&file.ascii_file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
