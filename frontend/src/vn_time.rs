//! Instants of the API (RFC 3339, any offset) shown on Vietnam's wall clock (UTC+7 all
//! year, no daylight saving): `2026-11-04T18:30:00Z` was `05/11/2026 01:30` in Hà Nội.
//! Pure, unit-tested on the host.

/// Vietnam's offset from UTC, in minutes.
const VIETNAM_MINUTES: i64 = 7 * 60;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a count of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// The offset of an RFC 3339 time's zone in minutes (`Z`, `+07:00`, `-0530`).
fn offset_minutes(zone: &str) -> Option<i64> {
    if zone.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match zone.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = (digits.get(..2)?, digits.get(2..4).unwrap_or("00"));
    Some(sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?))
}

/// The day (ISO `yyyy-mm-dd`) and time (`HH:mm`) in Vietnam of an RFC 3339 instant.
pub fn in_vietnam(rfc3339: &str) -> Option<(String, String)> {
    let b = rfc3339.as_bytes();
    if b.len() < 16 || b.get(10).map(u8::to_ascii_uppercase) != Some(b'T') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| rfc3339.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
    );
    // The zone follows the seconds and their fraction.
    let zone_at = rfc3339[16..].find(['Z', 'z', '+', '-']).map(|i| i + 16)?;
    let offset = offset_minutes(&rfc3339[zone_at..])?;
    let minutes = days_from_civil(y, mo, d) * 1440 + h * 60 + mi - offset + VIETNAM_MINUTES;
    let (day, minute) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (y, mo, d) = civil_from_days(day);
    Some((
        format!("{y:04}-{mo:02}-{d:02}"),
        format!("{:02}:{:02}", minute / 60, minute % 60),
    ))
}

/// `dd/mm/yyyy HH:mm` in Vietnam; the text unchanged when it is not an RFC 3339 time.
pub fn format_vietnam_datetime(rfc3339: &str) -> String {
    match in_vietnam(rfc3339) {
        Some((day, time)) => format!("{} {time}", crate::format::format_date(&day)),
        None => rfc3339.to_owned(),
    }
}

/// `dd/mm/yyyy`, the day in Vietnam; the text unchanged when it is not an RFC 3339 time.
pub fn format_vietnam_date(rfc3339: &str) -> String {
    match in_vietnam(rfc3339) {
        Some((day, _)) => crate::format::format_date(&day),
        None => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evening_in_utc_is_the_next_morning_in_vietnam() {
        assert_eq!(
            in_vietnam("2026-11-04T18:30:00Z"),
            Some(("2026-11-05".into(), "01:30".into()))
        );
        assert_eq!(
            format_vietnam_datetime("2026-11-04T18:30:00.123456+00:00"),
            "05/11/2026 01:30"
        );
        assert_eq!(format_vietnam_date("2026-12-31T17:00:00Z"), "01/01/2027");
    }

    #[test]
    fn a_time_already_in_vietnam_or_elsewhere_is_shifted_by_its_own_offset() {
        assert_eq!(
            format_vietnam_datetime("2026-03-01T08:15:00+07:00"),
            "01/03/2026 08:15"
        );
        assert_eq!(
            format_vietnam_datetime("2024-02-29T20:00:00-05:00"),
            "01/03/2024 08:00"
        );
    }

    #[test]
    fn other_text_is_left_as_it_is() {
        assert_eq!(format_vietnam_datetime("soon"), "soon");
        assert_eq!(format_vietnam_date("2026-11-04"), "2026-11-04");
    }

    #[test]
    fn days_round_trip_through_the_civil_calendar() {
        for day in [-1, 0, 59, 365, 11_016, 20_789, 30_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
