//! `chitieu export scoreboard|unit|decision|violations … --format xlsx|csv --out FILE
//! [--user USERNAME]`: the same files as `GET /export/…`, written to disk. With `--user` the
//! export runs with that account's role and scope; without it, with full access, as an
//! ADMIN of the root unit.

use crate::auth::{Actor, actor::Principal};
use crate::cli::DbArgs;
use crate::db::Db;
use crate::db::entities::{decision, unit, user};
use crate::service::exports::{self, ExportRequest};
use anyhow::Context;
use clap::{Args, ValueEnum};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::Role;
use shared::ids::{UnitId, UserId};
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
    /// Period of a scoreboard: MONTH, QUARTER, YTD (default) or YEAR.
    #[arg(long)]
    pub period: Option<String>,
    /// Month (or quarter for a QUARTER period); the year-to-date month of a unit report.
    #[arg(long)]
    pub month: Option<u32>,
    /// Unit kind of a scoreboard: DEPARTMENT, COMMUNE, DIVISION, CENTER …
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
    put(
        "format",
        Some(
            match args.format {
                FileFormat::Xlsx => "xlsx",
                FileFormat::Csv => "csv",
            }
            .to_owned(),
        ),
    );
    if let Some(u) = &args.unit {
        put("unit", Some(unit_id(db, u).await?.to_string()));
    }
    if let Some(d) = &args.decision {
        put("decision", Some(decision_id(db, d).await?.to_string()));
    }
    let what = match args.what {
        What::Scoreboard => "scoreboard",
        What::Unit => "unit",
        What::Decision => "decision",
        What::Violations => "violations",
    };
    let fail =
        |e: crate::error::ServiceError| anyhow::anyhow!("{} ({})", e.message(), e.code().as_str());
    let (req, format) = ExportRequest::parse(what, &p).map_err(fail)?;
    let file = exports::export(&actor, db.conn(), &req, format)
        .await
        .map_err(fail)?;
    std::fs::write(&args.out, &file.bytes)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} ({} bytes): {}",
        args.out.display(),
        file.bytes.len(),
        file.file_name
    );
    Ok(())
}

async fn root_admin(db: &Db) -> anyhow::Result<Actor> {
    let root = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .order_by_asc(unit::Column::Id)
        .one(db.conn())
        .await?
        .context("the database is not set up (chitieu setup)")?;
    let admin = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .order_by_asc(user::Column::Id)
        .one(db.conn())
        .await?;
    Ok(Actor {
        principal: Principal::User {
            id: UserId(admin.map_or(0, |a| a.id)),
            role: Role::Admin,
        },
        scope: UnitId(root.id),
        scope_is_root: true,
    })
}

async fn actor_of(db: &Db, username: &str) -> anyhow::Result<Actor> {
    let u = user::Entity::find()
        .filter(user::Column::Username.eq(username.trim()))
        .one(db.conn())
        .await?
        .filter(|u| u.active)
        .with_context(|| format!("no active account {username}"))?;
    let role: Role = u
        .role
        .parse()
        .map_err(|_| anyhow::anyhow!("account {username} has an unknown role {}", u.role))?;
    let scope = unit::Entity::find_by_id(u.unit_id)
        .one(db.conn())
        .await?
        .context("the account's unit is gone")?;
    Ok(Actor {
        principal: Principal::User {
            id: UserId(u.id),
            role,
        },
        scope: UnitId(scope.id),
        scope_is_root: scope.parent_id.is_none(),
    })
}

async fn unit_id(db: &Db, code_or_id: &str) -> anyhow::Result<i32> {
    let by_code = unit::Entity::find()
        .filter(unit::Column::Code.eq(code_or_id.trim()))
        .one(db.conn())
        .await?;
    match (by_code, code_or_id.trim().parse::<i32>()) {
        (Some(u), _) => Ok(u.id),
        (None, Ok(id)) => Ok(id),
        (None, Err(_)) => anyhow::bail!("no unit with code {code_or_id}"),
    }
}

async fn decision_id(db: &Db, number_or_id: &str) -> anyhow::Result<i32> {
    let by_number = decision::Entity::find()
        .filter(decision::Column::Number.eq(number_or_id.trim()))
        .one(db.conn())
        .await?;
    match (by_number, number_or_id.trim().parse::<i32>()) {
        (Some(d), _) => Ok(d.id),
        (None, Ok(id)) => Ok(id),
        (None, Err(_)) => anyhow::bail!("no decision numbered {number_or_id}"),
    }
}
