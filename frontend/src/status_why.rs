//! What a track status compares, in words ("Vì sao?"): the year-to-date actual against the
//! milestone in force, the band that gave the status, the year-end projection, and why the
//! period's own figure is not what was compared. The server computes the status, the
//! year-to-date actual, the milestone and the projection; this only puts them in words.
//! Pure functions of the reader's language, unit-tested on the host.

use crate::explain::{level_text, signed};
use crate::format::{format_number, format_value};
use crate::i18n::{self, Key, Lang, fill};
use shared::TrackStatus;

/// What the server says a status was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusBasis {
    pub status: TrackStatus,
    pub is_rate: bool,
    pub lower_is_better: bool,
    /// The evaluation month: the period's last month.
    pub month: u32,
    /// The year-to-date actual through `month`.
    pub ytd: Option<f64>,
    /// The milestone in force at `month`; none without a target.
    pub milestone: Option<f64>,
    pub projection: Option<f64>,
    /// The period's own value (the card's large figure).
    pub value: Option<f64>,
}

impl StatusBasis {
    /// The year-to-date actual minus the milestone, when both are known.
    pub fn difference(&self) -> Option<f64> {
        Some(self.ytd? - self.milestone?)
    }

    /// Whether the period's own value differs from the year-to-date actual as displayed.
    pub fn value_is_not_the_basis(&self) -> bool {
        let shown = |v: Option<f64>| v.map(|v| format_number(v, 2));
        shown(self.value) != shown(self.ytd)
    }
}

/// A difference with its sign: percentage points for a rate, a whole number for a count.
fn difference_text(lang: Lang, d: f64, is_rate: bool) -> String {
    if is_rate {
        crate::explain::percentage_points(lang, d)
    } else {
        let text = format_number(d, 0);
        if text == "0" || text.starts_with('-') {
            text
        } else {
            format!("+{text}")
        }
    }
}

/// The short line beside a status: "Lũy kế đến tháng 12: 85,79 % · mốc 90 %".
pub fn basis_line(lang: Lang, b: &StatusBasis) -> String {
    let milestone = b
        .milestone
        .map_or_else(|| "–".to_owned(), |m| level_text(m, b.is_rate));
    fill(
        Key::StatusBasisLine.text(lang),
        &[
            &b.month.to_string(),
            &format_value(b.ytd, b.is_rate),
            &milestone,
        ],
    )
}

/// The lines of "Vì sao?", each with the test id it is shown under.
pub fn why_lines(lang: Lang, b: &StatusBasis) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    let month = b.month.to_string();
    let status = i18n::track_status(b.status).text(lang);
    match (b.ytd, b.milestone) {
        (_, None) => lines.push(("why-compare", fill(Key::WhyNoTarget.text(lang), &[status]))),
        (None, Some(_)) => lines.push((
            "why-compare",
            fill(Key::WhyNoYtd.text(lang), &[&month, status]),
        )),
        (Some(ytd), Some(ms)) => {
            lines.push((
                "why-compare",
                fill(
                    Key::WhyCompare.text(lang),
                    &[
                        &month,
                        &format_value(Some(ytd), b.is_rate),
                        &level_text(ms, b.is_rate),
                        &difference_text(lang, ytd - ms, b.is_rate),
                    ],
                ),
            ));
            let side = if b.lower_is_better {
                Key::WhyAbove
            } else {
                Key::WhyBelow
            };
            let key = match (b.status, b.is_rate) {
                (TrackStatus::OnTrack, _) if b.lower_is_better => Key::WhyOnTrackLower,
                (TrackStatus::OnTrack, _) => Key::WhyOnTrack,
                (TrackStatus::AtRisk, true) => Key::WhyAtRiskRate,
                (TrackStatus::AtRisk, false) => Key::WhyAtRiskCount,
                (TrackStatus::OffTrack, true) => Key::WhyOffTrackRate,
                (TrackStatus::OffTrack, false) => Key::WhyOffTrackCount,
                (TrackStatus::NoData, _) => Key::WhyNoYtd,
            };
            let verdict = if key == Key::WhyNoYtd {
                fill(key.text(lang), &[&month, status])
            } else {
                fill(key.text(lang), &[side.text(lang), status])
            };
            lines.push(("why-verdict", verdict));
        }
    }
    if let Some(p) = b.projection {
        let text = if b.is_rate {
            fill(
                Key::WhyProjectionRate.text(lang),
                &[&format_value(Some(p), true)],
            )
        } else {
            fill(
                Key::WhyProjectionCount.text(lang),
                &[&format_value(Some(p), false), &month],
            )
        };
        lines.push(("why-projection", text));
    }
    if b.value_is_not_the_basis() {
        lines.push((
            "why-value",
            fill(
                Key::WhyValueNote.text(lang),
                &[&format_value(b.value, b.is_rate)],
            ),
        ));
    }
    lines
}

