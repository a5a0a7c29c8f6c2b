//! An import problem in a sentence of the reader's language, composed from the server's
//! structured facts (kind, reason, the cell as written, column, other row, month, broken
//! rule) rather than from its English message. Pure: unit-tested on the host.

use crate::api::ops::import_figures::ImportProblem as ImportProblemRow;
use crate::format::format_number;
use crate::i18n::{Key, Lang, fill};
use shared::import_limits as limits;
use shared::period::{MAX_YEAR, MIN_YEAR};
use shared::{ProblemKind, ProblemReason as R};

/// The reader's name of a catalogue code (a measure's or an indicator's, in the reader's
/// language), `None` for anything else.
pub type NameOf<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A column header in the reader's words: a catalogue code by its name, the long layout's
/// English headers (`value`, `measure_code` …) in `lang`, anything else as written.
pub fn header_words(lang: Lang, header: &str, names: NameOf) -> String {
    if let Some(name) = names(header.trim()) {
        return name;
    }
    let folded = header.trim().to_lowercase().replace(['_', '-'], " ");
    let key = match folded.as_str() {
        "value" => Key::ColumnValue,
        "measure code" | "measure" => Key::ColumnMeasureCode,
        "unit code" | "unit" => Key::ColumnUnitCode,
        "year" => Key::ColumnYear,
        "month" => Key::ColumnMonth,
        _ => return header.to_owned(),
    };
    key.text(lang).to_owned()
}

/// The column as the problem table shows it: `E (Hồ sơ nộp trực tuyến)`, `E`, or `–`.
pub fn column_label(lang: Lang, p: &ImportProblemRow, names: NameOf) -> String {
    match (&p.column, &p.header) {
        (Some(c), Some(h)) if !h.is_empty() => format!("{c} ({})", header_words(lang, h, names)),
        (Some(c), _) => c.clone(),
        _ => "–".into(),
    }
}

/// A name the server gives in both languages, `english (Tiếng Việt)`, in `lang`; any other
/// text as it is.
fn bilingual(lang: Lang, text: &str) -> String {
    match text.strip_suffix(')').and_then(|t| t.split_once(" (")) {
        Some((en, vi)) if !en.is_empty() && !vi.is_empty() => match lang {
            Lang::Vi => vi.to_owned(),
            Lang::En => en.to_owned(),
        },
        _ => text.to_owned(),
    }
}

/// What a missing cell should have held, by the kind of problem.
fn missing_what(kind: ProblemKind) -> Key {
    match kind {
        ProblemKind::UnknownUnit => Key::WhatUnitCode,
        ProblemKind::UnknownStaff => Key::WhatStaffCode,
        ProblemKind::UnknownMeasure => Key::WhatMeasureCode,
        ProblemKind::UnknownIndicator => Key::WhatIndicatorCode,
        ProblemKind::BadYear => Key::WhatYear,
        ProblemKind::BadMonth => Key::WhatMonth,
        _ => Key::WhatValue,
    }
}

/// `03/2023`, or `–` when the problem names no month.
fn month_label(p: &ImportProblemRow) -> String {
    match (p.year, p.month) {
        (Some(y), Some(m)) => format!("{m:02}/{y}"),
        _ => "–".into(),
    }
}

