//! GraphQL lists answered without a resolver per field. A national scoreboard has ~1,900
//! rows and ~15,500 results of ~15 fields each; through the executor every field is a
//! boxed future and a pass through the extensions (≈ 1 µs), which made its answer 5×
//! slower than the computation. Here a list's selection set is read once into a plan, the
//! leaves are read straight from the rows, and a nested object (`unit`, `indicator`,
//! `period`) is resolved by the executor once per id and reused: the same object with the
//! same selection gives the same value within a request. The work budget is charged
//! exactly what the executor would have counted. A selection the plan does not know
//! (another directive, a fragment on another type, a repeated key) goes through the
//! executor as before.

mod results;
mod reuse;
mod score_rows;
mod units;

pub use results::ResultList;
pub use score_rows::ScoreRowList;

use crate::error::ServiceError;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::{ContextSelectionSet, Name, Positioned, ScalarType, ServerError, Value};
use std::collections::HashSet;

/// The planned fields of a selection on `type_name` in answer order (fragments expanded),
/// or `None` when the executor must answer it.
fn plan<'a, S>(
    ctx: &ContextSelectionSet<'a>,
    type_name: &str,
    step: fn(&'a Positioned<Field>) -> Option<S>,
) -> Option<Vec<(Name, S)>> {
    let mut steps = Vec::new();
    collect(ctx, type_name, step, &ctx.item.node, &mut steps)?;
    let mut keys = HashSet::new();
    steps
        .iter()
        .all(|(key, _)| keys.insert(key.clone()))
        .then_some(steps)
}

fn collect<'a, S>(
    ctx: &ContextSelectionSet<'a>,
    type_name: &str,
    step: fn(&'a Positioned<Field>) -> Option<S>,
    set: &'a SelectionSet,
    steps: &mut Vec<(Name, S)>,
) -> Option<()> {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let f = &field.node;
                if !f.directives.is_empty() || !f.arguments.is_empty() {
                    return None;
                }
                steps.push((f.response_key().node.clone(), step(field)?));
            }
            Selection::FragmentSpread(spread) => {
                let fragment = ctx
                    .query_env
                    .fragments
                    .get(&spread.node.fragment_name.node)?;
                let on = &fragment.node.type_condition.node.on.node;
                if !spread.node.directives.is_empty() || on.as_str() != type_name {
                    return None;
                }
                collect(
                    ctx,
                    type_name,
                    step,
                    &fragment.node.selection_set.node,
                    steps,
                )?;
            }
            Selection::InlineFragment(inline) => {
                let on = inline.node.type_condition.as_ref();
                if !inline.node.directives.is_empty()
                    || on.is_some_and(|c| c.node.on.node.as_str() != type_name)
                {
                    return None;
                }
                collect(ctx, type_name, step, &inline.node.selection_set.node, steps)?;
            }
        }
    }
    Some(())
}

/// How many planned fields the work budget counts (`__typename` is free).
fn counted<S>(steps: &[(Name, S)], is_typename: fn(&S) -> bool) -> usize {
    steps.iter().filter(|(_, s)| !is_typename(s)).count()
}

/// An `Int` as the executor writes it (capped to 32 bits as the resolvers do).
fn int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, |x| {
        ScalarType::to_value(&i32::try_from(x).unwrap_or(i32::MAX))
    })
}

/// A `Float` as the executor writes it (null when not finite).
fn float(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |x| ScalarType::to_value(&x))
}

fn missing(what: &str) -> ServerError {
    super::error::to_gql(ServiceError::not_found(what)).into_server_error(Default::default())
}
