//! Every staff member's share: each person's personal results and score for a period (the
//! unit rules on their own figures, `domain::personal`), the head's score with the unit's
//! result weighed in, the share of the unit's dossiers the staff account for, the staff
//! ranking of one unit when an ADMIN switched it on, and the personal figures themselves
//! ([`figures`], [`import`]).
//!
//! Who sees what (`domain::scope::may_see_personal`): a staff member their own card, an
//! ADMIN or MANAGER the cards of the staff in scope; everybody else nothing.

pub mod figures;
pub mod import;

use super::access::{self, OrNotFound};
use super::{audit, catalogue};
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::model::{Indicator, Measure, Staff, Target, Unit, Violation};
use crate::domain::personal::{self, PersonalScore};
use crate::domain::ranking::competition_ranks;
use crate::domain::results::{Evaluation, IndicatorSpec};
use crate::domain::rollup::Sums;
use crate::domain::scope::{may_see_personal, may_switch_staff_ranking};
use crate::error::{ServiceError, ServiceResult};
use crate::service::results::{self as unit_results, Basis};
use chrono::NaiveDate;
use shared::Period;
use shared::ids::{IndicatorId, MeasureId, StaffId, UnitId};
use std::collections::{HashMap, HashSet};

/// The measure whose share of the unit's total the staff account for: dossiers received.
pub const SHARE_MEASURE: &str = "RECEIVED";

/// One personal target's result.
#[derive(Debug, Clone)]
pub struct PersonalResult {
    /// The indicator.
    pub indicator: Indicator,
    /// The personal annual target.
    pub target: f64,
    /// The result by the unit rules.
    pub eval: Evaluation,
}

/// One staff member's card for a period.
#[derive(Debug, Clone)]
pub struct StaffCard {
    /// The staff member.
    pub staff: Staff,
    /// Their personal targets' results, in catalogue order.
    pub results: Vec<PersonalResult>,
    /// Their score (for the head, with the unit's result weighed in).
    pub score: PersonalScore,
    /// How many of their results are off track or at risk.
    pub behind: usize,
    /// The violations recorded against them in the period's months.
    pub violations: Vec<Violation>,
    /// Their dossiers received as a percent of the unit's.
    pub share_of_unit: Option<f64>,
    /// Their rank within the unit, when ranking is on for it.
    pub rank: Option<u32>,
}

/// The staff of one unit for a period.
#[derive(Debug, Clone)]
pub struct UnitStaff {
    /// The unit.
    pub unit: Unit,
    /// The period.
    pub period: Period,
    /// One card per staff member the caller may see: heads first, then by name.
    pub cards: Vec<StaffCard>,
    /// Whether an ADMIN switched staff ranking on for the unit.
    pub ranking_on: bool,
    /// The unit's own score for the period.
    pub unit_score: Option<f64>,
    /// The weight of the unit's result in its head's score, in percent.
    pub head_unit_weight: f64,
    /// All the staff's dossiers received as a percent of the unit's.
    pub staff_share: Option<f64>,
}

/// The staff of `unit` for `period`, as the caller may see them: every card for an ADMIN or
/// MANAGER in scope, only the caller's own otherwise.
pub async fn unit_staff(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    period: Period,
) -> ServiceResult<UnitStaff> {
    access::ensure_visible(db, actor, unit, "unit").await?;
    let all = db::staff::of_unit(db, access::scope(actor), unit, false).await?;
    let own = own_staff(actor, db).await?;
    let shown: HashSet<StaffId> = visible_staff(actor, db, unit, all.clone(), own)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    // Computed for the whole unit, so that ranks and the staff's share are the unit's,
    // then narrowed to the cards the caller may see.
    let mut computed = compute(db, unit, all, period).await?;
    computed.cards.retain(|c| shown.contains(&c.staff.id));
    Ok(computed)
}

