//! Published rankings: a frozen copy of a scoreboard for a period and a unit kind (ADMIN).
//! Later corrections of figures never change a published ranking. Publishing is previewed
//! first and an empty period is refused unless confirmed; a ranking is withdrawn with a
//! reason (audited), its frozen rows kept and shown, marked withdrawn, to ADMINs only.

use super::paging::{PageArgs, Paged};
use super::results::{self, Basis, ScoreRow};
use super::{access, audit};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::rankings::{Listing, Withdrawal};
use crate::db::{self, Db, closure};
use crate::domain::paging::KeyPart;
use crate::domain::publication;
use crate::error::{ServiceError, ServiceResult};
use crate::render::labels;
use shared::ids::RankingId;
use shared::{Period, Role, UnitKind};
use std::collections::HashSet;

/// A frozen ranking.
pub type PublishedRanking = db::rankings::Published<ScoreRow>;

/// What publishing would freeze, without freezing it.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The period.
    pub period: Period,
    /// The unit kind.
    pub kind: UnitKind,
    /// The rows that would be frozen.
    pub rows: Vec<ScoreRow>,
    /// How many of them have a score.
    pub scored: usize,
    /// Why publishing it now is unwise (the period has no figures), in Vietnamese.
    pub warning: Option<String>,
}

/// The scoreboard that publishing `kind` for `period` would freeze (ADMIN of the province
/// root), with a warning when no unit has a score.
pub async fn preview(
    actor: &Actor,
    db: &Db,
    period: Period,
    kind: UnitKind,
) -> ServiceResult<Preview> {
    access::require_province_admin(actor, "preview rankings")?;
    let rows = frozen_rows(actor, db, period, kind).await?;
    let scored = publication::scored(rows.iter().map(|r| r.score));
    let warning = publication::empty_warning(scored, rows.len(), &labels::period(&period));
    Ok(Preview {
        period,
        kind,
        rows,
        scored,
        warning,
    })
}

/// The approved scoreboard of every unit of `kind` in the province for `period`.
async fn frozen_rows(
    actor: &Actor,
    db: &Db,
    period: Period,
    kind: UnitKind,
) -> ServiceResult<Vec<ScoreRow>> {
    Ok(results::scoreboard(
        actor,
        db.conn(),
        period,
        Some(kind),
        None,
        Basis::ApprovedOnly,
        true,
    )
    .await?
    .rows)
}

/// Publishes the scoreboard of every unit of `kind` in the province for `period`, on
/// approved figures (ADMIN of the province root). A period where no unit has a score is
/// refused (VALIDATION on `period`) unless `confirm_empty`.
pub async fn publish(
    actor: &Actor,
    db: &Db,
    period: Period,
    kind: UnitKind,
    confirm_empty: bool,
) -> ServiceResult<PublishedRanking> {
    access::require_province_admin(actor, "publish rankings")?;
    let rows = frozen_rows(actor, db, period, kind).await?;
    if rows.is_empty() {
        return Err(ServiceError::validation(
            "kind",
            format!("there are no units of kind {kind} to rank"),
        ));
    }
    let scored = publication::scored(rows.iter().map(|r| r.score));
    if scored == 0 && !confirm_empty {
        let message = publication::empty_refusal(&labels::period(&period));
        return Err(ServiceError::validation("period", message));
    }
    let txn = db.write().await?;
    let by = (db.now(), actor.user_id());
    let published = db::rankings::insert(&*txn, period, kind, by, &rows).await?;
    let summary = serde_json::json!({"year": period.year(), "kind": period.kind(), "index": period.index(), "unitKind": kind, "rows": rows.len(), "scored": scored, "confirmedEmpty": scored == 0});
    let (action, entity) = ("publishRanking", "publishedRanking");
    audit::record(
        &*txn,
        Some(actor),
        action,
        entity,
        published.id,
        None,
        Some(summary),
    )
    .await?;
    txn.commit().await?;
    Ok(published)
}

/// Withdraws a published ranking (ADMIN of the province root, who may publish): it is no
/// longer shown as published, its frozen rows stay; audited with the reason. VALIDATION on
/// `reason` when blank, NOT_FOUND for an unknown id, CONFLICT when already withdrawn.
pub async fn withdraw(
    actor: &Actor,
    db: &Db,
    id: RankingId,
    reason: &str,
) -> ServiceResult<PublishedRanking> {
    access::require_province_admin(actor, "withdraw rankings")?;
    let reason = publication::withdrawal_reason(reason)?;
    let txn = db.write().await?;
    let before: PublishedRanking = db::rankings::find(&*txn, id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("published ranking {id}")))?;
    let w = Withdrawal {
        at: db.now(),
        by: actor.user_id(),
        reason,
    };
    if before.withdrawal.is_some() || !db::rankings::withdraw(&*txn, id, &w).await? {
        return Err(ServiceError::conflict(
            "Bảng xếp hạng này đã được rút trước đó.",
        ));
    }
    let after: PublishedRanking = db::rankings::find(&*txn, id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("published ranking {id}")))?;
    let state = |p: &PublishedRanking| serde_json::json!({"year": p.period.year(), "kind": p.period.kind(), "index": p.period.index(), "unitKind": p.kind, "rows": p.rows.len(), "withdrawal": p.withdrawal});
    audit::record(
        &*txn,
        Some(actor),
        "withdrawRanking",
        "publishedRanking",
        id,
        Some(state(&before)),
        Some(state(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Whether the caller sees withdrawn rankings (marked so): ADMINs do, nobody else.
fn sees_withdrawn(actor: &Actor) -> bool {
    actor.role() == Some(Role::Admin)
}

/// Published rankings, newest first; rows of units outside the caller's scope are left out.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> ServiceResult<Vec<PublishedRanking>> {
    let listing = Listing {
        year,
        withdrawn: sees_withdrawn(actor),
    };
    let mut out: Vec<PublishedRanking> = db::rankings::list(db, listing).await?;
    keep_visible_rows(actor, db, &mut out).await?;
    Ok(out)
}

/// A page of the rankings of [`list`], newest first by id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
    args: &PageArgs,
) -> ServiceResult<Paged<PublishedRanking>> {
    let keys = args.check("publishedRankings", &[true])?;
    let listing = Listing {
        year,
        withdrawn: sees_withdrawn(actor),
    };
    let rows = db::rankings::page(db, listing, keys.id(), keys.size.probe()).await?;
    let total = db::rankings::count(db, listing).await?;
    let mut paged = keys.page(rows, total, |r: &PublishedRanking| {
        vec![KeyPart::Int(i64::from(r.id.0))]
    });
    keep_visible_rows(actor, db, &mut paged.page.rows).await?;
    Ok(paged)
}

/// Leaves out the rows of units outside the caller's scope.
async fn keep_visible_rows(
    actor: &Actor,
    db: &impl ConnectionTrait,
    rankings: &mut [PublishedRanking],
) -> ServiceResult<()> {
    if actor.scope_is_root || rankings.is_empty() {
        return Ok(());
    }
    let visible: HashSet<_> = closure::subtree(db, actor.scope)
        .await?
        .into_iter()
        .collect();
    for r in rankings {
        r.rows.retain(|row| visible.contains(&row.unit_id));
    }
    Ok(())
}
