//! Session tokens: HS256 JWTs carrying the user id, the account's session epoch and their
//! times. Any other algorithm, a bad signature, a past expiry, a `nbf` or `iat` in the
//! future (beyond a few seconds of clock skew) or an age beyond the session length is
//! rejected, whatever `exp` says.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use shared::ids::UserId;

/// The shortest signing secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

/// Clock skew tolerated between instances for `iat` and `nbf`, in seconds.
pub const LEEWAY_SECS: i64 = 5;

/// The claims of a session token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string.
    pub sub: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Not before (seconds since the epoch).
    pub nbf: i64,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// The account's session epoch when the token was issued; the session ends when the
    /// account's epoch moves on.
    pub epoch: i32,
}

/// What a valid token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClaims {
    /// The account.
    pub user: UserId,
    /// The session epoch the token was issued in.
    pub epoch: i32,
}

/// Signs and verifies session tokens with one secret.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    lifetime: Duration,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    /// Keys from a secret and a session lifetime; refuses a secret shorter than
    /// [`MIN_SECRET_BYTES`].
    pub fn new(secret: &SecretString, lifetime: Duration) -> anyhow::Result<Self> {
        let bytes = secret.expose_secret().as_bytes();
        if bytes.len() < MIN_SECRET_BYTES {
            anyhow::bail!(
                "the session signing secret has {} bytes; it needs at least {MIN_SECRET_BYTES} \
                 (generate one with `openssl rand -base64 48`, or leave it unset to use a key file)",
                bytes.len()
            );
        }
        Ok(JwtKeys {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            lifetime,
        })
    }

    /// The session length.
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// A token for `user` in session epoch `epoch`, valid from `now` for the configured
    /// lifetime.
    pub fn issue(
        &self,
        user: UserId,
        epoch: i32,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(String, DateTime<Utc>)> {
        let expires = now + self.lifetime;
        let claims = Claims {
            sub: user.to_string(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires.timestamp(),
            epoch,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, expires))
    }

    /// The claims of a token valid now; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<SessionClaims> {
        self.verify_at(token, Utc::now())
    }

    /// The claims of a token valid at `now`; `None` for anything else.
    pub fn verify_at(&self, token: &str, now: DateTime<Utc>) -> Option<SessionClaims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        // The times are checked below against `now`, not the system clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.set_required_spec_claims(&["exp", "sub", "iat", "nbf"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .ok()?
            .claims;
        let now = now.timestamp();
        let too_old = now.saturating_sub(claims.iat) > self.lifetime.num_seconds();
        let from_the_future = claims.iat > now + LEEWAY_SECS || claims.nbf > now + LEEWAY_SECS;
        if claims.exp <= now || too_old || from_the_future {
            return None;
        }
        Some(SessionClaims {
            user: claims.sub.parse().ok()?,
            epoch: claims.epoch,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "a-secret-of-enough-length-0123456789";

    fn keys(secret: &str) -> JwtKeys {
        JwtKeys::new(&SecretString::from(secret.to_owned()), Duration::hours(8)).unwrap()
    }

    fn signed(claims: serde_json::Value) -> String {
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap()
    }

    #[test]
    fn a_fresh_token_names_its_user_and_epoch() {
        let k = keys(SECRET);
        let (token, exp) = k.issue(UserId(7), 3, Utc::now()).unwrap();
        assert_eq!(
            k.verify(&token),
            Some(SessionClaims {
                user: UserId(7),
                epoch: 3
            })
        );
        assert!(exp > Utc::now());
    }

    #[test]
    fn expired_foreign_and_tampered_tokens_are_rejected() {
        let k = keys(SECRET);
        let (old, _) = k
            .issue(UserId(7), 0, Utc::now() - Duration::hours(9))
            .unwrap();
        assert_eq!(k.verify(&old), None);
        let (other, _) = keys("another-secret-0123456789-abcdefgh")
            .issue(UserId(7), 0, Utc::now())
            .unwrap();
        assert_eq!(k.verify(&other), None);
        let (good, _) = k.issue(UserId(7), 0, Utc::now()).unwrap();
        let mut tampered = good.clone();
        tampered.pop();
        assert_eq!(k.verify(&tampered), None);
    }

    #[test]
    fn a_token_issued_or_valid_only_in_the_future_is_rejected() {
        let k = keys(SECRET);
        let now = Utc::now().timestamp();
        let exp = now + 3600;
        let future_iat = signed(serde_json::json!({
            "sub": "7", "iat": now + 600, "nbf": now, "exp": exp, "epoch": 0
        }));
        assert_eq!(k.verify(&future_iat), None);
        let future_nbf = signed(serde_json::json!({
            "sub": "7", "iat": now, "nbf": now + 600, "exp": exp, "epoch": 0
        }));
        assert_eq!(k.verify(&future_nbf), None);
        let skewed = signed(serde_json::json!({
            "sub": "7", "iat": now + 2, "nbf": now + 2, "exp": exp, "epoch": 0
        }));
        assert!(
            k.verify(&skewed).is_some(),
            "a little clock skew is tolerated"
        );
        let without_times = signed(serde_json::json!({"sub": "7", "exp": exp, "epoch": 0}));
        assert_eq!(k.verify(&without_times), None);
    }

    #[test]
    fn a_token_older_than_the_session_length_is_rejected_whatever_its_expiry() {
        let k = keys(SECRET);
        let now = Utc::now().timestamp();
        let long_lived = signed(serde_json::json!({
            "sub": "7", "iat": now - 9 * 3600, "nbf": now - 9 * 3600,
            "exp": now + 365 * 24 * 3600, "epoch": 0
        }));
        assert_eq!(k.verify(&long_lived), None);
        let recent = signed(serde_json::json!({
            "sub": "7", "iat": now - 3600, "nbf": now - 3600,
            "exp": now + 365 * 24 * 3600, "epoch": 0
        }));
        assert!(k.verify(&recent).is_some());
    }

    #[test]
    fn a_short_secret_is_refused() {
        let short = JwtKeys::new(
            &SecretString::from("too-short".to_owned()),
            Duration::hours(8),
        );
        let message = format!("{:#}", short.unwrap_err());
        assert!(message.contains("at least 32"), "{message}");
        assert!(JwtKeys::new(&SecretString::from("x".repeat(32)), Duration::hours(8)).is_ok());
    }
}
