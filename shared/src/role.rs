//! The roles of a user account. API tokens have no role: they only read.

stored_enum!(
    /// What a user may do within the scope of their unit.
    #[derive(strum::EnumIter)]
    #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
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
);
