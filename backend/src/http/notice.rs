//! The results notice of `GET /export/notice?unit=…&year=…&period=MONTH&month=…`: read like
//! the other exports (the same route, token, turn and timeout in [`super::exports`]), built
//! off the async workers, and answered as `application/pdf` with its Vietnamese file name.

use super::attachment::file_response;
use super::errors::service_error;
use super::state::AppState;
use crate::auth::Actor;
use crate::service::exports::notice::{self, NoticeRequest};
use axum::response::Response;
use std::collections::HashMap;

/// The notice the parameters ask for, as the caller may see it.
pub async fn answer(
    state: &AppState,
    actor: &Actor,
    params: &HashMap<String, String>,
    request_id: Option<&str>,
) -> Response {
    let drawn = match NoticeRequest::parse(params) {
        Ok(req) => notice::pdf(actor, &state.db, &req).await,
        Err(e) => Err(e),
    };
    match drawn {
        Ok(file) => file_response(file),
        Err(e) => service_error(e, request_id),
    }
}
