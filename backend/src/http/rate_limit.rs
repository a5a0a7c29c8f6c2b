//! Rate limits of the API: a token bucket (GCRA) per client address and another per API
//! token, both in this process's memory (each instance limits what reaches it). Over the
//! limit: HTTP 429, `Retry-After`, and a GraphQL-shaped error with `RATE_LIMITED`.

use super::errors::{api_error_with, request_id};
use crate::auth::api_token;
use crate::config::OpsSettings;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use sha2::{Digest, Sha256};
use shared::ErrorCode;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Requests between two sweeps of idle keys out of the limiters' maps.
const SWEEP_EVERY: u64 = 10_000;

/// The limiters of one server.
pub struct RateLimits {
    by_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    by_token: Option<DefaultKeyedRateLimiter<[u8; 32]>>,
    ip_header: Option<HeaderName>,
    clock: DefaultClock,
    seen: AtomicU64,
}

fn quota(per_second: u32, burst: u32) -> Option<Quota> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(burst.max(per_second)).unwrap_or(rate);
    Some(Quota::per_second(rate).allow_burst(burst))
}

impl RateLimits {
    /// Limiters as configured; a rate of 0 turns that limit off.
    pub fn new(ops: &OpsSettings) -> RateLimits {
        RateLimits {
            by_ip: quota(ops.rate_limit_per_second, ops.rate_limit_burst)
                .map(DefaultKeyedRateLimiter::keyed),
            by_token: quota(ops.token_rate_limit_per_second, ops.token_rate_limit_burst)
                .map(DefaultKeyedRateLimiter::keyed),
            ip_header: ops
                .client_ip_header
                .as_deref()
                .and_then(|h| HeaderName::try_from(h.trim()).ok()),
            clock: DefaultClock::default(),
            seen: AtomicU64::new(0),
        }
    }

    /// The client's address: the configured proxy header's last value, else the peer.
    fn client_ip(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        address(self.ip_header.as_ref(), headers, peer)
    }

    /// `Err(seconds to wait, what was limited)` when the request is over a limit.
    fn check(
        &self,
        headers: &HeaderMap,
        peer: Option<SocketAddr>,
    ) -> Result<(), (u64, &'static str)> {
        if self.seen.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            if let Some(l) = &self.by_ip {
                l.retain_recent();
            }
            if let Some(l) = &self.by_token {
                l.retain_recent();
            }
        }
        let wait = |not_until: governor::NotUntil<_>| {
            not_until
                .wait_time_from(self.clock.now())
                .as_secs_f64()
                .ceil()
                .max(1.0) as u64
        };
        if let Some(limiter) = &self.by_ip {
            let ip = self.client_ip(headers, peer);
            limiter.check_key(&ip).map_err(|n| (wait(n), "ip"))?;
        }
        if let Some(limiter) = &self.by_token {
            let token = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split_once(' '))
                .map(|(_, t)| t.trim())
                .filter(|t| api_token::is_api_token(t));
            if let Some(token) = token {
                let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
                limiter.check_key(&key).map_err(|n| (wait(n), "token"))?;
            }
        }
        Ok(())
    }
}

fn address(
    ip_header: Option<&HeaderName>,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> IpAddr {
    let from_header = ip_header.and_then(|name| {
        let value = headers.get(name)?.to_str().ok()?;
        value.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
    });
    from_header
        .or(peer.map(|p| p.ip()))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The client's address as the rate limit sees it: the last value of the configured proxy
/// header (`client_ip_header`), else the TCP peer.
pub fn client_ip(ip_header: Option<&str>, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    let name = ip_header.and_then(|h| HeaderName::try_from(h.trim()).ok());
    address(name.as_ref(), headers, peer)
}

/// The middleware: passes the request on, or answers 429.
pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    match limits.check(request.headers(), peer) {
        Ok(()) => next.run(request).await,
        Err((retry_after, by)) => {
            metrics::counter!(crate::metrics::RATE_LIMITED, "by" => by).increment(1);
            tracing::warn!(target: "security", limited_by = by, "rate limited");
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

    fn ops(per_second: u32, burst: u32, header: Option<&str>) -> OpsSettings {
        OpsSettings {
            rate_limit_per_second: per_second,
            rate_limit_burst: burst,
            client_ip_header: header.map(str::to_owned),
            ..OpsSettings::default()
        }
    }

    fn peer(last: u8) -> Option<SocketAddr> {
        Some(SocketAddr::from(([10, 0, 0, last], 4000)))
    }

    #[test]
    fn each_address_has_its_own_bucket() {
        let limits = RateLimits::new(&ops(1, 2, None));
        let headers = HeaderMap::new();
        assert!(limits.check(&headers, peer(1)).is_ok());
        assert!(limits.check(&headers, peer(1)).is_ok());
        let (wait, by) = limits.check(&headers, peer(1)).expect_err("third is over");
        assert_eq!(by, "ip");
        assert!((1..=2).contains(&wait), "{wait}");
        assert!(limits.check(&headers, peer(2)).is_ok());
    }

    #[test]
    fn a_rate_of_zero_turns_the_limit_off() {
        let limits = RateLimits::new(&ops(0, 0, None));
        for _ in 0..1000 {
            assert!(limits.check(&HeaderMap::new(), peer(1)).is_ok());
        }
    }

    #[test]
    fn behind_a_proxy_the_configured_header_names_the_client() {
        let limits = RateLimits::new(&ops(1, 1, Some("x-real-ip")));
        let mut a = HeaderMap::new();
        a.insert("x-real-ip", HeaderValue::from_static("203.0.113.7"));
        let mut b = HeaderMap::new();
        b.insert("x-real-ip", HeaderValue::from_static("203.0.113.8"));
        assert!(limits.check(&a, peer(1)).is_ok());
        assert!(
            limits.check(&b, peer(1)).is_ok(),
            "same proxy, other client"
        );
        assert!(limits.check(&a, peer(1)).is_err());
    }
}
