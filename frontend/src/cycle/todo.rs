//! "Việc cần làm": the caller's items grouped under their headings (overdue reports, sent
//! back, waiting for approval with the overdue first, due soon, off track), each worded
//! ("tháng 10/2026", "hạn nộp 05/11/2026", "quá hạn 10 ngày", "3 tháng chờ duyệt") and
//! linked to the page where it is done; the counts of the menu.

use crate::api::ops::todo::TodoItem;
use crate::format::format_date;
use crate::i18n::{Key, Lang, fill};
use shared::TodoKind;

/// A heading of the list, in the order shown (most urgent first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Months past their deadline and not submitted.
    Overdue,
    /// Months sent back.
    Rejected,
    /// Months of units below waiting for the caller, past the approval deadline first.
    Approvals,
    /// Months whose deadline is ahead.
    Due,
    /// Explanations asked, to review, and corrective actions overdue.
    FollowUp,
    /// Units newly off track on an indicator.
    OffTrack,
}

impl Group {
    /// The heading an item of `kind` goes under.
    pub fn of(kind: TodoKind) -> Group {
        match kind {
            TodoKind::ReportOverdue => Group::Overdue,
            TodoKind::ReportRejected => Group::Rejected,
            TodoKind::ApprovalOverdue | TodoKind::ApprovalPending => Group::Approvals,
            TodoKind::ReportDue => Group::Due,
            TodoKind::OffTrack => Group::OffTrack,
            TodoKind::ExplanationDue
            | TodoKind::ExplanationOverdue
            | TodoKind::ExplanationReview
            | TodoKind::ActionOverdue => Group::FollowUp,
        }
    }

    /// The heading.
    pub fn heading(self) -> Key {
        match self {
            Group::Overdue => Key::TodoGroupOverdue,
            Group::Rejected => Key::TodoGroupRejected,
            Group::Approvals => Key::TodoGroupApprovals,
            Group::Due => Key::TodoGroupDue,
            Group::OffTrack => Key::TodoGroupOffTrack,
            Group::FollowUp => Key::TodoGroupFollowUp,
        }
    }

    /// A name for `data-testid`s and styles: `overdue`, `rejected`, `approvals`, `due`,
    /// `off-track`.
    pub fn slug(self) -> &'static str {
        match self {
            Group::Overdue => "overdue",
            Group::Rejected => "rejected",
            Group::Approvals => "approvals",
            Group::Due => "due",
            Group::OffTrack => "off-track",
            Group::FollowUp => "follow-up",
        }
    }
}

/// The items under their headings, headings in order and most urgent first under each:
/// the longest overdue first; the oldest month sent back first; approvals past their
/// deadline before the others, the longest overdue and the most months first; the nearest
/// deadline first; off track by unit. Ties keep the unit names in order.
pub fn grouped(items: Vec<TodoItem>) -> Vec<(Group, Vec<TodoItem>)> {
    let mut groups: Vec<(Group, Vec<TodoItem>)> = Vec::new();
    for item in items {
        let g = Group::of(item.kind);
        match groups.iter_mut().find(|(h, _)| *h == g) {
            Some((_, list)) => list.push(item),
            None => groups.push((g, vec![item])),
        }
    }
    groups.sort_by_key(|(g, _)| *g);
    for (g, list) in &mut groups {
        let g = *g;
        list.sort_by(|a, b| {
            let order = match g {
                Group::Overdue => b.days_overdue.cmp(&a.days_overdue),
                Group::Rejected => (a.year, a.month).cmp(&(b.year, b.month)),
                Group::Approvals => (b.kind == TodoKind::ApprovalOverdue)
                    .cmp(&(a.kind == TodoKind::ApprovalOverdue))
                    .then_with(|| b.days_overdue.cmp(&a.days_overdue))
                    .then_with(|| b.count.cmp(&a.count)),
                Group::Due => a.due_on.cmp(&b.due_on),
                Group::FollowUp => b.days_overdue.cmp(&a.days_overdue),
                Group::OffTrack => std::cmp::Ordering::Equal,
            };
            order.then_with(|| crate::names::compare(&a.unit.name, &b.unit.name))
        });
    }
    groups
}

