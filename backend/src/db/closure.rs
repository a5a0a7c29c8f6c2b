//! The unit closure table: every (ancestor, descendant, depth) pair, depth 0 for the unit
//! itself. Kept in step with `units.parent_id` on create and move. Also the [`Scope`] that
//! keeps a read inside one subtree.

use super::entities::unit_closure;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::ids::UnitId;
use std::collections::HashMap;

/// The part of the tree a read may return: the whole tree, or the subtree of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every unit (a caller scoped to a root, or no caller at all).
    Everything,
    /// The unit and everything below it.
    Subtree(UnitId),
}

impl Scope {
    /// A condition keeping `column` (a unit id) inside the scope; `None` for the whole tree.
    pub fn condition<C: ColumnTrait>(self, column: C) -> Option<SimpleExpr> {
        match self {
            Scope::Everything => None,
            Scope::Subtree(root) => Some(Expr::col(column).in_subquery(subtree_query(root))),
        }
    }

    /// Keeps `query` inside the scope through its unit-id `column`.
    pub fn apply<Q: QueryFilter, C: ColumnTrait>(self, query: Q, column: C) -> Q {
        match self.condition(column) {
            Some(cond) => query.filter(cond),
            None => query,
        }
    }
}

/// The ancestors of each of `units` (of every unit when `None`), the unit itself included.
pub async fn ancestors_of(
    db: &impl ConnectionTrait,
    units: Option<&[UnitId]>,
) -> Result<HashMap<UnitId, Vec<UnitId>>, DbErr> {
    use unit_closure::Column as C;
    let pairs = || {
        unit_closure::Entity::find()
            .select_only()
            .column(C::DescendantId)
            .column(C::AncestorId)
    };
    let mut rows: Vec<(i32, i32)> = Vec::new();
    match units {
        None => rows = pairs().into_tuple().all(db).await?,
        Some(units) => {
            for chunk in units.chunks(1000) {
                let of = C::DescendantId.is_in(chunk.iter().map(|u| u.0));
                rows.extend(
                    pairs()
                        .filter(of)
                        .into_tuple::<(i32, i32)>()
                        .all(db)
                        .await?,
                );
            }
        }
    }
    let mut ancestors: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    for (d, a) in rows {
        ancestors.entry(UnitId(d)).or_default().push(UnitId(a));
    }
    Ok(ancestors)
}

/// `(descendant, ancestor, depth)` of each of `units`, every ancestor (itself included).
pub async fn ancestor_rows(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> Result<Vec<(UnitId, UnitId, i32)>, DbErr> {
    let rows: Vec<(i32, i32, i32)> = unit_closure::Entity::find()
        .select_only()
        .column(unit_closure::Column::DescendantId)
        .column(unit_closure::Column::AncestorId)
        .column(unit_closure::Column::Depth)
        .filter(unit_closure::Column::DescendantId.is_in(units.iter().map(|u| u.0)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(d, a, depth)| (UnitId(d), UnitId(a), depth))
        .collect())
}

/// Adds the rows of a new leaf unit under `parent`.
pub async fn insert_leaf(
    db: &impl ConnectionTrait,
    unit: UnitId,
    parent: Option<UnitId>,
) -> Result<(), DbErr> {
    let mut rows = vec![unit_closure::ActiveModel {
        ancestor_id: Set(unit.0),
        descendant_id: Set(unit.0),
        depth: Set(0),
    }];
    if let Some(parent) = parent {
        for a in ancestors_with_depth(db, parent).await? {
            rows.push(unit_closure::ActiveModel {
                ancestor_id: Set(a.0.0),
                descendant_id: Set(unit.0),
                depth: Set(a.1 + 1),
            });
        }
    }
    unit_closure::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// `(ancestor, depth)` of `unit`, itself included with depth 0, nearest first.
pub async fn ancestors_with_depth(
    db: &impl ConnectionTrait,
    unit: UnitId,
) -> Result<Vec<(UnitId, i32)>, DbErr> {
    let rows = unit_closure::Entity::find()
        .filter(unit_closure::Column::DescendantId.eq(unit.0))
        .order_by_asc(unit_closure::Column::Depth)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (UnitId(r.ancestor_id), r.depth))
        .collect())
}

