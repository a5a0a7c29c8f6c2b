//! Files as provincial staff make them, read end to end: percent-formatted targets, months
//! typed as dates, title rows above the header, formulas never computed, CSV saved by
//! Excel in a Windows code page or as "Unicode Text".

use super::text::tests::windows_1258;
use super::{ProblemReason, read_figures, read_official, read_targets};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

const MEASURES: [(&str, &str); 2] = [("RECEIVED", "Hồ sơ tiếp nhận"), ("DUE", "Hồ sơ đến hạn")];
const INDICATORS: [(&str, &str); 2] = [
    ("ONLINE_RATE", "Tỷ lệ hồ sơ trực tuyến"),
    ("ON_TIME_RATE", "Tỷ lệ đúng hạn"),
];

#[test]
fn a_target_typed_as_a_percentage_reads_as_that_percentage() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Chỉ tiêu").unwrap();
    let whole = Format::new().set_num_format("0%");
    let tenth = Format::new().set_num_format("0.0%");
    sheet.write(0, 0, "Mã đơn vị").unwrap();
    sheet.write(0, 1, "ONLINE_RATE").unwrap();
    sheet.write(0, 2, "ON_TIME_RATE").unwrap();
    sheet.write(1, 0, "XA_1").unwrap();
    sheet.write_number_with_format(1, 1, 0.9, &whole).unwrap();
    sheet.write_number_with_format(1, 2, 0.855, &tenth).unwrap();
    sheet.write(2, 0, "XA_2").unwrap();
    sheet.write(2, 1, "90%").unwrap();
    sheet.write(2, 2, 95).unwrap();
    let t = read_targets(&book.save_to_buffer().unwrap(), &INDICATORS);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let values: Vec<f64> = t.cells.iter().map(|c| c.value).collect();
    assert_eq!(values, vec![90.0, 85.5, 90.0, 95.0]);
    assert_eq!(t.cells[0].written.0, "90%");
}

#[test]
fn a_month_typed_as_a_date_and_a_title_above_the_header_read_well() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Số liệu").unwrap();
    let month = Format::new().set_num_format("mm/yyyy");
    sheet
        .write(0, 0, "BÁO CÁO SỐ LIỆU DỊCH VỤ CÔNG TRỰC TUYẾN")
        .unwrap();
    sheet
        .write(1, 0, "Đơn vị: UBND xã A — tháng 4 và 5/2024")
        .unwrap();
    for (c, h) in ["Mã đơn vị", "Năm", "Tháng", "RECEIVED", "DUE"]
        .iter()
        .enumerate()
    {
        sheet.write(3, c as u16, *h).unwrap();
    }
    let april = ExcelDateTime::from_ymd(2024, 4, 1).unwrap();
    sheet.write(4, 0, "xa_1 ").unwrap();
    sheet.write(4, 1, 2024).unwrap();
    sheet
        .write_datetime_with_format(4, 2, &april, &month)
        .unwrap();
    sheet.write(4, 3, 12).unwrap();
    sheet.write(4, 4, 10).unwrap();
    sheet.write(5, 0, "XA_1").unwrap();
    sheet.write(5, 2, "5/2024").unwrap();
    sheet.write(5, 3, 13).unwrap();
    let f = read_figures(&book.save_to_buffer().unwrap(), &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let got: Vec<_> = f
        .cells
        .iter()
        .map(|c| (c.row, c.year, c.month, c.measure, c.value))
        .collect();
    assert_eq!(
        got,
        vec![
            (5, 2024, 4, 0, 12),
            (5, 2024, 4, 1, 10),
            (6, 2024, 5, 0, 13)
        ]
    );
    // Codes are trimmed here; their case is matched against the units by the server.
    assert_eq!(f.units, vec!["xa_1", "XA_1"]);
}

