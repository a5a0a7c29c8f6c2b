//! `[MeasureValueRow!]!`: the rows of a `measureValues` page (up to 10,000), answered from
//! the plan — through the executor each row's fields were futures of their own, which made
//! a page of 10,000 take ~300 ms and ~150 MB.

use super::reuse::Answered;
use super::{counted, missing, plan};
use crate::domain::model;
use crate::domain::value_feed::FeedRow;
use crate::graphql::budget::charge;
use crate::graphql::loaders::Loaders;
use crate::graphql::types::{Measure, Unit};
use crate::graphql::value_feed::MeasureValueRow;
use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{
    ContextSelectionSet, Name, OutputType, Positioned, ScalarType, ServerResult, Value,
};
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The rows of a `measureValues` page, as a GraphQL list.
pub struct ValueRowList(pub Vec<FeedRow>);

/// What one selected field of a `MeasureValueRow` reads.
#[derive(Clone, Copy)]
enum Step<'a> {
    Typename,
    Year,
    Month,
    Value,
    Status,
    UpdatedAt,
    Unit(&'a Positioned<Field>),
    Measure(&'a Positioned<Field>),
}

const TYPE_NAME: &str = "MeasureValueRow";

fn step(field: &Positioned<Field>) -> Option<Step<'_>> {
    Some(match field.node.name.node.as_str() {
        "__typename" => Step::Typename,
        "year" => Step::Year,
        "month" => Step::Month,
        "value" => Step::Value,
        "status" => Step::Status,
        "updatedAt" => Step::UpdatedAt,
        "unit" => Step::Unit(field),
        "measure" => Step::Measure(field),
        _ => return None,
    })
}

/// Answers one page's rows to one selection, with the units and measures it meets loaded
/// once and each nested object answered once per id.
struct Answerer<'a> {
    steps: Vec<(Name, Step<'a>)>,
    units: HashMap<UnitId, model::Unit>,
    measures: HashMap<MeasureId, model::Measure>,
    statuses: HashMap<ReportStatus, Value>,
    answered_units: Answered<UnitId>,
    answered_measures: Answered<MeasureId>,
}

impl<'a> Answerer<'a> {
    async fn new(ctx: &ContextSelectionSet<'a>, rows: &[FeedRow]) -> ServerResult<Option<Self>> {
        let Some(steps) = plan(ctx, TYPE_NAME, step) else {
            return Ok(None);
        };
        let wants = |f: fn(&Step<'a>) -> bool| steps.iter().any(|(_, s)| f(s));
        let mut answerer = Answerer {
            steps: Vec::new(),
            units: HashMap::new(),
            measures: HashMap::new(),
            statuses: HashMap::new(),
            answered_units: Answered::default(),
            answered_measures: Answered::default(),
        };
        if let Some(loaders) = ctx.data_opt::<Loaders>() {
            let failed = |e: async_graphql::Error| e.into_server_error(ctx.item.pos);
            if wants(|s| matches!(s, Step::Unit(_))) {
                let ids: HashSet<UnitId> = rows.iter().map(|r| r.key.unit).collect();
                answerer.units = loaders.units.load_many(ids).await.map_err(failed)?;
            }
            if wants(|s| matches!(s, Step::Measure(_))) {
                let ids: HashSet<MeasureId> = rows.iter().map(|r| r.key.measure).collect();
                answerer.measures = loaders.measures.load_many(ids).await.map_err(failed)?;
            }
        }
        answerer.steps = steps;
        Ok(Some(answerer))
    }

    async fn answer<'b>(
        &mut self,
        ctx: &ContextSelectionSet<'b>,
        rows: &[FeedRow],
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
        row: &FeedRow,
    ) -> ServerResult<Value>
    where
        'a: 'b,
    {
        let k = row.key;
        Ok(match step {
            Step::Typename => Value::String(TYPE_NAME.to_owned()),
            Step::Year => ScalarType::to_value(&k.year),
            Step::Month => ScalarType::to_value(&k.month),
            Step::Value => match i32::try_from(row.value) {
                Ok(v) => ScalarType::to_value(&v),
                Err(_) => {
                    return Err(crate::graphql::error::invalid(
                        "value",
                        "Giá trị vượt quá giới hạn.",
                    )
                    .into_server_error(ctx.item.pos));
                }
            },
            Step::Status => self
                .statuses
                .entry(row.status)
                .or_insert_with(|| async_graphql::resolver_utils::enum_value(row.status))
                .clone(),
            Step::UpdatedAt => ScalarType::to_value(&k.changed_at),
            Step::Unit(field) => {
                let unit = self.units.get(&k.unit).cloned();
                self.answered_units
                    .get(ctx, field, k.unit, || {
                        unit.map(Unit).ok_or_else(|| missing("unit"))
                    })
                    .await?
            }
            Step::Measure(field) => {
                let found = self.measures.get(&k.measure).cloned();
                self.answered_measures
                    .get(ctx, field, k.measure, || {
                        found.map(Measure).ok_or_else(|| missing("measure"))
                    })
                    .await?
            }
        })
    }
}

impl OutputType for ValueRowList {
    fn type_name() -> Cow<'static, str> {
        <Vec<MeasureValueRow> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<MeasureValueRow> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<MeasureValueRow> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match Answerer::new(ctx, &self.0).await? {
            Some(mut answerer) => answerer.answer(ctx, &self.0).await,
            None => {
                let items: Vec<MeasureValueRow> =
                    self.0.iter().copied().map(MeasureValueRow).collect();
                OutputType::resolve(&items, ctx, field).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::value_feed::FeedKey;
    use crate::graphql::fast::checks::same_answer_and_cost;
    use async_graphql::Object;

    fn rows() -> Vec<FeedRow> {
        (0..6)
            .map(|i| FeedRow {
                key: FeedKey {
                    changed_at: chrono::DateTime::from_timestamp_micros(
                        1_796_064_504_753_839 + i64::from(i),
                    )
                    .unwrap_or_default(),
                    unit: UnitId(i / 3 + 1),
                    measure: MeasureId(i % 3 + 1),
                    year: 2025,
                    month: i + 1,
                },
                value: i64::from(i) * 17,
                status: [ReportStatus::Draft, ReportStatus::Approved][i as usize % 2],
            })
            .collect()
    }

    struct Query;

    #[Object]
    impl Query {
        async fn fast(&self) -> ValueRowList {
            ValueRowList(rows())
        }
        async fn slow(&self) -> Vec<MeasureValueRow> {
            rows().into_iter().map(MeasureValueRow).collect()
        }
    }

    const SELECTIONS: [&str; 3] = [
        "year month value status updatedAt",
        "__typename v: value ... on MeasureValueRow { status } ... { month }",
        "updatedAt",
    ];

    #[tokio::test]
    async fn the_plan_answers_and_costs_what_the_executor_does() {
        for selection in SELECTIONS {
            same_answer_and_cost(|| Query, |field| format!("{{ {field} {{ {selection} }} }}"))
                .await;
        }
    }
}
