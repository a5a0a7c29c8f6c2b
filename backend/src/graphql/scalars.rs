//! Scalars of the contract: `Date` ("2023-02-08") and id parsing. `DateTime` is
//! async-graphql's chrono scalar (RFC 3339, UTC).

use super::error::invalid;
use async_graphql::{ID, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom(format!("{s:?} is not a date (YYYY-MM-DD)"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// Parses an `ID` argument into a typed id; a malformed id is a VALIDATION error on `field`.
pub fn parse_id<T: std::str::FromStr>(field: &str, id: &ID) -> async_graphql::Result<T> {
    id.as_str()
        .parse()
        .map_err(|_| invalid(field, format!("{:?} is not a valid id", id.as_str())))
}

/// Parses an optional `ID` argument.
pub fn parse_opt_id<T: std::str::FromStr>(
    field: &str,
    id: Option<&ID>,
) -> async_graphql::Result<Option<T>> {
    id.map(|i| parse_id(field, i)).transpose()
}

/// The `ID` of a typed id.
pub fn to_id(id: impl std::fmt::Display) -> ID {
    ID(id.to_string())
}
