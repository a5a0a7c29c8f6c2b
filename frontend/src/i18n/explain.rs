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
        }
    };
}
