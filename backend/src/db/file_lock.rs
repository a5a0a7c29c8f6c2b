//! Which file a SQLite URL names, and the advisory lock that keeps `chitieu restore` from
//! replacing a database a server is using: a running server holds a shared `flock` on the
//! file, a restore takes it exclusively. (SQLite itself uses `fcntl` byte-range locks, which
//! on Linux and the BSDs are independent of `flock`.)

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The file of a `sqlite:` URL; `None` for PostgreSQL or an in-memory database.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return None;
    }
    Some(PathBuf::from(path))
}

/// A server's shared lock on its SQLite file (nothing on PostgreSQL).
#[derive(Debug)]
pub struct ServerLock {
    _file: File,
}

impl ServerLock {
    /// Takes the shared lock; fails while a restore holds the file.
    pub fn acquire(database_url: &str) -> anyhow::Result<Option<ServerLock>> {
        let Some(path) = sqlite_path(database_url).filter(|p| p.is_file()) else {
            return Ok(None);
        };
        let file = File::open(&path)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(ServerLock { _file: file })),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "{} is being restored; start the server when the restore has finished",
                path.display()
            ),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// A restore's exclusive lock on the SQLite file it replaces.
#[derive(Debug)]
pub struct RestoreLock {
    _file: File,
}

impl RestoreLock {
    /// Takes the exclusive lock; fails while a server uses the file.
    pub fn acquire(path: &Path) -> anyhow::Result<RestoreLock> {
        let file = File::open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(RestoreLock { _file: file }),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "a Chỉ tiêu server is using {}; stop it, then restore",
                path.display()
            ),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://chitieu.db?mode=rwc"),
            Some(PathBuf::from("chitieu.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:/var/lib/chitieu/db.sqlite"),
            Some(PathBuf::from("/var/lib/chitieu/db.sqlite"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/chitieu"), None);
    }
}
