//! The error of the service layer: client errors (each with its contract code) kept apart
//! from internal ones, and [`ErrorAnswer`], the one mapping of an error to what a caller is
//! told (code, message, field, details, retry delay, HTTP status) that both the GraphQL
//! extensions and the plain HTTP answers are built from.
//!
//! It deliberately implements neither `Display` nor `std::error::Error`: async-graphql turns
//! anything displayable into an error without a code, so a resolver that wrote `?` on a
//! service result instead of mapping it would compile and leak a code-less error. Without
//! `Display` it does not compile.

use shared::ErrorCode;

/// What went wrong in a use case.
#[derive(Debug)]
pub enum ServiceError {
    /// No, expired or invalid credentials.
    Unauthenticated(String),
    /// The caller's role or scope does not allow it.
    Forbidden(String),
    /// The object does not exist or is outside the caller's scope.
    NotFound(String),
    /// Bad input.
    Validation {
        /// The input field at fault, in the contract's spelling.
        field: Option<String>,
        /// What was wrong, for a person.
        message: String,
        /// Structured details (e.g. every broken consistency rule).
        details: Option<serde_json::Value>,
    },
    /// A version mismatch, a duplicate code, or a state that forbids the change.
    Conflict(String),
    /// Too many attempts.
    RateLimited {
        /// What to tell the caller.
        message: String,
        /// Seconds until a new attempt may succeed.
        retry_after_secs: u64,
    },
    /// The database cannot be reached (connection refused, pool timeout, connection lost):
    /// logged with its cause, answered with UNAVAILABLE, HTTP 503 and `Retry-After`.
    Unavailable(anyhow::Error),
    /// Anything else: logged with its cause, answered without details.
    Internal(anyhow::Error),
}

/// Seconds a client is asked to wait when the database cannot be reached.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 5;

/// Result of a use case.
pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    /// The message for the caller; internal errors say nothing about their cause.
    pub fn message(&self) -> String {
        match self {
            ServiceError::Unauthenticated(m)
            | ServiceError::Forbidden(m)
            | ServiceError::NotFound(m)
            | ServiceError::Conflict(m)
            | ServiceError::Validation { message: m, .. }
            | ServiceError::RateLimited { message: m, .. } => m.clone(),
            ServiceError::Unavailable(_) => {
                "the server cannot reach its database right now; try again shortly".to_owned()
            }
            ServiceError::Internal(_) => "internal error".to_owned(),
        }
    }

    /// The contract's code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            ServiceError::Forbidden(_) => ErrorCode::Forbidden,
            ServiceError::NotFound(_) => ErrorCode::NotFound,
            ServiceError::Validation { .. } => ErrorCode::Validation,
            ServiceError::Conflict(_) => ErrorCode::Conflict,
            ServiceError::RateLimited { .. } => ErrorCode::RateLimited,
            ServiceError::Unavailable(_) => ErrorCode::Unavailable,
            ServiceError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Logs the cause of a server-side error (internal, or the database unreachable) as its
    /// chain of messages, never with a backtrace whatever `RUST_BACKTRACE` says; client
    /// errors are not logged.
    pub fn log_cause(&self) {
        match self {
            ServiceError::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "internal error")
            }
            ServiceError::Unavailable(cause) => tracing::error!(
                error = %format!("{cause:#}"),
                "the database cannot be reached"
            ),
            _ => {}
        }
    }

    /// A validation error on one input field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError::Validation {
            field: Some(field.into()),
            message: message.into(),
            details: None,
        }
    }

    /// A forbidden action, with the reason.
    pub fn forbidden(message: impl Into<String>) -> Self {
        ServiceError::Forbidden(message.into())
    }

    /// Something that is not there (or not visible to the caller).
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ServiceError::NotFound(format!("{what} not found"))
    }

    /// A conflict with the stored state.
    pub fn conflict(message: impl Into<String>) -> Self {
        ServiceError::Conflict(message.into())
    }
}

/// What a caller is told about a failed request, whatever the transport: built once from a
/// [`ServiceError`] (logging the cause of a server-side one), then written as GraphQL
/// `extensions` or as an HTTP answer with [`ErrorAnswer::status`].
#[derive(Debug, Clone)]
pub struct ErrorAnswer {
    /// The contract's code.
    pub code: ErrorCode,
    /// The message for a person; never a cause.
    pub message: String,
    /// The input field at fault, in the contract's spelling.
    pub field: Option<String>,
    /// Structured details of a validation error.
    pub details: Option<serde_json::Value>,
    /// Seconds to wait before trying again (rate limited, database unreachable).
    pub retry_after: Option<u64>,
}

impl From<ServiceError> for ErrorAnswer {
    fn from(err: ServiceError) -> Self {
        err.log_cause();
        let (field, details, retry_after) = match &err {
            ServiceError::Validation { field, details, .. } => {
                (field.clone(), details.clone(), None)
            }
            ServiceError::RateLimited {
                retry_after_secs, ..
            } => (None, None, Some(*retry_after_secs)),
            ServiceError::Unavailable(_) => (None, None, Some(UNAVAILABLE_RETRY_AFTER_SECS)),
            _ => (None, None, None),
        };
        ErrorAnswer {
            code: err.code(),
            message: err.message(),
            field,
            details,
            retry_after,
        }
    }
}

