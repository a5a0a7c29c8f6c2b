//! Reading the rows of an XLSX upload within the limits of [`crate::import_limits`]: the
//! archive is checked first (see [`super::archive`]), then the chosen sheet's cells are
//! streamed one by one: its declared dimension, every cell's row and column and the number
//! of cells are checked as they come, and only the cells with a value are kept. No range
//! is ever laid out from a cell reference, so a far cell costs what a near one costs.

use super::cell::Cell;
use super::problem::{Problem, ProblemReason};
use super::table::column_letter;
use crate::import_limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use calamine::{DataRef, Reader, Xlsx, XlsxError};

/// Calls `visit` with every row (its 1-based number and cells) of the first sheet of
/// `sheets` in the workbook, else of its first sheet that is not the instructions.
pub fn visit_xlsx(
    bytes: &[u8],
    sheets: &[&str],
    visit: &mut impl FnMut(u32, &[Cell]),
) -> Result<(), Box<Problem>> {
    super::archive::check(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Problem::file(
            ProblemReason::Unreadable,
            format!("the file is not a readable XLSX workbook: {e}"),
        )
    })?;
    let names = book.sheet_names();
    let chosen = sheets
        .iter()
        .find_map(|want| names.iter().find(|n| n.as_str() == *want))
        .or_else(|| {
            names
                .iter()
                .find(|n| n.as_str() != super::INSTRUCTIONS_SHEET)
        })
        .cloned()
        .ok_or_else(|| {
            Problem::file(
                ProblemReason::NoSheet,
                "the workbook has no sheet with data",
            )
        })?;
    let mut cells = read_cells(&mut book, &chosen)?;
    // Rows come in order in every workbook seen, but the format does not promise it.
    cells.sort_by_key(|(pos, _)| *pos);
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Ok(());
    };
    let (first, last) = (first.0.0, last.0.0);
    let mut row: Vec<Cell> = Vec::new();
    let mut next = cells.into_iter().peekable();
    for r in first..=last {
        row.clear();
        while let Some(((_, col), cell)) = next.next_if(|((at, _), _)| *at == r) {
            let col = col as usize;
            if row.len() <= col {
                row.resize(col + 1, Cell::Empty);
            }
            row[col] = cell;
        }
        visit(r.saturating_add(1), &row);
    }
    Ok(())
}

/// A cell with a value at its 0-based (row, column).
type Placed = ((u32, u32), Cell);

/// The cells with a value of the sheet `name`, by 0-based (row, column), checked against
/// the limits as they are read.
fn read_cells(
    book: &mut Xlsx<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<Placed>, Box<Problem>> {
    let unreadable = |e: XlsxError| -> Box<Problem> {
        Problem::file(
            ProblemReason::UnreadableSheet,
            format!("sheet {name:?} cannot be read: {e}"),
        )
        .with_value(name)
        .into()
    };
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(unreadable(e)),
    };
    let declared = reader.dimensions();
    let (rows, cols) = declared.end;
    if rows >= MAX_ROWS || cols >= MAX_COLUMNS {
        let value = format!(
            "{}:{}",
            reference(declared.start.0, declared.start.1),
            reference(rows, cols)
        );
        return Err(out_of_bounds(rows, "the sheet declares the range", &value));
    }
    let percent: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| {
            style
                .number_format
                .as_ref()
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect();
    let mut kept = Vec::new();
    let mut seen = 0u64;
    let mut empty = 0u64;
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(unreadable)? {
        seen += 1;
        if seen > MAX_CELLS {
            return Err(too_many_cells());
        }
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            let value = reference(row, col);
            return Err(out_of_bounds(row, "the sheet has a cell at", &value));
        }
        let in_percent = percent.get(style).copied().unwrap_or(false);
        let value = match cell.get_value() {
            DataRef::Empty => {
                empty += 1;
                continue;
            }
            // A formula computed as empty text, or never computed (`t="str"`, no value).
            DataRef::String(s) if s.is_empty() => {
                empty += 1;
                continue;
            }
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            DataRef::Float(f) if in_percent => Cell::Percent(*f),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Int(n) if in_percent => Cell::Percent(*n as f64),
            DataRef::Int(n) => Cell::Number(*n as f64),
            DataRef::Bool(b) => Cell::Text(b.to_string()),
            DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
            DataRef::DateTime(d) if d.is_datetime() => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                Cell::Date(i32::from(y), m, day)
            }
            DataRef::DateTime(d) => Cell::Number(d.as_f64()),
            DataRef::DateTimeIso(s) => iso_date(s).unwrap_or_else(|| Cell::Text(s.clone())),
            DataRef::DurationIso(s) => Cell::Text(s.clone()),
        };
        kept.push(((row, col), value));
    }
    drop(reader);
    if empty > 0 {
        uncomputed(book, name, &mut kept)?;
    }
    Ok(kept)
}

