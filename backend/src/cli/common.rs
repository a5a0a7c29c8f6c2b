//! What every command shares: where the database is, the layered settings, opening (and
//! migrating) the database, reading a password from standard input, and a service error
//! as a command-line error.

use crate::config::{Overrides, Settings};
use crate::db::Db;
use clap::Args;
use std::io::BufRead;
use std::path::PathBuf;

/// Where the database is.
#[derive(Debug, Args, Clone, Default)]
pub struct DbArgs {
    /// `sqlite://file.db?mode=rwc` or `postgres://…` (env DATABASE_URL).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// The settings: defaults, then the file, then the environment, then these arguments.
pub(super) fn settings(
    config: Option<PathBuf>,
    db: &DbArgs,
    bind: Option<String>,
    static_dir: Option<PathBuf>,
) -> anyhow::Result<Settings> {
    Settings::load(
        config,
        Overrides {
            database_url: db.database_url.clone(),
            bind,
            static_dir,
        },
    )
}

/// Connects and applies pending migrations.
pub(super) async fn open(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url, settings.max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

/// The first line of standard input, without its line ending.
pub(super) fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// A service error as the command line reports it: the message and the code.
pub(super) fn service_error(e: crate::error::ServiceError) -> anyhow::Error {
    anyhow::anyhow!("{} ({})", e.message(), e.code().as_str())
}

/// The settings of a command that only needs the database, and the database opened.
pub(super) async fn open_db(config: Option<PathBuf>, db: &DbArgs) -> anyhow::Result<Db> {
    open(&settings(config, db, None, None)?).await
}
