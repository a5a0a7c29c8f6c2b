//! The differences between our figures and the portal's official ones over a period, to
//! export: for every unit in the caller's scope (of one kind, if given), every indicator and
//! month of the period where the two differ by more than 0.5 percentage points or 0.5
//! points — or where only one side has a figure — as `IndicatorResult.official` compares
//! them. Months are compared one by one: a month keeps the portal's own score.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::official::compare_result;
use crate::error::{ServiceError, ServiceResult};
use crate::service::official::{self, OfficialKey};
use crate::service::results::{self, Basis, ResultRow};
use shared::ids::{IndicatorId, UnitId};
use shared::{Period, UnitKind};
use std::collections::HashMap;

/// What the differences export shows.
#[derive(Debug, Clone)]
pub struct OfficialDifferences {
    /// The period compared, month by month.
    pub period: Period,
    /// The unit kind asked for, if any.
    pub kind: Option<UnitKind>,
    /// The differing unit-months, by unit, indicator (catalogue order) and month.
    pub rows: Vec<Difference>,
}

/// One indicator of one unit in one month where ours and the official figure differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub unit_code: String,
    pub unit_name: String,
    pub indicator_code: String,
    pub indicator_name: String,
    pub year: i32,
    pub month: u32,
    /// Our rate in percent (a count indicator's count).
    pub our_value: Option<f64>,
    pub official_value: Option<f64>,
    /// Ours minus the official one, in percentage points (null when a side has none).
    pub value_difference: Option<f64>,
    pub our_points: Option<f64>,
    pub official_points: Option<f64>,
    /// Ours minus the official score (null when a side has none).
    pub score_difference: Option<f64>,
    /// The indicator's place in the catalogue, for the order of the rows.
    position: usize,
}

/// The differences of `period` as the caller sees them: the units of its scoreboard of
/// each month of the period, against the official figures of the same month.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    kind: Option<UnitKind>,
) -> ServiceResult<OfficialDifferences> {
    let mut rows = Vec::new();
    for month in period.first_month()..=period.last_month() {
        let month = Period::month(period.year(), month)
            .map_err(|e| ServiceError::validation(e.field, e.message))?;
        rows.extend(month_differences(actor, db, month, kind).await?);
    }
    rows.sort_by(|a, b| {
        (&a.unit_code, a.position, a.month).cmp(&(&b.unit_code, b.position, b.month))
    });
    Ok(OfficialDifferences { period, kind, rows })
}

/// The differences of one month.
async fn month_differences(
    actor: &Actor,
    db: &impl ConnectionTrait,
    month: Period,
    kind: Option<UnitKind>,
) -> ServiceResult<Vec<Difference>> {
    let board = results::scoreboard(actor, db, month, kind, None, Basis::AllSaved, false).await?;
    let ours: Vec<&ResultRow> = board.rows.iter().flat_map(|r| &r.results).collect();
    let keys: Vec<OfficialKey> = ours
        .iter()
        .map(|r| (r.unit_id, r.indicator_id, r.period))
        .collect();
    let officials = official::of_results(actor, db, &keys).await?;
    let units: HashMap<UnitId, _> = board.units.iter().map(|u| (u.id, u)).collect();
    let indicators: HashMap<IndicatorId, _> = board
        .indicators
        .iter()
        .enumerate()
        .map(|(position, i)| (i.id, (position, i)))
        .collect();
    let mut out = Vec::new();
    for r in ours {
        let Some(o) = officials.get(&(r.unit_id, r.indicator_id, r.period)) else {
            continue;
        };
        let (Some(unit), Some((position, ind))) =
            (units.get(&r.unit_id), indicators.get(&r.indicator_id))
        else {
            continue;
        };
        let c = compare_result(&r.eval, &o.figure);
        if !c.differs {
            continue;
        }
        out.push(Difference {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            indicator_code: ind.code.clone(),
            indicator_name: ind.name.clone(),
            year: month.year(),
            month: month.last_month(),
            our_value: r.eval.value,
            official_value: o.figure.value,
            value_difference: c.value_difference,
            our_points: r.eval.points,
            official_points: o.figure.score,
            score_difference: c.score_difference,
            position: *position,
        });
    }
    Ok(out)
}
