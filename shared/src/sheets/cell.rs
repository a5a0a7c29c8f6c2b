//! One cell of an uploaded sheet and how it reads as a count, a year, a month or a target.

use super::problem::ProblemReason;
use crate::period::{MAX_YEAR, MIN_YEAR};

/// A cell: CSV cells are text; XLSX cells are text, numbers (shown as a percentage or
/// not), dates, or formulas the workbook holds no computed value for.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number in a percent-formatted cell, as stored: 0.9 is shown (and meant) as 90 %.
    Percent(f64),
    /// A date cell: its year, month and day.
    Date(i32, u8, u8),
    /// A formula whose value was never computed (the file was written by a program, not
    /// saved by a spreadsheet application).
    Uncomputed,
}

/// Why a cell does not read as asked: the reason, and the same in English words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub reason: ProblemReason,
    pub message: String,
}

impl CellError {
    fn new(reason: ProblemReason, message: impl Into<String>) -> CellError {
        CellError {
            reason,
            message: message.into(),
        }
    }

    fn not_a_count(message: impl Into<String>) -> CellError {
        CellError::new(ProblemReason::NotACount, message)
    }

    fn uncomputed() -> CellError {
        CellError::new(
            ProblemReason::FormulaWithoutValue,
            "is a formula without a computed value; open and save the file in Excel or LibreOffice",
        )
    }
}

/// The largest figure accepted from a file.
pub const MAX_FIGURE: i64 = 1_000_000_000_000;

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::Percent(_) | Cell::Date(..) | Cell::Uncomputed => false,
        }
    }

    /// The cell as text, as a person would read it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Percent(p) => format!("{}%", Cell::Number(percent(*p)).text()),
            Cell::Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
            Cell::Uncomputed => String::new(),
        }
    }

    /// A count: a non-negative whole number, `None` when blank. Text may group thousands
    /// with `.`, `,` or spaces (`1.234.567`).
    pub fn count(&self) -> Result<Option<i64>, CellError> {
        match self {
            Cell::Empty => Ok(None),
            // A count shown as a percentage is still the number stored.
            Cell::Number(n) | Cell::Percent(n) => number_as_count(*n).map(Some),
            Cell::Date(..) => Err(CellError::not_a_count(format!(
                "is a date, not a number: {}",
                self.text()
            ))),
            Cell::Uncomputed => Err(CellError::uncomputed()),
            Cell::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                text_as_count(t).map(Some)
            }
        }
    }

    /// A whole number in `lo..=hi` (years, months); `what` names it in the message.
    pub fn whole_in(&self, what: &str, lo: i64, hi: i64) -> Result<i64, CellError> {
        let n = match self.count() {
            Ok(Some(n)) => n,
            Ok(None) => {
                return Err(CellError::new(
                    ProblemReason::Missing,
                    format!("the {what} is missing"),
                ));
            }
            Err(e) if e.reason == ProblemReason::FormulaWithoutValue => return Err(e),
            Err(_) => {
                return Err(CellError::new(
                    ProblemReason::OutOfRange,
                    format!(
                        "the {what} must be a whole number from {lo} to {hi}, got {:?}",
                        self.text()
                    ),
                ));
            }
        };
        if (lo..=hi).contains(&n) {
            Ok(n)
        } else {
            Err(CellError::new(
                ProblemReason::OutOfRange,
                format!("the {what} must be from {lo} to {hi}, got {n}"),
            ))
        }
    }

    /// A month, 1–12, and the year when the cell gives one too: a whole number, a date cell,
    /// or a month written with its year (`4/2024`, `04/2024`, `2024-04`, `1/4/2024`).
    pub fn month(&self) -> Result<(u8, Option<i32>), CellError> {
        let dated = match self {
            Cell::Date(y, m, _) => Some((i64::from(*y), i64::from(*m))),
            Cell::Text(t) => month_of_text(t.trim()),
            _ => None,
        };
        let Some((year, month)) = dated else {
            let m = self.whole_in("month", 1, 12)?;
            return Ok((u8::try_from(m).unwrap_or(0), None));
        };
        let out_of_range = || {
            CellError::new(
                ProblemReason::OutOfRange,
                format!(
                    "the month must be from 1 to 12 of a year from {MIN_YEAR} to {MAX_YEAR}, got {:?}",
                    self.text()
                ),
            )
        };
        let year = i32::try_from(year)
            .ok()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
            .ok_or_else(out_of_range)?;
        let month = u8::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(out_of_range)?;
        Ok((month, Some(year)))
    }

    /// A decimal number (targets, baselines), `None` when blank: `85,5`, `85.5`, `1.234,5`,
    /// `85%` are read as a person writes them.
    pub fn decimal(&self) -> Result<Option<f64>, CellError> {
        let not_a_number = |m: String| CellError::new(ProblemReason::NotANumber, m);
        match self {
            Cell::Empty => Ok(None),
            Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
            Cell::Percent(p) if p.is_finite() => Ok(Some(percent(*p))),
            Cell::Number(_) | Cell::Percent(_) => Err(not_a_number("is not a number".into())),
            Cell::Date(..) => Err(not_a_number(format!(
                "is a date, not a number: {}",
                self.text()
            ))),
            Cell::Uncomputed => Err(CellError::uncomputed()),
            Cell::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                text_as_decimal(t).map(Some).map_err(not_a_number)
            }
        }
    }
}

