//! Texts of monthly reports, approvals, targets, violations, rankings, administration and charts.

/// Adds this part's texts to the list and hands it on to `imports_texts!`.
macro_rules! work_texts {
    ($($rest:tt)*) => {
        imports_texts! {
            $($rest)*
            // Monthly report
            ReportTitle => "Nhập số liệu tháng", "Monthly figures";
            ChooseUnit => "Chọn đơn vị", "Choose a unit";
            Measure => "Số liệu", "Measure";
            Submit => "Gửi duyệt", "Submit for approval";
            Submitting => "Đang gửi…", "Submitting…";
            Saved => "Đã lưu.", "Saved.";
            SubmittedOk => "Đã gửi duyệt.", "Submitted for approval.";
            Version => "Phiên bản", "Version";
            RejectComment => "Lý do trả lại", "Reason for rejection";
            Comment => "Ý kiến", "Comment";
            NotANumber => "Nhập số nguyên không âm.", "Enter a whole number, 0 or more.";
            Inconsistent => "{0} ({1}) không được lớn hơn {2} ({3}).", "{0} ({1}) must not exceed {2} ({3}).";
            FixErrorsFirst => "Sửa các lỗi trên trước khi lưu.", "Fix the errors above before saving.";
            Locked => "Số liệu tháng này đã được duyệt nên không sửa được; cần lãnh đạo mở lại.", "This month is approved and read-only; a manager must reopen it first.";
            ConflictReload => "Có người đã lưu số liệu này trong lúc bạn nhập — hãy tải lại để xem bản mới nhất.", "Someone saved these figures in the meantime — reload to see the latest version.";
            SaveBeforeSubmit => "Lưu số liệu trước khi gửi duyệt.", "Save the figures before submitting.";
            UnsavedChanges => "Có thay đổi chưa lưu.", "There are unsaved changes.";
            EmptyMeansNotReported => "Để trống nghĩa là chưa báo cáo (khác với 0).", "Leave empty when not reported (empty is not 0).";
            NoMeasures => "Chưa có danh mục số liệu.", "No measures defined.";

            // Approvals
            ApprovalsTitle => "Duyệt số liệu", "Approve monthly figures";
            ParentUnit => "Đơn vị cấp trên", "Parent unit";
            Approve => "Duyệt", "Approve";
            Reject => "Trả lại", "Reject";
            Reopen => "Mở lại", "Reopen";
            Details => "Chi tiết", "Details";
            CommentRequired => "Nhập lý do.", "Enter a reason.";
            Confirm => "Xác nhận", "Confirm";
            Approved => "Đã duyệt.", "Approved.";
            Rejected => "Đã trả lại.", "Rejected.";
            Reopened => "Đã mở lại.", "Reopened.";
            NoChildrenToApprove => "Đơn vị này không có đơn vị trực thuộc để duyệt.", "This unit has no sub-units to approve.";
            Values => "Số liệu", "Figures";

            // Targets
            TargetsTitle => "Giao chỉ tiêu", "Targets";
            Decisions => "Quyết định giao chỉ tiêu", "Decisions";
            NoDecisions => "Chưa có quyết định nào.", "No decisions yet.";
            Number => "Số, ký hiệu", "Number";
            Title => "Trích yếu", "Title";
            IssuedOn => "Ngày ban hành", "Issued on";
            NewDecision => "Thêm quyết định", "New decision";
            DecisionCreated => "Đã thêm quyết định.", "Decision created.";
            DecisionNotFound => "Không tìm thấy quyết định.", "Decision not found.";
            AllDecisions => "Tất cả quyết định", "All decisions";
            AllUnits => "Tất cả đơn vị", "All units";
            SetTarget => "Giao / sửa chỉ tiêu", "Set a target";
            TargetValue => "Giá trị chỉ tiêu năm", "Annual value";
            TargetSaved => "Đã lưu chỉ tiêu.", "Target saved.";
            Split => "Chia lộ trình", "Split";
            SplitTitle => "Chia lộ trình: {0} — {1}", "Roadmap: {0} — {1}";
            Method => "Phương pháp", "Method";
            Grain => "Chu kỳ", "Grain";
            MethodLinear => "Đều theo thời gian", "Linear";
            MethodSeasonal => "Theo mùa vụ năm trước", "Seasonal (last year)";
            MethodManual => "Tự nhập", "Manual";
            GrainMonth => "Theo tháng", "Monthly";
            GrainQuarter => "Theo quý", "Quarterly";
            ManualValues => "Giá trị từng kỳ (lũy kế)", "Value per period (cumulative)";
            SplitDone => "Đã chia lộ trình.", "Roadmap saved.";
            Preview => "Xem trước", "Preview";
            PreviewTitle => "Lộ trình xem trước (chưa lưu)", "Preview (not saved)";
            InvalidNumber => "Số không hợp lệ.", "Invalid number.";
            InvalidDate => "Ngày không hợp lệ (dd/mm/yyyy).", "Invalid date (dd/mm/yyyy).";
            Required => "Bắt buộc.", "Required.";
            Filter => "Lọc", "Filter";
            Optional => "(không bắt buộc)", "(optional)";

            // Violations
            ViolationsTitle => "Vi phạm", "Violations";
            NoViolations => "Chưa ghi nhận vi phạm nào.", "No violations recorded.";
            RecordViolation => "Ghi nhận vi phạm", "Record a violation";
            OccurredOn => "Ngày xảy ra", "Date";
            ViolationKind => "Loại vi phạm", "Kind";
            Description => "Nội dung", "Description";
            DossierRef => "Mã hồ sơ", "Dossier ref.";
            Handling => "Hình thức xử lý", "Handling";
            ViolationRecorded => "Đã ghi nhận vi phạm.", "Violation recorded.";
            NoStaffOption => "— Không chỉ rõ cán bộ —", "— No staff member —";
            VkDelay => "Trễ hạn", "Delay";
            VkHarassment => "Gây phiền hà, sách nhiễu", "Harassment";
            VkExtraDocuments => "Yêu cầu thêm giấy tờ", "Extra documents";
            VkNegativeConduct => "Tiêu cực", "Negative conduct";
            VkOther => "Khác", "Other";
            HNone => "Chưa xử lý", "None";
            HReminder => "Nhắc nhở", "Reminder";
            HReprimand => "Khiển trách", "Reprimand";
            HWarning => "Cảnh cáo", "Warning";
            HDiscipline => "Kỷ luật", "Discipline";

            // Rankings
            RankingsTitle => "Xếp hạng đã công bố", "Published rankings";
            NoRankings => "Chưa công bố xếp hạng nào.", "No ranking published yet.";
            PublishedAt => "Công bố lúc", "Published at";
            Publish => "Công bố xếp hạng", "Publish a ranking";
            PublishHint => "Công bố sẽ chốt bảng xếp hạng (theo số liệu đã duyệt); sửa số liệu sau đó không làm thay đổi bảng đã công bố.", "Publishing freezes the ranking (approved figures); later corrections do not change it.";
            Published => "Đã công bố.", "Published.";
            UnitKind => "Loại đơn vị", "Unit type";

            // Administration
            AdminTitle => "Quản trị", "Administration";
            CreateUnit => "Thêm đơn vị", "Create a unit";
            UnitName => "Tên đơn vị", "Unit name";
            NoParent => "— Không (cấp gốc) —", "— None (root) —";
            UnitCreated => "Đã thêm đơn vị.", "Unit created.";
            CreateUser => "Thêm tài khoản", "Create an account";
            UserCreated => "Đã thêm tài khoản {0}.", "Account {0} created.";
            ApiTokens => "Khóa API cho hệ thống khác", "API tokens";
            NoApiTokens => "Chưa có khóa API.", "No API tokens.";
            TokenName => "Tên khóa", "Token name";
            ExpiresAt => "Hết hạn", "Expires";
            ExpiresOnOptional => "Ngày hết hạn (dd/mm/yyyy, không bắt buộc)", "Expiry date (dd/mm/yyyy, optional)";
            Never => "Không hết hạn", "Never";
            CreatedAt => "Tạo lúc", "Created";
            Revoked => "Đã thu hồi", "Revoked";
            Active => "Đang dùng", "Active";
            Revoke => "Thu hồi", "Revoke";
            TokenCreated => "Khóa mới (chỉ hiện một lần, hãy sao chép ngay):", "New token (shown once, copy it now):";
            TokenRevoked => "Đã thu hồi khóa.", "Token revoked.";

            // Charts
            MonthShort => "T{0}", "M{0}";
            ChartOf => "Biểu đồ: {0}", "Chart: {0}";
            ChartActualYtd => "Thực hiện lũy kế", "Actual, year to date";
            MonthlyCharts => "Kết quả từng tháng theo nhóm chỉ tiêu", "Monthly results by indicator group";
            MonthlyChartsHint => "{0}, tháng 1 đến tháng {1}/{2}. Số trên mỗi cột là kết quả của tháng; chữ dưới cột ứng với chỉ tiêu ở chú giải. Đường chấm đỏ: chỉ tiêu năm; vạch đen ngang cột: mốc lộ trình (lũy kế) tại tháng; đường mảnh có dấu ◇: cùng tháng năm trước.", "{0}, months 1 to {1} of {2}. The figure above each bar is that month's result; the letter below it names the indicator in the legend. Red dotted line: the annual target; the black bar across each column: the milestone (year to date) in force that month; thin line with ◇: the same month last year.";
            YtdCharts => "Lũy kế từ đầu năm so với lộ trình", "Year to date against the roadmap";
            YtdChartsHint => "Năm {0}: đường liền là kết quả lũy kế đến từng tháng, đường nét đứt là mốc lộ trình.", "Year {0}: the solid line is the result to date at each month, the dashed line the roadmap milestones.";
            GroupDigitization => "Số hóa", "Digitization";
            GroupFullOnline => "Trực tuyến toàn trình", "Fully online";
            GroupOnlinePayment => "Thanh toán trực tuyến", "Online payment";
            GroupSettlement => "Kết quả giải quyết", "Settlement";
            CascadeShort => "Thiếu {0}", "Short by {0}";
            UnitViolations => "Vi phạm trong năm {0}", "Violations in {0}";
            Indicators => "Chỉ tiêu", "Indicators";

            // Personal targets
            StaffTargets => "Chỉ tiêu cá nhân", "Personal targets";
            NoStaffTargets => "Chưa giao cá nhân", "None assigned";
            AssignStaff => "Giao cho cán bộ", "Assign to staff";
            AssignStaffTitle => "Giao chỉ tiêu cá nhân: {0} — {1}", "Personal target: {0} — {1}";
            StaffMember => "Cán bộ", "Staff member";
            StaffTargetValue => "Giá trị giao cho cán bộ", "Value for the staff member";
            StaffTargetSaved => "Đã giao chỉ tiêu cá nhân.", "Personal target assigned.";
            ChooseStaff => "— Chọn cán bộ —", "— Choose a staff member —";

            // Administration (more)
            CreateStaff => "Thêm cán bộ", "Add a staff member";
            StaffCreated => "Đã thêm cán bộ {0}.", "Staff member {0} added.";
            IsHead => "Là thủ trưởng đơn vị", "Head of the unit";
            Email => "Thư điện tử", "Email";
            UnitList => "Cây đơn vị", "Unit tree";
            Edit => "Sửa", "Edit";
            EditUnit => "Sửa đơn vị: {0}", "Edit unit: {0}";
            UnitActive => "Đang hoạt động", "Active";
            UnitInactive => "Ngừng hoạt động", "Inactive";
            Deactivate => "Ngừng hoạt động", "Deactivate";
            Activate => "Hoạt động lại", "Reactivate";
            UnitUpdated => "Đã cập nhật đơn vị.", "Unit updated.";
            IndicatorCatalogue => "Danh mục chỉ tiêu", "Indicator catalogue";
            Group => "Nhóm", "Group";
            Rule => "Cách chấm điểm", "Scoring rule";
            RuleTarget => "Theo chỉ tiêu", "Against the target";
            RuleProportional => "Tỷ lệ thuận", "Proportional";
            RuleThreshold => "Theo ngưỡng", "Threshold";
            Threshold => "Ngưỡng", "Threshold";
            InUse => "Đang áp dụng", "In use";
            NotInUse => "Ngừng áp dụng", "Not in use";
            IndicatorUpdated => "Đã cập nhật chỉ tiêu.", "Indicator updated.";
            Name => "Tên", "Name";

            // Safeguards: publishing and withdrawing a ranking, a target's roadmap on an edit
            PublishPreview => "Xem trước để công bố", "Preview to publish";
            PublishConfirmTitle => "Công bố xếp hạng {0} — {1}?", "Publish the ranking of {0} — {1}?";
            PublishIrreversible => "Sau khi công bố, bảng xếp hạng được chốt và không sửa được; chỉ có thể rút lại kèm lý do.", "Once published, the ranking is frozen and cannot be edited; it can only be withdrawn with a reason.";
            PreviewScored => "{0}/{1} đơn vị có điểm.", "{0} of {1} units have a score.";
            PreviewMore => "… và {0} đơn vị khác.", "… and {0} more units.";
            EmptyPeriodWarning => "Kỳ này chưa có số liệu đã duyệt: mọi đơn vị đều chưa có điểm (“–”). Công bố lúc này sẽ chốt một bảng xếp hạng rỗng.", "This period has no approved figures: no unit has a score (“–”). Publishing now would freeze an empty ranking.";
            ConfirmEmptyPublish => "Tôi hiểu kỳ này chưa có số liệu và vẫn muốn công bố.", "I understand this period has no figures and still want to publish.";
            ConfirmEmptyFirst => "Hãy đánh dấu xác nhận công bố kỳ chưa có số liệu.", "Tick the box to confirm publishing a period without figures.";
            WithdrawRanking => "Rút bảng xếp hạng", "Withdraw ranking";
            WithdrawTitle => "Rút bảng xếp hạng {0} — {1}?", "Withdraw the ranking of {0} — {1}?";
            WithdrawExplain => "Người xem sẽ không còn thấy bảng này là bảng đã công bố; bản đã chốt vẫn được lưu và việc rút được ghi nhật ký. Không thể hoàn tác.", "Viewers will no longer see it as published; the frozen copy is kept and the withdrawal is logged. This cannot be undone.";
            WithdrawReason => "Lý do rút", "Reason for withdrawal";
            WithdrawConfirm => "Rút bảng xếp hạng", "Withdraw";
            WithdrawnOk => "Đã rút bảng xếp hạng.", "Ranking withdrawn.";
            WithdrawnBadge => "Đã rút", "Withdrawn";
            WithdrawnNote => "Rút lúc {0} bởi {1}. Lý do: {2}", "Withdrawn at {0} by {1}. Reason: {2}";
            WithdrawReasonRequired => "Cần ghi lý do rút.", "A reason is required.";
            RoadmapChoiceTitle => "Chỉ tiêu này đã có lộ trình", "This target has a roadmap";
            RoadmapChoiceExplain => "Bạn đổi chỉ tiêu từ {0} thành {1}. Lộ trình hiện tại: {2}. Lộ trình sẽ thế nào?", "You are changing the target from {0} to {1}. Current roadmap: {2}. What should happen to it?";
            RoadmapKeep => "Giữ nguyên các mốc", "Keep the milestones as they are";
            RoadmapKeepHint => "Chỉ được khi không mốc nào vượt chỉ tiêu mới (chỉ tiêu số lượng: mốc cuối phải bằng chỉ tiêu mới).", "Only when no milestone exceeds the new target (for a count, the last must equal it).";
            RoadmapRescale => "Co giãn theo chỉ tiêu mới", "Rescale to the new target";
            RoadmapRescaleHint => "Mốc cuối bằng chỉ tiêu mới; các mốc khác đổi theo cùng tỷ lệ (tỷ lệ %: phần tăng so với mức xuất phát).", "The last milestone becomes the new target; the others change in the same proportion (rates: the rise above the baseline).";
            RoadmapClear => "Xóa lộ trình", "Clear the roadmap";
            RoadmapClearHint => "Không thể hoàn tác: các mốc hiện tại bị xóa, cần chia lại lộ trình.", "Cannot be undone: the current milestones are deleted and the target must be split again.";
            RoadmapChoose => "Lưu với lựa chọn này", "Save with this choice";
            SplitReplaces => "Lộ trình hiện tại sẽ bị thay thế và không khôi phục được. Bấm “Xác nhận thay lộ trình” để tiếp tục.", "The current roadmap will be replaced and cannot be restored. Press “Confirm replacing the roadmap” to go on.";
            SplitConfirmReplace => "Xác nhận thay lộ trình", "Confirm replacing the roadmap";

        }
    };
}
