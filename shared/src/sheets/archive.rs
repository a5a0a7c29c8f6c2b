//! The first look at an uploaded XLSX, before any of its XML is parsed: a zip archive of at
//! most [`MAX_PARTS`] parts, each part and all of them together within their uncompressed
//! limits, and no more than [`MAX_SHARED_STRINGS`] shared strings. The sizes an archive
//! declares are checked first, then every part is inflated through a cap (a declared size
//! may lie), so the work done here is bounded by the limits, whatever the file says.

use super::problem::{Problem, ProblemReason};
use crate::import_limits::{MAX_PART_BYTES, MAX_PARTS, MAX_SHARED_STRINGS, MAX_WORKBOOK_BYTES};
use std::io::{Read, Write};

/// What an archive within the limits holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archive {
    /// Its parts (zip entries).
    pub parts: usize,
    /// The uncompressed bytes of all its parts, as inflated.
    pub bytes: u64,
    /// Its shared strings, counted in the XML.
    pub shared_strings: u64,
}

/// Checks every limit of the archive in `bytes`; a refusal is a `FILE` problem.
pub fn check(bytes: &[u8]) -> Result<Archive, Box<Problem>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let parts = zip.len();
    if parts > MAX_PARTS {
        return Err(Problem::file(
            ProblemReason::TooManyParts,
            format!("the workbook has {parts} parts; at most {MAX_PARTS} are read"),
        )
        .into());
    }
    let (mut total, mut strings) = (0u64, 0u64);
    for i in 0..parts {
        let mut part = zip.by_index(i).map_err(unreadable)?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let room = MAX_WORKBOOK_BYTES.saturating_sub(total);
        if part.size() > MAX_PART_BYTES {
            return Err(part_too_large(&name));
        }
        if part.size() > room {
            return Err(workbook_too_large());
        }
        let cap = MAX_PART_BYTES.min(room);
        let mut sink = Sink {
            bytes: 0,
            strings: is_shared_strings(&name).then(StringCounter::default),
        };
        std::io::copy(&mut (&mut part).take(cap.saturating_add(1)), &mut sink).map_err(|e| {
            Problem::file(
                ProblemReason::Unreadable,
                format!("the part {name:?} of the workbook cannot be read: {e}"),
            )
        })?;
        if sink.bytes > MAX_PART_BYTES {
            return Err(part_too_large(&name));
        }
        if sink.bytes > cap {
            return Err(workbook_too_large());
        }
        total = total.saturating_add(sink.bytes);
        if let Some(counter) = sink.strings {
            strings = strings.saturating_add(counter.count.max(counter.declared));
            if strings > MAX_SHARED_STRINGS {
                return Err(Problem::file(
                    ProblemReason::TooManyStrings,
                    format!(
                        "the workbook has more than {MAX_SHARED_STRINGS} shared strings (distinct texts)"
                    ),
                )
                .into());
            }
        }
    }
    Ok(Archive {
        parts,
        bytes: total,
        shared_strings: strings,
    })
}

fn unreadable(e: zip::result::ZipError) -> Box<Problem> {
    Problem::file(
        ProblemReason::Unreadable,
        format!("the file is not a readable XLSX workbook: {e}"),
    )
    .into()
}

fn part_too_large(name: &str) -> Box<Problem> {
    Problem::file(
        ProblemReason::PartTooLarge,
        format!(
            "the part {name:?} of the workbook is larger than {} MiB uncompressed",
            MAX_PART_BYTES / (1024 * 1024)
        ),
    )
    .with_value(name)
    .into()
}

fn workbook_too_large() -> Box<Problem> {
    Problem::file(
        ProblemReason::WorkbookTooLarge,
        format!(
            "the workbook is larger than {} MiB uncompressed",
            MAX_WORKBOOK_BYTES / (1024 * 1024)
        ),
    )
    .into()
}

/// Whether the part holds the shared strings (`xl/sharedStrings.xml`, in any case, as the
/// workbook reader finds it).
fn is_shared_strings(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sharedstrings.xml")
}

/// Where a part is inflated to: counted, and its shared strings counted when it has them.
struct Sink {
    bytes: u64,
    strings: Option<StringCounter>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes = self
            .bytes
            .saturating_add(u64::try_from(buf.len()).unwrap_or(u64::MAX));
        if let Some(c) = &mut self.strings {
            buf.iter().for_each(|b| c.feed(*b));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Counts the `<si>` start tags of shared-strings XML, a byte at a time (any prefix, any
/// chunking), and reads the count the `<sst>` tag declares (the workbook reader reserves
/// room for that many). Text that only looks like a tag (in a comment) counts too: the
/// count errs on the safe side.
#[derive(Default)]
struct StringCounter {
    count: u64,
    declared: u64,
    state: Scan,
    name: Vec<u8>,
}

#[derive(Default, PartialEq, Eq)]
enum Scan {
    #[default]
    Text,
    Name,
    SstAttributes,
}

/// The longest tag name looked at; longer names are none of ours.
const NAME_CAP: usize = 64;
/// The longest `<sst …>` tag looked at for its declared count.
const SST_CAP: usize = 4096;

impl StringCounter {
    fn feed(&mut self, b: u8) {
        match self.state {
            Scan::Text => {
                if b == b'<' {
                    self.name.clear();
                    self.state = Scan::Name;
                }
            }
            Scan::Name => {
                if b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-') {
                    if self.name.len() <= NAME_CAP {
                        self.name.push(b);
                    }
                    return;
                }
                let local = self.name.rsplit(|c| *c == b':').next().unwrap_or_default();
                self.state = Scan::Text;
                if local == b"si" {
                    self.count = self.count.saturating_add(1);
                } else if local == b"sst" && b != b'>' {
                    self.name.clear();
                    self.name.push(b);
                    self.state = Scan::SstAttributes;
                } else if b == b'<' {
                    self.name.clear();
                    self.state = Scan::Name;
                }
            }
            Scan::SstAttributes => {
                if b == b'>' || self.name.len() >= SST_CAP {
                    self.declared = self.declared.max(declared_count(&self.name));
                    self.state = Scan::Text;
                } else {
                    self.name.push(b);
                }
            }
        }
    }
}

/// The digits of the `uniqueCount` attribute in the attributes of an `<sst>` tag, as a
/// number (saturating), 0 when there is none.
fn declared_count(attributes: &[u8]) -> u64 {
    const KEY: &[u8] = b"uniqueCount";
    let Some(at) = attributes.windows(KEY.len()).position(|w| w == KEY) else {
        return 0;
    };
    let rest = &attributes[at + KEY.len()..];
    let mut quotes = 0;
    let mut n = 0u64;
    for b in rest {
        match b {
            b'"' | b'\'' => {
                quotes += 1;
                if quotes == 2 {
                    break;
                }
            }
            b'0'..=b'9' if quotes == 1 => {
                n = n.saturating_mul(10).saturating_add(u64::from(b - b'0'));
            }
            _ => {}
        }
    }
    n
}
