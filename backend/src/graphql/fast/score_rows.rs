//! `[ScoreRow!]!`: the rows of a scoreboard or of a published ranking, each with its
//! results, answered by one results answerer shared by every row.

use super::results::ResultAnswerer;
use super::reuse::Answered;
use super::units::UnitScalars;
use super::{counted, float, missing, plan};
use crate::domain::rollup::round2;
use crate::graphql::budget::charge;
use crate::graphql::loaders::Loaders;
use crate::graphql::results::ScoreRowObject;
use crate::graphql::types::Unit;
use crate::service::results::ScoreRow;
use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ScalarType, ServerResult, Value};
use shared::ids::UnitId;
use std::borrow::Cow;
use std::collections::HashSet;

/// Rows of a scoreboard, as a GraphQL list.
pub struct ScoreRowList(pub Vec<ScoreRow>);

/// What one selected field of a `ScoreRow` reads.
#[derive(Clone, Copy)]
enum Step<'a> {
    Typename,
    Rank,
    Score,
    Earned,
    Available,
    MergedOn,
    PreviousRank,
    PreviousScore,
    TimelinessRate,
    Unit(&'a Positioned<Field>),
    Results(&'a Positioned<Field>),
}

const TYPE_NAME: &str = "ScoreRow";

fn step(field: &Positioned<Field>) -> Option<Step<'_>> {
    Some(match field.node.name.node.as_str() {
        "__typename" => Step::Typename,
        "rank" => Step::Rank,
        "score" => Step::Score,
        "earned" => Step::Earned,
        "available" => Step::Available,
        "mergedOn" => Step::MergedOn,
        "previousRank" => Step::PreviousRank,
        "previousScore" => Step::PreviousScore,
        "timelinessRate" => Step::TimelinessRate,
        "unit" => Step::Unit(field),
        "results" => Step::Results(field),
        _ => return None,
    })
}

impl ScoreRowList {
    async fn answer<'a>(
        &self,
        ctx: &ContextSelectionSet<'a>,
        steps: &[(async_graphql::Name, Step<'a>)],
    ) -> ServerResult<Value> {
        let rows = &self.0;
        charge(
            ctx,
            rows.len() * (1 + counted(steps, |s| matches!(s, Step::Typename))),
        )?;
        let units = match (
            steps.iter().any(|(_, s)| matches!(s, Step::Unit(_))),
            ctx.data_opt::<Loaders>(),
        ) {
            (true, Some(loaders)) => {
                let ids: HashSet<UnitId> = rows.iter().map(|r| r.unit_id).collect();
                let failed = |e: async_graphql::Error| e.into_server_error(ctx.item.pos);
                loaders.units.load_many(ids).await.map_err(failed)?
            }
            _ => Default::default(),
        };
        let mut answered_units = Answered::default();
        let unit_scalars = steps.iter().find_map(|(_, s)| match s {
            Step::Unit(field) => UnitScalars::of(ctx, field),
            _ => None,
        });
        // The results of every row share one selection: one answerer for all of them.
        let first = ctx.with_index(0);
        let results_field = steps.iter().find_map(|(_, s)| match s {
            Step::Results(field) => Some(*field),
            _ => None,
        });
        let first_field = results_field.map(|f| (f, first.with_field(f)));
        let mut results = match &first_field {
            Some((f, ctx_field)) => {
                let ctx_set = ctx_field.with_selection_set(&f.node.selection_set);
                let all = rows.iter().flat_map(|r| r.results.iter());
                ResultAnswerer::new(&ctx_set, all).await?
            }
            None => None,
        };
        let mut list = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let ctx_item = ctx.with_index(index);
            let mut object = async_graphql::indexmap::IndexMap::with_capacity(steps.len());
            for (key, step) in steps {
                let value = match *step {
                    Step::Typename => Value::String(TYPE_NAME.to_owned()),
                    Step::Rank => row
                        .rank
                        .map_or(Value::Null, |r| ScalarType::to_value(&(r as i32))),
                    Step::Score => float(row.score),
                    Step::Earned => ScalarType::to_value(&round2(row.earned)),
                    Step::Available => ScalarType::to_value(&row.available),
                    Step::MergedOn => row.merged_on.map_or(Value::Null, |d| {
                        ScalarType::to_value(&crate::graphql::scalars::Date(d))
                    }),
                    Step::PreviousRank => row
                        .previous_rank
                        .map_or(Value::Null, |r| ScalarType::to_value(&(r as i32))),
                    Step::PreviousScore => float(row.previous_score),
                    Step::TimelinessRate => float(row.timeliness_rate),
                    Step::Unit(_) if unit_scalars.is_some() => {
                        let (Some(scalars), Some(unit)) =
                            (unit_scalars.as_ref(), units.get(&row.unit_id))
                        else {
                            return Err(missing("unit"));
                        };
                        charge(ctx, scalars.cost())?;
                        scalars.answer(unit)
                    }
                    Step::Unit(field) => {
                        let unit = units.get(&row.unit_id).cloned();
                        answered_units
                            .get(&ctx_item, field, row.unit_id, || {
                                unit.map(Unit).ok_or_else(|| missing("unit"))
                            })
                            .await?
                    }
                    Step::Results(field) => {
                        let ctx_field = ctx_item.with_field(field);
                        let ctx_set = ctx_field.with_selection_set(&field.node.selection_set);
                        match results.as_mut() {
                            Some(answerer) => answerer.answer(&ctx_set, &row.results).await,
                            None => {
                                let list = super::ResultList(row.results.clone());
                                OutputType::resolve(&list, &ctx_set, field).await
                            }
                        }
                        .map_err(|e| ctx_field.set_error_path(e))?
                    }
                };
                object.insert(key.clone(), value);
            }
            list.push(Value::Object(object));
        }
        Ok(Value::List(list))
    }
}

