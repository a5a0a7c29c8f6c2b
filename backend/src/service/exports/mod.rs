//! The export use cases: the scoreboard of a period, a unit's report, a decision's targets,
//! the violations list and the differences with the portal's official figures. Each loads what the caller may see through the services, so
//! the scope rules apply exactly as in the API; [`crate::render`] turns the result into
//! XLSX or CSV. The HTTP route and the CLI share [`ExportRequest`]. Every export comes with
//! its [`Letterhead`] (the province, the caller's unit and the day of the export), which
//! a printed page names.

mod decision;
pub mod notice;
mod official;
mod request;
mod scoreboard;
mod unit;
mod violations;

pub use decision::DecisionTargets;
pub use official::{Difference, OfficialDifferences};
pub use request::{EXPORTS, ExportRequest, Format, UnitRef};
pub use scoreboard::Scoreboard;
pub use unit::UnitReport;
pub use violations::ViolationList;

use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::model::Indicator;
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, catalogue};
use shared::ids::UnitId;

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
    /// The personal results of a unit's staff in one month.
    Staff(Box<crate::service::personal::UnitStaff>),
}

/// What the title block and the printed pages of an export name besides its own subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The province: the name of the root of the tree.
    pub province: String,
    /// The unit the caller sees from (an export without a unit of its own covers it).
    pub scope: String,
    /// The day of the export, in Vietnam.
    pub exported_on: chrono::NaiveDate,
}

/// An export loaded with its letterhead.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub letterhead: Letterhead,
    pub data: ExportData,
}

/// Loads the export as the caller may see it, with its letterhead.
pub async fn load(actor: &Actor, db: &Db, req: &ExportRequest) -> ServiceResult<Loaded> {
    let data = load_data(actor, db.conn(), req).await?;
    let conn = db.conn();
    let root = match db::units::first_root(conn).await? {
        Some(id) => db::units::find(conn, id).await?,
        None => None,
    };
    let scope = db::units::find(conn, actor.scope).await?;
    let province = root.map(|u| u.name).unwrap_or_default();
    Ok(Loaded {
        letterhead: Letterhead {
            scope: scope.map_or_else(|| province.clone(), |u| u.name),
            province,
            exported_on: db.clock().today(),
        },
        data,
    })
}

/// What the export shows, as the caller may see it.
async fn load_data(
    actor: &Actor,
    db: &impl ConnectionTrait,
    req: &ExportRequest,
) -> ServiceResult<ExportData> {
    Ok(match req {
        ExportRequest::Scoreboard { period, kind } => {
            ExportData::Scoreboard(scoreboard::load(actor, db, *period, *kind).await?)
        }
        ExportRequest::Unit { unit, year, month } => {
            let unit = resolve(actor, db, unit).await?;
            ExportData::Unit(Box::new(unit::load(actor, db, unit, *year, *month).await?))
        }
        ExportRequest::Decision { decision } => {
            ExportData::Decision(decision::load(actor, db, *decision).await?)
        }
        ExportRequest::Violations { unit, year } => {
            let unit = match unit {
                Some(u) => Some(resolve(actor, db, u).await?),
                None => None,
            };
            ExportData::Violations(violations::load(actor, db, unit, *year).await?)
        }
        ExportRequest::Official { period, kind } => {
            ExportData::Official(official::load(actor, db, *period, *kind).await?)
        }
        ExportRequest::Staff { unit, year, month } => {
            let unit = resolve(actor, db, unit).await?;
            let period = shared::Period::month(*year, *month)
                .map_err(|e| ServiceError::validation(e.field, e.message))?;
            ExportData::Staff(Box::new(
                crate::service::personal::unit_staff(actor, db, unit, period).await?,
            ))
        }
    })
}

/// The unit named by its code (as typed, then in capitals), else by its id, when the
/// caller sees it; NOT_FOUND names what was typed, whether the unit does not exist or lies
/// outside the caller's scope.
pub(super) async fn resolve(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: &UnitRef,
) -> ServiceResult<UnitId> {
    let typed = unit.0.trim();
    let not_found = || {
        ServiceError::NotFound(format!(
            "không tìm thấy đơn vị {typed} trong phạm vi của tài khoản (mã hoặc id đơn vị)"
        ))
    };
    let mut id = db::units::id_by_code(db, typed).await?;
    if id.is_none() && typed != typed.to_uppercase() {
        id = db::units::id_by_code(db, &typed.to_uppercase()).await?;
    }
    let id = match id {
        Some(id) => id,
        None => typed.parse::<i32>().map(UnitId).map_err(|_| not_found())?,
    };
    match access::ensure_visible(db, actor, id, "unit").await {
        Err(ServiceError::NotFound(_)) => Err(not_found()),
        other => other.map(|()| id),
    }
}

/// The active indicators of the catalogue, in catalogue order.
async fn active_indicators(db: &impl ConnectionTrait) -> ServiceResult<Vec<Indicator>> {
    Ok(catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .collect())
}
