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

/// The most common passwords (of 10 characters or more), one a line, lower case.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// Whether `raw` is on the list of common passwords (case-insensitively).
fn is_common(raw: &str) -> bool {
    let lower = raw.trim().to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l == lower)
}

/// Whether every character is the same one (`aaaaaaaaaa`, ten spaces).
fn is_repeated(raw: &str) -> bool {
    let mut chars = raw.chars();
    chars
        .next()
        .is_some_and(|first| chars.all(|c| c.to_lowercase().eq(first.to_lowercase())))
}

/// Whether the characters run up or down one step at a time (`0123456789`, `abcdefghij`,
/// `9876543210`), digits or letters.
fn is_sequential(raw: &str) -> bool {
    let codes: Vec<u32> = raw.chars().map(|c| c.to_ascii_lowercase() as u32).collect();
    let same_class =
        raw.chars().all(|c| c.is_ascii_digit()) || raw.chars().all(|c| c.is_ascii_alphabetic());
    if !same_class || codes.len() < 2 {
        return false;
    }
    let step = |d: i64| {
        codes
            .windows(2)
            .all(|w| i64::from(w[1]) - i64::from(w[0]) == d)
    };
    // Digits also run on through 0 (`1234567890`).
    let digit_step = |d: i64| {
        codes
            .windows(2)
            .all(|w| (i64::from(w[1]) - i64::from(w[0]) - d).rem_euclid(10) == 0)
    };
    let digits = raw.chars().all(|c| c.is_ascii_digit());
    step(1) || step(-1) || (digits && (digit_step(1) || digit_step(-1)))
}

/// A new password: 10 to 256 characters, and not one that is guessed first (NIST
/// SP 800-63B): not whitespace only, not one character repeated, not a run of digits or
/// letters, not on the list of common passwords.
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
    if raw.trim().is_empty() {
        return Err(InputError::new(field, "must not be only spaces"));
    }
    if is_repeated(raw) || is_sequential(raw) {
        return Err(InputError::new(
            field,
            "is too easy to guess: one character repeated or a run such as 1234567890",
        ));
    }
    if is_common(raw) {
        return Err(InputError::new(
            field,
            "is one of the most common passwords; choose another",
        ));
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

/// What a refused e-mail address is told, in Vietnamese.
pub const EMAIL_MESSAGE: &str =
    "địa chỉ e-mail không hợp lệ (ví dụ đúng: ten.canbo@sonoivu.gov.vn)";

/// An account's e-mail address, `None` when blank (it clears the address): at most 254
/// characters, one `@`, a local part of at most 64 letters, digits and `!#$%&'*+/=?^_`{|}~.-`
/// (no dot first, last or twice in a row), and a domain of at least two dot-separated
/// labels of letters, digits and inner hyphens, the last one letters only.
pub fn email_address(field: &str, raw: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let bad = || InputError::new(field, EMAIL_MESSAGE);
    if s.len() > 254 {
        return Err(bad());
    }
    let (local, domain) = s.split_once('@').ok_or_else(bad)?;
    let local_ok = (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let top_ok = labels
        .last()
        .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && labels.len() >= 2 && labels.iter().all(label_ok) && top_ok {
        Ok(Some(s.to_owned()))
    } else {
        Err(bad())
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
    fn common_repeated_sequential_and_blank_passwords_are_refused() {
        for weak in [
            "1234567890",
            "0987654321",
            "          ",
            "aaaaaaaaaaaa",
            "AAAAAaaaaa",
            "abcdefghijk",
            "ZYXWVUTSRQ",
            "7890123456",
            "matkhau123",
            "MatKhau123",
            "123456789a",
            "qwertyuiop",
            "password123",
            "anhyeuem123",
        ] {
            let err = new_password("newPassword", weak).unwrap_err();
            assert_eq!(err.field, "newPassword", "{weak:?}");
        }
    }

    #[test]
    fn the_demo_and_test_passwords_are_accepted() {
        for good in [
            "ChiTieu@2023",
            "mat-khau-thu-nghiem",
            "Tinh-Thu-Nghiem-2023",
            "1357924680",
        ] {
            assert!(new_password("password", good).is_ok(), "{good}");
        }
    }

    #[test]
    fn the_list_of_common_passwords_is_lower_case_and_long_enough_to_matter() {
        let entries: Vec<&str> = COMMON_PASSWORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(entries.len() >= 900);
        for e in entries {
            assert_eq!(e, e.to_lowercase());
            assert!(e.chars().count() >= 10, "{e} is refused by length already");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_character_repeated_is_always_refused(c in proptest::char::any(), n in 10usize..40) {
            let raw: String = std::iter::repeat_n(c, n).collect();
            proptest::prop_assert!(new_password("password", &raw).is_err());
        }

        #[test]
        fn a_run_of_digits_or_letters_is_always_refused(start in 0u8..10, up in proptest::bool::ANY, n in 10usize..11) {
            let digits: String = (0..n)
                .map(|i| {
                    let d = if up { (start as usize + i) % 10 } else { (start as usize + 100 - i) % 10 };
                    char::from(b'0' + d as u8)
                })
                .collect();
            proptest::prop_assert!(new_password("password", &digits).is_err(), "{}", digits);
            let letters: String = (0..n).map(|i| char::from(b'a' + ((start as usize + i) % 26) as u8)).collect();
            if start as usize + n <= 26 {
                proptest::prop_assert!(new_password("password", &letters).is_err(), "{}", letters);
            }
        }

        #[test]
        fn whitespace_only_is_always_refused(ws in proptest::collection::vec(proptest::sample::select(vec![' ', '\t', '\n', '\u{a0}', '\u{3000}']), 10..30)) {
            let raw: String = ws.into_iter().collect();
            proptest::prop_assert!(new_password("password", &raw).is_err());
        }

        #[test]
        fn a_long_mixed_password_is_accepted(s in "[a-z]{4}-[A-Z]{3}-[0-9]{4}[!@#]") {
            proptest::prop_assert!(new_password("password", &s).is_ok(), "{}", s);
        }
    }

    #[test]
    fn account_email_addresses_are_checked_with_a_vietnamese_message() {
        let ok = |s: &str| email_address("email", Some(s)).unwrap();
        assert_eq!(
            ok("  ten.canbo@sonoivu.gov.vn "),
            Some("ten.canbo@sonoivu.gov.vn".into())
        );
        assert_eq!(ok("a+b@x.vn"), Some("a+b@x.vn".into()));
        assert_eq!(email_address("email", None).unwrap(), None);
        assert_eq!(email_address("email", Some("   ")).unwrap(), None);
        for bad in [
            "khong-co-a-cong",
            "a@b",
            "a@@b.vn",
            "a b@c.vn",
            ".a@b.vn",
            "a..b@c.vn",
            "a@-b.vn",
            "a@b.v1",
            "a@b..vn",
            "nguyễn@b.vn",
            "a@b.vn\u{0}",
        ] {
            let e = email_address("email", Some(bad)).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.message.as_str()),
                ("email", EMAIL_MESSAGE),
                "{bad}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_address_is_trimmed_and_has_one_at_and_a_dotted_domain(raw in ".{0,80}") {
            if let Ok(Some(s)) = email_address("email", Some(&raw)) {
                proptest::prop_assert_eq!(s.as_str(), raw.trim());
                proptest::prop_assert_eq!(s.matches('@').count(), 1);
                let domain = s.split('@').nth(1).unwrap_or_default();
                proptest::prop_assert!(domain.contains('.'));
                proptest::prop_assert!(s.is_ascii());
            }
        }
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
