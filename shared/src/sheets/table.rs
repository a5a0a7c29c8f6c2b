//! Reading the rows of an uploaded file: CSV (in the encodings [`super::text`] tells;
//! `,`, `;` or tab separated) or XLSX (the figures/targets sheet when present, else the first sheet that is
//! not the instructions, read within the limits of [`crate::import_limits`]), one row at a
//! time with its 1-based row number.

use super::cell::Cell;
use super::problem::{Problem, ProblemReason};

/// The format of an uploaded file, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// XLSX when the bytes start a zip archive, CSV otherwise.
    pub fn detect(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Calls `visit` with every row (its number and cells) of the file; a row problem (bad
/// encoding on one line) is given to `problem`. Fails only when the file cannot be read
/// (the problem is boxed: it is the rare path and a large value).
pub fn visit_rows(
    bytes: &[u8],
    sheets: &[&str],
    mut visit: impl FnMut(u32, &[Cell]),
    mut problem: impl FnMut(Problem),
) -> Result<Format, Box<Problem>> {
    let format = Format::detect(bytes);
    match format {
        Format::Xlsx => super::xlsx::visit_xlsx(bytes, sheets, &mut visit)?,
        Format::Csv => visit_csv(bytes, &mut visit, &mut problem)?,
    }
    Ok(format)
}

/// The separator of the first lines: the one of `,`, `;` and tab found most often in the
/// line that has most of them (a title line above the header may have none).
fn sniff_delimiter(text: &str) -> u8 {
    let count = |line: &str, d: u8| line.bytes().filter(|c| *c == d).count();
    let best = |d: u8| {
        text.lines()
            .take(12)
            .map(|l| count(l, d))
            .max()
            .unwrap_or(0)
    };
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| best(*d))
        .unwrap_or(b',')
}

fn visit_csv(
    bytes: &[u8],
    visit: &mut impl FnMut(u32, &[Cell]),
    problem: &mut impl FnMut(Problem),
) -> Result<(), Box<Problem>> {
    let text = super::text::decode(bytes)?;
    let bytes = text.as_bytes();
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    let head_text = String::from_utf8_lossy(head);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&head_text))
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<Cell> = Vec::new();
    // Line numbers are counted here: the reader does not count the blank lines it skips.
    let (mut line, mut counted_to) = (1u32, 0usize);
    let mut line_at = |offset: usize| {
        let upto = offset.min(bytes.len());
        if upto > counted_to {
            let newlines = bytes[counted_to..upto]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            counted_to = upto;
        }
        line
    };
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Problem::file(
                    ProblemReason::Unreadable,
                    format!("the CSV cannot be read: {e}"),
                )
                .in_row(line_at(start))
                .into());
            }
        }
        let line = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .map(|mut at| {
                // The reported start may be a blank line the reader skipped.
                while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
                    at += 1;
                }
                at
            })
            .map_or(line_at(start), &mut line_at);
        cells.clear();
        let mut bad = false;
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok("") => cells.push(Cell::Empty),
                Ok(s) => cells.push(Cell::Text(s.to_owned())),
                Err(_) => {
                    bad = true;
                    cells.push(Cell::Empty);
                }
            }
        }
        if bad {
            problem(
                Problem::file(
                    ProblemReason::NotUtf8,
                    "the line is not UTF-8 text; save the file as CSV UTF-8",
                )
                .in_row(line),
            );
        }
        visit(line, &cells);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Vec<(u32, Vec<Cell>)> {
        let mut out = Vec::new();
        visit_rows(bytes, &[], |n, c| out.push((n, c.to_vec())), |_| {}).unwrap();
        out
    }

    #[test]
    fn letters_follow_spreadsheet_columns() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn csv_rows_keep_line_numbers_and_lose_the_bom() {
        let r = rows("\u{feff}a,b\n1,\"x,y\"\n\n2,3\n".as_bytes());
        assert_eq!(r[0].1, vec![Cell::Text("a".into()), Cell::Text("b".into())]);
        assert_eq!(
            r[1],
            (2, vec![Cell::Text("1".into()), Cell::Text("x,y".into())])
        );
        assert_eq!(r.last().map(|x| x.0), Some(4));
    }

    #[test]
    fn semicolons_and_tabs_are_recognised() {
        let r = rows(b"a;b;c\n1;2;3\n");
        assert_eq!(r[1].1.len(), 3);
        let r = rows(b"a\tb\n1\t2\n");
        assert_eq!(r[1].1.len(), 2);
    }

    #[test]
    fn a_broken_workbook_is_a_file_problem() {
        let err = visit_rows(b"PK\x03\x04garbage", &[], |_, _| {}, |_| {}).unwrap_err();
        assert_eq!(err.kind, super::super::ProblemKind::File);
    }
}
