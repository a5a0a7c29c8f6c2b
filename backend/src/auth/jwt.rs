//! Session tokens: HS256 JWTs carrying the user id and an expiry. Any other algorithm, a bad
//! signature or a past expiry is rejected.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use shared::ids::UserId;

/// The claims of a session token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string.
    pub sub: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
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
    /// Keys from a secret and a session lifetime.
    pub fn new(secret: &SecretString, lifetime: Duration) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        JwtKeys {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            lifetime,
        }
    }

    /// A token for `user`, valid from `now` for the configured lifetime.
    pub fn issue(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(String, DateTime<Utc>)> {
        let expires = now + self.lifetime;
        let claims = Claims {
            sub: user.to_string(),
            iat: now.timestamp(),
            exp: expires.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, expires))
    }

    /// The user of a valid token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<UserId> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        data.claims.sub.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> JwtKeys {
        JwtKeys::new(&SecretString::from(secret.to_owned()), Duration::hours(8))
    }

    #[test]
    fn a_fresh_token_names_its_user() {
        let k = keys("a-secret-of-enough-length-0123456789");
        let (token, exp) = k.issue(UserId(7), Utc::now()).unwrap();
        assert_eq!(k.verify(&token), Some(UserId(7)));
        assert!(exp > Utc::now());
    }

    #[test]
    fn expired_foreign_and_tampered_tokens_are_rejected() {
        let k = keys("a-secret-of-enough-length-0123456789");
        let (old, _) = k.issue(UserId(7), Utc::now() - Duration::hours(9)).unwrap();
        assert_eq!(k.verify(&old), None);
        let (other, _) = keys("another-secret-0123456789-abcdef")
            .issue(UserId(7), Utc::now())
            .unwrap();
        assert_eq!(k.verify(&other), None);
        let (good, _) = k.issue(UserId(7), Utc::now()).unwrap();
        let mut tampered = good.clone();
        tampered.pop();
        assert_eq!(k.verify(&tampered), None);
    }
}