/// The year and the month of a row from its year and month cells. The month may carry its
/// year (`4/2024`, a date cell): then the year cell may be left blank, and must agree when
/// it is not.
pub fn year_and_month(
    year: &Cell,
    month: &Cell,
) -> (Result<i32, CellError>, Result<u8, CellError>) {
    let month = month.month();
    let year = match (&month, year.is_blank()) {
        (Ok((_, Some(y))), true) => Ok(*y),
        _ => year
            .whole_in("year", MIN_YEAR.into(), MAX_YEAR.into())
            .map(|y| i32::try_from(y).unwrap_or(0)),
    };
    let month = match (month, &year) {
        (Ok((_, Some(of))), Ok(y)) if of != *y => Err(CellError::new(
            ProblemReason::MonthOfAnotherYear,
            format!("the month is of {of}, but the year column says {y}"),
        )),
        (m, _) => m.map(|(m, _)| m),
    };
    (year, month)
}

/// The (year, month) of a month written with its year: `4/2024`, `04-2024`, `2024-04`,
/// `2024/4`, or a whole date (`1/4/2024` day first, `2024-04-01`).
fn month_of_text(t: &str) -> Option<(i64, i64)> {
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(digits) {
        return None;
    }
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
    let (first, last) = (parts.first()?, parts.last()?);
    match (first.len() == 4, last.len() == 4) {
        // 2024-04, 2024-04-01
        (true, false) => Some((n(0)?, n(1)?)),
        // 4/2024, 1/4/2024
        (false, true) => Some((n(parts.len() - 1)?, n(parts.len() - 2)?)),
        _ => None,
    }
}

/// The stored fraction of a percent cell as the percentage it shows (0.9 → 90), without
/// the binary noise of the multiplication (0.07 × 100 is 7, not 7.000000000000001).
fn percent(stored: f64) -> f64 {
    let p = stored * 100.0;
    if p.is_finite() && p.abs() < 1e12 {
        (p * 1e9).round() / 1e9
    } else {
        p
    }
}

fn number_as_count(n: f64) -> Result<i64, CellError> {
    if !n.is_finite() {
        Err(CellError::not_a_count("is not a number"))
    } else if n < 0.0 {
        Err(CellError::not_a_count(format!(
            "must not be negative, got {n}"
        )))
    } else if n.fract() != 0.0 {
        Err(CellError::not_a_count(format!(
            "must be a whole number, got {n}"
        )))
    } else if n > MAX_FIGURE as f64 {
        Err(CellError::new(
            ProblemReason::TooLarge,
            format!("is too large (at most {MAX_FIGURE}), got {n}"),
        ))
    } else {
        Ok(n as i64)
    }
}

