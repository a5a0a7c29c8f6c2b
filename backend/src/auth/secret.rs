//! Where the session signing secret comes from: the configuration (`jwt_secret`), a
//! configured key file (`jwt_secret_file`), or a key file generated beside the SQLite
//! database (`chitieu.db` → `chitieu.key`). Never the database: a backup of it must not be
//! able to forge sessions. On PostgreSQL, where there is no file beside the database, one of
//! the first two is required, and every instance must be given the same secret.
//!
//! A generated key file is written to a temporary file with mode 0600 and then hard-linked
//! into place, which fails if the name exists: two instances starting together agree on
//! one secret, and nobody ever reads a half-written key.

use crate::auth::jwt::MIN_SECRET_BYTES;
use crate::config::Settings;
use crate::db::file_lock::sqlite_path;
use anyhow::Context;
use base64::Engine;
use rand::RngCore;
use secrecy::SecretString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The signing secret for `settings`, generating a key file when needed.
pub fn load(settings: &Settings) -> anyhow::Result<SecretString> {
    if let Some(secret) = &settings.jwt_secret {
        return Ok(secret.clone());
    }
    if let Some(file) = &settings.jwt_secret_file {
        return read_or_create(file);
    }
    if let Some(db_file) = sqlite_path(&settings.database_url) {
        return read_or_create(&key_file_beside(&db_file));
    }
    if settings.database_url.starts_with("sqlite:") {
        // An in-memory database: sessions cannot outlive it anyway.
        return Ok(SecretString::from(fresh_secret()));
    }
    anyhow::bail!(
        "on PostgreSQL the session signing secret must be configured, the same on every \
         instance: set CHITIEU_JWT_SECRET (at least {MIN_SECRET_BYTES} bytes, e.g. \
         `openssl rand -base64 48`) or CHITIEU_JWT_SECRET_FILE (a file readable only by the \
         server; it is generated when missing)"
    )
}

/// The key file of a SQLite database: the same name with the extension `.key`.
pub fn key_file_beside(db_file: &Path) -> PathBuf {
    db_file.with_extension("key")
}

fn fresh_secret() -> String {
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

/// Reads the secret in `path`, or creates the file with a fresh secret (mode 0600).
pub fn read_or_create(path: &Path) -> anyhow::Result<SecretString> {
    if !path.exists() {
        create(path)?;
    }
    tighten(path)?;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the session key file {}", path.display()))?;
    let secret = text.trim().to_owned();
    if secret.len() < MIN_SECRET_BYTES {
        anyhow::bail!(
            "the session key file {} holds {} bytes; it needs at least {MIN_SECRET_BYTES}",
            path.display(),
            secret.len()
        );
    }
    Ok(SecretString::from(secret))
}

/// Writes a fresh secret to `path` unless another process did first.
fn create(path: &Path) -> anyhow::Result<()> {
    let mut staged = path.as_os_str().to_owned();
    staged.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
    let staged = PathBuf::from(staged);
    let written = (|| -> std::io::Result<()> {
        let mut file = private_file(&staged)?;
        file.write_all(fresh_secret().as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()
    })();
    let linked = written.and_then(|()| std::fs::hard_link(&staged, path));
    let _ = std::fs::remove_file(&staged);
    match linked {
        Ok(()) => {
            tracing::info!(key_file = %path.display(), "generated the session signing key");
            Ok(())
        }
        // Another instance created it at the same moment: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(anyhow::Error::new(e)
            .context(format!("creating the session key file {}", path.display()))),
    }
}

/// A new file readable and writable by its owner only; fails if it exists.
pub fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Makes an existing file readable by its owner only, when others could read it.
pub fn tighten(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(file = %path.display(), mode = format!("{:o}", mode & 0o777), "made the file readable by its owner only (0600)");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("chitieu-{}-{name}", uuid::Uuid::new_v4().simple()))
    }

    #[test]
    fn a_key_file_is_generated_once_private_and_then_reused() {
        let path = temp("a.key");
        let first = read_or_create(&path).unwrap();
        let again = read_or_create(&path).unwrap();
        assert_eq!(first.expose_secret(), again.expose_secret());
        assert!(first.expose_secret().len() >= MIN_SECRET_BYTES);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn instances_starting_together_agree_on_one_secret() {
        let path = temp("race.key");
        let secrets: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| read_or_create(&path).unwrap().expose_secret().to_owned()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(secrets.windows(2).all(|w| w[0] == w[1]));
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_short_key_file_and_postgresql_without_a_secret_are_refused() {
        let path = temp("short.key");
        std::fs::write(&path, "short\n").unwrap();
        assert!(read_or_create(&path).is_err());
        std::fs::remove_file(&path).unwrap();
        let settings = Settings::for_database("postgres://u@localhost/db");
        let message = format!("{:#}", load(&settings).unwrap_err());
        assert!(message.contains("CHITIEU_JWT_SECRET"), "{message}");
    }

    #[test]
    fn the_key_file_sits_beside_the_database() {
        assert_eq!(
            key_file_beside(Path::new("/srv/chitieu.db")),
            PathBuf::from("/srv/chitieu.key")
        );
    }
}
