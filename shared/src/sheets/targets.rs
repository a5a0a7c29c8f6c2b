//! Targets of a decision from a file: one row per unit (its code, optionally its name), one
//! column per indicator (code or name) and, optionally, a baseline column per indicator
//! ("<code> baseline", "Cơ sở <code>").

use super::cell::Cell;
use super::header::{self, Fixed, HeaderSearch, Judged};
use super::problem::{Problem, ProblemKind, ProblemReason, Problems};
use super::table::{self, Format};
use std::collections::HashMap;

/// One target read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCell {
    pub row: u32,
    /// The 0-based column of the target value.
    pub col: u16,
    /// The 0-based column of the baseline, when one was given.
    pub baseline_col: Option<u16>,
    /// Index into [`Targets::units`].
    pub unit: u32,
    /// Index into the indicators given to [`read_targets`].
    pub indicator: u16,
    pub value: f64,
    pub baseline: Option<f64>,
    /// The target and the baseline as written, for problems the server finds later.
    pub written: (String, Option<String>),
}

/// What a targets file holds.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub format: Option<Format>,
    pub units: Vec<String>,
    pub cells: Vec<TargetCell>,
    pub rows: u32,
    pub headers: Vec<String>,
    /// The 0-based column of the unit codes.
    pub unit_column: Option<usize>,
    pub problems: Problems,
}

const BASELINE_WORDS: [&str; 3] = ["gia tri co so", "co so", "baseline"];

fn baseline_of(folded: &str, indicators: &[(&str, &str)]) -> Option<usize> {
    BASELINE_WORDS.iter().find_map(|w| {
        let rest = folded
            .strip_suffix(w)
            .or_else(|| folded.strip_prefix(w))?
            .trim();
        header::named(rest, indicators)
    })
}

struct Plan {
    unit: usize,
    values: Vec<(usize, u16)>,
    baselines: HashMap<u16, usize>,
}

/// Reads the targets of a CSV or XLSX file against the catalogue's `indicators` (code, name).
pub fn read_targets(bytes: &[u8], indicators: &[(&str, &str)]) -> Targets {
    let mut out = Targets::default();
    let mut plan: Option<Plan> = None;
    let mut dead = false;
    let mut unit_rows: HashMap<String, u32> = HashMap::new();
    let mut search = HeaderSearch::default();
    let mut row_problems = Vec::new();
    let result = table::visit_rows(
        bytes,
        &[super::TARGETS_SHEET, "Targets"],
        |n, cells| {
            if dead || cells.iter().all(Cell::is_blank) {
                return;
            }
            match &plan {
                None => {
                    let before = std::mem::take(&mut out.problems);
                    let read = header_plan(n, cells, indicators, &mut out);
                    let found = std::mem::replace(&mut out.problems, before);
                    match search.judge(found, &out.headers) {
                        Judged::Header(found) => {
                            out.problems.extend(found);
                            match read {
                                Some(p) => plan = Some(p),
                                None => dead = true,
                            }
                        }
                        Judged::NotYet => {}
                        Judged::Refused(found, headers) => {
                            out.problems.extend(found);
                            out.headers = headers;
                            dead = true;
                        }
                    }
                }
                Some(p) => data_row(n, cells, p, &mut out, &mut unit_rows),
            }
        },
        |p| row_problems.push(p),
    );
    for p in row_problems {
        out.problems.push(p);
    }
    match result {
        Ok(f) => out.format = Some(f),
        Err(p) => out.problems.push(*p),
    }
    if plan.is_none()
        && !dead
        && let Some((problems, headers)) = search.leftover()
    {
        out.problems.extend(problems);
        out.headers = headers;
        dead = true;
    }
    if plan.is_none() && !dead && out.problems.is_empty() {
        out.problems.push(Problem::file(
            ProblemReason::EmptyFile,
            "the file is empty: no header row",
        ));
    } else if plan.is_some() && out.rows == 0 && out.problems.is_empty() {
        out.problems.push(Problem::file(
            ProblemReason::NoRows,
            "the file has a header row but no units",
        ));
    }
    out.problems.sort();
    out
}

