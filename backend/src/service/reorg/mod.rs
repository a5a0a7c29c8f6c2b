//! Reorganising the tree from a date (ADMIN): merging units into one, moving a unit under a
//! new parent, renaming it and closing it. Each change is checked (`checks`), applied to the
//! dated closure paths and the roll-ups (`apply`) in one transaction with its audit entry, or
//! previewed (applied, then rolled back). Figures always stay with the unit that reported
//! them; `lineage` answers who a unit's predecessors and successors are.

mod apply;
mod checks;
mod lineage;

pub use apply::{apply_close, apply_merge, apply_move, apply_rename};
pub use lineage::{lineage_of, of_units, successor_names, why_no_figures};

use super::access;
use super::audit;
use crate::auth::Actor;
use crate::db::reorgs::StoredReorganization;
use crate::db::{self, ConnectionTrait, Db, closure, reorgs};
use crate::domain::model::Unit;
use crate::domain::scope::{Placement, may_edit_unit};
use crate::error::{ServiceError, ServiceResult};
use chrono::NaiveDate;
use shared::ids::UnitId;
use shared::{Role, UnitKind};
use std::collections::HashMap;
/// When and by which decision a change takes effect.
#[derive(Debug, Clone)]
pub struct Change {
    pub effective_on: NaiveDate,
    pub decision: String,
}

/// A unit a merge creates.
#[derive(Debug, Clone)]
pub struct NewUnitSpec {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// What sources merge into.
#[derive(Debug, Clone)]
pub enum MergeTarget {
    Existing(UnitId),
    New(NewUnitSpec),
}

/// N units merged into one from a date.
#[derive(Debug, Clone)]
pub struct MergeCmd {
    pub sources: Vec<UnitId>,
    pub into: MergeTarget,
    /// The parent of a new unit (by default the first source's).
    pub parent: Option<UnitId>,
    pub change: Change,
}

/// A unit hung under a new parent from a date.
#[derive(Debug, Clone)]
pub struct MoveCmd {
    pub unit: UnitId,
    pub parent: UnitId,
    pub change: Change,
}

/// A unit's code, name or kind changed from a date.
#[derive(Debug, Clone)]
pub struct RenameCmd {
    pub unit: UnitId,
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub change: Change,
}

/// A unit abolished from a date.
#[derive(Debug, Clone)]
pub struct CloseCmd {
    pub unit: UnitId,
    pub change: Change,
}

/// What a change stored.
#[derive(Debug, Clone, Copy)]
pub struct Applied {
    pub reorganization: i32,
    pub result: Option<UnitId>,
}

/// A change as answered: the stored reorganisation and the units it names as they stood
/// right after it (a preview's new unit exists only here).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub reorganization: StoredReorganization,
    pub units: HashMap<UnitId, Unit>,
    pub preview: bool,
}

/// The reorganisations of `year` (all when `None`), newest first, in the caller's scope.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> ServiceResult<Vec<StoredReorganization>> {
    let all = reorgs::list(db, year, None).await?;
    if actor.scope_is_root {
        return Ok(all);
    }
    let visible: std::collections::HashSet<UnitId> = closure::subtree(db, actor.scope)
        .await?
        .into_iter()
        .collect();
    Ok(all
        .into_iter()
        .filter(|r| {
            r.sources
                .iter()
                .chain(&r.result)
                .any(|u| visible.contains(u))
        })
        .collect())
}

/// Merges units (ADMIN over each source, the target in scope).
pub async fn merge(actor: &Actor, db: &Db, cmd: MergeCmd, dry_run: bool) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    for s in &cmd.sources {
        allow_change(db.conn(), actor, role, *s).await?;
    }
    let receiving = match &cmd.into {
        MergeTarget::Existing(u) => Some(*u),
        MergeTarget::New(_) => cmd.parent,
    };
    if let Some(u) = receiving {
        allow_receive(db.conn(), actor, u).await?;
    }
    run(actor, db, dry_run, Cmd::Merge(&cmd)).await
}