fn is_group_sep(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
}

/// Digits grouped by thousands with one separator (`1.234.567`), or plain digits.
fn ungroup(t: &str) -> Option<String> {
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return Some(t.to_owned());
    }
    let sep = t.chars().find(|c| !c.is_ascii_digit())?;
    if !is_group_sep(sep) {
        return None;
    }
    let groups: Vec<&str> = t.split(sep).collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = groups
        .iter()
        .skip(1)
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    (groups.len() > 1 && first_ok && rest_ok).then(|| groups.concat())
}

fn text_as_count(t: &str) -> Result<i64, CellError> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, t.strip_prefix('+').unwrap_or(t).trim()),
    };
    let negative_error = || CellError::not_a_count(format!("must not be negative, got {t:?}"));
    if let Some(digits) = ungroup(body) {
        if negative && digits.chars().any(|c| c != '0') {
            return Err(negative_error());
        }
        return match digits.parse::<i64>() {
            Ok(n) if n <= MAX_FIGURE => Ok(n),
            _ => Err(CellError::new(
                ProblemReason::TooLarge,
                format!("is too large (at most {MAX_FIGURE}), got {t:?}"),
            )),
        };
    }
    match text_as_decimal(t) {
        Ok(n) if n < 0.0 => Err(negative_error()),
        Ok(_) => Err(CellError::not_a_count(format!(
            "must be a whole number, got {t:?}"
        ))),
        Err(_) => Err(CellError::not_a_count(format!("is not a number: {t:?}"))),
    }
}

