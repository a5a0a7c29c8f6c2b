//! A unit's report for a year to export: its indicators' year-to-date results, its targets
//! with their milestones and decisions, the state of each month and the monthly figures
//! with the measure codes of the import layout.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::model::{Decision, Indicator, Milestone, MonthlyReport, Target, Unit};
use crate::error::{ServiceError, ServiceResult};
use crate::service::results::{self, Basis, ResultRow};
use crate::service::targets::{self, TargetFilter};
use crate::service::{access, catalogue, decisions, reports, units};
use shared::Period;
use shared::ids::{DecisionId, MeasureId, TargetId, UnitId};
use shared::measures::DEFAULT_MEASURES;
use std::collections::HashMap;

/// What the unit report export shows.
#[derive(Debug, Clone)]
pub struct UnitReport {
    /// The unit.
    pub unit: Unit,
    /// The year.
    pub year: i32,
    /// The year to date evaluated.
    pub period: Period,
    /// The active indicators.
    pub indicators: Vec<Indicator>,
    /// The unit's result for each indicator.
    pub results: Vec<ResultRow>,
    /// The unit's targets of the year.
    pub targets: Vec<Target>,
    /// The milestones of each target.
    pub milestones: HashMap<TargetId, Vec<Milestone>>,
    /// The decisions of the targets.
    pub decisions: HashMap<DecisionId, Decision>,
    /// The months reported (version above 0), with their figures.
    pub months: Vec<MonthlyReport>,
    /// The measure columns of the import layout (see [`measure_columns`]).
    pub measures: Vec<(Option<MeasureId>, String)>,
}

/// The report of `unit` for `year`, evaluated year-to-date through `month`.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
    month: u32,
) -> ServiceResult<UnitReport> {
    access::ensure_visible(db, actor, unit, "unit").await?;
    let u = units::by_ids(actor, db, &[unit])
        .await?
        .remove(&unit)
        .ok_or_else(|| ServiceError::not_found(format!("unit {unit}")))?;
    let period =
        Period::ytd(year, month).map_err(|e| ServiceError::validation(e.field, e.message))?;
    let indicators = super::active_indicators(db).await?;
    let months = reported_months(actor, db, unit, year).await?;
    let selection = results::UnitSelection {
        unit_ids: Some(vec![unit]),
        include_subtree: false,
    };
    let results = results::indicator_results(actor, db, period, &selection, None, Basis::AllSaved)
        .await?
        .rows;
    let (targets, milestones, decisions) = year_targets(actor, db, unit, year).await?;
    Ok(UnitReport {
        milestones,
        decisions,
        measures: measure_columns(db).await?,
        unit: u,
        year,
        period,
        indicators,
        results,
        targets,
        months,
    })
}

/// The unit's targets of `year`, with their milestones and decisions.
async fn year_targets(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
) -> ServiceResult<(
    Vec<Target>,
    HashMap<TargetId, Vec<Milestone>>,
    HashMap<DecisionId, Decision>,
)> {
    let filter = TargetFilter {
        year,
        unit_id: Some(unit),
        ..TargetFilter::default()
    };
    let list = targets::list(actor, db, filter).await?;
    let ids: Vec<_> = list.iter().map(|t| t.id).collect();
    let decision_ids: Vec<_> = list.iter().map(|t| t.decision_id).collect();
    let milestones = targets::milestones_of(db, &ids).await?;
    let decisions = decisions::by_ids(db, &decision_ids).await?;
    Ok((list, milestones, decisions))
}

/// The unit's monthly reports of `year` that exist (version above 0).
async fn reported_months(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
) -> ServiceResult<Vec<MonthlyReport>> {
    let mut months = Vec::new();
    for month in 1..=12 {
        let at = reports::MonthRef {
            unit_id: unit,
            year: i64::from(year),
            month,
        };
        let r = reports::get(actor, db, at).await?;
        if r.version > 0 {
            months.push(r);
        }
    }
    Ok(months)
}

/// The measure codes of the import layout: the default measures in form order, then any
/// other measure of the catalogue.
pub async fn measure_columns(
    db: &impl ConnectionTrait,
) -> ServiceResult<Vec<(Option<MeasureId>, String)>> {
    let catalogue = catalogue::measures(db).await?;
    let mut out: Vec<(Option<MeasureId>, String)> = DEFAULT_MEASURES
        .iter()
        .map(|c| {
            let id = catalogue.iter().find(|m| m.code == *c).map(|m| m.id);
            (id, (*c).to_owned())
        })
        .collect();
    out.extend(
        catalogue
            .iter()
            .filter(|m| !DEFAULT_MEASURES.contains(&m.code.as_str()))
            .map(|m| (Some(m.id), m.code.clone())),
    );
    Ok(out)
}
