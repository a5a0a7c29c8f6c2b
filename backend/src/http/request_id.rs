//! The request id a client may send (`x-request-id`) is kept only in a safe shape (1–64
//! letters, digits, `-`, `_`, `.`); anything else is dropped and a new id is made, so that
//! no client text reaches the logs raw.

use axum::extract::Request;

/// The most characters of a client's request id.
pub const MAX_LEN: usize = 64;

/// Whether `id` is safe to log and echo.
pub fn is_safe(id: &[u8]) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Drops a request id of any other shape (the request-id layer then makes one).
pub async fn sanitize(mut request: Request) -> Request {
    let unsafe_id = request
        .headers()
        .get_all("x-request-id")
        .iter()
        .any(|v| !is_safe(v.as_bytes()))
        || request.headers().get_all("x-request-id").iter().count() > 1;
    if unsafe_id {
        request.headers_mut().remove("x-request-id");
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_of_letters_digits_and_dashes_are_kept() {
        assert!(is_safe(b"0f6c2a1e-9d4b-4c1e-8f57-2f3c8d1b9a00"));
        assert!(is_safe(b"req_42.a"));
        assert!(!is_safe(b""));
        assert!(!is_safe(b"a b"));
        assert!(!is_safe(b"x\ny"));
        assert!(!is_safe(b"\x1b[31mred"));
        assert!(!is_safe("mã".as_bytes()));
        assert!(!is_safe(&[b'a'; MAX_LEN + 1]));
    }

    proptest! {
        #[test]
        fn a_kept_id_has_no_control_space_or_quote(id in proptest::collection::vec(any::<u8>(), 0..80)) {
            if is_safe(&id) {
                prop_assert!(id.iter().all(|b| b.is_ascii_graphic() && *b != b'"' && *b != b'\\'));
            }
        }
    }
}
