//! Service errors as GraphQL errors: the `extensions` of [`crate::error::ErrorAnswer`]
//! (`code`, and `field`, `details`, `retryAfter` where they apply).

use crate::error::{ErrorAnswer, ServiceError};
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
    let answer = ErrorAnswer::from(err);
    let extensions = answer.extensions(None);
    Error::new(answer.message).extend_with(|_, ext| {
        for (key, value) in extensions {
            if let Ok(value) = async_graphql::Value::from_json(value) {
                ext.set(key, value);
            }
        }
    })
}

/// A validation error on one field, for argument parsing in resolvers.
pub fn invalid(field: &str, message: impl Into<String>) -> Error {
    to_gql(ServiceError::validation(field, message))
}

/// The `VALIDATION` error of a request that goes past a server-side limit, with `extras`
/// (such as the limit) beside the code in its extensions.
pub fn over_limit(message: String, extras: &[(&str, u64)]) -> async_graphql::ServerError {
    let mut err = async_graphql::ServerError::new(message, None);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", shared::ErrorCode::Validation.as_str());
    for (key, value) in extras {
        ext.set(*key, *value);
    }
    err.extensions = Some(ext);
    err
}
