//! The words of an explained score ("Cách tính"): a scoring rule in words, why an indicator
//! is out of the score, what it still needs, the change since the previous period, the
//! total as a sum, and the catalogue's groups in order. Pure functions of the reader's
//! language, with no web dependencies, unit-tested on the host.

use crate::format::format_number;
use crate::i18n::{Key, Lang, fill};
use shared::{NoDataRule, ScoreExclusion, ScoringRule, ShortfallGoal};

/// A level as a rule writes it: at most two decimals and no trailing zeros (`80`, `37,5`,
/// `1.200`).
pub fn format_level(value: f64) -> String {
    let text = format_number(value, 2);
    match text.split_once(',') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_owned()
            } else {
                format!("{int},{frac}")
            }
        }
        None => text,
    }
}

/// A level of an indicator: `80 %` for a rate, `1.200` for a count.
pub fn level_text(value: f64, is_rate: bool) -> String {
    if is_rate {
        format!("{} %", format_level(value))
    } else {
        format_level(value)
    }
}

/// A scoring rule in words: "Tỷ lệ × điểm", "Đạt ngưỡng 80 %", "So với chỉ tiêu".
pub fn rule_words(lang: Lang, rule: ScoringRule, threshold: Option<f64>, is_rate: bool) -> String {
    match (rule, threshold) {
        (ScoringRule::Proportional, _) => Key::RuleWordsProportional.text(lang).to_owned(),
        (ScoringRule::Threshold, Some(t)) => fill(
            Key::RuleWordsThreshold.text(lang),
            &[&level_text(t, is_rate)],
        ),
        (ScoringRule::Threshold, None) => Key::RuleThreshold.text(lang).to_owned(),
        (ScoringRule::Target, _) => Key::RuleWordsTarget.text(lang).to_owned(),
    }
}

/// Why an indicator is out of a unit's score: "không có dữ liệu", "không áp dụng cho loại
/// đơn vị này", "chưa có chỉ tiêu", "đơn vị chưa báo cáo".
pub fn exclusion_key(why: ScoreExclusion) -> Key {
    match why {
        ScoreExclusion::NotApplicable => Key::OutNotApplicable,
        ScoreExclusion::NoData => Key::OutNoData,
        ScoreExclusion::NoTarget => Key::OutNoTarget,
        ScoreExclusion::NothingReported => Key::OutNothingReported,
    }
}

/// What an indicator gives without data: "không tính", "đủ điểm", "0 điểm".
pub fn no_data_key(rule: NoDataRule) -> Key {
    match rule {
        NoDataRule::Exclude => Key::NoDataExclude,
        NoDataRule::Full => Key::NoDataFull,
        NoDataRule::Zero => Key::NoDataZero,
    }
}

/// What an indicator still needs: "cần thêm 20 hồ sơ để đạt ngưỡng 80 %" (the period's rate)
/// or "… để đạt mốc 45 % (lũy kế từ đầu năm)" (a milestone is reached year to date).
pub fn shortfall_words(
    lang: Lang,
    dossiers: i64,
    goal: f64,
    against: ShortfallGoal,
    is_rate: bool,
) -> String {
    let key = match against {
        ShortfallGoal::Threshold => Key::ShortfallThreshold,
        ShortfallGoal::Milestone => Key::ShortfallMilestone,
    };
    fill(
        key.text(lang),
        &[
            &format_number(dossiers as f64, 0),
            &level_text(goal, is_rate),
        ],
    )
}

/// A difference with its sign and two decimals: `+1,25`, `-0,75`, `±0,00`.
pub fn signed(value: f64) -> String {
    let text = format_number(value, 2);
    if text == "0,00" {
        "±0,00".to_owned()
    } else if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// Our rate minus the portal's, in percentage points: "+2,00 điểm %".
pub fn percentage_points(lang: Lang, value: f64) -> String {
    fill(Key::PercentagePoints.text(lang), &[&signed(value)])
}

/// Points earned out of points available: "5,40 / 6 điểm".
pub fn points_of(lang: Lang, earned: Option<f64>, available: f64) -> String {
    let earned = earned.map_or_else(|| "–".to_owned(), |e| format_number(e, 2));
    fill(
        Key::PointsOf.text(lang),
        &[&earned, &format_level(available)],
    )
}

/// The total as a sum: "Tổng: 73,20 / 88 điểm → điểm = 100 × 73,20 / 88 = 83,18"; why there
/// is no score when there is none.
pub fn total_words(lang: Lang, earned: f64, available: f64, score: Option<f64>) -> String {
    match score {
        Some(score) => fill(
            Key::ExplainTotal.text(lang),
            &[
                &format_number(earned, 2),
                &format_level(available),
                &format_number(score, 2),
            ],
        ),
        None if available > 0.0 => Key::ExplainNoScore.text(lang).to_owned(),
        None => Key::ExplainNothingAvailable.text(lang).to_owned(),
    }
}

/// Which way a unit moved since the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
}

