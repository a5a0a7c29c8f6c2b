//! Reorganisations of the tree: the list, and merge, move, rename and close from a date
//! (thin: parse arguments, call the service).

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::{Date, parse_id, parse_opt_id};
use super::types::Reorganization;
use crate::service::reorg::{self, Change, Outcome};
use async_graphql::{Context, ID, InputObject, Object, Result};
use shared::UnitKind;

/// A unit a merge creates.
#[derive(InputObject)]
pub struct NewUnitInput {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// Input of `mergeUnits`: the sources merge into an existing unit (`intoId`) or a new one
/// (`into`, under `parentId`, by default the first source's parent).
#[derive(InputObject)]
pub struct MergeUnitsInput {
    pub source_ids: Vec<ID>,
    pub into_id: Option<ID>,
    pub into: Option<NewUnitInput>,
    pub parent_id: Option<ID>,
    pub effective_on: Date,
    pub decision: String,
}

/// Input of `moveUnit`.
#[derive(InputObject)]
pub struct MoveUnitInput {
    pub unit_id: ID,
    pub parent_id: ID,
    pub effective_on: Date,
    pub decision: String,
}

/// Input of `renameUnit`: the fields given change.
#[derive(InputObject)]
pub struct RenameUnitInput {
    pub unit_id: ID,
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub effective_on: Date,
    pub decision: String,
}

/// Input of `closeUnit`.
#[derive(InputObject)]
pub struct CloseUnitInput {
    pub unit_id: ID,
    pub effective_on: Date,
    pub decision: String,
}

fn answer(o: Outcome) -> Reorganization {
    Reorganization {
        stored: o.reorganization,
        units: o.units,
        preview: o.preview,
    }
}

fn change(effective_on: Date, decision: String) -> Change {
    Change {
        effective_on: effective_on.0,
        decision,
    }
}

#[derive(Default)]
pub struct ReorgQuery;

#[Object]
impl ReorgQuery {
    /// The reorganisations taking effect in `year` (all when absent) that touch the
    /// caller's scope, newest first.
    async fn reorganizations(
        &self,
        ctx: &Context<'_>,
        year: Option<i32>,
    ) -> Result<Vec<Reorganization>> {
        Ok(reorg::list(&ctx.actor()?, ctx.db().conn(), year)
            .await
            .gql()?
            .into_iter()
            .map(Reorganization::from)
            .collect())
    }
}

#[derive(Default)]
pub struct ReorgMutation;

#[Object]
impl ReorgMutation {
    /// ADMIN: merges units into one from a date. The sources end the day before; their
    /// children in force move to the result; the result counts their earlier months.
    /// `dryRun` checks and computes everything and saves nothing.
    async fn merge_units(
        &self,
        ctx: &Context<'_>,
        input: MergeUnitsInput,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<Reorganization> {
        let into = match (input.into_id.as_ref(), input.into) {
            (Some(id), None) => reorg::MergeTarget::Existing(parse_id("intoId", id)?),
            (None, Some(n)) => reorg::MergeTarget::New(reorg::NewUnitSpec {
                code: n.code,
                name: n.name,
                kind: n.kind,
            }),
            _ => {
                return Err(crate::error::ServiceError::validation(
                    "intoId",
                    "Hãy chọn đơn vị nhận (intoId) hoặc khai báo đơn vị mới (into), không cả hai.",
                ))
                .gql();
            }
        };
        let cmd = reorg::MergeCmd {
            sources: input
                .source_ids
                .iter()
                .map(|id| parse_id("sourceIds", id))
                .collect::<Result<_>>()?,
            into,
            parent: parse_opt_id("parentId", input.parent_id.as_ref())?,
            change: change(input.effective_on, input.decision),
        };
        reorg::merge(&ctx.actor()?, ctx.db(), cmd, dry_run)
            .await
            .gql()
            .map(answer)
    }

    /// ADMIN: hangs a unit under a new parent from a date; earlier months stay where they
    /// were counted.
    async fn move_unit(
        &self,
        ctx: &Context<'_>,
        input: MoveUnitInput,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<Reorganization> {
        let cmd = reorg::MoveCmd {
            unit: parse_id("unitId", &input.unit_id)?,
            parent: parse_id("parentId", &input.parent_id)?,
            change: change(input.effective_on, input.decision),
        };
        reorg::move_unit(&ctx.actor()?, ctx.db(), cmd, dry_run)
            .await
            .gql()
            .map(answer)
    }

    /// ADMIN: changes a unit's code, name or kind from a date.
    async fn rename_unit(
        &self,
        ctx: &Context<'_>,
        input: RenameUnitInput,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<Reorganization> {
        let cmd = reorg::RenameCmd {
            unit: parse_id("unitId", &input.unit_id)?,
            code: input.code,
            name: input.name,
            kind: input.kind,
            change: change(input.effective_on, input.decision),
        };
        reorg::rename(&ctx.actor()?, ctx.db(), cmd, dry_run)
            .await
            .gql()
            .map(answer)
    }

    /// ADMIN: abolishes a unit from a date; a unit with children in force is refused.
    async fn close_unit(
        &self,
        ctx: &Context<'_>,
        input: CloseUnitInput,
        #[graphql(default = false)] dry_run: bool,
    ) -> Result<Reorganization> {
        let cmd = reorg::CloseCmd {
            unit: parse_id("unitId", &input.unit_id)?,
            change: change(input.effective_on, input.decision),
        };
        reorg::close(&ctx.actor()?, ctx.db(), cmd, dry_run)
            .await
            .gql()
            .map(answer)
    }
}
