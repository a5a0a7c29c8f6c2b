//! Evidence files over HTTP: uploads come back byte-identical with headers that keep a
//! browser from running them, the scope decides who reads (the same 404 for a file outside
//! it as for one that does not exist), the type is read from the bytes, the size limits
//! stop an upload before it is buffered, an API token reads but never uploads, and
//! `removeEvidence` keeps bytes another record still names.

use crate::helpers::{Backend, TestApp, assert_ok, error_code, spawn_app_with};
use backend::db::entities::{corrective_action, evidence_file, explanation_request, indicator};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use shared::ids::UnitId;
use shared::{ExplanationStatus, Role, TrackStatus};
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Runs each listed `async fn(Backend)` on SQLite and, when configured, on PostgreSQL.
macro_rules! evidence_tests {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(crate::helpers::Backend::Sqlite).await
            }

            #[cfg(postgres_tests)]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(crate::helpers::Backend::Postgres).await
            }
        }
    )*};
}

evidence_tests!(
    a_pdf_and_a_png_come_back_byte_identical_with_safe_headers,
    an_officer_of_another_commune_gets_the_same_404_as_for_a_missing_file,
    html_renamed_pdf_is_refused_and_nothing_is_stored,
    a_declared_60_mb_upload_is_refused_before_its_body_is_sent,
    a_streamed_body_over_the_limit_is_refused_and_leaves_no_temporary_file,
    the_files_of_one_explanation_stay_within_their_total,
    an_api_token_downloads_in_scope_but_never_uploads,
    removing_evidence_keeps_bytes_another_record_names,
    an_actions_evidence_names_an_action_of_the_same_request,
);

const MB: u64 = 1024 * 1024;

/// A small but real PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

/// The application with its own evidence folder and the given limits.
async fn spawn(backend: Backend, file_mb: u64, total_mb: u64) -> (TestApp, PathBuf) {
    let dir = std::env::temp_dir().join(format!("chitieu-evidence-{}", uuid::Uuid::new_v4()));
    let store = dir.clone();
    let app = spawn_app_with(backend, move |s| {
        s.evidence.dir = Some(store);
        s.evidence.max_file_bytes = file_mb * MB;
        s.evidence.max_request_bytes = total_mb * MB;
    })
    .await;
    (app, dir)
}

/// An explanation request about `unit`, inserted as the product would make one.
async fn request_for(app: &TestApp, unit: UnitId, status: ExplanationStatus) -> i32 {
    let indicator = indicator::Entity::find()
        .one(app.db.conn())
        .await
        .expect("query")
        .expect("an indicator");
    explanation_request::ActiveModel {
        unit_id: Set(unit.0),
        indicator_id: Set(indicator.id),
        year: Set(2026),
        month: Set(5),
        status: Set(status),
        track_status: Set(TrackStatus::OffTrack),
        auto_key: Set(Some(format!(
            "{unit}:{}:{}",
            indicator.id,
            uuid::Uuid::new_v4()
        ))),
        requested_by: Set(None),
        requested_at: Set(chrono::Utc::now()),
        due_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 6, 15).expect("date")),
        message: Set(None),
        cause_id: Set(None),
        reason: Set(None),
        submitted_by: Set(None),
        submitted_at: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        review_comment: Set(None),
        closed_at: Set(None),
        close_note: Set(None),
        violation_id: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db.conn())
    .await
    .expect("insert request")
    .id
}

/// An answer: status, headers, body.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        bytes: response.bytes().await.expect("body").to_vec(),
    }
}

async fn upload(app: &TestApp, token: &str, request: i32, name: &str, bytes: &[u8]) -> Answer {
    let response = app
        .client
        .post(format!(
            "{}/files/explanations/{request}/evidence",
            app.address
        ))
        .query(&[("name", name)])
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .await
        .expect("send");
    answer(response).await
}

