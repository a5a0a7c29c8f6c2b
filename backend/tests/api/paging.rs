//! Paged lists: `unitsPage`, `staffPage`, `targetsPage`, `violationsPage`, `auditLogPage`
//! and `publishedRankingsPage` walked in small pages give every row of their unpaged list
//! exactly once, in their documented order, with a right total; bad page sizes and cursors
//! are refused; a caller scoped to a commune sees nothing of another unit through them.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;
use std::collections::HashSet;

both_databases!(
    every_paged_list_gives_each_row_of_its_list_once_in_its_order,
    a_bad_page_size_or_cursor_is_refused_on_its_argument,
    a_caller_scoped_to_a_commune_pages_through_its_own_rows_only,
);

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

/// A list and how to page it: the paged field and its document (with `$first` and
/// `$after`), the unpaged field with the same filters and its document, and their
/// variables.
struct List {
    field: &'static str,
    paged: String,
    unpaged_field: &'static str,
    unpaged: String,
    vars: Value,
}

/// The list `field` filtered by `args` (which may use the variable `$u`, declared by
/// `decl`), its rows answered with `rows`; `unpaged` is the unpaged field (`auditLog` is
/// asked for up to 1,000 entries).
fn list(field: &'static str, unpaged: &'static str, decl: &str, args: &str, rows: &str) -> List {
    let sep = if args.is_empty() { "" } else { ", " };
    let paged = format!(
        "query($first: Int!, $after: String{sep}{decl}) {{ {field}({args}{sep}first: $first, after: $after) {{ rows {{ {rows} }} totalCount endCursor hasNextPage }} }}"
    );
    let limit = if unpaged == "auditLog" {
        "limit: 1000"
    } else {
        ""
    };
    let all_args = [args, limit]
        .into_iter()
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let call = if all_args.is_empty() {
        unpaged.to_owned()
    } else {
        format!("{unpaged}({all_args})")
    };
    let head = if decl.is_empty() {
        "query".to_owned()
    } else {
        format!("query({decl})")
    };
    List {
        field,
        paged,
        unpaged_field: unpaged,
        unpaged: format!("{head} {{ {call} {{ {rows} }} }}"),
        vars: json!({}),
    }
}

impl List {
    fn with(mut self, vars: Value) -> List {
        self.vars = vars;
        self
    }
}

/// Every row of `list` as `token` sees it, walked `first` rows at a time: checks that each
/// page but the last is full and says a next page follows, that the last has no cursor,
/// and that every page tells the same total, the number of rows.
async fn walk(app: &TestApp, token: &str, list: &List, first: usize) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut after: Option<String> = None;
    let mut totals = HashSet::new();
    for _ in 0..10_000 {
        let mut vars = list.vars.clone();
        vars["first"] = json!(first);
        vars["after"] = json!(after);
        let body = ok(app.gql(Some(token), &list.paged, vars).await);
        let page = &body["data"][list.field];
        let got = page["rows"].as_array().expect("rows").clone();
        totals.insert(page["totalCount"].as_u64().expect("totalCount"));
        let more = page["hasNextPage"].as_bool().expect("hasNextPage");
        rows.extend(got.iter().cloned());
        if !more {
            assert!(page["endCursor"].is_null(), "{}: {page}", list.field);
            assert!(got.len() <= first);
            break;
        }
        assert_eq!(
            got.len(),
            first,
            "{}: a page before the last is full",
            list.field
        );
        after = Some(
            page["endCursor"]
                .as_str()
                .expect("a cursor while more follow")
                .to_owned(),
        );
    }
    assert_eq!(
        totals,
        HashSet::from([rows.len() as u64]),
        "{}: totalCount",
        list.field
    );
    rows
}

