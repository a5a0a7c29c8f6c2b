//! Queries on login accounts: lookups (with the password hash and session epoch where
//! authentication needs them), the searchable list, inserting and changing an account
//! (locking it, resetting its password), ending its sessions, and the failed logins the
//! login throttle counts.

use super::closure::Scope;
use super::convert;
use super::entities::{login_failure, user};
use crate::domain::model::User;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, Statement,
};
use shared::Role;
use shared::ids::{StaffId, UnitId, UserId};

/// An account with what only authentication reads.
#[derive(Debug, Clone)]
pub struct Account {
    /// The account.
    pub user: User,
    /// Its Argon2 password hash.
    pub password_hash: String,
    /// Its session epoch: tokens of another epoch are refused.
    pub session_epoch: i32,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Login name.
    pub username: String,
    /// Hash of the initial password.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Scope unit.
    pub unit_id: UnitId,
    /// Linked staff member.
    pub staff_id: Option<StaffId>,
    /// Its own e-mail address.
    pub email: Option<String>,
    /// When it is created.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<user::Model> for Account {
    type Error = DbErr;
    fn try_from(m: user::Model) -> Result<Self, DbErr> {
        let (password_hash, session_epoch) = (m.password_hash.clone(), m.session_epoch);
        Ok(Account {
            user: User::try_from(m)?,
            password_hash,
            session_epoch,
        })
    }
}

/// One account by id.
pub async fn find<C: ConnectionTrait>(db: &C, id: UserId) -> Result<Option<User>, DbErr> {
    Ok(find_account(db, id).await?.map(|a| a.user))
}

/// One account by id, with its hash and epoch.
pub async fn find_account<C: ConnectionTrait>(
    db: &C,
    id: UserId,
) -> Result<Option<Account>, DbErr> {
    let row = user::Entity::find_by_id(id.0).one(db).await?;
    row.map(Account::try_from).transpose()
}

/// One account by id, with whether its unit is a root of the tree: what authenticating a
/// session reads, in one statement.
pub async fn find_session_account<C: ConnectionTrait>(
    db: &C,
    id: UserId,
) -> Result<Option<(Account, bool)>, DbErr> {
    let statement = user::Entity::find_by_id(id.0)
        .column_as(
            Expr::cust(super::units::SCOPE_IS_ROOT_OF_USERS),
            "scope_is_root",
        )
        .build(db.get_database_backend());
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let root: bool = row.try_get("", "scope_is_root")?;
    let model = <user::Model as sea_orm::FromQueryResult>::from_query_result(&row, "")?;
    Ok(Some((Account::try_from(model)?, root)))
}

/// One account by exact username, with its hash and epoch.
pub async fn find_by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<Account>, DbErr> {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?;
    row.map(Account::try_from).transpose()
}

/// A sub-select of the ids of the accounts whose unit lies in the subtree of `root`, for
/// `col IN (…)` filters.
pub fn ids_under_query(root: UnitId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(user::Column::Id)
        .from(user::Entity)
        .and_where(Expr::col(user::Column::UnitId).in_subquery(super::closure::subtree_query(root)))
        .to_owned()
}

/// The first ADMIN account (by id), if any.
pub async fn first_admin<C: ConnectionTrait>(db: &C) -> Result<Option<UserId>, DbErr> {
    let row = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?;
    Ok(row.map(|u| UserId(u.id)))
}

/// Accounts by id whose unit is inside `scope`.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    ids: &[UserId],
) -> Result<Vec<User>, DbErr> {
    let q = user::Entity::find().filter(user::Column::Id.is_in(ids.iter().map(|i| i.0)));
    convert::all(scope.apply(q, user::Column::UnitId).all(db).await?)
}

/// Inserts an active account.
pub async fn insert<C: ConnectionTrait>(db: &C, new: NewAccount) -> Result<User, DbErr> {
    let row = user::ActiveModel {
        username: Set(new.username),
        password_hash: Set(new.password_hash),
        role: Set(new.role),
        unit_id: Set(new.unit_id.0),
        staff_id: Set(new.staff_id.map(|s| s.0)),
        active: Set(true),
        created_at: Set(new.created_at),
        email: Set(new.email),
        ..Default::default()
    }
    .insert(db)
    .await?;
    User::try_from(row)
}

