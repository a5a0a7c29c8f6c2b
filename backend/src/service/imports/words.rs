//! An import problem as a Vietnamese sentence, composed from its structured facts (reason,
//! the cell as written, column, other row, month, broken rule) rather than its English
//! message: what the command line prints and what the refusal of an official figures file
//! says. The web app words the same facts itself, in the reader's language.

use shared::import_limits as limits;
use shared::period::{MAX_YEAR, MIN_YEAR};
use shared::sheets::Problem;
use shared::{ProblemKind, ProblemReason as R};

/// `dòng 3, cột D (indicator_code): <what is wrong>`, or the sentence alone when the
/// problem has no place in the file.
pub fn located(p: &Problem) -> String {
    let mut place = Vec::new();
    if let Some(row) = p.row {
        place.push(format!("dòng {row}"));
    }
    if let Some(col) = &p.column {
        match p.header.as_deref().filter(|h| !h.is_empty()) {
            Some(h) => place.push(format!("cột {col} ({h})")),
            None => place.push(format!("cột {col}")),
        }
    }
    if place.is_empty() {
        sentence(p)
    } else {
        format!("{}: {}", place.join(", "), sentence(p))
    }
}

/// What a missing cell should have held.
fn missing_what(kind: ProblemKind) -> &'static str {
    match kind {
        ProblemKind::UnknownUnit => "mã đơn vị",
        ProblemKind::UnknownStaff => "mã cán bộ hoặc thư điện tử",
        ProblemKind::UnknownMeasure => "mã số liệu",
        ProblemKind::UnknownIndicator => "mã chỉ số",
        ProblemKind::BadYear => "năm",
        ProblemKind::BadMonth => "tháng",
        _ => "giá trị",
    }
}

/// `03/2026`, or `–` when the problem names no month.
fn month_label(p: &Problem) -> String {
    match (p.year, p.month) {
        (Some(y), Some(m)) => format!("{m:02}/{y}"),
        _ => "–".into(),
    }
}