/// Adds, as [`Cell::Uncomputed`], the formulas of the sheet `name` whose value the workbook
/// does not hold when it holds the value of none of its formulas (a file written by a
/// program and never opened in a spreadsheet application): read again, for the formulas only, when the first reading met cells
/// without a value. `kept` holds the cells with a value, sorted by position.
fn uncomputed(
    book: &mut Xlsx<std::io::Cursor<&[u8]>>,
    name: &str,
    kept: &mut Vec<Placed>,
) -> Result<(), Box<Problem>> {
    let unreadable = |e: XlsxError| -> Box<Problem> {
        Problem::file(
            ProblemReason::UnreadableSheet,
            format!("sheet {name:?} cannot be read: {e}"),
        )
        .with_value(name)
        .into()
    };
    kept.sort_by_key(|(pos, _)| *pos);
    let mut found = Vec::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut seen = 0u64;
    let mut computed_any = false;
    while let Some(record) = reader
        .next_cell_with_formula_metadata()
        .map_err(unreadable)?
    {
        seen += 1;
        if seen > MAX_CELLS {
            return Err(too_many_cells());
        }
        let pos = record.pos;
        let no_value = match &record.value {
            DataRef::Empty => true,
            DataRef::String(s) => s.is_empty(),
            _ => false,
        };
        if record.formula.is_some() && !no_value {
            computed_any = true;
        } else if record.formula.is_some()
            && no_value
            && kept.binary_search_by_key(&pos, |(at, _)| *at).is_err()
        {
            found.push((pos, Cell::Uncomputed));
        }
    }
    // A workbook holding the value of any formula was computed by a spreadsheet
    // application: its formulas without a value computed to empty text (`=IF(D2="";"";D2)`),
    // which is a blank cell, not a formula never computed.
    if !computed_any {
        kept.extend(found);
    }
    Ok(())
}

/// Whether an Excel number format shows its number as a percentage: a `%` outside quoted
/// text, escapes and bracketed sections (`0%`, `0.0%`, `#,##0.00 %`).
fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// The date of an ISO 8601 date cell (`2024-04-01`, `2024-04-01T00:00:00`).
fn iso_date(text: &str) -> Option<Cell> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    Some(Cell::Date(y, m, d))
}

fn too_many_cells() -> Box<Problem> {
    Problem::file(
        ProblemReason::TooManyCells,
        format!("the sheet has more than {MAX_CELLS} cells"),
    )
    .into()
}

/// `A1` for the 0-based (0, 0).
fn reference(row: u32, col: u32) -> String {
    format!("{}{}", column_letter(col as usize), u64::from(row) + 1)
}

/// The problem of a cell or range reaching beyond a limit: below the last row read when its
/// (0-based) `row` is, else right of the last column.
fn out_of_bounds(row: u32, what: &str, value: &str) -> Box<Problem> {
    let (reason, limit) = if row >= MAX_ROWS {
        (ProblemReason::TooManyRows, format!("{MAX_ROWS} rows"))
    } else {
        (
            ProblemReason::TooManyColumns,
            format!(
                "{MAX_COLUMNS} columns ({})",
                column_letter(MAX_COLUMNS as usize - 1)
            ),
        )
    };
    Problem::file(
        reason,
        format!("{what} {value}, beyond the {limit} read from a sheet"),
    )
    .with_value(value)
    .into()
}

#[cfg(test)]
pub(crate) mod tests;