/// Activates or deactivates the account `id` and returns it as stored; activating it lifts
/// an ADMIN's lock too.
pub async fn set_active<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    active: bool,
) -> Result<User, DbErr> {
    let mut am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        active: Set(active),
        ..Default::default()
    };
    if active {
        am.locked_at = Set(None);
        am.locked_by = Set(None);
        am.lock_reason = Set(None);
    }
    User::try_from(am.update(db).await?)
}

/// Locks the account `id` (it is inactive until unlocked), recording when, by whom and why,
/// and returns it as stored.
pub async fn lock<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    lock: &crate::domain::model::AccountLock,
) -> Result<User, DbErr> {
    let am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        active: Set(false),
        locked_at: Set(Some(lock.at)),
        locked_by: Set(lock.by.map(|u| u.0)),
        lock_reason: Set(Some(lock.reason.clone())),
        ..Default::default()
    };
    User::try_from(am.update(db).await?)
}

/// Replaces the password hash of the account `id` with one an ADMIN set (the user must
/// change it) and returns it as stored.
pub async fn reset_password_hash<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    hash: String,
) -> Result<User, DbErr> {
    let am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        password_hash: Set(hash),
        must_change_password: Set(true),
        ..Default::default()
    };
    User::try_from(am.update(db).await?)
}

/// Records that the account `id` logged in at `at`.
pub async fn touch_login<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(at)))
        .filter(user::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// What the list of accounts is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct AccountFilter {
    /// A text the username, the e-mail address, the linked staff member's full name or the
    /// unit's name contains (case-insensitively).
    pub search: Option<String>,
    /// One role.
    pub role: Option<Role>,
    /// Locked (inactive) accounts only, or active ones only.
    pub locked: Option<bool>,
}

/// `%text%` for `LIKE … ESCAPE '\'`, lower case, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

fn lower_like(
    col: impl sea_orm::sea_query::IntoColumnRef,
    pattern: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Func, LikeExpr};
    Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(pattern.to_owned()).escape('\\'))
}

fn filter_cond(filter: &AccountFilter) -> sea_orm::Condition {
    use super::entities::{staff, unit};
    let mut cond = sea_orm::Condition::all();
    if let Some(text) = filter.search.as_deref() {
        let p = contains_pattern(text);
        let staff_ids = Query::select()
            .column(staff::Column::Id)
            .from(staff::Entity)
            .and_where(lower_like(staff::Column::FullName, &p))
            .to_owned();
        let unit_ids = Query::select()
            .column(unit::Column::Id)
            .from(unit::Entity)
            .and_where(lower_like(unit::Column::Name, &p))
            .to_owned();
        cond = cond.add(
            sea_orm::Condition::any()
                .add(lower_like(user::Column::Username, &p))
                .add(lower_like(user::Column::Email, &p))
                .add(Expr::col(user::Column::StaffId).in_subquery(staff_ids))
                .add(Expr::col(user::Column::UnitId).in_subquery(unit_ids)),
        );
    }
    if let Some(role) = filter.role {
        cond = cond.add(user::Column::Role.eq(role));
    }
    if let Some(locked) = filter.locked {
        cond = cond.add(user::Column::Active.eq(!locked));
    }
    cond
}

/// At most `limit` accounts of units inside `scope` matching `filter`, by username (then
/// id), after `(username, id)`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    filter: &AccountFilter,
    after: Option<(String, i32)>,
    limit: u64,
) -> Result<Vec<User>, DbErr> {
    use user::Column as U;
    let mut q = scope.apply(user::Entity::find().filter(filter_cond(filter)), U::UnitId);
    if let Some((name, id)) = after {
        q = q.filter(super::keyset::after_asc(U::Username, name, U::Id, id));
    }
    let rows = q
        .order_by_asc(U::Username)
        .order_by_asc(U::Id)
        .limit(limit)
        .all(db)
        .await?;
    convert::all(rows)
}

