//! The work budget of one GraphQL operation: every field and every list item resolved costs
//! one unit, so that cost follows the work actually done, whatever the document's shape
//! (aliases, nested lists, a list inside a list of the same objects). Past the budget the
//! operation stops resolving and answers with a single `VALIDATION` error instead of a
//! partial result or thousands of errors.

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextResolve, ResolveInfo,
};
use async_graphql::{Response, ServerError, ServerResult, Value};
use shared::ErrorCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Refuses operations that resolve more than `max_fields` fields and list items.
pub struct WorkBudget {
    /// The most fields and list items one operation may resolve.
    pub max_fields: usize,
}

impl ExtensionFactory for WorkBudget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Spent {
            max: self.max_fields.max(1),
            resolved: AtomicUsize::new(0),
            exceeded: AtomicBool::new(false),
        })
    }
}

/// The work of one request (the factory makes one per request).
struct Spent {
    max: usize,
    resolved: AtomicUsize,
    exceeded: AtomicBool,
}

impl Spent {
    fn error(&self) -> ServerError {
        let mut err = ServerError::new(
            format!(
                "the answer is too large: it needs more than {} fields and list items; ask for fewer fields, fewer aliases or fewer units at a time",
                self.max
            ),
            None,
        );
        let mut ext = async_graphql::ErrorExtensionValues::default();
        ext.set("code", ErrorCode::Validation.as_str());
        ext.set("limit", self.max as u64);
        err.extensions = Some(ext);
        err
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Spent {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if self.exceeded.load(Ordering::Relaxed) {
            // What was built before the budget ran out is dropped here, not sent.
            metrics::counter!(crate::metrics::BUDGET_EXCEEDED).increment(1);
            return Response::from_errors(vec![self.error()]);
        }
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if self.resolved.fetch_add(1, Ordering::Relaxed) >= self.max {
            self.exceeded.store(true, Ordering::Relaxed);
            return Err(self.error());
        }
        next.run(ctx, info).await
    }
}