/// A whole number with the thousands grouped by dots: 100.000.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The problem in a Vietnamese sentence.
pub fn sentence(p: &Problem) -> String {
    let value = p.value.as_deref().unwrap_or("");
    let col = p.column.as_deref().unwrap_or("–");
    let other = p.other_row.map(|r| r.to_string()).unwrap_or_default();
    let mib = |b: u64| grouped(b / (1024 * 1024));
    match p.reason {
        R::EmptyFile => "Tệp trống: không có dòng tiêu đề.".into(),
        R::NoRows => "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào.".into(),
        R::Unreadable => "Không đọc được tệp: hãy tải lên tệp CSV (văn bản UTF-8) hoặc bảng tính Excel (XLSX).".into(),
        R::NoSheet => "Bảng tính không có trang tính nào chứa dữ liệu.".into(),
        R::UnreadableSheet => format!("Không đọc được trang tính «{value}»."),
        R::NotUtf8 => "Dòng này không phải văn bản UTF-8: hãy lưu tệp dưới dạng “CSV UTF-8”.".into(),
        R::UnknownEncoding => "Không nhận ra bảng mã của tệp CSV này. Trong Excel, chọn Tệp › Lưu thành (File › Save As), chọn kiểu “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải tệp đó lên lại.".into(),
        R::FormulaWithoutValue => format!("Ô ở cột {col} là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên."),
        R::MonthOfAnotherYear => format!("Tháng «{value}» ở cột {col} thuộc năm khác với năm ở cột năm của dòng này."),
        R::NoUnitColumn => "Dòng tiêu đề thiếu cột mã đơn vị (“Mã đơn vị” hoặc “unit_code”).".into(),
        R::NoStaffColumn => "Dòng tiêu đề thiếu cột cán bộ (“Mã cán bộ” hoặc “Email”).".into(),
        R::NoYearColumn => "Dòng tiêu đề thiếu cột năm (“Năm” hoặc “year”).".into(),
        R::NoMonthColumn => "Dòng tiêu đề thiếu cột tháng (“Tháng” hoặc “month”).".into(),
        R::NoMeasureCodeColumn => "Dòng tiêu đề thiếu cột mã số liệu (“Mã số liệu” hoặc “measure_code”).".into(),
        R::NoValueColumn => "Dòng tiêu đề thiếu cột giá trị (“Giá trị” hoặc “value”).".into(),
        R::NoMeasureColumns => "Không có cột số liệu nào: mỗi mã số liệu một cột (dạng ngang), hoặc hai cột “Mã số liệu” và “Giá trị” (dạng dọc).".into(),
        R::NoIndicatorColumns => "Dòng tiêu đề không có cột chỉ tiêu nào (mã hoặc tên chỉ tiêu).".into(),
        R::NoColumn => format!("Dòng tiêu đề thiếu cột {value}."),
        R::UnknownHeader => format!("Tiêu đề «{value}» ở cột {col} không phải là cột nào đã biết."),
        R::RepeatedColumn => format!("Cột {col} «{value}» trùng với một cột đứng trước."),
        R::Missing => format!("Ô ở cột {col} đang trống: thiếu {}.", missing_what(p.kind)),
        R::NotACount => format!("«{value}» ở cột {col} không phải là số nguyên không âm."),
        R::NotANumber => format!("«{value}» ở cột {col} không phải là số."),
        R::Negative => format!("«{value}» ở cột {col} là số âm: giá trị phải từ 0 trở lên."),
        R::TooLarge => format!("«{value}» ở cột {col} quá lớn hoặc quá dài."),
        R::OutOfRange => match p.kind {
            ProblemKind::BadYear => format!(
                "«{value}» ở cột {col} không phải là năm từ {MIN_YEAR} đến {MAX_YEAR}."
            ),
            ProblemKind::BadMonth => {
                format!("«{value}» ở cột {col} không phải là tháng từ 1 đến 12.")
            }
            _ => format!(
                "«{value}» ở cột {col} vượt quá 100: chỉ tiêu tỷ lệ phải từ 0 đến 100 %."
            ),
        },
        R::BaselineWithoutTarget => format!(
            "Có giá trị cơ sở «{value}» ở cột {col} nhưng dòng này chưa có chỉ tiêu tương ứng."
        ),
        R::UnknownCode => match p.kind {
            ProblemKind::UnknownMeasure => format!("Không có số liệu nào mang mã «{value}»."),
            ProblemKind::UnknownIndicator => format!("Không có chỉ số nào mang mã «{value}»."),
            ProblemKind::UnknownStaff => format!("Không có cán bộ nào của đơn vị mang mã hoặc thư điện tử «{value}»."),
            _ => format!("Không có đơn vị nào đang hoạt động mang mã «{value}»."),
        },
        R::Inactive => format!("Chỉ tiêu «{value}» (cột {col}) đã ngừng áp dụng."),
        R::RepeatedValue => format!(
            "Trùng với dòng {other}: cùng đơn vị, tháng và số liệu đã có ở dòng đó."
        ),
        R::RepeatedUnit => format!("Đơn vị «{value}» đã có ở dòng {other}."),
        R::RepeatedIndicatorMonth => format!(
            "Trùng với dòng {other}: cùng đơn vị, chỉ số và tháng đã có ở dòng đó."
        ),
        R::OutsideScope => format!(
            "Đơn vị «{value}» nằm ngoài phạm vi đơn vị của bạn."
        ),
        R::NotInForce => format!(
            "Đơn vị «{value}» không hoạt động trong tháng {} (đã sáp nhập, giải thể hoặc chưa thành lập).",
            month_label(p)
        ),
        R::NotBelowYourUnit => format!(
            "Đơn vị «{value}» không trực thuộc đơn vị của bạn: lãnh đạo chỉ giao chỉ tiêu cho các đơn vị cấp dưới."
        ),
        R::ApprovedMonth => format!(
            "Số liệu tháng {} của đơn vị «{value}» đã được duyệt nên không sửa được; cần mở lại trước khi nhập.",
            month_label(p)
        ),
        R::PartExceedsWhole => match &p.consistency {
            Some(c) => format!(
                "Tháng {}: {} ({}) không được lớn hơn {} ({}).",
                month_label(p),
                c.part,
                grouped(c.part_value.max(0).unsigned_abs()),
                c.whole,
                grouped(c.whole_value.max(0).unsigned_abs())
            ),
            None => "Số liệu không khớp nhau.".into(),
        },
        R::NumeratorAboveDenominator => format!(
            "Tử số «{value}» ở cột {col} lớn hơn mẫu số: tử số không được vượt quá mẫu số."
        ),
        R::ScoreAboveMaximum => format!(
            "Điểm «{value}» ở cột {col} lớn hơn điểm tối đa của chỉ số."
        ),
        R::TooManyParts => format!(
            "Bảng tính có quá nhiều thành phần (tối đa {}): hãy mở và lưu lại tệp bằng Excel rồi tải lên.",
            grouped(limits::MAX_PARTS as u64)
        ),
        R::PartTooLarge => format!(
            "Thành phần «{value}» của bảng tính quá lớn khi giải nén (tối đa {} MB).",
            mib(limits::MAX_PART_BYTES)
        ),
        R::WorkbookTooLarge => format!(
            "Bảng tính quá lớn khi giải nén (tối đa {} MB): hãy chia thành nhiều tệp nhỏ hơn.",
            mib(limits::MAX_WORKBOOK_BYTES)
        ),
        R::TooManyStrings => format!(
            "Bảng tính có quá nhiều đoạn văn bản khác nhau (tối đa {}).",
            grouped(limits::MAX_SHARED_STRINGS)
        ),
        R::TooManyRows => format!(
            "Trang tính có ô hoặc vùng «{value}» nằm dưới dòng {}, dòng cuối cùng được đọc.",
            grouped(u64::from(limits::MAX_ROWS))
        ),
        R::TooManyColumns => format!(
            "Trang tính có ô hoặc vùng «{value}» nằm bên phải cột {}, cột cuối cùng được đọc.",
            shared::sheets::column_letter(limits::MAX_COLUMNS as usize - 1)
        ),
        R::TooManyCells => format!(
            "Trang tính có quá nhiều ô (tối đa {}): hãy chia thành nhiều tệp.",
            grouped(limits::MAX_CELLS)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(kind: ProblemKind, reason: R, value: &str) -> Problem {
        Problem::new(kind, reason, "in English")
            .at(4, Some((3, "indicator_code")))
            .with_value(value)
    }

    #[test]
    fn a_problem_is_said_with_its_row_column_and_what_was_written() {
        let p = problem(ProblemKind::UnknownIndicator, R::UnknownCode, "NOPE");
        assert_eq!(
            located(&p),
            "dòng 4, cột D (indicator_code): Không có chỉ số nào mang mã «NOPE»."
        );
        let p = problem(ProblemKind::BadValue, R::NumeratorAboveDenominator, "12");
        assert_eq!(
            sentence(&p),
            "Tử số «12» ở cột D lớn hơn mẫu số: tử số không được vượt quá mẫu số."
        );
        let p = problem(ProblemKind::Duplicate, R::RepeatedIndicatorMonth, "X").repeating(2);
        assert!(sentence(&p).starts_with("Trùng với dòng 2:"));
        let whole = Problem::file(R::EmptyFile, "empty");
        assert_eq!(located(&whole), "Tệp trống: không có dòng tiêu đề.");
    }

    #[test]
    fn limits_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(100_000), "100.000");
        assert_eq!(grouped(1_234_567), "1.234.567");
        let far = Problem::file(R::TooManyRows, "far").with_value("XFD1048576");
        assert!(
            sentence(&far).contains("dòng 100.000"),
            "{}",
            sentence(&far)
        );
    }
}
