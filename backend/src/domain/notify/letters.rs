//! The e-mails of the monthly cycle in Vietnamese: a subject, a plain-text part and an HTML
//! part for the reminder, the overdue notice, the escalation, the rejection and the
//! monthly digest. Links start with [`LINK_BASE`], which the sender replaces by the
//! public address of the app, so that a pending e-mail links to where the app is when it
//! leaves.

use crate::domain::cycle::YearMonth;
use chrono::NaiveDate;
use shared::ids::UnitId;
use std::fmt::Write;

/// Stands for the app's public address in stored e-mails.
pub const LINK_BASE: &str = "{{CHITIEU_PUBLIC_URL}}";

/// The product's name, first in every subject.
pub(crate) const TAG: &str = "[Chỉ tiêu]";

/// An e-mail's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A unit's month that is due, late or sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFacts {
    pub unit_id: UnitId,
    pub unit_name: String,
    pub month: YearMonth,
    pub due_on: NaiveDate,
    /// Days past the deadline (0 before it).
    pub days_overdue: i64,
}

/// `tháng 10/2026`.
pub fn month_label(month: YearMonth) -> String {
    format!("tháng {}/{}", month.month, month.year)
}

/// `05/11/2026`.
pub fn day_label(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// The report page of a unit's month.
pub fn report_link(unit: UnitId, month: YearMonth) -> String {
    format!(
        "{LINK_BASE}/report?unit={unit}&year={}&kind=MONTH&index={}",
        month.year, month.month
    )
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A letter of paragraphs and one link: the plain part as lines, the HTML part as
/// paragraphs with the link as a button-like anchor.
pub(crate) fn letter(subject: String, paragraphs: &[String], link: (&str, &str)) -> Letter {
    let (label, href) = link;
    let mut text = String::from("Kính gửi anh/chị,\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    let _ = write!(text, "{label}: {href}\n\n");
    text.push_str(FOOTER_TEXT);
    let mut html = String::from(
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><body style=\"font-family: sans-serif\">\
         <p>Kính gửi anh/chị,</p>",
    );
    for p in paragraphs {
        let _ = write!(html, "<p>{}</p>", escape(p));
    }
    let _ = write!(
        html,
        "<p><a href=\"{}\">{}</a></p><hr><p style=\"color:#666;font-size:small\">{}</p></body></html>",
        escape(href),
        escape(label),
        escape(FOOTER_TEXT.trim())
    );
    Letter {
        subject,
        text,
        html,
    }
}

const FOOTER_TEXT: &str = "Thư tự động từ hệ thống Chỉ tiêu. Anh/chị có thể tắt loại thư này \
                           trong trang Tài khoản.\n";

/// Two days before the deadline, to the unit's officers.
pub fn reminder(f: &MonthFacts) -> Letter {
    let month = month_label(f.month);
    let due = day_label(f.due_on);
    letter(
        format!(
            "{TAG} Nhắc hạn: số liệu {month} của {} hạn nộp {due}",
            f.unit_name
        ),
        &[format!(
            "Số liệu {month} của {} cần được nhập và gửi duyệt chậm nhất ngày {due}.",
            f.unit_name
        )],
        ("Nhập số liệu", &report_link(f.unit_id, f.month)),
    )
}

/// The day after the deadline, to the unit's officers.
pub fn overdue(f: &MonthFacts) -> Letter {
    let month = month_label(f.month);
    let due = day_label(f.due_on);
    letter(
        format!("{TAG} Quá hạn: {} chưa nộp số liệu {month}", f.unit_name),
        &[
            format!(
                "Số liệu {month} của {} chưa được gửi duyệt; hạn nộp là ngày {due} (quá hạn {} ngày).",
                f.unit_name, f.days_overdue
            ),
            "Đề nghị anh/chị hoàn thành và gửi duyệt ngay.".to_owned(),
        ],
        ("Nhập số liệu", &report_link(f.unit_id, f.month)),
    )
}

/// Three days after the deadline, to the parent unit's managers and heads.
pub fn escalation(f: &MonthFacts, parent_name: &str) -> Letter {
    let month = month_label(f.month);
    let due = day_label(f.due_on);
    letter(
        format!(
            "{TAG} Báo cáo vượt cấp: {} chưa nộp số liệu {month} (quá hạn {} ngày)",
            f.unit_name, f.days_overdue
        ),
        &[
            format!(
                "{} (trực thuộc {parent_name}) chưa gửi số liệu {month}; hạn nộp là ngày {due}, \
                 đã quá hạn {} ngày.",
                f.unit_name, f.days_overdue
            ),
            "Đề nghị lãnh đạo đơn vị đôn đốc để số liệu được nộp sớm.".to_owned(),
        ],
        ("Xem đơn vị", &format!("{LINK_BASE}/units/{}", f.unit_id)),
    )
}

/// A month sent back, to the unit's officers.
pub fn rejected(f: &MonthFacts, comment: &str) -> Letter {
    let month = month_label(f.month);
    letter(
        format!("{TAG} Bị trả lại: số liệu {month} của {}", f.unit_name),
        &[
            format!("Số liệu {month} của {} đã bị trả lại.", f.unit_name),
            format!("Lý do: {comment}"),
            "Đề nghị anh/chị sửa và gửi duyệt lại.".to_owned(),
        ],
        ("Sửa số liệu", &report_link(f.unit_id, f.month)),
    )
}

/// A unit that did not submit a month on time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateUnit {
    pub unit_name: String,
    /// Days late when it submitted late; `None` while not submitted.
    pub submitted_days_late: Option<i64>,
    /// Days past the deadline today.
    pub days_overdue: i64,
}

/// A unit off track on an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffTrackUnit {
    pub unit_name: String,
    pub indicator_name: String,
}

/// A unit whose rank changed since the previous month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankChange {
    pub unit_name: String,
    pub before: u32,
    pub now: u32,
}

