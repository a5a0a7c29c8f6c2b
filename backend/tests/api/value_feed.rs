//! Raw figures for reporting systems: `measureValues` paged by cursor and synced with
//! `updatedSince`, the same over `/api/v1/measure-values.csv|.json`, and `viewer`, as a
//! third party drives them — every value once, nothing missed when writes happen between
//! pages, nothing outside the caller's scope.

use crate::both_databases;
use crate::helpers::*;
use crate::imports::{import_figures, long_csv, month_rows, value_count};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

both_databases!(
    paging_through_25000_values_in_pages_of_1000_returns_each_value_once,
    a_sync_loop_with_writes_between_pages_misses_nothing_and_repeats_nothing,
    updated_since_after_an_import_returns_exactly_the_imported_values,
    a_token_scoped_to_a_commune_never_sees_another_communes_values,
    an_approval_brings_the_months_values_back_with_their_new_status,
    bad_paging_and_filters_are_refused_with_the_field_at_fault,
    the_files_hold_the_same_rows_as_the_pages,
    the_readme_python_example_runs_unchanged_against_a_real_server,
    graphiqls_default_query_answers_a_token_without_errors,
    a_move_brings_the_units_values_to_a_client_syncing_above_its_new_parent,
);

const PAGE: &str =
    "query($first: Int!, $after: String, $since: DateTime, $units: [ID!], $sub: Boolean! = false,
    $codes: [String!], $from: MonthInput, $to: MonthInput) {
  measureValues(first: $first, after: $after, updatedSince: $since, unitIds: $units,
      includeSubtree: $sub, measureCodes: $codes, from: $from, to: $to) {
    rows { unit { id code } measure { code } year month value status updatedAt }
    endCursor hasNextPage
  } }";

/// A value's identity: unit code, measure code, year, month.
type Key = (String, String, i64, i64);

fn key_of(row: &Value) -> Key {
    (
        row["unit"]["code"].as_str().unwrap_or("").to_owned(),
        row["measure"]["code"].as_str().unwrap_or("").to_owned(),
        row["year"].as_i64().unwrap_or(0),
        row["month"].as_i64().unwrap_or(0),
    )
}

/// One page as `token`; the rows, the cursor and whether more follow.
async fn page(app: &TestApp, token: &str, vars: Value) -> (Vec<Value>, Option<String>, bool) {
    let body = app.gql(Some(token), PAGE, vars).await;
    assert_ok(&body);
    let p = &body["data"]["measureValues"];
    let rows = p["rows"].as_array().cloned().unwrap_or_default();
    let cursor = p["endCursor"].as_str().map(str::to_owned);
    (rows, cursor, p["hasNextPage"].as_bool().unwrap_or(false))
}

/// Every page from the start (or after `since`), with `between` run after each page.
async fn pull(
    app: &TestApp,
    token: &str,
    first: i64,
    since: Option<&str>,
    mut between: impl AsyncFnMut(usize),
) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    for n in 0.. {
        let (rows, cursor, more) = page(
            app,
            token,
            json!({"first": first, "after": after, "since": since}),
        )
        .await;
        all.extend(rows);
        if !more {
            assert_eq!(cursor, None, "the last page has no cursor");
            break;
        }
        assert!(cursor.is_some(), "a page with more after it has a cursor");
        after = cursor;
        between(n).await;
    }
    all
}

/// Rows must come in feed order: updatedAt, then unit, measure, year, month.
fn assert_feed_order(rows: &[Value]) {
    let order = |r: &Value| {
        let at = chrono::DateTime::parse_from_rfc3339(r["updatedAt"].as_str().unwrap_or(""))
            .expect("updatedAt is RFC 3339");
        (
            at,
            r["unit"]["id"]
                .as_str()
                .unwrap_or("")
                .parse::<i64>()
                .unwrap_or(0),
        )
    };
    for pair in rows.windows(2) {
        assert!(
            order(&pair[0]) <= order(&pair[1]),
            "out of order: {} then {}",
            pair[0],
            pair[1]
        );
    }
}

