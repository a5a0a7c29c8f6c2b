//! `chitieu backup` and `chitieu restore` for SQLite. A backup is `VACUUM INTO`: one read
//! transaction, consistent and safe while the server runs. A restore copies the file next
//! to the database, checks it (SQLite integrity, migrations known to this version, roll-ups
//! equal to a recomputation, as `chitieu check`), keeps the current database as
//! `<file>.before-restore-<time>`, and swaps the checked copy in; it refuses while a server
//! uses the database. PostgreSQL is backed up with `pg_dump` / `pg_restore`. Evidence files
//! are copied beside the backup file (`<file>.evidence/`) and put back add-only, each
//! checked against its SHA-256.

use crate::db::file_lock::{RestoreLock, sqlite_path};
use crate::db::{Db, rollups};
use crate::evidence_store::is_sha256;
use migrations::MigratorTrait;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const POSTGRES_HINT: &str = "on PostgreSQL use its own tools: `pg_dump -Fc -f chitieu.dump \"$DATABASE_URL\"` to back up, `pg_restore --clean --if-exists -d \"$DATABASE_URL\" chitieu.dump` to restore (see README, Production)";

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "''"))
}

/// Writes a consistent copy of the SQLite database to `to` (a new file); returns its size.
pub async fn backup(db: &Db, to: &Path) -> anyhow::Result<u64> {
    if db.backend() != DbBackend::Sqlite {
        anyhow::bail!("chitieu backup is for SQLite; {POSTGRES_HINT}");
    }
    // Created empty with mode 0600 first (VACUUM INTO accepts an empty file), so that the
    // copy of every account's password hash is never readable by other users.
    match crate::auth::secret::private_file(to) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!("{} exists already; back up to a new file", to.display());
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("creating {}", to.display()))),
    }
    if let Err(e) = db
        .conn()
        .execute_unprepared(&format!("VACUUM INTO {}", quoted(to)))
        .await
    {
        let _ = std::fs::remove_file(to);
        return Err(e.into());
    }
    Ok(std::fs::metadata(to)?.len())
}

