use super::*;
use proptest::prelude::*;

const INDICATORS: [(&str, &str); 2] = [
    ("ON_TIME_RATE", "Tỷ lệ hồ sơ giải quyết đúng hạn"),
    ("FULL_ONLINE_RATE", "Tỷ lệ hồ sơ trực tuyến toàn trình"),
];

fn read(text: &str) -> Official {
    read_official(text.as_bytes(), &INDICATORS)
}

fn located(o: &Official) -> Vec<(ProblemReason, Option<u32>, Option<String>)> {
    o.problems
        .list
        .iter()
        .map(|p| (p.reason, p.row, p.column.clone()))
        .collect()
}

const HEADER: &str =
    "unit_code,year,month,indicator_code,numerator,denominator,score,max_score,source\n";

#[test]
fn english_headers_read_one_official_row_per_line() {
    let o = read(&format!(
        "{HEADER}C1,2026,3,ON_TIME_RATE,270,300,18,20,Cổng DVCQG\nC2,2026,3,FULL_ONLINE_RATE,,,\"6,6\",12,\n"
    ));
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!(o.rows, 2);
    assert_eq!(o.units, vec!["C1", "C2"]);
    assert_eq!(
        o.figures[0],
        OfficialRow {
            row: 2,
            unit: 0,
            indicator: 0,
            year: 2026,
            month: 3,
            numerator: Some(270),
            denominator: Some(300),
            score: Some(18.0),
            max_score: Some(20.0),
            source: Some("Cổng DVCQG".into()),
        }
    );
    let second = &o.figures[1];
    assert_eq!((second.numerator, second.denominator), (None, None));
    assert_eq!((second.score, second.max_score), (Some(6.6), Some(12.0)));
    assert_eq!(second.source, None);
}

#[test]
fn vietnamese_headers_indicator_names_and_informative_columns_are_read() {
    let o = read(
        "Mã đơn vị;Tên đơn vị;Năm;Tháng;Mã chỉ số;Tỷ lệ;Tử số;Mẫu số;Điểm;Điểm tối đa\n\
         C1;Xã Một;2026;4;Tỷ lệ hồ sơ trực tuyến toàn trình;55;110;200;6,6;12\n",
    );
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!(o.figures.len(), 1);
    assert_eq!(o.figures[0].indicator, 1);
    assert_eq!(o.figures[0].numerator, Some(110));
    assert_eq!(o.unit_column, Some(0));
}

#[test]
fn every_bad_cell_is_named_with_its_row_and_column() {
    let o = read(&format!(
        "{HEADER}\
         ,2026,1,ON_TIME_RATE,1,2,1,2,\n\
         C1,1999,1,ON_TIME_RATE,1,2,1,2,\n\
         C1,2026,13,ON_TIME_RATE,1,2,1,2,\n\
         C1,2026,1,NOPE,1,2,1,2,\n\
         C1,2026,1,ON_TIME_RATE,-1,2,1,2,\n\
         C1,2026,2,ON_TIME_RATE,3,2,1,2,\n\
         C1,2026,3,ON_TIME_RATE,1,2,abc,2,\n\
         C1,2026,4,ON_TIME_RATE,1,2,3,2,\n\
         C1,2026,5,ON_TIME_RATE,1,2,-1,2,\n\
         C1,2026,6,ON_TIME_RATE,1,\"2,5\",1,2,\n\
         C1,2026,7,ON_TIME_RATE,1,2,1,2,\n\
         C1,2026,7,on_time_rate,1,2,1,2,\n"
    ));
    assert_eq!(
        located(&o),
        vec![
            (ProblemReason::Missing, Some(2), Some("A".into())),
            (ProblemReason::OutOfRange, Some(3), Some("B".into())),
            (ProblemReason::OutOfRange, Some(4), Some("C".into())),
            (ProblemReason::UnknownCode, Some(5), Some("D".into())),
            (ProblemReason::NotACount, Some(6), Some("E".into())),
            (
                ProblemReason::NumeratorAboveDenominator,
                Some(7),
                Some("E".into())
            ),
            (ProblemReason::NotANumber, Some(8), Some("G".into())),
            (ProblemReason::ScoreAboveMaximum, Some(9), Some("G".into())),
            (ProblemReason::Negative, Some(10), Some("G".into())),
            (ProblemReason::NotACount, Some(11), Some("F".into())),
            (
                ProblemReason::RepeatedIndicatorMonth,
                Some(13),
                Some("D".into())
            ),
        ]
    );
    let repeated = &o.problems.list[10];
    assert_eq!(repeated.other_row, Some(12));
    assert_eq!(repeated.kind, ProblemKind::Duplicate);
    assert_eq!(o.problems.list[5].value.as_deref(), Some("3"));
    assert_eq!(o.problems.list[5].header.as_deref(), Some("numerator"));
    assert_eq!(o.problems.list[3].kind, ProblemKind::UnknownIndicator);
    // Only the rows without a problem are kept; the unit of every row that names one is
    // kept too, for the server to check.
    let kept: Vec<u32> = o.figures.iter().map(|f| f.row).collect();
    assert_eq!(kept, vec![12]);
    let units: Vec<u32> = o.unit_rows.iter().map(|u| u.row).collect();
    assert_eq!(units, (3..=13).collect::<Vec<u32>>());
    assert_eq!(o.unit_rows[0].month, None, "row 3 has no valid year");
    assert_eq!(o.unit_rows[4].month, Some((2026, 2)));
}

