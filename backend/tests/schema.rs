//! The committed `schema.graphql` is the server's schema: a change to the API that was not
//! exported fails here.

#[test]
fn committed_schema_matches_the_server() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let committed = std::fs::read_to_string(path).expect("schema.graphql at the repo root");
    assert!(
        committed == backend::graphql::sdl(),
        "schema.graphql is out of date: run `cargo run -p backend -- schema > schema.graphql`"
    );
}

#[test]
fn the_schema_names_every_query_and_mutation_of_the_contract() {
    let sdl = backend::graphql::sdl();
    for field in [
        "me: User!",
        "units(",
        "unit(",
        "staff(",
        "measures:",
        "indicators(",
        "decisions(",
        "targets(",
        "monthlyReport(",
        "indicatorResults(",
        "scoreboard(",
        "publishedRankings(",
        "violations(",
        "auditLog(",
        "login(",
        "changePassword(",
        "createUnit(",
        "updateUnit(",
        "createStaff(",
        "createUser(",
        "createApiToken(",
        "revokeApiToken(",
        "createMeasure(",
        "createIndicator(",
        "updateIndicator(",
        "createDecision(",
        "setTarget(",
        "splitTarget(",
        "assignStaffTarget(",
        "saveMonthlyReport(",
        "submitMonthlyReport(",
        "approveMonthlyReport(",
        "rejectMonthlyReport(",
        "reopenMonthlyReport(",
        "recordViolation(",
        "publishRanking(",
    ] {
        assert!(sdl.contains(field), "the schema lacks {field}");
    }
    assert!(
        sdl.contains("type Query"),
        "the root query type is named Query"
    );
    assert!(
        sdl.contains("type Mutation"),
        "the root mutation type is named Mutation"
    );
}

/// The browser reads import problems into the shared enums: the schema's names must be the
/// same codes, or a problem would not deserialize.
#[test]
fn import_problem_kinds_and_reasons_have_the_shared_codes() {
    use strum::VariantArray;
    let sdl = backend::graphql::sdl();
    let values_of = |name: &str| -> Vec<String> {
        let start = sdl
            .find(&format!("enum {name} {{"))
            .unwrap_or_else(|| panic!("the schema has enum {name}"));
        let body = &sdl[start..];
        let body = &body[..body.find('}').unwrap_or(body.len())];
        body.lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            })
            .map(str::to_owned)
            .collect()
    };
    let reasons: Vec<String> = shared::ProblemReason::VARIANTS
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect();
    assert_eq!(values_of("ImportProblemReason"), reasons);
    let kinds: Vec<String> = shared::ProblemKind::VARIANTS
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    assert_eq!(values_of("ImportProblemKind"), kinds);
}

/// Types a third party reads without the source at hand: every field says what it holds.
const DESCRIBED_TYPES: [&str; 10] = [
    "Query",
    "MeasureValueRow",
    "MeasureValuePage",
    "Viewer",
    "UnitPage",
    "StaffPage",
    "TargetPage",
    "ViolationPage",
    "AuditEntryPage",
    "PublishedRankingPage",
];

#[test]
fn every_query_and_every_field_of_the_reporting_types_is_described() {
    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
    let doc = async_graphql::parser::parse_schema(backend::graphql::sdl()).expect("the SDL parses");
    let mut checked = 0;
    for definition in doc.definitions {
        let TypeSystemDefinition::Type(t) = definition else {
            continue;
        };
        let name = t.node.name.node.as_str();
        if !DESCRIBED_TYPES.contains(&name) {
            continue;
        }
        let TypeKind::Object(object) = &t.node.kind else {
            panic!("{name} is an object type");
        };
        for field in &object.fields {
            assert!(
                field.node.description.is_some(),
                "{name}.{} has no description",
                field.node.name.node
            );
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        DESCRIBED_TYPES.len(),
        "every listed type is in the schema"
    );
}
