//! Rate limits per client address and per API token: 429, `Retry-After`, and a GraphQL
//! error with `RATE_LIMITED` and `retryAfter`.

use crate::helpers::{Backend, assert_ok, spawn_app_with};
use serde_json::{Value, json};

async fn me(app: &crate::helpers::TestApp, token: Option<&str>) -> reqwest::Response {
    let mut req = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "{ me { username } }"}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("send")
}

async fn assert_rate_limited(response: reqwest::Response) {
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After header in seconds");
    assert!(retry_after >= 1);
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "RATE_LIMITED",
        "{body}"
    );
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"], retry_after,
        "{body}"
    );
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_with_retry_after() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.rate_limit_per_second = 1;
        s.ops.rate_limit_burst = 3;
    })
    .await;
    for _ in 0..3 {
        let response = me(&app, None).await;
        assert_eq!(response.status(), 200, "within the burst");
    }
    assert_rate_limited(me(&app, None).await).await;
    // Health checks and metrics are not limited.
    let health = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let metrics = app
        .client
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        metrics.contains("chitieu_rate_limited_total{by=\"ip\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn an_api_token_over_its_rate_gets_429_while_others_go_on() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.token_rate_limit_per_second = 1;
        s.ops.token_rate_limit_burst = 2;
    })
    .await;
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng dịch vụ công\", unitId: $u) { token } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let api_token = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("createApiToken: {created}"))
        .to_owned();
    let units = "{ units { code } }";
    for _ in 0..2 {
        assert_ok(&app.gql(Some(&api_token), units, json!({})).await);
    }
    let over = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&api_token)
        .json(&json!({"query": units}))
        .send()
        .await
        .expect("send");
    assert_rate_limited(over).await;
    // A person's session from the same address is not held back by the token's budget.
    let admin = app.token("admin").await;
    for _ in 0..5 {
        assert_eq!(me(&app, Some(&admin)).await.status(), 200);
    }
}

async fn me_from(
    app: &crate::helpers::TestApp,
    token: Option<&str>,
    forwarded_for: &str,
) -> reqwest::StatusCode {
    let mut req = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"query": "{ me { username } }"}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("send").status()
}

#[tokio::test]
async fn users_behind_one_address_each_have_their_own_budget() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.user_rate_limit_per_second = 1;
        s.ops.user_rate_limit_burst = 3;
    })
    .await;
    let (admin, officer) = (app.token("admin").await, app.token("officer").await);
    for _ in 0..3 {
        assert_eq!(me(&app, Some(&admin)).await.status(), 200);
        assert_eq!(me(&app, Some(&officer)).await.status(), 200);
    }
    assert_rate_limited(me(&app, Some(&admin)).await).await;
    // Another person from the same address, and anonymous requests, are not held back.
    let viewer = app.token("viewer").await;
    assert_eq!(me(&app, Some(&viewer)).await.status(), 200);
    assert_eq!(me(&app, None).await.status(), 200);
}

#[tokio::test]
async fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
    let limited = |trusted: Vec<String>| {
        spawn_app_with(Backend::Sqlite, move |s| {
            s.ops.rate_limit_per_second = 1;
            s.ops.rate_limit_burst = 1;
            s.ops.trusted_proxies = trusted;
        })
    };
    // Not trusted: whatever the header says, both requests come from 127.0.0.1.
    let app = limited(Vec::new()).await;
    assert_eq!(me_from(&app, None, "203.0.113.1").await, 200);
    assert_eq!(me_from(&app, None, "203.0.113.2").await, 429);
    // Trusted: each forwarded client has its own budget, and a client cannot escape its
    // own by prepending a made-up address.
    let app = limited(vec!["127.0.0.1".into()]).await;
    assert_eq!(me_from(&app, None, "203.0.113.1").await, 200);
    assert_eq!(me_from(&app, None, "203.0.113.2").await, 200);
    assert_eq!(me_from(&app, None, "198.51.100.9, 203.0.113.1").await, 429);
}

#[tokio::test]
async fn refused_api_tokens_count_against_the_address() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.rate_limit_per_second = 1;
        s.ops.rate_limit_burst = 2;
        s.ops.token_rate_limit_per_second = 1000;
        s.ops.token_rate_limit_burst = 1000;
    })
    .await;
    for i in 0..3 {
        let forged = format!("ctk_forged_token_number_{i}_0123456789abcdef");
        let body: Value = app
            .gql(Some(&forged), "{ units { code } }", json!({}))
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{body}"
        );
    }
    let forged = "ctk_forged_token_number_4_0123456789abcdef";
    assert_rate_limited(me(&app, Some(forged)).await).await;
}
