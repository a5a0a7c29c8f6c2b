//! Reviewing a unit's month before approving it: each indicator's value of the month set
//! against the unit's earlier months — the change from the month before and from the same
//! month a year before — and the anomaly flags, each with its reason in Vietnamese.
//!
//! The flags follow the outlier rules of DHIS2's data quality checks:
//! - a **jump**: the value moved by more than a factor (2× by default) from the month before,
//!   up or down, or to or from zero;
//! - a **z-score** beyond a threshold (|z| > 3 by default) over the unit's earlier months,
//!   when there are enough of them (6 by default) and they are not all equal;
//! - else a value **outside the min–max band** of the earlier months (at least 3 of them).

pub mod bulk;
#[cfg(test)]
mod tests;
mod text;

use super::rollup::indicator_value;
use super::tree::MonthIndex;
use shared::IndicatorKind;
use shared::ids::{IndicatorId, MeasureId};
use std::collections::{BTreeMap, HashMap};

/// The thresholds of the anomaly flags; stored settings override the defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewRules {
    /// A value more than this many times the month before's (or less than its
    /// 1/factor) is a jump. Above 1.
    pub jump_factor: f64,
    /// A value more than this many standard deviations from the earlier months' mean is an
    /// outlier. Above 0.
    pub z_threshold: f64,
    /// The fewest earlier months the z-score is computed over.
    pub z_min_months: usize,
    /// The fewest earlier months a min–max band is drawn from.
    pub band_min_months: usize,
    /// How many months back the earlier months reach.
    pub history_months: i32,
}

impl Default for ReviewRules {
    fn default() -> Self {
        ReviewRules {
            jump_factor: 2.0,
            z_threshold: 3.0,
            z_min_months: 6,
            band_min_months: 3,
            history_months: 24,
        }
    }
}

/// The settings keys that override [`ReviewRules::default`].
pub const SETTING_KEYS: [&str; 3] = [
    "review.jump_factor",
    "review.z_threshold",
    "review.z_min_months",
];

impl ReviewRules {
    /// The defaults with every stored setting that parses and makes sense applied; a value
    /// that does not (a jump factor of 1 or less, a threshold of 0) keeps the default.
    pub fn with_settings(get: impl Fn(&str) -> Option<String>) -> ReviewRules {
        let mut rules = ReviewRules::default();
        let number = |key: &str| get(key).and_then(|v| v.trim().replace(',', ".").parse().ok());
        if let Some(f) = number(SETTING_KEYS[0]).filter(|f: &f64| f.is_finite() && *f > 1.0) {
            rules.jump_factor = f;
        }
        if let Some(z) = number(SETTING_KEYS[1]).filter(|z: &f64| z.is_finite() && *z > 0.0) {
            rules.z_threshold = z;
        }
        if let Some(n) = number(SETTING_KEYS[2]).filter(|n: &f64| (2.0..=60.0).contains(n)) {
            rules.z_min_months = n as usize;
        }
        rules
    }
}

/// Which rule raised a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// More than the jump factor from the month before.
    Jump,
    /// A z-score beyond the threshold over the earlier months.
    ZScore,
    /// Outside the min–max band of the earlier months.
    OutsideBand,
}

/// One anomaly of an indicator's month.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub kind: FlagKind,
    /// Why, in Vietnamese, with the figures compared.
    pub reason: String,
}

/// An indicator's month against the unit's earlier months.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reviewed {
    /// The month's value: a rate in percent or a count; `None` without figures (or a
    /// denominator of 0).
    pub value: Option<f64>,
    /// The month before's value.
    pub previous: Option<f64>,
    /// The same month a year before.
    pub last_year: Option<f64>,
    /// `value - previous` (percentage points for a rate).
    pub change_from_previous: Option<f64>,
    /// `value - last_year`.
    pub change_from_last_year: Option<f64>,
    /// How many earlier months with a value the flags were judged over.
    pub earlier_months: usize,
    pub flags: Vec<Flag>,
}

