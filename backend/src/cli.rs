//! The `chitieu` command line: serve, set up, migrate, export the schema, create users,
//! seed demo data, run the demo, check the integrity of the stored figures and roll-ups.

mod import;

use crate::config::{Overrides, Settings};
use crate::db::{Db, integrity, rollups};
use crate::service::{seed, setup, users};
use crate::startup::Application;
use clap::{Args, Parser, Subcommand};
use shared::Role;
use std::io::BufRead;
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

/// Where the database is.
#[derive(Debug, Args, Clone, Default)]
pub struct DbArgs {
    /// `sqlite://file.db?mode=rwc` or `postgres://…` (env DATABASE_URL).
    #[arg(long)]
    pub database_url: Option<String>,
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
        bind: Option<String>,
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
    },
    /// Set up a demo database if needed, then serve it and print the URL and logins.
    Demo {
        /// Database (default: chitieu-demo.db in the working directory).
        #[arg(long, default_value = "sqlite://chitieu-demo.db?mode=rwc")]
        database_url: String,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Folder of the built single-page app to serve at /.
        #[arg(long)]
        static_dir: Option<PathBuf>,
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
    },
    /// Import monthly figures or a decision's targets from a CSV or XLSX file.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// Export the scoreboard, a unit's report, a decision's targets or the violations list
    /// as XLSX or CSV (as --user's scope; default: full access as an ADMIN of the root).
    Export(crate::cli_export::ExportArgs),
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
        /// ADMIN, MANAGER, OFFICER or VIEWER.
        #[arg(long)]
        role: Role,
        /// Code of the unit the account is scoped to.
        #[arg(long)]
        unit: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn settings(
    config: Option<PathBuf>,
    db: &DbArgs,
    bind: Option<String>,
    static_dir: Option<PathBuf>,
) -> anyhow::Result<Settings> {
    Settings::load(
        config,
        Overrides {
            database_url: db.database_url.clone(),
            bind,
            static_dir,
        },
    )
}

async fn open(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url, settings.max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

fn service_error(e: crate::error::ServiceError) -> anyhow::Error {
    anyhow::anyhow!("{} ({})", e.message(), e.code().as_str())
}

/// Runs a command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Serve {
            db,
            bind,
            static_dir,
        } => {
            let s = settings(cli.config, &db, bind, static_dir)?;
            crate::telemetry::init(s.log_json);
            let app = Application::build(&s).await?;
            tracing::info!("listening on http://{}:{}", s.bind.ip(), app.port());
            app.run_until_stopped().await
        }
        Command::Migrate { db } => {
            let s = settings(cli.config, &db, None, None)?;
            open(&s).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Setup {
            db,
            province_code,
            province_name,
            admin_username,
            admin_password_stdin: _,
        } => {
            let s = settings(cli.config, &db, None, None)?;
            let password = read_password()?;
            let db = open(&s).await?;
            setup::setup(
                &db,
                setup::SetupCommand {
                    province_code,
                    province_name,
                    admin_username,
                    admin_password: password,
                },
            )
            .await
            .map_err(service_error)?;
            println!("set up: catalogue loaded, province and first ADMIN created");
            Ok(())
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
        } => {
            let s = settings(cli.config, &db, None, None)?;
            let password = read_password()?;
            let db = open(&s).await?;
            let unit_row = unit_by_code(&db, &unit).await?;
            users::create_unchecked(
                &db,
                None,
                users::NewUser {
                    username,
                    password,
                    role,
                    unit_id: unit_row,
                    staff_id: None,
                },
            )
            .await
            .map_err(service_error)?;
            println!("account created");
            Ok(())
        }
        Command::Seed { db, demo: _ } => {
            let s = settings(cli.config, &db, None, None)?;
            let db = open(&s).await?;
            let started = std::time::Instant::now();
            let (logins, n) = seed::seed_demo_with_summary(&db)
                .await
                .map_err(service_error)?;
            println!(
                "demo province: {} units, {} staff, {} monthly values, {} targets, {} violations in {:.1?}",
                n.units,
                n.staff,
                n.values,
                n.targets,
                n.violations,
                started.elapsed()
            );
            print_logins(&logins);
            Ok(())
        }
        Command::Demo {
            database_url,
            bind,
            static_dir,
        } => {
            let db_args = DbArgs {
                database_url: Some(database_url),
            };
            // The app built by scripts/build-frontend.sh, when run from the repository.
            let static_dir = static_dir.or_else(|| {
                Some(PathBuf::from("frontend/dist")).filter(|d| d.join("index.html").is_file())
            });
            let s = settings(cli.config, &db_args, Some(bind), static_dir)?;
            crate::telemetry::init(s.log_json);
            let db = open(&s).await?;
            let logins = if setup::is_set_up(&db).await.map_err(service_error)? {
                demo_logins()
            } else {
                setup::setup(
                    &db,
                    setup::SetupCommand {
                        province_code: "T01".into(),
                        province_name: "Tỉnh Demo".into(),
                        admin_username: "admin".into(),
                        admin_password: seed::DEMO_PASSWORD.into(),
                    },
                )
                .await
                .map_err(service_error)?;
                seed::seed_demo(&db).await.map_err(service_error)?;
                demo_logins()
            };
            let app = Application::build_with_db(&s, db).await?;
            println!(
                "Chỉ tiêu is running at http://{}:{}/  (GraphQL: /graphql)",
                s.bind.ip(),
                app.port()
            );
            print_logins(&logins);
            app.run_until_stopped().await
        }
        Command::BenchData { db, units, years } => {
            let s = settings(cli.config, &db, None, None)?;
            let db = open(&s).await?;
            let started = std::time::Instant::now();
            let shape = crate::service::benchdata::Shape::with_units(units, years.clamp(1, 20));
            let w = crate::service::benchdata::generate(&db, shape)
                .await
                .map_err(service_error)?;
            println!(
                "wrote {} units and {} values in {:.1?}",
                w.units,
                w.values,
                started.elapsed()
            );
            Ok(())
        }
        Command::Import { command } => import::run(cli.config, command).await,
        Command::Export(args) => {
            let s = settings(cli.config, &args.db, None, None)?;
            let db = open(&s).await?;
            crate::cli_export::run(&db, args).await
        }
        c @ (Command::Backup { .. } | Command::Restore { .. }) => {
            backup_or_restore(cli.config, c).await
        }
        Command::Check { db } => {
            let s = settings(cli.config, &db, None, None)?;
            let db = open(&s).await?;
            check(&db).await
        }
    }
}

