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
