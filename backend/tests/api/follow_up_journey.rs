//! The follow-through of issue 17 end to end through the real HTTP endpoints, on both
//! databases: an approved OFF_TRACK month asks once and the head is told; the unit
//! explains with two actions and a real PDF uploaded to its evidence, the province's
//! manager accepts; a late action reaches its owner's to-do; an officer of another commune
//! gets 404 for the file; an HTML page renamed `.pdf` is refused; the request closes when a
//! later month is back on track.

use crate::both_databases;
use crate::follow_up::{
    approve_month, at, explanation, off_track_request, request, setup, submit, todo_of,
};
use crate::helpers::*;
use serde_json::{Value, json};

both_databases!(the_follow_through_of_an_off_track_month_runs_end_to_end_over_http);

/// A small but well-formed PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n";

/// Uploads `bytes` as `name` to a request's evidence as `user`: (status, JSON body).
async fn upload(
    app: &TestApp,
    user: &str,
    request: &str,
    name: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let token = app.token(user).await;
    let res = app
        .client
        .post(format!(
            "{}/files/explanations/{request}/evidence",
            app.address
        ))
        .query(&[("name", name)])
        .bearer_auth(token)
        .body(bytes.to_vec())
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// GETs an evidence file as `user`: (status, headers, bytes).
async fn download(
    app: &TestApp,
    user: &str,
    url: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let token = app.token(user).await;
    let res = app
        .client
        .get(format!("{}{url}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .expect("download");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (
        status,
        headers,
        res.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
    )
}

async fn the_follow_through_of_an_off_track_month_runs_end_to_end_over_http(app: TestApp) {
    let s = setup(&app).await;
    // An approved OFF_TRACK month asks once; reading asks nothing more.
    let id = off_track_request(&app).await;
    assert_eq!(crate::follow_up::requests(&app, "admin").await.len(), 1);
    // The head is told: an e-mail to the head's address in the outbox, and the unit's
    // manager has it in the to-do.
    let outbox = app
        .as_user(
            "admin",
            "{ notifications(limit: 100) { channel recipient subject } }",
            json!({}),
        )
        .await;
    let told = outbox["data"]["notifications"].as_array().is_some_and(|l| {
        l.iter().any(|n| {
            n["recipient"] == "truong@xa1.test"
                && n["subject"]
                    .as_str()
                    .is_some_and(|t| t.contains("Yêu cầu giải trình"))
        })
    });
    assert!(told, "{outbox}");
    assert_eq!(todo_of(&app, "truong_c1", "EXPLANATION_DUE").await.len(), 1);

    // The unit explains with two actions and a real PDF; the manager above accepts.
    let (status, file) = upload(&app, "officer", &id, "bao-cao-giai-trinh.pdf", PDF).await;
    assert_eq!(status, 201, "{file}");
    assert_eq!(file["contentType"], "application/pdf");
    let url = file["url"].as_str().unwrap_or_default().to_owned();
    assert!(url.starts_with("/files/evidence/"), "{file}");
    // An HTML page renamed .pdf is refused for what it is.
    let page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    let (status, refused) = upload(&app, "officer", &id, "khong-phai-pdf.pdf", page).await;
    assert_eq!(status, 415, "{refused}");
    assert_eq!(refused["code"], "VALIDATION");
    assert_eq!(refused["field"], "file");
    let given = explanation(
        &id,
        &s.cause,
        "Người dân chưa quen nộp hồ sơ trực tuyến",
        &[
            (
                None,
                "Bố trí thêm một cán bộ một cửa",
                &s.clerk,
                "2026-03-05",
            ),
            (None, "Tập huấn cán bộ một cửa", &s.head, "2026-04-30"),
        ],
    );
    assert_ok(&submit(&app, "officer", given).await);
    let accept = "mutation($r: ID!) { acceptExplanation(requestId: $r) { status } }";
    let body = app
        .as_user("province_manager", accept, json!({"r": id}))
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["acceptExplanation"]["status"], "ACCEPTED");
    let r = request(&app, "province_manager", &id).await;
    assert_eq!(r["actions"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["evidence"].as_array().map(Vec::len), Some(1), "{r}");
    assert_eq!(r["evidence"][0]["url"], url.as_str());
    // The manager above reads the bytes back, as a download never rendered.
    let (status, headers, bytes) = download(&app, "province_manager", &url).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.starts_with("attachment"))
    );

    // An OFFICER of another commune gets the 404 of a file that does not exist.
    let (status, _, leaked) = download(&app, "officer_c2", &url).await;
    let (missing, _, nothing) = download(&app, "officer_c2", "/files/evidence/999999").await;
    assert_eq!((status, missing), (404, 404));
    assert_eq!(leaked, nothing);

    // A late action reaches its owner's to-do (and the unit's manager's).
    at(&app, 2026, 3, 7);
    for user in ["officer", "truong_c1"] {
        let late = todo_of(&app, user, "ACTION_OVERDUE").await;
        assert_eq!(late.len(), 1, "{user}: {late:?}");
        assert_eq!(late[0]["explanationRequestId"], id.as_str());
    }

    // A later month back on track closes the request with a note.
    at(&app, 2026, 4, 2);
    approve_month(&app, 3, 1000, 1000).await;
    let r = request(&app, "officer", &id).await;
    assert_eq!(r["status"], "CLOSED");
    assert!(
        r["closeNote"]
            .as_str()
            .is_some_and(|n| n.contains("trở lại đúng tiến độ"))
    );
}
