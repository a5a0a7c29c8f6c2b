//! The review of a month beside its approval: each indicator's value, the change from the
//! month before and from the same month a year before, and the anomaly flags; and what
//! became of each month of a bulk approval.

use super::{Indicator, MonthlyReport};
use crate::domain::review::{self, FlagKind, IndicatorReview as Reviewed};
use crate::domain::rollup::round2;
use crate::service::reports::Outcome;
use async_graphql::{Enum, ID, Object};

/// The rule that raised a flag.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ReviewFlagKind {
    /// More than the jump factor (2× by default) from the month before, up or down.
    Jump,
    /// A z-score beyond the threshold (|z| > 3 by default) over the unit's earlier months.
    ZScore,
    /// Outside the min–max band of the earlier months (too few months for a z-score).
    OutsideBand,
}

impl From<FlagKind> for ReviewFlagKind {
    fn from(k: FlagKind) -> Self {
        match k {
            FlagKind::Jump => ReviewFlagKind::Jump,
            FlagKind::ZScore => ReviewFlagKind::ZScore,
            FlagKind::OutsideBand => ReviewFlagKind::OutsideBand,
        }
    }
}

/// One anomaly of an indicator's month.
pub struct ReviewFlag(pub review::Flag);

#[Object]
impl ReviewFlag {
    async fn kind(&self) -> ReviewFlagKind {
        self.0.kind.into()
    }
    /// Why, in Vietnamese, with the figures compared.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
}

object! {
    /// One indicator of a month under review, computed from the month's figures; the month
    /// before and the same month a year before are the unit's submitted or approved ones.
    IndicatorReview(Reviewed) {
        one indicator: Indicator = indicators(indicator), "indicator";
        /// The month's value: a rate in percent or a count (2 decimals).
        async fn value(&self) -> Option<f64> {
            self.0.reviewed.value.map(round2)
        }
        /// The month before's value.
        async fn previous(&self) -> Option<f64> {
            self.0.reviewed.previous.map(round2)
        }
        /// The same month a year before.
        async fn last_year(&self) -> Option<f64> {
            self.0.reviewed.last_year.map(round2)
        }
        /// `value - previous` (percentage points for a rate).
        async fn change_from_previous(&self) -> Option<f64> {
            self.0.reviewed.change_from_previous.map(round2)
        }
        /// `value - lastYear`.
        async fn change_from_last_year(&self) -> Option<f64> {
            self.0.reviewed.change_from_last_year.map(round2)
        }
        /// How many earlier months (up to 24) the flags were judged over.
        async fn earlier_months(&self) -> i32 {
            i32::try_from(self.0.reviewed.earlier_months).unwrap_or(i32::MAX)
        }
        async fn flags(&self) -> Vec<ReviewFlag> {
            self.0.reviewed.flags.iter().cloned().map(ReviewFlag).collect()
        }
    }
}

/// A month's indicators against the unit's earlier months.
pub struct MonthReview(pub Vec<Reviewed>);

#[Object]
impl MonthReview {
    /// Every active indicator of the unit with a value this month, in catalogue order.
    async fn indicators(&self) -> Vec<IndicatorReview> {
        self.0.iter().cloned().map(IndicatorReview).collect()
    }
    /// How many flags the month raised in all.
    async fn flag_count(&self) -> i32 {
        let n: usize = self.0.iter().map(|r| r.reviewed.flags.len()).sum();
        i32::try_from(n).unwrap_or(i32::MAX)
    }
}

/// What became of one month of `approveMonthlyReports`.
pub struct ReportApproval(pub Outcome);

#[Object]
impl ReportApproval {
    async fn unit_id(&self) -> ID {
        crate::graphql::scalars::to_id(self.0.key.unit_id)
    }
    async fn year(&self) -> i32 {
        self.0.key.year
    }
    async fn month(&self) -> i32 {
        self.0.key.month as i32
    }
    /// Whether this call approved it.
    async fn approved(&self) -> bool {
        self.0.code.is_none()
    }
    /// Why not (`CONFLICT`: not waiting for approval; `NOT_FOUND`: no such unit).
    async fn code(&self) -> Option<&str> {
        self.0.code.map(|c| c.as_str())
    }
    /// What to tell the person, in Vietnamese.
    async fn message(&self) -> &str {
        &self.0.message
    }
    /// The month as it now is (none when its unit does not exist).
    async fn report(&self) -> Option<MonthlyReport> {
        self.0.report.clone().map(MonthlyReport)
    }
}
