//! The demo's personal figures: for Xã An Phú and the next two communes of the tree, in
//! every month the unit reported of the decision's year, each active staff member's
//! dossiers received (a share of the unit's), and for those with personal targets the
//! figures their indicators read, at a rate near their target — one ahead of it, one well
//! behind — so that the head's page shows who is behind. Every person's month keeps the
//! catalogue's consistency rules.

use crate::db::entities::{indicator, measure, measure_value, staff, staff_target, target};
use crate::db::staff_figures::{self, StaffFigure};
use crate::db::values::Source;
use crate::db::{ConnectionTrait, Db};
use crate::error::ServiceResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::ids::{MeasureId, StaffId};
use std::collections::{BTreeMap, HashMap};

/// Each staff member's share of the unit's dossiers received, by position in the unit.
const SHARES: [f64; 6] = [0.06, 0.22, 0.20, 0.14, 0.12, 0.10];
/// How far from their target each staff member's rate lies, in percentage points.
const OFFSETS: [f64; 6] = [2.0, 6.0, -30.0, 1.0, -6.0, 3.0];

/// A personal target: the indicator's measures and the target value.
struct Personal {
    numerator: i32,
    denominator: Option<i32>,
    value: f64,
}

/// Writes the personal figures of `units` for `year`, months `1..=last`.
pub async fn seed_personal(db: &Db, units: &[i32], year: i32, last: u32) -> ServiceResult<usize> {
    let conn = db.conn();
    let measures: HashMap<String, i32> = measure::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect();
    let Some(&received) = measures.get("RECEIVED") else {
        return Ok(0);
    };
    let rules: Vec<(i32, i32)> = crate::service::catalogue::consistency(conn)
        .await?
        .into_iter()
        .filter_map(|(p, w)| Some((*measures.get(&p)?, *measures.get(&w)?)))
        .collect();
    let mut figures = Vec::new();
    for &unit in units {
        let people = staff::Entity::find()
            .filter(staff::Column::UnitId.eq(unit))
            .filter(staff::Column::Active.eq(true))
            .order_by_asc(staff::Column::Id)
            .all(conn)
            .await?;
        let targets = personal_targets(conn, unit, year).await?;
        let totals: BTreeMap<i32, i64> = measure_value::Entity::find()
            .filter(measure_value::Column::UnitId.eq(unit))
            .filter(measure_value::Column::Year.eq(year))
            .filter(measure_value::Column::MeasureId.eq(received))
            .filter(measure_value::Column::Month.lte(last as i32))
            .all(conn)
            .await?
            .into_iter()
            .map(|v| (v.month, v.value))
            .collect();
        for (&month, &total) in &totals {
            for (k, person) in people.iter().enumerate().take(SHARES.len()) {
                let mine = (total as f64 * SHARES[k]).round() as i64;
                let mut month_of: HashMap<i32, i64> = HashMap::from([(received, mine)]);
                for t in targets.get(&person.id).into_iter().flatten() {
                    let whole = match t.denominator {
                        Some(d) => *month_of.entry(d).or_insert(mine),
                        None => mine,
                    };
                    let rate = ((t.value + OFFSETS[k]).clamp(0.0, 100.0)) / 100.0;
                    month_of.insert(t.numerator, (whole as f64 * rate).round() as i64);
                }
                keep_rules(&mut month_of, &rules);
                figures.extend(month_of.into_iter().map(|(m, value)| StaffFigure {
                    staff_id: StaffId(person.id),
                    measure_id: MeasureId(m),
                    year,
                    month: month.clamp(1, 12) as u32,
                    value,
                }));
            }
        }
    }
    let txn = db.write().await?;
    staff_figures::upsert(&*txn, &figures, &Source::Manual, None).await?;
    txn.commit().await?;
    Ok(figures.len())
}

/// Lowers each part to its whole until every `(part, whole)` rule holds.
fn keep_rules(month: &mut HashMap<i32, i64>, rules: &[(i32, i32)]) {
    for _ in 0..rules.len().max(1) {
        let mut changed = false;
        for (part, whole) in rules {
            if let (Some(p), Some(w)) = (month.get(part).copied(), month.get(whole).copied())
                && p > w
            {
                month.insert(*part, w);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The personal targets of `unit`'s staff in `year`, by staff id.
async fn personal_targets(
    db: &impl ConnectionTrait,
    unit: i32,
    year: i32,
) -> ServiceResult<HashMap<i32, Vec<Personal>>> {
    let targets: HashMap<i32, i32> = target::Entity::find()
        .filter(target::Column::UnitId.eq(unit))
        .filter(target::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.indicator_id))
        .collect();
    let indicators: HashMap<i32, indicator::Model> = indicator::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let shares = staff_target::Entity::find()
        .filter(staff_target::Column::TargetId.is_in(targets.keys().copied()))
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Personal>> = HashMap::new();
    for s in shares {
        let Some(ind) = targets.get(&s.target_id).and_then(|i| indicators.get(i)) else {
            continue;
        };
        out.entry(s.staff_id).or_default().push(Personal {
            numerator: ind.numerator_id,
            denominator: ind.denominator_id,
            value: s.value,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::keep_rules;
    use std::collections::HashMap;

    #[test]
    fn parts_are_lowered_to_their_wholes_through_chains() {
        // FULL_ONLINE (3) ≤ RECEIVED_ONLINE (2) ≤ RECEIVED (1).
        let mut month = HashMap::from([(1, 10), (2, 12), (3, 11)]);
        keep_rules(&mut month, &[(3, 2), (2, 1)]);
        assert_eq!((month[&1], month[&2], month[&3]), (10, 10, 10));
    }
}
