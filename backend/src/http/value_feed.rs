//! `GET /api/v1/measure-values.csv|.json`: the raw figures of `measureValues` as a file for
//! tools that do not speak GraphQL. The caller's bearer token (session or API token), the
//! same filters as query parameters. With `first` it answers one page and puts the next
//! cursor in `X-Next-Cursor`; without, it streams every matching row, reading the database
//! a few thousand rows at a time (constant memory) and taking its turn for each read only,
//! so that a slow reader holds no turn while its bytes travel.

use super::admission::{Turn, request_timeout, take_turn};
use super::caller_share::CallerKey;
use super::client_address::peer_of;
use super::errors::{request_id, service_error};
use super::graphql::bearer;
use super::state::AppState;
use crate::domain::paging::{MAX_VALUE_PAGE, PageSize};
use crate::domain::value_feed::{FeedKey, FeedRow};
use crate::error::{ServiceError, ServiceResult};
use crate::render::value_feed::{FeedFormat, FeedWriter};
use crate::service::auth;
use crate::service::value_feed::{self, CheckedFeed, Codes, FeedFilters};
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use shared::ids::UnitId;
use std::collections::HashMap;
use std::sync::Arc;

/// Rows read from the database per step of a stream.
const STREAM_STEP: u64 = 5_000;

type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// `GET /api/v1/measure-values.csv`.
pub async fn csv(state: State<Arc<AppState>>, query: Params, request: Request) -> Response {
    answer(state, FeedFormat::Csv, query, request).await
}

/// `GET /api/v1/measure-values.json`.
pub async fn json(state: State<Arc<AppState>>, query: Params, request: Request) -> Response {
    answer(state, FeedFormat::Json, query, request).await
}

async fn answer(
    State(state): State<Arc<AppState>>,
    format: FeedFormat,
    query: Params,
    request: Request,
) -> Response {
    let headers = request.headers();
    let request_id = request_id(headers);
    let fail = |e: ServiceError| service_error(e, request_id.as_deref());
    let Some(token) = bearer(headers) else {
        return fail(ServiceError::Unauthenticated(
            "send Authorization: Bearer <session or API token>".into(),
        ));
    };
    let key = CallerKey::of(
        Some(token),
        state.proxies.client(headers, peer_of(&request)),
    );
    let turn = match take_turn(&state, key, request_id.as_deref()).await {
        Ok(turn) => turn,
        Err(busy) => return busy,
    };
    let prepared = tokio::time::timeout(request_timeout(&state), prepare(&state, token, query))
        .await
        .unwrap_or_else(|_| Err(too_slow(&state)));
    let (feed, paging) = match prepared {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    match paging {
        Some((size, after)) => {
            let page = one_page(&state, &feed, format, size, after.as_deref()).await;
            drop(turn);
            match page {
                Ok(response) => response,
                Err(e) => fail(e),
            }
        }
        None => {
            drop(turn);
            streamed(state, key, feed, format)
        }
    }
}

/// The caller, its filters checked, and the page asked for (none: stream everything).
async fn prepare(
    state: &AppState,
    token: &str,
    query: Params,
) -> ServiceResult<(CheckedFeed, Option<(PageSize, Option<String>)>)> {
    let actor = auth::authenticate(&state.db, &state.keys, token).await?;
    let params = match query {
        Ok(Query(p)) => p,
        Err(r) => return Err(ServiceError::validation("query", r.body_text())),
    };
    let asked = parse(&params)?;
    let feed = value_feed::check(&actor, state.db.conn(), asked.filters).await?;
    Ok((feed, asked.first.map(|size| (size, asked.after))))
}

/// What the query parameters ask for.
#[derive(Debug)]
struct Asked {
    filters: FeedFilters,
    first: Option<PageSize>,
    after: Option<String>,
}

/// The parameters every request may carry.
const KNOWN: [&str; 8] = [
    "unitIds",
    "includeSubtree",
    "measureCodes",
    "from",
    "to",
    "updatedSince",
    "first",
    "after",
];

fn parse(params: &HashMap<String, String>) -> ServiceResult<Asked> {
    if let Some(unknown) = params.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(ServiceError::validation(
            unknown.as_str(),
            format!(
                "Tham số “{unknown}” không có; các tham số nhận được: {}.",
                KNOWN.join(", ")
            ),
        ));
    }
    let get = |k: &str| params.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let unit_ids = get("unitIds")
        .map(|v| {
            v.split(',')
                .map(|id| {
                    id.trim().parse::<i32>().map(UnitId).map_err(|_| {
                        ServiceError::validation(
                            "unitIds",
                            format!("“{id}” không phải mã số đơn vị (số nguyên)."),
                        )
                    })
                })
                .collect::<ServiceResult<Vec<_>>>()
        })
        .transpose()?;
    let include_subtree = match get("includeSubtree") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ServiceError::validation(
                "includeSubtree",
                format!("“{other}”: hãy ghi true hoặc false."),
            ));
        }
    };
    let measure_codes = get("measureCodes").map(|v| {
        v.split(',')
            .map(|c| c.trim().to_owned())
            .collect::<Vec<_>>()
    });
    let first = get("first")
        .map(|v| {
            let n = v.parse::<i32>().map_err(|_| {
                ServiceError::validation(
                    "first",
                    format!("“{v}” không phải số dòng một trang (1 đến {MAX_VALUE_PAGE})."),
                )
            })?;
            Ok::<_, ServiceError>(PageSize::parse(n, MAX_VALUE_PAGE)?)
        })
        .transpose()?;
    Ok(Asked {
        filters: FeedFilters {
            unit_ids,
            include_subtree,
            measure_codes,
            from: get("from").map(|v| month("from", v)).transpose()?,
            to: get("to").map(|v| month("to", v)).transpose()?,
            updated_since: get("updatedSince").map(instant).transpose()?,
        },
        first,
        after: get("after").map(str::to_owned),
    })
}

