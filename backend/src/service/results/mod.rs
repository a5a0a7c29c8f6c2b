//! The engine at query time: indicator results, scoreboards and cascade gaps, computed from
//! the maintained roll-ups in a constant number of queries (units, indicators, roll-up rows,
//! targets, milestones), whatever the number of units or years.

use super::{access, catalogue};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{milestones, rollups, targets, units};
use crate::domain::milestone_read::{indexes_read, partial_roadmap};
use crate::domain::model::{Indicator, Target, Unit};
use crate::domain::ranking::{board_order, ranks_within};
use crate::domain::results::{
    Evaluation, IndicatorSpec, TargetSpec, UnitFacts, evaluate, group_totals, totals,
};
use crate::domain::rollup::{Delta, Sums, range_from_cumulative};
use crate::error::{ServiceError, ServiceResult};
use serde::{Deserialize, Serialize};
use shared::ids::{IndicatorId, MeasureId, TargetId, UnitId};
use shared::{Grain, Period, UnitKind};
use std::collections::{HashMap, HashSet};

/// Computed rows with the units and indicators they were computed for (in the caller's
/// scope), so that the API answers their names without loading them again.
#[derive(Debug, Clone)]
pub struct Computed<R> {
    /// The rows.
    pub rows: Vec<R>,
    /// The units of the rows.
    pub units: Vec<Unit>,
    /// The indicators of the rows.
    pub indicators: Vec<Indicator>,
}

/// One indicator's result for one unit and period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResultRow {
    pub unit_id: UnitId,
    pub indicator_id: IndicatorId,
    pub period: Period,
    pub eval: Evaluation,
}

/// One unit's line of a scoreboard.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreRow {
    pub rank: Option<u32>,
    pub unit_id: UnitId,
    pub unit_kind: UnitKind,
    pub score: Option<f64>,
    pub earned: f64,
    pub available: f64,
    pub results: Vec<ResultRow>,
    /// The day units merged into this one during the period (after its first day): its
    /// figures span a reorganisation.
    #[serde(default)]
    pub merged_on: Option<chrono::NaiveDate>,
    /// Each group's points earned and available, in catalogue order.
    #[serde(default)]
    pub groups: Vec<GroupScore>,
    /// The rank in the previous period of the same kind, among the same units.
    #[serde(default)]
    pub previous_rank: Option<u32>,
    /// The score in the previous period of the same kind.
    #[serde(default)]
    pub previous_score: Option<f64>,
    /// The percent of the period's months that were due and submitted on time (read only
    /// when asked for; `None` when none was due).
    #[serde(default)]
    pub timeliness_rate: Option<f64>,
}

/// A group's subtotal in a unit's score.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupScore {
    /// The group code.
    pub group: String,
    /// Points earned by its indicators.
    pub earned: f64,
    /// Points its indicators made available.
    pub available: f64,
}

mod cascade;
pub mod select;

pub use cascade::cascade_gaps;
pub use select::UnitSelection;

/// Which figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Every saved value, whatever its status.
    AllSaved,
    /// Approved months only.
    ApprovedOnly,
}

/// Year-to-date sums and counts by (unit, measure, month), as read from the roll-ups.
struct Ytd(HashMap<(UnitId, MeasureId, i32), Delta>);

impl Ytd {
    /// Reads the rows the periods of one `year` need: the month before each and its last
    /// month, one query per month (PostgreSQL plans a list of months worse than one).
    async fn read(
        db: &impl ConnectionTrait,
        units: &[UnitId],
        indicators: &[Indicator],
        year: i32,
        periods: &[Period],
        basis: Basis,
    ) -> ServiceResult<Ytd> {
        let measures = measures_of(indicators);
        let mut months: Vec<i32> = periods
            .iter()
            .flat_map(|p| [p.first_month() as i32 - 1, p.last_month() as i32])
            .filter(|m| *m >= 1)
            .collect();
        months.sort_unstable();
        months.dedup();
        let approved = basis == Basis::ApprovedOnly;
        let mut rows = Vec::new();
        for month in months {
            rows.extend(rollups::ytd_rows(db, units, &measures, year, &[month], approved).await?);
        }
        Ok(Ytd(rows
            .into_iter()
            .map(|r| {
                let d = Delta {
                    total: r.total,
                    count: r.count,
                    ..Delta::default()
                };
                ((r.unit_id, r.measure_id, r.month), d)
            })
            .collect()))
    }