/// A unit's change since the previous period of the same kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    /// Places gained (negative: lost); none when either period has no rank.
    pub places: Option<i64>,
    /// The score's change; none when the previous period has no score.
    pub score: Option<f64>,
}

impl Delta {
    /// The change from (`previous_rank`, `previous_score`) to (`rank`, `score`); none when
    /// the unit has no score now or nothing to compare with.
    pub fn of(
        rank: Option<i64>,
        previous_rank: Option<i64>,
        score: Option<f64>,
        previous_score: Option<f64>,
    ) -> Option<Delta> {
        let now = score?;
        let places = rank.zip(previous_rank).map(|(r, p)| p - r);
        let score = previous_score.map(|p| now - p);
        (places.is_some() || score.is_some()).then_some(Delta { places, score })
    }

    /// Up, down or the same: by rank, else by score.
    pub fn trend(&self) -> Trend {
        let by_score = || match self.score {
            Some(d) if format_number(d, 2) == "0,00" => Trend::Same,
            Some(d) if d > 0.0 => Trend::Up,
            Some(_) => Trend::Down,
            None => Trend::Same,
        };
        match self.places {
            Some(p) if p > 0 => Trend::Up,
            Some(p) if p < 0 => Trend::Down,
            Some(_) => Trend::Same,
            None => by_score(),
        }
    }

    /// The short mark: "↑2 · +1,25", "↓1 · -0,40", "= · ±0,00", "+1,25" (no rank before).
    pub fn text(&self) -> String {
        let places = self.places.map(|p| match p {
            p if p > 0 => format!("↑{p}"),
            p if p < 0 => format!("↓{}", -p),
            _ => "=".to_owned(),
        });
        let score = self.score.map(signed);
        match (places, score) {
            (Some(p), Some(s)) => format!("{p} · {s}"),
            (Some(p), None) => p,
            (None, Some(s)) => s,
            (None, None) => String::new(),
        }
    }

    /// The change in words, for screen readers and the tooltip: "So với kỳ trước: lên 2
    /// hạng, điểm +1,25".
    pub fn words(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.places {
            parts.push(match p {
                p if p > 0 => fill(Key::DeltaUp.text(lang), &[&p.to_string()]),
                p if p < 0 => fill(Key::DeltaDown.text(lang), &[&(-p).to_string()]),
                _ => Key::DeltaSame.text(lang).to_owned(),
            });
        }
        if let Some(d) = self.score {
            parts.push(fill(Key::DeltaScore.text(lang), &[&signed(d)]));
        }
        format!("{}: {}", Key::DeltaLabel.text(lang), parts.join(", "))
    }
}

