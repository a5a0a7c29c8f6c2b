//! Servers the outbox's tests deliver to, started by the test on a free port: a small SMTP
//! sink (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that records every message, and an
//! HTTP receiver of webhook posts that records headers and bodies and answers 200, 500, or
//! never in time.
#![allow(dead_code)]

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message the sink received.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, dot-unstuffed).
    pub data: String,
}

/// A running SMTP sink.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    /// `smtp://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// The recipients of every message so far, one entry per message and recipient.
    pub fn recipients(&self) -> Vec<String> {
        self.mails().into_iter().flat_map(|m| m.to).collect()
    }
}

/// Starts an SMTP sink on 127.0.0.1.
pub async fn smtp_sink() -> SmtpSink {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the sink");
    let port = listener.local_addr().expect("address").port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let store = mails.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(session(stream, store.clone()));
        }
    });
    SmtpSink { port, mails }
}

/// The argument of `MAIL FROM:<a>` / `RCPT TO:<a>`.
fn address(line: &str) -> String {
    line.split_once(':')
        .map(|(_, a)| a.trim().trim_start_matches('<'))
        .and_then(|a| a.split('>').next())
        .unwrap_or_default()
        .to_owned()
}

async fn session(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<Mail>>>) {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut mail = Mail::default();
    if write.write_all(b"220 sink ESMTP\r\n").await.is_err() {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        match read.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
            "HELO" | "NOOP" => b"250 ok\r\n",
            "MAIL" => {
                mail = Mail {
                    from: address(&command),
                    ..Mail::default()
                };
                b"250 ok\r\n"
            }
            "RCPT" => {
                mail.to.push(address(&command));
                b"250 ok\r\n"
            }
            "RSET" => {
                mail = Mail::default();
                b"250 ok\r\n"
            }
            "DATA" => {
                if write.write_all(b"354 go ahead\r\n").await.is_err() {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    match read.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                mail.data = data;
                if let Ok(mut mails) = store.lock() {
                    mails.push(std::mem::take(&mut mail));
                }
                b"250 queued\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => b"502 not implemented\r\n",
        };
        if write.write_all(answer).await.is_err() {
            return;
        }
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
