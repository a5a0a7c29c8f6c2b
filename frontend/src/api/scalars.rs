//! The schema's custom scalars (`scalar Date`, `DateTime`, `Upload` in `schema.graphql`) as
//! the Rust types every generated operation uses for them.

use serde::Serialize;

/// `Date`: a calendar day as the API writes it, `2024-03-31` (shown with
/// [`crate::format::format_date`]).
pub type Date = String;

/// `DateTime`: an RFC 3339 instant, `2024-03-31T23:59:59Z` (shown with
/// [`crate::format::format_datetime`]).
pub type DateTime = String;

/// `Upload`: a file of a multipart request. The variable is `null` in the JSON; the file
/// itself travels as the request's part `0` (see [`crate::api::upload`]).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Upload;
