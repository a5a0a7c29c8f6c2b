//! Where a webhook may post: an `http` or `https` URL whose host resolves only to public
//! addresses — loopback, private, link-local, unspecified (and the like) ones only when
//! an on-premise bridge is allowed — and never to the server itself. The URL is read here;
//! resolving the host and knowing the server's own address are the caller's.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use url::Url;

/// The longest URL accepted.
pub const MAX_URL_LEN: usize = 2000;

/// A webhook URL that passed the syntax checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    /// The URL, normalised.
    pub url: Url,
    /// The host to resolve (a name, or an address literal without brackets).
    pub host: String,
    /// The port, explicit or the scheme's.
    pub port: u16,
}

/// Why a webhook URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// Not a URL at all, or too long.
    Malformed,
    /// Not `http` or `https`.
    NotHttp(String),
    /// No host to post to.
    NoHost,
    /// The host does not resolve.
    Unresolved(String),
    /// It resolves to a loopback, private, link-local or unspecified address.
    Internal(IpAddr),
    /// It resolves to the server itself.
    Own(SocketAddr),
}

impl UrlError {
    /// What was wrong, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            UrlError::Malformed => {
                format!("địa chỉ webhook không hợp lệ (URL đầy đủ, tối đa {MAX_URL_LEN} ký tự)")
            }
            UrlError::NotHttp(scheme) => format!(
                "địa chỉ webhook phải dùng http:// hoặc https:// (không nhận \"{scheme}://\")"
            ),
            UrlError::NoHost => "địa chỉ webhook thiếu tên máy chủ".to_owned(),
            UrlError::Unresolved(host) => {
                format!("không phân giải được tên máy chủ \"{host}\" của webhook")
            }
            UrlError::Internal(ip) => format!(
                "địa chỉ webhook trỏ tới địa chỉ nội bộ {ip} (loopback, mạng riêng hoặc \
                 link-local); chỉ được phép khi CHITIEU_WEBHOOK_ALLOW_PRIVATE=true"
            ),
            UrlError::Own(addr) => {
                format!("địa chỉ webhook trỏ tới chính máy chủ Chỉ tiêu ({addr})")
            }
        }
    }
}

/// Reads a webhook URL: `http` or `https`, with a host.
pub fn parse(text: &str) -> Result<WebhookUrl, UrlError> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_URL_LEN {
        return Err(UrlError::Malformed);
    }
    let url = Url::parse(text).map_err(|_| match text.split_once("://") {
        Some((scheme, _)) if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") => {
            UrlError::NotHttp(scheme.to_owned())
        }
        _ => UrlError::Malformed,
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlError::NotHttp(url.scheme().to_owned()));
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) if !d.is_empty() => d.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        _ => return Err(UrlError::NoHost),
    };
    let port = url.port_or_known_default().ok_or(UrlError::Malformed)?;
    Ok(WebhookUrl { url, host, port })
}

/// Whether an address is not a public one: loopback, private (RFC 1918, unique local),
/// link-local, unspecified, shared (carrier-grade NAT), broadcast or multicast, IPv4
/// mapped into IPv6 included.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(a) => internal_v4(a),
        IpAddr::V6(a) => internal_v6(a),
    }
}

fn internal_v4(a: Ipv4Addr) -> bool {
    let [first, second, ..] = a.octets();
    a.is_loopback()
        || a.is_private()
        || a.is_link_local()
        || a.is_unspecified()
        || a.is_broadcast()
        || a.is_multicast()
        || first == 0
        || first >= 240
        || (first == 100 && (64..128).contains(&second))
        || (first == 198 && (18..20).contains(&second))
        || (first == 192 && second == 0 && a.octets()[2] == 0)
}

fn internal_v6(a: Ipv6Addr) -> bool {
    let s = a.segments();
    let first = s[0];
    a.is_loopback()
        || a.is_unspecified()
        || a.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        // Teredo and local-use NAT64 tunnel to addresses that cannot be checked here.
        || (first == 0x2001 && s[1] == 0)
        || (first == 0x64 && s[1] == 0xff9b && s[2] == 1)
        || embedded_v4(a).is_some_and(internal_v4)
}

/// The IPv4 address a NAT64 (`64:ff9b::/96`) or 6to4 (`2002::/16`) address reaches.
fn embedded_v4(a: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = a.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return Some(v4(s[6], s[7]));
    }
    (s[0] == 0x2002).then(|| v4(s[1], s[2]))
}

/// Checks every address the host resolved to: none may be the server itself (`is_own`),
/// nor, unless `allow_internal`, an internal one. No address at all: unresolved.
pub fn check_resolved(
    host: &str,
    addrs: &[SocketAddr],
    allow_internal: bool,
    is_own: impl Fn(SocketAddr) -> bool,
) -> Result<(), UrlError> {
    if addrs.is_empty() {
        return Err(UrlError::Unresolved(host.to_owned()));
    }
    for addr in addrs {
        if is_own(*addr) {
            return Err(UrlError::Own(*addr));
        }
        if !allow_internal && is_internal(addr.ip()) {
            return Err(UrlError::Internal(addr.ip()));
        }
    }
    Ok(())
}