/// `+1,25` for a level difference shown in a table cell, in the unit's own terms.
pub fn gap_text(lang: Lang, gap: Option<f64>, is_rate: bool) -> String {
    match gap {
        None => "–".to_owned(),
        Some(g) if is_rate => fill(Key::PercentagePoints.text(lang), &[&signed(g)]),
        Some(g) => difference_text(lang, g, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basis(status: TrackStatus, ytd: Option<f64>, milestone: Option<f64>) -> StatusBasis {
        StatusBasis {
            status,
            is_rate: true,
            lower_is_better: false,
            month: 12,
            ytd,
            milestone,
            projection: ytd,
            value: Some(81.8),
        }
    }

    #[test]
    fn the_basis_line_names_the_year_to_date_and_the_milestone() {
        let b = basis(TrackStatus::AtRisk, Some(85.79), Some(90.0));
        assert_eq!(
            basis_line(Lang::Vi, &b),
            "Lũy kế đến hết tháng 12: 85,79 % · mốc 90 %"
        );
        assert_eq!(
            basis_line(Lang::En, &b),
            "Year to date through month 12: 85,79 % · milestone 90 %"
        );
    }

    #[test]
    fn why_compares_the_year_to_date_with_the_milestone_and_names_the_band() {
        let b = basis(TrackStatus::AtRisk, Some(85.79), Some(90.0));
        let lines = why_lines(Lang::Vi, &b);
        let text = |id: &str| {
            lines
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            text("why-compare"),
            "Lũy kế từ tháng 1 đến hết tháng 12: 85,79 %; mốc lộ trình đang áp dụng: 90 %; chênh lệch -4,21 điểm %."
        );
        assert_eq!(
            text("why-verdict"),
            "Lũy kế thấp hơn mốc không quá 5 điểm % → Có nguy cơ."
        );
        assert!(text("why-projection").contains("85,79 %"));
        // The card's large figure (the quarter's 81,80 %) is not what was compared.
        assert!(text("why-value").contains("81,80 %"), "{lines:?}");
    }

    #[test]
    fn a_year_to_date_view_has_no_note_about_the_large_figure() {
        let mut b = basis(TrackStatus::OnTrack, Some(81.8), Some(80.0));
        b.value = Some(81.8);
        let lines = why_lines(Lang::Vi, &b);
        assert!(lines.iter().all(|(id, _)| *id != "why-value"));
        assert!(lines.iter().any(|(_, t)| t.contains("Đạt tiến độ")));
    }

    #[test]
    fn counts_and_missing_figures_have_their_own_words() {
        let mut b = basis(TrackStatus::OffTrack, Some(300.0), Some(400.0));
        b.is_rate = false;
        b.month = 3;
        b.projection = Some(1200.0);
        let lines = why_lines(Lang::Vi, &b);
        assert!(lines[0].1.contains("chênh lệch -100"), "{lines:?}");
        assert!(lines[1].1.contains("quá 10 %"), "{lines:?}");
        assert!(lines[2].1.contains("1.200") && lines[2].1.contains("/ 3"));
        let none = why_lines(Lang::Vi, &basis(TrackStatus::NoData, Some(50.0), None));
        assert!(none[0].1.contains("chưa được giao chỉ tiêu"), "{none:?}");
        let no_ytd = why_lines(Lang::Vi, &basis(TrackStatus::NoData, None, Some(50.0)));
        assert!(no_ytd[0].1.contains("Chưa có số liệu"), "{no_ytd:?}");
    }

    #[test]
    fn gaps_read_in_percentage_points_or_dossiers() {
        assert_eq!(gap_text(Lang::Vi, Some(-4.214), true), "-4,21 điểm %");
        assert_eq!(gap_text(Lang::Vi, Some(2.0), true), "+2,00 điểm %");
        assert_eq!(gap_text(Lang::Vi, Some(1200.0), false), "+1.200");
        assert_eq!(gap_text(Lang::Vi, None, true), "–");
    }
}
