//! Servers the outbox's tests deliver to, started by the test on a free port: the
//! product's SMTP sink (`backend::devdata::mail_sink`) recording every message, and an
//! HTTP receiver of webhook posts that records headers and bodies and answers 200, 500, or
//! never in time.
#![allow(dead_code)]

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use backend::devdata::mail_sink::{MailSink, Mailbox, Received};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// A message the sink received.
pub type Mail = Received;

/// A running SMTP sink: the product's own (`chitieu mail-sink`), on a free port.
#[derive(Clone)]
pub struct SmtpSink {
    url: String,
    mailbox: Mailbox,
}

impl SmtpSink {
    /// `smtp://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Every message so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mailbox.messages()
    }

    /// The recipients of every message so far, one entry per message and recipient.
    pub fn recipients(&self) -> Vec<String> {
        self.mails().into_iter().flat_map(|m| m.to).collect()
    }
}

/// Starts an SMTP sink on 127.0.0.1.
pub async fn smtp_sink() -> SmtpSink {
    let sink = MailSink::start(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind the sink");
    SmtpSink {
        url: sink.url(),
        mailbox: sink.mailbox,
    }
}

/// How the receiver answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 200.
    Ok,
    /// 500.
    Fail,
    /// Not before a minute.
    Hang,
}

/// A post the receiver got.
#[derive(Debug, Clone)]
pub struct Hit {
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Hit {
    /// A header's value.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A running HTTP receiver.
#[derive(Clone)]
pub struct Receiver {
    pub port: u16,
    hits: Arc<Mutex<Vec<Hit>>>,
    answer: Arc<Mutex<Answer>>,
}

impl Receiver {
    /// The URL webhooks post to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    /// Every post so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// Answers from now on with `answer`.
    pub fn answer(&self, answer: Answer) {
        if let Ok(mut a) = self.answer.lock() {
            *a = answer;
        }
    }
}

/// Starts an HTTP receiver on 127.0.0.1 answering `answer`.
pub async fn receiver(answer: Answer) -> Receiver {
    let hits = Arc::new(Mutex::new(Vec::new()));
    let answer = Arc::new(Mutex::new(answer));
    let (store, mode) = (hits.clone(), answer.clone());
    let app = Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
        let (store, mode) = (store.clone(), mode.clone());
        async move {
            if let Ok(mut h) = store.lock() {
                h.push(Hit { headers, body });
            }
            let answer = mode.lock().map(|a| *a).unwrap_or(Answer::Ok);
            match answer {
                Answer::Ok => StatusCode::OK,
                Answer::Fail => StatusCode::INTERNAL_SERVER_ERROR,
                Answer::Hang => {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    StatusCode::OK
                }
            }
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the receiver");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Receiver { port, hits, answer }
}
