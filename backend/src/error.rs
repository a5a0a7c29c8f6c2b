//! The error of the service layer: client errors (each with its contract code) kept apart
//! from internal ones, mapped once at the GraphQL edge.
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
    /// Anything else: logged with its cause, answered without details.
    Internal(anyhow::Error),
}

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
            ServiceError::Internal(_) => ErrorCode::Internal,
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

impl From<sea_orm::DbErr> for ServiceError {
    fn from(err: sea_orm::DbErr) -> Self {
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
