//! Imports of figures and targets from CSV and XLSX: both layouts, the preview, all or
//! nothing with every problem located, scope, the workflow, sources and roll-ups.

use crate::both_databases;
use crate::helpers::*;
use backend::db::entities::{audit_entry, measure_value, monthly_report};
use backend::db::rollups;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    a_long_csv_stores_every_value_with_its_source_and_exact_roll_ups,
    a_wide_xlsx_with_vietnamese_headers_imports_like_its_csv,
    a_dry_run_previews_new_changed_and_unchanged_values_and_stores_nothing,
    importing_the_same_file_twice_changes_nothing_the_second_time,
    one_bad_cell_among_ten_thousand_rows_stores_nothing_and_names_that_cell,
    every_kind_of_problem_is_reported_together_with_its_row_and_column,
    imported_months_are_drafts_or_submitted_as_the_caller_chooses,
    viewers_and_api_tokens_cannot_import,
    targets_import_with_baselines_and_counts_changed_targets,
    a_manager_imports_targets_only_below_its_unit,
    the_templates_are_workbooks_that_import_once_filled,
    random_and_mangled_files_never_break_the_server_nor_store_anything,
    a_unit_exported_to_xlsx_and_imported_again_changes_nothing,
    a_workbook_with_a_far_cell_is_refused_as_a_file_and_stores_nothing,
);

const IMPORT_FIGURES: &str = "mutation($f: Upload!, $d: Boolean!, $s: Boolean!) { importFigures(file: $f, dryRun: $d, submit: $s) {
    fileName sha256 format layout rows values newValues changedValues unchangedValues months stored moreProblems
    units { unitCode newValues changedValues unchangedValues months }
    problems { kind reason row column header value otherRow year month message
        consistency { part partValue whole wholeValue } } } }";

const IMPORT_TARGETS: &str = "mutation($dec: ID!, $f: Upload!, $d: Boolean!) { importTargets(decisionId: $dec, file: $f, dryRun: $d) {
    values newValues changedValues unchangedValues stored problems { kind reason row column value message } } }";

const REPORT: &str = "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) { status version values { measure { code } value } } }";

pub(crate) async fn import_figures(
    app: &TestApp,
    user: &str,
    name: &str,
    bytes: Vec<u8>,
    dry_run: bool,
    submit: bool,
) -> Value {
    let token = app.token(user).await;
    app.upload(
        Some(&token),
        IMPORT_FIGURES,
        json!({"d": dry_run, "s": submit}),
        name,
        bytes,
    )
    .await
}

pub(crate) async fn month(app: &TestApp, unit: UnitId, year: i32, m: i32) -> Value {
    let body = app
        .as_user(
            "admin",
            REPORT,
            json!({"u": unit.to_string(), "y": year, "m": m}),
        )
        .await;
    assert_ok(&body);
    body["data"]["monthlyReport"].clone()
}

pub(crate) fn value_of(report: &Value, code: &str) -> Option<i64> {
    report["values"]
        .as_array()?
        .iter()
        .find(|v| v["measure"]["code"] == code)
        .and_then(|v| v["value"].as_i64())
}

pub(crate) async fn assert_rollups_exact(app: &TestApp) {
    let stored = rollups::stored(app.db.conn()).await.expect("stored");
    let expected = rollups::recompute(app.db.conn()).await.expect("recompute");
    assert_eq!(stored, expected, "roll-ups differ from a recomputation");
}

pub(crate) async fn value_count(app: &TestApp) -> u64 {
    measure_value::Entity::find()
        .count(app.db.conn())
        .await
        .expect("count")
}

async fn audit_count(app: &TestApp) -> u64 {
    audit_entry::Entity::find()
        .count(app.db.conn())
        .await
        .expect("count")
}

/// A consistent month: every part well below its whole.
fn consistent(scale: i64) -> Vec<(&'static str, i64)> {
    shared::measures::DEFAULT_MEASURES
        .iter()
        .map(|c| {
            let v = match *c {
                "RECEIVED" => 100 * scale,
                "RECEIVED_ONLINE" | "FEE_BEARING" | "DUE" | "SETTLED" | "FEEDBACK" => 10 * scale,
                _ => scale,
            };
            (*c, v)
        })
        .collect()
}

