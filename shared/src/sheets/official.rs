//! The portal's official figures (QĐ 766) from a file: one row per unit, indicator and
//! month — unit code, year, month, indicator code, numerator, denominator, score, maximum
//! score and, optionally, the row's source. Headers may be written in Vietnamese or English,
//! with or without diacritics ("Mã chỉ số", "Tử số", "Điểm tối đa", "max_score"); a unit
//! name, an indicator name and the portal's rate may stand beside them and are not read (the
//! rate is the numerator over the denominator). Every cell problem is collected with its row
//! and column: counts that are not whole numbers of 0 or more, a numerator above its
//! denominator, a score above its maximum, a unit, indicator and month given twice.

use super::cell::Cell;
use super::cell::year_and_month;
use super::header::{self, Fixed, HeaderSearch, Judged};
use super::problem::{Problem, ProblemKind, ProblemReason, Problems};
use super::table::{self, Format};
use std::collections::HashMap;

/// The longest `source` text kept, in characters.
pub const MAX_SOURCE_CHARS: usize = 500;

/// One official row read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialRow {
    /// The 1-based row.
    pub row: u32,
    /// Index into [`Official::units`].
    pub unit: u32,
    /// Index into the indicators given to [`read_official`].
    pub indicator: u16,
    pub year: i32,
    pub month: u8,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    /// The row's own source, when the file has a source column and the cell is not blank.
    pub source: Option<String>,
}

/// The unit a data row names, kept for every row with a unit code (even one with other
/// problems) so that the server can check every unit of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRow {
    /// The 1-based row.
    pub row: u32,
    /// Index into [`Official::units`].
    pub unit: u32,
    /// The row's year and month, when both read well.
    pub month: Option<(i32, u8)>,
}

/// What an official figures file holds.
#[derive(Debug, Clone, Default)]
pub struct Official {
    pub format: Option<Format>,
    /// The distinct unit codes, in order of appearance.
    pub units: Vec<String>,
    /// The rows that read well.
    pub figures: Vec<OfficialRow>,
    /// The unit of every data row that names one.
    pub unit_rows: Vec<UnitRow>,
    /// Data rows read (blank rows not counted).
    pub rows: u32,
    /// The headers as written, by column.
    pub headers: Vec<String>,
    /// The 0-based column of the unit codes.
    pub unit_column: Option<usize>,
    pub problems: Problems,
}

impl Official {
    /// The header of a 0-based column, as written.
    pub fn header(&self, col: usize) -> &str {
        self.headers.get(col).map(String::as_str).unwrap_or("")
    }
}

/// A column of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Unit,
    Year,
    Month,
    Indicator,
    Numerator,
    Denominator,
    Score,
    MaxScore,
    Source,
    /// Known but not read: a unit or indicator name, the rate.
    Ignored,
}

/// Headers of this layout's own columns, folded (see [`header::fold`]). They are matched
/// before the columns every layout shares, so "Mã chỉ số" names an indicator here.
const ALIASES: &[(Col, &[&str])] = &[
    (
        Col::Indicator,
        &[
            "indicator code",
            "indicator",
            "ma chi so",
            "chi so",
            "ma chi tieu",
            "chi tieu",
        ],
    ),
    (Col::Numerator, &["numerator", "tu so"]),
    (Col::Denominator, &["denominator", "mau so"]),
    (Col::Score, &["score", "diem", "diem dat", "diem so"]),
    (
        Col::MaxScore,
        &[
            "max score",
            "maximum score",
            "max",
            "diem toi da",
            "thang diem",
        ],
    ),
    (
        Col::Source,
        &["source", "nguon", "nguon so lieu", "nguon du lieu"],
    ),
    (
        Col::Ignored,
        &[
            "indicator name",
            "ten chi so",
            "ten chi tieu",
            "rate",
            "ty le",
        ],
    ),
];

/// The required columns, with how a problem names them.
const REQUIRED: [(Col, &str); 8] = [
    (Col::Unit, "unit_code (Mã đơn vị)"),
    (Col::Year, "year (Năm)"),
    (Col::Month, "month (Tháng)"),
    (Col::Indicator, "indicator_code (Mã chỉ số)"),
    (Col::Numerator, "numerator (Tử số)"),
    (Col::Denominator, "denominator (Mẫu số)"),
    (Col::Score, "score (Điểm)"),
    (Col::MaxScore, "max_score (Điểm tối đa)"),
];

