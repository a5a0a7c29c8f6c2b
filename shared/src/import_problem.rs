//! What can be wrong with an imported file, as codes both the server (which finds the
//! problems) and the browser (which words them in the reader's language) know. Wasm-clean:
//! the file readers themselves live behind the `sheets` feature.

wire_enum!(
    /// What is wrong with a row or cell of an imported file.
    #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
    #[cfg_attr(feature = "graphql", graphql(name = "ImportProblemKind"))]
    pub enum ProblemKind {
        // The file cannot be read (not CSV/XLSX, not UTF-8, no sheet, empty).
        File,
        // A required column is missing from the header row.
        MissingColumn,
        // A header names no known column.
        UnknownColumn,
        // A unit code that does not exist.
        UnknownUnit,
        // A measure code that does not exist.
        UnknownMeasure,
        // An indicator code that does not exist or is inactive.
        UnknownIndicator,
        // A value that is not a non-negative whole number (or not a valid target).
        BadValue,
        // A year outside the supported range.
        BadYear,
        // A month outside 1–12.
        BadMonth,
        // The same value given twice in the file.
        Duplicate,
        // A consistency rule between measures broken for a unit and month.
        Consistency,
        // A unit outside the caller's scope.
        OutOfScope,
        // A month that is approved and read-only.
        Approved,
        // A staff member's code or e-mail that names nobody of the unit.
        UnknownStaff,
    }
);

impl ProblemKind {
    /// Every kind.
    pub const ALL: &'static [ProblemKind] = <ProblemKind as strum::VariantArray>::VARIANTS;
}

wire_enum!(
    /// Exactly what is wrong, within its kind: with `value`, `row`, `column` and the facts
    /// beside them, enough for a client to word the problem in its reader's language.
    #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
    #[cfg_attr(feature = "graphql", graphql(name = "ImportProblemReason"))]
    pub enum ProblemReason {
        /// The file has no header row.
        EmptyFile,
        /// The file has a header row but no data rows.
        NoRows,
        /// Neither CSV text nor a readable XLSX workbook.
        Unreadable,
        /// A workbook without a sheet of data.
        NoSheet,
        /// The sheet named by `value` cannot be read.
        UnreadableSheet,
        /// A line of a CSV file is not UTF-8 text.
        #[cfg_attr(feature = "graphql", graphql(name = "NOT_UTF8"))]
        NotUtf8,
        /// A CSV file whose text encoding cannot be told (not UTF-8, UTF-16 or a Vietnamese
        /// or Western Windows code page): it should be saved as "CSV UTF-8".
        UnknownEncoding,
        /// The header row has no unit code column.
        NoUnitColumn,
        /// The header row has no staff column (staff code or e-mail).
        NoStaffColumn,
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
        /// The header row lacks the required column named by `value` (official figures:
        /// `indicator_code`, `numerator`, `denominator`, `score`, `max_score`).
        NoColumn,
        /// The header `value` names no known column.
        UnknownHeader,
        /// The column headed `value` is given twice.
        RepeatedColumn,
        /// A required cell is empty.
        Missing,
        /// The figure `value` is not a non-negative whole number.
        NotACount,
        /// The target or baseline `value` is not a number.
        NotANumber,
        /// The target or baseline `value` is negative.
        Negative,
        /// `value` is larger than any figure or target may be.
        TooLarge,
        /// The year or month `value` is outside its range, or a rate target is above 100.
        OutOfRange,
        /// The cell holds a formula whose value was never computed: the file must be opened
        /// and saved in a spreadsheet application.
        FormulaWithoutValue,
        /// The month `value` is written with a year other than the row's year column.
        MonthOfAnotherYear,
        /// A baseline (`value`) for an indicator that has no target in the row.
        BaselineWithoutTarget,
        /// No active unit, or no measure, has the code `value`.
        UnknownCode,
        /// The indicator whose code is `value` is no longer in use.
        Inactive,
        /// The same unit, month and measure were given before, in `otherRow`.
        RepeatedValue,
        /// The unit `value` was given before, in `otherRow`.
        RepeatedUnit,
        /// The same unit, indicator and month were given before, in `otherRow` (official
        /// figures).
        RepeatedIndicatorMonth,
        /// The unit `value` is outside the units the caller enters figures for.
        OutsideScope,
        /// The unit `value` was not in force in the month (merged away, closed, or not yet
        /// created): its figures of that month belong to its successor.
        NotInForce,
        /// The unit `value` is not below the caller's unit (targets).
        NotBelowYourUnit,
        /// The month `year`/`month` of the unit `value` is approved and read-only.
        ApprovedMonth,
        /// In the month `year`/`month`, a part exceeds its whole (see `consistency`).
        PartExceedsWhole,
        /// The numerator `value` is larger than the denominator of its row (official
        /// figures).
        NumeratorAboveDenominator,
        /// The score `value` is larger than the maximum score of its row (official figures).
        ScoreAboveMaximum,
        /// The workbook has more parts (zip entries) than are read.
        TooManyParts,
        /// The part `value` of the workbook is larger, uncompressed, than is read.
        PartTooLarge,
        /// The workbook is larger, uncompressed, than is read.
        WorkbookTooLarge,
        /// The workbook has more shared strings than are read.
        TooManyStrings,
        /// The cell or declared range `value` lies below the last row read.
        TooManyRows,
        /// The cell or declared range `value` lies right of the last column read.
        TooManyColumns,
        /// The sheet has more cells than are read.
        TooManyCells,
    }
);

impl ProblemReason {
    /// Every reason.
    pub const ALL: &'static [ProblemReason] = <ProblemReason as strum::VariantArray>::VARIANTS;
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
