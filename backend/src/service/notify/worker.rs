//! The background worker: every `worker_interval_secs`, a scan (the notices and events
//! due today, then the digests), then the delivery of what is due in the outbox, batch by
//! batch — each batch claimed for a while (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so
//! that several instances on one database never send a notification twice. A failed try
//! is retried after 5 s, 30 s, 2 min, 10 min and 1 h (× `retry_base_secs` / 5), then the
//! notification is FAILED with its error. A digest carries the notice of its leader's unit
//! for its month, drawn as it goes (without it when that fails). Without SMTP, e-mails stay PENDING and webhooks
//! still go. Errors are logged; the worker never stops on them.

use super::mail::{MailError, Mailer};
use super::{Outbound, digest, digest_notice, scan, webhook};
use crate::config::NotifySettings;
use crate::db::notifications::{self, Claimed};
use crate::db::{Db, webhooks};
use crate::domain::cycle::retry_after;
use crate::error::ServiceResult;
use secrecy::ExposeSecret;
use shared::Channel;
use std::time::Duration;
use tokio::sync::watch;

/// How many notifications one claim takes.
const BATCH: u64 = 20;
/// The most batches one run delivers (the next run goes on).
const MAX_BATCHES: usize = 50;
/// How long a claim holds its rows: longer than a batch can take to deliver.
const LEASE: Duration = Duration::from_secs(15 * 60);
/// How long before its claim runs out a worker stops delivering a batch (longer than one
/// delivery can take: SMTP and webhook timeouts are well under it).
const LEASE_MARGIN: Duration = Duration::from_secs(3 * 60);

/// The line logged once when no SMTP server is configured.
pub const NO_SMTP: &str =
    "CHITIEU_SMTP_URL chưa được cấu hình: thư điện tử nằm chờ trong hộp thư đi";

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Notifications the scan wrote.
    pub written: usize,
    /// Deliveries made.
    pub sent: usize,
    /// Tries that failed (retried later or FAILED).
    pub failed: usize,
}

/// A worker over one database.
#[derive(Debug, Clone)]
pub struct Worker {
    db: Db,
    outbound: Outbound,
    mailer: Option<Mailer>,
    interval: Duration,
    retry_base_secs: u64,
}

