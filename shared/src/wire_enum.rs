//! `wire_enum!`: the one declaration of an enum that travels as its SCREAMING_SNAKE_CASE
//! code (in JSON, in the database, in `extensions.code`): serde and strum derives that
//! agree on the spelling, `VARIANTS`, and `as_str`. Extra derives and attributes (an
//! async-graphql `Enum` behind the `graphql` feature, say) are written above it.

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
