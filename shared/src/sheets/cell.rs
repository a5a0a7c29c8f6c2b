//! One cell of an uploaded sheet and how it reads as a count, a year, a month or a target.

/// A cell: CSV cells are text; XLSX cells are text or numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

/// The largest figure accepted from a file.
pub const MAX_FIGURE: i64 = 1_000_000_000_000;

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }

    /// The cell as text, as a person would read it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    /// A count: a non-negative whole number, `None` when blank. Text may group thousands
    /// with `.`, `,` or spaces (`1.234.567`).
    pub fn count(&self) -> Result<Option<i64>, String> {
        match self {
            Cell::Empty => Ok(None),
            Cell::Number(n) => number_as_count(*n).map(Some),
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
    pub fn whole_in(&self, what: &str, lo: i64, hi: i64) -> Result<i64, String> {
        let n = match self.count() {
            Ok(Some(n)) => n,
            Ok(None) => return Err(format!("the {what} is missing")),
            Err(_) => {
                return Err(format!(
                    "the {what} must be a whole number from {lo} to {hi}, got {:?}",
                    self.text()
                ));
            }
        };
        if (lo..=hi).contains(&n) {
            Ok(n)
        } else {
            Err(format!("the {what} must be from {lo} to {hi}, got {n}"))
        }
    }

    /// A decimal number (targets, baselines), `None` when blank: `85,5`, `85.5`, `1.234,5`,
    /// `85%` are read as a person writes them.
    pub fn decimal(&self) -> Result<Option<f64>, String> {
        match self {
            Cell::Empty => Ok(None),
            Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
            Cell::Number(_) => Err("not a number".into()),
            Cell::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                text_as_decimal(t).map(Some)
            }
        }
    }
}

fn number_as_count(n: f64) -> Result<i64, String> {
    if !n.is_finite() {
        Err("not a number".into())
    } else if n < 0.0 {
        Err(format!("must not be negative, got {n}"))
    } else if n.fract() != 0.0 {
        Err(format!("must be a whole number, got {n}"))
    } else if n > MAX_FIGURE as f64 {
        Err(format!("is too large (at most {MAX_FIGURE}), got {n}"))
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

fn text_as_count(t: &str) -> Result<i64, String> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, t.strip_prefix('+').unwrap_or(t).trim()),
    };
    if let Some(digits) = ungroup(body) {
        if negative && digits.chars().any(|c| c != '0') {
            return Err(format!("must not be negative, got {t:?}"));
        }
        return match digits.parse::<i64>() {
            Ok(n) if n <= MAX_FIGURE => Ok(n),
            _ => Err(format!("is too large (at most {MAX_FIGURE}), got {t:?}")),
        };
    }
    match text_as_decimal(t) {
        Ok(n) if n < 0.0 => Err(format!("must not be negative, got {t:?}")),
        Ok(_) => Err(format!("must be a whole number, got {t:?}")),
        Err(_) => Err(format!("is not a number: {t:?}")),
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
        assert!(text("-3").count().unwrap_err().contains("negative"));
        assert!(Cell::Number(-1.0).count().unwrap_err().contains("negative"));
        assert!(text("12,5").count().unwrap_err().contains("whole"));
        assert!(Cell::Number(2.5).count().unwrap_err().contains("whole"));
        assert!(text("mười").count().unwrap_err().contains("not a number"));
        assert!(text("1.23").count().unwrap_err().contains("whole"));
        assert!(
            text("99999999999999999999")
                .count()
                .unwrap_err()
                .contains("too large")
        );
        assert!(Cell::Number(f64::NAN).count().is_err());
        assert!(Cell::Number(1e300).count().is_err());
    }

    #[test]
    fn decimals_read_vietnamese_and_english_writing() {
        assert_eq!(text("85,5").decimal(), Ok(Some(85.5)));
        assert_eq!(text("85.5").decimal(), Ok(Some(85.5)));
        assert_eq!(text("1.234,5").decimal(), Ok(Some(1234.5)));
        assert_eq!(text("1,234.5").decimal(), Ok(Some(1234.5)));
        assert_eq!(text("1.000").decimal(), Ok(Some(1000.0)));
        assert_eq!(text("90%").decimal(), Ok(Some(90.0)));
        assert!(text("abc").decimal().is_err());
        assert!(text("1e999").decimal().is_err());
    }

    #[test]
    fn whole_numbers_check_their_range() {
        assert_eq!(text("12").whole_in("month", 1, 12), Ok(12));
        assert!(text("13").whole_in("month", 1, 12).is_err());
        assert!(
            Cell::Empty
                .whole_in("month", 1, 12)
                .unwrap_err()
                .contains("missing")
        );
    }
}
