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
}