fn header_plan(
    n: u32,
    cells: &[Cell],
    indicators: &[(&str, &str)],
    out: &mut Targets,
) -> Option<Plan> {
    out.headers = cells.iter().map(Cell::text).collect();
    let mut unit = None;
    let mut values: Vec<(usize, u16)> = Vec::new();
    let mut baselines: HashMap<u16, usize> = HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let folded = header::fold(&cell.text());
        let h = out.headers.get(i).cloned().unwrap_or_default();
        if folded.is_empty() {
            continue;
        }
        match header::fixed(&folded) {
            Some(Fixed::UnitCode) => unit = Some(i),
            Some(Fixed::UnitName) => {}
            _ => {
                if let Some(k) = header::named(&folded, indicators) {
                    let k = u16::try_from(k).unwrap_or(u16::MAX);
                    if values.iter().any(|(_, seen)| *seen == k) {
                        let p = Problem::new(
                            ProblemKind::Duplicate,
                            ProblemReason::RepeatedColumn,
                            "this indicator has two columns",
                        );
                        out.problems.push(p.at(n, Some((i, &h))).with_value(&h));
                    }
                    values.push((i, k));
                } else if let Some(k) = baseline_of(&folded, indicators) {
                    baselines.insert(u16::try_from(k).unwrap_or(u16::MAX), i);
                } else {
                    let p = Problem::new(
                        ProblemKind::UnknownColumn,
                        ProblemReason::UnknownHeader,
                        "not a known column, indicator code or baseline",
                    );
                    out.problems.push(p.at(n, Some((i, &h))).with_value(&h));
                }
            }
        }
    }
    if unit.is_none() {
        out.problems.push(
            Problem::new(
                ProblemKind::MissingColumn,
                ProblemReason::NoUnitColumn,
                "the header row has no unit code (Mã đơn vị) column",
            )
            .in_row(n),
        );
    }
    if values.is_empty() {
        out.problems.push(
            Problem::new(
                ProblemKind::MissingColumn,
                ProblemReason::NoIndicatorColumns,
                "the header row has no indicator column",
            )
            .in_row(n),
        );
    }
    if !out.problems.is_empty() {
        return None;
    }
    out.unit_column = unit;
    Some(Plan {
        unit: unit.unwrap_or(0),
        values,
        baselines,
    })
}

