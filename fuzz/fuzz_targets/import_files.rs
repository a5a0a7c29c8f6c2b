//! Any bytes given to the figure, target and official figure readers: no panic, and every
//! figure read is within the rules (month 1–12, a non-negative count, a known measure or
//! indicator, a numerator within its denominator and a score within its maximum); a
//! workbook the bounded reader accepts is within every limit of `shared::import_limits`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::import_limits::{MAX_PART_BYTES, MAX_PARTS, MAX_SHARED_STRINGS, MAX_WORKBOOK_BYTES};
use shared::sheets::{archive, read_figures, read_official, read_targets};

const MEASURES: [(&str, &str); 3] = [
    ("RECEIVED", "Hồ sơ tiếp nhận"),
    ("RECEIVED_ONLINE", "Hồ sơ trực tuyến"),
    ("DUE", "Hồ sơ đến hạn"),
];
const INDICATORS: [(&str, &str); 2] = [("FULL_ONLINE_RATE", "Tỷ lệ toàn trình"), ("ON_TIME_RATE", "Tỷ lệ đúng hạn")];

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = archive::check(data) {
        assert!(a.parts <= MAX_PARTS);
        assert!(a.bytes <= MAX_WORKBOOK_BYTES.min(MAX_PART_BYTES.saturating_mul(a.parts as u64)));
        assert!(a.shared_strings <= MAX_SHARED_STRINGS);
    }
    let f = read_figures(data, &MEASURES);
    for c in &f.cells {
        assert!((1..=12).contains(&c.month));
        assert!(c.value >= 0);
        assert!(usize::from(c.measure) < MEASURES.len());
        assert!((c.unit as usize) < f.units.len());
    }
    let t = read_targets(data, &INDICATORS);
    for c in &t.cells {
        assert!(c.value.is_finite());
        assert!(usize::from(c.indicator) < INDICATORS.len());
    }
    let o = read_official(data, &INDICATORS);
    for r in &o.figures {
        assert!((1..=12).contains(&r.month));
        assert!(usize::from(r.indicator) < INDICATORS.len());
        assert!((r.unit as usize) < o.units.len());
        if let (Some(n), Some(d)) = (r.numerator, r.denominator) {
            assert!(0 <= n && n <= d);
        }
        if let (Some(s), Some(m)) = (r.score, r.max_score) {
            assert!(0.0 <= s && s <= m);
        }
    }
});
