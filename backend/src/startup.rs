//! Building and running the application: connect and migrate the database, load the
//! signing secret, bind the listener (port 0 picks a free port, which tests use) and serve
//! until a shutdown signal, finishing in-flight requests before closing the pool.

use crate::auth::jwt::JwtKeys;
use crate::auth::secret;
use crate::config::Settings;
use crate::db::Db;
use crate::db::file_lock::ServerLock;
use crate::graphql::{build_introspection_schema, build_schema_with};
use crate::http::caller_share::CallerShares;
use crate::http::client_address::TrustedProxies;
use crate::http::{AppState, router};
use crate::service::notify::Outbound;
use axum::Router;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// A built application, bound to its port, not yet serving.
pub struct Application {
    port: u16,
    listener: TcpListener,
    router: Router,
    db: Db,
    _lock: Option<ServerLock>,
}

impl Application {
    /// Connects, migrates, binds. The signing secret is checked before the database is
    /// touched, so that a bad configuration fails fast.
    pub async fn build(settings: &Settings) -> anyhow::Result<Application> {
        JwtKeys::new(&secret::load(settings)?, chrono::Duration::hours(1))?;
        let db = Db::connect(&settings.database_url, settings.max_connections).await?;
        db.migrate().await?;
        Self::build_with_db(settings, db).await
    }

    /// Binds the application on an already migrated database.
    pub async fn build_with_db(settings: &Settings, db: Db) -> anyhow::Result<Application> {
        if let Some(now) = settings.notify.now {
            db.clock().set(now);
        }
        let secret = secret::load(settings)?;
        let keys = JwtKeys::new(
            &secret,
            chrono::Duration::hours(settings.session_hours.clamp(1, 24 * 30)),
        )?;
        // Held while serving, so that `chitieu restore` refuses to replace the file.
        let lock = ServerLock::acquire(&settings.database_url)?;
        let listener = TcpListener::bind(settings.bind).await?;
        let bound = listener.local_addr()?;
        let outbound = Outbound {
            allow_private: settings.notify.webhook_allow_private,
            bound: Some(bound),
        };
        let state = AppState {
            schema: build_schema_with(&settings.ops),
            db: db.clone(),
            keys,
            graphiql: settings.ops.graphiql_allowed(settings.graphiql),
            ops: settings.ops.clone(),
            max_connections: settings.max_connections,
            admission: Arc::new(Semaphore::new(settings.ops.concurrent_requests())),
            shares: Arc::new(CallerShares::new(settings.ops.concurrent_per_caller())),
            introspection: build_introspection_schema(&settings.ops),
            proxies: TrustedProxies::from_settings(&settings.ops)?,
            outbound,
        };
        let router = router(state, settings.static_dir.clone());
        let port = bound.port();
        Ok(Application {
            port,
            listener,
            router,
            db,
            _lock: lock,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database handle.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves until `shutdown` resolves, then drains requests and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await?;
        self.db.close().await?;
        tracing::info!("stopped: requests finished, database pool closed");
        Ok(())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
