//! Per-request DataLoaders for every belongs-to and has-many field, so that a list of N
//! objects costs one query per relation, not N. Each loader carries the caller: what it
//! loads is filtered by scope in the service it calls.

use super::context::SharedActor;
use super::error::GqlResult;
use crate::db::Db;
use crate::db::reorgs::StoredReorganization;
use crate::domain::model::{
    Decision, Indicator, Measure, Milestone, Staff, StaffTarget, Unit, User,
};
use crate::service::{catalogue, decisions, staff, targets, units, users};
use async_graphql::dataloader::{DataLoader, Loader};
use shared::ids::*;
use std::collections::HashMap;

macro_rules! loader {
    ($(#[$doc:meta])* $name:ident: $key:ty => $value:ty, |$actor:ident, $db:ident, $keys:ident| $body:expr) => {
        $(#[$doc])*
        pub struct $name {
            actor: SharedActor,
            db: Db,
        }

        impl Loader<$key> for $name {
            type Value = $value;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, Self::Error> {
                let Some(current) = self.actor.get() else {
                    return Ok(HashMap::new());
                };
                let $actor = &current;
                let $db = self.db.conn();
                let $keys = keys;
                $body.await.gql()
            }
        }
    };
}

loader!(/// Units by id (in scope).
    UnitLoader: UnitId => Unit, |actor, db, keys| units::by_ids(actor, db, keys));
loader!(/// Direct children of units.
    ChildrenLoader: UnitId => Vec<Unit>, |actor, db, keys| units::children_of(actor, db, keys));
loader!(/// Paths (root first) of units.
    PathLoader: UnitId => Vec<Unit>, |actor, db, keys| units::paths_of(actor, db, keys));
loader!(/// Units merged into each unit.
PredecessorsLoader: UnitId => Vec<Unit>, |actor, db, keys| async move {
    crate::service::reorg::lineage_of(actor, db, keys).await.map(|(p, _)| p)
});
loader!(/// Units each unit was merged into.
SuccessorsLoader: UnitId => Vec<Unit>, |actor, db, keys| async move {
    crate::service::reorg::lineage_of(actor, db, keys).await.map(|(_, s)| s)
});
loader!(/// The latest month with figures counted for each unit.
    LatestMonthLoader: UnitId => (i32, u32), |actor, db, keys| units::latest_months(actor, db, keys));
loader!(/// The reorganisations that changed each unit.
    UnitReorgsLoader: UnitId => Vec<StoredReorganization>, |_actor, db, keys| crate::service::reorg::of_units(db, keys));
loader!(/// Staff of units.
    UnitStaffLoader: UnitId => Vec<Staff>, |actor, db, keys| staff::of_units(actor, db, keys));
loader!(/// Staff by id.
    StaffLoader: StaffId => Staff, |actor, db, keys| staff::by_ids(actor, db, keys));
loader!(/// Accounts by id.
    UserLoader: UserId => User, |actor, db, keys| users::by_ids(actor, db, keys));
loader!(/// Measures by id.
    MeasureLoader: MeasureId => Measure, |_actor, db, keys| catalogue::measures_by_ids(db, keys));
loader!(/// Indicators by id.
    IndicatorLoader: IndicatorId => Indicator, |_actor, db, keys| catalogue::indicators_by_ids(db, keys));
loader!(/// Decisions by id.
    DecisionLoader: DecisionId => Decision, |_actor, db, keys| decisions::by_ids(db, keys));
loader!(/// Milestones of targets.
    MilestonesLoader: TargetId => Vec<Milestone>, |_actor, db, keys| targets::milestones_of(db, keys));
loader!(/// Personal shares of targets.
    StaffTargetsLoader: TargetId => Vec<StaffTarget>, |_actor, db, keys| targets::staff_targets_of(db, keys));
loader!(/// The portal's official figures of results (units in scope).
    OfficialLoader: crate::service::official::OfficialKey => crate::service::official::Official,
    |actor, db, keys| crate::service::official::of_results(actor, db, keys));
loader!(/// Cascade gaps of targets.
    CascadeGapLoader: TargetId => Option<f64>, |actor, db, keys| crate::service::results::cascade_gaps(actor, db, keys));
loader!(/// The corrective actions of explanation requests (in scope: keys come from requests shown).
    ActionsLoader: ExplanationRequestId => Vec<crate::domain::follow_up::Action>,
    |_actor, db, keys| crate::service::follow_up::related::actions_of(db, keys));
loader!(/// The evidence files of explanation requests (their own and their actions').
    EvidenceLoader: ExplanationRequestId => Vec<crate::domain::follow_up::EvidenceFile>,
    |_actor, db, keys| crate::service::follow_up::related::evidence_of(db, keys));
loader!(/// Causes of explanations by id.
    CauseLoader: CauseId => crate::domain::follow_up::Cause,
    |_actor, db, keys| crate::service::follow_up::related::causes(db, keys));
loader!(/// Violations recorded for explanation requests, by id.
    ViolationLoader: ViolationId => crate::domain::model::Violation,
    |_actor, db, keys| crate::service::follow_up::related::violations(db, keys));
loader!(/// The names accounts are shown by in follow-through.
    PersonNameLoader: UserId => String,
    |_actor, db, keys| crate::service::follow_up::related::names(db, keys));
loader!(/// The review of months (units in scope) against their units' earlier months.
    ReviewLoader: crate::service::reports::MonthKey => Vec<crate::domain::review::IndicatorReview>,
    |actor, db, keys| crate::service::reports::review::of_months(actor, db, keys));

/// Every loader of one request.
pub struct Loaders {
    pub units: DataLoader<UnitLoader>,
    pub children: DataLoader<ChildrenLoader>,
    pub paths: DataLoader<PathLoader>,
    pub unit_staff: DataLoader<UnitStaffLoader>,
    pub predecessors: DataLoader<PredecessorsLoader>,
    pub successors: DataLoader<SuccessorsLoader>,
    pub latest_months: DataLoader<LatestMonthLoader>,
    pub unit_reorgs: DataLoader<UnitReorgsLoader>,
    pub staff: DataLoader<StaffLoader>,
    pub users: DataLoader<UserLoader>,
    pub measures: DataLoader<MeasureLoader>,
    pub indicators: DataLoader<IndicatorLoader>,
    pub decisions: DataLoader<DecisionLoader>,
    pub milestones: DataLoader<MilestonesLoader>,
    pub staff_targets: DataLoader<StaffTargetsLoader>,
    pub cascade_gaps: DataLoader<CascadeGapLoader>,
    pub official: DataLoader<OfficialLoader>,
    pub actions: DataLoader<ActionsLoader>,
    pub evidence: DataLoader<EvidenceLoader>,
    pub causes: DataLoader<CauseLoader>,
    pub violations: DataLoader<ViolationLoader>,
    pub person_names: DataLoader<PersonNameLoader>,
    pub reviews: DataLoader<ReviewLoader>,
}

impl Loaders {
    /// Fresh loaders for one request of `actor`.
    pub fn new(actor: &SharedActor, db: &Db) -> Loaders {
        macro_rules! dl {
            ($t:ident) => {
                DataLoader::new(
                    $t {
                        actor: actor.clone(),
                        db: db.clone(),
                    },
                    tokio::spawn,
                )
            };
        }
        Loaders {
            units: dl!(UnitLoader),
            children: dl!(ChildrenLoader),
            paths: dl!(PathLoader),
            unit_staff: dl!(UnitStaffLoader),
            predecessors: dl!(PredecessorsLoader),
            successors: dl!(SuccessorsLoader),
            latest_months: dl!(LatestMonthLoader),
            unit_reorgs: dl!(UnitReorgsLoader),
            staff: dl!(StaffLoader),
            users: dl!(UserLoader),
            measures: dl!(MeasureLoader),
            indicators: dl!(IndicatorLoader),
            decisions: dl!(DecisionLoader),
            milestones: dl!(MilestonesLoader),
            staff_targets: dl!(StaffTargetsLoader),
            cascade_gaps: dl!(CascadeGapLoader),
            official: dl!(OfficialLoader),
            actions: dl!(ActionsLoader),
            evidence: dl!(EvidenceLoader),
            causes: dl!(CauseLoader),
            violations: dl!(ViolationLoader),
            person_names: dl!(PersonNameLoader),
            reviews: dl!(ReviewLoader),
        }
    }
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &'a async_graphql::Context<'_>) -> async_graphql::Result<&'a Loaders> {
    ctx.data::<Loaders>()
}
