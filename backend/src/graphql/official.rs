//! `OfficialFigure`: the portal's figure for a result's unit, indicator and period, beside
//! ours, with the difference and its flag.

use crate::domain::official::compare_result;
use crate::domain::results::Evaluation;
use crate::service::official::Official;
use async_graphql::Object;
use chrono::{DateTime, Utc};

/// The portal's figure with our value and points to compare with.
pub struct OfficialFigure {
    pub official: Official,
    /// Our result for the same unit, indicator and period.
    pub ours: Evaluation,
}

fn to_i32(v: Option<i64>) -> Option<i32> {
    v.map(|x| i32::try_from(x).unwrap_or(i32::MAX))
}

#[Object]
impl OfficialFigure {
    /// Summed over the period's imported months.
    async fn numerator(&self) -> Option<i32> {
        to_i32(self.official.figure.numerator)
    }
    async fn denominator(&self) -> Option<i32> {
        to_i32(self.official.figure.denominator)
    }
    /// The official rate in percent: the ratio of the sums.
    async fn value(&self) -> Option<f64> {
        self.official.figure.value
    }
    /// The portal's score: the file's for a month, the indicator's rule applied to the
    /// official rate for a longer period.
    async fn score(&self) -> Option<f64> {
        self.official.figure.score
    }
    async fn max_score(&self) -> Option<f64> {
        self.official.figure.max_score
    }
    /// The file it came from: its name and SHA-256.
    async fn source(&self) -> &str {
        &self.official.source
    }
    async fn imported_at(&self) -> DateTime<Utc> {
        self.official.imported_at
    }
    /// Our rate minus the official one, in percentage points.
    async fn value_difference(&self) -> Option<f64> {
        self.comparison().value_difference
    }
    /// Our points minus the official score.
    async fn score_difference(&self) -> Option<f64> {
        self.comparison().score_difference
    }
    /// The rates differ by more than 0.5 percentage points or the scores by more than 0.5
    /// points (or only one side has a figure).
    async fn differs(&self) -> bool {
        self.comparison().differs
    }
}

impl OfficialFigure {
    fn comparison(&self) -> crate::domain::official::Comparison {
        compare_result(&self.ours, &self.official.figure)
    }
}
