//! The preset `QD766`: the national index of Quyết định 766/QĐ-TTg as catalogue data
//! (domain/QD766.md) — 35 measures, 18 indicators in six groups worth 100 points, their
//! rules, what each gives without data, the unit kinds each scores, and the consistency
//! rules beyond "every numerator ≤ its denominator".

use super::{GroupDef, IndicatorDef, MeasureDef};
use shared::{NoDataRule, ScoringRule, UnitKind};

const fn measure(code: &'static str, name: &'static str) -> MeasureDef {
    MeasureDef {
        code,
        name,
        description: name,
    }
}

/// The 35 measures, in form order.
pub const MEASURES: [MeasureDef; 35] = [
    measure("TTHC_PUBLISH_DUE", "Số TTHC phải công bố trong kỳ"),
    measure("TTHC_PUBLISHED_ON_TIME", "Số TTHC công bố đúng hạn"),
    measure(
        "TTHC_UPDATE_DUE",
        "Số TTHC phải cập nhật, công khai trên CSDLQG về TTHC",
    ),
    measure(
        "TTHC_UPDATED_ON_TIME",
        "Số TTHC cập nhật, công khai đúng hạn",
    ),
    measure("TTHC_PUBLISHED", "Số TTHC được công bố, công khai trong kỳ"),
    measure(
        "TTHC_PUBLISHED_COMPLETE",
        "Số TTHC công khai đầy đủ các bộ phận tạo thành",
    ),
    measure(
        "DOSSIERS_TRACKED",
        "Hồ sơ tiếp nhận, đang giải quyết hoặc trả kết quả trong kỳ",
    ),
    measure(
        "DOSSIERS_SYNCED",
        "Hồ sơ đồng bộ trạng thái đúng hạn với Cổng DVCQG",
    ),
    measure(
        "DUE",
        "Hồ sơ tiếp nhận và xử lý trong kỳ (đã xử lý + đang xử lý)",
    ),
    measure(
        "ON_TIME",
        "Hồ sơ xử lý trước hạn, đúng hạn và đang xử lý trong hạn",
    ),
    measure("RECEIVED", "Hồ sơ tiếp nhận"),
    measure("RECEIVED_ONLINE", "Hồ sơ nộp trực tuyến"),
    measure(
        "FULL_ONLINE_ELIGIBLE",
        "Hồ sơ của TTHC đủ điều kiện trực tuyến toàn trình",
    ),
    measure("FULL_ONLINE", "Hồ sơ trực tuyến toàn trình"),
    measure("FEE_BEARING", "Hồ sơ của TTHC có phí, lệ phí"),
    measure("PAID_ONLINE", "Hồ sơ thanh toán trực tuyến"),
    measure(
        "SETTLED",
        "Hồ sơ đã hoàn thành, trả kết quả (TTHC trả kết quả bằng giấy tờ)",
    ),
    measure("E_RESULT", "Hồ sơ có kết quả điện tử có giá trị pháp lý"),
    measure(
        "DIGITIZED",
        "Hồ sơ số hóa thành phần, đồng bộ kho dữ liệu của tổ chức, cá nhân",
    ),
    measure("COMMUNES_IN_SCOPE", "Số xã thuộc phạm vi quản lý"),
    measure(
        "COMMUNES_E_CERTIFY",
        "Số xã cung cấp chứng thực bản sao điện tử từ bản chính",
    ),
    measure(
        "REUSE_ELIGIBLE",
        "Hồ sơ của TTHC có thành phần được cắt giảm, thay thế bằng dữ liệu",
    ),
    measure(
        "REUSED",
        "Hồ sơ có thành phần được cắt giảm, thay thế dựa trên dữ liệu",
    ),
    measure(
        "STORE_ELIGIBLE",
        "Hồ sơ của TTHC có thành phần thay thế hoàn toàn bằng dữ liệu",
    ),
    measure(
        "STORE_SYNCED",
        "Hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
    ),
    measure(
        "CITIZEN_DATA_ELIGIBLE",
        "Hồ sơ của TTHC có thể dùng dữ liệu dân cư",
    ),
    measure(
        "CITIZEN_DATA_USED",
        "Hồ sơ có sử dụng thông tin, dữ liệu dân cư",
    ),
    measure(
        "TTHC_CITIZEN_ELIGIBLE",
        "Số TTHC có thể kết nối dữ liệu dân cư",
    ),
    measure(
        "TTHC_CITIZEN_CONNECTED",
        "Số TTHC đã kết nối, chia sẻ dữ liệu dân cư",
    ),
    measure("FEEDBACK", "PAKN thuộc thẩm quyền tiếp nhận, xử lý"),
    measure(
        "FEEDBACK_ON_TIME",
        "PAKN xử lý đúng, trước hạn và đang xử lý trong hạn",
    ),
    measure("FEEDBACK_HANDLED", "PAKN đã xử lý"),
    measure(
        "FEEDBACK_SATISFIED",
        "PAKN đã xử lý không bị phản hồi không hài lòng",
    ),
    measure("DOSSIERS_HANDLED", "Hồ sơ TTHC đã tiếp nhận, giải quyết"),
    measure(
        "DOSSIERS_SATISFIED",
        "Hồ sơ không bị đánh giá không hài lòng hay phản ánh",
    ),
];

