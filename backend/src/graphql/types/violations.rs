//! Recorded violations, with the recording account masked for callers who may not see it.

use super::{MASKED_USERNAME, Staff, User, may_see_account};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::{Context, Result};
use shared::*;

object! {
    /// A recorded violation.
    Violation(model::Violation) {
        id: id;
        unit;
        maybe staff: Staff = staff(staff_id);
        date: occurred_on;
        copy: kind: ViolationKind;
        str: description;
        opt_str: dossier_ref;
        copy: handling: Handling;
        /// Who recorded it. Accounts are visible to ADMIN and to their owner; for others the
        /// id and role are shown with a masked username.
        async fn recorded_by(&self, ctx: &Context<'_>) -> Result<User> {
            let found = loaders(ctx)?.users.load_one(self.0.recorded_by).await?;
            let mut user = found.unwrap_or_else(|| model::User {
                id: self.0.recorded_by,
                username: MASKED_USERNAME.into(),
                role: Role::Manager,
                unit_id: self.0.unit_id,
                staff_id: None,
                active: true,
                email: None,
                muted: Vec::new(),
                lock: None,
                must_change_password: false,
                last_login_at: None,
            });
            if !may_see_account(ctx, user.id)? {
                user.username = MASKED_USERNAME.into();
                user.staff_id = None;
            }
            Ok(User(user))
        }
        /// The explanation request it was recorded for, if any.
        async fn explanation_request_id(&self) -> Option<async_graphql::ID> {
            self.0.explanation_request_id.map(crate::graphql::scalars::to_id)
        }
    }
}
