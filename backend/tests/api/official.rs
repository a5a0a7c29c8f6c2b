//! The portal's official figures (QĐ 766): imported from CSV or XLSX beside our own figures
//! and never into them, all or nothing with every problem by row and column, a dry run,
//! provenance and audit, a later file replacing the same months, who may import, the
//! command line, the official figure read beside ours within the caller's scope, and the
//! export of the differences.

use crate::both_databases;
use crate::helpers::*;
use backend::db::entities::{
    audit_entry, measure_rollup, measure_value, monthly_report, official_figure, official_import,
    user,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

both_databases!(qd766:
    a_csv_is_stored_apart_from_our_figures_with_its_provenance_and_an_audit_entry,
    an_xlsx_with_vietnamese_headers_imports_like_its_csv,
    a_dry_run_checks_and_counts_everything_and_stores_nothing,
    a_file_with_one_bad_row_is_refused_whole_naming_each_row_and_column,
    a_manager_imports_its_subtree_but_never_a_commune_outside_it,
    officers_viewers_and_tokens_cannot_import_official_figures,
    a_second_file_replaces_the_official_rows_of_the_same_months,
    the_command_line_imports_and_says_every_problem_in_vietnamese,
    results_show_the_official_figure_beside_ours_and_flag_a_difference,
    a_manager_reads_official_figures_of_its_subtree_only,
    the_differences_export_lists_each_differing_unit_month_within_the_callers_scope,
    the_demos_file_of_the_portal_imports_whole_and_its_differences_export,
);

const IMPORT: &str = "mutation($f: Upload!, $d: Boolean!) { importOfficialFigures(file: $f, dryRun: $d) {
    fileName sha256 format layout rows values newValues changedValues unchangedValues months stored moreProblems
    units { unitCode newValues changedValues unchangedValues months }
    problems { kind reason row column header value otherRow message } } }";

const HEADER: &str =
    "unit_code,year,month,indicator_code,numerator,denominator,score,max_score,source";

/// A CSV file of official rows written as `unit,year,month,indicator,num,den,score,max,source`.
fn csv(rows: &[&str]) -> Vec<u8> {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

async fn import(app: &TestApp, user: &str, name: &str, bytes: Vec<u8>, dry_run: bool) -> Value {
    let token = app.token(user).await;
    app.upload(Some(&token), IMPORT, json!({"d": dry_run}), name, bytes)
        .await
}

/// The stored official rows as `(unit code, indicator code, month, num, den, score, max,
/// source)`, sorted.
async fn stored(app: &TestApp) -> Vec<Value> {
    let rows = official_figure::Entity::find()
        .all(app.db.conn())
        .await
        .expect("official figures");
    let mut out: Vec<Value> = Vec::new();
    for r in rows {
        let unit = backend::db::units::find(app.db.conn(), shared::ids::UnitId(r.unit_id))
            .await
            .expect("unit")
            .expect("a stored unit");
        let ind = backend::db::catalogue::indicator(
            app.db.conn(),
            shared::ids::IndicatorId(r.indicator_id),
        )
        .await
        .expect("indicator")
        .expect("a stored indicator");
        out.push(json!([
            unit.code,
            ind.code,
            r.year,
            r.month,
            r.numerator,
            r.denominator,
            r.score,
            r.max_score,
            r.source
        ]));
    }
    out.sort_by_key(|v| v.to_string());
    out
}

async fn imports(app: &TestApp) -> Vec<official_import::Model> {
    official_import::Entity::find()
        .order_by_asc(official_import::Column::Id)
        .all(app.db.conn())
        .await
        .expect("official imports")
}

async fn audits(app: &TestApp) -> Vec<audit_entry::Model> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("importOfficialFigures"))
        .all(app.db.conn())
        .await
        .expect("audit")
}

/// Counts of the internal figures' tables: values, months and roll-ups.
async fn internal_rows(app: &TestApp) -> (u64, u64, u64) {
    let c = app.db.conn();
    (
        measure_value::Entity::find()
            .count(c)
            .await
            .expect("values"),
        monthly_report::Entity::find()
            .count(c)
            .await
            .expect("months"),
        measure_rollup::Entity::find()
            .count(c)
            .await
            .expect("roll-ups"),
    )
}

async fn user_id(app: &TestApp, username: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(app.db.conn())
        .await
        .expect("user")
        .expect("a user")
        .id
}

