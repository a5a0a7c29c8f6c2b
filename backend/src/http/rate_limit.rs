//! Rate limits of the API, each a token bucket (GCRA) in this process's memory (each
//! instance limits what reaches it): per user for a valid session, per API token, and per
//! client address only for requests without valid credentials (anonymous, or a refused
//! token). A whole office behind one address is then as many budgets as it has users.
//! Over the limit: HTTP 429, `Retry-After`, and a GraphQL-shaped error with `RATE_LIMITED`.

use super::client_address::{TrustedProxies, peer_of};
use super::errors::{api_error_with, request_id};
use crate::auth::api_token;
use crate::auth::jwt::JwtKeys;
use crate::config::OpsSettings;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use sha2::{Digest, Sha256};
use shared::ErrorCode;
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests between two sweeps of idle keys out of the limiters' maps.
const SWEEP_EVERY: u64 = 10_000;

/// Marks a response whose credentials were refused: the request is then counted against
/// its address, as an anonymous one.
#[derive(Debug, Clone, Copy)]
pub struct CredentialsRefused;

/// The limiters of one server.
pub struct RateLimits {
    by_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    by_user: Option<DefaultKeyedRateLimiter<i32>>,
    by_token: Option<DefaultKeyedRateLimiter<[u8; 32]>>,
    keys: JwtKeys,
    proxies: TrustedProxies,
    /// Addresses over their anonymous budget through refused credentials, until when.
    refused_until: Mutex<HashMap<IpAddr, Instant>>,
    clock: DefaultClock,
    seen: AtomicU64,
}

/// Who a request says it is, before the database is asked.
enum Caller {
    /// A session whose signature and times are valid.
    User(i32),
    /// Something shaped like an API token (checked later against the database).
    Token([u8; 32]),
    /// No credentials, or a session token that does not verify.
    Anonymous,
}

fn quota(per_second: u32, burst: u32) -> Option<Quota> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(burst.max(per_second)).unwrap_or(rate);
    Some(Quota::per_second(rate).allow_burst(burst))
}

