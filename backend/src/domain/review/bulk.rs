//! Approving several months at once: how many one call may hold, and what each month that
//! was not approved is told, in Vietnamese.
//!
//! The call is refused whole (nothing approved) when it is malformed (empty, too long, a
//! month twice, a bad year or month) or when any month is outside what the caller may
//! approve; otherwise each month is approved on its own, audited like a single approval,
//! and gets its own result: a month that is no longer waiting does not hold up the others.

use super::super::InputError;
use shared::ReportStatus;

/// The most months one call approves.
pub const MAX_MONTHS: usize = 50;

/// Refuses an empty list or one longer than [`MAX_MONTHS`].
pub fn check_count(count: usize) -> Result<(), InputError> {
    if count == 0 {
        return Err(InputError::new(
            "months",
            "Hãy chọn ít nhất một tháng để duyệt.",
        ));
    }
    if count > MAX_MONTHS {
        return Err(InputError::new(
            "months",
            format!(
                "Mỗi lần duyệt tối đa {MAX_MONTHS} tháng (đã chọn {count}); hãy duyệt thành nhiều lần."
            ),
        ));
    }
    Ok(())
}

/// Said of a month that was approved.
pub const APPROVED: &str = "Đã duyệt.";

/// Why a month could not be approved, from its status now (`None`: nothing saved yet).
pub fn not_approved(now: Option<ReportStatus>) -> &'static str {
    match now {
        None => "Tháng này chưa có số liệu; không có gì để duyệt.",
        Some(ReportStatus::Draft) => "Tháng này chưa được nộp (đang soạn); chưa thể duyệt.",
        Some(ReportStatus::Rejected) => "Tháng này đã bị trả lại; chờ đơn vị nộp lại.",
        Some(ReportStatus::Approved) => "Tháng này đã được duyệt trước đó.",
        Some(ReportStatus::Submitted) => {
            "Tháng này vừa được người khác thay đổi; hãy tải lại trang rồi duyệt lại."
        }
    }
}

/// The refusal of a caller whose role does not approve.
pub const ROLE_REFUSED: &str =
    "Chỉ lãnh đạo đơn vị (MANAGER) hoặc quản trị viên (ADMIN) được duyệt số liệu.";

/// Said of a month whose unit does not exist.
pub const NO_SUCH_UNIT: &str = "Không tìm thấy đơn vị của tháng này.";

/// Said of a month that failed for a reason of the server.
pub const SERVER_ERROR: &str = "Máy chủ gặp lỗi khi duyệt tháng này; hãy thử lại.";

/// The refusal of a whole call because of month number `index` (from 0) of `month/year`.
pub fn out_of_scope(index: usize, year: i32, month: u32) -> String {
    format!(
        "Bạn không có quyền duyệt tháng {month:02}/{year} của đơn vị ở mục {} (ngoài phạm vi của bạn); không tháng nào được duyệt.",
        index + 1
    )
}

/// The refusal of a month given twice.
pub fn twice(index: usize) -> InputError {
    InputError::new(
        format!("months[{index}]"),
        "Tháng này đã được chọn ở một mục trước; mỗi tháng chỉ chọn một lần.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_holds_one_to_fifty_months() {
        assert!(check_count(0).is_err());
        assert!(check_count(1).is_ok());
        assert!(check_count(MAX_MONTHS).is_ok());
        let e = check_count(MAX_MONTHS + 1).err().map(|e| e.message);
        assert_eq!(
            e.as_deref(),
            Some("Mỗi lần duyệt tối đa 50 tháng (đã chọn 51); hãy duyệt thành nhiều lần.")
        );
    }

    #[test]
    fn each_status_says_why_it_was_not_approved() {
        let all = [
            None,
            Some(ReportStatus::Draft),
            Some(ReportStatus::Rejected),
            Some(ReportStatus::Approved),
            Some(ReportStatus::Submitted),
        ];
        let texts: std::collections::HashSet<&str> = all.into_iter().map(not_approved).collect();
        assert_eq!(texts.len(), all.len());
    }
}
