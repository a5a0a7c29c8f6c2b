//! How numbers and dates are written in the UI, the Vietnamese way: `1.234,5`, `82,01 %`,
//! `08/02/2023`. Pure functions with no web dependencies, unit-tested on the host.

/// Rounds half away from zero to `decimals` places and writes the number with `.` between
/// thousands and `,` before the decimals: `format_number(1234.5, 1) == "1.234,5"`.
pub fn format_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    let fixed = format!("{:.*}", decimals, rounded.abs());
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (fixed.as_str(), None),
    };
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 1);
    if rounded < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac_part {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A whole count: `format_count(1234567) == "1.234.567"`.
pub fn format_count(value: i64) -> String {
    format_number(value as f64, 0)
}

/// A percentage with two decimals: `format_percent(82.013) == "82,01 %"`.
pub fn format_percent(value: f64) -> String {
    format!("{} %", format_number(value, 2))
}

/// An indicator value: a rate as a percentage, a count as a whole number; `–` when absent.
pub fn format_value(value: Option<f64>, is_rate: bool) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) if is_rate => format_percent(v),
        Some(v) => format_number(v, 0),
    }
}

/// A score out of 100 with two decimals, `–` when absent.
pub fn format_score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format_number(v, 2))
}

/// An ISO date `2023-02-08` (or the date part of an RFC 3339 time) as `08/02/2023`; any other
/// text is returned unchanged.
pub fn format_date(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or(iso);
    let mut parts = date.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            format!("{d}/{m}/{y}")
        }
        _ => iso.to_owned(),
    }
}

/// An RFC 3339 time `2026-11-27T14:51:21+00:00` as `27/11/2026 14:51` (the time as written).
pub fn format_datetime(rfc3339: &str) -> String {
    match rfc3339.get(11..16) {
        Some(time) if rfc3339.as_bytes().get(10) == Some(&b'T') => {
            format!("{} {}", format_date(rfc3339), time)
        }
        _ => format_date(rfc3339),
    }
}