/// `YYYY-MM` (also `YYYY-M`).
fn month(field: &str, v: &str) -> ServiceResult<(i32, i32)> {
    let parsed = v
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<i32>().ok()?)));
    match parsed {
        Some((y, m))
            if shared::Period::new(y, shared::PeriodKind::Month, Some(i64::from(m))).is_ok() =>
        {
            Ok((y, m))
        }
        _ => Err(ServiceError::validation(
            field,
            format!("“{v}” không phải một tháng: hãy ghi năm-tháng, ví dụ 2025-01."),
        )),
    }
}

/// RFC 3339. A `+` of the offset written unencoded in a URL arrives as a space: read it
/// back as `+`.
fn instant(v: &str) -> ServiceResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&v.replace(' ', "+"))
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ServiceError::validation(
                "updatedSince",
                format!(
                    "“{v}” không phải thời điểm RFC 3339: hãy dùng nguyên updated_at đã nhận, \
                     ví dụ 2026-11-30T08:00:00.123456Z."
                ),
            )
        })
}

fn too_slow(state: &AppState) -> ServiceError {
    metrics::counter!(crate::metrics::TIMEOUTS).increment(1);
    ServiceError::RateLimited {
        message: format!(
            "the request did not finish within {} s and was stopped; ask for fewer units or months, or page with `first`",
            request_timeout(state).as_secs()
        ),
        retry_after_secs: 5,
    }
}

fn headers_of(response: &mut Response, format: FeedFormat) {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

async fn one_page(
    state: &AppState,
    feed: &CheckedFeed,
    format: FeedFormat,
    size: PageSize,
    after: Option<&str>,
) -> ServiceResult<Response> {
    let db = state.db.conn();
    let read = async {
        let page = value_feed::page(db, feed, size, after).await?;
        let mut codes = Codes::new(db).await?;
        codes.learn(db, &page.rows).await?;
        Ok::<_, ServiceError>((page, codes))
    };
    let (page, codes) = tokio::time::timeout(request_timeout(state), read)
        .await
        .unwrap_or_else(|_| Err(too_slow(state)))?;
    let mut out = Vec::new();
    let mut writer = FeedWriter::new(format);
    writer.start(&mut out);
    writer.rows(&mut out, &page.rows, &codes)?;
    writer.finish(&mut out);
    let mut response = out.into_response();
    headers_of(&mut response, format);
    if let Some(next) = page.end_cursor.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert("x-next-cursor", next);
    }
    Ok(response)
}

/// Where a stream stands between two reads.
struct Streaming {
    state: Arc<AppState>,
    key: CallerKey,
    feed: CheckedFeed,
    after: Option<FeedKey>,
    codes: Option<Codes>,
    writer: FeedWriter,
    started: bool,
    done: bool,
}

fn streamed(
    state: Arc<AppState>,
    key: CallerKey,
    feed: CheckedFeed,
    format: FeedFormat,
) -> Response {
    let start = Streaming {
        state,
        key,
        feed,
        after: None,
        codes: None,
        writer: FeedWriter::new(format),
        started: false,
        done: false,
    };
    // Fused: the compression layer may poll again after the end, which `unfold` forbids.
    let body = futures_util::stream::unfold(start, |mut s| async move {
        if s.done {
            return None;
        }
        match next_piece(&mut s).await {
            Ok(bytes) => Some((Ok(bytes), s)),
            Err(e) => {
                // Ending the body with an error aborts the transfer: the client sees an
                // incomplete answer, never a silently shortened file.
                s.done = true;
                tracing::warn!(error = %e.message(), "measure-values stream stopped");
                Some((Err(std::io::Error::other(e.message())), s))
            }
        }
    })
    .fuse();
    let mut response = Body::from_stream(body).into_response();
    headers_of(&mut response, format);
    response
}

