use super::super::archive::check;
use super::super::{Problem, ProblemKind, ProblemReason, read_figures, read_targets};
use crate::import_limits::{MAX_CELLS, MAX_PART_BYTES, MAX_SHARED_STRINGS, MAX_WORKBOOK_BYTES};
use std::io::Write;
use zip::write::SimpleFileOptions;

const MEASURES: [(&str, &str); 1] = [("RECEIVED", "Hồ sơ tiếp nhận")];
const INDICATORS: [(&str, &str); 1] = [("ON_TIME_RATE", "Tỷ lệ đúng hạn")];
const SHEET: &str = "xl/worksheets/sheet1.xml";
const STRINGS: &str = "xl/sharedStrings.xml";

/// A workbook of one sheet `Số liệu` written part by part, as an attacker would.
pub(crate) fn workbook(sheet: &[u8], extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut parts: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Số liệu\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".as_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (SHEET, sheet),
    ];
    parts.extend_from_slice(extra);
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A sheet of these `<row>` contents, under an optional `<dimension>`.
pub(crate) fn sheet(dimension: Option<&str>, rows: &str) -> Vec<u8> {
    let dimension = dimension.map_or(String::new(), |d| format!("<dimension ref=\"{d}\"/>"));
    format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{dimension}<sheetData>{rows}</sheetData></worksheet>"
    )
    .into_bytes()
}

/// Header and one row of the long layout, numbers inline.
const GOOD_ROWS: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>unit_code</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c><c r="C1" t="inlineStr"><is><t>month</t></is></c><c r="D1" t="inlineStr"><is><t>RECEIVED</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2"><v>2023</v></c><c r="C2"><v>4</v></c><c r="D2"><v>12</v></c></row>"#;

/// Rewrites the sizes that `zip` declares for its part `name` (local header and central
/// directory), leaving the data as it is.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let at = |i: usize, sig: &[u8], name_at: usize| {
        zip.get(i..i + 4) == Some(sig)
            && zip.get(i + name_at..i + name_at + name.len()) == Some(name)
    };
    let locals: Vec<usize> = (0..zip.len())
        .filter(|i| at(*i, b"PK\x03\x04", 30))
        .collect();
    let centrals: Vec<usize> = (0..zip.len())
        .filter(|i| at(*i, b"PK\x01\x02", 46))
        .collect();
    assert!(!locals.is_empty() && !centrals.is_empty());
    for i in locals {
        zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
    }
    for i in centrals {
        zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
    }
}

/// The only problem of reading `bytes` as figures, and the same as targets.
fn refusal(bytes: &[u8]) -> Problem {
    let f = read_figures(bytes, &MEASURES);
    assert_eq!(f.problems.list.len(), 1, "{:?}", f.problems);
    assert!(f.cells.is_empty());
    let p = f.problems.list[0].clone();
    assert_eq!(p.kind, ProblemKind::File, "{p:?}");
    let t = read_targets(bytes, &INDICATORS);
    assert_eq!(t.problems.list, vec![p.clone()]);
    assert!(t.cells.is_empty());
    p
}

#[test]
fn a_well_formed_small_workbook_is_read() {
    let f = read_figures(&workbook(&sheet(Some("A1:D2"), GOOD_ROWS), &[]), &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.cells.len(), 1);
    assert_eq!((f.cells[0].month, f.cells[0].value), (4, 12));
}

#[test]
fn rows_out_of_order_are_read_in_order() {
    let (head, body) = GOOD_ROWS.split_at(GOOD_ROWS.find("<row r=\"2\"").unwrap());
    let f = read_figures(
        &workbook(&sheet(None, &format!("{body}{head}")), &[]),
        &MEASURES,
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.cells.len(), 1);
}

#[test]
fn a_cell_at_xfd1048576_is_refused_before_anything_is_laid_out() {
    let rows = format!("{GOOD_ROWS}<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>");
    let p = refusal(&workbook(&sheet(None, &rows), &[]));
    assert_eq!(p.reason, ProblemReason::TooManyRows);
    assert_eq!(p.value.as_deref(), Some("XFD1048576"));
    assert!(p.message.contains("100000 rows"), "{}", p.message);
}

#[test]
fn a_cell_far_to_the_right_is_refused() {
    let rows = format!("{GOOD_ROWS}<row r=\"3\"><c r=\"XFD3\"><v>1</v></c></row>");
    let p = refusal(&workbook(&sheet(None, &rows), &[]));
    assert_eq!(p.reason, ProblemReason::TooManyColumns);
    assert_eq!(p.value.as_deref(), Some("XFD3"));
}

#[test]
fn a_declared_dimension_of_the_whole_grid_is_refused() {
    let p = refusal(&workbook(&sheet(Some("A1:XFD1048576"), GOOD_ROWS), &[]));
    assert_eq!(p.reason, ProblemReason::TooManyRows);
    assert_eq!(p.value.as_deref(), Some("A1:XFD1048576"));
}

