//! The catalogue's rules: the presets a new database is set up with (the default catalogue
//! of INDICATORS.md, 13 measures and 8 indicators worth 100 points, and the national index
//! `QD766`), the consistency rules a catalogue implies, and which scoring rules and
//! measures an indicator of each kind may have.

pub mod qd766;

use crate::domain::input::InputError;
use shared::measures::*;
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule, UnitKind};

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
    /// How the points are earned.
    pub rule: ScoringRule,
    /// The level of a THRESHOLD rule.
    pub threshold: Option<f64>,
    /// What the indicator gives without data.
    pub no_data: NoDataRule,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: &'static [UnitKind],
}

/// A group of indicators.
#[derive(Debug, Clone, Copy)]
pub struct GroupDef {
    /// Code, e.g. `CKMB`.
    pub code: &'static str,
    /// Vietnamese name.
    pub name: &'static str,
}

/// A catalogue a database can be set up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preset {
    /// The provincial decision's eight indicators (INDICATORS.md).
    #[default]
    Default,
    /// The national index of Quyết định 766/QĐ-TTg (QD766.md).
    Qd766,
}

/// The data of a preset.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueDef {
    /// Measures in form order.
    pub measures: &'static [MeasureDef],
    /// Groups in catalogue order.
    pub groups: &'static [GroupDef],
    /// Indicators in catalogue order.
    pub indicators: &'static [IndicatorDef],
    /// `(part, whole)` consistency rules stored with the catalogue; every rate's numerator
    /// ≤ its denominator holds besides (see [`consistency_rules`]).
    pub consistency: &'static [(&'static str, &'static str)],
}

impl Preset {
    /// The preset named `name` (`default`, `qd766`, any case).
    pub fn parse(name: &str) -> Result<Preset, InputError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "default" | "" => Ok(Preset::Default),
            "qd766" => Ok(Preset::Qd766),
            other => Err(InputError::new(
                "catalogue",
                format!("không có bộ chỉ tiêu \"{other}\"; chọn default hoặc qd766"),
            )),
        }
    }

    /// Its measures, groups, indicators and rules.
    pub fn catalogue(self) -> CatalogueDef {
        match self {
            Preset::Default => CatalogueDef {
                measures: &MEASURES,
                groups: &GROUPS,
                indicators: &INDICATORS,
                consistency: &CONSISTENCY_RULES,
            },
            Preset::Qd766 => CatalogueDef {
                measures: &qd766::MEASURES,
                groups: &qd766::GROUPS,
                indicators: &qd766::INDICATORS,
                consistency: &qd766::CONSISTENCY,
            },
        }
    }
}

/// The consistency rules in force: the stored `(part, whole)` rules and, for every rate,
/// numerator ≤ denominator; each pair once, stored ones first.
pub fn consistency_rules<'a>(
    stored: impl IntoIterator<Item = (&'a str, &'a str)>,
    rates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    let mut rules: Vec<(String, String)> = Vec::new();
    for (part, whole) in stored.into_iter().chain(rates) {
        if part != whole && !rules.iter().any(|(p, w)| p == part && w == whole) {
            rules.push((part.to_owned(), whole.to_owned()));
        }
    }
    rules
}

/// The default catalogue's four groups.
pub const GROUPS: [GroupDef; 4] = [
    GroupDef {
        code: "DIGITIZATION",
        name: "Số hóa hồ sơ",
    },
    GroupDef {
        code: "FULL_ONLINE",
        name: "Dịch vụ công trực tuyến toàn trình",
    },
    GroupDef {
        code: "ONLINE_PAYMENT",
        name: "Thanh toán trực tuyến",
    },
    GroupDef {
        code: "SETTLEMENT",
        name: "Giải quyết hồ sơ",
    },
];

/// A default indicator: a rate scored against its target, every unit kind.
const fn target_rate(
    code: &'static str,
    group: &'static str,
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
        rule: ScoringRule::Target,
        threshold: None,
        no_data: NoDataRule::Exclude,
        applies_to: &[],
    }
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
    target_rate(
        "DIGITIZATION_RATE",
        "DIGITIZATION",
        "Tỷ lệ số hóa hồ sơ",
        DIGITIZED,
        RECEIVED,
        10.0,
    ),
    target_rate(
        "E_RESULT_RATE",
        "DIGITIZATION",
        "Tỷ lệ cấp kết quả điện tử",
        E_RESULT,
        SETTLED,
        10.0,
    ),
    target_rate(
        "REUSE_RATE",
        "DIGITIZATION",
        "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
        REUSED,
        RECEIVED,
        5.0,
    ),
    target_rate(
        "FULL_ONLINE_RATE",
        "FULL_ONLINE",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        FULL_ONLINE,
        RECEIVED,
        15.0,
    ),
    target_rate(
        "ONLINE_SUBMISSION_RATE",
        "FULL_ONLINE",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        RECEIVED_ONLINE,
        RECEIVED,
        10.0,
    ),
    target_rate(
        "ONLINE_PAYMENT_RATE",
        "ONLINE_PAYMENT",
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        PAID_ONLINE,
        FEE_BEARING,
        25.0,
    ),
    target_rate(
        "ON_TIME_RATE",
        "SETTLEMENT",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        ON_TIME,
        DUE,
        20.0,
    ),
    target_rate(
        "FEEDBACK_ON_TIME_RATE",
        "SETTLEMENT",
        "Tỷ lệ PAKN xử lý đúng hạn",
        FEEDBACK_ON_TIME,
        FEEDBACK,
        5.0,
    ),
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

    /// Every preset indicator is higher-is-better.
    pub fn direction(&self) -> Direction {
        Direction::HigherIsBetter
    }
}

/// Changes to a measure; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct MeasurePatch {
    /// New Vietnamese name.
    pub name: Option<String>,
    /// New English name; empty removes it.
    pub name_en: Option<String>,
    /// New description.
    pub description: Option<String>,
}

/// Changes to an indicator; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct IndicatorPatch {
    /// New display name.
    pub name: Option<String>,
    /// New English name; empty removes it.
    pub name_en: Option<String>,
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
    /// What it gives without data.
    pub no_data: Option<NoDataRule>,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: Option<Vec<UnitKind>>,
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