/// What a leader's monthly digest tells, for the leader's subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestFacts {
    /// The leader's unit.
    pub scope_name: String,
    pub month: YearMonth,
    pub late: Vec<LateUnit>,
    pub off_track: Vec<OffTrackUnit>,
    pub rank_changes: Vec<RankChange>,
}

/// The monthly digest, to each leader.
pub fn digest(d: &DigestFacts) -> Letter {
    let month = month_label(d.month);
    let mut paragraphs = vec![format!(
        "Bản tin {month} của {} (các đơn vị trực thuộc).",
        d.scope_name
    )];
    paragraphs.push(if d.late.is_empty() {
        "Nộp số liệu: mọi đơn vị đã nộp đúng hạn.".to_owned()
    } else {
        let items: Vec<String> = d
            .late
            .iter()
            .map(|l| match l.submitted_days_late {
                Some(days) => format!("{} (nộp trễ {days} ngày)", l.unit_name),
                None => format!(
                    "{} (chưa nộp, quá hạn {} ngày)",
                    l.unit_name, l.days_overdue
                ),
            })
            .collect();
        format!(
            "Nộp chậm hoặc chưa nộp ({}): {}.",
            items.len(),
            items.join("; ")
        )
    });
    paragraphs.push(if d.off_track.is_empty() {
        "Lệch mục tiêu: không có đơn vị nào.".to_owned()
    } else {
        let items: Vec<String> = d
            .off_track
            .iter()
            .map(|o| format!("{} – {}", o.unit_name, o.indicator_name))
            .collect();
        format!("Lệch mục tiêu ({}): {}.", items.len(), items.join("; "))
    });
    paragraphs.push(if d.rank_changes.is_empty() {
        "Thứ hạng: không có thay đổi đáng kể so với tháng trước.".to_owned()
    } else {
        let items: Vec<String> = d
            .rank_changes
            .iter()
            .map(|r| {
                let (word, direction) = if r.now < r.before {
                    ("tăng", "lên")
                } else {
                    ("giảm", "xuống")
                };
                format!(
                    "{} {word} {} bậc (từ {} {direction} {})",
                    r.unit_name,
                    r.before.abs_diff(r.now),
                    r.before,
                    r.now
                )
            })
            .collect();
        format!("Thay đổi thứ hạng lớn nhất: {}.", items.join("; "))
    });
    // The worker attaches the notice as it sends the letter; the overview of the month
    // also downloads it ("Tải thông báo (PDF)").
    paragraphs.push(format!(
        "Thông báo kết quả {month} của {} được đính kèm thư này (tệp PDF); cũng có thể tải tại trang Tổng quan, nút “Tải thông báo (PDF)”.",
        d.scope_name
    ));
    letter(
        format!("{TAG} Bản tin {month}: {}", d.scope_name),
        &paragraphs,
        (
            "Mở Tổng quan của tháng",
            &format!(
                "{LINK_BASE}/dashboard?year={}&kind=MONTH&index={}",
                d.month.year, d.month.month
            ),
        ),
    )
}

