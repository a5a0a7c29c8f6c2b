//! Counts and times every executed GraphQL operation by name, for `/metrics`.

use crate::metrics as m;
use async_graphql::Response;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use std::sync::Arc;
use std::time::Instant;

/// The metrics extension.
pub struct OperationMetrics;

impl ExtensionFactory for OperationMetrics {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationMetrics)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for OperationMetrics {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let started = Instant::now();
        let response = next.run(ctx, operation_name).await;
        let operation = m::operation_label(operation_name);
        let outcome = if response.errors.is_empty() {
            "ok"
        } else {
            "error"
        };
        metrics::counter!(m::GRAPHQL_OPERATIONS, "operation" => operation.clone(), "outcome" => outcome)
            .increment(1);
        metrics::histogram!(m::GRAPHQL_DURATION, "operation" => operation)
            .record(started.elapsed().as_secs_f64());
        response
    }
}
