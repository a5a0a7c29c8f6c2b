//! Posting to webhooks: the URL checked when the webhook is created and again at every
//! post (http or https; resolving to no internal address unless allowed, never to the
//! server itself), the post pinned to the addresses just checked so that a name cannot
//! resolve elsewhere in between, the JSON body signed with the webhook's secret, the
//! notification's id as `Idempotency-Key`, 10 seconds at most, no redirects followed;
//! any 2xx answer is a delivery.

use super::Outbound;
use crate::domain::notify::address::{self, UrlError, WebhookUrl};
use crate::domain::notify::body::WebhookBody;
use crate::domain::notify::signature::{IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign};
use shared::ids::NotificationId;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// The longest a post may take.
pub const POST_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a name may take to resolve.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// A URL that passed every check, with the addresses it resolved to.
#[derive(Debug, Clone)]
pub struct CheckedUrl {
    pub url: WebhookUrl,
    pub addrs: Vec<SocketAddr>,
}

/// Whether `ip` is one of this machine's addresses: binding to it succeeds.
fn is_local(ip: IpAddr) -> bool {
    std::net::UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
}

impl Outbound {
    /// Whether `addr` reaches this server.
    pub fn is_own(&self, addr: SocketAddr) -> bool {
        self.bound
            .is_some_and(|bound| address::reaches(addr, bound, is_local))
    }
}

/// The addresses `host` resolves to (an address literal: itself).
async fn resolve(host: &str, port: u16) -> Vec<SocketAddr> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return vec![SocketAddr::new(ip, port)];
    }
    match tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((host, port))).await {
        Ok(Ok(addrs)) => addrs.collect(),
        _ => Vec::new(),
    }
}

/// Reads and checks a webhook URL, resolving its host.
pub async fn check_url(outbound: &Outbound, text: &str) -> Result<CheckedUrl, UrlError> {
    let url = address::parse(text)?;
    let addrs = resolve(&url.host, url.port).await;
    address::check_resolved(&url.host, &addrs, outbound.allow_private, |a| {
        outbound.is_own(a)
    })?;
    Ok(CheckedUrl { url, addrs })
}

/// Posts notification `id` (its stored body) to `url`, signed with `secret`. The error
/// says why it was not delivered, for the outbox's `lastError`.
pub async fn post(
    outbound: &Outbound,
    url: &str,
    secret: &str,
    id: NotificationId,
    stored_body: &str,
) -> Result<(), String> {
    let checked = check_url(outbound, url).await.map_err(|e| e.message())?;
    let body = WebhookBody::posted(stored_body, id)
        .map_err(|e| format!("nội dung webhook không đọc được: {e}"))?;
    let signature = sign(secret, &body);
    let mut builder = reqwest::Client::builder()
        .timeout(POST_TIMEOUT)
        .connect_timeout(POST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("ChiTieu-Webhook/", env!("CARGO_PKG_VERSION")));
    if checked.url.host.parse::<IpAddr>().is_err() {
        builder = builder.resolve_to_addrs(&checked.url.host, &checked.addrs);
    }
    let client = builder
        .build()
        .map_err(|e| format!("không tạo được kết nối HTTP: {e}"))?;
    let answer = client
        .post(checked.url.url.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, signature)
        .header(IDEMPOTENCY_HEADER, id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|e| describe(&e))?;
    let status = answer.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("máy nhận trả lời HTTP {status}"))
    }
}

/// Why a post failed, in a line.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!(
            "máy nhận không trả lời trong {} giây",
            POST_TIMEOUT.as_secs()
        )
    } else if e.is_connect() {
        let cause = std::error::Error::source(e)
            .map(|s| format!(": {s}"))
            .unwrap_or_default();
        format!("không kết nối được tới máy nhận{cause}")
    } else {
        format!("gửi webhook thất bại: {e}")
    }
}