/// `items` grouped by their group code in catalogue order: the groups of `order` first, as
/// listed, then any other group in the order first met; groups without items are left out.
pub fn in_groups<T>(
    order: &[String],
    items: Vec<T>,
    group_of: impl Fn(&T) -> &str,
) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = order.iter().map(|g| (g.clone(), Vec::new())).collect();
    for item in items {
        let code = group_of(&item);
        match groups.iter_mut().find(|(g, _)| g == code) {
            Some((_, list)) => list.push(item),
            None => groups.push((code.to_owned(), vec![item])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_words_in_both_languages() {
        let vi = |r, t, rate| rule_words(Lang::Vi, r, t, rate);
        assert_eq!(vi(ScoringRule::Proportional, None, true), "Tỷ lệ × điểm");
        assert_eq!(
            vi(ScoringRule::Threshold, Some(80.0), true),
            "Đạt ngưỡng 80 %"
        );
        assert_eq!(
            vi(ScoringRule::Threshold, Some(82.5), true),
            "Đạt ngưỡng 82,5 %"
        );
        assert_eq!(
            vi(ScoringRule::Threshold, Some(1200.0), false),
            "Đạt ngưỡng 1.200"
        );
        assert_eq!(vi(ScoringRule::Target, Some(80.0), true), "So với chỉ tiêu");
        assert_eq!(
            rule_words(Lang::En, ScoringRule::Threshold, Some(90.0), true),
            "Full points from 90 %"
        );
        assert_eq!(
            rule_words(Lang::En, ScoringRule::Proportional, None, true),
            "Rate × points"
        );
    }

    #[test]
    fn every_reason_an_indicator_is_out_has_its_words() {
        let vi = |e| exclusion_key(e).text(Lang::Vi);
        assert_eq!(vi(ScoreExclusion::NoData), "không có dữ liệu");
        assert_eq!(
            vi(ScoreExclusion::NotApplicable),
            "không áp dụng cho loại đơn vị này"
        );
        assert_eq!(vi(ScoreExclusion::NoTarget), "chưa có chỉ tiêu");
        assert_eq!(vi(ScoreExclusion::NothingReported), "đơn vị chưa báo cáo");
        assert_eq!(
            exclusion_key(ScoreExclusion::NotApplicable).text(Lang::En),
            "not applicable to this kind of unit"
        );
        assert_eq!(
            no_data_key(NoDataRule::Exclude).text(Lang::Vi),
            "không tính"
        );
        assert_eq!(no_data_key(NoDataRule::Full).text(Lang::Vi), "đủ điểm");
        assert_eq!(no_data_key(NoDataRule::Zero).text(Lang::Vi), "0 điểm");
    }

    #[test]
    fn what_it_takes_names_the_dossiers_and_the_goal() {
        assert_eq!(
            shortfall_words(Lang::Vi, 20, 80.0, ShortfallGoal::Threshold, true),
            "cần thêm 20 hồ sơ để đạt ngưỡng 80 %"
        );
        assert_eq!(
            shortfall_words(Lang::Vi, 1234, 45.0, ShortfallGoal::Milestone, true),
            "cần thêm 1.234 hồ sơ để đạt mốc 45 % (lũy kế từ đầu năm)"
        );
        assert_eq!(
            shortfall_words(Lang::En, 3, 37.5, ShortfallGoal::Milestone, true),
            "3 more dossiers to reach the 37,5 % milestone (year to date)"
        );
    }

    #[test]
    fn the_change_since_the_previous_period_shows_places_and_points() {
        let up = Delta::of(Some(3), Some(5), Some(83.18), Some(81.93)).unwrap();
        assert_eq!(up.text(), "↑2 · +1,25");
        assert_eq!(up.trend(), Trend::Up);
        assert_eq!(
            up.words(Lang::Vi),
            "So với kỳ trước: lên 2 hạng, điểm +1,25"
        );
        let down = Delta::of(Some(7), Some(4), Some(70.0), Some(70.4)).unwrap();
        assert_eq!(down.text(), "↓3 · -0,40");
        assert_eq!(down.trend(), Trend::Down);
        assert_eq!(
            down.words(Lang::En),
            "Against the previous period: down 3 places, score -0,40"
        );
        let same = Delta::of(Some(2), Some(2), Some(90.0), Some(90.0)).unwrap();
        assert_eq!(same.text(), "= · ±0,00");
        assert_eq!(same.trend(), Trend::Same);
        // Unranked before (no score then): only the score change, if any.
        let new = Delta::of(Some(1), None, Some(90.0), Some(88.5)).unwrap();
        assert_eq!(new.text(), "+1,50");
    }

    #[test]
    fn nothing_is_shown_without_a_previous_period_or_a_score() {
        assert_eq!(Delta::of(Some(1), None, Some(90.0), None), None);
        assert_eq!(Delta::of(None, Some(2), None, Some(80.0)), None);
        assert_eq!(Delta::of(None, None, None, None), None);
    }

    #[test]
    fn the_total_is_written_as_its_sum() {
        assert_eq!(
            total_words(Lang::Vi, 73.2, 88.0, Some(83.18)),
            "Tổng: 73,20 / 88 điểm → điểm = 100 × 73,20 / 88 = 83,18"
        );
        assert_eq!(
            total_words(Lang::Vi, 0.0, 88.0, None),
            "Đơn vị chưa báo cáo số liệu nào trong kỳ nên chưa có điểm."
        );
        assert_eq!(points_of(Lang::Vi, Some(5.4), 6.0), "5,40 / 6 điểm");
        assert_eq!(points_of(Lang::En, None, 2.0), "– / 2 points");
    }

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(signed(1.25), "+1,25");
        assert_eq!(signed(-0.4), "-0,40");
        assert_eq!(signed(-0.001), "±0,00");
        assert_eq!(percentage_points(Lang::Vi, 2.0), "+2,00 điểm %");
        assert_eq!(format_level(88.0), "88");
        assert_eq!(format_level(1234.5), "1.234,5");
    }

    #[test]
    fn indicators_are_grouped_in_catalogue_order() {
        let order = vec!["CKMB".to_owned(), "TDGQ".to_owned(), "MDHL".to_owned()];
        let items = vec![("A", "TDGQ"), ("B", "CKMB"), ("C", "X"), ("D", "CKMB")];
        let grouped = in_groups(&order, items, |i| i.1);
        let names: Vec<(&str, Vec<&str>)> = grouped
            .iter()
            .map(|(g, l)| (g.as_str(), l.iter().map(|i| i.0).collect()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("CKMB", vec!["B", "D"]),
                ("TDGQ", vec!["A"]),
                ("X", vec!["C"])
            ]
        );
    }
}