/// What was limited, and for how many seconds.
type Limited = (u64, &'static str);

impl RateLimits {
    /// Limiters as configured; a rate of 0 turns that limit off.
    pub fn new(ops: &OpsSettings, keys: JwtKeys, proxies: TrustedProxies) -> RateLimits {
        RateLimits {
            by_ip: quota(ops.rate_limit_per_second, ops.rate_limit_burst)
                .map(DefaultKeyedRateLimiter::keyed),
            by_user: quota(ops.user_rate_limit_per_second, ops.user_rate_limit_burst)
                .map(DefaultKeyedRateLimiter::keyed),
            by_token: quota(ops.token_rate_limit_per_second, ops.token_rate_limit_burst)
                .map(DefaultKeyedRateLimiter::keyed),
            keys,
            proxies,
            refused_until: Mutex::new(HashMap::new()),
            clock: DefaultClock::default(),
            seen: AtomicU64::new(0),
        }
    }

    fn caller(&self, headers: &HeaderMap) -> Caller {
        let Some(token) = super::graphql::bearer(headers) else {
            return Caller::Anonymous;
        };
        if api_token::is_api_token(token) {
            return Caller::Token(Sha256::digest(token.as_bytes()).into());
        }
        match self.keys.verify(token) {
            Some(claims) => Caller::User(claims.user.0),
            None => Caller::Anonymous,
        }
    }

    fn wait(&self, not_until: governor::NotUntil<governor::clock::QuantaInstant>) -> u64 {
        not_until
            .wait_time_from(self.clock.now())
            .as_secs_f64()
            .ceil()
            .max(1.0) as u64
    }

    fn sweep(&self) {
        if self.seen.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY != SWEEP_EVERY - 1 {
            return;
        }
        if let Some(l) = &self.by_ip {
            l.retain_recent();
        }
        if let Some(l) = &self.by_user {
            l.retain_recent();
        }
        if let Some(l) = &self.by_token {
            l.retain_recent();
        }
        if let Ok(mut refused) = self.refused_until.lock() {
            let now = Instant::now();
            refused.retain(|_, until| *until > now);
        }
    }

    /// `Err(seconds to wait, what was limited)` when the request is over a limit.
    fn check(&self, headers: &HeaderMap, ip: IpAddr) -> Result<(), Limited> {
        self.sweep();
        match self.caller(headers) {
            Caller::User(id) => match &self.by_user {
                Some(l) => l.check_key(&id).map_err(|n| (self.wait(n), "user")),
                None => Ok(()),
            },
            Caller::Token(key) => {
                self.still_refused(ip)?;
                match &self.by_token {
                    Some(l) => l.check_key(&key).map_err(|n| (self.wait(n), "token")),
                    None => Ok(()),
                }
            }
            Caller::Anonymous => self.charge_address(ip),
        }
    }

    fn charge_address(&self, ip: IpAddr) -> Result<(), Limited> {
        match &self.by_ip {
            Some(l) => l.check_key(&ip).map_err(|n| (self.wait(n), "ip")),
            None => Ok(()),
        }
    }

    /// An address whose refused credentials spent its anonymous budget waits it out.
    fn still_refused(&self, ip: IpAddr) -> Result<(), Limited> {
        let until = self
            .refused_until
            .lock()
            .ok()
            .and_then(|m| m.get(&ip).copied());
        match until.map(|u| u.saturating_duration_since(Instant::now())) {
            Some(left) if !left.is_zero() => Err((left.as_secs().max(1), "ip")),
            _ => Ok(()),
        }
    }

    /// Counts a request whose credentials were refused against its address.
    fn refused(&self, ip: IpAddr) {
        if let Err((secs, _)) = self.charge_address(ip)
            && let Ok(mut refused) = self.refused_until.lock()
        {
            refused.insert(ip, Instant::now() + Duration::from_secs(secs));
        }
    }
}

/// The middleware: passes the request on, or answers 429.
pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = peer_of(&request);
    let address = limits.proxies.client(request.headers(), peer);
    match limits.check(request.headers(), address) {
        Ok(()) => {
            let response = next.run(request).await;
            if response.extensions().get::<CredentialsRefused>().is_some() {
                limits.refused(address);
            }
            response
        }
        Err((retry_after, by)) => {
            metrics::counter!(crate::metrics::RATE_LIMITED, "by" => by).increment(1);
            // Counted in `/metrics`; a line per refusal would flood the log under load.
            tracing::debug!(target: "security", limited_by = by, "rate limited");
            let mut extensions = serde_json::Map::new();
            extensions.insert("retryAfter".into(), retry_after.into());
            let message = format!("too many requests; try again in {retry_after} s");
            let mut response = api_error_with(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                &message,
                request_id(request.headers()).as_deref(),
                extensions,
            );
            if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use secrecy::SecretString;
    use shared::ids::UserId;

    fn keys() -> JwtKeys {
        let secret = SecretString::from("k".repeat(48));
        JwtKeys::new(&secret, chrono::Duration::hours(1)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn limits(anonymous: u32, per_user: u32) -> RateLimits {
        let ops = OpsSettings {
            rate_limit_per_second: anonymous,
            rate_limit_burst: anonymous,
            user_rate_limit_per_second: per_user,
            user_rate_limit_burst: per_user,
            ..OpsSettings::default()
        };
        RateLimits::new(&ops, keys(), TrustedProxies::default())
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    fn bearer(token: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let value = HeaderValue::from_str(&format!("Bearer {token}"));
        headers.insert(
            header::AUTHORIZATION,
            value.unwrap_or(HeaderValue::from_static("")),
        );
        headers
    }

    fn session(user: i32) -> String {
        keys()
            .issue(UserId(user), 0, chrono::Utc::now())
            .map(|(token, _)| token)
            .unwrap_or_default()
    }

    #[test]
    fn each_address_has_its_own_anonymous_bucket() {
        let limits = limits(2, 0);
        let none = HeaderMap::new();
        assert!(limits.check(&none, ip(1)).is_ok());
        assert!(limits.check(&none, ip(1)).is_ok());
        let (wait, by) = limits.check(&none, ip(1)).err().unwrap_or_default();
        assert_eq!(by, "ip");
        assert!((1..=2).contains(&wait), "{wait}");
        assert!(limits.check(&none, ip(2)).is_ok());
    }

    #[test]
    fn a_rate_of_zero_turns_the_limit_off() {
        let limits = limits(0, 0);
        for _ in 0..1000 {
            assert!(limits.check(&HeaderMap::new(), ip(1)).is_ok());
        }
    }

    #[test]
    fn users_behind_one_address_each_have_their_own_budget() {
        let limits = limits(1, 2);
        let (anna, binh) = (bearer(&session(1)), bearer(&session(2)));
        for _ in 0..2 {
            assert!(limits.check(&anna, ip(1)).is_ok());
            assert!(limits.check(&binh, ip(1)).is_ok());
        }
        assert_eq!(limits.check(&anna, ip(1)).err().map(|e| e.1), Some("user"));
        // The address's anonymous budget was never touched.
        assert!(limits.check(&HeaderMap::new(), ip(1)).is_ok());
    }

    #[test]
    fn a_forged_session_counts_as_anonymous() {
        let limits = limits(1, 100);
        let forged = bearer("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        assert!(limits.check(&forged, ip(1)).is_ok());
        assert_eq!(limits.check(&forged, ip(1)).err().map(|e| e.1), Some("ip"));
    }

    #[test]
    fn refused_api_tokens_spend_the_address_budget_and_then_wait() {
        let limits = limits(2, 100);
        let token = bearer("ctk_not_a_real_token_0123456789abcdef");
        for _ in 0..3 {
            assert!(limits.check(&token, ip(1)).is_ok());
            limits.refused(ip(1));
        }
        assert_eq!(limits.check(&token, ip(1)).err().map(|e| e.1), Some("ip"));
        assert!(limits.check(&token, ip(2)).is_ok(), "another address");
    }
}
