//! The Leptos single-page app of Chỉ tiêu. It talks only to `POST /graphql`.
//!
//! `explain`, `format`, `i18n`, `paging` and `problem_text` have no web dependencies: their unit tests
//! run on the host.

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod download;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod paging;
pub mod problem_text;
pub mod state;

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
