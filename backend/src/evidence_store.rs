//! The evidence store: files named by their SHA-256 under `<dir>/<sha[0..2]>/<sha>`, so
//! that the same bytes are stored once. An upload is written chunk by chunk to a temporary
//! file in `<dir>/incoming/` while it is hashed, synced, then renamed into place; a
//! download opens the file to be streamed, never read whole into memory.

use crate::domain::evidence::{Limits, SNIFF_BYTES};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// The folder of temporary files, inside the store (so that a rename never crosses file
/// systems).
const INCOMING: &str = "incoming";

/// The store and the size limits of what enters it.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    dir: PathBuf,
    /// The limits of one file and of one explanation's files.
    pub limits: Limits,
}

/// Whether `s` is a SHA-256 as the store names files: 64 lowercase hex digits.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file once stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Whether these bytes were not in the store before.
    pub new: bool,
}

impl EvidenceStore {
    /// The store in `dir` (created on the first upload).
    pub fn new(dir: PathBuf, limits: Limits) -> Self {
        EvidenceStore { dir, limits }
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the bytes of `sha256` live; `None` for anything that is not a SHA-256.
    pub fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        is_sha256(sha256).then(|| self.dir.join(&sha256[..2]).join(sha256))
    }

    /// Starts an upload: a new temporary file.
    pub async fn begin(&self) -> io::Result<Incoming> {
        let folder = self.dir.join(INCOMING);
        tokio::fs::create_dir_all(&folder).await?;
        let path = folder.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(Incoming {
            dir: self.dir.clone(),
            path: Some(path),
            file,
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
        })
    }

    /// Opens the bytes of `sha256` for reading; `None` when they are not there.
    pub async fn open(&self, sha256: &str) -> io::Result<Option<tokio::fs::File>> {
        let Some(path) = self.path_of(sha256) else {
            return Ok(None);
        };
        match tokio::fs::File::open(path).await {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Removes the bytes of `sha256` (nothing when they are not there).
    pub async fn remove(&self, sha256: &str) -> io::Result<()> {
        let Some(path) = self.path_of(sha256) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// An upload being received. Dropped before [`Incoming::finish`], its temporary file is
/// removed.
#[derive(Debug)]
pub struct Incoming {
    dir: PathBuf,
    path: Option<PathBuf>,
    file: tokio::fs::File,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
}

impl Incoming {
    /// Appends a chunk.
    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        let room = SNIFF_BYTES.saturating_sub(self.head.len());
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
        self.hasher.update(chunk);
        self.file.write_all(chunk).await?;
        self.size += chunk.len() as u64;
        Ok(())
    }

    /// Bytes received so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The first bytes (at most [`SNIFF_BYTES`]).
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// Whether enough bytes arrived to decide the type.
    pub fn head_full(&self) -> bool {
        self.head.len() >= SNIFF_BYTES
    }

    /// Syncs the file and moves it into the store under its SHA-256 (or drops it when the
    /// same bytes are there already).
    pub async fn finish(mut self) -> io::Result<Stored> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        let folder = self.dir.join(&sha256[..2]);
        tokio::fs::create_dir_all(&folder).await?;
        let target = folder.join(&sha256);
        let Some(temp) = self.path.take() else {
            return Err(io::Error::other("the upload was finished already"));
        };
        let new = !tokio::fs::try_exists(&target).await?;
        if new {
            tokio::fs::rename(&temp, &target).await?;
            // The rename itself is made durable by syncing the folder.
            tokio::fs::File::open(&folder).await?.sync_all().await?;
        } else {
            tokio::fs::remove_file(&temp).await?;
        }
        Ok(Stored {
            sha256,
            size: self.size,
            new,
        })
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> EvidenceStore {
        let dir = std::env::temp_dir().join(format!("chitieu-store-{}", uuid::Uuid::new_v4()));
        EvidenceStore::new(
            dir,
            Limits {
                max_file_bytes: 100,
                max_request_bytes: 200,
            },
        )
    }

    fn files_in(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(files_in(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_under_their_sha256() {
        let store = store();
        let mut stored = Vec::new();
        for _ in 0..2 {
            let mut up = store.begin().await.expect("begin");
            up.write(b"%PDF-1.4 ").await.expect("write");
            up.write(b"hello").await.expect("write");
            stored.push(up.finish().await.expect("finish"));
        }
        let sha = hex::encode(Sha256::digest(b"%PDF-1.4 hello"));
        assert_eq!(stored[0].sha256, sha);
        assert!(stored[0].new && !stored[1].new);
        assert_eq!(stored[1].size, 14);
        let files = files_in(store.dir());
        assert_eq!(files, vec![store.dir().join(&sha[..2]).join(&sha)]);
        let _ = std::fs::remove_dir_all(store.dir());
    }

    #[tokio::test]
    async fn an_abandoned_upload_leaves_no_file() {
        let store = store();
        let mut up = store.begin().await.expect("begin");
        up.write(&[7u8; 70_000]).await.expect("write");
        assert_eq!(up.head().len(), SNIFF_BYTES);
        assert!(up.head_full());
        drop(up);
        assert!(files_in(store.dir()).is_empty());
        let _ = std::fs::remove_dir_all(store.dir());
    }

    #[test]
    fn only_sha256_names_map_to_paths() {
        let store = store();
        assert!(store.path_of("../../etc/passwd").is_none());
        assert!(store.path_of(&"A".repeat(64)).is_none());
        let sha = "ab".repeat(32);
        assert_eq!(store.path_of(&sha), Some(store.dir().join("ab").join(&sha)));
    }
}
