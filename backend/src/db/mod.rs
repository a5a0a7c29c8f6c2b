//! The database layer: the connection (SQLite or PostgreSQL), write transactions, the
//! sea-orm entities and one query module per aggregate (typed ids in, domain objects out),
//! with the unit closure table and the incrementally maintained roll-ups.

pub mod actions;
pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod causes;
pub mod closure;
pub mod comments;
pub mod convert;
pub mod decisions;
pub mod entities;
pub mod evidence;
pub mod explanations;
pub mod file_lock;
pub mod integrity;
pub mod keyset;
pub mod milestones;
pub mod notifications;
pub mod official;
pub mod official_imports;
pub mod people;
pub mod rankings;
pub mod recipients;
pub mod reorgs;
pub mod reports;
pub mod review;
pub mod roadmaps;
pub mod rollups;
pub mod settings;
pub mod staff;
pub mod staff_figures;
pub mod targets;
pub mod tokens;
pub mod units;
pub mod users;
pub mod value_feed;
pub mod values;
pub mod violations;
pub mod webhooks;

/// What a query runs on: the pool or a transaction. Services name it through `db` and
/// never speak sea-orm themselves.
pub use sea_orm::ConnectionTrait;

use crate::clock::Clock;
use migrations::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The database handle shared by every request.
///
/// SQLite allows one writer at a time and a deferred transaction that reads before it
/// writes can fail to upgrade its lock; so on SQLite write transactions are serialised in
/// process (reads stay concurrent under WAL). PostgreSQL relies on row locks and
/// `WHERE version = ?` checks instead.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    write_lock: Option<Arc<Mutex<()>>>,
    clock: Clock,
}

/// A write transaction; on SQLite it also holds the writer lock until commit or drop.
pub struct WriteTx {
    txn: DatabaseTransaction,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTx {
    /// Commits the transaction and releases the writer lock.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// Undoes everything written in the transaction (a preview) and releases the lock.
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl Db {
    /// Connects to `url` (`sqlite:…` or `postgres://…`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbErr> {
        if let Some(path) = file_lock::sqlite_path(url) {
            private_sqlite_file(&path, url.contains("mode=rwc"))
                .map_err(|e| DbErr::Custom(format!("{}: {e}", path.display())))?;
        }
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.max_connections(max_connections.max(1))
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            });
        let conn = Database::connect(opts).await?;
        let write_lock =
            (conn.get_database_backend() == DbBackend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Db {
            conn,
            write_lock,
            clock: Clock::system(),
        })
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        migrations::Migrator::up(&self.conn, None).await
    }

    /// The connection pool, for reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// The instance's clock (the tests set it): every "now" a use case writes or compares
    /// with comes from here.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Now, by [`Db::clock`].
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// SQLite or PostgreSQL.
    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Starts a write transaction.
    pub async fn write(&self) -> Result<WriteTx, DbErr> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        // On SQLite the transaction takes the writer's lock at BEGIN, so that another process
        // holding it makes this one wait out the busy timeout instead of failing at its first
        // write with `database is locked`.
        let options = TransactionOptions {
            sqlite_transaction_mode: guard.as_ref().map(|_| SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        let txn = self.conn.begin_with_options(options).await?;
        Ok(WriteTx { txn, _guard: guard })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        self.conn.execute_unprepared("SELECT 1").await.is_ok()
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

/// Makes the SQLite file (and its WAL and shared-memory files, which SQLite creates with
/// the database's mode) readable by the server's user only: created empty with mode 0600
/// when it will be created, tightened to 0600 when others could read it.
fn private_sqlite_file(path: &std::path::Path, create: bool) -> std::io::Result<()> {
    if create && !path.exists() {
        match crate::auth::secret::private_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let file = std::path::PathBuf::from(file);
        if file.exists() {
            crate::auth::secret::tighten(&file)?;
        }
    }
    Ok(())
}
