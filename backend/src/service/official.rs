//! The portal's official figures beside ours: for each (unit, indicator, period) asked,
//! the official figure over the period with where it came from, for units in the caller's
//! scope only.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::official::{self as store, OfficialRow};
use crate::domain::official::{OfficialFigure, OfficialMonth, over_period};
use crate::domain::results::IndicatorSpec;
use crate::error::ServiceResult;
use chrono::{DateTime, Utc};
use shared::ids::{IndicatorId, UnitId};
use shared::{Period, PeriodKind};
use std::collections::{BTreeMap, HashMap};

/// What `IndicatorResult.official` is asked for.
pub type OfficialKey = (UnitId, IndicatorId, Period);

/// An official figure with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Official {
    pub figure: OfficialFigure,
    /// The latest file among the period's months: its name and SHA-256.
    pub source: String,
    /// When that file was imported.
    pub imported_at: DateTime<Utc>,
}

/// The official figures of `keys` whose unit is in the caller's scope; a key without any
/// imported month is left out. One read per distinct period.
pub async fn of_results(
    actor: &Actor,
    db: &impl ConnectionTrait,
    keys: &[OfficialKey],
) -> ServiceResult<HashMap<OfficialKey, Official>> {
    let mut unit_ids: Vec<UnitId> = keys.iter().map(|k| k.0).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let visible = super::units::by_ids(actor, db, &unit_ids).await?;
    let mut indicator_ids: Vec<IndicatorId> = keys.iter().map(|k| k.1).collect();
    indicator_ids.sort_unstable();
    indicator_ids.dedup();
    let indicators = super::catalogue::indicators_by_ids(db, &indicator_ids).await?;
    let mut by_period: BTreeMap<(i32, u32, u32), Vec<OfficialKey>> = BTreeMap::new();
    for k in keys.iter().filter(|k| visible.contains_key(&k.0)) {
        let p = k.2;
        by_period
            .entry((p.year(), p.first_month(), p.last_month()))
            .or_default()
            .push(*k);
    }
    let mut found = HashMap::new();
    for ((year, first, last), asked) in by_period {
        let units: Vec<UnitId> = asked.iter().map(|k| k.0).collect();
        let inds: Vec<IndicatorId> = asked.iter().map(|k| k.1).collect();
        let rows = store::months_of(db, &units, &inds, year, (first, last)).await?;
        let mut months: HashMap<(UnitId, IndicatorId), Vec<OfficialRow>> = HashMap::new();
        for r in rows {
            months
                .entry((r.unit_id, r.indicator_id))
                .or_default()
                .push(r);
        }
        for key in asked {
            let (Some(rows), Some(ind)) = (months.get(&(key.0, key.1)), indicators.get(&key.1))
            else {
                continue;
            };
            let spec = IndicatorSpec {
                kind: ind.kind,
                direction: ind.direction,
                rule: ind.rule,
                threshold: ind.threshold,
                points: ind.points,
                no_data: ind.no_data,
            };
            let imported: Vec<OfficialMonth> = rows
                .iter()
                .map(|r| OfficialMonth {
                    numerator: r.numerator,
                    denominator: r.denominator,
                    score: r.score,
                    max_score: r.max_score,
                })
                .collect();
            let single = key.2.kind() == PeriodKind::Month;
            let (Some(figure), Some(latest)) = (
                over_period(&imported, single, &spec),
                rows.iter().max_by_key(|r| r.imported_at),
            ) else {
                continue;
            };
            let official = Official {
                figure,
                source: format!("{} (SHA-256 {})", latest.file_name, latest.sha256),
                imported_at: latest.imported_at,
            };
            found.insert(key, official);
        }
    }
    Ok(found)
}