/// One staff member's card for `period`, with the unit's figures it is judged beside.
pub async fn scorecard(
    actor: &Actor,
    db: &impl ConnectionTrait,
    staff: StaffId,
    period: Period,
) -> ServiceResult<(UnitStaff, StaffCard)> {
    let member = db::staff::by_ids(db, access::scope(actor), &[staff])
        .await?
        .pop()
        .or_not_found(format!("staff {staff}"))?;
    let own = own_staff(actor, db).await?;
    let unit = member.unit_id;
    let shown = visible_staff(actor, db, unit, vec![member], own).await?;
    if shown.is_empty() {
        return Err(ServiceError::not_found(format!("staff {staff}")));
    }
    let all = db::staff::of_unit(db, access::scope(actor), unit, false).await?;
    let mut computed = compute(db, unit, all, period).await?;
    let at = computed
        .cards
        .iter()
        .position(|c| c.staff.id == staff)
        .or_not_found(format!("staff {staff}"))?;
    let card = computed.cards.swap_remove(at);
    computed.cards = vec![card.clone()];
    Ok((computed, card))
}

/// The staff ranking of one unit: its cards ranked by score within the unit. CONFLICT while
/// ranking is off for the unit (the default).
pub async fn ranking(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    period: Period,
) -> ServiceResult<UnitStaff> {
    access::ensure_visible(db, actor, unit, "unit").await?;
    if !ranking_on(db, unit).await? {
        return Err(ServiceError::conflict(format!(
            "staff ranking is off for unit {unit}: an ADMIN switches it on for the unit"
        )));
    }
    let mut computed = unit_staff(actor, db, unit, period).await?;
    computed
        .cards
        .sort_by_key(|c| (c.rank.is_none(), c.rank.unwrap_or(u32::MAX)));
    Ok(computed)
}

/// Switches staff ranking on or off for one unit (ADMIN in scope), audited.
pub async fn set_ranking(
    actor: &Actor,
    db: &Db,
    unit: UnitId,
    enabled: bool,
) -> ServiceResult<bool> {
    let role = access::role_for(actor, "switch staff ranking", |r| {
        may_switch_staff_ranking(r, crate::domain::scope::Placement::AtScope)
    })?;
    access::ensure_visible(db.conn(), actor, unit, "unit").await?;
    let rule = |at| may_switch_staff_ranking(role, at);
    access::allow_at(
        db.conn(),
        actor,
        unit,
        rule,
        "staff ranking can only be switched for units in your scope",
    )
    .await?;
    let txn = db.write().await?;
    super::units::require(&*txn, unit).await?;
    let before = ranking_on(&*txn, unit).await?;
    let value = if enabled { "on" } else { "off" };
    db::settings::put(&*txn, &personal::ranking_key(unit.0), value).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "setStaffRanking",
        "unit",
        unit,
        &serde_json::json!({ "staffRanking": before }),
        &serde_json::json!({ "staffRanking": enabled }),
    )
    .await?;
    txn.commit().await?;
    Ok(enabled)
}

/// Sets the weight of a unit's result in its head's score (ADMIN of the province), in
/// percent from 0 to 100; audited.
pub async fn set_head_unit_weight(actor: &Actor, db: &Db, percent: f64) -> ServiceResult<f64> {
    access::require_province_admin(actor, "set the head's unit weight")?;
    if !percent.is_finite() || !(0.0..=100.0).contains(&percent) {
        return Err(ServiceError::validation(
            "percent",
            format!("must be a percent from 0 to 100, got {percent}"),
        ));
    }
    let txn = db.write().await?;
    let key = personal::HEAD_UNIT_WEIGHT_KEY;
    let stored = db::settings::get(&*txn, &[key]).await?;
    let before = personal::head_unit_weight(stored.get(key).map(String::as_str));
    db::settings::put(&*txn, key, &percent.to_string()).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "setHeadUnitWeight",
        "setting",
        key,
        &before,
        &percent,
    )
    .await?;
    txn.commit().await?;
    Ok(percent)
}

/// Whether staff ranking is on for `unit`.
pub async fn ranking_on(db: &impl ConnectionTrait, unit: UnitId) -> ServiceResult<bool> {
    let key = personal::ranking_key(unit.0);
    let stored = db::settings::get(db, &[key.as_str()]).await?;
    Ok(personal::ranking_on(stored.get(&key).map(String::as_str)))
}

