//! An ADMIN's administration of accounts: `users` (search, filters, pages), `lockUser`,
//! `unlockUser` ("Khóa tài khoản" / "Mở khóa tài khoản", not `unlockLogin`) and
//! `resetPassword`. Thin: parse arguments, call `service::account_admin`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::paging::{self, ListPage};
use super::scalars::parse_id;
use super::types::User;
use crate::service::account_admin::{self, AccountQuery};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use shared::Role;

/// A temporary password set by `resetPassword`, shown this once.
#[derive(SimpleObject)]
pub struct PasswordResetPayload {
    /// The temporary password to hand to the user; it is not stored in clear anywhere.
    pub temporary_password: String,
    /// The account, now asked to change its password.
    pub user: User,
}

#[derive(Default)]
pub struct AccountAdminQuery;

#[Object]
impl AccountAdminQuery {
    /// ADMIN: the accounts of the units of the caller's subtree, by username, one page at a
    /// time. `search` is found in the username, the e-mail address, the linked staff
    /// member's full name or the unit's name (case-insensitive, at most 255 characters);
    /// `role` and `locked` narrow the list. `first`: rows per page, 1 to 1000 (VALIDATION
    /// on `first` otherwise); `after`: the `endCursor` of the previous page.
    async fn users(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        role: Option<Role>,
        locked: Option<bool>,
        #[graphql(default = 50)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<User>> {
        let query = AccountQuery {
            search,
            role,
            locked,
        };
        let args = paging::args(first, after);
        let paged = account_admin::page(&ctx.actor()?, ctx.db().conn(), query, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, User))
    }
}

#[derive(Default)]
pub struct AccountAdminMutation;

#[Object]
impl AccountAdminMutation {
    /// ADMIN: locks an account of its subtree ("Khóa tài khoản") with a reason (1 to 500
    /// characters): it cannot log in (FORBIDDEN, with a message saying it is locked) and
    /// every session of it ends at once. An ADMIN cannot lock itself (VALIDATION on
    /// `userId`); an ADMIN account only by the root's ADMIN.
    async fn lock_user(&self, ctx: &Context<'_>, user_id: ID, reason: String) -> Result<User> {
        let id = parse_id("userId", &user_id)?;
        account_admin::lock(&ctx.actor()?, ctx.db(), id, &reason)
            .await
            .gql()
            .map(User)
    }

    /// ADMIN: unlocks an account locked by `lockUser` ("Mở khóa tài khoản"); it logs in
    /// again with its password. Not to be confused with `unlockLogin`, which lifts the lock
    /// that failed logins put on a username ("Mở khóa đăng nhập").
    async fn unlock_user(&self, ctx: &Context<'_>, user_id: ID) -> Result<User> {
        let id = parse_id("userId", &user_id)?;
        account_admin::unlock(&ctx.actor()?, ctx.db(), id)
            .await
            .gql()
            .map(User)
    }

    /// ADMIN: sets a random temporary password on an account of its subtree and answers it
    /// this once. The old password stops working, every session ends and the user is asked
    /// to choose a new password (`mustChangePassword`).
    async fn reset_password(&self, ctx: &Context<'_>, user_id: ID) -> Result<PasswordResetPayload> {
        let id = parse_id("userId", &user_id)?;
        let (temporary_password, user) = account_admin::reset_password(&ctx.actor()?, ctx.db(), id)
            .await
            .gql()?;
        Ok(PasswordResetPayload {
            temporary_password,
            user: User(user),
        })
    }
}