/// The stored parts with links pointing at `base` (the app's public address).
pub fn with_links(text: &str, base: &str) -> String {
    text.replace(LINK_BASE, base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MonthFacts {
        MonthFacts {
            unit_id: UnitId(7),
            unit_name: "Xã <Một>".into(),
            month: YearMonth {
                year: 2026,
                month: 10,
            },
            due_on: NaiveDate::from_ymd_opt(2026, 11, 5).unwrap_or_default(),
            days_overdue: 4,
        }
    }

    #[test]
    fn notices_say_the_unit_the_month_the_deadline_and_link_to_the_report() {
        let r = reminder(&facts());
        assert!(r.subject.contains("tháng 10/2026"), "{}", r.subject);
        assert!(r.text.contains("05/11/2026"));
        assert!(r.text.contains(&format!(
            "{LINK_BASE}/report?unit=7&year=2026&kind=MONTH&index=10"
        )));
        assert!(r.html.contains("Xã &lt;Một&gt;"), "HTML is escaped");
        let o = overdue(&facts());
        assert!(o.text.contains("quá hạn 4 ngày"));
        let e = escalation(&facts(), "Huyện A");
        assert!(e.subject.contains("Báo cáo vượt cấp"));
        assert!(e.text.contains("Huyện A"));
        let j = rejected(&facts(), "Sai số hồ sơ");
        assert!(j.text.contains("Lý do: Sai số hồ sơ"));
    }

    #[test]
    fn links_point_at_the_public_address_when_sent() {
        let r = reminder(&facts());
        let sent = with_links(&r.text, "https://chitieu.tinh.gov.vn/");
        assert!(sent.contains("https://chitieu.tinh.gov.vn/report?unit=7"));
        assert!(!sent.contains(LINK_BASE));
    }

    #[test]
    fn the_digest_lists_late_units_off_track_units_and_rank_changes() {
        let d = DigestFacts {
            scope_name: "Tỉnh".into(),
            month: YearMonth {
                year: 2026,
                month: 10,
            },
            late: vec![
                LateUnit {
                    unit_name: "Xã Một".into(),
                    submitted_days_late: None,
                    days_overdue: 6,
                },
                LateUnit {
                    unit_name: "Xã Hai".into(),
                    submitted_days_late: Some(2),
                    days_overdue: 6,
                },
            ],
            off_track: vec![OffTrackUnit {
                unit_name: "Sở Một".into(),
                indicator_name: "Tỷ lệ số hoá".into(),
            }],
            rank_changes: vec![
                RankChange {
                    unit_name: "Xã Ba".into(),
                    before: 2,
                    now: 7,
                },
                RankChange {
                    unit_name: "Xã Bốn".into(),
                    before: 9,
                    now: 3,
                },
            ],
        };
        let l = digest(&d);
        assert!(l.subject.contains("Bản tin tháng 10/2026"));
        assert!(
            l.text.contains("Thông báo kết quả tháng 10/2026")
                && l.text.contains("được đính kèm thư này (tệp PDF)")
                && l.text.contains("/dashboard?year=2026&kind=MONTH&index=10"),
            "{}",
            l.text
        );
        assert!(
            l.text.contains("Xã Một (chưa nộp, quá hạn 6 ngày)"),
            "{}",
            l.text
        );
        assert!(l.text.contains("Xã Hai (nộp trễ 2 ngày)"));
        assert!(l.text.contains("Sở Một – Tỷ lệ số hoá"));
        assert!(
            l.text.contains("Xã Ba giảm 5 bậc (từ 2 xuống 7)"),
            "{}",
            l.text
        );
        assert!(
            l.text.contains("Xã Bốn tăng 6 bậc (từ 9 lên 3)"),
            "{}",
            l.text
        );
        let quiet = digest(&DigestFacts {
            late: vec![],
            off_track: vec![],
            rank_changes: vec![],
            ..d
        });
        assert!(quiet.text.contains("mọi đơn vị đã nộp đúng hạn"));
    }
}
