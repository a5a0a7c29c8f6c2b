//! The `chitieu` command as a newcomer types it: a bad flag or setting is named with its
//! value and no source location, yes-or-no settings read as people write them, `check`
//! creates no database and says what to run, a role refusal lists the roles, and an export
//! of a unit outside `--user`'s scope says the code typed and why.

use crate::both_databases;
use crate::helpers::TestApp;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The `chitieu` binary, run in a scratch directory so that no `chitieu.toml` applies.
fn chitieu(dir: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitieu"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("CHITIEU_LOG_JSON")
        .env("NO_COLOR", "1");
    cmd
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chitieu-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A message for people: no `file.rs:line` of the program's source.
fn assert_no_source_location(message: &str) {
    assert!(
        !message.contains(".rs:") && !message.contains("src/"),
        "a source location in: {message}"
    );
}

#[test]
fn a_bad_bind_address_is_named_with_the_flag_and_its_value() {
    let dir = scratch();
    let out = chitieu(&dir, &["serve", "--bind", "127.0.0.1:99999"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--bind") && err.contains("127.0.0.1:99999"),
        "{err}"
    );
    assert_no_source_location(&err);

    let out = chitieu(&dir, &["check"])
        .env("CHITIEU_BIND", "nowhere")
        .output()
        .expect("run");
    let err = stderr(&out);
    assert!(
        err.contains("CHITIEU_BIND") && err.contains("nowhere"),
        "{err}"
    );
    assert_no_source_location(&err);
}

#[test]
fn yes_or_no_settings_take_1_0_yes_no_true_false_in_any_case() {
    let dir = scratch();
    let missing = format!("sqlite://{}", dir.join("none.db").display());
    for value in ["1", "0", "yes", "No", "TRUE", "false", "on"] {
        let out = chitieu(&dir, &["check", "--database-url", &missing])
            .env("CHITIEU_LOG_JSON", value)
            .env("CHITIEU_METRICS", value)
            .output()
            .expect("run");
        let err = stderr(&out);
        // The settings load; the command then stops at the missing database.
        assert!(
            !err.contains("CHITIEU_LOG_JSON") && err.contains("none.db"),
            "CHITIEU_LOG_JSON={value}: {err}"
        );
    }
    let out = chitieu(&dir, &["check", "--database-url", &missing])
        .env("CHITIEU_LOG_JSON", "maybe")
        .output()
        .expect("run");
    let err = stderr(&out);
    assert!(
        err.contains("CHITIEU_LOG_JSON") && err.contains("maybe") && err.contains("yes/no"),
        "{err}"
    );
    assert_no_source_location(&err);
}

#[test]
fn check_creates_no_database_and_says_what_to_run() {
    let dir = scratch();
    let file = dir.join("chitieu.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let out = chitieu(&dir, &["check", "--database-url", &url])
        .output()
        .expect("run");
    assert!(!out.status.success(), "check of nothing must fail");
    assert!(!file.exists(), "check created {}", file.display());
    let err = stderr(&out);
    assert_eq!(
        err.matches(&file.display().to_string()).count(),
        3,
        "the path, then how to create it by setup and by demo: {err}"
    );
    assert!(
        err.contains("chitieu setup") && err.contains("chitieu demo"),
        "{err}"
    );

    // A file that is there but empty is not a set-up database.
    std::fs::write(&file, b"").expect("empty file");
    let out = chitieu(&dir, &["check", "--database-url", &url])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("chưa được thiết lập") && err.contains("chitieu setup"),
        "{err}"
    );
    assert_eq!(
        std::fs::metadata(&file).map(|m| m.len()).ok(),
        Some(0),
        "check migrated the empty file"
    );
}

#[test]
fn a_missing_database_file_is_reported_once_with_its_path() {
    let dir = scratch();
    let file = dir.join("gone.db");
    let url = format!("sqlite://{}", file.display());
    let out = chitieu(&dir, &["migrate", "--database-url", &url])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("không tìm thấy cơ sở dữ liệu"), "{err}");
    assert!(!err.contains("unable to open"), "the driver's error: {err}");
    assert!(!file.exists());
}

#[test]
fn a_role_that_is_not_one_lists_the_roles_and_any_case_is_taken() {
    let dir = scratch();
    let out = chitieu(
        &dir,
        &[
            "user",
            "create",
            "--username",
            "a",
            "--role",
            "boss",
            "--unit",
            "T",
            "--password-stdin",
        ],
    )
    .output()
    .expect("run");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--role") && err.contains("ADMIN, MANAGER, OFFICER, VIEWER"),
        "{err}"
    );
    // `officer` is a role: the command goes on to the database (missing here).
    let missing = format!("sqlite://{}", dir.join("none.db").display());
    let out = chitieu(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &missing,
            "--username",
            "a",
            "--role",
            "officer",
            "--unit",
            "T",
            "--password-stdin",
        ],
    )
    .output()
    .expect("run");
    let err = stderr(&out);
    assert!(!err.contains("--role"), "{err}");
}

/// `officer` is scoped to C1; C2 is a sibling commune.
async fn an_export_of_a_unit_outside_the_users_scope_names_the_code_typed(app: TestApp) {
    let dir = scratch();
    let url = app.database_url();
    let out_file = dir.join("c2.xlsx");
    let out_path = out_file.display().to_string();
    let export = |unit: &str, user: &str| {
        chitieu(
            &dir,
            &[
                "export",
                "unit",
                "--database-url",
                &url,
                "--unit",
                unit,
                "--year",
                "2023",
                "--user",
                user,
                "--out",
                &out_path,
            ],
        )
        .output()
        .expect("run")
    };
    let out = export("C2", "officer");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("C2") && err.contains("ngoài phạm vi") && err.contains("officer"),
        "{err}"
    );
    assert!(
        !err.contains(&app.tree.other_commune.to_string()),
        "an id the user never typed: {err}"
    );

    let out = export("NOPE", "officer");
    let err = stderr(&out);
    assert!(
        err.contains("NOPE") && err.contains("không có đơn vị"),
        "{err}"
    );

    // Its own commune, by code in any case and by id.
    for unit in ["c1".to_owned(), app.tree.commune.to_string()] {
        let out = export(&unit, "officer");
        assert!(out.status.success(), "{unit}: {}", stderr(&out));
        assert!(out_file.is_file());
    }
}

both_databases!(an_export_of_a_unit_outside_the_users_scope_names_the_code_typed);
