//! The enums of the domain, in the names of the public GraphQL contract.

/// A contract enum: a `wire_enum!` that is also ordered, iterable and, behind the
/// `graphql` feature, a GraphQL enum of the same name.
/// Marked `stored`, it is also a column type (`stored_enum!`).
macro_rules! contract_enum {
    (@$declare:ident $(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $declare!(
            $(#[$doc])*
            #[derive(PartialOrd, Ord, strum::EnumIter)]
            #[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
            pub enum $name { $($(#[$vdoc])* $variant),* }
        );
    };
    ($(#[$doc:meta])* stored $name:ident $variants:tt) => {
        contract_enum!(@stored_enum $(#[$doc])* $name $variants);
    };
    ($(#[$doc:meta])* $name:ident $variants:tt) => {
        contract_enum!(@wire_enum $(#[$doc])* $name $variants);
    };
}

contract_enum!(
    /// What a unit is in the administrative tree.
    stored UnitKind { Province, Department, District, Commune, Division, Center, Other }
);
contract_enum!(
    /// What a reorganisation did to the unit tree: several units became one, a unit moved
    /// under another parent, changed its code, name or kind, or was abolished.
    stored ReorgKind {
        /// Units merged into one.
        Merge,
        /// A unit hung under a new parent.
        Move,
        /// A unit's code, name or kind changed.
        Rename,
        /// A unit abolished.
        Close,
    }
);
contract_enum!(
    /// Whether a higher or a lower value of an indicator is better.
    stored Direction { HigherIsBetter, LowerIsBetter }
);
contract_enum!(
    /// A rate (numerator / denominator, in percent) or a plain count.
    stored IndicatorKind { Rate, Count }
);
contract_enum!(
    /// How an indicator turns its actual value into points.
    stored ScoringRule { Target, Proportional, Threshold }
);
contract_enum!(
    /// What an indicator gives when its summed denominator over the period is 0 (a unit
    /// that reported nothing in the period has no score whatever the rule).
    stored NoDataRule {
        /// Left out of the earned and the available points.
        Exclude,
        /// Full points.
        Full,
        /// No points, still available.
        Zero,
    }
);
contract_enum!(
    /// Why an indicator's points are left out of a unit's score.
    ScoreExclusion {
        /// The indicator does not score units of this kind ("không áp dụng").
        NotApplicable,
        /// No data in the period and the indicator's `noData` rule is EXCLUDE ("không có
        /// dữ liệu").
        NoData,
        /// A count without a target, or a count under PROPORTIONAL: nothing to score against.
        NoTarget,
        /// The unit reported no figure at all in the period: it has no score.
        NothingReported,
    }
);
contract_enum!(
    /// What a shortfall is measured against.
    ShortfallGoal {
        /// The milestone in force (year to date).
        Milestone,
        /// The level of a THRESHOLD rule (the period's rate).
        Threshold,
    }
);
contract_enum!(
    /// How an annual target is split into milestones.
    SplitMethod { Linear, Seasonal, Manual }
);
contract_enum!(
    /// What editing a target's value or baseline does to its roadmap.
    RoadmapOnEdit {
        /// The milestones stay as they are (refused when they would break the roadmap
        /// rules against the new value).
        Keep,
        /// The milestones are rescaled to the new value, the last one equal to it.
        Rescale,
        /// The milestones are removed: the target has no roadmap until it is split again.
        Clear,
    }
);
contract_enum!(
    /// The grain of a roadmap: monthly or quarterly milestones.
    stored Grain { Month, Quarter }
);
contract_enum!(
    /// The kind of a reporting period.
    stored PeriodKind { Month, Quarter, Ytd, Year }
);
contract_enum!(
    /// Year-to-date actual against the milestone in force.
    stored TrackStatus { OnTrack, AtRisk, OffTrack, NoData }
);
contract_enum!(
    /// The workflow state of a monthly report.
    stored ReportStatus { Draft, Submitted, Approved, Rejected }
);
contract_enum!(
    /// What a to-do item or a notification is about; also the events a webhook asks for.
    stored TodoKind {
        /// A month to enter and submit, its deadline ahead.
        ReportDue,
        /// A month past its deadline and not submitted.
        ReportOverdue,
        /// A month sent back with a comment.
        ReportRejected,
        /// Submitted months of units below, waiting for the caller's approval.
        ApprovalPending,
        /// Submitted months past their approval deadline.
        ApprovalOverdue,
        /// A unit in scope newly OFF_TRACK on an indicator.
        OffTrack,
        /// An explanation asked of the caller's unit (or of a unit in scope), not yet given
        /// or sent back, its due day ahead.
        ExplanationDue,
        /// An explanation past its due day and not given.
        ExplanationOverdue,
        /// An explanation given by a unit below, waiting for the caller's review.
        ExplanationReview,
        /// A corrective action past its due day and not done: to its owner and the head.
        ActionOverdue,
    }
);
contract_enum!(
    /// The kinds of e-mail the cycle sends; each user may turn any of them off.
    MailKind {
        /// Two days before a month's deadline, to the unit's officers.
        Reminder,
        /// The day after the deadline, to the unit's officers.
        Overdue,
        /// Three days after the deadline, to the parent unit's managers and heads.
        Escalation,
        /// A month sent back, to the unit's officers.
        Rejected,
        /// The monthly digest, to each leader.
        Digest,
        /// An explanation asked of the unit, to its managers and heads; sent back, to them
        /// again.
        Explanation,
    }
);
contract_enum!(
    /// How a notification travels.
    stored Channel { Email, Webhook }
);
contract_enum!(
    /// Where a notification stands in the outbox.
    stored DeliveryStatus { Pending, Sent, Failed }
);
contract_enum!(
    /// Where an explanation request stands.
    stored ExplanationStatus {
        /// Asked, not yet given.
        Open,
        /// Given, waiting for the review of the level that asked.
        Submitted,
        /// Sent back with a comment; to be given again.
        Returned,
        /// Accepted; its corrective actions go on until the indicator is back on track.
        Accepted,
        /// Closed: the indicator is back on track (or a violation was recorded instead).
        Closed,
    }
);
contract_enum!(
    /// Where a corrective action stands.
    stored ActionStatus { Planned, Done }
);
contract_enum!(
    /// What a comment thread hangs on.
    stored CommentSubject {
        /// A unit's monthly report.
        Report,
        /// A target (unit × indicator × year).
        Target,
    }
);
contract_enum!(
    /// How a comment was written: by hand, or with a workflow action on the report.
    stored CommentKind { Note, Approval, Rejection, Reopening }
);
contract_enum!(
    /// What a staff member did wrong.
    stored ViolationKind { Delay, Harassment, ExtraDocuments, NegativeConduct, Other }
);
contract_enum!(
    /// How a violation was handled.
    stored Handling { None, Reminder, Reprimand, Warning, Discipline }
);

impl Grain {
    /// Number of periods in a year at this grain.
    pub fn periods(self) -> u32 {
        match self {
            Grain::Month => 12,
            Grain::Quarter => 4,
        }
    }

    /// Number of months in one period of this grain.
    pub fn months(self) -> u32 {
        match self {
            Grain::Month => 1,
            Grain::Quarter => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn enums_use_the_contract_names() {
        assert_eq!(TrackStatus::OnTrack.as_str(), "ON_TRACK");
        assert_eq!(ViolationKind::ExtraDocuments.as_str(), "EXTRA_DOCUMENTS");
        assert_eq!(UnitKind::from_str("COMMUNE").unwrap(), UnitKind::Commune);
        assert_eq!(PeriodKind::Ytd.as_str(), "YTD");
    }
}
