//! What can be wrong with an imported file, as codes both the server (which finds the
//! problems) and the browser (which words them in the reader's language) know. Wasm-clean:
//! the file readers themselves live behind the `sheets` feature.

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
    strum::VariantArray,
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
    /// Every kind.
    pub const ALL: &'static [ProblemKind] = <ProblemKind as strum::VariantArray>::VARIANTS;

    /// The code, e.g. `UNKNOWN_UNIT`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Exactly what is wrong, within a [`ProblemKind`]: enough, with the problem's value, row
/// and column, to say it in a sentence in any language.
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
    strum::VariantArray,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProblemReason {
    /// The file has no header row.
    EmptyFile,
    /// The file has a header row but no data rows.
    NoRows,
    /// Neither CSV text nor a readable XLSX workbook.
    Unreadable,
    /// A workbook without a sheet of data.
    NoSheet,
    /// The sheet (named by the value) cannot be read.
    UnreadableSheet,
    /// A line of a CSV file is not UTF-8 text.
    NotUtf8,
    /// The header row has no unit code column.
    NoUnitColumn,
    /// The header row has no year column.
    NoYearColumn,
    /// The header row has no month column.
    NoMonthColumn,
    /// The header row has no measure code column (long layout).
    NoMeasureCodeColumn,
    /// The header row has no value column (long layout).
    NoValueColumn,
    /// The header row has no measure column at all.
    NoMeasureColumns,
    /// The header row has no indicator column.
    NoIndicatorColumns,
    /// A header (the value) names no known column.
    UnknownHeader,
    /// The same column (the value is its header) is given twice.
    RepeatedColumn,
    /// A required cell is empty.
    Missing,
    /// A figure (the value) is not a non-negative whole number.
    NotACount,
    /// A target or baseline (the value) is not a number.
    NotANumber,
    /// A target or baseline (the value) is negative.
    Negative,
    /// The value is larger than any figure or target may be.
    TooLarge,
    /// A year or month (the value) outside its range, or a rate target above 100.
    OutOfRange,
    /// A baseline (the value) for an indicator that has no target in the row.
    BaselineWithoutTarget,
    /// No active unit or no measure has the code (the value).
    UnknownCode,
    /// The indicator (the value is its code) is no longer in use.
    Inactive,
    /// The same unit, month and measure were given before, in the other row.
    RepeatedValue,
    /// The same unit (the value) was given before, in the other row.
    RepeatedUnit,
    /// The unit (the value) is outside the units the caller enters figures for.
    OutsideScope,
    /// The unit (the value) is not below the caller's unit (targets).
    NotBelowYourUnit,
    /// The month of the unit (the value) is approved and read-only.
    ApprovedMonth,
    /// A part exceeds its whole in the month (see the problem's consistency rule).
    PartExceedsWhole,
    /// A workbook of more parts than [`MAX_PARTS`](crate::import_limits::MAX_PARTS).
    TooManyParts,
    /// A part of the workbook (the value is its name) is larger, uncompressed, than
    /// [`MAX_PART_BYTES`](crate::import_limits::MAX_PART_BYTES).
    PartTooLarge,
    /// The workbook is larger, uncompressed, than
    /// [`MAX_WORKBOOK_BYTES`](crate::import_limits::MAX_WORKBOOK_BYTES).
    WorkbookTooLarge,
    /// More shared strings than [`MAX_SHARED_STRINGS`](crate::import_limits::MAX_SHARED_STRINGS).
    TooManyStrings,
    /// A cell or the declared dimension (the value) lies below row
    /// [`MAX_ROWS`](crate::import_limits::MAX_ROWS).
    TooManyRows,
    /// A cell or the declared dimension (the value) lies right of column
    /// [`MAX_COLUMNS`](crate::import_limits::MAX_COLUMNS).
    TooManyColumns,
    /// The sheet has more cells than [`MAX_CELLS`](crate::import_limits::MAX_CELLS).
    TooManyCells,
}

impl ProblemReason {
    /// Every reason.
    pub const ALL: &'static [ProblemReason] = <ProblemReason as strum::VariantArray>::VARIANTS;

    /// The code, e.g. `NOT_A_COUNT`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn codes_are_screaming_snake_case_and_read_back() {
        for r in ProblemReason::VARIANTS {
            assert_eq!(r.as_str().to_uppercase(), r.as_str());
            assert_eq!(r.as_str().parse::<ProblemReason>().ok(), Some(*r));
        }
        assert_eq!(ProblemReason::NotACount.as_str(), "NOT_A_COUNT");
        assert_eq!(ProblemKind::UnknownUnit.as_str(), "UNKNOWN_UNIT");
    }
}