/// The six groups, in catalogue order.
pub const GROUPS: [GroupDef; 6] = [
    GroupDef {
        code: "CKMB",
        name: "Công khai, minh bạch",
    },
    GroupDef {
        code: "TDGQ",
        name: "Tiến độ giải quyết",
    },
    GroupDef {
        code: "DVCTT",
        name: "Dịch vụ công trực tuyến",
    },
    GroupDef {
        code: "TTTT",
        name: "Thanh toán trực tuyến",
    },
    GroupDef {
        code: "MDSH",
        name: "Số hóa hồ sơ",
    },
    GroupDef {
        code: "MDHL",
        name: "Mức độ hài lòng",
    },
];

const PROVINCE_ONLY: &[UnitKind] = &[UnitKind::Province];

/// A proportional rate of the preset: every unit kind, left out without data.
const fn rate(
    group: &'static str,
    code: &'static str,
    name: &'static str,
    numerator: &'static str,
    denominator: &'static str,
    points: f64,
) -> IndicatorDef {
    IndicatorDef {
        code,
        group,
        name,
        numerator,
        denominator: Some(denominator),
        points,
        rule: ScoringRule::Proportional,
        threshold: None,
        no_data: NoDataRule::Exclude,
        applies_to: &[],
    }
}

const fn with_threshold(i: IndicatorDef, x: f64) -> IndicatorDef {
    IndicatorDef {
        rule: ScoringRule::Threshold,
        threshold: Some(x),
        ..i
    }
}

const fn without_data(i: IndicatorDef, no_data: NoDataRule) -> IndicatorDef {
    IndicatorDef { no_data, ..i }
}

const fn province_only(i: IndicatorDef) -> IndicatorDef {
    IndicatorDef {
        applies_to: PROVINCE_ONLY,
        ..i
    }
}

