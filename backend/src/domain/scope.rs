//! Who may do what where: the role × scope rules of the product, decided from plain facts
//! (the caller's role, how far its scope reaches, and whether the target unit is in or
//! strictly below its scope).
//!
//! An ADMIN is an office, not a super-user: it acts only in its own subtree like every other
//! role. An ADMIN of the province root reaches every unit, and only it holds the powers that
//! are province-wide by nature: the catalogue of measures and indicators, decisions,
//! published rankings, the whole audit log, and making other ADMIN accounts. Like a MANAGER,
//! an ADMIN below the root leaves its own unit's targets, approvals and unit record to the
//! level above: it acts on the units strictly below, and only reads and reports at its own.

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

/// How far the caller's scope reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The scope unit is a province root: every unit, and nobody above.
    Province,
    /// The scope unit has a parent: its subtree only.
    Subtree,
}

impl Reach {
    /// From the caller's `scope_is_root` fact.
    pub fn of(scope_is_root: bool) -> Reach {
        if scope_is_root {
            Reach::Province
        } else {
            Reach::Subtree
        }
    }
}

/// What part of the audit log a caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditView {
    /// Nothing: the caller may not read the log.
    Nothing,
    /// Entries written by accounts whose unit is in the caller's subtree.
    ActorsInScope,
    /// Every entry, including those of the command line and set-up.
    Everything,
}

/// An ADMIN decides over a unit strictly below its scope; an ADMIN of the root also over the
/// root itself, since nobody stands above it.
fn admin_over(reach: Reach, at: Placement) -> bool {
    at == Placement::Below || (reach == Reach::Province && at.in_scope())
}

/// Province-wide powers: the catalogue (measures, indicators, groups, weights), decisions,
/// publishing rankings. Only an ADMIN of the root.
pub fn may_administer_province(role: Role, reach: Reach) -> bool {
    role == Role::Admin && reach == Reach::Province
}

/// Writing monthly figures: OFFICER, MANAGER or ADMIN in scope.
pub fn may_write_figures(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin | Role::Manager | Role::Officer => at.in_scope(),
        Role::Viewer => false,
    }
}

/// Approving, rejecting or reopening a month: a MANAGER or ADMIN of a unit strictly above;
/// an ADMIN of the root also the root's own months.
pub fn may_approve(role: Role, reach: Reach, at: Placement) -> bool {
    match role {
        Role::Admin => admin_over(reach, at),
        Role::Manager => at == Placement::Below,
        Role::Officer | Role::Viewer => false,
    }
}

/// Giving an explanation about a unit (or proving one of its actions done): a MANAGER or
/// OFFICER in scope (the unit's own people and the managers above), an ADMIN in scope.
pub fn may_explain(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin | Role::Manager | Role::Officer => at.in_scope(),
        Role::Viewer => false,
    }
}

/// Asking for an explanation, reviewing it, turning it into a violation: as approving (the
/// level above).
pub fn may_review_explanation(role: Role, reach: Reach, at: Placement) -> bool {
    may_approve(role, reach, at)
}

/// Writing a comment on a report or a target: any account with the unit in scope (leaders
/// comment too); an API token never writes.
pub fn may_comment(role: Role, at: Placement) -> bool {
    matches!(
        role,
        Role::Admin | Role::Manager | Role::Officer | Role::Viewer
    ) && at.in_scope()
}

/// Setting a target: as approving (the level above assigns a unit its targets).
pub fn may_set_target(role: Role, reach: Reach, at: Placement) -> bool {
    may_approve(role, reach, at)
}

/// Splitting a target, assigning personal targets, recording violations, creating staff:
/// ADMIN or MANAGER in scope.
pub fn may_manage_in_scope(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin | Role::Manager => at.in_scope(),
        Role::Officer | Role::Viewer => false,
    }
}

/// Importing the portal's official figures of a unit: ADMIN or MANAGER with the unit in
/// scope (its own unit or below). They stand beside the internal figures and change none.
pub fn may_import_official(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin | Role::Manager => at.in_scope(),
        Role::Officer | Role::Viewer => false,
    }
}

