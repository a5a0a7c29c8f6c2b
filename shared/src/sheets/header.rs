//! Recognising header cells: codes or Vietnamese names, with or without diacritics, in any
//! case and spacing ("Mã đơn vị", "ma_don_vi", "UNIT_CODE").

use super::problem::{ProblemKind, Problems};
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
    /// A staff member's code in the dossier system, or their e-mail address.
    StaffCode,
    /// A staff member's name (read past: the code names them).
    StaffName,
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
    (
        Fixed::StaffCode,
        &[
            "staff",
            "staff code",
            "ma can bo",
            "can bo",
            "ma cb",
            "ma cong chuc",
            "ma nhan vien",
            "email",
            "e mail",
            "thu dien tu",
        ],
    ),
    (
        Fixed::StaffName,
        &["staff name", "ho ten", "ho va ten", "ten can bo"],
    ),
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

/// How many non-blank rows may be read as the header row: a title, a subtitle and a few
/// notes may stand above it.
pub const HEADER_ROWS: u32 = 10;

/// The search for the header row: the first of the first [`HEADER_ROWS`] non-blank rows that
/// names every required column. When none does, the problems of the row that came closest
/// (fewest missing columns, the first of equals) are the file's.
#[derive(Debug, Default)]
pub struct HeaderSearch {
    tried: u32,
    best: Option<(usize, Problems, Vec<String>)>,
}

/// What a row read as the header turned out to be.
#[derive(Debug)]
pub enum Judged {
    /// The header row, with the problems of its other columns (if any).
    Header(Problems),
    /// Not the header: a later row may be.
    NotYet,
    /// No header row was found: the problems of the closest row and its headers.
    Refused(Problems, Vec<String>),
}

impl HeaderSearch {
    /// Judges a row read as the header: `found` are the problems reading it found,
    /// `headers` its cells as written.
    pub fn judge(&mut self, found: Problems, headers: &[String]) -> Judged {
        let missing = found
            .list
            .iter()
            .filter(|p| p.kind == ProblemKind::MissingColumn)
            .count();
        if missing == 0 {
            return Judged::Header(found);
        }
        self.tried = self.tried.saturating_add(1);
        if self.best.as_ref().is_none_or(|(m, _, _)| missing < *m) {
            self.best = Some((missing, found, headers.to_vec()));
        }
        if self.tried >= HEADER_ROWS {
            match self.leftover() {
                Some((p, h)) => Judged::Refused(p, h),
                None => Judged::NotYet,
            }
        } else {
            Judged::NotYet
        }
    }

    /// The problems of the closest row (and its headers) when the file ended before a
    /// header row was found.
    pub fn leftover(&mut self) -> Option<(Problems, Vec<String>)> {
        self.best.take().map(|(_, p, h)| (p, h))
    }
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