async fn download(app: &TestApp, token: &str, id: &str) -> Answer {
    let response = app
        .client
        .get(format!("{}/files/evidence/{id}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .expect("send");
    answer(response).await
}

/// Every file under `dir` (the stored bytes and any temporary file).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_in(&p));
        } else {
            out.push(p);
        }
    }
    out
}

async fn records(app: &TestApp) -> u64 {
    evidence_file::Entity::find()
        .count(app.db.conn())
        .await
        .expect("count")
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn a_pdf_and_a_png_come_back_byte_identical_with_safe_headers(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let officer = app.token("officer").await;
    let pdf = upload(&app, &officer, request, "Báo cáo khắc phục.pdf", PDF).await;
    assert_eq!(pdf.status, 201, "{}", pdf.json());
    let body = pdf.json();
    assert_eq!(body["fileName"], "Báo cáo khắc phục.pdf");
    assert_eq!(body["contentType"], "application/pdf");
    assert_eq!(body["size"], PDF.len());
    assert_eq!(body["sha256"], sha(PDF));
    let id = body["id"].as_str().expect("id").to_owned();
    assert_eq!(body["url"], format!("/files/evidence/{id}"));
    // A PNG, named as a path: only its last part is kept.
    let png = upload(&app, &officer, request, "C:\\ảnh\\hiện trường.png", PNG).await;
    assert_eq!(png.status, 201, "{}", png.json());
    assert_eq!(png.json()["contentType"], "image/png");
    assert_eq!(png.json()["fileName"], "hiện trường.png");

    let got = download(&app, &officer, &id).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, PDF, "the same bytes come back");
    assert_eq!(got.header("content-type"), "application/pdf");
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20kh%E1%BA%AFc%20ph%E1%BB%A5c.pdf"
    );
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(
        got.header("content-security-policy"),
        "default-src 'none'; sandbox"
    );
    assert_eq!(got.header("cache-control"), "private, no-store");
    let png_id = png.json()["id"].as_str().expect("id").to_owned();
    // The level above reads it too.
    let above = download(&app, &app.token("province_manager").await, &png_id).await;
    assert_eq!((above.status, above.bytes.as_slice()), (200, PNG));
    assert_eq!(above.header("content-type"), "image/png");

    // Stored once under its SHA-256, with a record and an audit entry each.
    let s = sha(PDF);
    assert_eq!(
        std::fs::read(dir.join(&s[..2]).join(&s)).expect("stored"),
        PDF
    );
    assert_eq!(records(&app).await, 2);
    let audit = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"evidence_file\") { action } }",
            json!({}),
        )
        .await;
    assert_eq!(audit["data"]["auditLog"].as_array().map(Vec::len), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

async fn an_officer_of_another_commune_gets_the_same_404_as_for_a_missing_file(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let up = upload(&app, &app.token("officer").await, request, "a.pdf", PDF).await;
    let id = up.json()["id"].as_str().expect("id").to_owned();
    app.add_account("officer_c2", Role::Officer, app.tree.other_commune)
        .await;
    let stranger = app.token("officer_c2").await;
    let outside = download(&app, &stranger, &id).await;
    let missing = download(&app, &stranger, "987654").await;
    let malformed = download(&app, &stranger, "abc").await;
    assert_eq!(outside.status, 404);
    assert_eq!(outside.json(), json!({"code": "NOT_FOUND"}));
    for other in [&missing, &malformed] {
        assert_eq!(other.status, 404);
        assert_eq!(other.bytes, outside.bytes, "nothing tells them apart");
        assert_eq!(other.header("content-type"), outside.header("content-type"));
    }
    // Nor may it upload to the other commune's request: the same 404.
    let refused = upload(&app, &stranger, request, "b.pdf", PDF).await;
    assert_eq!(refused.status, 404);
    assert_eq!(refused.bytes, outside.bytes);
    assert_eq!(records(&app).await, 1);
    let _ = std::fs::remove_dir_all(dir);
}

async fn html_renamed_pdf_is_refused_and_nothing_is_stored(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let officer = app.token("officer").await;
    let small = b"<!DOCTYPE html><html><body><script>fetch('/graphql')</script></body></html>";
    // A large one is refused from its first bytes, before the rest is stored.
    let mut large = b"<html><body>".to_vec();
    large.extend(std::iter::repeat_n(b'a', 300 * 1024));
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend(b"readme.txt and more bytes of a plain zip archive");
    for (name, bytes) in [
        ("bao-cao.pdf", &small[..]),
        ("bang-tong-hop.pdf", &large[..]),
        (
            "anh.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ),
        ("tai-lieu.docx", &zip[..]),
        ("trong.pdf", b""),
    ] {
        let refused = upload(&app, &officer, request, name, bytes).await;
        assert_eq!(refused.status, 415, "{name}: {}", refused.json());
        let body = refused.json();
        assert_eq!(body["code"], "VALIDATION");
        assert_eq!(body["field"], "file");
        assert!(
            body["message"].as_str().is_some_and(|m| m.contains("PDF")),
            "{body}"
        );
    }
    assert_eq!(records(&app).await, 0, "no record");
    assert_eq!(files_in(&dir), Vec::<PathBuf>::new(), "no file");
    let _ = std::fs::remove_dir_all(dir);
}

/// Sends `head` on a new connection and returns what the server answers within 10 s.
async fn raw_exchange(app: &TestApp, head: &[u8]) -> String {
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    stream.write_all(head).await.expect("write");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let read = tokio::time::timeout_at(deadline, stream.read(&mut buf)).await;
        match read {
            Ok(Ok(n)) if n > 0 => {
                got.extend_from_slice(&buf[..n]);
                if got.windows(4).any(|w| w == b"\r\n\r\n") && got.ends_with(b"}") {
                    break;
                }
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

async fn a_declared_60_mb_upload_is_refused_before_its_body_is_sent(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let token = app.token("officer").await;
    // Only the headers and the first bytes: the answer comes without the other 60 MB.
    let head = format!(
        "POST /files/explanations/{request}/evidence?name=lon.pdf HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/pdf\r\nContent-Length: 62914560\r\n\r\n%PDF-1.4\n"
    );
    let answer = raw_exchange(&app, head.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("\"code\":\"PAYLOAD_TOO_LARGE\""),
        "{answer}"
    );
    assert!(answer.contains("10 MB"), "{answer}");
    assert_eq!(records(&app).await, 0);
    assert_eq!(files_in(&dir), Vec::<PathBuf>::new());
    let _ = std::fs::remove_dir_all(dir);
}

async fn a_streamed_body_over_the_limit_is_refused_and_leaves_no_temporary_file(backend: Backend) {
    let (app, dir) = spawn(backend, 1, 2).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let token = app.token("officer").await;
    // A chunked body (no Content-Length) of 1.5 MB, sent while the answer is read.
    let address = app.address.trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    let head = format!(
        "POST /files/explanations/{request}/evidence?name=dai.pdf HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    let sender = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await?;
        let mut chunk = b"%PDF-1.4\n".to_vec();
        chunk.resize(64 * 1024, b'x');
        for _ in 0..24 {
            writer
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            writer.write_all(&chunk).await?;
            writer.write_all(b"\r\n").await?;
        }
        writer.write_all(b"0\r\n\r\n").await?;
        Ok::<_, std::io::Error>(())
    });
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, reader.read(&mut buf)).await {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        if got.ends_with(b"}") {
            break;
        }
    }
    let _ = sender.await;
    let answer = String::from_utf8_lossy(&got);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("PAYLOAD_TOO_LARGE"), "{answer}");
    // The temporary file went with the refusal.
    let mut left = files_in(&dir);
    for _ in 0..50 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = files_in(&dir);
    }
    assert_eq!(left, Vec::<PathBuf>::new(), "no temporary file is left");
    assert_eq!(records(&app).await, 0);
    let _ = std::fs::remove_dir_all(dir);
}

/// A PDF of `size` bytes, different for each `seed`.
fn pdf_of(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.4\n% {seed}\n").into_bytes();
    bytes.resize(size, seed);
    bytes
}

async fn the_files_of_one_explanation_stay_within_their_total(backend: Backend) {
    let (app, dir) = spawn(backend, 1, 2).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let other = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let officer = app.token("officer").await;
    let too_big = upload(
        &app,
        &officer,
        request,
        "lon.pdf",
        &pdf_of(MB as usize + 1, 1),
    )
    .await;
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.json()["code"], "PAYLOAD_TOO_LARGE");
    for seed in [2, 3] {
        let ok = upload(
            &app,
            &officer,
            request,
            "phan.pdf",
            &pdf_of(900 * 1024, seed),
        )
        .await;
        assert_eq!(ok.status, 201, "{}", ok.json());
    }
    let third = upload(&app, &officer, request, "them.pdf", &pdf_of(300 * 1024, 4)).await;
    assert_eq!(third.status, 413, "{}", third.json());
    assert_eq!(third.json()["code"], "PAYLOAD_TOO_LARGE");
    assert!(
        third.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("2 MB")),
        "{}",
        third.json()
    );
    // Another explanation has its own total.
    let elsewhere = upload(&app, &officer, other, "them.pdf", &pdf_of(300 * 1024, 4)).await;
    assert_eq!(elsewhere.status, 201);
    assert_eq!(records(&app).await, 3);
    let _ = std::fs::remove_dir_all(dir);
}