/// The staff member linked to the caller's account, if any.
async fn own_staff(actor: &Actor, db: &impl ConnectionTrait) -> ServiceResult<Option<StaffId>> {
    let Some(user) = actor.user_id() else {
        return Ok(None);
    };
    Ok(db::users::find(db, user).await?.and_then(|u| u.staff_id))
}

/// Of `staff` of `unit`, those whose cards the caller may see.
async fn visible_staff(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    staff: Vec<Staff>,
    own: Option<StaffId>,
) -> ServiceResult<Vec<Staff>> {
    let at = access::placement(db, actor, unit).await?;
    let role = actor.role();
    Ok(staff
        .into_iter()
        .filter(|s| may_see_personal(role, at, own == Some(s.id)))
        .collect())
}

/// The personal targets of `unit` in `year` by indicator: the latest decision's target and
/// its staff shares.
async fn personal_targets(
    db: &impl ConnectionTrait,
    unit: UnitId,
    indicators: &[Indicator],
    year: i32,
) -> ServiceResult<HashMap<IndicatorId, HashMap<StaffId, f64>>> {
    let ids: Vec<IndicatorId> = indicators.iter().map(|i| i.id).collect();
    let rows = db::targets::of_units(db, &[unit], &ids, Some(year)).await?;
    let latest: HashMap<IndicatorId, Target> =
        rows.into_iter().map(|t| (t.indicator_id, t)).collect();
    let target_ids: Vec<_> = latest.values().map(|t| t.id).collect();
    let mut shares = db::targets::shares_of(db, &target_ids).await?;
    Ok(latest
        .into_iter()
        .filter_map(|(ind, t)| {
            let of = shares.remove(&t.id)?;
            Some((ind, of.into_iter().map(|s| (s.staff_id, s.value)).collect()))
        })
        .collect())
}

/// The measures an indicator reads.
fn measures_of(ind: &Indicator) -> impl Iterator<Item = MeasureId> {
    std::iter::once(ind.numerator_id).chain(ind.denominator_id)
}

/// The indicators with personal targets in `unit` and year, and the measures they read
/// (with the one whose share is shown): what a month's entry asks for.
pub(crate) async fn personal_measures(
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
) -> ServiceResult<Vec<Measure>> {
    let indicators: Vec<Indicator> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect();
    let targets = personal_targets(db, unit, &indicators, year).await?;
    let all = catalogue::measures(db).await?;
    let mut wanted: Vec<MeasureId> = indicators
        .iter()
        .filter(|i| targets.contains_key(&i.id))
        .flat_map(measures_of)
        .collect();
    if let Some(share) = all.iter().find(|m| m.code == SHARE_MEASURE) {
        wanted.push(share.id);
    }
    Ok(all.into_iter().filter(|m| wanted.contains(&m.id)).collect())
}

