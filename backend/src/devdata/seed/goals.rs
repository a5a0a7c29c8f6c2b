//! This year's decision's targets for every unit in force on every indicator, split into
//! milestones from last year's actual rate (quarterly for the province and the communes,
//! monthly for departments, divisions and the centre), and personal targets for some staff.

use super::province::Level;
use crate::db::entities::{indicator, milestone, staff_target, target};
use crate::domain::roadmap::{SplitRequest, split};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::Set;
use shared::{Grain, IndicatorKind, SplitMethod};
use std::collections::HashMap;

/// The province's level for each indicator this year.
const GOALS: [(&str, f64); 8] = [
    ("DIGITIZATION_RATE", 80.0),
    ("E_RESULT_RATE", 90.0),
    ("REUSE_RATE", 50.0),
    ("FULL_ONLINE_RATE", 50.0),
    ("ONLINE_SUBMISSION_RATE", 80.0),
    ("ONLINE_PAYMENT_RATE", 60.0),
    ("ON_TIME_RATE", 98.0),
    ("FEEDBACK_ON_TIME_RATE", 95.0),
];

/// The rows to write.
#[derive(Default)]
pub struct Goals {
    pub targets: Vec<target::ActiveModel>,
    pub milestones: Vec<milestone::ActiveModel>,
    pub staff_targets: Vec<staff_target::ActiveModel>,
}

/// A unit that gets targets: its id, where it sits (`None` for the province) and its
/// staff, head first.
pub struct TargetUnit {
    pub id: i32,
    pub level: Option<Level>,
    pub staff: Vec<i32>,
}

/// The decision the targets belong to.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub id: i32,
    pub year: i32,
}

/// Targets of `decision` for every unit of `units` on the decision's rate indicators, ids from
/// `next_id`; `last_year` gives a unit's (numerator, denominator) sums of last year over
/// its subtree and lineage by indicator id.
pub fn plan(
    rng: &mut StdRng,
    units: &[TargetUnit],
    decision: Decision,
    next_id: i32,
    indicators: &[indicator::Model],
    last_year: &HashMap<(i32, i32), (i64, i64)>,
) -> Goals {
    let goal_of: HashMap<&str, f64> = GOALS.into_iter().collect();
    let mut planner = Planner {
        decision,
        last_year,
        next_id,
        out: Goals::default(),
    };
    for unit in units {
        // The decision's eight indicators, whichever catalogue holds them.
        for ind in indicators
            .iter()
            .filter(|i| i.active && i.kind == IndicatorKind::Rate)
        {
            if let Some(base) = goal_of.get(ind.code.as_str()).copied() {
                planner.target(rng, unit, ind, base);
            }
        }
    }
    planner.out
}

/// The rows planned so far and what each new one needs.
struct Planner<'a> {
    decision: Decision,
    last_year: &'a HashMap<(i32, i32), (i64, i64)>,
    next_id: i32,
    out: Goals,
}

impl Planner<'_> {
    /// The target of a (unit, level, head) on an indicator, near the province's `base`,
    /// with its roadmap and personal shares.
    fn target(&mut self, rng: &mut StdRng, unit: &TargetUnit, ind: &indicator::Model, base: f64) {
        let level = unit.level;
        let step: f64 = match level {
            None => 0.0,
            Some(Level::Commune) => [-5.0, 0.0, 0.0, 5.0][rng.random_range(0..4)],
            Some(_) => [0.0, 0.0, 5.0][rng.random_range(0..3)],
        };
        let value = (base + step).clamp(0.0, 100.0);
        let id = self.next_id;
        self.next_id += 1;
        self.out.targets.push(target::ActiveModel {
            id: Set(id),
            decision_id: Set(self.decision.id),
            unit_id: Set(unit.id),
            indicator_id: Set(ind.id),
            year: Set(self.decision.year),
            value: Set(value),
            baseline: Set(None),
            responsible_staff_id: Set(unit.staff.first().copied()),
            version: Set(1),
            split_grain: Set(None),
        });
        self.roadmap(id, (unit.id, level), ind.id, value);
        personal(unit, &ind.code, id, value, &mut self.out);
    }

    /// The milestones of a target: split linearly from last year's rate, quarterly for the
    /// province and the communes, monthly for the others.
    fn roadmap(
        &mut self,
        target: i32,
        (unit, level): (i32, Option<Level>),
        indicator: i32,
        value: f64,
    ) {
        let grain = match level {
            None | Some(Level::Commune) => Grain::Quarter,
            Some(_) => Grain::Month,
        };
        let last_year_rate = self
            .last_year
            .get(&(unit, indicator))
            .filter(|(_, d)| *d > 0)
            .map(|(n, d)| *n as f64 * 100.0 / *d as f64);
        let req = SplitRequest {
            kind: IndicatorKind::Rate,
            target: value,
            baseline: None,
            last_year_rate,
            last_year_monthly: None,
            method: SplitMethod::Linear,
            grain,
            manual: None,
        };
        let Ok(values) = split(&req) else {
            return;
        };
        let rows = values
            .into_iter()
            .enumerate()
            .map(|(k, v)| milestone::ActiveModel {
                target_id: Set(target),
                grain: Set(grain),
                idx: Set(k as i32 + 1),
                value: Set(v),
            });
        self.out.milestones.extend(rows);
    }
}

/// Personal targets: a commune's focal point and vice-chairman carry its online targets,
/// a division's head its on-time target.
fn personal(unit: &TargetUnit, code: &str, target: i32, value: f64, out: &mut Goals) {
    let shares: &[(usize, f64)] = match (unit.level, code) {
        (Some(Level::Commune), "FULL_ONLINE_RATE" | "ONLINE_SUBMISSION_RATE") => {
            &[(1, 5.0), (2, 0.0)]
        }
        (Some(Level::Division), "ON_TIME_RATE") => &[(0, 0.0)],
        _ => &[],
    };
    for (k, extra) in shares {
        if let Some(s) = unit.staff.get(*k) {
            out.staff_targets.push(staff_target::ActiveModel {
                target_id: Set(target),
                staff_id: Set(*s),
                value: Set((value + extra).min(100.0)),
            });
        }
    }
}
