//! Accounts, sessions and API tokens: `me`, `login`, `logout`, `changePassword`,
//! `revokeSessions`, `unlockLogin`, `createUser`, `setUserEmail`, `setMutedMails`,
//! `createApiToken`, `revokeApiToken`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::{parse_id, parse_opt_id};
use super::types::{ApiToken, ApiTokenPayload, AuthPayload, User};
use crate::service::{auth, tokens, users};
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use shared::{MailKind, Role};

/// Input of `createUser`.
#[derive(InputObject)]
pub struct CreateUserInput {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub unit_id: ID,
    pub staff_id: Option<ID>,
    /// The account's own e-mail address, where the cycle's e-mails go (else its staff
    /// member's).
    pub email: Option<String>,
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The caller's own account.
    async fn me(&self, ctx: &Context<'_>) -> Result<User> {
        users::me(&ctx.actor()?, ctx.db().conn())
            .await
            .gql()
            .map(User)
    }

    /// The API tokens of the units in the caller's subtree (ADMIN).
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>> {
        Ok(tokens::list(&ctx.actor()?, ctx.db())
            .await
            .gql()?
            .into_iter()
            .map(ApiToken)
            .collect())
    }
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// A session token for a username and password. 5 failures from one client address
    /// in 15 minutes lock the username for that address (RATE_LIMITED) until the first of
    /// them is 15 minutes old; an ADMIN can lift the lock with `unlockLogin`.
    async fn login(
        &self,
        ctx: &Context<'_>,
        username: String,
        password: String,
    ) -> Result<AuthPayload> {
        let req = ctx.req();
        let session = auth::login(&req.db, &req.keys, &username, &password, req.client_address)
            .await
            .gql()?;
        // The payload (user, unit, …) resolves with the new session's scope.
        let actor = auth::authenticate(&req.db, &req.keys, &session.token)
            .await
            .gql()?;
        req.actor.set(actor);
        Ok(AuthPayload {
            token: session.token,
            expires_at: session.expires_at,
            user: User(session.user),
        })
    }

    /// Ends the caller's session at once: the token is refused from then on. Sessions end
    /// per account, so every session of the caller's account ends.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool> {
        auth::logout(&ctx.actor()?, ctx.db()).await.gql()?;
        Ok(true)
    }

    /// ADMIN: ends every session of one account (e.g. a lost laptop).
    async fn revoke_sessions(&self, ctx: &Context<'_>, user_id: ID) -> Result<bool> {
        let user = parse_id("userId", &user_id)?;
        auth::revoke_sessions(&ctx.actor()?, ctx.db(), user)
            .await
            .gql()?;
        Ok(true)
    }

    /// ADMIN: lifts the login lock of a username from every client address. True when
    /// there were failed logins to forget.
    async fn unlock_login(&self, ctx: &Context<'_>, username: String) -> Result<bool> {
        auth::unlock_login(&ctx.actor()?, ctx.db(), &username)
            .await
            .gql()
    }

    /// Changes the caller's password (at least 10 characters, not a common or trivial
    /// one). Every session of the account ends, this one included: log in again with the
    /// new password.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        old_password: String,
        new_password: String,
    ) -> Result<bool> {
        auth::change_password(&ctx.actor()?, ctx.db(), &old_password, &new_password)
            .await
            .gql()?;
        Ok(true)
    }

    /// ADMIN, on a unit of its subtree; an ADMIN account only by the ADMIN of the province root.
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<User> {
        let cmd = users::NewUser {
            username: input.username,
            password: input.password,
            role: input.role,
            unit_id: parse_id("unitId", &input.unit_id)?,
            staff_id: parse_opt_id("staffId", input.staff_id.as_ref())?,
        };
        users::create(&ctx.actor()?, ctx.db(), cmd, input.email.as_deref())
            .await
            .gql()
            .map(User)
    }

    /// Sets the account's own e-mail address (null or blank clears it): the user for
    /// itself, or an ADMIN for an account of a unit in its subtree. A malformed address is
    /// refused (VALIDATION on `email`).
    async fn set_user_email(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        email: Option<String>,
    ) -> Result<User> {
        let user = parse_id("userId", &user_id)?;
        users::set_email(&ctx.actor()?, ctx.db(), user, email.as_deref())
            .await
            .gql()
            .map(User)
    }

    /// The caller turns off these kinds of e-mail for itself (replacing the list; an empty
    /// list turns every kind back on). The monthly digest is sent unless DIGEST is listed.
    async fn set_muted_mails(&self, ctx: &Context<'_>, kinds: Vec<MailKind>) -> Result<User> {
        users::set_muted(&ctx.actor()?, ctx.db(), &kinds)
            .await
            .gql()
            .map(User)
    }

    /// ADMIN, for a unit of its subtree. The secret is in the answer only.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        name: String,
        unit_id: ID,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<ApiTokenPayload> {
        let unit = parse_id("unitId", &unit_id)?;
        let (token, api_token) = tokens::create(&ctx.actor()?, ctx.db(), &name, unit, expires_at)
            .await
            .gql()?;
        Ok(ApiTokenPayload {
            token,
            api_token: ApiToken(api_token),
        })
    }

    /// ADMIN of a unit whose subtree holds the token's unit.
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> Result<ApiToken> {
        tokens::revoke(&ctx.actor()?, ctx.db(), parse_id("id", &id)?)
            .await
            .gql()
            .map(ApiToken)
    }
}
