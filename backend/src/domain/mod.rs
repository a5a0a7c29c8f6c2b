//! The rules of the product, pure: no database, no web. Inputs are parsed into types that
//! can only hold valid values; the computation engine (roll-up, roadmap, status, cascade,
//! scoring, ranking) works on plain numbers.

pub mod cascade;
pub mod catalogue;
pub mod collation;
pub mod comments;
pub mod cycle;
pub mod evidence;
pub mod follow_up;
pub mod input;
pub mod milestone_read;
pub mod model;
pub mod notice;
pub mod notify;
pub mod official;
pub mod paging;
pub mod personal;
pub mod publication;
pub mod ranking;
pub mod report;
pub mod results;
pub mod review;
pub mod roadmap;
pub mod roadmap_edit;
pub mod rollup;
pub mod scope;
pub mod scoring;
pub mod series;
pub mod shortfall;
pub mod status;
pub mod tree;
pub mod value_feed;

pub use input::InputError;
