//! Results as series: `indicatorSeries`, the results of a range of months at a grain in one
//! call; like `indicatorResults` (one period), sized against the work budget before
//! anything is computed.

use super::budget::ensure_room;
use super::context::CtxExt;
use super::error::{GqlResult, invalid};
use super::fast::ResultList;
use super::results::{MonthInput, basis, check_codes, feed, unit_selection};
use crate::domain::series;
use crate::service::results;
use async_graphql::parser::types::{Selection, SelectionSet};
use async_graphql::{Context, Enum, ID, Object, Result};
use std::collections::HashSet;

/// How `indicatorSeries` cuts its range of months into periods.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SeriesGrain {
    /// Each month of the range: periods of kind MONTH.
    Month,
    /// Each quarter that overlaps the range, whole (a partial quarter at either end counts
    /// all its months): periods of kind QUARTER.
    Quarter,
    /// The year-to-date through each month of the range: periods of kind YTD.
    Ytd,
}

impl From<SeriesGrain> for series::SeriesGrain {
    fn from(g: SeriesGrain) -> Self {
        match g {
            SeriesGrain::Month => series::SeriesGrain::Month,
            SeriesGrain::Quarter => series::SeriesGrain::Quarter,
            SeriesGrain::Ytd => series::SeriesGrain::Ytd,
        }
    }
}

#[derive(Default)]
pub struct SeriesQuery;

#[Object]
impl SeriesQuery {
    /// Each indicator's result for each unit selected and each period of the months `from`
    /// through `to` (both included, at most 36 months; VALIDATION on `to` otherwise) at
    /// `grain`, in one call: the same results `indicatorResults` gives for each period,
    /// ordered by period (oldest first), then as `indicatorResults` orders them; each
    /// result's `period` says which period it is. The units, as in `indicatorResults`:
    /// `unitIds` given → those units (a unit outside the caller's scope is left out), plus,
    /// with `includeSubtree: true`, the active units of their subtrees in force during the
    /// range; `unitIds` absent with `includeSubtree: true` → every active unit of the
    /// caller's scope in force during the range; `unitIds` absent without it → VALIDATION
    /// on `unitIds`. `indicatorCodes` absent → every active indicator. Results count every
    /// saved value (any status) unless approvedOnly is true. A series whose answer would
    /// pass the work budget (periods × units × indicators × fields selected) is refused
    /// before it is computed, with the budget's VALIDATION error: ask for fewer months,
    /// units or indicators at a time.
    #[allow(clippy::too_many_arguments)]
    async fn indicator_series(
        &self,
        ctx: &Context<'_>,
        from: MonthInput,
        to: MonthInput,
        #[graphql(default_with = "SeriesGrain::Month")] grain: SeriesGrain,
        unit_ids: Option<Vec<ID>>,
        #[graphql(default = false)] include_subtree: bool,
        indicator_codes: Option<Vec<String>>,
        #[graphql(default_with = "Some(false)")] approved_only: Option<bool>,
    ) -> Result<ResultList> {
        let (first, last) = series::month_range(from.parse("from")?, to.parse("to")?)
            .map_err(|e| invalid(&e.field, e.message))?;
        let periods = series::periods(first, last, grain.into());
        let units = unit_selection(unit_ids, include_subtree)?;
        check_codes(indicator_codes.as_deref())?;
        let basis = basis(approved_only.unwrap_or(false));
        answer(ctx, periods, &units, indicator_codes, basis).await
    }
}

/// The results of `periods` for the units and indicators asked for, refused with the work
/// budget's error before they are computed when their answer cannot fit in it.
pub(super) async fn answer(
    ctx: &Context<'_>,
    periods: Vec<shared::Period>,
    units: &results::UnitSelection,
    indicator_codes: Option<Vec<String>>,
    basis: results::Basis,
) -> Result<ResultList> {
    let (actor, db) = (ctx.actor()?, ctx.db().conn());
    let plan = results::plan_series(&actor, db, periods, units, indicator_codes)
        .await
        .gql()?;
    let least = plan.results().saturating_mul(cost_of_one(ctx));
    ensure_room(ctx, least).map_err(|e| async_graphql::Error {
        message: e.message,
        source: None,
        extensions: e.extensions,
    })?;
    let computed = results::compute_series(db, plan, basis).await.gql()?;
    Ok(ResultList(feed(ctx, computed).await?))
}

/// The least the work budget counts for one result: the list item and each distinct field
/// selected directly on it (`__typename`, and whatever a directive may leave out, not
/// counted), at least one.
fn cost_of_one(ctx: &Context<'_>) -> usize {
    let mut keys = HashSet::new();
    direct_keys(ctx, &ctx.item.node.selection_set.node, &mut keys, 0);
    1 + keys.len().max(1)
}

/// The response keys of the fields of `set` (fragments expanded) that are surely answered.
fn direct_keys<'a>(
    ctx: &Context<'a>,
    set: &'a SelectionSet,
    keys: &mut HashSet<&'a str>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let f = &field.node;
                if f.directives.is_empty() && f.name.node != "__typename" {
                    keys.insert(f.response_key().node.as_str());
                }
            }
            Selection::FragmentSpread(spread) if spread.node.directives.is_empty() => {
                let name = &spread.node.fragment_name.node;
                if let Some(fragment) = ctx.query_env.fragments.get(name) {
                    direct_keys(ctx, &fragment.node.selection_set.node, keys, depth + 1);
                }
            }
            Selection::InlineFragment(inline) if inline.node.directives.is_empty() => {
                direct_keys(ctx, &inline.node.selection_set.node, keys, depth + 1);
            }
            _ => {}
        }
    }
}
