//! The demo's monthly cycle: the January deadline moved for Tết as a province does, and
//! e-mail addresses (on the reserved `.example` domain, so nothing reaches a real person)
//! for the demo accounts, so that reminders, overdue notices and escalations have someone
//! to go to.

use super::calendar::DemoCalendar;
use crate::db::ConnectionTrait;
use crate::db::Db;
use crate::db::calendar;
use crate::domain::cycle::{YearMonth, check_deadline};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::UserId;

/// The domain of the demo's e-mail addresses (reserved for examples, RFC 2606).
pub const MAIL_DOMAIN: &str = "chitieu.example";

/// Moves the decision year's January deadlines past the Tết holiday and gives every demo
/// account an address `username@chitieu.example`.
pub async fn seed_cycle(db: &Db, cal: &DemoCalendar, admin: UserId) -> ServiceResult<()> {
    let year = cal.decision_year();
    let january = YearMonth::new(year, 1)
        .ok_or_else(|| ServiceError::conflict("the demo's year has no January"))?;
    let day = |d| chrono::NaiveDate::from_ymd_opt(year, 2, d);
    let (Some(due), Some(approve)) = (day(10), day(13)) else {
        return Err(ServiceError::conflict("the demo's Tết deadlines"));
    };
    let tet = check_deadline(january, due, approve)
        .map_err(|e| ServiceError::validation(e.field(), e.message()))?;
    let txn = db.write().await?;
    calendar::upsert(&*txn, tet, admin, db.now()).await?;
    txn.execute_unprepared(&format!(
        "UPDATE users SET email = username || '@{MAIL_DOMAIN}' WHERE email IS NULL"
    ))
    .await?;
    txn.commit().await?;
    Ok(())
}
