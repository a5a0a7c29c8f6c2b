//! What a results notice (Thông báo kết quả) says, pure: the ranking of a unit's units with
//! their change since the previous period, who is off track or at risk, who reported late,
//! and the unit's own indicators. The service fills it from the engine; the PDF renderer
//! draws it as it stands.

use super::collation;
use chrono::NaiveDate;
use shared::{IndicatorKind, Period, TrackStatus, UnitKind};
use std::cmp::Reverse;

/// How many lines the lists of units off track and of late reports hold at most: a notice
/// stays within three pages; the rest is counted in a closing line.
pub const LIST_LIMIT: usize = 10;

/// The notice of one unit for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The province (the root unit's name), at the head of the notice.
    pub province: String,
    /// The unit the notice is for.
    pub unit_name: String,
    /// The period.
    pub period: Period,
    /// The previous period the ranking is compared with, if any.
    pub previous: Option<Period>,
    /// The day of issue.
    pub issued_on: NaiveDate,
    /// The unit's units, by kind then rank.
    pub ranking: Vec<RankLine>,
    /// Units off track or at risk on some indicator, the worst first (at most
    /// [`LIST_LIMIT`]).
    pub watch: Vec<WatchLine>,
    /// How many more units are off track or at risk than `watch` lists.
    pub watch_more: usize,
    /// Months reported late or not at all, the latest first (at most [`LIST_LIMIT`]).
    pub late: Vec<LateLine>,
    /// How many more late months than `late` lists.
    pub late_more: usize,
    /// The unit's own indicators, in catalogue order.
    pub indicators: Vec<IndicatorLine>,
}

/// One unit's line of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    pub rank: Option<u32>,
    pub name: String,
    pub kind: UnitKind,
    pub score: Option<f64>,
    pub previous_rank: Option<u32>,
    /// Places gained since the previous period (negative: lost); `None` without both ranks.
    pub rank_change: Option<i64>,
    /// Points gained since the previous period; `None` without both scores.
    pub score_change: Option<f64>,
}

impl RankLine {
    /// A line with its changes computed from the previous rank and score.
    pub fn new(
        name: String,
        kind: UnitKind,
        (rank, score): (Option<u32>, Option<f64>),
        (previous_rank, previous_score): (Option<u32>, Option<f64>),
    ) -> RankLine {
        let rank_change = rank
            .zip(previous_rank)
            .map(|(now, before)| i64::from(before) - i64::from(now));
        let score_change = score.zip(previous_score).map(|(now, before)| now - before);
        RankLine {
            rank,
            name,
            kind,
            score,
            previous_rank,
            rank_change,
            score_change,
        }
    }
}

/// A unit with the indicators it is off track or at risk on, each by its number in
/// [`Notice::indicators`] (from 1), so that a line stays one line.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchLine {
    pub unit: String,
    /// Indicators off track.
    pub off_track: Vec<usize>,
    /// Indicators at risk.
    pub at_risk: Vec<usize>,
}

/// A month a unit owed and did not submit by its deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct LateLine {
    pub unit: String,
    pub year: i32,
    pub month: u32,
    pub due_on: NaiveDate,
    /// The day of its first submission; `None` while not submitted.
    pub submitted_on: Option<NaiveDate>,
    pub days_late: i64,
}

/// One of the unit's indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    pub name: String,
    pub kind: IndicatorKind,
    /// The period's value (a rate in percent or a count).
    pub value: Option<f64>,
    /// The annual target.
    pub target: Option<f64>,
    /// The milestone in force at the period's end.
    pub milestone: Option<f64>,
    pub status: TrackStatus,
    pub points: Option<f64>,
    pub max_points: f64,
}

/// Whether a status puts a unit on the watch list.
pub fn watched(status: TrackStatus) -> bool {
    matches!(status, TrackStatus::OffTrack | TrackStatus::AtRisk)
}