/// Verifies the roll-ups against a recomputation and the invariants of
/// [`crate::db::integrity`]; fails naming every broken one.
async fn check(db: &Db) -> anyhow::Result<()> {
    let stored = rollups::stored(db.conn()).await?;
    let expected = rollups::recompute(db.conn()).await?;
    let mut problems = integrity::problems(db.conn()).await?;
    if stored != expected {
        let wrong = expected
            .iter()
            .filter(|(k, v)| stored.get(*k) != Some(*v))
            .count()
            + stored.keys().filter(|k| !expected.contains_key(*k)).count();
        problems.push(format!(
            "roll-ups differ from a recomputation in {wrong} rows"
        ));
    }
    if problems.is_empty() {
        println!(
            "ok: {} roll-up rows equal a recomputation from the raw figures; every figure belongs to its report",
            stored.len()
        );
        Ok(())
    } else {
        anyhow::bail!("{}", problems.join("; "))
    }
}

async fn backup_or_restore(cli_config: Option<PathBuf>, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Backup { db, to } => {
            let s = settings(cli_config, &db, None, None)?;
            let bytes = crate::backup::backup_url(&s.database_url, &to).await?;
            println!("backup written to {} ({bytes} bytes)", to.display());
        }
        Command::Restore { db, from } => {
            let s = settings(cli_config, &db, None, None)?;
            let r = crate::backup::restore(&s.database_url, &from).await?;
            if let Some(previous) = r.previous {
                println!("the replaced database is kept as {}", previous.display());
            }
            println!(
                "restored from {} ({} roll-up rows verified)",
                from.display(),
                r.rollup_rows
            );
        }
        _ => {}
    }
    Ok(())
}

async fn unit_by_code(db: &Db, code: &str) -> anyhow::Result<shared::ids::UnitId> {
    use crate::db::entities::unit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let row = unit::Entity::find()
        .filter(unit::Column::Code.eq(code.trim()))
        .one(db.conn())
        .await?
        .ok_or_else(|| anyhow::anyhow!("no unit with code {code}"))?;
    Ok(shared::ids::UnitId(row.id))
}

fn demo_logins() -> Vec<seed::DemoLogin> {
    let mut v = vec![seed::DemoLogin {
        username: "admin".into(),
        role: Role::Admin,
        unit: "Tỉnh Demo".into(),
    }];
    v.extend(seed::demo_accounts());
    v
}

fn print_logins(logins: &[seed::DemoLogin]) {
    println!("Demo accounts (password {}):", seed::DEMO_PASSWORD);
    for l in logins {
        println!("  {:<14} {:<8} {}", l.username, l.role.as_str(), l.unit);
    }
}
