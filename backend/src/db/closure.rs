//! The unit closure table: every (ancestor, descendant, depth) path with the months it counts
//! (`domain::tree`), depth 0 for the unit itself. Kept in step with `units.parent_id` on
//! create, move and reorganisation. Also the [`Scope`] that keeps a read inside one subtree
//! (every unit that ever counted for its root, predecessors included).

use super::entities::unit_closure;
use crate::domain::tree::{ALWAYS_FROM, Path, PathEdit, STILL_IN_FORCE};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::ids::UnitId;
use std::collections::{HashMap, HashSet};

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

/// A stored row as a domain path.
fn path(r: unit_closure::Model) -> Path {
    Path {
        ancestor: UnitId(r.ancestor_id),
        descendant: UnitId(r.descendant_id),
        depth: r.depth,
        from: r.from_month,
        to: r.to_month,
        inherited: r.inherited,
    }
}

fn row(p: &Path) -> unit_closure::ActiveModel {
    unit_closure::ActiveModel {
        ancestor_id: Set(p.ancestor.0),
        descendant_id: Set(p.descendant.0),
        from_month: Set(p.from),
        depth: Set(p.depth),
        to_month: Set(p.to),
        inherited: Set(p.inherited),
    }
}

/// Rows per IN list.
const IN_CHUNK: usize = 1000;

/// The paths to each of `units` (to every unit when `None`), whatever their months: the
/// roll-up keeps the ones that cover the month of a figure.
pub async fn paths_to(
    db: &impl ConnectionTrait,
    units: Option<&[UnitId]>,
) -> Result<HashMap<UnitId, Vec<Path>>, DbErr> {
    use unit_closure::Column as C;
    let mut rows = Vec::new();
    match units {
        None => rows = unit_closure::Entity::find().all(db).await?,
        Some(units) => {
            for chunk in units.chunks(IN_CHUNK) {
                let of = C::DescendantId.is_in(chunk.iter().map(|u| u.0));
                rows.extend(unit_closure::Entity::find().filter(of).all(db).await?);
            }
        }
    }
    let mut out: HashMap<UnitId, Vec<Path>> = HashMap::new();
    for r in rows {
        out.entry(UnitId(r.descendant_id))
            .or_default()
            .push(path(r));
    }
    Ok(out)
}

/// `(descendant, ancestor, depth)` of each of `units` in the tree as it stood in the
/// unit's last month in force (today for a unit in force), itself included.
pub async fn ancestor_rows(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> Result<Vec<(UnitId, UnitId, i32)>, DbErr> {
    let mut out = Vec::new();
    for (d, paths) in paths_to(db, Some(units)).await? {
        let last = paths
            .iter()
            .filter(|p| p.depth == 0 && p.ancestor == d)
            .map(|p| p.to)
            .max()
            .unwrap_or(STILL_IN_FORCE);
        out.extend(
            paths
                .iter()
                .filter(|p| !p.inherited && p.covers(last))
                .map(|p| (d, p.ancestor, p.depth)),
        );
    }
    Ok(out)
}

/// The paths in force from `unit` down (itself at depth 0).
pub async fn in_force_below(db: &impl ConnectionTrait, unit: UnitId) -> Result<Vec<Path>, DbErr> {
    Ok(unit_closure::Entity::find()
        .filter(unit_closure::Column::AncestorId.eq(unit.0))
        .filter(unit_closure::Column::ToMonth.eq(STILL_IN_FORCE))
        .all(db)
        .await?
        .into_iter()
        .map(path)
        .collect())
}

/// The paths in force to `unit` (itself at depth 0), nearest first.
pub async fn in_force_above(db: &impl ConnectionTrait, unit: UnitId) -> Result<Vec<Path>, DbErr> {
    Ok(unit_closure::Entity::find()
        .filter(unit_closure::Column::DescendantId.eq(unit.0))
        .filter(unit_closure::Column::ToMonth.eq(STILL_IN_FORCE))
        .order_by_asc(unit_closure::Column::Depth)
        .all(db)
        .await?
        .into_iter()
        .map(path)
        .collect())
}

/// The paths in force into the units of `subtree` from units outside it: what a move of
/// that subtree ends.
pub async fn in_force_into(
    db: &impl ConnectionTrait,
    subtree: &[Path],
) -> Result<Vec<Path>, DbErr> {
    let inside: HashSet<UnitId> = subtree.iter().map(|p| p.descendant).collect();
    let ids: Vec<UnitId> = inside.iter().copied().collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        let rows = unit_closure::Entity::find()
            .filter(unit_closure::Column::DescendantId.is_in(chunk.iter().map(|u| u.0)))
            .filter(unit_closure::Column::ToMonth.eq(STILL_IN_FORCE))
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .map(path)
                .filter(|p| !inside.contains(&p.ancestor)),
        );
    }
    Ok(out)
}

/// Every path from each of `units` down, whatever its months.
pub async fn paths_from(db: &impl ConnectionTrait, units: &[UnitId]) -> Result<Vec<Path>, DbErr> {
    Ok(unit_closure::Entity::find()
        .filter(unit_closure::Column::AncestorId.is_in(units.iter().map(|u| u.0)))
        .all(db)
        .await?
        .into_iter()
        .map(path)
        .collect())
}

