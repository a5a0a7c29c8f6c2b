//! Every GraphQL document the app sends is checked against the exported `schema.graphql`:
//! each field exists on its type, each argument exists, required arguments are given, and
//! variables are declared with a type the argument accepts. A misspelled field fails
//! `cargo test` instead of a page in the browser.

use async_graphql_parser::types::{
    BaseType, DocumentOperations, OperationType, Selection, SelectionSet, Type, TypeKind,
    TypeSystemDefinition,
};
use std::collections::HashMap;

struct FieldInfo {
    ty: String,
    /// name → (type as written, required: non-null without default)
    args: HashMap<String, (String, bool)>,
}

struct Schema {
    objects: HashMap<String, HashMap<String, FieldInfo>>,
    named: Vec<String>,
}

fn base_name(t: &Type) -> String {
    match &t.base {
        BaseType::Named(n) => n.to_string(),
        BaseType::List(inner) => base_name(inner),
    }
}

fn load_schema() -> Schema {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let sdl = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let doc =
        async_graphql_parser::parse_schema(&sdl).unwrap_or_else(|e| panic!("parse schema: {e}"));
    let mut objects = HashMap::new();
    let mut named = vec!["Int", "Float", "String", "Boolean", "ID"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    for def in doc.definitions {
        if let TypeSystemDefinition::Type(t) = def {
            let t = t.node;
            named.push(t.name.node.to_string());
            if let TypeKind::Object(o) = t.kind {
                let fields = o
                    .fields
                    .into_iter()
                    .map(|f| {
                        let f = f.node;
                        let args = f
                            .arguments
                            .into_iter()
                            .map(|a| {
                                let a = a.node;
                                let required = !a.ty.node.nullable && a.default_value.is_none();
                                (a.name.node.to_string(), (a.ty.node.to_string(), required))
                            })
                            .collect();
                        (
                            f.name.node.to_string(),
                            FieldInfo {
                                ty: base_name(&f.ty.node),
                                args,
                            },
                        )
                    })
                    .collect();
                objects.insert(t.name.node.to_string(), fields);
            }
        }
    }
    Schema { objects, named }
}

/// A variable of type `var` may be passed to an argument of type `arg`.
fn accepts(arg: &str, var: &str) -> bool {
    arg == var || format!("{arg}!") == var
}

fn check_selection(
    schema: &Schema,
    type_name: &str,
    set: &SelectionSet,
    vars: &HashMap<String, String>,
    errors: &mut Vec<String>,
) {
    let Some(fields) = schema.objects.get(type_name) else {
        if !set.items.is_empty() {
            errors.push(format!(
                "{type_name} is not an object type but has a selection"
            ));
        }
        return;
    };
    if set.items.is_empty() {
        errors.push(format!("object {type_name} selected without fields"));
    }
    for item in &set.items {
        let Selection::Field(field) = &item.node else {
            errors.push("fragments are not used by the app".to_owned());
            continue;
        };
        let field = &field.node;
        let name = field.name.node.as_str();
        if name == "__typename" {
            continue;
        }
        let Some(info) = fields.get(name) else {
            errors.push(format!("{type_name}.{name} does not exist"));
            continue;
        };
        for (arg, value) in &field.arguments {
            match info.args.get(arg.node.as_str()) {
                None => errors.push(format!("{type_name}.{name}({}) does not exist", arg.node)),
                Some((arg_ty, _)) => {
                    if let async_graphql_value::Value::Variable(v) = &value.node {
                        match vars.get(v.as_str()) {
                            None => errors.push(format!("${v} is not declared")),
                            Some(var_ty) if !accepts(arg_ty, var_ty) => errors.push(format!(
                                "{type_name}.{name}({}): ${v} is {var_ty}, the argument is {arg_ty}",
                                arg.node
                            )),
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        for (arg, (_, required)) in &info.args {
            if *required && !field.arguments.iter().any(|(a, _)| a.node.as_str() == arg) {
                errors.push(format!(
                    "{type_name}.{name} misses the required argument {arg}"
                ));
            }
        }
        check_selection(schema, &info.ty, &field.selection_set.node, vars, errors);
    }
}

fn check_document(schema: &Schema, doc: &str) -> Vec<String> {
    let parsed = match async_graphql_parser::parse_query(doc) {
        Ok(d) => d,
        Err(e) => return vec![format!("does not parse: {e}")],
    };
    let mut errors = Vec::new();
    let ops: Vec<_> = match &parsed.operations {
        DocumentOperations::Single(op) => vec![op],
        DocumentOperations::Multiple(map) => map.values().collect(),
    };
    for op in ops {
        let op = &op.node;
        let root = match op.ty {
            OperationType::Query => "Query",
            OperationType::Mutation => "Mutation",
            OperationType::Subscription => "Subscription",
        };
        let mut vars = HashMap::new();
        for v in &op.variable_definitions {
            let v = &v.node;
            let ty = &v.var_type.node;
            if !schema.named.contains(&base_name(ty)) {
                errors.push(format!("${} has an unknown type {ty}", v.name.node));
            }
            vars.insert(v.name.node.to_string(), ty.to_string());
        }
        check_selection(schema, root, &op.selection_set.node, &vars, &mut errors);
    }
    errors
}

#[test]
fn every_document_of_the_app_matches_the_schema() {
    let schema = load_schema();
    let mut docs: Vec<String> = frontend::api::queries::ALL
        .iter()
        .map(|d| (*d).to_owned())
        .collect();
    docs.push(frontend::api::queries::children_reports_query(3));
    docs.push(frontend::api::queries::import_figures());
    docs.push(frontend::api::queries::import_targets());
    docs.push(frontend::api::queries::monthly_results_query(
        shared::PeriodKind::Month,
        12,
    ));
    docs.push(frontend::api::queries::monthly_results_query(
        shared::PeriodKind::Ytd,
        2,
    ));
    let mut failures = Vec::new();
    for doc in &docs {
        for e in check_document(&schema, doc) {
            failures.push(format!(
                "{e}\n  in: {}",
                doc.lines().next().unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checker_catches_a_misspelled_field_and_a_missing_argument() {
    let schema = load_schema();
    let errors = check_document(
        &schema,
        "query { me { id usernam } unit { id } monthlyReport(unitId: \"1\") { status } }",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("User.usernam does not exist")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("misses the required argument year")),
        "{errors:?}"
    );
}
