//! Exports for people and spreadsheets: the scoreboard of a period, a unit's report, a
//! decision's targets and the violations list, as XLSX (formatted, frozen header) or CSV
//! (UTF-8 with BOM). Each export calls the services with the caller, so the scope rules
//! apply exactly as in the API; the HTTP route and the CLI share [`ExportRequest`].

mod csv_out;
mod decision;
mod labels;
mod scoreboard;
mod table;
mod unit;
mod violations;
mod xlsx;

pub use csv_out::BOM;
pub use table::{Cell, Column, Export, Sheet, Style};
pub use unit::FIGURES_SHEET;

use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::ConnectionTrait;
use shared::ids::{DecisionId, UnitId};
use shared::{Period, PeriodKind, UnitKind};
use std::collections::HashMap;

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    /// `xlsx` or `csv` (any case).
    pub fn parse(s: &str) -> ServiceResult<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv),
            other => Err(ServiceError::validation(
                "format",
                format!("format must be xlsx or csv, not {other:?}"),
            )),
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRequest {
    /// The scoreboard of a period, optionally of one unit kind.
    Scoreboard {
        period: Period,
        kind: Option<UnitKind>,
    },
    /// A unit's report for a year, evaluated year-to-date through `month`.
    Unit { unit: UnitId, year: i32, month: u32 },
    /// A decision's targets and milestones.
    Decision { decision: DecisionId },
    /// Violations, optionally of a unit's subtree and a year.
    Violations {
        unit: Option<UnitId>,
        year: Option<i32>,
    },
}

/// The names of the exports, as in `/export/{what}`.
pub const EXPORTS: [&str; 4] = ["scoreboard", "unit", "decision", "violations"];

fn param<'a>(p: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    p.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn int<T: std::str::FromStr>(p: &HashMap<String, String>, name: &str) -> ServiceResult<Option<T>> {
    param(p, name)
        .map(|s| {
            s.parse::<T>().map_err(|_| {
                ServiceError::validation(name, format!("{name} must be a whole number, not {s:?}"))
            })
        })
        .transpose()
}

fn required<T>(v: Option<T>, name: &str) -> ServiceResult<T> {
    v.ok_or_else(|| ServiceError::validation(name, format!("{name} is required")))
}

fn period_error(e: shared::PeriodError) -> ServiceError {
    ServiceError::validation(e.field, e.message)
}

impl ExportRequest {
    /// Parses `what` (scoreboard, unit, decision, violations) and its query parameters:
    /// `year`, `period` (MONTH, QUARTER, YTD — the default — or YEAR), `month` or `index`,
    /// `kind` (a unit kind), `unit` and `decision` (ids); and `format` (xlsx by default).
    pub fn parse(
        what: &str,
        p: &HashMap<String, String>,
    ) -> ServiceResult<(ExportRequest, Format)> {
        let format = param(p, "format").map_or(Ok(Format::Xlsx), Format::parse)?;
        let year = int::<i32>(p, "year")?;
        let month = match int::<i64>(p, "index")? {
            Some(i) => Some(i),
            None => int::<i64>(p, "month")?,
        };
        let req = match what {
            "scoreboard" => {
                let kind = match param(p, "period") {
                    None => PeriodKind::Ytd,
                    Some(k) => k.to_ascii_uppercase().parse().map_err(|_| {
                        ServiceError::validation("period", format!("unknown period {k:?}"))
                    })?,
                };
                let index = match kind {
                    PeriodKind::Ytd | PeriodKind::Year => month.or(Some(12)),
                    _ => month,
                };
                let period =
                    Period::new(required(year, "year")?, kind, index).map_err(period_error)?;
                let unit_kind = param(p, "kind")
                    .map(|k| {
                        k.to_ascii_uppercase().parse::<UnitKind>().map_err(|_| {
                            ServiceError::validation("kind", format!("unknown unit kind {k:?}"))
                        })
                    })
                    .transpose()?;
                ExportRequest::Scoreboard {
                    period,
                    kind: unit_kind,
                }
            }
            "unit" => {
                let year = required(year, "year")?;
                let month = u32::try_from(month.unwrap_or(12)).unwrap_or(0);
                Period::ytd(year, month).map_err(period_error)?;
                ExportRequest::Unit {
                    unit: UnitId(required(int::<i32>(p, "unit")?, "unit")?),
                    year,
                    month,
                }
            }
            "decision" => ExportRequest::Decision {
                decision: DecisionId(required(int::<i32>(p, "decision")?, "decision")?),
            },
            "violations" => {
                if let Some(y) = year {
                    Period::year_of(y).map_err(period_error)?;
                }
                ExportRequest::Violations {
                    unit: int::<i32>(p, "unit")?.map(UnitId),
                    year,
                }
            }
            other => {
                return Err(ServiceError::validation(
                    "export",
                    format!("unknown export {other:?}: one of {}", EXPORTS.join(", ")),
                ));
            }
        };
        Ok((req, format))
    }
}

/// Builds the export as the caller may see it.
pub async fn build(
    actor: &Actor,
    db: &impl ConnectionTrait,
    req: &ExportRequest,
) -> ServiceResult<Export> {
    match req {
        ExportRequest::Scoreboard { period, kind } => {
            scoreboard::scoreboard(actor, db, *period, *kind).await
        }
        ExportRequest::Unit { unit, year, month } => {
            unit::unit_report(actor, db, *unit, *year, *month).await
        }
        ExportRequest::Decision { decision } => {
            decision::decision_targets(actor, db, *decision).await
        }
        ExportRequest::Violations { unit, year } => {
            violations::violations(actor, db, *unit, *year).await
        }
    }
}

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

/// Writes `export` in `format`.
pub fn render(export: &Export, format: Format) -> ServiceResult<Rendered> {
    let bytes = match format {
        Format::Xlsx => xlsx::write(export)?,
        Format::Csv => {
            let sheet = export
                .sheets
                .get(export.csv_sheet)
                .ok_or_else(|| anyhow::anyhow!("export without the sheet of its CSV"))?;
            csv_out::write(sheet)?
        }
    };
    let ext = format.extension();
    Ok(Rendered {
        bytes,
        content_type: format.content_type(),
        file_name: format!("{}.{ext}", export.file_stem),
        ascii_file_name: format!("{}.{ext}", labels::ascii_file_name(&export.file_stem)),
    })
}

/// Builds and writes an export in one call.
pub async fn export(
    actor: &Actor,
    db: &impl ConnectionTrait,
    req: &ExportRequest,
    format: Format,
) -> ServiceResult<Rendered> {
    let e = build(actor, db, req).await?;
    render(&e, format)
}
