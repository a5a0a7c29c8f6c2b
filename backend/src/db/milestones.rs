//! Queries of the milestones of targets' roadmaps: read for many targets at once, replaced
//! whole by a split, dropped when the target they lead to changes.

use super::entities::milestone;
use crate::domain::model::Milestone;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::Grain;
use shared::ids::TargetId;
use std::collections::HashMap;

/// The milestones of each target, in order.
pub async fn of_targets<C: ConnectionTrait>(
    db: &C,
    ids: &[TargetId],
) -> Result<HashMap<TargetId, Vec<Milestone>>, DbErr> {
    use milestone::Column as M;
    let rows = milestone::Entity::find()
        .filter(M::TargetId.is_in(ids.iter().map(|i| i.0)))
        .order_by_asc(M::TargetId)
        .order_by_asc(M::Idx)
        .all(db)
        .await?;
    let each = rows
        .into_iter()
        .map(|r| Ok((r.target_id, Milestone::try_from(r)?)));
    Ok(by_target(each.collect::<Result<Vec<_>, DbErr>>()?))
}

/// The milestones of `targets` at the given indexes of each grain, as `(index, value)`
/// with the grain of the roadmap.
pub async fn at_indexes<C: ConnectionTrait>(
    db: &C,
    targets: &[TargetId],
    indexes: &[(Grain, Vec<i32>)],
) -> Result<HashMap<TargetId, (Grain, Vec<(i32, f64)>)>, DbErr> {
    let mut at = Condition::any();
    for (grain, idx) in indexes {
        at = at.add(
            Condition::all()
                .add(milestone::Column::Grain.eq(*grain))
                .add(milestone::Column::Idx.is_in(idx.iter().copied())),
        );
    }
    let mut read: HashMap<TargetId, (Grain, Vec<(i32, f64)>)> = HashMap::new();
    for chunk in targets.chunks(5000) {
        let ms = milestone::Entity::find()
            .filter(milestone::Column::TargetId.is_in(chunk.iter().map(|t| t.0)))
            .filter(at.clone())
            .all(db)
            .await?;
        for m in ms {
            let grain = m.grain;
            read.entry(TargetId(m.target_id))
                .or_insert_with(|| (grain, Vec::new()))
                .1
                .push((m.idx, m.value));
        }
    }
    Ok(read)
}

/// Groups `(target id, item)` pairs by target, keeping their order.
pub(super) fn by_target<T>(pairs: impl IntoIterator<Item = (i32, T)>) -> HashMap<TargetId, Vec<T>> {
    let mut out: HashMap<TargetId, Vec<T>> = HashMap::new();
    for (target, item) in pairs {
        out.entry(TargetId(target)).or_default().push(item);
    }
    out
}

/// The values of a target's milestones, as stored.
pub async fn values_of<C: ConnectionTrait>(db: &C, id: TargetId) -> Result<Vec<f64>, DbErr> {
    let rows = milestone::Entity::find()
        .filter(milestone::Column::TargetId.eq(id.0))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|m| m.value).collect())
}

/// Deletes a target's milestones.
pub async fn delete_of<C: ConnectionTrait>(db: &C, id: TargetId) -> Result<(), DbErr> {
    milestone::Entity::delete_many()
        .filter(milestone::Column::TargetId.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces a target's milestones with `values`, one per period of `grain` in order.
pub async fn replace<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    grain: Grain,
    values: &[f64],
) -> Result<(), DbErr> {
    delete_of(db, id).await?;
    let rows = values
        .iter()
        .enumerate()
        .map(|(k, v)| milestone::ActiveModel {
            target_id: Set(id.0),
            grain: Set(grain),
            idx: Set(k as i32 + 1),
            value: Set(*v),
        });
    milestone::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}
