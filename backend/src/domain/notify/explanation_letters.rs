//! The e-mails of follow-through in Vietnamese, to a unit's managers and heads: an
//! explanation asked (on an approval, listing the indicators; or by hand, with the
//! message) and an explanation sent back with the reviewer's comment.

use super::letters::{LINK_BASE, Letter, TAG, day_label, letter, month_label};
use crate::domain::cycle::YearMonth;
use chrono::NaiveDate;
use shared::TrackStatus;
use shared::ids::UnitId;

/// An indicator asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedIndicator {
    pub name: String,
    pub status: TrackStatus,
}

/// Explanations asked of a unit about a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedFacts {
    pub unit_id: UnitId,
    pub unit_name: String,
    pub month: YearMonth,
    pub due_on: NaiveDate,
    pub indicators: Vec<AskedIndicator>,
    /// Why, when a manager asked by hand.
    pub message: Option<String>,
}

/// An explanation sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedFacts {
    pub unit_id: UnitId,
    pub unit_name: String,
    pub month: YearMonth,
    pub indicator_name: String,
    pub due_on: NaiveDate,
    pub comment: String,
}

fn status_label(status: TrackStatus) -> &'static str {
    match status {
        TrackStatus::OffTrack => "chậm tiến độ",
        TrackStatus::AtRisk => "có nguy cơ chậm tiến độ",
        TrackStatus::OnTrack => "đúng tiến độ",
        TrackStatus::NoData => "chưa có số liệu",
    }
}

/// Where the unit's explanations are shown.
fn unit_link(unit: UnitId) -> String {
    format!("{LINK_BASE}/units/{unit}")
}

/// Explanations asked, to the unit's managers and heads.
pub fn asked(f: &AskedFacts) -> Letter {
    let month = month_label(f.month);
    let due = day_label(f.due_on);
    let items: Vec<String> = f
        .indicators
        .iter()
        .map(|i| format!("{} ({})", i.name, status_label(i.status)))
        .collect();
    let mut paragraphs = vec![format!(
        "Đến hết {month}, {} chưa đạt tiến độ chỉ tiêu: {}.",
        f.unit_name,
        items.join("; ")
    )];
    if let Some(m) = &f.message {
        paragraphs.push(format!("Nội dung yêu cầu: {m}"));
    }
    paragraphs.push(format!(
        "Đề nghị đơn vị giải trình nguyên nhân, kèm tài liệu kiểm chứng và các biện pháp \
         khắc phục (nội dung, người thực hiện, thời hạn, hiệu quả dự kiến), chậm nhất ngày {due}."
    ));
    letter(
        format!("{TAG} Yêu cầu giải trình: {}, {month}", f.unit_name),
        &paragraphs,
        ("Giải trình", &unit_link(f.unit_id)),
    )
}

/// An explanation sent back, to the unit's managers and heads.
pub fn returned(f: &ReturnedFacts) -> Letter {
    let month = month_label(f.month);
    letter(
        format!(
            "{TAG} Giải trình bị trả lại: {}, {}, {month}",
            f.unit_name, f.indicator_name
        ),
        &[
            format!(
                "Giải trình của {} về chỉ tiêu {} ({month}) đã bị trả lại.",
                f.unit_name, f.indicator_name
            ),
            format!("Ý kiến: {}", f.comment),
            format!(
                "Đề nghị đơn vị bổ sung và gửi lại giải trình; hạn giải trình là ngày {}.",
                day_label(f.due_on)
            ),
        ],
        ("Giải trình lại", &unit_link(f.unit_id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month() -> YearMonth {
        YearMonth {
            year: 2026,
            month: 2,
        }
    }

    fn due() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 17).unwrap_or_default()
    }

    #[test]
    fn the_request_names_the_unit_the_month_the_indicators_and_the_due_day() {
        let l = asked(&AskedFacts {
            unit_id: UnitId(4),
            unit_name: "Xã <Một>".into(),
            month: month(),
            due_on: due(),
            indicators: vec![AskedIndicator {
                name: "Tỷ lệ số hoá".into(),
                status: TrackStatus::OffTrack,
            }],
            message: None,
        });
        assert!(l.subject.contains("Yêu cầu giải trình"), "{}", l.subject);
        assert!(l.subject.contains("tháng 2/2026"));
        assert!(l.text.contains("Tỷ lệ số hoá (chậm tiến độ)"), "{}", l.text);
        assert!(l.text.contains("17/03/2026"));
        assert!(l.text.contains(&format!("{LINK_BASE}/units/4")));
        assert!(l.html.contains("Xã &lt;Một&gt;"));
    }

    #[test]
    fn a_returned_explanation_carries_the_comment() {
        let l = returned(&ReturnedFacts {
            unit_id: UnitId(4),
            unit_name: "Xã Một".into(),
            month: month(),
            indicator_name: "Tỷ lệ số hoá".into(),
            due_on: due(),
            comment: "Thiếu tài liệu kiểm chứng".into(),
        });
        assert!(l.subject.contains("bị trả lại"));
        assert!(l.text.contains("Ý kiến: Thiếu tài liệu kiểm chứng"));
    }
}