/// Ancestors of `unit`, itself included, nearest first.
pub async fn ancestors(db: &impl ConnectionTrait, unit: UnitId) -> Result<Vec<UnitId>, DbErr> {
    Ok(ancestors_with_depth(db, unit)
        .await?
        .into_iter()
        .map(|(a, _)| a)
        .collect())
}

/// The depth of `descendant` below `ancestor`, or `None` when it is not in that subtree.
pub async fn depth_below(
    db: &impl ConnectionTrait,
    ancestor: UnitId,
    descendant: UnitId,
) -> Result<Option<i32>, DbErr> {
    let row = unit_closure::Entity::find_by_id((ancestor.0, descendant.0))
        .one(db)
        .await?;
    Ok(row.map(|r| r.depth))
}

/// Every unit of the subtree of `root`, itself included.
pub async fn subtree(db: &impl ConnectionTrait, root: UnitId) -> Result<Vec<UnitId>, DbErr> {
    let ids: Vec<i32> = unit_closure::Entity::find()
        .select_only()
        .column(unit_closure::Column::DescendantId)
        .filter(unit_closure::Column::AncestorId.eq(root.0))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(UnitId).collect())
}

/// A sub-select of the ids in the subtree of `root`, for `col IN (…)` filters.
pub fn subtree_query(root: UnitId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(unit_closure::Column::DescendantId)
        .from(unit_closure::Entity)
        .and_where(Expr::col(unit_closure::Column::AncestorId).eq(root.0))
        .to_owned()
}

/// Moves the subtree of `unit` under `new_parent`: paths from outside ancestors are
/// replaced; paths inside the subtree are kept.
pub async fn move_subtree(
    db: &impl ConnectionTrait,
    unit: UnitId,
    new_parent: Option<UnitId>,
) -> Result<(), DbErr> {
    let sub: Vec<(i32, i32)> = unit_closure::Entity::find()
        .filter(unit_closure::Column::AncestorId.eq(unit.0))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.descendant_id, r.depth))
        .collect();
    let outside: Vec<i32> = ancestors_with_depth(db, unit)
        .await?
        .into_iter()
        .filter(|(_, d)| *d > 0)
        .map(|(a, _)| a.0)
        .collect();
    if !outside.is_empty() {
        unit_closure::Entity::delete_many()
            .filter(unit_closure::Column::AncestorId.is_in(outside))
            .filter(unit_closure::Column::DescendantId.is_in(sub.iter().map(|(d, _)| *d)))
            .exec(db)
            .await?;
    }
    if let Some(parent) = new_parent {
        attach(db, parent, &sub).await?;
    }
    Ok(())
}

/// Inserts the paths from `parent` and its ancestors to every `(descendant, depth)` of a
/// subtree being hung under `parent`.
async fn attach(
    db: &impl ConnectionTrait,
    parent: UnitId,
    sub: &[(i32, i32)],
) -> Result<(), DbErr> {
    let mut rows = Vec::new();
    for (a, ad) in ancestors_with_depth(db, parent).await? {
        for (d, dd) in sub {
            rows.push(unit_closure::ActiveModel {
                ancestor_id: Set(a.0),
                descendant_id: Set(*d),
                depth: Set(ad + dd + 1),
            });
        }
    }
    for chunk in rows.chunks(500) {
        unit_closure::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Inserts the closure rows of every unit in `parent_of` (child → parent) under `root`,
/// whose own rows already exist.
pub async fn insert_tree(
    db: &impl ConnectionTrait,
    root: i32,
    parent_of: &HashMap<i32, i32>,
) -> Result<(), DbErr> {
    let mut rows = Vec::new();
    for &unit in parent_of.keys() {
        rows.push(unit_closure::ActiveModel {
            ancestor_id: Set(unit),
            descendant_id: Set(unit),
            depth: Set(0),
        });
        let (mut current, mut depth) = (unit, 0);
        while let Some(&p) = parent_of.get(&current) {
            depth += 1;
            rows.push(unit_closure::ActiveModel {
                ancestor_id: Set(p),
                descendant_id: Set(unit),
                depth: Set(depth),
            });
            if p == root {
                break;
            }
            current = p;
        }
    }
    for chunk in rows.chunks(2000) {
        unit_closure::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
