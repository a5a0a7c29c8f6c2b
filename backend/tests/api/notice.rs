//! The results notice (`GET /export/notice`): a PDF of one to three pages whose text — read
//! back through its fonts' Unicode maps — holds the title, the unit, the period, the
//! ranking, who is off track and who reported late; the caller's scope applies; bad
//! parameters are refused in Vietnamese with their field.

use crate::both_databases;
use crate::helpers::*;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

both_databases!(
    the_provinces_notice_shows_its_ranking_off_track_and_late_units,
    a_notice_outside_the_callers_scope_is_not_found,
    bad_notice_parameters_are_refused_in_vietnamese,
);

struct Pdf {
    status: u16,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

impl Pdf {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// The pages' text, page by page, every run of white space as one space (the lines of
    /// a wrapped title read as one).
    fn pages(&self) -> Vec<String> {
        let doc = lopdf::Document::load_mem(&self.bytes).expect("a PDF file");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        pages
            .iter()
            .map(|p| {
                let text = doc.extract_text(&[*p]).expect("text of a page");
                text.split_whitespace().collect::<Vec<_>>().join(" ") + " "
            })
            .collect()
    }
}

async fn get(app: &TestApp, user: &str, query: &str) -> Pdf {
    let resp = app
        .client
        .get(format!("{}/export/notice?{query}", app.address))
        .bearer_auth(app.token(user).await)
        .send()
        .await
        .expect("send");
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    Pdf {
        status: resp.status().as_u16(),
        content_type,
        disposition,
        bytes: resp.bytes().await.expect("body").to_vec(),
    }
}

/// Stops the instance's clock at noon in Vietnam on a day of 2026.
fn at(app: &TestApp, m: u32, d: u32) {
    let instant = Utc
        .with_ymd_and_hms(2026, m, d, 5, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("no such day 2026-{m}-{d}"));
    app.db.clock().set(instant);
}

async fn submit(app: &TestApp, unit: shared::ids::UnitId, month: i32) {
    assert_ok(
        &app.as_user(
            "admin",
            "mutation($u: ID!, $m: Int!) { submitMonthlyReport(unitId: $u, year: 2026, month: $m) { status } }",
            json!({"u": unit.to_string(), "m": month}),
        )
        .await,
    );
}

/// Decision 7/QĐ-UBND gives C1 and C2 a FULL_ONLINE_RATE target of 60 % from a baseline of
/// 20 %, split by quarter (milestone 30 % at March). In March C1 settles 50 % fully online and submits on
/// 3 April (on time); C2 settles 5 % (off track) and submits on 8 April, three days after
/// the deadline of the 5th. The notice is read on 9 April.
async fn arrange(app: &TestApp) {
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    let decision = app.decision("7/QĐ-UBND", 2026).await;
    for unit in [c1, c2] {
        let target = set_target(app, &decision, unit, "FULL_ONLINE_RATE", 60.0, Some(20.0)).await;
        assert_ok(
            &app.as_user(
                "admin",
                "mutation($t: ID!) { splitTarget(targetId: $t, method: LINEAR, grain: QUARTER) { id } }",
                json!({"t": target}),
            )
            .await,
        );
    }
    at(app, 4, 3);
    let good = [
        ("RECEIVED", 1000),
        ("RECEIVED_ONLINE", 900),
        ("FULL_ONLINE", 500),
    ];
    assert_ok(&app.save_month("admin", c1, 2026, 3, &good, None).await);
    submit(app, c1, 3).await;
    at(app, 4, 8);
    let poor = [
        ("RECEIVED", 1000),
        ("RECEIVED_ONLINE", 300),
        ("FULL_ONLINE", 50),
    ];
    assert_ok(&app.save_month("admin", c2, 2026, 3, &poor, None).await);
    submit(app, c2, 3).await;
    at(app, 4, 9);
}

async fn the_provinces_notice_shows_its_ranking_off_track_and_late_units(app: TestApp) {
    arrange(&app).await;
    let province = app.tree.province;
    let started = std::time::Instant::now();
    let pdf = get(&app, "admin", &format!("unit={province}&year=2026&month=3")).await;
    let took = started.elapsed();
    assert_eq!(pdf.status, 200, "{:?}", pdf.json());
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert!(
        pdf.disposition
            .starts_with("attachment; filename=\"Thong-bao-ket-qua")
            && pdf
                .disposition
                .contains("filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3")
            && pdf.disposition.ends_with(".pdf"),
        "{}",
        pdf.disposition
    );
    let pages = pdf.pages();
    assert!((1..=3).contains(&pages.len()), "{} pages", pages.len());
    let text = pages.concat();
    for expected in [
        "TỈNH THỬ NGHIỆM",
        "THÔNG BÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU DỊCH VỤ CÔNG TRỰC TUYẾN",
        "Đơn vị: Tỉnh Thử nghiệm",
        "Kỳ: Tháng 3/2026",
        "Ngày ban hành: 09/04/2026",
        "II. XẾP HẠNG CÁC ĐƠN VỊ",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    for (i, page) in pages.iter().enumerate() {
        let foot = format!(
            "Thông báo kết quả — Tỉnh Thử nghiệm — Tháng 3/2026 — Trang {}/{}",
            i + 1,
            pages.len()
        );
        assert!(
            page.contains(&foot),
            "page {} names its period: {page}",
            i + 1
        );
    }
    // The ranking: Xã Một first among the communes, then Xã Hai.
    let ranking = section(&text, "II. XẾP HẠNG", "III.");
    let (first, second) = (ranking.find("1 Xã Một "), ranking.find("2 Xã Hai "));
    assert!(
        matches!((first, second), (Some(a), Some(b)) if a < b),
        "{ranking}"
    );
    assert!(ranking.contains("Sở Một"), "{ranking}");
    // Off track: Xã Hai on the full-online rate; Xã Một is not listed.
    let watch = section(&text, "III. ĐƠN VỊ CHẬM", "IV.");
    assert!(watch.contains("Xã Hai"), "{watch}");
    assert!(!watch.contains("Xã Một"), "{watch}");
    // Late: Xã Hai's March, due 05/04, sent 08/04, three days late; Xã Một was on time.
    let late = section(&text, "IV. ĐƠN VỊ GỬI BÁO CÁO CHẬM", "Thông báo được lập");
    assert!(
        late.contains("Xã Hai") && late.contains("05/04/2026") && late.contains("08/04/2026"),
        "{late}"
    );
    assert!(!late.contains("Xã Một"), "{late}");
    println!(
        "notice of the test province: {} bytes, {} page(s), {took:?}",
        pdf.bytes.len(),
        pages.len()
    );

    // By unit code, and for a quarter, as a manager of the province.
    let quarter = get(
        &app,
        "province_manager",
        "unit=C1&year=2026&period=QUARTER&index=1",
    )
    .await;
    assert_eq!(quarter.status, 200, "{:?}", quarter.json());
    let text = quarter.pages().concat();
    assert!(
        text.contains("Đơn vị: Xã Một") && text.contains("Quý 1/2026"),
        "{text}"
    );
    assert!(text.contains("Đơn vị không có đơn vị trực thuộc"), "{text}");
}

/// The text between two headings.
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} in {text}"));
    let rest = &text[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    &rest[..end]
}

async fn a_notice_outside_the_callers_scope_is_not_found(app: TestApp) {
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    let own = get(&app, "officer", &format!("unit={c1}&year=2026&month=3")).await;
    assert_eq!(own.status, 200, "{:?}", own.json());
    let unnamed = get(&app, "officer", "year=2026&month=3").await;
    assert_eq!(unnamed.status, 200, "{:?}", unnamed.json());
    assert_eq!(
        unnamed.pages(),
        own.pages(),
        "without a unit the notice is of the caller's own unit"
    );
    for (user, unit) in [
        ("officer", c2.to_string()),
        ("officer", app.tree.province.to_string()),
        ("manager", "C1".to_owned()),
    ] {
        let refused = get(&app, user, &format!("unit={unit}&year=2026&month=3")).await;
        assert_eq!(refused.status, 404, "{user} on {unit}");
        assert_eq!(
            refused.json()["errors"][0]["extensions"]["code"],
            "NOT_FOUND",
            "{user} on {unit}"
        );
        assert!(!refused.bytes.starts_with(b"%PDF"));
    }
    let anonymous = app
        .client
        .get(format!(
            "{}/export/notice?unit={c1}&year=2026&month=3",
            app.address
        ))
        .send()
        .await
        .expect("send");
    assert_eq!(anonymous.status().as_u16(), 401);
}

async fn bad_notice_parameters_are_refused_in_vietnamese(app: TestApp) {
    let t = app.tree.province;
    for (query, field, words) in [
        (format!("unit={t}&month=3"), "year", "Hãy chọn năm"),
        (
            format!("unit={t}&year=abc&month=3"),
            "year",
            "phải là số nguyên",
        ),
        (
            format!("unit={t}&year=2026&month=13"),
            "index",
            "tháng từ 1 đến 12",
        ),
        (format!("unit={t}&year=2026"), "index", "tháng từ 1 đến 12"),
        (
            format!("unit={t}&year=2026&period=QUARTER&index=5"),
            "index",
            "quý từ 1 đến 4",
        ),
        (
            format!("unit={t}&year=2026&period=WEEK&month=3"),
            "period",
            "không hợp lệ",
        ),
        (
            format!("unit={t}&year=2026&month=3&format=xlsx"),
            "format",
            "chỉ có định dạng PDF",
        ),
    ] {
        let d = get(&app, "admin", &query).await;
        let e = &d.json()["errors"][0];
        assert_eq!(d.status, 400, "{query}: {e}");
        assert_eq!(e["extensions"]["code"], "VALIDATION", "{query}");
        assert_eq!(e["extensions"]["field"], field, "{query}: {e}");
        let message = e["message"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{query}: {message}");
    }
    let missing = get(&app, "admin", "unit=999999&year=2026&month=3").await;
    assert_eq!(missing.status, 404);
}
