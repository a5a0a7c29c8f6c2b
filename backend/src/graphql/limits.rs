//! A limit async-graphql lacks: the number of aliases in one document. Aliases let one
//! request ask for the same expensive field many times under different names, which depth
//! and complexity limits alone do not stop when each copy is cheap to count.

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerError, ServerResult, Variables};
use shared::ErrorCode;
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
            let mut err = ServerError::new(
                format!(
                    "the document uses {aliases} aliases; at most {} are allowed",
                    self.max
                ),
                None,
            );
            let mut ext = async_graphql::ErrorExtensionValues::default();
            ext.set("code", ErrorCode::Validation.as_str());
            err.extensions = Some(ext);
            return Err(err);
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

#[cfg(test)]
mod tests {
    use super::*;

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