/// The problem's detail, in `lang`; catalogue codes by their names.
pub fn problem_detail(lang: Lang, p: &ImportProblemRow, names: NameOf) -> String {
    let value = p.value.as_deref().unwrap_or("");
    let column = column_label(lang, p, names);
    let named = |code: &str| names(code).unwrap_or_else(|| code.to_owned());
    let letter = p.column.as_deref().unwrap_or("–");
    let other = p.other_row.map(|r| r.to_string()).unwrap_or_default();
    let say = |key: Key, args: &[&str]| fill(key.text(lang), args);
    let cell = |key: Key| say(key, &[value, &column]);
    match p.reason {
        R::EmptyFile => say(Key::PdEmptyFile, &[]),
        R::NoRows => say(Key::PdNoRows, &[]),
        R::Unreadable => say(Key::PdUnreadable, &[]),
        R::NoSheet => say(Key::PdNoSheet, &[]),
        R::UnreadableSheet => say(Key::PdUnreadableSheet, &[value]),
        R::NotUtf8 => say(Key::PdNotUtf8, &[]),
        R::UnknownEncoding => say(Key::PdUnknownEncoding, &[]),
        R::FormulaWithoutValue => cell(Key::PdFormulaWithoutValue),
        R::MonthOfAnotherYear => cell(Key::PdMonthOfAnotherYear),
        R::NoUnitColumn => say(Key::PdNoUnitColumn, &[]),
        R::NoStaffColumn => say(Key::PdNoStaffColumn, &[]),
        R::NoYearColumn => say(Key::PdNoYearColumn, &[]),
        R::NoMonthColumn => say(Key::PdNoMonthColumn, &[]),
        R::NoMeasureCodeColumn => say(Key::PdNoMeasureCodeColumn, &[]),
        R::NoValueColumn => say(Key::PdNoValueColumn, &[]),
        R::NoMeasureColumns => say(Key::PdNoMeasureColumns, &[]),
        R::NoIndicatorColumns => say(Key::PdNoIndicatorColumns, &[]),
        R::NoColumn => say(Key::PdNoColumn, &[&bilingual(lang, value)]),
        R::UnknownHeader => say(Key::PdUnknownHeader, &[value, letter]),
        R::RepeatedColumn => say(Key::PdRepeatedColumn, &[value, letter]),
        R::Missing => say(Key::PdMissing, &[missing_what(p.kind).text(lang), &column]),
        R::NotACount => cell(Key::PdNotACount),
        R::NotANumber => cell(Key::PdNotANumber),
        R::Negative => cell(Key::PdNegative),
        R::TooLarge => cell(Key::PdTooLarge),
        R::OutOfRange => match p.kind {
            ProblemKind::BadYear => say(
                Key::PdYearOutOfRange,
                &[value, &column, &MIN_YEAR.to_string(), &MAX_YEAR.to_string()],
            ),
            ProblemKind::BadMonth => cell(Key::PdMonthOutOfRange),
            _ => cell(Key::PdRateOutOfRange),
        },
        R::BaselineWithoutTarget => cell(Key::PdBaselineWithoutTarget),
        R::UnknownCode => match p.kind {
            ProblemKind::UnknownMeasure => say(Key::PdUnknownMeasure, &[value]),
            ProblemKind::UnknownIndicator => say(Key::PdUnknownIndicator, &[value]),
            ProblemKind::UnknownStaff => say(Key::PdUnknownStaff, &[value]),
            _ => say(Key::PdUnknownUnit, &[value]),
        },
        R::Inactive => say(Key::PdInactive, &[&named(value), letter]),
        R::RepeatedValue => say(Key::PdRepeatedValue, &[&other]),
        R::RepeatedIndicatorMonth => say(Key::PdRepeatedIndicatorMonth, &[&other]),
        R::RepeatedUnit => say(Key::PdRepeatedUnit, &[value, &other]),
        R::OutsideScope => say(Key::PdOutsideScope, &[value]),
        R::NotInForce => say(Key::PdNotInForce, &[value, &month_label(p)]),
        R::NotBelowYourUnit => say(Key::PdNotBelowYourUnit, &[value]),
        R::ApprovedMonth => say(Key::PdApprovedMonth, &[value, &month_label(p)]),
        R::PartExceedsWhole => match &p.consistency {
            Some(c) => say(
                Key::PdPartExceedsWhole,
                &[
                    &month_label(p),
                    &named(&c.part),
                    &format_number(c.part_value, 0),
                    &named(&c.whole),
                    &format_number(c.whole_value, 0),
                ],
            ),
            None => say(Key::PkConsistency, &[]),
        },
        R::NumeratorAboveDenominator => cell(Key::PdNumeratorAboveDenominator),
        R::ScoreAboveMaximum => cell(Key::PdScoreAboveMaximum),
        R::TooManyParts => say(Key::PdTooManyParts, &[&count(limits::MAX_PARTS as f64)]),
        R::PartTooLarge => say(Key::PdPartTooLarge, &[value, &mib(limits::MAX_PART_BYTES)]),
        R::WorkbookTooLarge => say(Key::PdWorkbookTooLarge, &[&mib(limits::MAX_WORKBOOK_BYTES)]),
        R::TooManyStrings => say(
            Key::PdTooManyStrings,
            &[&count(limits::MAX_SHARED_STRINGS as f64)],
        ),
        R::TooManyRows => say(
            Key::PdTooManyRows,
            &[value, &count(f64::from(limits::MAX_ROWS))],
        ),
        R::TooManyColumns => say(
            Key::PdTooManyColumns,
            &[value, &column_name(limits::MAX_COLUMNS as usize - 1)],
        ),
        R::TooManyCells => say(Key::PdTooManyCells, &[&count(limits::MAX_CELLS as f64)]),
    }
}