pub(crate) fn long_csv(rows: &[(&str, i32, i32, &str, i64)]) -> Vec<u8> {
    let mut s = String::from("unit_code,year,month,measure_code,value\n");
    for (u, y, m, c, v) in rows {
        s.push_str(&format!("{u},{y},{m},{c},{v}\n"));
    }
    s.into_bytes()
}

pub(crate) fn month_rows(
    unit: &'static str,
    year: i32,
    m: i32,
    scale: i64,
) -> Vec<(&'static str, i32, i32, &'static str, i64)> {
    consistent(scale)
        .into_iter()
        .map(|(c, v)| (unit, year, m, c, v))
        .collect()
}

async fn a_long_csv_stores_every_value_with_its_source_and_exact_roll_ups(app: TestApp) {
    let mut rows = month_rows("C1", 2023, 1, 3);
    rows.extend(month_rows("C1", 2023, 2, 4));
    rows.extend(month_rows("D1.1", 2023, 2, 5));
    let body = import_figures(
        &app,
        "admin",
        "thang-1-2.csv",
        long_csv(&rows),
        false,
        false,
    )
    .await;
    assert_ok(&body);
    let r = &body["data"]["importFigures"];
    assert_eq!(r["stored"], true);
    assert_eq!(r["format"], "CSV");
    assert_eq!(r["layout"], "LONG");
    assert_eq!(r["values"], 39);
    assert_eq!(r["newValues"], 39);
    assert_eq!(r["months"], 3);
    let sha = r["sha256"].as_str().expect("sha").to_owned();
    assert_eq!(sha.len(), 64);
    let feb = month(&app, app.tree.division, 2023, 2).await;
    assert_eq!(value_of(&feb, "RECEIVED"), Some(500));
    assert_eq!(feb["status"], "DRAFT");
    assert_eq!(feb["version"], 1);
    let stored = measure_value::Entity::find()
        .filter(measure_value::Column::UnitId.eq(app.tree.commune.0))
        .all(app.db.conn())
        .await
        .expect("values");
    assert_eq!(stored.len(), 26);
    assert!(
        stored
            .iter()
            .all(|v| v.source == measure_value::Origin::Import
                && v.source_ref.as_deref() == Some(&format!("thang-1-2.csv sha256:{sha}")))
    );
    assert_rollups_exact(&app).await;
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("importFigures"))
        .all(app.db.conn())
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].entity_id, sha);
}

fn wide_xlsx(sheet: &str, headers: &[&str], rows: &[Vec<Option<f64>>], units: &[&str]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).expect("name");
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(0, i as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, units[r]).expect("unit");
        for (c, v) in row.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(r as u32 + 1, c as u16 + 1, *v)
                    .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

async fn a_wide_xlsx_with_vietnamese_headers_imports_like_its_csv(app: TestApp) {
    // Names instead of codes for two measures, codes for the rest; one blank cell.
    let mut headers = vec!["Mã đơn vị", "Năm", "Tháng"];
    let codes = shared::measures::DEFAULT_MEASURES;
    headers.extend(codes.iter().copied());
    let values = consistent(2);
    let mut row: Vec<Option<f64>> = vec![Some(2023.0), Some(3.0)];
    row.extend(values.iter().map(|(_, v)| Some(*v as f64)));
    row[2 + 12] = None; // FEEDBACK_ON_TIME left blank
    let bytes = wide_xlsx(
        "Số liệu",
        &headers,
        &[row.clone(), {
            let mut r = row.clone();
            r[1] = Some(4.0);
            r
        }],
        &["C1", "C1"],
    );
    let body = import_figures(&app, "officer", "bao-cao.xlsx", bytes, false, false).await;
    assert_ok(&body);
    let r = &body["data"]["importFigures"];
    assert_eq!(r["format"], "XLSX");
    assert_eq!(r["layout"], "WIDE");
    assert_eq!(r["values"], 24);
    let march = month(&app, app.tree.commune, 2023, 3).await;
    assert_eq!(value_of(&march, "RECEIVED"), Some(200));
    assert_eq!(value_of(&march, "FEEDBACK_ON_TIME"), None);
    assert_rollups_exact(&app).await;
}

