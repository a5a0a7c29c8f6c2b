//! One module per page (or group of pages).

pub mod admin;
pub mod approvals;
pub mod dashboard;
pub mod import;
pub mod login;
pub mod rankings;
pub mod report;
pub mod targets;
pub mod unit;
pub mod violations;
