//! Which units a results query covers: the units named (those in the caller's scope), with
//! their subtrees when asked, or every unit of the caller's scope when asked; never the
//! caller's own unit by default.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::units;
use crate::domain::model::Unit;
use crate::domain::tree::{MonthIndex, first_day, last_day};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use shared::ids::UnitId;
use std::collections::HashSet;

/// The units asked for.
#[derive(Debug, Clone, Default)]
pub struct UnitSelection {
    /// The units named; `None`: none named.
    pub unit_ids: Option<Vec<UnitId>>,
    /// With the subtrees of the units named, or every unit of the caller's scope when none
    /// is named.
    pub include_subtree: bool,
}

/// What a caller is told when it names no unit and does not ask for its whole scope.
pub const NO_UNITS: &str =
    "Hãy nêu unitIds, hoặc đặt includeSubtree: true để lấy mọi đơn vị trong phạm vi.";

impl UnitSelection {
    /// Fails with VALIDATION on `unitIds` when it covers no unit by construction: none
    /// named and the scope not asked for.
    pub fn check(&self) -> ServiceResult<()> {
        if self.unit_ids.is_none() && !self.include_subtree {
            return Err(ServiceError::validation("unitIds", NO_UNITS));
        }
        Ok(())
    }
}

/// The units of `selection` in the caller's scope for the months `first..=last`: the units
/// named in their order (those outside the scope left out, as a lookup that finds
/// nothing), then, with `include_subtree`, the active units in force in those months of
/// their subtrees as the tree stood then, or of the caller's whole scope when none is
/// named, by name.
pub async fn units_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    selection: &UnitSelection,
    (first, last): (MonthIndex, MonthIndex),
) -> ServiceResult<Vec<Unit>> {
    selection.check()?;
    let scope = access::scope(actor);
    let mut out = Vec::new();
    if let Some(ids) = &selection.unit_ids {
        let visible = crate::service::units::by_ids(actor, db, ids).await?;
        out.extend(ids.iter().filter_map(|i| visible.get(i).cloned()));
        if selection.include_subtree {
            // Each unit once, even when named twice.
            let mut seen = HashSet::new();
            out.retain(|u| seen.insert(u.id));
        }
    }
    if !selection.include_subtree {
        return Ok(out);
    }
    let no_month = || ServiceError::validation("to", "Tháng không hợp lệ.");
    let (from_day, to_day) = (
        first_day(first).ok_or_else(no_month)?,
        last_day(last).ok_or_else(no_month)?,
    );
    let below = match &selection.unit_ids {
        Some(_) if out.is_empty() => return Ok(out),
        Some(_) => {
            let roots: Vec<UnitId> = out.iter().map(|u| u.id).collect();
            units::in_force_during(db, scope, Some(&roots), from_day, to_day).await?
        }
        None => units::in_force_during(db, scope, None, from_day, to_day).await?,
    };
    let named: HashSet<UnitId> = out.iter().map(|u| u.id).collect();
    out.extend(below.into_iter().filter(|u| !named.contains(&u.id)));
    Ok(out)
}