/// Sees a staff member's personal figures and scorecard: their own always; an ADMIN or a
/// MANAGER those of the staff in its subtree; an OFFICER, a VIEWER or an API token (no
/// role) nobody else's.
pub fn may_see_personal(role: Option<Role>, at: Placement, own: bool) -> bool {
    own || matches!(role, Some(Role::Admin | Role::Manager)) && at.in_scope()
}

/// Enters personal figures for the staff of a unit: an ADMIN or a MANAGER in its subtree,
/// an OFFICER for its own unit only.
pub fn may_enter_personal_figures(role: Role, at: Placement) -> bool {
    match role {
        Role::Admin | Role::Manager => at.in_scope(),
        Role::Officer => at == Placement::AtScope,
        Role::Viewer => false,
    }
}

/// Switches staff ranking on or off for a unit: an ADMIN in its subtree (ranking
/// individuals is contested, so it is off until an ADMIN decides otherwise).
pub fn may_switch_staff_ranking(role: Role, at: Placement) -> bool {
    role == Role::Admin && at.in_scope()
}

/// Creating a unit under `parent`: ADMIN with the parent in scope.
pub fn may_create_unit(role: Role, parent: Placement) -> bool {
    role == Role::Admin && parent.in_scope()
}

/// Renaming, re-kinding or (de)activating a unit: ADMIN over the unit (strictly below its
/// scope, or anywhere for the root's ADMIN). An ADMIN never edits its own scope unit below the
/// root: that record belongs to the level above.
pub fn may_edit_unit(role: Role, reach: Reach, at: Placement) -> bool {
    role == Role::Admin && admin_over(reach, at)
}

/// Moving a unit under `new_parent`: the caller may edit the unit and has the new parent in
/// scope, so a subtree never leaves, nor enters, a scoped ADMIN's reach.
pub fn may_move_unit(role: Role, reach: Reach, unit: Placement, new_parent: Placement) -> bool {
    may_edit_unit(role, reach, unit) && new_parent.in_scope()
}

/// Creating an account of `new_role` on a unit: ADMIN with the unit in scope; an ADMIN
/// account only by the root's ADMIN (it may make ADMINs of any unit).
pub fn may_create_account(role: Role, reach: Reach, at: Placement, new_role: Role) -> bool {
    role == Role::Admin
        && at.in_scope()
        && (new_role != Role::Admin || may_administer_province(role, reach))
}

/// Deactivating an account, ending its sessions or lifting its login lock: ADMIN with the
/// account's unit in scope.
pub fn may_manage_accounts(role: Role, at: Placement) -> bool {
    role == Role::Admin && at.in_scope()
}

/// Locking, unlocking or resetting the password of an account of `account_role`: ADMIN with
/// the account's unit in scope; an ADMIN account only by the root's ADMIN, who alone makes
/// them (so a scoped ADMIN cannot take over a peer).
pub fn may_administer_account(role: Role, reach: Reach, at: Placement, account_role: Role) -> bool {
    may_create_account(role, reach, at, account_role)
}

/// Creating, listing or revoking an API token of a unit: ADMIN with the unit in scope.
pub fn may_manage_tokens(role: Role, at: Placement) -> bool {
    role == Role::Admin && at.in_scope()
}

/// Creating, listing or deleting a webhook of a unit: ADMIN with the unit in scope.
pub fn may_manage_webhooks(role: Role, at: Placement) -> bool {
    role == Role::Admin && at.in_scope()
}

