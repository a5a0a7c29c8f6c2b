//! Follow-through apart from the web: the words of an explanation request's status, the
//! size of an evidence file ("1,2 MB"), the month an instant falls in (in Vietnam), where
//! the markers of a request and of its corrective actions sit on an indicator's line, and
//! the checks of the actions editor. Pure functions, unit-tested on the host.

use crate::format::{format_number, parse_date};
use crate::i18n::Key;
use crate::vn_time::in_vietnam;
use shared::{ActionStatus, ExplanationStatus};

/// The name of a request's status.
pub fn status_key(s: ExplanationStatus) -> Key {
    match s {
        ExplanationStatus::Open => Key::ExStatusOpen,
        ExplanationStatus::Submitted => Key::ExStatusSubmitted,
        ExplanationStatus::Returned => Key::ExStatusReturned,
        ExplanationStatus::Accepted => Key::ExStatusAccepted,
        ExplanationStatus::Closed => Key::ExStatusClosed,
    }
}

/// The CSS class and icon of a request's status (icon + text, never colour alone).
pub fn status_look(s: ExplanationStatus) -> (&'static str, &'static str) {
    match s {
        ExplanationStatus::Open => ("ex-open", "?"),
        ExplanationStatus::Submitted => ("ex-submitted", "➜"),
        ExplanationStatus::Returned => ("ex-returned", "↩"),
        ExplanationStatus::Accepted => ("ex-accepted", "✓"),
        ExplanationStatus::Closed => ("ex-closed", "■"),
    }
}

/// The name of an action's status.
pub fn action_status_key(s: ActionStatus) -> Key {
    match s {
        ActionStatus::Planned => Key::ActionPlanned,
        ActionStatus::Done => Key::ActionDone,
    }
}

/// The statuses offered by the list's filter, in the order of the work.
pub const STATUSES: [ExplanationStatus; 5] = [
    ExplanationStatus::Open,
    ExplanationStatus::Returned,
    ExplanationStatus::Submitted,
    ExplanationStatus::Accepted,
    ExplanationStatus::Closed,
];

/// A file size the Vietnamese way: `512 B`, `12,3 KB`, `1,2 MB` (1 KB = 1 024 bytes).
pub fn format_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes.max(0) as f64;
    if b < KB {
        format!("{} B", bytes.max(0))
    } else if b < KB * KB {
        format!("{} KB", format_number(b / KB, 1))
    } else {
        format!("{} MB", format_number(b / (KB * KB), 1))
    }
}

/// The (year, month) in Vietnam of an RFC 3339 instant.
pub fn month_in_vietnam(rfc3339: &str) -> Option<(i32, u32)> {
    let (day, _) = in_vietnam(rfc3339)?;
    let year = day.get(..4)?.parse().ok()?;
    let month = day.get(5..7)?.parse().ok()?;
    Some((year, month))
}

/// What a marker on an indicator's line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// The month an explanation was asked about.
    Asked,
    /// A corrective action done that month.
    ActionDone,
}

/// A marker on a line chart of months 1..=12.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMarker {
    pub month: u32,
    pub kind: MarkerKind,
    /// A short text beside it ("Yêu cầu", the action's description).
    pub label: String,
    /// 0 for the first marker of its month, 1 for the second …: the label's line.
    pub row: u32,
}

/// A request as the markers need it.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedRequest {
    pub year: i32,
    pub month: u32,
    /// (description, doneAt) of its actions done.
    pub done: Vec<(String, String)>,
}

/// Lines of labels above a chart: beyond, the labels start again from the top line.
pub const MARKER_ROWS: u32 = 6;

