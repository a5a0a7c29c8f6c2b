//! Parse, don't validate: codes, names, years, months, target values, usernames and
//! passwords become these types only through `parse`, which names the field at fault.

use shared::IndicatorKind;
use shared::period::{MAX_YEAR, MIN_YEAR};

/// A rejected input: the field (contract spelling) and what was wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    /// The input field, e.g. `code` or `values[2].value`.
    pub field: String,
    /// What was wrong, for a person.
    pub message: String,
}

impl InputError {
    /// An error on `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl From<InputError> for crate::error::ServiceError {
    fn from(e: InputError) -> Self {
        crate::error::ServiceError::validation(e.field, e.message)
    }
}

impl From<shared::PeriodError> for crate::error::ServiceError {
    fn from(e: shared::PeriodError) -> Self {
        crate::error::ServiceError::validation(format!("period.{}", e.field), e.message)
    }
}

/// A code: trimmed, 1–64 characters, no spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

impl Code {
    /// Parses a code for `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Code, InputError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(InputError::new(field, "must not be empty"));
        }
        if s.chars().count() > 64 {
            return Err(InputError::new(field, "must be at most 64 characters"));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(InputError::new(
                field,
                "must not contain spaces or control characters",
            ));
        }
        Ok(Code(s.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A short text such as a name or a title: trimmed, 1–`max` characters, no control characters.
pub fn text(field: &str, raw: &str, max: usize) -> Result<String, InputError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(InputError::new(field, "must not be empty"));
    }
    if s.chars().count() > max {
        return Err(InputError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(InputError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(s.to_owned())
}

/// An optional text: blank becomes `None`.
pub fn optional_text(
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, InputError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => text(field, s, max).map(Some),
    }
}

/// A name of a unit, staff member, measure or indicator (≤ 255 characters).
pub fn name(field: &str, raw: &str) -> Result<String, InputError> {
    text(field, raw, 255)
}

/// A year the product accepts (2000–2100).
pub fn year(field: &str, raw: i64) -> Result<i32, InputError> {
    if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&raw) {
        Ok(raw as i32)
    } else {
        Err(InputError::new(
            field,
            format!("must be between {MIN_YEAR} and {MAX_YEAR}, got {raw}"),
        ))
    }
}

/// A calendar month (1–12).
pub fn month(field: &str, raw: i64) -> Result<u32, InputError> {
    if (1..=12).contains(&raw) {
        Ok(raw as u32)
    } else {
        Err(InputError::new(
            field,
            format!("must be between 1 and 12, got {raw}"),
        ))
    }
}

/// A target value: finite and non-negative; a rate at most 100.
pub fn target_value(field: &str, kind: IndicatorKind, raw: f64) -> Result<f64, InputError> {
    if !raw.is_finite() || raw < 0.0 {
        return Err(InputError::new(field, "must be a non-negative number"));
    }
    if kind == IndicatorKind::Rate && raw > 100.0 {
        return Err(InputError::new(
            field,
            format!("a rate target must be between 0 and 100, got {raw}"),
        ));
    }
    if kind == IndicatorKind::Count && raw > 1e12 {
        return Err(InputError::new(field, "is too large"));
    }
    Ok(raw)
}

/// Points of an indicator: finite, 0–100.
pub fn points(field: &str, raw: f64) -> Result<f64, InputError> {
    if raw.is_finite() && (0.0..=100.0).contains(&raw) {
        Ok(raw)
    } else {
        Err(InputError::new(field, "must be between 0 and 100"))
    }
}

/// A username: 3–64 letters, digits, `.`, `_` or `-`.
pub fn username(field: &str, raw: &str) -> Result<String, InputError> {
    let s = raw.trim();
    let ok_chars = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !(3..=64).contains(&s.len()) || !ok_chars {
        return Err(InputError::new(
            field,
            "must be 3–64 letters, digits, '.', '_', '-' or '@'",
        ));
    }
    Ok(s.to_owned())
}

/// A new password: at least 10 and at most 256 characters.
pub fn new_password(field: &str, raw: &str) -> Result<String, InputError> {
    let len = raw.chars().count();
    if len < crate::auth::password::MIN_PASSWORD_LEN {
        return Err(InputError::new(
            field,
            format!(
                "must have at least {} characters",
                crate::auth::password::MIN_PASSWORD_LEN
            ),
        ));
    }
    if len > crate::auth::password::MAX_PASSWORD_LEN {
        return Err(InputError::new(field, "is too long"));
    }
    Ok(raw.to_owned())
}

/// An optional e-mail address: blank becomes `None`; otherwise it needs one `@`.
pub fn email(field: &str, raw: Option<&str>) -> Result<Option<String>, InputError> {
    match optional_text(field, raw, 255)? {
        None => Ok(None),
        Some(s)
            if s.matches('@').count() == 1
                && !s.starts_with('@')
                && !s.ends_with('@')
                && !s.contains(' ') =>
        {
            Ok(Some(s))
        }
        Some(_) => Err(InputError::new(field, "is not an e-mail address")),
    }
}

/// A monthly figure: a non-negative integer.
pub fn figure(field: &str, raw: i64) -> Result<i64, InputError> {
    if raw < 0 {
        Err(InputError::new(
            field,
            format!("must not be negative, got {raw}"),
        ))
    } else {
        Ok(raw)
    }
}

/// The longest search text (a unit's name is at most 255 characters).
pub const MAX_SEARCH_CHARS: usize = 255;
/// The most units one request may name (the largest province has a few thousand).
pub const MAX_LISTED_UNITS: usize = 5_000;
/// The most codes (indicators, measures) one request may name.
pub const MAX_LISTED_CODES: usize = 500;

/// A search text: trimmed, blank becomes `None`, at most [`MAX_SEARCH_CHARS`] characters.
pub fn search(field: &str, raw: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if s.chars().count() > MAX_SEARCH_CHARS {
        return Err(InputError::new(
            field,
            format!("must be at most {MAX_SEARCH_CHARS} characters"),
        ));
    }
    Ok(Some(s.to_owned()))
}

/// A list argument of at most `max` items.
pub fn list_len(field: &str, len: usize, max: usize) -> Result<(), InputError> {
    if len > max {
        return Err(InputError::new(
            field,
            format!("may name at most {max} items; this one has {len}: ask in several requests"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_trimmed_and_must_not_be_blank_or_spaced() {
        assert_eq!(Code::parse("code", "  H44.07 ").unwrap().as_str(), "H44.07");
        assert_eq!(Code::parse("code", "   ").unwrap_err().field, "code");
        assert!(Code::parse("code", "A B").is_err());
        assert!(Code::parse("code", &"x".repeat(65)).is_err());
    }

    #[test]
    fn years_months_and_rates_have_bounds() {
        assert!(year("year", 1999).is_err());
        assert!(year("year", 2101).is_err());
        assert_eq!(year("year", 2023).unwrap(), 2023);
        assert!(month("month", 0).is_err());
        assert!(month("month", 13).is_err());
        assert!(target_value("value", IndicatorKind::Rate, 100.5).is_err());
        assert!(target_value("value", IndicatorKind::Rate, -1.0).is_err());
        assert!(target_value("value", IndicatorKind::Rate, f64::NAN).is_err());
        assert!(target_value("value", IndicatorKind::Count, 5000.0).is_ok());
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert!(new_password("newPassword", "short").is_err());
        assert!(new_password("newPassword", "mườiký tự!").is_ok());
    }

    #[test]
    fn emails_and_usernames_are_checked() {
        assert_eq!(email("email", Some("  ")).unwrap(), None);
        assert!(email("email", Some("a@b.vn")).unwrap().is_some());
        assert!(email("email", Some("nope")).is_err());
        assert!(username("username", "ab").is_err());
        assert!(username("username", "can.bo_01").is_ok());
        assert!(username("username", "có dấu").is_err());
    }

    #[test]
    fn searches_and_lists_are_bounded() {
        assert_eq!(
            search("search", Some("  An Phú ")).unwrap().as_deref(),
            Some("An Phú")
        );
        assert_eq!(search("search", Some("   ")).unwrap(), None);
        assert_eq!(search("search", None).unwrap(), None);
        let long = "á".repeat(MAX_SEARCH_CHARS + 1);
        assert_eq!(search("search", Some(&long)).unwrap_err().field, "search");
        assert!(search("search", Some(&"á".repeat(MAX_SEARCH_CHARS))).is_ok());
        assert!(list_len("unitIds", MAX_LISTED_UNITS, MAX_LISTED_UNITS).is_ok());
        assert_eq!(
            list_len("unitIds", MAX_LISTED_UNITS + 1, MAX_LISTED_UNITS)
                .unwrap_err()
                .field,
            "unitIds"
        );
    }
}
