//! The monthly-report workflow: DRAFT → SUBMITTED → APPROVED or REJECTED; APPROVED is
//! read-only until reopened. Each transition is checked here, away from the database.

use shared::ReportStatus;

/// A workflow action on a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportAction {
    /// Save figures.
    Save,
    /// Submit for approval.
    Submit,
    /// Approve a submitted month.
    Approve,
    /// Reject a submitted month.
    Reject,
    /// Reopen an approved month.
    Reopen,
}

/// The status after `action` from `from`, or why it is not allowed.
pub fn transition(from: ReportStatus, action: ReportAction) -> Result<ReportStatus, String> {
    use ReportAction::*;
    use ReportStatus::*;
    match (from, action) {
        (Approved, Save) => Err("the month is approved and read-only; reopen it first".into()),
        (_, Save) => Ok(Draft),
        (Draft | Rejected, Submit) => Ok(Submitted),
        (Submitted, Submit) => Err("the month is already submitted".into()),
        (Approved, Submit) => Err("the month is already approved".into()),
        (Submitted, Approve) => Ok(Approved),
        (Submitted, Reject) => Ok(Rejected),
        (_, Approve | Reject) => Err(format!(
            "only a submitted month can be approved or rejected; it is {from}"
        )),
        (Approved, Reopen) => Ok(Draft),
        (_, Reopen) => Err(format!(
            "only an approved month can be reopened; it is {from}"
        )),
    }
}

/// The status a month ends in after an import touched it: saved when its figures change or
/// it did not exist (`stored` is `None`), then submitted when asked; `None` when the month
/// is left as it is. Fails as the workflow refuses (an approved month is read-only).
pub fn after_import(
    stored: Option<ReportStatus>,
    changed: bool,
    submit: bool,
) -> Result<Option<ReportStatus>, String> {
    let from = stored.unwrap_or(ReportStatus::Draft);
    let mut to = from;
    if changed || stored.is_none() {
        to = transition(from, ReportAction::Save)?;
    }
    if submit && to != ReportStatus::Submitted {
        to = transition(to, ReportAction::Submit)?;
    }
    Ok((changed || stored.is_none() || to != from).then_some(to))
}

/// How a move from `from` to `to` changes the month's place among the approved figures:
/// 1 when it becomes approved, −1 when it stops being approved, 0 otherwise.
pub fn approval_change(from: ReportStatus, to: ReportStatus) -> i64 {
    use ReportStatus::Approved;
    match (from == Approved, to == Approved) {
        (false, true) => 1,
        (true, false) => -1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::ReportAction::*;
    use super::*;
    use ReportStatus::*;

    #[test]
    fn the_happy_path_runs_draft_submitted_approved() {
        assert_eq!(transition(Draft, Submit), Ok(Submitted));
        assert_eq!(transition(Submitted, Approve), Ok(Approved));
        assert_eq!(transition(Approved, Reopen), Ok(Draft));
    }

    #[test]
    fn a_rejected_month_can_be_corrected_and_resubmitted() {
        assert_eq!(transition(Submitted, Reject), Ok(Rejected));
        assert_eq!(transition(Rejected, Save), Ok(Draft));
        assert_eq!(transition(Rejected, Submit), Ok(Submitted));
    }

    #[test]
    fn approved_months_are_read_only_and_drafts_cannot_be_approved() {
        assert!(transition(Approved, Save).is_err());
        assert!(transition(Draft, Approve).is_err());
        assert!(transition(Draft, Reopen).is_err());
        assert!(transition(Submitted, Submit).is_err());
    }

    #[test]
    fn an_import_saves_changed_months_and_submits_when_asked() {
        assert_eq!(after_import(None, false, false), Ok(Some(Draft)));
        assert_eq!(after_import(Some(Submitted), false, false), Ok(None));
        assert_eq!(after_import(Some(Submitted), true, false), Ok(Some(Draft)));
        assert_eq!(after_import(Some(Submitted), false, true), Ok(None));
        assert_eq!(
            after_import(Some(Rejected), false, true),
            Ok(Some(Submitted))
        );
        assert!(after_import(Some(Approved), true, false).is_err());
    }

    #[test]
    fn approving_adds_to_the_approved_figures_and_reopening_takes_away() {
        assert_eq!(approval_change(Submitted, Approved), 1);
        assert_eq!(approval_change(Approved, Draft), -1);
        assert_eq!(approval_change(Submitted, Rejected), 0);
    }
}