    /// A measure summed over months `first..=last`; `None` when no value was reported.
    fn sum(&self, unit: UnitId, measure: MeasureId, first: u32, last: u32) -> Option<i64> {
        let through = |m: u32| {
            let key = (unit, measure, m as i32);
            self.0.get(&key).copied().unwrap_or_default()
        };
        let d = range_from_cumulative(through, first, last);
        (d.count > 0).then_some(d.total)
    }

    /// Whether `unit` reported any value of `measures` in months `first..=last`.
    fn reported(&self, unit: UnitId, measures: &[MeasureId], first: u32, last: u32) -> bool {
        measures.iter().any(|m| {
            let through = |month: u32| {
                let key = (unit, *m, month as i32);
                self.0.get(&key).copied().unwrap_or_default()
            };
            range_from_cumulative(through, first, last).count > 0
        })
    }

    /// An indicator's measures summed over months `first..=last`.
    fn sums(&self, unit: UnitId, ind: &Indicator, first: u32, last: u32) -> Sums {
        Sums {
            numerator: self.sum(unit, ind.numerator_id, first, last),
            denominator: ind
                .denominator_id
                .and_then(|d| self.sum(unit, d, first, last)),
        }
    }
}

/// Results of `units` × `indicators` for `period`, grouped by unit in input order.
pub async fn compute(
    db: &impl ConnectionTrait,
    units: &[Unit],
    indicators: &[Indicator],
    period: Period,
    basis: Basis,
) -> ServiceResult<Vec<(UnitId, Vec<ResultRow>)>> {
    let mut all = compute_periods(db, units, indicators, &[period], basis).await?;
    Ok(all.pop().unwrap_or_default())
}

/// [`compute`] for each of `periods`, in order, reading the roll-ups once per year.
pub async fn compute_periods(
    db: &impl ConnectionTrait,
    units: &[Unit],
    indicators: &[Indicator],
    periods: &[Period],
    basis: Basis,
) -> ServiceResult<Vec<Vec<(UnitId, Vec<ResultRow>)>>> {
    let unit_ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let mut years: Vec<i32> = periods.iter().map(|p| p.year()).collect();
    years.sort_unstable();
    years.dedup();
    let mut read_years = HashMap::new();
    for year in years {
        let of_year: Vec<Period> = periods
            .iter()
            .filter(|p| p.year() == year)
            .copied()
            .collect();
        let ytd = Ytd::read(db, &unit_ids, indicators, year, &of_year, basis).await?;
        read_years.insert(year, ytd);
    }
    let mut all = Vec::with_capacity(periods.len());
    for period in periods {
        let Some(ytd) = read_years.get(&period.year()) else {
            continue;
        };
        all.push(compute_from(db, units, indicators, *period, ytd).await?);
    }
    Ok(all)
}

/// The results of one period from roll-ups already read.
async fn compute_from(
    db: &impl ConnectionTrait,
    units: &[Unit],
    indicators: &[Indicator],
    period: Period,
    ytd: &Ytd,
) -> ServiceResult<Vec<(UnitId, Vec<ResultRow>)>> {
    let last = period.last_month();
    let targets = targets_in_force(db, units, indicators, period.year(), last).await?;
    let read = Read {
        ytd,
        targets: &targets,
        period,
    };
    let measures = measures_of(indicators);
    let first = period.first_month();
    Ok(units
        .iter()
        .map(|u| {
            let reported = ytd.reported(u.id, &measures, first, last);
            (
                u.id,
                indicators
                    .iter()
                    .map(|ind| read.result(u, ind, reported))
                    .collect(),
            )
        })
        .collect())
}

