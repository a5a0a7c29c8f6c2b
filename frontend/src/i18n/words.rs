//! Texts of page titles (the browser tab of every route), the file picker that replaces
//! the browser's own "Choose File", and names the UI gave as codes before (file layouts,
//! the columns of the long figures file).

/// Adds this part's texts to the list and hands it on to `shell_texts!`.
macro_rules! words_texts {
    ($($rest:tt)*) => {
        shell_texts! {
            $($rest)*
            // Page titles (the route's, then " · Chỉ tiêu")
            TitleUnit => "Đơn vị", "Unit";
            TitleDecision => "Quyết định giao chỉ tiêu", "Decision";
            TitleExplanation => "Giải trình", "Explanation";
            TitleExplanationAdmin => "Thiết lập giải trình", "Explanation settings";
            TitleNotFound => "Không tìm thấy trang", "Page not found";
            // The file picker
            PickFile => "Chọn tệp…", "Choose a file…";
            PickFiles => "Chọn các tệp…", "Choose files…";
            NoFileChosen => "Chưa chọn tệp nào", "No file chosen";
            // The import page's help on the columns of a figures file
            ImportColumnsHelp => "Mã số liệu dùng làm tiêu đề cột", "Measure codes to use as column headers";
            ImportColumnsHint => "Mỗi cột số liệu của tệp mang mã của số liệu đó (hoặc tên của nó).", "Each figures column of a file is headed by its measure's code (or its name).";
            // Names instead of codes
            NameEn => "Tên tiếng Anh", "English name";
            LayoutWide => "Bảng ngang: mỗi dòng một đơn vị và tháng", "Wide: one row per unit and month";
            LayoutLong => "Bảng dọc: mỗi dòng một số liệu", "Long: one value per row";
            ColumnValue => "giá trị", "value";
            ColumnMeasureCode => "mã số liệu", "measure code";
            ColumnUnitCode => "mã đơn vị", "unit code";
            ColumnYear => "năm", "year";
            ColumnMonth => "tháng", "month";
        }
    };
}