/// The column a folded header names, if any.
fn column_of(folded: &str) -> Option<Col> {
    if let Some((c, _)) = ALIASES.iter().find(|(_, names)| names.contains(&folded)) {
        return Some(*c);
    }
    match header::fixed(folded)? {
        Fixed::UnitCode => Some(Col::Unit),
        Fixed::UnitName => Some(Col::Ignored),
        Fixed::Year => Some(Col::Year),
        Fixed::Month => Some(Col::Month),
        Fixed::MeasureCode | Fixed::Value | Fixed::StaffCode | Fixed::StaffName => None,
    }
}

struct Reader<'i> {
    indicators: &'i [(&'i str, &'i str)],
    out: Official,
    /// Where each column of the layout is, once the header row is read.
    plan: Option<HashMap<Col, usize>>,
    dead: bool,
    unit_index: HashMap<String, u32>,
    indicator_cache: HashMap<String, Option<u16>>,
    seen: HashMap<(u32, u16, i32, u8), u32>,
    search: HeaderSearch,
}

/// Reads the official figures of a CSV or XLSX file against the catalogue's `indicators`
/// (code, name).
pub fn read_official(bytes: &[u8], indicators: &[(&str, &str)]) -> Official {
    let mut r = Reader {
        indicators,
        out: Official::default(),
        plan: None,
        dead: false,
        unit_index: HashMap::new(),
        indicator_cache: HashMap::new(),
        seen: HashMap::new(),
        search: HeaderSearch::default(),
    };
    let mut row_problems = Vec::new();
    let result = table::visit_rows(
        bytes,
        &[super::OFFICIAL_SHEET, "Official"],
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
            "the file has a header row but no official figures",
        ));
    }
    r.out.problems.sort();
    r.out
}

/// What a row's cells read as, before the row is kept.
struct Values {
    numerator: Option<i64>,
    denominator: Option<i64>,
    score: Option<f64>,
    max_score: Option<f64>,
    source: Option<String>,
}

