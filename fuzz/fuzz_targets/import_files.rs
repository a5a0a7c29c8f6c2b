//! Any bytes given to the figure and target readers: no panic, and every figure read is
//! within the rules (month 1–12, a non-negative count, a known measure).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::sheets::{read_figures, read_targets};

const MEASURES: [(&str, &str); 3] = [
    ("RECEIVED", "Hồ sơ tiếp nhận"),
    ("RECEIVED_ONLINE", "Hồ sơ trực tuyến"),
    ("DUE", "Hồ sơ đến hạn"),
];
const INDICATORS: [(&str, &str); 2] = [("FULL_ONLINE_RATE", "Tỷ lệ toàn trình"), ("ON_TIME_RATE", "Tỷ lệ đúng hạn")];

fuzz_target!(|data: &[u8]| {
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
});
