//! Who the client is: the TCP peer, or — only when that peer is a configured trusted proxy
//! — the address the proxy forwards (`X-Forwarded-For`, or the configured header), read
//! from the right and skipping the trusted proxies themselves. A header sent by anyone else
//! is ignored, so nobody can pick the address their requests are counted under.

use crate::config::OpsSettings;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderName};
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The reverse proxies whose forwarded addresses are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: Option<HeaderName>,
}

/// Why a `trusted_proxies` entry is not an address or a network.
#[derive(Debug, thiserror::Error)]
#[error("trusted_proxies: \"{0}\" is neither an IP address nor a network such as 10.0.0.0/8")]
pub struct BadProxy(String);

impl TrustedProxies {
    /// From the settings: `trusted_proxies` (addresses or CIDR networks) and the header
    /// they set (`client_ip_header`, default `X-Forwarded-For`).
    pub fn from_settings(ops: &OpsSettings) -> Result<TrustedProxies, BadProxy> {
        let nets = ops
            .trusted_proxies
            .iter()
            .map(|entry| parse_net(entry.trim()).ok_or_else(|| BadProxy(entry.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        let header = ops
            .client_ip_header
            .as_deref()
            .map_or(Some(HeaderName::from_static("x-forwarded-for")), |h| {
                HeaderName::try_from(h.trim()).ok()
            });
        if nets.is_empty() && ops.client_ip_header.is_some() {
            tracing::warn!(
                "client_ip_header is set but trusted_proxies is empty: the header is ignored and the TCP peer is the client"
            );
        }
        Ok(TrustedProxies { nets, header })
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.nets.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let peer_ip = peer
            .map(|p| p.ip().to_canonical())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if !self.trusts(peer_ip) {
            return peer_ip;
        }
        let Some(value) = self
            .header
            .as_ref()
            .and_then(|name| headers.get_all(name).iter().next_back())
            .and_then(|v| v.to_str().ok())
        else {
            return peer_ip;
        };
        let mut client = peer_ip;
        for hop in value.rsplit(',') {
            let Ok(ip) = hop.trim().parse::<IpAddr>() else {
                // Something that is not an address: believe nothing further left.
                break;
            };
            client = ip.to_canonical();
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

fn parse_net(entry: &str) -> Option<IpNet> {
    entry
        .parse::<IpNet>()
        .ok()
        .or_else(|| entry.parse::<IpAddr>().ok().map(IpNet::from))
}

/// The peer address of a request served with connection info.
pub fn peer_of<B>(request: &axum::http::Request<B>) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(trusted: &[&str], header: Option<&str>) -> TrustedProxies {
        TrustedProxies::from_settings(&OpsSettings {
            trusted_proxies: trusted.iter().map(|s| s.to_string()).collect(),
            client_ip_header: header.map(str::to_owned),
            ..OpsSettings::default()
        })
        .unwrap_or_default()
    }

    fn peer(ip: [u8; 4]) -> Option<SocketAddr> {
        Some(SocketAddr::from((ip, 40000)))
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
        );
        headers
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        let p = proxies(&[], Some("x-forwarded-for"));
        let ip = p.client(&forwarded("203.0.113.7"), peer([10, 0, 0, 1]));
        assert_eq!(ip, IpAddr::from([10, 0, 0, 1]));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_an_untrusted_one_does_not() {
        let p = proxies(&["10.0.0.0/8"], None);
        let headers = forwarded("203.0.113.7");
        assert_eq!(
            p.client(&headers, peer([10, 1, 2, 3])),
            IpAddr::from([203, 0, 113, 7])
        );
        assert_eq!(
            p.client(&headers, peer([192, 0, 2, 9])),
            IpAddr::from([192, 0, 2, 9])
        );
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client_not_what_the_client_claims() {
        // The client wrote a false first hop; the proxies appended the real address.
        let p = proxies(&["10.0.0.1", "10.0.0.2"], None);
        let headers = forwarded("1.2.3.4, 198.51.100.20, 10.0.0.2");
        assert_eq!(
            p.client(&headers, peer([10, 0, 0, 1])),
            IpAddr::from([198, 51, 100, 20])
        );
    }

    #[test]
    fn garbage_in_the_header_stops_the_walk() {
        let p = proxies(&["10.0.0.1"], None);
        assert_eq!(
            p.client(&forwarded("evil, 10.0.0.1"), peer([10, 0, 0, 1])),
            IpAddr::from([10, 0, 0, 1])
        );
        assert_eq!(
            p.client(&HeaderMap::new(), peer([10, 0, 0, 1])),
            IpAddr::from([10, 0, 0, 1])
        );
    }

    #[test]
    fn a_bad_entry_is_refused_with_its_text() {
        let err = TrustedProxies::from_settings(&OpsSettings {
            trusted_proxies: vec!["10.0.0.0/33".into()],
            ..OpsSettings::default()
        })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("10.0.0.0/33"), "{err}");
    }
}
