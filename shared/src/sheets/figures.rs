//! Monthly figures from a file, in either layout:
//! - long: one value per row — unit code, year, month, measure code, value;
//! - wide: one row per unit and month — unit code, year, month, then one column per measure.
//!
//! Personal figures are read the same way with a staff column (staff code or e-mail) in
//! place of the unit code ([`read_staff_figures`]); [`Figures::units`] then holds the staff
//! keys as written.
//!
//! Headers may be codes or names (Vietnamese or English, with or without diacritics). Every
//! cell problem is collected with its row and column; duplicates within the file are named.

use super::cell::Cell;
use super::cell::year_and_month;
use super::header::{self, Fixed, HeaderSearch, Judged};
use super::problem::{Problem, ProblemKind, ProblemReason};
use super::table;
use std::collections::HashMap;

mod model;

pub use model::{FigureCell, Figures, Layout};

enum Columns {
    Long { measure: usize, value: usize },
    Wide { measures: Vec<(usize, u16)> },
}

struct Plan {
    unit: usize,
    year: usize,
    month: usize,
    columns: Columns,
}

/// What names the row's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Unit,
    Staff,
}

struct Reader<'m> {
    key: Key,
    measures: &'m [(&'m str, &'m str)],
    out: Figures,
    plan: Option<Plan>,
    dead: bool,
    unit_index: HashMap<String, u32>,
    measure_cache: HashMap<String, Option<u16>>,
    seen: HashMap<(u32, i32, u8, u16), u32>,
    search: HeaderSearch,
}

/// Reads the figures of a CSV or XLSX file against the catalogue's `measures` (code, name).
pub fn read_figures(bytes: &[u8], measures: &[(&str, &str)]) -> Figures {
    read(bytes, measures, Key::Unit)
}

/// Reads the personal figures of a CSV or XLSX file: a staff column (the staff member's code
/// or e-mail) in place of the unit code; any unit column is read past.
pub fn read_staff_figures(bytes: &[u8], measures: &[(&str, &str)]) -> Figures {
    read(bytes, measures, Key::Staff)
}

fn read(bytes: &[u8], measures: &[(&str, &str)], key: Key) -> Figures {
    let mut r = Reader {
        key,
        measures,
        out: Figures::default(),
        plan: None,
        dead: false,
        unit_index: HashMap::new(),
        measure_cache: HashMap::new(),
        seen: HashMap::new(),
        search: HeaderSearch::default(),
    };
    let mut row_problems = Vec::new();
    let result = table::visit_rows(
        bytes,
        &[super::FIGURES_SHEET, "Figures"],
        |n, cells| r.row(n, cells),
        |p| row_problems.push(p),
    );
    for p in row_problems {
        r.out.problems.push(p);
    }
    match result {
        Ok(format) => r.out.format = Some(format),
        Err(p) => r.out.problems.push(*p),
    }
    if r.plan.is_none()
        && !r.dead
        && let Some((problems, headers)) = r.search.leftover()
    {
        r.out.problems.extend(problems);
        r.out.headers = headers;
        r.dead = true;
    }
    if r.plan.is_none() && !r.dead && r.out.problems.is_empty() {
        r.out.problems.push(Problem::file(
            ProblemReason::EmptyFile,
            "the file is empty: no header row",
        ));
    } else if r.plan.is_some() && r.out.rows == 0 && r.out.problems.is_empty() {
        r.out.problems.push(Problem::file(
            ProblemReason::NoRows,
            "the file has a header row but no figures",
        ));
    }
    r.out
}

