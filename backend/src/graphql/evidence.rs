//! Evidence files: `removeEvidence` (uploads and downloads are plain HTTP, see
//! `http::evidence`).

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::parse_id;
use crate::service::follow_up::evidence;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct EvidenceMutation;

#[Object]
impl EvidenceMutation {
    /// Removes an evidence file (its uploader or the level above) while the request is not
    /// CLOSED.
    async fn remove_evidence(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let id = parse_id("id", &id)?;
        let req = ctx.req();
        evidence::remove(&ctx.actor()?, &req.db, &req.evidence, id)
            .await
            .gql()
            .map(|()| true)
    }
}
