//! What every resolver can reach: the database, the session keys and the authenticated
//! caller of this request (or why there is none).

use crate::auth::Actor;
use crate::auth::jwt::JwtKeys;
use crate::db::Db;
use crate::error::ServiceError;
use async_graphql::Context;
use std::sync::{Arc, RwLock};

/// The caller of a request, shared with its loaders.
#[derive(Clone, Default, Debug)]
pub struct SharedActor(Arc<RwLock<Option<Actor>>>);

impl SharedActor {
    /// A request made by `actor` (or anonymous).
    pub fn new(actor: Option<Actor>) -> Self {
        SharedActor(Arc::new(RwLock::new(actor)))
    }

    /// The caller, if any.
    pub fn get(&self) -> Option<Actor> {
        self.0.read().ok().and_then(|a| a.clone())
    }

    /// Sets the caller (after a login).
    pub fn set(&self, actor: Actor) {
        if let Ok(mut a) = self.0.write() {
            *a = Some(actor);
        }
    }
}

use super::error::to_gql;

/// Per-request data.
#[derive(Clone)]
pub struct RequestCtx {
    /// The database.
    pub db: Db,
    /// Session keys (for `login`).
    pub keys: JwtKeys,
    /// The caller; `None` when no valid token was sent. `login` sets it, so that the
    /// payload of a new session resolves with that session's scope.
    pub actor: SharedActor,
    /// Why the sent token was refused, if it was.
    pub auth_error: Option<String>,
    /// The client's address (the peer, or the configured proxy header), for the login
    /// throttle.
    pub client_address: std::net::IpAddr,
    /// What a new webhook's URL is checked against.
    pub outbound: crate::service::notify::Outbound,
    /// The evidence store (removing a file removes its bytes).
    pub evidence: crate::evidence_store::EvidenceStore,
}

/// Accessors for resolvers.
pub trait CtxExt {
    /// The request data.
    fn req(&self) -> &RequestCtx;
    /// The authenticated caller, or UNAUTHENTICATED.
    fn actor(&self) -> async_graphql::Result<Actor>;
    /// The database.
    fn db(&self) -> &Db {
        &self.req().db
    }
}

impl CtxExt for Context<'_> {
    fn req(&self) -> &RequestCtx {
        self.data_unchecked::<RequestCtx>()
    }

    fn actor(&self) -> async_graphql::Result<Actor> {
        let req = self.req();
        req.actor.get().ok_or_else(|| {
            to_gql(ServiceError::Unauthenticated(
                req.auth_error
                    .clone()
                    .unwrap_or_else(|| "log in first: send Authorization: Bearer <token>".into()),
            ))
        })
    }
}