impl ErrorAnswer {
    /// The HTTP status of the answer.
    pub fn status(&self) -> axum::http::StatusCode {
        status_of(self.code)
    }

    /// The `extensions` object: `code`, then `field`, `details`, `retryAfter` where they
    /// apply, then `requestId` when one is given.
    pub fn extensions(
        &self,
        request_id: Option<&str>,
    ) -> serde_json::Map<String, serde_json::Value> {
        let mut ext = serde_json::Map::new();
        ext.insert("code".into(), self.code.as_str().into());
        if let Some(field) = &self.field {
            ext.insert("field".into(), field.as_str().into());
        }
        if let Some(details) = &self.details {
            ext.insert("details".into(), details.clone());
        }
        if let Some(secs) = self.retry_after {
            ext.insert("retryAfter".into(), secs.into());
        }
        if let Some(id) = request_id {
            ext.insert("requestId".into(), id.into());
        }
        ext
    }
}

/// The HTTP status of an error code.
pub fn status_of(code: ErrorCode) -> axum::http::StatusCode {
    use axum::http::StatusCode;
    match code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Validation => StatusCode::BAD_REQUEST,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(err: sea_orm::DbErr) -> Self {
        if is_unreachable(&err) {
            return ServiceError::Unavailable(anyhow::Error::new(err));
        }
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return ServiceError::Conflict("an object with the same key already exists".into());
        }
        // PostgreSQL refuses NUL in text even as a query parameter (SQLite stores it): a
        // looked-up code or name with NUL is bad input, not a server fault.
        if sqlstate(&err).as_deref() == Some(CHARACTER_NOT_IN_REPERTOIRE) {
            return ServiceError::Validation {
                field: None,
                message: "text must not contain NUL characters".into(),
                details: None,
            };
        }
        ServiceError::Internal(anyhow::Error::new(err))
    }
}

/// Whether a database error says the database cannot be reached, rather than that a
/// statement failed: no connection could be had from the pool (refused, timed out, closed),
/// the connection broke, or the server refuses connections (shutting down, the database
/// closed to connections or dropped, too many clients).
pub fn is_unreachable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        DbErr::Conn(_) => return true,
        _ => return false,
    };
    use sea_orm::sqlx::Error as E;
    match &**sqlx {
        E::Io(_) | E::Tls(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed => true,
        E::Protocol(_) => true,
        E::Database(db) => db.code().is_some_and(|code| {
            // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown,
            // cannot connect now; 53300: too many connections; 3D000: no such database.
            code.starts_with("08")
                || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300" | "3D000")
                || (matches!(err, DbErr::Conn(_)) && code == "55000")
        }),
        _ => matches!(err, DbErr::Conn(_)),
    }
}

/// SQLSTATE of an invalid byte sequence (NUL) in a text value.
const CHARACTER_NOT_IN_REPERTOIRE: &str = "22021";

/// The SQLSTATE of a database error, when the database gave one.
fn sqlstate(err: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e
            .as_database_error()
            .and_then(|d| d.code())
            .map(|c| c.into_owned()),
        _ => None,
    }
}

impl From<anyhow::Error> for ServiceError {
    fn from(err: anyhow::Error) -> Self {
        ServiceError::Internal(err)
    }
}

impl From<tokio::task::JoinError> for ServiceError {
    fn from(err: tokio::task::JoinError) -> Self {
        ServiceError::Internal(err.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};
    use std::sync::Arc;

    fn sqlx(kind: sea_orm::sqlx::Error) -> RuntimeErr {
        RuntimeErr::SqlxError(Arc::new(kind))
    }

    #[test]
    fn an_unreachable_database_is_unavailable_not_internal_or_unauthenticated() {
        let refused = || {
            sea_orm::sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::ConnectionRefused,
                "connection refused",
            ))
        };
        for err in [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            DbErr::Conn(sqlx(refused())),
            DbErr::Query(sqlx(refused())),
            DbErr::Exec(sqlx(sea_orm::sqlx::Error::PoolTimedOut)),
            DbErr::Query(sqlx(sea_orm::sqlx::Error::PoolClosed)),
        ] {
            let mapped = ServiceError::from(err);
            assert_eq!(mapped.code(), ErrorCode::Unavailable, "{mapped:?}");
            assert!(!mapped.message().contains("refused"), "no cause is told");
        }
    }

    #[test]
    fn other_database_errors_stay_internal() {
        for err in [
            DbErr::Custom("boom".into()),
            DbErr::Query(sqlx(sea_orm::sqlx::Error::RowNotFound)),
            DbErr::RecordNotFound("x".into()),
        ] {
            assert_eq!(ServiceError::from(err).code(), ErrorCode::Internal);
        }
    }
}
