//! A nested `unit { … }` asking only for the unit's own scalars (`id`, `code`, `name`,
//! `kind`, `active`), answered straight from the loaded unit: a national scoreboard has one
//! per row.

use super::plan;
use crate::domain::model::Unit;
use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, Name, Positioned, ScalarType, Value};

/// What one selected scalar of a `Unit` reads.
#[derive(Clone, Copy)]
enum Leaf {
    Typename,
    Id,
    Code,
    Name,
    Kind,
    Active,
}

fn leaf(field: &Positioned<Field>) -> Option<Leaf> {
    Some(match field.node.name.node.as_str() {
        "__typename" => Leaf::Typename,
        "id" => Leaf::Id,
        "code" => Leaf::Code,
        "name" => Leaf::Name,
        "kind" => Leaf::Kind,
        "active" => Leaf::Active,
        _ => return None,
    })
}

/// The plan of a `unit` selection made only of the unit's scalars.
pub(super) struct UnitScalars(Vec<(Name, Leaf)>);

impl UnitScalars {
    /// The plan of `field`'s selection (in `ctx`, the parent's selection set), or `None`
    /// when it asks for more than scalars.
    pub(super) fn of(ctx: &ContextSelectionSet<'_>, field: &Positioned<Field>) -> Option<Self> {
        let ctx_field = ctx.with_field(field);
        let ctx_set = ctx_field.with_selection_set(&field.node.selection_set);
        plan(&ctx_set, "Unit", leaf).map(UnitScalars)
    }

    /// Fields and list items the executor would count for one unit.
    pub(super) fn cost(&self) -> usize {
        super::counted(&self.0, |l| matches!(l, Leaf::Typename))
    }

    /// The unit's answer.
    pub(super) fn answer(&self, unit: &Unit) -> Value {
        let mut object = async_graphql::indexmap::IndexMap::with_capacity(self.0.len());
        for (key, leaf) in &self.0 {
            let value = match leaf {
                Leaf::Typename => Value::String("Unit".to_owned()),
                Leaf::Id => Value::String(unit.id.to_string()),
                Leaf::Code => Value::String(unit.code.clone()),
                Leaf::Name => Value::String(unit.name.clone()),
                Leaf::Kind => async_graphql::resolver_utils::enum_value(unit.kind),
                Leaf::Active => ScalarType::to_value(&unit.active),
            };
            object.insert(key.clone(), value);
        }
        Value::Object(object)
    }
}
