//! Queries on published rankings: a frozen copy of a scoreboard, stored as JSON rows with
//! its period and unit kind. Generic over the row type, which the results service owns.

use super::entities::published_ranking;
use super::keyset;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::ids::{RankingId, UserId};
use shared::{Period, UnitKind};

/// A frozen ranking.
#[derive(Debug, Clone)]
pub struct Published<R> {
    /// Its id.
    pub id: RankingId,
    /// The period ranked.
    pub period: Period,
    /// The kind of unit ranked.
    pub kind: UnitKind,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// The rows as they were at publication.
    pub rows: Vec<R>,
}

fn corrupt(what: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("corrupt published ranking: {what}"))
}

impl<R: DeserializeOwned> TryFrom<published_ranking::Model> for Published<R> {
    type Error = DbErr;
    fn try_from(r: published_ranking::Model) -> Result<Self, DbErr> {
        let period = Period::new(r.year, r.period_kind, r.period_index.map(i64::from))
            .map_err(|e| corrupt(format!("period: {e}")))?;
        Ok(Published {
            id: RankingId(r.id),
            period,
            kind: r.unit_kind,
            published_at: r.published_at,
            rows: serde_json::from_str(&r.rows_json).map_err(|e| corrupt(format!("rows: {e}")))?,
        })
    }
}

/// Stores `rows` as the ranking of `kind` for `period`, published now by `by`, and returns
/// it as stored.
pub async fn insert<C: ConnectionTrait, R: Serialize + DeserializeOwned>(
    db: &C,
    period: Period,
    kind: UnitKind,
    by: Option<UserId>,
    rows: &[R],
) -> Result<Published<R>, DbErr> {
    let rows_json = serde_json::to_string(rows).map_err(|e| DbErr::Json(e.to_string()))?;
    let row = published_ranking::ActiveModel {
        year: Set(period.year()),
        period_kind: Set(period.kind()),
        period_index: Set(period.index().map(|i| i as i32)),
        unit_kind: Set(kind),
        published_at: Set(Utc::now()),
        published_by: Set(by.map(|u| u.0)),
        rows_json: Set(rows_json),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Published::try_from(row)
}

/// Published rankings, newest first, optionally of one year.
pub async fn list<C: ConnectionTrait, R: DeserializeOwned>(
    db: &C,
    year: Option<i32>,
) -> Result<Vec<Published<R>>, DbErr> {
    let rows = of_year(year)
        .order_by_desc(published_ranking::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(Published::try_from).collect()
}

/// At most `limit` published rankings (of one year when given) before the id `before`,
/// newest first by id.
pub async fn page<C: ConnectionTrait, R: DeserializeOwned>(
    db: &C,
    year: Option<i32>,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<Published<R>>, DbErr> {
    let rows = of_year(year)
        .filter(keyset::before_id(published_ranking::Column::Id, before))
        .order_by_desc(published_ranking::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.into_iter().map(Published::try_from).collect()
}

/// How many rankings were published (in one year when given).
pub async fn count<C: ConnectionTrait>(db: &C, year: Option<i32>) -> Result<u64, DbErr> {
    of_year(year).count(db).await
}

fn of_year(year: Option<i32>) -> sea_orm::Select<published_ranking::Entity> {
    let q = published_ranking::Entity::find();
    match year {
        Some(y) => q.filter(published_ranking::Column::Year.eq(y)),
        None => q,
    }
}
