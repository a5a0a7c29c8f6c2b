//! Raw figures for reporting systems (`measureValues`, `/api/v1/measure-values.*`): the
//! caller's filters checked against its scope and the catalogue, then pages of the change
//! feed (`domain::value_feed`) with the unit and measure codes a file needs.

use crate::auth::Actor;
use crate::db::closure::Scope;
use crate::db::{self, ConnectionTrait};
use crate::domain::input::{self, MAX_LISTED_CODES, MAX_LISTED_UNITS};
use crate::domain::paging::{Page, PageSize};
use crate::domain::value_feed::{FeedKey, FeedQuery, FeedRow, UnitChoice};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use chrono::{DateTime, Utc};
use shared::ids::{MeasureId, UnitId};
use std::collections::{HashMap, HashSet};

/// The filters as a caller gives them.
#[derive(Debug, Clone, Default)]
pub struct FeedFilters {
    /// Units to read; `None` for every unit in scope.
    pub unit_ids: Option<Vec<UnitId>>,
    /// Whether the named units' subtrees are read too.
    pub include_subtree: bool,
    /// Measures by code; `None` for all.
    pub measure_codes: Option<Vec<String>>,
    /// First month `(year, month)`, validated by the caller's transport.
    pub from: Option<(i32, i32)>,
    /// Last month `(year, month)`.
    pub to: Option<(i32, i32)>,
    /// Only values changed strictly after this instant.
    pub updated_since: Option<DateTime<Utc>>,
}

/// A feed query the caller may run: its scope and what it selects.
#[derive(Debug, Clone)]
pub struct CheckedFeed {
    scope: Scope,
    query: FeedQuery,
}

/// Checks the filters: named units must be visible (NOT_FOUND as for any read otherwise),
/// measure codes known, the month range in order.
pub async fn check(
    actor: &Actor,
    db: &impl ConnectionTrait,
    filters: FeedFilters,
) -> ServiceResult<CheckedFeed> {
    let scope = access::scope(actor);
    let units = match filters.unit_ids {
        None => UnitChoice::Scope,
        Some(ids) => {
            input::list_len("unitIds", ids.len(), MAX_LISTED_UNITS)?;
            let unique: Vec<UnitId> = ids
                .iter()
                .copied()
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let found: HashSet<UnitId> = db::units::by_ids(db, scope, &unique)
                .await?
                .into_iter()
                .map(|u| u.id)
                .collect();
            if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
                return Err(ServiceError::not_found(format!("unit {missing}")));
            }
            if filters.include_subtree {
                UnitChoice::Subtrees(unique)
            } else {
                UnitChoice::Units(unique)
            }
        }
    };
    let measures = match filters.measure_codes {
        None => None,
        Some(codes) => Some(measure_ids(db, &codes).await?),
    };
    let query = FeedQuery {
        units,
        measures,
        from: filters.from,
        to: filters.to,
        updated_since: filters.updated_since,
    };
    query.check_range()?;
    Ok(CheckedFeed { scope, query })
}

async fn measure_ids(db: &impl ConnectionTrait, codes: &[String]) -> ServiceResult<Vec<MeasureId>> {
    input::list_len("measureCodes", codes.len(), MAX_LISTED_CODES)?;
    let known: HashMap<String, MeasureId> = db::catalogue::measures(db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect();
    codes
        .iter()
        .map(|code| {
            known.get(code.trim()).copied().ok_or_else(|| {
                ServiceError::validation(
                    "measureCodes",
                    format!("Không có số liệu mã “{code}” trong danh mục."),
                )
            })
        })
        .collect()
}

/// One page of the feed after the cursor `after` (an `endCursor`).
pub async fn page(
    db: &impl ConnectionTrait,
    feed: &CheckedFeed,
    size: PageSize,
    after: Option<&str>,
) -> ServiceResult<Page<FeedRow>> {
    let after = after
        .map(|c| FeedKey::from_cursor("after", c))
        .transpose()?;
    let rows = rows_after(db, feed, after.as_ref(), size.probe()).await?;
    Ok(Page::from_probe(rows, size, |r| r.key.cursor()))
}

/// At most `limit` rows of the feed after `after`, for a stream that pages on its own.
pub async fn rows_after(
    db: &impl ConnectionTrait,
    feed: &CheckedFeed,
    after: Option<&FeedKey>,
    limit: u64,
) -> ServiceResult<Vec<FeedRow>> {
    Ok(db::value_feed::page(db, feed.scope, &feed.query, after, limit).await?)
}

/// At most `limit` values after `after` already written as lines of `format` by the
/// database, when it is SQLite (see `db::value_feed::sqlite_chunk`); `None` on another
/// database, where the rows are read and written by [`Codes`] and the renderer.
pub async fn text_after(
    db: &impl ConnectionTrait,
    feed: &CheckedFeed,
    after: Option<&FeedKey>,
    limit: u64,
    format: db::value_feed::LineFormat,
) -> ServiceResult<Option<db::value_feed::TextChunk>> {
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return Ok(None);
    }
    Ok(Some(
        db::value_feed::sqlite_chunk(db, feed.scope, &feed.query, after, limit, format).await?,
    ))
}

/// The codes a file names units and measures by, filled page by page: each page loads only
/// the units it meets for the first time.
#[derive(Debug, Default)]
pub struct Codes {
    units: HashMap<UnitId, String>,
    measures: HashMap<MeasureId, String>,
}

impl Codes {
    /// Every measure's code, and no unit yet.
    pub async fn new(db: &impl ConnectionTrait) -> ServiceResult<Self> {
        let measures = db::catalogue::measures(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.code))
            .collect();
        Ok(Codes {
            units: HashMap::new(),
            measures,
        })
    }

    /// Loads the codes of the units of `rows` not met before.
    pub async fn learn(
        &mut self,
        db: &impl ConnectionTrait,
        rows: &[FeedRow],
    ) -> ServiceResult<()> {
        let new: Vec<UnitId> = rows
            .iter()
            .map(|r| r.key.unit)
            .filter(|u| !self.units.contains_key(u))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if !new.is_empty() {
            for unit in db::units::by_ids(db, Scope::Everything, &new).await? {
                self.units.insert(unit.id, unit.code);
            }
        }
        Ok(())
    }

    /// The code of a unit met in a learned page.
    pub fn unit(&self, id: UnitId) -> &str {
        self.units.get(&id).map_or("", String::as_str)
    }

    /// The code of a measure.
    pub fn measure(&self, id: MeasureId) -> &str {
        self.measures.get(&id).map_or("", String::as_str)
    }
}
