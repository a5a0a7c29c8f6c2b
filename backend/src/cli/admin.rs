//! Serving and administration: run the server, apply migrations, set up an empty
//! database, create an account, check the stored roll-ups, back up and restore SQLite.

use super::common::{DbArgs, open, open_db, read_password, service_error, settings};
use crate::db::{Db, integrity, rollups, units};
use crate::service::{setup as set_up, users};
use crate::startup::Application;
use shared::Role;
use std::path::{Path, PathBuf};

/// `chitieu serve`: runs the server (migrating on start).
pub(super) async fn serve(
    config: Option<PathBuf>,
    db: &DbArgs,
    bind: Option<String>,
    static_dir: Option<PathBuf>,
) -> anyhow::Result<()> {
    let s = settings(config, db, bind, static_dir)?;
    crate::telemetry::init(s.log_json);
    let app = Application::build(&s).await?;
    tracing::info!("listening on http://{}:{}", s.bind.ip(), app.port());
    app.run_until_stopped().await
}

/// `chitieu migrate`.
pub(super) async fn migrate(config: Option<PathBuf>, db: &DbArgs) -> anyhow::Result<()> {
    open_db(config, db).await?;
    println!("migrations applied");
    Ok(())
}

/// What `chitieu setup` is given on its command line.
pub(super) struct SetupNames {
    pub province_code: String,
    pub province_name: String,
    pub admin_username: String,
    /// `default` or `qd766`.
    pub catalogue: String,
}

/// `chitieu setup`: catalogue, province root and first ADMIN (password on standard input).
pub(super) async fn setup(
    config: Option<PathBuf>,
    db: &DbArgs,
    names: SetupNames,
) -> anyhow::Result<()> {
    let catalogue = crate::domain::catalogue::Preset::parse(&names.catalogue)
        .map_err(|e| anyhow::anyhow!("--catalogue: {}", e.message))?;
    let s = settings(config, db, None, None)?;
    let password = read_password()?;
    let db = open(&s).await?;
    let command = set_up::SetupCommand {
        province_code: names.province_code,
        province_name: names.province_name,
        admin_username: names.admin_username,
        admin_password: password,
        catalogue,
    };
    set_up::setup(&db, command).await.map_err(service_error)?;
    println!("set up: catalogue loaded, province and first ADMIN created");
    Ok(())
}

/// `chitieu user create` (password on standard input).
pub(super) async fn create_user(
    config: Option<PathBuf>,
    db: &DbArgs,
    username: String,
    role: Role,
    unit: &str,
) -> anyhow::Result<()> {
    let s = settings(config, db, None, None)?;
    let password = read_password()?;
    let db = open(&s).await?;
    let unit_id = units::id_by_code(db.conn(), unit)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no unit with code {unit}"))?;
    let account = users::NewUser {
        username,
        password,
        role,
        unit_id,
        staff_id: None,
    };
    users::create_unchecked(&db, None, account)
        .await
        .map_err(service_error)?;
    println!("account created");
    Ok(())
}

/// Verifies the roll-ups against a recomputation and the invariants of
/// [`crate::db::integrity`]; fails naming every broken one.
pub(super) async fn check(db: &Db) -> anyhow::Result<()> {
    let stored = rollups::stored(db.conn()).await?;
    let expected = rollups::recompute(db.conn()).await?;
    let mut problems = integrity::problems(db.conn()).await?;
    if stored != expected {
        let wrong = expected
            .iter()
            .filter(|(k, v)| stored.get(*k) != Some(*v))
            .count()
            + stored.keys().filter(|k| !expected.contains_key(*k)).count();
        problems.push(format!(
            "roll-ups differ from a recomputation in {wrong} rows"
        ));
    }
    if problems.is_empty() {
        println!(
            "ok: {} roll-up rows equal a recomputation from the raw figures; every figure belongs to its report",
            stored.len()
        );
        Ok(())
    } else {
        anyhow::bail!("{}", problems.join("; "))
    }
}

/// `chitieu backup`: copies the SQLite database, safely while the server runs.
pub(super) async fn backup(config: Option<PathBuf>, db: &DbArgs, to: &Path) -> anyhow::Result<()> {
    let s = settings(config, db, None, None)?;
    let bytes = crate::backup::backup_url(&s.database_url, to).await?;
    println!("backup written to {} ({bytes} bytes)", to.display());
    let store = s.evidence.dir_for(&s.database_url);
    let beside = crate::backup::evidence_beside(to);
    let copied = crate::backup::backup_evidence(&store, &beside)?;
    println!(
        "evidence files copied to {} ({} files, {} bytes)",
        beside.display(),
        copied.added,
        copied.bytes
    );
    Ok(())
}

/// `chitieu restore`: replaces the SQLite database by a checked backup.
pub(super) async fn restore(
    config: Option<PathBuf>,
    db: &DbArgs,
    from: &Path,
) -> anyhow::Result<()> {
    let s = settings(config, db, None, None)?;
    let r = crate::backup::restore(&s.database_url, from).await?;
    if let Some(previous) = r.previous {
        println!("the replaced database is kept as {}", previous.display());
    }
    println!(
        "restored from {} ({} roll-up rows verified)",
        from.display(),
        r.rollup_rows
    );
    let beside = crate::backup::evidence_beside(from);
    if beside.is_dir() {
        let store = s.evidence.dir_for(&s.database_url);
        let c = crate::backup::restore_evidence(&beside, &store)?;
        println!(
            "evidence files put back into {} ({} added, {} already there)",
            store.display(),
            c.added,
            c.kept
        );
        if !c.refused.is_empty() {
            anyhow::bail!(
                "{} evidence files of the backup were refused: their content does not match their SHA-256 name: {}",
                c.refused.len(),
                c.refused.join(", ")
            );
        }
    }
    Ok(())
}
