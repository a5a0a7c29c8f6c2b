//! A limit async-graphql lacks: the number of aliases in one document. Aliases let one
//! request ask for the same expensive field many times under different names, which depth
//! and complexity limits alone do not stop when each copy is cheap to count.

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerResult, Variables};
use std::sync::Arc;

/// Refuses documents with more than `max` aliases, with `extensions.code = VALIDATION`.
pub struct AliasLimit {
    /// The most aliases allowed.
    pub max: usize,
}

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimitExtension { max: self.max })
    }
}

struct AliasLimitExtension {
    max: usize,
}

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let aliases = count_aliases(&document);
        if aliases > self.max {
            return Err(super::error::over_limit(
                format!(
                    "the document uses {aliases} aliases; at most {} are allowed",
                    self.max
                ),
                &[],
            ));
        }
        Ok(document)
    }
}

/// Aliases written in the document's operations and fragments.
pub fn count_aliases(document: &ExecutableDocument) -> usize {
    let in_operations: usize = document
        .operations
        .iter()
        .map(|(_, op)| in_set(&op.node.selection_set.node))
        .sum();
    let in_fragments: usize = document
        .fragments
        .values()
        .map(|f| in_set(&f.node.selection_set.node))
        .sum();
    in_operations + in_fragments
}

fn in_set(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(f) => {
                usize::from(f.node.alias.is_some()) + in_set(&f.node.selection_set.node)
            }
            Selection::InlineFragment(f) => in_set(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Whether a document asks only for the schema (`__schema`, `__type`, `__typename` at the
/// root of every operation): such a document is answered with the deeper limit of
/// standard introspection queries. Anything unparsable is not.
pub fn is_introspection_only(query: &str) -> bool {
    if !query.contains("__schema") && !query.contains("__type") {
        return false;
    }
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let mut operations = document.operations.iter().peekable();
    operations.peek().is_some()
        && operations.all(|(_, op)| root_is_introspection(&op.node.selection_set.node, &document))
}

fn root_is_introspection(set: &SelectionSet, document: &ExecutableDocument) -> bool {
    set.items.iter().all(|item| match &item.node {
        Selection::Field(f) => matches!(
            f.node.name.node.as_str(),
            "__schema" | "__type" | "__typename"
        ),
        Selection::InlineFragment(f) => root_is_introspection(&f.node.selection_set.node, document),
        // A spread at the root names a fragment on Query; fragments cannot spread into
        // themselves (the validator refuses cycles), but a bad document may: refuse those.
        Selection::FragmentSpread(spread) => document
            .fragments
            .get(&spread.node.fragment_name.node)
            .is_some_and(|f| {
                f.node
                    .selection_set
                    .node
                    .items
                    .iter()
                    .all(|i| matches!(&i.node, Selection::Field(f) if f.node.name.node.starts_with("__")))
            }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_asking_for_the_schema_alone_are_introspection() {
        assert!(is_introspection_only(
            "query IntrospectionQuery { __schema { types { name } } }"
        ));
        assert!(is_introspection_only(
            "{ __type(name: \"Unit\") { name } __typename }"
        ));
        assert!(!is_introspection_only(
            "{ __schema { types { name } } me { id } }"
        ));
        assert!(!is_introspection_only("{ me { id } }"));
        assert!(!is_introspection_only("{ units { __typename } }"));
        assert!(!is_introspection_only("{ __schema "));
        assert!(!is_introspection_only(
            "query A { __schema { types { name } } } query B { me { id } }"
        ));
    }

    fn count(q: &str) -> usize {
        let doc = async_graphql::parser::parse_query(q).expect("parses");
        count_aliases(&doc)
    }

    #[test]
    fn aliases_are_counted_in_operations_inline_fragments_and_fragments() {
        assert_eq!(count("{ me { id } }"), 0);
        assert_eq!(count("{ a: me { id } b: me { x: id } }"), 3);
        assert_eq!(
            count("{ ... on Query { a: me { id } } ...F } fragment F on Query { b: me { id } }"),
            2
        );
    }
}
