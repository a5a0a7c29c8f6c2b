//! The settings of evidence files: where their bytes are stored, the largest file and the
//! largest total of one explanation's files (`CHITIEU_EVIDENCE_DIR`,
//! `CHITIEU_EVIDENCE_MAX_FILE_MB`, `CHITIEU_EVIDENCE_MAX_REQUEST_MB`).

use serde::{Deserialize, Deserializer};
use std::path::PathBuf;

/// Bytes in a megabyte as the settings count them.
const MB: u64 = 1024 * 1024;

/// Where evidence files go and how large they may be.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct EvidenceSettings {
    /// The folder of the evidence store; unset: `evidence/` beside the SQLite file, or
    /// `./evidence` on PostgreSQL.
    #[serde(rename = "evidence_dir")]
    pub dir: Option<PathBuf>,
    /// The largest file, in bytes (set in megabytes; default 10 MB).
    #[serde(rename = "evidence_max_file_mb", deserialize_with = "megabytes")]
    pub max_file_bytes: u64,
    /// The largest total of one explanation's files, in bytes (set in megabytes; default
    /// 50 MB).
    #[serde(rename = "evidence_max_request_mb", deserialize_with = "megabytes")]
    pub max_request_bytes: u64,
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

/// A size given in megabytes, as bytes.
fn megabytes<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let mb = u64::deserialize(d)?;
    mb.checked_mul(MB)
        .ok_or_else(|| serde::de::Error::custom("a size in megabytes too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_set_in_megabytes_and_default_to_ten_and_fifty() {
        let d = EvidenceSettings::default();
        assert_eq!((d.max_file_bytes, d.max_request_bytes), (10 * MB, 50 * MB));
        let s: EvidenceSettings = serde_json::from_str(
            r#"{"evidence_dir": "/var/lib/chitieu/evidence", "evidence_max_file_mb": 2}"#,
        )
        .unwrap_or_default();
        assert_eq!(s.max_file_bytes, 2 * MB);
        assert_eq!(s.max_request_bytes, 50 * MB);
        assert_eq!(s.dir, Some(PathBuf::from("/var/lib/chitieu/evidence")));
    }
}
