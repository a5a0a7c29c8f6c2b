//! The table model every export is shown as: sheets of typed cells under one header row.
//! The writers turn it into XLSX or CSV; an XLSX adds the export's [`Title`] above the
//! header of each sheet and on every printed page.

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
    /// The title block sits in the cells above the header; an importable sheet keeps its
    /// header in the first row and names its title on the printed page only.
    pub importable: bool,
    /// How many leading columns (the unit's or indicator's name) stay in view when
    /// scrolling sideways.
    pub frozen_columns: u16,
}

impl Sheet {
    /// An empty sheet with these columns.
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Sheet {
        Sheet {
            name: name.into(),
            columns,
            rows: Vec::new(),
            importable: false,
            frozen_columns: 0,
        }
    }

    /// The sheet, with its header in the first row, as an import reads it.
    pub fn importable(self) -> Sheet {
        Sheet {
            importable: true,
            ..self
        }
    }

    /// The sheet, with its first `n` columns kept in view.
    pub fn freeze_columns(self, n: u16) -> Sheet {
        Sheet {
            frozen_columns: n,
            ..self
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// What an export is about, as its title block and printed pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The subject, e.g. `Bảng xếp hạng` or `Chỉ tiêu Quyết định 55/QĐ-UBND`.
    pub heading: String,
    /// The unit covered (`None`: the caller's own unit, from the letterhead).
    pub unit: Option<String>,
    /// The period covered, e.g. `Lũy kế đến tháng 6/2023`.
    pub period: String,
}

/// A whole export: a file name, a title and sheets. A CSV holds the sheet at `csv_sheet`
/// only, without the title.
#[derive(Debug, Clone)]
pub struct Export {
    /// The file name without extension, may contain Vietnamese letters.
    pub file_stem: String,
    pub title: Title,
    pub sheets: Vec<Sheet>,
    pub csv_sheet: usize,
}

impl Export {
    /// An export of one sheet, which is also its CSV.
    pub fn single(file_stem: String, title: Title, sheet: Sheet) -> Export {
        Export {
            file_stem,
            title,
            sheets: vec![sheet],
            csv_sheet: 0,
        }
    }
}