/// The markers of `requests` on the line of `year`: one where each request was asked (its
/// month), one at the month (in Vietnam) each action was done; others years' left out;
/// months in order (asked first within a month), each label on its own line (labels of
/// nearby months would overlap) up to [`MARKER_ROWS`] lines.
pub fn markers(year: i32, requests: &[MarkedRequest], asked_label: &str) -> Vec<ChartMarker> {
    let mut all: Vec<(u32, MarkerKind, String)> = Vec::new();
    for r in requests {
        if r.year == year && (1..=12).contains(&r.month) {
            all.push((r.month, MarkerKind::Asked, asked_label.to_owned()));
        }
        for (what, at) in &r.done {
            if let Some((_, m)) = month_in_vietnam(at).filter(|(y, _)| *y == year) {
                all.push((m, MarkerKind::ActionDone, what.clone()));
            }
        }
    }
    all.sort_by_key(|(m, kind, _)| (*m, *kind == MarkerKind::ActionDone));
    let mut out: Vec<ChartMarker> = Vec::with_capacity(all.len());
    for (month, kind, label) in all {
        let row = out.len() as u32 % MARKER_ROWS;
        out.push(ChartMarker {
            month,
            kind,
            label,
            row,
        });
    }
    out
}

/// A label cut to `max` characters with "…".
pub fn short_label(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// One row of the actions editor as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionDraft {
    /// The action's id when it was proposed before.
    pub id: Option<String>,
    pub description: String,
    pub owner: String,
    /// `dd/mm/yyyy`.
    pub due: String,
    pub effect: String,
}

/// An action ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionReady {
    pub id: Option<String>,
    pub description: String,
    pub owner: String,
    /// ISO day.
    pub due_on: String,
    pub effect: Option<String>,
}

/// What is wrong with the editor's rows: the row (from 1) and the message, or the missing
/// list.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftError {
    NoAction,
    TooMany,
    Row(usize, Key),
}

/// Most actions an explanation proposes.
pub const MAX_ACTIONS: usize = 20;

/// The editor's rows checked and trimmed: each needs a description, an owner and a due day
/// (dd/mm/yyyy); the expected effect is optional; 1 to 20 rows.
pub fn check_actions(drafts: &[ActionDraft]) -> Result<Vec<ActionReady>, DraftError> {
    if drafts.is_empty() {
        return Err(DraftError::NoAction);
    }
    if drafts.len() > MAX_ACTIONS {
        return Err(DraftError::TooMany);
    }
    drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let row = |k| DraftError::Row(i + 1, k);
            let description = d.description.trim();
            if description.is_empty() {
                return Err(row(Key::ActionNeedsDescription));
            }
            if d.owner.is_empty() {
                return Err(row(Key::ActionNeedsOwner));
            }
            let due_on = parse_date(&d.due).ok_or_else(|| row(Key::ActionNeedsDue))?;
            let effect = d.effect.trim();
            Ok(ActionReady {
                id: d.id.clone(),
                description: description.to_owned(),
                owner: d.owner.clone(),
                due_on,
                effect: (!effect.is_empty()).then(|| effect.to_owned()),
            })
        })
        .collect()
}

