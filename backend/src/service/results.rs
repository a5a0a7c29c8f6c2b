//! The engine at query time: indicator results, scoreboards and cascade gaps, computed from
//! the maintained roll-ups in a constant number of queries (units, indicators, roll-up rows,
//! targets, milestones), whatever the number of units or years.

use super::{access, catalogue};
use crate::auth::Actor;
use crate::db::entities::{milestone, target, unit};
use crate::db::{convert, rollups};
use crate::domain::cascade::{ChildTarget, cascade_gap};
use crate::domain::milestone_read::{indexes_read, partial_roadmap};
use crate::domain::model::{Indicator, Unit};
use crate::domain::ranking::competition_ranks;
use crate::domain::results::{Evaluation, IndicatorSpec, TargetSpec, evaluate, totals};
use crate::domain::rollup::Sums;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use shared::ids::{IndicatorId, TargetId, UnitId};
use shared::{Grain, IndicatorKind, Period, UnitKind};
use std::collections::HashMap;

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
}

/// Which figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Every saved value, whatever its status.
    AllSaved,
    /// Approved months only.
    ApprovedOnly,
}

/// Results of `units` × `indicators` for `period`, grouped by unit in input order.
pub async fn compute(
    db: &impl ConnectionTrait,
    units: &[Unit],
    indicators: &[Indicator],
    period: Period,
    basis: Basis,
) -> ServiceResult<Vec<(UnitId, Vec<ResultRow>)>> {
    let year = period.year();
    let (first, last) = (period.first_month() as i32, period.last_month() as i32);
    let unit_ids: Vec<i32> = units.iter().map(|u| u.id.0).collect();
    let mut measure_ids: Vec<i32> = indicators
        .iter()
        .map(|i| i.numerator_id.0)
        .chain(
            indicators
                .iter()
                .filter_map(|i| i.denominator_id.map(|d| d.0)),
        )
        .collect();
    measure_ids.sort_unstable();
    measure_ids.dedup();
    let months: Vec<i32> = if first > 1 {
        vec![first - 1, last]
    } else {
        vec![last]
    };
    let rows = rollups::ytd_rows(
        db,
        &unit_ids,
        &measure_ids,
        year,
        &months,
        basis == Basis::ApprovedOnly,
    )
    .await?;
    let ytd: HashMap<(i32, i32, i32), (i64, i64)> = rows
        .into_iter()
        .map(|r| ((r.unit_id, r.measure_id, r.month), (r.total, r.count)))
        .collect();
    let at = |u: i32, m: i32, month: i32| {
        if month < 1 {
            (0, 0)
        } else {
            ytd.get(&(u, m, month)).copied().unwrap_or((0, 0))
        }
    };
    let sum = |u: i32, m: i32, from: i32, to: i32| {
        let (t1, c1) = at(u, m, to);
        let (t0, c0) = at(u, m, from - 1);
        (c1 - c0 > 0).then_some(t1 - t0)
    };
    let targets = targets_in_force(db, &unit_ids, indicators, year, last as u32).await?;
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        let mut list = Vec::with_capacity(indicators.len());
        for ind in indicators {
            let sums = |from: i32| Sums {
                numerator: sum(u.id.0, ind.numerator_id.0, from, last),
                denominator: ind
                    .denominator_id
                    .and_then(|d| sum(u.id.0, d.0, from, last)),
            };
            let spec = IndicatorSpec {
                kind: ind.kind,
                direction: ind.direction,
                rule: ind.rule,
                threshold: ind.threshold,
                points: ind.points,
            };
            let eval = evaluate(
                &spec,
                &period,
                sums(first),
                sums(1),
                targets.get(&(u.id, ind.id)),
            );
            list.push(ResultRow {
                unit_id: u.id,
                indicator_id: ind.id,
                period,
                eval,
            });
        }
        out.push((u.id, list));
    }
    Ok(out)
}

