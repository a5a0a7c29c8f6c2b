//! `chitieu backup` / `chitieu restore` on SQLite: a backup taken while the server runs holds
//! the saved figures; a restore installs a checked backup, keeps the replaced database, and
//! refuses files that are not a Chỉ tiêu database and databases a server is using. The
//! database, its key file and every backup are readable by their owner only, and a backup
//! holds no signing secret.

use crate::helpers::{Backend, TestApp, assert_ok, spawn_app};
use backend::backup;
use backend::db::Db;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::{Path, PathBuf};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "chitieu_{name}_{}.db",
        uuid::Uuid::new_v4().simple()
    ))
}

fn url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let _ = std::fs::remove_file(path.with_extension("key"));
}

async fn received_in(path: &Path, month: i32) -> Option<i64> {
    let db = Db::connect(&url(path), 1).await.expect("open");
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!(
                "SELECT v.value FROM measure_values v JOIN measures m ON m.id = v.measure_id \
                 WHERE m.code = 'RECEIVED' AND v.year = 2023 AND v.month = {month}"
            ),
        ))
        .await
        .expect("query");
    let value = row.and_then(|r| r.try_get_by_index::<i64>(0).ok());
    db.close().await.expect("close");
    value
}

/// A fresh app whose commune reported `value` received in `month` of 2023.
async fn app_with_figure(month: i32, value: i64) -> TestApp {
    let app = spawn_app(Backend::Sqlite).await;
    assert_ok(
        &app.save_month(
            "officer",
            app.tree.commune,
            2023,
            month,
            &[("RECEIVED", value)],
            None,
        )
        .await,
    );
    app
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_into_a_new_database() {
    let app = app_with_figure(3, 42).await;
    let file = temp("backup");
    let bytes = backup::backup(&app.db, &file)
        .await
        .expect("backup while serving");
    assert!(bytes > 0);
    assert_eq!(received_in(&file, 3).await, Some(42));
    // A backup never overwrites a file.
    let again = backup::backup(&app.db, &file).await;
    assert!(again.is_err());

    let target = temp("restored");
    let restored = backup::restore(&url(&target), &file)
        .await
        .expect("restore");
    assert!(restored.previous.is_none(), "nothing was replaced");
    assert!(restored.rollup_rows > 0);
    assert_eq!(received_in(&target, 3).await, Some(42));
    remove(&file);
    remove(&target);
}

#[tokio::test]
async fn a_restore_replaces_a_stopped_database_and_keeps_the_old_one() {
    let app = app_with_figure(4, 5).await;
    let file = temp("backup");
    backup::backup(&app.db, &file).await.expect("backup");
    // A later database: another figure, saved after the backup.
    let target = temp("live");
    backup::backup(&app.db, &target).await.expect("copy");
    {
        let db = Db::connect(&url(&target), 1).await.expect("open");
        db.conn()
            .execute_unprepared("UPDATE measure_values SET value = 6")
            .await
            .expect("change");
        db.close().await.expect("close");
    }
    let restored = backup::restore(&url(&target), &file)
        .await
        .expect("restore");
    assert_eq!(
        received_in(&target, 4).await,
        Some(5),
        "the backup's figure"
    );
    let previous = restored.previous.expect("the replaced database is kept");
    assert_eq!(
        received_in(&previous, 4).await,
        Some(6),
        "the replaced figure"
    );
    for p in [&file, &target, &previous] {
        remove(p);
    }
}

#[tokio::test]
async fn a_restore_refuses_a_file_that_is_not_a_chitieu_database_and_changes_nothing() {
    let app = app_with_figure(5, 9).await;
    let target = temp("live");
    backup::backup(&app.db, &target).await.expect("copy");

    let garbage = temp("garbage");
    std::fs::write(&garbage, b"not a database at all, just some bytes").expect("write");
    let err = backup::restore(&url(&target), &garbage)
        .await
        .expect_err("garbage");
    assert!(format!("{err:#}").contains("not a usable"), "{err:#}");

    let other = temp("other");
    {
        let db = Db::connect(&url(&other), 1).await.expect("open");
        db.conn()
            .execute_unprepared("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            .await
            .expect("create");
        db.close().await.expect("close");
    }
    let err = backup::restore(&url(&target), &other)
        .await
        .expect_err("other app");
    assert!(format!("{err:#}").contains("no Chỉ tiêu schema"), "{err:#}");

    assert_eq!(
        received_in(&target, 5).await,
        Some(9),
        "the database is untouched"
    );
    let leftovers = std::fs::read_dir(std::env::temp_dir())
        .expect("tmp")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with(&stem) && name.contains("restor")
        })
        .count();
    assert_eq!(leftovers, 0, "no staged copy is left behind");
    for p in [&target, &garbage, &other] {
        remove(p);
    }
}

