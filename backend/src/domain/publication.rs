//! The safeguards of publishing a ranking: when a period counts as empty (no unit has a
//! score — every row would read "–"), the warning that says so, and the reason a
//! withdrawal must give.

use crate::domain::input::{InputError, text};

/// The longest reason of a withdrawal, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// How many of the scores are there (not `None`).
pub fn scored(scores: impl IntoIterator<Item = Option<f64>>) -> usize {
    scores.into_iter().flatten().filter(|s| !s.is_nan()).count()
}

/// The warning of a preview: none when some unit has a score; else the period (e.g.
/// `Tháng 10/2026`) has no figures to rank and publishing it would announce an empty
/// ranking.
pub fn empty_warning(scored: usize, units: usize, period: &str) -> Option<String> {
    (scored == 0).then(|| {
        format!(
            "{period} chưa có số liệu đã duyệt: cả {units} đơn vị đều chưa có điểm (“–”). \
             Công bố lúc này sẽ đóng băng một bảng xếp hạng rỗng."
        )
    })
}

/// The refusal of publishing an empty period without confirming it.
pub fn empty_refusal(period: &str) -> String {
    format!(
        "{period} chưa có số liệu đã duyệt nên không có đơn vị nào được xếp hạng. \
         Hãy xem trước; nếu vẫn muốn công bố, xác nhận công bố kỳ không có số liệu (confirmEmpty)."
    )
}

/// The reason of a withdrawal: trimmed, 1–[`MAX_REASON_CHARS`] characters, no control
/// characters; the error in Vietnamese on `reason`.
pub fn withdrawal_reason(raw: &str) -> Result<String, InputError> {
    text("reason", raw, MAX_REASON_CHARS).map_err(|_| {
        InputError::new(
            "reason",
            format!(
                "Cần ghi lý do rút bảng xếp hạng (1–{MAX_REASON_CHARS} ký tự, không có ký tự điều khiển)."
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_where_nobody_scores_is_empty() {
        assert_eq!(scored([None, None, Some(f64::NAN)]), 0);
        assert_eq!(scored([None, Some(0.0)]), 1);
        let w = empty_warning(0, 3, "Tháng 10/2026").expect("a warning");
        assert!(w.starts_with("Tháng 10/2026 chưa có số liệu đã duyệt: cả 3 đơn vị"));
        assert_eq!(empty_warning(1, 3, "Tháng 10/2026"), None);
        assert!(empty_refusal("Quý 1/2023").starts_with("Quý 1/2023 chưa có số liệu"));
    }

    #[test]
    fn a_withdrawal_needs_a_reason() {
        assert_eq!(
            withdrawal_reason("  Công bố nhầm kỳ  "),
            Ok("Công bố nhầm kỳ".into())
        );
        for bad in ["", "   ", "a\u{7}b"] {
            let e = withdrawal_reason(bad).unwrap_err();
            assert_eq!(e.field, "reason");
            assert!(e.message.starts_with("Cần ghi lý do"), "{}", e.message);
        }
        assert!(withdrawal_reason(&"x".repeat(MAX_REASON_CHARS)).is_ok());
        assert!(withdrawal_reason(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
    }
}
