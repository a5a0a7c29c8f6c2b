//! `chitieu export scoreboard|unit|decision|violations|official … --format xlsx|csv --out
//! FILE [--user USERNAME]`: the same files as `GET /export/…`, written to disk. With `--user` the
//! export runs with that account's role and scope; without it, with full access, as an
//! ADMIN of the root unit.

use super::common::{DbArgs, service_error};
use crate::auth::{Actor, actor::Principal};
use crate::db::{Db, decisions, units, users};
use crate::error::ServiceError;
use crate::render;
use crate::service::auth::actor_for_username;
use crate::service::exports::{self, ExportRequest};
use anyhow::Context;
use clap::{Args, ValueEnum};
use shared::Role;
use shared::ids::UserId;
use std::collections::HashMap;
use std::path::PathBuf;

/// Which export.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    /// The scoreboard of a period (--year, --period, --month, --kind).
    Scoreboard,
    /// A unit's report for a year (--unit, --year, --month).
    Unit,
    /// A decision's targets and milestones (--decision).
    Decision,
    /// The violations list (--unit, --year, both optional).
    Violations,
    /// The differences with the portal's official figures, month by month over a period
    /// (--year, --period, --month, --kind, as a scoreboard).
    Official,
    /// A unit's results notice, as PDF (--unit, --year, --period (MONTH by default), --month).
    Notice,
}

/// File format.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileFormat {
    Xlsx,
    Csv,
}

/// Arguments of `chitieu export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub what: What,
    #[command(flatten)]
    pub db: DbArgs,
    /// Year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Period of a scoreboard or of the differences: MONTH, QUARTER, YTD (default) or YEAR.
    #[arg(long)]
    pub period: Option<String>,
    /// Month (or quarter for a QUARTER period); the year-to-date month of a unit report.
    #[arg(long)]
    pub month: Option<u32>,
    /// Unit kind of a scoreboard or of the differences: DEPARTMENT, COMMUNE, DIVISION, CENTER …
    #[arg(long)]
    pub kind: Option<String>,
    /// Unit: its code (e.g. XAP) or id.
    #[arg(long)]
    pub unit: Option<String>,
    /// Decision: its number (e.g. 55/QĐ-UBND) or id.
    #[arg(long)]
    pub decision: Option<String>,
    /// xlsx or csv.
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: FileFormat,
    /// File to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Export as this account (its role and scope); default: ADMIN of the root.
    #[arg(long)]
    pub user: Option<String>,
}

/// Runs the export and writes the file.
pub async fn run(db: &Db, args: ExportArgs) -> anyhow::Result<()> {
    let actor = match &args.user {
        Some(name) => actor_of(db, name).await?,
        None => root_admin(db).await?,
    };
    let p = params(db, &args).await?;
    if let What::Notice = args.what {
        return super::notice::run(db, &actor, p, &args.out).await;
    }
    let what = args.what.as_str();
    let (req, format) = ExportRequest::parse(what, &p).map_err(service_error)?;
    let loaded = match exports::load(&actor, db, &req).await {
        Ok(loaded) => loaded,
        Err(ServiceError::NotFound(m)) => match &args.unit {
            Some(unit) => return Err(unit_not_found(db, unit, args.user.as_deref()).await),
            None => return Err(service_error(ServiceError::NotFound(m))),
        },
        Err(e) => return Err(service_error(e)),
    };
    let file = render::file(&loaded, format).map_err(service_error)?;
    std::fs::write(&args.out, &file.bytes)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "đã ghi {} ({} byte): {}",
        args.out.display(),
        file.bytes.len(),
        file.file_name
    );
    Ok(())
}

/// The export's query parameters, as `GET /export/…` takes them.
async fn params(db: &Db, args: &ExportArgs) -> anyhow::Result<HashMap<String, String>> {
    let mut p: HashMap<String, String> = HashMap::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            p.insert(k.to_owned(), v);
        }
    };
    put("year", args.year.map(|y| y.to_string()));
    put("period", args.period.clone());
    put("month", args.month.map(|m| m.to_string()));
    put("kind", args.kind.clone());
    let format = match args.format {
        FileFormat::Xlsx => "xlsx",
        FileFormat::Csv => "csv",
    };
    put("format", Some(format.to_owned()));
    put("unit", args.unit.clone());
    if let Some(d) = &args.decision {
        put("decision", Some(decision_id(db, d).await?.to_string()));
    }
    Ok(p)
}

impl What {
    /// The export's name in `GET /export/{what}`.
    fn as_str(self) -> &'static str {
        match self {
            What::Scoreboard => "scoreboard",
            What::Unit => "unit",
            What::Decision => "decision",
            What::Violations => "violations",
            What::Official => "official",
            What::Notice => "notice",
        }
    }
}

/// Full access: an ADMIN of the root unit (the first ADMIN's id, for the audit trail).
async fn root_admin(db: &Db) -> anyhow::Result<Actor> {
    let root = units::first_root(db.conn())
        .await?
        .context("the database is not set up (chitieu setup)")?;
    let admin = users::first_admin(db.conn()).await?;
    Ok(Actor {
        principal: Principal::User {
            id: admin.unwrap_or(UserId(0)),
            role: Role::Admin,
        },
        scope: root,
        scope_is_root: true,
    })
}

/// The caller an active account stands for.
async fn actor_of(db: &Db, username: &str) -> anyhow::Result<Actor> {
    match actor_for_username(db, username).await {
        Ok(actor) => Ok(actor),
        Err(ServiceError::NotFound(_)) => anyhow::bail!("no active account {username}"),
        Err(e) => Err(service_error(e)),
    }
}

/// Why the unit typed after `--unit` was not found: it does not exist, or it lies outside
/// the scope of `--user` (the operator may know; a remote caller is only told NOT_FOUND).
async fn unit_not_found(db: &Db, typed: &str, user: Option<&str>) -> anyhow::Error {
    let t = typed.trim();
    let mut found = units::id_by_code(db.conn(), t).await.ok().flatten();
    if found.is_none() {
        found = units::id_by_code(db.conn(), &t.to_uppercase())
            .await
            .ok()
            .flatten();
    }
    if found.is_none() {
        found = t.parse::<i32>().ok().map(shared::ids::UnitId);
    }
    let unit = match found {
        Some(id) => units::find(db.conn(), id).await.ok().flatten(),
        None => None,
    };
    match (unit, user) {
        (Some(u), Some(user)) => anyhow::anyhow!(
            "đơn vị {t} ({}, mã {}) nằm ngoài phạm vi của tài khoản {user}: tài khoản chỉ xem \
             được đơn vị của mình và các đơn vị trực thuộc (NOT_FOUND)",
            u.name,
            u.code
        ),
        _ => anyhow::anyhow!("không có đơn vị nào có mã hoặc id {t} (NOT_FOUND)"),
    }
}

/// A decision given by its number, or else by its id.
async fn decision_id(db: &Db, number_or_id: &str) -> anyhow::Result<i32> {
    let by_number = decisions::by_number(db.conn(), number_or_id.trim())
        .await?
        .map(|d| d.id);
    match (by_number, number_or_id.trim().parse::<i32>()) {
        (Some(d), _) => Ok(d.0),
        (None, Ok(id)) => Ok(id),
        (None, Err(_)) => anyhow::bail!("no decision numbered {number_or_id}"),
    }
}
