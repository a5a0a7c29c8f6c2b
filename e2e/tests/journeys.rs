//! The journeys provincial staff make, in headless Chromium against the real server with
//! the demo province and the built single-page app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{AN_PHU, Journey, LAST_MONTH, Preset, YEAR, find};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_logs_in_and_sees_only_its_menu() {
    let mut j = Journey::start("menus").await;
    // (account, sees report entry, sees approvals, sees administration)
    for (user, report, approvals, admin) in [
        ("admin", true, true, true),
        ("quanly", true, true, false),
        ("canbo.anphu", true, false, false),
        ("lanhdao", false, false, false),
    ] {
        j.login(user).await;
        j.find(find::HOME).await;
        assert_eq!(
            j.exists(find::NAV_REPORT).await,
            report,
            "{user}: report menu"
        );
        assert_eq!(
            j.exists(find::NAV_IMPORT).await,
            report,
            "{user}: import menu"
        );
        assert_eq!(
            j.exists(find::NAV_APPROVALS).await,
            approvals,
            "{user}: approvals menu"
        );
        assert_eq!(
            j.exists(find::NAV_ADMIN).await,
            admin,
            "{user}: administration menu"
        );
        assert!(
            j.exists(find::NAV_TARGETS).await,
            "{user}: everyone reads targets"
        );
        j.screenshot(&format!("menu-{user}")).await;
        j.logout().await;
    }
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_shows_an_error_and_stays_on_the_login_page() {
    let j = Journey::start("login-error").await;
    j.open("/").await;
    j.fill(find::LOGIN_USERNAME, "admin").await;
    j.fill(find::LOGIN_PASSWORD, "not the password").await;
    j.click(find::LOGIN_SUBMIT).await;
    j.find(find::LOGIN_ERROR).await;
    assert!(!j.exists(find::NAV).await);
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_enters_a_month_sees_a_consistency_error_fixes_it_and_submits() {
    let mut j = Journey::start("report").await;
    // Xã An Phú has not reported last month yet.
    assert_eq!(j.stored_month(AN_PHU, YEAR, LAST_MONTH).await.0, "NONE");
    j.login("canbo.anphu").await;
    j.open(&format!("/report?year={YEAR}&month={LAST_MONTH}"))
        .await;
    j.find(find::REPORT_FORM).await;
    j.fill(&find::measure("RECEIVED"), "100").await;
    j.fill(&find::measure("RECEIVED_ONLINE"), "60").await;
    j.fill(&find::measure("FULL_ONLINE"), "80").await;
    j.find(find::CONSISTENCY_ERROR).await;
    j.screenshot("consistency-error").await;
    j.fill(&find::measure("FULL_ONLINE"), "40").await;
    assert!(
        !j.exists(find::CONSISTENCY_ERROR).await,
        "the error goes away once fixed"
    );
    j.click(find::REPORT_SAVE).await;
    // A new month is a DRAFT before it is saved too: wait for the saved version.
    j.wait_text("[data-testid=report-version]", "1").await;
    j.wait_attr(find::REPORT_STATUS, "data-status", "DRAFT")
        .await;
    j.click(find::REPORT_SUBMIT).await;
    j.wait_attr(find::REPORT_STATUS, "data-status", "SUBMITTED")
        .await;
    j.screenshot("report-submitted").await;

    let stored = j.stored_month(AN_PHU, YEAR, LAST_MONTH).await;
    assert_eq!(stored.0, "SUBMITTED");
    assert_eq!(stored.1.get("FULL_ONLINE"), Some(&40));
    assert_eq!(stored.1.get("RECEIVED"), Some(&100));
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manager_approves_a_submitted_month() {
    let mut j = Journey::start("approvals").await;
    // Last month: a commune that submitted it.
    let (code, commune) = j.commune_with(YEAR, LAST_MONTH, "SUBMITTED").await;
    j.login("quanly").await;
    j.click(find::NAV_APPROVALS).await;
    j.select("#approvals-year", &YEAR.to_string()).await;
    j.select("#approvals-month", &LAST_MONTH.to_string()).await;
    let row = find::approval_row(commune);
    j.wait_attr(&row, "data-status", "SUBMITTED").await;
    j.screenshot("approvals").await;
    j.click(&format!("{row} [data-testid=approve]")).await;
    j.wait_attr(&row, "data-status", "APPROVED").await;
    assert_eq!(j.stored_month(&code, YEAR, LAST_MONTH).await.0, "APPROVED");
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_cannot_open_another_communes_report() {
    let mut j = Journey::start("scope").await;
    // Another commune of the two-level province, with an approved month.
    let other = j.unit_id("XM02").await;
    let before = j.stored_month("XM02", YEAR, 9).await;
    assert_eq!(before.0, "APPROVED");
    j.login("canbo.anphu").await;
    j.open(&format!("/report?unit={other}&year={YEAR}&month=9"))
        .await;
    j.wait_attr(find::ERROR, "data-code", "NOT_FOUND").await;
    assert!(
        !j.exists(find::REPORT_FORM).await,
        "no form for a unit outside the officer's scope"
    );
    j.screenshot("report-out-of-scope").await;
    assert_eq!(
        j.stored_month("XM02", YEAR, 9).await,
        before,
        "nothing changed"
    );
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_sets_a_target_splits_it_and_the_unit_page_shows_it() {
    let mut j = Journey::start("targets").await;
    let commune = j.unit_id(AN_PHU).await;
    j.login("admin").await;
    j.click(find::NAV_TARGETS).await;
    j.click(find::DECISION_LINK).await;
    j.find(find::SET_TARGET_FORM).await;
    // The decision lists a page of targets at a time: show the commune's.
    j.select(find::TARGETS_FILTER, &commune.to_string()).await;
    j.select(find::TARGET_UNIT, &commune.to_string()).await;
    j.select(find::TARGET_INDICATOR, "FULL_ONLINE_RATE").await;
    j.fill(find::TARGET_VALUE, "70").await;
    j.click(find::SET_TARGET_SUBMIT).await;
    // The demo's target has a roadmap: the edit asks what becomes of it; start afresh.
    j.click("[data-testid=roadmap-clear]").await;
    j.click("[data-testid=roadmap-choice-save]").await;
    j.find(find::SET_TARGET_RESULT).await;
    let target = j.target_id(AN_PHU, "FULL_ONLINE_RATE").await;
    assert_eq!(j.target_value(target).await, 70.0);
    let row = find::target_row(target);
    j.click(&format!("{row} [data-testid=split-open]")).await;
    j.select(find::SPLIT_METHOD, "LINEAR").await;
    j.select(find::SPLIT_GRAIN, "QUARTER").await;
    j.click(find::SPLIT_PREVIEW_BUTTON).await;
    j.wait_text(find::SPLIT_PREVIEW, "Q4").await;
    assert!(
        j.milestones(target).await.is_empty(),
        "a preview saves nothing"
    );
    j.click(find::SPLIT_SUBMIT).await;
    // The saved milestones (the section shows "none" until the split is stored).
    j.find(&format!("{} .milestones", find::SPLIT_MILESTONES))
        .await;
    j.screenshot("target-split").await;
    assert_eq!(j.milestones(target).await.len(), 4);

    j.open(&format!(
        "/units/{commune}?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    let card = find::indicator_card("FULL_ONLINE_RATE");
    j.wait_text(&format!("{card} [data-testid=indicator-target]"), "70")
        .await;
    let status = j
        .find(&card)
        .await
        .attr("data-status")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        ["ON_TRACK", "AT_RISK", "OFF_TRACK"].contains(&status.as_str()),
        "a status against the new target: {status}"
    );
    j.screenshot("unit-page").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_pages_through_a_decisions_targets_and_a_filter_goes_back_to_page_one() {
    let mut j = Journey::start("paging").await;
    let (decision, total) = j.decision("55/QĐ-UBND").await;
    let commune = j.unit_id(AN_PHU).await;
    let pages = total.div_ceil(50);
    assert!(pages > 2, "the demo decision spans pages: {total} targets");
    let status = |page: usize| format!("Trang {page}/{pages} · {} chỉ tiêu", dotted(total));
    j.login("quanly").await;
    j.open(&format!("/targets/{decision}")).await;
    j.wait_text(find::TARGETS_PAGE_STATUS, &status(1)).await;
    j.wait_count(find::TARGET_ROWS, 50).await;
    assert!(
        !j.find(find::TARGETS_PAGE_PREV)
            .await
            .is_enabled()
            .await
            .unwrap()
    );
    let first_row_of_page_1 = j.attr(find::TARGET_ROWS, "data-testid").await;
    j.scroll_to(find::TARGETS_PAGER).await;
    j.screenshot("targets-page-1").await;

    // Sau: the next 50 targets.
    j.click(find::TARGETS_PAGE_NEXT).await;
    j.wait_text(find::TARGETS_PAGE_STATUS, &status(2)).await;
    j.wait_count(find::TARGET_ROWS, 50).await;
    assert_ne!(
        j.attr(find::TARGET_ROWS, "data-testid").await,
        first_row_of_page_1,
        "page 2 shows other targets"
    );
    // Trước: back to the first page.
    j.click(find::TARGETS_PAGE_PREV).await;
    j.wait_text(find::TARGETS_PAGE_STATUS, &status(1)).await;
    assert_eq!(
        j.attr(find::TARGET_ROWS, "data-testid").await,
        first_row_of_page_1
    );

    // Through every page to the last, which holds the rest.
    for page in 2..=pages {
        j.click(find::TARGETS_PAGE_NEXT).await;
        j.wait_text(find::TARGETS_PAGE_STATUS, &status(page)).await;
    }
    j.wait_count(find::TARGET_ROWS, total - (pages - 1) * 50)
        .await;
    assert!(
        !j.find(find::TARGETS_PAGE_NEXT)
            .await
            .is_enabled()
            .await
            .unwrap()
    );
    j.scroll_to(find::TARGETS_PAGER).await;
    j.screenshot("targets-last-page").await;

    // A unit's targets fit on one page: no pager. Clearing the filter starts again at page 1.
    j.select(find::TARGETS_FILTER, &commune.to_string()).await;
    let of_commune = j.unit_targets(decision, commune).await;
    assert!((1..=50).contains(&of_commune), "{of_commune}");
    j.wait_count(find::TARGET_ROWS, of_commune).await;
    assert!(
        !j.exists(find::TARGETS_PAGER).await,
        "one page needs no pager"
    );
    j.select(find::TARGETS_FILTER, "").await;
    j.wait_text(find::TARGETS_PAGE_STATUS, &status(1)).await;
    j.wait_count(find::TARGET_ROWS, 50).await;
    assert_eq!(
        j.attr(find::TARGET_ROWS, "data-testid").await,
        first_row_of_page_1
    );
    j.finish().await;
}

/// A count written the Vietnamese way: 1664 → "1.664".
fn dotted(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_toggle_switches_every_label() {
    let mut j = Journey::start("language").await;
    j.login("admin").await;
    j.click(find::NAV_DASHBOARD).await;
    j.find(find::INDICATOR_CARDS).await;
    let vi = j.chrome_text().await;
    assert!(has_vietnamese(&vi), "Vietnamese by default: {vi}");
    assert!(
        vi.lines().filter(|l| !l.trim().is_empty()).count() >= 5,
        "the page has labels to check: {vi}"
    );
    j.click(find::LANG_TOGGLE).await;
    j.wait_text(find::NAV, "").await;
    let deadline = Instant::now() + std::time::Duration::from_secs(5);
    // Indicator names are catalogue data (stored in Vietnamese), shown as column headers.
    let data = j.indicator_names().await;
    let chrome = |t: String| {
        t.lines()
            .filter(|l| !data.iter().any(|n| l.contains(n.as_str())))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let en = loop {
        let t = chrome(j.chrome_text().await);
        if !has_vietnamese(&t) || Instant::now() > deadline {
            break t;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(
        !has_vietnamese(&en),
        "every label and menu item in English: {en}"
    );
    j.screenshot("english").await;
    // Remembered across a reload.
    j.open("/dashboard").await;
    j.find(find::INDICATOR_CARDS).await;
    assert!(!has_vietnamese(&chrome(j.chrome_text().await)));
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_renders_and_is_captured() {
    let mut j = Journey::start("pages").await;
    let commune = j.unit_id(AN_PHU).await;
    j.login("admin").await;
    let started = Instant::now();
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find(&format!(
        "{} [data-testid^=score-row-]",
        find::SCOREBOARD_COMMUNES
    ))
    .await;
    j.find(&find::indicator_card("FULL_ONLINE_RATE")).await;
    eprintln!(
        "dashboard rendered in {:?} after navigation",
        started.elapsed()
    );
    j.screenshot("dashboard").await;
    for (path, marker, name) in [
        (format!("/units/{commune}"), find::BREADCRUMB, "unit"),
        ("/report".to_owned(), find::REPORT_FORM, "report"),
        ("/approvals".to_owned(), find::APPROVALS_TABLE, "approvals"),
        ("/targets".to_owned(), find::DECISION_LINK, "targets"),
        (
            "/violations".to_owned(),
            "[data-testid=violations-page]",
            "violations",
        ),
        (
            "/rankings".to_owned(),
            "[data-testid=rankings-page]",
            "rankings",
        ),
        ("/admin".to_owned(), "[data-testid=admin-page]", "admin"),
    ] {
        j.open(&path).await;
        j.find(marker).await;
        assert!(
            !j.exists("[data-testid=error]").await,
            "{name} shows an error"
        );
        j.screenshot(name).await;
    }
    j.set_window(390, 844).await;
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find(&find::indicator_card("FULL_ONLINE_RATE")).await;
    j.screenshot("dashboard-phone").await;
    j.finish().await;
}

/// Letters only Vietnamese uses (labels in English have none of them).
fn has_vietnamese(text: &str) -> bool {
    text.chars().any(|c| {
        "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_assigns_a_personal_target_edits_the_catalogue_and_sees_the_charts() {
    let mut j = Journey::start("admin").await;
    let commune = j.unit_id(AN_PHU).await;
    let target = j.target_id(AN_PHU, "FULL_ONLINE_RATE").await;
    let staff = j.first_staff(AN_PHU).await;
    j.login("admin").await;

    j.open("/targets").await;
    j.click(find::DECISION_LINK).await;
    j.select(find::TARGETS_FILTER, &commune.to_string()).await;
    let row = find::target_row(target);
    j.click(&format!("{row} [data-testid=assign-open]")).await;
    j.select("#assign-staff", &staff.to_string()).await;
    j.fill("#assign-value", "75").await;
    j.click("[data-testid=assign-submit]").await;
    j.find("[data-testid=assign-result]").await;
    j.screenshot("personal-target").await;
    assert_eq!(j.staff_target(target, staff).await, Some(75.0));

    j.open("/admin/catalogue").await;
    j.click("[data-testid=indicator-row-REUSE_RATE] [data-testid=indicator-edit]")
        .await;
    j.fill("#edit-indicator-points", "6").await;
    j.click("[data-testid=edit-indicator-submit]").await;
    j.find("[data-testid=edit-indicator-result]").await;
    assert_eq!(j.indicator_points("REUSE_RATE").await, 6.0);

    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find("[data-testid^=group-chart-]").await;
    j.screenshot("dashboard-charts").await;
    j.open(&format!(
        "/units/{commune}?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find("[data-testid^=ytd-chart-]").await;
    j.screenshot("unit-charts").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_uploads_a_file_sees_its_problem_fixes_it_previews_and_stores_it() {
    let mut j = Journey::start("import").await;
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("import-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    // Last month, which Xã An Phú has not reported yet.
    let month = |received_online: &str| {
        format!(
            "Mã đơn vị,Năm,Tháng,RECEIVED,RECEIVED_ONLINE,FULL_ONLINE,DUE,ON_TIME\n{AN_PHU},{YEAR},{LAST_MONTH},120,{received_online},50,100,95\n"
        )
    };
    let bad = dir.join("thang-10-loi.csv");
    std::fs::write(&bad, month("12x")).unwrap();
    let good = dir.join("thang-10.csv");
    std::fs::write(&good, month("90")).unwrap();

    j.login("canbo.anphu").await;
    j.click(find::NAV_IMPORT).await;
    j.find(find::IMPORT_PAGE).await;
    // A file with a bad cell: the preview names its row and column, nothing can be stored.
    j.find(find::IMPORT_FILE)
        .await
        .send_keys(&bad.display().to_string())
        .await
        .unwrap();
    j.click(find::IMPORT_PREVIEW).await;
    let problem = j
        .wait_text(find::IMPORT_PROBLEM, "E (Hồ sơ nộp trực tuyến)")
        .await;
    assert!(problem.contains('2'), "the row is named: {problem}");
    // The detail is a Vietnamese sentence built from the cell as written, not the server's
    // English message; English on the toggle.
    let detail = j
        .find(find::IMPORT_PROBLEM_DETAIL)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        detail,
        "«12x» ở cột E (Hồ sơ nộp trực tuyến) không phải là số nguyên không âm."
    );
    j.screenshot("import-problem").await;
    j.click(find::LANG_TOGGLE).await;
    j.wait_text(
        find::IMPORT_PROBLEM_DETAIL,
        "“12x” in column E (Dossiers submitted online) is not a whole number of 0 or more.",
    )
    .await;
    j.click(find::LANG_TOGGLE).await;
    j.wait_text(
        find::IMPORT_PROBLEM_DETAIL,
        "không phải là số nguyên không âm",
    )
    .await;
    assert!(
        !j.find(find::IMPORT_CONFIRM)
            .await
            .is_enabled()
            .await
            .unwrap()
    );
    // The fixed file previews its 5 new values, then is stored and submitted.
    j.open("/import").await;
    j.find(find::IMPORT_PAGE).await;
    j.find(find::IMPORT_FILE)
        .await
        .send_keys(&good.display().to_string())
        .await
        .unwrap();
    j.click(find::IMPORT_PREVIEW).await;
    let row = j.wait_text(&find::import_unit(AN_PHU), "5").await;
    assert!(row.contains(AN_PHU), "{row}");
    j.screenshot("import-preview").await;
    assert!(
        j.stored_month(AN_PHU, YEAR, LAST_MONTH).await.1.is_empty(),
        "a preview stores nothing"
    );
    j.click(find::IMPORT_SUBMIT).await;
    j.click(find::IMPORT_CONFIRM).await;
    j.wait_attr(find::IMPORT_RESULT, "data-stored", "true")
        .await;
    j.screenshot("import-stored").await;
    let stored = j.stored_month(AN_PHU, YEAR, LAST_MONTH).await;
    assert_eq!(stored.0, "SUBMITTED");
    assert_eq!(stored.1.get("RECEIVED_ONLINE"), Some(&90));
    assert_eq!(stored.1.len(), 5);
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_downloads_the_scoreboard_as_excel_and_csv_and_the_notice_as_pdf() {
    let mut j = Journey::start("download").await;
    j.login("lanhdao").await;
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find(&format!(
        "{} [data-testid^=score-row-]",
        find::SCOREBOARD_COMMUNES
    ))
    .await;
    j.click("[data-testid=export-scoreboard-xlsx]").await;
    let (name, bytes) = j.downloaded("xlsx").await;
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file: {name}");
    assert!(
        bytes.len() > 5_000,
        "the scoreboard of every unit: {} bytes",
        bytes.len()
    );
    j.wait_attr("[data-testid=export-scoreboard]", "data-busy", "false")
        .await;
    assert!(!j.exists("[data-testid=download-error]").await);
    j.click("[data-testid=export-scoreboard-csv]").await;
    let (_, csv) = j.downloaded("csv").await;
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'), "a byte-order mark");
    assert!(text.contains("Xã An Phú"), "Vietnamese names survive");
    j.wait_attr("[data-testid=export-scoreboard]", "data-busy", "false")
        .await;
    j.click("[data-testid=export-scoreboard-pdf]").await;
    let (name, pdf) = j.downloaded("pdf").await;
    assert!(
        pdf.starts_with(b"%PDF"),
        "the results notice as a PDF: {name}"
    );
    assert!(name.contains("Thông báo"), "a Vietnamese file name: {name}");
    assert!(!j.exists("[data-testid=download-error]").await);
    j.screenshot("download").await;
    j.finish().await;
}

/// The answer's `units` as (id, name, parent id).
fn unit_list(data: &serde_json::Value) -> Vec<(String, String, Option<String>)> {
    data["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_owned(),
                u["name"].as_str().unwrap().to_owned(),
                u["parent"]["id"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_merges_two_communes_after_a_preview_and_the_pages_follow_the_lineage() {
    let mut j = Journey::start("reorg").await;
    j.login("admin").await;

    // The dashboard opens on the latest month with figures, and the address says which.
    let me = j
        .gql("{ me { unit { id latestMonth { year month } } } }")
        .await;
    let latest = &me["me"]["unit"]["latestMonth"];
    assert!(latest.is_object(), "the demo has figures: {me}");
    let (year, month) = (
        latest["year"].as_i64().unwrap(),
        latest["month"].as_i64().unwrap(),
    );
    j.open("/dashboard").await;
    j.find(find::INDICATOR_CARDS).await;
    j.wait_url(&format!("year={year}&kind=MONTH&index={month}"))
        .await;
    assert_eq!(j.value(find::PERIOD_YEAR).await, year.to_string());
    assert_eq!(j.value(find::PERIOD_INDEX).await, month.to_string());
    assert_eq!(j.value(find::PERIOD_KIND).await, "MONTH");
    j.wait_text("[data-testid=period-label]", &format!("{month}/{year}"))
        .await;
    assert!(
        !j.exists(find::NO_FIGURES).await,
        "the dashboard opens on a month with figures"
    );
    j.screenshot("dashboard-latest-month").await;
    // So do the other pages of a period, each keeping it in the address.
    for (path, year_select, month_select) in [
        ("/approvals", "#approvals-year", "#approvals-month"),
        ("/report", "#report-year", "#report-month"),
        ("/rankings", find::PERIOD_YEAR, find::PERIOD_INDEX),
    ] {
        j.open(path).await;
        j.wait_url(&format!("year={year}&kind=MONTH&index={month}"))
            .await;
        assert_eq!(j.value(year_select).await, year.to_string(), "{path}");
        assert_eq!(j.value(month_select).await, month.to_string(), "{path}");
    }
    j.open("/violations").await;
    j.wait_url(&format!("year={year}&kind=YEAR")).await;
    assert_eq!(j.value("#violations-year").await, year.to_string());

    // Two communes in force under the same parent, merged from the first day of next month
    // (a merge in the future has no figures after it).
    let communes = unit_list(
        &j.gql("{ units(kind: COMMUNE) { id name parent { id } } }")
            .await,
    );
    let (a, b) = communes
        .iter()
        .enumerate()
        .find_map(|(i, a)| {
            communes[i + 1..]
                .iter()
                .find(|b| b.2.is_some() && b.2 == a.2)
                .map(|b| (a.clone(), b.clone()))
        })
        .expect("two communes in force under one parent");
    let parent = a.2.clone().unwrap();
    let (y, m) = j.browser_month().await;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let effective = format!("01/{nm:02}/{ny}");
    let (code, name, decision) = ("XHN-E2E", "Xã Hợp Nhất", "123/NQ-UBTVQH15");

    j.open("/admin/reorg").await;
    j.find(find::REORG_PANEL).await;
    assert_eq!(j.value(find::REORG_KIND).await, "MERGE");
    j.select("#reorg-search-kind", "COMMUNE").await;
    for (id, unit_name, _) in [&a, &b] {
        j.fill(find::REORG_SEARCH, unit_name).await;
        j.click(&find::reorg_source(id)).await;
    }
    j.find(&format!("[data-testid=reorg-chosen-{}]", a.0)).await;
    j.find(&format!("[data-testid=reorg-chosen-{}]", b.0)).await;
    j.click(find::REORG_INTO_NEW).await;
    j.fill(find::REORG_NEW_CODE, code).await;
    j.fill(find::REORG_NEW_NAME, name).await;
    j.select(find::REORG_NEW_PARENT, &parent).await;
    j.fill(find::REORG_DECISION, decision).await;

    // From a month the commune already has figures for, the merge is refused, inline.
    let a_latest = j
        .gql(&format!(
            "{{ unit(id: \"{}\") {{ latestMonth {{ year month }} }} }}",
            a.0
        ))
        .await["unit"]["latestMonth"]
        .clone();
    assert!(a_latest.is_object(), "the demo commune has figures");
    j.select(find::REORG_YEAR, &a_latest["year"].to_string())
        .await;
    j.select(find::REORG_MONTH, &a_latest["month"].to_string())
        .await;
    j.click(find::REORG_PREVIEW).await;
    j.find("[data-testid=reorg-result] [data-testid=error][data-code=VALIDATION]")
        .await;
    assert!(!j.exists(find::REORG_PREVIEW_BOX).await);
    assert!(!j.exists(find::REORG_CONFIRM).await);
    j.scroll_to("[data-testid=reorg-result]").await;
    j.screenshot("admin-merge-refused").await;

    j.select(find::REORG_YEAR, &ny.to_string()).await;
    j.select(find::REORG_MONTH, &nm.to_string()).await;
    j.wait_text("[data-testid=reorg-effective-hint]", &effective)
        .await;
    j.scroll_to("[data-testid=reorg-sources]").await;
    j.screenshot("admin-merge-form").await;

    // The preview says what changes, and saves nothing.
    j.click(find::REORG_PREVIEW).await;
    let preview = j.wait_text(find::REORG_PREVIEW_BOX, name).await;
    assert!(
        preview.contains(&a.1) && preview.contains(&b.1),
        "{preview}"
    );
    assert!(preview.contains(&effective), "{preview}");
    j.find("[data-testid=preview-figures]").await;
    assert!(!j.unit_exists(code).await, "a preview saves nothing");
    j.scroll_to(find::REORG_PREVIEW_BOX).await;
    j.screenshot("admin-merge-preview").await;

    // Confirmed: the new unit exists and the list of reorganisations has it.
    j.click(find::REORG_CONFIRM).await;
    j.find(find::REORG_RESULT_LINK).await;
    assert!(j.unit_exists(code).await, "the merge is saved");
    let new_id = j.unit_id(code).await.to_string();
    j.wait_text(find::PAST_REORGANIZATIONS, decision).await;
    j.scroll_to(find::REORG_RESULT_LINK).await;
    j.screenshot("admin-merge-done").await;

    // The tree as of the effective day lists the new commune instead of the two.
    j.open("/admin").await;
    j.fill("#tree-as-of", &effective).await;
    j.find(&format!("[data-testid=unit-row-{new_id}]")).await;
    j.wait_count(&format!("[data-testid=unit-row-{}]", a.0), 0)
        .await;
    j.scroll_to("#tree-as-of").await;
    j.screenshot("admin-tree-as-of").await;

    // The new commune's page shows where it comes from.
    j.open(&format!("/units/{new_id}")).await;
    j.wait_text(find::UNIT_NAME, name).await;
    j.find(&find::predecessor(&a.0)).await;
    j.find(&find::predecessor(&b.0)).await;
    j.wait_text(find::UNIT_IN_FORCE, &effective).await;
    j.wait_text(find::UNIT_REORGANIZATIONS, decision).await;
    j.wait_text(find::UNIT_REORGANIZATIONS, "Sáp nhập").await;
    j.wait_text(find::UNIT_STANDING, &effective).await;
    j.scroll_to(find::UNIT_LINEAGE).await;
    j.screenshot("unit-lineage").await;

    // A merged commune names its successor and the day.
    j.click(&format!("{} a", find::predecessor(&a.0))).await;
    j.wait_text(find::UNIT_NAME, &a.1).await;
    j.find(&find::successor(&new_id)).await;
    let banner = j.wait_text(find::UNIT_STANDING, name).await;
    assert!(banner.contains(&effective), "{banner}");
    j.screenshot("merged-commune").await;

    // The scoreboard of the year marks the new commune with the day of the merge (a merge
    // on 1 January opens its year: no period of that year spans it).
    if nm > 1 {
        j.open(&format!("/dashboard?year={ny}&kind=YEAR&index=12"))
            .await;
        let row = format!("[data-testid=score-row-{new_id}]");
        j.wait_text(&format!("{row} [data-testid=score-merged]"), &effective)
            .await;
        j.scroll_to(&row).await;
        j.screenshot("scoreboard-merged-mark").await;
    }

    // On a phone.
    j.set_window(390, 844).await;
    j.open(&format!("/units/{new_id}")).await;
    j.find(find::UNIT_LINEAGE).await;
    j.scroll_to(find::UNIT_LINEAGE).await;
    j.screenshot("unit-lineage-phone").await;
    j.open("/admin/reorg").await;
    j.find(find::REORG_PANEL).await;
    j.scroll_to(find::REORG_PANEL).await;
    j.screenshot("admin-reorg-phone").await;

    // In English too.
    j.set_window(1366, 768).await;
    j.click(find::LANG_TOGGLE).await;
    j.open(&format!("/units/{}", a.0)).await;
    j.wait_text(find::UNIT_STANDING, "will be merged into")
        .await;
    j.wait_text(find::UNIT_LINEAGE, "Successors").await;
    j.screenshot("merged-commune-en").await;
    j.finish().await;
}

/// A commune of the demo on the national index whose month `month` has an indicator short
/// of its goal and an official figure that differs from ours: (id, code, score).
async fn commune_to_explain(j: &Journey, month: i32) -> (String, String, f64) {
    let board = j
        .gql(&format!(
            "{{ scoreboard(period: {{year: {YEAR}, kind: MONTH, index: {month}}}, kind: COMMUNE) {{
                score unit {{ id code }}
                results {{ shortfall {{ dossiers }} official {{ differs }} }} }} }}"
        ))
        .await;
    let rows = board["scoreboard"].as_array().cloned().unwrap_or_default();
    let pick = rows
        .iter()
        .find(|r| {
            let results = r["results"].as_array().cloned().unwrap_or_default();
            r["score"].is_number()
                && results.iter().any(|x| x["shortfall"].is_object())
                && results.iter().any(|x| x["official"]["differs"] == true)
        })
        .unwrap_or_else(|| {
            panic!("no commune with a shortfall and a differing official figure in {month}/{YEAR}")
        });
    (
        pick["unit"]["id"].as_str().unwrap().to_owned(),
        pick["unit"]["code"].as_str().unwrap().to_owned(),
        pick["score"].as_f64().unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_reads_how_a_communes_national_score_is_worked_out_beside_the_portals() {
    let mut j = Journey::start_on("national-score", Preset::Qd766).await;
    j.login("lanhdao").await;
    let (commune, _, score) = commune_to_explain(&j, LAST_MONTH).await;

    // The communes' board of the month: each row with its change since the month before.
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=MONTH&index={LAST_MONTH}"
    ))
    .await;
    let row = format!(
        "{} [data-testid=score-row-{commune}]",
        find::SCOREBOARD_COMMUNES
    );
    j.find(&row).await;
    let delta = j
        .wait_text(&format!("{row} [data-testid=score-delta]"), "")
        .await;
    assert!(
        delta.starts_with(['↑', '↓', '=', '+', '-', '±']),
        "the change since the previous month: {delta}"
    );
    j.scroll_to(&row).await;
    j.screenshot("board-delta").await;

    // The commune's page shows its score, and "Cách tính" explains it.
    j.click(&format!("{row} [data-testid=score-unit-link]"))
        .await;
    j.find(find::UNIT_PAGE).await;
    let shown = j
        .wait_text("[data-testid=unit-score] [data-testid=score-value]", ",")
        .await;
    assert_eq!(
        shown,
        dotted_decimal(score),
        "the score as the API computes it"
    );
    j.screenshot("unit-score").await;
    j.click("[data-testid=unit-score] [data-testid=explain-open]")
        .await;
    j.find(find::EXPLAIN_PANEL).await;
    let total = j.wait_text(find::EXPLAIN_TOTAL, "100 ×").await;
    assert!(
        total.starts_with("Tổng: ") && total.ends_with(&format!("= {shown}")),
        "the total as a sum that gives the score: {total}"
    );
    // The five groups of the index, each with its subtotal, in catalogue order.
    for group in ["CKMB", "TDGQ", "DVCTT", "TTTT", "MDSH", "MDHL"] {
        let sub = j
            .wait_text(
                &format!(
                    "{} [data-testid=explain-group-{group}] [data-testid=explain-group-subtotal]",
                    find::EXPLAIN_PANEL
                ),
                "điểm",
            )
            .await;
        assert!(sub.contains(" / "), "{group}: {sub}");
    }
    j.wait_text(
        &format!(
            "{} [data-testid=explain-group-CKMB] h3",
            find::EXPLAIN_PANEL
        ),
        "Công khai, minh bạch",
    )
    .await;
    // Each indicator: its measures, rate, rule and points, or why it is out.
    let reuse = format!(
        "{} [data-testid=explain-line-REUSE_RATE]",
        find::EXPLAIN_PANEL
    );
    j.wait_text(
        &format!("{reuse} [data-testid=explain-rule]"),
        "Đạt ngưỡng 80 %",
    )
    .await;
    j.wait_text(
        &format!("{reuse} [data-testid=explain-formula]"),
        "Hồ sơ có thành phần được cắt giảm",
    )
    .await;
    j.wait_text(
        &format!(
            "{} [data-testid=explain-line-ON_TIME_RATE] [data-testid=explain-rule]",
            find::EXPLAIN_PANEL
        ),
        "Tỷ lệ × điểm",
    )
    .await;
    j.wait_text(
        &format!(
            "{} [data-testid=explain-line-CITIZEN_DATA_TTHC_RATE] [data-testid=explain-excluded]",
            find::EXPLAIN_PANEL
        ),
        "không áp dụng cho loại đơn vị này",
    )
    .await;
    // What it takes, and the portal's figures beside ours with the difference flagged.
    let shortfall = j
        .wait_text(
            &format!("{} [data-testid=shortfall]", find::EXPLAIN_PANEL),
            "cần thêm",
        )
        .await;
    assert!(shortfall.contains("hồ sơ để đạt"), "{shortfall}");
    let flagged = format!(
        "{} [data-testid=official-figure][data-differs=true]",
        find::EXPLAIN_PANEL
    );
    j.wait_text(
        &format!("{flagged} [data-testid=official-differs]"),
        "Lệch so với Cổng DVCQG",
    )
    .await;
    let official = j.wait_text(&flagged, "Cổng DVCQG").await;
    assert!(
        official.contains("Hệ thống tỉnh") && official.contains("Chênh lệch"),
        "ours, the portal's and the difference side by side: {official}"
    );
    j.screenshot("explain-panel").await;
    j.scroll_to(&format!("{} [data-testid=shortfall]", find::EXPLAIN_PANEL))
        .await;
    j.screenshot("explain-panel-shortfall").await;
    j.scroll_to(&flagged).await;
    j.screenshot("explain-panel-official").await;

    // Esc closes it and gives the focus back to the button.
    j.press("\u{e00c}").await;
    j.wait_count(find::EXPLAIN_PANEL, 0).await;
    let focused = j
        .client
        .active_element()
        .await
        .unwrap()
        .attr("data-testid")
        .await
        .unwrap();
    assert_eq!(focused.as_deref(), Some("explain-open"));

    // The unit page's cards say what it takes and show the portal's figure too.
    j.find(&format!(
        "{} [data-testid=shortfall]",
        find::INDICATOR_CARDS
    ))
    .await;
    j.find(&format!(
        "{} [data-testid=official-figure]",
        find::INDICATOR_CARDS
    ))
    .await;
    j.scroll_to(&format!(
        "{} [data-testid=shortfall]",
        find::INDICATOR_CARDS
    ))
    .await;
    j.screenshot("cards-shortfall-official").await;

    // On a phone the panel fits the screen.
    j.set_window(390, 844).await;
    j.click("[data-testid=unit-score] [data-testid=explain-open]")
        .await;
    j.wait_text(find::EXPLAIN_TOTAL, "100 ×").await;
    j.find(&flagged).await;
    assert!(
        j.fits_width(".explain-panel").await,
        "the panel fits a phone's width"
    );
    j.screenshot("explain-panel-phone").await;
    j.scroll_to(&flagged).await;
    j.screenshot("explain-panel-phone-official").await;
    let not_applicable = format!(
        "{} [data-testid=explain-line-CITIZEN_DATA_TTHC_RATE]",
        find::EXPLAIN_PANEL
    );
    j.scroll_to(&not_applicable).await;
    j.screenshot("explain-panel-phone-not-applicable").await;
    j.click("[data-testid=explain-close]").await;
    j.wait_count(find::EXPLAIN_PANEL, 0).await;

    // The formula dictionary lists the catalogue in use, for every role.
    j.set_window(1366, 768).await;
    j.click("[data-testid=nav-formulas]").await;
    j.find("[data-testid=formulas-page]").await;
    j.wait_text(
        "[data-testid=formula-row-REUSE_RATE] [data-testid=formula-rule]",
        "Đạt ngưỡng 80 %",
    )
    .await;
    j.wait_text(
        "[data-testid=formula-row-ON_TIME_RATE] [data-testid=formula-formula]",
        "Hồ sơ xử lý trước hạn, đúng hạn và đang xử lý trong hạn / Hồ sơ tiếp nhận và xử lý trong kỳ",
    )
    .await;
    j.wait_text(
        "[data-testid=formula-row-FEEDBACK_ON_TIME_RATE] [data-testid=formula-no-data]",
        "đủ điểm",
    )
    .await;
    j.wait_text(
        "[data-testid=formula-row-DOSSIER_SATISFACTION_RATE] [data-testid=formula-no-data]",
        "0 điểm",
    )
    .await;
    j.wait_text(
        "[data-testid=formula-row-CITIZEN_DATA_TTHC_RATE] [data-testid=formula-applies]",
        "Tỉnh",
    )
    .await;
    j.wait_text("[data-testid=formulas-total]", "100 điểm")
        .await;
    j.wait_count("[data-testid^=formula-group-]", 6).await;
    j.wait_text("[data-testid=consistency-rules]", "không được lớn hơn")
        .await;
    j.screenshot("formulas").await;
    j.set_window(390, 844).await;
    j.scroll_to("[data-testid=formula-row-REUSE_RATE]").await;
    j.screenshot("formulas-phone").await;

    // In English on the toggle.
    j.set_window(1366, 768).await;
    j.click(find::LANG_TOGGLE).await;
    j.open(&format!(
        "/units/{commune}?year={YEAR}&kind=MONTH&index={LAST_MONTH}"
    ))
    .await;
    j.wait_text(
        "[data-testid=unit-score] [data-testid=explain-open]",
        "How it is scored",
    )
    .await;
    j.click("[data-testid=unit-score] [data-testid=explain-open]")
        .await;
    j.wait_text(find::EXPLAIN_TOTAL, "Total: ").await;
    j.wait_text(
        &format!(
            "{} [data-testid=explain-line-ON_TIME_RATE] [data-testid=explain-rule]",
            find::EXPLAIN_PANEL
        ),
        "Rate × points",
    )
    .await;
    j.wait_text(&flagged, "National portal").await;
    j.screenshot("explain-panel-en").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_edits_an_indicators_no_data_rule_and_unit_kinds() {
    let mut j = Journey::start_on("catalogue-rules", Preset::Qd766).await;
    assert_eq!(
        j.indicator_rules("DOSSIER_SATISFACTION_RATE").await,
        ("ZERO".to_owned(), String::new())
    );
    j.login("admin").await;
    j.open("/admin/catalogue").await;
    let row = "[data-testid=indicator-row-DOSSIER_SATISFACTION_RATE]";
    j.wait_text(&format!("{row} [data-testid=indicator-no-data]"), "0 điểm")
        .await;
    j.click(&format!("{row} [data-testid=indicator-edit]"))
        .await;
    assert_eq!(j.value("#edit-indicator-no-data").await, "ZERO");
    j.select("#edit-indicator-no-data", "FULL").await;
    j.scroll_to("[data-testid=edit-indicator-applies]").await;
    j.click("#edit-indicator-applies-COMMUNE").await;
    j.click("#edit-indicator-applies-DEPARTMENT").await;
    j.scroll_to("[data-testid=edit-indicator-form]").await;
    j.screenshot("edit-indicator-rules").await;
    j.click("[data-testid=edit-indicator-submit]").await;
    j.find("[data-testid=edit-indicator-result]").await;
    let (no_data, kinds) = j.indicator_rules("DOSSIER_SATISFACTION_RATE").await;
    assert_eq!(no_data, "FULL");
    let mut kinds: Vec<&str> = kinds.split(',').collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["COMMUNE", "DEPARTMENT"]);
    j.wait_text(&format!("{row} [data-testid=indicator-no-data]"), "đủ điểm")
        .await;
    j.wait_text(
        &format!("{row} [data-testid=indicator-applies]"),
        "Xã, phường",
    )
    .await;

    // Emptied again: every kind.
    j.click(&format!("{row} [data-testid=indicator-edit]"))
        .await;
    j.scroll_to("[data-testid=edit-indicator-applies]").await;
    j.click("#edit-indicator-applies-COMMUNE").await;
    j.click("#edit-indicator-applies-DEPARTMENT").await;
    j.click("[data-testid=edit-indicator-submit]").await;
    j.wait_text(
        &format!("{row} [data-testid=indicator-applies]"),
        "Mọi loại đơn vị",
    )
    .await;
    assert_eq!(
        j.indicator_rules("DOSSIER_SATISFACTION_RATE").await,
        ("FULL".to_owned(), String::new())
    );
    j.open("/formulas").await;
    j.wait_text(
        "[data-testid=formula-row-DOSSIER_SATISFACTION_RATE] [data-testid=formula-no-data]",
        "đủ điểm",
    )
    .await;
    j.finish().await;
}

/// A score as the app writes it: `83.18` → `83,18`.
fn dotted_decimal(score: f64) -> String {
    let fixed = format!("{score:.2}");
    let (int, frac) = fixed.split_once('.').unwrap();
    format!("{},{frac}", dotted(int.parse().unwrap()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_ranking_shows_each_units_change_and_its_frozen_groups() {
    let mut j = Journey::start_on("published-ranking", Preset::Qd766).await;
    j.login("admin").await;
    // September is approved in the demo: publish the communes' ranking of that month.
    let month = 9;
    j.open(&format!("/rankings?year={YEAR}&kind=MONTH&index={month}"))
        .await;
    j.find("[data-testid=publish-form]").await;
    j.select("#publish-kind", "COMMUNE").await;
    j.click("[data-testid=publish-submit]").await;
    // Publishing is confirmed on its preview.
    j.click("[data-testid=publish-confirm]").await;
    j.find("[data-testid=publish-result]").await;
    j.click("[data-testid=ranking-toggle]").await;
    j.find("[data-testid=ranking-rows]").await;
    let published = j
        .gql(&format!(
            "{{ publishedRankings(year: {YEAR}) {{ rows {{ rank score previousRank unit {{ id }} groups {{ group }} }} }} }}"
        ))
        .await;
    let rows = published["publishedRankings"][0]["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let first = rows
        .iter()
        .find(|r| r["rank"] == 1 && r["previousRank"].is_number())
        .expect("the first commune was ranked the month before too");
    let row = format!(
        "[data-testid=ranking-row-{}]",
        first["unit"]["id"].as_str().unwrap()
    );
    let delta = j
        .wait_text(&format!("{row} [data-testid=score-delta]"), "")
        .await;
    assert!(
        delta.starts_with(['↑', '↓', '=']),
        "the change of rank since August: {delta}"
    );
    j.click(&format!("{row} [data-testid=explain-open]")).await;
    j.find(find::EXPLAIN_PANEL).await;
    j.wait_text(find::EXPLAIN_TOTAL, "100 ×").await;
    let groups = first["groups"].as_array().map_or(0, Vec::len);
    assert_eq!(groups, 6, "the six groups of the index are kept");
    j.wait_count(
        &format!(
            "{} section[data-testid^=explain-group-]",
            find::EXPLAIN_PANEL
        ),
        groups,
    )
    .await;
    j.wait_text(
        &format!(
            "{} [data-testid=explain-group-MDHL] h3",
            find::EXPLAIN_PANEL
        ),
        "Mức độ hài lòng",
    )
    .await;
    j.screenshot("frozen-panel").await;
    // Its indicators are read on the unit's page for that month.
    j.click(&format!("{} a", find::EXPLAIN_PANEL)).await;
    j.wait_url(&format!("year={YEAR}&kind=MONTH&index={month}"))
        .await;
    j.find("[data-testid=unit-score] [data-testid=score-value]")
        .await;
    j.finish().await;
}

/// The to-do items of the logged-in user, as the API gives them.
async fn todo_items(j: &Journey) -> Vec<serde_json::Value> {
    j.gql("{ todo { kind year month count unit { id name } indicator { name } } }")
        .await["todo"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Clicks an element after bringing it to the middle of the window (clear of the sticky
/// top bar).
async fn tap(j: &Journey, css: &str) {
    j.scroll_to(css).await;
    j.click(css).await;
}

/// Takes the page on a phone (390×844), then goes back to the laptop's 1366×768.
async fn on_a_phone(j: &mut Journey, what: &str, fits: &str) {
    j.set_window(390, 844).await;
    j.scroll_to(fits).await;
    assert!(j.fits_width(fits).await, "{fits} fits a phone's width");
    j.screenshot(&format!("{what}-phone")).await;
    j.set_window(1366, 768).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officers_home_lists_the_overdue_month_and_leads_to_its_report() {
    let mut j = Journey::start("home-officer").await;
    let an_phu = j.unit_id(AN_PHU).await;
    // The demo's day is 15/11: October was due on 05/11 and Xã An Phú has not sent it.
    j.login("canbo.anphu").await;
    j.find(find::HOME).await;
    let item = find::todo_item("overdue", "REPORT_OVERDUE", Some(an_phu));
    let text = j
        .wait_text(&item, &format!("tháng {LAST_MONTH}/{YEAR}"))
        .await;
    for part in [
        "Xã An Phú",
        "hạn nộp 05/11/2026",
        "quá hạn 10 ngày",
        "Nhập số liệu",
    ] {
        assert!(text.contains(part), "{part:?} in {text:?}");
    }
    let count = todo_items(&j).await.len();
    j.wait_text(find::NAV_TODO_COUNT, &format!("({count})"))
        .await;
    j.screenshot("officer-home").await;
    on_a_phone(&mut j, "officer-home", find::TODO_LIST).await;

    tap(&j, &format!("{item} [data-testid=todo-link]")).await;
    j.wait_url(&format!("unit={an_phu}")).await;
    j.find(find::REPORT_FORM).await;
    assert_eq!(j.value("#report-year").await, YEAR.to_string());
    assert_eq!(j.value("#report-month").await, LAST_MONTH.to_string());
    j.screenshot("officer-report-from-home").await;

    // Sent, the month leaves the list and the menu's count follows.
    j.fill(&find::measure("RECEIVED"), "100").await;
    j.fill(&find::measure("RECEIVED_ONLINE"), "60").await;
    j.fill(&find::measure("FULL_ONLINE"), "40").await;
    j.click(find::REPORT_SAVE).await;
    j.wait_text("[data-testid=report-version]", "1").await;
    j.click(find::REPORT_SUBMIT).await;
    j.wait_attr(find::REPORT_STATUS, "data-status", "SUBMITTED")
        .await;
    j.click(find::NAV_TODO).await;
    j.find(find::HOME).await;
    j.wait_gone(&item).await;
    if count == 1 {
        j.find(find::TODO_EMPTY).await;
        j.wait_gone(find::NAV_TODO_COUNT).await;
    } else {
        j.wait_text(find::NAV_TODO_COUNT, &format!("({})", count - 1))
            .await;
    }
    j.screenshot("officer-home-after-sending").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_managers_home_shows_the_months_waiting_and_opens_the_approvals_filtered() {
    let mut j = Journey::start("home-manager").await;
    j.login("quanly").await;
    j.find(find::HOME).await;
    let todo = todo_items(&j).await;
    let approvals: Vec<&serde_json::Value> = todo
        .iter()
        .filter(|i| {
            i["kind"]
                .as_str()
                .is_some_and(|k| k.starts_with("APPROVAL"))
        })
        .collect();
    let waiting: i64 = approvals.iter().map(|i| i["count"].as_i64().unwrap()).sum();
    assert!(waiting > 0, "the demo has months waiting for approval");
    let menu = j
        .wait_text(find::NAV_APPROVALS, &format!("({waiting})"))
        .await;
    assert!(menu.starts_with("Duyệt số liệu"), "{menu}");

    // Past the approval deadline (10/11) comes first.
    let first = format!("{} [data-testid=todo-item]", find::todo_group("approvals"));
    let text = j.wait_text(&first, "chờ duyệt").await;
    assert_eq!(
        j.attr(&first, "data-kind").await.as_deref(),
        Some("APPROVAL_OVERDUE")
    );
    assert!(
        text.contains("quá hạn duyệt") && text.contains("hạn duyệt 10/11/2026"),
        "{text}"
    );
    let unit = j.attr(&first, "data-unit").await.unwrap();
    let listed = approvals
        .iter()
        .find(|i| i["unit"]["id"] == unit.as_str() && i["kind"] == "APPROVAL_OVERDUE")
        .unwrap();
    let name = listed["unit"]["name"].as_str().unwrap();
    let month = listed["month"].as_i64().unwrap();
    j.screenshot("manager-home").await;
    on_a_phone(&mut j, "manager-home", find::TODO_LIST).await;

    tap(&j, &format!("{first} [data-testid=todo-link]")).await;
    j.wait_url("status=pending").await;
    j.wait_url(&format!("unit={unit}")).await;
    j.find(find::FILTER_PENDING).await;
    j.wait_text(find::FILTER_UNIT, name).await;
    assert_eq!(
        j.attr("[data-testid=status-filter-SUBMITTED]", "aria-pressed")
            .await
            .as_deref(),
        Some("true")
    );
    let row = format!("[data-testid=approval-row-{unit}-m{month}]");
    j.wait_attr(&row, "data-status", "SUBMITTED").await;
    let rows = j.count(find::APPROVAL_ROWS).await;
    assert_eq!(
        rows,
        j.count(&format!("{}[data-status=SUBMITTED]", find::APPROVAL_ROWS))
            .await,
        "only months waiting"
    );
    j.screenshot("approvals-filtered").await;
    on_a_phone(&mut j, "approvals-filtered", find::APPROVALS_FILTER).await;

    // Approved, the month leaves the menu's count.
    tap(&j, &format!("{row} [data-testid=approve]")).await;
    j.wait_attr(&row, "data-status", "APPROVED").await;
    if waiting > 1 {
        j.wait_text(find::NAV_APPROVALS_COUNT, &format!("({})", waiting - 1))
            .await;
    } else {
        j.wait_gone(find::NAV_APPROVALS_COUNT).await;
    }
    // Without the filter, the page is the sub-units of a month again.
    tap(&j, "[data-testid=filter-clear]").await;
    j.wait_gone(find::APPROVALS_FILTER).await;
    j.find("#approvals-unit").await;
    assert!(!j.url().await.contains("status=pending"));
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leaders_home_shows_who_is_late_and_who_fell_off_track() {
    let mut j = Journey::start("home-leader").await;
    let an_phu = j.unit_id(AN_PHU).await;
    j.login("lanhdao").await;
    j.find(find::HOME).await;
    // Who is late: the commune that has not sent October, among all the late months.
    let overdue = find::todo_group("overdue");
    j.find(&overdue).await;
    if j.exists(&format!("{overdue} [data-testid=todo-more]"))
        .await
    {
        tap(&j, &format!("{overdue} [data-testid=todo-more]")).await;
    }
    let late = find::todo_item("overdue", "REPORT_OVERDUE", Some(an_phu));
    let text = j.wait_text(&late, "quá hạn").await;
    assert!(
        text.contains("Xã An Phú") && text.contains(&format!("tháng {LAST_MONTH}/{YEAR}")),
        "{text}"
    );
    // Who fell off track, by indicator.
    let todo = todo_items(&j).await;
    let off = todo.iter().filter(|i| i["kind"] == "OFF_TRACK").count();
    assert!(off > 0, "the demo has units newly off track");
    let off_group = find::todo_group("off-track");
    let off_item = find::todo_item("off-track", "OFF_TRACK", None);
    j.wait_text(
        &format!("{off_group} [data-testid=todo-count]"),
        &format!("({off})"),
    )
    .await;
    // A long heading shows its first items until asked for all.
    j.wait_count(&off_item, off.min(8)).await;
    if off > 8 {
        tap(&j, &format!("{off_group} [data-testid=todo-more]")).await;
        j.wait_count(&off_item, off).await;
    }
    let first_off = j.wait_text(&off_item, "chậm tiến độ từ tháng").await;
    assert!(
        todo.iter()
            .filter_map(|i| i["indicator"]["name"].as_str())
            .any(|n| first_off.contains(n)),
        "an off-track item names its indicator: {first_off}"
    );
    // The biggest rank drops since the month before.
    j.find(&format!(
        "{0} [data-testid=rank-drop], {0} [data-testid=empty]",
        find::RANK_DROPS
    ))
    .await;
    j.screenshot("leader-home").await;
    j.scroll_to(&find::todo_group("off-track")).await;
    j.screenshot("leader-home-off-track").await;
    on_a_phone(&mut j, "leader-home", &find::todo_group("off-track")).await;

    // In English.
    j.click(find::LANG_TOGGLE).await;
    j.wait_text(
        &format!("{} h2", find::todo_group("overdue")),
        "Overdue reports",
    )
    .await;
    j.wait_text(&late, "days overdue").await;
    j.wait_text(
        &format!("{} h2", find::todo_group("off-track")),
        "Off track",
    )
    .await;
    j.screenshot("leader-home-english").await;
    j.click(find::LANG_TOGGLE).await;

    tap(&j, &format!("{off_item} [data-testid=todo-link]")).await;
    j.find(find::UNIT_PAGE).await;
    j.wait_url("kind=YTD").await;
    j.screenshot("leader-off-track-unit").await;
    // The unit's months against their deadlines.
    let months = "[data-testid=timeliness-table] tbody tr";
    j.find(months).await;
    j.scroll_to("[data-testid=unit-timeliness]").await;
    j.screenshot("leader-unit-timeliness").await;
    on_a_phone(
        &mut j,
        "leader-unit-timeliness",
        "[data-testid=unit-timeliness]",
    )
    .await;
    // The scoreboard's share of months submitted on time.
    j.click(find::NAV_DASHBOARD).await;
    let cell = format!(
        "{} [data-testid=score-timeliness]",
        find::SCOREBOARD_COMMUNES
    );
    j.wait_text(&cell, "%").await;
    j.scroll_to(find::SCOREBOARD_COMMUNES).await;
    j.screenshot("leader-scoreboard-timeliness").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_moves_a_deadline_adds_a_webhook_reads_the_outbox_and_sets_an_email() {
    let mut j = Journey::start("cycle-admin").await;
    j.add_notification(
        shared::DeliveryStatus::Failed,
        "canbo.anphu@chitieu.example",
        "Quá hạn nộp số liệu tháng 10/2026",
        5,
        Some("connection refused"),
    )
    .await;
    j.add_notification(
        shared::DeliveryStatus::Pending,
        "quanly@chitieu.example",
        "Xã An Phú quá hạn nộp số liệu",
        0,
        None,
    )
    .await;
    j.login("admin").await;
    j.click(find::NAV_ADMIN).await;

    // The calendar: January moved for Tết, December on its defaults.
    tap(&j, "[data-testid=admin-tab-calendar]").await;
    j.select("#calendar-year", &YEAR.to_string()).await;
    let jan = find::deadline_row(1);
    let dec = find::deadline_row(12);
    j.wait_attr(&jan, "data-mark", "moved").await;
    j.wait_attr(&dec, "data-mark", "default").await;
    // Approving before the figures are due is refused on the month's row, in Vietnamese.
    j.set_value("#deadline-due-12", "2027-01-08").await;
    j.set_value("#deadline-approve-12", "2027-01-06").await;
    tap(&j, &format!("{dec} [data-testid=deadline-save]")).await;
    j.wait_attr(
        "[data-testid=deadline-result-12] [data-testid=error]",
        "data-code",
        "VALIDATION",
    )
    .await;
    j.screenshot("calendar-refused").await;
    j.set_value("#deadline-approve-12", "2027-01-13").await;
    tap(&j, &format!("{dec} [data-testid=deadline-save]")).await;
    j.wait_text("[data-testid=deadline-result-12]", "Đã lưu hạn")
        .await;
    j.wait_attr(&dec, "data-mark", "moved").await;
    let stored = j
        .gql(&format!(
            "{{ reportingDeadlines(year: {YEAR}) {{ month dueOn approveBy }} }}"
        ))
        .await;
    assert_eq!(stored["reportingDeadlines"][11]["dueOn"], "2027-01-08");
    assert_eq!(stored["reportingDeadlines"][11]["approveBy"], "2027-01-13");
    j.screenshot("calendar").await;
    on_a_phone(&mut j, "calendar", find::CALENDAR_TABLE).await;

    // A webhook: its secret is shown once; deleting it asks first.
    tap(&j, "[data-testid=admin-tab-webhooks]").await;
    j.find("[data-testid=webhooks-panel] [data-testid=empty]")
        .await;
    j.fill("#webhook-url", "http://127.0.0.1:9/chitieu").await;
    tap(&j, "[data-testid=create-webhook-submit]").await;
    j.wait_text("[data-testid=create-webhook-result]", "sự kiện")
        .await;
    tap(&j, "#webhook-event-REPORT_OVERDUE").await;
    tap(&j, "#webhook-event-OFF_TRACK").await;
    tap(&j, "[data-testid=create-webhook-submit]").await;
    let secret = j.find(find::WEBHOOK_SECRET).await.text().await.unwrap();
    assert_eq!(secret.trim().len(), 64, "32 bytes in hex: {secret}");
    let hooks = j.gql("{ webhooks { id url events } }").await;
    let hook = &hooks["webhooks"][0];
    assert_eq!(hook["url"], "http://127.0.0.1:9/chitieu");
    assert_eq!(hook["events"].as_array().map(Vec::len), Some(2));
    let row = format!("[data-testid=webhook-{}]", hook["id"].as_str().unwrap());
    j.wait_text(&row, "Quá hạn nộp").await;
    j.screenshot("webhook-created").await;
    on_a_phone(&mut j, "webhooks", "[data-testid=webhooks-panel]").await;
    tap(&j, &format!("{row} [data-testid=webhook-delete]")).await;
    j.wait_text(
        "[data-testid=webhook-confirm]",
        "http://127.0.0.1:9/chitieu",
    )
    .await;
    tap(&j, "[data-testid=webhook-delete-confirm]").await;
    j.wait_gone(&row).await;
    assert_eq!(
        j.gql("{ webhooks { id } }").await["webhooks"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );

    // The outbox: status, attempts, times in Vietnam and the last error.
    tap(&j, "[data-testid=admin-tab-outbox]").await;
    let failed = format!("{} tr[data-status=FAILED]", find::OUTBOX_TABLE);
    let text = j.wait_text(&failed, "Thất bại").await;
    assert!(
        text.contains("connection refused") && text.contains("15/11/2026 09:00"),
        "{text}"
    );
    j.wait_text(
        &format!("{} tr[data-status=PENDING]", find::OUTBOX_TABLE),
        "Chờ gửi",
    )
    .await;
    j.screenshot("outbox").await;
    on_a_phone(&mut j, "outbox", find::OUTBOX_TABLE).await;

    // One's own e-mail and the mail one receives.
    tap(&j, find::NAV_ACCOUNT).await;
    j.find(find::MAIL_SETTINGS).await;
    j.fill("#mail-email", "van phong@tinh").await;
    tap(&j, "[data-testid=mail-email-save]").await;
    j.wait_text("[data-testid=mail-email-result]", "không hợp lệ")
        .await;
    j.fill("#mail-email", "vanphong@tinh.example").await;
    tap(&j, "[data-testid=mail-email-save]").await;
    j.wait_text("[data-testid=mail-email-result]", "Đã lưu")
        .await;
    j.wait_text("[data-testid=mail-goes-to]", "vanphong@tinh.example")
        .await;
    tap(&j, "#mail-kind-DIGEST").await;
    tap(&j, "[data-testid=mail-kinds-save]").await;
    j.wait_text("[data-testid=mail-kinds-result]", "Đã lưu")
        .await;
    let me = j.gql("{ me { email mutedMails } }").await;
    assert_eq!(me["me"]["email"], "vanphong@tinh.example");
    assert_eq!(me["me"]["mutedMails"], serde_json::json!(["DIGEST"]));
    j.screenshot("mail-settings").await;
    on_a_phone(&mut j, "mail-settings", find::MAIL_SETTINGS).await;
    j.finish().await;
}

/// The value of the first real choice of a `<select>` (after its "— Chọn … —").
async fn first_choice(j: &Journey, css: &str) -> String {
    j.find(&format!("{css} option:nth-child(2)")).await;
    let js = "const s = document.querySelector(arguments[0]); return s.options[1].value;";
    j.client
        .execute(js, vec![serde_json::Value::String(css.to_owned())])
        .await
        .expect("script")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A one-page PDF, as small as a valid one gets.
const TINY_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commune_head_explains_with_actions_and_evidence_and_the_province_accepts() {
    let mut j = Journey::start("follow-up").await;
    let an_phu = j.unit_id(AN_PHU).await;
    let september = format!("/units/{an_phu}?year={YEAR}&kind=MONTH&index=9");
    let pdf = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("minh-chung-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&pdf, TINY_PDF).unwrap();

    // The province's manager asks Xã An Phú by hand about an indicator of September.
    j.login("quanly").await;
    j.open(&september).await;
    tap(&j, find::ASK_OPEN).await;
    j.find(find::ASK_FORM).await;
    // An indicator the demo has not asked Xã An Phú about yet.
    let known = j
        .gql(&format!(
            "{{ explanationRequests(unitId: \"{an_phu}\") {{ indicator {{ id }} }} indicators {{ id active }} }}"
        ))
        .await;
    let asked_before: Vec<&serde_json::Value> = known["explanationRequests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["indicator"]["id"])
        .collect();
    let indicator = known["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["active"] == true && !asked_before.contains(&&i["id"]))
        .and_then(|i| i["id"].as_str())
        .expect("an indicator not asked about")
        .to_owned();
    j.find(&format!("#ask-indicator option[value=\"{indicator}\"]"))
        .await;
    j.select("#ask-indicator", &indicator).await;
    j.select("#ask-month", "9").await;
    j.fill(
        "#ask-message",
        "Đề nghị xã giải trình việc chậm tiến độ tháng 9.",
    )
    .await;
    tap(&j, find::ASK_SUBMIT).await;
    j.wait_text(find::ASK_RESULT, "Đã gửi yêu cầu giải trình")
        .await;
    let asked = j
        .gql(&format!(
            "{{ explanationRequests(unitId: \"{an_phu}\", status: [OPEN]) {{ id month automatic indicator {{ id }} }} }}"
        ))
        .await;
    let id = asked["explanationRequests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["id"] == indicator.as_str() && r["automatic"] == false)
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .expect("the request asked");
    let row = format!(
        "{} [data-testid=explanation-row-{id}]",
        find::FOLLOW_UP_OPEN
    );
    j.find(&row).await;
    j.logout().await;

    // The head of the commune finds it in "Việc cần làm" and opens it.
    j.login("truong.anphu").await;
    j.find(find::HOME).await;
    let link = format!(
        "[data-testid=todo-item][data-kind=EXPLANATION_DUE] a[href=\"/explanations/{id}\"]"
    );
    let more = format!("{} [data-testid=todo-more]", find::todo_group("follow-up"));
    j.find(&find::todo_group("follow-up")).await;
    if !j.exists(&link).await && j.exists(&more).await {
        tap(&j, &more).await;
    }
    j.wait_text(&link, "Giải trình").await;
    j.screenshot("head-home").await;
    tap(&j, &link).await;
    j.wait_url(&format!("/explanations/{id}")).await;
    j.find(find::EXPLAIN_FORM).await;
    j.wait_attr(find::EXPLANATION_STATUS, "data-status", "OPEN")
        .await;

    // A small PDF first, then the form, which keeps what was typed.
    let cause = first_choice(&j, find::EXPLAIN_CAUSE).await;
    j.select(find::EXPLAIN_CAUSE, &cause).await;
    j.fill(
        find::EXPLAIN_REASON,
        "Người dân chưa quen nộp hồ sơ trực tuyến; bộ phận một cửa thiếu người hướng dẫn.",
    )
    .await;
    j.find(find::EVIDENCE_UPLOAD)
        .await
        .send_keys(&pdf.display().to_string())
        .await
        .unwrap();
    let file_name = pdf.file_name().unwrap().to_string_lossy().into_owned();
    j.wait_text(find::EVIDENCE_LIST, &file_name).await;
    assert!(
        j.wait_text(
            &format!("{} [data-testid=evidence-size]", find::EVIDENCE_LIST),
            " B"
        )
        .await
        .ends_with(" B")
    );
    let owner = first_choice(&j, &find::action_field("owner", 1)).await;
    j.fill(
        &find::action_field("description", 1),
        "Tập huấn cán bộ một cửa hướng dẫn nộp trực tuyến",
    )
    .await;
    j.select(&find::action_field("owner", 1), &owner).await;
    j.fill(&find::action_field("due", 1), "30/11/2026").await;
    j.fill(
        &find::action_field("effect", 1),
        "+40 hồ sơ toàn trình/tháng",
    )
    .await;
    tap(&j, find::ACTION_ADD).await;
    j.fill(
        &find::action_field("description", 2),
        "Đặt máy hỗ trợ nộp hồ sơ tại bộ phận một cửa",
    )
    .await;
    j.select(&find::action_field("owner", 2), &owner).await;
    j.fill(&find::action_field("due", 2), "15/12/2026").await;
    assert_eq!(
        j.value(find::EXPLAIN_CAUSE).await,
        cause,
        "the upload kept the form"
    );
    j.screenshot("explanation-form").await;
    on_a_phone(&mut j, "explanation-form", find::EXPLAIN_FORM).await;
    tap(&j, find::EXPLAIN_SUBMIT).await;
    j.wait_attr(find::EXPLANATION_STATUS, "data-status", "SUBMITTED")
        .await;
    j.wait_count("[data-testid=explanation-actions] .action-card", 2)
        .await;
    j.wait_gone(find::EXPLAIN_FORM).await;
    j.logout().await;

    // The province's manager reviews it from the to-do list and accepts it.
    j.login("quanly").await;
    j.find(find::HOME).await;
    let review = format!(
        "[data-testid=todo-item][data-kind=EXPLANATION_REVIEW] a[href=\"/explanations/{id}\"]"
    );
    j.find(&find::todo_group("follow-up")).await;
    if !j.exists(&review).await && j.exists(&more).await {
        tap(&j, &more).await;
    }
    tap(&j, &review).await;
    j.find(find::REVIEW_PANEL).await;
    j.wait_text("[data-testid=explanation-cause]", "").await;
    // The evidence downloads with the session's token.
    tap(
        &j,
        &format!("{} [data-testid=evidence-download]", find::EVIDENCE_LIST),
    )
    .await;
    let (_, bytes) = j.downloaded("pdf").await;
    assert_eq!(bytes, TINY_PDF);
    j.fill(find::REVIEW_COMMENT, "Đồng ý; báo cáo kết quả khi xong.")
        .await;
    j.screenshot("explanation-review").await;
    tap(&j, find::REVIEW_ACCEPT).await;
    j.wait_attr(find::EXPLANATION_STATUS, "data-status", "ACCEPTED")
        .await;
    j.wait_text("[data-testid=review-comment]", "Đồng ý").await;
    // One action is done: marked with a note.
    let first_action = "[data-testid=explanation-actions] .action-card:first-child";
    tap(&j, &format!("{first_action} [data-testid=action-complete]")).await;
    j.fill(
        &format!("{first_action} [data-testid=action-note]"),
        "Đã tập huấn 12 cán bộ.",
    )
    .await;
    tap(
        &j,
        &format!("{first_action} [data-testid=action-complete-confirm]"),
    )
    .await;
    j.wait_attr(first_action, "data-status", "DONE").await;
    j.screenshot("explanation-accepted").await;
    j.client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    j.screenshot("explanation-top").await;
    on_a_phone(&mut j, "explanation-top", "[data-testid=explanation-facts]").await;
    on_a_phone(
        &mut j,
        "explanation-accepted",
        "[data-testid=explanation-actions]",
    )
    .await;

    // The unit page shows the accepted explanation, its actions and the markers.
    j.open(&september).await;
    j.find(find::FOLLOW_UP).await;
    let card = format!(
        "{} [data-testid=follow-up-explanation-{id}]",
        find::FOLLOW_UP_ACCEPTED
    );
    j.wait_text(&card, "Tập huấn cán bộ").await;
    j.wait_count(&format!("{card} li[data-status=DONE]"), 1)
        .await;
    j.wait_count(&format!("{card} li[data-status=PLANNED]"), 1)
        .await;
    j.find("[data-testid=follow-up-charts] [data-testid=marker-asked-9]")
        .await;
    j.find("[data-testid=follow-up-charts] [data-testid=marker-done-11]")
        .await;
    j.scroll_to(find::FOLLOW_UP).await;
    j.screenshot("unit-follow-up").await;
    on_a_phone(&mut j, "unit-follow-up", find::FOLLOW_UP).await;

    // The list of requests, filtered to the accepted ones.
    j.click(find::NAV_EXPLANATIONS).await;
    j.find(find::EXPLANATIONS_PAGE).await;
    j.select("#explanations-status", "ACCEPTED").await;
    j.find(&format!("[data-testid=explanation-row-{id}]")).await;
    j.screenshot("explanations-list").await;
    on_a_phone(&mut j, "explanations-list", find::EXPLANATIONS_PAGE).await;

    // A month on the approvals page has its thread; a comment joins it.
    j.click(find::NAV_APPROVALS).await;
    j.find(find::APPROVALS_TABLE).await;
    tap(&j, "[data-testid=approval-thread-toggle]").await;
    j.find("[data-testid^=approval-thread-] .comment-form")
        .await;
    j.fill(
        "[data-testid=comment-body]",
        "Đề nghị rà soát số hồ sơ trực tuyến.",
    )
    .await;
    tap(&j, "[data-testid=comment-send]").await;
    j.wait_text(".comment-list", "Đề nghị rà soát").await;
    j.screenshot("approval-thread").await;
    j.logout().await;

    // The ADMIN adds a cause to the catalogue.
    j.login("admin").await;
    j.open("/admin/explanations").await;
    j.find("[data-testid=causes-table]").await;
    j.fill("#cause-code", "E2E_TRAINING").await;
    j.fill("#cause-name", "Cán bộ chưa được tập huấn").await;
    tap(&j, "[data-testid=cause-add]").await;
    j.wait_text(
        "[data-testid=cause-row-E2E_TRAINING]",
        "Cán bộ chưa được tập huấn",
    )
    .await;
    j.screenshot("admin-causes").await;
    on_a_phone(&mut j, "admin-causes", "[data-testid=causes-panel]").await;
    j.finish().await;
}
