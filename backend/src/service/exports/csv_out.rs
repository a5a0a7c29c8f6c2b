//! Writes one sheet of an [`Export`] as CSV: UTF-8 with a byte-order mark (so that Excel
//! reads the Vietnamese letters), a header row, plain numbers (a dot for decimals, no
//! thousands separators, percentages in percent with two decimals) and dd/mm/yyyy dates.

use super::table::{Cell, Sheet, Style};
use crate::error::{ServiceError, ServiceResult};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The CSV bytes of `sheet`.
pub fn write(sheet: &Sheet) -> ServiceResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let fail = |e: csv::Error| ServiceError::Internal(anyhow::Error::new(e).context("writing CSV"));
    w.write_record(sheet.columns.iter().map(|c| c.header.as_str()))
        .map_err(fail)?;
    for row in &sheet.rows {
        let fields = row.iter().enumerate().map(|(i, cell)| {
            let style = sheet.columns.get(i).map_or(Style::Plain, |c| c.style);
            field(cell, style)
        });
        w.write_record(fields).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("writing CSV: {e}")))
}

fn field(cell: &Cell, style: Style) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Int(v) => v.to_string(),
        Cell::Number(v) if matches!(style, Style::Percent | Style::Decimal) => format!("{v:.2}"),
        Cell::Number(v) => v.to_string(),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
    }
}
