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
        /// Whether the account is locked ("Khóa tài khoản"; an inactive account counts as
        /// locked): it cannot log in until an ADMIN unlocks it.
        async fn locked(&self) -> bool {
            !self.0.active
        }
        /// When an ADMIN locked it (null when not locked by `lockUser`). Shown like `email`.
        async fn locked_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
            let seen = may_see_contact(ctx, &self.0).await?;
            Ok(self.0.lock.as_ref().filter(|_| seen).map(|l| l.at))
        }
        /// Why an ADMIN locked it. Shown like `email`.
        async fn lock_reason(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
            let seen = may_see_contact(ctx, &self.0).await?;
            Ok(self.0.lock.as_ref().filter(|_| seen).map(|l| l.reason.as_str()))
        }
        /// When it last logged in (null when never, or not shown). Shown like `email`.
        async fn last_login_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
            let seen = may_see_contact(ctx, &self.0).await?;
            Ok(self.0.last_login_at.filter(|_| seen))
        }
        /// Its password was set by an ADMIN (`resetPassword`): the user should choose a new
        /// one (`changePassword`). Shown like `email` (false for others).
        async fn must_change_password(&self, ctx: &Context<'_>) -> Result<bool> {
            Ok(self.0.must_change_password && may_see_contact(ctx, &self.0).await?)
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
