//! Texts of follow-through: explanation requests and their statuses, the explanation form
//! with its corrective actions and evidence, the review, the unit page's "Giải trình và
//! khắc phục", comment threads, and the causes of explanations in Quản trị.

/// Adds this part's texts to the list and hands it on to `review_texts!`.
macro_rules! follow_texts {
    ($($rest:tt)*) => {
        review_texts! {
            $($rest)*
            // Requests and their statuses
            NavExplanations => "Giải trình", "Explanations";
            ExplanationsTitle => "Giải trình", "Explanations";
            ExplanationsHint => "Các yêu cầu giải trình của đơn vị trong phạm vi, mới nhất trước.", "Explanation requests of the units in scope, newest first.";
            NoExplanations => "Không có yêu cầu giải trình nào.", "No explanation requests.";
            AllStatuses => "Tất cả", "All";
            ExStatusOpen => "Chưa giải trình", "Not yet explained";
            ExStatusSubmitted => "Chờ xem xét", "Waiting for review";
            ExStatusReturned => "Bị trả lại", "Sent back";
            ExStatusAccepted => "Đã chấp nhận", "Accepted";
            ExStatusClosed => "Đã đóng", "Closed";
            OpenExplanation => "Xem", "Open";
            DaysOverdueShort => "quá hạn {0} ngày", "{0} days overdue";
            BackToExplanations => "← Danh sách giải trình", "← All explanations";
            ExplanationNotFound => "Không tìm thấy yêu cầu giải trình (hoặc ngoài phạm vi của bạn).", "Explanation request not found (or outside your scope).";
            ExplanationOf => "Giải trình:", "Explanation:";
            WhyAsked => "Yêu cầu giải trình", "What was asked";
            TrackWhenAsked => "Tình trạng khi yêu cầu", "Status when asked";
            AskedBy => "Người yêu cầu", "Asked by";
            AskedAutomatically => "Tự động khi duyệt số liệu", "Automatically on approval";
            AskMessage => "Nội dung yêu cầu", "Message";
            ExplainBy => "Hạn giải trình", "Explain by";
            ExplanationGiven => "Nội dung giải trình", "The explanation";
            Cause => "Nguyên nhân", "Cause";
            Reason => "Giải trình", "Reason";
            ExplainedBy => "Người giải trình", "Explained by";
            Review => "Ý kiến xem xét", "Review";
            ClosedNote => "Đã đóng", "Closed";
            ViolationRecordedOn => "Đã ghi nhận vi phạm ngày", "A violation was recorded on";
            SeeViolations => "Xem vi phạm", "See violations";
            // Evidence
            Evidence => "Tài liệu kiểm chứng", "Evidence";
            NoEvidence => "Chưa có tài liệu kiểm chứng.", "No evidence yet.";
            AddEvidence => "Thêm tài liệu kiểm chứng", "Add evidence";
            EvidenceHint => "PDF, ảnh (PNG, JPEG, WEBP, GIF), XLSX hoặc DOCX; mỗi tệp được gửi ngay khi chọn.", "PDF, images (PNG, JPEG, WEBP, GIF), XLSX or DOCX; each file is sent as soon as it is chosen.";
            Uploading => "Đang tải lên…", "Uploading…";
            Remove => "Xóa", "Remove";
            // The form
            GiveExplanation => "Giải trình", "Give the explanation";
            ChooseCause => "— Chọn nguyên nhân —", "— Choose a cause —";
            CauseRequired => "Chọn nguyên nhân.", "Choose a cause.";
            ReasonRequired => "Nhập nội dung giải trình.", "Write the reason.";
            ReasonPlaceholder => "Vì sao chỉ tiêu chậm tiến độ?", "Why is the indicator behind?";
            CorrectiveActions => "Biện pháp khắc phục", "Corrective actions";
            CorrectiveActionsHint => "Việc gì, ai làm (cán bộ của đơn vị), hạn hoàn thành và hiệu quả dự kiến.", "What, who (a staff member of the unit), by when and the expected effect.";
            ActionWhat => "Biện pháp", "Action";
            ActionOwner => "Người thực hiện", "Owner";
            ActionDue => "Hạn hoàn thành", "Due";
            ActionEffect => "Hiệu quả dự kiến", "Expected effect";
            AddAction => "Thêm biện pháp", "Add an action";
            RemoveAction => "Bỏ biện pháp này", "Remove this action";
            ActionsRequired => "Cần ít nhất một biện pháp khắc phục.", "At least one corrective action is needed.";
            ActionsTooMany => "Tối đa {0} biện pháp.", "At most {0} actions.";
            ActionRowError => "Biện pháp {0}: {1}", "Action {0}: {1}";
            ActionNeedsDescription => "nhập nội dung biện pháp.", "describe the action.";
            ActionNeedsOwner => "chọn người thực hiện.", "choose who does it.";
            ActionNeedsDue => "nhập hạn hoàn thành (dd/mm/yyyy).", "enter the due date (dd/mm/yyyy).";
            SendExplanation => "Gửi giải trình", "Send the explanation";
            ExplanationSent => "Đã gửi giải trình.", "Explanation sent.";
            // Actions
            ActionPlanned => "Đang thực hiện", "Planned";
            ActionDone => "Đã xong", "Done";
            ActionDoneAt => "Hoàn thành lúc", "Done at";
            ActionDoneNote => "Ghi chú kết quả", "Note";
            MarkDone => "Đánh dấu đã xong", "Mark as done";
            ActionMarkedDone => "Đã đánh dấu hoàn thành.", "Marked as done.";
            // Review
            ReviewExplanation => "Xem xét giải trình", "Review the explanation";
            ReviewComment => "Ý kiến", "Comment";
            ReviewCommentHint => "Không bắt buộc khi chấp nhận; bắt buộc khi trả lại.", "Optional to accept; required to send back.";
            AcceptExplanation => "Chấp nhận", "Accept";
            ReturnExplanation => "Trả lại", "Send back";
            ReturnNeedsComment => "Nhập ý kiến khi trả lại.", "Write a comment to send it back.";
            ExplanationAccepted => "Đã chấp nhận giải trình.", "Explanation accepted.";
            ExplanationReturned => "Đã trả lại giải trình.", "Explanation sent back.";
            RecordExplanationViolation => "Ghi nhận vi phạm", "Record a violation";
            RecordExplanationViolationHint => "Giải trình không đạt hoặc quá hạn: ghi nhận vi phạm và đóng yêu cầu.", "Explanation refused or overdue: record a violation and close the request.";
            // The unit page
            FollowUpTitle => "Giải trình và khắc phục", "Explanations and corrective actions";
            FollowUpHint => "Các yêu cầu giải trình năm {0} của đơn vị, biện pháp khắc phục và diễn biến chỉ tiêu.", "The unit's explanation requests of {0}, corrective actions and how the indicator moved.";
            OpenRequests => "Đang chờ giải trình", "Open requests";
            NoOpenRequests => "Không có yêu cầu giải trình đang mở.", "No open requests.";
            AcceptedExplanations => "Giải trình đã chấp nhận", "Accepted explanations";
            NoAcceptedExplanations => "Chưa có giải trình được chấp nhận.", "No accepted explanations yet.";
            FollowUpCharts => "Diễn biến chỉ tiêu (lũy kế)", "How the indicator moved (year to date)";
            MarkerAsked => "Yêu cầu giải trình", "Explanation asked";
            MarkerActionDone => "Biện pháp hoàn thành", "Action done";
            AskExplanation => "Yêu cầu giải trình", "Ask for an explanation";
            ChooseIndicator => "Chọn chỉ tiêu.", "Choose an indicator.";
            AskMessageRequired => "Nhập nội dung yêu cầu.", "Write what you ask.";
            ExplanationAsked => "Đã gửi yêu cầu giải trình.", "Explanation asked.";
            MonthThread => "Trao đổi về số liệu tháng", "Comments on the month";
            // Comments
            Discussion => "Trao đổi", "Comments";
            NoComments => "Chưa có ý kiến.", "No comments yet.";
            AddComment => "Gửi ý kiến", "Add a comment";
            ReplyComment => "Trả lời", "Reply";
            CommentPlaceholder => "Viết ý kiến…", "Write a comment…";
            CommentEmpty => "Nhập nội dung ý kiến.", "Write something first.";
            CommentAdded => "Đã gửi ý kiến.", "Comment added.";
            CommentApproval => "Duyệt", "Approval";
            CommentRejection => "Trả lại", "Rejection";
            CommentReopening => "Mở lại", "Reopening";
            ApproveWithComment => "Duyệt kèm ý kiến", "Approve with a comment";
            ApproveComment => "Ý kiến khi duyệt (không bắt buộc)", "Comment (optional)";
            // "Việc cần làm"
            TodoDoExplain => "Giải trình", "Explain";
            TodoDoReview => "Xem xét giải trình", "Review";
            TodoDoAction => "Cập nhật khắc phục", "Update the action";
            TodoExplainBy => "hạn giải trình {0}", "explain by {0}";
            TodoActionBy => "hạn hoàn thành {0}", "due {0}";
            // Administration
            AdminTabExplanations => "Nguyên nhân giải trình", "Explanation causes";
            CausesTitle => "Nguyên nhân giải trình", "Causes of explanations";
            CausesHint => "Danh mục nguyên nhân để đơn vị chọn khi giải trình; nguyên nhân tắt không còn được chọn nhưng vẫn hiện ở giải trình cũ.", "The causes a unit chooses from; a cause turned off can no longer be chosen but stays on past explanations.";
            NoCauses => "Chưa có nguyên nhân nào.", "No causes yet.";
            AddCause => "Thêm nguyên nhân", "Add a cause";
            CauseNeedsCodeAndName => "Nhập mã và tên nguyên nhân.", "Enter a code and a name.";
            CauseAdded => "Đã thêm nguyên nhân.", "Cause added.";
            Rename => "Đổi tên", "Rename";
            TurnOff => "Tắt", "Turn off";
            TurnOn => "Bật lại", "Turn on";
            ExplanationSettings => "Thiết lập giải trình", "Explanation settings";
            IncludeAtRisk => "Yêu cầu giải trình cả khi chỉ tiêu có nguy cơ chậm tiến độ", "Ask for an explanation when an indicator is at risk too";
            DueDays => "Số ngày để giải trình", "Days to explain";
            DueDaysInvalid => "Số ngày từ 1 đến 90.", "Days from 1 to 90.";
            EvidenceLimits => "Giới hạn tài liệu kiểm chứng (mỗi tệp / mỗi giải trình)", "Evidence limits (per file / per explanation)";
        }
    };
}