/// The target in force for each (unit, indicator) in `year` (the latest decision's), with
/// the milestones of its roadmap that the rule in force reads at `month`: two queries.
async fn targets_in_force(
    db: &impl ConnectionTrait,
    unit_ids: &[i32],
    indicators: &[Indicator],
    year: i32,
    month: u32,
) -> ServiceResult<HashMap<(UnitId, IndicatorId), TargetSpec>> {
    let mut rows = Vec::new();
    for chunk in unit_ids.chunks(5000) {
        rows.extend(
            target::Entity::find()
                .filter(target::Column::Year.eq(year))
                .filter(target::Column::UnitId.is_in(chunk.iter().copied()))
                .filter(target::Column::IndicatorId.is_in(indicators.iter().map(|i| i.id.0)))
                .order_by_asc(target::Column::DecisionId)
                .all(db)
                .await?,
        );
    }
    let mut chosen: HashMap<(UnitId, IndicatorId), target::Model> = HashMap::new();
    for t in rows {
        chosen.insert((UnitId(t.unit_id), IndicatorId(t.indicator_id)), t);
    }
    let ids: Vec<i32> = chosen.values().map(|t| t.id).collect();
    let read_at = |grain: Grain| {
        Condition::all()
            .add(milestone::Column::Grain.eq(grain.as_str()))
            .add(milestone::Column::Idx.is_in(indexes_read(grain, month)))
    };
    let mut read: HashMap<i32, (Grain, Vec<(i32, f64)>)> = HashMap::new();
    for chunk in ids.chunks(5000) {
        let ms = milestone::Entity::find()
            .filter(milestone::Column::TargetId.is_in(chunk.iter().copied()))
            .filter(
                Condition::any()
                    .add(read_at(Grain::Month))
                    .add(read_at(Grain::Quarter)),
            )
            .all(db)
            .await?;
        for m in ms {
            let grain: Grain = m
                .grain
                .parse()
                .map_err(|_| anyhow::anyhow!("corrupt milestone grain {}", m.grain))?;
            read.entry(m.target_id)
                .or_insert_with(|| (grain, Vec::new()))
                .1
                .push((m.idx, m.value));
        }
    }
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

/// `indicatorResults`: units default to the caller's own; units outside its scope are left out.
pub async fn indicator_results(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    unit_ids: Option<Vec<UnitId>>,
    indicator_codes: Option<Vec<String>>,
    basis: Basis,
) -> ServiceResult<Vec<ResultRow>> {
    let ids = unit_ids.unwrap_or_else(|| vec![actor.scope]);
    let visible = super::units::by_ids(actor, db, &ids).await?;
    let units: Vec<Unit> = ids.iter().filter_map(|i| visible.get(i).cloned()).collect();
    let indicators = indicators_for(db, indicator_codes.as_deref()).await?;
    Ok(compute(db, &units, &indicators, period, basis)
        .await?
        .into_iter()
        .flat_map(|(_, r)| r)
        .collect())
}

/// `scoreboard`: units in scope (of a kind, under a parent), scored and ranked within their
/// kind; ranked rows first by rank, then the unranked by name.
pub async fn scoreboard(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    kind: Option<UnitKind>,
    parent_id: Option<UnitId>,
    basis: Basis,
) -> ServiceResult<Vec<ScoreRow>> {
    if let Some(p) = parent_id {
        access::ensure_visible(db, actor, p, "unit").await?;
    }
    let mut q = access::in_scope(actor, unit::Entity::find(), unit::Column::Id)
        .filter(unit::Column::Active.eq(true));
    if let Some(k) = kind {
        q = q.filter(unit::Column::Kind.eq(k.as_str()));
    }
    if let Some(p) = parent_id {
        q = q.filter(unit::Column::ParentId.eq(p.0));
    }
    let units: Vec<Unit> = convert::all(
        q.order_by_asc(unit::Column::Name)
            .order_by_asc(unit::Column::Id)
            .all(db)
            .await?,
    )?;
    let indicators = indicators_for(db, None).await?;
    let results = compute(db, &units, &indicators, period, basis).await?;
    Ok(rank_rows(&units, results))
}

fn rank_rows(units: &[Unit], results: Vec<(UnitId, Vec<ResultRow>)>) -> Vec<ScoreRow> {
    let kinds: HashMap<UnitId, UnitKind> = units.iter().map(|u| (u.id, u.kind)).collect();
    let mut rows: Vec<ScoreRow> = results
        .into_iter()
        .map(|(unit_id, results)| {
            let evals: Vec<Evaluation> = results.iter().map(|r| r.eval).collect();
            let t = totals(&evals);
            ScoreRow {
                rank: None,
                unit_id,
                unit_kind: kinds.get(&unit_id).copied().unwrap_or(UnitKind::Other),
                score: t.score,
                earned: t.earned,
                available: t.available,
                results,
            }
        })
        .collect();
    let mut by_kind: HashMap<UnitKind, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_kind.entry(r.unit_kind).or_default().push(i);
    }
    for idx in by_kind.values() {
        let scores: Vec<Option<f64>> = idx.iter().map(|i| rows[*i].score).collect();
        for (i, rank) in idx.iter().zip(competition_ranks(&scores)) {
            rows[*i].rank = rank;
        }
    }
    // Stable: ties and unranked rows keep the name order of `units`.
    rows.sort_by_key(|r| (r.unit_kind, r.rank.is_none(), r.rank.unwrap_or(u32::MAX)));
    rows
}

