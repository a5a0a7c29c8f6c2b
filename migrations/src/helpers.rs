//! Small builders shared by the migrations: tables created if missing, the usual columns,
//! composite primary keys, foreign keys and indexes named consistently. Each builds exactly
//! the statement the migrations spelled out before, so the schema does not change.

use sea_orm_migration::prelude::*;

/// The `MigrationTrait` of a migration that creates tables (parents first), then indexes,
/// and drops the tables again children first (in the reverse order) on the way down.
///
/// A table is written `name { column kind [modifier], … } [key(columns…)]
/// [refs(column -> target, …)];`, where `kind` is a `sea_orm_migration::schema` function
/// and `refs` are foreign keys to the target's `id`. An index is `index table[columns…];`
/// or `unique table[columns…];`; `also [statements…]` adds indexes spelled out in full.
macro_rules! create_tables_migration {
    (@unique index) => {
        false
    };
    (@unique unique) => {
        true
    };
    (
        tables {
            $($table:ident { $($col:ident $kind:ident $($modifier:ident)?),+ $(,)? }
                $(key($($key:ident),+))?
                $(refs($($from:ident -> $to:ident),+))?;)+
        }
        indexes {
            $($ix_kind:ident $ix_table:ident [$($ix_col:ident),+];)*
        }
        $(also [$($also:expr),+ $(,)?])?
    ) => {
        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                use sea_orm_migration::schema;
                let tables = vec![$(
                    $crate::helpers::table(stringify!($table))
                        $(.col(schema::$kind(stringify!($col))$(.$modifier())?))+
                        $(.primary_key(&mut $crate::helpers::primary_key(
                            &[$(stringify!($key)),+],
                        )))?
                        $($(.foreign_key(&mut $crate::helpers::fk(
                            stringify!($table),
                            stringify!($from),
                            stringify!($to),
                        )))+)?
                        .to_owned()
                ),+];
                $crate::helpers::create_tables(manager, tables).await?;
                let indexes: Vec<IndexCreateStatement> = vec![
                    $($crate::helpers::index(
                        stringify!($ix_table),
                        &[$(stringify!($ix_col)),+],
                        create_tables_migration!(@unique $ix_kind),
                    ),)*
                    $($($also),+)?
                ];
                $crate::helpers::create_indexes(manager, indexes).await
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                let mut tables = [$(stringify!($table)),+];
                tables.reverse();
                $crate::helpers::drop_tables(manager, &tables).await
            }
        }
    };
}
pub(crate) use create_tables_migration;

/// `CREATE TABLE IF NOT EXISTS name`, to add columns to.
pub fn table(name: &'static str) -> TableCreateStatement {
    Table::create().table(name).if_not_exists().to_owned()
}

/// Creates the tables, one statement each, in order.
pub async fn create_tables(
    manager: &SchemaManager<'_>,
    tables: Vec<TableCreateStatement>,
) -> Result<(), DbErr> {
    for table in tables {
        manager.create_table(table).await?;
    }
    Ok(())
}

/// A composite primary key on `columns`, in order.
pub fn primary_key(columns: &[&'static str]) -> IndexCreateStatement {
    let mut key = Index::create();
    for column in columns {
        key.col(*column);
    }
    key
}

/// A foreign key `table.column → target.id`.
pub fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .to_owned()
}

/// A (possibly unique) index on `columns` of `table`, named after them.
pub fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table)
        .if_not_exists();
    for column in columns {
        stmt.col(*column);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

/// Creates the indexes, one statement each.
pub async fn create_indexes(
    manager: &SchemaManager<'_>,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    for ix in indexes {
        manager.create_index(ix).await?;
    }
    Ok(())
}

/// Drops tables, children first.
pub async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: &[&'static str],
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(*table).if_exists().to_owned())
            .await?;
    }
    Ok(())
}
