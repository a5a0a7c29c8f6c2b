//! How much of an uploaded workbook is read at most. A few kilobytes of XLSX can describe
//! gigabytes (a far cell reference, a huge declared dimension, a zip bomb): every bound is
//! checked before the work it bounds, and the browser words the refusals with these figures.

/// Parts (zip entries) of a workbook; a real one has a few dozen.
pub const MAX_PARTS: usize = 1_000;
/// Uncompressed bytes of any one part (a sheet, the shared strings).
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Uncompressed bytes of all the parts together.
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// Shared strings (distinct texts) of a workbook.
pub const MAX_SHARED_STRINGS: u64 = 200_000;
/// Rows of the sheet read: no cell, and no declared dimension, below row 100,000.
pub const MAX_ROWS: u32 = 100_000;
/// Columns of the sheet read: no cell, and no declared dimension, right of column ALL.
pub const MAX_COLUMNS: u32 = 1_000;
/// Cells written in the sheet read, empty ones included.
pub const MAX_CELLS: u64 = 500_000;
