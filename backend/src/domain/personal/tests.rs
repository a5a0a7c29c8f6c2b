//! The personal rules: a personal target evaluated like a unit's, the personal score, the
//! head's weighted score, the share of the unit's dossiers and the ranking switch.

use super::*;
use proptest::prelude::*;
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule};

const SETTLED_ON_TIME: IndicatorSpec = IndicatorSpec {
    kind: IndicatorKind::Rate,
    direction: Direction::HigherIsBetter,
    rule: ScoringRule::Target,
    threshold: None,
    points: 10.0,
    no_data: NoDataRule::Exclude,
};

const DOSSIERS: IndicatorSpec = IndicatorSpec {
    kind: IndicatorKind::Count,
    direction: Direction::HigherIsBetter,
    rule: ScoringRule::Target,
    threshold: None,
    points: 10.0,
    no_data: NoDataRule::Exclude,
};

fn rate(n: i64, d: i64) -> Sums {
    Sums {
        numerator: Some(n),
        denominator: Some(d),
    }
}

fn count(n: i64) -> Sums {
    Sums {
        numerator: Some(n),
        denominator: None,
    }
}

fn october() -> Period {
    Period::month(2026, 10).unwrap()
}

#[test]
fn a_personal_rate_is_judged_against_the_annual_target_like_a_units() {
    // 45 of 50 settled on time in October, 420 of 460 so far: 91.30 % against 95 %, within
    // the margin of a rate at risk.
    let e = evaluate(
        &SETTLED_ON_TIME,
        &october(),
        rate(45, 50),
        rate(420, 460),
        95.0,
        true,
    );
    assert_eq!(e.value, Some(90.0));
    assert_eq!(e.milestone, Some(95.0));
    assert_eq!(e.status, TrackStatus::AtRisk);
    assert_eq!(e.points.map(round2), Some(9.47));
    assert!(is_behind(e.status));
}

#[test]
fn a_personal_count_target_is_spread_evenly_over_the_year() {
    // 120 dossiers a year: 100 due by October; 104 done is on track.
    let e = evaluate(&DOSSIERS, &october(), count(11), count(104), 120.0, true);
    assert_eq!(e.milestone, Some(100.0));
    assert_eq!(e.status, TrackStatus::OnTrack);
    assert_eq!(e.points, Some(10.0));
    assert!(!is_behind(e.status));
    // 60 done is far behind.
    let e = evaluate(&DOSSIERS, &october(), count(5), count(60), 120.0, true);
    assert_eq!(e.status, TrackStatus::OffTrack);
    assert_eq!(e.points.map(round2), Some(6.0));
}

#[test]
fn without_figures_a_personal_target_has_no_data_and_does_not_score() {
    let none = Sums::default();
    let e = evaluate(&DOSSIERS, &october(), none, none, 120.0, false);
    assert_eq!(e.status, TrackStatus::NoData);
    assert_eq!(e.points, None);
    assert_eq!(score(&[e], None).overall, None);
}

#[test]
fn the_personal_score_is_out_of_100_over_the_targets_that_scored() {
    let a = evaluate(&DOSSIERS, &october(), count(5), count(60), 120.0, true);
    let b = evaluate(
        &SETTLED_ON_TIME,
        &october(),
        rate(50, 50),
        rate(460, 460),
        95.0,
        true,
    );
    let s = score(&[a, b], None);
    assert_eq!(s.personal, Some(80.0));
    assert_eq!(s.overall, Some(80.0));
    assert_eq!((s.unit, s.unit_weight), (None, None));
}

#[test]
fn the_heads_score_weighs_in_the_units_result() {
    let a = evaluate(&DOSSIERS, &october(), count(5), count(60), 120.0, true);
    let half = score(&[a], Some((Some(90.0), 50.0)));
    assert_eq!(half.personal, Some(60.0));
    assert_eq!(half.unit, Some(90.0));
    assert_eq!(half.overall, Some(75.0));
    let quarter = score(&[a], Some((Some(90.0), 25.0)));
    assert_eq!(quarter.overall, Some(67.5));
    // A head without personal targets answers for the unit alone.
    assert_eq!(score(&[], Some((Some(90.0), 50.0))).overall, Some(90.0));
}

#[test]
fn the_weight_reads_a_vietnamese_decimal_and_falls_back_to_half() {
    assert_eq!(head_unit_weight(None), 50.0);
    assert_eq!(head_unit_weight(Some("37,5")), 37.5);
    assert_eq!(head_unit_weight(Some("100")), 100.0);
    assert_eq!(head_unit_weight(Some("120")), 50.0);
    assert_eq!(head_unit_weight(Some("nửa")), 50.0);
}

#[test]
fn the_share_of_the_unit_counts_each_handler() {
    assert_eq!(share_of_unit(Some(30), Some(120)), Some(25.0));
    assert_eq!(share_of_unit(None, Some(120)), Some(0.0));
    assert_eq!(share_of_unit(Some(30), Some(0)), None);
    assert_eq!(share_of_unit(Some(150), Some(120)), Some(125.0));
}

#[test]
fn ranking_is_off_unless_switched_on() {
    assert!(!ranking_on(None));
    assert!(!ranking_on(Some("off")));
    assert!(ranking_on(Some("on")));
    assert_eq!(ranking_key(7), "staff.ranking.7");
}

proptest! {
    #[test]
    fn the_heads_score_lies_between_the_two_it_weighs(
        p in 0.0f64..=100.0, u in 0.0f64..=100.0, w in 0.0f64..=100.0,
    ) {
        let s = weighted(Some(p), Some(u), w).unwrap();
        prop_assert!(s >= p.min(u) - 0.005 && s <= p.max(u) + 0.005);
        prop_assert_eq!(weighted(Some(p), Some(u), 0.0), Some(round2(p)));
        prop_assert_eq!(weighted(Some(p), Some(u), 100.0), Some(round2(u)));
    }

    #[test]
    fn a_personal_result_is_the_units_rule_on_the_same_figures(
        n in 0i64..500, extra in 0i64..500, target in 1.0f64..100.0, m in 1u32..=12,
    ) {
        let period = Period::month(2026, m).unwrap();
        let sums = rate(n, n + extra);
        let personal = evaluate(&SETTLED_ON_TIME, &period, sums, sums, target, true);
        let t = TargetSpec { value: target, roadmap: None };
        let facts = UnitFacts { applies: true, reported: true };
        let unit = results::evaluate(&SETTLED_ON_TIME, &period, sums, sums, Some(&t), facts);
        prop_assert_eq!(personal, unit);
    }

    #[test]
    fn the_share_is_never_negative(s in 0i64..10_000, u in 1i64..10_000) {
        let share = share_of_unit(Some(s), Some(u)).unwrap();
        prop_assert!(share >= 0.0);
    }
}