async fn a_dry_run_previews_new_changed_and_unchanged_values_and_stores_nothing(app: TestApp) {
    let saved = app
        .save_month(
            "admin",
            app.tree.commune,
            2023,
            5,
            &[("RECEIVED", 100), ("DUE", 10)],
            None,
        )
        .await;
    app.token("admin").await;
    assert_ok(&saved);
    let (values, audits) = (value_count(&app).await, audit_count(&app).await);
    let rows = vec![
        ("C1", 2023, 5, "RECEIVED", 100), // unchanged
        ("C1", 2023, 5, "DUE", 12),       // changed
        ("C1", 2023, 5, "ON_TIME", 9),    // new
        ("C2", 2023, 5, "RECEIVED", 7),   // new, another unit
    ];
    let body = import_figures(&app, "admin", "xem-truoc.csv", long_csv(&rows), true, false).await;
    assert_ok(&body);
    let r = &body["data"]["importFigures"];
    assert_eq!(r["stored"], false);
    assert_eq!(
        (
            r["newValues"].as_i64(),
            r["changedValues"].as_i64(),
            r["unchangedValues"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let units = r["units"].as_array().expect("units");
    assert_eq!(units.len(), 2);
    assert_eq!(units[0]["unitCode"], "C1");
    assert_eq!(
        (
            units[0]["newValues"].as_i64(),
            units[0]["changedValues"].as_i64(),
            units[0]["unchangedValues"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(value_count(&app).await, values);
    assert_eq!(audit_count(&app).await, audits);
    let may = month(&app, app.tree.commune, 2023, 5).await;
    assert_eq!(value_of(&may, "DUE"), Some(10));
    assert_eq!(may["version"], 1);
}

async fn importing_the_same_file_twice_changes_nothing_the_second_time(app: TestApp) {
    let rows = month_rows("C2", 2023, 7, 6);
    let first = import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await;
    assert_ok(&first);
    let before = month(&app, app.tree.other_commune, 2023, 7).await;
    let second = import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await;
    assert_ok(&second);
    let r = &second["data"]["importFigures"];
    assert_eq!(r["unchangedValues"], 13);
    assert_eq!(r["newValues"], 0);
    assert_eq!(r["months"], 0);
    assert_eq!(month(&app, app.tree.other_commune, 2023, 7).await, before);
    assert_rollups_exact(&app).await;
}

async fn one_bad_cell_among_ten_thousand_rows_stores_nothing_and_names_that_cell(app: TestApp) {
    let units = ["T", "D1", "D1.1", "C1"];
    let mut text = String::from("unit_code,year,month,measure_code,value\n");
    let mut line = 1;
    let mut bad_line = 0;
    'outer: for year in 2008..2030 {
        for u in units {
            for m in 1..=12 {
                for (c, v) in consistent(1) {
                    line += 1;
                    if line == 7777 {
                        bad_line = line;
                        text.push_str(&format!("{u},{year},{m},{c},12x\n"));
                    } else {
                        text.push_str(&format!("{u},{year},{m},{c},{v}\n"));
                    }
                    if line > 10_000 {
                        break 'outer;
                    }
                }
            }
        }
    }
    app.token("admin").await; // logging in writes an audit entry of its own
    let (values, audits) = (value_count(&app).await, audit_count(&app).await);
    let body = import_figures(&app, "admin", "lon.csv", text.into_bytes(), false, false).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    let details = body["errors"][0]["extensions"]["details"]
        .as_array()
        .expect("details");
    assert_eq!(details.len(), 1, "{details:?}");
    assert_eq!(details[0]["row"], bad_line);
    assert_eq!(details[0]["column"], "E");
    assert_eq!(details[0]["kind"], "BAD_VALUE");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("nên chưa lưu gì")
    );
    assert_eq!(value_count(&app).await, values);
    assert_eq!(audit_count(&app).await, audits);
    assert_eq!(
        monthly_report::Entity::find()
            .count(app.db.conn())
            .await
            .expect("count"),
        0
    );
}

async fn every_kind_of_problem_is_reported_together_with_its_row_and_column(app: TestApp) {
    // An approved month of C1.
    assert_ok(
        &app.save_month(
            "officer",
            app.tree.commune,
            2023,
            1,
            &[("RECEIVED", 5)],
            None,
        )
        .await,
    );
    let submit =
        "mutation($u: ID!) { submitMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }";
    assert_ok(
        &app.as_user(
            "officer",
            submit,
            json!({"u": app.tree.commune.to_string()}),
        )
        .await,
    );
    let approve =
        "mutation($u: ID!) { approveMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }";
    assert_ok(
        &app.as_user("admin", approve, json!({"u": app.tree.commune.to_string()}))
            .await,
    );
    let (values, audits) = (value_count(&app).await, audit_count(&app).await);
    let text = "unit_code,year,month,measure_code,value
C1,2023,2,RECEIVED,10
NOPE,2023,2,RECEIVED,10
C1,2023,2,NO_SUCH,10
C1,2023,2,DUE,-1
C1,2023,13,DUE,1
C1,1999,2,DUE,1
C1,2023,2,RECEIVED,11
C1,2023,3,RECEIVED,5
C1,2023,3,RECEIVED_ONLINE,9
C2,2023,2,RECEIVED,1
C1,2023,1,RECEIVED,6
";
    let body = import_figures(
        &app,
        "officer",
        "loi.csv",
        text.as_bytes().to_vec(),
        false,
        false,
    )
    .await;
    assert_error(&body, "VALIDATION");
    let details = body["errors"][0]["extensions"]["details"]
        .as_array()
        .expect("details");
    let got: Vec<(String, i64, String)> = details
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap_or("").to_owned(),
                d["row"].as_i64().unwrap_or(0),
                d["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expect = |k: &str, row: i64, col: &str| (k.to_owned(), row, col.to_owned());
    for e in [
        expect("UNKNOWN_UNIT", 3, "A"),
        expect("UNKNOWN_MEASURE", 4, "D"),
        expect("BAD_VALUE", 5, "E"),
        expect("BAD_MONTH", 6, "C"),
        expect("BAD_YEAR", 7, "B"),
        expect("DUPLICATE", 8, "E"),
        expect("CONSISTENCY", 10, "E"),
        expect("OUT_OF_SCOPE", 11, "A"),
        // At the cell that would change the approved month.
        expect("APPROVED", 12, "E"),
    ] {
        assert!(got.contains(&e), "missing {e:?} in {got:?}");
    }
    assert_eq!(got.len(), 9, "{got:?}");
    // The same file as a preview lists the same problems without an error.
    let preview = import_figures(
        &app,
        "officer",
        "loi.csv",
        text.as_bytes().to_vec(),
        true,
        false,
    )
    .await;
    assert_ok(&preview);
    let problems = preview["data"]["importFigures"]["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(problems.len(), 9);
    // Each problem says exactly what is wrong and with what, for a sentence in any language.
    let facts: Vec<(String, String, Value, Value)> = problems
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap_or("").to_owned(),
                p["reason"].as_str().unwrap_or("").to_owned(),
                p["value"].clone(),
                p["otherRow"].clone(),
            )
        })
        .collect();
    let fact = |k: &str, r: &str, v: Value, other: Value| (k.to_owned(), r.to_owned(), v, other);
    for f in [
        fact("UNKNOWN_UNIT", "UNKNOWN_CODE", json!("NOPE"), Value::Null),
        fact(
            "UNKNOWN_MEASURE",
            "UNKNOWN_CODE",
            json!("NO_SUCH"),
            Value::Null,
        ),
        fact("BAD_VALUE", "NOT_A_COUNT", json!("-1"), Value::Null),
        fact("BAD_MONTH", "OUT_OF_RANGE", json!("13"), Value::Null),
        fact("BAD_YEAR", "OUT_OF_RANGE", json!("1999"), Value::Null),
        fact("DUPLICATE", "REPEATED_VALUE", json!("11"), json!(2)),
        fact(
            "CONSISTENCY",
            "PART_EXCEEDS_WHOLE",
            Value::Null,
            Value::Null,
        ),
        fact("OUT_OF_SCOPE", "OUTSIDE_SCOPE", json!("C2"), Value::Null),
        fact("APPROVED", "APPROVED_MONTH", json!("C1"), Value::Null),
    ] {
        assert!(facts.contains(&f), "missing {f:?} in {facts:?}");
    }
    let of_kind = |k: &str| {
        problems
            .iter()
            .find(|p| p["kind"] == k)
            .cloned()
            .unwrap_or_default()
    };
    let approved = of_kind("APPROVED");
    assert_eq!(
        (&approved["year"], &approved["month"]),
        (&json!(2023), &json!(1))
    );
    let broken = of_kind("CONSISTENCY");
    assert_eq!(
        (&broken["year"], &broken["month"]),
        (&json!(2023), &json!(3))
    );
    assert_eq!(
        broken["consistency"],
        json!({"part": "RECEIVED_ONLINE", "partValue": 9.0, "whole": "RECEIVED", "wholeValue": 5.0})
    );
    // The refusal's details carry the same facts.
    let refused = details
        .iter()
        .find(|d| d["kind"] == "DUPLICATE")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&refused["reason"], &refused["value"], &refused["otherRow"]),
        (&json!("REPEATED_VALUE"), &json!("11"), &json!(2))
    );
    assert_eq!(value_count(&app).await, values);
    assert_eq!(audit_count(&app).await, audits);
}

async fn imported_months_are_drafts_or_submitted_as_the_caller_chooses(app: TestApp) {
    assert_ok(
        &import_figures(
            &app,
            "officer",
            "a.csv",
            long_csv(&month_rows("C1", 2023, 8, 1)),
            false,
            true,
        )
        .await,
    );
    assert_eq!(
        month(&app, app.tree.commune, 2023, 8).await["status"],
        "SUBMITTED"
    );
    assert_ok(
        &import_figures(
            &app,
            "officer",
            "b.csv",
            long_csv(&month_rows("C1", 2023, 9, 1)),
            false,
            false,
        )
        .await,
    );
    assert_eq!(
        month(&app, app.tree.commune, 2023, 9).await["status"],
        "DRAFT"
    );
    // Changing a submitted month by import returns it to DRAFT, like saving by hand.
    assert_ok(
        &import_figures(
            &app,
            "officer",
            "c.csv",
            long_csv(&month_rows("C1", 2023, 8, 2)),
            false,
            false,
        )
        .await,
    );
    let aug = month(&app, app.tree.commune, 2023, 8).await;
    assert_eq!(aug["status"], "DRAFT");
    assert_eq!(aug["version"], 2);
    assert_rollups_exact(&app).await;
}

async fn viewers_and_api_tokens_cannot_import(app: TestApp) {
    let bytes = long_csv(&month_rows("C1", 2023, 1, 1));
    let body = import_figures(&app, "viewer", "a.csv", bytes.clone(), false, false).await;
    assert_error(&body, "FORBIDDEN");
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"bao cao\", unitId: $u) { token } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let secret = token["data"]["createApiToken"]["token"]
        .as_str()
        .expect("token");
    let body = app
        .upload(
            Some(secret),
            IMPORT_FIGURES,
            json!({"d": false, "s": false}),
            "a.csv",
            bytes.clone(),
        )
        .await;
    assert_error(&body, "FORBIDDEN");
    let body = app
        .upload(
            None,
            IMPORT_FIGURES,
            json!({"d": false, "s": false}),
            "a.csv",
            bytes,
        )
        .await;
    assert_error(&body, "UNAUTHENTICATED");
    assert_eq!(value_count(&app).await, 0);
}

async fn targets_import_with_baselines_and_counts_changed_targets(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let text = "Mã đơn vị,Tên đơn vị,FULL_ONLINE_RATE,Cơ sở FULL_ONLINE_RATE\nC1,Xã 1,\"85,5\",70\nC2,Xã 2,90,\n";
    let token = app.token("admin").await;
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "chi-tieu.csv",
            text.as_bytes().to_vec(),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["importTargets"]["newValues"], 2);
    let targets = app
        .as_user("admin", "{ decisions(year: 2023) { id targets { unit { code } indicator { code } value baseline } } }", json!({}))
        .await;
    assert_ok(&targets);
    let list = targets["data"]["decisions"][0]["targets"]
        .as_array()
        .expect("targets");
    let c1 = list.iter().find(|t| t["unit"]["code"] == "C1").expect("C1");
    assert_eq!(c1["value"], 85.5);
    assert_eq!(c1["baseline"], 70.0);
    // A rate above 100 is refused with its cell named; nothing changes.
    let bad = "Mã đơn vị,FULL_ONLINE_RATE\nC1,120\n";
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "x.csv",
            bad.as_bytes().to_vec(),
        )
        .await;
    assert_error(&body, "VALIDATION");
    let refused = &body["errors"][0]["extensions"]["details"][0];
    assert_eq!(refused["column"], "B");
    assert_eq!(refused["row"], 2);
    assert_eq!(refused["reason"], "OUT_OF_RANGE");
    assert_eq!(refused["value"], "120");
    // The preview says the same, and words a negative baseline and a word as written.
    let bad = "Mã đơn vị,FULL_ONLINE_RATE,Cơ sở FULL_ONLINE_RATE,ON_TIME_RATE\nC1,120,,\nC2,80,\"-2,5\",x\n";
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": true}),
            "x.csv",
            bad.as_bytes().to_vec(),
        )
        .await;
    assert_ok(&body);
    let got: Vec<(String, String, String)> = body["data"]["importTargets"]["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let text = |f: &str| p[f].as_str().unwrap_or("").to_owned();
            (text("reason"), text("column"), text("value"))
        })
        .collect();
    let expect = |r: &str, c: &str, v: &str| (r.to_owned(), c.to_owned(), v.to_owned());
    for e in [
        expect("OUT_OF_RANGE", "B", "120"),
        expect("NOT_A_NUMBER", "D", "x"),
        expect("NEGATIVE", "C", "-2,5"),
    ] {
        assert!(got.contains(&e), "missing {e:?} in {got:?}");
    }
    // A changed target is counted as changed, an equal one as unchanged.
    let again = "Mã đơn vị,FULL_ONLINE_RATE\nC1,85.5\nC2,95\n";
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "y.csv",
            again.as_bytes().to_vec(),
        )
        .await;
    assert_ok(&body);
    let r = &body["data"]["importTargets"];
    assert_eq!(
        (r["changedValues"].as_i64(), r["unchangedValues"].as_i64()),
        (Some(1), Some(1))
    );
}

