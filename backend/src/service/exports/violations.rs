//! The violations to export: those in the caller's scope (of one unit's subtree and one
//! year, if given), newest first, with their units and staff members.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::model::{Staff, Unit, Violation};
use crate::error::ServiceResult;
use crate::service::{staff, units, violations as service};
use shared::ids::{StaffId, UnitId};
use std::collections::HashMap;

/// What the violations export shows.
#[derive(Debug, Clone)]
pub struct ViolationList {
    /// The unit asked for, if any.
    pub unit: Option<UnitId>,
    /// The year asked for, if any.
    pub year: Option<i32>,
    /// The violations, newest first.
    pub list: Vec<Violation>,
    /// Their units.
    pub units: HashMap<UnitId, Unit>,
    /// Their staff members.
    pub staff: HashMap<StaffId, Staff>,
}

/// The violations list.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: Option<UnitId>,
    year: Option<i32>,
) -> ServiceResult<ViolationList> {
    let list = service::list(actor, db, unit, year).await?;
    let unit_ids: Vec<UnitId> = list.iter().map(|v| v.unit_id).collect();
    let staff_ids: Vec<StaffId> = list.iter().filter_map(|v| v.staff_id).collect();
    Ok(ViolationList {
        unit,
        year,
        units: units::by_ids(actor, db, &unit_ids).await?,
        staff: staff::by_ids(actor, db, &staff_ids).await?,
        list,
    })
}
