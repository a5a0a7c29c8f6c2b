//! Presentation of exports: turns what an export use case loaded
//! ([`crate::service::exports::ExportData`]) into sheets of typed cells with Vietnamese
//! headers and labels ([`table`], [`labels`]), then writes them as XLSX (formatted, frozen
//! header, a title block and a print setup: landscape A4, one page wide, header repeated on
//! every page) or CSV (UTF-8 with BOM). It reads nothing from the database.

mod csv_out;
mod decision;
pub(crate) mod labels;
pub mod notice;
mod official;
mod print;
mod scoreboard;
mod staff;
mod table;
mod unit;
pub mod value_feed;
mod violations;
mod xlsx;

pub use csv_out::BOM;
pub use table::{Cell, Column, Export, Sheet, Style, Title};

use crate::error::ServiceResult;
use crate::service::exports::{ExportData, Format, Loaded};

/// A file ready to send or save.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// The file name with its Vietnamese letters.
    pub file_name: String,
    /// The same in ASCII, for clients that ignore `filename*`.
    pub ascii_file_name: String,
}

/// The sheets of an export.
pub fn sheets(data: &ExportData) -> Export {
    match data {
        ExportData::Scoreboard(s) => scoreboard::export(s),
        ExportData::Unit(u) => unit::export(u),
        ExportData::Decision(d) => decision::export(d),
        ExportData::Violations(v) => violations::export(v),
        ExportData::Official(o) => official::export(o),
        ExportData::Staff(s) => staff::export(s),
    }
}

/// Writes an export in `format`.
pub fn file(loaded: &Loaded, format: Format) -> ServiceResult<Rendered> {
    let export = sheets(&loaded.data);
    let bytes = match format {
        Format::Xlsx => xlsx::write(&export, &loaded.letterhead)?,
        Format::Csv => {
            let sheet = export
                .sheets
                .get(export.csv_sheet)
                .ok_or_else(|| anyhow::anyhow!("export without the sheet of its CSV"))?;
            csv_out::write(sheet)?
        }
    };
    let ext = extension(format);
    Ok(Rendered {
        bytes,
        content_type: content_type(format),
        file_name: format!("{}.{ext}", export.file_stem),
        ascii_file_name: format!("{}.{ext}", labels::ascii_file_name(&export.file_stem)),
    })
}

/// The file extension.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::Csv => "csv",
    }
}

/// The media type.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Csv => "text/csv; charset=utf-8",
    }
}