/// How many accounts of units inside `scope` match `filter`.
pub async fn count<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    filter: &AccountFilter,
) -> Result<u64, DbErr> {
    scope
        .apply(
            user::Entity::find().filter(filter_cond(filter)),
            user::Column::UnitId,
        )
        .count(db)
        .await
}

/// Sets or clears the account's own e-mail address and returns it as stored.
pub async fn set_email<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    email: Option<String>,
) -> Result<User, DbErr> {
    let am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        email: Set(email),
        ..Default::default()
    };
    User::try_from(am.update(db).await?)
}

/// Replaces the kinds of e-mail the account turned off and returns it as stored.
pub async fn set_muted<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    kinds: &[shared::MailKind],
) -> Result<User, DbErr> {
    let am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        muted: Set(super::convert::store_muted(kinds)),
        ..Default::default()
    };
    User::try_from(am.update(db).await?)
}

/// Replaces the password hash of the account `id` with one its user chose.
pub async fn set_password_hash<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    hash: String,
) -> Result<(), DbErr> {
    let am = user::ActiveModel {
        id: sea_orm::Unchanged(id.0),
        password_hash: Set(hash),
        must_change_password: Set(false),
        ..Default::default()
    };
    am.update(db).await?;
    Ok(())
}

/// Increments the session epoch of the account `id`; `false` when there is no such account.
pub async fn bump_session_epoch<C: ConnectionTrait>(db: &C, id: UserId) -> Result<bool, DbErr> {
    let updated = user::Entity::update_many()
        .col_expr(
            user::Column::SessionEpoch,
            Expr::col(user::Column::SessionEpoch).add(1),
        )
        .filter(user::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(updated.rows_affected > 0)
}

/// Serialises the login throttle of one (username, address) pair across instances until the
/// transaction ends, on PostgreSQL (SQLite writes are serialised by `Db::write` already).
pub async fn lock_login_pair<C: ConnectionTrait>(
    db: &C,
    username: &str,
    address: &str,
) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("login\u{1f}{username}\u{1f}{address}").into()],
        ))
        .await?;
    }
    Ok(())
}

fn failures_since(
    username: &str,
    address: &str,
    since: DateTime<Utc>,
) -> sea_orm::Select<login_failure::Entity> {
    login_failure::Entity::find()
        .filter(login_failure::Column::Username.eq(username))
        .filter(login_failure::Column::Address.eq(address))
        .filter(login_failure::Column::At.gt(since))
}

/// How many failed logins the pair has after `since`.
pub async fn count_failures<C: ConnectionTrait>(
    db: &C,
    username: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    failures_since(username, address, since).count(db).await
}

/// When the oldest failed login of the pair after `since` was.
pub async fn oldest_failure<C: ConnectionTrait>(
    db: &C,
    username: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let oldest = failures_since(username, address, since)
        .order_by_asc(login_failure::Column::At)
        .limit(1)
        .one(db)
        .await?;
    Ok(oldest.map(|f| f.at))
}

/// Records a failed login of the pair at `at`, and forgets failures at or before `expired`.
pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    username: &str,
    address: &str,
    at: DateTime<Utc>,
    expired: DateTime<Utc>,
) -> Result<(), DbErr> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(expired))
        .exec(db)
        .await?;
    login_failure::ActiveModel {
        username: Set(username.to_owned()),
        address: Set(address.to_owned()),
        at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Forgets the failures of `username` (from `address` only, when given); returns how many.
pub async fn forget_failures<C: ConnectionTrait>(
    db: &C,
    username: &str,
    address: Option<&str>,
) -> Result<u64, DbErr> {
    let mut q =
        login_failure::Entity::delete_many().filter(login_failure::Column::Username.eq(username));
    if let Some(a) = address {
        q = q.filter(login_failure::Column::Address.eq(a));
    }
    Ok(q.exec(db).await?.rows_affected)
}