/// "tháng 10/2026" / "month 10/2026".
pub fn month_label(lang: Lang, year: i64, month: i64) -> String {
    fill(
        Key::TodoMonth.text(lang),
        &[&month.to_string(), &year.to_string()],
    )
}

/// "quá hạn 5 ngày" / "5 days overdue".
pub fn days_overdue(lang: Lang, days: i64) -> String {
    let key = if days == 1 {
        Key::TodoDayOverdue
    } else {
        Key::TodoDaysOverdue
    };
    fill(key.text(lang), &[&days.to_string()])
}

/// "3 tháng chờ duyệt" / "3 months waiting".
pub fn months_waiting(lang: Lang, count: i64) -> String {
    let key = if count == 1 {
        Key::TodoMonthWaiting
    } else {
        Key::TodoMonthsWaiting
    };
    fill(key.text(lang), &[&count.to_string()])
}

/// What an item says after its unit's name, part by part (the rejection comment apart).
pub fn facts(lang: Lang, item: &TodoItem) -> Vec<String> {
    let month = item.month.map(|m| month_label(lang, item.year, m));
    let due = |key: Key| {
        item.due_on
            .as_deref()
            .map(|d| fill(key.text(lang), &[&format_date(d)]))
    };
    let late = (item.days_overdue > 0).then(|| days_overdue(lang, item.days_overdue));
    let parts: Vec<Option<String>> = match item.kind {
        TodoKind::ReportOverdue => vec![month, due(Key::TodoDueOn), late],
        TodoKind::ReportDue | TodoKind::ReportRejected => vec![month, due(Key::TodoDueOn)],
        TodoKind::ApprovalPending | TodoKind::ApprovalOverdue => {
            let since = month.map(|m| {
                if item.count > 1 {
                    fill(Key::TodoFrom.text(lang), &[&m])
                } else {
                    m
                }
            });
            let overdue = (item.kind == TodoKind::ApprovalOverdue)
                .then(|| Key::TodoApprovalLate.text(lang).to_owned());
            vec![
                Some(months_waiting(lang, item.count)),
                since,
                overdue,
                due(Key::TodoApproveBy),
                late,
            ]
        }
        TodoKind::OffTrack => vec![
            item.indicator
                .as_ref()
                .map(|i| crate::names::shown(lang, &i.name, i.name_en.as_deref())),
            month.map(|m| fill(Key::TodoOffTrackSince.text(lang), &[&m])),
        ],
        TodoKind::ExplanationDue
        | TodoKind::ExplanationOverdue
        | TodoKind::ExplanationReview
        | TodoKind::ActionOverdue => vec![
            Some(kind_name(lang, item.kind)),
            item.indicator
                .as_ref()
                .map(|i| crate::names::shown(lang, &i.name, i.name_en.as_deref())),
            month,
            due(if item.kind == TodoKind::ActionOverdue {
                Key::TodoActionBy
            } else {
                Key::TodoExplainBy
            }),
            late,
        ],
    };
    parts.into_iter().flatten().collect()
}

/// Who reads the list: one who enters the figures, or a leader who reads them only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// An OFFICER, MANAGER or ADMIN: a month owed opens its report entry.
    Reporter,
    /// A VIEWER: a month owed opens the unit's page on that month.
    Leader,
}

