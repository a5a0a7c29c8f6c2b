//! The monthly digest: the day after a month's approval deadline, once per leader (active
//! VIEWER and MANAGER accounts with an address, unless they turned the digest off), about
//! the leader's subtree: the units that did not submit the month on time, the units off
//! track on an indicator, and the biggest rank changes since the month before (the
//! scoreboard of the month on approved figures, with the previous month's ranks).

use super::outbox::{self, units_by_id};
use crate::auth::Actor;
use crate::auth::actor::Principal;
use crate::clock::vietnam_day;
use crate::db::calendar::{self, OwingUnit};
use crate::db::notifications::{self, NewNotification};
use crate::db::recipients::{self, MailRecipient};
use crate::db::{ConnectionTrait, Db, closure, units};
use crate::domain::cycle::Deadline;
use crate::domain::notify::letters::{self, DigestFacts, LateUnit, OffTrackUnit, RankChange};
use crate::domain::notify::{digest_key, plausible_email};
use crate::error::ServiceResult;
use crate::service::cycle;
use crate::service::results::{self, Basis};
use chrono::NaiveDate;
use shared::ids::UnitId;
use shared::{Channel, MailKind, Period, Role, TrackStatus};
use std::collections::{HashMap, HashSet};

/// The most units each list of a digest names.
const MAX_LISTED: usize = 10;
/// The most rank changes a digest names.
const MAX_RANK_CHANGES: usize = 5;

/// The digest's deduplication key: `DIGEST:<user>:<yyyy-mm>` (read back by the worker,
/// which attaches the month's notice).
fn key(user: shared::ids::UserId, d: &Deadline) -> String {
    digest_key(user, d.month)
}

/// The month whose digest is due on `today`: the latest one whose approval deadline has
/// passed.
fn month_due(calendar: &crate::domain::cycle::Calendar, today: NaiveDate) -> Option<Deadline> {
    calendar
        .months_until(today)
        .into_iter()
        .filter(|d| d.approve_by < today)
        .max_by_key(|d| d.month)
}

/// Writes the digests due on the clock's day; how many were written.
pub async fn digests(db: &Db) -> ServiceResult<usize> {
    let today = db.clock().today();
    let conn = db.conn();
    let calendar = cycle::calendar(conn).await?;
    let Some(deadline) = month_due(&calendar, today) else {
        return Ok(0);
    };
    let leaders: Vec<MailRecipient> =
        recipients::accounts(conn, None, &[Role::Viewer, Role::Manager])
            .await?
            .into_iter()
            .filter(|r| r.wants(MailKind::Digest) && plausible_email(&r.address))
            .collect();
    let keys: Vec<String> = leaders
        .iter()
        .filter_map(|r| r.user.map(|u| key(u, &deadline)))
        .collect();
    let sent = notifications::existing_keys(conn, &keys).await?;
    let waiting: Vec<&MailRecipient> = leaders
        .iter()
        .filter(|r| r.user.is_some_and(|u| !sent.contains(&key(u, &deadline))))
        .collect();
    if waiting.is_empty() {
        return Ok(0);
    }
    let owing = calendar::owing(conn, deadline.month).await?;
    let mut facts_of: HashMap<UnitId, DigestFacts> = HashMap::new();
    let mut rows = Vec::new();
    for leader in waiting {
        let Some(user) = leader.user else { continue };
        let facts = match facts_of.entry(leader.unit) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(facts(conn, leader, &deadline, &owing, today).await?)
            }
        };
        let letter = letters::digest(facts);
        rows.push(NewNotification {
            dedup_key: key(user, &deadline),
            kind: MailKind::Digest.as_str().to_owned(),
            channel: Channel::Email,
            recipient: leader.address.trim().to_owned(),
            webhook_id: None,
            unit_id: Some(leader.unit),
            subject: letter.subject,
            body: letter.text,
            html: Some(letter.html),
        });
    }
    outbox::write_new(db, rows).await
}

/// What the digest of `leader`'s unit tells.
async fn facts(
    db: &impl ConnectionTrait,
    leader: &MailRecipient,
    deadline: &Deadline,
    owing: &[OwingUnit],
    today: NaiveDate,
) -> ServiceResult<DigestFacts> {
    let scope_is_root = units::is_root(db, leader.unit).await?;
    let subtree: Option<HashSet<UnitId>> = if scope_is_root {
        None
    } else {
        Some(
            closure::subtree(db, leader.unit)
                .await?
                .into_iter()
                .collect(),
        )
    };
    let inside = |u: UnitId| subtree.as_ref().is_none_or(|s| s.contains(&u));
    let late_units: Vec<(UnitId, Option<i64>)> = owing
        .iter()
        .filter(|o| inside(o.unit))
        .filter_map(|o| match o.submitted_at.map(vietnam_day) {
            None => Some((o.unit, None)),
            Some(day) if day > deadline.due_on => {
                Some((o.unit, Some((day - deadline.due_on).num_days())))
            }
            Some(_) => None,
        })
        .take(MAX_LISTED)
        .collect();
    let mut names =
        units_by_id(db, late_units.iter().map(|(u, _)| *u).chain([leader.unit])).await?;
    let days_overdue = (today - deadline.due_on).num_days().max(0);
    let late = late_units
        .iter()
        .map(|(u, days)| LateUnit {
            unit_name: names.get(u).map(|n| n.name.clone()).unwrap_or_default(),
            submitted_days_late: *days,
            days_overdue,
        })
        .collect();
    let scope_name = names
        .remove(&leader.unit)
        .map(|u| u.name)
        .unwrap_or_default();
    let (off_track, rank_changes) = board(db, leader, scope_is_root, deadline).await?;
    Ok(DigestFacts {
        scope_name,
        month: deadline.month,
        late,
        off_track,
        rank_changes,
    })
}

/// The units off track and the biggest rank changes in the leader's scoreboard of the month.
async fn board(
    db: &impl ConnectionTrait,
    leader: &MailRecipient,
    scope_is_root: bool,
    deadline: &Deadline,
) -> ServiceResult<(Vec<OffTrackUnit>, Vec<RankChange>)> {
    let (Some(user), Some(role)) = (leader.user, leader.role) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let actor = Actor {
        principal: Principal::User { id: user, role },
        scope: leader.unit,
        scope_is_root,
    };
    let Ok(period) = Period::month(deadline.month.year, deadline.month.month) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let board =
        results::scoreboard(&actor, db, period, None, None, Basis::ApprovedOnly, true).await?;
    let unit_name = |id: UnitId| {
        board
            .units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let indicator_name = |id| {
        board
            .indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let off_track = board
        .rows
        .iter()
        .flat_map(|r| r.results.iter())
        .filter(|r| r.eval.status == TrackStatus::OffTrack)
        .take(MAX_LISTED)
        .map(|r| OffTrackUnit {
            unit_name: unit_name(r.unit_id),
            indicator_name: indicator_name(r.indicator_id),
        })
        .collect();
    let mut changes: Vec<RankChange> = board
        .rows
        .iter()
        .filter_map(|r| match (r.previous_rank, r.rank) {
            (Some(before), Some(now)) if before != now => Some(RankChange {
                unit_name: unit_name(r.unit_id),
                before,
                now,
            }),
            _ => None,
        })
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.before.abs_diff(c.now)));
    changes.truncate(MAX_RANK_CHANGES);
    Ok((off_track, changes))
}