/// Writes a change of paths.
pub async fn apply_edit(db: &impl ConnectionTrait, edit: &PathEdit) -> Result<(), DbErr> {
    use unit_closure::Column as C;
    for (p, to) in &edit.end {
        unit_closure::Entity::update_many()
            .col_expr(C::ToMonth, Expr::value(*to))
            .filter(C::AncestorId.eq(p.ancestor.0))
            .filter(C::DescendantId.eq(p.descendant.0))
            .filter(C::FromMonth.eq(p.from))
            .exec(db)
            .await?;
    }
    for p in &edit.remove {
        unit_closure::Entity::delete_many()
            .filter(C::AncestorId.eq(p.ancestor.0))
            .filter(C::DescendantId.eq(p.descendant.0))
            .filter(C::FromMonth.eq(p.from))
            .exec(db)
            .await?;
    }
    insert(db, &edit.add).await
}

/// Inserts paths, in chunks.
pub async fn insert(db: &impl ConnectionTrait, paths: &[Path]) -> Result<(), DbErr> {
    for chunk in paths.chunks(500) {
        unit_closure::Entity::insert_many(chunk.iter().map(row))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Whether any path to a unit of the subtree of `unit` (or to it) is limited in time: the
/// unit has been reorganised, so only a dated move may change where it hangs.
pub async fn has_dated_paths(db: &impl ConnectionTrait, unit: UnitId) -> Result<bool, DbErr> {
    use unit_closure::Column as C;
    let sub: Vec<i32> = subtree(db, unit).await?.into_iter().map(|u| u.0).collect();
    let mut found = false;
    for chunk in sub.chunks(IN_CHUNK) {
        let n = unit_closure::Entity::find()
            .filter(C::DescendantId.is_in(chunk.iter().copied()))
            .filter(
                C::FromMonth
                    .ne(ALWAYS_FROM)
                    .or(C::ToMonth.ne(STILL_IN_FORCE))
                    .or(C::Inherited.eq(true)),
            )
            .count(db)
            .await?;
        found |= n > 0;
    }
    Ok(found)
}

/// Adds the rows of a new leaf unit under `parent`, counting from month `from`.
pub async fn insert_leaf(
    db: &impl ConnectionTrait,
    unit: UnitId,
    parent: Option<UnitId>,
    from: i32,
) -> Result<(), DbErr> {
    let mut rows = vec![Path::open(unit, unit, 0, from)];
    if let Some(parent) = parent {
        for a in in_force_above(db, parent).await? {
            rows.push(Path::open(a.ancestor, unit, a.depth + 1, from));
        }
    }
    insert(db, &rows).await
}

/// `(ancestor, depth)` of `unit` in the tree in force, itself included with depth 0,
/// nearest first.
pub async fn ancestors_with_depth(
    db: &impl ConnectionTrait,
    unit: UnitId,
) -> Result<Vec<(UnitId, i32)>, DbErr> {
    Ok(in_force_above(db, unit)
        .await?
        .into_iter()
        .map(|p| (p.ancestor, p.depth))
        .collect())
}

/// Ancestors of `unit` in the tree in force, itself included, nearest first.
pub async fn ancestors(db: &impl ConnectionTrait, unit: UnitId) -> Result<Vec<UnitId>, DbErr> {
    Ok(ancestors_with_depth(db, unit)
        .await?
        .into_iter()
        .map(|(a, _)| a)
        .collect())
}

/// The depth of `descendant` below `ancestor` (at any time, as a predecessor too), or
/// `None` when it never counted for it.
pub async fn depth_below(
    db: &impl ConnectionTrait,
    ancestor: UnitId,
    descendant: UnitId,
) -> Result<Option<i32>, DbErr> {
    let row: Option<Option<i32>> = unit_closure::Entity::find()
        .select_only()
        .column_as(unit_closure::Column::Depth.min(), "d")
        .filter(unit_closure::Column::AncestorId.eq(ancestor.0))
        .filter(unit_closure::Column::DescendantId.eq(descendant.0))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.flatten())
}

/// Every unit that ever counted for `root` (its subtree at any time, predecessors
/// included), itself included.
pub async fn subtree(db: &impl ConnectionTrait, root: UnitId) -> Result<Vec<UnitId>, DbErr> {
    let ids: Vec<i32> = unit_closure::Entity::find()
        .select_only()
        .column(unit_closure::Column::DescendantId)
        .distinct()
        .filter(unit_closure::Column::AncestorId.eq(root.0))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(UnitId).collect())
}

/// The direct children of `parents` in the tree as it stood in `month`, as `(child, parent)`.
pub async fn children_at(
    db: &impl ConnectionTrait,
    parents: &[UnitId],
    month: i32,
) -> Result<Vec<(UnitId, UnitId)>, DbErr> {
    parent_links_at(db, unit_closure::Column::AncestorId, parents, month).await
}

