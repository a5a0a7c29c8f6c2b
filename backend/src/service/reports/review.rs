//! Reviewing months before approving them: for each month asked, every active indicator
//! that applies to the unit, computed from the month's figures and set against the unit's
//! earlier submitted or approved months (see `domain::review`). The history of every unit
//! asked is read at once, so a page of months costs a fixed number of queries.

use crate::auth::Actor;
use crate::db::reports::MonthKey;
use crate::db::review::{MonthFigures, months_of_units};
use crate::db::{self, ConnectionTrait, catalogue};
use crate::domain::review::{Formula, IndicatorReview, ReviewRules, SETTING_KEYS, review_month};
use crate::domain::tree::month_index;
use crate::error::ServiceResult;
use crate::service::units;
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};
use std::collections::{BTreeMap, HashMap};

/// The rules in force: the defaults with the stored settings applied.
pub async fn rules(db: &impl ConnectionTrait) -> ServiceResult<ReviewRules> {
    let stored = db::settings::get(db, &SETTING_KEYS).await?;
    Ok(ReviewRules::with_settings(|k| stored.get(k).cloned()))
}

/// The review of each month of `keys` whose unit is in the caller's scope.
pub async fn of_months(
    actor: &Actor,
    db: &impl ConnectionTrait,
    keys: &[MonthKey],
) -> ServiceResult<HashMap<MonthKey, Vec<IndicatorReview>>> {
    let unit_ids: Vec<UnitId> = keys.iter().map(|k| k.unit_id).collect();
    let visible = units::by_ids(actor, db, &unit_ids).await?;
    let keys: Vec<MonthKey> = keys
        .iter()
        .copied()
        .filter(|k| visible.contains_key(&k.unit_id))
        .collect();
    let (Some(first), Some(last)) = (
        keys.iter().map(|k| k.year).min(),
        keys.iter().map(|k| k.year).max(),
    ) else {
        return Ok(HashMap::new());
    };
    let rules = rules(db).await?;
    let indicators = catalogue::indicators(db, None).await?;
    let mut units: Vec<UnitId> = keys.iter().map(|k| k.unit_id).collect();
    units.sort();
    units.dedup();
    let back_years = rules.history_months.div_euclid(12) + 1;
    let stored = months_of_units(db, &units, first - back_years, last).await?;
    let mut history: HashMap<UnitId, BTreeMap<i32, HashMap<MeasureId, i64>>> = HashMap::new();
    for (key, month) in &stored {
        if counts_as_history(month) {
            history
                .entry(key.unit_id)
                .or_default()
                .insert(month_index(key.year, key.month), month.figures.clone());
        }
    }
    let empty_history = BTreeMap::new();
    let empty_figures = HashMap::new();
    let mut out = HashMap::new();
    for key in keys {
        let Some(unit) = visible.get(&key.unit_id) else {
            continue;
        };
        let formulas: Vec<Formula> = indicators
            .iter()
            .filter(|i| i.active && i.applies_to_kind(unit.kind))
            .map(|i| Formula {
                indicator: i.id,
                kind: i.kind,
                numerator: i.numerator_id,
                denominator: i.denominator_id,
            })
            .collect();
        let current = stored.get(&key).map_or(&empty_figures, |m| &m.figures);
        let earlier = history.get(&key.unit_id).unwrap_or(&empty_history);
        let month = month_index(key.year, key.month);
        out.insert(
            key,
            review_month(&rules, &formulas, month, current, earlier),
        );
    }
    Ok(out)
}

/// Earlier months are judged by what was handed in: submitted or approved.
fn counts_as_history(month: &MonthFigures) -> bool {
    matches!(
        month.status,
        ReportStatus::Submitted | ReportStatus::Approved
    )
}
