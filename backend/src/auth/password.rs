//! Argon2id password hashes in PHC form.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;
/// The longest password accepted (hashing cost is bounded).
pub const MAX_PASSWORD_LEN: usize = 256;

/// Hashes a password with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let hash: PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))?;
    Ok(hash.to_string())
}

/// Whether `password` matches the stored hash; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A valid hash of a random password: verified against when a username does not exist, so
/// that a missing account takes as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

/// The letters of a temporary password: lower case and digits, without the ones read
/// alike (0/o, 1/l/i).
const TEMPORARY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A random temporary password an ADMIN hands over by hand: three groups of four letters
/// and digits (`k7pm-3xqa-w9de`), about 59 bits.
pub fn temporary() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    let mut out = String::with_capacity(14);
    for group in 0..3 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..4 {
            let i = rng.random_range(0..TEMPORARY_ALPHABET.len());
            out.push(char::from(TEMPORARY_ALPHABET[i]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_are_long_enough_and_differ() {
        let (a, b) = (temporary(), temporary());
        assert_ne!(a, b);
        assert_eq!(a.chars().count(), 14);
        assert!(a.chars().count() >= MIN_PASSWORD_LEN);
        assert!(a.split('-').all(|g| g.len() == 4));
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("mật khẩu rất dài").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("mật khẩu rất dài", &h));
        assert!(!verify("mật khẩu khác", &h));
        assert!(!verify("x", "not a hash"));
    }
}
