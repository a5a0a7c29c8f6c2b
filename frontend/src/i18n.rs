//! Every text of the UI, in Vietnamese (first) and English, keyed by [`Key`]. The macro
//! builds both tables from one list, so a key without a translation does not compile.
//! Texts with `{0}`, `{1}` … are filled by [`fill`].

use shared::{
    Grain, Handling, PeriodKind, ReportStatus, Role, ScoringRule, SplitMethod, TrackStatus,
    UnitKind, ViolationKind,
};

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Tiếng Việt (default).
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, also stored in `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

macro_rules! texts {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// A text of the UI.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        /// Every key, for the completeness test.
        #[cfg(test)]
        pub const ALL_KEYS: &[Key] = &[$(Key::$key),*];

        fn vi(key: Key) -> &'static str {
            match key { $(Key::$key => $vi),* }
        }

        fn en(key: Key) -> &'static str {
            match key { $(Key::$key => $en),* }
        }
    };
}

texts! {
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
    SkipToContent => "Bỏ qua đến nội dung", "Skip to content";
    PageNotFound => "Không tìm thấy trang.", "Page not found.";
    BackHome => "Về trang tổng quan", "Back to the overview";

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
    MonthlyChartsHint => "{0}, tháng 1 đến tháng {1}/{2}. Số trên mỗi cột là kết quả của tháng; chữ dưới cột ứng với chỉ tiêu ở chú giải.", "{0}, months 1 to {1} of {2}. The figure above each bar is that month's result; the letter below it names the indicator in the legend.";
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

    // Imports
    NavImport => "Nhập dữ liệu", "Import";
    ImportTitle => "Nhập dữ liệu từ tệp", "Import from a file";
    ImportIntro => "Tải lên tệp CSV hoặc Excel (XLSX). Hệ thống kiểm tra toàn bộ tệp và cho xem trước những gì sẽ thay đổi; chỉ khi không có lỗi nào thì mới lưu, và lưu tất cả trong một lần.", "Upload a CSV or Excel (XLSX) file. The whole file is checked and you see what would change first; it is stored only when it has no problem, all at once.";
    ImportWhat => "Loại dữ liệu", "What to import";
    ImportFigures => "Số liệu hằng tháng", "Monthly figures";
    ImportTargets => "Chỉ tiêu của quyết định", "Targets of a decision";
    ImportFile => "Tệp (CSV hoặc XLSX)", "File (CSV or XLSX)";
    ImportSubmitMonths => "Gửi duyệt các tháng được nhập", "Submit the imported months for approval";
    ImportTemplates => "Tệp mẫu:", "Templates:";
    TemplateWide => "mỗi dòng một đơn vị và tháng", "one row per unit and month";
    TemplateLong => "mỗi dòng một số liệu", "one value per row";
    TemplateTargets => "chỉ tiêu theo đơn vị", "targets per unit";
    ImportPreview => "Kiểm tra và xem trước", "Check and preview";
    ImportConfirm => "Lưu dữ liệu", "Store it";
    ImportUploading => "Đang tải lên và kiểm tra {0}…", "Uploading and checking {0}…";
    ChooseFile => "Hãy chọn một tệp.", "Choose a file.";
    ImportStored => "Đã lưu toàn bộ dữ liệu của tệp.", "Everything in the file was stored.";
    ImportReady => "Tệp hợp lệ. Kiểm tra các thay đổi dưới đây rồi bấm “Lưu dữ liệu”.", "The file is valid. Check the changes below, then press “Store it”.";
    ImportHasProblems => "Tệp có lỗi; chưa lưu gì. Sửa các ô dưới đây rồi tải lên lại.", "The file has problems; nothing was stored. Fix the cells below and upload it again.";
    ImportSummary => "{0} giá trị mới, {1} thay đổi, {2} không đổi.", "{0} new, {1} changed, {2} unchanged values.";
    ImportNew => "Mới", "New";
    ImportChanged => "Thay đổi", "Changed";
    ImportUnchanged => "Không đổi", "Unchanged";
    ImportRow => "Dòng", "Row";
    ImportColumn => "Cột", "Column";
    ImportProblem => "Lỗi", "Problem";
    ImportMoreProblems => "… và {0} lỗi khác.", "… and {0} more problems.";
    PkFile => "Không đọc được tệp", "Unreadable file";
    PkMissingColumn => "Thiếu cột", "Missing column";
    PkUnknownColumn => "Cột không xác định", "Unknown column";
    PkUnknownUnit => "Mã đơn vị không tồn tại", "Unknown unit code";
    PkUnknownMeasure => "Mã số liệu không tồn tại", "Unknown measure code";
    PkUnknownIndicator => "Chỉ số không tồn tại hoặc ngừng áp dụng", "Unknown or inactive indicator";
    PkBadValue => "Giá trị không hợp lệ", "Invalid value";
    PkBadYear => "Năm không hợp lệ", "Invalid year";
    PkBadMonth => "Tháng không hợp lệ", "Invalid month";
    PkDuplicate => "Trùng lặp", "Duplicate";
    PkConsistency => "Số liệu không khớp nhau", "Figures inconsistent";
    PkOutOfScope => "Đơn vị ngoài phạm vi của bạn", "Unit outside your scope";
    PkApproved => "Tháng đã được duyệt", "Month already approved";

    // Import problems in words: {0} is what the file says, {1} the column (see problem_text)
    WhatUnitCode => "mã đơn vị", "unit code";
    WhatMeasureCode => "mã số liệu", "measure code";
    WhatYear => "năm", "year";
    WhatMonth => "tháng", "month";
    WhatValue => "giá trị", "value";
    PdEmptyFile => "Tệp trống: không có dòng tiêu đề.", "The file is empty: it has no header row.";
    PdNoRows => "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào.", "The file has a header row but no data rows.";
    PdUnreadable => "Không đọc được tệp: hãy tải lên tệp CSV (văn bản UTF-8) hoặc bảng tính Excel (XLSX).", "The file cannot be read: upload a CSV file (UTF-8 text) or an Excel workbook (XLSX).";
    PdNoSheet => "Bảng tính không có trang tính nào chứa dữ liệu.", "The workbook has no sheet with data.";
    PdUnreadableSheet => "Không đọc được trang tính «{0}».", "The sheet “{0}” cannot be read.";
    PdNotUtf8 => "Dòng này không phải văn bản UTF-8: hãy lưu tệp dưới dạng “CSV UTF-8”.", "This line is not UTF-8 text: save the file as “CSV UTF-8”.";
    PdNoUnitColumn => "Dòng tiêu đề thiếu cột mã đơn vị (“Mã đơn vị” hoặc “unit_code”).", "The header row has no unit code column (“Mã đơn vị” or “unit_code”).";
    PdNoYearColumn => "Dòng tiêu đề thiếu cột năm (“Năm” hoặc “year”).", "The header row has no year column (“Năm” or “year”).";
    PdNoMonthColumn => "Dòng tiêu đề thiếu cột tháng (“Tháng” hoặc “month”).", "The header row has no month column (“Tháng” or “month”).";
    PdNoMeasureCodeColumn => "Dòng tiêu đề thiếu cột mã số liệu (“Mã số liệu” hoặc “measure_code”).", "The header row has no measure code column (“Mã số liệu” or “measure_code”).";
    PdNoValueColumn => "Dòng tiêu đề thiếu cột giá trị (“Giá trị” hoặc “value”).", "The header row has no value column (“Giá trị” or “value”).";
    PdNoMeasureColumns => "Không có cột số liệu nào: mỗi mã số liệu một cột (dạng ngang), hoặc hai cột “Mã số liệu” và “Giá trị” (dạng dọc).", "No measure column: give one column per measure code (wide layout), or a measure code and a value column (long layout).";
    PdNoIndicatorColumns => "Dòng tiêu đề không có cột chỉ tiêu nào (mã hoặc tên chỉ tiêu).", "The header row has no indicator column (an indicator code or name).";
    PdUnknownHeader => "Tiêu đề «{0}» ở cột {1} không phải là cột, số liệu hay chỉ tiêu nào đã biết.", "The header “{0}” in column {1} is not a known column, measure or indicator.";
    PdRepeatedColumn => "Cột {1} «{0}» trùng với một cột đứng trước.", "Column {1} “{0}” repeats an earlier column.";
    PdMissing => "Ô ở cột {1} đang trống: thiếu {0}.", "The cell in column {1} is empty: the {0} is missing.";
    PdNotACount => "«{0}» ở cột {1} không phải là số nguyên không âm.", "“{0}” in column {1} is not a whole number of 0 or more.";
    PdNotANumber => "«{0}» ở cột {1} không phải là số.", "“{0}” in column {1} is not a number.";
    PdNegative => "«{0}» ở cột {1} là số âm: giá trị phải từ 0 trở lên.", "“{0}” in column {1} is negative: the value must be 0 or more.";
    PdTooLarge => "«{0}» ở cột {1} quá lớn.", "“{0}” in column {1} is too large.";
    PdYearOutOfRange => "«{0}» ở cột {1} không phải là năm từ {2} đến {3}.", "“{0}” in column {1} is not a year from {2} to {3}.";
    PdMonthOutOfRange => "«{0}» ở cột {1} không phải là tháng từ 1 đến 12.", "“{0}” in column {1} is not a month from 1 to 12.";
    PdRateOutOfRange => "«{0}» ở cột {1} vượt quá 100: chỉ tiêu tỷ lệ phải từ 0 đến 100 %.", "“{0}” in column {1} is above 100: a rate target must be from 0 to 100 %.";
    PdBaselineWithoutTarget => "Có giá trị cơ sở «{0}» ở cột {1} nhưng dòng này chưa có chỉ tiêu tương ứng.", "A baseline “{0}” in column {1}, but the row has no target for it.";
    PdUnknownUnit => "Không có đơn vị nào đang hoạt động mang mã «{0}».", "No active unit has the code “{0}”.";
    PdUnknownMeasure => "Không có số liệu nào mang mã «{0}».", "No measure has the code “{0}”.";
    PdInactive => "Chỉ tiêu «{0}» (cột {1}) đã ngừng áp dụng.", "The indicator “{0}” (column {1}) is no longer in use.";
    PdRepeatedValue => "Trùng với dòng {0}: cùng đơn vị, tháng và số liệu đã có ở dòng đó.", "Repeats row {0}: the same unit, month and measure are given there.";
    PdRepeatedUnit => "Đơn vị «{0}» đã có ở dòng {1}.", "The unit “{0}” is already given in row {1}.";
    PdOutsideScope => "Đơn vị «{0}» nằm ngoài các đơn vị bạn được nhập số liệu.", "The unit “{0}” is outside the units you may enter figures for.";
    PdNotBelowYourUnit => "Đơn vị «{0}» không trực thuộc đơn vị của bạn: lãnh đạo chỉ giao chỉ tiêu cho các đơn vị cấp dưới.", "The unit “{0}” is not below your unit: a manager sets targets only for the units below its own.";
    PdApprovedMonth => "Số liệu tháng {1} của đơn vị «{0}» đã được duyệt nên không sửa được; cần mở lại trước khi nhập.", "The figures of “{0}” for {1} are approved and read-only; they must be reopened first.";
    PdPartExceedsWhole => "Tháng {0}: {1} ({2}) không được lớn hơn {3} ({4}).", "{0}: {1} ({2}) must not exceed {3} ({4}).";
    PdTooManyParts => "Bảng tính có quá nhiều thành phần (tối đa {0}): hãy mở và lưu lại tệp bằng Excel rồi tải lên.", "The workbook has too many parts (at most {0}): open and save it again in Excel, then upload it.";
    PdPartTooLarge => "Thành phần «{0}» của bảng tính quá lớn khi giải nén (tối đa {1} MB): tệp có thể bị hỏng hoặc bị làm giả.", "The part “{0}” of the workbook is too large uncompressed (at most {1} MB): the file may be damaged or forged.";
    PdWorkbookTooLarge => "Bảng tính quá lớn khi giải nén (tối đa {0} MB): hãy chia thành nhiều tệp nhỏ hơn.", "The workbook is too large uncompressed (at most {0} MB): split it into smaller files.";
    PdTooManyStrings => "Bảng tính có quá nhiều đoạn văn bản khác nhau (tối đa {0}).", "The workbook has too many distinct texts (at most {0}).";
    PdTooManyRows => "Trang tính có ô hoặc vùng «{0}» nằm dưới dòng {1}, dòng cuối cùng được đọc: hãy xoá các ô thừa ở cuối trang hoặc chia thành nhiều tệp.", "The sheet has a cell or range “{0}” below row {1}, the last row read: delete the stray cells at the bottom or split the file.";
    PdTooManyColumns => "Trang tính có ô hoặc vùng «{0}» nằm bên phải cột {1}, cột cuối cùng được đọc: hãy xoá các ô thừa bên phải.", "The sheet has a cell or range “{0}” right of column {1}, the last column read: delete the stray cells on the right.";
    PdTooManyCells => "Trang tính có quá nhiều ô (tối đa {0}): hãy chia thành nhiều tệp.", "The sheet has too many cells (at most {0}): split it into several files.";

    // Paging of long lists
    Pages => "Phân trang", "Pages";
    PagePrev => "Trước", "Previous";
    PageNext => "Sau", "Next";
    PageStatus => "Trang {0}/{1} · {2}", "Page {0}/{1} · {2}";
    CountTargets => "{0} chỉ tiêu", "{0} targets";
    CountViolations => "{0} vi phạm", "{0} violations";
    CountStaff => "{0} cán bộ", "{0} staff";

    // Errors
    ErrNetwork => "Không kết nối được máy chủ.", "Cannot reach the server.";
    ErrUnauthenticated => "Cần đăng nhập.", "Please log in.";
    ErrForbidden => "Bạn không có quyền thực hiện việc này.", "You are not allowed to do this.";
    ErrNotFound => "Không tìm thấy, hoặc nằm ngoài phạm vi của bạn.", "Not found, or outside your scope.";
    ErrValidation => "Dữ liệu không hợp lệ.", "Invalid input.";
    ErrConflict => "Dữ liệu đã thay đổi hoặc trạng thái không cho phép thao tác này.", "The data changed meanwhile, or its state does not allow this.";
    ErrRateLimited => "Thử quá nhiều lần. Vui lòng chờ rồi thử lại.", "Too many attempts. Please wait and try again.";
    ErrInternal => "Lỗi máy chủ. Vui lòng thử lại sau.", "Server error. Please try again later.";
    ErrUnavailable => "Máy chủ đang bận, vui lòng thử lại sau.", "The server is busy, please try again later.";
    ErrorDetail => "Chi tiết", "Detail";
    ErrorField => "Trường", "Field";

    // Exports (downloads)
    DownloadXlsx => "Tải Excel", "Download Excel";
    DownloadCsv => "Tải CSV", "Download CSV";
    Downloading => "Đang tải xuống…", "Downloading…";
    DownloadFailed => "Không tải được tệp", "The file could not be downloaded";
}

impl Key {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        }
    }
}

/// Replaces `{0}`, `{1}` … in `template` by `args`, in one pass: an argument is never
/// searched for placeholders itself (it may be a file's text, `{1}` included). A
/// placeholder without an argument stays as it is.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let index: usize = after[..close].parse().ok()?;
            Some((args.get(index)?, close))
        });
        match arg {
            Some((a, close)) => {
                out.push_str(a);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name of an indicator group of the catalogue, when it is a known one.
pub fn indicator_group(code: &str) -> Option<Key> {
    match code {
        "DIGITIZATION" => Some(Key::GroupDigitization),
        "FULL_ONLINE" => Some(Key::GroupFullOnline),
        "ONLINE_PAYMENT" => Some(Key::GroupOnlinePayment),
        "SETTLEMENT" => Some(Key::GroupSettlement),
        _ => None,
    }
}

/// The key of a track status, long form.
pub fn track_status(s: TrackStatus) -> Key {
    match s {
        TrackStatus::OnTrack => Key::StatusOnTrack,
        TrackStatus::AtRisk => Key::StatusAtRisk,
        TrackStatus::OffTrack => Key::StatusOffTrack,
        TrackStatus::NoData => Key::StatusNoData,
    }
}

/// The key of a track status, short form for table cells.
pub fn track_status_short(s: TrackStatus) -> Key {
    match s {
        TrackStatus::OnTrack => Key::ShortOnTrack,
        TrackStatus::AtRisk => Key::ShortAtRisk,
        TrackStatus::OffTrack => Key::ShortOffTrack,
        TrackStatus::NoData => Key::ShortNoData,
    }
}

/// The key of a report status.
pub fn report_status(s: ReportStatus) -> Key {
    match s {
        ReportStatus::Draft => Key::ReportDraft,
        ReportStatus::Submitted => Key::ReportSubmitted,
        ReportStatus::Approved => Key::ReportApproved,
        ReportStatus::Rejected => Key::ReportRejected,
    }
}

/// The key of a role.
pub fn role(r: Role) -> Key {
    match r {
        Role::Admin => Key::RoleAdmin,
        Role::Manager => Key::RoleManager,
        Role::Officer => Key::RoleOfficer,
        Role::Viewer => Key::RoleViewer,
    }
}

/// The key of a unit kind.
pub fn unit_kind(k: UnitKind) -> Key {
    match k {
        UnitKind::Province => Key::KindProvince,
        UnitKind::Department => Key::KindDepartment,
        UnitKind::District => Key::KindDistrict,
        UnitKind::Commune => Key::KindCommune,
        UnitKind::Division => Key::KindDivision,
        UnitKind::Center => Key::KindCenter,
        UnitKind::Other => Key::KindOther,
    }
}

/// The key of a period kind.
pub fn period_kind(k: PeriodKind) -> Key {
    match k {
        PeriodKind::Month => Key::PeriodMonth,
        PeriodKind::Quarter => Key::PeriodQuarter,
        PeriodKind::Ytd => Key::PeriodYtd,
        PeriodKind::Year => Key::PeriodYear,
    }
}

/// The key of a violation kind.
pub fn violation_kind(k: ViolationKind) -> Key {
    match k {
        ViolationKind::Delay => Key::VkDelay,
        ViolationKind::Harassment => Key::VkHarassment,
        ViolationKind::ExtraDocuments => Key::VkExtraDocuments,
        ViolationKind::NegativeConduct => Key::VkNegativeConduct,
        ViolationKind::Other => Key::VkOther,
    }
}

/// The key of a handling.
pub fn handling(h: Handling) -> Key {
    match h {
        Handling::None => Key::HNone,
        Handling::Reminder => Key::HReminder,
        Handling::Reprimand => Key::HReprimand,
        Handling::Warning => Key::HWarning,
        Handling::Discipline => Key::HDiscipline,
    }
}

/// The key of a split method.
pub fn split_method(m: SplitMethod) -> Key {
    match m {
        SplitMethod::Linear => Key::MethodLinear,
        SplitMethod::Seasonal => Key::MethodSeasonal,
        SplitMethod::Manual => Key::MethodManual,
    }
}

/// The key of a grain.
pub fn grain(g: Grain) -> Key {
    match g {
        Grain::Month => Key::GrainMonth,
        Grain::Quarter => Key::GrainQuarter,
    }
}

pub fn scoring_rule(r: ScoringRule) -> Key {
    match r {
        ScoringRule::Target => Key::RuleTarget,
        ScoringRule::Proportional => Key::RuleProportional,
        ScoringRule::Threshold => Key::RuleThreshold,
    }
}

/// A period in words: `Tháng 12/2023`, `Quý 4/2023`, `Năm 2023`.
pub fn period_label(lang: Lang, year: i32, kind: PeriodKind, index: Option<u32>) -> String {
    let key = match kind {
        PeriodKind::Month => Key::PeriodLabelMonth,
        PeriodKind::Quarter => Key::PeriodLabelQuarter,
        PeriodKind::Ytd => Key::PeriodLabelYtd,
        PeriodKind::Year => Key::PeriodLabelYear,
    };
    let idx = index.map(|i| i.to_string()).unwrap_or_default();
    fill(key.text(lang), &[&idx, &year.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_text_in_both_languages() {
        for k in ALL_KEYS {
            assert!(!k.text(Lang::Vi).is_empty(), "{k:?} vi");
            assert!(!k.text(Lang::En).is_empty(), "{k:?} en");
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(fill("{0} ({1}) > {2}", &["A", "1", "B"]), "A (1) > B");
        assert_eq!(fill("{1} {0} {1}", &["a", "b"]), "b a b");
        assert_eq!(fill("«{0}» ở cột {1}", &["{1}", "E"]), "«{1}» ở cột E");
        assert_eq!(fill("{0} {5} {x} {", &["a"]), "a {5} {x} {");
        assert_eq!(
            period_label(Lang::Vi, 2023, PeriodKind::Quarter, Some(4)),
            "Quý 4/2023"
        );
        assert_eq!(
            period_label(Lang::En, 2023, PeriodKind::Year, None),
            "Year 2023"
        );
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for k in ALL_KEYS {
            for i in 0..6 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    k.text(Lang::Vi).contains(&p),
                    k.text(Lang::En).contains(&p),
                    "{k:?} {p}"
                );
            }
        }
    }
}
