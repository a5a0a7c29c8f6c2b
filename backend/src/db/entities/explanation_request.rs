//! The `explanation_requests` table: an explanation (giải trình) asked of a unit about an
//! indicator at a month, the explanation given, its review and how it closed.

use sea_orm::entity::prelude::*;
use shared::{ExplanationStatus, TrackStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "explanation_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub indicator_id: i32,
    pub year: i32,
    pub month: i32,
    pub status: ExplanationStatus,
    /// The indicator's status at the month when the request was made.
    pub track_status: TrackStatus,
    /// Unique: `unit:indicator:yyyy-mm` for a request the product made itself on an
    /// approval, so that it is made once; null for one asked by hand.
    pub auto_key: Option<String>,
    /// Who asked (null when the product asked on an approval).
    pub requested_by: Option<i32>,
    pub requested_at: DateTimeUtc,
    pub due_on: Date,
    /// Why it was asked, when asked by hand.
    pub message: Option<String>,
    pub cause_id: Option<i32>,
    /// The explanation's text (the latest given).
    pub reason: Option<String>,
    pub submitted_by: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_comment: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
    pub close_note: Option<String>,
    /// The violation recorded for a refused or missing explanation.
    pub violation_id: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
