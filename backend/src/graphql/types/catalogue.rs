//! The catalogue's objects: raw measures and the indicators computed from them.

use crate::domain::model;
use shared::*;

object! {
    /// A raw monthly measure.
    Measure(model::Measure) {
        id: id;
        str: code, name, description;
        opt_str:
            /// English name; absent when the catalogue has none (show `name` then).
            name_en;
    }
}

object! {
    /// An indicator of the catalogue.
    Indicator(model::Indicator) {
        id: id;
        str: code, group, name;
        opt_str:
            /// English name; absent when the catalogue has none (show `name` then).
            name_en;
        copy: kind: IndicatorKind;
        one numerator: Measure = measures(numerator_id), "measure";
        maybe denominator: Measure = measures(denominator_id);
        copy: direction: Direction, points: f64, rule: ScoringRule, threshold: Option<f64>,
            active: bool, no_data: NoDataRule;
        /// The unit kinds it scores; empty: every kind.
        async fn applies_to(&self) -> Vec<UnitKind> {
            self.0.applies_to.clone()
        }
    }
}
