//! Texts of the shell, the states, accounts, periods, statuses, the dashboard and the unit page.

/// Adds this part's texts to the list and hands it on to `cycle_texts!`.
macro_rules! shell_texts {
    ($($rest:tt)*) => {
        cycle_texts! {
            $($rest)*
            AppName => "Chỉ tiêu", "Chỉ tiêu";
            AppTagline => "Theo dõi chỉ tiêu dịch vụ công trực tuyến", "Online public service targets";
            Loading => "Đang tải…", "Loading…";
            Saving => "Đang lưu…", "Saving…";
            NoData => "Chưa có dữ liệu.", "No data yet.";
            Retry => "Thử lại", "Try again";
            Reload => "Tải lại", "Reload";
            Cancel => "Hủy", "Cancel";
            Close => "Đóng", "Close";
            Save => "Lưu", "Save";
            Create => "Tạo", "Create";
            Show => "Xem", "Show";
            Hide => "Ẩn", "Hide";
            Yes => "Có", "Yes";
            No => "Không", "No";
            Language => "Ngôn ngữ", "Language";
            SwitchToEnglish => "English", "English";
            SwitchToVietnamese => "Tiếng Việt", "Tiếng Việt";
            MainMenu => "Menu chính", "Main menu";
            OpenMenu => "Mở menu", "Open menu";
            CloseMenu => "Đóng menu", "Close menu";
            SkipToContent => "Bỏ qua đến nội dung", "Skip to content";
            PageNotFound => "Không tìm thấy trang.", "Page not found.";
            BackHome => "Về trang Việc cần làm", "Back to the to-do list";

            // Login and account
            Login => "Đăng nhập", "Log in";
            Logout => "Đăng xuất", "Log out";
            Username => "Tên đăng nhập", "Username";
            Password => "Mật khẩu", "Password";
            LoggingIn => "Đang đăng nhập…", "Logging in…";
            LoginFailed => "Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.";
            LoggedOut => "Bạn đã đăng xuất.", "You have logged out.";
            SessionExpired => "Phiên làm việc đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.", "Your session has expired or is invalid. Please log in again.";
            FillUsernamePassword => "Nhập tên đăng nhập và mật khẩu.", "Enter your username and password.";
            Account => "Tài khoản", "Account";
            ChangePassword => "Đổi mật khẩu", "Change password";
            OldPassword => "Mật khẩu hiện tại", "Current password";
            NewPassword => "Mật khẩu mới", "New password";
            ConfirmPassword => "Nhập lại mật khẩu mới", "Repeat the new password";
            PasswordTooShort => "Mật khẩu mới phải có ít nhất 10 ký tự.", "The new password needs at least 10 characters.";
            PasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.";
            PasswordChanged => "Đã đổi mật khẩu.", "Password changed.";
            PasswordChangedLogIn => "Đã đổi mật khẩu. Vui lòng đăng nhập lại với mật khẩu mới.", "Password changed. Please log in again with the new password.";
            SignedInAs => "Đăng nhập với", "Signed in as";
            Role => "Vai trò", "Role";

            // Roles
            RoleAdmin => "Quản trị (Văn phòng UBND tỉnh)", "Administrator (provincial office)";
            RoleManager => "Lãnh đạo đơn vị", "Unit manager";
            RoleOfficer => "Cán bộ đầu mối", "Reporting officer";
            RoleViewer => "Xem báo cáo", "Viewer";

            // Menu
            NavDashboard => "Tổng quan", "Overview";
            NavMyUnit => "Đơn vị của tôi", "My unit";
            NavReport => "Nhập số liệu", "Monthly figures";
            NavApprovals => "Duyệt số liệu", "Approvals";
            NavTargets => "Giao chỉ tiêu", "Targets";
            NavViolations => "Vi phạm", "Violations";
            NavRankings => "Xếp hạng", "Rankings";
            NavAdmin => "Quản trị", "Administration";

            // Periods
            Period => "Kỳ", "Period";
            PeriodKindLabel => "Loại kỳ", "Period type";
            Year => "Năm", "Year";
            Month => "Tháng", "Month";
            Quarter => "Quý", "Quarter";
            PeriodMonth => "Tháng", "Month";
            PeriodQuarter => "Quý", "Quarter";
            PeriodYtd => "Lũy kế từ đầu năm", "Year to date";
            PeriodYear => "Cả năm", "Whole year";
            PeriodLabelMonth => "Tháng {0}/{1}", "Month {0}/{1}";
            PeriodLabelQuarter => "Quý {0}/{1}", "Q{0} {1}";
            PeriodLabelYtd => "Lũy kế đến tháng {0}/{1}", "Year to date through {0}/{1}";
            PeriodLabelYear => "Năm {1}", "Year {1}";
            UpTo => "Đến", "Through";

            // Status
            StatusOnTrack => "Đạt tiến độ", "On track";
            StatusAtRisk => "Có nguy cơ", "At risk";
            StatusOffTrack => "Chậm tiến độ", "Off track";
            StatusNoData => "Chưa có số liệu", "No data";
            ShortOnTrack => "Đạt", "On track";
            ShortAtRisk => "Nguy cơ", "At risk";
            ShortOffTrack => "Chậm", "Behind";
            ShortNoData => "Không SL", "No data";
            Status => "Trạng thái", "Status";
            ReportDraft => "Nháp", "Draft";
            ReportSubmitted => "Đã gửi, chờ duyệt", "Submitted";
            ReportApproved => "Đã duyệt", "Approved";
            ReportRejected => "Bị trả lại", "Rejected";
            ReportNotStarted => "Chưa nhập", "Not started";

            // Unit kinds
            KindProvince => "Tỉnh", "Province";
            KindDepartment => "Sở, ban, ngành", "Department";
            KindDistrict => "Huyện", "District";
            KindCommune => "Xã, phường", "Commune";
            KindDivision => "Phòng, đơn vị trực thuộc", "Division";
            KindCenter => "Trung tâm", "Centre";
            KindOther => "Khác", "Other";

            // Dashboard
            DashboardTitle => "Tổng quan", "Overview";
            IndicatorsOf => "Chỉ tiêu của {0}", "Indicators of {0}";
            Value => "Kết quả", "Actual";
            Target => "Chỉ tiêu năm", "Annual target";
            Milestone => "Mốc lộ trình", "Milestone";
            Projection => "Dự báo cuối năm", "Year-end projection";
            Points => "Điểm", "Points";
            Numerator => "Tử số", "Numerator";
            Denominator => "Mẫu số", "Denominator";
            NoTarget => "Chưa giao", "Not set";
            UnitsByStatus => "Số đơn vị theo trạng thái", "Units by status";
            UnitsByStatusHint => "Mỗi đơn vị (xã, phường và sở, ngành) tính theo chỉ tiêu kém nhất của đơn vị.", "Each unit (communes and departments) counted by its weakest indicator.";
            UnitsPerIndicator => "Đơn vị theo trạng thái, từng chỉ tiêu", "Units by status, per indicator";
            Indicator => "Chỉ tiêu", "Indicator";
            Total => "Tổng", "Total";
            ScoreboardCommunes => "Xếp hạng xã, phường", "Communes ranking";
            ScoreboardDepartments => "Xếp hạng sở, ban, ngành", "Departments ranking";
            Rank => "Hạng", "Rank";
            Unit => "Đơn vị", "Unit";
            Score => "Điểm", "Score";
            Earned => "Điểm đạt", "Earned";
            Available => "Điểm tối đa", "Available";
            SortBy => "Sắp xếp theo {0}", "Sort by {0}";
            Unranked => "Không xếp hạng", "Unranked";
            NoUnits => "Không có đơn vị nào.", "No units.";
            NoResults => "Chưa có kết quả cho kỳ này.", "No results for this period.";
            NoFiguresForPeriod => "Chưa có số liệu nào cho kỳ này — hãy chọn kỳ khác ở bộ chọn kỳ.", "No figures for this period yet — choose another period above.";
            ApplyPeriod => "Xem", "Show";

            // Unit page
            UnitPage => "Đơn vị", "Unit";
            Code => "Mã", "Code";
            Kind => "Loại", "Type";
            Breadcrumb => "Vị trí", "Breadcrumb";
            Children => "Đơn vị trực thuộc", "Sub-units";
            NoChildren => "Không có đơn vị trực thuộc.", "No sub-units.";
            Staff => "Cán bộ", "Staff";
            NoStaff => "Chưa có cán bộ.", "No staff.";
            FullName => "Họ và tên", "Full name";
            Position => "Chức vụ", "Position";
            Head => "Thủ trưởng", "Head";
            HeadMark => "★ Thủ trưởng", "★ Head";
            Targets => "Chỉ tiêu được giao", "Targets";
            NoTargets => "Chưa được giao chỉ tiêu năm này.", "No targets this year.";
            Baseline => "Giá trị gốc", "Baseline";
            Milestones => "Lộ trình", "Milestones";
            NoMilestones => "Chưa chia lộ trình", "No roadmap yet";
            CascadeGap => "Thiếu hụt so với cấp dưới", "Cascade gap";
            CascadeCovered => "Đã phủ đủ", "Covered";
            Decision => "Quyết định", "Decision";
            Responsible => "Người phụ trách", "Responsible";
            UnitNotFound => "Không tìm thấy đơn vị hoặc đơn vị ngoài phạm vi của bạn.", "Unit not found or outside your scope.";

        }
    };
}