/// The z-score of `value` over `history`: its distance from the mean in (population)
/// standard deviations; `None` with fewer than 2 values or when they are all equal.
pub fn z_score(history: &[f64], value: f64) -> Option<f64> {
    if history.len() < 2 {
        return None;
    }
    let n = history.len() as f64;
    let mean = history.iter().sum::<f64>() / n;
    let variance = history.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let sd = variance.sqrt();
    // Equal values up to rounding: no spread to measure against.
    if !sd.is_finite() || sd <= mean.abs() * 1e-12 || sd == 0.0 {
        return None;
    }
    let z = (value - mean) / sd;
    z.is_finite().then_some(z)
}

/// Whether `value` moved from `previous` by more than `factor` times (either way), or to
/// or from zero.
pub fn is_jump(factor: f64, previous: f64, value: f64) -> bool {
    if previous == value {
        return false;
    }
    if previous <= 0.0 || value <= 0.0 {
        return true;
    }
    let ratio = if value > previous {
        value / previous
    } else {
        previous / value
    };
    ratio > factor
}

/// The flags of `value` against the month before (`previous`) and the earlier months
/// (`history`, the month before among them).
pub fn flags(
    rules: &ReviewRules,
    kind: IndicatorKind,
    value: f64,
    previous: Option<f64>,
    history: &[f64],
) -> Vec<Flag> {
    let mut out = Vec::new();
    if let Some(p) = previous
        && is_jump(rules.jump_factor, p, value)
    {
        out.push(Flag {
            kind: FlagKind::Jump,
            reason: text::jump(kind, rules.jump_factor, p, value),
        });
    }
    let z = (history.len() >= rules.z_min_months)
        .then(|| z_score(history, value))
        .flatten();
    match z {
        Some(z) if z.abs() > rules.z_threshold => {
            let mean = history.iter().sum::<f64>() / history.len() as f64;
            out.push(Flag {
                kind: FlagKind::ZScore,
                reason: text::z_score(kind, z, mean, history.len(), rules.z_threshold),
            });
        }
        Some(_) => {}
        None if history.len() >= rules.band_min_months => {
            let min = history.iter().copied().fold(f64::INFINITY, f64::min);
            let max = history.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if value < min || value > max {
                out.push(Flag {
                    kind: FlagKind::OutsideBand,
                    reason: text::band(kind, value, min, max, history.len()),
                });
            }
        }
        None => {}
    }
    out
}

/// What an indicator is computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Formula {
    pub indicator: IndicatorId,
    pub kind: IndicatorKind,
    pub numerator: MeasureId,
    pub denominator: Option<MeasureId>,
}

impl Formula {
    /// The indicator's value from one month's figures.
    pub fn value(&self, figures: &HashMap<MeasureId, i64>) -> Option<f64> {
        let numerator = figures.get(&self.numerator).copied();
        let denominator = self.denominator.and_then(|d| figures.get(&d).copied());
        indicator_value(self.kind, numerator, denominator)
    }
}

/// One indicator of a month under review.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorReview {
    pub indicator: IndicatorId,
    pub reviewed: Reviewed,
}

/// Every indicator of `formulas` for the month `month` whose figures are `current`, against
/// the unit's `earlier` months (figures by month; months after `month - 1` or before the
/// rules' history are ignored). Indicators without a value this month are left out.
pub fn review_month(
    rules: &ReviewRules,
    formulas: &[Formula],
    month: MonthIndex,
    current: &HashMap<MeasureId, i64>,
    earlier: &BTreeMap<MonthIndex, HashMap<MeasureId, i64>>,
) -> Vec<IndicatorReview> {
    let first = month - rules.history_months.max(1);
    let window: Vec<(MonthIndex, &HashMap<MeasureId, i64>)> = earlier
        .range(first..month)
        .map(|(m, figures)| (*m, figures))
        .collect();
    formulas
        .iter()
        .filter_map(|f| {
            let value = f.value(current)?;
            let at = |m: MonthIndex| earlier.get(&m).and_then(|figures| f.value(figures));
            let history: Vec<f64> = window.iter().filter_map(|(_, x)| f.value(x)).collect();
            let previous = at(month - 1);
            let last_year = at(month - 12);
            let reviewed = Reviewed {
                value: Some(value),
                previous,
                last_year,
                change_from_previous: previous.map(|p| value - p),
                change_from_last_year: last_year.map(|p| value - p),
                earlier_months: history.len(),
                flags: flags(rules, f.kind, value, previous, &history),
            };
            Some(IndicatorReview {
                indicator: f.indicator,
                reviewed,
            })
        })
        .collect()
}
