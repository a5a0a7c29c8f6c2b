//! The unit and staff objects: a unit with its parent, children, path and staff.

use crate::domain::model;
use shared::*;

object! {
    /// A unit of the tree.
    Unit(model::Unit) {
        id: id;
        str: code, name;
        copy: kind: UnitKind;
        /// The parent unit; null for the root or when it lies outside the caller's scope.
        maybe parent: Unit = units(parent_id);
        many children: Unit = children;
        /// Root first, this unit last (units outside the caller's scope left out).
        many path: Unit = paths;
        many staff: Staff = unit_staff;
        copy: active: bool;
    }
}

object! {
    /// A staff member.
    Staff(model::Staff) {
        id: id;
        str: full_name, position;
        copy: is_head: bool;
        unit;
        opt_str: email;
        copy: active: bool;
    }
}
