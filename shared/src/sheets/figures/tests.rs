use super::super::problem::Problems;
use super::super::table::Format;
use super::*;
use proptest::prelude::*;

const MEASURES: [(&str, &str); 3] = [
    ("RECEIVED", "Hồ sơ tiếp nhận"),
    ("RECEIVED_ONLINE", "Hồ sơ trực tuyến"),
    ("DUE", "Hồ sơ đến hạn"),
];

fn read(text: &str) -> Figures {
    read_figures(text.as_bytes(), &MEASURES)
}

fn kinds(f: &Figures) -> Vec<(ProblemKind, Option<u32>, Option<String>)> {
    f.problems
        .list
        .iter()
        .map(|p| (p.kind, p.row, p.column.clone()))
        .collect()
}

#[test]
fn the_long_layout_reads_one_value_per_row() {
    let f = read(
        "unit_code,year,month,measure_code,value\nC1,2023,1,RECEIVED,120\nC1,2023,1,RECEIVED_ONLINE,\"1.000\"\nC2,2023,2,DUE,7\n",
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.layout, Some(Layout::Long));
    assert_eq!(f.units, vec!["C1", "C2"]);
    assert_eq!(f.rows, 3);
    let c = f.cells[1];
    assert_eq!(
        (c.row, c.col, c.unit, c.year, c.month, c.measure, c.value),
        (3, 4, 0, 2023, 1, 1, 1000)
    );
}

#[test]
fn the_wide_layout_reads_vietnamese_headers_and_skips_blank_cells() {
    let f = read(
        "Mã đơn vị;Tên đơn vị;Năm;Tháng;Hồ sơ tiếp nhận;ho so truc tuyen;DUE\nC1;Xã A;2023;3;50;20;\nC1;Xã A;2023;4;60;;5\n",
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.layout, Some(Layout::Wide));
    let got: Vec<_> = f
        .cells
        .iter()
        .map(|c| (c.month, c.measure, c.value, c.col))
        .collect();
    assert_eq!(
        got,
        vec![(3, 0, 50, 4), (3, 1, 20, 5), (4, 0, 60, 4), (4, 2, 5, 6)]
    );
}

#[test]
fn every_bad_cell_is_named_with_its_row_and_column() {
    let f = read(
        "unit_code,year,month,measure_code,value\n,2023,1,RECEIVED,1\nC1,1999,1,RECEIVED,1\nC1,2023,13,RECEIVED,1\nC1,2023,1,NOPE,1\nC1,2023,1,RECEIVED,-5\nC1,2023,1,RECEIVED,2.5\nC1,2023,1,RECEIVED,\nC1,2023,2,DUE,1\nC1,2023,2,DUE,2\n",
    );
    assert_eq!(
        kinds(&f),
        vec![
            (ProblemKind::UnknownUnit, Some(2), Some("A".into())),
            (ProblemKind::BadYear, Some(3), Some("B".into())),
            (ProblemKind::BadMonth, Some(4), Some("C".into())),
            (ProblemKind::UnknownMeasure, Some(5), Some("D".into())),
            (ProblemKind::BadValue, Some(6), Some("E".into())),
            (ProblemKind::BadValue, Some(7), Some("E".into())),
            (ProblemKind::BadValue, Some(8), Some("E".into())),
            (ProblemKind::Duplicate, Some(10), Some("E".into())),
        ]
    );
    assert!(f.problems.list[7].message.contains("row 9"));
    assert_eq!(f.problems.list[4].header.as_deref(), Some("value"));
}

