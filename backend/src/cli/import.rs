//! `chitieu import figures|targets|official FILE`: the same checks and all-or-nothing
//! storage as an upload in the app, run as an account, with a progress bar and every problem
//! printed (for official figures, in Vietnamese).

mod official;

use super::common::{DbArgs, open, service_error, settings};
use crate::auth::Actor;
use crate::db::Db;
use crate::service::auth::actor_for_username;
use crate::service::imports::{self, ImportReport, Stage, Upload};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// Import commands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Monthly figures from CSV or XLSX (long or wide layout).
    Figures {
        #[command(flatten)]
        db: DbArgs,
        /// The file.
        file: PathBuf,
        /// Check and show what would change; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// Submit the touched months for approval (otherwise they are saved as DRAFT).
        #[arg(long)]
        submit: bool,
        /// The account the import runs as (its role and scope apply).
        #[arg(long, default_value = "admin")]
        user: String,
    },
    /// Targets of a decision from CSV or XLSX (one row per unit, one column per indicator).
    Targets {
        #[command(flatten)]
        db: DbArgs,
        /// The decision's number, e.g. 55/QĐ-UBND.
        #[arg(long)]
        decision: String,
        /// The file.
        file: PathBuf,
        /// Check and show what would change; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// The account the import runs as (its role and scope apply).
        #[arg(long, default_value = "admin")]
        user: String,
    },
    /// The portal's official figures (QĐ 766) from CSV or XLSX: unit_code, year, month,
    /// indicator_code, numerator, denominator, score, max_score, optional source.
    Official {
        #[command(flatten)]
        db: DbArgs,
        /// The file.
        file: PathBuf,
        /// Check and show what would change; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// The account the import runs as (its role and scope apply).
        #[arg(long, default_value = "admin")]
        user: String,
    },
}

fn bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Runs an import command.
pub async fn run(config: Option<PathBuf>, command: ImportCommand) -> anyhow::Result<()> {
    let bar = bar();
    let progress = {
        let bar = bar.clone();
        move |stage: Stage, done: u64, total: u64| {
            bar.set_message(match stage {
                Stage::Reading => "reading",
                Stage::Checking => "checking",
                Stage::Writing => "writing",
            });
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let started = std::time::Instant::now();
    let result = match command {
        ImportCommand::Figures {
            db,
            file,
            dry_run,
            submit,
            user,
        } => {
            let (db, actor, upload) = prepare(config, &db, &user, &file).await?;
            imports::figures::import(
                &actor,
                &db,
                upload,
                imports::figures::FigureOptions { dry_run, submit },
                &progress,
            )
            .await
        }
        ImportCommand::Targets {
            db,
            decision,
            file,
            dry_run,
            user,
        } => {
            let (db, actor, upload) = prepare(config, &db, &user, &file).await?;
            imports::targets::import(
                &actor,
                &db,
                imports::targets::DecisionRef::Number(decision),
                upload,
                dry_run,
                &progress,
            )
            .await
        }
        ImportCommand::Official {
            db,
            file,
            dry_run,
            user,
        } => {
            let (db, actor, upload) = prepare(config, &db, &user, &file).await?;
            let result = imports::official::import(&actor, &db, upload, dry_run, &progress).await;
            bar.finish_and_clear();
            return official::finish(result, started.elapsed());
        }
    };
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            print_report(&report);
            if !report.problems.is_empty() {
                anyhow::bail!("tệp có {} lỗi nên chưa lưu gì", report.problems.total());
            }
            println!(
                "{} in {:.1?}",
                if report.stored {
                    "đã lưu"
                } else {
                    "chạy thử: chưa lưu gì"
                },
                started.elapsed()
            );
            Ok(())
        }
        Err(e) => {
            if let crate::error::ServiceError::Validation {
                details: Some(serde_json::Value::Array(problems)),
                ..
            } = &e
            {
                let problems: Vec<shared::sheets::Problem> = problems
                    .iter()
                    .filter_map(|p| serde_json::from_value(p.clone()).ok())
                    .collect();
                official::print_problems(&problems, 0);
            }
            Err(service_error(e))
        }
    }
}

/// What every import needs: the migrated database, the account it runs as, and the file.
async fn prepare(
    config: Option<PathBuf>,
    db: &DbArgs,
    user: &str,
    file: &PathBuf,
) -> anyhow::Result<(Db, Actor, Upload)> {
    let db = open(&settings(config, db, None, None)?).await?;
    let actor = actor_for_username(&db, user).await.map_err(service_error)?;
    let upload = read(file)?;
    Ok((db, actor, upload))
}

fn read(file: &PathBuf) -> anyhow::Result<Upload> {
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    Ok(Upload {
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
    })
}

fn print_report(r: &ImportReport) {
    println!(
        "{} ({} {}, sha256 {}): {} rows, {} values — {} new, {} changed, {} unchanged; {} months change",
        r.file_name,
        r.format,
        r.layout.unwrap_or(""),
        &r.sha256[..r.sha256.len().min(12)],
        r.rows,
        r.values,
        r.new,
        r.changed,
        r.unchanged,
        r.months
    );
    for u in r.units.iter().take(20) {
        println!(
            "  {:<12} {:<40} new {:>6} changed {:>6} unchanged {:>6}",
            u.code, u.name, u.new, u.changed, u.unchanged
        );
    }
    if r.units.len() > 20 {
        println!("  … and {} more units", r.units.len() - 20);
    }
    official::print_problems(&r.problems.list, r.problems.more);
}
