//! Texts of every staff member's share: the staff progress on the unit page (personal
//! results, scores, who is behind, share of the unit's dossiers, violations, the opt-in
//! rank) and the month's entry of personal figures.

/// Adds this part's texts to the list and hands it on to `accounts_texts!`.
macro_rules! personal_texts {
    ($($rest:tt)*) => {
        accounts_texts! {
            $($rest)*
            // The staff progress of a unit
            StaffProgress => "Kết quả của từng cán bộ", "Each staff member's results";
            StaffProgressHint => "Chỉ tiêu cá nhân so với số liệu của chính cán bộ, lũy kế đến tháng {0}; tiến độ tính như của đơn vị.", "Personal targets against each person's own figures, year to date through {0}; progress is judged like the unit's.";
            NoStaffProgress => "Không có cán bộ nào để hiển thị: bạn chỉ xem được kết quả của chính mình, hoặc đơn vị chưa có cán bộ.", "No staff to show: you see only your own results, or the unit has no staff yet.";
            StaffShareOfUnit => "Cán bộ đã xử lý {0} số hồ sơ tiếp nhận của đơn vị (một hồ sơ nhiều người xử lý được tính cho mỗi người).", "The staff handled {0} of the unit's dossiers received (a dossier handled by several people counts for each).";
            HeadWeightHint => "Điểm của người đứng đầu gồm {0} % kết quả của đơn vị.", "The head's score includes {0} % of the unit's result.";
            PersonalResults => "Chỉ tiêu cá nhân", "Personal targets";
            PersonalScore => "Điểm", "Score";
            Progress => "Tiến độ", "Progress";
            ShareOfUnit => "Phần hồ sơ", "Share of dossiers";
            ViolationsCount => "Vi phạm", "Violations";
            HeadScoreLine => "cá nhân {0} · đơn vị {1}", "personal {0} · unit {1}";
            NoPersonalTargets => "Chưa được giao chỉ tiêu cá nhân", "No personal targets yet";
            BehindCount => "Chậm {0} chỉ tiêu", "{0} behind";
            // The entry of personal figures
            EnterStaffFigures => "Nhập số liệu cá nhân", "Enter personal figures";
            StaffFiguresHint => "Số liệu do từng cán bộ xử lý trong tháng. Để trống một ô để xóa số đã nhập.", "What each staff member handled in the month. Empty a cell to clear its figure.";
            StaffFiguresOf => "{0} — tháng {1}", "{0} — {1}";
            NotACountCell => "«{0}» không phải số nguyên không âm.", "“{0}” is not a whole number from 0.";
            NothingChanged => "Không có số liệu nào thay đổi.", "No figure changed.";
            StaffFiguresSaved => "Đã lưu số liệu cá nhân.", "Personal figures saved.";
            StaffFiguresCount => "{0} ô đã có số liệu.", "{0} cells hold a figure.";
            BackToUnit => "Về trang đơn vị", "Back to the unit";
            StaffCode => "Mã cán bộ", "Staff code";
        }
    };
}
