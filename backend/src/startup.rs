//! Building and running the application: connect and migrate the database, load the
//! signing secret, bind the listener (port 0 picks a free port, which tests use) and serve
//! until a shutdown signal — with the notification worker beside the server unless turned
//! off — stopping the worker and finishing in-flight requests before closing the pool.

use crate::auth::jwt::JwtKeys;
use crate::auth::secret;
use crate::config::Settings;
use crate::db::Db;
use crate::db::file_lock::ServerLock;
use crate::evidence_store::EvidenceStore;
use crate::graphql::{build_introspection_schema, build_schema_with};
use crate::http::caller_share::CallerShares;
use crate::http::client_address::TrustedProxies;
use crate::http::{AppState, router};
use crate::service::notify::Outbound;
use crate::service::notify::worker::{Running, Worker};
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
    worker: Option<Worker>,
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
            if settings.ops.production {
                anyhow::bail!(
                    "`now` moves the clock for a demo or a rehearsal: never in production"
                );
            }
            db.clock().start_at(now);
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
        let worker = settings.notify.worker.then(|| {
            Worker::new(
                db.clone(),
                &settings.notify,
                outbound.clone(),
                &own_links(bound),
            )
        });
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
            evidence: EvidenceStore::new(
                settings.evidence.dir_for(&settings.database_url),
                settings.evidence.limits(),
            ),
        };
        let router = router(state, settings.static_dir.clone());
        let port = bound.port();
        Ok(Application {
            port,
            listener,
            router,
            db,
            worker,
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

    /// Serves until `shutdown` resolves (with the notification worker, when configured),
    /// then stops the worker, drains requests and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let worker = self.worker.map(Running::start);
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await?;
        if let Some(worker) = worker {
            worker.stop(std::time::Duration::from_secs(30)).await;
        }
        self.db.close().await?;
        tracing::info!("stopped: requests finished, database pool closed");
        Ok(())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

/// The server's own address for links, when no public address is configured.
fn own_links(bound: std::net::SocketAddr) -> String {
    if bound.ip().is_unspecified() {
        format!("http://localhost:{}", bound.port())
    } else {
        format!("http://{bound}")
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
