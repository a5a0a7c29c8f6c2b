//! An ADMIN administers accounts: the searchable, paged list, locking and unlocking an
//! account ("Khóa tài khoản", which the login throttle's `unlockLogin` does not lift), and
//! resetting a password to a temporary one.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::Role;

both_databases!(
    an_admin_searches_filters_and_pages_the_accounts_of_its_subtree,
    a_locked_account_cannot_log_in_until_it_is_unlocked,
    a_reset_password_replaces_the_old_one_and_must_be_changed,
    only_an_admin_administers_accounts_and_never_locks_itself,
    a_scoped_admin_administers_only_the_accounts_of_its_subtree,
);

const USERS: &str = "query($s: String, $r: Role, $l: Boolean, $f: Int!, $a: String) { users(search: $s, role: $r, locked: $l, first: $f, after: $a) { totalCount endCursor hasNextPage rows { id username role locked lockedAt lockReason lastLoginAt mustChangePassword email staff { fullName } unit { name } } } }";
const LOCK: &str = "mutation($u: ID!, $r: String!) { lockUser(userId: $u, reason: $r) { id locked lockReason lockedAt } }";
const UNLOCK: &str = "mutation($u: ID!) { unlockUser(userId: $u) { id locked lockReason } }";
const RESET: &str = "mutation($u: ID!) { resetPassword(userId: $u) { temporaryPassword user { id mustChangePassword } } }";
const ME: &str = "{ me { username mustChangePassword lastLoginAt } }";

async fn users(app: &TestApp, who: &str, vars: Value) -> Value {
    let mut vars = vars;
    if vars.get("f").is_none() {
        vars["f"] = json!(50);
    }
    app.as_user(who, USERS, vars).await
}

