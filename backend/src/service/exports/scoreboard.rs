//! The scoreboard of a period to export: every unit in the caller's scope (of one kind, if
//! given) with its rank and results, and the active indicators for the columns.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::model::{Indicator, Unit};
use crate::error::ServiceResult;
use crate::service::results::{self, Basis, ScoreRow};
use crate::service::units;
use shared::ids::UnitId;
use shared::{Period, UnitKind};
use std::collections::HashMap;

/// What the scoreboard export shows.
#[derive(Debug, Clone)]
pub struct Scoreboard {
    /// The period scored.
    pub period: Period,
    /// The unit kind asked for, if any.
    pub kind: Option<UnitKind>,
    /// The lines, in rank order.
    pub rows: Vec<ScoreRow>,
    /// The units of the lines.
    pub units: HashMap<UnitId, Unit>,
    /// The active indicators, one column each.
    pub indicators: Vec<Indicator>,
}

/// The scoreboard of `period` as the caller sees it.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    period: Period,
    kind: Option<UnitKind>,
) -> ServiceResult<Scoreboard> {
    let rows = results::scoreboard(actor, db, period, kind, None, Basis::AllSaved, false)
        .await?
        .rows;
    let ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    Ok(Scoreboard {
        period,
        kind,
        units: units::by_ids(actor, db, &ids).await?,
        indicators: super::active_indicators(db).await?,
        rows,
    })
}
