//! Evidence files, pure: which types are accepted (read from the bytes, never from the
//! name), how an uploaded file name is cleaned, and the size limits of one file and of one
//! explanation's files.

use super::InputError;
use unicode_normalization::UnicodeNormalization;

/// Bytes read before the type is decided: enough for the OOXML matchers, which look for
/// the third entry of the zip (`word/`, `xl/`) a few kilobytes in; the whole file when it
/// is smaller.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The longest file name kept, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// An accepted type: its MIME type (served back as the Content-Type) and a short label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The MIME type.
    pub mime: &'static str,
    /// A short label for people (`PDF`, `PNG`, …).
    pub label: &'static str,
}

/// A matcher of `infer` on the first bytes.
type Matcher = fn(&[u8]) -> bool;

/// The accepted types, each with its matcher on the first bytes.
const ACCEPTED: [(Matcher, Kind); 7] = [
    (
        infer::archive::is_pdf,
        Kind {
            mime: "application/pdf",
            label: "PDF",
        },
    ),
    (
        infer::image::is_png,
        Kind {
            mime: "image/png",
            label: "PNG",
        },
    ),
    (
        infer::image::is_jpeg,
        Kind {
            mime: "image/jpeg",
            label: "JPEG",
        },
    ),
    (
        infer::image::is_webp,
        Kind {
            mime: "image/webp",
            label: "WEBP",
        },
    ),
    (
        infer::image::is_gif,
        Kind {
            mime: "image/gif",
            label: "GIF",
        },
    ),
    (
        infer::doc::is_xlsx,
        Kind {
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            label: "XLSX",
        },
    ),
    (
        infer::doc::is_docx,
        Kind {
            mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            label: "DOCX",
        },
    ),
];

/// What a refused type is told (Vietnamese).
pub const UNSUPPORTED: &str = "Chỉ nhận tệp PDF, ảnh (PNG, JPEG, WEBP, GIF), Excel (XLSX) hoặc Word (DOCX); loại tệp được xác định từ nội dung, không theo tên tệp.";

/// The type of a file from its first bytes (at most [`SNIFF_BYTES`], or the whole file);
/// `None` for anything not accepted (HTML or SVG whatever its name, scripts, plain zip,
/// executables, an empty file).
pub fn kind_of(head: &[u8]) -> Option<Kind> {
    ACCEPTED
        .iter()
        .find(|(matches, _)| matches(head))
        .map(|(_, kind)| *kind)
}

/// The name a file is shown and downloaded with: the last part of a path (after `/` or
/// `\`), without control characters or the characters Windows refuses in names, spaces
/// collapsed and trimmed, NFC-normalised (Vietnamese letters kept), at most
/// [`MAX_NAME_CHARS`] characters (keeping the extension when it is short).
pub fn file_name(field: &str, raw: &str) -> Result<String, InputError> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::with_capacity(last.len().min(4 * MAX_NAME_CHARS));
    for c in last.nfc() {
        let refused = matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*');
        let c = if c.is_control() || c.is_whitespace() || refused {
            ' '
        } else {
            c
        };
        if c == ' ' && (cleaned.is_empty() || cleaned.ends_with(' ')) {
            continue;
        }
        cleaned.push(c);
    }
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return Err(InputError::new(
            field,
            "Tên tệp không hợp lệ: hãy đặt cho tệp một tên (ví dụ bao-cao.pdf).",
        ));
    }
    Ok(shorten(cleaned))
}

/// At most [`MAX_NAME_CHARS`] characters, keeping an extension of up to 10 characters.
fn shorten(name: &str) -> String {
    let count = name.chars().count();
    if count <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match ext {
        Some(ext) => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => name
            .chars()
            .take(MAX_NAME_CHARS)
            .collect::<String>()
            .trim_end()
            .to_owned(),
    }
}

/// The size limits of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub max_file_bytes: u64,
    /// The largest total of one explanation's files (its own and its actions'), in bytes.
    pub max_request_bytes: u64,
}

/// Why a file does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooLarge {
    /// The file alone is over the per-file limit.
    File(u64),
    /// With the request's other files it is over the per-request total.
    Request(u64),
    /// The request holds the most files it may.
    Files(u64),
}

/// The most files one explanation holds (its own and its actions').
pub const MAX_FILES_PER_REQUEST: u64 = 50;

impl TooLarge {
    /// What the uploader is told (Vietnamese).
    pub fn message(&self) -> String {
        match self {
            TooLarge::File(max) => format!("Tệp quá lớn: mỗi tệp tối đa {}.", human_size(*max)),
            TooLarge::Request(max) => format!(
                "Tổng dung lượng tài liệu của giải trình này vượt quá {}; hãy gỡ bớt tệp hoặc nén nhỏ tệp.",
                human_size(*max)
            ),
            TooLarge::Files(max) => format!(
                "Mỗi giải trình có tối đa {max} tệp tài liệu; hãy gỡ bớt tệp không cần thiết."
            ),
        }
    }
}

