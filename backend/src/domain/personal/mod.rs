//! Every staff member's share: a personal target's result by the unit rules (INDICATORS.md,
//! through [`results::evaluate`]), the personal score over the indicators with personal
//! targets, the head's score that weighs in the unit's result, the share of the unit's
//! dossiers the staff account for, and the order of staff within one unit when ranking is
//! switched on.

use crate::domain::results::{self, Evaluation, IndicatorSpec, TargetSpec, UnitFacts};
use crate::domain::rollup::{Sums, round2};
use shared::{Period, TrackStatus};

/// The setting that holds the weight of the unit's result in its head's score, in percent.
pub const HEAD_UNIT_WEIGHT_KEY: &str = "staff.head_unit_weight";
/// The weight when none is set: the evaluation rules for leaders count the unit's result
/// as half of the head's.
pub const DEFAULT_HEAD_UNIT_WEIGHT: f64 = 50.0;

/// The setting key that switches staff ranking on for one unit.
pub fn ranking_key(unit_id: i32) -> String {
    format!("staff.ranking.{unit_id}")
}

/// Whether a stored ranking switch reads as on.
pub fn ranking_on(stored: Option<&str>) -> bool {
    stored.is_some_and(|v| v.trim() == "on")
}

/// The head's unit weight from its stored text (`"50"`, `"37,5"`): a number from 0 to 100,
/// else the default.
pub fn head_unit_weight(stored: Option<&str>) -> f64 {
    stored
        .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok())
        .filter(|w| w.is_finite() && (0.0..=100.0).contains(w))
        .unwrap_or(DEFAULT_HEAD_UNIT_WEIGHT)
}

/// One personal target's result: the unit rules applied to the staff member's own figures
/// and annual target (split evenly over the year: a personal target has no roadmap).
/// `reported` says whether the staff member has any figure in the period.
pub fn evaluate(
    ind: &IndicatorSpec,
    period: &Period,
    in_period: Sums,
    to_date: Sums,
    target: f64,
    reported: bool,
) -> Evaluation {
    let target = TargetSpec {
        value: target,
        roadmap: None,
    };
    let facts = UnitFacts {
        applies: true,
        reported,
    };
    results::evaluate(ind, period, in_period, to_date, Some(&target), facts)
}

/// A staff member's score and what it is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonalScore {
    /// Out of 100 over the personal targets that scored; `None` when none did.
    pub personal: Option<f64>,
    /// The unit's score, for the head only.
    pub unit: Option<f64>,
    /// The weight of the unit's score in percent, for the head only.
    pub unit_weight: Option<f64>,
    /// The score the evaluation uses: the personal score, or for the head the weighted mean
    /// of both (the one present when the other is missing).
    pub overall: Option<f64>,
}

/// The score of a staff member whose personal results are `evals`; for the head,
/// `head_of_unit` holds the unit's score and the weight of the unit in percent.
pub fn score(evals: &[Evaluation], head_of_unit: Option<(Option<f64>, f64)>) -> PersonalScore {
    let personal = results::totals(evals).score;
    match head_of_unit {
        None => PersonalScore {
            personal,
            unit: None,
            unit_weight: None,
            overall: personal,
        },
        Some((unit, weight)) => PersonalScore {
            personal,
            unit,
            unit_weight: Some(weight),
            overall: weighted(personal, unit, weight),
        },
    }
}

/// `(100 − w)% × personal + w% × unit`, rounded to 2 decimals; with one side missing, the
/// other; with both missing, `None`.
pub fn weighted(personal: Option<f64>, unit: Option<f64>, weight: f64) -> Option<f64> {
    let w = weight.clamp(0.0, 100.0) / 100.0;
    match (personal, unit) {
        (Some(p), Some(u)) => Some(round2(p * (1.0 - w) + u * w)),
        (Some(p), None) => Some(p),
        (None, Some(u)) => Some(u),
        (None, None) => None,
    }
}

/// Whether a result counts as behind: off track or at risk against its milestone.
pub fn is_behind(status: TrackStatus) -> bool {
    matches!(status, TrackStatus::OffTrack | TrackStatus::AtRisk)
}

/// The percent of the unit's total that the staff's figures make up, rounded to 2
/// decimals; `None` when the unit has no figure or a total of 0. Over 100 is kept: a
/// dossier handled by several people counts for each of them.
pub fn share_of_unit(staff_total: Option<i64>, unit_total: Option<i64>) -> Option<f64> {
    let unit = unit_total.filter(|u| *u > 0)?;
    let staff = staff_total.unwrap_or(0);
    Some(round2(staff as f64 * 100.0 / unit as f64))
}

#[cfg(test)]
mod tests;
