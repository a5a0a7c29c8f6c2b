//! Imports of monthly figures, of a decision's targets and of the portal's official figures
//! from CSV or XLSX files: read, check everything (codes, values, scope, workflow,
//! consistency) and report every problem with its row and column, then store all of it in
//! one transaction — or nothing.

pub mod figures;
pub mod official;
pub mod targets;
pub mod templates;
pub mod words;

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::closure;
use crate::db::units::{self, KnownUnit};
use crate::domain::scope::Placement;
use crate::error::{ServiceError, ServiceResult};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shared::ids::UnitId;
use shared::sheets::{Problem, Problems};
use std::collections::HashSet;

/// The largest file accepted (a province's year of figures in the long layout is ~10 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Upload {
    /// The SHA-256 of the content, in hex.
    pub fn sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))
    }

    /// The file name as stored with each value: at most 120 characters, no path.
    pub fn clean_name(&self) -> String {
        let base = self
            .file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect::<String>();
        if base.trim().is_empty() {
            "upload".into()
        } else {
            base
        }
    }

    pub(crate) fn check_size(&self) -> ServiceResult<()> {
        if self.bytes.is_empty() {
            return Err(ServiceError::validation("file", "the file is empty"));
        }
        if self.bytes.len() > MAX_FILE_BYTES {
            return Err(ServiceError::validation(
                "file",
                format!(
                    "the file is {} MB; at most {} MB may be imported at once",
                    self.bytes.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }
}

/// A stage of a long import, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Checking,
    Writing,
}

/// Receives progress: the stage, work done and total (in values).
pub type Progress<'a> = &'a (dyn Fn(Stage, u64, u64) + Send + Sync);

/// No progress reporting.
pub fn no_progress(_: Stage, _: u64, _: u64) {}

/// What an import changes for one unit.
#[derive(Debug, Clone, Serialize, Default)]
pub struct UnitChange {
    pub unit_id: i32,
    pub code: String,
    pub name: String,
    /// Values (or targets) not stored before.
    pub new: u32,
    /// Values stored before with another figure.
    pub changed: u32,
    /// Values equal to what is stored.
    pub unchanged: u32,
    /// Months (figures) touched.
    pub months: u32,
}

impl UnitChange {
    /// No change yet for the unit (known by its id only when it is not in `unit`).
    fn of(id: UnitId, unit: Option<&KnownUnit>) -> UnitChange {
        UnitChange {
            unit_id: id.0,
            code: unit.map(|u| u.code.clone()).unwrap_or_default(),
            name: unit.map(|u| u.name.clone()).unwrap_or_default(),
            ..UnitChange::default()
        }
    }
}

/// The outcome of an import or its preview.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file_name: String,
    pub sha256: String,
    /// `CSV` or `XLSX`.
    pub format: &'static str,
    /// `LONG` or `WIDE` for figures; `TARGETS` for targets; `OFFICIAL` for official figures.
    pub layout: Option<&'static str>,
    /// Data rows read.
    pub rows: u32,
    /// Values (or targets) read.
    pub values: u64,
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    /// Unit-months (figures) or units (targets) that change.
    pub months: u64,
    pub units: Vec<UnitChange>,
    pub problems: Problems,
    /// Whether it was stored (false for a preview or a file with problems).
    pub stored: bool,
}

/// A file reader: the bytes and the catalogue's (code, name) pairs.
type Reader<T> = fn(&[u8], &[(&str, &str)]) -> T;

/// Runs a file reader off the async runtime (it is CPU work) with the catalogue's
/// (code, name) pairs.
pub(crate) async fn read_off_thread<T: Send + 'static>(
    bytes: Vec<u8>,
    names: Vec<(String, String)>,
    read: Reader<T>,
) -> ServiceResult<T> {
    Ok(tokio::task::spawn_blocking(move || {
        let refs: Vec<(&str, &str)> = names
            .iter()
            .map(|(c, n)| (c.as_str(), n.as_str()))
            .collect();
        read(&bytes, &refs)
    })
    .await
    .map_err(|e| anyhow::anyhow!("the file reader stopped: {e}"))?)
}