fn problems(body: &Value) -> Vec<(String, i64, String, String)> {
    body["errors"][0]["extensions"]["details"]
        .as_array()
        .unwrap_or_else(|| panic!("no problems in {body}"))
        .iter()
        .map(|p| {
            (
                p["reason"].as_str().unwrap_or("").to_owned(),
                p["row"].as_i64().unwrap_or(0),
                p["column"].as_str().unwrap_or("").to_owned(),
                p["value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

const GOOD: [&str; 3] = [
    "C1,2026,3,ON_TIME_RATE,270,300,18,20,Cổng DVCQG",
    "C1,2026,3,FULL_ONLINE_RATE,110,200,\"6,6\",12,",
    "D1.1,2026,3,ON_TIME_RATE,,,,20,",
];

async fn a_csv_is_stored_apart_from_our_figures_with_its_provenance_and_an_audit_entry(
    app: TestApp,
) {
    assert_ok(
        &app.save_month(
            "admin",
            app.tree.commune,
            2026,
            3,
            &[("DUE", 300), ("ON_TIME", 280)],
            None,
        )
        .await,
    );
    let before = internal_rows(&app).await;
    let bytes = csv(&GOOD);
    let sha = hex::encode(Sha256::digest(&bytes));
    let body = import(&app, "admin", "cong-dvcqg-03-2026.csv", bytes, false).await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(r["stored"], true);
    assert_eq!(
        (r["format"].as_str(), r["layout"].as_str()),
        (Some("CSV"), Some("OFFICIAL"))
    );
    assert_eq!(
        (
            r["rows"].as_i64(),
            r["values"].as_i64(),
            r["newValues"].as_i64()
        ),
        (Some(3), Some(3), Some(3))
    );
    assert_eq!(r["months"], 2, "C1 and D1.1 in 03/2026");
    assert_eq!(r["sha256"], sha);
    assert_eq!(
        stored(&app).await,
        vec![
            json!(["C1", "FULL_ONLINE_RATE", 2026, 3, 110, 200, 6.6, 12.0, null]),
            json!([
                "C1",
                "ON_TIME_RATE",
                2026,
                3,
                270,
                300,
                18.0,
                20.0,
                "Cổng DVCQG"
            ]),
            json!([
                "D1.1",
                "ON_TIME_RATE",
                2026,
                3,
                null,
                null,
                null,
                20.0,
                null
            ]),
        ]
    );
    let files = imports(&app).await;
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file.file_name, "cong-dvcqg-03-2026.csv");
    assert_eq!(file.sha256, sha);
    assert_eq!(file.sha256, file.sha256.to_lowercase());
    assert_eq!(file.rows, 3);
    let admin = user_id(&app, "admin").await;
    assert_eq!(file.imported_by, Some(admin));
    let age = chrono::Utc::now() - file.imported_at;
    assert!(
        age.num_seconds().abs() < 60,
        "imported at {}",
        file.imported_at
    );
    let rows = official_figure::Entity::find()
        .all(app.db.conn())
        .await
        .expect("rows");
    assert!(rows.iter().all(|r| r.import_id == file.id));
    let audit = audits(&app).await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor_id, Some(admin));
    assert_eq!(audit[0].entity, "officialImport");
    assert_eq!(audit[0].entity_id, file.id.to_string());
    let after: Value =
        serde_json::from_str(audit[0].after.as_deref().unwrap_or("null")).expect("json");
    assert_eq!(
        (after["sha256"].as_str(), after["new"].as_i64()),
        (Some(sha.as_str()), Some(3))
    );
    // Our own figures are what they were: no value, month or roll-up was written.
    assert_eq!(internal_rows(&app).await, before);
    let month = app
        .as_user(
            "admin",
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2026, month: 3) { values { measure { code } value } } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    let values = &month["data"]["monthlyReport"]["values"];
    assert_eq!(values.as_array().map(Vec::len), Some(2), "{month}");
    assert!(values.to_string().contains("280"), "{values}");
}

fn official_xlsx(sheet: &str, headers: &[&str], rows: &[(&str, [Option<f64>; 7])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).expect("name");
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(0, i as u16, *h).expect("header");
    }
    for (r, (unit, cells)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *unit).expect("unit");
        for (c, v) in cells.iter().enumerate() {
            let col = c as u16 + 1;
            match (c, v) {
                // The indicator's column holds its code.
                (2, Some(v)) => {
                    let code = if *v == 1.0 {
                        "ON_TIME_RATE"
                    } else {
                        "FULL_ONLINE_RATE"
                    };
                    ws.write_string(r, col, code).expect("code")
                }
                (_, Some(v)) => ws.write_number(r, col, *v).expect("cell"),
                (_, None) => continue,
            };
        }
    }
    book.save_to_buffer().expect("xlsx")
}

async fn an_xlsx_with_vietnamese_headers_imports_like_its_csv(app: TestApp) {
    let headers = [
        "Mã đơn vị",
        "Năm",
        "Tháng",
        "Mã chỉ số",
        "Tử số",
        "Mẫu số",
        "Điểm",
        "Điểm tối đa",
    ];
    let bytes = official_xlsx(
        "Số liệu chính thức",
        &headers,
        &[
            (
                "C1",
                [
                    Some(2026.0),
                    Some(3.0),
                    Some(1.0),
                    Some(270.0),
                    Some(300.0),
                    Some(18.0),
                    Some(20.0),
                ],
            ),
            (
                "C1",
                [
                    Some(2026.0),
                    Some(3.0),
                    Some(2.0),
                    Some(110.0),
                    Some(200.0),
                    Some(6.6),
                    Some(12.0),
                ],
            ),
            (
                "D1.1",
                [
                    Some(2026.0),
                    Some(3.0),
                    Some(1.0),
                    None,
                    None,
                    None,
                    Some(20.0),
                ],
            ),
        ],
    );
    let body = import(&app, "admin", "cong-dvcqg.xlsx", bytes, false).await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(
        (r["format"].as_str(), r["values"].as_i64()),
        (Some("XLSX"), Some(3))
    );
    let from_xlsx = stored(&app).await;
    // The same figures from a CSV change nothing but the source column, which it leaves out.
    let body = import(&app, "admin", "cong-dvcqg.csv", csv(&GOOD), false).await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(
        (
            r["newValues"].as_i64(),
            r["changedValues"].as_i64(),
            r["unchangedValues"].as_i64()
        ),
        (Some(0), Some(1), Some(2))
    );
    let from_csv = stored(&app).await;
    let without_source = |rows: &[Value]| -> Vec<Value> {
        rows.iter()
            .map(|r| {
                let mut r = r.clone();
                r[8] = Value::Null;
                r
            })
            .collect()
    };
    assert_eq!(without_source(&from_xlsx), without_source(&from_csv));
}

async fn a_dry_run_checks_and_counts_everything_and_stores_nothing(app: TestApp) {
    let body = import(&app, "admin", "thu.csv", csv(&GOOD), true).await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(r["stored"], false);
    assert_eq!(
        (r["values"].as_i64(), r["newValues"].as_i64()),
        (Some(3), Some(3))
    );
    let units: Vec<(String, i64)> = r["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["unitCode"].as_str().unwrap_or("").to_owned(),
                u["newValues"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(units, vec![("C1".to_owned(), 2), ("D1.1".to_owned(), 1)]);
    assert!(stored(&app).await.is_empty());
    assert!(imports(&app).await.is_empty());
    assert!(audits(&app).await.is_empty());
    // A dry run of a bad file lists its problems instead of failing.
    let body = import(
        &app,
        "admin",
        "thu.csv",
        csv(&["X9,2026,3,ON_TIME_RATE,1,2,1,2,"]),
        true,
    )
    .await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(r["problems"][0]["reason"], "UNKNOWN_CODE");
    assert_eq!(
        (
            r["problems"][0]["row"].as_i64(),
            r["problems"][0]["column"].as_str()
        ),
        (Some(2), Some("A"))
    );
    assert!(stored(&app).await.is_empty());
    // After a real import, a dry run of the same file counts every row as unchanged.
    assert_ok(&import(&app, "admin", "that.csv", csv(&GOOD), false).await);
    let body = import(&app, "admin", "thu.csv", csv(&GOOD), true).await;
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(
        (
            r["newValues"].as_i64(),
            r["unchangedValues"].as_i64(),
            r["months"].as_i64()
        ),
        (Some(0), Some(3), Some(0))
    );
    assert_eq!(imports(&app).await.len(), 1);
}

async fn a_file_with_one_bad_row_is_refused_whole_naming_each_row_and_column(app: TestApp) {
    let file = csv(&[
        GOOD[0],
        "X9,2026,3,ON_TIME_RATE,1,2,1,2,",
        "C2,2026,3,ON_TIME_RATE,301,300,18,20,",
        "C2,2026,3,NOT_AN_INDICATOR,1,2,1,2,",
        GOOD[1],
    ]);
    let body = import(&app, "admin", "loi.csv", file, false).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("file"));
    assert_eq!(
        problems(&body),
        vec![
            ("UNKNOWN_CODE".into(), 3, "A".into(), "X9".into()),
            (
                "NUMERATOR_ABOVE_DENOMINATOR".into(),
                4,
                "E".into(),
                "301".into()
            ),
            (
                "UNKNOWN_CODE".into(),
                5,
                "D".into(),
                "NOT_AN_INDICATOR".into()
            ),
        ]
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("có 3 lỗi nên chưa lưu gì"), "{message}");
    assert!(
        message
            .contains("dòng 3, cột A (unit_code): Không có đơn vị nào đang hoạt động mang mã «X9»"),
        "{message}"
    );
    assert!(
        message.contains("dòng 4, cột E (numerator): Tử số «301»"),
        "{message}"
    );
    assert!(stored(&app).await.is_empty());
    assert!(imports(&app).await.is_empty());
    assert!(audits(&app).await.is_empty());
    // A unit, indicator and month given twice is named with the row that gave it first.
    let twice = csv(&[
        GOOD[0],
        "C1,2026,3,Tỷ lệ hồ sơ giải quyết đúng hạn,1,2,1,2,",
    ]);
    let body = import(&app, "admin", "trung.csv", twice, false).await;
    let repeated = &body["errors"][0]["extensions"]["details"][0];
    assert_eq!(repeated["reason"], "REPEATED_INDICATOR_MONTH", "{body}");
    assert_eq!(
        (repeated["row"].as_i64(), repeated["otherRow"].as_i64()),
        (Some(3), Some(2))
    );
    assert!(stored(&app).await.is_empty());
}

async fn a_manager_imports_its_subtree_but_never_a_commune_outside_it(app: TestApp) {
    let own = csv(&[
        "D1,2026,3,ON_TIME_RATE,9,10,18,20,",
        "D1.1,2026,3,ON_TIME_RATE,8,10,16,20,",
    ]);
    let body = import(&app, "manager", "so-mot.csv", own, false).await;
    assert_ok(&body);
    assert_eq!(body["data"]["importOfficialFigures"]["values"], 2);
    let file = csv(&[
        "D1.1,2026,4,ON_TIME_RATE,1,2,1,2,",
        "C1,2026,4,ON_TIME_RATE,1,2,1,2,",
    ]);
    let before = stored(&app).await;
    let body = import(&app, "manager", "vuot.csv", file, false).await;
    assert_error(&body, "VALIDATION");
    let p = &body["errors"][0]["extensions"]["details"][0];
    assert_eq!(
        (p["kind"].as_str(), p["reason"].as_str()),
        (Some("OUT_OF_SCOPE"), Some("OUTSIDE_SCOPE"))
    );
    assert_eq!(
        (p["row"].as_i64(), p["column"].as_str(), p["value"].as_str()),
        (Some(3), Some("A"), Some("C1"))
    );
    assert_eq!(
        stored(&app).await,
        before,
        "not even D1.1's row of that file is stored"
    );
    assert_eq!(imports(&app).await.len(), 1);
    // The dry run says the same, as a problem rather than a silent skip.
    let body = import(
        &app,
        "manager",
        "vuot.csv",
        csv(&["C1,2026,4,ON_TIME_RATE,1,2,1,2,"]),
        true,
    )
    .await;
    assert_eq!(
        body["data"]["importOfficialFigures"]["problems"][0]["kind"],
        "OUT_OF_SCOPE"
    );
}

async fn officers_viewers_and_tokens_cannot_import_official_figures(app: TestApp) {
    for user in ["officer", "viewer"] {
        let body = import(&app, user, "c1.csv", csv(&[GOOD[0]]), false).await;
        assert_error(&body, "FORBIDDEN");
        let body = import(&app, user, "c1.csv", csv(&[GOOD[0]]), true).await;
        assert_error(&body, "FORBIDDEN");
    }
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let token = token["data"]["createApiToken"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let body = app
        .upload(
            Some(&token),
            IMPORT,
            json!({"d": false}),
            "c1.csv",
            csv(&[GOOD[0]]),
        )
        .await;
    assert_error(&body, "FORBIDDEN");
    let body = app
        .upload(None, IMPORT, json!({"d": false}), "c1.csv", csv(&[GOOD[0]]))
        .await;
    assert_error(&body, "UNAUTHENTICATED");
    assert!(stored(&app).await.is_empty());
    assert!(imports(&app).await.is_empty());
}

async fn a_second_file_replaces_the_official_rows_of_the_same_months(app: TestApp) {
    assert_ok(&import(&app, "admin", "lan-1.csv", csv(&GOOD), false).await);
    let second = csv(&[
        "C1,2026,3,ON_TIME_RATE,280,300,\"18,67\",20,Cổng DVCQG (cập nhật)",
        GOOD[1],
        "C1,2026,4,ON_TIME_RATE,10,10,20,20,",
    ]);
    let body = import(&app, "admin", "lan-2.csv", second, false).await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(
        (
            r["values"].as_i64(),
            r["newValues"].as_i64(),
            r["changedValues"].as_i64(),
            r["unchangedValues"].as_i64()
        ),
        (Some(3), Some(1), Some(1), Some(1))
    );
    assert_eq!(r["months"], 2, "03/2026 changed and 04/2026 is new for C1");
    assert_eq!(
        stored(&app).await,
        vec![
            json!(["C1", "FULL_ONLINE_RATE", 2026, 3, 110, 200, 6.6, 12.0, null]),
            json!([
                "C1",
                "ON_TIME_RATE",
                2026,
                3,
                280,
                300,
                18.67,
                20.0,
                "Cổng DVCQG (cập nhật)"
            ]),
            json!(["C1", "ON_TIME_RATE", 2026, 4, 10, 10, 20.0, 20.0, null]),
            json!([
                "D1.1",
                "ON_TIME_RATE",
                2026,
                3,
                null,
                null,
                null,
                20.0,
                null
            ]),
        ]
    );
    let files = imports(&app).await;
    assert_eq!(
        files
            .iter()
            .map(|f| f.file_name.as_str())
            .collect::<Vec<_>>(),
        vec!["lan-1.csv", "lan-2.csv"]
    );
    let by_import = |id: i32| {
        let c = app.db.conn().clone();
        async move {
            official_figure::Entity::find()
                .filter(official_figure::Column::ImportId.eq(id))
                .count(&c)
                .await
                .expect("count")
        }
    };
    // Every row of the second file now comes from it; D1.1's row, not in it, from the first.
    assert_eq!(by_import(files[1].id).await, 3);
    assert_eq!(by_import(files[0].id).await, 1);
    assert_eq!(audits(&app).await.len(), 2);
}

async fn the_command_line_imports_and_says_every_problem_in_vietnamese(app: TestApp) {
    let dir = std::env::temp_dir().join(format!("official_cli_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let good = dir.join("cong-dvcqg.csv");
    std::fs::write(&good, csv(&GOOD)).expect("write");
    let bad = dir.join("loi.csv");
    std::fs::write(&bad, csv(&[GOOD[0], "X9,2026,3,ON_TIME_RATE,3,2,1,2,"])).expect("write");
    let url = app.database_url();
    let chitieu = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_chitieu"));
        cmd.args(args).current_dir(&dir).env_remove("DATABASE_URL");
        if url.starts_with("postgres") {
            cmd.env("CHITIEU_JWT_SECRET", TEST_JWT_SECRET);
        }
        cmd.output().expect("run chitieu")
    };
    let path = |p: &std::path::Path| p.display().to_string();
    let out = chitieu(&[
        "import",
        "official",
        "--database-url",
        &url,
        "--dry-run",
        &path(&good),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("3 số liệu chính thức — 3 mới, 0 thay đổi, 0 không đổi"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Chạy thử: tệp hợp lệ, chưa lưu gì"),
        "{stdout}"
    );
    assert!(stored(&app).await.is_empty());

    let out = chitieu(&["import", "official", "--database-url", &url, &path(&bad)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "lỗi: dòng 3, cột A (unit_code): Không có đơn vị nào đang hoạt động mang mã «X9»."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("lỗi: dòng 3, cột E (numerator): Tử số «3» ở cột E lớn hơn mẫu số"),
        "{stdout}"
    );
    assert!(stderr.contains("tệp có 2 lỗi; chưa lưu gì"), "{stderr}");
    assert!(stored(&app).await.is_empty());

    let out = chitieu(&["import", "official", "--database-url", &url, &path(&good)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Đã lưu toàn bộ số liệu chính thức của tệp"),
        "{stdout}"
    );
    assert_eq!(stored(&app).await.len(), 3);
    let files = imports(&app).await;
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name, "cong-dvcqg.csv");
    assert_eq!(files[0].imported_by, Some(user_id(&app, "admin").await));

    let out = chitieu(&[
        "import",
        "official",
        "--database-url",
        &url,
        "--user",
        "officer",
        &path(&good),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("FORBIDDEN"));
    let _ = std::fs::remove_dir_all(&dir);
}

const RESULTS: &str = "query($u: [ID!], $k: PeriodKind!, $i: Int) {
  indicatorResults(period: {year: 2026, kind: $k, index: $i}, unitIds: $u, indicatorCodes: [\"ON_TIME_RATE\", \"FULL_ONLINE_RATE\"]) {
    unit { code } indicator { code } value points
    official { numerator denominator value score maxScore source importedAt differs } } }";

fn official_of<'a>(results: &'a Value, unit: &str, indicator: &str) -> &'a Value {
    results
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|r| r["unit"]["code"] == unit && r["indicator"]["code"] == indicator)
        })
        .map(|r| &r["official"])
        .unwrap_or_else(|| panic!("no result of {unit} {indicator} in {results}"))
}

async fn results_show_the_official_figure_beside_ours_and_flag_a_difference(app: TestApp) {
    let ours = [
        ("DUE", 300),
        ("ON_TIME", 270),
        ("FULL_ONLINE_ELIGIBLE", 200),
        ("FULL_ONLINE", 120),
    ];
    assert_ok(
        &app.save_month("admin", app.tree.commune, 2026, 3, &ours, None)
            .await,
    );
    let bytes = csv(&GOOD[..2]);
    let sha = hex::encode(Sha256::digest(&bytes));
    assert_ok(&import(&app, "admin", "cong-dvcqg-03.csv", bytes, false).await);
    let body = app
        .as_user(
            "admin",
            RESULTS,
            json!({"u": [app.tree.commune.to_string()], "k": "MONTH", "i": 3}),
        )
        .await;
    assert_ok(&body);
    let results = &body["data"]["indicatorResults"];
    // ON_TIME_RATE: 90 % both sides, 18 of 20 points both sides.
    let on_time = official_of(results, "C1", "ON_TIME_RATE");
    assert_eq!(
        (
            on_time["numerator"].as_i64(),
            on_time["denominator"].as_i64(),
            on_time["value"].as_f64()
        ),
        (Some(270), Some(300), Some(90.0))
    );
    assert_eq!(
        (on_time["score"].as_f64(), on_time["maxScore"].as_f64()),
        (Some(18.0), Some(20.0))
    );
    assert_eq!(on_time["differs"], false, "{on_time}");
    let source = on_time["source"].as_str().unwrap_or("");
    assert!(
        source.contains("cong-dvcqg-03.csv") && source.contains(&sha),
        "{source}"
    );
    assert!(on_time["importedAt"].is_string());
    // FULL_ONLINE_RATE: ours 60 % against the portal's 55 %.
    let full = official_of(results, "C1", "FULL_ONLINE_RATE");
    assert_eq!(full["value"].as_f64(), Some(55.0));
    assert_eq!(full["differs"], true, "{full}");
    // The scoreboard answers the same beside each result.
    let board = app
        .as_user(
            "admin",
            "{ scoreboard(period: {year: 2026, kind: MONTH, index: 3}, kind: COMMUNE) {
                unit { code } results { indicator { code } official { value differs } } } }",
            json!({}),
        )
        .await;
    assert_ok(&board);
    let c1 = board["data"]["scoreboard"]
        .as_array()
        .and_then(|l| l.iter().find(|r| r["unit"]["code"] == "C1"))
        .expect("C1 on the board");
    let full = c1["results"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|r| r["indicator"]["code"] == "FULL_ONLINE_RATE")
        })
        .expect("FULL_ONLINE_RATE");
    assert_eq!(full["official"], json!({"value": 55.0, "differs": true}));
    // A month without an official figure has none.
    let body = app
        .as_user(
            "admin",
            RESULTS,
            json!({"u": [app.tree.commune.to_string()], "k": "MONTH", "i": 4}),
        )
        .await;
    assert!(official_of(&body["data"]["indicatorResults"], "C1", "ON_TIME_RATE").is_null());
}