impl Limits {
    /// Whether a file of `size` bytes fits, given `already` bytes of the request's other
    /// files.
    pub fn fits(&self, size: u64, already: u64) -> Result<(), TooLarge> {
        if size > self.max_file_bytes {
            return Err(TooLarge::File(self.max_file_bytes));
        }
        if already.saturating_add(size) > self.max_request_bytes {
            return Err(TooLarge::Request(self.max_request_bytes));
        }
        Ok(())
    }
}

/// `10 MB`, `512 KB`, `300 byte`.
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} byte")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn accepted_types_are_read_from_the_bytes() {
        assert_eq!(kind_of(b"%PDF-1.4\n1 0 obj").map(|k| k.label), Some("PDF"));
        assert_eq!(kind_of(PNG).map(|k| k.mime), Some("image/png"));
        assert_eq!(
            kind_of(b"\xFF\xD8\xFF\xE0\0\x10JFIF").map(|k| k.label),
            Some("JPEG")
        );
        assert_eq!(kind_of(b"GIF89a\x01\0\x01\0").map(|k| k.label), Some("GIF"));
        assert_eq!(
            kind_of(b"RIFF\x24\0\0\0WEBPVP8 ").map(|k| k.label),
            Some("WEBP")
        );
    }

    #[test]
    fn an_xlsx_written_by_a_spreadsheet_library_is_an_xlsx() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Hồ sơ").expect("write");
        let bytes = book.save_to_buffer().expect("xlsx");
        let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
        assert_eq!(kind_of(head).map(|k| k.label), Some("XLSX"));
    }

    #[test]
    fn html_svg_scripts_zip_executables_and_empty_files_are_refused() {
        for bytes in [
            &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
            b"<html><body>",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">",
            b"<svg onload=alert(1)>",
            b"#!/bin/sh\nrm -rf /",
            b"PK\x03\x04\x14\0\0\0\x08\0readme.txt",
            b"MZ\x90\0\x03\0\0\0",
            b"\x7fELF\x02\x01\x01",
            b"",
            b"plain text",
        ] {
            assert_eq!(kind_of(bytes), None, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn names_lose_their_path_and_control_characters_and_keep_vietnamese() {
        assert_eq!(
            file_name("name", "C:\\Users\\a\\Báo cáo tháng 5.pdf").as_deref(),
            Ok("Báo cáo tháng 5.pdf")
        );
        assert_eq!(
            file_name("name", "../../etc/passwd").as_deref(),
            Ok("passwd")
        );
        assert_eq!(
            file_name("name", "Kế\u{0}hoạch\r\n khắc phục.docx").as_deref(),
            Ok("Kế hoạch khắc phục.docx")
        );
        assert_eq!(
            file_name("name", "..").map_err(|e| e.field),
            Err("name".into())
        );
        assert!(file_name("name", "  /  ").is_err());
        assert!(file_name("name", "").is_err());
    }

    #[test]
    fn long_names_are_cut_keeping_their_extension() {
        let long = format!("{}.xlsx", "ạ".repeat(300));
        let name = file_name("name", &long).expect("name");
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with(".xlsx"));
    }

    #[test]
    fn a_file_fits_the_per_file_and_the_per_request_limits() {
        let limits = Limits {
            max_file_bytes: 10,
            max_request_bytes: 25,
        };
        assert_eq!(limits.fits(10, 15), Ok(()));
        assert_eq!(limits.fits(11, 0), Err(TooLarge::File(10)));
        assert_eq!(limits.fits(10, 16), Err(TooLarge::Request(25)));
        assert_eq!(limits.fits(1, u64::MAX), Err(TooLarge::Request(25)));
        assert!(TooLarge::File(10 * 1024 * 1024).message().contains("10 MB"));
    }

    proptest! {
        #[test]
        fn markup_is_refused_whatever_follows(
            start in prop::sample::select(vec!["<html", "<!DOCTYPE", "<!doctype html", "<svg", "<?xml"]),
            rest in prop::collection::vec(any::<u8>(), 0..512),
        ) {
            let mut bytes = start.as_bytes().to_vec();
            bytes.extend(rest);
            prop_assert_eq!(kind_of(&bytes), None);
        }

        #[test]
        fn any_name_is_cleaned_into_a_safe_one_or_refused(raw in any::<String>()) {
            if let Ok(name) = file_name("name", &raw) {
                prop_assert!(!name.is_empty());
                prop_assert!(name.chars().count() <= MAX_NAME_CHARS);
                prop_assert!(!name.contains(['/', '\\']));
                prop_assert!(!name.chars().any(char::is_control));
                prop_assert!(!name.starts_with('.'));
                prop_assert_eq!(name.trim(), name.as_str());
            }
        }

        #[test]
        fn a_fitting_file_never_exceeds_either_limit(
            size in any::<u64>(), already in any::<u64>(), file in 1u64..1 << 40, total in 1u64..1 << 42,
        ) {
            let limits = Limits { max_file_bytes: file, max_request_bytes: total };
            if limits.fits(size, already).is_ok() {
                prop_assert!(size <= file);
                prop_assert!(already + size <= total);
            }
        }
    }
}
