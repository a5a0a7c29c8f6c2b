//! The anomaly rules: examples and properties.

use super::text::number;
use super::*;
use proptest::prelude::*;

const RATE: IndicatorKind = IndicatorKind::Rate;

fn kinds(flags: &[Flag]) -> Vec<FlagKind> {
    flags.iter().map(|f| f.kind).collect()
}

#[test]
fn a_doubling_and_a_bit_is_a_jump_and_says_so_in_vietnamese() {
    let f = flags(&ReviewRules::default(), RATE, 85.0, Some(40.0), &[40.0]);
    assert_eq!(kinds(&f), vec![FlagKind::Jump]);
    assert_eq!(
        f[0].reason,
        "Tăng gấp 2,1 lần so với tháng trước (40,0 % → 85,0 %); ngưỡng cảnh báo: gấp 2 lần."
    );
}

#[test]
fn a_fall_to_a_third_is_a_jump_too() {
    let f = flags(
        &ReviewRules::default(),
        IndicatorKind::Count,
        100.0,
        Some(300.0),
        &[],
    );
    assert_eq!(kinds(&f), vec![FlagKind::Jump]);
    assert!(f[0].reason.starts_with("Giảm 3 lần"), "{}", f[0].reason);
}

#[test]
fn a_far_value_after_a_year_of_steady_months_is_a_z_score_outlier() {
    let history = [60.0, 62.0, 61.0, 59.0, 60.0, 63.0, 61.0, 60.0];
    let f = flags(&ReviewRules::default(), RATE, 95.0, Some(60.0), &history);
    assert_eq!(kinds(&f), vec![FlagKind::ZScore]);
    assert!(
        f[0].reason.starts_with("Cao hơn trung bình 8 tháng trước"),
        "{}",
        f[0].reason
    );
}

#[test]
fn with_few_earlier_months_the_band_decides() {
    let f = flags(
        &ReviewRules::default(),
        RATE,
        81.0,
        Some(70.0),
        &[60.0, 80.0, 70.0],
    );
    assert_eq!(kinds(&f), vec![FlagKind::OutsideBand]);
    assert_eq!(
        f[0].reason,
        "Cao hơn mọi tháng trong 3 tháng trước: 81,0 % nằm ngoài khoảng 60,0 % – 80,0 %."
    );
    // Two earlier months draw no band.
    assert!(
        flags(
            &ReviewRules::default(),
            RATE,
            81.0,
            Some(70.0),
            &[60.0, 70.0]
        )
        .is_empty()
    );
}

#[test]
fn a_month_reviews_each_indicator_against_last_month_and_last_year() {
    let (num, den) = (MeasureId(1), MeasureId(2));
    let formula = Formula {
        indicator: IndicatorId(7),
        kind: RATE,
        numerator: num,
        denominator: Some(den),
    };
    let month = crate::domain::tree::month_index(2024, 3);
    let figures = |n: i64, d: i64| HashMap::from([(num, n), (den, d)]);
    let earlier = BTreeMap::from([
        (month - 12, figures(50, 100)),
        (month - 1, figures(40, 100)),
        // A later month is not history.
        (month + 1, figures(1, 100)),
    ]);
    let r = review_month(
        &ReviewRules::default(),
        &[formula],
        month,
        &figures(90, 100),
        &earlier,
    );
    assert_eq!(r.len(), 1);
    let got = &r[0].reviewed;
    assert_eq!(got.value, Some(90.0));
    assert_eq!(got.previous, Some(40.0));
    assert_eq!(got.last_year, Some(50.0));
    assert_eq!(got.change_from_previous, Some(50.0));
    assert_eq!(got.change_from_last_year, Some(40.0));
    assert_eq!(got.earlier_months, 2);
    assert_eq!(kinds(&got.flags), vec![FlagKind::Jump]);
    // No figures this month: nothing to review.
    let none = review_month(
        &ReviewRules::default(),
        &[formula],
        month,
        &HashMap::new(),
        &earlier,
    );
    assert!(none.is_empty());
}

#[test]
fn settings_override_the_defaults_only_when_they_make_sense() {
    let rules = ReviewRules::with_settings(|k| match k {
        "review.jump_factor" => Some("1,5".into()),
        "review.z_threshold" => Some("0".into()),
        "review.z_min_months" => Some("12".into()),
        _ => None,
    });
    assert_eq!(rules.jump_factor, 1.5);
    assert_eq!(rules.z_threshold, 3.0);
    assert_eq!(rules.z_min_months, 12);
}

#[test]
fn numbers_are_written_the_vietnamese_way() {
    assert_eq!(number(1234567.26, 1), "1.234.567,3");
    assert_eq!(number(-0.04, 1), "0,0");
    assert_eq!(number(-12.5, 1), "-12,5");
    assert_eq!(number(999.0, 0), "999");
}

fn history() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..10_000.0, 0..30)
}

proptest! {
    #[test]
    fn a_constant_history_never_flags_the_same_value(c in 0.0f64..10_000.0, n in 0usize..30) {
        let h = vec![c; n];
        let previous = (n > 0).then_some(c);
        prop_assert!(flags(&ReviewRules::default(), RATE, c, previous, &h).is_empty());
    }

    #[test]
    fn the_z_score_does_not_change_with_the_scale(h in history(), v in 0.0f64..10_000.0, k in 0.01f64..1000.0) {
        let scaled: Vec<f64> = h.iter().map(|x| x * k).collect();
        match (z_score(&h, v), z_score(&scaled, v * k)) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-6 * a.abs().max(1.0), "{a} vs {b}"),
            (None, None) => {}
            (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }

    #[test]
    fn a_value_inside_the_band_never_flags_the_band(h in prop::collection::vec(0.0f64..10_000.0, 3..6), t in 0.0f64..=1.0) {
        let min = h.iter().copied().fold(f64::INFINITY, f64::min);
        let max = h.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let v = (min + t * (max - min)).clamp(min, max);
        let f = flags(&ReviewRules::default(), RATE, v, None, &h);
        prop_assert!(!kinds(&f).contains(&FlagKind::OutsideBand));
    }

    #[test]
    fn a_jump_is_symmetric_and_needs_more_than_the_factor(p in 0.001f64..10_000.0, r in 1.0f64..10.0) {
        let factor = ReviewRules::default().jump_factor;
        prop_assert_eq!(is_jump(factor, p, p * r), is_jump(factor, p * r, p));
        if r <= factor * 0.999 {
            prop_assert!(!is_jump(factor, p, p * r));
        }
        if r >= factor * 1.001 {
            prop_assert!(is_jump(factor, p, p * r));
        }
    }

    #[test]
    fn every_flag_has_a_reason_and_no_value_is_lost(h in history(), v in 0.0f64..10_000.0, p in prop::option::of(0.0f64..10_000.0)) {
        for f in flags(&ReviewRules::default(), RATE, v, p, &h) {
            prop_assert!(!f.reason.is_empty() && f.reason.ends_with('.'));
            prop_assert!(!f.reason.contains("NaN") && !f.reason.contains("inf"));
        }
    }
}