#[test]
fn a_header_without_a_required_column_names_each_missing_one() {
    let o = read("Mã đơn vị,Năm,Tháng,Mã chỉ số,Tử số,Ghi chú\nC1,2026,1,ON_TIME_RATE,1\n");
    let got: Vec<_> = o
        .problems
        .list
        .iter()
        .map(|p| (p.reason, p.value.clone()))
        .collect();
    assert_eq!(
        got,
        // By row, then column: the header row's own problems before its cells'.
        vec![
            (ProblemReason::NoColumn, Some("denominator (Mẫu số)".into())),
            (ProblemReason::NoColumn, Some("score (Điểm)".into())),
            (
                ProblemReason::NoColumn,
                Some("max_score (Điểm tối đa)".into())
            ),
            (ProblemReason::UnknownHeader, Some("Ghi chú".into())),
        ]
    );
    assert!(o.figures.is_empty());
    assert_eq!(o.rows, 0, "no data row is read under a broken header");
}

#[test]
fn an_empty_file_and_a_header_alone_are_problems_of_the_file() {
    assert_eq!(read("").problems.list[0].reason, ProblemReason::EmptyFile);
    assert_eq!(read(HEADER).problems.list[0].reason, ProblemReason::NoRows);
}

#[test]
fn a_long_source_is_refused_rather_than_cut() {
    let long = "x".repeat(MAX_SOURCE_CHARS + 1);
    let o = read(&format!("{HEADER}C1,2026,1,ON_TIME_RATE,1,2,1,2,{long}\n"));
    assert_eq!(
        located(&o),
        vec![(ProblemReason::TooLarge, Some(2), Some("I".into()))]
    );
    assert!(o.figures.is_empty());
}

#[test]
fn an_xlsx_sheet_reads_like_its_csv() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(crate::sheets::OFFICIAL_SHEET).unwrap();
    let headers = [
        "Mã đơn vị",
        "Năm",
        "Tháng",
        "Mã chỉ số",
        "Tử số",
        "Mẫu số",
        "Điểm",
        "Điểm tối đa",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(0, i as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "C1").unwrap();
    for (i, v) in [2026.0, 3.0].iter().enumerate() {
        ws.write_number(1, i as u16 + 1, *v).unwrap();
    }
    ws.write_string(1, 3, "ON_TIME_RATE").unwrap();
    for (i, v) in [270.0, 300.0, 18.0, 20.0].iter().enumerate() {
        ws.write_number(1, i as u16 + 4, *v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let o = read_official(&bytes, &INDICATORS);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!(o.format, Some(Format::Xlsx));
    let csv = read(
        "Mã đơn vị,Năm,Tháng,Mã chỉ số,Tử số,Mẫu số,Điểm,Điểm tối đa\nC1,2026,3,ON_TIME_RATE,270,300,18,20\n",
    );
    assert_eq!(o.figures, csv.figures);
}

proptest! {
    /// Whatever the text, the reader does not panic, and every row it keeps is within the
    /// rules.
    #[test]
    fn any_text_reads_without_panic_and_keeps_only_valid_rows(body in "[ -~\n,;]{0,400}") {
        let o = read(&format!("{HEADER}{body}"));
        for f in &o.figures {
            prop_assert!((1..=12).contains(&f.month));
            prop_assert!(f.numerator.is_none_or(|n| n >= 0));
            prop_assert!(f.denominator.is_none_or(|d| d >= 0));
            if let (Some(n), Some(d)) = (f.numerator, f.denominator) {
                prop_assert!(n <= d);
            }
            if let (Some(s), Some(m)) = (f.score, f.max_score) {
                prop_assert!(s <= m && s >= 0.0);
            }
            prop_assert!((f.unit as usize) < o.units.len());
            prop_assert!(usize::from(f.indicator) < INDICATORS.len());
        }
    }
}
