//! Indicators newly OFF_TRACK: for each unit, at the latest month of the current year with
//! approved figures, the indicators whose year-to-date status is OFF_TRACK there and was not
//! the month before (or that month is January). Computed by the results engine on approved
//! figures, batched over all units: a constant number of queries per distinct latest month.

use crate::db::ConnectionTrait;
use crate::db::rollups;
use crate::domain::cycle::todo;
use crate::domain::model::{Indicator, Unit};
use crate::error::ServiceResult;
use crate::service::catalogue;
use crate::service::results::{Basis, compute_periods};
use chrono::{Datelike, NaiveDate};
use shared::Period;
use shared::ids::{IndicatorId, UnitId};
use std::collections::BTreeMap;

/// An indicator of a unit that fell OFF_TRACK at a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OffTrack {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub month: u32,
}

/// `units` by their latest month of `year` with approved figures (units without any left
/// out), so that the units sharing a month are computed together.
pub async fn by_latest_month(
    db: &impl ConnectionTrait,
    units: &[Unit],
    year: i32,
) -> ServiceResult<BTreeMap<u32, Vec<Unit>>> {
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let latest = rollups::latest_approved_months(db, &ids, year).await?;
    let mut by_month: BTreeMap<u32, Vec<Unit>> = BTreeMap::new();
    for u in units {
        if let Some(m) = latest.get(&u.id) {
            by_month.entry(*m).or_default().push(u.clone());
        }
    }
    Ok(by_month)
}

/// The active indicators of the catalogue.
pub async fn active_indicators(db: &impl ConnectionTrait) -> ServiceResult<Vec<Indicator>> {
    Ok(catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect())
}

/// The indicators of `units` newly OFF_TRACK on `today` (see the module), ordered by unit
/// and indicator. Active indicators only; the results count approved figures only.
pub async fn newly_off_track(
    db: &impl ConnectionTrait,
    units: &[Unit],
    today: NaiveDate,
) -> ServiceResult<Vec<OffTrack>> {
    let year = today.year();
    let by_month = by_latest_month(db, units, year).await?;
    if by_month.is_empty() {
        return Ok(Vec::new());
    }
    let indicators = active_indicators(db).await?;
    let mut out = Vec::new();
    for (month, group) in by_month {
        let mut periods = vec![Period::ytd(year, month)?];
        if month > 1 {
            periods.push(Period::ytd(year, month - 1)?);
        }
        let computed =
            compute_periods(db, &group, &indicators, &periods, Basis::ApprovedOnly).await?;
        let mut computed = computed.into_iter();
        let now = computed.next().unwrap_or_default();
        let before: BTreeMap<(UnitId, IndicatorId), shared::TrackStatus> = computed
            .next()
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(_, rows)| rows)
            .map(|r| ((r.unit_id, r.indicator_id), r.eval.status))
            .collect();
        for row in now.into_iter().flat_map(|(_, rows)| rows) {
            let was = before.get(&(row.unit_id, row.indicator_id)).copied();
            let was = if month > 1 {
                Some(was.unwrap_or(shared::TrackStatus::NoData))
            } else {
                None
            };
            if todo::newly_off_track(month, row.eval.status, was) {
                out.push(OffTrack {
                    unit: row.unit_id,
                    indicator: row.indicator_id,
                    year,
                    month,
                });
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}
