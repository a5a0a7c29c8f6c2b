//! The flat list of error codes of the contract (`extensions.code`), shared with the UI,
//! which translates them.

use serde::{Deserialize, Serialize};

/// One of the codes a client may receive in `extensions.code`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// No, expired or invalid token.
    Unauthenticated,
    /// The caller's role or unit scope does not allow it.
    Forbidden,
    /// An id or code that does not exist, or is outside the caller's scope.
    NotFound,
    /// Bad input; `extensions.field` names the input field when there is one.
    Validation,
    /// `expectedVersion` did not match, a unique code already exists, or the object's
    /// state does not allow the change (an approved month, say).
    Conflict,
    /// Too many attempts or requests.
    RateLimited,
    /// The database cannot be reached right now (HTTP 503 with `Retry-After`); the session
    /// is still valid: try again later.
    Unavailable,
    /// Anything else; the message says nothing about internals.
    Internal,
}

impl ErrorCode {
    /// The wire form, e.g. `"NOT_FOUND"`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
