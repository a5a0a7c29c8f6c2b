//! Recognising header cells: codes or Vietnamese names, with or without diacritics, in any
//! case and spacing ("Mã đơn vị", "ma_don_vi", "UNIT_CODE").

use unicode_normalization::UnicodeNormalization;

/// `text` folded for comparison: lower case, without diacritics (đ → d), every run of
/// other characters than letters and digits as one space, trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The fixed columns every layout may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fixed {
    UnitCode,
    UnitName,
    Year,
    Month,
    MeasureCode,
    Value,
}

const ALIASES: &[(Fixed, &[&str])] = &[
    (
        Fixed::UnitCode,
        &["unit code", "unit", "ma don vi", "ma dv", "don vi"],
    ),
    (
        Fixed::UnitName,
        &["unit name", "ten don vi", "ten dv", "ten"],
    ),
    (Fixed::Year, &["year", "nam"]),
    (Fixed::Month, &["month", "thang"]),
    (
        Fixed::MeasureCode,
        &[
            "measure code",
            "measure",
            "ma so lieu",
            "so lieu",
            "ma chi so",
            "chi so",
        ],
    ),
    (Fixed::Value, &["value", "gia tri", "so luong"]),
];

/// The fixed column a folded header names, if any.
pub fn fixed(folded: &str) -> Option<Fixed> {
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(f, _)| *f)
}

/// The index in `names` (code, name) whose code or name matches the folded header.
pub fn named(folded: &str, names: &[(&str, &str)]) -> Option<usize> {
    names
        .iter()
        .position(|(code, name)| fold(code) == folded || fold(name) == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_diacritics_and_separators() {
        assert_eq!(fold("Mã đơn vị"), "ma don vi");
        assert_eq!(fold("  MA_DON_VI "), "ma don vi");
        assert_eq!(fold("Tháng"), "thang");
        assert_eq!(fold("RECEIVED_ONLINE"), "received online");
        assert_eq!(
            fold("Số hồ sơ tiếp nhận (trực tuyến)"),
            "so ho so tiep nhan truc tuyen"
        );
    }

    #[test]
    fn fixed_columns_are_found_in_both_languages() {
        assert_eq!(fixed(&fold("unit_code")), Some(Fixed::UnitCode));
        assert_eq!(fixed(&fold("Mã đơn vị")), Some(Fixed::UnitCode));
        assert_eq!(fixed(&fold("Năm")), Some(Fixed::Year));
        assert_eq!(fixed(&fold("measure_code")), Some(Fixed::MeasureCode));
        assert_eq!(fixed(&fold("Giá trị")), Some(Fixed::Value));
        assert_eq!(fixed(&fold("RECEIVED")), None);
    }

    #[test]
    fn measures_are_found_by_code_or_name() {
        let names = [("RECEIVED", "Hồ sơ tiếp nhận"), ("DUE", "Hồ sơ đến hạn")];
        assert_eq!(named(&fold("received"), &names), Some(0));
        assert_eq!(named(&fold("Hồ sơ đến hạn"), &names), Some(1));
        assert_eq!(named(&fold("ho so den han"), &names), Some(1));
        assert_eq!(named(&fold("other"), &names), None);
    }
}
