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
mod value_rows;

pub use results::ResultList;
pub use score_rows::ScoreRowList;
pub use value_rows::ValueRowList;

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

/// What the tests of both lists check: a field answered from the plan (`fast`) and the same
/// rows through the executor (`slow`) give the same JSON and need the same work budget.
#[cfg(test)]
mod checks {
    use crate::graphql::budget::WorkBudget;
    use async_graphql::{EmptyMutation, EmptySubscription, ObjectType, Response, Schema};

    /// `document(field)` asked of `query` with a budget of `max_fields`.
    pub(super) async fn run<Q: ObjectType + 'static>(
        query: fn() -> Q,
        document: &str,
        max_fields: usize,
    ) -> Response {
        Schema::build(query(), EmptyMutation, EmptySubscription)
            .extension(WorkBudget { max_fields })
            .finish()
            .execute(document)
            .await
    }

    /// The fewest fields and items the budget must allow for `document` to be answered.
    async fn least_budget<Q: ObjectType + 'static>(query: fn() -> Q, document: &str) -> usize {
        let (mut low, mut high) = (1, 10_000);
        while low < high {
            let mid = (low + high) / 2;
            if run(query, document, mid).await.errors.is_empty() {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    }

    /// Asserts that `document("fast")` and `document("slow")` answer the same and cost the
    /// same.
    pub(super) async fn same_answer_and_cost<Q: ObjectType + 'static>(
        query: fn() -> Q,
        document: impl Fn(&str) -> String,
    ) {
        let (fast, slow) = (document("fast"), document("slow"));
        let planned = run(query, &fast, 100_000).await;
        let executed = run(query, &slow, 100_000).await;
        assert!(planned.errors.is_empty(), "{fast}: {:?}", planned.errors);
        assert_eq!(
            serde_json::to_string(&planned.data).ok(),
            serde_json::to_string(&executed.data)
                .ok()
                .map(|s| s.replacen("slow", "fast", 1)),
            "{fast}"
        );
        assert_eq!(
            least_budget(query, &fast).await,
            least_budget(query, &slow).await,
            "{fast}"
        );
    }
}
