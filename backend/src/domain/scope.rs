//! Who may do what where: the role × scope rules of the product, decided from plain facts
//! (the caller's role, and whether the target unit is in or strictly below its scope).

use shared::Role;

/// Where a unit stands relative to the caller's scope unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Outside the subtree.
    Outside,
    /// The scope unit itself.
    AtScope,
    /// Strictly below the scope unit.
    Below,
}

impl Placement {
    /// In the subtree (the scope unit or below).
    pub fn in_scope(self) -> bool {
        self != Placement::Outside
    }
}

/// Writing monthly figures: OFFICER or MANAGER in scope, ADMIN anywhere.
pub fn may_write_figures(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin => true,
        Role::Manager | Role::Officer => at.in_scope(),
        Role::Viewer => false,
    }
}

/// Approving, rejecting or reopening a month: a MANAGER of a unit strictly above, or ADMIN.
pub fn may_approve(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin => true,
        Role::Manager => at == Placement::Below,
        Role::Officer | Role::Viewer => false,
    }
}

/// Setting a target: ADMIN, or a MANAGER for units strictly below its own.
pub fn may_set_target(role: Role, at: Placement) -> bool {
    may_approve(role, at)
}

/// Splitting a target, assigning personal targets, recording violations, creating staff:
/// ADMIN, or a MANAGER in scope.
pub fn may_manage_in_scope(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin => true,
        Role::Manager => at.in_scope(),
        Role::Officer | Role::Viewer => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Placement::*;

    #[test]
    fn a_manager_approves_and_sets_targets_only_strictly_below() {
        assert!(!may_approve(Role::Manager, AtScope));
        assert!(may_approve(Role::Manager, Below));
        assert!(!may_set_target(Role::Manager, AtScope));
        assert!(may_set_target(Role::Manager, Below));
        assert!(!may_approve(Role::Officer, Below));
    }

    #[test]
    fn officers_write_figures_in_scope_and_viewers_never() {
        assert!(may_write_figures(Role::Officer, AtScope));
        assert!(may_write_figures(Role::Officer, Below));
        assert!(!may_write_figures(Role::Officer, Outside));
        assert!(!may_write_figures(Role::Viewer, AtScope));
        assert!(may_write_figures(Role::Admin, Outside));
    }

    #[test]
    fn managers_manage_in_their_whole_scope() {
        assert!(may_manage_in_scope(Role::Manager, AtScope));
        assert!(!may_manage_in_scope(Role::Manager, Outside));
        assert!(!may_manage_in_scope(Role::Officer, AtScope));
    }
}
