//! Requests that repeat one field of a typed operation under aliases (`m1`, `m2`, … or `r0`,
//! `r1`, …) to fetch several months or units at once. The document is derived from the
//! checked document of the operation: its fragments and its field, with the alias and the
//! renamed variables, so the answer of each alias has that operation's type.

use crate::api::ops::{month_results, review_month};
use crate::api::{ApiError, post};
use crate::state::Session;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::PeriodKind;
use std::collections::{BTreeMap, HashMap};

/// A request body built here (the shape of a `QueryBody` with an owned document).
#[derive(Serialize)]
struct Body<V> {
    query: String,
    variables: V,
}

/// The variables of [`monthly_results_query`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MonthsVariables {
    year: i32,
    unit_ids: Vec<String>,
}

/// The variables of [`children_reports_query`]: `$u0`, `$u1`, … are the units.
#[derive(Serialize)]
struct ReportsVariables<'a> {
    year: i32,
    month: u32,
    #[serde(flatten)]
    units: HashMap<String, &'a str>,
}

/// The line of `document` that asks for `field` (with arguments or not).
fn field_line<'a>(document: &'a str, field: &str) -> &'a str {
    document
        .lines()
        .map(str::trim)
        .find(|l| {
            l.strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('(') || rest.starts_with(" {"))
        })
        .unwrap_or_default()
}

/// The fragment definitions of `document` (everything from its first `fragment`).
fn fragments(document: &str) -> &str {
    document.find("\nfragment ").map_or("", |i| &document[i..])
}

/// `header { fields } fragments`: a query whose fields are `count` copies of `line`, each
/// made by `alias(i, line)`.
fn aliased(
    header: &str,
    count: usize,
    line: &str,
    document: &str,
    alias: impl Fn(usize, &str) -> String,
) -> String {
    let fields: Vec<String> = (0..count).map(|i| alias(i, line)).collect();
    format!(
        "{header} {{\n  {}\n}}\n{}",
        fields.join("\n  "),
        fragments(document)
    )
}

/// The results of months `1..=months` of `year` (`kind` `MONTH`: each month alone, `YTD`:
/// January through the month), aliased `m1`, `m2`, …, with the indicator catalogue.
pub fn monthly_results_query(kind: PeriodKind, months: u32) -> String {
    let document = month_results::QUERY;
    let results = field_line(document, "indicatorResults");
    let catalogue = field_line(document, "indicators");
    let mut query = aliased(
        "query MonthlyResults($year: Int!, $unitIds: [ID!])",
        months.min(12) as usize,
        results,
        document,
        |i, line| {
            format!("m{}: {line}", i + 1)
                .replace("$kind", kind.as_str())
                .replace("$index", &(i + 1).to_string())
        },
    );
    query = query.replacen(" {\n", &format!(" {{\n  {catalogue}\n"), 1);
    query
}

/// The answer of [`monthly_results_query`]: the catalogue and `m1`… by month.
#[derive(Clone, serde::Deserialize)]
pub struct MonthlyResultsData {
    /// The indicator catalogue.
    pub indicators: Vec<month_results::GroupedIndicator>,
    /// `m1`, `m2`, …: the results of each month.
    #[serde(flatten)]
    pub months: BTreeMap<String, Vec<month_results::MonthResult>>,
}

impl MonthlyResultsData {
    /// The result of `code` in month `k`, if any.
    pub fn result(&self, k: u32, code: &str) -> Option<&month_results::MonthResult> {
        self.months
            .get(&format!("m{k}"))
            .and_then(|rs| rs.iter().find(|r| r.indicator.code == code))
    }

    /// The value of `code` in month `k`, if any.
    pub fn value(&self, k: u32, code: &str) -> Option<f64> {
        self.result(k, code).and_then(|r| r.value)
    }

    /// The milestone in force in month `k` for `code`, if it has a target.
    pub fn milestone(&self, k: u32, code: &str) -> Option<f64> {
        self.result(k, code).and_then(|r| r.milestone)
    }
}

/// Asks for the results of months `1..=months` of `year` of the units `unit_ids`.
pub async fn month_results(
    session: Session,
    kind: PeriodKind,
    year: i32,
    months: u32,
    unit_ids: Vec<String>,
) -> Result<MonthlyResultsData, ApiError> {
    let body = Body {
        query: monthly_results_query(kind, months),
        variables: MonthsVariables { year, unit_ids },
    };
    post(session, &body).await
}

