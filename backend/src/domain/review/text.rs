//! The Vietnamese reasons of the anomaly flags, with figures written the Vietnamese way
//! (`1.234`, `62,5 %`).

use shared::IndicatorKind;

/// `x` with `decimals` decimals, a comma before them and dots between thousands.
pub(super) fn number(x: f64, decimals: usize) -> String {
    let s = format!("{:.decimals$}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A value of an indicator: `62,5 %` for a rate, `1.234` for a count.
pub(super) fn value(kind: IndicatorKind, x: f64) -> String {
    match kind {
        IndicatorKind::Rate => format!("{} %", number(x, 1)),
        IndicatorKind::Count => number(x, 0),
    }
}

/// A factor such as `2` or `2,5`.
fn factor(x: f64) -> String {
    let s = number(x, 1);
    s.strip_suffix(",0").map(str::to_owned).unwrap_or(s)
}

pub(super) fn jump(kind: IndicatorKind, limit: f64, previous: f64, now: f64) -> String {
    let (p, v) = (value(kind, previous), value(kind, now));
    let limit = factor(limit);
    if previous <= 0.0 {
        return format!("Tăng từ {p} tháng trước lên {v} (ngưỡng cảnh báo: gấp {limit} lần).");
    }
    if now <= 0.0 {
        return format!("Giảm từ {p} tháng trước xuống {v} (ngưỡng cảnh báo: {limit} lần).");
    }
    if now > previous {
        format!(
            "Tăng gấp {} lần so với tháng trước ({p} → {v}); ngưỡng cảnh báo: gấp {limit} lần.",
            factor(now / previous)
        )
    } else {
        format!(
            "Giảm {} lần so với tháng trước ({p} → {v}); ngưỡng cảnh báo: {limit} lần.",
            factor(previous / now)
        )
    }
}

pub(super) fn z_score(kind: IndicatorKind, z: f64, mean: f64, months: usize, limit: f64) -> String {
    let side = if z > 0.0 { "Cao hơn" } else { "Thấp hơn" };
    format!(
        "{side} trung bình {months} tháng trước ({}) {} độ lệch chuẩn (z = {}); ngưỡng cảnh báo: |z| > {}.",
        value(kind, mean),
        number(z.abs(), 1),
        number(z, 1),
        factor(limit)
    )
}

pub(super) fn band(kind: IndicatorKind, now: f64, min: f64, max: f64, months: usize) -> String {
    let side = if now > max { "Cao hơn" } else { "Thấp hơn" };
    format!(
        "{side} mọi tháng trong {months} tháng trước: {} nằm ngoài khoảng {} – {}.",
        value(kind, now),
        value(kind, min),
        value(kind, max)
    )
}
