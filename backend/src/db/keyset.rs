//! Keyset paging in SQL: the condition keeping the rows strictly after the last row of the
//! previous page, in the list's order (never an OFFSET).

use sea_orm::{ColumnTrait, Condition, Value};

/// Rows after `(a, b)` in ascending order of `(col_a, col_b)`: `col_a > a`, or `col_a = a`
/// and `col_b > b`.
pub fn after_asc<A, B>(col_a: A, a: impl Into<Value>, col_b: B, b: impl Into<Value>) -> Condition
where
    A: ColumnTrait,
    B: ColumnTrait,
{
    let a: Value = a.into();
    Condition::any()
        .add(col_a.gt(a.clone()))
        .add(Condition::all().add(col_a.eq(a)).add(col_b.gt(b.into())))
}

/// Rows after `id` in descending order of `col` (newest first).
pub fn before_id<C: ColumnTrait>(col: C, id: Option<i32>) -> Condition {
    let mut cond = Condition::all();
    if let Some(id) = id {
        cond = cond.add(col.lt(id));
    }
    cond
}

/// Rows after `id` in ascending order of `col`.
pub fn after_id<C: ColumnTrait>(col: C, id: Option<i32>) -> Condition {
    let mut cond = Condition::all();
    if let Some(id) = id {
        cond = cond.add(col.gt(id));
    }
    cond
}