impl OutputType for ScoreRowList {
    fn type_name() -> Cow<'static, str> {
        <Vec<ScoreRowObject> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<ScoreRowObject> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<ScoreRowObject> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match plan(ctx, TYPE_NAME, step) {
            Some(steps) => self.answer(ctx, &steps).await,
            None => {
                let items: Vec<ScoreRowObject> =
                    self.0.iter().cloned().map(ScoreRowObject).collect();
                OutputType::resolve(&items, ctx, field).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::results::Evaluation;
    use crate::graphql::fast::checks::same_answer_and_cost;
    use crate::service::results::ResultRow;
    use async_graphql::Object;
    use shared::{PeriodKind, TrackStatus, UnitKind};

    fn rows() -> Vec<ScoreRow> {
        let period = shared::Period::new(2023, PeriodKind::Quarter, Some(2))
            .unwrap_or_else(|e| panic!("{e:?}"));
        (1..=4)
            .map(|u| ScoreRow {
                rank: (u != 3).then_some(u as u32),
                unit_id: UnitId(u),
                unit_kind: UnitKind::Commune,
                score: (u != 3).then_some(100.0 / f64::from(u)),
                earned: 10.0 / 3.0 * f64::from(u),
                available: 40.0,
                results: (1..=3)
                    .map(|i| ResultRow {
                        unit_id: UnitId(u),
                        indicator_id: shared::ids::IndicatorId(i),
                        period,
                        eval: Evaluation {
                            numerator: Some(i64::from(u * i)),
                            denominator: Some(50),
                            value: Some(f64::from(u * i) * 2.0),
                            target: None,
                            milestone: None,
                            status: TrackStatus::NoData,
                            ytd_value: None,
                            projection: None,
                            points: (i != 2).then_some(5.0),
                            max_points: 10.0,
                            applies: i != 3,
                            excluded: None,
                            shortfall: None,
                        },
                    })
                    .collect(),
                merged_on: (u == 2)
                    .then(|| chrono::NaiveDate::from_ymd_opt(2023, 4, 1))
                    .flatten(),
                groups: Vec::new(),
                previous_rank: (u != 1).then_some(5 - u as u32),
                previous_score: (u != 1).then_some(90.5 / f64::from(u)),
                timeliness_rate: (u != 4).then_some(100.0 * f64::from(u) / 3.0),
            })
            .collect()
    }

    struct Query;

    #[Object]
    impl Query {
        async fn fast(&self) -> ScoreRowList {
            ScoreRowList(rows())
        }
        async fn slow(&self) -> Vec<ScoreRowObject> {
            rows().into_iter().map(ScoreRowObject).collect()
        }
    }

    const SELECTIONS: [&str; 3] = [
        "rank score earned available mergedOn previousRank previousScore timelinessRate __typename",
        "r: rank results { value status period { year index } __typename } score",
        "results { points points2: points applies } earned",
    ];

    #[tokio::test]
    async fn rows_answered_from_the_plan_are_what_the_executor_answers_and_cost_the_same() {
        for selection in SELECTIONS {
            same_answer_and_cost(|| Query, |field| format!("{{ {field} {{ {selection} }} }}"))
                .await;
        }
    }
}
