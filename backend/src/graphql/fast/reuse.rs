//! Nested objects answered once per id and reused, with what the executor counted to build
//! them, so that every reuse charges the work budget the same.

use crate::graphql::budget::charge;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};
use std::collections::HashMap;
use std::hash::Hash;

/// How many fields and list items the executor counted to build `value`, an answer of
/// type `type_name` to `set`: one per selected field (`__typename` is free) and list item.
/// `None` when a fragment names another type (an interface, a union): the value is then
/// not reused.
fn cost(
    ctx: &ContextSelectionSet<'_>,
    type_name: &str,
    set: &SelectionSet,
    value: &Value,
) -> Option<usize> {
    match value {
        Value::List(items) => items
            .iter()
            .map(|item| cost(ctx, type_name, set, item).map(|c| c + 1))
            .sum(),
        Value::Object(map) => {
            let mut total = 0;
            for selection in &set.items {
                total += match &selection.node {
                    Selection::Field(field) if field.node.name.node == "__typename" => 0,
                    Selection::Field(field) => {
                        let f = &field.node;
                        let of = field_type(ctx, type_name, f.name.node.as_str())?;
                        let below = map.get(&f.response_key().node).unwrap_or(&Value::Null);
                        1 + cost(ctx, of, &f.selection_set.node, below)?
                    }
                    Selection::FragmentSpread(spread) => {
                        let name = &spread.node.fragment_name.node;
                        let fragment = ctx.query_env.fragments.get(name)?;
                        if fragment.node.type_condition.node.on.node.as_str() != type_name {
                            return None;
                        }
                        cost(ctx, type_name, &fragment.node.selection_set.node, value)?
                    }
                    Selection::InlineFragment(inline) => {
                        let on = inline.node.type_condition.as_ref();
                        if on.is_some_and(|c| c.node.on.node.as_str() != type_name) {
                            return None;
                        }
                        cost(ctx, type_name, &inline.node.selection_set.node, value)?
                    }
                };
            }
            Some(total)
        }
        _ => Some(0),
    }
}

/// The named type of field `field` of `type_name` (lists and non-null stripped).
fn field_type<'r>(ctx: &ContextSelectionSet<'r>, type_name: &str, field: &str) -> Option<&'r str> {
    let ty = ctx.schema_env.registry.types.get(type_name)?;
    let field = ty.field_by_name(field)?;
    Some(field.ty.trim_matches(|c| matches!(c, '[' | ']' | '!')))
}

/// Nested objects already answered, by id, with what they cost.
pub(super) struct Answered<K>(HashMap<K, (Value, usize)>);

impl<K: Eq + Hash + Copy> Answered<K> {
    /// The value for `key`, resolving it through the executor the first time (whose
    /// resolver hook charges it); later uses are charged here.
    pub(super) async fn get<'a, T: OutputType>(
        &mut self,
        ctx: &ContextSelectionSet<'a>,
        field: &'a Positioned<Field>,
        key: K,
        object: impl FnOnce() -> ServerResult<T>,
    ) -> ServerResult<Value> {
        if let Some((value, cost)) = self.0.get(&key) {
            charge(ctx, *cost)?;
            return Ok(value.clone());
        }
        let ctx_field = ctx.with_field(field);
        let ctx_set = ctx_field.with_selection_set(&field.node.selection_set);
        let value = OutputType::resolve(&object()?, &ctx_set, field)
            .await
            .map_err(|e| ctx_field.set_error_path(e))?;
        let type_name = T::type_name();
        if let Some(cost) = cost(ctx, &type_name, &field.node.selection_set.node, &value) {
            self.0.insert(key, (value.clone(), cost));
        }
        Ok(value)
    }
}

impl<K> Default for Answered<K> {
    fn default() -> Self {
        Answered(HashMap::new())
    }
}
