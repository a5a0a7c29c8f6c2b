//! What every command shares: where the database is, the layered settings, opening (and
//! migrating) the database — or opening one that must already exist and be set up, for
//! the commands that only read —, reading a password from standard input, and a service
//! error as a command-line error.

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
    let url = &settings.database_url;
    if !url.contains("mode=rwc") {
        must_exist(url)?;
    }
    let db = connect(url, settings.max_connections).await?;
    db.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(db)
}

/// Connects to a database that must exist and be set up, creating and migrating nothing
/// (a SQLite file is opened without `mode=rwc`).
pub(super) async fn open_set_up(settings: &Settings) -> anyhow::Result<Db> {
    let url = read_only(&settings.database_url);
    must_exist(&url)?;
    let not_set_up = |why: String| {
        anyhow::anyhow!(
            "cơ sở dữ liệu {} chưa được thiết lập{why}: chạy `chitieu setup --database-url …` \
             (tạo tỉnh và tài khoản ADMIN đầu tiên) hoặc `chitieu demo --database-url …` \
             (dữ liệu mẫu)",
            shown(&url)
        )
    };
    // A file that is not a database of ours may refuse even to open read-only.
    let db = Db::connect(&url, settings.max_connections)
        .await
        .map_err(|e| not_set_up(format!(" hoặc không đọc được ({e})")))?;
    match crate::service::setup::is_set_up(&db).await {
        Ok(true) => Ok(db),
        _ => Err(not_set_up(String::new())),
    }
}

/// A SQLite URL opened read-only (`mode=ro`); any other URL as it is.
fn read_only(url: &str) -> String {
    if crate::db::file_lock::sqlite_path(url).is_none() {
        return url.to_owned();
    }
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("mode="))
        .collect();
    params.push("mode=ro");
    format!("{base}?{}", params.join("&"))
}

/// Connects, with the error said once (the driver's error repeats its cause).
async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
    Db::connect(url, max_connections)
        .await
        .map_err(|e| anyhow::anyhow!("không mở được cơ sở dữ liệu {}: {e}", shown(url)))
}

/// Refuses a SQLite file that is not there, saying how to create it.
fn must_exist(url: &str) -> anyhow::Result<()> {
    match crate::db::file_lock::sqlite_path(url) {
        Some(path) if !path.is_file() => anyhow::bail!(
            "không tìm thấy cơ sở dữ liệu {}: tạo nó bằng `chitieu setup --database-url \
             \"sqlite://{}?mode=rwc\" …` (một tỉnh trống) hoặc `chitieu demo --database-url \
             \"sqlite://{}?mode=rwc\"` (dữ liệu mẫu)",
            path.display(),
            path.display(),
            path.display()
        ),
        _ => Ok(()),
    }
}

/// The database as a message names it: a SQLite file's path, a server URL without its
/// password.
fn shown(url: &str) -> String {
    if let Some(path) = crate::db::file_lock::sqlite_path(url) {
        return path.display().to_string();
    }
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
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

/// The settings of a command that only reads, and its database, which must be set up.
pub(super) async fn open_existing(config: Option<PathBuf>, db: &DbArgs) -> anyhow::Result<Db> {
    open_set_up(&settings(config, db, None, None)?).await
}
