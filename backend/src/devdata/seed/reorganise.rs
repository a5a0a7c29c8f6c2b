//! The 2025 reorganisation of the demo province, applied through the reorganisation
//! service inside the seeding transaction: the departments' offices and the departments
//! merge, the communes merge about three into one under the province, then the districts,
//! left without communes, close. All on 01/07/2025.

use super::calendar::reorganisation_day;
use super::tree::{Successor, Tree};
use crate::error::ServiceResult;
use crate::service::reorg::{
    Change, CloseCmd, MergeCmd, MergeTarget, NewUnitSpec, apply_close, apply_merge,
};
use sea_orm::ConnectionTrait;
use shared::ids::UnitId;

/// Applies every merge, then every close, of `tree`; `ids` (by unit key) gains the ids of
/// the units the merges make. Returns how many changes were recorded.
pub async fn apply(
    db: &impl ConnectionTrait,
    tree: &Tree,
    ids: &mut [Option<i32>],
    root: i32,
) -> ServiceResult<usize> {
    let id = |ids: &[Option<i32>], k: usize| -> ServiceResult<UnitId> {
        ids.get(k)
            .copied()
            .flatten()
            .map(UnitId)
            .ok_or_else(|| anyhow::anyhow!("demo unit {k} has no id").into())
    };
    let change = |decision: &str| Change {
        effective_on: reorganisation_day(),
        decision: decision.to_owned(),
    };
    let mut n = 0;
    for m in &tree.merges {
        let sources = m
            .sources
            .iter()
            .map(|k| id(ids, *k))
            .collect::<ServiceResult<Vec<_>>>()?;
        let (into, parent) = match m.into {
            Successor::Existing(k) => (MergeTarget::Existing(id(ids, k)?), None),
            Successor::New(k) => {
                let u = tree
                    .units
                    .get(k)
                    .ok_or_else(|| anyhow::anyhow!("demo unit {k}"))?;
                let spec = NewUnitSpec {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind,
                };
                (MergeTarget::New(spec), Some(UnitId(root)))
            }
        };
        let cmd = MergeCmd {
            sources,
            into,
            parent,
            change: change(m.decision),
        };
        let applied = apply_merge(db, &cmd).await?;
        if let (Successor::New(k), Some(made)) = (m.into, applied.result)
            && let Some(slot) = ids.get_mut(k)
        {
            *slot = Some(made.0);
        }
        n += 1;
    }
    for k in &tree.closes {
        let cmd = CloseCmd {
            unit: id(ids, *k)?,
            change: change(super::province::decisions::DISTRICTS),
        };
        apply_close(db, &cmd).await?;
        n += 1;
    }
    Ok(n)
}
