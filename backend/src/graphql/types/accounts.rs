//! Accounts, sessions, API tokens and audit entries as the contract shows them.

use super::Staff;
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::SimpleObject;
use async_graphql::{Context, Result};
use chrono::{DateTime, Utc};
use shared::*;

object! {
    /// A login account.
    User(model::User) {
        id: id;
        str: username;
        copy: role: Role;
        unit;
        maybe staff: Staff = staff(staff_id);
        /// The account's own e-mail address (null when none is set). Shown to the
        /// account's owner and to an ADMIN whose scope holds the account's unit only.
        async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
            if !may_see_contact(ctx, &self.0).await? {
                return Ok(None);
            }
            Ok(self.0.email.as_deref())
        }
        /// Where the cycle's e-mails to this account go: its own address, else its linked
        /// staff member's; null when neither has one. Shown like `email`.
        async fn effective_email(&self, ctx: &Context<'_>) -> Result<Option<String>> {
            if !may_see_contact(ctx, &self.0).await? {
                return Ok(None);
            }
            if let Some(own) = &self.0.email {
                return Ok(Some(own.clone()));
            }
            let Some(staff) = self.0.staff_id else {
                return Ok(None);
            };
            let found = loaders(ctx)?.staff.load_one(staff).await?;
            Ok(found.and_then(|s| s.email))
        }
        /// The kinds of e-mail the user turned off (every other kind, the monthly digest
        /// included, is sent). Shown like `email` (empty for others).
        async fn muted_mails(&self, ctx: &Context<'_>) -> Result<Vec<MailKind>> {
            if may_see_contact(ctx, &self.0).await? {
                Ok(self.0.muted.clone())
            } else {
                Ok(Vec::new())
            }
        }
    }
}

/// Whether the caller may see an account's e-mail settings: its owner, or an ADMIN whose
/// scope holds the account's unit (the scoped unit loader finds it).
async fn may_see_contact(ctx: &Context<'_>, user: &model::User) -> Result<bool> {
    use crate::graphql::context::CtxExt;
    let actor = ctx.actor()?;
    if actor.user_id() == Some(user.id) {
        return Ok(true);
    }
    if !actor.is_admin() {
        return Ok(false);
    }
    Ok(loaders(ctx)?.units.load_one(user.unit_id).await?.is_some())
}

/// A fresh session.
#[derive(SimpleObject)]
pub struct AuthPayload {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: User,
}

object! {
    /// An audit log entry.
    AuditEntry(model::AuditEntry) {
        id: id;
        copy: at: DateTime<Utc>;
        maybe actor: User = users(actor_id);
        str: action, entity, entity_id;
        opt_str: before, after;
    }
}

object! {
    /// A third-party API token (without its secret).
    ApiToken(model::ApiToken) {
        id: id;
        str: name;
        unit;
        copy: created_at: DateTime<Utc>, expires_at: Option<DateTime<Utc>>, revoked: bool;
    }
}

/// A new API token with its secret, shown once.
#[derive(SimpleObject)]
pub struct ApiTokenPayload {
    pub token: String,
    pub api_token: ApiToken,
}