fn usernames(body: &Value) -> Vec<String> {
    body["data"]["users"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|r| r["username"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn audited(app: &TestApp, action: &str) -> usize {
    use backend::db::entities::audit_entry;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(action))
        .all(app.db.conn())
        .await
        .unwrap()
        .len()
}

async fn an_admin_searches_filters_and_pages_the_accounts_of_its_subtree(app: TestApp) {
    let t = app.tree.clone();
    app.add_account("hoa.nguyen", Role::Officer, t.other_commune)
        .await;
    let body = users(&app, "admin", json!({})).await;
    assert_ok(&body);
    let all = usernames(&body);
    assert!(all.contains(&"admin".to_owned()) && all.contains(&"hoa.nguyen".to_owned()));
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "by username");
    let total = body["data"]["users"]["totalCount"].as_i64().unwrap();
    assert_eq!(total as usize, all.len());

    // By username, case-insensitively; by the unit's name; by role; nothing for a stranger.
    let found = users(&app, "admin", json!({"s": "HOA."})).await;
    assert_eq!(usernames(&found), ["hoa.nguyen"]);
    assert_eq!(found["data"]["users"]["rows"][0]["unit"]["name"], "Xã Hai");
    let found = users(&app, "admin", json!({"s": "xã hai"})).await;
    assert_eq!(usernames(&found), ["hoa.nguyen"]);
    let managers = users(&app, "admin", json!({"r": "MANAGER"})).await;
    assert_eq!(usernames(&managers), ["manager", "province_manager"]);
    let none = users(&app, "admin", json!({"s": "100%_không"})).await;
    assert_eq!(none["data"]["users"]["totalCount"], 0);

    // Pages of two, by cursor: every account once, in order.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = users(&app, "admin", json!({"f": 2, "a": after})).await;
        assert_ok(&page);
        seen.extend(usernames(&page));
        let p = &page["data"]["users"];
        assert_eq!(p["totalCount"].as_i64().unwrap(), total);
        if !p["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = p["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, all);

    // The page size is bounded; a foreign cursor is refused.
    let big = users(&app, "admin", json!({"f": 5000})).await;
    assert_error(&big, "VALIDATION");
    assert_eq!(error_field(&big), Some("first"));
    let bad = users(&app, "admin", json!({"a": "not-a-cursor"})).await;
    assert_eq!(error_field(&bad), Some("after"));

    // Locked accounts only.
    let id = user_id(&app, "hoa.nguyen").await;
    assert_ok(
        &app.as_user("admin", LOCK, json!({"u": id, "r": "Nghỉ việc"}))
            .await,
    );
    let locked = users(&app, "admin", json!({"l": true})).await;
    assert_eq!(usernames(&locked), ["hoa.nguyen"]);
    assert_eq!(
        locked["data"]["users"]["rows"][0]["lockReason"],
        "Nghỉ việc"
    );
    let active = users(&app, "admin", json!({"l": false})).await;
    assert!(!usernames(&active).contains(&"hoa.nguyen".to_owned()));
}

async fn a_locked_account_cannot_log_in_until_it_is_unlocked(app: TestApp) {
    let officer = app.token("officer").await;
    let id = user_id(&app, "officer").await;
    let body = app
        .as_user(
            "admin",
            LOCK,
            json!({"u": id, "r": "  Điều chuyển công tác  "}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["lockUser"]["locked"], true);
    assert_eq!(
        body["data"]["lockUser"]["lockReason"],
        "Điều chuyển công tác"
    );
    assert!(body["data"]["lockUser"]["lockedAt"].is_string());
    assert_eq!(audited(&app, "lockUser").await, 1);

    // Its session ends; the right password is refused with a message saying why, a wrong
    // one says nothing more than for anyone.
    assert_error(
        &app.gql(Some(&officer), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    let refused = app.login("officer", PASSWORD).await;
    assert_error(&refused, "FORBIDDEN");
    let message = refused["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("bị khóa"), "{message}");
    assert_error(
        &app.login("officer", "not the password").await,
        "UNAUTHENTICATED",
    );
    // Lifting the login throttle does not unlock the account.
    let unlock_login = "mutation($u: String!) { unlockLogin(username: $u) }";
    assert_ok(
        &app.as_user("admin", unlock_login, json!({"u": "officer"}))
            .await,
    );
    assert_error(&app.login("officer", PASSWORD).await, "FORBIDDEN");

    let body = app.as_user("admin", UNLOCK, json!({"u": id})).await;
    assert_ok(&body);
    assert_eq!(body["data"]["unlockUser"]["locked"], false);
    assert!(body["data"]["unlockUser"]["lockReason"].is_null());
    assert_eq!(audited(&app, "unlockUser").await, 1);
    let login = app.login("officer", PASSWORD).await;
    assert_ok(&login);
    let token = login["data"]["login"]["token"].as_str().unwrap();
    let me = app.gql(Some(token), ME, json!({})).await;
    assert!(me["data"]["me"]["lastLoginAt"].is_string(), "{me}");

    // A blank or overlong reason changes nothing.
    for reason in ["   ".to_owned(), "x".repeat(501)] {
        let body = app
            .as_user("admin", LOCK, json!({"u": id, "r": reason}))
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("reason"));
    }
    assert_ok(&app.login("officer", PASSWORD).await);
}

async fn a_reset_password_replaces_the_old_one_and_must_be_changed(app: TestApp) {
    let officer = app.token("officer").await;
    let id = user_id(&app, "officer").await;
    let body = app.as_user("admin", RESET, json!({"u": id})).await;
    assert_ok(&body);
    let temporary = body["data"]["resetPassword"]["temporaryPassword"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(temporary.chars().count() >= 10);
    assert_eq!(
        body["data"]["resetPassword"]["user"]["mustChangePassword"],
        true
    );
    assert_eq!(audited(&app, "resetPassword").await, 1);
    // Never in the audit log, never stored in clear.
    let entries = app
        .as_user("admin", "{ auditLog { action before after } }", json!({}))
        .await
        .to_string();
    assert!(!entries.contains(&temporary));

    assert_error(
        &app.gql(Some(&officer), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    assert_error(&app.login("officer", PASSWORD).await, "UNAUTHENTICATED");
    let login = app.login("officer", &temporary).await;
    assert_ok(&login);
    let token = login["data"]["login"]["token"].as_str().unwrap().to_owned();
    let me = app.gql(Some(&token), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["mustChangePassword"], true);

    // Choosing a new password clears the flag.
    let change =
        "mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }";
    let new = "mot-mat-khau-moi-cua-toi";
    assert_ok(
        &app.gql(Some(&token), change, json!({"o": temporary, "n": new}))
            .await,
    );
    let login = app.login("officer", new).await;
    let token = login["data"]["login"]["token"].as_str().unwrap().to_owned();
    let me = app.gql(Some(&token), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["mustChangePassword"], false);
}

async fn only_an_admin_administers_accounts_and_never_locks_itself(app: TestApp) {
    let id = user_id(&app, "officer").await;
    for who in ["manager", "province_manager", "officer", "viewer"] {
        assert_error(&users(&app, who, json!({})).await, "FORBIDDEN");
        let lock = app.as_user(who, LOCK, json!({"u": id, "r": "Thử"})).await;
        assert_error(&lock, "FORBIDDEN");
        assert_error(
            &app.as_user(who, UNLOCK, json!({"u": id})).await,
            "FORBIDDEN",
        );
        assert_error(
            &app.as_user(who, RESET, json!({"u": id})).await,
            "FORBIDDEN",
        );
    }
    assert_error(
        &app.gql(None, USERS, json!({"f": 5})).await,
        "UNAUTHENTICATED",
    );
    assert_ok(&app.login("officer", PASSWORD).await);

    let me = user_id(&app, "admin").await;
    let body = app
        .as_user("admin", LOCK, json!({"u": me, "r": "Thử"}))
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("userId"));
    assert_ok(&app.as_user("admin", "{ me { id } }", json!({})).await);
    assert_error(
        &app.as_user("admin", UNLOCK, json!({"u": "999999"})).await,
        "NOT_FOUND",
    );
    assert_eq!(audited(&app, "lockUser").await, 0);
}

async fn a_scoped_admin_administers_only_the_accounts_of_its_subtree(app: TestApp) {
    let t = app.tree.clone();
    app.add_account("admin_d1", Role::Admin, t.department).await;
    app.add_account("peer_d1", Role::Admin, t.division).await;
    app.add_account("staff_d11", Role::Officer, t.division)
        .await;
    let listed = usernames(&users(&app, "admin_d1", json!({})).await);
    assert_eq!(listed, ["admin_d1", "manager", "peer_d1", "staff_d11"]);
    let inside = user_id(&app, "staff_d11").await;
    assert_ok(
        &app.as_user("admin_d1", LOCK, json!({"u": inside, "r": "Thử"}))
            .await,
    );
    assert_ok(&app.as_user("admin_d1", UNLOCK, json!({"u": inside})).await);
    // Outside its subtree, and another ADMIN: only the root's ADMIN.
    for other in ["officer", "peer_d1"] {
        let id = user_id(&app, other).await;
        let lock = app
            .as_user("admin_d1", LOCK, json!({"u": id, "r": "Thử"}))
            .await;
        assert_error(&lock, "FORBIDDEN");
        assert_error(
            &app.as_user("admin_d1", RESET, json!({"u": id})).await,
            "FORBIDDEN",
        );
    }
    assert_ok(&app.login("peer_d1", PASSWORD).await);
}

async fn user_id(app: &TestApp, username: &str) -> String {
    use backend::db::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(app.db.conn())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {username}"))
        .id
        .to_string()
}
