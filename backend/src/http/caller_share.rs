//! Each caller's share of the server: a caller (one bearer token, else one client address)
//! may have at most `max_concurrent_per_caller` GraphQL requests executing at once. Its
//! further requests wait for one of its own turns, outside the common queue, so that one
//! account or token flooding the server never holds every turn nor the database pool.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Who a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallerKey {
    /// The SHA-256 of the bearer token (a session or an API token).
    Bearer([u8; 32]),
    /// The client address of a request without credentials.
    Address(IpAddr),
}

impl CallerKey {
    /// The key of a request: its bearer token when it has one, else its address.
    pub fn of(bearer: Option<&str>, address: IpAddr) -> CallerKey {
        match bearer {
            Some(token) => CallerKey::Bearer(Sha256::digest(token.as_bytes()).into()),
            None => CallerKey::Address(address),
        }
    }
}

/// The shares of every caller with a request in flight.
pub struct CallerShares {
    per_caller: usize,
    callers: Arc<Mutex<HashMap<CallerKey, Arc<Semaphore>>>>,
}

/// One of a caller's turns; the caller's entry goes away with its last turn or waiter.
pub struct CallerTurn {
    permit: Option<OwnedSemaphorePermit>,
    key: CallerKey,
    callers: Arc<Mutex<HashMap<CallerKey, Arc<Semaphore>>>>,
}

impl CallerShares {
    /// Shares of `per_caller` turns each (at least one).
    pub fn new(per_caller: usize) -> CallerShares {
        CallerShares {
            per_caller: per_caller.clamp(1, Semaphore::MAX_PERMITS),
            callers: Arc::default(),
        }
    }

    /// Waits for one of `key`'s turns.
    pub async fn acquire(&self, key: CallerKey) -> CallerTurn {
        let semaphore = {
            let mut callers = lock(&self.callers);
            callers
                .entry(key)
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_caller)))
                .clone()
        };
        // A waiter dropped by a timeout gives its place back; the semaphore is never
        // closed, so `acquire_owned` only fails if it were.
        let mut turn = CallerTurn {
            permit: None,
            key,
            callers: self.callers.clone(),
        };
        turn.permit = semaphore.acquire_owned().await.ok();
        turn
    }

    /// Callers with a request in flight or waiting (for tests and metrics).
    pub fn callers(&self) -> usize {
        lock(&self.callers).len()
    }
}

impl Drop for CallerTurn {
    fn drop(&mut self) {
        let mut callers = lock(&self.callers);
        drop(self.permit.take());
        // Clones are taken under this lock only, so a count of one means nobody holds or
        // waits for this caller's semaphore any more.
        if callers
            .get(&self.key)
            .is_some_and(|s| Arc::strong_count(s) == 1)
        {
            callers.remove(&self.key);
        }
    }
}

/// The map, even if a thread panicked while holding it (it holds no invariant of its own).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;
    use std::time::Duration;

    fn key(n: u8) -> CallerKey {
        CallerKey::Address(IpAddr::V4(Ipv4Addr::new(10, 0, 0, n)))
    }

    #[tokio::test]
    async fn one_caller_waits_for_its_own_turns_while_another_goes_on() {
        let shares = CallerShares::new(2);
        let a1 = shares.acquire(key(1)).await;
        let _a2 = shares.acquire(key(1)).await;
        let third = tokio::time::timeout(Duration::from_millis(50), shares.acquire(key(1))).await;
        assert!(third.is_err(), "a third request of the same caller waits");
        let other = tokio::time::timeout(Duration::from_millis(50), shares.acquire(key(2))).await;
        assert!(other.is_ok(), "another caller is not held up");
        drop(a1);
        let again = tokio::time::timeout(Duration::from_millis(50), shares.acquire(key(1))).await;
        assert!(again.is_ok(), "a freed turn is given to the same caller");
    }

    #[tokio::test]
    async fn callers_are_forgotten_when_their_last_turn_ends() {
        let shares = CallerShares::new(1);
        let turn = shares.acquire(key(1)).await;
        let waiter = tokio::time::timeout(Duration::from_millis(20), shares.acquire(key(1))).await;
        assert!(waiter.is_err());
        assert_eq!(shares.callers(), 1);
        drop(turn);
        assert_eq!(shares.callers(), 0);
    }

    #[test]
    fn a_bearer_counts_apart_from_its_address() {
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        assert_ne!(CallerKey::of(Some("t"), ip), CallerKey::of(None, ip));
        assert_eq!(CallerKey::of(Some("t"), ip), CallerKey::of(Some("t"), ip));
        assert_ne!(CallerKey::of(Some("t"), ip), CallerKey::of(Some("u"), ip));
    }
}