async fn paging_through_25000_values_in_pages_of_1000_returns_each_value_once(app: TestApp) {
    // 3 units × 54 years × 12 months × 13 measures = 25,272 values.
    let mut rows = Vec::new();
    for unit in ["C1", "C2", "D1.1"] {
        for year in 2001..=2054 {
            for m in 1..=12 {
                rows.extend(month_rows(unit, year, m, 2));
            }
        }
    }
    let body = import_figures(&app, "admin", "big.csv", long_csv(&rows), false, false).await;
    assert_ok(&body);
    assert_eq!(value_count(&app).await, 25_272);

    let token = app.token("admin").await;
    let mut pages = 0;
    let all = pull(&app, &token, 1000, None, async |_| pages += 1).await;
    assert_eq!(pages + 1, 26, "25,272 values make 26 pages of 1,000");
    assert_eq!(all.len(), 25_272);
    let keys: HashSet<Key> = all.iter().map(key_of).collect();
    assert_eq!(keys.len(), 25_272, "no value twice");
    assert_feed_order(&all);
    let expected: HashSet<Key> = rows
        .iter()
        .map(|(u, y, m, c, _)| {
            (
                (*u).to_owned(),
                (*c).to_owned(),
                i64::from(*y),
                i64::from(*m),
            )
        })
        .collect();
    assert_eq!(keys, expected, "every imported value, none other");
}

