//! Violations and the audit log.

use super::context::CtxExt;
use super::error::GqlResult;
use super::paging::{self, ListPage};
use super::scalars::{Date, parse_id, parse_opt_id};
use super::types::{AuditEntry, Violation};
use crate::service::{audit, violations};
use async_graphql::{Context, ID, InputObject, Object, Result};
use shared::{Handling, ViolationKind};

/// Input of `recordViolation`.
#[derive(InputObject)]
pub struct RecordViolationInput {
    pub unit_id: ID,
    pub staff_id: Option<ID>,
    pub occurred_on: Date,
    pub kind: ViolationKind,
    pub description: String,
    pub dossier_ref: Option<String>,
    #[graphql(default_with = "Some(Handling::None)")]
    pub handling: Option<Handling>,
}

#[derive(Default)]
pub struct ViolationQuery;

#[Object]
impl ViolationQuery {
    /// Violations in scope, newest first.
    async fn violations(
        &self,
        ctx: &Context<'_>,
        unit_id: Option<ID>,
        year: Option<i32>,
    ) -> Result<Vec<Violation>> {
        let unit = parse_opt_id("unitId", unit_id.as_ref())?;
        Ok(violations::list(&ctx.actor()?, ctx.db().conn(), unit, year)
            .await
            .gql()?
            .into_iter()
            .map(Violation)
            .collect())
    }

    /// The violations of `violations` (same filters, same scope), one page at a time,
    /// newest first by id (the order they were recorded in, latest first). `first`: rows
    /// per page, 1 to 1000 (VALIDATION on `first` otherwise); `after`: the `endCursor` of
    /// the previous page as received, absent for the first page (VALIDATION on `after` for
    /// anything else).
    async fn violations_page(
        &self,
        ctx: &Context<'_>,
        unit_id: Option<ID>,
        year: Option<i32>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<Violation>> {
        let unit = parse_opt_id("unitId", unit_id.as_ref())?;
        let args = paging::args(first, after);
        let paged = violations::page(&ctx.actor()?, ctx.db().conn(), unit, year, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, Violation))
    }

    /// The entries of `auditLog` (same filters, same rights: ADMIN), one page at a time,
    /// newest first by id, with no limit but the page's. `first`: rows per page, 1 to 1000
    /// (VALIDATION on `first` otherwise); `after`: the `endCursor` of the previous page as
    /// received, absent for the first page (VALIDATION on `after` for anything else).
    async fn audit_log_page(
        &self,
        ctx: &Context<'_>,
        entity: Option<String>,
        entity_id: Option<String>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<AuditEntry>> {
        let args = paging::args(first, after);
        let paged = audit::page(
            &ctx.actor()?,
            ctx.db().conn(),
            entity.as_deref(),
            entity_id.as_deref(),
            &args,
        )
        .await
        .gql()?;
        Ok(ListPage::of(paged, AuditEntry))
    }

    /// The audit log, newest first (ADMIN): the root's ADMIN reads every entry, an ADMIN below
    /// the root the entries written by the accounts of its subtree.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        entity: Option<String>,
        entity_id: Option<String>,
        #[graphql(default_with = "Some(50)")] limit: Option<i32>,
    ) -> Result<Vec<AuditEntry>> {
        let list = audit::list(
            &ctx.actor()?,
            ctx.db().conn(),
            entity.as_deref(),
            entity_id.as_deref(),
            i64::from(limit.unwrap_or(50)),
        )
        .await
        .gql()?;
        Ok(list.into_iter().map(AuditEntry).collect())
    }
}

#[derive(Default)]
pub struct ViolationMutation;

#[Object]
impl ViolationMutation {
    /// ADMIN, MANAGER in scope.
    async fn record_violation(
        &self,
        ctx: &Context<'_>,
        input: RecordViolationInput,
    ) -> Result<Violation> {
        let cmd = violations::NewViolation {
            unit_id: parse_id("unitId", &input.unit_id)?,
            staff_id: parse_opt_id("staffId", input.staff_id.as_ref())?,
            occurred_on: input.occurred_on.0,
            kind: input.kind,
            description: input.description,
            dossier_ref: input.dossier_ref,
            handling: input.handling.unwrap_or(Handling::None),
        };
        violations::record(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(Violation)
    }
}
