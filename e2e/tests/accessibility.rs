//! Accessibility and the phone: axe-core on every main page as the admin (no serious or
//! critical violation), and the shell and the tables at 390×844 (a one-row top bar, a menu
//! button that says what it does, tables read as cards), in headless Chromium against the
//! real server with the demo province.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{AN_PHU, Journey, LAST_MONTH, YEAR, find};
use std::path::PathBuf;
use std::process::Command;

/// axe-core's script, installed by scripts/install-axe into target/tools/axe when missing.
/// Never skips: without it the test fails and says how to install it.
fn axe_source() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let js = root.join("target/tools/axe/node_modules/axe-core/axe.min.js");
    if !js.is_file() {
        let status = Command::new(root.join("scripts/install-axe")).status();
        assert!(
            matches!(status, Ok(s) if s.success()),
            "axe-core is not installed and scripts/install-axe failed ({status:?}): \
             run scripts/install-axe (needs node and npm)"
        );
    }
    std::fs::read_to_string(&js)
        .unwrap_or_else(|e| panic!("axe-core is not readable at {}: {e}", js.display()))
}

/// Runs axe-core on the page as it is; the serious and critical violations, one line each.
async fn serious_violations(j: &Journey, axe: &str, page: &str) -> Vec<String> {
    let loaded = j
        .client
        .execute(&format!("{axe}\n;return typeof axe;"), vec![])
        .await
        .expect("inject axe-core");
    assert_eq!(loaded.as_str(), Some("object"), "axe-core did not load");
    let js = r#"
        const done = arguments[0];
        axe.run(document, { resultTypes: ['violations'] })
            .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = j.client.execute_async(js, vec![]).await.expect("axe.run");
    found
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| format!("{page}: {}", v.as_str().unwrap_or_default()))
        .collect()
}

