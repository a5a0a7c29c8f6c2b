//! Follow-through: the catalogue of causes an explanation names, the explanation requests
//! (one per unit, indicator and month at most once automatically), the corrective actions
//! they propose, the evidence files attached to them (stored outside the database, named
//! by their SHA-256), the comment threads on monthly reports and targets, and the link from
//! a recorded violation back to the request it came from.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, index, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The causes an ADMIN starts with (code, name).
const CAUSES: [(&str, &str); 6] = [
    ("LOW_ONLINE", "Người dân ít nộp hồ sơ trực tuyến"),
    ("OUTAGE", "Hệ thống, đường truyền gặp sự cố"),
    ("STAFF", "Thiếu cán bộ hoặc cán bộ chưa thành thạo"),
    (
        "PROCEDURE",
        "Thủ tục chưa đủ điều kiện cung cấp trực tuyến toàn trình",
    ),
    ("DATA", "Số liệu nhập chưa đầy đủ, chưa chính xác"),
    ("OTHER", "Nguyên nhân khác"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_tables(
            manager,
            vec![
                table("explanation_causes")
                    .col(pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(boolean("active").default(true))
                    .col(integer("position").default(0))
                    .to_owned(),
                table("explanation_requests")
                    .col(pk_auto("id"))
                    .col(integer("unit_id"))
                    .col(integer("indicator_id"))
                    .col(integer("year"))
                    .col(integer("month"))
                    .col(string("status"))
                    .col(string("track_status"))
                    .col(string_null("auto_key"))
                    .col(integer_null("requested_by"))
                    .col(timestamp_with_time_zone("requested_at"))
                    .col(date("due_on"))
                    .col(text_null("message"))
                    .col(integer_null("cause_id"))
                    .col(text_null("reason"))
                    .col(integer_null("submitted_by"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(integer_null("reviewed_by"))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(text_null("review_comment"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(text_null("close_note"))
                    .col(integer_null("violation_id"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("explanation_requests", "unit_id", "units"))
                    .foreign_key(&mut fk(
                        "explanation_requests",
                        "indicator_id",
                        "indicators",
                    ))
                    .foreign_key(&mut fk("explanation_requests", "requested_by", "users"))
                    .foreign_key(&mut fk(
                        "explanation_requests",
                        "cause_id",
                        "explanation_causes",
                    ))
                    .foreign_key(&mut fk("explanation_requests", "submitted_by", "users"))
                    .foreign_key(&mut fk("explanation_requests", "reviewed_by", "users"))
                    .foreign_key(&mut fk(
                        "explanation_requests",
                        "violation_id",
                        "violations",
                    ))
                    .to_owned(),
                table("corrective_actions")
                    .col(pk_auto("id"))
                    .col(integer("request_id"))
                    .col(integer("position").default(0))
                    .col(text("description"))
                    .col(integer("owner_staff_id"))
                    .col(date("due_on"))
                    .col(string_null("expected_effect"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone_null("done_at"))
                    .col(integer_null("done_by"))
                    .col(text_null("done_note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "corrective_actions",
                        "request_id",
                        "explanation_requests",
                    ))
                    .foreign_key(&mut fk("corrective_actions", "owner_staff_id", "staff"))
                    .foreign_key(&mut fk("corrective_actions", "done_by", "users"))
                    .to_owned(),
                table("evidence_files")
                    .col(pk_auto("id"))
                    .col(integer("request_id"))
                    .col(integer_null("action_id"))
                    .col(string("file_name"))
                    .col(string("content_type"))
                    .col(big_integer("size_bytes"))
                    .col(string("sha256"))
                    .col(integer("uploaded_by"))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .foreign_key(&mut fk(
                        "evidence_files",
                        "request_id",
                        "explanation_requests",
                    ))
                    .foreign_key(&mut fk("evidence_files", "action_id", "corrective_actions"))
                    .foreign_key(&mut fk("evidence_files", "uploaded_by", "users"))
                    .to_owned(),
                table("comments")
                    .col(pk_auto("id"))
                    .col(string("subject"))
                    .col(integer("unit_id"))
                    .col(integer_null("year"))
                    .col(integer_null("month"))
                    .col(integer_null("target_id"))
                    .col(integer_null("parent_id"))
                    .col(string("kind"))
                    .col(integer("author_id"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("comments", "unit_id", "units"))
                    .foreign_key(&mut fk("comments", "target_id", "targets"))
                    .foreign_key(&mut fk("comments", "parent_id", "comments"))
                    .foreign_key(&mut fk("comments", "author_id", "users"))
                    .to_owned(),
            ],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("violations")
                    .add_column(integer_null("explanation_request_id").to_owned())
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("explanation_causes", &["code"], true),
                index("explanation_requests", &["auto_key"], true),
                index(
                    "explanation_requests",
                    &["unit_id", "indicator_id", "status"],
                    false,
                ),
                index("explanation_requests", &["status", "due_on"], false),
                index("corrective_actions", &["request_id"], false),
                index("corrective_actions", &["owner_staff_id", "status"], false),
                index("evidence_files", &["request_id"], false),
                index("comments", &["subject", "unit_id", "year", "month"], false),
                index("comments", &["target_id"], false),
            ],
        )
        .await?;
        for (position, (code, name)) in CAUSES.iter().enumerate() {
            let insert = Query::insert()
                .into_table("explanation_causes")
                .columns(["code", "name", "active", "position"])
                .values([
                    (*code).into(),
                    (*name).into(),
                    true.into(),
                    (position as i32).into(),
                ])
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("violations")
                    .drop_column("explanation_request_id")
                    .to_owned(),
            )
            .await?;
        drop_tables(
            manager,
            &[
                "comments",
                "evidence_files",
                "corrective_actions",
                "explanation_requests",
                "explanation_causes",
            ],
        )
        .await
    }
}