async fn an_api_token_downloads_in_scope_but_never_uploads(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let up = upload(&app, &app.token("officer").await, request, "a.pdf", PDF).await;
    let id = up.json()["id"].as_str().expect("id").to_owned();
    let mut tokens = Vec::new();
    for unit in [app.tree.commune, app.tree.other_commune] {
        let body = app
            .as_user(
                "admin",
                "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token } }",
                json!({"u": unit.to_string()}),
            )
            .await;
        tokens.push(
            body["data"]["createApiToken"]["token"]
                .as_str()
                .expect("token")
                .to_owned(),
        );
    }
    let read = download(&app, &tokens[0], &id).await;
    assert_eq!((read.status, read.bytes.as_slice()), (200, PDF));
    assert_eq!(download(&app, &tokens[1], &id).await.status, 404);
    let refused = upload(&app, &tokens[0], request, "b.pdf", PDF).await;
    assert_eq!(refused.status, 403, "{}", refused.json());
    assert_eq!(refused.json()["code"], "FORBIDDEN");
    assert_eq!(records(&app).await, 1);
    let anonymous = app
        .client
        .get(format!("{}/files/evidence/{id}", app.address))
        .send()
        .await
        .expect("send");
    assert_eq!(anonymous.status().as_u16(), 401);
    let _ = std::fs::remove_dir_all(dir);
}

