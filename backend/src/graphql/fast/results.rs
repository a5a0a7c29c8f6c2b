//! `[IndicatorResult!]!`: the results of `indicatorResults` and of each scoreboard row.

use super::reuse::Answered;
use super::{counted, float, int, missing, plan};
use crate::domain::model;
use crate::graphql::budget::charge;
use crate::graphql::loaders::Loaders;
use crate::graphql::results::{IndicatorResult, Period};
use crate::graphql::types::{Indicator, Unit};
use crate::service::results::ResultRow;
use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{
    ContextSelectionSet, Name, OutputType, Positioned, ScalarType, ServerResult, Value,
};
use shared::TrackStatus;
use shared::ids::{IndicatorId, UnitId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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
    YtdValue,
    Projection,
    Points,
    MaxPoints,
    Applies,
    Excluded,
    Unit(&'a Positioned<Field>),
    Indicator(&'a Positioned<Field>),
    Period(&'a Positioned<Field>),
}

const TYPE_NAME: &str = "IndicatorResult";

fn step(field: &Positioned<Field>) -> Option<Step<'_>> {
    Some(match field.node.name.node.as_str() {
        "__typename" => Step::Typename,
        "numerator" => Step::Numerator,
        "denominator" => Step::Denominator,
        "value" => Step::Value,
        "target" => Step::Target,
        "milestone" => Step::Milestone,
        "status" => Step::Status,
        "ytdValue" => Step::YtdValue,
        "projection" => Step::Projection,
        "points" => Step::Points,
        "maxPoints" => Step::MaxPoints,
        "applies" => Step::Applies,
        "excluded" => Step::Excluded,
        "unit" => Step::Unit(field),
        "indicator" => Step::Indicator(field),
        "period" => Step::Period(field),
        _ => return None,
    })
}

/// Answers lists of results to one selection: the plan, the units and indicators it needs
/// and the nested objects already answered, shared by every list it answers (every row of
/// a scoreboard).
pub(super) struct ResultAnswerer<'a> {
    steps: Vec<(Name, Step<'a>)>,
    units: HashMap<UnitId, model::Unit>,
    indicators: HashMap<IndicatorId, model::Indicator>,
    statuses: HashMap<TrackStatus, Value>,
    answered_units: Answered<UnitId>,
    answered_indicators: Answered<IndicatorId>,
    answered_periods: Answered<shared::Period>,
}

impl<'a> ResultAnswerer<'a> {
    /// An answerer for the selection of `ctx`, with what `rows` need loaded through the
    /// request's loaders (one query each, shared with the rest of the request); `None`
    /// when the selection is the executor's to answer.
    pub(super) async fn new(
        ctx: &ContextSelectionSet<'a>,
        rows: impl Iterator<Item = &ResultRow> + Clone,
    ) -> ServerResult<Option<ResultAnswerer<'a>>> {
        let Some(steps) = plan(ctx, TYPE_NAME, step) else {
            return Ok(None);
        };
        let wants = |f: fn(&Step<'a>) -> bool| steps.iter().any(|(_, s)| f(s));
        let mut answerer = ResultAnswerer {
            units: HashMap::new(),
            indicators: HashMap::new(),
            statuses: HashMap::new(),
            answered_units: Answered::default(),
            answered_indicators: Answered::default(),
            answered_periods: Answered::default(),
            steps: Vec::new(),
        };
        if let Some(loaders) = ctx.data_opt::<Loaders>() {
            let failed = |e: async_graphql::Error| e.into_server_error(ctx.item.pos);
            if wants(|s| matches!(s, Step::Unit(_))) {
                let ids: HashSet<UnitId> = rows.clone().map(|r| r.unit_id).collect();
                answerer.units = loaders.units.load_many(ids).await.map_err(failed)?;
            }
            if wants(|s| matches!(s, Step::Indicator(_))) {
                let ids: HashSet<IndicatorId> = rows.map(|r| r.indicator_id).collect();
                answerer.indicators = loaders.indicators.load_many(ids).await.map_err(failed)?;
            }
        }
        answerer.steps = steps;
        Ok(Some(answerer))
    }

    /// The list of `rows`, answered in `ctx` (the list field's selection set).
    pub(super) async fn answer<'b>(
        &mut self,
        ctx: &ContextSelectionSet<'b>,
        rows: &[ResultRow],
    ) -> ServerResult<Value>
    where
        'a: 'b,
    {
        let fields = counted(&self.steps, |s| matches!(s, Step::Typename));
        charge(ctx, rows.len() * (1 + fields))?;
        let mut list = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let ctx_item = ctx.with_index(index);
            let mut object = async_graphql::indexmap::IndexMap::with_capacity(self.steps.len());
            for at in 0..self.steps.len() {
                let (key, step) = (self.steps[at].0.clone(), self.steps[at].1);
                let value = self.field(&ctx_item, step, row).await?;
                object.insert(key, value);
            }
            list.push(Value::Object(object));
        }
        Ok(Value::List(list))
    }

    async fn field<'b>(
        &mut self,
        ctx: &ContextSelectionSet<'b>,
        step: Step<'a>,
        row: &ResultRow,
    ) -> ServerResult<Value>
    where
        'a: 'b,
    {
        let e = &row.eval;
        Ok(match step {
            Step::Typename => Value::String(TYPE_NAME.to_owned()),
            Step::Numerator => int(e.numerator),
            Step::Denominator => int(e.denominator),
            Step::Value => float(e.value),
            Step::Target => float(e.target),
            Step::Milestone => float(e.milestone),
            Step::Status => self
                .statuses
                .entry(e.status)
                .or_insert_with(|| async_graphql::resolver_utils::enum_value(e.status))
                .clone(),
            Step::YtdValue => float(e.ytd_value),
            Step::Projection => float(e.projection),
            Step::Points => float(e.points),
            Step::MaxPoints => ScalarType::to_value(&e.max_points),
            Step::Applies => Value::Boolean(e.applies),
            Step::Excluded => e
                .excluded
                .map_or(Value::Null, async_graphql::resolver_utils::enum_value),
            Step::Unit(field) => {
                let unit = self.units.get(&row.unit_id).cloned();
                self.answered_units
                    .get(ctx, field, row.unit_id, || {
                        unit.map(Unit).ok_or_else(|| missing("unit"))
                    })
                    .await?
            }
            Step::Indicator(field) => {
                let found = self.indicators.get(&row.indicator_id).cloned();
                self.answered_indicators
                    .get(ctx, field, row.indicator_id, || {
                        found.map(Indicator).ok_or_else(|| missing("indicator"))
                    })
                    .await?
            }
            Step::Period(field) => {
                self.answered_periods
                    .get(ctx, field, row.period, || Ok(Period::from(row.period)))
                    .await?
            }
        })
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
        match ResultAnswerer::new(ctx, self.0.iter()).await? {
            Some(mut answerer) => answerer.answer(ctx, &self.0).await,
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
    use crate::graphql::fast::checks::{run, same_answer_and_cost};
    use crate::graphql::results::IndicatorResult;
    use async_graphql::Object;
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
                    ytd_value: (i != 3).then_some(f64::from(i) * 10.5),
                    projection: Some(f64::NAN),
                    points: (i % 3 != 2).then_some(f64::from(i)),
                    max_points: 10.0,
                    applies: i != 2,
                    excluded: (i == 2).then_some(shared::ScoreExclusion::NotApplicable),
                    shortfall: None,
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

    fn document(field: &str, selection: &str) -> String {
        let fragment = "fragment F on IndicatorResult { maxPoints period { kind index } }";
        let used = if selection.contains("...F") {
            fragment
        } else {
            ""
        };
        format!("{{ {field} {{ {selection} }} }} {used}")
    }

    const SELECTIONS: [&str; 4] = [
        "numerator denominator value target milestone status ytdValue projection points maxPoints applies excluded",
        "__typename v: value ...F status ... on IndicatorResult { points } ... { target }",
        "period { year kind index firstMonth lastMonth __typename } value",
        "status",
    ];

    #[tokio::test]
    async fn the_plan_answers_and_costs_what_the_executor_does() {
        for selection in SELECTIONS {
            same_answer_and_cost(|| Query, |field| document(field, selection)).await;
        }
    }

    #[tokio::test]
    async fn a_selection_the_plan_does_not_know_goes_through_the_executor() {
        // A repeated key merges in the executor; the plan leaves it to it.
        let answer = run(|| Query, &document("fast", "value value status"), 100_000).await;
        assert!(answer.errors.is_empty(), "{:?}", answer.errors);
        let first = serde_json::to_value(&answer.data).unwrap_or_default();
        assert_eq!(first["fast"][1]["value"], 12.345);
    }
}
