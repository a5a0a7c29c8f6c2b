//! The reorganisation objects: a merge, move, rename or close with its decision and units,
//! and a month as year and month.

use super::Unit;
use crate::db::reorgs::StoredReorganization;
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::{Date, to_id};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use shared::ReorgKind;
use shared::ids::UnitId;
use std::collections::HashMap;

/// A month of a year.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct YearMonth {
    pub year: i32,
    pub month: i32,
}

/// One change of the tree from a date, by a decision.
pub struct Reorganization {
    pub stored: StoredReorganization,
    /// The units as they stood right after the change (a preview's new unit exists only
    /// here); others are loaded.
    pub units: HashMap<UnitId, model::Unit>,
    pub preview: bool,
}

impl From<StoredReorganization> for Reorganization {
    fn from(stored: StoredReorganization) -> Self {
        Reorganization {
            stored,
            units: HashMap::new(),
            preview: false,
        }
    }
}

impl Reorganization {
    async fn units_of(&self, ctx: &Context<'_>, ids: &[UnitId]) -> Result<Vec<Unit>> {
        let missing: Vec<UnitId> = ids
            .iter()
            .filter(|u| !self.units.contains_key(u))
            .copied()
            .collect();
        let loaded = loaders(ctx)?.units.load_many(missing).await?;
        Ok(ids
            .iter()
            .filter_map(|u| self.units.get(u).or_else(|| loaded.get(u)).cloned())
            .map(Unit)
            .collect())
    }
}

#[Object]
impl Reorganization {
    async fn id(&self) -> ID {
        to_id(self.stored.id)
    }
    async fn kind(&self) -> ReorgKind {
        self.stored.kind
    }
    /// The first day of the new arrangement.
    async fn effective_on(&self) -> Date {
        Date(self.stored.effective_on)
    }
    /// The decision or resolution, e.g. "1656/NQ-UBTVQH15".
    async fn decision(&self) -> &str {
        &self.stored.decision
    }
    /// The merged units; for MOVE, RENAME and CLOSE the one unit.
    async fn sources(&self, ctx: &Context<'_>) -> Result<Vec<Unit>> {
        self.units_of(ctx, &self.stored.sources).await
    }
    /// The unit after the change (the same unit for MOVE and RENAME, null for CLOSE).
    async fn result(&self, ctx: &Context<'_>) -> Result<Option<Unit>> {
        match self.stored.result {
            Some(u) => Ok(self.units_of(ctx, &[u]).await?.into_iter().next()),
            None => Ok(None),
        }
    }
    /// Children of merged units that moved to the result with the merge.
    async fn moved(&self, ctx: &Context<'_>) -> Result<Vec<Unit>> {
        self.units_of(ctx, &self.stored.moved).await
    }
    /// True for a dry run: everything was checked and computed, nothing saved.
    async fn preview(&self) -> bool {
        self.preview
    }
}