/// The 18 indicators, 100 points.
pub const INDICATORS: [IndicatorDef; 18] = [
    rate(
        "CKMB",
        "PUBLISH_ON_TIME_RATE",
        "Tỷ lệ TTHC công bố đúng hạn",
        "TTHC_PUBLISHED_ON_TIME",
        "TTHC_PUBLISH_DUE",
        6.0,
    ),
    rate(
        "CKMB",
        "UPDATE_ON_TIME_RATE",
        "Tỷ lệ TTHC cập nhật, công khai đúng hạn",
        "TTHC_UPDATED_ON_TIME",
        "TTHC_UPDATE_DUE",
        4.0,
    ),
    rate(
        "CKMB",
        "CONTENT_COMPLETE_RATE",
        "Tỷ lệ TTHC công khai đầy đủ nội dung",
        "TTHC_PUBLISHED_COMPLETE",
        "TTHC_PUBLISHED",
        2.0,
    ),
    rate(
        "CKMB",
        "DOSSIER_SYNC_RATE",
        "Tỷ lệ hồ sơ đồng bộ trạng thái đúng hạn",
        "DOSSIERS_SYNCED",
        "DOSSIERS_TRACKED",
        6.0,
    ),
    rate(
        "TDGQ",
        "ON_TIME_RATE",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "ON_TIME",
        "DUE",
        20.0,
    ),
    rate(
        "DVCTT",
        "FULL_ONLINE_RATE",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "FULL_ONLINE",
        "FULL_ONLINE_ELIGIBLE",
        12.0,
    ),
    rate(
        "DVCTT",
        "ONLINE_SUBMISSION_RATE",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "RECEIVED_ONLINE",
        "RECEIVED",
        0.0,
    ),
    rate(
        "TTTT",
        "ONLINE_PAYMENT_RATE",
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "PAID_ONLINE",
        "FEE_BEARING",
        10.0,
    ),
    rate(
        "MDSH",
        "E_RESULT_RATE",
        "Tỷ lệ cấp kết quả điện tử",
        "E_RESULT",
        "SETTLED",
        6.0,
    ),
    rate(
        "MDSH",
        "DIGITIZATION_RATE",
        "Tỷ lệ số hóa hồ sơ",
        "DIGITIZED",
        "RECEIVED",
        4.0,
    ),
    rate(
        "MDSH",
        "E_CERTIFY_RATE",
        "Tỷ lệ xã cung cấp chứng thực điện tử",
        "COMMUNES_E_CERTIFY",
        "COMMUNES_IN_SCOPE",
        2.0,
    ),
    with_threshold(
        rate(
            "MDSH",
            "REUSE_RATE",
            "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
            "REUSED",
            "REUSE_ELIGIBLE",
            2.0,
        ),
        80.0,
    ),
    rate(
        "MDSH",
        "DATA_STORE_RATE",
        "Tỷ lệ hồ sơ số hóa kết nối kho dữ liệu",
        "STORE_SYNCED",
        "STORE_ELIGIBLE",
        4.0,
    ),
    province_only(rate(
        "MDSH",
        "CITIZEN_DATA_DOSSIER_RATE",
        "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư",
        "CITIZEN_DATA_USED",
        "CITIZEN_DATA_ELIGIBLE",
        2.0,
    )),
    province_only(rate(
        "MDSH",
        "CITIZEN_DATA_TTHC_RATE",
        "Tỷ lệ TTHC kết nối dữ liệu dân cư",
        "TTHC_CITIZEN_CONNECTED",
        "TTHC_CITIZEN_ELIGIBLE",
        2.0,
    )),
    without_data(
        rate(
            "MDHL",
            "FEEDBACK_ON_TIME_RATE",
            "Tỷ lệ PAKN xử lý đúng hạn",
            "FEEDBACK_ON_TIME",
            "FEEDBACK",
            6.0,
        ),
        NoDataRule::Full,
    ),
    without_data(
        rate(
            "MDHL",
            "FEEDBACK_SATISFACTION_RATE",
            "Tỷ lệ PAKN được xử lý hài lòng",
            "FEEDBACK_SATISFIED",
            "FEEDBACK_HANDLED",
            6.0,
        ),
        NoDataRule::Full,
    ),
    without_data(
        with_threshold(
            rate(
                "MDHL",
                "DOSSIER_SATISFACTION_RATE",
                "Tỷ lệ hồ sơ được đánh giá hài lòng",
                "DOSSIERS_SATISFIED",
                "DOSSIERS_HANDLED",
                6.0,
            ),
            90.0,
        ),
        NoDataRule::Zero,
    ),
];

