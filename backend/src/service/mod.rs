//! The use cases: each takes the caller first (`units::create(&actor, &db, cmd)`), checks
//! role and scope, runs in one transaction with its audit entry, and returns domain objects.

pub mod access;
pub mod account_admin;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod cycle;
pub mod decisions;
pub mod exports;
pub mod follow_up;
pub mod imports;
pub mod notify;
pub mod official;
pub mod paging;
pub mod personal;
pub mod rankings;
pub mod reorg;
pub mod reports;
pub mod results;
pub mod roadmaps;
pub mod setup;
pub mod staff;
pub mod targets;
pub mod tokens;
pub mod units;
pub mod users;
pub mod value_feed;
pub mod violations;

pub use crate::db::Db;
pub use crate::error::{ServiceError, ServiceResult};
