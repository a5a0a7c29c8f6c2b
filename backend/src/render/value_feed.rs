//! Raw figures as files for tools that do not speak GraphQL: CSV (the import's long layout
//! plus status and updated_at, no BOM, so that pandas and R read the header as written) or
//! a JSON array of objects with the same keys, written page by page.

use crate::domain::value_feed::FeedRow;
use crate::error::{ServiceError, ServiceResult};
use crate::service::value_feed::Codes;
use chrono::SecondsFormat;

/// The columns, in order (also the JSON keys).
pub const COLUMNS: [&str; 7] = [
    "unit_code",
    "year",
    "month",
    "measure_code",
    "value",
    "status",
    "updated_at",
];

/// A file format of the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Csv,
    Json,
}

impl FeedFormat {
    /// The `Content-Type` of the answer.
    pub fn content_type(self) -> &'static str {
        match self {
            FeedFormat::Csv => "text/csv; charset=utf-8",
            FeedFormat::Json => "application/json",
        }
    }
}

/// Writes one file of the feed in pieces: [`FeedWriter::start`], then rows as pages
/// arrive, then [`FeedWriter::finish`].
#[derive(Debug)]
pub struct FeedWriter {
    format: FeedFormat,
    written: u64,
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    unit_code: &'a str,
    year: i32,
    month: i32,
    measure_code: &'a str,
    value: i64,
    status: &'a str,
    updated_at: &'a str,
}

impl FeedWriter {
    /// A writer of `format`.
    pub fn new(format: FeedFormat) -> Self {
        FeedWriter { format, written: 0 }
    }

    /// The header (CSV) or the opening bracket (JSON).
    pub fn start(&mut self, out: &mut Vec<u8>) {
        match self.format {
            FeedFormat::Csv => {
                out.extend_from_slice(COLUMNS.join(",").as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            FeedFormat::Json => out.push(b'['),
        }
    }

    /// The rows of one page, named by the codes `codes` learned for it.
    pub fn rows(
        &mut self,
        out: &mut Vec<u8>,
        rows: &[FeedRow],
        codes: &Codes,
    ) -> ServiceResult<()> {
        match self.format {
            FeedFormat::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(&mut *out);
                for r in rows {
                    let k = r.key;
                    csv.write_record([
                        codes.unit(k.unit),
                        &k.year.to_string(),
                        &k.month.to_string(),
                        codes.measure(k.measure),
                        &r.value.to_string(),
                        r.status.as_str(),
                        &instant(r),
                    ])
                    .map_err(internal)?;
                }
                csv.flush().map_err(internal)?;
            }
            FeedFormat::Json => {
                for r in rows {
                    if self.written > 0 {
                        out.push(b',');
                    }
                    out.push(b'\n');
                    let k = r.key;
                    let row = JsonRow {
                        unit_code: codes.unit(k.unit),
                        year: k.year,
                        month: k.month,
                        measure_code: codes.measure(k.measure),
                        value: r.value,
                        status: r.status.as_str(),
                        updated_at: &instant(r),
                    };
                    serde_json::to_writer(&mut *out, &row).map_err(internal)?;
                    self.written += 1;
                }
                return Ok(());
            }
        }
        self.written += rows.len() as u64;
        Ok(())
    }

    /// `rows` lines the database already wrote in this format, joined by the format's
    /// separator (`db::value_feed::sqlite_chunk`).
    pub fn text(&mut self, out: &mut Vec<u8>, text: &str, rows: u64) {
        if rows == 0 {
            return;
        }
        match self.format {
            FeedFormat::Csv => {
                out.extend_from_slice(text.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            FeedFormat::Json => {
                out.extend_from_slice(if self.written > 0 { b",\n" } else { b"\n" });
                out.extend_from_slice(text.as_bytes());
            }
        }
        self.written += rows;
    }

    /// The database's line format of this file format.
    pub fn line_format(&self) -> crate::db::value_feed::LineFormat {
        match self.format {
            FeedFormat::Csv => crate::db::value_feed::LineFormat::Csv,
            FeedFormat::Json => crate::db::value_feed::LineFormat::Json,
        }
    }

    /// The closing bracket (JSON).
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.format == FeedFormat::Json {
            out.extend_from_slice(b"\n]\n");
        }
    }
}

/// `updated_at` in RFC 3339 in UTC (`Z`), as `updatedSince` takes it back: stamps are
/// whole microseconds, written with 6, 3 or no fraction digits as needed — the text
/// SQLite holds and writes itself.
fn instant(r: &FeedRow) -> String {
    r.key
        .changed_at
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> ServiceError {
    ServiceError::Internal(anyhow::Error::new(e))
}
