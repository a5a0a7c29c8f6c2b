//! The language of the API's lists and the catalogue: names in Vietnamese alphabetical order
//! (not by code point) on SQLite and PostgreSQL alike, and the English names of measures
//! and indicators, read and edited through GraphQL.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};

both_databases!(
    units_and_staff_are_listed_in_vietnamese_order,
    the_default_catalogue_has_english_names_and_an_admin_edits_them,
    an_english_name_too_long_is_refused_on_name_en_and_changes_nothing,
    only_the_admin_edits_a_measure,
);

both_databases!(qd766: the_national_index_has_english_names,);

const CREATE_UNIT: &str = "mutation($c: String!, $n: String!, $p: ID) { createUnit(input: {code: $c, name: $n, kind: COMMUNE, parentId: $p}) { id } }";

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|u| {
            u["name"]
                .as_str()
                .or(u["fullName"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn position(list: &[String], name: &str) -> usize {
    list.iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("{name} is not in {list:?}"))
}

async fn units_and_staff_are_listed_in_vietnamese_order(app: TestApp) {
    // Written in code point order, which Vietnamese reverses pair by pair.
    for (code, name) in [
        ("X1", "Xã Hòa Lợi"),
        ("X2", "Xã Hòa Điền"),
        ("X3", "Xã Thạnh Phú"),
        ("X4", "Xã Tân An"),
    ] {
        let body = app
            .as_user(
                "admin",
                CREATE_UNIT,
                json!({"c": code, "n": name, "p": app.tree.province.to_string()}),
            )
            .await;
        assert_ok(&body);
    }
    let body = app
        .as_user(
            "admin",
            "query($p: ID) { units(parentId: $p) { name } }",
            json!({"p": app.tree.province.to_string()}),
        )
        .await;
    assert_ok(&body);
    let units = names(&body["data"]["units"]);
    assert!(
        position(&units, "Xã Hòa Điền") < position(&units, "Xã Hòa Lợi"),
        "{units:?}"
    );
    assert!(
        position(&units, "Xã Tân An") < position(&units, "Xã Thạnh Phú"),
        "{units:?}"
    );
    // A unit's children, through the object, in the same order.
    let body = app
        .as_user(
            "admin",
            "query($id: ID!) { unit(id: $id) { children { name } } }",
            json!({"id": app.tree.province.to_string()}),
        )
        .await;
    let children = names(&body["data"]["unit"]["children"]);
    assert!(
        position(&children, "Xã Hòa Điền") < position(&children, "Xã Hòa Lợi"),
        "{children:?}"
    );

    // Staff: "Đỗ" before "Hà" (Đ follows D), though Đ is far after H by code point.
    for name in ["Hà Văn Bình", "Đỗ Thị An", "Dương Văn Cường"] {
        let body = app
            .as_user(
                "admin",
                "mutation($u: ID!, $n: String!) { createStaff(input: {unitId: $u, fullName: $n, position: \"Chuyên viên\"}) { id } }",
                json!({"u": app.tree.commune.to_string(), "n": name}),
            )
            .await;
        assert_ok(&body);
    }
    let body = app
        .as_user(
            "admin",
            "query($u: ID!) { staff(unitId: $u) { fullName } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(
        names(&body["data"]["staff"]),
        ["Dương Văn Cường", "Đỗ Thị An", "Hà Văn Bình"]
    );
}

const CATALOGUE: &str =
    "{ measures { code name nameEn } indicators { code name nameEn numerator { nameEn } } }";

fn english_of(list: &Value, code: &str) -> Option<String> {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"))["nameEn"]
        .as_str()
        .map(str::to_owned)
}

async fn the_default_catalogue_has_english_names_and_an_admin_edits_them(app: TestApp) {
    let body = app.as_user("viewer", CATALOGUE, json!({})).await;
    assert_ok(&body);
    let d = &body["data"];
    for m in d["measures"].as_array().unwrap() {
        assert!(m["nameEn"].as_str().is_some_and(|n| !n.is_empty()), "{m}");
    }
    for i in d["indicators"].as_array().unwrap() {
        assert!(i["nameEn"].as_str().is_some_and(|n| !n.is_empty()), "{i}");
    }
    assert_eq!(
        english_of(&d["measures"], "RECEIVED").as_deref(),
        Some("Dossiers received")
    );
    assert_eq!(
        english_of(&d["indicators"], "FULL_ONLINE_RATE").as_deref(),
        Some("Fully online rate")
    );

    // The admin renames in English; a blank English name removes it.
    let body = app
        .as_user(
            "admin",
            "mutation { updateIndicator(code: \"REUSE_RATE\", input: {nameEn: \"  Data reuse rate \"}) { nameEn name } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["updateIndicator"]["nameEn"], "Data reuse rate");
    assert_eq!(
        body["data"]["updateIndicator"]["name"],
        "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa"
    );
    let body = app
        .as_user(
            "admin",
            "mutation { updateMeasure(code: \"REUSED\", input: {nameEn: \"Reused dossiers\"}) { code name nameEn } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["updateMeasure"]["nameEn"], "Reused dossiers");
    assert_eq!(
        body["data"]["updateMeasure"]["name"],
        "Hồ sơ khai thác dữ liệu số hóa"
    );
    let body = app
        .as_user(
            "admin",
            "mutation { updateMeasure(code: \"REUSED\", input: {nameEn: \" \"}) { nameEn } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["updateMeasure"]["nameEn"], Value::Null);
    // A new measure and indicator may carry one from the start.
    let body = app
        .as_user(
            "admin",
            "mutation { createMeasure(input: {code: \"NEW_ONE\", name: \"Hồ sơ mới\", nameEn: \"New dossiers\"}) { nameEn } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["createMeasure"]["nameEn"], "New dossiers");
    // Every edit is audited.
    let body = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"measure\") { action } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    let edits = body["data"]["auditLog"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "updateMeasure")
        .count();
    assert_eq!(edits, 2, "{body}");
}

async fn an_english_name_too_long_is_refused_on_name_en_and_changes_nothing(app: TestApp) {
    let long = "x".repeat(256);
    for query in [
        "mutation($n: String!) { updateIndicator(code: \"REUSE_RATE\", input: {nameEn: $n}) { nameEn } }",
        "mutation($n: String!) { updateMeasure(code: \"REUSED\", input: {nameEn: $n}) { nameEn } }",
    ] {
        let body = app.as_user("admin", query, json!({"n": long})).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("nameEn"), "{body}");
    }
    let body = app.as_user("admin", CATALOGUE, json!({})).await;
    assert_eq!(
        english_of(&body["data"]["indicators"], "REUSE_RATE").as_deref(),
        Some("Digitised data reuse rate")
    );
    assert_eq!(
        english_of(&body["data"]["measures"], "REUSED").as_deref(),
        Some("Dossiers reusing digitised data")
    );
    let body = app
        .as_user(
            "admin",
            "mutation { updateMeasure(code: \"NO_SUCH\", input: {nameEn: \"X\"}) { nameEn } }",
            json!({}),
        )
        .await;
    assert_error(&body, "NOT_FOUND");
}

async fn only_the_admin_edits_a_measure(app: TestApp) {
    for user in ["manager", "officer", "viewer"] {
        let body = app
            .as_user(
                user,
                "mutation { updateMeasure(code: \"REUSED\", input: {nameEn: \"X\"}) { nameEn } }",
                json!({}),
            )
            .await;
        assert_error(&body, "FORBIDDEN");
    }
}

async fn the_national_index_has_english_names(app: TestApp) {
    let body = app.as_user("viewer", CATALOGUE, json!({})).await;
    assert_ok(&body);
    let d = &body["data"];
    assert_eq!(
        english_of(&d["measures"], "TTHC_PUBLISH_DUE").as_deref(),
        Some("Procedures due for publication")
    );
    assert_eq!(
        english_of(&d["indicators"], "DOSSIER_SATISFACTION_RATE").as_deref(),
        Some("Dossier satisfaction rate")
    );
    for i in d["indicators"].as_array().unwrap() {
        assert!(i["nameEn"].as_str().is_some_and(|n| !n.is_empty()), "{i}");
        assert!(i["numerator"]["nameEn"].as_str().is_some(), "{i}");
    }
}