async fn a_manager_reads_official_figures_of_its_subtree_only(app: TestApp) {
    let file = csv(&[
        "D1.1,2026,3,ON_TIME_RATE,8,10,16,20,",
        "C1,2026,3,ON_TIME_RATE,9,10,18,20,",
    ]);
    assert_ok(&import(&app, "admin", "tinh.csv", file, false).await);
    let units = json!([app.tree.division.to_string(), app.tree.commune.to_string()]);
    let body = app
        .as_user(
            "manager",
            RESULTS,
            json!({"u": units, "k": "MONTH", "i": 3}),
        )
        .await;
    assert_ok(&body);
    let results = &body["data"]["indicatorResults"];
    assert_eq!(
        official_of(results, "D1.1", "ON_TIME_RATE")["value"].as_f64(),
        Some(80.0)
    );
    let answered: Vec<&str> = results
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["unit"]["code"].as_str())
        .collect();
    assert!(
        !answered.contains(&"C1"),
        "C1 lies outside D1: {answered:?}"
    );
    assert!(
        !body.to_string().contains("\"value\":90.0"),
        "C1's official rate leaked: {body}"
    );
    let board = app
        .as_user(
            "manager",
            "{ scoreboard(period: {year: 2026, kind: MONTH, index: 3}) { unit { code } results { official { value } } } }",
            json!({}),
        )
        .await;
    assert_ok(&board);
    let codes: Vec<&str> = board["data"]["scoreboard"]
        .as_array()
        .expect("board")
        .iter()
        .filter_map(|r| r["unit"]["code"].as_str())
        .collect();
    assert!(!codes.contains(&"C1"), "{codes:?}");
    assert!(!board.to_string().contains("90.0"), "{board}");
    // The province's ADMIN reads both.
    let body = app
        .as_user("admin", RESULTS, json!({"u": units, "k": "MONTH", "i": 3}))
        .await;
    assert_eq!(
        official_of(&body["data"]["indicatorResults"], "C1", "ON_TIME_RATE")["value"].as_f64(),
        Some(90.0)
    );
}

