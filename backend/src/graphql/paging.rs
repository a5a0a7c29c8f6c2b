//! Pages of lists as GraphQL answers them: one generic page object named per list
//! (`UnitPage`, `StaffPage`, …) and the `first`/`after` arguments every paged field takes.

use super::results::PublishedRankingObject;
use super::types::{AuditEntry, Staff, Target, Unit, User, Violation};
use crate::service::paging::{PageArgs, Paged};
use async_graphql::{OutputType, SimpleObject};

/// One page of a list: its rows in the list's order, how many rows the whole list has, and
/// the cursor that asks for the next page. Pages are keyed by the rows' sort key (not by
/// position), so rows added or removed between two calls never make a row appear twice or
/// be skipped among those that stay.
#[derive(SimpleObject)]
#[graphql(
    concrete(name = "UnitPage", params(Unit)),
    concrete(name = "StaffPage", params(Staff)),
    concrete(name = "UserPage", params(User)),
    concrete(name = "TargetPage", params(Target)),
    concrete(name = "ViolationPage", params(Violation)),
    concrete(name = "AuditEntryPage", params(AuditEntry)),
    concrete(name = "PublishedRankingPage", params(PublishedRankingObject))
)]
pub struct ListPage<T: OutputType> {
    /// The rows of this page, in the list's order.
    pub rows: Vec<T>,
    /// How many rows the whole list has: every row matching the filters in the caller's
    /// scope, over all pages.
    pub total_count: i32,
    /// The cursor to pass as `after` for the next page; null on the last page.
    pub end_cursor: Option<String>,
    /// Whether another page follows this one.
    pub has_next_page: bool,
}

impl<T: OutputType> ListPage<T> {
    /// The GraphQL page of a service page, each row wrapped.
    pub fn of<R>(paged: Paged<R>, wrap: impl FnMut(R) -> T) -> Self {
        let page = paged.page.map(wrap);
        ListPage {
            rows: page.rows,
            total_count: i32::try_from(paged.total).unwrap_or(i32::MAX),
            end_cursor: page.end_cursor,
            has_next_page: page.has_next_page,
        }
    }
}

/// The page asked for by `first` and `after`.
pub fn args(first: i32, after: Option<String>) -> PageArgs {
    PageArgs { first, after }
}
