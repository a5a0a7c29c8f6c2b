//! The operational settings: production mode, GraphQL and request limits, rate limits,
//! CORS and metrics. Every field has a default, so a `chitieu.toml` or `CHITIEU_*` variable
//! only names what differs (e.g. `CHITIEU_RATE_LIMIT_PER_SECOND=200`).

use secrecy::SecretString;
use serde::Deserialize;

/// Limits and switches of a running server.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct OpsSettings {
    /// Production mode: GraphiQL and schema introspection are off whatever `graphiql` says.
    #[serde(deserialize_with = "super::flag::yes_no")]
    pub production: bool,
    /// Deepest nesting of a GraphQL selection.
    pub max_depth: usize,
    /// Highest complexity (fields counted, lists weighted) of a GraphQL operation.
    pub max_complexity: usize,
    /// Most fields and list items one GraphQL operation may resolve: its cost follows the
    /// work it makes, so a document that multiplies lists (aliases, a list inside a list)
    /// stops at this budget with one `VALIDATION` error.
    pub max_resolved_fields: usize,
    /// Largest GraphQL answer, in bytes; a larger one is refused with `VALIDATION`.
    pub max_response_bytes: usize,
    /// GraphQL requests one caller (a session or API token, else a client address) may have
    /// executing at once; its other requests wait for its own turn. 0: a quarter of
    /// `max_concurrent_requests` (at least one), so that one caller never takes every turn.
    pub max_concurrent_per_caller: usize,
    /// Most aliases in one GraphQL document (aliases multiply the work of one field).
    pub max_aliases: usize,
    /// Most operations in one batched request (a JSON array); 1 refuses batches.
    pub max_batch: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// A GraphQL request running longer than this many seconds is stopped.
    pub request_timeout_secs: u64,
    /// GraphQL requests executed at once; the others wait their turn in arrival order (at
    /// most `request_timeout_secs`, then 503 `RATE_LIMITED`). 0: four per CPU core. Work
    /// beyond what the cores can run only lengthens every request's latency, and a write
    /// queued behind hundreds of reads holds SQLite's writer longer (see BENCHMARKS.md).
    pub max_concurrent_requests: usize,
    /// Sustained GraphQL requests per second from one client address without valid
    /// credentials (anonymous, or a refused token); 0 turns it off. Requests with a valid
    /// session count per user, with an API token per token.
    pub rate_limit_per_second: u32,
    /// Requests one client address may send at once above the sustained rate.
    pub rate_limit_burst: u32,
    /// Sustained requests per second of one logged-in user (all their sessions); 0 turns
    /// it off.
    pub user_rate_limit_per_second: u32,
    /// Burst of one user.
    pub user_rate_limit_burst: u32,
    /// Sustained requests per second with one API token (`ctk_…`); 0 turns it off.
    pub token_rate_limit_per_second: u32,
    /// Burst of one API token.
    pub token_rate_limit_burst: u32,
    /// Header in which the trusted proxies name the client (default `X-Forwarded-For`;
    /// e.g. `x-real-ip`). Read only on requests whose TCP peer is in `trusted_proxies`.
    pub client_ip_header: Option<String>,
    /// Reverse proxies (addresses or networks, e.g. `["127.0.0.1", "10.0.0.0/8"]`) whose
    /// forwarded client address is believed; empty: the TCP peer is always the client.
    pub trusted_proxies: Vec<String>,
    /// Origins allowed to call the API from a browser (CORS); empty: none but our own.
    pub cors_allowed_origins: Vec<String>,
    /// Serve Prometheus metrics at `/metrics`.
    #[serde(deserialize_with = "super::flag::yes_no")]
    pub metrics: bool,
    /// When set, `/metrics` requires `Authorization: Bearer <this>`.
    pub metrics_token: Option<SecretString>,
}

