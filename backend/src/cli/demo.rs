//! Demo and benchmark data: `chitieu seed --demo`, `chitieu demo` (set up, seed and serve a
//! demo database, printing the logins) and `chitieu bench-data`.

use super::common::{DbArgs, open, open_db, service_error, settings};
use crate::db::Db;
use crate::devdata::{benchdata, seed};
use crate::service::setup;
use crate::startup::Application;
use shared::Role;
use std::path::PathBuf;

/// `chitieu seed --demo`: loads the demo province into a set-up database.
pub(super) async fn seed(config: Option<PathBuf>, db: &DbArgs) -> anyhow::Result<()> {
    let db = open_db(config, db).await?;
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

/// `chitieu demo`: sets up and seeds the database when it is new, then serves it.
pub(super) async fn serve(
    config: Option<PathBuf>,
    database_url: String,
    bind: String,
    static_dir: Option<PathBuf>,
) -> anyhow::Result<()> {
    let db_args = DbArgs {
        database_url: Some(database_url),
    };
    // The app built by scripts/build-frontend.sh, when run from the repository.
    let static_dir = static_dir.or_else(|| {
        Some(PathBuf::from("frontend/dist")).filter(|d| d.join("index.html").is_file())
    });
    let s = settings(config, &db_args, Some(bind), static_dir)?;
    crate::telemetry::init(s.log_json);
    let db = open(&s).await?;
    if !setup::is_set_up(&db).await.map_err(service_error)? {
        set_up_and_seed(&db).await?;
    }
    let app = Application::build_with_db(&s, db).await?;
    println!(
        "Chỉ tiêu is running at http://{}:{}/  (GraphQL: /graphql)",
        s.bind.ip(),
        app.port()
    );
    print_logins(&demo_logins());
    app.run_until_stopped().await
}

/// Sets a new demo database up (province T01, ADMIN `admin`) and seeds the demo.
async fn set_up_and_seed(db: &Db) -> anyhow::Result<()> {
    let command = setup::SetupCommand {
        province_code: "T01".into(),
        province_name: "Tỉnh Demo".into(),
        admin_username: "admin".into(),
        admin_password: seed::DEMO_PASSWORD.into(),
    };
    setup::setup(db, command).await.map_err(service_error)?;
    seed::seed_demo(db).await.map_err(service_error)?;
    Ok(())
}

/// `chitieu bench-data`: a generated hierarchy with years of monthly figures.
pub(super) async fn bench_data(
    config: Option<PathBuf>,
    db: &DbArgs,
    units: usize,
    years: i32,
    merges: usize,
) -> anyhow::Result<()> {
    let db = open_db(config, db).await?;
    let started = std::time::Instant::now();
    let shape = benchdata::Shape {
        merges,
        ..benchdata::Shape::with_units(units, years.clamp(1, 20))
    };
    let w = benchdata::generate(&db, shape)
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

/// Every demo account: the ADMIN of set-up and [`seed::demo_accounts`].
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
