//! Texts of imports and their problems, paging, errors and exports.

/// Adds this part's texts to the list and hands it on to `reorg_texts!`.
macro_rules! imports_texts {
    ($($rest:tt)*) => {
        reorg_texts! {
            $($rest)*
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
            PkUnknownStaff => "Cán bộ không thuộc đơn vị", "Unknown staff member";
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
            WhatStaffCode => "mã cán bộ hoặc thư điện tử", "staff code or e-mail";
            WhatMeasureCode => "mã số liệu", "measure code";
            WhatIndicatorCode => "mã chỉ số", "indicator code";
            WhatYear => "năm", "year";
            WhatMonth => "tháng", "month";
            WhatValue => "giá trị", "value";
            PdEmptyFile => "Tệp trống: không có dòng tiêu đề.", "The file is empty: it has no header row.";
            PdNoRows => "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào.", "The file has a header row but no data rows.";
            PdUnreadable => "Không đọc được tệp: hãy tải lên tệp CSV (văn bản UTF-8) hoặc bảng tính Excel (XLSX).", "The file cannot be read: upload a CSV file (UTF-8 text) or an Excel workbook (XLSX).";
            PdNoSheet => "Bảng tính không có trang tính nào chứa dữ liệu.", "The workbook has no sheet with data.";
            PdUnreadableSheet => "Không đọc được trang tính «{0}».", "The sheet “{0}” cannot be read.";
            PdNotUtf8 => "Dòng này không phải văn bản UTF-8: hãy lưu tệp dưới dạng “CSV UTF-8”.", "This line is not UTF-8 text: save the file as “CSV UTF-8”.";
            PdUnknownEncoding => "Không nhận ra bảng mã của tệp CSV này. Trong Excel, chọn Tệp › Lưu thành (File › Save As), chọn kiểu “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải tệp đó lên lại.", "The text encoding of this CSV file cannot be told. In Excel, choose File › Save As, choose the type “CSV UTF-8 (Comma delimited) (*.csv)” and upload that file again.";
            PdFormulaWithoutValue => "Ô ở cột {1} là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên.", "The cell in column {1} is a formula with no computed value: open the file in Excel or LibreOffice, save it and upload it again.";
            PdMonthOfAnotherYear => "Tháng «{0}» ở cột {1} thuộc năm khác với năm ở cột năm của dòng này.", "The month “{0}” in column {1} is of another year than the row’s year column.";
            PdNoStaffColumn => "Dòng tiêu đề thiếu cột cán bộ (“Mã cán bộ” hoặc “Email”).", "The header row has no staff column (“Mã cán bộ” or “Email”).";
            PdUnknownStaff => "Không có cán bộ nào của đơn vị mang mã hoặc thư điện tử «{0}».", "No staff member of the unit has the code or e-mail “{0}”.";
            PdNoUnitColumn => "Dòng tiêu đề thiếu cột mã đơn vị (“Mã đơn vị” hoặc “unit_code”).", "The header row has no unit code column (“Mã đơn vị” or “unit_code”).";
            PdNoYearColumn => "Dòng tiêu đề thiếu cột năm (“Năm” hoặc “year”).", "The header row has no year column (“Năm” or “year”).";
            PdNoMonthColumn => "Dòng tiêu đề thiếu cột tháng (“Tháng” hoặc “month”).", "The header row has no month column (“Tháng” or “month”).";
            PdNoMeasureCodeColumn => "Dòng tiêu đề thiếu cột mã số liệu (“Mã số liệu” hoặc “measure_code”).", "The header row has no measure code column (“Mã số liệu” or “measure_code”).";
            PdNoValueColumn => "Dòng tiêu đề thiếu cột giá trị (“Giá trị” hoặc “value”).", "The header row has no value column (“Giá trị” or “value”).";
            PdNoMeasureColumns => "Không có cột số liệu nào: mỗi mã số liệu một cột (dạng ngang), hoặc hai cột “Mã số liệu” và “Giá trị” (dạng dọc).", "No measure column: give one column per measure code (wide layout), or a measure code and a value column (long layout).";
            PdNoIndicatorColumns => "Dòng tiêu đề không có cột chỉ tiêu nào (mã hoặc tên chỉ tiêu).", "The header row has no indicator column (an indicator code or name).";
            PdNoColumn => "Dòng tiêu đề thiếu cột {0}.", "The header row has no {0} column.";
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
            PdUnknownIndicator => "Không có chỉ số nào mang mã «{0}».", "No indicator has the code “{0}”.";
            PdUnknownMeasure => "Không có số liệu nào mang mã «{0}».", "No measure has the code “{0}”.";
            PdInactive => "Chỉ tiêu «{0}» (cột {1}) đã ngừng áp dụng.", "The indicator “{0}” (column {1}) is no longer in use.";
            PdRepeatedValue => "Trùng với dòng {0}: cùng đơn vị, tháng và số liệu đã có ở dòng đó.", "Repeats row {0}: the same unit, month and measure are given there.";
            PdRepeatedIndicatorMonth => "Trùng với dòng {0}: cùng đơn vị, chỉ số và tháng đã có ở dòng đó.", "Repeats row {0}: the same unit, indicator and month are given there.";
            PdRepeatedUnit => "Đơn vị «{0}» đã có ở dòng {1}.", "The unit “{0}” is already given in row {1}.";
            PdNotInForce => "Đơn vị «{0}» không hoạt động trong tháng {1} (đã sáp nhập, giải thể hoặc chưa thành lập): số liệu tháng đó thuộc đơn vị kế thừa.", "The unit “{0}” was not in force in {1} (merged, closed or not yet created): that month's figures belong to its successor.";
            PdOutsideScope => "Đơn vị «{0}» nằm ngoài các đơn vị bạn được nhập số liệu.", "The unit “{0}” is outside the units you may enter figures for.";
            PdNotBelowYourUnit => "Đơn vị «{0}» không trực thuộc đơn vị của bạn: lãnh đạo chỉ giao chỉ tiêu cho các đơn vị cấp dưới.", "The unit “{0}” is not below your unit: a manager sets targets only for the units below its own.";
            PdApprovedMonth => "Số liệu tháng {1} của đơn vị «{0}» đã được duyệt nên không sửa được; cần mở lại trước khi nhập.", "The figures of “{0}” for {1} are approved and read-only; they must be reopened first.";
            PdPartExceedsWhole => "Tháng {0}: {1} ({2}) không được lớn hơn {3} ({4}).", "{0}: {1} ({2}) must not exceed {3} ({4}).";
            PdNumeratorAboveDenominator => "Tử số «{0}» ở cột {1} lớn hơn mẫu số: tử số không được vượt quá mẫu số.", "The numerator “{0}” in column {1} is larger than the denominator: it must not exceed it.";
            PdScoreAboveMaximum => "Điểm «{0}» ở cột {1} lớn hơn điểm tối đa của chỉ số.", "The score “{0}” in column {1} is larger than the indicator's maximum score.";
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
            DownloadNotice => "Tải thông báo (PDF)", "Download the notice (PDF)";
            Downloading => "Đang tải xuống…", "Downloading…";
            DownloadFailed => "Không tải được tệp", "The file could not be downloaded";
        }
    };
}
