//! The sections of Quản trị, as tabs: units, accounts, API tokens, the indicator catalogue,
//! the reorganisation of units, the reporting calendar, webhooks, the outbox, the causes of
//! explanations. Each is its own address, so a page stays short and a link opens a section.

use crate::i18n::Key;
use crate::state::tr;
use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs, the current one marked (`aria-current="page"`).
#[component]
pub fn AdminTabs() -> impl IntoView {
    let tabs = [
        ("/admin", Key::AdminTabUnits, "admin-tab-units"),
        (
            "/admin/accounts",
            Key::AdminTabAccounts,
            "admin-tab-accounts",
        ),
        ("/admin/tokens", Key::AdminTabTokens, "admin-tab-tokens"),
        (
            "/admin/catalogue",
            Key::AdminTabCatalogue,
            "admin-tab-catalogue",
        ),
        ("/admin/reorg", Key::AdminTabReorg, "admin-tab-reorg"),
        (
            "/admin/calendar",
            Key::AdminTabCalendar,
            "admin-tab-calendar",
        ),
        (
            "/admin/webhooks",
            Key::AdminTabWebhooks,
            "admin-tab-webhooks",
        ),
        ("/admin/outbox", Key::AdminTabOutbox, "admin-tab-outbox"),
        (
            "/admin/explanations",
            Key::AdminTabExplanations,
            "admin-tab-explanations",
        ),
    ];
    view! {
        <nav class="tabs" aria-label=tr(Key::AdminSections) data-testid="admin-tabs">
            <ul>
                {tabs.into_iter().map(|(href, key, testid)| view! {
                    <li><A href=href exact=true attr:data-testid=testid>{tr(key)}</A></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// An administration section: the page's heading, the tabs, then the section.
#[component]
pub fn AdminSection(
    /// The page's `data-testid`.
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page" data-testid=testid>
            <header class="page-head"><h1>{tr(Key::AdminTitle)}</h1></header>
            <AdminTabs/>
            {children()}
        </section>
    }
}