/// The part of the audit log a caller reads: the root's ADMIN all of it, another ADMIN the
/// entries of the accounts of its subtree, other roles nothing.
pub fn audit_view(role: Role, reach: Reach) -> AuditView {
    match (role, reach) {
        (Role::Admin, Reach::Province) => AuditView::Everything,
        (Role::Admin, Reach::Subtree) => AuditView::ActorsInScope,
        _ => AuditView::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Placement::*;
    use Reach::*;
    use proptest::prelude::*;
    use strum::IntoEnumIterator;

    #[test]
    fn a_manager_approves_and_sets_targets_only_strictly_below() {
        assert!(!may_approve(Role::Manager, Subtree, AtScope));
        assert!(may_approve(Role::Manager, Subtree, Below));
        assert!(!may_set_target(Role::Manager, Province, AtScope));
        assert!(may_set_target(Role::Manager, Subtree, Below));
        assert!(!may_approve(Role::Officer, Subtree, Below));
    }

    #[test]
    fn personal_cards_are_seen_by_their_owner_and_by_heads_and_admins_in_scope() {
        for at in [AtScope, Below, Outside] {
            for role in [
                None,
                Some(Role::Viewer),
                Some(Role::Officer),
                Some(Role::Manager),
            ] {
                assert!(may_see_personal(role, at, true));
            }
        }
        for role in [Role::Admin, Role::Manager] {
            assert!(may_see_personal(Some(role), AtScope, false));
            assert!(may_see_personal(Some(role), Below, false));
            assert!(!may_see_personal(Some(role), Outside, false));
        }
        for role in [None, Some(Role::Officer), Some(Role::Viewer)] {
            assert!(!may_see_personal(role, AtScope, false));
        }
    }

    #[test]
    fn officers_enter_personal_figures_for_their_own_unit_only() {
        assert!(may_enter_personal_figures(Role::Officer, AtScope));
        assert!(!may_enter_personal_figures(Role::Officer, Below));
        assert!(may_enter_personal_figures(Role::Manager, Below));
        assert!(!may_enter_personal_figures(Role::Manager, Outside));
        assert!(!may_enter_personal_figures(Role::Viewer, AtScope));
        assert!(may_switch_staff_ranking(Role::Admin, Below));
        assert!(!may_switch_staff_ranking(Role::Manager, Below));
        assert!(!may_switch_staff_ranking(Role::Admin, Outside));
    }

    #[test]
    fn only_admins_manage_webhooks_and_only_in_scope() {
        assert!(may_manage_webhooks(Role::Admin, AtScope));
        assert!(may_manage_webhooks(Role::Admin, Below));
        assert!(!may_manage_webhooks(Role::Admin, Outside));
        for role in [Role::Manager, Role::Officer, Role::Viewer] {
            assert!(!may_manage_webhooks(role, AtScope));
        }
    }

    #[test]
    fn officers_write_figures_in_scope_and_viewers_never() {
        assert!(may_write_figures(Role::Officer, AtScope));
        assert!(may_write_figures(Role::Officer, Below));
        assert!(!may_write_figures(Role::Officer, Outside));
        assert!(!may_write_figures(Role::Viewer, AtScope));
    }

    #[test]
    fn official_figures_are_imported_by_admins_and_managers_in_scope_only() {
        for role in [Role::Admin, Role::Manager] {
            assert!(may_import_official(role, AtScope));
            assert!(may_import_official(role, Below));
            assert!(!may_import_official(role, Outside));
        }
        for role in [Role::Officer, Role::Viewer] {
            assert!(!may_import_official(role, AtScope));
            assert!(!may_import_official(role, Below));
        }
    }

    #[test]
    fn managers_manage_in_their_whole_scope() {
        assert!(may_manage_in_scope(Role::Manager, AtScope));
        assert!(!may_manage_in_scope(Role::Manager, Outside));
        assert!(!may_manage_in_scope(Role::Officer, AtScope));
    }

    #[test]
    fn the_roots_admin_keeps_every_power_over_the_root_and_below() {
        for at in [AtScope, Below] {
            assert!(may_write_figures(Role::Admin, at));
            assert!(may_approve(Role::Admin, Province, at));
            assert!(may_set_target(Role::Admin, Province, at));
            assert!(may_manage_in_scope(Role::Admin, at));
            assert!(may_create_unit(Role::Admin, at));
            assert!(may_edit_unit(Role::Admin, Province, at));
            assert!(may_create_account(Role::Admin, Province, at, Role::Admin));
            assert!(may_manage_tokens(Role::Admin, at));
        }
        assert!(may_move_unit(Role::Admin, Province, Below, AtScope));
        assert!(may_administer_province(Role::Admin, Province));
        assert_eq!(audit_view(Role::Admin, Province), AuditView::Everything);
    }

    #[test]
    fn an_admin_below_the_root_acts_in_its_subtree_and_leaves_its_own_unit_to_the_level_above() {
        assert!(may_write_figures(Role::Admin, AtScope));
        assert!(may_manage_in_scope(Role::Admin, AtScope));
        assert!(may_create_unit(Role::Admin, AtScope));
        assert!(may_create_account(
            Role::Admin,
            Subtree,
            AtScope,
            Role::Manager
        ));
        assert!(may_manage_tokens(Role::Admin, AtScope));
        assert!(!may_approve(Role::Admin, Subtree, AtScope));
        assert!(may_approve(Role::Admin, Subtree, Below));
        assert!(!may_set_target(Role::Admin, Subtree, AtScope));
        assert!(!may_edit_unit(Role::Admin, Subtree, AtScope));
        assert!(may_edit_unit(Role::Admin, Subtree, Below));
        assert!(may_move_unit(Role::Admin, Subtree, Below, AtScope));
        assert!(!may_move_unit(Role::Admin, Subtree, Below, Outside));
    }

    #[test]
    fn only_the_roots_admin_holds_province_wide_powers_and_makes_admins() {
        for role in Role::iter() {
            assert_eq!(may_administer_province(role, Province), role == Role::Admin);
            assert!(!may_administer_province(role, Subtree));
            assert!(!may_create_account(role, Subtree, Below, Role::Admin));
        }
        assert_eq!(audit_view(Role::Admin, Subtree), AuditView::ActorsInScope);
        assert_eq!(audit_view(Role::Manager, Province), AuditView::Nothing);
    }

    fn placement() -> impl Strategy<Value = Placement> {
        prop_oneof![Just(Outside), Just(AtScope), Just(Below)]
    }

    fn reach() -> impl Strategy<Value = Reach> {
        prop_oneof![Just(Province), Just(Subtree)]
    }

    fn role() -> impl Strategy<Value = Role> {
        prop_oneof![
            Just(Role::Admin),
            Just(Role::Manager),
            Just(Role::Officer),
            Just(Role::Viewer)
        ]
    }

    /// Every power a caller has over one unit, by name.
    fn powers(
        role: Role,
        reach: Reach,
        at: Placement,
        other: Placement,
    ) -> Vec<(&'static str, bool)> {
        vec![
            ("write figures", may_write_figures(role, at)),
            ("approve", may_approve(role, reach, at)),
            ("set target", may_set_target(role, reach, at)),
            ("manage", may_manage_in_scope(role, at)),
            ("create unit", may_create_unit(role, at)),
            ("edit unit", may_edit_unit(role, reach, at)),
            ("move unit from", may_move_unit(role, reach, at, other)),
            ("move unit to", may_move_unit(role, reach, other, at)),
            (
                "create account",
                may_create_account(role, reach, at, Role::Officer),
            ),
            (
                "create admin",
                may_create_account(role, reach, at, Role::Admin),
            ),
            ("tokens", may_manage_tokens(role, at)),
            (
                "lock account",
                may_administer_account(role, reach, at, Role::Officer),
            ),
            (
                "lock admin",
                may_administer_account(role, reach, at, Role::Admin),
            ),
        ]
    }

    proptest! {
        #[test]
        fn no_role_gets_a_power_over_a_unit_outside_its_subtree(
            role in role(),
            reach in reach(),
            other in placement(),
        ) {
            for (name, allowed) in powers(role, reach, Outside, other) {
                prop_assert!(!allowed, "{role} ({reach:?}) may {name} outside its subtree");
            }
        }

        #[test]
        fn an_admin_below_the_root_has_no_power_a_manager_lacks_but_accounts_units_and_tokens(
            at in placement(),
            other in placement(),
        ) {
            let admin = powers(Role::Admin, Subtree, at, other);
            let manager = powers(Role::Manager, Subtree, at, other);
            for ((name, a), (_, m)) in admin.into_iter().zip(manager) {
                let admin_only = matches!(
                    name,
                    "create unit" | "edit unit" | "move unit from" | "move unit to"
                        | "create account" | "tokens" | "lock account"
                );
                prop_assert!(!a || m || admin_only, "a scoped ADMIN may {name} at {at:?}");
            }
            prop_assert!(!may_create_account(Role::Admin, Subtree, at, Role::Admin));
            prop_assert!(!may_administer_account(Role::Admin, Subtree, at, Role::Admin));
        }

        #[test]
        fn the_roots_admin_has_every_power_in_its_subtree(
            at in prop_oneof![Just(AtScope), Just(Below)],
            other in prop_oneof![Just(AtScope), Just(Below)],
        ) {
            for (name, allowed) in powers(Role::Admin, Province, at, other) {
                prop_assert!(allowed, "the root's ADMIN may not {name} at {at:?}");
            }
        }
    }
}
