//! Units and staff: queries and mutations (thin: parse arguments, call the service).

use super::context::CtxExt;
use super::error::GqlResult;
use super::paging::{self, ListPage};
use super::scalars::{Date, parse_id, parse_opt_id};
use super::types::{Staff, Unit};
use crate::service::{staff, units};
use async_graphql::{Context, ID, InputObject, Object, Result};
use shared::UnitKind;

/// Input of `createUnit`.
#[derive(InputObject)]
pub struct CreateUnitInput {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<ID>,
}

/// Input of `updateUnit`.
#[derive(InputObject)]
pub struct UpdateUnitInput {
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub parent_id: Option<ID>,
    pub active: Option<bool>,
}

/// Input of `createStaff`.
#[derive(InputObject)]
pub struct CreateStaffInput {
    pub unit_id: ID,
    pub full_name: String,
    pub position: String,
    #[graphql(default_with = "Some(false)")]
    pub is_head: Option<bool>,
    pub email: Option<String>,
    /// The code in the dossier system (unique), by which imported personal figures name
    /// the staff member.
    pub code: Option<String>,
}

#[derive(Default)]
pub struct UnitQuery;

#[Object]
impl UnitQuery {
    /// Units in the caller's scope in force on `asOf` (default: today), each with its
    /// parent as the tree stood that day.
    async fn units(
        &self,
        ctx: &Context<'_>,
        parent_id: Option<ID>,
        kind: Option<UnitKind>,
        search: Option<String>,
        as_of: Option<Date>,
    ) -> Result<Vec<Unit>> {
        let filter = unit_filter(parent_id, kind, search, as_of)?;
        Ok(units::list(&ctx.actor()?, ctx.db().conn(), filter)
            .await
            .gql()?
            .into_iter()
            .map(Unit)
            .collect())
    }

    /// The units of `units` (same filters, same scope), one page at a time, ordered by
    /// code then id. `first`: rows per page, 1 to 1000 (VALIDATION on `first` otherwise);
    /// `after`: the `endCursor` of the previous page as received, absent for the first page
    /// (VALIDATION on `after` for anything else).
    #[allow(clippy::too_many_arguments)]
    async fn units_page(
        &self,
        ctx: &Context<'_>,
        parent_id: Option<ID>,
        kind: Option<UnitKind>,
        search: Option<String>,
        as_of: Option<Date>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<Unit>> {
        let filter = unit_filter(parent_id, kind, search, as_of)?;
        let args = paging::args(first, after);
        let paged = units::page(&ctx.actor()?, ctx.db().conn(), filter, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, Unit))
    }

    /// One unit by id or code; null when absent or outside the caller's scope.
    async fn unit(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        code: Option<String>,
    ) -> Result<Option<Unit>> {
        let id = parse_opt_id("id", id.as_ref())?;
        Ok(
            units::find(&ctx.actor()?, ctx.db().conn(), id, code.as_deref())
                .await
                .gql()?
                .map(Unit),
        )
    }

    /// The staff of `staff` (same unit, same scope), one page at a time, ordered by unit
    /// then id. `first`: rows per page, 1 to 1000 (VALIDATION on `first` otherwise);
    /// `after`: the `endCursor` of the previous page as received, absent for the first page
    /// (VALIDATION on `after` for anything else).
    async fn staff_page(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        #[graphql(default_with = "Some(false)")] include_subtree: Option<bool>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<Staff>> {
        let unit = parse_id("unitId", &unit_id)?;
        let args = paging::args(first, after);
        let subtree = include_subtree.unwrap_or(false);
        let paged = staff::page(&ctx.actor()?, ctx.db().conn(), unit, subtree, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, Staff))
    }

    /// Staff of a unit, heads first.
    async fn staff(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        #[graphql(default_with = "Some(false)")] include_subtree: Option<bool>,
    ) -> Result<Vec<Staff>> {
        let unit = parse_id("unitId", &unit_id)?;
        Ok(staff::list(
            &ctx.actor()?,
            ctx.db().conn(),
            unit,
            include_subtree.unwrap_or(false),
        )
        .await
        .gql()?
        .into_iter()
        .map(Staff)
        .collect())
    }
}

/// The filters of `units` and `unitsPage`.
fn unit_filter(
    parent_id: Option<ID>,
    kind: Option<UnitKind>,
    search: Option<String>,
    as_of: Option<Date>,
) -> Result<units::UnitFilter> {
    Ok(units::UnitFilter {
        parent_id: parse_opt_id("parentId", parent_id.as_ref())?,
        kind,
        search,
        as_of: as_of.map(|d| d.0),
    })
}

#[derive(Default)]
pub struct UnitMutation;

#[Object]
impl UnitMutation {
    /// ADMIN, under a unit of its subtree.
    async fn create_unit(&self, ctx: &Context<'_>, input: CreateUnitInput) -> Result<Unit> {
        let cmd = units::NewUnit {
            code: input.code,
            name: input.name,
            kind: input.kind,
            parent_id: parse_opt_id("parentId", input.parent_id.as_ref())?,
        };
        units::create(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(Unit)
    }

    /// ADMIN, for a unit strictly below its own (the root's ADMIN: any unit); a move needs
    /// the new parent in its subtree too.
    async fn update_unit(&self, ctx: &Context<'_>, id: ID, input: UpdateUnitInput) -> Result<Unit> {
        let patch = units::UnitPatch {
            name: input.name,
            kind: input.kind,
            parent_id: parse_opt_id("parentId", input.parent_id.as_ref())?,
            active: input.active,
        };
        units::update(&ctx.actor()?, ctx.db(), parse_id("id", &id)?, patch)
            .await
            .gql()
            .map(Unit)
    }

    /// ADMIN, MANAGER in scope.
    async fn create_staff(&self, ctx: &Context<'_>, input: CreateStaffInput) -> Result<Staff> {
        let cmd = staff::NewStaff {
            unit_id: parse_id("unitId", &input.unit_id)?,
            full_name: input.full_name,
            position: input.position,
            is_head: input.is_head.unwrap_or(false),
            email: input.email,
            code: input.code,
        };
        staff::create(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(Staff)
    }
}