#[test]
fn every_problem_carries_its_reason_and_the_cell_as_written() {
    let f = read(
        "unit_code,year,month,measure_code,value\n,2023,1,RECEIVED,1\nC1,1999,1,RECEIVED,1\nC1,2023,thirteen,RECEIVED,1\nC1,2023,1,NOPE,1\nC1,2023,1,RECEIVED,-5\nC1,2023,1,RECEIVED,99999999999999\nC1,2023,1,RECEIVED,\nC1,2023,2,DUE,1\nC1,2023,2,DUE, 2 \n",
    );
    let got = f.problems.reasons();
    assert_eq!(
        got,
        vec![
            (ProblemReason::Missing, Some(""), None),
            (ProblemReason::OutOfRange, Some("1999"), None),
            (ProblemReason::OutOfRange, Some("thirteen"), None),
            (ProblemReason::UnknownCode, Some("NOPE"), None),
            (ProblemReason::NotACount, Some("-5"), None),
            (ProblemReason::TooLarge, Some("99999999999999"), None),
            (ProblemReason::Missing, Some(""), None),
            (ProblemReason::RepeatedValue, Some("2"), Some(9)),
        ]
    );
    let f = read("unit_code,year,year,month,RECEIVED,Hồ sơ tiếp nhận,NOPE\nC1,2023,2023,1,5,5,5\n");
    let got: Vec<_> = f
        .problems
        .list
        .iter()
        .map(|p| (p.kind, p.reason, p.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                ProblemKind::Duplicate,
                ProblemReason::RepeatedColumn,
                Some("year")
            ),
            (
                ProblemKind::Duplicate,
                ProblemReason::RepeatedColumn,
                Some("Hồ sơ tiếp nhận")
            ),
            (
                ProblemKind::UnknownColumn,
                ProblemReason::UnknownHeader,
                Some("NOPE")
            ),
        ]
    );
    let reasons = |text: &str| -> Vec<ProblemReason> {
        read(text).problems.list.iter().map(|p| p.reason).collect()
    };
    assert_eq!(
        reasons("unit_code,measure_code\nC1,RECEIVED\n"),
        vec![
            ProblemReason::NoYearColumn,
            ProblemReason::NoMonthColumn,
            ProblemReason::NoValueColumn
        ]
    );
    assert_eq!(
        reasons("year,month\n2023,1\n"),
        vec![ProblemReason::NoMeasureColumns, ProblemReason::NoUnitColumn]
    );
    assert_eq!(reasons(""), vec![ProblemReason::EmptyFile]);
    assert_eq!(
        reasons("unit_code,year,month,RECEIVED\n"),
        vec![ProblemReason::NoRows]
    );
    assert_eq!(reasons("a\0b"), vec![ProblemReason::Unreadable]);
}

#[test]
fn headers_missing_or_unknown_stop_the_file() {
    let f = read("unit_code,month,RECEIVED\nC1,1,5\n");
    assert_eq!(kinds(&f), vec![(ProblemKind::MissingColumn, Some(1), None)]);
    assert!(f.problems.list[0].message.contains("year"));
    let f = read("unit_code,year,month,RECEIVED,RECIEVED\nC1,2023,1,5,5\n");
    assert_eq!(
        kinds(&f),
        vec![(ProblemKind::UnknownColumn, Some(1), Some("E".into()))]
    );
    assert!(f.cells.is_empty());
    let f = read("");
    assert_eq!(f.problems.list[0].kind, ProblemKind::File);
    let f = read("unit_code,year,month,RECEIVED\n");
    assert!(f.problems.list[0].message.contains("no figures"));
}

#[test]
fn problems_beyond_the_limit_are_counted() {
    let mut text = String::from("unit_code,year,month,RECEIVED\n");
    for _ in 0..1500 {
        text.push_str("C1,2023,1,x\n");
    }
    let f = read(&text);
    assert_eq!(f.problems.list.len(), Problems::LIMIT);
    assert_eq!(f.problems.total(), 1500);
}

