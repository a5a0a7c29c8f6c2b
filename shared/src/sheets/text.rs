//! The text of an uploaded CSV file, in whatever encoding a spreadsheet application saved
//! it: UTF-8 or UTF-16 told by their byte order mark ("Unicode Text" is UTF-16 LE), UTF-8
//! without one, UTF-16 without one told by its zero bytes, else the Vietnamese or Western
//! Windows code page Excel's plain "CSV" uses (Windows-1258, Windows-1252), told apart by
//! `chardetng`. Windows-1258 writes tone marks as combining characters; the text is
//! normalised to composed characters (NFC) so that it reads like the same text typed
//! elsewhere. A file whose encoding cannot be told is refused with one problem saying how
//! to save it as CSV UTF-8.

use super::problem::{Problem, ProblemReason};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1258};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// How many bytes the encoding detector looks at: enough for any header and many rows.
const DETECT_BYTES: usize = 1024 * 1024;

/// The text of a CSV file, or the one problem of a file whose encoding cannot be told.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Box<Problem>> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return Ok(encoding.decode_without_bom_handling(body).0);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(bytes).0);
    }
    if bytes.contains(&0) {
        return Err(Problem::file(
            ProblemReason::Unreadable,
            "the file is neither a CSV text file nor an XLSX workbook",
        )
        .into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let head = bytes.get(..DETECT_BYTES).unwrap_or(bytes);
    detector.feed(head, head.len() == bytes.len());
    let guess = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Deny);
    if guess == WINDOWS_1258 {
        let text = WINDOWS_1258.decode_without_bom_handling(bytes).0;
        Ok(Cow::Owned(text.nfc().collect()))
    } else if guess == WINDOWS_1252 {
        Ok(WINDOWS_1252.decode_without_bom_handling(bytes).0)
    } else {
        Err(Problem::file(
            ProblemReason::UnknownEncoding,
            format!(
                "the text encoding of the file cannot be told (it looks like {}); save it as \"CSV UTF-8 (Comma delimited)\"",
                guess.name()
            ),
        )
        .into())
    }
}

/// UTF-16 without a byte order mark: most of the high bytes of the first characters are
/// zero (Latin letters, digits and separators), on the odd bytes for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const HEADER: &str =
        "Mã đơn vị,Tên đơn vị,Năm,Tháng,Số hồ sơ tiếp nhận\nXÃ_A,Xã Tân Phú Đông,2024,4,12\n";

    /// `text` as Excel writes it in Windows-1258: a letter the code page lacks is written
    /// as its base letter (with its own mark when the code page has it: ô, ơ, ư) and the
    /// tone as a combining mark.
    pub(crate) fn windows_1258(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = [0u8; 4];
        for c in text.nfc() {
            let one = |s: &str| {
                let (bytes, _, unmappable) = WINDOWS_1258.encode(s);
                (!unmappable).then(|| bytes.into_owned())
            };
            if let Some(b) = one(c.encode_utf8(&mut buf)) {
                out.extend(b);
                continue;
            }
            let parts: Vec<char> = c.to_string().nfd().collect();
            let (base, marks) = parts.split_first().unwrap();
            let mut letter: String = base.to_string();
            let mut rest = Vec::new();
            for m in marks {
                let composed: String = format!("{letter}{m}").nfc().collect();
                if composed.chars().count() == 1 && one(&composed).is_some() {
                    letter = composed;
                } else {
                    rest.push(*m);
                }
            }
            out.extend(one(&letter).unwrap());
            for m in rest {
                out.extend(one(m.encode_utf8(&mut buf)).unwrap());
            }
        }
        out
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot write {text:?}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_reads_as_is() {
        assert_eq!(decode(HEADER.as_bytes()).unwrap(), HEADER);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), HEADER.as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap(), HEADER);
    }

    #[test]
    fn utf16_with_a_bom_or_without_reads_as_text() {
        let le: Vec<u8> = HEADER.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = HEADER.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&[b"\xFF\xFE".as_slice(), &le].concat()).unwrap(),
            HEADER
        );
        assert_eq!(
            decode(&[b"\xFE\xFF".as_slice(), &be].concat()).unwrap(),
            HEADER
        );
        assert_eq!(decode(&le).unwrap(), HEADER);
        assert_eq!(decode(&be).unwrap(), HEADER);
    }

    #[test]
    fn windows_1258_reads_as_composed_vietnamese() {
        // Windows-1258 has no "ã" with its tone composed for every letter: the encoder
        // writes base letters and combining tone marks, as Excel does.
        let bytes = windows_1258(HEADER);
        assert!(std::str::from_utf8(&bytes).is_err());
        let text = decode(&bytes).unwrap();
        assert_eq!(text, HEADER);
    }

    #[test]
    fn windows_1252_reads_as_western_text() {
        let text = "Unit code,Name,Year,Month,RECEIVED\nC1,Café Résumé Ñandú,2024,4,12\n";
        let bytes = encoded(WINDOWS_1252, text);
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn an_encoding_that_cannot_be_told_is_one_problem() {
        let text = "код,имя\nС1,Привет мир, как дела у тебя сегодня\n";
        let bytes = encoded(encoding_rs::WINDOWS_1251, text);
        let p = decode(&bytes).unwrap_err();
        assert_eq!(p.reason, ProblemReason::UnknownEncoding);
    }
}