/// The parent of each of `units` in the tree as it stood in `month` (the root and units
/// not in force then have none).
pub async fn parents_at(
    db: &impl ConnectionTrait,
    units: &[UnitId],
    month: i32,
) -> Result<HashMap<UnitId, UnitId>, DbErr> {
    let links = parent_links_at(db, unit_closure::Column::DescendantId, units, month).await?;
    Ok(links.into_iter().collect())
}

/// The `(child, parent)` links of `month` whose `side` (the parent's or the child's
/// column) is one of `ids`.
async fn parent_links_at(
    db: &impl ConnectionTrait,
    side: unit_closure::Column,
    ids: &[UnitId],
    month: i32,
) -> Result<Vec<(UnitId, UnitId)>, DbErr> {
    use unit_closure::Column as C;
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        let rows: Vec<(i32, i32)> = unit_closure::Entity::find()
            .select_only()
            .column(C::DescendantId)
            .column(C::AncestorId)
            .filter(side.is_in(chunk.iter().map(|u| u.0)))
            .filter(C::Depth.eq(1))
            .filter(C::Inherited.eq(false))
            .filter(C::FromMonth.lte(month))
            .filter(C::ToMonth.gte(month))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(c, p)| (UnitId(c), UnitId(p))));
    }
    Ok(out)
}

/// A sub-select of the children of `parent` in `month`, for `col IN (…)` filters.
pub fn children_at_query(parent: UnitId, month: i32) -> sea_orm::sea_query::SelectStatement {
    use unit_closure::Column as C;
    Query::select()
        .column(C::DescendantId)
        .from(unit_closure::Entity)
        .and_where(Expr::col(C::AncestorId).eq(parent.0))
        .and_where(Expr::col(C::Depth).eq(1))
        .and_where(Expr::col(C::Inherited).eq(false))
        .and_where(Expr::col(C::FromMonth).lte(month))
        .and_where(Expr::col(C::ToMonth).gte(month))
        .to_owned()
}

/// A sub-select of the units in the subtrees of `roots` (themselves included) in some month
/// of `first..=last`, as the tree stood then (paths a merge copied from a predecessor left
/// out), for `col IN (…)` filters.
pub fn subtrees_during_query(
    roots: &[UnitId],
    first: i32,
    last: i32,
) -> sea_orm::sea_query::SelectStatement {
    use unit_closure::Column as C;
    Query::select()
        .column(C::DescendantId)
        .from(unit_closure::Entity)
        .and_where(Expr::col(C::AncestorId).is_in(roots.iter().map(|r| r.0)))
        .and_where(Expr::col(C::Inherited).eq(false))
        .and_where(Expr::col(C::FromMonth).lte(last))
        .and_where(Expr::col(C::ToMonth).gte(first))
        .to_owned()
}

/// A sub-select of the ids in the subtree of `root`, for `col IN (…)` filters.
pub fn subtree_query(root: UnitId) -> sea_orm::sea_query::SelectStatement {
    subtrees_query(&[root])
}

/// A sub-select of the ids in the subtrees of `roots` (themselves included), for
/// `col IN (…)` filters.
pub fn subtrees_query(roots: &[UnitId]) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(unit_closure::Column::DescendantId)
        .from(unit_closure::Entity)
        .and_where(Expr::col(unit_closure::Column::AncestorId).is_in(roots.iter().map(|r| r.0)))
        .to_owned()
}

/// Moves the subtree of `unit` under `new_parent` for all time (a correction of a tree
/// never reorganised): paths from outside ancestors are replaced; paths inside are kept.
pub async fn move_subtree(
    db: &impl ConnectionTrait,
    unit: UnitId,
    new_parent: Option<UnitId>,
) -> Result<(), DbErr> {
    let sub = in_force_below(db, unit).await?;
    let outside = in_force_into(db, &sub).await?;
    apply_edit(
        db,
        &PathEdit {
            remove: outside,
            ..PathEdit::default()
        },
    )
    .await?;
    if let Some(parent) = new_parent {
        let mut rows = Vec::new();
        for a in in_force_above(db, parent).await? {
            for d in &sub {
                rows.push(Path::open(
                    a.ancestor,
                    d.descendant,
                    a.depth + d.depth + 1,
                    ALWAYS_FROM,
                ));
            }
        }
        insert(db, &rows).await?;
    }
    Ok(())
}

/// Inserts the closure rows of every unit in `parent_of` (child → parent) under `root`,
/// whose own rows already exist: paths that have always counted.
pub async fn insert_tree(
    db: &impl ConnectionTrait,
    root: i32,
    parent_of: &HashMap<i32, i32>,
) -> Result<(), DbErr> {
    let mut rows = Vec::new();
    for &unit in parent_of.keys() {
        rows.push(Path::open(UnitId(unit), UnitId(unit), 0, ALWAYS_FROM));
        let (mut current, mut depth) = (unit, 0);
        while let Some(&p) = parent_of.get(&current) {
            depth += 1;
            rows.push(Path::open(UnitId(p), UnitId(unit), depth, ALWAYS_FROM));
            if p == root {
                break;
            }
            current = p;
        }
    }
    for chunk in rows.chunks(2000) {
        unit_closure::Entity::insert_many(chunk.iter().map(row))
            .exec(db)
            .await?;
    }
    Ok(())
}
