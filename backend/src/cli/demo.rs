//! Demo and benchmark data: `chitieu seed --demo`, `chitieu demo` (set up, seed and serve a
//! demo database, printing the logins) and `chitieu bench-data`.

use super::common::{DbArgs, open, open_db, service_error, settings};
use crate::db::Db;
use crate::devdata::mail_sink::MailSink;
use crate::devdata::{benchdata, seed};
use crate::service::setup;
use crate::startup::Application;
use chrono::NaiveDate;
use shared::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

/// `chitieu seed --demo`: loads the demo province into a set-up database.
pub(super) async fn seed(
    config: Option<PathBuf>,
    db: &DbArgs,
    today: Option<NaiveDate>,
) -> anyhow::Result<()> {
    let db = open_db(config, db).await?;
    if let Some(day) = today {
        db.clock().start_at(demo_morning(day));
    }
    let started = std::time::Instant::now();
    let (logins, n) = seed::seed_demo_with_summary(&db, today.unwrap_or_else(seed::vietnam_today))
        .await
        .map_err(service_error)?;
    print_summary(&n, started.elapsed());
    print_logins(&logins);
    Ok(())
}

/// What `chitieu demo` was asked for.
pub(super) struct DemoOptions {
    pub database_url: String,
    pub bind: String,
    pub static_dir: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    /// Run a local mail sink and send the e-mails there.
    pub mail: bool,
}

/// Seconds between worker runs when the demo sends its e-mails to a local sink.
const DEMO_WORKER_SECS: u64 = 10;

/// `chitieu demo`: sets up and seeds the database when it is new, then serves it.
pub(super) async fn serve(config: Option<PathBuf>, o: DemoOptions) -> anyhow::Result<()> {
    let db_args = DbArgs {
        database_url: Some(o.database_url),
    };
    let static_dir = built_app(o.static_dir);
    let mut s = settings(config, &db_args, Some(o.bind), static_dir)?;
    crate::telemetry::init(s.log_json);
    // A demo as of another day runs on that day's clock, so that its to-do lists,
    // deadlines and e-mails agree with its figures.
    if let Some(day) = o.today {
        s.notify.now.get_or_insert(demo_morning(day));
    }
    let sink = if o.mail {
        let sink = start_sink(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        s.notify.smtp_url = Some(sink.into());
        s.notify.worker_interval_secs = DEMO_WORKER_SECS;
        true
    } else {
        false
    };
    let db = open(&s).await?;
    if !setup::is_set_up(&db).await.map_err(service_error)? {
        let official = official_file(&db_args);
        set_up_and_seed(&db, o.today, &official).await?;
    }
    let app = Application::build_with_db(&s, db).await?;
    println!(
        "Chỉ tiêu is running at http://{}:{}/  (GraphQL: /graphql)",
        s.bind.ip(),
        app.port()
    );
    if s.static_dir.is_none() {
        println!(
            "The web app is not built, so / answers 404 and only the API is served \
             (/graphql, /export/…). Build it with scripts/build-frontend.sh (it writes \
             frontend/dist) and start the demo again, or pass --static-dir <folder>."
        );
    }
    print_logins(&demo_logins());
    if sink {
        println!("E-mails of the monthly cycle are printed below as the worker sends them.");
    }
    app.run_until_stopped().await
}

/// The folder of the built app: `--static-dir` when it holds an `index.html`, else the
/// `frontend/dist` that scripts/build-frontend.sh writes, looked for in the working
/// directory and then in the workspace the binary was built in (`target/debug/chitieu` →
/// `frontend/dist`).
fn built_app(given: Option<PathBuf>) -> Option<PathBuf> {
    let built = |d: &PathBuf| d.join("index.html").is_file();
    if let Some(dir) = given {
        if !built(&dir) {
            println!("--static-dir {}: no index.html there", dir.display());
        }
        return Some(dir).filter(built);
    }
    let beside_binary = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .nth(3)
            .map(|workspace| workspace.join("frontend").join("dist"))
    });
    std::iter::once(PathBuf::from("frontend/dist"))
        .chain(beside_binary)
        .find(built)
}