#[test]
fn a_month_of_another_year_than_its_row_is_a_problem() {
    let f = read_figures(
        b"unit_code,year,month,RECEIVED\nC1,2023,4/2024,5\n",
        &MEASURES,
    );
    let reasons: Vec<_> = f.problems.list.iter().map(|p| p.reason).collect();
    assert_eq!(reasons, vec![ProblemReason::MonthOfAnotherYear]);
}

#[test]
fn a_formula_with_its_computed_value_reads_as_that_value() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Số liệu").unwrap();
    for (c, h) in ["Mã đơn vị", "Năm", "Tháng", "RECEIVED", "DUE"]
        .iter()
        .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "XA_1").unwrap();
    sheet.write(1, 1, 2024).unwrap();
    sheet.write(1, 2, 4).unwrap();
    sheet.write(1, 3, 11).unwrap();
    sheet
        .write_formula(1, 4, Formula::new("=D2-6").set_result("5"))
        .unwrap();
    let f = read_figures(&book.save_to_buffer().unwrap(), &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let values: Vec<i64> = f.cells.iter().map(|c| c.value).collect();
    assert_eq!(values, vec![11, 5]);
}

#[test]
fn a_formula_without_a_computed_value_is_a_problem_of_its_cell() {
    // As openpyxl writes a formula: its text, and an empty value or none at all.
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>unit_code</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c><c r="C1" t="inlineStr"><is><t>month</t></is></c><c r="D1" t="inlineStr"><is><t>RECEIVED</t></is></c><c r="E1" t="inlineStr"><is><t>DUE</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2"><v>2024</v></c><c r="C2"><v>4</v></c><c r="D2"><v>12</v></c><c r="E2"><f>D2-2</f><v></v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>C1</t></is></c><c r="B3"><v>2024</v></c><c r="C3"><v>5</v></c><c r="D3"><f>SUM(D2:D2)</f></c><c r="E3"><v>1</v></c></row>"#;
    let bytes = super::xlsx::tests::workbook(&super::xlsx::tests::sheet(None, rows), &[]);
    let f = read_figures(&bytes, &MEASURES);
    let got: Vec<_> = f
        .problems
        .list
        .iter()
        .map(|p| (p.reason, p.row, p.column.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (ProblemReason::FormulaWithoutValue, Some(2), Some("E")),
            (ProblemReason::FormulaWithoutValue, Some(3), Some("D")),
        ]
    );
    // The values beside them are read; nothing is skipped without a word.
    assert_eq!(f.cells.len(), 2);
}