/// The watch list, worst first (most indicators off track, then at risk, then by name),
/// units with nothing to watch left out, cut at `limit`; with how many were cut.
pub fn watch_list(mut lines: Vec<WatchLine>, limit: usize) -> (Vec<WatchLine>, usize) {
    lines.retain(|l| !l.off_track.is_empty() || !l.at_risk.is_empty());
    lines.sort_by(|a, b| {
        (Reverse(a.off_track.len()), Reverse(a.at_risk.len()))
            .cmp(&(Reverse(b.off_track.len()), Reverse(b.at_risk.len())))
            .then_with(|| collation::compare(&a.unit, &b.unit))
    });
    cut(lines, limit)
}

/// The late months, latest month first, then the longest delay (a month not submitted at
/// all before any submitted), then by name, cut at `limit`; with how many were cut.
pub fn late_list(mut lines: Vec<LateLine>, limit: usize) -> (Vec<LateLine>, usize) {
    lines.sort_by(|a, b| {
        let key = |l: &LateLine| {
            (
                Reverse((l.year, l.month)),
                l.submitted_on.is_some(),
                Reverse(l.days_late),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| collation::compare(&a.unit, &b.unit))
    });
    cut(lines, limit)
}

fn cut<T>(mut lines: Vec<T>, limit: usize) -> (Vec<T>, usize) {
    let more = lines.len().saturating_sub(limit);
    lines.truncate(limit);
    (lines, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(unit: &str, off: usize, risk: usize) -> WatchLine {
        WatchLine {
            unit: unit.into(),
            off_track: vec![1; off],
            at_risk: vec![2; risk],
        }
    }

    fn late(unit: &str, month: u32, submitted: bool, days: i64) -> LateLine {
        let day = |d| NaiveDate::from_ymd_opt(2026, month, d).unwrap_or_default();
        LateLine {
            unit: unit.into(),
            year: 2026,
            month,
            due_on: day(5),
            submitted_on: submitted.then(|| day(6)),
            days_late: days,
        }
    }

    #[test]
    fn a_unit_that_moved_up_two_places_gained_two() {
        let l = RankLine::new(
            "Xã Một".into(),
            UnitKind::Commune,
            (Some(1), Some(80.5)),
            (Some(3), Some(70.0)),
        );
        assert_eq!(l.rank_change, Some(2));
        assert_eq!(l.score_change, Some(10.5));
        let down = RankLine::new(
            "B".into(),
            UnitKind::Commune,
            (Some(4), None),
            (Some(1), None),
        );
        assert_eq!((down.rank_change, down.score_change), (Some(-3), None));
        let new = RankLine::new(
            "C".into(),
            UnitKind::Commune,
            (Some(1), Some(1.0)),
            (None, None),
        );
        assert_eq!((new.rank_change, new.score_change), (None, None));
    }

    #[test]
    fn the_watch_list_puts_the_worst_first_and_counts_what_it_cuts() {
        let lines = vec![
            watch("An", 1, 0),
            watch("Bình", 0, 0),
            watch("Cư", 2, 0),
            watch("Dương", 1, 2),
        ];
        let (kept, more) = watch_list(lines, 2);
        let names: Vec<&str> = kept.iter().map(|l| l.unit.as_str()).collect();
        assert_eq!(names, ["Cư", "Dương"]);
        assert_eq!(more, 1, "An is cut; Bình has nothing to watch");
    }

    #[test]
    fn late_months_list_the_latest_and_unsubmitted_first() {
        let lines = vec![
            late("A", 9, true, 3),
            late("B", 10, true, 1),
            late("C", 10, false, 12),
            late("D", 10, true, 4),
        ];
        let (kept, more) = late_list(lines, 10);
        let names: Vec<&str> = kept.iter().map(|l| l.unit.as_str()).collect();
        assert_eq!(names, ["C", "D", "B", "A"]);
        assert_eq!(more, 0);
    }
}