/// The cascade gap of each target (in scope): the shortfall of its unit's direct children's
/// targets for the same indicator and year. Five queries for any number of targets.
pub async fn cascade_gaps(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Option<f64>>> {
    let q = target::Entity::find().filter(target::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let parents = access::in_scope(actor, q, target::Column::UnitId)
        .all(db)
        .await?;
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    let parent_units: Vec<i32> = parents.iter().map(|t| t.unit_id).collect();
    let children = unit::Entity::find()
        .filter(unit::Column::ParentId.is_in(parent_units))
        .filter(unit::Column::Active.eq(true))
        .all(db)
        .await?;
    let mut children_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for c in &children {
        if let Some(p) = c.parent_id {
            children_of.entry(p).or_default().push(c.id);
        }
    }
    let child_ids: Vec<i32> = children.iter().map(|c| c.id).collect();
    let indicator_ids: Vec<IndicatorId> = parents
        .iter()
        .map(|t| IndicatorId(t.indicator_id))
        .collect();
    let indicators = catalogue::indicators_by_ids(db, &indicator_ids).await?;
    let mut child_targets: HashMap<(i32, i32, i32), f64> = HashMap::new();
    for chunk in child_ids.chunks(5000) {
        let rows = target::Entity::find()
            .filter(target::Column::UnitId.is_in(chunk.iter().copied()))
            .filter(target::Column::IndicatorId.is_in(indicator_ids.iter().map(|i| i.0)))
            .order_by_asc(target::Column::DecisionId)
            .all(db)
            .await?;
        for t in rows {
            child_targets.insert((t.unit_id, t.indicator_id, t.year), t.value);
        }
    }
    // Weights: each child's denominator summed over the previous year (Dec year-to-date).
    let mut weights: HashMap<(i32, i32, i32), i64> = HashMap::new();
    let mut years: Vec<i32> = parents.iter().map(|t| t.year).collect();
    years.sort_unstable();
    years.dedup();
    let denominators: Vec<i32> = indicators
        .values()
        .filter_map(|i| i.denominator_id.map(|d| d.0))
        .collect();
    for y in years {
        for r in rollups::ytd_rows(db, &child_ids, &denominators, y - 1, &[12], false).await? {
            weights.insert((r.unit_id, r.measure_id, y - 1), r.total);
        }
    }
    let mut out = HashMap::new();
    for t in parents {
        let Some(ind) = indicators.get(&IndicatorId(t.indicator_id)) else {
            continue;
        };
        let kids: Vec<ChildTarget> = children_of
            .get(&t.unit_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|c| {
                child_targets
                    .get(&(*c, t.indicator_id, t.year))
                    .map(|v| ChildTarget {
                        value: *v,
                        weight: ind
                            .denominator_id
                            .and_then(|d| weights.get(&(*c, d.0, t.year - 1)).copied()),
                    })
            })
            .collect();
        let kind = if ind.kind == IndicatorKind::Rate {
            IndicatorKind::Rate
        } else {
            IndicatorKind::Count
        };
        out.insert(TargetId(t.id), cascade_gap(kind, t.value, &kids));
    }
    Ok(out)
}
