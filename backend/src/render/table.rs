//! The table model every export is shown as: sheets of typed cells under one header row.
//! The writers turn it into XLSX or CSV.

use chrono::NaiveDate;

/// How a column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Text, or a number shown as is (a year, a month, a code).
    Plain,
    /// An integer count with thousands separators (#,##0).
    Count,
    /// A decimal with two places (#,##0.00), e.g. points.
    Decimal,
    /// A percentage given in percent (85.3 shows as 85.30 %).
    Percent,
    /// A date, dd/mm/yyyy.
    Date,
}

/// A column: its header and how it is shown.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub style: Style,
    /// Width in characters.
    pub width: f64,
}

impl Column {
    /// A column.
    pub fn new(header: impl Into<String>, style: Style, width: f64) -> Column {
        Column {
            header: header.into(),
            style,
            width,
        }
    }
}

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Number(f64),
    Date(NaiveDate),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Int(v)
    }
}

impl From<i32> for Cell {
    fn from(v: i32) -> Cell {
        Cell::Int(i64::from(v))
    }
}

impl From<u32> for Cell {
    fn from(v: u32) -> Cell {
        Cell::Int(i64::from(v))
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// One sheet: a name (at most 31 characters), columns and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// An empty sheet with these columns.
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Sheet {
        Sheet {
            name: name.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// A whole export: a file name and sheets. A CSV holds the sheet at `csv_sheet` only.
#[derive(Debug, Clone)]
pub struct Export {
    /// The file name without extension, may contain Vietnamese letters.
    pub file_stem: String,
    pub sheets: Vec<Sheet>,
    pub csv_sheet: usize,
}

impl Export {
    /// An export of one sheet, which is also its CSV.
    pub fn single(file_stem: String, sheet: Sheet) -> Export {
        Export {
            file_stem,
            sheets: vec![sheet],
            csv_sheet: 0,
        }
    }
}
