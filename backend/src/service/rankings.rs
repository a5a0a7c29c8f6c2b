//! Published rankings: a frozen copy of a scoreboard for a period and a unit kind (ADMIN).
//! Later corrections of figures never change a published ranking.

use super::results::{self, Basis, ScoreRow};
use super::{access, audit};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::entities::published_ranking;
use crate::error::{ServiceError, ServiceResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::ids::RankingId;
use shared::{Period, PeriodKind, UnitKind};

/// A frozen ranking.
#[derive(Debug, Clone)]
pub struct PublishedRanking {
    pub id: RankingId,
    pub period: Period,
    pub kind: UnitKind,
    pub published_at: DateTime<Utc>,
    pub rows: Vec<ScoreRow>,
}

fn from_row(r: published_ranking::Model) -> ServiceResult<PublishedRanking> {
    let kind: PeriodKind = r
        .period_kind
        .parse()
        .map_err(|_| anyhow::anyhow!("corrupt period kind"))?;
    let period = Period::new(r.year, kind, r.period_index.map(i64::from))
        .map_err(|e| anyhow::anyhow!("corrupt period: {e}"))?;
    Ok(PublishedRanking {
        id: RankingId(r.id),
        period,
        kind: r
            .unit_kind
            .parse()
            .map_err(|_| anyhow::anyhow!("corrupt unit kind"))?,
        published_at: r.published_at,
        rows: serde_json::from_str(&r.rows_json)
            .map_err(|e| anyhow::anyhow!("corrupt ranking rows: {e}"))?,
    })
}

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
    )
    .await?;
    if rows.is_empty() {
        return Err(ServiceError::validation(
            "kind",
            format!("there are no units of kind {kind} to rank"),
        ));
    }
    let txn = db.write().await?;
    let row = published_ranking::ActiveModel {
        year: Set(period.year()),
        period_kind: Set(period.kind().as_str().to_owned()),
        period_index: Set(period.index().map(|i| i as i32)),
        unit_kind: Set(kind.as_str().to_owned()),
        published_at: Set(Utc::now()),
        published_by: Set(actor.user_id().map(|u| u.0)),
        rows_json: Set(serde_json::to_string(&rows).map_err(anyhow::Error::from)?),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    audit::record(
        &*txn,
        Some(actor),
        "publishRanking",
        "publishedRanking",
        row.id,
        None,
        Some(serde_json::json!({"year": period.year(), "kind": period.kind(), "index": period.index(), "unitKind": kind, "rows": rows.len()})),
    )
    .await?;
    txn.commit().await?;
    from_row(row)
}

/// Published rankings, newest first; rows of units outside the caller's scope are left out.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> ServiceResult<Vec<PublishedRanking>> {
    let mut q = published_ranking::Entity::find();
    if let Some(y) = year {
        q = q.filter(published_ranking::Column::Year.eq(y));
    }
    let rows = q
        .order_by_desc(published_ranking::Column::Id)
        .all(db)
        .await?;
    let mut out: Vec<PublishedRanking> = rows
        .into_iter()
        .map(from_row)
        .collect::<ServiceResult<_>>()?;
    if !actor.scope_is_root {
        let visible: std::collections::HashSet<_> = crate::db::closure::subtree(db, actor.scope)
            .await?
            .into_iter()
            .collect();
        for r in &mut out {
            r.rows.retain(|row| visible.contains(&row.unit_id));
        }
    }
    Ok(out)
}