/// The page where an item is done: the report entry of that unit and month (a leader: the
/// unit's page on that month); the approvals filtered to that unit's waiting months; the
/// unit's page on the month it fell off track; the explanation request an explanation or an
/// overdue action is about (without one, the unit's "Giải trình và khắc phục").
pub fn link(item: &TodoItem, reader: Reader) -> String {
    let unit = &item.unit.id;
    let month = item
        .month
        .map(|m| format!("&year={}&month={m}", item.year))
        .unwrap_or_default();
    match item.kind {
        TodoKind::ReportDue | TodoKind::ReportOverdue | TodoKind::ReportRejected
            if reader == Reader::Leader =>
        {
            match item.month {
                Some(m) => format!("/units/{unit}?year={}&kind=MONTH&index={m}", item.year),
                None => format!("/units/{unit}"),
            }
        }
        TodoKind::ReportDue | TodoKind::ReportOverdue | TodoKind::ReportRejected => {
            format!("/report?unit={unit}{month}")
        }
        TodoKind::ApprovalPending | TodoKind::ApprovalOverdue => {
            format!("/approvals?status=pending&unit={unit}&year={}", item.year)
        }
        TodoKind::ExplanationDue
        | TodoKind::ExplanationOverdue
        | TodoKind::ExplanationReview
        | TodoKind::ActionOverdue => match &item.explanation_request_id {
            Some(id) => format!("/explanations/{id}"),
            None => format!("/units/{unit}#follow-up"),
        },
        TodoKind::OffTrack => match item.month {
            Some(m) => format!("/units/{unit}?year={}&kind=YTD&index={m}", item.year),
            None => format!("/units/{unit}"),
        },
    }
}

/// Items a heading shows before "Xem tất cả".
pub const FIRST_SHOWN: usize = 8;

/// How many of a heading's `n` items are shown, all when `all`.
pub fn shown(n: usize, all: bool) -> usize {
    if all { n } else { n.min(FIRST_SHOWN) }
}

/// What the link of an item does, as its button says.
pub fn action(kind: TodoKind, reader: Reader) -> Key {
    match Group::of(kind) {
        Group::Overdue | Group::Rejected | Group::Due if reader == Reader::Leader => {
            Key::TodoDoUnit
        }
        Group::Overdue | Group::Rejected | Group::Due => Key::TodoDoReport,
        Group::Approvals => Key::TodoDoApprove,
        Group::OffTrack => Key::TodoDoUnit,
        Group::FollowUp => match kind {
            TodoKind::ExplanationReview => Key::TodoDoReview,
            TodoKind::ActionOverdue => Key::TodoDoAction,
            _ => Key::TodoDoExplain,
        },
    }
}

/// The name of a kind of item (and of a webhook event).
pub fn kind_key(kind: TodoKind) -> Key {
    match kind {
        TodoKind::ReportDue => Key::TkReportDue,
        TodoKind::ReportOverdue => Key::TkReportOverdue,
        TodoKind::ReportRejected => Key::TkReportRejected,
        TodoKind::ApprovalPending => Key::TkApprovalPending,
        TodoKind::ApprovalOverdue => Key::TkApprovalOverdue,
        TodoKind::OffTrack => Key::TkOffTrack,
        TodoKind::ExplanationDue => Key::TkExplanationDue,
        TodoKind::ExplanationOverdue => Key::TkExplanationOverdue,
        TodoKind::ExplanationReview => Key::TkExplanationReview,
        TodoKind::ActionOverdue => Key::TkActionOverdue,
    }
}

fn kind_name(lang: Lang, kind: TodoKind) -> String {
    kind_key(kind).text(lang).to_owned()
}

