//! Who e-mails go to: the active accounts of given roles on given units with the address
//! they use (their own, else their linked staff member's) and the kinds of mail they turned
//! off; and the active heads (staff marked `is_head`) of units who have an address.

use super::entities::{staff, user};
use crate::domain::notify::parse_muted;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use shared::ids::{StaffId, UnitId, UserId};
use shared::{MailKind, Role};
use std::collections::HashMap;

/// Someone an e-mail can go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRecipient {
    /// The account, when it is one (a head of unit may have none).
    pub user: Option<UserId>,
    pub role: Option<Role>,
    /// The account's or the staff member's unit.
    pub unit: UnitId,
    /// Where the mail goes.
    pub address: String,
    /// The kinds of mail turned off.
    pub muted: Vec<MailKind>,
}

impl MailRecipient {
    /// Whether this person receives mail of `kind`.
    pub fn wants(&self, kind: MailKind) -> bool {
        !self.muted.contains(&kind)
    }
}

/// Ids per IN list.
const IN_CHUNK: usize = 1000;

fn address(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
}

/// The active accounts of `roles` on `units` (on every unit when `None`) that have an
/// address, by unit then id.
pub async fn accounts(
    db: &impl ConnectionTrait,
    units: Option<&[UnitId]>,
    roles: &[Role],
) -> Result<Vec<MailRecipient>, DbErr> {
    let base = || {
        user::Entity::find()
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::Role.is_in(roles.iter().copied()))
            .order_by_asc(user::Column::UnitId)
            .order_by_asc(user::Column::Id)
    };
    let rows = match units {
        None => base().all(db).await?,
        Some(units) => {
            let mut rows = Vec::new();
            for chunk in units.chunks(IN_CHUNK) {
                let of = user::Column::UnitId.is_in(chunk.iter().map(|u| u.0));
                rows.extend(base().filter(of).all(db).await?);
            }
            rows
        }
    };
    let linked: Vec<i32> = rows
        .iter()
        .filter(|u| address(u.email.as_deref()).is_none())
        .filter_map(|u| u.staff_id)
        .collect();
    let mut staff_mail: HashMap<i32, String> = HashMap::new();
    for chunk in linked.chunks(IN_CHUNK) {
        let found = staff::Entity::find()
            .filter(staff::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        staff_mail.extend(
            found
                .into_iter()
                .filter_map(|s| address(s.email.as_deref()).map(|a| (s.id, a))),
        );
    }
    Ok(rows
        .into_iter()
        .filter_map(|u| {
            let mail = address(u.email.as_deref())
                .or_else(|| u.staff_id.and_then(|s| staff_mail.get(&s).cloned()))?;
            Some(MailRecipient {
                user: Some(UserId(u.id)),
                role: Some(u.role),
                unit: UnitId(u.unit_id),
                address: mail,
                muted: parse_muted(&u.muted),
            })
        })
        .collect())
}

/// The active heads of `units` that have an address, with the mail turned off by an
/// account linked to them.
pub async fn heads(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> Result<Vec<MailRecipient>, DbErr> {
    let mut rows = Vec::new();
    for chunk in units.chunks(IN_CHUNK) {
        rows.extend(
            staff::Entity::find()
                .filter(staff::Column::Active.eq(true))
                .filter(staff::Column::IsHead.eq(true))
                .filter(staff::Column::UnitId.is_in(chunk.iter().map(|u| u.0)))
                .order_by_asc(staff::Column::Id)
                .all(db)
                .await?,
        );
    }
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let mut muted: HashMap<StaffId, Vec<MailKind>> = HashMap::new();
    for chunk in ids.chunks(IN_CHUNK) {
        let accounts = user::Entity::find()
            .filter(user::Column::StaffId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for a in accounts {
            if let Some(s) = a.staff_id {
                muted
                    .entry(StaffId(s))
                    .or_default()
                    .extend(parse_muted(&a.muted));
            }
        }
    }
    Ok(rows
        .into_iter()
        .filter_map(|s| {
            let mail = address(s.email.as_deref())?;
            Some(MailRecipient {
                user: None,
                role: None,
                unit: UnitId(s.unit_id),
                address: mail,
                muted: muted.remove(&StaffId(s.id)).unwrap_or_default(),
            })
        })
        .collect())
}
