//! Typed, layered configuration: defaults, then an optional TOML file, then `CHITIEU_*`
//! environment variables (and `DATABASE_URL`), then command-line flags.

mod evidence;
mod flag;
mod notify;
mod ops;

pub use evidence::EvidenceSettings;
pub use notify::NotifySettings;
pub use ops::OpsSettings;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The server's settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// `sqlite://file.db?mode=rwc` or `postgres://…`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// HS256 signing secret for sessions (at least 32 bytes). Unset: read from
    /// `jwt_secret_file`, else from a key file beside the SQLite database (generated on the
    /// first start); required on PostgreSQL unless `jwt_secret_file` is set.
    pub jwt_secret: Option<SecretString>,
    /// A file holding the signing secret, generated (mode 0600) when missing.
    pub jwt_secret_file: Option<PathBuf>,
    /// Lifetime of a session, in hours: a token older than this is refused whatever its
    /// expiry says.
    pub session_hours: i64,
    /// Log JSON lines instead of text.
    #[serde(deserialize_with = "flag::yes_no")]
    pub log_json: bool,
    /// Serve GraphiQL on `GET /graphql` to every address; it is always served to clients
    /// on this machine (loopback) and never in production.
    #[serde(deserialize_with = "flag::yes_no")]
    pub graphiql: bool,
    /// Folder of the built single-page app, served at `/` when present.
    pub static_dir: Option<PathBuf>,
    /// Maximum database connections in the pool.
    pub max_connections: u32,
    /// Limits, rate limits, CORS, metrics, production mode (flat keys, see [`OpsSettings`]).
    #[serde(flatten)]
    pub ops: OpsSettings,
    /// E-mail, webhooks and the background worker (flat keys, see [`NotifySettings`]).
    #[serde(flatten)]
    pub notify: NotifySettings,
    /// The evidence store: folder and size limits (flat keys, see [`EvidenceSettings`]).
    #[serde(flatten)]
    pub evidence: EvidenceSettings,
}

/// The defaults, as a serializable layer.
#[derive(Debug, Serialize)]
struct Defaults {
    database_url: &'static str,
    bind: &'static str,
    session_hours: i64,
    log_json: bool,
    graphiql: bool,
    max_connections: u32,
}

/// Flags given on the command line; `None` leaves the lower layers in force.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    /// `--database-url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    /// `--bind`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    /// `--static-dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub static_dir: Option<PathBuf>,
}

/// A refused setting named as the person wrote it — the flag, the `CHITIEU_*` variable or
/// the key of the file — with the value and what was expected, never a source location.
fn explain(errors: figment::Error) -> anyhow::Error {
    use figment::Source;
    let lines: Vec<String> = errors
        .into_iter()
        .map(|e| {
            let key = e.path.join(".");
            let profile = e.profile.clone().unwrap_or_default();
            let origin = match &e.metadata {
                Some(m) => match &m.source {
                    Some(Source::File(p)) => format!("{key} ({})", p.display()),
                    // Only the command-line flags are given in code without a default.
                    Some(Source::Code(_)) => format!("--{}", key.replace('_', "-")),
                    Some(Source::Custom(c)) => format!("{key} ({c})"),
                    Some(_) => key,
                    // An environment variable: its name, and its value, which the
                    // parser's message may leave out.
                    None => {
                        let name = if m.name.contains("CHITIEU_") {
                            format!("CHITIEU_{}", key.to_uppercase())
                        } else {
                            m.interpolate(&profile, &e.path)
                        };
                        match std::env::var(&name) {
                            Ok(value) => format!("{name}={value:?}"),
                            Err(_) => name,
                        }
                    }
                },
                None => key,
            };
            format!("{origin}: {}", e.kind)
        })
        .collect();
    anyhow::anyhow!("cấu hình không hợp lệ — {}", lines.join("; "))
}

/// The default SQLite database: a file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://chitieu.db?mode=rwc";

impl Settings {
    /// Loads the layers; `file` defaults to `chitieu.toml` when it exists.
    pub fn load(file: Option<PathBuf>, overrides: Overrides) -> anyhow::Result<Settings> {
        let defaults = Defaults {
            database_url: DEFAULT_DATABASE_URL,
            bind: "127.0.0.1:8080",
            session_hours: 8,
            log_json: false,
            graphiql: false,
            max_connections: 10,
        };
        let file = file.unwrap_or_else(|| PathBuf::from("chitieu.toml"));
        let figment = Figment::from(Serialized::defaults(defaults))
            .merge(Toml::file(file))
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database_url".into()),
            )
            .merge(Env::prefixed("CHITIEU_"))
            .merge(Serialized::defaults(overrides));
        figment.extract().map_err(explain)
    }

    /// Settings for tests and tools: defaults with the given database, port 0.
    pub fn for_database(database_url: &str) -> Settings {
        Settings {
            database_url: database_url.to_owned(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            jwt_secret: None,
            jwt_secret_file: None,
            session_hours: 8,
            log_json: false,
            graphiql: false,
            static_dir: None,
            max_connections: 10,
            ops: OpsSettings::default(),
            notify: NotifySettings::default(),
            evidence: EvidenceSettings::default(),
        }
    }
}
