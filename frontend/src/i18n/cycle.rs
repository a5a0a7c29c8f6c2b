//! Texts of the monthly cycle: "Việc cần làm", the approvals' filter, the reporting
//! calendar, webhooks, the outbox, e-mail settings and timeliness.

/// Adds this part's texts to the list and hands it on to `work_texts!`.
macro_rules! cycle_texts {
    ($($rest:tt)*) => {
        work_texts! {
            $($rest)*
            // "Việc cần làm"
            NavTodo => "Việc cần làm", "To do";
            TodoTitle => "Việc cần làm", "To do";
            TodoHint => "Việc gấp nhất ở trên cùng. Bấm vào một việc để mở trang làm việc đó.", "Most urgent first. Open an item to do it.";
            TodoEmpty => "Không có việc cần làm — mọi đơn vị đã nộp đúng hạn.", "Nothing to do — every unit has reported on time.";
            TodoGroupOverdue => "Quá hạn nộp", "Overdue reports";
            TodoGroupRejected => "Bị trả lại", "Sent back";
            TodoGroupApprovals => "Chờ duyệt (quá hạn trước)", "Waiting for approval (overdue first)";
            TodoGroupDue => "Sắp đến hạn", "Due soon";
            TodoGroupOffTrack => "Lệch mục tiêu", "Off track";
            TodoGroupFollowUp => "Giải trình và khắc phục", "Explanations and corrective actions";
            TodoMonth => "tháng {0}/{1}", "month {0}/{1}";
            TodoDueOn => "hạn nộp {0}", "due {0}";
            TodoApproveBy => "hạn duyệt {0}", "approve by {0}";
            TodoDaysOverdue => "quá hạn {0} ngày", "{0} days overdue";
            TodoDayOverdue => "quá hạn {0} ngày", "{0} day overdue";
            TodoMonthsWaiting => "{0} tháng chờ duyệt", "{0} months waiting";
            TodoMonthWaiting => "{0} tháng chờ duyệt", "{0} month waiting";
            TodoApprovalLate => "quá hạn duyệt", "past the approval deadline";
            TodoFrom => "từ {0}", "from {0}";
            TodoReason => "Lý do trả lại: {0}", "Reason: {0}";
            TodoOffTrackSince => "chậm tiến độ từ {0}", "off track since {0}";
            TodoDoReport => "Nhập số liệu", "Enter the figures";
            TodoDoApprove => "Duyệt", "Approve";
            TodoDoUnit => "Xem đơn vị", "Open the unit";
            TodoShowAll => "Xem tất cả {0} việc", "Show all {0} items";
            TodoShowFewer => "Thu gọn", "Show fewer";
            RankDropsTitle => "Tụt hạng nhiều nhất so với kỳ trước", "Biggest rank drops since the previous period";
            RankDropsOf => "{0}, so với tháng trước.", "{0}, against the month before.";
            RankDropLine => "từ hạng {0} xuống hạng {1}", "from rank {0} to {1}";
            NoRankDrops => "Không đơn vị nào tụt hạng.", "No unit dropped in rank.";

            // Approvals opened filtered
            FilterShown => "Đang lọc", "Filtered";
            FilterPendingOnly => "Chỉ tháng chờ duyệt", "Waiting months only";
            ClearFilter => "Bỏ lọc", "Clear the filter";
            NoPendingApprovals => "Không có tháng nào chờ duyệt.", "No month is waiting for approval.";
            UnitMonthsOf => "Các tháng năm {0} của {1}", "The months of {0} of {1}";

            // Administration sections
            AdminSections => "Các mục quản trị", "Administration sections";
            AdminTabUnits => "Đơn vị", "Units";
            AdminTabCalendar => "Lịch báo cáo", "Reporting calendar";
            AdminTabWebhooks => "Webhook", "Webhooks";
            AdminTabOutbox => "Hộp thư đi", "Outbox";

            // The reporting calendar
            CalendarTitle => "Lịch báo cáo", "Reporting calendar";
            CalendarHint => "Mặc định, số liệu tháng phải nộp trước hết ngày 5 và được duyệt trước hết ngày 10 của tháng sau. Dời hạn khi có ngày nghỉ (Tết…).", "By default a month's figures are due by the 5th of the next month and approved by the 10th. Move a deadline for holidays (Tết…).";
            DueOn => "Hạn nộp", "Submit by";
            ApproveBy => "Hạn duyệt", "Approve by";
            DeadlineDefault => "mặc định", "default";
            DeadlineMoved => "đã dời", "moved";
            DeadlineSaved => "Đã lưu hạn.", "Deadline saved.";
            DeadlineBadDate => "Chọn ngày hợp lệ cho cả hai hạn.", "Choose a valid date for both deadlines.";
            DeadlineState => "Loại hạn", "Kind";

            // Webhooks
            WebhooksTitle => "Webhook: gửi sự kiện sang hệ thống khác", "Webhooks: events sent to another system";
            WebhooksHint => "Mỗi sự kiện của đơn vị chọn và các đơn vị cấp dưới được gửi bằng POST JSON, ký bằng tiêu đề X-ChiTieu-Signature (HMAC-SHA256 với khóa ký).", "Each event of the chosen unit and the units below it is sent as a JSON POST, signed in the X-ChiTieu-Signature header (HMAC-SHA256 with the signing secret).";
            NoWebhooks => "Chưa có webhook.", "No webhooks.";
            WebhookUrl => "Địa chỉ nhận (URL)", "Receiver URL";
            WebhookEvents => "Sự kiện", "Events";
            CreateWebhook => "Thêm webhook", "Add a webhook";
            WebhookSecretWarning => "Khóa ký chỉ hiện một lần này. Hãy sao chép và cất giữ ngay — sau này không xem lại được.", "The signing secret is shown this once. Copy and keep it now — it cannot be shown again.";
            DeleteWebhook => "Xóa", "Delete";
            ConfirmDeleteWebhook => "Xóa webhook gửi đến {0}? Hệ thống đó sẽ không nhận sự kiện nữa.", "Delete the webhook to {0}? That system will receive no more events.";
            ConfirmDelete => "Xóa hẳn", "Delete it";
            WebhookDeleted => "Đã xóa webhook.", "Webhook deleted.";
            ChooseEvents => "Chọn ít nhất một sự kiện.", "Choose at least one event.";
            UrlRequired => "Nhập địa chỉ nhận (http:// hoặc https://).", "Enter the receiver's URL (http:// or https://).";
            TkReportDue => "Sắp đến hạn nộp", "Report due";
            TkReportOverdue => "Quá hạn nộp", "Report overdue";
            TkReportRejected => "Bị trả lại", "Report sent back";
            TkApprovalPending => "Chờ duyệt", "Waiting for approval";
            TkApprovalOverdue => "Quá hạn duyệt", "Approval overdue";
            TkOffTrack => "Lệch mục tiêu", "Off track";
            TkExplanationDue => "Yêu cầu giải trình", "Explanation asked";
            TkExplanationOverdue => "Quá hạn giải trình", "Explanation overdue";
            TkExplanationReview => "Giải trình chờ xem xét", "Explanation to review";
            TkActionOverdue => "Biện pháp khắc phục quá hạn", "Corrective action overdue";

            // The outbox
            OutboxTitle => "Hộp thư đi", "Outbox";
            OutboxHint => "Thư điện tử và webhook chờ gửi, đã gửi hoặc thất bại, mới nhất trước.", "E-mails and webhook calls waiting, sent or failed, newest first.";
            NoNotifications => "Hộp thư đi trống.", "The outbox is empty.";
            Rows => "Số dòng", "Rows";
            Channel => "Kênh", "Channel";
            ChannelEmail => "Thư điện tử", "E-mail";
            ChannelWebhook => "Webhook", "Webhook";
            Recipient => "Người nhận", "Recipient";
            Subject => "Tiêu đề", "Subject";
            Attempts => "Lần gửi", "Attempts";
            SentAt => "Gửi lúc", "Sent at";
            LastError => "Lỗi gần nhất", "Last error";
            DsPending => "Chờ gửi", "Pending";
            DsSent => "Đã gửi", "Sent";
            DsFailed => "Thất bại", "Failed";

            // E-mail settings
            MailSettings => "Thư điện tử và thông báo", "E-mail and notifications";
            MyEmail => "Địa chỉ thư điện tử", "E-mail address";
            MailGoesTo => "Thư được gửi đến: {0}", "Mail goes to: {0}";
            MailFromStaff => "(thư điện tử của cán bộ liên kết với tài khoản)", "(the e-mail of the staff member linked to the account)";
            NoMailAddress => "Chưa có địa chỉ: bạn sẽ không nhận được thư.", "No address: you will receive no mail.";
            EmailSaved => "Đã lưu địa chỉ thư điện tử.", "E-mail address saved.";
            EmailCleared => "Đã xóa địa chỉ thư điện tử.", "E-mail address removed.";
            InvalidEmail => "Địa chỉ thư điện tử không hợp lệ.", "Invalid e-mail address.";
            MailKindsTitle => "Những thư tôi nhận", "Mail I receive";
            MailKindsHint => "Bỏ chọn để tắt loại thư đó. Bản tin tháng gửi cho lãnh đạo.", "Untick to turn that kind of mail off. The monthly digest goes to leaders.";
            MkReminder => "Nhắc hạn (2 ngày trước hạn nộp)", "Reminders (2 days before the deadline)";
            MkOverdue => "Quá hạn (ngày sau hạn nộp)", "Overdue notices (the day after the deadline)";
            MkEscalation => "Báo cáo vượt cấp (đơn vị cấp dưới trễ 3 ngày)", "Escalations (a unit below 3 days late)";
            MkRejected => "Bị trả lại", "Sent back";
            MkDigest => "Bản tin tháng", "Monthly digest";
            MkExplanation => "Yêu cầu giải trình (gửi lãnh đạo đơn vị)", "Explanations asked (to the unit's heads)";
            MailKindsSaved => "Đã lưu lựa chọn nhận thư.", "Mail choices saved.";
            SaveChoices => "Lưu lựa chọn", "Save the choices";

            // Timeliness
            TimelinessTitle => "Nộp báo cáo đúng hạn năm {0}", "Reporting on time in {0}";
            SubmittedOn => "Ngày nộp", "Submitted on";
            TlOnTime => "đúng hạn", "on time";
            TlDaysLate => "trễ {0} ngày", "{0} days late";
            TlDayLate => "trễ {0} ngày", "{0} day late";
            TlMissing => "chưa nộp", "not submitted";
            TlNotDue => "chưa đến hạn", "not due yet";
            NoTimeliness => "Chưa có tháng nào đến hạn trong năm này.", "No month of this year is due yet.";
            TimelinessRate => "Nộp đúng hạn", "On time";
            TimelinessOfYear => "Nộp đúng hạn {0}/{1} tháng đã đến hạn ({2}).", "{0} of {1} months due submitted on time ({2}).";
            TimelinessRateHint => "Tỷ lệ tháng nộp đúng hạn trong kỳ", "Share of the period's months submitted on time";
        }
    };
}
