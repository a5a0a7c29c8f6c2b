//! What reading a figures file yields: its layout, the figures that read well (by row,
//! column, unit, month and measure) and the problems of the others.

use super::super::problem::Problems;
use super::super::table::Format;

/// How the file lays out its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Long,
    Wide,
}

impl Layout {
    /// `LONG` or `WIDE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Long => "LONG",
            Layout::Wide => "WIDE",
        }
    }
}

/// One figure read from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureCell {
    /// The 1-based row.
    pub row: u32,
    /// The 0-based column of the value.
    pub col: u16,
    /// Index into [`Figures::units`].
    pub unit: u32,
    pub year: i32,
    pub month: u8,
    /// Index into the measures given to [`read_figures`](super::read_figures).
    pub measure: u16,
    pub value: i64,
}

/// What a file holds: the figures that read well and the problems of the others.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub format: Option<Format>,
    pub layout: Option<Layout>,
    /// The distinct unit codes, in order of appearance.
    pub units: Vec<String>,
    pub cells: Vec<FigureCell>,
    /// Data rows read (blank rows not counted).
    pub rows: u32,
    /// The headers as written, by column.
    pub headers: Vec<String>,
    /// The 0-based column of the unit codes.
    pub unit_column: Option<usize>,
    pub problems: Problems,
}

impl Figures {
    /// The header of a 0-based column, as written.
    pub fn header(&self, col: usize) -> &str {
        self.headers.get(col).map(String::as_str).unwrap_or("")
    }
}
