//! The demo's file of the portal's official figures (QĐ 766): the last three months of
//! every commune on every rate of the national index, as the portal would publish them —
//! mostly our own figures, with a few realistic differences (dossiers the portal did not
//! receive in sync, a procedure counted twice) so that the flag has something to show.

use crate::domain::catalogue::IndicatorDef;
use crate::domain::official::OfficialMonth;
use crate::domain::results::IndicatorSpec;
use crate::domain::rollup::round2;
use rand::Rng;
use rand::rngs::StdRng;
use shared::Direction;

/// The file's header, in the layout of QD766.md.
pub const HEADER: &str =
    "unit_code,year,month,indicator_code,numerator,denominator,score,max_score,source";

/// One month of one commune's figures, by measure code.
pub struct CommuneMonth {
    pub code: String,
    pub year: i32,
    pub month: u32,
    pub figures: Vec<(&'static str, i64)>,
}

/// The CSV text of the official figures of `months` on the `indicators` that apply to
/// communes: about one row in twenty-five differs from ours.
pub fn official_csv(
    rng: &mut StdRng,
    months: &[CommuneMonth],
    indicators: &[IndicatorDef],
) -> String {
    let mut csv = String::from(HEADER);
    csv.push('\n');
    for m in months {
        let of = |code: &str| m.figures.iter().find(|(c, _)| *c == code).map(|(_, v)| *v);
        // The portal scores a commune on what applies to communes only.
        let communes = indicators.iter().filter(|i| {
            i.applies_to.is_empty() || i.applies_to.contains(&shared::UnitKind::Commune)
        });
        for ind in communes {
            let Some(d) = ind.denominator else { continue };
            let (Some(mut numerator), Some(mut denominator)) = (of(ind.numerator), of(d)) else {
                continue;
            };
            if denominator > 0 && rng.random_bool(1.0 / 25.0) {
                // The portal missed some dossiers, or counted a few more.
                let shift = rng.random_range(1..=(denominator / 10).max(2));
                if rng.random_bool(0.7) {
                    numerator = (numerator - shift).max(0);
                } else {
                    denominator += shift;
                }
            }
            let score = portal_score(ind, numerator, denominator);
            let score = score.map(|s| round2(s).to_string()).unwrap_or_default();
            csv.push_str(&format!(
                "{},{},{},{},{numerator},{denominator},{score},{},Cổng DVCQG\n",
                m.code, m.year, m.month, ind.code, ind.points,
            ));
        }
    }
    csv
}

/// The score the portal gives one month: the indicator's rule on the rate.
fn portal_score(ind: &IndicatorDef, numerator: i64, denominator: i64) -> Option<f64> {
    let spec = IndicatorSpec {
        kind: ind.kind(),
        direction: Direction::HigherIsBetter,
        rule: ind.rule,
        threshold: ind.threshold,
        points: ind.points,
        no_data: ind.no_data,
    };
    let month = OfficialMonth {
        numerator: Some(numerator),
        denominator: Some(denominator),
        score: None,
        max_score: None,
    };
    crate::domain::official::over_period(&[month], false, &spec).and_then(|f| f.score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::qd766;
    use rand::SeedableRng;

    #[test]
    fn every_rate_of_every_commune_month_is_a_row_and_a_few_differ() {
        let mut rng = StdRng::seed_from_u64(1);
        let months: Vec<CommuneMonth> = (0..40)
            .map(|i| {
                let base = super::super::figures::figures(&mut rng, 500.0, 0.7);
                let mut figures = base.clone();
                let more =
                    super::super::figures::national_index_figures(&mut rng, &base, 0.7, true);
                figures.extend(more);
                CommuneMonth {
                    code: format!("X{i}"),
                    year: 2026,
                    month: 10,
                    figures,
                }
            })
            .collect();
        let csv = official_csv(&mut rng, &months, &qd766::INDICATORS);
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        // Two of the eighteen rates score provinces only.
        assert_eq!(rows.len(), 40 * 16);
        assert!(!csv.contains("CITIZEN_DATA"));
        let differing = months
            .iter()
            .flat_map(|m| {
                qd766::INDICATORS
                    .iter()
                    .filter(|i| i.applies_to.is_empty())
                    .map(move |i| {
                        let of = |c: &str| m.figures.iter().find(|(k, _)| *k == c).map(|(_, v)| *v);
                        format!(
                            ",{},{}",
                            of(i.numerator).unwrap_or(0),
                            of(i.denominator.unwrap_or("")).unwrap_or(0)
                        )
                    })
            })
            .zip(&rows)
            .filter(|(ours, row)| !row.contains(ours.as_str()))
            .count();
        assert!((5..=80).contains(&differing), "{differing} rows differ");
        assert!(csv.starts_with(HEADER));
    }
}