/// The rows of the unpaged list.
async fn unpaged(app: &TestApp, token: &str, list: &List) -> Vec<Value> {
    let body = ok(app.gql(Some(token), &list.unpaged, list.vars.clone()).await);
    body["data"][list.unpaged_field]
        .as_array()
        .expect("a list")
        .clone()
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter()
        .map(|r| {
            r["id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("an id")
        })
        .collect()
}

fn same_set(a: &[i64], b: &[i64]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

async fn create(app: &TestApp, query: &str, vars: Value, field: &str) -> String {
    let body = ok(app.as_user("admin", query, vars).await);
    body["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{field}: {body}"))
        .to_owned()
}

/// More of everything than a few pages: units, staff, targets, violations, rankings (and
/// the audit entries of all that).
async fn fixtures(app: &TestApp) {
    let t = &app.tree;
    for n in 0..6 {
        let code = format!("P0{n}");
        create(
            app,
            "mutation($c: String!, $p: ID) { createUnit(input: {code: $c, name: \"Xã Mẫu\", kind: COMMUNE, parentId: $p}) { id } }",
            json!({"c": code, "p": t.province.to_string()}),
            "createUnit",
        )
        .await;
    }
    for (n, unit) in [
        t.department,
        t.division,
        t.department,
        t.commune,
        t.division,
        t.other_commune,
        t.department,
    ]
    .into_iter()
    .enumerate()
    {
        create(
            app,
            "mutation($u: ID!, $n: String!, $h: Boolean) { createStaff(input: {unitId: $u, fullName: $n, position: \"Chuyên viên\", isHead: $h}) { id } }",
            json!({"u": unit.to_string(), "n": format!("Cán bộ {n}"), "h": n % 3 == 0}),
            "createStaff",
        )
        .await;
    }
    let decision = app.decision("12/QĐ-UBND", 2023).await;
    for unit in [
        t.province,
        t.department,
        t.division,
        t.commune,
        t.other_commune,
    ] {
        for code in ["DIGITIZATION_RATE", "FULL_ONLINE_RATE"] {
            set_target(app, &decision, unit, code, 80.0, None).await;
        }
    }
    for (n, unit) in [
        t.commune,
        t.division,
        t.other_commune,
        t.commune,
        t.department,
        t.division,
        t.commune,
    ]
    .into_iter()
    .enumerate()
    {
        // Days out of order, so that the order by id differs from the order by day.
        let day = format!("2023-0{}-1{}", 7 - n % 4, n);
        create(
            app,
            "mutation($u: ID!, $d: Date!) { recordViolation(input: {unitId: $u, occurredOn: $d, kind: DELAY, description: \"Trễ hạn\"}) { id } }",
            json!({"u": unit.to_string(), "d": day}),
            "recordViolation",
        )
        .await;
    }
    for (year, kind) in [
        (2023, "COMMUNE"),
        (2023, "DEPARTMENT"),
        (2022, "COMMUNE"),
        (2023, "COMMUNE"),
        (2023, "COMMUNE"),
    ] {
        create(
            app,
            "mutation($p: PeriodInput!, $k: UnitKind!) { publishRanking(period: $p, kind: $k, confirmEmpty: true) { id } }",
            json!({"p": {"year": year, "kind": "YEAR"}, "k": kind}),
            "publishRanking",
        )
        .await;
    }
}

fn lists() -> Vec<List> {
    vec![
        list("unitsPage", "units", "", "", "id code"),
        list("unitsPage", "units", "", "kind: COMMUNE", "id code"),
        list(
            "staffPage",
            "staff",
            "$u: ID!",
            "unitId: $u, includeSubtree: true",
            "id unit { id }",
        ),
        list("targetsPage", "targets", "", "year: 2023", "id"),
        list(
            "targetsPage",
            "targets",
            "",
            "year: 2023, indicatorCode: \"FULL_ONLINE_RATE\"",
            "id",
        ),
        list("violationsPage", "violations", "", "", "id"),
        list(
            "violationsPage",
            "violations",
            "$u: ID",
            "unitId: $u, year: 2023",
            "id",
        ),
        list("auditLogPage", "auditLog", "", "", "id"),
        list("auditLogPage", "auditLog", "", "entity: \"staff\"", "id"),
        list("publishedRankingsPage", "publishedRankings", "", "", "id"),
        list(
            "publishedRankingsPage",
            "publishedRankings",
            "",
            "year: 2023",
            "id",
        ),
    ]
}

async fn every_paged_list_gives_each_row_of_its_list_once_in_its_order(app: TestApp) {
    fixtures(&app).await;
    let token = app.token("admin").await;
    let root = json!({"u": app.tree.province.to_string()});
    for list in lists() {
        let list = list.with(root.clone());
        let whole = unpaged(&app, &token, &list).await;
        assert!(
            whole.len() >= 4,
            "{}: enough rows to page: {whole:?}",
            list.field
        );
        for first in [2, 3] {
            let paged = walk(&app, &token, &list, first).await;
            let (got, want) = (ids(&paged), ids(&whole));
            assert_eq!(
                got.iter().collect::<HashSet<_>>().len(),
                got.len(),
                "{}: a row twice: {got:?}",
                list.field
            );
            assert!(
                same_set(&got, &want),
                "{}: {got:?} against {want:?}",
                list.field
            );
            // The documented order.
            let mut sorted = paged.clone();
            match list.field {
                "unitsPage" => sorted.sort_by_key(|r| {
                    (
                        r["code"].as_str().unwrap().to_owned(),
                        r["id"].as_str().unwrap().parse::<i64>().unwrap(),
                    )
                }),
                "staffPage" => sorted.sort_by_key(|r| {
                    (
                        r["unit"]["id"].as_str().unwrap().parse::<i64>().unwrap(),
                        r["id"].as_str().unwrap().parse::<i64>().unwrap(),
                    )
                }),
                "targetsPage" => {
                    sorted.sort_by_key(|r| r["id"].as_str().unwrap().parse::<i64>().unwrap())
                }
                _ => sorted.sort_by_key(|r| {
                    std::cmp::Reverse(r["id"].as_str().unwrap().parse::<i64>().unwrap())
                }),
            }
            assert_eq!(paged, sorted, "{}: order", list.field);
        }
    }
    // A page as large as the list is the whole list, and says so.
    let body = ok(app
        .gql(
            Some(&token),
            "{ targetsPage(year: 2023, first: 1000) { rows { id } totalCount endCursor hasNextPage } }",
            json!({}),
        )
        .await);
    let page = &body["data"]["targetsPage"];
    assert_eq!(page["totalCount"], 10);
    assert_eq!(page["rows"].as_array().map(Vec::len), Some(10));
    assert_eq!(page["hasNextPage"], false);
    assert!(page["endCursor"].is_null());
    // Without `first`: pages of 100.
    let body = ok(app
        .gql(
            Some(&token),
            "{ auditLogPage { rows { id } totalCount } }",
            json!({}),
        )
        .await);
    let total = body["data"]["auditLogPage"]["totalCount"].as_u64().unwrap();
    let rows = body["data"]["auditLogPage"]["rows"]
        .as_array()
        .unwrap()
        .len() as u64;
    assert_eq!(rows, total.min(100));
}

async fn a_bad_page_size_or_cursor_is_refused_on_its_argument(app: TestApp) {
    fixtures(&app).await;
    let token = app.token("admin").await;
    let page = |field: &str| {
        let args = match field {
            "staffPage" => format!("unitId: \"{}\", includeSubtree: true, ", app.tree.province),
            "targetsPage" => "year: 2023, ".to_owned(),
            _ => String::new(),
        };
        format!(
            "query($first: Int!, $after: String) {{ {field}({args}first: $first, after: $after) {{ rows {{ id }} endCursor }} }}"
        )
    };
    let fields = [
        "unitsPage",
        "staffPage",
        "targetsPage",
        "violationsPage",
        "auditLogPage",
        "publishedRankingsPage",
    ];
    // A cursor of each list, to hand to the others.
    let mut cursors = Vec::new();
    for field in fields {
        let body = ok(app
            .gql(Some(&token), &page(field), json!({"first": 1}))
            .await);
        let cursor = body["data"][field]["endCursor"]
            .as_str()
            .expect("a cursor")
            .to_owned();
        cursors.push((field, cursor));
    }
    for field in fields {
        for first in [0, -1, 1001] {
            let body = app
                .gql(Some(&token), &page(field), json!({"first": first}))
                .await;
            assert_error(&body, "VALIDATION");
            assert_eq!(error_field(&body), Some("first"), "{field}: {body}");
        }
        let mut bad: Vec<String> = ["", "!!", "dW5pdHM", &"A".repeat(600)]
            .map(str::to_owned)
            .to_vec();
        bad.extend(
            cursors
                .iter()
                .filter(|(f, _)| *f != field)
                .map(|(_, c)| c.clone()),
        );
        for after in bad {
            let body = app
                .gql(
                    Some(&token),
                    &page(field),
                    json!({"first": 2, "after": after}),
                )
                .await;
            assert_error(&body, "VALIDATION");
            assert_eq!(
                error_field(&body),
                Some("after"),
                "{field} after {after:?}: {body}"
            );
        }
        let own = &cursors.iter().find(|(f, _)| *f == field).unwrap().1;
        ok(app
            .gql(
                Some(&token),
                &page(field),
                json!({"first": 2, "after": own}),
            )
            .await);
    }
}

async fn a_caller_scoped_to_a_commune_pages_through_its_own_rows_only(app: TestApp) {
    fixtures(&app).await;
    let t = app.tree.clone();
    let c1 = t.commune.to_string();
    let body = ok(app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng xã\", unitId: $u) { token } }",
            json!({"u": c1}),
        )
        .await);
    let api_token = body["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let officer = app.token("officer").await;
    for token in [officer, api_token] {
        let only_c1 = |rows: &[Value], unit: &dyn Fn(&Value) -> Value| {
            assert!(!rows.is_empty());
            for r in rows {
                assert_eq!(unit(r), json!(c1), "{r}");
            }
        };
        let units = walk(&app, &token, &list("unitsPage", "units", "", "", "id"), 2).await;
        only_c1(&units, &|r| r["id"].clone());
        let staff = list(
            "staffPage",
            "staff",
            "$u: ID!",
            "unitId: $u, includeSubtree: true",
            "id unit { id }",
        );
        let mine = walk(&app, &token, &staff.with(json!({"u": c1})), 2).await;
        only_c1(&mine, &|r| r["unit"]["id"].clone());
        for outside in [t.province, t.other_commune, t.department] {
            let body = app
                .gql(
                    Some(&token),
                    "query($u: ID!) { staffPage(unitId: $u, includeSubtree: true) { rows { id } totalCount } }",
                    json!({"u": outside.to_string()}),
                )
                .await;
            assert_error(&body, "NOT_FOUND");
        }
        for unit in [None, Some(t.other_commune), Some(t.province)] {
            let targets = list(
                "targetsPage",
                "targets",
                "$u: ID",
                "year: 2023, unitId: $u",
                "id unit { id }",
            )
            .with(json!({"u": unit.map(|u: UnitId| u.to_string())}));
            let rows = walk(&app, &token, &targets, 1).await;
            if unit.is_none() {
                only_c1(&rows, &|r| r["unit"]["id"].clone());
            } else {
                assert!(rows.is_empty(), "{rows:?}");
            }
        }
        let violations = list("violationsPage", "violations", "", "", "id unit { id }");
        let violations = walk(&app, &token, &violations, 2).await;
        only_c1(&violations, &|r| r["unit"]["id"].clone());
        assert_eq!(violations.len(), 3);
        let body = app
            .gql(
                Some(&token),
                "query($u: ID) { violationsPage(unitId: $u) { rows { id } } }",
                json!({"u": t.other_commune.to_string()}),
            )
            .await;
        assert_error(&body, "NOT_FOUND");
        let body = app
            .gql(Some(&token), "{ auditLogPage { rows { id } } }", json!({}))
            .await;
        assert_error(&body, "FORBIDDEN");
        let rankings = walk(
            &app,
            &token,
            &list(
                "publishedRankingsPage",
                "publishedRankings",
                "",
                "",
                "id rows { unit { id } }",
            ),
            2,
        )
        .await;
        assert_eq!(
            rankings.len(),
            5,
            "every ranking, its rows cut to the scope"
        );
        for r in &rankings {
            for row in r["rows"].as_array().unwrap() {
                assert_eq!(row["unit"]["id"], json!(c1), "{r}");
            }
        }
    }
}