fn text_as_decimal(t: &str) -> Result<f64, String> {
    let body = t.trim_end_matches('%').trim();
    let normalised: String = if body.contains(',') && body.contains('.') {
        // The later separator is the decimal one: 1.234,5 or 1,234.5.
        let dec = if body.rfind(',') > body.rfind('.') {
            ','
        } else {
            '.'
        };
        body.chars()
            .filter(|c| *c == dec || !is_group_sep(*c))
            .map(|c| if c == dec { '.' } else { c })
            .collect()
    } else if body.contains(',') {
        body.replace(',', ".")
    } else if let Some(digits) = ungroup(body.trim_start_matches(['-', '+'])) {
        // 1.000 groups thousands; 85.5 is a decimal point.
        let sign = if body.starts_with('-') { "-" } else { "" };
        format!("{sign}{digits}")
    } else {
        body.chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}'))
            .collect()
    };
    let valid = !normalised.is_empty()
        && normalised
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    match normalised.parse::<f64>() {
        Ok(n) if valid && n.is_finite() => Ok(n),
        _ => Err(format!("is not a number: {t:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn counts_read_plain_grouped_and_numeric_cells() {
        assert_eq!(text("1234").count(), Ok(Some(1234)));
        assert_eq!(text(" 1.234.567 ").count(), Ok(Some(1_234_567)));
        assert_eq!(text("1,234").count(), Ok(Some(1234)));
        assert_eq!(text("12 345").count(), Ok(Some(12345)));
        assert_eq!(Cell::Number(42.0).count(), Ok(Some(42)));
        assert_eq!(text("").count(), Ok(None));
        assert_eq!(Cell::Empty.count(), Ok(None));
        assert_eq!(text("0").count(), Ok(Some(0)));
    }

    #[test]
    fn counts_refuse_negatives_fractions_words_and_huge_numbers() {
        let refused = |c: Cell, words: &str, reason: ProblemReason| {
            let e = c.count().unwrap_err();
            assert!(e.message.contains(words), "{e:?}");
            assert_eq!(e.reason, reason, "{e:?}");
        };
        refused(text("-3"), "negative", ProblemReason::NotACount);
        refused(Cell::Number(-1.0), "negative", ProblemReason::NotACount);
        refused(text("12,5"), "whole", ProblemReason::NotACount);
        refused(Cell::Number(2.5), "whole", ProblemReason::NotACount);
        refused(text("mười"), "not a number", ProblemReason::NotACount);
        refused(text("1.23"), "whole", ProblemReason::NotACount);
        refused(
            text("99999999999999999999"),
            "too large",
            ProblemReason::TooLarge,
        );
        refused(
            Cell::Number(f64::NAN),
            "not a number",
            ProblemReason::NotACount,
        );
        refused(Cell::Number(1e300), "too large", ProblemReason::TooLarge);
    }

    #[test]
    fn decimals_read_vietnamese_and_english_writing() {
        assert_eq!(text("85,5").decimal(), Ok(Some(85.5)));
        assert_eq!(text("85.5").decimal(), Ok(Some(85.5)));
        assert_eq!(text("1.234,5").decimal(), Ok(Some(1234.5)));
        assert_eq!(text("1,234.5").decimal(), Ok(Some(1234.5)));
        assert_eq!(text("1.000").decimal(), Ok(Some(1000.0)));
        assert_eq!(text("90%").decimal(), Ok(Some(90.0)));
        assert_eq!(
            text("abc").decimal().map_err(|e| e.reason),
            Err(ProblemReason::NotANumber)
        );
        assert!(text("1e999").decimal().is_err());
    }

    #[test]
    fn percent_cells_read_as_the_percentage_they_show() {
        assert_eq!(Cell::Percent(0.9).decimal(), Ok(Some(90.0)));
        assert_eq!(Cell::Percent(0.07).decimal(), Ok(Some(7.0)));
        assert_eq!(Cell::Percent(0.855).decimal(), Ok(Some(85.5)));
        assert_eq!(Cell::Percent(0.9).text(), "90%");
        assert_eq!(Cell::Percent(12.0).count(), Ok(Some(12)));
    }

    #[test]
    fn months_read_from_numbers_dates_and_month_year_text() {
        assert_eq!(text("4").month(), Ok((4, None)));
        assert_eq!(Cell::Number(12.0).month(), Ok((12, None)));
        assert_eq!(text("4/2024").month(), Ok((4, Some(2024))));
        assert_eq!(text("04/2024").month(), Ok((4, Some(2024))));
        assert_eq!(text("2024-04").month(), Ok((4, Some(2024))));
        assert_eq!(text("1/4/2024").month(), Ok((4, Some(2024))));
        assert_eq!(text("2024-04-01").month(), Ok((4, Some(2024))));
        assert_eq!(Cell::Date(2024, 4, 1).month(), Ok((4, Some(2024))));
        let reason = |c: Cell| c.month().map_err(|e| e.reason);
        assert_eq!(reason(text("13/2024")), Err(ProblemReason::OutOfRange));
        assert_eq!(reason(text("4/1900")), Err(ProblemReason::OutOfRange));
        assert_eq!(reason(text("45383")), Err(ProblemReason::OutOfRange));
        assert_eq!(reason(text("4/24")), Err(ProblemReason::OutOfRange));
        assert_eq!(
            reason(Cell::Uncomputed),
            Err(ProblemReason::FormulaWithoutValue)
        );
    }

    #[test]
    fn whole_numbers_check_their_range() {
        assert_eq!(text("12").whole_in("month", 1, 12), Ok(12));
        let reason = |c: Cell| c.whole_in("month", 1, 12).map_err(|e| e.reason);
        assert_eq!(reason(text("13")), Err(ProblemReason::OutOfRange));
        assert_eq!(reason(text("một")), Err(ProblemReason::OutOfRange));
        assert_eq!(reason(Cell::Empty), Err(ProblemReason::Missing));
        assert!(
            Cell::Empty
                .whole_in("month", 1, 12)
                .unwrap_err()
                .message
                .contains("missing")
        );
    }
}
