//! `[IndicatorResult!]!` answered without a resolver per field. A national scoreboard has
//! ~15,500 results of ~15 fields each; through the executor every field is a boxed future
//! and a pass through the extensions (≈ 1 µs), which made its answer 5× slower than the
//! computation. Here the selection set is read once into a plan, the leaves are read
//! straight from the rows, and a nested `unit`, `indicator` or `period` is resolved by the
//! executor once per distinct id and reused (the same object with the same selection gives
//! the same value within a request). The work budget is charged exactly what the executor
//! would have counted. Any selection the plan does not know (another directive, a fragment
//! on another type, a repeated key) goes through the executor as before.

use super::budget::charge;
use super::loaders::Loaders;
use super::results::{IndicatorResult, Period};
use super::types::{Indicator, Unit};
use crate::error::ServiceError;
use crate::service::results::ResultRow;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::registry::Registry;
use async_graphql::{
    ContextSelectionSet, Name, OutputType, Positioned, ScalarType, ServerResult, Value,
};
use shared::TrackStatus;
use shared::ids::{IndicatorId, UnitId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The results of a scoreboard row or of `indicatorResults`, as a GraphQL list.
pub struct ResultList(pub Vec<ResultRow>);

/// What one selected field of an `IndicatorResult` reads.
#[derive(Clone, Copy)]
enum Step<'a> {
    Typename,
    Numerator,
    Denominator,
    Value,
    Target,
    Milestone,
    Status,
    Projection,
    Points,
    MaxPoints,
    Unit(&'a Positioned<Field>),
    Indicator(&'a Positioned<Field>),
    Period(&'a Positioned<Field>),
}

const TYPE_NAME: &str = "IndicatorResult";

/// The fields of the selection in answer order, or `None` when the executor must answer.
fn plan<'a>(ctx: &ContextSelectionSet<'a>) -> Option<Vec<(Name, Step<'a>)>> {
    let mut steps = Vec::new();
    collect(ctx, &ctx.item.node, &mut steps)?;
    let mut keys = HashSet::new();
    steps
        .iter()
        .all(|(key, _)| keys.insert(key.clone()))
        .then_some(steps)
}

fn collect<'a>(
    ctx: &ContextSelectionSet<'a>,
    set: &'a SelectionSet,
    steps: &mut Vec<(Name, Step<'a>)>,
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
                if !spread.node.directives.is_empty() || on.as_str() != TYPE_NAME {
                    return None;
                }
                collect(ctx, &fragment.node.selection_set.node, steps)?;
            }
            Selection::InlineFragment(inline) => {
                let on = inline.node.type_condition.as_ref();
                if !inline.node.directives.is_empty()
                    || on.is_some_and(|c| c.node.on.node.as_str() != TYPE_NAME)
                {
                    return None;
                }
                collect(ctx, &inline.node.selection_set.node, steps)?;
            }
        }
    }
    Some(())
}

fn step(field: &Positioned<Field>) -> Option<Step<'_>> {
    Some(match field.node.name.node.as_str() {
        "__typename" => Step::Typename,
        "numerator" => Step::Numerator,
        "denominator" => Step::Denominator,
        "value" => Step::Value,
        "target" => Step::Target,
        "milestone" => Step::Milestone,
        "status" => Step::Status,
        "projection" => Step::Projection,
        "points" => Step::Points,
        "maxPoints" => Step::MaxPoints,
        "unit" => Step::Unit(field),
        "indicator" => Step::Indicator(field),
        "period" => Step::Period(field),
        _ => return None,
    })
}

fn int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, |x| {
        ScalarType::to_value(&i32::try_from(x).unwrap_or(i32::MAX))
    })
}

fn float(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |x| ScalarType::to_value(&x))
}

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
struct Answered<K>(HashMap<K, (Value, usize)>);