impl Default for OpsSettings {
    fn default() -> Self {
        OpsSettings {
            production: false,
            max_depth: 12,
            max_complexity: 5000,
            // A year of results of the demo province in its reorganisation year (271 units
            // × 8 indicators × 12 months, 12 fields and items each: ~312,000) fits.
            max_resolved_fields: 400_000,
            max_response_bytes: 16 * 1024 * 1024,
            max_concurrent_per_caller: 0,
            max_aliases: 50,
            max_batch: 10,
            max_body_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            max_concurrent_requests: 0,
            // A whole office behind one NAT address opens pages of ~10 requests each.
            rate_limit_per_second: 50,
            rate_limit_burst: 200,
            // A person's page sends ~10 requests at once; a script of theirs may send more.
            user_rate_limit_per_second: 50,
            user_rate_limit_burst: 200,
            token_rate_limit_per_second: 10,
            token_rate_limit_burst: 50,
            client_ip_header: None,
            trusted_proxies: Vec::new(),
            cors_allowed_origins: Vec::new(),
            metrics: true,
            metrics_token: None,
        }
    }
}

impl OpsSettings {
    /// GraphQL requests executed at once: `max_concurrent_requests`, or four per core.
    pub fn concurrent_requests(&self) -> usize {
        match self.max_concurrent_requests {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()) * 4,
            n => n,
        }
        .min(tokio::sync::Semaphore::MAX_PERMITS)
    }

    /// GraphQL requests one caller may have executing at once.
    pub fn concurrent_per_caller(&self) -> usize {
        match self.max_concurrent_per_caller {
            0 => (self.concurrent_requests() / 4).max(1),
            n => n.min(tokio::sync::Semaphore::MAX_PERMITS),
        }
    }

    /// Whether GraphiQL may be served, given the `graphiql` switch.
    pub fn graphiql_allowed(&self, graphiql: bool) -> bool {
        graphiql && !self.production
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Overrides, Settings};

    #[test]
    fn operational_settings_come_from_the_file_as_flat_keys_over_defaults() {
        let file = std::env::temp_dir().join(format!("chitieu-{}.toml", uuid::Uuid::new_v4()));
        std::fs::write(
            &file,
            "production = true\nrate_limit_per_second = 7\nmax_aliases = 9\n\
             cors_allowed_origins = [\"https://baocao.example\"]\n",
        )
        .expect("write");
        let s = Settings::load(Some(file.clone()), Overrides::default()).expect("load");
        let _ = std::fs::remove_file(file);
        assert!(s.ops.production);
        assert_eq!(s.ops.rate_limit_per_second, 7);
        assert_eq!(s.ops.max_aliases, 9);
        assert_eq!(s.ops.cors_allowed_origins, ["https://baocao.example"]);
        assert_eq!(s.ops.max_depth, 12, "unset keys keep their default");
        assert!(
            !s.ops.graphiql_allowed(s.graphiql),
            "no GraphiQL in production"
        );
    }

    #[test]
    fn concurrent_requests_default_to_four_per_core_and_follow_the_setting() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut ops = super::OpsSettings::default();
        assert_eq!(ops.concurrent_requests(), 4 * cores);
        ops.max_concurrent_requests = 3;
        assert_eq!(ops.concurrent_requests(), 3);
        ops.max_concurrent_requests = usize::MAX;
        assert_eq!(
            ops.concurrent_requests(),
            tokio::sync::Semaphore::MAX_PERMITS
        );
    }

    #[test]
    fn one_caller_gets_a_quarter_of_the_turns_unless_configured() {
        let mut ops = super::OpsSettings {
            max_concurrent_requests: 8,
            ..super::OpsSettings::default()
        };
        assert_eq!(ops.concurrent_per_caller(), 2);
        ops.max_concurrent_requests = 2;
        assert_eq!(ops.concurrent_per_caller(), 1, "never less than one");
        ops.max_concurrent_per_caller = 5;
        assert_eq!(ops.concurrent_per_caller(), 5);
    }
}
