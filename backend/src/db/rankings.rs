//! Queries on published rankings: a frozen copy of a scoreboard, stored as JSON rows with
//! its period and unit kind, and its withdrawal (the row stays, marked withdrawn). Generic
//! over the row type, which the results service owns.

use super::entities::published_ranking;
use super::keyset;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
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
    /// Who published it.
    pub published_by: Option<UserId>,
    /// The rows as they were at publication.
    pub rows: Vec<R>,
    /// Its withdrawal, when it was withdrawn.
    pub withdrawal: Option<Withdrawal>,
}

/// When, by whom and why a published ranking was withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withdrawal {
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: Option<UserId>,
    /// Why.
    pub reason: String,
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
            published_by: r.published_by.map(UserId),
            rows: serde_json::from_str(&r.rows_json).map_err(|e| corrupt(format!("rows: {e}")))?,
            withdrawal: r.withdrawn_at.map(|at| Withdrawal {
                at,
                by: r.withdrawn_by.map(UserId),
                reason: r.withdrawal_reason.unwrap_or_default(),
            }),
        })
    }
}

/// Stores `rows` as the ranking of `kind` for `period`, published at `at` by `by`, and
/// returns it as stored.
pub async fn insert<C: ConnectionTrait, R: Serialize + DeserializeOwned>(
    db: &C,
    period: Period,
    kind: UnitKind,
    (at, by): (DateTime<Utc>, Option<UserId>),
    rows: &[R],
) -> Result<Published<R>, DbErr> {
    let rows_json = serde_json::to_string(rows).map_err(|e| DbErr::Json(e.to_string()))?;
    let row = published_ranking::ActiveModel {
        year: Set(period.year()),
        period_kind: Set(period.kind()),
        period_index: Set(period.index().map(|i| i as i32)),
        unit_kind: Set(kind),
        published_at: Set(at),
        published_by: Set(by.map(|u| u.0)),
        rows_json: Set(rows_json),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Published::try_from(row)
}

/// Which published rankings a listing holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// Only this year's.
    pub year: Option<i32>,
    /// Withdrawn ones too.
    pub withdrawn: bool,
}

/// Published rankings, newest first.
pub async fn list<C: ConnectionTrait, R: DeserializeOwned>(
    db: &C,
    listing: Listing,
) -> Result<Vec<Published<R>>, DbErr> {
    let rows = of_listing(listing)
        .order_by_desc(published_ranking::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(Published::try_from).collect()
}

/// At most `limit` published rankings of the listing before the id `before`, newest first
/// by id.
pub async fn page<C: ConnectionTrait, R: DeserializeOwned>(
    db: &C,
    listing: Listing,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<Published<R>>, DbErr> {
    let rows = of_listing(listing)
        .filter(keyset::before_id(published_ranking::Column::Id, before))
        .order_by_desc(published_ranking::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.into_iter().map(Published::try_from).collect()
}

/// How many rankings the listing holds.
pub async fn count<C: ConnectionTrait>(db: &C, listing: Listing) -> Result<u64, DbErr> {
    of_listing(listing).count(db).await
}

/// One published ranking, withdrawn or not.
pub async fn find<C: ConnectionTrait, R: DeserializeOwned>(
    db: &C,
    id: RankingId,
) -> Result<Option<Published<R>>, DbErr> {
    published_ranking::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Published::try_from)
        .transpose()
}

/// Marks a standing ranking withdrawn; false when it was already withdrawn (or is gone).
/// Its rows stay as they were.
pub async fn withdraw<C: ConnectionTrait>(
    db: &C,
    id: RankingId,
    w: &Withdrawal,
) -> Result<bool, DbErr> {
    use published_ranking::Column as P;
    let done = published_ranking::Entity::update_many()
        .col_expr(P::WithdrawnAt, Expr::value(w.at))
        .col_expr(P::WithdrawnBy, Expr::value(w.by.map(|u| u.0)))
        .col_expr(P::WithdrawalReason, Expr::value(w.reason.clone()))
        .filter(P::Id.eq(id.0))
        .filter(P::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

fn of_listing(listing: Listing) -> sea_orm::Select<published_ranking::Entity> {
    let mut q = published_ranking::Entity::find();
    if let Some(y) = listing.year {
        q = q.filter(published_ranking::Column::Year.eq(y));
    }
    if !listing.withdrawn {
        q = q.filter(published_ranking::Column::WithdrawnAt.is_null());
    }
    q
}