const REMOVE: &str = "mutation($id: ID!) { removeEvidence(id: $id) }";

async fn removing_evidence_keeps_bytes_another_record_names(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let officer = app.token("officer").await;
    let first = upload(&app, &officer, request, "a.pdf", PDF).await.json();
    let second = upload(&app, &officer, request, "a (2).pdf", PDF)
        .await
        .json();
    let png = upload(&app, &officer, request, "b.png", PNG).await.json();
    let stored = |bytes: &[u8]| {
        let s = sha(bytes);
        dir.join(&s[..2]).join(&s).is_file()
    };
    assert!(stored(PDF) && stored(PNG));
    assert_eq!(files_in(&dir).len(), 2, "the same bytes are stored once");

    // Another commune's officer does not see it; the viewer may not remove.
    app.add_account("officer_c2", Role::Officer, app.tree.other_commune)
        .await;
    let outside = app
        .as_user("officer_c2", REMOVE, json!({"id": first["id"]}))
        .await;
    assert_eq!(error_code(&outside), Some("NOT_FOUND"), "{outside}");
    let viewer = app
        .as_user("viewer", REMOVE, json!({"id": first["id"]}))
        .await;
    assert_eq!(error_code(&viewer), Some("FORBIDDEN"), "{viewer}");

    // Its uploader removes one record: the bytes stay for the other.
    let removed = app
        .as_user("officer", REMOVE, json!({"id": first["id"]}))
        .await;
    assert_ok(&removed);
    assert_eq!(removed["data"]["removeEvidence"], true);
    assert!(stored(PDF));
    // The level above removes the other: the bytes go.
    let above = app
        .as_user("province_manager", REMOVE, json!({"id": second["id"]}))
        .await;
    assert_ok(&above);
    assert!(!stored(PDF));
    assert_eq!(records(&app).await, 1);
    let gone = download(&app, &officer, second["id"].as_str().expect("id")).await;
    assert_eq!(gone.status, 404);

    // A closed request keeps its files.
    let mut closed: explanation_request::ActiveModel =
        explanation_request::Entity::find_by_id(request)
            .one(app.db.conn())
            .await
            .expect("query")
            .expect("request")
            .into();
    closed.status = Set(ExplanationStatus::Closed);
    closed.update(app.db.conn()).await.expect("close");
    let kept = app
        .as_user("officer", REMOVE, json!({"id": png["id"]}))
        .await;
    assert_eq!(error_code(&kept), Some("CONFLICT"), "{kept}");
    let late = upload(&app, &officer, request, "c.pdf", PDF).await;
    assert_eq!(late.status, 409, "{}", late.json());
    assert!(stored(PNG));
    let audit = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"evidence_file\") { action } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditLog"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "removeEvidence").count(),
        2
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A planned corrective action of `request`, owned by a new staff member of `unit`.
async fn action_of(app: &TestApp, request: i32, unit: UnitId) -> i32 {
    let staff = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Phạm Thị C\", position: \"Công chức\"}) { id } }",
            json!({"u": unit.to_string()}),
        )
        .await;
    let staff: i32 = staff["data"]["createStaff"]["id"]
        .as_str()
        .expect("staff")
        .parse()
        .expect("id");
    corrective_action::ActiveModel {
        request_id: Set(request),
        position: Set(0),
        description: Set("Hướng dẫn người dân nộp hồ sơ trực tuyến".into()),
        owner_staff_id: Set(staff),
        due_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date")),
        expected_effect: Set(Some("+40 hồ sơ toàn trình/tháng".into())),
        status: Set(shared::ActionStatus::Planned),
        done_at: Set(None),
        done_by: Set(None),
        done_note: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(app.db.conn())
    .await
    .expect("action")
    .id
}