async fn a_manager_imports_targets_only_below_its_unit(app: TestApp) {
    let decision = app.decision("56/QĐ-UBND", 2023).await;
    let token = app.token("manager").await;
    let ok = "Mã đơn vị,FULL_ONLINE_RATE\nD1.1,80\n";
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "a.csv",
            ok.as_bytes().to_vec(),
        )
        .await;
    assert_ok(&body);
    let outside = "Mã đơn vị,FULL_ONLINE_RATE\nD1,80\nC1,80\n";
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "b.csv",
            outside.as_bytes().to_vec(),
        )
        .await;
    assert_error(&body, "VALIDATION");
    let kinds: Vec<&str> = body["errors"][0]["extensions"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    assert_eq!(kinds, vec!["OUT_OF_SCOPE", "OUT_OF_SCOPE"]);
    let facts: Vec<(&str, &str)> = body["errors"][0]["extensions"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .filter_map(|d| Some((d["reason"].as_str()?, d["value"].as_str()?)))
        .collect();
    assert_eq!(
        facts,
        vec![("NOT_BELOW_YOUR_UNIT", "D1"), ("NOT_BELOW_YOUR_UNIT", "C1")]
    );
    let officer = app.token("officer").await;
    let body = app
        .upload(
            Some(&officer),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "a.csv",
            ok.as_bytes().to_vec(),
        )
        .await;
    assert_error(&body, "FORBIDDEN");
}

async fn the_templates_are_workbooks_that_import_once_filled(app: TestApp) {
    use calamine::{Data, Reader, Xlsx};
    for name in ["figures-long", "figures-wide", "targets"] {
        let resp = app
            .client
            .get(format!("{}/templates/{name}.xlsx", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(resp.status(), 200, "{name}");
        let bytes = resp.bytes().await.expect("bytes").to_vec();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
        assert!(
            book.sheet_names().contains(&"Hướng dẫn".to_owned()),
            "{name}"
        );
        let data_sheet = if name == "targets" {
            "Chỉ tiêu"
        } else {
            "Số liệu"
        };
        let range = book.worksheet_range(data_sheet).expect("sheet");
        let header: Vec<String> = range
            .rows()
            .next()
            .expect("header")
            .iter()
            .map(|d| match d {
                Data::String(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(header[0], "Mã đơn vị", "{name}");
        if name == "figures-wide" {
            assert_eq!(header.len(), 3 + 13);
            assert_eq!(header[3], "RECEIVED");
            // Filled in, the wide template imports.
            let mut row: Vec<Option<f64>> = vec![Some(2023.0), Some(6.0)];
            row.extend(consistent(1).iter().map(|(_, v)| Some(*v as f64)));
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            let filled = wide_xlsx("Số liệu", &refs, &[row], &["C2"]);
            assert_ok(&import_figures(&app, "admin", "mau.xlsx", filled, false, false).await);
            assert_eq!(
                value_of(
                    &month(&app, app.tree.other_commune, 2023, 6).await,
                    "RECEIVED"
                ),
                Some(100)
            );
        }
    }
    let resp = app
        .client
        .get(format!("{}/templates/nope", app.address))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 404);
}

/// 96 files from a fixed seed: random bytes, a valid CSV and XLSX with bytes flipped, cut
/// short or repeated — never a server error, every error coded, nothing stored on error.
async fn random_and_mangled_files_never_break_the_server_nor_store_anything(app: TestApp) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let csv = long_csv(&month_rows("C1", 2023, 4, 2));
    let mut headers = vec!["Mã đơn vị", "Năm", "Tháng"];
    headers.extend(shared::measures::DEFAULT_MEASURES.iter().copied());
    let mut row: Vec<Option<f64>> = vec![Some(2023.0), Some(5.0)];
    row.extend(consistent(1).iter().map(|(_, v)| Some(*v as f64)));
    let xlsx = wide_xlsx("Số liệu", &headers, &[row], &["C2"]);
    let token = app.token("admin").await;
    let (mut refused, mut stored) = (0, 0);
    for case in 0..96 {
        let base = if case % 2 == 0 { &csv } else { &xlsx };
        let bytes: Vec<u8> = match case % 4 {
            0 => (0..rng.random_range(0..2048))
                .map(|_| rng.random())
                .collect(),
            1 => base[..rng.random_range(0..base.len())].to_vec(),
            2 => base.repeat(rng.random_range(1..4)),
            _ => {
                let mut b = base.clone();
                for _ in 0..rng.random_range(1..8) {
                    let i = rng.random_range(0..b.len());
                    b[i] = rng.random();
                }
                b
            }
        };
        let values = value_count(&app).await;
        let res = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .multipart(
                reqwest::multipart::Form::new()
                    .text("operations", json!({"query": IMPORT_FIGURES, "variables": {"f": null, "d": false, "s": false}}).to_string())
                    .text("map", r#"{"0": ["variables.f"]}"#)
                    .part("0", reqwest::multipart::Part::bytes(bytes).file_name("x")),
            )
            .send()
            .await
            .expect("send");
        assert!(
            !res.status().is_server_error(),
            "case {case}: HTTP {}",
            res.status()
        );
        let body: Value = res.json().await.expect("json");
        match error_code(&body) {
            Some(code) => {
                assert!(
                    ["VALIDATION", "CONFLICT"].contains(&code),
                    "case {case}: {body}"
                );
                assert_eq!(
                    value_count(&app).await,
                    values,
                    "case {case}: refused but stored"
                );
                refused += 1;
            }
            None => {
                assert_eq!(
                    body["data"]["importFigures"]["stored"], true,
                    "case {case}: {body}"
                );
                stored += 1;
            }
        }
    }
    assert!(refused > 48, "{refused} refused, {stored} stored");
    assert_rollups_exact(&app).await;
}

/// A workbook of a few kilobytes with one cell at XFD1048576 (its used range would be 17
/// billion cells): both imports refuse it as a FILE problem naming the far reference,
/// nothing is stored, and the server lives on.
async fn a_workbook_with_a_far_cell_is_refused_as_a_file_and_stores_nothing(app: TestApp) {
    let far = |sheet: &str, headers: &[&str], row: &[&str]| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(sheet).expect("name");
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("header");
        }
        for (c, v) in row.iter().enumerate() {
            ws.write_string(1, c as u16, *v).expect("cell");
        }
        ws.write_number(1_048_575, 16_383, 1.0).expect("far cell");
        book.save_to_buffer().expect("xlsx")
    };
    let figures = far(
        "Số liệu",
        &["Mã đơn vị", "Năm", "Tháng", "RECEIVED"],
        &["C1", "2023", "4", "12"],
    );
    assert!(figures.len() < 16 * 1024, "{} bytes", figures.len());
    let check = |body: &Value| {
        // A dry run lists the problems; an import fails with them.
        let p = match body["data"]["importFigures"]["problems"].get(0) {
            Some(p) => {
                assert_eq!(body["data"]["importFigures"]["stored"], false, "{body}");
                p
            }
            None => {
                assert_error(body, "VALIDATION");
                &body["errors"][0]["extensions"]["details"][0]
            }
        };
        assert_eq!(p["kind"], "FILE", "{body}");
        assert_eq!(p["reason"], "TOO_MANY_ROWS", "{body}");
        assert!(
            p["value"]
                .as_str()
                .unwrap_or_default()
                .ends_with("XFD1048576"),
            "{body}"
        );
    };
    for dry_run in [true, false] {
        let body = import_figures(&app, "admin", "far.xlsx", figures.clone(), dry_run, false).await;
        check(&body);
    }
    assert_eq!(value_count(&app).await, 0);

    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let targets = far(
        "Chỉ tiêu",
        &["Mã đơn vị", "FULL_ONLINE_RATE"],
        &["C1", "80"],
    );
    let token = app.token("admin").await;
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "far.xlsx",
            targets,
        )
        .await;
    check(&body);
    let stored = app
        .as_user(
            "admin",
            "{ decisions(year: 2023) { targets { id } } }",
            json!({}),
        )
        .await;
    assert_ok(&stored);
    assert_eq!(
        stored["data"]["decisions"][0]["targets"],
        json!([]),
        "{stored}"
    );
    // Still serving.
    assert_ok(&app.as_user("admin", "{ me { id } }", json!({})).await);
}

/// The round trip: a unit's report exported to XLSX (its `Số liệu` sheet) and imported
/// again finds every value unchanged and changes nothing, versions included.
async fn a_unit_exported_to_xlsx_and_imported_again_changes_nothing(app: TestApp) {
    let full: Vec<(&str, i64)> = consistent(7);
    assert_ok(
        &app.save_month("admin", app.tree.commune, 2023, 1, &full, None)
            .await,
    );
    assert_ok(
        &app.save_month("admin", app.tree.commune, 2023, 2, &consistent(9), None)
            .await,
    );
    assert_ok(
        &app.save_month(
            "admin",
            app.tree.commune,
            2023,
            3,
            &[("RECEIVED", 40), ("DUE", 4)],
            None,
        )
        .await,
    );
    let token = app.token("admin").await;
    let before: Vec<Value> = three_months(&app).await;
    for format in ["xlsx", "csv"] {
        let res = app
            .client
            .get(format!(
                "{}/export/unit?unit={}&year=2023&format={format}",
                app.address, app.tree.commune
            ))
            .bearer_auth(&token)
            .send()
            .await
            .expect("export");
        assert_eq!(res.status(), 200, "{format}");
        let bytes = res.bytes().await.expect("bytes").to_vec();
        let body = app
            .upload(
                Some(&token),
                IMPORT_FIGURES,
                json!({"d": false, "s": false}),
                &format!("c1.{format}"),
                bytes,
            )
            .await;
        assert_ok(&body);
        let r = &body["data"]["importFigures"];
        assert_eq!(r["unchangedValues"], 13 + 13 + 2, "{format}: {r}");
        assert_eq!(
            (
                r["newValues"].as_i64(),
                r["changedValues"].as_i64(),
                r["months"].as_i64()
            ),
            (Some(0), Some(0), Some(0)),
            "{format}"
        );
        assert_eq!(
            three_months(&app).await,
            before,
            "{format}: the months changed"
        );
    }
    assert_rollups_exact(&app).await;
}

async fn three_months(app: &TestApp) -> Vec<Value> {
    let mut out = Vec::new();
    for m in 1..=3 {
        out.push(month(app, app.tree.commune, 2023, m).await);
    }
    out
}
