//! The catalogue as data for the national index (QĐ 766): what an indicator gives when it
//! has no data (`no_data`) and the unit kinds it scores (`applies_to`), the consistency
//! rules of the catalogue in use (`consistency_rules`, seeded with the default catalogue's
//! ten where its measures exist), the names of the indicator groups (`indicator_groups`,
//! seeded with the default catalogue's where its indicators use them), and the portal's official figures, kept apart from the
//! unit's own with the import they came from.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, index, primary_key, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The default catalogue's `(part, whole)` rules, as they stood before they were data.
const DEFAULT_RULES: [(&str, &str); 10] = [
    ("RECEIVED_ONLINE", "RECEIVED"),
    ("FULL_ONLINE", "RECEIVED"),
    ("DIGITIZED", "RECEIVED"),
    ("REUSED", "RECEIVED"),
    ("FEE_BEARING", "RECEIVED"),
    ("FULL_ONLINE", "RECEIVED_ONLINE"),
    ("PAID_ONLINE", "FEE_BEARING"),
    ("ON_TIME", "DUE"),
    ("E_RESULT", "SETTLED"),
    ("FEEDBACK_ON_TIME", "FEEDBACK"),
];

/// The default catalogue's groups: code, name, position.
const DEFAULT_GROUPS: [(&str, &str, i32); 4] = [
    ("DIGITIZATION", "Số hóa hồ sơ", 1),
    ("FULL_ONLINE", "Dịch vụ công trực tuyến toàn trình", 2),
    ("ONLINE_PAYMENT", "Thanh toán trực tuyến", 3),
    ("SETTLEMENT", "Giải quyết hồ sơ", 4),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string("no_data").default("EXCLUDE").to_owned(),
            string("applies_to").default("").to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table("indicators")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        create_tables(
            manager,
            vec![
                table("consistency_rules")
                    .col(pk_auto("id"))
                    .col(integer("part_id"))
                    .col(integer("whole_id"))
                    .foreign_key(&mut fk("consistency_rules", "part_id", "measures"))
                    .foreign_key(&mut fk("consistency_rules", "whole_id", "measures"))
                    .to_owned(),
                table("indicator_groups")
                    .col(string("code").primary_key())
                    .col(string("name"))
                    .col(integer("position"))
                    .to_owned(),
                table("official_imports")
                    .col(pk_auto("id"))
                    .col(string("file_name"))
                    .col(string("sha256"))
                    .col(integer_null("imported_by"))
                    .col(timestamp_with_time_zone("imported_at"))
                    .col(integer("rows"))
                    .foreign_key(&mut fk("official_imports", "imported_by", "users"))
                    .to_owned(),
                table("official_figures")
                    .col(integer("unit_id"))
                    .col(integer("indicator_id"))
                    .col(integer("year"))
                    .col(integer("month"))
                    .col(big_integer_null("numerator"))
                    .col(big_integer_null("denominator"))
                    .col(double_null("score"))
                    .col(double_null("max_score"))
                    .col(string_null("source"))
                    .col(integer("import_id"))
                    .primary_key(&mut primary_key(&[
                        "unit_id",
                        "indicator_id",
                        "year",
                        "month",
                    ]))
                    .foreign_key(&mut fk("official_figures", "unit_id", "units"))
                    .foreign_key(&mut fk("official_figures", "indicator_id", "indicators"))
                    .foreign_key(&mut fk("official_figures", "import_id", "official_imports"))
                    .to_owned(),
            ],
        )
        .await?;
        create_indexes(
            manager,
            vec![
                index("consistency_rules", &["part_id", "whole_id"], true),
                index("official_figures", &["year", "month"], false),
            ],
        )
        .await?;
        let pairs = DEFAULT_RULES
            .iter()
            .map(|(p, w)| format!("(p.code = '{p}' AND w.code = '{w}')"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO consistency_rules (part_id, whole_id) \
             SELECT p.id, w.id FROM measures p, measures w WHERE {pairs}"
        ))
        .await?;
        for (code, name, position) in DEFAULT_GROUPS {
            db.execute_unprepared(&format!(
                "INSERT INTO indicator_groups (code, name, position) SELECT '{code}', '{name}', \
                 {position} WHERE EXISTS (SELECT 1 FROM indicators WHERE group_code = '{code}')"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "official_figures",
                "official_imports",
                "indicator_groups",
                "consistency_rules",
            ],
        )
        .await?;
        for column in ["applies_to", "no_data"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("indicators")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