impl Reader<'_> {
    /// Records a problem of the cell in row `n`, column `col`, whose text is `value`.
    fn report(&mut self, n: u32, col: usize, value: String, problem: Problem) {
        let p = problem.at(n, Some((col, self.out.header(col))));
        self.out.problems.push(p.with_value(value));
    }

    /// Records a problem of the header in column `col`.
    fn report_header(&mut self, n: u32, col: usize, problem: Problem) {
        let header = self.out.header(col).to_owned();
        self.report(n, col, header, problem);
    }

    fn row(&mut self, n: u32, cells: &[Cell]) {
        if self.dead || cells.iter().all(Cell::is_blank) {
            return;
        }
        if self.plan.is_none() {
            let before = std::mem::take(&mut self.out.problems);
            self.header(n, cells);
            let found = std::mem::replace(&mut self.out.problems, before);
            match self.search.judge(found, &self.out.headers) {
                Judged::Header(found) => self.out.problems.extend(found),
                Judged::NotYet => {
                    self.dead = false;
                    self.plan = None;
                    self.out.layout = None;
                }
                Judged::Refused(found, headers) => {
                    self.out.problems.extend(found);
                    self.out.headers = headers;
                    self.dead = true;
                }
            }
            return;
        }
        self.data(n, cells);
    }

    fn header(&mut self, n: u32, cells: &[Cell]) {
        self.out.headers = cells.iter().map(Cell::text).collect();
        let mut fixed: HashMap<Fixed, usize> = HashMap::new();
        let mut measures: Vec<(usize, u16)> = Vec::new();
        let mut unknown: Vec<usize> = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let folded = header::fold(&cell.text());
            if folded.is_empty() {
                continue;
            }
            if let Some(f) = header::fixed(&folded) {
                if fixed.insert(f, i).is_some() {
                    let p = repeated_column("this column is given twice");
                    self.report_header(n, i, p);
                }
            } else if let Some(m) = header::named(&folded, self.measures) {
                if measures.iter().any(|(_, seen)| usize::from(*seen) == m) {
                    let p = repeated_column("this measure has two columns");
                    self.report_header(n, i, p);
                }
                measures.push((i, u16::try_from(m).unwrap_or(u16::MAX)));
            } else {
                unknown.push(i);
            }
        }
        let long = fixed.contains_key(&Fixed::MeasureCode) || fixed.contains_key(&Fixed::Value);
        self.out.layout = Some(if long { Layout::Long } else { Layout::Wide });
        let key = self.key_column();
        let mut required = vec![
            match self.key {
                Key::Unit => (key, ProblemReason::NoUnitColumn, "unit code (Mã đơn vị)"),
                Key::Staff => (
                    key,
                    ProblemReason::NoStaffColumn,
                    "staff code or e-mail (Mã cán bộ)",
                ),
            },
            (Fixed::Year, ProblemReason::NoYearColumn, "year (Năm)"),
            (Fixed::Month, ProblemReason::NoMonthColumn, "month (Tháng)"),
        ];
        if long {
            required.push((
                Fixed::MeasureCode,
                ProblemReason::NoMeasureCodeColumn,
                "measure code (Mã số liệu)",
            ));
            required.push((
                Fixed::Value,
                ProblemReason::NoValueColumn,
                "value (Giá trị)",
            ));
        } else {
            for &i in &unknown {
                let p = Problem::new(
                    ProblemKind::UnknownColumn,
                    ProblemReason::UnknownHeader,
                    "not a known column or measure code",
                );
                self.report_header(n, i, p);
            }
            if measures.is_empty() {
                self.out.problems.push(Problem::new(
                    ProblemKind::MissingColumn,
                    ProblemReason::NoMeasureColumns,
                    "no measure column: give one column per measure code (wide layout) or measure code and value columns (long layout)",
                ).in_row(n));
            }
        }
        for (f, reason, name) in required {
            if !fixed.contains_key(&f) {
                self.out.problems.push(
                    Problem::new(
                        ProblemKind::MissingColumn,
                        reason,
                        format!("the header row has no {name} column"),
                    )
                    .in_row(n),
                );
            }
        }
        if !self.out.problems.is_empty() {
            self.dead = true;
            return;
        }
        let get = |f| fixed.get(&f).copied().unwrap_or(0);
        self.out.unit_column = Some(get(key));
        self.plan = Some(Plan {
            unit: get(key),
            year: get(Fixed::Year),
            month: get(Fixed::Month),
            columns: if long {
                Columns::Long {
                    measure: get(Fixed::MeasureCode),
                    value: get(Fixed::Value),
                }
            } else {
                Columns::Wide { measures }
            },
        });
    }

    fn data(&mut self, n: u32, cells: &[Cell]) {
        let Some(plan) = self.plan.take() else {
            return;
        };
        self.out.rows = self.out.rows.saturating_add(1);
        let cell = |i: usize| cells.get(i).unwrap_or(&Cell::Empty);
        let unit = self.unit(n, plan.unit, cell(plan.unit));
        let (year, month) = year_and_month(cell(plan.year), cell(plan.month));
        let year = match year {
            Ok(y) => Some(y),
            Err(e) => {
                let p = Problem::new(ProblemKind::BadYear, e.reason, e.message);
                self.report(n, plan.year, cell(plan.year).text(), p);
                None
            }
        };
        let month = match month {
            Ok(m) => Some(m),
            Err(e) => {
                let p = Problem::new(ProblemKind::BadMonth, e.reason, e.message);
                self.report(n, plan.month, cell(plan.month).text(), p);
                None
            }
        };
        let mut values: Vec<(usize, u16, i64)> = Vec::new();
        match &plan.columns {
            Columns::Long { measure, value } => {
                let m = self.measure(n, *measure, cell(*measure));
                let v = match cell(*value).count() {
                    Ok(Some(v)) => Some(v),
                    Ok(None) => {
                        let p = Problem::new(
                            ProblemKind::BadValue,
                            ProblemReason::Missing,
                            "the value is missing",
                        );
                        self.report(n, *value, String::new(), p);
                        None
                    }
                    Err(e) => {
                        self.report(n, *value, cell(*value).text(), bad_value(e));
                        None
                    }
                };
                if let (Some(m), Some(v)) = (m, v) {
                    values.push((*value, m, v));
                }
            }
            Columns::Wide { measures } => {
                for &(col, m) in measures {
                    match cell(col).count() {
                        Ok(Some(v)) => values.push((col, m, v)),
                        Ok(None) => {}
                        Err(e) => self.report(n, col, cell(col).text(), bad_value(e)),
                    }
                }
            }
        }
        if let (Some(unit), Some(year), Some(month)) = (unit, year, month) {
            for (col, measure, value) in values {
                if let Some(first) = self.seen.insert((unit, year, month, measure), n) {
                    let code = self
                        .measures
                        .get(usize::from(measure))
                        .map(|m| m.0)
                        .unwrap_or("");
                    let whose = match self.key {
                        Key::Unit => "unit",
                        Key::Staff => "staff member",
                    };
                    let message =
                        format!("{code} of this {whose} and month is also given in row {first}");
                    let p = Problem::new(
                        ProblemKind::Duplicate,
                        ProblemReason::RepeatedValue,
                        message,
                    )
                    .repeating(first);
                    self.report(n, col, cell(col).text(), p);
                    continue;
                }
                self.out.cells.push(FigureCell {
                    row: n,
                    col: u16::try_from(col).unwrap_or(u16::MAX),
                    unit,
                    year,
                    month,
                    measure,
                    value,
                });
            }
        }
        self.plan = Some(plan);
    }

    /// The column that names the row's owner.
    fn key_column(&self) -> Fixed {
        match self.key {
            Key::Unit => Fixed::UnitCode,
            Key::Staff => Fixed::StaffCode,
        }
    }

    fn unit(&mut self, n: u32, col: usize, cell: &Cell) -> Option<u32> {
        let code = cell.text();
        if code.is_empty() {
            let p = match self.key {
                Key::Unit => Problem::new(
                    ProblemKind::UnknownUnit,
                    ProblemReason::Missing,
                    "the unit code is missing",
                ),
                Key::Staff => Problem::new(
                    ProblemKind::UnknownStaff,
                    ProblemReason::Missing,
                    "the staff code or e-mail is missing",
                ),
            };
            self.report(n, col, code, p);
            return None;
        }
        if let Some(i) = self.unit_index.get(&code) {
            return Some(*i);
        }
        let i = u32::try_from(self.out.units.len()).ok()?;
        self.out.units.push(code.clone());
        self.unit_index.insert(code, i);
        Some(i)
    }

    fn measure(&mut self, n: u32, col: usize, cell: &Cell) -> Option<u16> {
        let text = cell.text();
        let found = match self.measure_cache.get(&text) {
            Some(found) => *found,
            None => {
                let exact = self.measures.iter().position(|(code, _)| *code == text);
                let found = exact
                    .or_else(|| header::named(&header::fold(&text), self.measures))
                    .and_then(|i| u16::try_from(i).ok());
                self.measure_cache.insert(text.clone(), found);
                found
            }
        };
        if found.is_none() {
            let (reason, message) = if text.is_empty() {
                (
                    ProblemReason::Missing,
                    "the measure code is missing".to_owned(),
                )
            } else {
                (
                    ProblemReason::UnknownCode,
                    format!("unknown measure code {text:?}"),
                )
            };
            let p = Problem::new(ProblemKind::UnknownMeasure, reason, message);
            self.report(n, col, text, p);
        }
        found
    }
}

/// A figure that does not read as a count.
fn bad_value(e: super::CellError) -> Problem {
    Problem::new(
        ProblemKind::BadValue,
        e.reason,
        format!("the value {}", e.message),
    )
}

/// A header naming a column given before.
fn repeated_column(message: &str) -> Problem {
    Problem::new(
        ProblemKind::Duplicate,
        ProblemReason::RepeatedColumn,
        message,
    )
}

#[cfg(test)]
mod tests;
