//! The roles of a user account. API tokens have no role: they only read.

use serde::{Deserialize, Serialize};

/// What a user may do within the scope of their unit.
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
    strum::EnumIter,
)]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// An office: everything within its unit's subtree; at the province root also the
    /// catalogue, decisions, rankings and other ADMIN accounts.
    Admin,
    /// Head of a unit: targets below, approvals below, violations in scope.
    Manager,
    /// Reporting staff: enters and submits monthly figures in scope.
    Officer,
    /// Reads everything in scope, writes nothing.
    Viewer,
}

impl Role {
    /// The stored and wire form, e.g. `"ADMIN"`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
