//! A download's answer: the file with its type, never cached, and its
//! `Content-Disposition` — an attachment, its name in UTF-8 and percent-encoded (RFC 6266,
//! RFC 8187), with a plain ASCII name beside it for old clients.

use crate::render::Rendered;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What RFC 8187 lets through unencoded besides letters and digits (a subset of
/// `attr-char`, enough for file names).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `attachment; [filename="<ascii>"; ]filename*=UTF-8''<name>`; `None` when the header
/// cannot hold it (it always can, the name being encoded).
pub fn disposition(name: &str, ascii: Option<&str>) -> Option<HeaderValue> {
    let encoded = utf8_percent_encode(name, ATTR_CHAR);
    let value = match ascii {
        Some(a) => format!("attachment; filename=\"{a}\"; filename*=UTF-8''{encoded}"),
        None => format!("attachment; filename*=UTF-8''{encoded}"),
    };
    HeaderValue::from_str(&value).ok()
}

/// The answer carrying `file` as a download.
pub fn file_response(file: Rendered) -> Response {
    let mut response = file.bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    if let Some(v) = disposition(&file.file_name, Some(&file.ascii_file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_percent_encoded_as_utf8() {
        let v = disposition("Biên bản \"1\".pdf", None).unwrap();
        assert_eq!(
            v,
            "attachment; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%221%22.pdf"
        );
        let v = disposition("Xã An Phú.csv", Some("Xa An Phu.csv")).unwrap();
        assert_eq!(
            v,
            "attachment; filename=\"Xa An Phu.csv\"; filename*=UTF-8''X%C3%A3%20An%20Ph%C3%BA.csv"
        );
    }
}
