//! The export use cases: the scoreboard of a period, a unit's report, a decision's targets,
//! the violations list and the differences with the portal's official figures. Each loads what the caller may see through the services, so
//! the scope rules apply exactly as in the API; [`crate::render`] turns the result into
//! XLSX or CSV. The HTTP route and the CLI share [`ExportRequest`].

mod decision;
pub mod notice;
mod official;
mod request;
mod scoreboard;
mod unit;
mod violations;

pub use decision::DecisionTargets;
pub use official::{Difference, OfficialDifferences};
pub use request::{EXPORTS, ExportRequest, Format};
pub use scoreboard::Scoreboard;
pub use unit::UnitReport;
pub use violations::ViolationList;

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::model::Indicator;
use crate::error::ServiceResult;
use crate::service::catalogue;

/// What an export shows, loaded as the caller may see it.
#[derive(Debug, Clone)]
pub enum ExportData {
    /// The scoreboard of a period.
    Scoreboard(Scoreboard),
    /// A unit's report for a year.
    Unit(Box<UnitReport>),
    /// A decision's targets.
    Decision(DecisionTargets),
    /// The violations list.
    Violations(ViolationList),
    /// The differences with the portal's official figures over a period.
    Official(OfficialDifferences),
}

/// Loads the export as the caller may see it.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    req: &ExportRequest,
) -> ServiceResult<ExportData> {
    Ok(match req {
        ExportRequest::Scoreboard { period, kind } => {
            ExportData::Scoreboard(scoreboard::load(actor, db, *period, *kind).await?)
        }
        ExportRequest::Unit { unit, year, month } => {
            ExportData::Unit(Box::new(unit::load(actor, db, *unit, *year, *month).await?))
        }
        ExportRequest::Decision { decision } => {
            ExportData::Decision(decision::load(actor, db, *decision).await?)
        }
        ExportRequest::Violations { unit, year } => {
            ExportData::Violations(violations::load(actor, db, *unit, *year).await?)
        }
        ExportRequest::Official { period, kind } => {
            ExportData::Official(official::load(actor, db, *period, *kind).await?)
        }
    })
}

/// The active indicators of the catalogue, in catalogue order.
async fn active_indicators(db: &impl ConnectionTrait) -> ServiceResult<Vec<Indicator>> {
    Ok(catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect())
}