impl ImportReport {
    /// A report of what was read, before any check against the database.
    pub(crate) fn new(
        upload: &Upload,
        format: Option<shared::sheets::Format>,
        layout: Option<&'static str>,
        rows: u32,
        values: usize,
        problems: Problems,
    ) -> ImportReport {
        ImportReport {
            file_name: upload.clean_name(),
            sha256: upload.sha256(),
            format: match format {
                Some(shared::sheets::Format::Xlsx) => "XLSX",
                _ => "CSV",
            },
            layout,
            rows,
            values: values as u64,
            new: 0,
            changed: 0,
            unchanged: 0,
            months: 0,
            units: Vec::new(),
            problems,
            stored: false,
        }
    }

    pub(crate) fn tally(&mut self) {
        self.problems.sort();
        self.new = self.units.iter().map(|u| u64::from(u.new)).sum();
        self.changed = self.units.iter().map(|u| u64::from(u.changed)).sum();
        self.unchanged = self.units.iter().map(|u| u64::from(u.unchanged)).sum();
        self.units.sort_by(|a, b| a.code.cmp(&b.code));
    }

    /// The error refusing a file with problems: VALIDATION with every listed problem (up to
    /// [`Problems::LIMIT`], by row and column) in `details`; the message names the first
    /// few and says how many more there are, and how many `details` could not list.
    pub fn refusal(&self) -> ServiceError {
        let mut problems = self.problems.clone();
        problems.sort();
        let first: Vec<String> = problems
            .list
            .iter()
            .take(SUMMARY_PROBLEMS)
            .map(words::located)
            .collect();
        let total = problems.total();
        let rest = total.saturating_sub(first.len());
        let unlisted = if problems.more > 0 {
            format!(
                " ({} lỗi không có trong danh sách chi tiết)",
                words::grouped(problems.more as u64)
            )
        } else {
            String::new()
        };
        let more = if rest > 0 {
            format!("; và {} lỗi khác{unlisted}", words::grouped(rest as u64))
        } else {
            String::new()
        };
        ServiceError::Validation {
            field: Some("file".into()),
            message: format!(
                "Tệp {} có {} lỗi nên chưa lưu gì: {}{more}",
                self.file_name,
                words::grouped(total as u64),
                first.join("; ")
            ),
            details: serde_json::to_value(&problems.list).ok(),
        }
    }
}

/// How many problems the message of a refusal names (`details` has them all).
pub const SUMMARY_PROBLEMS: usize = 5;

/// Resolves unit codes (in file order) to units; `None` for unknown or inactive codes.
async fn resolve_units(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> ServiceResult<Vec<Option<KnownUnit>>> {
    Ok(units::active_by_codes(db, codes).await?)
}

/// Where each unit stands relative to the caller, in one query.
async fn placements(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> ServiceResult<impl Fn(UnitId) -> Placement> {
    let scope = actor.scope.0;
    let subtree: Option<HashSet<i32>> = if actor.scope_is_root {
        None
    } else {
        Some(
            closure::subtree(db, actor.scope)
                .await?
                .into_iter()
                .map(|u| u.0)
                .collect(),
        )
    };
    Ok(move |unit: UnitId| {
        let unit = unit.0;
        if unit == scope {
            Placement::AtScope
        } else {
            match &subtree {
                None => Placement::Below,
                Some(s) if s.contains(&unit) => Placement::Below,
                Some(_) => Placement::Outside,
            }
        }
    })
}

/// Records a problem of a row's unit (once per row), located in the unit column when the
/// file has one.
fn unit_problem(
    problems: &mut Problems,
    problem: Problem,
    row: u32,
    unit_column: Option<(usize, &str)>,
) {
    let last = problems.list.last();
    if last.is_some_and(|p| p.kind == problem.kind && p.row == Some(row)) {
        return;
    }
    problems.push(problem.at(row, unit_column));
}