impl Reader<'_> {
    /// Records a problem of the cell in row `n`, column `col`, whose text is `value`.
    fn report(&mut self, n: u32, col: usize, value: String, problem: Problem) {
        let p = problem.at(n, Some((col, self.out.header(col))));
        self.out.problems.push(p.with_value(value));
    }

    fn row(&mut self, n: u32, cells: &[Cell]) {
        if self.dead || cells.iter().all(Cell::is_blank) {
            return;
        }
        match self.plan.take() {
            None => {
                let before = std::mem::take(&mut self.out.problems);
                self.header(n, cells);
                let found = std::mem::replace(&mut self.out.problems, before);
                match self.search.judge(found, &self.out.headers) {
                    Judged::Header(found) => self.out.problems.extend(found),
                    Judged::NotYet => {
                        self.dead = false;
                        self.plan = None;
                    }
                    Judged::Refused(found, headers) => {
                        self.out.problems.extend(found);
                        self.out.headers = headers;
                        self.dead = true;
                    }
                }
            }
            Some(plan) => {
                self.data(n, cells, &plan);
                self.plan = Some(plan);
            }
        }
    }

    fn header(&mut self, n: u32, cells: &[Cell]) {
        self.out.headers = cells.iter().map(Cell::text).collect();
        let mut plan: HashMap<Col, usize> = HashMap::new();
        for (i, cell) in cells.iter().enumerate() {
            let folded = header::fold(&cell.text());
            if folded.is_empty() {
                continue;
            }
            let value = self.out.header(i).to_owned();
            match column_of(&folded) {
                Some(Col::Ignored) => {}
                Some(c) => {
                    if plan.insert(c, i).is_some() {
                        let p = Problem::new(
                            ProblemKind::Duplicate,
                            ProblemReason::RepeatedColumn,
                            "this column is given twice",
                        );
                        self.report(n, i, value, p);
                    }
                }
                None => {
                    let p = Problem::new(
                        ProblemKind::UnknownColumn,
                        ProblemReason::UnknownHeader,
                        "not a column of official figures",
                    );
                    self.report(n, i, value, p);
                }
            }
        }
        for (col, name) in REQUIRED {
            if plan.contains_key(&col) {
                continue;
            }
            let reason = match col {
                Col::Unit => ProblemReason::NoUnitColumn,
                Col::Year => ProblemReason::NoYearColumn,
                Col::Month => ProblemReason::NoMonthColumn,
                _ => ProblemReason::NoColumn,
            };
            let p = Problem::new(
                ProblemKind::MissingColumn,
                reason,
                format!("the header row has no {name} column"),
            );
            self.out.problems.push(p.in_row(n).with_value(name));
        }
        if !self.out.problems.is_empty() {
            self.dead = true;
            return;
        }
        self.out.unit_column = plan.get(&Col::Unit).copied();
        self.plan = Some(plan);
    }

    fn data(&mut self, n: u32, cells: &[Cell], plan: &HashMap<Col, usize>) {
        self.out.rows = self.out.rows.saturating_add(1);
        let before = self.out.problems.total();
        let at = |c: Col| plan.get(&c).copied().unwrap_or(0);
        let cell = |c: Col| cells.get(at(c)).unwrap_or(&Cell::Empty);
        let unit = self.unit(n, at(Col::Unit), cell(Col::Unit));
        let (year, month) = year_and_month(cell(Col::Year), cell(Col::Month));
        let year = match year {
            Ok(y) => Some(y),
            Err(e) => {
                let p = Problem::new(ProblemKind::BadYear, e.reason, e.message);
                self.report(n, at(Col::Year), cell(Col::Year).text(), p);
                None
            }
        };
        let month = match month {
            Ok(m) => Some(m),
            Err(e) => {
                let p = Problem::new(ProblemKind::BadMonth, e.reason, e.message);
                self.report(n, at(Col::Month), cell(Col::Month).text(), p);
                None
            }
        };
        if let Some(unit) = unit {
            let month = year.zip(month);
            self.out.unit_rows.push(UnitRow {
                row: n,
                unit,
                month,
            });
        }
        let indicator = self.indicator(n, at(Col::Indicator), cell(Col::Indicator));
        let values = Values {
            numerator: self.count(n, at(Col::Numerator), cell(Col::Numerator), "numerator"),
            denominator: self.count(
                n,
                at(Col::Denominator),
                cell(Col::Denominator),
                "denominator",
            ),
            score: self.points(n, at(Col::Score), cell(Col::Score), "score"),
            max_score: self.points(n, at(Col::MaxScore), cell(Col::MaxScore), "maximum score"),
            source: match plan.get(&Col::Source) {
                Some(&c) => self.source(n, c, cells.get(c).unwrap_or(&Cell::Empty)),
                None => None,
            },
        };
        self.compare(n, plan, cells, &values);
        let (Some(unit), Some(year), Some(month), Some(indicator)) = (unit, year, month, indicator)
        else {
            return;
        };
        if let Some(first) = self.seen.get(&(unit, indicator, year, month)).copied() {
            let code = self
                .indicators
                .get(usize::from(indicator))
                .map(|i| i.0)
                .unwrap_or("");
            let p = Problem::new(
                ProblemKind::Duplicate,
                ProblemReason::RepeatedIndicatorMonth,
                format!("{code} of this unit and month is also given in row {first}"),
            )
            .repeating(first);
            let col = at(Col::Indicator);
            self.report(n, col, cell(Col::Indicator).text(), p);
            return;
        }
        self.seen.insert((unit, indicator, year, month), n);
        if self.out.problems.total() > before {
            return;
        }
        self.out.figures.push(OfficialRow {
            row: n,
            unit,
            indicator,
            year,
            month,
            numerator: values.numerator,
            denominator: values.denominator,
            score: values.score,
            max_score: values.max_score,
            source: values.source,
        });
    }

    /// The numerator against its denominator and the score against its maximum.
    fn compare(&mut self, n: u32, plan: &HashMap<Col, usize>, cells: &[Cell], v: &Values) {
        let text = |c: Col| {
            plan.get(&c)
                .and_then(|&i| cells.get(i))
                .map(Cell::text)
                .unwrap_or_default()
        };
        let at = |c: Col| plan.get(&c).copied().unwrap_or(0);
        if let (Some(num), Some(den)) = (v.numerator, v.denominator)
            && num > den
        {
            let p = Problem::new(
                ProblemKind::BadValue,
                ProblemReason::NumeratorAboveDenominator,
                format!("the numerator {num} is larger than the denominator {den}"),
            );
            self.report(n, at(Col::Numerator), text(Col::Numerator), p);
        }
        if let (Some(score), Some(max)) = (v.score, v.max_score)
            && score > max
        {
            let p = Problem::new(
                ProblemKind::BadValue,
                ProblemReason::ScoreAboveMaximum,
                format!("the score {score} is larger than the maximum score {max}"),
            );
            self.report(n, at(Col::Score), text(Col::Score), p);
        }
    }

    fn unit(&mut self, n: u32, col: usize, cell: &Cell) -> Option<u32> {
        let code = cell.text();
        if code.is_empty() {
            let p = Problem::new(
                ProblemKind::UnknownUnit,
                ProblemReason::Missing,
                "the unit code is missing",
            );
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

    fn indicator(&mut self, n: u32, col: usize, cell: &Cell) -> Option<u16> {
        let text = cell.text();
        let found = match self.indicator_cache.get(&text) {
            Some(found) => *found,
            None => {
                let exact = self.indicators.iter().position(|(code, _)| *code == text);
                let found = exact
                    .or_else(|| header::named(&header::fold(&text), self.indicators))
                    .and_then(|i| u16::try_from(i).ok());
                self.indicator_cache.insert(text.clone(), found);
                found
            }
        };
        if found.is_none() {
            let (reason, message) = if text.is_empty() {
                (
                    ProblemReason::Missing,
                    "the indicator code is missing".to_owned(),
                )
            } else {
                (
                    ProblemReason::UnknownCode,
                    format!("no indicator has the code {text:?}"),
                )
            };
            let p = Problem::new(ProblemKind::UnknownIndicator, reason, message);
            self.report(n, col, text, p);
        }
        found
    }

    /// A numerator or denominator: a whole number of 0 or more, or blank.
    fn count(&mut self, n: u32, col: usize, cell: &Cell, what: &str) -> Option<i64> {
        match cell.count() {
            Ok(v) => v,
            Err(e) => {
                let p = Problem::new(
                    ProblemKind::BadValue,
                    e.reason,
                    format!("the {what} {}", e.message),
                );
                self.report(n, col, cell.text(), p);
                None
            }
        }
    }

    /// A score or maximum score: a number of 0 or more, or blank.
    fn points(&mut self, n: u32, col: usize, cell: &Cell, what: &str) -> Option<f64> {
        let problem = match cell.decimal() {
            Ok(Some(v)) if v < 0.0 => Problem::new(
                ProblemKind::BadValue,
                ProblemReason::Negative,
                format!("the {what} must not be negative, got {v}"),
            ),
            Ok(v) => return v,
            Err(e) => Problem::new(
                ProblemKind::BadValue,
                e.reason,
                format!("the {what} {}", e.message),
            ),
        };
        self.report(n, col, cell.text(), problem);
        None
    }

    /// The row's source: its text without control characters, `None` when blank.
    fn source(&mut self, n: u32, col: usize, cell: &Cell) -> Option<String> {
        let text: String = cell.text().chars().filter(|c| !c.is_control()).collect();
        let text = text.trim();
        if text.chars().count() > MAX_SOURCE_CHARS {
            let p = Problem::new(
                ProblemKind::BadValue,
                ProblemReason::TooLarge,
                format!("the source is longer than {MAX_SOURCE_CHARS} characters"),
            );
            let shown: String = text.chars().take(40).collect();
            self.report(n, col, format!("{shown}…"), p);
            return None;
        }
        (!text.is_empty()).then(|| text.to_owned())
    }
}

#[cfg(test)]
mod tests;