/// The cards of `staff` (all of `unit`) for `period`.
async fn compute(
    db: &impl ConnectionTrait,
    unit: UnitId,
    staff: Vec<Staff>,
    period: Period,
) -> ServiceResult<UnitStaff> {
    let unit_row = super::units::require(db, unit).await?;
    let indicators: Vec<Indicator> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect();
    let year = period.year();
    let (first, last) = (period.first_month(), period.last_month());
    let targets = personal_targets(db, unit, &indicators, year).await?;
    let with_targets: Vec<&Indicator> = indicators
        .iter()
        .filter(|i| targets.contains_key(&i.id))
        .collect();
    let share_measure = catalogue::measures(db)
        .await?
        .into_iter()
        .find(|m| m.code == SHARE_MEASURE);
    let mut measures: Vec<MeasureId> = with_targets
        .iter()
        .flat_map(|i| measures_of(i))
        .chain(share_measure.as_ref().map(|m| m.id))
        .collect();
    measures.sort_unstable();
    measures.dedup();
    let ids: Vec<StaffId> = staff.iter().map(|s| s.id).collect();
    let in_period = db::staff_figures::sums(db, &ids, &measures, year, first, last).await?;
    let to_date = db::staff_figures::sums(db, &ids, &measures, year, 1, last).await?;

    // The unit's own result, for its head's score and the share of its dossiers.
    let unit_rows = unit_results::compute(
        db,
        std::slice::from_ref(&unit_row),
        &indicators,
        period,
        Basis::AllSaved,
    )
    .await?;
    let unit_evals: Vec<Evaluation> = unit_rows
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().map(|r| r.eval))
        .collect();
    let unit_score = crate::domain::results::totals(&unit_evals).score;
    let weight_stored = db::settings::get(db, &[personal::HEAD_UNIT_WEIGHT_KEY]).await?;
    let weight = personal::head_unit_weight(
        weight_stored
            .get(personal::HEAD_UNIT_WEIGHT_KEY)
            .map(String::as_str),
    );
    let unit_received = match &share_measure {
        Some(m) => db::values::unit_total(db, unit, m.id, year, first, last).await?,
        None => None,
    };
    let violations = violations_in(db, unit, &period).await?;

    let sum = |s: StaffId, m: MeasureId, of: &HashMap<(StaffId, MeasureId), i64>| {
        of.get(&(s, m)).copied()
    };
    let mut cards: Vec<StaffCard> = staff
        .into_iter()
        .map(|s| {
            let reported = measures.iter().any(|m| sum(s.id, *m, &in_period).is_some());
            let results: Vec<PersonalResult> = with_targets
                .iter()
                .filter_map(|ind| {
                    let target = *targets.get(&ind.id)?.get(&s.id)?;
                    let sums_of = |of| Sums {
                        numerator: sum(s.id, ind.numerator_id, of),
                        denominator: ind.denominator_id.and_then(|d| sum(s.id, d, of)),
                    };
                    let eval = personal::evaluate(
                        &spec(ind),
                        &period,
                        sums_of(&in_period),
                        sums_of(&to_date),
                        target,
                        reported,
                    );
                    Some(PersonalResult {
                        indicator: (*ind).clone(),
                        target,
                        eval,
                    })
                })
                .collect();
            let evals: Vec<Evaluation> = results.iter().map(|r| r.eval).collect();
            let head = s.is_head.then_some((unit_score, weight));
            let score = personal::score(&evals, head);
            let behind = evals
                .iter()
                .filter(|e| personal::is_behind(e.status))
                .count();
            let received = share_measure
                .as_ref()
                .and_then(|m| sum(s.id, m.id, &in_period));
            StaffCard {
                violations: violations
                    .iter()
                    .filter(|v| v.staff_id == Some(s.id))
                    .cloned()
                    .collect(),
                share_of_unit: personal::share_of_unit(received, unit_received),
                staff: s,
                results,
                score,
                behind,
                rank: None,
            }
        })
        .collect();
    let ranking_on = ranking_on(db, unit).await?;
    if ranking_on {
        let scores: Vec<Option<f64>> = cards.iter().map(|c| c.score.overall).collect();
        for (card, rank) in cards.iter_mut().zip(competition_ranks(&scores)) {
            card.rank = rank;
        }
    }
    let staff_received: Option<i64> = share_measure.as_ref().map(|m| {
        cards
            .iter()
            .filter_map(|c| sum(c.staff.id, m.id, &in_period))
            .sum()
    });
    Ok(UnitStaff {
        unit: unit_row,
        period,
        cards,
        ranking_on,
        unit_score,
        head_unit_weight: weight,
        staff_share: personal::share_of_unit(staff_received, unit_received),
    })
}

/// The engine's view of an indicator.
fn spec(ind: &Indicator) -> IndicatorSpec {
    IndicatorSpec {
        kind: ind.kind,
        direction: ind.direction,
        rule: ind.rule,
        threshold: ind.threshold,
        points: ind.points,
        no_data: ind.no_data,
    }
}

/// The violations recorded in `unit` during the period's months.
async fn violations_in(
    db: &impl ConnectionTrait,
    unit: UnitId,
    period: &Period,
) -> ServiceResult<Vec<Violation>> {
    let year = period.year();
    let from = NaiveDate::from_ymd_opt(year, period.first_month(), 1);
    let to = month_end(year, period.last_month());
    let Some((from, to)) = from.zip(to) else {
        return Ok(Vec::new());
    };
    Ok(db::violations::list(
        db,
        db::closure::Scope::Everything,
        Some(unit),
        Some((from, to)),
    )
    .await?
    .into_iter()
    .filter(|v| v.unit_id == unit)
    .collect())
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}
