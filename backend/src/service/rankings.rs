//! Published rankings: a frozen copy of a scoreboard for a period and a unit kind (ADMIN).
//! Later corrections of figures never change a published ranking.

use super::paging::{PageArgs, Paged};
use super::results::{self, Basis, ScoreRow};
use super::{access, audit};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{self, Db, closure};
use crate::domain::paging::KeyPart;
use crate::error::{ServiceError, ServiceResult};
use shared::{Period, UnitKind};
use std::collections::HashSet;

/// A frozen ranking.
pub type PublishedRanking = db::rankings::Published<ScoreRow>;

/// Publishes the scoreboard of every unit of `kind` in the province for `period`, on
/// approved figures (ADMIN of the province root).
pub async fn publish(
    actor: &Actor,
    db: &Db,
    period: Period,
    kind: UnitKind,
) -> ServiceResult<PublishedRanking> {
    access::require_province_admin(actor, "publish rankings")?;
    let rows = results::scoreboard(
        actor,
        db.conn(),
        period,
        Some(kind),
        None,
        Basis::ApprovedOnly,
        true,
    )
    .await?
    .rows;
    if rows.is_empty() {
        return Err(ServiceError::validation(
            "kind",
            format!("there are no units of kind {kind} to rank"),
        ));
    }
    let txn = db.write().await?;
    let published = db::rankings::insert(&*txn, period, kind, actor.user_id(), &rows).await?;
    let summary = serde_json::json!({"year": period.year(), "kind": period.kind(), "index": period.index(), "unitKind": kind, "rows": rows.len()});
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

/// Published rankings, newest first; rows of units outside the caller's scope are left out.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> ServiceResult<Vec<PublishedRanking>> {
    let mut out: Vec<PublishedRanking> = db::rankings::list(db, year).await?;
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
    let rows = db::rankings::page(db, year, keys.id(), keys.size.probe()).await?;
    let total = db::rankings::count(db, year).await?;
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
