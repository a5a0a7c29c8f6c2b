//! Small builders shared by the migrations: tables created if missing, the usual columns,
//! composite primary keys, foreign keys and indexes named consistently. Each builds exactly
//! the statement the migrations spelled out before, so the schema does not change.

use sea_orm_migration::{prelude::*, schema};

/// The `MigrationTrait` of a migration that creates the tables of its `tables()`, then the
/// indexes of its `indexes()`, and drops the tables of its `DROPPED` on the way down.
macro_rules! create_tables_migration {
    () => {
        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                $crate::helpers::create_tables(manager, tables()).await?;
                $crate::helpers::create_indexes(manager, indexes()).await
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                $crate::helpers::drop_tables(manager, DROPPED).await
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

/// The auto-incremented integer primary key `id`.
pub fn id() -> ColumnDef {
    schema::pk_auto("id")
}

/// `created_at`, a timestamp with time zone.
pub fn created_at() -> ColumnDef {
    schema::timestamp_with_time_zone("created_at")
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
