//! The GraphQL API: the schema merged from one query and one mutation object per domain,
//! thin resolvers over the services, per-request loaders, and the SDL export.

pub mod account_admin;
pub mod accounts;
pub mod budget;
pub mod catalogue;
pub mod comments;
pub mod context;
pub mod cycle;
pub mod error;
pub mod evidence;
pub mod fast;
pub mod follow_up;
pub mod imports;
pub mod limits;
pub mod loaders;
pub mod notify;
pub mod observe;
pub mod official;
pub mod paging;
pub mod personal;
pub mod publication;
pub mod reorg;
pub mod reports;
pub mod results;
pub mod scalars;
pub mod series;
pub mod targets;
pub mod types;
pub mod units;
pub mod value_feed;
pub mod violations;

use crate::config::OpsSettings;
use async_graphql::{EmptySubscription, MergedObject, Schema};

/// Every query.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    accounts::AccountQuery,
    account_admin::AccountAdminQuery,
    units::UnitQuery,
    reorg::ReorgQuery,
    catalogue::CatalogueQuery,
    targets::TargetQuery,
    reports::ReportQuery,
    results::ResultQuery,
    publication::PublicationQuery,
    series::SeriesQuery,
    violations::ViolationQuery,
    cycle::CycleQuery,
    notify::NotifyQuery,
    follow_up::FollowUpQuery,
    comments::CommentQuery,
    value_feed::ValueFeedQuery,
    personal::PersonalQuery,
);

/// Every mutation.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    accounts::AccountMutation,
    account_admin::AccountAdminMutation,
    units::UnitMutation,
    reorg::ReorgMutation,
    catalogue::CatalogueMutation,
    targets::TargetMutation,
    reports::ReportMutation,
    violations::ViolationMutation,
    results::ResultMutation,
    publication::PublicationMutation,
    imports::ImportMutation,
    cycle::CycleMutation,
    notify::NotifyMutation,
    follow_up::FollowUpMutation,
    evidence::EvidenceMutation,
    comments::CommentMutation,
    personal::PersonalMutation,
);

/// The schema type.
pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Limits against abusive queries (the defaults of [`OpsSettings`]).
pub const MAX_DEPTH: usize = 12;
/// See [`MAX_DEPTH`].
pub const MAX_COMPLEXITY: usize = 5000;

/// Builds the schema with the default limits (request data is added per request).
pub fn build_schema() -> AppSchema {
    build_schema_with(&OpsSettings::default())
}

/// Builds the schema with the configured limits; production mode turns introspection off.
pub fn build_schema_with(ops: &OpsSettings) -> AppSchema {
    build(ops, ops.max_depth, ops.max_complexity)
}

/// Depth allowed to an introspection-only document: the standard introspection queries of
/// graphql-js, graphql-core and gql nest `ofType` seven to nine times.
pub const INTROSPECTION_MAX_DEPTH: usize = 32;

/// The schema that answers documents asking only for `__schema`, `__type` and
/// `__typename`: the same schema with room for the depth of standard introspection
/// queries (every other limit, and the work budget, stay).
pub fn build_introspection_schema(ops: &OpsSettings) -> AppSchema {
    build(
        ops,
        ops.max_depth.max(INTROSPECTION_MAX_DEPTH),
        ops.max_complexity.max(100_000),
    )
}

fn build(ops: &OpsSettings, depth: usize, complexity: usize) -> AppSchema {
    let builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .limit_depth(depth)
    .limit_complexity(complexity)
    .extension(limits::AliasLimit {
        max: ops.max_aliases,
    })
    .extension(budget::WorkBudget {
        max_fields: ops.max_resolved_fields,
    })
    .extension(observe::OperationMetrics);
    if ops.production {
        builder.disable_introspection().finish()
    } else {
        builder.finish()
    }
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    build_schema().sdl()
}
