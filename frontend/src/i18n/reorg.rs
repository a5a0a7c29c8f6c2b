//! Texts of the reorganisation of the unit tree: a unit's lineage, the admin's merge, move,
//! rename and close with their preview, and the tree as of a date.

/// Adds this part's texts to the list and hands it on to `explain_texts!`.
macro_rules! reorg_texts {
    ($($rest:tt)*) => {
        explain_texts! {
            $($rest)*
            // A unit's lineage
            Lineage => "Lịch sử đơn vị", "Unit history";
            InForce => "Thời gian hoạt động", "In force";
            InForceFromTo => "từ {0} đến {1}", "from {0} to {1}";
            InForceFrom => "từ {0} đến nay", "from {0} to date";
            InForceTo => "đến {0}", "until {0}";
            InForceAlways => "từ trước lần sắp xếp đầu tiên được ghi nhận đến nay", "since before the first recorded change, to date";
            Predecessors => "Đơn vị tiền thân", "Predecessors";
            Successors => "Đơn vị kế thừa", "Successors";
            NoneLabel => "Không có", "None";
            UntilDay => "đến {0}", "until {0}";
            FromDay => "từ {0}", "from {0}";
            MergedIntoBanner => "Đơn vị đã sáp nhập vào {0} từ {1}.", "This unit was merged into {0} on {1}.";
            ClosedBanner => "Đơn vị đã giải thể từ {0}.", "This unit was abolished on {0}.";
            WillMergeBanner => "Đơn vị sẽ sáp nhập vào {0} từ {1}.", "This unit will be merged into {0} on {1}.";
            WillCloseBanner => "Đơn vị sẽ giải thể từ {0}.", "This unit will be abolished on {0}.";
            NotYetBanner => "Đơn vị bắt đầu hoạt động từ {0}.", "This unit comes into force on {0}.";
            EndedFiguresHint => "Các kỳ trước đó vẫn xem được ở đây; số liệu từ ngày đó tính cho đơn vị kế thừa.", "Its earlier periods can still be read here; from that day on the figures count for its successor.";
            MergedOnMark => "đơn vị sáp nhập ngày {0}", "units merged on {0}";
            Reorganizations => "Các lần sắp xếp", "Reorganisations";
            NoReorganizations => "Chưa có lần sắp xếp nào.", "No reorganisation yet.";
            EffectiveOn => "Ngày hiệu lực", "Effective on";
            ReorgKindLabel => "Hình thức", "Kind";
            DecisionNumber => "Số quyết định, nghị quyết", "Decision number";
            UnitsBefore => "Đơn vị trước sắp xếp", "Units before";
            UnitAfter => "Đơn vị sau sắp xếp", "Unit after";
            ReorgMerge => "Sáp nhập", "Merge";
            ReorgMove => "Chuyển đơn vị", "Move";
            ReorgRename => "Đổi tên", "Rename";
            ReorgClose => "Giải thể", "Close";

            // The admin's reorganisations
            ReorgTitle => "Sắp xếp đơn vị", "Reorganise units";
            ReorgIntro => "Mỗi thay đổi có hiệu lực từ ngày đầu tháng và ghi số quyết định. Số liệu luôn thuộc đơn vị đã báo cáo: không có gì bị sao chép hay sửa. Xem trước trước khi xác nhận.", "Each change takes effect on the first day of a month and records its decision number. Figures always stay with the unit that reported them: nothing is copied or changed. Preview before confirming.";
            SourceUnits => "Các đơn vị sáp nhập (từ 2 đơn vị)", "Units to merge (2 or more)";
            SearchUnits => "Tìm đơn vị theo tên hoặc mã", "Search units by name or code";
            ChosenUnits => "Đã chọn {0} đơn vị", "{0} units chosen";
            NoneChosen => "Chưa chọn đơn vị nào.", "No unit chosen yet.";
            NoUnitMatches => "Không có đơn vị nào khớp.", "No unit matches.";
            MoreMatches => "… và {0} đơn vị khác: gõ thêm để thu hẹp.", "… and {0} more: type more to narrow down.";
            RemoveUnit => "Bỏ {0}", "Remove {0}";
            MergeInto => "Sáp nhập vào", "Merge into";
            IntoExisting => "Đơn vị có sẵn", "An existing unit";
            IntoNew => "Đơn vị mới", "A new unit";
            IntoUnit => "Đơn vị nhận sáp nhập", "Receiving unit";
            NewUnitParent => "Đơn vị cấp trên của đơn vị mới", "Parent of the new unit";
            KeepParent => "— Như đơn vị bị sáp nhập —", "— As the merged units —";
            UnitToChange => "Đơn vị", "Unit";
            NewParent => "Đơn vị cấp trên mới", "New parent";
            NewCode => "Mã mới", "New code";
            NewName => "Tên mới", "New name";
            NewKind => "Loại mới", "New type";
            KindUnchanged => "— Giữ nguyên —", "— Unchanged —";
            EffectiveMonth => "Hiệu lực từ", "Effective from";
            EffectiveFromDayPlain => "Có hiệu lực từ ngày {0}.", "In force from {0}.";
            AllKinds => "— Mọi loại —", "— Any type —";
            EffectiveFromDay => "Có hiệu lực từ ngày {0}; các đơn vị cũ hoạt động đến hết ngày {1}.", "In force from {0}; the former units exist until the end of {1}.";
            ReorgPreviewTitle => "Xem trước — chưa có gì được lưu", "Preview — nothing is saved yet";
            PreviewStop => "Thôi hoạt động từ {0} (hoạt động đến hết {1}):", "Stop on {0} (in force until the end of {1}):";
            PreviewResult => "Đơn vị sau sắp xếp, từ {0}:", "The unit after the change, from {0}:";
            PreviewNewUnit => "đơn vị mới", "new unit";
            PreviewMoved => "Đơn vị trực thuộc chuyển theo:", "Child units that move along:";
            PreviewNoneMoved => "Không có đơn vị trực thuộc nào chuyển theo.", "No child unit moves along.";
            PreviewFigures => "Số liệu vẫn thuộc đơn vị đã báo cáo. Kết quả của {0} tính số liệu của chính đơn vị từ {1}, và với các tháng trước đó cộng số liệu của các đơn vị tiền thân.", "Figures stay with the units that reported them. {0}'s results count its own figures from {1} and, for the months before, its predecessors' figures.";
            PreviewMove => "{0} chuyển sang đơn vị cấp trên {1} từ {2}.", "{0} moves under {1} from {2}.";
            PreviewRename => "{0} trở thành {1} từ {2}.", "{0} becomes {1} from {2}.";
            PreviewClose => "{0} giải thể từ {1} (hoạt động đến hết {2}); số liệu đã có vẫn giữ nguyên.", "{0} is abolished on {1} (in force until the end of {2}); its figures stay as they are.";
            ReorgDone => "Đã lưu việc sắp xếp.", "The reorganisation is saved.";
            OpenResultUnit => "Mở trang đơn vị {0}", "Open the page of {0}";
            ChooseTwoUnits => "Chọn ít nhất 2 đơn vị để sáp nhập.", "Choose at least 2 units to merge.";
            ChooseReceivingUnit => "Chọn đơn vị nhận sáp nhập.", "Choose the receiving unit.";
            NewUnitFields => "Nhập mã và tên của đơn vị mới.", "Enter the new unit's code and name.";
            ChooseOneUnit => "Chọn đơn vị.", "Choose a unit.";
            ChooseNewParent => "Chọn đơn vị cấp trên mới.", "Choose the new parent.";
            NothingToRename => "Nhập mã, tên hoặc loại mới.", "Enter a new code, name or type.";
            DecisionRequired => "Nhập số quyết định.", "Enter the decision number.";
            PastReorganizations => "Các lần sắp xếp đã thực hiện", "Past reorganisations";

            // The tree as of a date
            TreeAsOf => "Cơ cấu tại ngày", "Tree as of";
            TreeAsOfHint => "Các đơn vị đang hoạt động vào ngày đó, mỗi đơn vị dưới đơn vị cấp trên của ngày đó.", "The units in force that day, each under its parent of that day.";
            Today => "Hôm nay", "Today";
        }
    };
}