/// The months waiting for the caller's approval, for the menu: the months of every
/// approval item (a unit's months past the approval deadline and its others are two items).
pub fn approvals_waiting(items: &[TodoItem]) -> i64 {
    items
        .iter()
        .filter(|i| Group::of(i.kind) == Group::Approvals)
        .map(|i| i.count)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::todo::{TodoItemIndicator, TodoItemUnit};

    fn item(kind: TodoKind, unit: &str, month: Option<i64>) -> TodoItem {
        TodoItem {
            kind,
            year: 2026,
            month,
            due_on: None,
            days_overdue: 0,
            count: 0,
            comment: None,
            explanation_request_id: None,
            unit: TodoItemUnit {
                id: unit.to_lowercase(),
                name: unit.to_owned(),
                parent: None,
            },
            indicator: None,
        }
    }

    fn overdue(unit: &str, days: i64) -> TodoItem {
        TodoItem {
            due_on: Some("2026-11-05".into()),
            days_overdue: days,
            ..item(TodoKind::ReportOverdue, unit, Some(10))
        }
    }

    fn approval(kind: TodoKind, unit: &str, count: i64, days: i64) -> TodoItem {
        TodoItem {
            count,
            days_overdue: days,
            ..item(kind, unit, Some(10))
        }
    }

    #[test]
    fn headings_come_most_urgent_first_whatever_the_order_received() {
        let items = vec![
            item(TodoKind::OffTrack, "Xã B", Some(10)),
            item(TodoKind::ReportDue, "Xã A", Some(11)),
            approval(TodoKind::ApprovalPending, "Xã C", 1, 0),
            item(TodoKind::ReportRejected, "Xã A", Some(9)),
            overdue("Xã A", 3),
        ];
        let order: Vec<Group> = grouped(items).into_iter().map(|(g, _)| g).collect();
        assert_eq!(
            order,
            [
                Group::Overdue,
                Group::Rejected,
                Group::Approvals,
                Group::Due,
                Group::OffTrack
            ]
        );
    }

    #[test]
    fn the_longest_overdue_comes_first_then_by_name() {
        let items = vec![overdue("Xã B", 3), overdue("Xã C", 10), overdue("Xã A", 3)];
        let (_, list) = grouped(items).remove(0);
        let names: Vec<&str> = list.iter().map(|i| i.unit.name.as_str()).collect();
        assert_eq!(names, ["Xã C", "Xã A", "Xã B"]);
    }

    #[test]
    fn overdue_approvals_come_before_the_others_waiting() {
        let items = vec![
            approval(TodoKind::ApprovalPending, "Xã A", 5, 0),
            approval(TodoKind::ApprovalOverdue, "Xã B", 1, 2),
            approval(TodoKind::ApprovalOverdue, "Xã C", 1, 7),
            approval(TodoKind::ApprovalPending, "Xã D", 2, 0),
        ];
        let (_, list) = grouped(items).remove(0);
        let names: Vec<&str> = list.iter().map(|i| i.unit.name.as_str()).collect();
        assert_eq!(names, ["Xã C", "Xã B", "Xã A", "Xã D"]);
    }

    #[test]
    fn an_overdue_month_names_its_month_deadline_and_days() {
        assert_eq!(
            facts(Lang::Vi, &overdue("Xã A", 5)),
            ["tháng 10/2026", "hạn nộp 05/11/2026", "quá hạn 5 ngày"]
        );
        assert_eq!(
            facts(Lang::En, &overdue("Xã A", 1)),
            ["month 10/2026", "due 05/11/2026", "1 day overdue"]
        );
    }

    #[test]
    fn waiting_approvals_count_their_months() {
        let many = approval(TodoKind::ApprovalPending, "Xã A", 3, 0);
        assert_eq!(
            facts(Lang::Vi, &many),
            ["3 tháng chờ duyệt", "từ tháng 10/2026"]
        );
        let late = TodoItem {
            due_on: Some("2026-11-10".into()),
            ..approval(TodoKind::ApprovalOverdue, "Xã A", 1, 4)
        };
        assert_eq!(
            facts(Lang::Vi, &late),
            [
                "1 tháng chờ duyệt",
                "tháng 10/2026",
                "quá hạn duyệt",
                "hạn duyệt 10/11/2026",
                "quá hạn 4 ngày"
            ]
        );
    }

    #[test]
    fn an_off_track_item_names_its_indicator() {
        let off = TodoItem {
            indicator: Some(TodoItemIndicator {
                code: "FULL_ONLINE_RATE".into(),
                name: "Tỷ lệ trực tuyến toàn trình".into(),
                name_en: Some("Fully online rate".into()),
            }),
            ..item(TodoKind::OffTrack, "Xã A", Some(10))
        };
        assert_eq!(
            facts(Lang::Vi, &off),
            [
                "Tỷ lệ trực tuyến toàn trình",
                "chậm tiến độ từ tháng 10/2026"
            ]
        );
    }

    #[test]
    fn each_item_leads_to_the_page_where_it_is_done() {
        let r = Reader::Reporter;
        assert_eq!(
            link(&overdue("X1", 5), r),
            "/report?unit=x1&year=2026&month=10"
        );
        assert_eq!(
            link(&item(TodoKind::ReportRejected, "X1", Some(9)), r),
            "/report?unit=x1&year=2026&month=9"
        );
        assert_eq!(
            link(&approval(TodoKind::ApprovalPending, "X2", 2, 0), r),
            "/approvals?status=pending&unit=x2&year=2026"
        );
        assert_eq!(
            link(&item(TodoKind::OffTrack, "X3", Some(10)), r),
            "/units/x3?year=2026&kind=YTD&index=10"
        );
        assert_eq!(link(&item(TodoKind::OffTrack, "X3", None), r), "/units/x3");
        assert_eq!(action(TodoKind::ReportOverdue, r), Key::TodoDoReport);
    }

    #[test]
    fn follow_up_items_open_their_explanation_request() {
        let r = Reader::Reporter;
        for (kind, key) in [
            (TodoKind::ExplanationDue, Key::TodoDoExplain),
            (TodoKind::ExplanationOverdue, Key::TodoDoExplain),
            (TodoKind::ExplanationReview, Key::TodoDoReview),
            (TodoKind::ActionOverdue, Key::TodoDoAction),
        ] {
            let asked = TodoItem {
                explanation_request_id: Some("42".into()),
                ..item(kind, "X4", Some(10))
            };
            assert_eq!(link(&asked, r), "/explanations/42");
            assert_eq!(link(&asked, Reader::Leader), "/explanations/42");
            assert_eq!(action(kind, r), key);
            // Without the request (an older server), the unit's follow-up section.
            assert_eq!(link(&item(kind, "X4", Some(10)), r), "/units/x4#follow-up");
        }
    }

    #[test]
    fn follow_up_items_name_their_kind_indicator_month_and_lateness() {
        let late = TodoItem {
            due_on: Some("2026-11-08".into()),
            days_overdue: 7,
            explanation_request_id: Some("42".into()),
            indicator: Some(TodoItemIndicator {
                code: "FULL_ONLINE_RATE".into(),
                name: "Tỷ lệ trực tuyến toàn trình".into(),
                name_en: Some("Fully online rate".into()),
            }),
            ..item(TodoKind::ExplanationOverdue, "Xã A", Some(9))
        };
        assert_eq!(
            facts(Lang::Vi, &late),
            [
                "Quá hạn giải trình",
                "Tỷ lệ trực tuyến toàn trình",
                "tháng 9/2026",
                "hạn giải trình 08/11/2026",
                "quá hạn 7 ngày"
            ]
        );
    }

    #[test]
    fn a_leader_reads_a_late_month_on_the_units_page() {
        assert_eq!(
            link(&overdue("X1", 5), Reader::Leader),
            "/units/x1?year=2026&kind=MONTH&index=10"
        );
        assert_eq!(
            action(TodoKind::ReportOverdue, Reader::Leader),
            Key::TodoDoUnit
        );
    }

    #[test]
    fn a_long_heading_shows_its_first_items_until_asked_for_all() {
        assert_eq!(shown(3, false), 3);
        assert_eq!(shown(60, false), FIRST_SHOWN);
        assert_eq!(shown(60, true), 60);
    }

    #[test]
    fn the_menu_counts_every_month_waiting_late_or_not() {
        let items = vec![
            approval(TodoKind::ApprovalPending, "Xã A", 3, 0),
            approval(TodoKind::ApprovalOverdue, "Xã A", 1, 2),
            approval(TodoKind::ApprovalOverdue, "Xã B", 2, 2),
            overdue("Xã C", 1),
        ];
        assert_eq!(approvals_waiting(&items), 6);
        assert_eq!(approvals_waiting(&[]), 0);
    }
}