/// Waits until no loading state is left on the page.
async fn settled(j: &Journey) {
    j.wait_gone(".state-loading").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_has_no_serious_accessibility_violation() {
    let mut j = Journey::start("a11y").await;
    let axe = axe_source();
    let commune = j.unit_id(AN_PHU).await;
    let (decision, _) = j.decision("55/QĐ-UBND").await;
    j.login("admin").await;
    let province = j.gql("{ me { unit { id } } }").await["me"]["unit"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let period = format!("year={YEAR}&kind=YTD&index={LAST_MONTH}");
    let pages = [
        ("/".to_owned(), "[data-testid=home-page]"),
        (
            format!("/dashboard?{period}"),
            "[data-testid=scoreboard-communes] [data-testid^=score-row-]",
        ),
        (format!("/units/{province}?{period}"), find::BREADCRUMB),
        (format!("/units/{commune}?{period}"), find::BREADCRUMB),
        (
            format!("/report?year={YEAR}&month={LAST_MONTH}"),
            "[data-testid=report-page]",
        ),
        ("/import".to_owned(), "[data-testid=import-page]"),
        ("/approvals".to_owned(), find::APPROVALS_TABLE),
        (
            "/explanations".to_owned(),
            "[data-testid=explanations-page]",
        ),
        ("/targets".to_owned(), find::DECISION_LINK),
        (
            format!("/targets/{decision}"),
            "[data-testid=decision-page]",
        ),
        ("/violations".to_owned(), "[data-testid=violations-page]"),
        ("/rankings".to_owned(), "[data-testid=rankings-page]"),
        ("/formulas".to_owned(), "[data-testid=formulas-page]"),
        ("/admin".to_owned(), "[data-testid=admin-page]"),
        (
            "/admin/calendar".to_owned(),
            "[data-testid=admin-calendar-page]",
        ),
        (
            "/admin/webhooks".to_owned(),
            "[data-testid=admin-webhooks-page]",
        ),
        (
            "/admin/outbox".to_owned(),
            "[data-testid=admin-outbox-page]",
        ),
        (
            "/admin/explanations".to_owned(),
            "[data-testid=admin-explanations-page]",
        ),
        ("/account".to_owned(), "[data-testid=account-page]"),
    ];
    let mut found = Vec::new();
    for (path, marker) in &pages {
        j.open(path).await;
        j.find(marker).await;
        settled(&j).await;
        found.extend(serious_violations(&j, &axe, path).await);
    }
    // The phone's layout too: the menu open, tables as cards.
    j.set_window(390, 844).await;
    j.open(&format!("/dashboard?{period}")).await;
    j.find("[data-testid=scoreboard-communes] [data-testid^=score-row-]")
        .await;
    settled(&j).await;
    j.click("[data-testid=menu-toggle]").await;
    found.extend(serious_violations(&j, &axe, "dashboard on a phone").await);
    j.screenshot("dashboard-phone-menu").await;
    j.finish().await;
    assert!(
        found.is_empty(),
        "serious or critical accessibility violations:\n{}",
        found.join("\n")
    );
}

/// The box of the first element matching `css`: (width, height).
async fn size(j: &Journey, css: &str) -> (f64, f64) {
    let el = j.find(css).await;
    let arg = serde_json::to_value(&el).unwrap();
    let v = j
        .client
        .execute(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];",
            vec![arg],
        )
        .await
        .expect("script");
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// The font's line height of the element, in pixels.
async fn line_height(j: &Journey, css: &str) -> f64 {
    let el = j.find(css).await;
    let arg = serde_json::to_value(&el).unwrap();
    j.client
        .execute(
            "const s = getComputedStyle(arguments[0]); return parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.45;",
            vec![arg],
        )
        .await
        .expect("script")
        .as_f64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_top_bar_is_one_row_the_menu_button_flips_and_tables_are_cards() {
    let mut j = Journey::start("phone").await;
    j.login("admin").await;
    j.set_window(390, 844).await;
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    let row = "[data-testid=scoreboard-communes] [data-testid^=score-row-]";
    j.find(row).await;

    // The top bar: one row, at most 64 px high.
    let (_, header) = size(&j, "header.topbar").await;
    assert!(header <= 64.0, "the top bar is {header} px high on a phone");
    j.screenshot("top-bar").await;

    // The menu button says what it will do.
    let toggle = "[data-testid=menu-toggle]";
    j.wait_text(toggle, "Mở menu").await;
    assert_eq!(
        j.attr(toggle, "aria-expanded").await.as_deref(),
        Some("false")
    );
    j.click(toggle).await;
    j.wait_text(toggle, "Đóng menu").await;
    assert_eq!(
        j.attr(toggle, "aria-expanded").await.as_deref(),
        Some("true")
    );
    j.find("#main-nav.open [data-testid=nav-dashboard]").await;
    j.find(find::CURRENT_ROLE).await;
    j.screenshot("menu-open").await;
    j.click(toggle).await;
    j.wait_text(toggle, "Mở menu").await;

    // The scoreboard reads as cards: every cell labelled with its column, wide, on few lines.
    let communes = j
        .gql(&format!(
            "{{ scoreboard(period: {{ year: {YEAR}, kind: YTD, index: {LAST_MONTH} }}, kind: COMMUNE) {{ unit {{ id }} }} }}"
        ))
        .await["scoreboard"]
        .as_array()
        .map(Vec::len)
        .unwrap_or_default();
    assert!(
        communes > 24,
        "the demo has {communes} communes, not more than the first frame's rows"
    );
    // Rendered a few rows a frame, then all of them.
    j.wait_count(row, communes).await;
    let unit_cell = format!("{row} td.unit-cell");
    assert_eq!(
        j.attr(&unit_cell, "data-label").await.as_deref(),
        Some("Đơn vị")
    );
    let (width, height) = size(&j, &unit_cell).await;
    assert!(width > 200.0, "a cell of a card is {width} px wide");
    let line = line_height(&j, &unit_cell).await;
    assert!(
        height < 4.0 * line,
        "a unit's name takes {height} px ({line} px a line): one word or letter per line"
    );
    let status_cell = format!("{row} td.cell-status");
    let label = j.attr(&status_cell, "data-label").await.unwrap_or_default();
    assert!(
        label.chars().count() > 10,
        "an indicator cell is labelled with the indicator's name, not {label:?}"
    );
    let (_, height) = size(&j, &status_cell).await;
    let line = line_height(&j, &status_cell).await;
    assert!(
        height < 6.0 * line,
        "an indicator cell takes {height} px ({line} px a line)"
    );
    j.scroll_to(row).await;
    j.screenshot("scoreboard-cards").await;

    // Sorting still orders every row, those rendered later included.
    j.click("[data-testid=scoreboard-communes-sort-name]").await;
    let names: Vec<String> = j
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=scoreboard-communes] [data-testid=score-unit-link]')).map(a => a.textContent.trim());",
            vec![],
        )
        .await
        .expect("script")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), communes, "every row stays after sorting");
    let mut by_name = names.clone();
    by_name.sort_by(|a, b| backend::domain::collation::compare(a, b));
    assert_eq!(names, by_name, "sorted by name in Vietnamese order");

    // The unit page's tables (the shared table component) are cards too.
    let commune = j.unit_id(AN_PHU).await;
    j.open(&format!("/units/{commune}")).await;
    j.find(find::BREADCRUMB).await;
    let cell = ".table-wrap table.table:not(.stack-table) tbody td[data-label]";
    let (width, _) = size(&j, cell).await;
    assert!(width > 200.0, "a cell of the unit page is {width} px wide");
    j.scroll_to(cell).await;
    j.screenshot("unit-cards").await;
    let (_, header) = size(&j, "header.topbar").await;
    assert!(
        header <= 64.0,
        "the top bar is {header} px high on the unit page"
    );
    j.finish().await;
}
