//! Every PostgreSQL connection is opened with TCP_NODELAY: without it a statement's small
//! writes wait for the server's delayed ACK (Nagle's algorithm), about 40 ms per write
//! round trip. sqlx 0.9.0 lost the option; `vendor/sqlx-core` restores it.
#![cfg(postgres_tests)]

use crate::helpers::*;
use rustix::net::{getpeername, sockopt};
use rustix::process::{PidfdFlags, PidfdGetfdFlags, getpid, pidfd_getfd, pidfd_open};
use serde_json::json;
use std::net::SocketAddr;

/// The port of the PostgreSQL server the tests use.
fn postgres_port() -> u16 {
    let url = std::env::var("TEST_DATABASE_URL").unwrap();
    let authority = url.split('@').next_back().unwrap();
    let host_port = authority.split('/').next().unwrap();
    host_port
        .rsplit_once(':')
        .map_or(5432, |(_, port)| port.parse().unwrap())
}

/// TCP_NODELAY of every socket of this process connected to `port`. Each socket is read
/// through a duplicate of its descriptor (`pidfd_getfd` on this very process).
fn nodelay_of_connections_to(port: u16) -> Vec<bool> {
    let me = pidfd_open(getpid(), PidfdFlags::empty()).unwrap();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd").unwrap().flatten() {
        let is_socket = std::fs::read_link(entry.path())
            .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"));
        let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        if !is_socket {
            continue;
        }
        // The socket may have been closed since the directory was read.
        let Ok(copy) = pidfd_getfd(&me, fd, PidfdGetfdFlags::empty()) else {
            continue;
        };
        let peer = getpeername(&copy).ok().flatten().map(SocketAddr::try_from);
        if let Some(Ok(peer)) = peer
            && peer.port() == port
        {
            found.push(sockopt::tcp_nodelay(&copy).unwrap());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_postgresql_connection_has_tcp_nodelay() {
    let app = spawn_app(Backend::Postgres).await;
    // A request that takes connections from the pool.
    let body = app
        .as_user("admin", "{ me { username } units { name } }", json!({}))
        .await;
    assert_ok(&body);
    let sockets = nodelay_of_connections_to(postgres_port());
    assert!(
        !sockets.is_empty(),
        "no connection to PostgreSQL found in this process"
    );
    assert!(
        sockets.iter().all(|nodelay| *nodelay),
        "{} of {} PostgreSQL connections lack TCP_NODELAY",
        sockets.iter().filter(|n| !**n).count(),
        sockets.len()
    );
}
