//! The one mapping from service errors to GraphQL errors with the contract's
//! `extensions.code` (and `field`, `details`, `retryAfter` where they apply).

use crate::error::ServiceError;
use async_graphql::{Error, ErrorExtensions};

/// Maps a service result to a GraphQL result; resolvers call `.gql()` on every service call.
pub trait GqlResult<T> {
    /// The GraphQL form of the result.
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResult<T> for Result<T, ServiceError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(to_gql)
    }
}

/// The GraphQL error for a service error. Internal causes are logged, never sent.
pub fn to_gql(err: ServiceError) -> Error {
    let code = err.code().as_str();
    err.log_cause();
    let message = err.message();
    Error::new(message).extend_with(|_, ext| {
        ext.set("code", code);
        match &err {
            ServiceError::Validation { field, details, .. } => {
                if let Some(f) = field {
                    ext.set("field", f.as_str());
                }
                if let Some(v) = details
                    .as_ref()
                    .and_then(|d| async_graphql::Value::from_json(d.clone()).ok())
                {
                    ext.set("details", v);
                }
            }
            ServiceError::RateLimited {
                retry_after_secs, ..
            } => ext.set("retryAfter", *retry_after_secs),
            ServiceError::Unavailable(_) => {
                ext.set("retryAfter", crate::error::UNAVAILABLE_RETRY_AFTER_SECS)
            }
            _ => {}
        }
    })
}

/// A validation error on one field, for argument parsing in resolvers.
pub fn invalid(field: &str, message: impl Into<String>) -> Error {
    to_gql(ServiceError::validation(field, message))
}
