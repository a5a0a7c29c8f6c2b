//! E-mail over SMTP (lettre): the transport read from `CHITIEU_SMTP_URL` —
//! `smtp://host:port` plain or STARTTLS when the server offers it (`?tls=required` to
//! insist), `smtps://user:pass@host:465` TLS from the first byte — and a message of two
//! parts, the Vietnamese plain text and its HTML, whose links point at the app's public
//! address; with a file attached (the digest's notice), both inside a multipart/mixed.

use crate::domain::notify::letters::with_links;
use crate::render::Rendered;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// The longest one SMTP exchange may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// A configured sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The app's public address, for links.
    links: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never printed.
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

/// `smtp://` without a `tls` choice means STARTTLS when offered.
fn with_default_tls(smtp_url: &str) -> String {
    match url::Url::parse(smtp_url) {
        Ok(mut url) if url.scheme() == "smtp" && !url.query_pairs().any(|(k, _)| k == "tls") => {
            url.query_pairs_mut().append_pair("tls", "opportunistic");
            url.to_string()
        }
        _ => smtp_url.to_owned(),
    }
}

impl Mailer {
    /// A sender through `smtp_url`, from `from`, with links on `links`. The error says
    /// which setting is wrong (never the URL, which may hold a password).
    pub fn new(smtp_url: &str, from: &str, links: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&with_default_tls(smtp_url))
            .map_err(|e| format!("CHITIEU_SMTP_URL không dùng được: {e}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("CHITIEU_MAIL_FROM không phải địa chỉ thư: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            links: links.to_owned(),
        })
    }

    /// The message to `to`: the plain text, and the HTML when there is one; with a file,
    /// a multipart/mixed of those and the file.
    pub fn message(
        &self,
        to: &str,
        subject: &str,
        text: &str,
        html: Option<&str>,
        file: Option<&Rendered>,
    ) -> Result<Message, String> {
        let to: Mailbox = to
            .trim()
            .parse()
            .map_err(|e| format!("địa chỉ nhận không hợp lệ: {e}"))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject);
        let text = with_links(text, &self.links);
        let built = match (html, file) {
            (Some(html), None) => builder.multipart(MultiPart::alternative_plain_html(
                text,
                with_links(html, &self.links),
            )),
            (None, None) => builder.header(ContentType::TEXT_PLAIN).body(text),
            (html, Some(file)) => {
                let content_type = ContentType::parse(file.content_type)
                    .map_err(|e| format!("không đính kèm được tệp: {e}"))?;
                let attached =
                    Attachment::new(file.file_name.clone()).body(file.bytes.clone(), content_type);
                let mixed = match html {
                    Some(html) => MultiPart::mixed().multipart(MultiPart::alternative_plain_html(
                        text,
                        with_links(html, &self.links),
                    )),
                    None => MultiPart::mixed().singlepart(SinglePart::plain(text)),
                };
                builder.multipart(mixed.singlepart(attached))
            }
        };
        built.map_err(|e| format!("không tạo được thư: {e}"))
    }

    /// Sends one e-mail, with `file` attached when there is one; the error is kept as the
    /// notification's `lastError`.
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        text: &str,
        html: Option<&str>,
        file: Option<&Rendered>,
    ) -> Result<(), MailError> {
        let message = self
            .message(to, subject, text, html, file)
            .map_err(MailError::Unsendable)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Server(format!("máy chủ thư: {e}")))
    }
}

/// Why an e-mail did not go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailError {
    /// The message cannot be built (an address the mail library refuses): no retry helps.
    Unsendable(String),
    /// The server could not be reached or refused it: worth another try.
    Server(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_smtp_asks_for_starttls_only_when_offered() {
        assert_eq!(
            with_default_tls("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525?tls=opportunistic"
        );
        assert_eq!(
            with_default_tls("smtp://h:587?tls=required"),
            "smtp://h:587?tls=required"
        );
        assert_eq!(with_default_tls("smtps://u:p@h:465"), "smtps://u:p@h:465");
    }

    #[tokio::test]
    async fn a_message_has_a_plain_and_an_html_part_with_links_on_the_public_address() {
        let mailer = Mailer::new(
            "smtp://127.0.0.1:2525",
            "Chỉ tiêu <chitieu@tinh.gov.vn>",
            "https://chitieu.tinh.gov.vn",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let link = crate::domain::notify::letters::LINK_BASE;
        let message = mailer
            .message(
                "can.bo@xa1.gov.vn",
                "Nhắc hạn: tháng 10/2026",
                &format!("Mở {link}/report"),
                Some(&format!("<a href=\"{link}/report\">Mở</a>")),
                None,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let raw = String::from_utf8_lossy(&message.formatted()).to_string();
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(raw.contains("https://chitieu.tinh.gov.vn/report"));
        assert!(!raw.contains(link));
        assert!(Mailer::new("smtp://h:25", "not an address", "x").is_err());
    }

    #[tokio::test]
    async fn a_file_goes_as_an_attachment_beside_the_two_parts() {
        let mailer = Mailer::new("smtp://127.0.0.1:2525", "chitieu@tinh.gov.vn", "https://x")
            .unwrap_or_else(|e| panic!("{e}"));
        let file = Rendered {
            bytes: b"%PDF-1.7 test".to_vec(),
            content_type: "application/pdf",
            file_name: "Thông báo kết quả - Xã Một - Tháng 01-2026.pdf".into(),
            ascii_file_name: "Thong bao ket qua - Xa Mot - Thang 01-2026.pdf".into(),
        };
        let message = mailer
            .message("a@b.vn", "Bản tin", "Chữ", Some("<p>Chữ</p>"), Some(&file))
            .unwrap_or_else(|e| panic!("{e}"));
        let raw = String::from_utf8_lossy(&message.formatted()).to_string();
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("Content-Type: application/pdf"), "{raw}");
        assert!(raw.contains("Content-Disposition: attachment;"), "{raw}");
        let plain = mailer
            .message("a@b.vn", "Bản tin", "Chữ", None, Some(&file))
            .unwrap_or_else(|e| panic!("{e}"));
        let raw = String::from_utf8_lossy(&plain.formatted()).to_string();
        assert!(
            raw.contains("multipart/mixed") && raw.contains("text/plain"),
            "{raw}"
        );
    }
}