/// The measures the indicators read, each once.
fn measures_of(indicators: &[Indicator]) -> Vec<MeasureId> {
    let mut measures: Vec<MeasureId> = indicators
        .iter()
        .flat_map(|i| std::iter::once(i.numerator_id).chain(i.denominator_id))
        .collect();
    measures.sort_unstable();
    measures.dedup();
    measures
}

/// What results are computed from: the roll-ups and targets of a period.
struct Read<'a> {
    ytd: &'a Ytd,
    targets: &'a HashMap<(UnitId, IndicatorId), TargetSpec>,
    period: Period,
}

impl Read<'_> {
    /// One indicator's result for one unit, which `reported` a figure in the period or not.
    fn result(&self, unit: &Unit, ind: &Indicator, reported: bool) -> ResultRow {
        let spec = IndicatorSpec {
            kind: ind.kind,
            direction: ind.direction,
            rule: ind.rule,
            threshold: ind.threshold,
            points: ind.points,
            no_data: ind.no_data,
        };
        let (first, last) = (self.period.first_month(), self.period.last_month());
        let in_period = self.ytd.sums(unit.id, ind, first, last);
        let to_date = self.ytd.sums(unit.id, ind, 1, last);
        let target = self.targets.get(&(unit.id, ind.id));
        let facts = UnitFacts {
            applies: ind.applies_to_kind(unit.kind),
            reported,
        };
        let eval = evaluate(&spec, &self.period, in_period, to_date, target, facts);
        ResultRow {
            unit_id: unit.id,
            indicator_id: ind.id,
            period: self.period,
            eval,
        }
    }
}

/// The target in force for each (unit, indicator) in `year` (the latest decision's), with
/// the milestones of its roadmap that the rule in force reads at `month`: two queries.
async fn targets_in_force(
    db: &impl ConnectionTrait,
    units: &[Unit],
    indicators: &[Indicator],
    year: i32,
    month: u32,
) -> ServiceResult<HashMap<(UnitId, IndicatorId), TargetSpec>> {
    let unit_ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let indicator_ids: Vec<IndicatorId> = indicators.iter().map(|i| i.id).collect();
    let rows = targets::of_units(db, &unit_ids, &indicator_ids, Some(year)).await?;
    let chosen: HashMap<(UnitId, IndicatorId), Target> = rows
        .into_iter()
        .map(|t| ((t.unit_id, t.indicator_id), t))
        .collect();
    let ids: Vec<TargetId> = chosen.values().map(|t| t.id).collect();
    let indexes = [Grain::Month, Grain::Quarter].map(|g| (g, indexes_read(g, month)));
    let mut read = milestones::at_indexes(db, &ids, &indexes).await?;
    Ok(chosen
        .into_iter()
        .map(|(k, t)| {
            let roadmap = read
                .remove(&t.id)
                .and_then(|(grain, values)| partial_roadmap(grain, month, &values));
            (
                k,
                TargetSpec {
                    value: t.value,
                    roadmap,
                },
            )
        })
        .collect())
}

/// Indicators by code (all active ones when none are given); an unknown code is NOT_FOUND.
async fn indicators_for(
    db: &impl ConnectionTrait,
    codes: Option<&[String]>,
) -> ServiceResult<Vec<Indicator>> {
    let all = catalogue::indicators(db, None).await?;
    match codes {
        None => Ok(all.into_iter().filter(|i| i.active).collect()),
        Some(codes) => codes
            .iter()
            .map(|c| {
                all.iter()
                    .find(|i| i.code == c.trim())
                    .cloned()
                    .ok_or_else(|| ServiceError::not_found(format!("indicator {}", c.trim())))
            })
            .collect(),
    }
}