#[test]
fn a_formula_computed_to_empty_text_in_a_computed_workbook_is_a_blank_cell() {
    // As Excel saves `=IF(D2="";"";D2)`: the formula, and an empty text value, beside
    // formulas whose values it holds: the workbook was computed; the empty one is blank.
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>unit_code</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c><c r="C1" t="inlineStr"><is><t>month</t></is></c><c r="D1" t="inlineStr"><is><t>RECEIVED</t></is></c><c r="E1" t="inlineStr"><is><t>DUE</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2"><v>2024</v></c><c r="C2"><v>4</v></c><c r="D2"><v>12</v></c><c r="E2" t="str"><f>IF(D2="","",D2-2)</f><v>10</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>C1</t></is></c><c r="B3"><v>2024</v></c><c r="C3"><v>5</v></c><c r="D3"><v>7</v></c><c r="E3" t="str"><f>IF(D9="","",D9-2)</f><v></v></c></row>"#;
    let bytes = super::xlsx::tests::workbook(&super::xlsx::tests::sheet(None, rows), &[]);
    let f = read_figures(&bytes, &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(
        f.cells.len(),
        3,
        "12 and 10 in April, 7 in May; the empty DUE is blank"
    );
}

const FIGURES_CSV: &str = "Mã đơn vị,Tên đơn vị,Năm,Tháng,Hồ sơ tiếp nhận,Hồ sơ đến hạn\nXA_1,Xã Tân Phú Đông,2024,4,12,10\nXA_2,Phường Hòa Bình,2024,4,7,\n";

fn figures_of(bytes: &[u8]) -> Vec<(u32, u8, u16, i64)> {
    let f = read_figures(bytes, &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    f.cells
        .iter()
        .map(|c| (c.unit, c.month, c.measure, c.value))
        .collect()
}

#[test]
fn csv_saved_by_excel_in_any_of_its_encodings_reads_the_same() {
    let expected = figures_of(FIGURES_CSV.as_bytes());
    assert_eq!(expected.len(), 3);
    // "CSV (Comma delimited)" on a Vietnamese Windows.
    assert_eq!(figures_of(&windows_1258(FIGURES_CSV)), expected);
    // "Unicode Text": UTF-16 LE with its mark, TAB separated.
    let tabbed = FIGURES_CSV.replace(',', "\t");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tabbed.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(figures_of(&utf16), expected);
    // Semicolons, as Excel writes with a Vietnamese list separator.
    assert_eq!(
        figures_of(FIGURES_CSV.replace(',', ";").as_bytes()),
        expected
    );
    // The names of a Vietnamese file come out as typed elsewhere (composed).
    let t = read_targets(
        &windows_1258("Mã đơn vị,Tỷ lệ đúng hạn\nXA_1,\"95,5\"\n"),
        &INDICATORS,
    );
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.headers[1], "Tỷ lệ đúng hạn");
    assert_eq!(t.cells[0].value, 95.5);
}

#[test]
fn csv_in_western_windows_reads_its_codes_and_numbers() {
    let text = "Unit code;Year;Month;RECEIVED\nCAFÉ_1;2024;4;12\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let f = read_figures(&bytes, &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.units, vec!["CAFÉ_1"]);
}

#[test]
fn csv_in_an_encoding_that_cannot_be_told_is_one_clear_problem() {
    let text = "Код,Год,Месяц,RECEIVED\nСЕЛО,2024,4,12\nГОРОД,2024,4,10\n";
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
    for problems in [
        read_figures(&bytes, &MEASURES).problems,
        read_targets(&bytes, &INDICATORS).problems,
        read_official(&bytes, &INDICATORS).problems,
    ] {
        let reasons: Vec<_> = problems.list.iter().map(|p| p.reason).collect();
        assert_eq!(reasons, vec![ProblemReason::UnknownEncoding]);
    }
}

#[test]
fn a_file_without_a_header_in_its_first_rows_names_the_closest_row() {
    let mut text = String::from("Báo cáo\n");
    for _ in 0..12 {
        text.push_str("Ghi chú,x\n");
    }
    text.push_str("unit_code,year,month,RECEIVED\nC1,2024,4,1\n");
    let f = read_figures(text.as_bytes(), &MEASURES);
    assert!(!f.problems.is_empty());
    assert!(
        f.problems.list.iter().all(|p| p.row == Some(1)),
        "{:?}",
        f.problems
    );
    // A header missing only its year is that row's problem, not the title's.
    let f = read_figures(
        "Báo cáo tháng\nMã đơn vị,Tháng,RECEIVED\nC1,4,1\n".as_bytes(),
        &MEASURES,
    );
    let got: Vec<_> = f.problems.list.iter().map(|p| (p.reason, p.row)).collect();
    assert_eq!(got, vec![(ProblemReason::NoYearColumn, Some(2))]);
}

#[test]
fn problems_come_by_row_then_column() {
    let f = read_figures(
        b"unit_code,year,month,RECEIVED,DUE\nC1,2024,13,x,y\n,2024,4,1,z\n",
        &MEASURES,
    );
    let got: Vec<_> = f
        .problems
        .list
        .iter()
        .map(|p| (p.row, p.column.clone().unwrap_or_default()))
        .collect();
    let mut sorted = got.clone();
    sorted.sort_by_key(|(r, c)| (*r, c.len(), c.clone()));
    assert_eq!(got, sorted);
    assert_eq!(got.len(), 5);
}
