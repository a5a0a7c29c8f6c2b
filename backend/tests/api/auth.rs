//! Authentication: login, sessions (and ending them), token tampering, the login throttle
//! per address, passwords, API tokens, an unreachable database.

use crate::both_databases;
use crate::helpers::*;
use serde_json::json;

both_databases!(
    login_returns_a_session_that_identifies_the_user,
    a_wrong_password_is_unauthenticated,
    requests_without_a_token_are_unauthenticated_except_login,
    tampered_and_foreign_tokens_are_unauthenticated,
    five_failed_logins_lock_the_username,
    a_short_new_password_is_a_validation_error,
    changing_the_password_replaces_the_old_one,
    api_tokens_read_their_subtree_and_never_write,
    a_revoked_api_token_stops_working,
    changing_the_password_ends_the_earlier_sessions,
    a_logout_ends_the_session_at_once,
    an_admin_revokes_the_sessions_of_another_account,
    deactivating_an_account_ends_its_sessions,
    a_secret_left_in_the_database_signs_nothing,
    forty_parallel_wrong_logins_run_at_most_five_password_checks,
    an_admin_unlocks_a_locked_username,
    old_failed_logins_of_unknown_names_are_purged,
    common_and_trivial_passwords_are_refused,
);

async fn login_returns_a_session_that_identifies_the_user(app: TestApp) {
    let body = app.login("officer", PASSWORD).await;
    assert_ok(&body);
    assert_eq!(body["data"]["login"]["user"]["role"], "OFFICER");
    assert_eq!(body["data"]["login"]["user"]["unit"]["code"], "C1");
    let me = app
        .as_user(
            "officer",
            "{ me { username role unit { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(me["data"]["me"]["username"], "officer");
}

async fn a_wrong_password_is_unauthenticated(app: TestApp) {
    assert_error(
        &app.login("officer", "not the password").await,
        "UNAUTHENTICATED",
    );
    assert_error(
        &app.login("nobody", "not the password").await,
        "UNAUTHENTICATED",
    );
}

async fn requests_without_a_token_are_unauthenticated_except_login(app: TestApp) {
    for q in [
        "{ me { id } }",
        "{ units { id } }",
        "{ measures { code } }",
        "{ decisions { id } }",
    ] {
        assert_error(&app.gql(None, q, json!({})).await, "UNAUTHENTICATED");
    }
}

async fn tampered_and_foreign_tokens_are_unauthenticated(app: TestApp) {
    let good = app.token("admin").await;
    let mut tampered = good.clone();
    tampered.replace_range(tampered.len() - 4.., "AAAA");
    assert_error(
        &app.gql(Some(&tampered), "{ me { id } }", json!({})).await,
        "UNAUTHENTICATED",
    );

    // Same claims, signed with another key, and an unsigned token ("alg": "none").
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = good.split('.').collect();
    let none_header = b64.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let unsigned = format!("{none_header}.{}.", parts[1]);
    assert_error(
        &app.gql(Some(&unsigned), "{ me { id } }", json!({})).await,
        "UNAUTHENTICATED",
    );
    let other_keys = backend::auth::jwt::JwtKeys::new(
        &secrecy::SecretString::from("another-secret-entirely-0123456789".to_owned()),
        chrono::Duration::hours(1),
    )
    .unwrap();
    let (foreign, _) = other_keys
        .issue(shared::ids::UserId(1), 0, chrono::Utc::now())
        .unwrap();
    assert_error(
        &app.gql(Some(&foreign), "{ me { id } }", json!({})).await,
        "UNAUTHENTICATED",
    );
    assert_error(
        &app.gql(Some("not-a-token"), "{ me { id } }", json!({}))
            .await,
        "UNAUTHENTICATED",
    );
}

async fn five_failed_logins_lock_the_username(app: TestApp) {
    for _ in 0..5 {
        assert_error(
            &app.login("viewer", "wrong password!").await,
            "UNAUTHENTICATED",
        );
    }
    // Even the right password is refused while the username is locked.
    let body = app.login("viewer", PASSWORD).await;
    assert_error(&body, "RATE_LIMITED");
    assert!(
        body["errors"][0]["extensions"]["retryAfter"]
            .as_u64()
            .unwrap()
            > 800
    );
    // Other usernames are not affected.
    assert_ok(&app.login("officer", PASSWORD).await);
}

async fn a_short_new_password_is_a_validation_error(app: TestApp) {
    let body = app
        .as_user("officer", "mutation { changePassword(oldPassword: \"mat-khau-thu-nghiem\", newPassword: \"short\") }", json!({}))
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("newPassword"));
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createUser(input: {username: \"newbie\", password: \"123456789\", role: VIEWER, unitId: $u}) { id } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_error(&created, "VALIDATION");
    assert_eq!(error_field(&created), Some("password"));
}

async fn changing_the_password_replaces_the_old_one(app: TestApp) {
    let body = app
        .as_user("officer", "mutation { changePassword(oldPassword: \"mat-khau-thu-nghiem\", newPassword: \"mot-mat-khau-moi\") }", json!({}))
        .await;
    assert_ok(&body);
    assert_error(&app.login("officer", PASSWORD).await, "UNAUTHENTICATED");
    assert_ok(&app.login("officer", "mot-mat-khau-moi").await);
}

async fn api_tokens_read_their_subtree_and_never_write(app: TestApp) {
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng báo cáo\", unitId: $u) { token apiToken { id revoked unit { code } } } }",
            json!({"u": app.tree.department.to_string()}),
        )
        .await;
    assert_ok(&created);
    let secret = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let units = app
        .gql(Some(&secret), "{ units { code } }", json!({}))
        .await;
    let mut codes: Vec<&str> = units["data"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, vec!["D1", "D1.1"]);
    let outside = app
        .gql(
            Some(&secret),
            "query($id: ID) { unit(id: $id) { code } }",
            json!({"id": app.tree.commune.to_string()}),
        )
        .await;
    assert_ok(&outside);
    assert!(outside["data"]["unit"].is_null());
    let write = app.gql(Some(&secret), "mutation($u: ID!) { saveMonthlyReport(unitId: $u, year: 2023, month: 1, values: []) { version } }", json!({"u": app.tree.division.to_string()})).await;
    assert_error(&write, "FORBIDDEN");
}

async fn a_revoked_api_token_stops_working(app: TestApp) {
    let created = app
        .as_user("admin", "mutation($u: ID!) { createApiToken(name: \"x\", unitId: $u) { token apiToken { id } } }", json!({"u": app.tree.province.to_string()}))
        .await;
    let secret = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = created["data"]["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ok(
        &app.gql(Some(&secret), "{ measures { code } }", json!({}))
            .await,
    );
    let revoked = app
        .as_user(
            "admin",
            "mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(revoked["data"]["revokeApiToken"]["revoked"], true);
    assert_error(
        &app.gql(Some(&secret), "{ measures { code } }", json!({}))
            .await,
        "UNAUTHENTICATED",
    );
}

mod malformed_requests {
    use crate::helpers::*;

    #[tokio::test]
    async fn malformed_oversized_and_invalid_requests_get_an_error_code() {
        let app = spawn_app(Backend::Sqlite).await;
        let url = format!("{}/graphql", app.address);
        let not_json = app.client.post(&url).body("garbage").send().await.unwrap();
        assert_eq!(not_json.status(), 400);
        let body: serde_json::Value = not_json.json().await.unwrap();
        assert_error(&body, "VALIDATION");

        let huge = format!(
            "{{\"query\": \"{{ me {{ id }} }}\", \"pad\": \"{}\"}}",
            "x".repeat(2 * 1024 * 1024)
        );
        let too_big = app
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body(huge)
            .send()
            .await
            .unwrap();
        assert_eq!(too_big.status(), 413);
        let body: serde_json::Value = too_big.json().await.unwrap();
        assert_error(&body, "VALIDATION");

        for query in [
            "{ nosuchfield }",
            "{ me { id ",
            "query($x: Int!) { me { id } }",
        ] {
            let body = app
                .gql(
                    Some(&app.token("admin").await),
                    query,
                    serde_json::json!({}),
                )
                .await;
            assert_error(&body, "VALIDATION");
        }
        let deep = format!(
            "{{ me {{ unit {}id{} }} }}",
            "{ parent ".repeat(20),
            " }".repeat(20)
        );
        let body = app
            .gql(
                Some(&app.token("admin").await),
                &deep,
                serde_json::json!({}),
            )
            .await;
        assert_error(&body, "VALIDATION");
    }
}

const ME: &str = "{ me { username } }";

async fn changing_the_password_ends_the_earlier_sessions(app: TestApp) {
    let old = app.token("officer").await;
    let body = app
        .gql(
            Some(&old),
            "mutation { changePassword(oldPassword: \"mat-khau-thu-nghiem\", newPassword: \"mot-mat-khau-moi\") }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    assert_error(&app.gql(Some(&old), ME, json!({})).await, "UNAUTHENTICATED");
    // A session opened after the change works, even within the same second.
    let fresh = app.login("officer", "mot-mat-khau-moi").await;
    let fresh = fresh["data"]["login"]["token"].as_str().unwrap();
    assert_ok(&app.gql(Some(fresh), ME, json!({})).await);
}

async fn a_logout_ends_the_session_at_once(app: TestApp) {
    let token = app.token("viewer").await;
    assert_ok(&app.gql(Some(&token), ME, json!({})).await);
    let out = app
        .gql(Some(&token), "mutation { logout }", json!({}))
        .await;
    assert_ok(&out);
    assert_eq!(out["data"]["logout"], true);
    assert_error(
        &app.gql(Some(&token), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    // Logging in again right after works, and a logout without a session is refused.
    let again = app.login("viewer", PASSWORD).await;
    let again = again["data"]["login"]["token"].as_str().unwrap();
    assert_ok(&app.gql(Some(again), ME, json!({})).await);
    assert_error(
        &app.gql(None, "mutation { logout }", json!({})).await,
        "UNAUTHENTICATED",
    );
    assert_eq!(audited(&app, "logout").await, 1);
}

/// Audit entries of one action.
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

async fn user_id(app: &TestApp, username: &str) -> String {
    use backend::db::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(app.db.conn())
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn an_admin_revokes_the_sessions_of_another_account(app: TestApp) {
    let officer = app.token("officer").await;
    let target = user_id(&app, "officer").await;
    let revoke = "mutation($u: ID!) { revokeSessions(userId: $u) }";
    // Only an ADMIN may.
    let refused = app.as_user("manager", revoke, json!({"u": target})).await;
    assert_error(&refused, "FORBIDDEN");
    assert_ok(&app.gql(Some(&officer), ME, json!({})).await);
    let done = app.as_user("admin", revoke, json!({"u": target})).await;
    assert_ok(&done);
    assert_eq!(done["data"]["revokeSessions"], true);
    assert_error(
        &app.gql(Some(&officer), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    // The ADMIN's own session goes on; an unknown account is NOT_FOUND.
    assert_ok(&app.as_user("admin", ME, json!({})).await);
    assert_error(
        &app.as_user("admin", revoke, json!({"u": "999999"})).await,
        "NOT_FOUND",
    );
    assert_eq!(audited(&app, "revokeSessions").await, 1, "audited");
}

async fn deactivating_an_account_ends_its_sessions(app: TestApp) {
    use backend::service::{auth, users};
    let officer = app.token("officer").await;
    let admin = auth::actor_for_username(&app.db, "admin")
        .await
        .ok()
        .unwrap();
    let id = shared::ids::UserId(user_id(&app, "officer").await.parse().unwrap());
    users::set_active(&admin, &app.db, id, false)
        .await
        .ok()
        .unwrap();
    assert_error(
        &app.gql(Some(&officer), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    // Reactivating does not bring the old session back.
    users::set_active(&admin, &app.db, id, true)
        .await
        .ok()
        .unwrap();
    assert_error(
        &app.gql(Some(&officer), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
    assert_ok(&app.login("officer", PASSWORD).await);
}

async fn a_secret_left_in_the_database_signs_nothing(app: TestApp) {
    use backend::db::entities::setting;
    use sea_orm::{EntityTrait, Set};
    // What an earlier version kept in the database (and so in every backup).
    let old_secret = "an-old-secret-kept-in-the-settings-table-0123456789";
    setting::Entity::insert(setting::ActiveModel {
        key: Set("jwt_secret".into()),
        value: Set(old_secret.into()),
    })
    .exec(app.db.conn())
    .await
    .unwrap();
    let keys = backend::auth::jwt::JwtKeys::new(
        &secrecy::SecretString::from(old_secret.to_owned()),
        chrono::Duration::hours(8),
    )
    .unwrap();
    let (forged, _) = keys
        .issue(shared::ids::UserId(1), 0, chrono::Utc::now())
        .unwrap();
    assert_error(
        &app.gql(Some(&forged), ME, json!({})).await,
        "UNAUTHENTICATED",
    );
}

async fn login_failures_of(app: &TestApp, username: &str) -> usize {
    use backend::db::entities::login_failure;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    login_failure::Entity::find()
        .filter(login_failure::Column::Username.eq(username))
        .all(app.db.conn())
        .await
        .unwrap()
        .len()
}

async fn forty_parallel_wrong_logins_run_at_most_five_password_checks(app: TestApp) {
    let app = std::sync::Arc::new(app);
    let attempts: Vec<_> = (0..40)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { app.login("admin", "a wrong password!").await })
        })
        .collect();
    let mut codes = Vec::new();
    for a in attempts {
        codes.push(error_code(&a.await.unwrap()).unwrap_or("none").to_owned());
    }
    // Each UNAUTHENTICATED answer is one password check; the others were refused before.
    let checked = codes.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    let refused = codes.iter().filter(|c| *c == "RATE_LIMITED").count();
    assert_eq!(checked, 5, "{codes:?}");
    assert_eq!(refused, 35, "{codes:?}");
    assert_eq!(login_failures_of(&app, "admin").await, 5);
}

async fn an_admin_unlocks_a_locked_username(app: TestApp) {
    let admin = app.token("admin").await;
    for _ in 0..5 {
        assert_error(
            &app.login("viewer", "wrong password!").await,
            "UNAUTHENTICATED",
        );
    }
    assert_error(&app.login("viewer", PASSWORD).await, "RATE_LIMITED");
    let unlock = "mutation($u: String!) { unlockLogin(username: $u) }";
    assert_error(
        &app.as_user("manager", unlock, json!({"u": "viewer"})).await,
        "FORBIDDEN",
    );
    let done = app.gql(Some(&admin), unlock, json!({"u": "viewer"})).await;
    assert_ok(&done);
    assert_eq!(done["data"]["unlockLogin"], true);
    assert_ok(&app.login("viewer", PASSWORD).await);
    assert_eq!(audited(&app, "unlockLogin").await, 1, "audited");
}

async fn old_failed_logins_of_unknown_names_are_purged(app: TestApp) {
    use backend::db::entities::login_failure;
    use sea_orm::{ActiveModelTrait, Set};
    login_failure::ActiveModel {
        username: Set("ghost".into()),
        address: Set("203.0.113.9".into()),
        at: Set(chrono::Utc::now() - chrono::Duration::hours(2)),
        ..Default::default()
    }
    .insert(app.db.conn())
    .await
    .unwrap();
    assert_error(
        &app.login("nobody", "not the password").await,
        "UNAUTHENTICATED",
    );
    assert_eq!(login_failures_of(&app, "ghost").await, 0, "purged");
    assert_eq!(login_failures_of(&app, "nobody").await, 1);
}

async fn common_and_trivial_passwords_are_refused(app: TestApp) {
    for weak in ["1234567890", "          ", "matkhau123", "aaaaaaaaaaaa"] {
        let body = app
            .as_user(
                "officer",
                "mutation($n: String!) { changePassword(oldPassword: \"mat-khau-thu-nghiem\", newPassword: $n) }",
                json!({"n": weak}),
            )
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("newPassword"), "{weak:?}");
    }
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createUser(input: {username: \"newbie\", password: \"123456789a\", role: VIEWER, unitId: $u}) { id } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_error(&created, "VALIDATION");
    assert_eq!(error_field(&created), Some("password"));
}

/// A login lock is per client address (behind a proxy that names the client).
async fn a_lock_from_one_address_does_not_lock_another(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.ops.trusted_proxies = vec!["127.0.0.1".into()];
        s.ops.client_ip_header = Some("x-real-ip".into());
    })
    .await;
    let login_from = |address: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.client
                .post(format!("{}/graphql", app.address))
                .header("x-real-ip", address)
                .json(&json!({
                    "query": "mutation($p: String!) { login(username: \"admin\", password: $p) { token } }",
                    "variables": {"p": password},
                }))
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    for _ in 0..5 {
        assert_error(
            &login_from("203.0.113.5", "wrong password!").await,
            "UNAUTHENTICATED",
        );
    }
    assert_error(&login_from("203.0.113.5", PASSWORD).await, "RATE_LIMITED");
    assert_ok(&login_from("198.51.100.7", PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_from_one_address_does_not_lock_another_on_sqlite() {
    a_lock_from_one_address_does_not_lock_another(Backend::Sqlite).await;
}

#[cfg(postgres_tests)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_from_one_address_does_not_lock_another_on_postgres() {
    a_lock_from_one_address_does_not_lock_another(Backend::Postgres).await;
}

/// While PostgreSQL refuses connections, a valid session is answered 503 UNAVAILABLE with
/// `Retry-After` (the client keeps it), never UNAUTHENTICATED; it works again afterwards.
#[cfg(postgres_tests)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_is_unavailable_not_unauthenticated() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app(Backend::Postgres).await;
    let token = app.token("officer").await;
    let name: String = app
        .db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_database()",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    let admin = backend::db::Db::connect(&std::env::var("TEST_DATABASE_URL").unwrap(), 1)
        .await
        .unwrap();
    let admin = admin.conn();
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false"
        ))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .await
        .unwrap();
    for _ in 0..3 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .json(&json!({"query": ME}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert!(response.headers().get("retry-after").is_some());
        let body: serde_json::Value = response.json().await.unwrap();
        assert_error(&body, "UNAVAILABLE");
    }
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true"
        ))
        .await
        .unwrap();
    assert_ok(&app.gql(Some(&token), ME, json!({})).await);
}