async fn an_actions_evidence_names_an_action_of_the_same_request(backend: Backend) {
    let (app, dir) = spawn(backend, 10, 50).await;
    let request = request_for(&app, app.tree.commune, ExplanationStatus::Accepted).await;
    let other = request_for(&app, app.tree.commune, ExplanationStatus::Open).await;
    let action = action_of(&app, request, app.tree.commune).await;
    let foreign = action_of(&app, other, app.tree.commune).await;
    let officer = app.token("officer").await;
    let send = |action: String| {
        app.client
            .post(format!(
                "{}/files/explanations/{request}/evidence",
                app.address
            ))
            .query(&[("name", "bien-ban.pdf"), ("action", action.as_str())])
            .bearer_auth(&officer)
            .body(PDF.to_vec())
            .send()
    };
    let done = answer(send(action.to_string()).await.expect("send")).await;
    assert_eq!(done.status, 201, "{}", done.json());
    let row = evidence_file::Entity::find()
        .one(app.db.conn())
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.action_id, Some(action));
    for wrong in [foreign.to_string(), "khong-phai-so".to_owned()] {
        let refused = answer(send(wrong).await.expect("send")).await;
        assert_eq!(refused.status, 400, "{}", refused.json());
        assert_eq!(refused.json()["code"], "VALIDATION");
        assert_eq!(refused.json()["field"], "action");
    }
    assert_eq!(records(&app).await, 1);
    let _ = std::fs::remove_dir_all(dir);
}