/// The description a violation recorded for a missing or refused explanation starts with
/// (stored data: always Vietnamese).
pub fn violation_text(unit: &str, indicator: &str, year: i32, month: i64) -> String {
    format!(
        "{unit} không giải trình đạt yêu cầu về chỉ tiêu «{indicator}» tháng {month:02}/{year} đúng hạn."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_bytes_kilobytes_or_megabytes_with_a_decimal_comma() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(12_595), "12,3 KB");
        assert_eq!(format_size(1_258_291), "1,2 MB");
        assert_eq!(format_size(10 * 1024 * 1024), "10,0 MB");
        assert_eq!(format_size(-3), "0 B");
    }

    #[test]
    fn an_instant_falls_in_its_vietnamese_month() {
        assert_eq!(month_in_vietnam("2026-10-31T18:30:00Z"), Some((2026, 11)));
        assert_eq!(month_in_vietnam("2026-10-31T16:30:00Z"), Some((2026, 10)));
        assert_eq!(month_in_vietnam("not a time"), None);
    }

    fn req(year: i32, month: u32, done: &[(&str, &str)]) -> MarkedRequest {
        MarkedRequest {
            year,
            month,
            done: done
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn markers_sit_at_the_month_asked_and_the_months_actions_were_done() {
        let rs = [req(
            2026,
            10,
            &[
                ("Tập huấn", "2026-11-03T02:00:00Z"),
                ("Hỗ trợ tại chỗ", "2026-10-20T02:00:00Z"),
            ],
        )];
        let ms = markers(2026, &rs, "Yêu cầu");
        let placed: Vec<(u32, MarkerKind, u32)> =
            ms.iter().map(|m| (m.month, m.kind, m.row)).collect();
        assert_eq!(
            placed,
            [
                (10, MarkerKind::Asked, 0),
                (10, MarkerKind::ActionDone, 1),
                (11, MarkerKind::ActionDone, 2)
            ]
        );
        assert_eq!(ms[1].label, "Hỗ trợ tại chỗ");
    }

    #[test]
    fn labels_take_lines_of_their_own_until_the_lines_run_out() {
        let done: Vec<(String, String)> = (1..=8)
            .map(|m| (format!("Việc {m}"), format!("2026-{m:02}-10T02:00:00Z")))
            .collect();
        let rs = [MarkedRequest {
            year: 2026,
            month: 1,
            done,
        }];
        let rows: Vec<u32> = markers(2026, &rs, "Yêu cầu")
            .iter()
            .map(|m| m.row)
            .collect();
        assert_eq!(rows, [0, 1, 2, 3, 4, 5, 0, 1, 2]);
    }

    #[test]
    fn markers_of_another_year_are_left_out() {
        let rs = [
            req(2025, 12, &[("Tập huấn", "2026-01-05T02:00:00Z")]),
            req(2026, 3, &[]),
        ];
        let ms = markers(2026, &rs, "Yêu cầu");
        assert_eq!(ms.len(), 2);
        assert_eq!((ms[0].month, ms[0].kind), (1, MarkerKind::ActionDone));
        assert_eq!((ms[1].month, ms[1].kind), (3, MarkerKind::Asked));
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis() {
        assert_eq!(short_label("Tập huấn", 20), "Tập huấn");
        assert_eq!(
            short_label("Hướng dẫn người dân nộp hồ sơ", 10),
            "Hướng dẫn…"
        );
    }

    fn draft(d: &str, owner: &str, due: &str) -> ActionDraft {
        ActionDraft {
            description: d.into(),
            owner: owner.into(),
            due: due.into(),
            ..Default::default()
        }
    }

    #[test]
    fn actions_need_what_who_and_when() {
        assert_eq!(check_actions(&[]), Err(DraftError::NoAction));
        assert_eq!(
            check_actions(&[draft("Tập huấn", "7", "30/11/2026"), draft(" ", "7", "")]),
            Err(DraftError::Row(2, Key::ActionNeedsDescription))
        );
        assert_eq!(
            check_actions(&[draft("Tập huấn", "", "30/11/2026")]),
            Err(DraftError::Row(1, Key::ActionNeedsOwner))
        );
        assert_eq!(
            check_actions(&[draft("Tập huấn", "7", "31/02/2026")]),
            Err(DraftError::Row(1, Key::ActionNeedsDue))
        );
        let ok = check_actions(&[ActionDraft {
            effect: " +40 hồ sơ/tháng ".into(),
            ..draft(" Tập huấn ", "7", "30/11/2026")
        }])
        .unwrap();
        assert_eq!(ok[0].description, "Tập huấn");
        assert_eq!(ok[0].due_on, "2026-11-30");
        assert_eq!(ok[0].effect.as_deref(), Some("+40 hồ sơ/tháng"));
        let many = vec![draft("a", "1", "01/12/2026"); MAX_ACTIONS + 1];
        assert_eq!(check_actions(&many), Err(DraftError::TooMany));
    }

    #[test]
    fn a_violation_names_the_unit_indicator_and_month() {
        assert_eq!(
            violation_text("Xã An Phú", "Tỷ lệ trực tuyến", 2026, 9),
            "Xã An Phú không giải trình đạt yêu cầu về chỉ tiêu «Tỷ lệ trực tuyến» tháng 09/2026 đúng hạn."
        );
    }
}
