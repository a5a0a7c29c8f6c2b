//! One module per page (or group of pages), and what several pages load alike.

pub mod admin;
pub mod approvals;
pub mod dashboard;
pub mod import;
pub mod login;
pub mod rankings;
pub mod report;
pub mod targets;
pub mod unit;
pub mod violations;

use crate::api::ops::units::UnitRow;
use crate::api::ops::{Staff, Units, staff, units};
use crate::api::{ApiError, gql};
use crate::components::sort_units;
use crate::state::Session;

/// All units in scope, sorted for a selector.
pub async fn load_units(s: Session) -> Result<Vec<UnitRow>, ApiError> {
    let vars = units::Variables {
        parent_id: None,
        kind: None,
        search: None,
    };
    let mut units = gql::<Units>(s, vars).await?.units;
    sort_units(&mut units);
    Ok(units)
}

/// A unit's staff.
pub async fn load_staff(s: Session, unit_id: String) -> Result<Vec<staff::StaffRow>, ApiError> {
    Ok(gql::<Staff>(s, staff::Variables { unit_id }).await?.staff)
}
