//! Cascade gaps: how far the targets of a unit's direct children fall short of its own
//! target for the same indicator and year, weighted by last year's denominators.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{rollups, targets, units};
use crate::domain::cascade::{ChildTarget, cascade_gap};
use crate::domain::model::{Indicator, Target};
use crate::error::ServiceResult;
use crate::service::access;
use crate::service::catalogue;
use shared::IndicatorKind;
use shared::ids::{IndicatorId, MeasureId, TargetId, UnitId};
use std::collections::HashMap;

/// The cascade gap of each target (in scope): the shortfall of its unit's direct children's
/// targets for the same indicator and year. Five queries for any number of targets.
pub async fn cascade_gaps(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Option<f64>>> {
    let parents = targets::by_ids(db, access::scope(actor), ids).await?;
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    // The children in force at the end of each target's year: a merged unit's targets of
    // the year of the merge stay as history, its successor's count.
    let mut children_of: HashMap<(UnitId, i32), Vec<UnitId>> = HashMap::new();
    let years: std::collections::BTreeSet<i32> = parents.iter().map(|t| t.year).collect();
    for year in years {
        let of_year: Vec<UnitId> = parents
            .iter()
            .filter(|t| t.year == year)
            .map(|t| t.unit_id)
            .collect();
        let Some(end) = chrono::NaiveDate::from_ymd_opt(year, 12, 31) else {
            continue;
        };
        for (c, p) in units::active_children(db, &of_year, end).await? {
            children_of.entry((p, year)).or_default().push(c);
        }
    }
    let mut child_ids: Vec<UnitId> = children_of.values().flatten().copied().collect();
    child_ids.sort();
    child_ids.dedup();
    let indicator_ids: Vec<IndicatorId> = parents.iter().map(|t| t.indicator_id).collect();
    let indicators = catalogue::indicators_by_ids(db, &indicator_ids).await?;
    let child_targets = targets_of(db, &child_ids, &indicator_ids).await?;
    let weights = last_year_weights(db, &parents, &indicators, &child_ids).await?;
    let family = Family {
        indicators: &indicators,
        children_of: &children_of,
        child_targets: &child_targets,
        weights: &weights,
    };
    Ok(parents.iter().filter_map(|t| family.gap(t)).collect())
}

/// What the gaps of parent targets are computed from.
struct Family<'a> {
    indicators: &'a HashMap<IndicatorId, Indicator>,
    children_of: &'a HashMap<(UnitId, i32), Vec<UnitId>>,
    /// Target values by (child, indicator, year).
    child_targets: &'a HashMap<(UnitId, IndicatorId, i32), f64>,
    /// Last year's denominators by (child, measure, year).
    weights: &'a HashMap<(UnitId, MeasureId, i32), i64>,
}

impl Family<'_> {
    /// The gap of a parent target; `None` when its indicator is unknown.
    fn gap(&self, t: &Target) -> Option<(TargetId, Option<f64>)> {
        let ind = self.indicators.get(&t.indicator_id)?;
        let children = self
            .children_of
            .get(&(t.unit_id, t.year))
            .map(Vec::as_slice);
        let kids: Vec<ChildTarget> = children
            .unwrap_or(&[])
            .iter()
            .filter_map(|c| {
                let value = *self.child_targets.get(&(*c, t.indicator_id, t.year))?;
                let weight = ind
                    .denominator_id
                    .and_then(|d| self.weights.get(&(*c, d, t.year - 1)).copied());
                Some(ChildTarget { value, weight })
            })
            .collect();
        let kind = if ind.kind == IndicatorKind::Rate {
            IndicatorKind::Rate
        } else {
            IndicatorKind::Count
        };
        Some((t.id, cascade_gap(kind, t.value, &kids)))
    }
}

/// The target values of `units` for `indicators` by (unit, indicator, year), the latest
/// decision's.
async fn targets_of(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    indicators: &[IndicatorId],
) -> ServiceResult<HashMap<(UnitId, IndicatorId, i32), f64>> {
    let rows = targets::of_units(db, units, indicators, None).await?;
    Ok(rows
        .into_iter()
        .map(|t| ((t.unit_id, t.indicator_id, t.year), t.value))
        .collect())
}

/// Each child's denominator summed over the year before each parent target's year (its
/// December year-to-date), by (child, measure, year).
async fn last_year_weights(
    db: &impl ConnectionTrait,
    parents: &[Target],
    indicators: &HashMap<IndicatorId, Indicator>,
    child_ids: &[UnitId],
) -> ServiceResult<HashMap<(UnitId, MeasureId, i32), i64>> {
    let mut years: Vec<i32> = parents.iter().map(|t| t.year).collect();
    years.sort_unstable();
    years.dedup();
    let denominators: Vec<MeasureId> = indicators
        .values()
        .filter_map(|i| i.denominator_id)
        .collect();
    let mut weights = HashMap::new();
    for y in years {
        for r in rollups::ytd_rows(db, child_ids, &denominators, y - 1, &[12], false).await? {
            weights.insert((r.unit_id, r.measure_id, y - 1), r.total);
        }
    }
    Ok(weights)
}
