//! A problem found in an uploaded file: its kind, the row and column it is in, and what is
//! wrong. Problems are collected (up to a limit) rather than stopping at the first.

use serde::{Deserialize, Serialize};

/// What kind of problem a row has.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProblemKind {
    /// The file cannot be read (not CSV/XLSX, not UTF-8, no sheet, empty).
    File,
    /// A required column is missing from the header row.
    MissingColumn,
    /// A header names no known column.
    UnknownColumn,
    /// A unit code that does not exist.
    UnknownUnit,
    /// A measure code that does not exist.
    UnknownMeasure,
    /// An indicator code that does not exist or is inactive.
    UnknownIndicator,
    /// A value that is not a non-negative whole number (or not a valid target).
    BadValue,
    /// A year outside the supported range.
    BadYear,
    /// A month outside 1–12.
    BadMonth,
    /// The same value given twice in the file.
    Duplicate,
    /// A consistency rule between measures broken for a unit and month.
    Consistency,
    /// A unit outside the caller's scope.
    OutOfScope,
    /// A month that is approved and read-only.
    Approved,
}

impl ProblemKind {
    /// The code, e.g. `UNKNOWN_UNIT`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One problem, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The 1-based row of the sheet (the line of a CSV file), when the problem has one.
    pub row: Option<u32>,
    /// The column letter (A, B, …), when the problem is in one cell or column.
    pub column: Option<String>,
    /// The header of that column, as written in the file.
    pub header: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    /// A problem of the whole file.
    pub fn file(message: impl Into<String>) -> Problem {
        Problem {
            kind: ProblemKind::File,
            row: None,
            column: None,
            header: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(row) = self.row {
            write!(f, "row {row}")?;
            if self.column.is_some() {
                write!(f, ", ")?;
            }
        }
        if let Some(col) = &self.column {
            write!(f, "column {col}")?;
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
        }
        if self.row.is_some() || self.column.is_some() {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The problems of a file: the first [`Problems::LIMIT`] in full, the rest counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problems {
    pub list: Vec<Problem>,
    /// How many more problems there were beyond the list.
    pub more: usize,
}

impl Problems {
    /// How many problems are kept in full.
    pub const LIMIT: usize = 1000;

    /// Records a problem.
    pub fn push(&mut self, p: Problem) {
        if self.list.len() < Self::LIMIT {
            self.list.push(p);
        } else {
            self.more = self.more.saturating_add(1);
        }
    }

    /// Records a problem located at `row` and column `col` (0-based) with its header.
    pub fn at(
        &mut self,
        kind: ProblemKind,
        row: u32,
        col: Option<(usize, &str)>,
        message: impl Into<String>,
    ) {
        self.push(Problem {
            kind,
            row: Some(row),
            column: col.map(|(c, _)| super::column_letter(c)),
            header: col.map(|(_, h)| h.to_owned()),
            message: message.into(),
        });
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every problem counted.
    pub fn total(&self) -> usize {
        self.list.len().saturating_add(self.more)
    }
}
