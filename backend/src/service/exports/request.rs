//! What to export, read from the query parameters of `GET /export/{what}` (which the
//! command line builds too): the export, its period or ids, and the file format.

use crate::error::{ServiceError, ServiceResult};
use shared::ids::DecisionId;
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
                format!("định dạng phải là xlsx hoặc csv, không phải {other:?}"),
            )),
        }
    }
}

/// A unit as the caller named it: its code (e.g. `XAP`) or its id, resolved within the
/// caller's scope when the export is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef(pub String);

/// What to export.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRequest {
    /// The scoreboard of a period, optionally of one unit kind.
    Scoreboard {
        period: Period,
        kind: Option<UnitKind>,
    },
    /// A unit's report for a year, evaluated year-to-date through `month`.
    Unit {
        unit: UnitRef,
        year: i32,
        month: u32,
    },
    /// A decision's targets and milestones.
    Decision { decision: DecisionId },
    /// Violations, optionally of a unit's subtree and a year.
    Violations {
        unit: Option<UnitRef>,
        year: Option<i32>,
    },
    /// The personal results of a unit's staff in one month, for the personnel office's
    /// monthly evaluation.
    Staff {
        unit: UnitRef,
        year: i32,
        month: u32,
    },
    /// The differences with the portal's official figures, month by month over a period,
    /// optionally of one unit kind.
    Official {
        period: Period,
        kind: Option<UnitKind>,
    },
}

/// The names of the exports, as in `/export/{what}`.
pub const EXPORTS: [&str; 7] = [
    "scoreboard",
    "unit",
    "staff",
    "decision",
    "violations",
    "official",
    "notice",
];

/// The query parameters.
type Params = HashMap<String, String>;

fn param<'a>(p: &'a Params, name: &str) -> Option<&'a str> {
    p.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn int<T: std::str::FromStr>(p: &Params, name: &str) -> ServiceResult<Option<T>> {
    param(p, name)
        .map(|s| {
            s.parse::<T>().map_err(|_| {
                ServiceError::validation(
                    name,
                    format!("{name} phải là một số nguyên, không phải {s:?}"),
                )
            })
        })
        .transpose()
}

fn required<T>(v: Option<T>, name: &str) -> ServiceResult<T> {
    v.ok_or_else(|| ServiceError::validation(name, format!("thiếu {name}")))
}

/// The period's refusal in Vietnamese, on its field.
fn period_error(e: shared::PeriodError) -> ServiceError {
    let message = match e.field {
        "year" => "Năm nằm ngoài khoảng cho phép.",
        "index" => "Hãy chọn tháng từ 1 đến 12 (month), hoặc quý từ 1 đến 4 (index).",
        _ => "Kỳ không hợp lệ.",
    };
    ServiceError::validation(e.field, message)
}

impl ExportRequest {
    /// Parses `what` (scoreboard, unit, decision, violations, official) and its query
    /// parameters: `year`, `period` (MONTH, QUARTER, YTD — the default — or YEAR), `month` or `index`,
    /// `kind` (a unit kind), `unit` (a code or an id), `decision` (an id); and `format`
    /// (xlsx by default).
    pub fn parse(what: &str, p: &Params) -> ServiceResult<(ExportRequest, Format)> {
        let format = param(p, "format").map_or(Ok(Format::Xlsx), Format::parse)?;
        let year = int::<i32>(p, "year")?;
        let month = match int::<i64>(p, "index")? {
            Some(i) => Some(i),
            None => int::<i64>(p, "month")?,
        };
        let req = match what {
            "scoreboard" => {
                let (period, kind) = period_and_kind(p, year, month)?;
                ExportRequest::Scoreboard { period, kind }
            }
            "unit" => unit(p, year, month)?,
            "staff" => staff(p, year, month)?,
            "decision" => ExportRequest::Decision {
                decision: DecisionId(required(int::<i32>(p, "decision")?, "decision")?),
            },
            "violations" => violations(p, year)?,
            "official" => {
                let (period, kind) = period_and_kind(p, year, month)?;
                ExportRequest::Official { period, kind }
            }
            other => {
                return Err(ServiceError::validation(
                    "export",
                    format!(
                        "không có bản xuất {other:?}; các bản xuất là: {}",
                        EXPORTS.join(", ")
                    ),
                ));
            }
        };
        Ok((req, format))
    }
}

/// `period` (YTD by default, through December unless `month` says otherwise) and `kind`:
/// those of a scoreboard and of the differences with the official figures.
fn period_and_kind(
    p: &Params,
    year: Option<i32>,
    month: Option<i64>,
) -> ServiceResult<(Period, Option<UnitKind>)> {
    let kind = match param(p, "period") {
        None => PeriodKind::Ytd,
        Some(k) => k.to_ascii_uppercase().parse().map_err(|_| {
            ServiceError::validation(
                "period",
                format!("không có loại kỳ {k:?}; dùng MONTH, QUARTER, YTD hoặc YEAR"),
            )
        })?,
    };
    let index = match kind {
        PeriodKind::Ytd | PeriodKind::Year => month.or(Some(12)),
        _ => month,
    };
    let period = Period::new(required(year, "year")?, kind, index).map_err(period_error)?;
    let unit_kind = param(p, "kind")
        .map(|k| {
            k.to_ascii_uppercase().parse::<UnitKind>().map_err(|_| {
                ServiceError::validation("kind", format!("không có loại đơn vị {k:?}"))
            })
        })
        .transpose()?;
    Ok((period, unit_kind))
}

/// `unit`, `year` and the year-to-date `month` (December by default).
fn unit(p: &Params, year: Option<i32>, month: Option<i64>) -> ServiceResult<ExportRequest> {
    let year = required(year, "year")?;
    let month = u32::try_from(month.unwrap_or(12)).unwrap_or(0);
    Period::ytd(year, month).map_err(period_error)?;
    Ok(ExportRequest::Unit {
        unit: UnitRef(required(param(p, "unit"), "unit")?.to_owned()),
        year,
        month,
    })
}

/// `unit`, `year` and `month` (required: the evaluation is monthly).
fn staff(p: &Params, year: Option<i32>, month: Option<i64>) -> ServiceResult<ExportRequest> {
    let year = required(year, "year")?;
    let month = required(month, "month")?;
    let month = u32::try_from(month).unwrap_or(0);
    Period::month(year, month).map_err(period_error)?;
    Ok(ExportRequest::Staff {
        unit: UnitRef(required(param(p, "unit"), "unit")?.to_owned()),
        year,
        month,
    })
}

/// An optional `unit` and an optional valid `year`.
fn violations(p: &Params, year: Option<i32>) -> ServiceResult<ExportRequest> {
    if let Some(y) = year {
        Period::year_of(y).map_err(period_error)?;
    }
    Ok(ExportRequest::Violations {
        unit: param(p, "unit").map(|u| UnitRef(u.to_owned())),
        year,
    })
}