#[test]
fn too_many_cells_are_refused_while_counting() {
    let row = "<c/>".repeat(500);
    let rows = format!("<row>{row}</row>").repeat((MAX_CELLS / 500 + 1) as usize);
    let p = refusal(&workbook(&sheet(None, &rows), &[]));
    assert_eq!(p.reason, ProblemReason::TooManyCells);
}

/// A sheet of 40 MB of spaces deflates to some 40 KB.
fn bomb() -> Vec<u8> {
    let xml = sheet(None, GOOD_ROWS);
    let end = xml.len() - "</worksheet>".len();
    let mut big = Vec::with_capacity(41 * 1024 * 1024);
    big.extend_from_slice(&xml[..end]);
    big.resize(big.len() + 40 * 1024 * 1024, b' ');
    big.extend_from_slice(&xml[end..]);
    workbook(&big, &[])
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size() {
    let bytes = bomb();
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let p = refusal(&bytes);
    assert_eq!(p.reason, ProblemReason::PartTooLarge);
    assert_eq!(p.value.as_deref(), Some(SHEET));
}

#[test]
fn a_zip_bomb_that_declares_a_small_size_is_stopped_at_the_limit() {
    let mut bytes = bomb();
    declare_size(&mut bytes, SHEET, 1000);
    // The zip reader stops where the part says it ends; the cap at the limit stands behind.
    let p = refusal(&bytes);
    assert_eq!(p.reason, ProblemReason::Unreadable, "{p:?}");
    assert!(p.message.contains(SHEET), "{}", p.message);
}

#[test]
fn a_part_declaring_four_gigabytes_is_refused_without_inflating_it() {
    let mut bytes = workbook(&sheet(None, GOOD_ROWS), &[]);
    declare_size(&mut bytes, SHEET, u32::MAX - 1);
    let p = refusal(&bytes);
    assert_eq!(p.reason, ProblemReason::PartTooLarge);
}

#[test]
fn parts_each_within_the_limit_but_too_large_together_are_refused() {
    let pad = vec![b' '; (MAX_PART_BYTES / 2) as usize];
    let parts: Vec<(String, &[u8])> = (0..(MAX_WORKBOOK_BYTES / MAX_PART_BYTES * 2 + 1))
        .map(|i| (format!("xl/media/pad{i}.xml"), pad.as_slice()))
        .collect();
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let p = refusal(&workbook(&sheet(None, GOOD_ROWS), &parts));
    assert_eq!(p.reason, ProblemReason::WorkbookTooLarge);
}

#[test]
fn too_many_parts_are_refused() {
    let parts: Vec<String> = (0..1000).map(|i| format!("xl/media/p{i}.bin")).collect();
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let p = refusal(&workbook(&sheet(None, GOOD_ROWS), &parts));
    assert_eq!(p.reason, ProblemReason::TooManyParts);
}

#[test]
fn too_many_shared_strings_are_refused_counted_or_declared() {
    let many = format!(
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{}</sst>",
        "<x:si/>".repeat(MAX_SHARED_STRINGS as usize + 1)
    );
    let p = refusal(&workbook(
        &sheet(None, GOOD_ROWS),
        &[(STRINGS, many.as_bytes())],
    ));
    assert_eq!(p.reason, ProblemReason::TooManyStrings);

    let declared = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="900000000000"><si><t>a</t></si></sst>"#;
    let p = refusal(&workbook(&sheet(None, GOOD_ROWS), &[(STRINGS, declared)]));
    assert_eq!(p.reason, ProblemReason::TooManyStrings);

    let fine = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
    let archive = check(&workbook(&sheet(None, GOOD_ROWS), &[(STRINGS, fine)])).unwrap();
    assert_eq!(archive.shared_strings, 2);
    assert_eq!(archive.parts, 6);
}

#[test]
fn the_fuzz_seeds_of_hostile_workbooks_are_refused_and_the_good_one_read() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/import_files");
    let read = |file: &str| std::fs::read(format!("{dir}/{file}")).unwrap();
    for (file, reason) in [
        ("xlsx-far-cell.xlsx", ProblemReason::TooManyRows),
        ("xlsx-whole-grid-dimension.xlsx", ProblemReason::TooManyRows),
        ("xlsx-declared-4gb-part.xlsx", ProblemReason::PartTooLarge),
        ("xlsx-bomb-understated.xlsx", ProblemReason::Unreadable),
        (
            "xlsx-shared-strings-declared.xlsx",
            ProblemReason::TooManyStrings,
        ),
    ] {
        assert_eq!(refusal(&read(file)).reason, reason, "{file}");
    }
    let f = read_figures(&read("xlsx-good.xlsx"), &MEASURES);
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(f.cells.len(), 1);
}