impl<K: Eq + Hash + Copy> Answered<K> {
    /// The value for `key`, resolving it through the executor the first time (whose
    /// resolver hook charges it); later uses are charged here.
    async fn get<'a, T: OutputType>(
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

fn missing(what: &str) -> async_graphql::ServerError {
    super::error::to_gql(ServiceError::not_found(what)).into_server_error(Default::default())
}

type Preloaded = (
    HashMap<UnitId, crate::domain::model::Unit>,
    HashMap<IndicatorId, crate::domain::model::Indicator>,
);

impl ResultList {
    /// The units and indicators the selection asks for, through the request's loaders
    /// (one query each, shared with the rest of the request).
    async fn preload<'a>(
        &self,
        ctx: &ContextSelectionSet<'a>,
        steps: &[(Name, Step<'a>)],
    ) -> ServerResult<Preloaded> {
        let wants = |f: fn(&Step<'a>) -> bool| steps.iter().any(|(_, s)| f(s));
        let mut preloaded = Preloaded::default();
        let Some(loaders) = ctx.data_opt::<Loaders>() else {
            return Ok(preloaded);
        };
        let failed = |e: async_graphql::Error| e.into_server_error(ctx.item.pos);
        if wants(|s| matches!(s, Step::Unit(_))) {
            let ids: HashSet<UnitId> = self.0.iter().map(|r| r.unit_id).collect();
            preloaded.0 = loaders.units.load_many(ids).await.map_err(failed)?;
        }
        if wants(|s| matches!(s, Step::Indicator(_))) {
            let ids: HashSet<IndicatorId> = self.0.iter().map(|r| r.indicator_id).collect();
            preloaded.1 = loaders.indicators.load_many(ids).await.map_err(failed)?;
        }
        Ok(preloaded)
    }

    async fn answer<'a>(
        &self,
        ctx: &ContextSelectionSet<'a>,
        steps: &[(Name, Step<'a>)],
    ) -> ServerResult<Value> {
        let fields = steps
            .iter()
            .filter(|(_, s)| !matches!(s, Step::Typename))
            .count();
        charge(ctx, self.0.len() * (1 + fields))?;
        let (unit_rows, indicator_rows) = self.preload(ctx, steps).await?;
        let mut statuses: HashMap<TrackStatus, Value> = HashMap::new();
        let (mut units, mut indicators, mut periods) = (
            Answered::default(),
            Answered::default(),
            Answered::default(),
        );
        let mut list = Vec::with_capacity(self.0.len());
        for (index, row) in self.0.iter().enumerate() {
            let ctx_item = ctx.with_index(index);
            let mut object = async_graphql::indexmap::IndexMap::with_capacity(steps.len());
            for (key, step) in steps {
                let e = &row.eval;
                let value = match *step {
                    Step::Typename => Value::String(TYPE_NAME.to_owned()),
                    Step::Numerator => int(e.numerator),
                    Step::Denominator => int(e.denominator),
                    Step::Value => float(e.value),
                    Step::Target => float(e.target),
                    Step::Milestone => float(e.milestone),
                    Step::Status => statuses
                        .entry(e.status)
                        .or_insert_with(|| async_graphql::resolver_utils::enum_value(e.status))
                        .clone(),
                    Step::Projection => float(e.projection),
                    Step::Points => float(e.points),
                    Step::MaxPoints => ScalarType::to_value(&e.max_points),
                    Step::Unit(field) => {
                        units
                            .get(&ctx_item, field, row.unit_id, || {
                                let unit = unit_rows.get(&row.unit_id).cloned();
                                unit.map(Unit).ok_or_else(|| missing("unit"))
                            })
                            .await?
                    }
                    Step::Indicator(field) => {
                        indicators
                            .get(&ctx_item, field, row.indicator_id, || {
                                let found = indicator_rows.get(&row.indicator_id).cloned();
                                found.map(Indicator).ok_or_else(|| missing("indicator"))
                            })
                            .await?
                    }
                    Step::Period(field) => {
                        periods
                            .get(&ctx_item, field, row.period, || {
                                Ok(Period::from(row.period))
                            })
                            .await?
                    }
                };
                object.insert(key.clone(), value);
            }
            list.push(Value::Object(object));
        }
        Ok(Value::List(list))
    }
}

impl OutputType for ResultList {
    fn type_name() -> Cow<'static, str> {
        <Vec<IndicatorResult> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<IndicatorResult> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<IndicatorResult> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match plan(ctx) {
            Some(steps) => self.answer(ctx, &steps).await,
            None => {
                let items: Vec<IndicatorResult> =
                    self.0.iter().cloned().map(IndicatorResult).collect();
                OutputType::resolve(&items, ctx, field).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::results::Evaluation;
    use crate::graphql::budget::WorkBudget;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
    use shared::PeriodKind;
    use shared::ids::{IndicatorId, UnitId};

    fn rows() -> Vec<ResultRow> {
        let period =
            shared::Period::new(2023, PeriodKind::Ytd, Some(6)).unwrap_or_else(|e| panic!("{e:?}"));
        (0..6)
            .map(|i| ResultRow {
                unit_id: UnitId(i / 3 + 1),
                indicator_id: IndicatorId(i % 3 + 1),
                period,
                eval: Evaluation {
                    numerator: (i % 2 == 0).then_some(i64::from(i) * 7),
                    denominator: Some(40 + i64::from(i)),
                    value: (i != 4).then_some(f64::from(i) * 12.345),
                    target: Some(80.0),
                    milestone: (i > 1).then_some(40.0),
                    status: [
                        TrackStatus::OnTrack,
                        TrackStatus::AtRisk,
                        TrackStatus::NoData,
                    ][i as usize % 3],
                    projection: Some(f64::NAN),
                    points: (i % 3 != 2).then_some(f64::from(i)),
                    max_points: 10.0,
                },
            })
            .collect()
    }

    struct Query;

    #[Object]
    impl Query {
        async fn fast(&self) -> ResultList {
            ResultList(rows())
        }
        async fn slow(&self) -> Vec<IndicatorResult> {
            rows().into_iter().map(IndicatorResult).collect()
        }
    }

    async fn run(field: &str, selection: &str, max_fields: usize) -> async_graphql::Response {
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(WorkBudget { max_fields })
            .finish();
        let fragment = "fragment F on IndicatorResult { maxPoints period { kind index } }";
        let used = if selection.contains("...F") {
            fragment
        } else {
            ""
        };
        let query = format!("{{ {field} {{ {selection} }} }} {used}");
        schema.execute(query).await
    }

    /// The fewest fields and items the budget must allow for the query to be answered.
    async fn least_budget(field: &str, selection: &str) -> usize {
        let (mut low, mut high) = (1, 10_000);
        while low < high {
            let mid = (low + high) / 2;
            if run(field, selection, mid).await.errors.is_empty() {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    }

    const SELECTIONS: [&str; 4] = [
        "numerator denominator value target milestone status projection points maxPoints",
        "__typename v: value ...F status ... on IndicatorResult { points } ... { target }",
        "period { year kind index firstMonth lastMonth __typename } value",
        "status",
    ];

    #[tokio::test]
    async fn the_plan_answers_what_the_executor_answers() {
        for selection in SELECTIONS {
            let fast = run("fast", selection, 100_000).await;
            let slow = run("slow", selection, 100_000).await;
            assert!(fast.errors.is_empty(), "{:?}", fast.errors);
            assert_eq!(
                serde_json::to_string(&fast.data).ok(),
                serde_json::to_string(&slow.data)
                    .ok()
                    .map(|s| s.replacen("slow", "fast", 1)),
                "{selection}"
            );
        }
    }

    #[tokio::test]
    async fn the_plan_costs_the_work_budget_what_the_executor_costs() {
        for selection in SELECTIONS {
            assert_eq!(
                least_budget("fast", selection).await,
                least_budget("slow", selection).await,
                "{selection}"
            );
        }
    }

    #[tokio::test]
    async fn a_selection_the_plan_does_not_know_goes_through_the_executor() {
        // A repeated key merges in the executor; the plan leaves it to it.
        let answer = run("fast", "value value status", 100_000).await;
        assert!(answer.errors.is_empty(), "{:?}", answer.errors);
        let first = serde_json::to_value(&answer.data).unwrap_or_default();
        assert_eq!(first["fast"][1]["value"], 12.345);
    }
}
