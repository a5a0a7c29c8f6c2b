//! The catalogue's rules: the default catalogue of INDICATORS.md (13 measures and 8
//! indicators worth 100 points, loaded into a new database by `chitieu setup`), and which
//! scoring rules and measures an indicator of each kind may have.

use crate::domain::input::InputError;
use shared::measures::*;
use shared::{Direction, IndicatorKind, ScoringRule};

/// A measure of the default catalogue.
#[derive(Debug, Clone, Copy)]
pub struct MeasureDef {
    /// Code, e.g. `RECEIVED`.
    pub code: &'static str,
    /// Vietnamese name.
    pub name: &'static str,
    /// What is counted.
    pub description: &'static str,
}

/// An indicator of the default catalogue.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorDef {
    /// Code, e.g. `FULL_ONLINE_RATE`.
    pub code: &'static str,
    /// Group code, e.g. `DIGITIZATION`.
    pub group: &'static str,
    /// Vietnamese name.
    pub name: &'static str,
    /// Numerator measure code.
    pub numerator: &'static str,
    /// Denominator measure code (rates).
    pub denominator: Option<&'static str>,
    /// Points out of 100.
    pub points: f64,
}

/// The 13 measures, in form order.
pub const MEASURES: [MeasureDef; 13] = [
    MeasureDef {
        code: RECEIVED,
        name: "Hồ sơ tiếp nhận",
        description: "Hồ sơ tiếp nhận trong tháng",
    },
    MeasureDef {
        code: RECEIVED_ONLINE,
        name: "Hồ sơ nộp trực tuyến",
        description: "Trong số hồ sơ tiếp nhận, hồ sơ nộp trực tuyến",
    },
    MeasureDef {
        code: FULL_ONLINE,
        name: "Hồ sơ trực tuyến toàn trình",
        description: "Trong số hồ sơ tiếp nhận, hồ sơ xử lý trực tuyến toàn trình (nộp, xử lý, thanh toán, trả kết quả)",
    },
    MeasureDef {
        code: DIGITIZED,
        name: "Hồ sơ được số hóa",
        description: "Trong số hồ sơ tiếp nhận, hồ sơ có thành phần được số hóa",
    },
    MeasureDef {
        code: REUSED,
        name: "Hồ sơ khai thác dữ liệu số hóa",
        description: "Trong số hồ sơ tiếp nhận, hồ sơ sử dụng lại ít nhất một thành phần đã số hóa",
    },
    MeasureDef {
        code: FEE_BEARING,
        name: "Hồ sơ có nghĩa vụ tài chính",
        description: "Trong số hồ sơ tiếp nhận, hồ sơ có phí, lệ phí",
    },
    MeasureDef {
        code: PAID_ONLINE,
        name: "Hồ sơ thanh toán trực tuyến",
        description: "Trong số hồ sơ có nghĩa vụ tài chính, hồ sơ thanh toán trực tuyến",
    },
    MeasureDef {
        code: DUE,
        name: "Hồ sơ phải giải quyết",
        description: "Hồ sơ đã giải quyết trong tháng và hồ sơ đang giải quyết cuối tháng",
    },
    MeasureDef {
        code: ON_TIME,
        name: "Hồ sơ đúng hạn",
        description: "Trong số hồ sơ phải giải quyết, hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết còn trong hạn",
    },
    MeasureDef {
        code: SETTLED,
        name: "Hồ sơ đã giải quyết",
        description: "Hồ sơ đã giải quyết trong tháng",
    },
    MeasureDef {
        code: E_RESULT,
        name: "Hồ sơ có kết quả điện tử",
        description: "Trong số hồ sơ đã giải quyết, hồ sơ được cấp kết quả điện tử",
    },
    MeasureDef {
        code: FEEDBACK,
        name: "Phản ánh, kiến nghị (PAKN)",
        description: "Phản ánh, kiến nghị tiếp nhận trong tháng",
    },
    MeasureDef {
        code: FEEDBACK_ON_TIME,
        name: "PAKN xử lý đúng hạn",
        description: "Trong số phản ánh, kiến nghị, số được xử lý đúng hạn",
    },
];

/// The 8 indicators of the decision's four groups.
pub const INDICATORS: [IndicatorDef; 8] = [
    IndicatorDef {
        code: "DIGITIZATION_RATE",
        group: "DIGITIZATION",
        name: "Tỷ lệ số hóa hồ sơ",
        numerator: DIGITIZED,
        denominator: Some(RECEIVED),
        points: 10.0,
    },
    IndicatorDef {
        code: "E_RESULT_RATE",
        group: "DIGITIZATION",
        name: "Tỷ lệ cấp kết quả điện tử",
        numerator: E_RESULT,
        denominator: Some(SETTLED),
        points: 10.0,
    },
    IndicatorDef {
        code: "REUSE_RATE",
        group: "DIGITIZATION",
        name: "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
        numerator: REUSED,
        denominator: Some(RECEIVED),
        points: 5.0,
    },
    IndicatorDef {
        code: "FULL_ONLINE_RATE",
        group: "FULL_ONLINE",
        name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
        numerator: FULL_ONLINE,
        denominator: Some(RECEIVED),
        points: 15.0,
    },
    IndicatorDef {
        code: "ONLINE_SUBMISSION_RATE",
        group: "FULL_ONLINE",
        name: "Tỷ lệ hồ sơ nộp trực tuyến",
        numerator: RECEIVED_ONLINE,
        denominator: Some(RECEIVED),
        points: 10.0,
    },
    IndicatorDef {
        code: "ONLINE_PAYMENT_RATE",
        group: "ONLINE_PAYMENT",
        name: "Tỷ lệ hồ sơ thanh toán trực tuyến",
        numerator: PAID_ONLINE,
        denominator: Some(FEE_BEARING),
        points: 25.0,
    },
    IndicatorDef {
        code: "ON_TIME_RATE",
        group: "SETTLEMENT",
        name: "Tỷ lệ hồ sơ giải quyết đúng hạn",
        numerator: ON_TIME,
        denominator: Some(DUE),
        points: 20.0,
    },
    IndicatorDef {
        code: "FEEDBACK_ON_TIME_RATE",
        group: "SETTLEMENT",
        name: "Tỷ lệ PAKN xử lý đúng hạn",
        numerator: FEEDBACK_ON_TIME,
        denominator: Some(FEEDBACK),
        points: 5.0,
    },
];

