//! The unit and staff objects: a unit with its parent, children, path and staff.

use super::reorg::{Reorganization, YearMonth};
use crate::domain::model;
use crate::graphql::scalars::Date;
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
        /// The first day in force; null since before the first recorded change.
        async fn valid_from(&self) -> Option<Date> {
            self.0.valid_from.map(Date)
        }
        /// The last day in force; null while in force.
        async fn valid_to(&self) -> Option<Date> {
            self.0.valid_to.map(Date)
        }
        /// The units merged into this one.
        many predecessors: Unit = predecessors;
        /// The unit(s) this one was merged into.
        many successors: Unit = successors;
        /// The latest month with figures counted in this unit's results (its subtree and
        /// its predecessors); null when none.
        async fn latest_month(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<Option<YearMonth>> {
            let found = crate::graphql::loaders::loaders(ctx)?.latest_months.load_one(self.0.id).await?;
            Ok(found.map(|(year, month)| YearMonth { year, month: month as i32 }))
        }
        /// The reorganisations that changed this unit, oldest first.
        many reorganizations: Reorganization = unit_reorgs;
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
        opt_str:
            /// The code in the dossier system, by which imported personal figures name the
            /// staff member.
            code;
    }
}