async fn a_sync_loop_with_writes_between_pages_misses_nothing_and_repeats_nothing(app: TestApp) {
    // One file a year: each year's values get a later stamp than the year before, so the
    // feed reads 2021 first and 2024 last.
    for year in 2021..=2024 {
        let rows: Vec<_> = (1..=12)
            .flat_map(|m| month_rows("C1", year, m, 2))
            .collect();
        let name = format!("{year}.csv");
        assert_ok(&import_figures(&app, "admin", &name, long_csv(&rows), false, false).await);
    }
    let admin = app.token("admin").await;

    // The client pages in 100s while the province keeps writing between its pages: a value
    // already read is corrected, a value not read yet is corrected, a new month arrives.
    let mut writes = 0;
    let first_pass = pull(&app, &admin, 100, None, async |n| {
        let (year, month) = match n {
            0 => (2021, 1),  // on the first page: read already, corrected now
            2 => (2024, 12), // near the end: not read yet
            4 => (2025, 1),  // a new month
            _ => return,
        };
        let body = app
            .save_month(
                "officer",
                app.tree.commune,
                year,
                month,
                &[("RECEIVED", 900)],
                None,
            )
            .await;
        assert_ok(&body);
        writes += 1;
    })
    .await;
    assert_eq!(writes, 3);
    let received = |y: i64, m: i64| ("C1".to_owned(), "RECEIVED".to_owned(), y, m);
    assert!(
        first_pass[..100]
            .iter()
            .any(|r| key_of(r) == received(2021, 1)),
        "January 2021 was on the first page"
    );

    // The client keeps the last row per value: its copy equals the database.
    let mut copy: HashMap<Key, i64> = HashMap::new();
    for r in &first_pass {
        copy.insert(key_of(r), r["value"].as_i64().unwrap_or(-1));
    }
    let truth = pull(&app, &admin, 10_000, None, async |_| {}).await;
    let truth: HashMap<Key, i64> = truth
        .iter()
        .map(|r| (key_of(r), r["value"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(copy, truth, "nothing missed");
    assert_eq!(copy[&received(2021, 1)], 900);
    assert_eq!(copy[&received(2024, 12)], 900);
    assert_eq!(copy[&received(2025, 1)], 900);
    // Only the value corrected after it was read came twice; nothing else repeated.
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for r in &first_pass {
        *seen.entry(key_of(r)).or_default() += 1;
    }
    let twice: Vec<&Key> = seen
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(twice, vec![&received(2021, 1)]);
    assert_eq!(first_pass.len(), 48 * 13 + 1 + 1);

    // The next sync from the last updatedAt: nothing new; then exactly one new write.
    let last = first_pass
        .last()
        .and_then(|r| r["updatedAt"].as_str())
        .map(str::to_owned);
    let none = pull(&app, &admin, 100, last.as_deref(), async |_| {}).await;
    assert!(none.is_empty(), "nothing changed since: {none:?}");
    let body = app
        .save_month(
            "officer",
            app.tree.commune,
            2022,
            6,
            &[("RECEIVED", 777)],
            None,
        )
        .await;
    assert_ok(&body);
    let one = pull(&app, &admin, 100, last.as_deref(), async |_| {}).await;
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(key_of(&one[0]), received(2022, 6));
    assert_eq!(one[0]["value"], 777);
}

async fn updated_since_after_an_import_returns_exactly_the_imported_values(app: TestApp) {
    let before = month_rows("C1", 2024, 1, 2);
    assert_ok(&import_figures(&app, "admin", "a.csv", long_csv(&before), false, false).await);
    let admin = app.token("admin").await;
    let all = pull(&app, &admin, 1000, None, async |_| {}).await;
    let last = all
        .last()
        .and_then(|r| r["updatedAt"].as_str())
        .map(str::to_owned);

    // A second file: C1's January corrected at another scale, February and C2 new.
    let mut file = month_rows("C1", 2024, 1, 3);
    file.extend(month_rows("C1", 2024, 2, 3));
    file.extend(month_rows("C2", 2024, 1, 4));
    assert_ok(&import_figures(&app, "admin", "b.csv", long_csv(&file), false, false).await);

    let since = pull(&app, &admin, 1000, last.as_deref(), async |_| {}).await;
    let got: HashMap<Key, i64> = since
        .iter()
        .map(|r| (key_of(r), r["value"].as_i64().unwrap_or(-1)))
        .collect();
    let imported: HashMap<Key, i64> = file
        .iter()
        .map(|(u, y, m, c, v)| {
            (
                (
                    (*u).to_owned(),
                    (*c).to_owned(),
                    i64::from(*y),
                    i64::from(*m),
                ),
                *v,
            )
        })
        .collect();
    assert_eq!(since.len(), imported.len(), "each once");
    assert_eq!(got, imported);
}

async fn a_token_scoped_to_a_commune_never_sees_another_communes_values(app: TestApp) {
    let mut rows = month_rows("C1", 2024, 1, 2);
    rows.extend(month_rows("C2", 2024, 1, 3));
    rows.extend(month_rows("D1.1", 2024, 1, 4));
    assert_ok(&import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await);
    let token = api_token(&app, "Cổng xã Một", app.tree.commune).await;

    let viewer = app
        .gql(
            Some(&token),
            "{ viewer { kind role name scope { code } } }",
            json!({}),
        )
        .await;
    assert_ok(&viewer);
    assert_eq!(
        viewer["data"]["viewer"],
        json!({"kind": "API_TOKEN", "role": null, "name": "Cổng xã Một", "scope": {"code": "C1"}})
    );

    let mine = pull(&app, &token, 5, None, async |_| {}).await;
    assert_eq!(mine.len(), 13);
    assert!(mine.iter().all(|r| r["unit"]["code"] == "C1"), "{mine:?}");

    for vars in [
        json!({"first": 10, "units": [app.tree.other_commune.to_string()]}),
        json!({"first": 10, "units": [app.tree.province.to_string()], "sub": true}),
        json!({"first": 10, "units": [app.tree.commune.to_string(), app.tree.department.to_string()]}),
    ] {
        let body = app.gql(Some(&token), PAGE, vars.clone()).await;
        assert_error(&body, "NOT_FOUND");
        assert!(
            body["data"].is_null() || body["data"]["measureValues"].is_null(),
            "{vars}: {body}"
        );
    }
    // A cursor made from another caller's rows gives nothing outside the scope either.
    let admin = app.token("admin").await;
    let (_, cursor, _) = page(&app, &admin, json!({"first": 1})).await;
    let (rows, _, _) = page(&app, &token, json!({"first": 100, "after": cursor})).await;
    assert!(rows.iter().all(|r| r["unit"]["code"] == "C1"));

    // The files, likewise.
    for path in ["csv", "json"] {
        let url = format!("{}/api/v1/measure-values.{path}", app.address);
        let text = app
            .client
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("get");
        assert_eq!(text.status(), 200);
        let text = text.text().await.expect("body");
        assert!(text.contains("C1"));
        assert!(!text.contains("C2") && !text.contains("D1.1"), "{text}");
        let refused = app
            .client
            .get(format!("{url}?unitIds={}", app.tree.other_commune))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get");
        assert_eq!(refused.status(), 404);
    }
    let anonymous = app
        .client
        .get(format!("{}/api/v1/measure-values.csv", app.address))
        .send()
        .await
        .expect("get");
    assert_eq!(anonymous.status(), 401);
}

async fn an_approval_brings_the_months_values_back_with_their_new_status(app: TestApp) {
    let body = app
        .save_month(
            "officer",
            app.tree.commune,
            2024,
            3,
            &[("RECEIVED", 10), ("RECEIVED_ONLINE", 5)],
            None,
        )
        .await;
    assert_ok(&body);
    let other = app
        .save_month(
            "officer",
            app.tree.commune,
            2024,
            4,
            &[("RECEIVED", 20)],
            None,
        )
        .await;
    assert_ok(&other);
    let admin = app.token("admin").await;
    let all = pull(&app, &admin, 100, None, async |_| {}).await;
    let last = all
        .last()
        .and_then(|r| r["updatedAt"].as_str())
        .map(str::to_owned);

    let submitted = app
        .as_user(
            "officer",
            "mutation($u: ID!) { submitMonthlyReport(unitId: $u, year: 2024, month: 3) { status } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_ok(&submitted);
    let since = pull(&app, &admin, 100, last.as_deref(), async |_| {}).await;
    let keys: HashSet<Key> = since.iter().map(key_of).collect();
    assert_eq!(
        since.len(),
        2,
        "the two values of March, not April's: {since:?}"
    );
    assert!(keys.contains(&("C1".into(), "RECEIVED".into(), 2024, 3)));
    assert!(since.iter().all(|r| r["status"] == "SUBMITTED"));
}

async fn bad_paging_and_filters_are_refused_with_the_field_at_fault(app: TestApp) {
    let admin = app.token("admin").await;
    let cases = [
        (json!({"first": 0}), "first"),
        (json!({"first": 10_001}), "first"),
        (json!({"first": 10, "after": "not-a-cursor"}), "after"),
        (json!({"first": 10, "codes": ["NO_SUCH"]}), "measureCodes"),
        (
            json!({"first": 10, "from": {"year": 2025, "month": 5}, "to": {"year": 2025, "month": 4}}),
            "to",
        ),
        (
            json!({"first": 10, "from": {"year": 2025, "month": 13}}),
            "from.month",
        ),
    ];
    for (vars, field) in cases {
        let body = app.gql(Some(&admin), PAGE, vars.clone()).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{vars}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap_or("");
        assert!(!message.is_empty(), "{body}");
    }
    // A page of 10,000 values passes every limit of the server.
    let body = app.gql(Some(&admin), PAGE, json!({"first": 10_000})).await;
    assert_ok(&body);
}

async fn the_files_hold_the_same_rows_as_the_pages(app: TestApp) {
    let mut rows = Vec::new();
    for m in 1..=12 {
        rows.extend(month_rows("C1", 2024, m, 2));
        rows.extend(month_rows("C2", 2024, m, 3));
    }
    assert_ok(&import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await);
    // A unit whose code a CSV field must quote.
    let odd = app
        .as_user(
            "admin",
            "mutation($p: ID!) { createUnit(input: {code: \"Q,\\\"1\", name: \"Xã Phẩy\", kind: COMMUNE, parentId: $p}) { id } }",
            json!({"p": app.tree.province.to_string()}),
        )
        .await;
    assert_ok(&odd);
    let odd_id: shared::ids::UnitId = odd["data"]["createUnit"]["id"]
        .as_str()
        .and_then(|i| i.parse().ok())
        .map(shared::ids::UnitId)
        .expect("id");
    assert_ok(
        &app.save_month("admin", odd_id, 2024, 5, &[("RECEIVED", 7)], None)
            .await,
    );
    let admin = app.token("admin").await;
    let pages = pull(&app, &admin, 1000, None, async |_| {}).await;
    let base = format!("{}/api/v1/measure-values", app.address);

    // CSV, streamed: the header of the contract, then every row in feed order.
    let csv = app
        .client
        .get(format!("{base}.csv"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("get");
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    let text = csv.text().await.expect("body");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("unit_code,year,month,measure_code,value,status,updated_at")
    );
    let from_csv: Vec<String> = lines.map(str::to_owned).collect();
    assert_eq!(from_csv.len(), pages.len());
    assert!(
        from_csv
            .iter()
            .any(|l| l.starts_with("\"Q,\"\"1\",2024,5,RECEIVED,7,DRAFT,")),
        "a code with a comma and a quote is quoted"
    );
    for (line, row) in from_csv.iter().zip(&pages) {
        let (u, m, y, mo) = key_of(row);
        if u.contains(',') {
            continue;
        }
        let expected_start = format!(
            "{u},{y},{mo},{m},{},{},",
            row["value"],
            row["status"].as_str().unwrap_or("")
        );
        assert!(
            line.starts_with(&expected_start),
            "{line} vs {expected_start}"
        );
        let at = line.rsplit(',').next().unwrap_or("");
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(at).ok(),
            chrono::DateTime::parse_from_rfc3339(row["updatedAt"].as_str().unwrap_or("")).ok()
        );
    }

    // Compressed on the way, the stream still ends cleanly.
    let gzipped = app
        .client
        .get(format!("{base}.csv"))
        .bearer_auth(&admin)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(gzipped.status(), 200);
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let bytes = gzipped.bytes().await.expect("the whole compressed stream");
    assert_eq!(bytes.get(..2), Some(&[0x1f_u8, 0x8b][..]), "a gzip stream");

    // JSON: the same rows as objects.
    let json_rows: Vec<Value> = app
        .client
        .get(format!(
            "{base}.json?unitIds={}&from=2024-03&to=2024-04",
            app.tree.commune
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("a JSON array");
    assert_eq!(json_rows.len(), 26);
    assert!(
        json_rows
            .iter()
            .all(|r| r["unit_code"] == "C1" && (r["month"] == 3 || r["month"] == 4))
    );

    // Paged files: `first` and the cursor in X-Next-Cursor, every row once, the same
    // lines as the stream (which SQLite writes itself).
    let mut after: Option<String> = None;
    let mut seen = 0;
    let mut paged_lines: Vec<String> = Vec::new();
    loop {
        let mut url = format!("{base}.csv?first=100");
        if let Some(c) = &after {
            url.push_str(&format!("&after={c}"));
        }
        let answer = app
            .client
            .get(url)
            .bearer_auth(&admin)
            .send()
            .await
            .expect("get");
        assert_eq!(answer.status(), 200);
        after = answer
            .headers()
            .get("x-next-cursor")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = answer.text().await.expect("body");
        seen += body.lines().count() - 1;
        paged_lines.extend(body.lines().skip(1).map(str::to_owned));
        if after.is_none() {
            break;
        }
    }
    assert_eq!(seen, pages.len());
    assert_eq!(
        paged_lines, from_csv,
        "the stream and the pages write the same lines"
    );
    let streamed_json: Vec<Value> = app
        .client
        .get(format!("{base}.json"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("a JSON array");
    let paged_json: Vec<Value> = app
        .client
        .get(format!("{base}.json?first=10000"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("a JSON array");
    assert_eq!(streamed_json, paged_json);
    assert_eq!(streamed_json.len(), pages.len());

    // Bad parameters: the field at fault, nothing streamed.
    for (query, field) in [
        ("first=0", "first"),
        ("from=2024-13", "from"),
        ("unitId=1", "unitId"),
    ] {
        let answer = app
            .client
            .get(format!("{base}.csv?{query}"))
            .bearer_auth(&admin)
            .send()
            .await
            .expect("get");
        assert_eq!(answer.status(), 400, "{query}");
        let body: Value = answer.json().await.expect("json error");
        assert_eq!(error_code(&body), Some("VALIDATION"));
        assert_eq!(error_field(&body), Some(field));
    }
}

/// The `python` block of the README's "For reporting systems" section, run as it is with
/// the `gql` client against this server.
async fn the_readme_python_example_runs_unchanged_against_a_real_server(app: TestApp) {
    let mut rows = month_rows("C1", 2024, 1, 2);
    rows.extend(month_rows("C2", 2024, 1, 3));
    assert_ok(&import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await);
    let token = api_token(&app, "Hệ thống báo cáo", app.tree.province).await;
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let script = readme_python_example(&readme);
    let address = app.address.clone();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg("-c")
            .arg(&script)
            .env("CHITIEU_URL", &address)
            .env("CHITIEU_TOKEN", &token)
            .output()
    })
    .await
    .expect("join")
    .expect("python3 runs (scripts/test installs the gql client)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the README example failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("caller: API_TOKEN Hệ thống báo cáo"),
        "{stdout}"
    );
    assert!(stdout.contains("values: 26 "), "{stdout}");
    assert!(stdout.contains("changed since: 0"), "{stdout}");
}

/// The code between the README's `reporting-example` marker and the end of its block.
fn readme_python_example(readme: &str) -> String {
    let start = readme
        .find("<!-- reporting-example -->")
        .expect("the README marks its reporting example");
    let block = &readme[start..];
    let code = block
        .split_once("```python\n")
        .map(|(_, rest)| rest)
        .expect("a python block follows the marker");
    code.split_once("\n```")
        .map(|(code, _)| code.to_owned())
        .expect("the block ends")
}

/// GraphiQL opens on a real example: its default query, as the page holds it, answers.
async fn graphiqls_default_query_answers_a_token_without_errors(app: TestApp) {
    assert_ok(
        &import_figures(
            &app,
            "admin",
            "a.csv",
            long_csv(&month_rows("C1", 2024, 1, 2)),
            false,
            false,
        )
        .await,
    );
    let token = api_token(&app, "Thử GraphiQL", app.tree.province).await;
    let page = include_str!("../../assets/vendor/graphiql/start.js");
    let start = page.find("defaultQuery:").expect("a default query");
    let end = start + page[start..].find("}));").expect("its end");
    // The query is written as JavaScript string literals joined by `+`.
    let query: String = page[start..end]
        .split('\'')
        .skip(1)
        .step_by(2)
        .collect::<String>()
        .replace("\\n", "\n");
    assert!(query.contains("measureValues"), "{query}");
    let body = app.gql(Some(&token), &query, json!({})).await;
    assert_ok(&body);
    assert_eq!(body["data"]["viewer"]["kind"], "API_TOKEN");
    assert_eq!(
        body["data"]["measureValues"]["rows"]
            .as_array()
            .map(Vec::len),
        Some(13)
    );
}

/// A reorganisation changes where figures count: a client syncing above the new parent gets
/// the moved unit's values with its next `updatedSince`, though no figure was written.
async fn a_move_brings_the_units_values_to_a_client_syncing_above_its_new_parent(app: TestApp) {
    let mut rows = month_rows("C1", 2025, 1, 2);
    rows.extend(month_rows("D1.1", 2025, 1, 3));
    assert_ok(&import_figures(&app, "admin", "a.csv", long_csv(&rows), false, false).await);
    let token = api_token(&app, "Kho của Sở", app.tree.department).await;
    let before = pull(&app, &token, 100, None, async |_| {}).await;
    assert_eq!(before.len(), 13, "only D1.1 below the department");
    let last = before
        .last()
        .and_then(|r| r["updatedAt"].as_str())
        .map(str::to_owned);

    let moved = app
        .as_user(
            "admin",
            "mutation($u: ID!, $p: ID!) { moveUnit(input: {unitId: $u, parentId: $p, effectiveOn: \"2025-01-01\", decision: \"12/NQ-HĐND\"}) { kind } }",
            json!({"u": app.tree.commune.to_string(), "p": app.tree.department.to_string()}),
        )
        .await;
    assert_ok(&moved);
    let since = pull(&app, &token, 100, last.as_deref(), async |_| {}).await;
    assert_eq!(since.len(), 13, "{since:?}");
    assert!(since.iter().all(|r| r["unit"]["code"] == "C1"));
}

/// A new API token of `unit`, as the ADMIN makes it.
async fn api_token(app: &TestApp, name: &str, unit: shared::ids::UnitId) -> String {
    let created = app
        .as_user(
            "admin",
            "mutation($n: String!, $u: ID!) { createApiToken(name: $n, unitId: $u) { token } }",
            json!({"n": name, "u": unit.to_string()}),
        )
        .await;
    assert_ok(&created);
    created["data"]["createApiToken"]["token"]
        .as_str()
        .expect("token")
        .to_owned()
}
