//! Authentication: login, sessions, token tampering, the login throttle, passwords, API
//! tokens.

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
    );
    let (foreign, _) = other_keys
        .issue(shared::ids::UserId(1), chrono::Utc::now())
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
