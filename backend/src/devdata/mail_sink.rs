//! A mail sink for the demo and the tests: a small SMTP server that accepts every message
//! (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no authentication) and keeps it,
//! so that a newcomer sees the e-mails the monthly cycle sends and a test can read them.
//! Never part of a production server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// The largest message kept, in bytes; a larger one is refused with 552.
const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;
/// The longest command line read.
const MAX_LINE_BYTES: usize = 4096;

/// One message as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The envelope sender.
    pub from: String,
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message (headers and body, CRLF line ends, dot-stuffing undone).
    pub data: String,
}

impl Received {
    /// The value of the first header `name` (case-insensitive), unfolded, as written.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push_str(line);
                    continue;
                }
                break;
            }
            let Some((key, rest)) = line.split_once(':') else {
                continue;
            };
            if key.eq_ignore_ascii_case(name) {
                value = Some(rest.trim().to_owned());
            }
        }
        value
    }

    /// The subject, decoded from its RFC 2047 words (UTF-8, base64 or quoted-printable).
    pub fn subject(&self) -> String {
        self.header("Subject")
            .map(|s| decode_words(&s))
            .unwrap_or_default()
    }
}

/// The messages kept so far, shared with the server task.
#[derive(Debug, Clone, Default)]
pub struct Mailbox(Arc<Mutex<Vec<Received>>>);

impl Mailbox {
    /// Every message kept, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }

    fn push(&self, message: Received) {
        if let Ok(mut m) = self.0.lock() {
            m.push(message);
        }
    }
}

/// A running sink.
pub struct MailSink {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What it received.
    pub mailbox: Mailbox,
    /// Each message as it arrives (for the command line to print).
    pub arrivals: mpsc::UnboundedReceiver<Received>,
}

impl MailSink {
    /// Listens on `bind` (port 0 picks a free port) and serves until the runtime stops.
    pub async fn start(bind: SocketAddr) -> std::io::Result<MailSink> {
        let listener = TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let mailbox = Mailbox::default();
        let (tx, arrivals) = mpsc::unbounded_channel();
        let kept = mailbox.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (kept, tx) = (kept.clone(), tx.clone());
                tokio::spawn(async move {
                    if let Err(e) = session(stream, &kept, &tx).await {
                        tracing::debug!("mail sink session ended: {e}");
                    }
                });
            }
        });
        Ok(MailSink {
            addr,
            mailbox,
            arrivals,
        })
    }

    /// `smtp://host:port` of the sink, for `CHITIEU_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }
}

/// One SMTP conversation.
async fn session(
    stream: TcpStream,
    mailbox: &Mailbox,
    arrivals: &mpsc::UnboundedSender<Received>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 chitieu mail sink ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    loop {
        let Some(line) = read_line(&mut read).await? else {
            return Ok(());
        };
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-chitieu mail sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO") {
            b"250 chitieu mail sink\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&line["MAIL FROM:".len()..]);
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&line["RCPT TO:".len()..]));
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            match read_data(&mut read).await? {
                Some(data) => {
                    let message = Received {
                        from: std::mem::take(&mut from),
                        to: std::mem::take(&mut to),
                        data,
                    };
                    mailbox.push(message.clone());
                    // Nobody listening (a test reading the mailbox) is not an error.
                    let _ = arrivals.send(message);
                    b"250 OK: kept\r\n"
                }
                None => b"552 Message too large\r\n",
            }
        } else if upper.starts_with("RSET") {
            (from, to) = (String::new(), Vec::new());
            b"250 OK\r\n"
        } else if upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// A command line without its CRLF; `None` at the end of the stream.
async fn read_line(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = (&mut *read)
        .take(MAX_LINE_BYTES as u64)
        .read_until(b'\n', &mut buf)
        .await?;
    if n == 0 {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&buf);
    Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
}

/// The message up to the line holding one dot, dot-stuffing undone; `None` when it grew
/// past [`MAX_MESSAGE_BYTES`] (the rest is read and dropped).
async fn read_data(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Option<String>> {
    let mut data = String::new();
    let mut too_large = false;
    loop {
        let Some(line) = read_line(read).await? else {
            return Ok(None);
        };
        if line == "." {
            return Ok((!too_large).then_some(data));
        }
        if data.len() + line.len() > MAX_MESSAGE_BYTES {
            too_large = true;
            data.clear();
            continue;
        }
        if !too_large {
            data.push_str(line.strip_prefix('.').unwrap_or(&line));
            data.push_str("\r\n");
        }
    }
}

/// `<a@b>` (and parameters after it) → `a@b`.
fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg
        .strip_prefix('<')
        .and_then(|a| a.split_once('>'))
        .map_or(arg, |(a, _)| a);
    inner.trim().to_owned()
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value.
pub fn decode_words(value: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut previous_encoded = None;
    for word in value.split_whitespace() {
        let decoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                let (_charset, enc, text) = (parts.next()?, parts.next()?, parts.next()?);
                let bytes = match enc {
                    "b" | "B" => base64::engine::general_purpose::STANDARD
                        .decode(text)
                        .ok()?,
                    "q" | "Q" => quoted_printable(text),
                    _ => return None,
                };
                String::from_utf8(bytes).ok()
            });
        let encoded = decoded.is_some();
        // Space between two encoded words is not part of the text (RFC 2047 §6.2).
        if previous_encoded.is_some_and(|p| !(p && encoded)) {
            out.push(' ');
        }
        out.push_str(decoded.as_deref().unwrap_or(word));
        previous_encoded = Some(encoded);
    }
    out
}

/// The bytes of a Q-encoded word (`_` is a space, `=XX` a byte).
fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'='),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_subjects_are_decoded() {
        assert_eq!(
            decode_words("=?utf-8?b?VGjDoW5nIDEw?= =?utf-8?b?IHF1w6EgaOG6oW4=?="),
            "Tháng 10 quá hạn"
        );
        assert_eq!(
            decode_words("=?UTF-8?Q?Nh=E1=BA=AFc_h=E1=BA=A1n?="),
            "Nhắc hạn"
        );
        assert_eq!(decode_words("Plain subject"), "Plain subject");
        assert_eq!(
            decode_words("=?utf-8?b?VGjDoW5n?= 10/2026"),
            "Tháng 10/2026"
        );
    }

    #[test]
    fn headers_are_unfolded() {
        let r = Received {
            from: String::new(),
            to: Vec::new(),
            data: "To: a@b\r\nSubject: one\r\n two\r\n\r\nbody\r\n".into(),
        };
        assert_eq!(r.header("subject").as_deref(), Some("one two"));
        assert_eq!(r.header("From"), None);
    }

    #[tokio::test]
    async fn a_message_is_kept_with_its_envelope() {
        let sink = MailSink::start(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut s = TcpStream::connect(sink.addr)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let script = "EHLO t\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example> NOTIFY=NEVER\r\n\
                      DATA\r\nSubject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n";
        s.write_all(script.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut rest = String::new();
        s.read_to_string(&mut rest)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(rest.ends_with("221 Bye\r\n"), "{rest}");
        let got = sink.mailbox.messages();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].from, "a@x.example");
        assert_eq!(got[0].to, vec!["b@y.example".to_owned()]);
        assert_eq!(got[0].data, "Subject: hi\r\n\r\n.dot\r\n");
        assert_eq!(got[0].subject(), "hi");
    }
}
