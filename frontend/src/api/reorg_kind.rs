//! The kind of a reorganisation of the unit tree (`enum ReorgKind` in `schema.graphql`), as
//! the operations read and write it.

use serde::{Deserialize, Serialize};

/// What a reorganisation did to the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReorgKind {
    /// Several units became one (an existing one or a new one).
    Merge,
    /// A unit moved under another parent.
    Move,
    /// A unit's code, name or kind changed.
    Rename,
    /// A unit was abolished.
    Close,
}

impl ReorgKind {
    /// Every kind, in the order the admin form offers them.
    pub const ALL: [ReorgKind; 4] = [
        ReorgKind::Merge,
        ReorgKind::Move,
        ReorgKind::Rename,
        ReorgKind::Close,
    ];

    /// The value as the API writes it (`MERGE`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReorgKind::Merge => "MERGE",
            ReorgKind::Move => "MOVE",
            ReorgKind::Rename => "RENAME",
            ReorgKind::Close => "CLOSE",
        }
    }
}

impl std::str::FromStr for ReorgKind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReorgKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_and_write_as_the_api_spells_them() {
        for k in ReorgKind::ALL {
            assert_eq!(k.as_str().parse::<ReorgKind>(), Ok(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        assert!("SPLIT".parse::<ReorgKind>().is_err());
    }
}
