//! The reporting calendar's defaults: a month's figures are due by the 5th of the next month
//! and approved by the 10th (the rule of `domain::cycle` on the server); a month whose
//! deadlines differ was moved (a holiday such as Tết).

/// Whether a month keeps the default deadlines or was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineMark {
    /// The 5th and the 10th of the next month.
    Default,
    /// Another day for either deadline.
    Moved,
}

/// The month after (`year`, `month`).
fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// The default deadlines of a month as ISO days: (submit by, approve by).
pub fn default_deadlines(year: i32, month: u32) -> (String, String) {
    let (y, m) = next_month(year, month);
    (format!("{y:04}-{m:02}-05"), format!("{y:04}-{m:02}-10"))
}

/// Whether the deadlines `due_on` and `approve_by` (ISO) of a month are its defaults.
pub fn mark(year: i32, month: u32, due_on: &str, approve_by: &str) -> DeadlineMark {
    let (due, approve) = default_deadlines(year, month);
    if due == due_on && approve == approve_by {
        DeadlineMark::Default
    } else {
        DeadlineMark::Moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_due_on_the_fifth_and_approved_by_the_tenth_of_the_next() {
        assert_eq!(
            default_deadlines(2026, 10),
            ("2026-11-05".into(), "2026-11-10".into())
        );
        assert_eq!(
            default_deadlines(2026, 12),
            ("2027-01-05".into(), "2027-01-10".into())
        );
    }

    #[test]
    fn a_month_moved_for_tet_is_marked() {
        assert_eq!(
            mark(2026, 10, "2026-11-05", "2026-11-10"),
            DeadlineMark::Default
        );
        assert_eq!(
            mark(2027, 1, "2027-02-12", "2027-02-17"),
            DeadlineMark::Moved
        );
        assert_eq!(
            mark(2026, 3, "2026-04-05", "2026-04-12"),
            DeadlineMark::Moved
        );
    }
}
