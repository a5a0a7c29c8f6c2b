//! Text with a NUL character is refused before a request runs: no name, code or comment of
//! the product contains one, PostgreSQL cannot store one, and refusing it at the door gives
//! the same answer on both databases.

use async_graphql::Value;

/// Where a request carries a NUL: `query` (the document, raw or as a `\u0000` escape) or
/// `variables.<path>`; `None` when it carries none.
pub fn find_nul(request: &async_graphql::Request) -> Option<String> {
    let q = &request.query;
    if q.contains('\0') || q.contains("\\u0000") || q.contains("\\u{0}") {
        return Some("query".into());
    }
    request
        .variables
        .iter()
        .find_map(|(name, value)| in_value(value, &format!("variables.{name}")))
}

fn in_value(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(s) if s.contains('\0') => Some(path.to_owned()),
        Value::Enum(name) if name.as_str().contains('\0') => Some(path.to_owned()),
        Value::List(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| in_value(v, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(path.to_owned())
            } else {
                in_value(v, &format!("{path}.{k}"))
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::find_nul;
    use async_graphql::{Request, Variables};
    use serde_json::json;

    fn with_vars(query: &str, vars: serde_json::Value) -> Request {
        Request::new(query).variables(Variables::from_json(vars))
    }

    #[test]
    fn clean_requests_pass() {
        let r = with_vars(
            "query($c: String) { unit(code: $c) { id } }",
            json!({"c": "Xã An Phú", "v": [{"measureCode": "RECEIVED", "value": 3}]}),
        );
        assert_eq!(find_nul(&r), None);
    }

    #[test]
    fn a_nul_is_found_in_nested_variables_with_its_path() {
        let r = with_vars(
            "mutation($v: [MeasureValueInput!]!) { x }",
            json!({"v": [{"measureCode": "RECEIVED"}, {"measureCode": "A\u{0}B"}]}),
        );
        assert_eq!(find_nul(&r).as_deref(), Some("variables.v[1].measureCode"));
    }

    #[test]
    fn a_nul_in_the_document_is_found_raw_or_escaped() {
        for q in [
            "{ unit(code: \"C\u{0}\") { id } }",
            "{ unit(code: \"C\\u0000\") { id } }",
        ] {
            assert_eq!(find_nul(&Request::new(q)).as_deref(), Some("query"), "{q}");
        }
    }
}
