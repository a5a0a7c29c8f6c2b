//! The Leptos single-page app of Chỉ tiêu. It talks only to `POST /graphql`.
//!
//! `cycle`, `explain`, `follow`, `format`, `i18n`, `paging`, `problem_text` and `vn_time` have no web
//! dependencies: their unit tests run on the host.

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod cycle;
pub mod download;
pub mod evidence;
pub mod explain;
pub mod follow;
pub mod format;
pub mod i18n;
pub mod names;
pub mod pages;
pub mod paging;
pub mod problem_text;
pub mod state;
pub mod status_why;
pub mod vn_time;

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
