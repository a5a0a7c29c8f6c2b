//! Texts of explained scores: the "Cách tính" panel (rules in words, why an indicator is
//! out, what it still needs, the portal's figures beside ours), the change since the
//! previous period, a unit's own score and the formula dictionary.

/// Adds this part's texts to the list and hands it on to `follow_texts!`.
macro_rules! explain_texts {
    ($($rest:tt)*) => {
        follow_texts! {
            $($rest)*
            // The "Cách tính" panel
            ExplainOpen => "Cách tính", "How it is scored";
            ExplainOpenFor => "Cách tính điểm của {0}", "How the score of {0} is worked out";
            ExplainTitle => "Cách tính điểm: {0}", "How the score is worked out: {0}";
            ExplainTotal => "Tổng: {0} / {1} điểm → điểm = 100 × {0} / {1} = {2}", "Total: {0} / {1} points → score = 100 × {0} / {1} = {2}";
            ExplainNoScore => "Đơn vị chưa báo cáo số liệu nào trong kỳ nên chưa có điểm.", "The unit reported no figure in the period, so it has no score.";
            ExplainNothingAvailable => "Không có chỉ tiêu nào được tính điểm trong kỳ nên chưa có điểm.", "No indicator was scored in the period, so there is no score.";
            PointsOf => "{0} / {1} điểm", "{0} / {1} points";
            ExplainRuleLabel => "Cách chấm", "Rule";
            ExplainFormulaLabel => "Công thức", "Formula";
            RuleWordsProportional => "Tỷ lệ × điểm", "Rate × points";
            RuleWordsThreshold => "Đạt ngưỡng {0}", "Full points from {0}";
            RuleWordsTarget => "So với chỉ tiêu", "Against the target";
            OutNotApplicable => "không áp dụng cho loại đơn vị này", "not applicable to this kind of unit";
            OutNoData => "không có dữ liệu", "no data";
            OutNoTarget => "chưa có chỉ tiêu", "no target set";
            OutNothingReported => "đơn vị chưa báo cáo", "the unit has not reported";
            NoDataGives => "không có dữ liệu → {0}", "no data → {0}";
            NoDataExclude => "không tính", "left out";
            NoDataFull => "đủ điểm", "full points";
            NoDataZero => "0 điểm", "0 points";
            MonitoringOnly => "chỉ theo dõi, không tính điểm", "monitoring only, not scored";
            ShortfallThreshold => "cần thêm {0} hồ sơ để đạt ngưỡng {1}", "{0} more dossiers to reach the {1} threshold";
            ShortfallMilestone => "cần thêm {0} hồ sơ để đạt mốc {1} (lũy kế từ đầu năm)", "{0} more dossiers to reach the {1} milestone (year to date)";
            OfficialOurs => "Hệ thống tỉnh", "Ours";
            OfficialPortal => "Cổng DVCQG", "National portal";
            OfficialDifference => "Chênh lệch", "Difference";
            OfficialRate => "Tỷ lệ", "Rate";
            OfficialDiffers => "Lệch so với Cổng DVCQG", "Differs from the national portal";
            OfficialMatches => "Khớp với Cổng DVCQG", "Matches the national portal";
            OfficialSource => "Số liệu Cổng DVCQG: {0}, nhập lúc {1}", "National portal figures: {0}, imported {1}";
            OfficialBeside => "Số liệu của Cổng DVCQG bên cạnh số liệu của tỉnh", "The national portal's figures beside ours";
            PercentagePoints => "{0} điểm %", "{0} pp";
            ExplainFrozen => "Bảng đã công bố giữ tổng điểm và điểm từng nhóm như lúc công bố. Từng chỉ tiêu, theo số liệu hiện nay, xem ở", "A published ranking keeps the total and each group's points as they were when it was published. Each indicator, on today's figures, is on";
            ExplainUnitLink => "trang của đơn vị", "the unit's page";

            // The change since the previous period
            DeltaLabel => "So với kỳ trước", "Against the previous period";
            DeltaUp => "lên {0} hạng", "up {0} places";
            DeltaDown => "xuống {0} hạng", "down {0} places";
            DeltaSame => "giữ nguyên hạng", "same rank";
            DeltaScore => "điểm {0}", "score {0}";

            // A unit's own score
            UnitScoreTitle => "Điểm của đơn vị", "The unit's score";
            RankOf => "Hạng {0}/{1}", "Rank {0} of {1}";
            NotScored => "Chưa có điểm trong kỳ này.", "No score for this period.";

            // The formula dictionary
            NavFormulas => "Từ điển công thức", "Formula dictionary";
            FormulasTitle => "Từ điển công thức", "Formula dictionary";
            FormulasIntro => "Các chỉ tiêu đang dùng để chấm điểm. Mỗi chỉ tiêu là tử số chia mẫu số trong kỳ, chấm theo quy tắc và số điểm dưới đây; điểm của đơn vị = 100 × điểm đạt / điểm tối đa của các chỉ tiêu được tính.", "The indicators scores are computed from. Each is its numerator over its denominator in the period, scored by the rule and points below; a unit's score = 100 × points earned / points available over the indicators that count.";
            GroupPoints => "{0} điểm", "{0} points";
            FormulaCol => "Công thức (tử số / mẫu số)", "Formula (numerator / denominator)";
            NoDataCol => "Khi không có dữ liệu", "Without data";
            AppliesToCol => "Áp dụng cho", "Applies to";
            AppliesToAll => "Mọi loại đơn vị", "Every kind of unit";
            AppliesToHint => "Không chọn loại nào: áp dụng cho mọi loại đơn vị.", "None chosen: every kind of unit.";
            CountFormula => "{0} (số lượng)", "{0} (a count)";
            ConsistencyRules => "Quy tắc kiểm tra số liệu", "Consistency rules";
            ConsistencyRulesHint => "Kiểm tra mỗi khi lưu hoặc nhập số liệu một tháng của một đơn vị.", "Checked whenever a unit's month is saved or imported.";
            ConsistencyRuleWords => "«{0}» không được lớn hơn «{1}»", "“{0}” may not exceed “{1}”";
            NoConsistencyRules => "Không có quy tắc kiểm tra.", "No consistency rules.";
            NoIndicators => "Danh mục chưa có chỉ tiêu nào.", "The catalogue has no indicators.";

            // The dashboard: what a status compares, trends, units by gap, sections
            StatusBasisLine => "Lũy kế đến hết tháng {0}: {1} · mốc {2}", "Year to date through month {0}: {1} · milestone {2}";
            WhyOpen => "Vì sao?", "Why?";
            WhyCompare => "Lũy kế từ tháng 1 đến hết tháng {0}: {1}; mốc lộ trình đang áp dụng: {2}; chênh lệch {3}.", "Year to date, months 1 to {0}: {1}; the milestone in force: {2}; difference {3}.";
            WhyBelow => "thấp hơn", "below";
            WhyAbove => "cao hơn", "above";
            WhyOnTrack => "Lũy kế đạt mốc → {1}.", "The year to date reaches the milestone → {1}.";
            WhyOnTrackLower => "Lũy kế không vượt mốc → {1}.", "The year to date does not exceed the milestone → {1}.";
            WhyAtRiskRate => "Lũy kế {0} mốc không quá 5 điểm % → {1}.", "The year to date is {0} the milestone by at most 5 pp → {1}.";
            WhyAtRiskCount => "Lũy kế {0} mốc không quá 10 % → {1}.", "The year to date is {0} the milestone by at most 10 % → {1}.";
            WhyOffTrackRate => "Lũy kế {0} mốc quá 5 điểm % → {1}.", "The year to date is {0} the milestone by more than 5 pp → {1}.";
            WhyOffTrackCount => "Lũy kế {0} mốc quá 10 % → {1}.", "The year to date is {0} the milestone by more than 10 % → {1}.";
            WhyNoYtd => "Chưa có số liệu lũy kế từ tháng 1 đến hết tháng {0} → {1}.", "No figures from month 1 to {0} → {1}.";
            WhyNoTarget => "Đơn vị chưa được giao chỉ tiêu năm nên không có mốc để so sánh → {0}.", "The unit has no annual target, so there is no milestone to compare with → {0}.";
            WhyProjectionRate => "Dự báo cuối năm: {0} — với tỷ lệ, dự báo bằng lũy kế hiện tại (tỷ lệ không cộng dồn).", "Year-end projection: {0} — a rate projects its year-to-date value (rates do not add up).";
            WhyProjectionCount => "Dự báo cuối năm: {0} = lũy kế × 12 / {1}.", "Year-end projection: {0} = year to date × 12 / {1}.";
            WhyValueNote => "Số lớn trên thẻ ({0}) là kết quả riêng của kỳ đang xem; trạng thái không xét số này mà xét lũy kế.", "The large figure ({0}) is the period's own result; the status compares the year to date instead.";
            CardValueOf => "Kết quả {0}", "Result, {0}";
            TrendOf => "Xu hướng theo tháng: {0}", "Monthly trend: {0}";
            DrillOpen => "Đơn vị theo chênh lệch", "Units by gap";
            DrillTitle => "{0}: các đơn vị theo chênh lệch với chỉ tiêu", "{0}: units by gap to target";
            DrillHint => "Chênh lệch = kết quả kỳ − chỉ tiêu năm. Đơn vị dưới chỉ tiêu đứng đầu; đơn vị chưa có chỉ tiêu hoặc số liệu ở cuối.", "Gap = the period's result − the annual target. Units below target first; units without a target or figures last.";
            DrillClose => "Đóng", "Close";
            ColResult => "Kết quả kỳ", "Period result";
            ColGap => "Chênh lệch", "Gap";
            ColStatusBasis => "Trạng thái (lũy kế / mốc)", "Status (year to date / milestone)";
            ChartLastYear => "Cùng tháng năm {0}", "Same month of {0}";
            ChartMilestoneYtd => "Mốc lộ trình (lũy kế) tại tháng", "Milestone (year to date) in force that month";
            ChartTargetOf => "Chỉ tiêu năm {0}", "Annual target {0}";
            SectionNav => "Các phần của trang", "Sections of the page";
            SectionOverview => "Tổng quan", "Overview";
            SectionDepartments => "Sở, ban, ngành", "Departments";
            SectionCommunes => "Xã, phường", "Communes";
        }
    };
}