/// A file of `GET /export/…` as `user`: the status, the content disposition and the bytes.
async fn export(app: &TestApp, user: &str, path: &str) -> (u16, String, Vec<u8>) {
    let resp = app
        .client
        .get(format!("{}{path}", app.address))
        .bearer_auth(app.token(user).await)
        .send()
        .await
        .expect("send");
    let status = resp.status().as_u16();
    let disposition = resp
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (
        status,
        disposition,
        resp.bytes().await.expect("body").to_vec(),
    )
}

/// The rows of the differences sheet of an XLSX file from its header on (after the title
/// block, whose rows hold one cell each), each cell as text ("" when empty).
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let mut book: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let range = book
        .worksheet_range("Chênh lệch")
        .expect("the sheet Chênh lệch");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{}", (f * 100.0).round() / 100.0),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<String>>()
        })
        .skip_while(|r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).count() < 2)
        .collect()
}

/// The records of a CSV export after its byte-order mark.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("UTF-8 with BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

async fn the_differences_export_lists_each_differing_unit_month_within_the_callers_scope(
    app: TestApp,
) {
    let (c1, division) = (app.tree.commune, app.tree.division);
    let ours = [
        ("DUE", 300),
        ("ON_TIME", 270),
        ("FULL_ONLINE_ELIGIBLE", 200),
        ("FULL_ONLINE", 120),
    ];
    for month in [3, 4] {
        assert_ok(&app.save_month("admin", c1, 2026, month, &ours, None).await);
    }
    assert_ok(
        &app.save_month(
            "admin",
            division,
            2026,
            3,
            &[("DUE", 10), ("ON_TIME", 8)],
            None,
        )
        .await,
    );
    let file = csv(&[
        // The same as ours: not listed.
        "C1,2026,3,ON_TIME_RATE,270,300,18,20,",
        // 55 % against our 60 %, 6,6 points against our 7,2.
        "C1,2026,3,FULL_ONLINE_RATE,110,200,\"6,6\",12,",
        // 80 % against our 90 % in April.
        "C1,2026,4,ON_TIME_RATE,240,300,16,20,",
        // A commune that reported nothing to us.
        "C2,2026,3,ON_TIME_RATE,1,2,10,20,",
        // 70 % against our 80 %.
        "D1.1,2026,3,ON_TIME_RATE,7,10,14,20,",
        // Neither side has a rate or a score: not listed.
        "D1.1,2026,3,FULL_ONLINE_RATE,0,0,,12,",
    ]);
    assert_ok(&import(&app, "admin", "cong.csv", file, false).await);
    let header: Vec<String> = [
        "Mã đơn vị",
        "Đơn vị",
        "Mã chỉ số",
        "Chỉ số",
        "Tháng",
        "Tỷ lệ của hệ thống (%)",
        "Tỷ lệ chính thức (%)",
        "Chênh lệch tỷ lệ (điểm %)",
        "Điểm của hệ thống",
        "Điểm chính thức",
        "Chênh lệch điểm",
    ]
    .map(str::to_owned)
    .to_vec();
    let row = |cells: [&str; 11]| cells.map(str::to_owned).to_vec();
    let c1_april = row([
        "C1",
        "Xã Một",
        "ON_TIME_RATE",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "04/2026",
        "90",
        "80",
        "10",
        "18",
        "16",
        "2",
    ]);
    let c1_full = row([
        "C1",
        "Xã Một",
        "FULL_ONLINE_RATE",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "03/2026",
        "60",
        "55",
        "5",
        "7.2",
        "6.6",
        "0.6",
    ]);
    let c2 = row([
        "C2",
        "Xã Hai",
        "ON_TIME_RATE",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "03/2026",
        "",
        "50",
        "",
        "",
        "10",
        "",
    ]);
    let d11 = row([
        "D1.1",
        "Phòng Một",
        "ON_TIME_RATE",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "03/2026",
        "80",
        "70",
        "10",
        "16",
        "14",
        "2",
    ]);

    let (status, disposition, bytes) = export(
        &app,
        "admin",
        "/export/official?year=2026&period=YTD&month=4",
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(disposition.contains("Chenh-lech"), "{disposition}");
    let rows = xlsx_rows(&bytes);
    assert_eq!(rows[0], header);
    let expected = vec![c1_april, c1_full, c2, d11.clone()];
    assert_eq!(rows[1..].to_vec(), expected);

    // The CSV holds the same sheet.
    let (status, _, bytes) = export(
        &app,
        "admin",
        "/export/official?year=2026&period=YTD&month=4&format=csv",
    )
    .await;
    assert_eq!(status, 200);
    let records = csv_rows(&bytes);
    assert_eq!(records.len(), 5);
    assert_eq!(records[0], header);
    assert_eq!(records[1][..5], expected[0][..5]);

    // One month, one kind of unit.
    let (_, _, bytes) = export(
        &app,
        "admin",
        "/export/official?year=2026&period=MONTH&index=3&kind=COMMUNE",
    )
    .await;
    let codes: Vec<(String, String)> = xlsx_rows(&bytes)[1..]
        .iter()
        .map(|r| (r[0].clone(), r[4].clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("C1".into(), "03/2026".into()),
            ("C2".into(), "03/2026".into())
        ]
    );

    // A manager of D1 sees its subtree's differences only.
    let (status, _, bytes) = export(
        &app,
        "manager",
        "/export/official?year=2026&period=YTD&month=4",
    )
    .await;
    assert_eq!(status, 200);
    let rows = xlsx_rows(&bytes);
    assert_eq!(rows[1..].to_vec(), vec![d11]);

    // Bad parameters are a VALIDATION error.
    let (status, _, body) = export(&app, "admin", "/export/official?period=MONTH&index=3").await;
    assert_eq!(status, 400);
    let body: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(body["errors"][0]["extensions"]["field"], "year");
}

async fn the_demos_file_of_the_portal_imports_whole_and_its_differences_export(app: TestApp) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).expect("a day");
    let (_, summary) = backend::devdata::seed::seed_demo_with_summary(&app.db, today)
        .await
        .expect("seed the demo");
    let file = summary
        .official_csv
        .expect("the demo's official figures on the national index");
    let rows = file
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count() as i64;
    assert!(rows > 100, "{rows} rows");
    // The demo imports its own file, as the ADMIN would.
    let stored = || async {
        official_figure::Entity::find()
            .count(app.db.conn())
            .await
            .expect("count") as i64
    };
    assert_eq!(stored().await, rows);
    let body = import(
        &app,
        "admin",
        "chitieu-demo-official.csv",
        file.clone().into_bytes(),
        true,
    )
    .await;
    assert_ok(&body);
    let r = &body["data"]["importOfficialFigures"];
    assert_eq!(r["problems"], json!([]), "{r}");
    assert_eq!(
        (r["values"].as_i64(), r["newValues"].as_i64()),
        (Some(rows), Some(0)),
        "every row is already there"
    );
    let body = import(
        &app,
        "admin",
        "chitieu-demo-official.csv",
        file.into_bytes(),
        false,
    )
    .await;
    assert_ok(&body);
    assert_eq!(stored().await, rows, "a second import replaces, never adds");
    // The demo makes a few of the portal's figures differ from the communes' own.
    let (status, _, bytes) = export(
        &app,
        "admin",
        "/export/official?year=2026&period=MONTH&index=10&kind=COMMUNE&format=csv",
    )
    .await;
    assert_eq!(status, 200);
    let listed = csv_rows(&bytes).len() - 1;
    assert!(
        listed > 0 && (listed as i64) < rows,
        "{listed} of {rows} rows differ"
    );
}
