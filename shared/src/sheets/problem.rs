//! A problem found in an uploaded file: its kind and reason, the row and column it is in,
//! what it is about and what is wrong. Problems are collected (up to a limit) rather than
//! stopping at the first.

use serde::{Deserialize, Serialize};

pub use crate::import_problem::{ProblemKind, ProblemReason};
use crate::validation::ConsistencyViolation;

/// One problem, located in the file. `message` says it in English; `reason` and the facts
/// beside it (`value`, `other_row`, the month, the broken rule) let a client say it in its
/// reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub kind: ProblemKind,
    pub reason: ProblemReason,
    /// The 1-based row of the sheet (the line of a CSV file), when the problem has one.
    pub row: Option<u32>,
    /// The column letter (A, B, …), when the problem is in one cell or column.
    pub column: Option<String>,
    /// The header of that column, as written in the file.
    pub header: Option<String>,
    /// What the problem is about, as written in the file: the offending cell's text, a
    /// header, a unit code, a sheet name.
    pub value: Option<String>,
    /// For a repetition: the row where the same thing was first given.
    pub other_row: Option<u32>,
    /// For a problem of a whole month: its year and month.
    pub year: Option<i32>,
    /// See `year`.
    pub month: Option<u8>,
    /// For a broken consistency rule: the rule and both values.
    pub consistency: Option<ConsistencyViolation>,
    /// What is wrong, in words (English).
    pub message: String,
}

impl Problem {
    /// A problem of `kind` and `reason`, not yet located.
    pub fn new(kind: ProblemKind, reason: ProblemReason, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            reason,
            row: None,
            column: None,
            header: None,
            value: None,
            other_row: None,
            year: None,
            month: None,
            consistency: None,
            message: message.into(),
        }
    }

    /// A problem of the whole file.
    pub fn file(reason: ProblemReason, message: impl Into<String>) -> Problem {
        Problem::new(ProblemKind::File, reason, message)
    }

    /// Located in the 1-based `row`.
    pub fn in_row(mut self, row: u32) -> Problem {
        self.row = Some(row);
        self
    }

    /// Located in the 0-based column `col`, headed `header`.
    pub fn in_column(mut self, col: usize, header: &str) -> Problem {
        self.column = Some(super::column_letter(col));
        self.header = Some(header.to_owned());
        self
    }

    /// Located in `row` and, when given, the column (0-based) with its header.
    pub fn at(self, row: u32, col: Option<(usize, &str)>) -> Problem {
        let p = self.in_row(row);
        match col {
            Some((c, h)) => p.in_column(c, h),
            None => p,
        }
    }

    /// About `value`, as written in the file.
    pub fn with_value(mut self, value: impl Into<String>) -> Problem {
        self.value = Some(value.into());
        self
    }

    /// Repeating what `row` gave first.
    pub fn repeating(mut self, row: u32) -> Problem {
        self.other_row = Some(row);
        self
    }

    /// About the month `month` of `year`.
    pub fn in_month(mut self, year: i32, month: u8) -> Problem {
        self.year = Some(year);
        self.month = Some(month);
        self
    }

    /// Breaking `rule`.
    pub fn breaking(mut self, rule: ConsistencyViolation) -> Problem {
        self.consistency = Some(rule);
        self
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

    /// Records every problem of `other` (its uncounted ones counted too).
    pub fn extend(&mut self, other: Problems) {
        for p in other.list {
            self.push(p);
        }
        self.more = self.more.saturating_add(other.more);
    }

    /// Sorts the listed problems by row, then column (A, B, …, Z, AA): problems of the
    /// whole file first, those of a whole row before its cells'. The sort is stable: the
    /// problems of one cell keep the order they were found in.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            let col = |p: &Problem| p.column.as_ref().map(|c| (c.len(), c.clone()));
            (a.row, col(a)).cmp(&(b.row, col(b)))
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

    /// Each listed problem as its reason, the cell as written and the other row, for tests
    /// to compare against a table.
    #[cfg(test)]
    pub(crate) fn reasons(&self) -> Vec<(ProblemReason, Option<&str>, Option<u32>)> {
        self.list
            .iter()
            .map(|p| (p.reason, p.value.as_deref(), p.other_row))
            .collect()
    }
}