impl IndicatorDef {
    /// RATE when it has a denominator.
    pub fn kind(&self) -> IndicatorKind {
        if self.denominator.is_some() {
            IndicatorKind::Rate
        } else {
            IndicatorKind::Count
        }
    }

    /// Every default indicator is higher-is-better.
    pub fn direction(&self) -> Direction {
        Direction::HigherIsBetter
    }

    /// Every default indicator scores against its target.
    pub fn rule(&self) -> ScoringRule {
        ScoringRule::Target
    }
}

/// Changes to an indicator; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct IndicatorPatch {
    /// New display name.
    pub name: Option<String>,
    /// New group code.
    pub group: Option<String>,
    /// New points.
    pub points: Option<f64>,
    /// New scoring rule.
    pub rule: Option<ScoringRule>,
    /// New threshold.
    pub threshold: Option<f64>,
    /// Activates or deactivates.
    pub active: Option<bool>,
}

/// A scoring rule fits the kind: THRESHOLD needs a positive, finite threshold (at most 100
/// for a rate); PROPORTIONAL applies to rates only.
pub fn check_rule(
    kind: IndicatorKind,
    rule: ScoringRule,
    threshold: Option<f64>,
) -> Result<(), InputError> {
    if rule == ScoringRule::Threshold {
        match threshold {
            Some(t) if t.is_finite() && t > 0.0 && (kind == IndicatorKind::Count || t <= 100.0) => {
            }
            _ => {
                return Err(InputError::new(
                    "threshold",
                    "a THRESHOLD rule needs a positive threshold (at most 100 for a rate)",
                ));
            }
        }
    }
    if rule == ScoringRule::Proportional && kind == IndicatorKind::Count {
        return Err(InputError::new(
            "rule",
            "PROPORTIONAL applies to rates only",
        ));
    }
    Ok(())
}

/// A rate has a denominator measure, a count none.
pub fn check_denominator(kind: IndicatorKind, denominator: Option<&str>) -> Result<(), InputError> {
    match (kind, denominator) {
        (IndicatorKind::Rate, None) => Err(InputError::new(
            "denominatorCode",
            "a RATE needs a denominator measure",
        )),
        (IndicatorKind::Count, Some(_)) => Err(InputError::new(
            "denominatorCode",
            "a COUNT has no denominator",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_is_worth_100_points_over_known_measures() {
        let total: f64 = INDICATORS.iter().map(|i| i.points).sum();
        assert_eq!(total, 100.0);
        for i in INDICATORS {
            assert!(MEASURES.iter().any(|m| m.code == i.numerator));
            assert!(
                i.denominator
                    .is_none_or(|d| MEASURES.iter().any(|m| m.code == d))
            );
        }
        assert_eq!(MEASURES.map(|m| m.code), DEFAULT_MEASURES);
    }

    #[test]
    fn a_threshold_rule_needs_a_positive_threshold_within_the_kind() {
        use IndicatorKind::{Count, Rate};
        assert!(check_rule(Rate, ScoringRule::Threshold, Some(80.0)).is_ok());
        assert!(check_rule(Count, ScoringRule::Threshold, Some(500.0)).is_ok());
        let err = check_rule(Rate, ScoringRule::Threshold, Some(150.0)).unwrap_err();
        assert_eq!(err.field, "threshold");
        assert!(check_rule(Rate, ScoringRule::Threshold, None).is_err());
        assert!(check_rule(Count, ScoringRule::Threshold, Some(0.0)).is_err());
        assert!(check_rule(Rate, ScoringRule::Target, None).is_ok());
    }

    #[test]
    fn proportional_scoring_is_for_rates_only() {
        let err = check_rule(IndicatorKind::Count, ScoringRule::Proportional, None).unwrap_err();
        assert_eq!(err.field, "rule");
        assert!(check_rule(IndicatorKind::Rate, ScoringRule::Proportional, None).is_ok());
    }

    #[test]
    fn a_rate_has_a_denominator_and_a_count_none() {
        assert!(check_denominator(IndicatorKind::Rate, Some("DUE")).is_ok());
        assert!(check_denominator(IndicatorKind::Count, None).is_ok());
        assert!(check_denominator(IndicatorKind::Rate, None).is_err());
        let err = check_denominator(IndicatorKind::Count, Some("DUE")).unwrap_err();
        assert_eq!(err.field, "denominatorCode");
    }
}