#[test]
fn an_xlsx_workbook_reads_like_its_csv() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let help = book.add_worksheet();
    help.set_name(crate::sheets::INSTRUCTIONS_SHEET).unwrap();
    help.write_string(0, 0, "Điền số liệu vào trang Số liệu")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name(crate::sheets::FIGURES_SHEET).unwrap();
    for (c, h) in ["Mã đơn vị", "Năm", "Tháng", "RECEIVED", "DUE"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "C1").unwrap();
    sheet.write_number(1, 1, 2023).unwrap();
    sheet.write_number(1, 2, 5).unwrap();
    sheet.write_number(1, 3, 40).unwrap();
    sheet.write_number(1, 4, 2.5).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let f = read_figures(&bytes, &MEASURES);
    assert_eq!(f.format, Some(Format::Xlsx));
    assert_eq!(
        kinds(&f),
        vec![(ProblemKind::BadValue, Some(2), Some("E".into()))]
    );
    assert_eq!(f.cells.len(), 1);
    assert_eq!(f.cells[0].value, 40);
}

proptest! {
    #[test]
    fn any_bytes_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let f = read_figures(&bytes, &MEASURES);
        prop_assert!(f.problems.total() > 0 || !f.cells.is_empty() || f.rows == 0);
    }

    #[test]
    fn long_and_wide_files_give_the_same_figures(
        figures in proptest::collection::btree_map((0u8..3, 1u8..=12, 0u8..3), 0u32..100_000, 1..40)
    ) {
        let mut long = String::from("unit_code,year,month,measure_code,value\n");
        for ((u, m, k), v) in &figures {
            long.push_str(&format!("U{u},2023,{m},{},{v}\n", MEASURES[*k as usize].0));
        }
        let mut wide = String::from("Mã đơn vị,Năm,Tháng,RECEIVED,RECEIVED_ONLINE,DUE\n");
        let months: std::collections::BTreeSet<(u8, u8)> = figures.keys().map(|(u, m, _)| (*u, *m)).collect();
        for (u, m) in months {
            let cell = |k: u8| figures.get(&(u, m, k)).map(|v| v.to_string()).unwrap_or_default();
            wide.push_str(&format!("U{u},2023,{m},{},{},{}\n", cell(0), cell(1), cell(2)));
        }
        let norm = |f: &Figures| {
            let mut v: Vec<_> = f.cells.iter().map(|c| (f.units[c.unit as usize].clone(), c.month, c.measure, c.value)).collect();
            v.sort();
            v
        };
        let (l, w) = (read(&long), read(&wide));
        prop_assert!(l.problems.is_empty() && w.problems.is_empty());
        prop_assert_eq!(norm(&l), norm(&w));
        prop_assert_eq!(l.cells.len(), figures.len());
    }
}

#[test]
fn personal_figures_are_named_by_a_staff_column() {
    let measures = [("RECEIVED", "Hồ sơ tiếp nhận"), ("ON_TIME", "Đúng hạn")];
    let csv = "Mã cán bộ,Họ và tên,Năm,Tháng,Mã số liệu,Giá trị\n\
               CB00012,Nguyễn Văn A,2026,10,RECEIVED,40\n\
               a@xa.gov.vn,Trần Thị B,2026,10,RECEIVED,35\n\
               CB00012,Nguyễn Văn A,2026,10,RECEIVED,41\n\
               ,Lê C,2026,10,ON_TIME,3\n";
    let read = read_staff_figures(csv.as_bytes(), &measures);
    assert_eq!(read.units, vec!["CB00012", "a@xa.gov.vn"]);
    assert_eq!(read.cells.len(), 2);
    assert_eq!(read.cells[1].value, 35);
    let kinds: Vec<ProblemKind> = read.problems.list.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![ProblemKind::Duplicate, ProblemKind::UnknownStaff]
    );
    assert!(read.problems.list[0].message.contains("staff member"));
}

#[test]
fn a_personal_file_without_a_staff_column_is_refused_by_name() {
    let measures = [("RECEIVED", "Hồ sơ tiếp nhận")];
    let csv = "Mã đơn vị,Năm,Tháng,Mã số liệu,Giá trị\nX1,2026,10,RECEIVED,4\n";
    let read = read_staff_figures(csv.as_bytes(), &measures);
    assert!(read.cells.is_empty());
    assert!(
        read.problems
            .list
            .iter()
            .any(|p| p.reason == ProblemReason::NoStaffColumn)
    );
}