impl Worker {
    /// A worker with the instance's settings; links in e-mails start with `public_url`,
    /// else with `fallback_links` (the server's own address). A bad SMTP setting is logged
    /// and leaves e-mails pending, like none.
    pub fn new(
        db: Db,
        settings: &NotifySettings,
        outbound: Outbound,
        fallback_links: &str,
    ) -> Worker {
        let links = settings
            .public_url
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| fallback_links.to_owned());
        let mailer = match &settings.smtp_url {
            None => {
                tracing::warn!("{NO_SMTP}");
                None
            }
            Some(url) => match Mailer::new(url.expose_secret(), &settings.mail_from, &links) {
                Ok(m) => Some(m),
                Err(e) => {
                    tracing::error!(error = %e, "e-mails stay in the outbox");
                    None
                }
            },
        };
        Worker {
            db,
            outbound,
            mailer,
            interval: Duration::from_secs(settings.worker_interval_secs.max(1)),
            retry_base_secs: settings.retry_base_secs,
        }
    }

    /// One run: the scan, the digests, then delivery.
    pub async fn run_once(&self) -> RunReport {
        let mut report = RunReport::default();
        match scan::scan(&self.db).await {
            Ok(n) => report.written += n,
            Err(e) => log("the scan failed", e),
        }
        match digest::digests(&self.db).await {
            Ok(n) => report.written += n,
            Err(e) => log("the monthly digest failed", e),
        }
        for _ in 0..MAX_BATCHES {
            match self.deliver_batch().await {
                Ok((0, 0)) => break,
                Ok((sent, failed)) => {
                    report.sent += sent;
                    report.failed += failed;
                }
                Err(e) => {
                    log("delivery failed", e);
                    break;
                }
            }
        }
        report
    }

    /// Runs every interval until `stop` turns true.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                break;
            }
            let report = self.run_once().await;
            if report != RunReport::default() {
                tracing::info!(
                    written = report.written,
                    sent = report.sent,
                    failed = report.failed,
                    "outbox"
                );
            }
            tokio::select! {
                _ = tokio::time::sleep(self.interval) => {}
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    }

    /// The channels this worker delivers: webhooks, and e-mails when SMTP is configured.
    fn channels(&self) -> Vec<Channel> {
        let mut channels = vec![Channel::Webhook];
        if self.mailer.is_some() {
            channels.push(Channel::Email);
        }
        channels
    }

    /// Claims one batch and delivers it; (sent, failed).
    async fn deliver_batch(&self) -> ServiceResult<(usize, usize)> {
        let now = self.db.now();
        let until = now + chrono::Duration::from_std(LEASE).unwrap_or_default();
        let txn = self.db.write().await?;
        let batch = notifications::claim(&*txn, &self.channels(), now, until, BATCH).await?;
        txn.commit().await?;
        let (mut sent, mut failed) = (0, 0);
        // Delivering stops well before the claim runs out, so that no other instance can
        // claim a row this one is still sending; the rest go back to the outbox at once.
        let budget = std::time::Instant::now() + LEASE.saturating_sub(LEASE_MARGIN);
        for (i, n) in batch.iter().enumerate() {
            if std::time::Instant::now() >= budget {
                let txn = self.db.write().await?;
                for rest in &batch[i..] {
                    notifications::release(&*txn, rest.id).await?;
                }
                txn.commit().await?;
                break;
            }
            let outcome = self.deliver(n).await;
            let txn = self.db.write().await?;
            match outcome {
                Ok(()) => {
                    notifications::mark_sent(&*txn, n.id, self.db.now()).await?;
                    sent += 1;
                }
                Err(Failure { error, last }) => {
                    let attempts = n.attempts + 1;
                    let wait = if last {
                        None
                    } else {
                        retry_after(attempts, self.retry_base_secs)
                    };
                    let retry_at = wait
                        .map(|w| self.db.now() + chrono::Duration::from_std(w).unwrap_or_default());
                    notifications::mark_failed_try(&*txn, n.id, attempts, &error, retry_at).await?;
                    failed += 1;
                }
            }
            txn.commit().await?;
        }
        Ok((sent, failed))
    }

    /// Delivers one notification.
    async fn deliver(&self, n: &Claimed) -> Result<(), Failure> {
        match n.channel {
            Channel::Email => {
                let Some(mailer) = &self.mailer else {
                    return Err(Failure::retry(NO_SMTP));
                };
                // A digest carries the month's notice of the leader's unit, drawn now.
                let file = digest_notice::for_key(&self.db, &n.dedup_key).await;
                mailer
                    .send(
                        &n.recipient,
                        &n.subject,
                        &n.body,
                        n.html.as_deref(),
                        file.as_ref(),
                    )
                    .await
                    .map_err(|e| match e {
                        MailError::Unsendable(e) => Failure::last(e),
                        MailError::Server(e) => Failure::retry(e),
                    })
            }
            Channel::Webhook => {
                let found = match n.webhook_id {
                    Some(id) => webhooks::find_with_secret(self.db.conn(), id)
                        .await
                        .map_err(|e| Failure::retry(format!("cơ sở dữ liệu: {e}")))?,
                    None => None,
                };
                let Some((hook, secret)) = found.filter(|(h, _)| h.active) else {
                    return Err(Failure::last("webhook đã bị xoá hoặc tắt"));
                };
                webhook::post(&self.outbound, &hook.url, &secret, n.id, &n.body)
                    .await
                    .map_err(Failure::retry)
            }
        }
    }
}

/// Why a try failed, and whether trying again is pointless.
struct Failure {
    error: String,
    last: bool,
}

impl Failure {
    fn retry(error: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            last: false,
        }
    }

    fn last(error: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            last: true,
        }
    }
}

/// Logs a failed step with its cause.
pub(super) fn log(what: &str, e: crate::error::ServiceError) {
    match e {
        crate::error::ServiceError::Internal(cause)
        | crate::error::ServiceError::Unavailable(cause) => {
            tracing::error!(error = %format!("{cause:#}"), "{what}")
        }
        other => tracing::error!(error = %other.message(), "{what}"),
    }
}

/// The worker of a running server, stopped through its handle.
pub struct Running {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Starts `worker` on its own task.
    pub fn start(worker: Worker) -> Running {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(worker.run(stopped));
        Running { stop, task }
    }

    /// Stops the worker after its current step (waiting at most `grace`).
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, self.task).await.is_err() {
            tracing::warn!("the notification worker did not stop in time");
        }
    }
}