/// Moves a unit (ADMIN over it, the new parent in scope).
pub async fn move_unit(
    actor: &Actor,
    db: &Db,
    cmd: MoveCmd,
    dry_run: bool,
) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    allow_receive(db.conn(), actor, cmd.parent).await?;
    run(actor, db, dry_run, Cmd::Move(&cmd)).await
}

/// Renames a unit (ADMIN over it).
pub async fn rename(
    actor: &Actor,
    db: &Db,
    cmd: RenameCmd,
    dry_run: bool,
) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    run(actor, db, dry_run, Cmd::Rename(&cmd)).await
}

/// Closes a unit (ADMIN over it).
pub async fn close(actor: &Actor, db: &Db, cmd: CloseCmd, dry_run: bool) -> ServiceResult<Outcome> {
    let role = admin_role(actor)?;
    allow_change(db.conn(), actor, role, cmd.unit).await?;
    run(actor, db, dry_run, Cmd::Close(&cmd)).await
}

/// One change to run.
enum Cmd<'a> {
    Merge(&'a MergeCmd),
    Move(&'a MoveCmd),
    Rename(&'a RenameCmd),
    Close(&'a CloseCmd),
}

/// Applies one change in a transaction, audits it and commits it (or rolls it back for a
/// preview), answering the stored change with its units.
async fn run(actor: &Actor, db: &Db, dry_run: bool, cmd: Cmd<'_>) -> ServiceResult<Outcome> {
    let txn = db.write().await?;
    let (action, applied) = match cmd {
        Cmd::Merge(c) => ("mergeUnits", apply_merge(&*txn, c).await?),
        Cmd::Move(c) => ("moveUnit", apply_move(&*txn, c).await?),
        Cmd::Rename(c) => ("renameUnit", apply_rename(&*txn, c).await?),
        Cmd::Close(c) => ("closeUnit", apply_close(&*txn, c).await?),
    };
    let stored = reorgs::find(&*txn, applied.reorganization)
        .await?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the change just stored is gone")))?;
    let ids: Vec<UnitId> = stored
        .sources
        .iter()
        .chain(&stored.moved)
        .chain(&stored.result)
        .copied()
        .collect();
    let units = db::units::by_ids(&*txn, closure::Scope::Everything, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let outcome = Outcome {
        reorganization: stored,
        units,
        preview: dry_run,
    };
    if dry_run {
        txn.rollback().await?;
    } else {
        let after = serde_json::json!({
            "kind": outcome.reorganization.kind,
            "effectiveOn": outcome.reorganization.effective_on,
            "decision": outcome.reorganization.decision,
            "sources": outcome.reorganization.sources.iter().map(|u| u.0).collect::<Vec<_>>(),
            "result": outcome.reorganization.result.map(|u| u.0),
            "moved": outcome.reorganization.moved.iter().map(|u| u.0).collect::<Vec<_>>(),
        });
        audit::record(
            &*txn,
            Some(actor),
            action,
            "reorganization",
            applied.reorganization,
            None,
            Some(after),
        )
        .await?;
        txn.commit().await?;
    }
    Ok(outcome)
}

fn admin_role(actor: &Actor) -> ServiceResult<Role> {
    access::role_for(actor, "reorganise units", |r| r == Role::Admin)
}

async fn allow_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    role: Role,
    unit: UnitId,
) -> ServiceResult<()> {
    let at = access::placement(db, actor, unit).await?;
    access::allow(
        may_edit_unit(role, access::reach(actor), at),
        "an admin reorganises only units of its own subtree",
    )
}

async fn allow_receive(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
) -> ServiceResult<()> {
    let at: Placement = access::placement(db, actor, unit).await?;
    access::allow(
        at.in_scope(),
        "an admin reorganises only units of its own subtree",
    )
}
