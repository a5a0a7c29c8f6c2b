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