/// 09:00 in Vietnam on `day`: the instant a demo as of `day` stands at.
fn demo_morning(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    crate::clock::start_of_vietnam_day(day) + chrono::Duration::hours(9)
}

/// `chitieu mail-sink`: prints every e-mail it receives until stopped.
pub(super) async fn mail_sink(bind: SocketAddr) -> anyhow::Result<()> {
    let url = start_sink(bind).await?;
    println!("Mail sink listening: CHITIEU_SMTP_URL={url}  (Ctrl-C stops it)");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// Starts a mail sink on `bind` that prints each e-mail; its `smtp://` URL.
async fn start_sink(bind: SocketAddr) -> anyhow::Result<String> {
    let mut sink = MailSink::start(bind).await?;
    let url = sink.url();
    tokio::spawn(async move {
        while let Some(mail) = sink.arrivals.recv().await {
            println!(
                "✉  {} → {}: {}",
                mail.from,
                mail.to.join(", "),
                mail.subject()
            );
        }
    });
    Ok(url)
}

/// Where the demo writes the portal's official figures: beside a SQLite file
/// (`chitieu-demo.db` → `chitieu-demo-official.csv`), else in the working directory.
fn official_file(db: &DbArgs) -> PathBuf {
    let url = db.database_url.as_deref().unwrap_or_default();
    let file = url
        .strip_prefix("sqlite://")
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|path| !path.is_empty() && !path.starts_with(':'))
        .map(PathBuf::from);
    match file {
        Some(path) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "chitieu-demo".into());
            path.with_file_name(format!("{stem}-official.csv"))
        }
        None => PathBuf::from("chitieu-demo-official.csv"),
    }
}

/// Sets a new demo database up (province T01, ADMIN `admin`, the national index QĐ 766 as
/// its catalogue), seeds the demo and writes the portal's official figures to `official`.
async fn set_up_and_seed(
    db: &Db,
    today: Option<NaiveDate>,
    official: &std::path::Path,
) -> anyhow::Result<()> {
    let command = setup::SetupCommand {
        province_code: "T01".into(),
        province_name: "Tỉnh Demo".into(),
        admin_username: "admin".into(),
        admin_password: seed::DEMO_PASSWORD.into(),
        catalogue: crate::domain::catalogue::Preset::Qd766,
    };
    setup::setup(db, command).await.map_err(service_error)?;
    let started = std::time::Instant::now();
    let (_, n) = seed::seed_demo_with_summary(db, today.unwrap_or_else(seed::vietnam_today))
        .await
        .map_err(service_error)?;
    print_summary(&n, started.elapsed());
    if let Some(csv) = &n.official_csv {
        std::fs::write(official, csv)?;
        println!(
            "the portal's official figures of the last three months: {} \
             (imported; import it again with chitieu import official or importOfficialFigures)",
            official.display()
        );
    }
    Ok(())
}

fn print_summary(n: &seed::Summary, took: std::time::Duration) {
    let cal = &n.calendar;
    let ((fy, fm), (ly, lm)) = (cal.first_month(), cal.last_month());
    println!(
        "demo province as of {}: figures {fm:02}/{fy}–{lm:02}/{ly}, {} units, {} staff, \
         {} monthly values, {} targets ({ly}), {} reorganisations, {} violations in {took:.1?}",
        cal.today().format("%d/%m/%Y"),
        n.units,
        n.staff,
        n.values,
        n.targets,
        n.reorganizations,
        n.violations,
    );
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

#[cfg(test)]
mod tests {
    use super::built_app;

    #[test]
    fn a_static_dir_serves_only_when_it_holds_the_built_app() {
        let dir = std::env::temp_dir().join(format!("chitieu-app-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        assert_eq!(built_app(Some(dir.clone())), None, "no index.html yet");
        let _ = std::fs::write(dir.join("index.html"), "<!doctype html>");
        assert_eq!(built_app(Some(dir.clone())), Some(dir.clone()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