fn data_row(
    n: u32,
    cells: &[Cell],
    plan: &Plan,
    out: &mut Targets,
    unit_rows: &mut HashMap<String, u32>,
) {
    out.rows = out.rows.saturating_add(1);
    let cell = |i: usize| cells.get(i).unwrap_or(&Cell::Empty);
    let header = |out: &Targets, i: usize| out.headers.get(i).cloned().unwrap_or_default();
    let code = cell(plan.unit).text();
    let unit = if code.is_empty() {
        let h = header(out, plan.unit);
        let p = Problem::new(
            ProblemKind::UnknownUnit,
            ProblemReason::Missing,
            "the unit code is missing",
        );
        out.problems
            .push(p.at(n, Some((plan.unit, &h))).with_value(code));
        None
    } else if let Some(first) = unit_rows.get(&code) {
        let h = header(out, plan.unit);
        let p = Problem::new(
            ProblemKind::Duplicate,
            ProblemReason::RepeatedUnit,
            format!("unit {code} is also given in row {first}"),
        );
        out.problems.push(
            p.at(n, Some((plan.unit, &h)))
                .with_value(code)
                .repeating(*first),
        );
        None
    } else {
        unit_rows.insert(code.clone(), n);
        out.units.push(code);
        u32::try_from(out.units.len().saturating_sub(1)).ok()
    };
    for &(col, k) in &plan.values {
        let value = match cell(col).decimal() {
            Ok(v) => v,
            Err(e) => {
                let h = header(out, col);
                let p = Problem::new(
                    ProblemKind::BadValue,
                    e.reason,
                    format!("the target {}", e.message),
                );
                out.problems
                    .push(p.at(n, Some((col, &h))).with_value(cell(col).text()));
                continue;
            }
        };
        let bcol = plan.baselines.get(&k).copied();
        let baseline = match bcol.map(|b| cell(b).decimal()) {
            None => None,
            Some(Ok(b)) => b,
            Some(Err(e)) => {
                let b = bcol.unwrap_or(0);
                let h = header(out, b);
                let p = Problem::new(
                    ProblemKind::BadValue,
                    e.reason,
                    format!("the baseline {}", e.message),
                );
                out.problems
                    .push(p.at(n, Some((b, &h))).with_value(cell(b).text()));
                continue;
            }
        };
        let Some(value) = value else {
            if let (Some(b), Some(_)) = (bcol, baseline) {
                let h = header(out, b);
                let p = Problem::new(
                    ProblemKind::BadValue,
                    ProblemReason::BaselineWithoutTarget,
                    "a baseline without a target",
                );
                out.problems
                    .push(p.at(n, Some((b, &h))).with_value(cell(b).text()));
            }
            continue;
        };
        if let Some(unit) = unit {
            out.cells.push(TargetCell {
                row: n,
                col: u16::try_from(col).unwrap_or(u16::MAX),
                baseline_col: bcol.and_then(|b| u16::try_from(b).ok()),
                unit,
                indicator: k,
                value,
                baseline,
                written: (cell(col).text(), bcol.map(|b| cell(b).text())),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDICATORS: [(&str, &str); 2] = [
        ("ONLINE_RATE", "Tỷ lệ hồ sơ trực tuyến"),
        ("ON_TIME_RATE", "Tỷ lệ đúng hạn"),
    ];

    #[test]
    fn rows_give_targets_with_baselines() {
        let t = read_targets(
            "Mã đơn vị,Tên đơn vị,ONLINE_RATE,Cơ sở ONLINE_RATE,Tỷ lệ đúng hạn\nC1,Xã A,\"85,5\",70,98\nC2,Xã B,90,,\n"
                .as_bytes(),
            &INDICATORS,
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.units, vec!["C1", "C2"]);
        assert_eq!(t.cells.len(), 3);
        assert_eq!(t.cells[0].value, 85.5);
        assert_eq!(t.cells[0].baseline, Some(70.0));
        assert_eq!(t.cells[1].indicator, 1);
        assert_eq!(t.cells[2].baseline, None);
    }

    #[test]
    fn problems_name_their_cell() {
        let t = read_targets(
            b"unit_code,ONLINE_RATE,NOPE\nC1,abc,1\nC1,5,1\n",
            &INDICATORS,
        );
        assert_eq!(t.problems.list.len(), 1);
        assert_eq!(t.problems.list[0].kind, ProblemKind::UnknownColumn);
        assert_eq!(t.problems.list[0].column.as_deref(), Some("C"));
        let t = read_targets(b"unit_code,ONLINE_RATE\nC1,abc\nC1,5\n,5\n", &INDICATORS);
        let kinds: Vec<_> = t.problems.list.iter().map(|p| (p.kind, p.row)).collect();
        assert_eq!(
            kinds,
            vec![
                (ProblemKind::BadValue, Some(2)),
                (ProblemKind::Duplicate, Some(3)),
                (ProblemKind::UnknownUnit, Some(4))
            ]
        );
    }

    #[test]
    fn problems_carry_their_reason_and_what_was_written() {
        let t = read_targets(
            "Mã đơn vị,ONLINE_RATE,Cơ sở ON_TIME_RATE,Tỷ lệ trực tuyến\nC1,abc,,\nC1,5,7,\n,5,,\n"
                .as_bytes(),
            &INDICATORS,
        );
        let got = t.problems.reasons();
        assert_eq!(
            got,
            vec![(ProblemReason::UnknownHeader, Some("Tỷ lệ trực tuyến"), None),]
        );
        let t = read_targets(
            "Mã đơn vị,ONLINE_RATE,Cơ sở ON_TIME_RATE,ON_TIME_RATE\nC1,abc,,\nC1,5,7,\n,5,,\n"
                .as_bytes(),
            &INDICATORS,
        );
        let got = t.problems.reasons();
        assert_eq!(
            got,
            vec![
                (ProblemReason::NotANumber, Some("abc"), None),
                (ProblemReason::RepeatedUnit, Some("C1"), Some(2)),
                (ProblemReason::BaselineWithoutTarget, Some("7"), None),
                (ProblemReason::Missing, Some(""), None),
            ]
        );
        let t = read_targets(b"Ten don vi,Ghi chu\nXa A,x\n", &INDICATORS);
        let reasons: Vec<_> = t.problems.list.iter().map(|p| p.reason).collect();
        assert!(
            reasons.contains(&ProblemReason::NoUnitColumn),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&ProblemReason::NoIndicatorColumns),
            "{reasons:?}"
        );
    }
}