/// [`backup`] of the database at `database_url` (SQLite only: says what to use otherwise
/// before trying to connect).
pub async fn backup_url(database_url: &str, to: &Path) -> anyhow::Result<u64> {
    if sqlite_path(database_url).is_none() {
        anyhow::bail!("chitieu backup is for a SQLite file; {POSTGRES_HINT}");
    }
    let db = Db::connect(database_url, 1).await?;
    let result = backup(&db, to).await;
    db.close().await?;
    result
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the replaced database was kept, if there was one.
    pub previous: Option<PathBuf>,
    /// Roll-up rows verified.
    pub rollup_rows: usize,
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_journal(path: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        match std::fs::remove_file(sidecar(path, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn url_of(path: &Path) -> String {
    format!("sqlite://{}?mode=rw", path.display())
}

/// Replaces the SQLite database of `database_url` by the checked backup `from`.
pub async fn restore(database_url: &str, from: &Path) -> anyhow::Result<Restored> {
    let Some(target) = sqlite_path(database_url) else {
        anyhow::bail!("chitieu restore is for a SQLite file; {POSTGRES_HINT}");
    };
    if !from.is_file() {
        anyhow::bail!("{} is not a file", from.display());
    }
    let _lock = if target.exists() {
        Some(RestoreLock::acquire(&target)?)
    } else {
        None
    };
    let staged = sidecar(&target, ".restoring");
    remove_journal(&staged)?;
    std::fs::copy(from, &staged)?;
    crate::auth::secret::tighten(&staged)?;
    let rollup_rows = match verify(&staged).await {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            let _ = remove_journal(&staged);
            return Err(e.context(format!(
                "{} is not a usable Chỉ tiêu backup",
                from.display()
            )));
        }
    };
    let previous = if target.exists() {
        let keep = sidecar(
            &target,
            &format!(
                ".before-restore-{}",
                chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
            ),
        );
        let current = Db::connect(&url_of(&target), 1).await?;
        backup(&current, &keep).await?;
        current.close().await?;
        Some(keep)
    } else {
        None
    };
    remove_journal(&target)?;
    std::fs::rename(&staged, &target)?;
    Ok(Restored {
        previous,
        rollup_rows,
    })
}

/// Checks a copy of a backup and brings it to this version's schema; returns the number of
/// roll-up rows that equal their recomputation.
async fn verify(path: &Path) -> anyhow::Result<usize> {
    let db = Db::connect(&url_of(path), 1)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open it as SQLite: {e}"))?;
    let result = verify_open(&db).await;
    db.close().await?;
    remove_journal(path)?;
    result
}

async fn verify_open(db: &Db) -> anyhow::Result<usize> {
    let conn = db.conn();
    let integrity = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .map_err(|e| anyhow::anyhow!("not a SQLite database: {e}"))?
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .unwrap_or_default();
    if integrity != "ok" {
        anyhow::bail!("SQLite integrity check failed: {integrity}");
    }
    let applied: Vec<String> = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT version FROM seaql_migrations",
        ))
        .await
        .map_err(|_| anyhow::anyhow!("it has no Chỉ tiêu schema (no migration table)"))?
        .iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .collect();
    let known: HashSet<String> = migrations::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if applied.is_empty() {
        anyhow::bail!("it has no Chỉ tiêu schema (no migration applied)");
    }
    if let Some(unknown) = applied.iter().find(|v| !known.contains(*v)) {
        anyhow::bail!("it was made by a newer version of Chỉ tiêu (migration {unknown})");
    }
    db.migrate().await?;
    let stored = rollups::stored(conn).await?;
    let expected = rollups::recompute(conn).await?;
    if stored != expected {
        anyhow::bail!("its roll-ups differ from a recomputation of its figures (`chitieu check`)");
    }
    Ok(stored.len())
}

/// The folder beside a backup file that holds the evidence files: `<file>.evidence`.
pub fn evidence_beside(file: &Path) -> PathBuf {
    sidecar(file, ".evidence")
}

/// The files of an evidence store: `<xx>/<sha>` where `xx` starts `sha`, with their paths.
/// Anything else (temporary uploads, stray files) is not part of it.
fn stored_files(store: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let top = match std::fs::read_dir(store) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for folder in top {
        let folder = folder?;
        let prefix = folder.file_name().to_string_lossy().into_owned();
        if prefix.len() != 2 || !folder.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(folder.path())? {
            let file = file?;
            let name = file.file_name().to_string_lossy().into_owned();
            if is_sha256(&name) && name.starts_with(&prefix) && file.file_type()?.is_file() {
                out.push((name, file.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// What copying evidence files did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EvidenceCopied {
    /// Files copied.
    pub added: usize,
    /// Bytes copied.
    pub bytes: u64,
    /// Files already in the store, kept as they were.
    pub kept: usize,
    /// Files of the backup refused because their SHA-256 differs from their name.
    pub refused: Vec<String>,
}

/// Copies the files of the evidence store `store` into `to` (a new folder, created even
/// when the store is empty, so that a restore finds it).
pub fn backup_evidence(store: &Path, to: &Path) -> anyhow::Result<EvidenceCopied> {
    if to.exists() {
        anyhow::bail!("{} exists already; back up to a new file", to.display());
    }
    std::fs::create_dir_all(to)?;
    let mut copied = EvidenceCopied::default();
    for (sha, path) in stored_files(store)? {
        let folder = to.join(&sha[..2]);
        std::fs::create_dir_all(&folder)?;
        copied.bytes += std::fs::copy(&path, folder.join(&sha))?;
        copied.added += 1;
    }
    Ok(copied)
}

/// The SHA-256 of a file, read in chunks.
fn sha256_of(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
    Ok(hex::encode(hasher.finalize()))
}

/// Puts the evidence files of a backup (`from`, as written by [`backup_evidence`]) back into
/// the store, add-only: a file already there is kept; a file whose SHA-256 is not its name
/// is refused (and listed); the others are copied in through a temporary file.
pub fn restore_evidence(from: &Path, store: &Path) -> anyhow::Result<EvidenceCopied> {
    let mut copied = EvidenceCopied::default();
    for (sha, path) in stored_files(from)? {
        if sha256_of(&path)? != sha {
            copied.refused.push(sha);
            continue;
        }
        let folder = store.join(&sha[..2]);
        let target = folder.join(&sha);
        if target.exists() {
            copied.kept += 1;
            continue;
        }
        std::fs::create_dir_all(&folder)?;
        let temp = folder.join(format!(".{sha}.restoring"));
        copied.bytes += std::fs::copy(&path, &temp)?;
        std::fs::File::open(&temp)?.sync_all()?;
        std::fs::rename(&temp, &target)?;
        copied.added += 1;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("chitieu-{name}-{}", uuid::Uuid::new_v4()))
    }

    fn put(store: &Path, bytes: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let sha = hex::encode(Sha256::digest(bytes));
        std::fs::create_dir_all(store.join(&sha[..2])).expect("dir");
        std::fs::write(store.join(&sha[..2]).join(&sha), bytes).expect("write");
        sha
    }

    #[test]
    fn evidence_is_backed_up_and_restored_add_only_after_checking_each_name() {
        let (store, backup, other) = (temp("store"), temp("backup"), temp("other"));
        let a = put(&store, b"%PDF-1.4 a");
        let b = put(&store, b"%PDF-1.4 b");
        std::fs::create_dir_all(store.join("incoming")).expect("dir");
        std::fs::write(store.join("incoming").join("x.part"), b"half").expect("write");
        let copied = backup_evidence(&store, &backup).expect("backup");
        assert_eq!((copied.added, copied.bytes), (2, 20));
        assert!(
            backup_evidence(&store, &backup).is_err(),
            "never over a backup"
        );
        // A tampered file in the backup is refused; one already in the store is kept.
        std::fs::write(backup.join(&b[..2]).join(&b), b"<html>").expect("tamper");
        put(&other, b"%PDF-1.4 a");
        let restored = restore_evidence(&backup, &other).expect("restore");
        assert_eq!(restored.added, 0);
        assert_eq!(restored.kept, 1);
        assert_eq!(restored.refused, vec![b.clone()]);
        assert!(other.join(&a[..2]).join(&a).is_file());
        assert!(!other.join(&b[..2]).join(&b).exists());
        for d in [store, backup, other] {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}