/// The next piece of a stream: the header with the first rows, more rows, or the last rows
/// with the end.
async fn next_piece(s: &mut Streaming) -> ServiceResult<Bytes> {
    let turn: Turn =
        take_turn(&s.state, s.key, None)
            .await
            .map_err(|_| ServiceError::RateLimited {
                message: "the server is busy; the stream was stopped".into(),
                retry_after_secs: 5,
            })?;
    let db = s.state.db.conn();
    let format = s.writer.line_format();
    let written = tokio::time::timeout(
        request_timeout(&s.state),
        value_feed::text_after(db, &s.feed, s.after.as_ref(), STREAM_STEP, format),
    )
    .await
    .unwrap_or_else(|_| Err(too_slow(&s.state)))?;
    if let Some(chunk) = written {
        drop(turn);
        let mut out = Vec::with_capacity(chunk.text.len() + 128);
        if !s.started {
            s.writer.start(&mut out);
            s.started = true;
        }
        s.writer.text(&mut out, &chunk.text, chunk.rows);
        s.after = chunk.last.or(s.after);
        if chunk.rows < STREAM_STEP {
            s.writer.finish(&mut out);
            s.done = true;
        }
        return Ok(Bytes::from(out));
    }
    let read = async {
        let codes = match s.codes.take() {
            Some(c) => c,
            None => Codes::new(db).await?,
        };
        let rows = value_feed::rows_after(db, &s.feed, s.after.as_ref(), STREAM_STEP).await?;
        Ok::<(Codes, Vec<FeedRow>), ServiceError>((codes, rows))
    };
    let (mut codes, rows) = tokio::time::timeout(request_timeout(&s.state), read)
        .await
        .unwrap_or_else(|_| Err(too_slow(&s.state)))?;
    codes.learn(db, &rows).await?;
    drop(turn);
    let mut out = Vec::with_capacity(rows.len() * 64 + 128);
    if !s.started {
        s.writer.start(&mut out);
        s.started = true;
    }
    s.writer.rows(&mut out, &rows, &codes)?;
    s.after = rows.last().map(|r| r.key).or(s.after);
    if (rows.len() as u64) < STREAM_STEP {
        s.writer.finish(&mut out);
        s.done = true;
    }
    s.codes = Some(codes);
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_parameters_of_the_contract_are_read() {
        let asked = parse(&params(&[
            ("unitIds", "3, 4"),
            ("includeSubtree", "true"),
            ("measureCodes", "RECEIVED,ONLINE"),
            ("from", "2025-01"),
            ("to", "2025-12"),
            ("updatedSince", "2026-11-30T08:00:00.5 00:00"),
            ("first", "500"),
            ("after", "abc"),
        ]))
        .unwrap();
        assert_eq!(asked.filters.unit_ids, Some(vec![UnitId(3), UnitId(4)]));
        assert!(asked.filters.include_subtree);
        assert_eq!(
            asked.filters.measure_codes,
            Some(vec!["RECEIVED".to_owned(), "ONLINE".to_owned()])
        );
        assert_eq!(asked.filters.from, Some((2025, 1)));
        assert_eq!(asked.filters.to, Some((2025, 12)));
        assert_eq!(
            asked.filters.updated_since.map(|t| t.timestamp_micros()),
            Some(1_796_025_600_500_000)
        );
        assert_eq!(asked.first.map(PageSize::get), Some(500));
        assert_eq!(asked.after.as_deref(), Some("abc"));
    }

    #[test]
    fn a_bad_parameter_is_refused_on_its_name() {
        let field_of = |pairs: &[(&str, &str)]| match parse(&params(pairs)) {
            Err(ServiceError::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(field_of(&[("unitId", "3")]).as_deref(), Some("unitId"));
        assert_eq!(field_of(&[("unitIds", "x")]).as_deref(), Some("unitIds"));
        assert_eq!(field_of(&[("from", "2025-13")]).as_deref(), Some("from"));
        assert_eq!(field_of(&[("to", "01/2025")]).as_deref(), Some("to"));
        assert_eq!(field_of(&[("first", "0")]).as_deref(), Some("first"));
        assert_eq!(field_of(&[("first", "10001")]).as_deref(), Some("first"));
        assert_eq!(field_of(&[("first", "mười")]).as_deref(), Some("first"));
        assert_eq!(
            field_of(&[("updatedSince", "yesterday")]).as_deref(),
            Some("updatedSince")
        );
        assert_eq!(
            field_of(&[("includeSubtree", "yes")]).as_deref(),
            Some("includeSubtree")
        );
    }
}