/// `indicatorResults`: the results of the selected units (see [`select::units_of`]) for
/// one period.
pub async fn indicator_results(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    units: &UnitSelection,
    indicator_codes: Option<Vec<String>>,
    basis: Basis,
) -> ServiceResult<Computed<ResultRow>> {
    let plan = plan_series(actor, db, vec![period], units, indicator_codes).await?;
    compute_series(db, plan, basis).await
}

/// What a series will compute, read before computing it: its periods, units and
/// indicators.
#[derive(Debug, Clone)]
pub struct SeriesPlan {
    /// The periods, in time order.
    pub periods: Vec<Period>,
    /// The units of any period, in answer order.
    pub units: Vec<Unit>,
    /// The units of each period (those `indicatorResults` gives for it), by position in
    /// `periods`: a unit found only below a named one, or in the caller's scope, counts
    /// in the periods it was in force and under that root, not before it was created or
    /// after it was merged away.
    pub units_by_period: Vec<HashSet<UnitId>>,
    /// The indicators, in answer order.
    pub indicators: Vec<Indicator>,
}

impl SeriesPlan {
    /// How many results the series has: one per period, unit of that period and indicator.
    pub fn results(&self) -> usize {
        self.units_by_period
            .iter()
            .map(|units| units.len())
            .sum::<usize>()
            .saturating_mul(self.indicators.len())
    }
}

/// The units (see [`select::units_of`], over the months of `periods`) and indicators (by
/// code, every active one when none is given; an unknown code is NOT_FOUND) of a series.
pub async fn plan_series(
    actor: &Actor,
    db: &impl ConnectionTrait,
    periods: Vec<Period>,
    units: &UnitSelection,
    indicator_codes: Option<Vec<String>>,
) -> ServiceResult<SeriesPlan> {
    units.check()?;
    let month = |p: &Period, m: u32| crate::domain::tree::month_index(p.year(), m);
    let first = periods.iter().map(|p| month(p, p.first_month())).min();
    let last = periods.iter().map(|p| month(p, p.last_month())).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(SeriesPlan {
            periods,
            units: Vec::new(),
            units_by_period: Vec::new(),
            indicators: Vec::new(),
        });
    };
    let all = select::units_of(actor, db, units, (first, last)).await?;
    let mut units_by_period = Vec::with_capacity(periods.len());
    for p in &periods {
        let span = (month(p, p.first_month()), month(p, p.last_month()));
        let of_period = if units.include_subtree {
            select::units_of(actor, db, units, span).await?
        } else {
            all.clone()
        };
        units_by_period.push(of_period.into_iter().map(|u| u.id).collect());
    }
    let indicators = indicators_for(db, indicator_codes.as_deref()).await?;
    Ok(SeriesPlan {
        periods,
        units: all,
        units_by_period,
        indicators,
    })
}

/// The results of a series, by period (in time order), then unit, then indicator; the
/// roll-ups read once per year and month needed, whatever the number of units.
pub async fn compute_series(
    db: &impl ConnectionTrait,
    plan: SeriesPlan,
    basis: Basis,
) -> ServiceResult<Computed<ResultRow>> {
    let rows = compute_periods(db, &plan.units, &plan.indicators, &plan.periods, basis)
        .await?
        .into_iter()
        .zip(&plan.units_by_period)
        .flat_map(|(results, of_period)| {
            results
                .into_iter()
                .filter(|(unit, _)| of_period.contains(unit))
                .flat_map(|(_, r)| r)
        })
        .collect();
    Ok(Computed {
        rows,
        units: plan.units,
        indicators: plan.indicators,
    })
}

