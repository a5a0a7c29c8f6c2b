//! What `chitieu import official FILE` prints, in Vietnamese: the summary of the file (rows,
//! official rows new, changed and unchanged, per unit), then every problem by row and
//! column, and whether anything was stored.

use crate::error::{ServiceError, ServiceResult};
use crate::service::imports::ImportReport;
use crate::service::imports::words::{grouped, located};
use shared::ErrorCode;
use shared::sheets::Problem;
use std::time::Duration;

/// Prints the outcome of an import; an error when nothing was stored because of a problem.
pub(super) fn finish(result: ServiceResult<ImportReport>, took: Duration) -> anyhow::Result<()> {
    match result {
        Ok(report) => {
            for line in summary(&report) {
                println!("{line}");
            }
            print_problems(&report.problems.list, report.problems.more);
            if !report.problems.is_empty() {
                anyhow::bail!(
                    "tệp có {} lỗi; chưa lưu gì",
                    grouped(report.problems.total() as u64)
                );
            }
            let secs = format!("{:.1}", took.as_secs_f64()).replace('.', ",");
            if report.stored {
                println!("Đã lưu toàn bộ số liệu chính thức của tệp ({secs} giây).");
            } else {
                println!("Chạy thử: tệp hợp lệ, chưa lưu gì ({secs} giây).");
            }
            Ok(())
        }
        Err(ServiceError::Validation {
            details: Some(details),
            ..
        }) => {
            let problems: Vec<Problem> = serde_json::from_value(details).unwrap_or_default();
            print_problems(&problems, 0);
            anyhow::bail!("tệp có {} lỗi; chưa lưu gì", grouped(problems.len() as u64))
        }
        Err(e) => {
            let what = match e.code() {
                ErrorCode::Forbidden => "tài khoản này không được nhập số liệu chính thức",
                ErrorCode::Validation => "tệp không hợp lệ",
                ErrorCode::NotFound => "không tìm thấy",
                _ => "không nhập được tệp",
            };
            anyhow::bail!("{what}: {} ({})", e.message(), e.code().as_str())
        }
    }
}

/// The lines of the summary: the file, then one line per unit (at most 20).
fn summary(r: &ImportReport) -> Vec<String> {
    let mut lines = vec![format!(
        "{} ({}, sha256 {}): {} dòng, {} số liệu chính thức — {} mới, {} thay đổi, {} không đổi; {} đơn vị-tháng thay đổi",
        r.file_name,
        r.format,
        &r.sha256[..r.sha256.len().min(12)],
        grouped(u64::from(r.rows)),
        grouped(r.values),
        grouped(r.new),
        grouped(r.changed),
        grouped(r.unchanged),
        grouped(r.months),
    )];
    for u in r.units.iter().take(20) {
        lines.push(format!(
            "  {:<12} {:<40} mới {:>6}  thay đổi {:>6}  không đổi {:>6}",
            u.code, u.name, u.new, u.changed, u.unchanged
        ));
    }
    if r.units.len() > 20 {
        lines.push(format!("  … và {} đơn vị khác", r.units.len() - 20));
    }
    lines
}

/// Every problem, by row and column, in Vietnamese; the count of those not listed.
pub(super) fn print_problems(problems: &[Problem], more: usize) {
    for p in problems {
        println!("  lỗi: {}", located(p));
    }
    if more > 0 {
        println!("  … và {} lỗi khác", grouped(more as u64));
    }
}