/// Parses a date typed as `dd/mm/yyyy` (or already ISO) into ISO `yyyy-mm-dd`.
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim();
    let (y, m, d) = if t.contains('/') {
        let mut p = t.split('/');
        let (d, m, y) = (p.next()?, p.next()?, p.next()?);
        if p.next().is_some() {
            return None;
        }
        (y, m, d)
    } else {
        let mut p = t.split('-');
        let (y, m, d) = (p.next()?, p.next()?, p.next()?);
        (y, m, d)
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1000..=9999).contains(&y) || d == 0 || d > days {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The days of a month (1–12) of a year; 0 for another month number.
fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// The year, month and day of an ISO date `2025-07-01`, if it is a real day.
fn iso_parts(iso: &str) -> Option<(i32, u32, u32)> {
    let mut p = iso.get(..10)?.split('-');
    let (y, m, d) = (p.next()?, p.next()?, p.next()?);
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// The ISO date of the first day of a month: `2025-07-01`.
pub fn first_of_month(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}-01")
}

/// The ISO day after an ISO date (`2025-06-30` → `2025-07-01`).
pub fn day_after(iso: &str) -> Option<String> {
    let (y, m, d) = iso_parts(iso)?;
    let (y, m, d) = if d < days_in_month(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The ISO day before an ISO date (`2025-07-01` → `2025-06-30`).
pub fn day_before(iso: &str) -> Option<String> {
    let (y, m, d) = iso_parts(iso)?;
    let (y, m, d) = if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, days_in_month(y, m - 1))
    } else {
        (y - 1, 12, 31)
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Text folded for a search that ignores case and Vietnamese diacritics: `Xã Đông Hòa` and
/// `xa dong hoa` give the same key.
pub fn search_key(text: &str) -> String {
    const FOLDS: [(&str, char); 7] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ìíịỉĩ", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ỳýỵỷỹ", 'y'),
        ("đ", 'd'),
    ];
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            FOLDS
                .iter()
                .find(|(from, _)| from.contains(c))
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

/// Parses a decimal typed the Vietnamese way (`1.234,5`) or plainly (`1234.5`). A lone `.`
/// followed by exactly three digits is read as a thousands separator.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    let normalised = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1
        || t.split_once('.')
            .is_some_and(|(i, f)| f.len() == 3 && !i.is_empty() && i != "0")
    {
        t.replace('.', "")
    } else {
        t
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a whole non-negative count typed with or without thousands dots: `1.234` → 1234.
pub fn parse_count(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .collect();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<i64>().ok()
}

/// Milestones in words, quarters first: `T3: 37,50 %` or `Q1: 37,50 %`, from
/// (grain, index, value).
pub fn milestone_chips(
    milestones: impl IntoIterator<Item = (shared::Grain, i64, f64)>,
    is_rate: bool,
) -> Vec<String> {
    let mut ms: Vec<(shared::Grain, i64, f64)> = milestones.into_iter().collect();
    ms.sort_by_key(|m| (m.0 == shared::Grain::Month, m.1));
    ms.iter()
        .map(|(grain, index, value)| {
            let p = if *grain == shared::Grain::Quarter {
                "Q"
            } else {
                "T"
            };
            format!("{p}{index}: {}", format_value(Some(*value), is_rate))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_take_dots_and_decimals_a_comma() {
        assert_eq!(format_number(1234.5, 1), "1.234,5");
        assert_eq!(format_number(1234567.0, 0), "1.234.567");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(1000.0, 2), "1.000,00");
        assert_eq!(format_number(0.0, 2), "0,00");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(format_number(2.5, 0), "3");
        assert_eq!(format_number(-2.5, 0), "-3");
        assert_eq!(format_number(82.01355834415116, 2), "82,01");
        assert_eq!(format_number(99.995, 1), "100,0");
    }

    #[test]
    fn negative_numbers_keep_their_sign_but_negative_zero_does_not() {
        assert_eq!(format_number(-1234.5, 1), "-1.234,5");
        assert_eq!(format_number(-0.001, 2), "0,00");
    }

    #[test]
    fn percentages_have_two_decimals_and_a_sign() {
        assert_eq!(format_percent(50.0), "50,00 %");
        assert_eq!(format_percent(82.013), "82,01 %");
        assert_eq!(format_percent(100.0), "100,00 %");
    }

    #[test]
    fn values_depend_on_the_indicator_kind() {
        assert_eq!(format_value(Some(29.0), true), "29,00 %");
        assert_eq!(format_value(Some(1500.0), false), "1.500");
        assert_eq!(format_value(None, true), "–");
        assert_eq!(format_score(Some(99.82)), "99,82");
        assert_eq!(format_score(None), "–");
    }

    #[test]
    fn not_a_number_is_a_dash() {
        assert_eq!(format_number(f64::NAN, 2), "–");
        assert_eq!(format_count(1234), "1.234");
    }

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(format_date("2023-02-08"), "08/02/2023");
        assert_eq!(
            format_datetime("2026-11-27T14:51:21.17+00:00"),
            "27/11/2026 14:51"
        );
        assert_eq!(format_date("soon"), "soon");
    }

    #[test]
    fn typed_dates_become_iso() {
        assert_eq!(parse_date("08/02/2023").as_deref(), Some("2023-02-08"));
        assert_eq!(parse_date("8/2/2023").as_deref(), Some("2023-02-08"));
        assert_eq!(parse_date("2023-02-08").as_deref(), Some("2023-02-08"));
        assert_eq!(parse_date("29/02/2023"), None);
        assert_eq!(parse_date("29/02/2024").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("32/01/2023"), None);
    }

    #[test]
    fn the_days_around_a_reorganisation_cross_months_years_and_leap_days() {
        assert_eq!(day_before("2025-07-01").as_deref(), Some("2025-06-30"));
        assert_eq!(day_after("2025-06-30").as_deref(), Some("2025-07-01"));
        assert_eq!(day_before("2026-01-01").as_deref(), Some("2025-12-31"));
        assert_eq!(day_after("2025-12-31").as_deref(), Some("2026-01-01"));
        assert_eq!(day_before("2024-03-01").as_deref(), Some("2024-02-29"));
        assert_eq!(day_before("2025-03-01").as_deref(), Some("2025-02-28"));
        assert_eq!(day_after("2025-07-14").as_deref(), Some("2025-07-15"));
        assert_eq!(day_after("2025-02-30"), None);
        assert_eq!(day_before("not a date"), None);
        assert_eq!(first_of_month(2026, 3), "2026-03-01");
    }

    #[test]
    fn searches_ignore_case_and_diacritics() {
        assert_eq!(search_key(" Xã Đông Hòa "), "xa dong hoa");
        assert_eq!(search_key("PHƯỜNG Ấp Bắc"), "phuong ap bac");
        assert!(search_key("Xã Tân Phú (XTP)").contains(&search_key("tan phu")));
    }

    #[test]
    fn typed_decimals_accept_both_styles() {
        assert_eq!(parse_decimal("1.234,5"), Some(1234.5));
        assert_eq!(parse_decimal("80,5"), Some(80.5));
        assert_eq!(parse_decimal("80.5"), Some(80.5));
        assert_eq!(parse_decimal("1.234"), Some(1234.0));
        assert_eq!(parse_decimal("0.125"), Some(0.125));
        assert_eq!(parse_decimal(" 60 "), Some(60.0));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal(""), None);
    }

    #[test]
    fn typed_counts_are_whole_and_non_negative() {
        assert_eq!(parse_count("1.234"), Some(1234));
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("2,5"), None);
        assert_eq!(parse_count(""), None);
    }
}