/// Whether `addr` reaches a server listening on `bound`, given whether an address is one
/// of this machine's (`is_local`): the same port, and the same address, or a loopback or
/// unspecified one when the server listens on loopback or on every address, or any local
/// one when it listens on every address.
pub fn reaches(addr: SocketAddr, bound: SocketAddr, is_local: impl Fn(IpAddr) -> bool) -> bool {
    if addr.port() != bound.port() {
        return false;
    }
    let (ip, listen) = (addr.ip().to_canonical(), bound.ip().to_canonical());
    let loopbackish = ip.is_loopback() || ip.is_unspecified();
    ip == listen
        || (loopbackish && (listen.is_loopback() || listen.is_unspecified()))
        || (listen.is_unspecified() && is_local(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }

    fn sock(s: &str) -> SocketAddr {
        s.parse()
            .unwrap_or(SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)))
    }

    #[test]
    fn only_http_and_https_urls_with_a_host_are_read() {
        let ok = parse("https://hooks.tinh.gov.vn/chitieu?x=1").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((ok.host.as_str(), ok.port), ("hooks.tinh.gov.vn", 443));
        let ok = parse("http://[::1]:8080/h").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((ok.host.as_str(), ok.port), ("::1", 8080));
        assert_eq!(parse("ftp://x.vn/a"), Err(UrlError::NotHttp("ftp".into())));
        assert_eq!(
            parse("file:///etc/passwd"),
            Err(UrlError::NotHttp("file".into()))
        );
        assert_eq!(
            parse("gopher://x.vn"),
            Err(UrlError::NotHttp("gopher".into()))
        );
        assert_eq!(parse("không phải url"), Err(UrlError::Malformed));
        assert_eq!(parse(""), Err(UrlError::Malformed));
        assert_eq!(
            parse(&format!("https://x.vn/{}", "a".repeat(2000))),
            Err(UrlError::Malformed)
        );
        for e in [
            UrlError::Malformed,
            UrlError::NotHttp("ftp".into()),
            UrlError::NoHost,
        ] {
            assert!(!e.message().is_empty());
        }
    }

    #[test]
    fn internal_addresses_are_told_from_public_ones() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "64:ff9b::7f00:1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
            "2001:0:4136:e378::1",
        ] {
            assert!(is_internal(ip(internal)), "{internal}");
        }
        for public in [
            "203.0.113.7",
            "8.8.8.8",
            "100.128.0.1",
            "2001:db8::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "198.20.0.1",
        ] {
            assert!(!is_internal(ip(public)), "{public}");
        }
    }

    #[test]
    fn internal_addresses_pass_only_when_allowed_and_the_server_itself_never() {
        let local = [sock("127.0.0.1:9000")];
        let never = |_| false;
        assert_eq!(
            check_resolved("h", &local, false, never),
            Err(UrlError::Internal(ip("127.0.0.1")))
        );
        assert_eq!(check_resolved("h", &local, true, never), Ok(()));
        let own = |a: SocketAddr| a.port() == 9000;
        assert_eq!(
            check_resolved("h", &local, true, own),
            Err(UrlError::Own(sock("127.0.0.1:9000")))
        );
        assert_eq!(
            check_resolved("h", &[], true, never),
            Err(UrlError::Unresolved("h".into()))
        );
        // One internal address among public ones is enough to refuse.
        let mixed = [sock("203.0.113.7:443"), sock("10.0.0.1:443")];
        assert!(check_resolved("h", &mixed, false, never).is_err());
    }

    #[test]
    fn the_server_is_reached_on_its_port_by_its_own_and_loopback_addresses() {
        let none = |_| false;
        let on_loopback = sock("127.0.0.1:8080");
        assert!(reaches(sock("127.0.0.1:8080"), on_loopback, none));
        assert!(reaches(sock("[::ffff:127.0.0.1]:8080"), on_loopback, none));
        assert!(reaches(sock("0.0.0.0:8080"), on_loopback, none));
        assert!(!reaches(sock("127.0.0.1:8081"), on_loopback, none));
        let everywhere = sock("0.0.0.0:8080");
        assert!(reaches(sock("127.0.0.2:8080"), everywhere, none));
        assert!(reaches(sock("192.0.2.10:8080"), everywhere, |i| i
            == ip("192.0.2.10")));
        assert!(!reaches(sock("192.0.2.10:8080"), everywhere, none));
        assert!(!reaches(
            sock("192.0.2.10:8080"),
            sock("192.0.2.11:8080"),
            |_| true
        ));
    }
}
