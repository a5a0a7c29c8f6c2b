//! `object!`: a contract object that wraps a domain object, with the `From` that wraps it
//! and an `#[Object]` impl whose plain fields read the domain object and whose belongs-to
//! fields go through the request's loaders. Fields keep the order they are written in,
//! which is the order of the exported schema.
//!
//! Field groups, each ended by `;`:
//! `id: a, b;` (an `ID`), `str: a;` (`&str`), `opt_str: a;` (`Option<&str>`),
//! `copy: a: T;` (a `Copy` value), `date: a;` (a `Date`), `unit;` (the required unit of
//! `unit_id`), `one name: W = loader(column), "what";` (a required belongs-to),
//! `maybe name: W = loader(column);` (an optional one), `many name: W = loader;` (the list a
//! loader keeps under this object's id), or a whole `async fn` written out.

macro_rules! object {
    ($(#[$m:meta])* $ty:ident($model:path) { $($body:tt)* }) => {
        $(#[$m])*
        pub struct $ty(pub $model);

        impl From<$model> for $ty {
            fn from(inner: $model) -> Self {
                Self(inner)
            }
        }

        object!(@fields $ty [] $($body)*);
    };
    (@fields $ty:ident [$($out:tt)*]) => {
        #[async_graphql::Object]
        impl $ty {
            $($out)*
        }
    };
    (@fields $ty:ident [$($out:tt)*] id: $($(#[$m:meta])* $n:ident),+; $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $($(#[$m])* async fn $n(&self) -> async_graphql::ID {
            $crate::graphql::scalars::to_id(self.0.$n)
        })+] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*] str: $($(#[$m:meta])* $n:ident),+; $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $($(#[$m])* async fn $n(&self) -> &str {
            &self.0.$n
        })+] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*] opt_str: $($(#[$m:meta])* $n:ident),+; $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $($(#[$m])* async fn $n(&self) -> Option<&str> {
            self.0.$n.as_deref()
        })+] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*] copy: $($(#[$m:meta])* $n:ident: $t:ty),+; $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $($(#[$m])* async fn $n(&self) -> $t {
            self.0.$n
        })+] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*] date: $($(#[$m:meta])* $n:ident),+; $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $($(#[$m])* async fn $n(&self) -> $crate::graphql::scalars::Date {
            $crate::graphql::scalars::Date(self.0.$n)
        })+] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*] unit; $($rest:tt)*) => {
        object!(@fields $ty [$($out)*
            async fn unit(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<super::Unit> {
                super::required_unit(ctx, self.0.unit_id).await
            }
        ] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*]
        $(#[$m:meta])* one $n:ident: $w:ident = $loader:ident($col:ident), $what:literal;
        $($rest:tt)*) => {
        object!(@fields $ty [$($out)*
            $(#[$m])*
            async fn $n(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<$w> {
                $crate::graphql::loaders::loaders(ctx)?
                    .$loader
                    .load_one(self.0.$col)
                    .await?
                    .map($w::from)
                    .ok_or_else(|| super::missing($what))
            }
        ] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*]
        $(#[$m:meta])* maybe $n:ident: $w:ident = $loader:ident($col:ident); $($rest:tt)*) => {
        object!(@fields $ty [$($out)*
            $(#[$m])*
            async fn $n(&self, ctx: &async_graphql::Context<'_>)
                -> async_graphql::Result<Option<$w>> {
                match self.0.$col {
                    Some(key) => Ok($crate::graphql::loaders::loaders(ctx)?
                        .$loader
                        .load_one(key)
                        .await?
                        .map($w::from)),
                    None => Ok(None),
                }
            }
        ] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*]
        $(#[$m:meta])* many $n:ident: $w:ident = $loader:ident; $($rest:tt)*) => {
        object!(@fields $ty [$($out)*
            $(#[$m])*
            async fn $n(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<Vec<$w>> {
                Ok(super::wrap_all(
                    $crate::graphql::loaders::loaders(ctx)?.$loader.load_one(self.0.id).await?,
                    $w::from,
                ))
            }
        ] $($rest)*);
    };
    (@fields $ty:ident [$($out:tt)*]
        $(#[$m:meta])* async fn $n:ident $args:tt -> $ret:ty $body:block $($rest:tt)*) => {
        object!(@fields $ty [$($out)* $(#[$m])* async fn $n $args -> $ret $body] $($rest)*);
    };
}
