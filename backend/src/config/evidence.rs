//! Where evidence files are stored and how large they may be: `evidence_dir`,
//! `evidence_max_file_mb`, `evidence_max_request_mb` (flat keys; `CHITIEU_EVIDENCE_DIR`, …
//! in the environment).

use crate::db::file_lock::sqlite_path;
use crate::domain::evidence::Limits;
use serde::Deserialize;
use std::path::PathBuf;

const MB: u64 = 1024 * 1024;

/// The evidence store's settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "EvidenceKeys")]
pub struct EvidenceSettings {
    /// The folder of the store; unset: `evidence` next to the SQLite database file, or
    /// `./evidence` on PostgreSQL (several instances must then share one folder).
    pub dir: Option<PathBuf>,
    /// The largest file, in bytes (default 10 MB).
    pub max_file_bytes: u64,
    /// The largest total of one explanation's files, in bytes (default 50 MB).
    pub max_request_bytes: u64,
}

/// The keys as written in the file or the environment (megabytes).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EvidenceKeys {
    evidence_dir: Option<PathBuf>,
    evidence_max_file_mb: Option<u64>,
    evidence_max_request_mb: Option<u64>,
}

impl From<EvidenceKeys> for EvidenceSettings {
    fn from(k: EvidenceKeys) -> Self {
        let d = EvidenceSettings::default();
        let bytes = |mb: Option<u64>, default: u64| mb.map_or(default, |m| m.max(1) * MB);
        EvidenceSettings {
            dir: k.evidence_dir,
            max_file_bytes: bytes(k.evidence_max_file_mb, d.max_file_bytes),
            max_request_bytes: bytes(k.evidence_max_request_mb, d.max_request_bytes),
        }
    }
}

impl Default for EvidenceSettings {
    fn default() -> Self {
        EvidenceSettings {
            dir: None,
            max_file_bytes: 10 * MB,
            max_request_bytes: 50 * MB,
        }
    }
}

impl EvidenceSettings {
    /// The store's folder for the database at `database_url`.
    pub fn dir_for(&self, database_url: &str) -> PathBuf {
        if let Some(dir) = &self.dir {
            return dir.clone();
        }
        match sqlite_path(database_url) {
            Some(file) => file
                .parent()
                .map_or_else(|| PathBuf::from("evidence"), |p| p.join("evidence")),
            None => PathBuf::from("evidence"),
        }
    }

    /// The size limits.
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_request_bytes: self.max_request_bytes.max(self.max_file_bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Overrides, Settings};

    #[test]
    fn the_store_sits_next_to_the_sqlite_file_unless_configured() {
        let s = EvidenceSettings::default();
        assert_eq!(
            s.dir_for("sqlite:///var/lib/chitieu/chitieu.db?mode=rwc"),
            PathBuf::from("/var/lib/chitieu/evidence")
        );
        assert_eq!(
            s.dir_for("postgres://u@db/chitieu"),
            PathBuf::from("evidence")
        );
        let s = EvidenceSettings {
            dir: Some(PathBuf::from("/srv/evidence")),
            ..s
        };
        assert_eq!(s.dir_for("sqlite://x.db"), PathBuf::from("/srv/evidence"));
    }

    #[test]
    fn limits_come_from_the_file_in_megabytes() {
        let file = std::env::temp_dir().join(format!("chitieu-{}.toml", uuid::Uuid::new_v4()));
        std::fs::write(
            &file,
            "evidence_dir = \"/srv/tl\"\nevidence_max_file_mb = 2\nevidence_max_request_mb = 5\n",
        )
        .expect("write");
        let s = Settings::load(Some(file.clone()), Overrides::default()).expect("load");
        let _ = std::fs::remove_file(file);
        assert_eq!(s.evidence.dir, Some(PathBuf::from("/srv/tl")));
        assert_eq!(s.evidence.max_file_bytes, 2 * MB);
        assert_eq!(s.evidence.limits().max_request_bytes, 5 * MB);
        let d = Settings::load(None, Overrides::default()).expect("load");
        assert_eq!(d.evidence.max_file_bytes, 10 * MB);
        assert_eq!(d.evidence.max_request_bytes, 50 * MB);
    }
}