#[tokio::test]
async fn a_restore_refuses_while_a_server_uses_the_database() {
    let app = spawn_app(Backend::Sqlite).await;
    let file = temp("backup");
    backup::backup(&app.db, &file).await.expect("backup");
    let live_url = {
        use sea_orm::ConnectionTrait as _;
        let row = app
            .db
            .conn()
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            ))
            .await
            .expect("query")
            .expect("row");
        url(Path::new(&row.try_get_by_index::<String>(0).expect("path")))
    };
    let err = backup::restore(&live_url, &file)
        .await
        .expect_err("server running");
    assert!(format!("{err:#}").contains("stop it"), "{err:#}");
    remove(&file);
}

#[cfg(postgres_tests)]
#[tokio::test]
async fn on_postgres_backup_points_to_pg_dump() {
    let app = spawn_app(Backend::Postgres).await;
    let err = backup::backup(&app.db, &temp("pg"))
        .await
        .expect_err("postgres");
    assert!(format!("{err:#}").contains("pg_dump"), "{err:#}");
}

#[tokio::test]
async fn the_backup_and_restore_commands_round_trip_a_served_database() {
    let app = app_with_figure(6, 11).await;
    let live = {
        let row = app
            .db
            .conn()
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            ))
            .await
            .expect("query")
            .expect("row");
        PathBuf::from(row.try_get_by_index::<String>(0).expect("path"))
    };
    let file = temp("cli_backup");
    let target = temp("cli_restored");
    let chitieu = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_chitieu"))
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .expect("run chitieu")
    };
    let out = chitieu(&[
        "backup",
        "--database-url",
        &url(&live),
        "--to",
        &file.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = chitieu(&[
        "restore",
        "--database-url",
        &url(&target),
        "--from",
        &file.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("roll-up rows verified"));
    assert_eq!(received_in(&target, 6).await, Some(11));
    // The served database cannot be replaced.
    let out = chitieu(&[
        "restore",
        "--database-url",
        &url(&live),
        "--from",
        &file.display().to_string(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("stop it"));
    let out = chitieu(&[
        "backup",
        "--database-url",
        "postgres://nobody@127.0.0.1:1/none",
        "--to",
        "x.db",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    remove(&file);
    remove(&target);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_its_key_and_its_backups_are_private_and_backups_hold_no_secret() {
    let app = app_with_figure(5, 7).await;
    let path = app
        .db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT file FROM pragma_database_list WHERE name = 'main'",
        ))
        .await
        .expect("query")
        .and_then(|r| r.try_get_by_index::<String>(0).ok())
        .map(PathBuf::from)
        .expect("the database file");
    assert_eq!(mode(&path), 0o600, "the database");
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{}", side.display());
        }
    }
    let key_file = backend::auth::secret::key_file_beside(&path);
    assert_eq!(mode(&key_file), 0o600, "the key file");
    let secret = std::fs::read_to_string(&key_file).expect("key");
    let secret = secret.trim();
    assert!(secret.len() >= 32);

    let file = temp("private");
    backup::backup(&app.db, &file).await.expect("backup");
    assert_eq!(mode(&file), 0o600, "the backup");
    let bytes = std::fs::read(&file).expect("read the backup");
    assert!(
        !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the backup holds the signing secret"
    );
    remove(&file);
}