/// A limit, as a whole number with thousands separators.
fn count(n: f64) -> String {
    format_number(n, 0)
}

/// A limit in bytes, in whole mebibytes.
fn mib(bytes: u64) -> String {
    count((bytes / (1024 * 1024)) as f64)
}

/// The spreadsheet letter of a 0-based column: 0 → A, 999 → ALL.
fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::import_figures::ImportProblemConsistency as ImportConsistencyRow;

    /// The default catalogue's names of two measures, in Vietnamese.
    fn names(code: &str) -> Option<String> {
        match code {
            "RECEIVED_ONLINE" => Some("Hồ sơ nộp trực tuyến".into()),
            "RECEIVED" => Some("Hồ sơ tiếp nhận".into()),
            _ => None,
        }
    }

    #[test]
    fn headers_and_codes_read_as_names() {
        let none = |_: &str| None;
        assert_eq!(header_words(Lang::Vi, "value", &none), "giá trị");
        assert_eq!(
            header_words(Lang::En, "measure_code", &none),
            "measure code"
        );
        assert_eq!(
            header_words(Lang::Vi, "RECEIVED", &names),
            "Hồ sơ tiếp nhận"
        );
        assert_eq!(header_words(Lang::Vi, "Ghi chú", &none), "Ghi chú");
        assert_eq!(bilingual(Lang::Vi, "unit code (Mã đơn vị)"), "Mã đơn vị");
        assert_eq!(bilingual(Lang::En, "unit code (Mã đơn vị)"), "unit code");
        assert_eq!(bilingual(Lang::Vi, "(x)"), "(x)");
    }

    fn problem(kind: ProblemKind, reason: R, value: &str) -> ImportProblemRow {
        ImportProblemRow {
            kind,
            reason,
            row: Some(2),
            column: Some("E".into()),
            header: Some("RECEIVED_ONLINE".into()),
            value: Some(value.into()),
            other_row: None,
            year: None,
            month: None,
            consistency: None,
            message: "the value is not a number: \"12x\"".into(),
        }
    }

    #[test]
    fn a_workbook_beyond_the_limits_is_named_with_the_limit() {
        let far = problem(ProblemKind::File, R::TooManyRows, "XFD1048576");
        assert_eq!(
            problem_detail(Lang::Vi, &far, &names),
            "Trang tính có ô hoặc vùng «XFD1048576» nằm dưới dòng 100.000, dòng cuối cùng được đọc: hãy xoá các ô thừa ở cuối trang hoặc chia thành nhiều tệp."
        );
        let wide = problem(ProblemKind::File, R::TooManyColumns, "XFD3");
        assert!(problem_detail(Lang::En, &wide, &names).contains("right of column ALL"));
        let bomb = problem(
            ProblemKind::File,
            R::PartTooLarge,
            "xl/worksheets/sheet1.xml",
        );
        assert!(problem_detail(Lang::Vi, &bomb, &names).contains("(tối đa 32 MB)"));
    }

    #[test]
    fn a_bad_figure_names_the_cell_as_written_in_both_languages() {
        let p = problem(ProblemKind::BadValue, R::NotACount, "12x");
        assert_eq!(
            problem_detail(Lang::Vi, &p, &names),
            "«12x» ở cột E (Hồ sơ nộp trực tuyến) không phải là số nguyên không âm."
        );
        assert_eq!(
            problem_detail(Lang::En, &p, &names),
            "“12x” in column E (Hồ sơ nộp trực tuyến) is not a whole number of 0 or more."
        );
    }

    #[test]
    fn codes_months_rows_and_rules_fill_their_sentences() {
        let unknown = problem(ProblemKind::UnknownUnit, R::UnknownCode, "X123");
        assert_eq!(
            problem_detail(Lang::Vi, &unknown, &names),
            "Không có đơn vị nào đang hoạt động mang mã «X123»."
        );
        let approved = ImportProblemRow {
            year: Some(2023),
            month: Some(1),
            ..problem(ProblemKind::Approved, R::ApprovedMonth, "XAP")
        };
        assert!(
            problem_detail(Lang::Vi, &approved, &names).contains("tháng 01/2023 của đơn vị «XAP»")
        );
        let repeated = ImportProblemRow {
            other_row: Some(5),
            ..problem(ProblemKind::Duplicate, R::RepeatedValue, "11")
        };
        assert!(problem_detail(Lang::Vi, &repeated, &names).starts_with("Trùng với dòng 5:"));
        let broken = ImportProblemRow {
            year: Some(2023),
            month: Some(3),
            consistency: Some(ImportConsistencyRow {
                part: "RECEIVED_ONLINE".into(),
                part_value: 1234.0,
                whole: "RECEIVED".into(),
                whole_value: 5.0,
            }),
            ..problem(ProblemKind::Consistency, R::PartExceedsWhole, "")
        };
        assert_eq!(
            problem_detail(Lang::Vi, &broken, &names),
            "Tháng 03/2023: Hồ sơ nộp trực tuyến (1.234) không được lớn hơn Hồ sơ tiếp nhận (5)."
        );
        let year = problem(ProblemKind::BadYear, R::OutOfRange, "1999");
        assert!(
            problem_detail(Lang::Vi, &year, &names).contains("không phải là năm từ 2000 đến 2100")
        );
        let missing = problem(ProblemKind::UnknownUnit, R::Missing, "");
        assert_eq!(
            problem_detail(Lang::Vi, &missing, &names),
            "Ô ở cột E (Hồ sơ nộp trực tuyến) đang trống: thiếu mã đơn vị."
        );
    }

    #[test]
    fn problems_of_official_figures_name_the_indicator_the_numerator_and_the_row() {
        let unknown = problem(ProblemKind::UnknownIndicator, R::UnknownCode, "NOPE");
        assert_eq!(
            problem_detail(Lang::Vi, &unknown, &names),
            "Không có chỉ số nào mang mã «NOPE»."
        );
        let above = problem(ProblemKind::BadValue, R::NumeratorAboveDenominator, "12");
        assert_eq!(
            problem_detail(Lang::Vi, &above, &names),
            "Tử số «12» ở cột E (Hồ sơ nộp trực tuyến) lớn hơn mẫu số: tử số không được vượt quá mẫu số."
        );
        let twice = ImportProblemRow {
            other_row: Some(4),
            ..problem(
                ProblemKind::Duplicate,
                R::RepeatedIndicatorMonth,
                "ON_TIME_RATE",
            )
        };
        assert!(
            problem_detail(Lang::Vi, &twice, &names)
                .starts_with("Trùng với dòng 4: cùng đơn vị, chỉ số")
        );
        let column = problem(ProblemKind::MissingColumn, R::NoColumn, "score (Điểm)");
        assert_eq!(
            problem_detail(Lang::En, &column, &names),
            "The header row has no score column."
        );
    }

    #[test]
    fn a_cell_that_looks_like_a_placeholder_is_shown_as_written() {
        let p = problem(ProblemKind::BadValue, R::NotANumber, "{1}");
        assert_eq!(
            problem_detail(Lang::Vi, &p, &names),
            "«{1}» ở cột E (Hồ sơ nộp trực tuyến) không phải là số."
        );
    }

    #[test]
    fn every_reason_of_every_kind_has_a_sentence_without_placeholders_left() {
        for kind in ProblemKind::ALL {
            for reason in R::ALL {
                let p = ImportProblemRow {
                    other_row: Some(3),
                    year: Some(2023),
                    month: Some(2),
                    ..problem(*kind, *reason, "v")
                };
                for lang in [Lang::Vi, Lang::En] {
                    let text = problem_detail(lang, &p, &names);
                    assert!(!text.is_empty(), "{kind:?} {reason:?} {lang:?}");
                    assert!(!text.contains('{'), "{kind:?} {reason:?} {lang:?}: {text}");
                    assert!(!text.contains("  "), "{kind:?} {reason:?} {lang:?}: {text}");
                }
            }
        }
    }
}
