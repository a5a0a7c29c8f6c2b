//! The work budget of one GraphQL operation: every field and every list item resolved costs
//! one unit, so that cost follows the work actually done, whatever the document's shape
//! (aliases, nested lists, a list inside a list of the same objects). Past the budget the
//! operation stops resolving and answers with a single `VALIDATION` error instead of a
//! partial result or thousands of errors.
//!
//! Lists answered without a resolver per field (`fast_results`) charge the same cost
//! through [`charge`]; a resolver that knows the size of its answer before computing it
//! (`indicatorSeries`) asks [`ensure_room`] first.
//!
//! The root fields of one operation (e.g. 49 aliased scoreboards) resolve one after the
//! other, not all at once: one request then holds at most one root field's share of the
//! database pool, and other callers' requests find connections free.

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextResolve,
    ResolveInfo,
};
use async_graphql::{DataContext, Request, Response, ServerError, ServerResult, Value};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Fields resolved between two pauses that let other requests run on the same worker.
const YIELD_EVERY: usize = 256;

/// Refuses operations that resolve more than `max_fields` fields and list items.
pub struct WorkBudget {
    /// The most fields and list items one operation may resolve.
    pub max_fields: usize,
}

impl ExtensionFactory for WorkBudget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Spent {
            work: Arc::new(Work {
                max: self.max_fields.max(1),
                resolved: AtomicUsize::new(0),
                exceeded: AtomicBool::new(false),
            }),
            root_turn: tokio::sync::Semaphore::new(1),
        })
    }
}

/// The work of one request (the factory makes one per request).
struct Spent {
    work: Arc<Work>,
    root_turn: tokio::sync::Semaphore,
}

/// What one request has resolved so far; also in the request's data, for [`charge`].
pub struct Work {
    max: usize,
    resolved: AtomicUsize,
    exceeded: AtomicBool,
}

/// Charges `n` fields and list items resolved without going through the resolver hook.
pub fn charge<'a>(ctx: &impl DataContext<'a>, n: usize) -> ServerResult<()> {
    match ctx.data_opt::<Arc<Work>>() {
        Some(work) => work.spend(n),
        None => Ok(()),
    }
}

/// Fails with the budget's error, before any work is done, when an answer that needs at
/// least `n` more fields and list items cannot fit in what is left of the budget (a
/// resolver that knows its answer's size before computing it).
pub fn ensure_room<'a>(ctx: &impl DataContext<'a>, n: usize) -> ServerResult<()> {
    match ctx.data_opt::<Arc<Work>>() {
        Some(work) => work.room_for(n),
        None => Ok(()),
    }
}

impl Work {
    fn room_for(&self, n: usize) -> ServerResult<()> {
        let resolved = self.resolved.load(Ordering::Relaxed);
        if resolved.saturating_add(n) > self.max {
            self.exceeded.store(true, Ordering::Relaxed);
            return Err(self.error());
        }
        Ok(())
    }

    fn spend(&self, n: usize) -> ServerResult<()> {
        let before = self.resolved.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.max {
            self.exceeded.store(true, Ordering::Relaxed);
            return Err(self.error());
        }
        Ok(())
    }

    fn error(&self) -> ServerError {
        super::error::over_limit(
            format!(
                "the answer is too large: it needs more than {} fields and list items; ask for fewer fields, fewer aliases or fewer units at a time",
                self.max
            ),
            &[("limit", self.max as u64)],
        )
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Spent {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        next.run(ctx, request.data(self.work.clone())).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if self.work.exceeded.load(Ordering::Relaxed) {
            // What was built before the budget ran out is dropped here, not sent.
            metrics::counter!(crate::metrics::BUDGET_EXCEEDED).increment(1);
            return Response::from_errors(vec![self.work.error()]);
        }
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let resolved = self.work.resolved.fetch_add(1, Ordering::Relaxed);
        if resolved >= self.work.max {
            self.work.exceeded.store(true, Ordering::Relaxed);
            return Err(self.work.error());
        }
        if resolved % YIELD_EVERY == YIELD_EVERY - 1 {
            // Resolving a long list of ready values never returns to the scheduler on its
            // own: give the other requests on this worker their turn now and then.
            tokio::task::yield_now().await;
        }
        if info.path_node.parent.is_some() {
            return next.run(ctx, info).await;
        }
        // The semaphore lives as long as the request and is never closed.
        let _turn = self.root_turn.acquire().await.ok();
        if self.work.exceeded.load(Ordering::Relaxed) {
            return Err(self.work.error());
        }
        next.run(ctx, info).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Schema};

    #[derive(Default)]
    struct Running {
        now: AtomicUsize,
        most: AtomicUsize,
    }

    struct Query;

    #[Object]
    impl Query {
        async fn slow(&self, ctx: &Context<'_>) -> Vec<i32> {
            let running = ctx.data_unchecked::<Arc<Running>>();
            let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
            running.most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            running.now.fetch_sub(1, Ordering::SeqCst);
            vec![1, 2, 3]
        }
    }

    fn schema(max_fields: usize) -> Schema<Query, EmptyMutation, EmptySubscription> {
        Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(WorkBudget { max_fields })
            .finish()
    }

    #[tokio::test]
    async fn aliased_root_fields_resolve_one_at_a_time() {
        let running = Arc::new(Running::default());
        let request = async_graphql::Request::new("{ a: slow b: slow c: slow d: slow }")
            .data(running.clone());
        let response = schema(1000).execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        assert_eq!(running.most.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn the_budget_counts_fields_and_list_items() {
        // Each `slow` is one field and three items: four aliases need 16.
        let query = "{ a: slow b: slow c: slow d: slow }";
        let run = |max| async move {
            let request = async_graphql::Request::new(query).data(Arc::new(Running::default()));
            schema(max).execute(request).await
        };
        assert!(run(16).await.errors.is_empty());
        let over = run(15).await;
        assert_eq!(over.errors.len(), 1, "{:?}", over.errors);
        assert_eq!(over.data, async_graphql::Value::Null);
    }
}