/// The preset's own consistency rules, beside every numerator ≤ its denominator.
pub const CONSISTENCY: [(&str, &str); 2] = [
    ("RECEIVED_ONLINE", "RECEIVED"),
    ("FULL_ONLINE", "FULL_ONLINE_ELIGIBLE"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::results::{
        Evaluation, IndicatorSpec, UnitFacts, evaluate, group_totals, totals,
    };
    use crate::domain::rollup::{Sums, round2};
    use proptest::prelude::*;
    use shared::{Direction, Period};
    use std::collections::HashMap;

    fn spec(i: &IndicatorDef) -> IndicatorSpec {
        IndicatorSpec {
            kind: i.kind(),
            direction: Direction::HigherIsBetter,
            rule: i.rule,
            threshold: i.threshold,
            points: i.points,
            no_data: i.no_data,
        }
    }

    fn applies(i: &IndicatorDef, kind: UnitKind) -> bool {
        i.applies_to.is_empty() || i.applies_to.contains(&kind)
    }

    /// Every indicator of the preset evaluated for one month of `figures` (a measure not
    /// given counts as not reported).
    fn month_of(figures: &HashMap<&str, i64>, kind: UnitKind) -> Vec<Evaluation> {
        let period = Period::month(2026, 3).unwrap();
        let reported = !figures.is_empty();
        INDICATORS
            .iter()
            .map(|i| {
                let sums = Sums {
                    numerator: figures.get(i.numerator).copied(),
                    denominator: i.denominator.and_then(|d| figures.get(d).copied()),
                };
                let facts = UnitFacts {
                    applies: applies(i, kind),
                    reported,
                };
                evaluate(&spec(i), &period, sums, sums, None, facts)
            })
            .collect()
    }

    fn commune_y() -> HashMap<&'static str, i64> {
        HashMap::from([
            ("TTHC_PUBLISH_DUE", 10),
            ("TTHC_PUBLISHED_ON_TIME", 9),
            ("TTHC_UPDATE_DUE", 0),
            ("TTHC_UPDATED_ON_TIME", 0),
            ("TTHC_PUBLISHED", 8),
            ("TTHC_PUBLISHED_COMPLETE", 8),
            ("DOSSIERS_TRACKED", 400),
            ("DOSSIERS_SYNCED", 380),
            ("DUE", 300),
            ("ON_TIME", 270),
            ("FULL_ONLINE_ELIGIBLE", 200),
            ("FULL_ONLINE", 110),
            ("FEE_BEARING", 50),
            ("PAID_ONLINE", 30),
            ("SETTLED", 250),
            ("E_RESULT", 200),
            ("RECEIVED", 320),
            ("DIGITIZED", 256),
            ("COMMUNES_IN_SCOPE", 1),
            ("COMMUNES_E_CERTIFY", 1),
            ("REUSE_ELIGIBLE", 100),
            ("REUSED", 60),
            ("STORE_ELIGIBLE", 0),
            ("FEEDBACK", 0),
            ("FEEDBACK_HANDLED", 0),
            ("DOSSIERS_HANDLED", 250),
            ("DOSSIERS_SATISFIED", 240),
        ])
    }

    #[test]
    fn the_preset_is_worth_100_points_over_its_own_measures() {
        let total: f64 = INDICATORS.iter().map(|i| i.points).sum();
        assert_eq!(total, 100.0);
        for i in INDICATORS {
            assert!(MEASURES.iter().any(|m| m.code == i.numerator), "{}", i.code);
            assert!(
                i.denominator
                    .is_some_and(|d| MEASURES.iter().any(|m| m.code == d))
            );
            assert!(GROUPS.iter().any(|g| g.code == i.group), "{}", i.group);
        }
        for (part, whole) in CONSISTENCY {
            assert!(MEASURES.iter().any(|m| m.code == part));
            assert!(MEASURES.iter().any(|m| m.code == whole));
        }
        let by_group = |g: &str| -> f64 {
            INDICATORS
                .iter()
                .filter(|i| i.group == g)
                .map(|i| i.points)
                .sum()
        };
        let groups = GROUPS.map(|g| by_group(g.code));
        assert_eq!(groups, [18.0, 20.0, 12.0, 10.0, 22.0, 18.0]);
    }

    #[test]
    fn worked_example_commune_y_scores_83_18() {
        let evals = month_of(&commune_y(), UnitKind::Commune);
        let points: HashMap<&str, Option<f64>> = INDICATORS
            .iter()
            .zip(&evals)
            .map(|(i, e)| (i.code, e.points.map(round2)))
            .collect();
        let expected = [
            ("PUBLISH_ON_TIME_RATE", Some(5.4)),
            ("UPDATE_ON_TIME_RATE", None),
            ("CONTENT_COMPLETE_RATE", Some(2.0)),
            ("DOSSIER_SYNC_RATE", Some(5.7)),
            ("ON_TIME_RATE", Some(18.0)),
            ("FULL_ONLINE_RATE", Some(6.6)),
            ("ONLINE_PAYMENT_RATE", Some(6.0)),
            ("E_RESULT_RATE", Some(4.8)),
            ("DIGITIZATION_RATE", Some(3.2)),
            ("E_CERTIFY_RATE", Some(2.0)),
            ("REUSE_RATE", Some(1.5)),
            ("DATA_STORE_RATE", None),
            ("CITIZEN_DATA_DOSSIER_RATE", None),
            ("CITIZEN_DATA_TTHC_RATE", None),
            ("FEEDBACK_ON_TIME_RATE", Some(6.0)),
            ("FEEDBACK_SATISFACTION_RATE", Some(6.0)),
            ("DOSSIER_SATISFACTION_RATE", Some(6.0)),
        ];
        for (code, p) in expected {
            assert_eq!(points[code], p, "{code}");
        }
        let by_code = |c: &str| {
            INDICATORS
                .iter()
                .position(|i| i.code == c)
                .map(|k| evals[k])
                .unwrap()
        };
        assert_eq!(
            by_code("UPDATE_ON_TIME_RATE").excluded,
            Some(shared::ScoreExclusion::NoData)
        );
        let citizen = by_code("CITIZEN_DATA_TTHC_RATE");
        assert_eq!(
            (citizen.applies, citizen.excluded),
            (false, Some(shared::ScoreExclusion::NotApplicable))
        );
        assert_eq!(by_code("FEEDBACK_ON_TIME_RATE").value, None);
        // ONLINE_SUBMISSION_RATE has no figures here, and 0 points: monitoring only.
        let t = totals(&evals);
        assert_eq!((round2(t.earned), t.available), (73.2, 88.0));
        assert_eq!(t.score, Some(83.18));
        let reuse = by_code("REUSE_RATE").shortfall.unwrap();
        assert_eq!((reuse.dossiers, reuse.goal), (20, 80.0));
        let groups = group_totals(INDICATORS.iter().map(|i| i.group).zip(&evals));
        let mdhl = groups.iter().find(|(g, _)| *g == "MDHL").unwrap().1;
        assert_eq!((mdhl.earned, mdhl.available), (18.0, 18.0));
        let ckmb = groups.iter().find(|(g, _)| *g == "CKMB").unwrap().1;
        assert_eq!((round2(ckmb.earned), ckmb.available), (13.1, 14.0));
    }

    #[test]
    fn a_unit_that_reported_nothing_has_no_score() {
        let evals = month_of(&HashMap::new(), UnitKind::Commune);
        assert_eq!(totals(&evals).score, None);
        assert!(evals.iter().all(|e| e.points.is_none()));
    }

    #[test]
    fn the_province_scores_the_citizen_data_indicators() {
        let mut figures = commune_y();
        figures.insert("CITIZEN_DATA_ELIGIBLE", 100);
        figures.insert("CITIZEN_DATA_USED", 50);
        let evals = month_of(&figures, UnitKind::Province);
        let k = INDICATORS
            .iter()
            .position(|i| i.code == "CITIZEN_DATA_DOSSIER_RATE")
            .unwrap();
        assert_eq!(evals[k].points, Some(1.0));
        // No TTHC figures: EXCLUDE.
        let t = totals(&evals);
        assert_eq!(t.available, 90.0);
    }

    /// Figures for some of the preset's measures, each part within its whole.
    fn some_figures() -> impl Strategy<Value = HashMap<&'static str, i64>> {
        proptest::collection::vec((0i64..500, 0.0f64..=1.0, any::<bool>()), INDICATORS.len())
            .prop_map(|picks| {
                let mut figures = HashMap::new();
                for (i, (whole, share, given)) in INDICATORS.iter().zip(picks) {
                    if given && let Some(d) = i.denominator {
                        let part = ((whole as f64) * share).floor() as i64;
                        figures.entry(d).or_insert(whole);
                        let whole = figures[d];
                        figures.insert(i.numerator, part.min(whole));
                    }
                }
                figures
            })
    }

    fn any_kind() -> impl Strategy<Value = UnitKind> {
        prop_oneof![
            Just(UnitKind::Province),
            Just(UnitKind::Department),
            Just(UnitKind::Commune)
        ]
    }

    fn with_rules(rules: &[(usize, NoDataRule, bool)]) -> Vec<IndicatorDef> {
        let mut list = INDICATORS.to_vec();
        for &(k, no_data, everywhere) in rules {
            let i = &mut list[k % INDICATORS.len()];
            i.no_data = no_data;
            if everywhere {
                i.applies_to = &[];
            }
        }
        list
    }

    fn score_with(
        list: &[IndicatorDef],
        figures: &HashMap<&str, i64>,
        kind: UnitKind,
    ) -> Option<f64> {
        let period = Period::month(2026, 3).unwrap();
        let evals: Vec<Evaluation> = list
            .iter()
            .map(|i| {
                let sums = Sums {
                    numerator: figures.get(i.numerator).copied(),
                    denominator: i.denominator.and_then(|d| figures.get(d).copied()),
                };
                let facts = UnitFacts {
                    applies: applies(i, kind),
                    reported: !figures.is_empty(),
                };
                evaluate(&spec(i), &period, sums, sums, None, facts)
            })
            .collect();
        totals(&evals).score
    }

    proptest! {
        #[test]
        fn a_score_stays_within_0_and_100(figures in some_figures(), kind in any_kind()) {
            if let Some(s) = score_with(&INDICATORS, &figures, kind) {
                prop_assert!((0.0..=100.0).contains(&s), "{s}");
            }
        }

        #[test]
        fn full_points_without_data_never_lower_a_score(
            figures in some_figures(),
            kind in any_kind(),
            k in 0usize..18,
        ) {
            let exclude = with_rules(&[(k, NoDataRule::Exclude, false)]);
            let full = with_rules(&[(k, NoDataRule::Full, false)]);
            let (before, after) = (score_with(&exclude, &figures, kind), score_with(&full, &figures, kind));
            match (before, after) {
                (Some(b), Some(a)) => prop_assert!(a >= b, "{a} < {b}"),
                (Some(_), None) => prop_assert!(false, "FULL lost the score"),
                _ => {}
            }
        }

        #[test]
        fn an_indicator_that_does_not_apply_never_changes_a_score(
            figures in some_figures(),
            k in 0usize..18,
        ) {
            // The indicator scores provinces only; the commune's score is the same as if it
            // were not in the catalogue at all.
            let mut list = INDICATORS.to_vec();
            list[k].applies_to = &[UnitKind::Province];
            let mut without = list.clone();
            without.remove(k);
            prop_assert_eq!(
                score_with(&list, &figures, UnitKind::Commune),
                score_with(&without, &figures, UnitKind::Commune)
            );
        }
    }
}
