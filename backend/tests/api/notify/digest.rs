//! The monthly digest's attachment, on both databases, through the real SMTP sink: the
//! leader's mail is multipart/mixed with the month's results notice of the leader's unit
//! as a PDF (its text read back with lopdf); a leader locked between the writing and the
//! sending still gets the mail, without the notice.

use super::{at, run, set_email, worker};
use crate::helpers::*;
use crate::sinks::{Mail, smtp_sink};
use backend::db::entities::user;
use base64::Engine;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(the_digest_carries_the_notice_of_its_leaders_unit_for_the_month);

/// The PDF attached to `mail`, decoded, if there is one.
fn attached_pdf(mail: &Mail) -> Option<Vec<u8>> {
    let found = mail.data.find("Content-Type: application/pdf")?;
    // The part starts after its boundary line.
    let start = mail.data[..found].rfind("\r\n--")?;
    let part = &mail.data[start..];
    let body_start = part.find("\r\n\r\n")? + 4;
    let body = &part[body_start..];
    let body = &body[..body.find("\r\n--").unwrap_or(body.len())];
    let head = &part[..body_start];
    assert!(head.contains("Content-Transfer-Encoding: base64"), "{head}");
    assert!(head.contains("Content-Disposition: attachment;"), "{head}");
    // The Vietnamese file name, RFC 2231-encoded: "Thông báo kết quả …".
    assert!(
        head.contains("filename*0*=utf-8''Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3"),
        "{head}"
    );
    let b64: String = body.split_whitespace().collect();
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("the attachment in base64"),
    )
}

/// The text of a PDF, every run of white space as one space.
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF file");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("the text of the pages");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn the_digest_carries_the_notice_of_its_leaders_unit_for_the_month(backend: Backend) {
    let app = spawn_app(backend).await;
    let sink = smtp_sink().await;
    set_email(&app, "viewer", "lanh.dao.tinh@tinh.test").await;
    set_email(&app, "manager", "giam.doc.so1@tinh.test").await;
    // January's digests are written on 11 February by a worker without SMTP; then D1's
    // manager is locked; then a worker with SMTP delivers them.
    app.db.clock().set(at(2026, 2, 11, 9));
    let written = run(&worker(&app, None)).await;
    assert_eq!(written.sent, 0);
    assert!(written.written >= 2, "{written:?}");
    user::Entity::update_many()
        .col_expr(user::Column::Active, sea_orm::sea_query::Expr::value(false))
        .filter(user::Column::Username.eq("manager"))
        .exec(app.db.conn())
        .await
        .expect("lock the manager");
    run(&worker(&app, Some(&sink))).await;

    let mails = sink.mails();
    let to = |address: &str| {
        mails
            .iter()
            .find(|m| m.to.iter().any(|t| t == address))
            .unwrap_or_else(|| panic!("no mail to {address}: {:?}", sink.recipients()))
    };
    let leader = to("lanh.dao.tinh@tinh.test");
    let content_type = leader.header("Content-Type").unwrap_or_default();
    assert!(content_type.contains("multipart/mixed"), "{content_type}");
    assert!(leader.data.contains("multipart/alternative"));
    let pdf = attached_pdf(leader).expect("the notice attached");
    let text = pdf_text(&pdf);
    for expected in [
        "THÔNG BÁO KẾT QUẢ",
        "Đơn vị: Tỉnh Thử nghiệm",
        "Kỳ: Tháng 1/2026",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }

    // Locked: the mail still goes, with its text and without the notice.
    let locked = to("giam.doc.so1@tinh.test");
    assert!(attached_pdf(locked).is_none(), "{}", locked.data);
    let content_type = locked.header("Content-Type").unwrap_or_default();
    assert!(
        content_type.contains("multipart/alternative"),
        "{content_type}"
    );
}
