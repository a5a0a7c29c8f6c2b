//! The `chitieu` command line: parses the arguments and dispatches each command to its
//! module — serving and administration ([`admin`]), demo and benchmark data ([`demo`]),
//! imports ([`import`]) and exports ([`export`]). The modules share [`common`]; none of
//! them imports this one.

mod admin;
mod common;
mod demo;
pub mod export;
mod import;
mod notice;

pub use common::DbArgs;

use clap::{Parser, Subcommand};
use shared::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Chỉ tiêu: targets, monthly figures and scores for online public services.
#[derive(Debug, Parser)]
#[command(name = "chitieu", version, about)]
pub struct Cli {
    /// Configuration file (TOML); defaults to ./chitieu.toml when present.
    #[arg(long, global = true, env = "CHITIEU_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (migrates on start).
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on, e.g. 127.0.0.1:8080.
        #[arg(long)]
        bind: Option<SocketAddr>,
        /// Folder of the built single-page app to serve at /.
        #[arg(long)]
        static_dir: Option<PathBuf>,
    },
    /// Set up an empty database: catalogue, province root and first ADMIN.
    Setup {
        #[command(flatten)]
        db: DbArgs,
        /// Code of the province unit.
        #[arg(long)]
        province_code: String,
        /// Name of the province unit.
        #[arg(long)]
        province_name: String,
        /// Username of the first ADMIN.
        #[arg(long)]
        admin_username: String,
        /// Read the ADMIN's password from the first line of standard input.
        #[arg(long, required = true)]
        admin_password_stdin: bool,
        /// The catalogue to load: `default` (the decision's eight indicators) or `qd766`
        /// (the national index of Quyết định 766/QĐ-TTg).
        #[arg(long, default_value = "default")]
        catalogue: String,
    },
    /// Apply pending migrations.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load demo data into a set-up database.
    Seed {
        #[command(flatten)]
        db: DbArgs,
        /// The demo province (departments, communes, staff, figures, targets).
        #[arg(long, required = true)]
        demo: bool,
        /// The day the demo is seeded as of, YYYY-MM-DD (default: today in Vietnam):
        /// figures from January of the year before last up to the month before it, the
        /// 2025 reorganisation when that falls within.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Set up a demo database if needed, then serve it and print the URL and logins.
    Demo {
        /// Database (default: chitieu-demo.db in the working directory).
        #[arg(long, default_value = "sqlite://chitieu-demo.db?mode=rwc")]
        database_url: String,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Folder of the built single-page app to serve at /.
        #[arg(long)]
        static_dir: Option<PathBuf>,
        /// The day a new demo database is seeded as of, YYYY-MM-DD (default: today in
        /// Vietnam): figures from January of the year before last up to the month before it.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// Start a local mail sink, send the monthly cycle's e-mails to it and print each
        /// one as it arrives (the worker then runs every 10 seconds).
        #[arg(long)]
        mail: bool,
    },
    /// A local mail sink: an SMTP server on --bind that prints every e-mail it receives
    /// (point CHITIEU_SMTP_URL at it, e.g. smtp://127.0.0.1:2525).
    MailSink {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:2525")]
        bind: SocketAddr,
    },
    /// Generate benchmark data (a hierarchy and monthly figures) into a set-up database.
    BenchData {
        #[command(flatten)]
        db: DbArgs,
        /// About how many units (up to ~300: one province; above: provinces of ~118 units).
        #[arg(long, default_value_t = 291)]
        units: usize,
        /// Years of monthly figures, ending in 2023.
        #[arg(long, default_value_t = 5)]
        years: i32,
        /// Merges on 01/07/2023 (pairs of communes into new ones, then divisions into a
        /// sibling), applied through the reorganisation service before the figures.
        #[arg(long, default_value_t = 0)]
        merges: usize,
    },
    /// Import monthly figures, a decision's targets or the portal's official figures from a
    /// CSV or XLSX file.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// Export the scoreboard, a unit's report, a decision's targets or the violations list
    /// as XLSX or CSV, or a unit's results notice as PDF (as --user's scope; default: full
    /// access as an ADMIN of the root).
    Export(export::ExportArgs),
    /// Verify that the maintained roll-ups equal a recomputation from the raw figures and
    /// that every figure belongs to a report of its unit and month.
    Check {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Copy the SQLite database to a new file, safely while the server runs.
    Backup {
        #[command(flatten)]
        db: DbArgs,
        /// The backup file to write (must not exist).
        #[arg(long)]
        to: PathBuf,
    },
    /// Replace the SQLite database by a checked backup (the server must be stopped).
    Restore {
        #[command(flatten)]
        db: DbArgs,
        /// The backup file to restore.
        #[arg(long)]
        from: PathBuf,
    },
}

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Create {
        #[command(flatten)]
        db: DbArgs,
        /// Login name.
        #[arg(long)]
        username: String,
        /// ADMIN, MANAGER, OFFICER or VIEWER (any case).
        #[arg(long, value_parser = role)]
        role: Role,
        /// Code of the unit the account is scoped to.
        #[arg(long)]
        unit: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// A role as typed (any case); a refusal lists the roles.
fn role(s: &str) -> Result<Role, String> {
    use strum::IntoEnumIterator;
    s.trim().to_ascii_uppercase().parse().map_err(|_| {
        let roles: Vec<&str> = Role::iter().map(Role::as_str).collect();
        format!("vai trò phải là một trong: {}", roles.join(", "))
    })
}

/// Runs a command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command {
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Serve {
            db,
            bind,
            static_dir,
        } => admin::serve(config, &db, bind.map(|b| b.to_string()), static_dir).await,
        Command::Migrate { db } => admin::migrate(config, &db).await,
        Command::Setup {
            db,
            province_code,
            province_name,
            admin_username,
            admin_password_stdin: _,
            catalogue,
        } => {
            let names = admin::SetupNames {
                province_code,
                province_name,
                admin_username,
                catalogue,
            };
            admin::setup(config, &db, names).await
        }
        Command::User {
            command:
                UserCommand::Create {
                    db,
                    username,
                    role,
                    unit,
                    password_stdin: _,
                },
        } => admin::create_user(config, &db, username, role, &unit).await,
        Command::Seed { db, demo: _, today } => demo::seed(config, &db, today).await,
        Command::Demo {
            database_url,
            bind,
            static_dir,
            today,
            mail,
        } => {
            let options = demo::DemoOptions {
                database_url,
                bind: bind.to_string(),
                static_dir,
                today,
                mail,
            };
            demo::serve(config, options).await
        }
        Command::MailSink { bind } => demo::mail_sink(bind).await,
        Command::BenchData {
            db,
            units,
            years,
            merges,
        } => demo::bench_data(config, &db, units, years, merges).await,
        Command::Import { command } => import::run(config, command).await,
        Command::Export(args) => {
            let db = common::open_db(config, &args.db).await?;
            export::run(&db, args).await
        }
        Command::Backup { db, to } => admin::backup(config, &db, &to).await,
        Command::Restore { db, from } => admin::restore(config, &db, &from).await,
        Command::Check { db } => admin::check(&common::open_existing(config, &db).await?).await,
    }
}
