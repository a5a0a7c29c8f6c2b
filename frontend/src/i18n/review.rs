//! Texts of reviewing months on the approvals page: the status filter with its counts, the
//! indicator values against last month and last year, the anomaly flags, and approving
//! several months at once.

/// Adds this part's texts to the list and hands it on to `texts!`.
macro_rules! review_texts {
    ($($rest:tt)*) => {
        texts! {
            $($rest)*
            // The status filter and the counts
            StatusFilterLabel => "Lọc theo trạng thái", "Filter by status";
            StatusAll => "Tất cả", "All";
            StatusWaiting => "Chờ duyệt", "Waiting";
            StatusApprovedShort => "Đã duyệt", "Approved";
            StatusRejectedShort => "Bị trả lại", "Rejected";
            StatusDraftShort => "Đang soạn", "Draft";
            StatusNotStartedShort => "Chưa nhập", "Not started";
            PendingCount => "{0} tháng chờ duyệt", "{0} months waiting for approval";
            FlaggedCount => "{0} tháng có dấu hiệu bất thường", "{0} months with anomalies";
            NoRowsWithStatus => "Không có tháng nào ở trạng thái này.", "No month has this status.";
            // The review of a month
            ReviewColumn => "Đánh giá", "Review";
            FlagsCount => "{0} bất thường", "{0} anomalies";
            NoFlags => "Không có bất thường", "No anomalies";
            NoReview => "Chưa có số liệu để đánh giá", "No figures to review";
            ReviewIndicator => "Chỉ tiêu", "Indicator";
            ReviewThisMonth => "Tháng này", "This month";
            ReviewPrevious => "Tháng trước", "Last month";
            ReviewLastYear => "Cùng kỳ năm trước", "Same month last year";
            ReviewFlags => "Cảnh báo", "Warnings";
            ReviewFigures => "Số liệu đã nhập", "Figures entered";
            ReviewRulesNote => "Cảnh báo khi tăng hoặc giảm quá 2 lần so với tháng trước, khi lệch quá 3 độ lệch chuẩn so với các tháng trước (cần ít nhất 6 tháng), hoặc khi nằm ngoài khoảng thấp nhất – cao nhất của các tháng trước.", "Flagged when it moves more than 2× from last month, more than 3 standard deviations from the earlier months (at least 6 of them), or outside the lowest–highest range of the earlier months.";
            FlagJump => "Biến động mạnh", "Jump";
            FlagZScore => "Khác thường", "Outlier";
            FlagOutsideBand => "Ngoài khoảng thường gặp", "Outside usual range";
            PointsShort => "điểm %", "pts";
            // Approving several months at once
            SelectMonth => "Chọn tháng này để duyệt", "Select this month for approval";
            SelectAllWaiting => "Chọn mọi tháng chờ duyệt đang hiển thị", "Select every waiting month shown";
            SelectedCount => "Đã chọn {0} tháng", "{0} months selected";
            ApproveSelected => "Duyệt {0} tháng đã chọn", "Approve the {0} selected months";
            ClearSelection => "Bỏ chọn", "Clear selection";
            TooManySelected => "Mỗi lần duyệt tối đa {0} tháng; hãy bỏ bớt.", "At most {0} months at a time; deselect some.";
            BulkAllApproved => "Đã duyệt {0} tháng.", "{0} months approved.";
            BulkSomeRefused => "Đã duyệt {0}/{1} tháng; {2} tháng không duyệt được (xem lý do ở từng dòng).", "Approved {0} of {1} months; {2} could not be approved (see each row).";
        }
    };
}
