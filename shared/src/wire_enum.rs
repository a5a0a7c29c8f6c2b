//! `wire_enum!`: the one declaration of an enum that travels as its SCREAMING_SNAKE_CASE
//! code (in JSON, in the database, in `extensions.code`): serde and strum derives that
//! agree on the spelling, `VARIANTS`, and `as_str`. Extra derives and attributes (an
//! async-graphql `Enum` behind the `graphql` feature, say) are written above it.
//! `stored_enum!` is a wire enum that is also a column: behind the `db` feature, a sea-orm
//! active enum stored as the same text.

/// Declares a wire enum; see the module documentation.
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray,
        )]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        #[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// The stored and wire form, e.g. `"NOT_FOUND"`, `"ON_TRACK"`.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

/// Declares a wire enum stored in a text column; see the module documentation. sea-orm
/// iterates an active enum with its own strum, so `Iterable` walks `VARIANTS` here instead
/// of a second `EnumIter` derive.
macro_rules! stored_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        wire_enum!(
            $(#[$meta])*
            #[cfg_attr(feature = "db", derive(sea_orm::DeriveActiveEnum))]
            #[cfg_attr(feature = "db", sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::None)",
                rename_all = "SCREAMING_SNAKE_CASE"
            ))]
            pub enum $name { $($(#[$vmeta])* $variant),* }
        );

        #[cfg(feature = "db")]
        impl sea_orm::Iterable for $name {
            type Iterator = std::iter::Copied<std::slice::Iter<'static, $name>>;
            fn iter() -> Self::Iterator {
                <$name as strum::VariantArray>::VARIANTS.iter().copied()
            }
        }
    };
}

#[cfg(all(test, feature = "db"))]
mod tests {
    use crate::*;
    use sea_orm::{ActiveEnum, Iterable};

    /// Every variant is stored as its `as_str()` text and read back from it; any other text
    /// is an error, never a default.
    macro_rules! assert_stored_as_wire_text {
        ($($name:ty),* $(,)?) => {$(
            let variants: Vec<$name> = <$name as strum::IntoEnumIterator>::iter().collect();
            assert_eq!(<$name as Iterable>::iter().collect::<Vec<_>>(), variants);
            for v in variants {
                assert_eq!(v.to_value(), v.as_str(), "{}::{v:?}", stringify!($name));
                assert_eq!(<$name>::try_from_value(&v.as_str().to_owned()).ok(), Some(v));
            }
            assert!(<$name>::try_from_value(&"NOT_A_VARIANT".to_owned()).is_err());
        )*};
    }

    #[test]
    fn stored_enums_keep_their_wire_text() {
        assert_stored_as_wire_text!(
            UnitKind,
            ReorgKind,
            Direction,
            IndicatorKind,
            ScoringRule,
            NoDataRule,
            Grain,
            PeriodKind,
            ReportStatus,
            ViolationKind,
            Handling,
            Role,
            TodoKind,
            Channel,
            DeliveryStatus,
        );
    }
}
