//! Prometheus metrics: one process-wide recorder (the `metrics` macros are global), the names
//! of every series, and bounded labels (client-chosen operation names cannot grow the
//! series without limit).

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// HTTP requests by route, method and status.
pub const HTTP_REQUESTS: &str = "chitieu_http_requests_total";
/// HTTP latency by route and method, in seconds.
pub const HTTP_DURATION: &str = "chitieu_http_request_duration_seconds";
/// GraphQL operations by name and outcome.
pub const GRAPHQL_OPERATIONS: &str = "chitieu_graphql_operations_total";
/// GraphQL execution time by operation name, in seconds.
pub const GRAPHQL_DURATION: &str = "chitieu_graphql_operation_duration_seconds";
/// Failed logins (wrong username or password).
pub const LOGIN_FAILURES: &str = "chitieu_login_failures_total";
/// Requests refused by a rate limit, by what was limited (`ip` or `token`).
pub const RATE_LIMITED: &str = "chitieu_rate_limited_total";
/// GraphQL requests stopped by the request timeout.
pub const TIMEOUTS: &str = "chitieu_request_timeouts_total";
/// GraphQL requests waiting for their turn to execute (`max_concurrent_requests`).
pub const GRAPHQL_WAITING: &str = "chitieu_graphql_requests_waiting";
/// GraphQL operations stopped because they needed more than their work budget.
pub const BUDGET_EXCEEDED: &str = "chitieu_graphql_budget_exceeded_total";
/// Responses refused because they were larger than `max_response_bytes`.
pub const RESPONSE_TOO_LARGE: &str = "chitieu_graphql_response_too_large_total";
/// Database connections of the pool, by state (`idle`, `in_use`).
pub const DB_CONNECTIONS: &str = "chitieu_db_pool_connections";
/// The pool's maximum size.
pub const DB_MAX_CONNECTIONS: &str = "chitieu_db_pool_max_connections";

const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Distinct operation names kept as labels; later new names are counted as `other`.
const MAX_OPERATION_LABELS: usize = 200;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
static OPERATION_NAMES: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();

/// Installs the recorder on first use; `None` if another recorder was installed first.
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
                .ok()?;
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            describe();
            Some(handle)
        })
        .as_ref()
}

fn describe() {
    metrics::describe_counter!(HTTP_REQUESTS, "HTTP requests by route, method and status");
    metrics::describe_histogram!(HTTP_DURATION, "HTTP request latency by route and method");
    metrics::describe_counter!(GRAPHQL_OPERATIONS, "GraphQL operations by name and outcome");
    metrics::describe_histogram!(GRAPHQL_DURATION, "GraphQL execution time by operation");
    metrics::describe_counter!(
        LOGIN_FAILURES,
        "logins refused for a wrong username or password"
    );
    metrics::describe_counter!(RATE_LIMITED, "requests refused by a rate limit");
    metrics::describe_counter!(TIMEOUTS, "GraphQL requests stopped by the request timeout");
    metrics::describe_gauge!(
        GRAPHQL_WAITING,
        "GraphQL requests waiting for their turn to execute"
    );
    metrics::describe_counter!(
        BUDGET_EXCEEDED,
        "GraphQL operations stopped at their work budget (max_resolved_fields)"
    );
    metrics::describe_counter!(
        RESPONSE_TOO_LARGE,
        "GraphQL answers refused for exceeding max_response_bytes"
    );
    metrics::describe_gauge!(DB_CONNECTIONS, "database pool connections by state");
    metrics::describe_gauge!(DB_MAX_CONNECTIONS, "database pool maximum size");
}

/// The label for an operation name: the name itself while fewer than
/// `MAX_OPERATION_LABELS` distinct names were seen, `anonymous` or `other` otherwise.
pub fn operation_label(name: Option<&str>) -> String {
    let Some(name) = name.filter(|n| !n.is_empty() && n.len() <= 64) else {
        return "anonymous".to_owned();
    };
    let names = OPERATION_NAMES.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut names) = names.lock() else {
        return "other".to_owned();
    };
    if names.contains(name) || names.len() < MAX_OPERATION_LABELS {
        names.insert(name.to_owned());
        name.to_owned()
    } else {
        "other".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_labels_are_bounded() {
        assert_eq!(operation_label(None), "anonymous");
        assert_eq!(operation_label(Some(&"x".repeat(65))), "anonymous");
        assert_eq!(operation_label(Some("Scoreboard")), "Scoreboard");
        for i in 0..MAX_OPERATION_LABELS {
            let _ = operation_label(Some(&format!("Op{i}")));
        }
        assert_eq!(operation_label(Some("NeverSeenBefore")), "other");
        assert_eq!(operation_label(Some("Scoreboard")), "Scoreboard");
    }
}