/// `scoreboard`: units in scope (of a kind, under a parent), scored and ranked within their
/// kind; ranked rows first by rank, then the unranked by name. With `with_previous`, each
/// row also has its rank and score in the previous period of the same kind, among the same
/// units (read with the period's roll-ups when in the same year).
pub async fn scoreboard(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    kind: Option<UnitKind>,
    parent_id: Option<UnitId>,
    basis: Basis,
    with_previous: bool,
) -> ServiceResult<Computed<ScoreRow>> {
    if let Some(p) = parent_id {
        access::ensure_visible(db, actor, p, "unit").await?;
    }
    // The units in force at the period's last month rank; a unit merged away or closed
    // before it does not.
    let last = crate::domain::tree::last_day(crate::domain::tree::month_index(
        period.year(),
        period.last_month(),
    ))
    .ok_or_else(|| ServiceError::validation("period", "no such month"))?;
    let units = units::active_in(db, access::scope(actor), kind, parent_id, last).await?;
    let indicators = indicators_for(db, None).await?;
    let previous = period.previous().filter(|_| with_previous);
    let periods: Vec<Period> = std::iter::once(period).chain(previous).collect();
    let mut computed = compute_periods(db, &units, &indicators, &periods, basis)
        .await?
        .into_iter();
    let results = computed.next().unwrap_or_default();
    let mut rows = rank_rows(&units, &indicators, results);
    if let Some(before) = computed.next() {
        let before: HashMap<UnitId, (Option<u32>, Option<f64>)> =
            rank_rows(&units, &indicators, before)
                .into_iter()
                .map(|r| (r.unit_id, (r.rank, r.score)))
                .collect();
        for r in &mut rows {
            (r.previous_rank, r.previous_score) =
                before.get(&r.unit_id).copied().unwrap_or_default();
        }
    }
    let first = crate::domain::tree::first_day(crate::domain::tree::month_index(
        period.year(),
        period.first_month(),
    ))
    .ok_or_else(|| ServiceError::validation("period", "no such month"))?;
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let merged = crate::db::reorgs::merged_into_between(db, &ids, first, last).await?;
    for r in &mut rows {
        r.merged_on = merged.get(&r.unit_id).copied();
    }
    Ok(Computed {
        rows,
        units,
        indicators,
    })
}

fn rank_rows(
    units: &[Unit],
    indicators: &[Indicator],
    results: Vec<(UnitId, Vec<ResultRow>)>,
) -> Vec<ScoreRow> {
    let kinds: HashMap<UnitId, UnitKind> = units.iter().map(|u| (u.id, u.kind)).collect();
    let group_of: HashMap<IndicatorId, &str> = indicators
        .iter()
        .map(|i| (i.id, i.group.as_str()))
        .collect();
    let mut rows: Vec<ScoreRow> = results
        .into_iter()
        .map(|(unit_id, results)| {
            let evals: Vec<Evaluation> = results.iter().map(|r| r.eval).collect();
            let t = totals(&evals);
            let groups = group_totals(results.iter().map(|r| {
                let group = group_of.get(&r.indicator_id).copied().unwrap_or("");
                (group, &r.eval)
            }))
            .into_iter()
            .map(|(group, t)| GroupScore {
                group: group.to_owned(),
                earned: t.earned,
                available: t.available,
            })
            .collect();
            ScoreRow {
                rank: None,
                unit_id,
                unit_kind: kinds.get(&unit_id).copied().unwrap_or(UnitKind::Other),
                score: t.score,
                earned: t.earned,
                available: t.available,
                results,
                merged_on: None,
                groups,
                previous_rank: None,
                previous_score: None,
                timeliness_rate: None,
            }
        })
        .collect();
    let scores: Vec<(UnitKind, Option<f64>)> =
        rows.iter().map(|r| (r.unit_kind, r.score)).collect();
    for (row, rank) in rows.iter_mut().zip(ranks_within(&scores)) {
        row.rank = rank;
    }
    let ranked: Vec<(UnitKind, Option<u32>)> = rows.iter().map(|r| (r.unit_kind, r.rank)).collect();
    let mut slots: Vec<Option<ScoreRow>> = rows.into_iter().map(Some).collect();
    // Stable: ties and unranked rows keep the name order of `units`.
    board_order(&ranked)
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}