/// The reports (with their reviews) of `count` units of a month, aliased `r0`, `r1`, … with the units as `$u0`,
/// `$u1`, …
pub fn children_reports_query(count: usize) -> String {
    let document = review_month::QUERY;
    let mut header = String::from("query ChildrenReports($year: Int!, $month: Int!");
    for i in 0..count {
        header.push_str(&format!(", $u{i}: ID!"));
    }
    header.push(')');
    aliased(
        &header,
        count,
        field_line(document, "monthlyReport"),
        document,
        |i, line| format!("r{i}: {line}").replace("$unitId", &format!("$u{i}")),
    )
}

/// The reports of `units` for a month, by unit index (`r0` is `units[0]`'s).
pub async fn children_reports<T: DeserializeOwned>(
    session: Session,
    units: &[String],
    year: i32,
    month: u32,
) -> Result<HashMap<String, T>, ApiError> {
    let units_by_alias = units
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("u{i}"), id.as_str()))
        .collect();
    let body = Body {
        query: children_reports_query(units.len()),
        variables: ReportsVariables {
            year,
            month,
            units: units_by_alias,
        },
    };
    post(session, &body).await
}

/// The variables of [`unit_months_query`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UnitMonthsVariables<'a> {
    unit_id: &'a str,
    year: i32,
}

/// The reports (with their reviews) of one unit for months `1..=months` of a year, aliased `m1`, `m2`, …
pub fn unit_months_query(months: u32) -> String {
    let document = review_month::QUERY;
    aliased(
        "query UnitMonths($unitId: ID!, $year: Int!)",
        months.min(12) as usize,
        field_line(document, "monthlyReport"),
        document,
        |i, line| format!("m{}: {line}", i + 1).replace("$month", &(i + 1).to_string()),
    )
}

/// The reports of a unit for months `1..=months` of `year`, by alias (`m1` is January's).
pub async fn unit_months<T: DeserializeOwned>(
    session: Session,
    unit_id: &str,
    year: i32,
    months: u32,
) -> Result<HashMap<String, T>, ApiError> {
    if months == 0 {
        return Ok(HashMap::new());
    }
    let body = Body {
        query: unit_months_query(months),
        variables: UnitMonthsVariables { unit_id, year },
    };
    post(session, &body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_reports_query_aliases_one_field_per_unit() {
        let q = children_reports_query(2);
        assert!(
            q.starts_with("query ChildrenReports($year: Int!, $month: Int!, $u0: ID!, $u1: ID!)")
        );
        assert!(q.contains("r0: monthlyReport(unitId: $u0"));
        assert!(q.contains("r1: monthlyReport(unitId: $u1"));
        assert!(!q.contains("r2:"));
    }

    #[test]
    fn unit_months_query_aliases_one_field_per_month() {
        let q = unit_months_query(3);
        assert!(q.starts_with("query UnitMonths($unitId: ID!, $year: Int!)"));
        assert!(q.contains("m1: monthlyReport(unitId: $unitId, year: $year, month: 1)"));
        assert!(q.contains("m3: monthlyReport(unitId: $unitId, year: $year, month: 3)"));
        assert!(!q.contains("m4:") && !q.contains("$month"));
        assert!(q.contains("\nfragment ReviewedReport on MonthlyReport"));
        assert_eq!(q.matches('{').count(), q.matches('}').count());
    }

    #[test]
    fn monthly_results_query_aliases_one_field_per_month() {
        let q = monthly_results_query(PeriodKind::Ytd, 3);
        assert!(q.contains("m1: indicatorResults(period: {year: $year, kind: YTD, index: 1}"));
        assert!(q.contains("m3: indicatorResults"));
        assert!(!q.contains("m4:"));
        assert_eq!(q.matches('{').count(), q.matches('}').count());
        let data: MonthlyResultsData = serde_json::from_str(
            r#"{"indicators":[{"code":"A","name":"a","group":"G","kind":"RATE","active":true}],
                "m1":[{"indicator":{"code":"A"},"value":12.5,"target":80.0,"milestone":20.0,"status":"ON_TRACK"}],"m2":[]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.value(1, "A"), Some(12.5));
        assert_eq!(data.value(2, "A"), None);
        assert_eq!(data.milestone(1, "A"), Some(20.0));
    }

    #[test]
    fn the_monthly_results_query_asks_for_the_catalogue_once_and_every_fragment() {
        let q = monthly_results_query(PeriodKind::Month, 2);
        assert_eq!(
            q.matches("indicators { ...GroupedIndicator }").count(),
            1,
            "{q}"
        );
        assert!(
            q.contains("\nfragment GroupedIndicator on Indicator"),
            "{q}"
        );
        assert!(
            q.contains("\nfragment MonthResult on IndicatorResult"),
            "{q}"
        );
    }
}
