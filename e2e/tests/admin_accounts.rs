//! The administration in tabs, in headless Chromium against the real server with the demo
//! province: the units tab's search finds a commune without diacritics; on the accounts
//! tab an ADMIN finds an account, locks it after a confirmation (its login is refused),
//! unlocks it (its login works) and resets its password (the temporary one logs in and is
//! asked to be changed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{Journey, PASSWORD, find};

const ACCOUNT: &str = "canbo.anphu";
const ROW: &str = "[data-testid='account-row-canbo.anphu']";

/// Logs in by hand with `password`, without waiting for the menu.
async fn try_login(j: &Journey, username: &str, password: &str) {
    j.open("/").await;
    j.fill(find::LOGIN_USERNAME, username).await;
    j.fill(find::LOGIN_PASSWORD, password).await;
    j.click(find::LOGIN_SUBMIT).await;
}

/// Opens the accounts tab from the units tab and finds `ACCOUNT` by its name.
async fn find_account(j: &Journey) {
    j.open("/admin").await;
    j.click("[data-testid=admin-tab-accounts]").await;
    j.find("[data-testid=accounts-panel]").await;
    j.fill("[data-testid=accounts-search]", "anphu").await;
    j.click("[data-testid=accounts-search-submit]").await;
    j.find(ROW).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_tabs_search_the_tree_and_lock_unlock_and_reset_an_account() {
    let mut j = Journey::start("admin-accounts").await;
    j.login("admin").await;

    // The sections are tabs, each its own address.
    j.open("/admin").await;
    j.find("[data-testid=admin-page]").await;
    for tab in [
        "units",
        "accounts",
        "tokens",
        "catalogue",
        "reorg",
        "calendar",
        "webhooks",
        "outbox",
        "explanations",
    ] {
        j.find(&format!("[data-testid=admin-tab-{tab}]")).await;
    }
    assert!(!j.exists("[data-testid=create-user-form]").await);
    assert!(!j.exists("[data-testid=api-tokens-panel]").await);

    // The tree's search ignores diacritics and keeps the match's parents.
    j.find("[data-testid=unit-tree]").await;
    let all_rows = j.count("[data-testid=unit-tree] tbody tr").await;
    j.fill("[data-testid=tree-search]", "xa an phu").await;
    j.wait_text("[data-testid=unit-tree] tr[data-match=true]", "An Phú")
        .await;
    assert!(j.count("[data-testid=unit-tree] tbody tr").await < all_rows);
    j.find("[data-testid=tree-search-count]").await;
    j.screenshot("tree-search").await;

    for (tab, page) in [
        ("tokens", "api-tokens-panel"),
        ("catalogue", "indicator-catalogue"),
        ("reorg", "reorg-panel"),
    ] {
        j.click(&format!("[data-testid=admin-tab-{tab}]")).await;
        j.find(&format!("[data-testid={page}]")).await;
        assert!(j.url().await.ends_with(&format!("/admin/{tab}")));
    }

    // Lock, after a confirmation with a reason.
    find_account(&j).await;
    j.wait_attr(ROW, "data-locked", "false").await;
    j.screenshot("accounts").await;
    j.click(&format!("{ROW} [data-testid=account-lock]")).await;
    j.find("[data-testid=account-confirm]").await;
    // Without a reason nothing is sent.
    j.click("[data-testid=account-confirm-submit]").await;
    j.find("[data-testid=account-confirm-error]").await;
    j.fill("#lock-reason", "Nghỉ phép dài hạn").await;
    j.screenshot("lock-confirm").await;
    j.click("[data-testid=account-confirm-submit]").await;
    j.wait_gone("[data-testid=account-confirm]").await;
    j.wait_attr(ROW, "data-locked", "true").await;
    j.wait_text(
        &format!("{ROW} [data-testid=account-lock-reason]"),
        "Nghỉ phép dài hạn",
    )
    .await;
    j.wait_text("[data-testid=account-action-result]", ACCOUNT)
        .await;
    j.screenshot("locked").await;

    // The locked account's right password is refused, saying why.
    j.logout().await;
    try_login(&j, ACCOUNT, PASSWORD).await;
    j.wait_text(
        "[data-testid=login-error][data-code=ACCOUNT_LOCKED]",
        "bị khóa",
    )
    .await;
    assert!(!j.exists(find::NAV).await);
    j.screenshot("login-refused").await;

    // Unlocked, it logs in again.
    j.login("admin").await;
    find_account(&j).await;
    j.wait_attr(ROW, "data-locked", "true").await;
    j.click(&format!("{ROW} [data-testid=account-unlock]"))
        .await;
    j.wait_attr(ROW, "data-locked", "false").await;
    j.logout().await;
    j.login(ACCOUNT).await;
    j.logout().await;

    // A reset password: the temporary one is shown once, logs in, and asks to be changed.
    j.login("admin").await;
    find_account(&j).await;
    j.click(&format!("{ROW} [data-testid=account-reset]")).await;
    j.find("[data-testid=account-confirm]").await;
    j.click("[data-testid=account-confirm-submit]").await;
    let temporary = j
        .find("[data-testid=temporary-password] code")
        .await
        .text()
        .await
        .unwrap();
    assert!(temporary.len() >= 10, "{temporary}");
    j.screenshot("temporary-password").await;

    // On a phone.
    j.set_window(390, 844).await;
    j.scroll_to("[data-testid=accounts-panel]").await;
    j.screenshot("accounts-phone").await;
    j.open("/admin").await;
    j.find("[data-testid=unit-tree]").await;
    j.screenshot("units-phone").await;
    j.set_window(1366, 768).await;

    j.logout().await;
    try_login(&j, ACCOUNT, PASSWORD).await;
    j.find(find::LOGIN_ERROR).await;
    try_login(&j, ACCOUNT, &temporary).await;
    j.find(find::NAV).await;
    j.find("[data-testid=must-change-password]").await;
    j.screenshot("must-change").await;
    j.finish().await;
}
