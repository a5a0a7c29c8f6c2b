//! The language of the whole app, read as its readers read it: every page in Vietnamese for
//! every role shows names, never a measure's or an indicator's code, and no English word of
//! the list (nor the browser's own "Choose File"); names in Vietnamese order; each page its
//! own title in the chosen language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use backend::domain::collation;
use fixtures::{AN_PHU, Journey, LAST_MONTH, YEAR, find};
use std::cmp::Ordering;
use std::time::{Duration, Instant};

/// English words and phrases that must not reach a Vietnamese page (whole words, any case).
const ENGLISH: &[&str] = &[
    "Choose File",
    "No file chosen",
    "Loading",
    "Error",
    "Save",
    "Submit",
    "Cancel",
    "Status",
    "Target",
    "Approve",
    "Approved",
    "Reject",
    "Rejected",
    "Next",
    "Previous",
    "Dashboard",
    "Report",
    "None",
    "N/A",
    "true",
    "false",
    "null",
    "undefined",
    "NaN",
    "Draft",
    "Submitted",
    "Pending",
    "Delete",
    "Edit",
    "Search",
    "Score",
    "Rank",
    "Unit",
    "Month",
    "Year",
    "Total",
    "Details",
    "Close",
    "Back",
    "Value",
    "Rate",
    "Count",
    "Indicator",
    "Measure",
    "Period",
    "Quarter",
    "Overview",
    "Settings",
    "Upload",
    "Download",
    "Preview",
    "Confirm",
    "Logout",
    "Login",
    "Password",
    "Username",
];

/// What may show codes, and why: the ADMIN's catalogue (codes are how files and the API name
/// measures and indicators) and the import page's help on the columns of a file.
const EXEMPT: &[&str] = &[
    "[data-testid=indicator-catalogue] code",
    "[data-testid=indicator-catalogue] [lang=en]",
    "[data-testid=import-help] code",
];

/// Characters that end a word on either side (but not `_`, `/`, `.`, `@`: codes, paths,
/// addresses and numbers stay whole).
fn is_edge(c: char) -> bool {
    c.is_whitespace() || "()[]{},;:!?\"'«»“”‘’…·–—≤≥=<>+*|".contains(c)
}

/// The words of a text as a reader parses them.
fn words(text: &str) -> Vec<&str> {
    text.split(char::is_whitespace)
        .map(|w| w.trim_matches(is_edge))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first offending word of `text`: a catalogue code (exact) or an English word of the
/// list (any case); phrases of several words are found in the text as a whole.
fn offending(text: &str, codes: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    for phrase in ENGLISH.iter().filter(|p| p.contains(' ')) {
        if lower.contains(&phrase.to_lowercase()) {
            return Some((*phrase).to_owned());
        }
    }
    for w in words(text) {
        if codes.iter().any(|c| c == w) {
            return Some(w.to_owned());
        }
        if ENGLISH
            .iter()
            .any(|e| !e.contains(' ') && e.eq_ignore_ascii_case(w))
        {
            return Some(w.to_owned());
        }
    }
    None
}

/// The line of `text` that holds `word`, to show where it was found.
fn line_with<'a>(text: &'a str, word: &str) -> &'a str {
    text.lines().find(|l| l.contains(word)).unwrap_or("")
}

/// The page's text as shown, the exempt places left out, once it has settled: no loading
/// state, the same text twice in a row.
async fn settled_text(j: &Journey) -> String {
    let js = r#"
        const exempt = arguments[0];
        const hidden = [];
        for (const sel of exempt) {
            for (const el of document.querySelectorAll(sel)) {
                hidden.push([el, el.style.display]);
                el.style.display = 'none';
            }
        }
        const text = document.body.innerText;
        for (const [el, d] of hidden) { el.style.display = d; }
        const loading = document.querySelector('[data-testid=loading], .state-loading') !== null;
        const pickers = Array.from(document.querySelectorAll('input[type=file]')).filter(e => {
            const r = e.getBoundingClientRect();
            const cs = getComputedStyle(e);
            return r.width > 2 && r.height > 2 && cs.opacity !== '0' && cs.visibility !== 'hidden';
        }).length;
        return [text, loading, pickers];
    "#;
    let exempt = serde_json::json!(EXEMPT);
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    loop {
        let v = j.client.execute(js, vec![exempt.clone()]).await.unwrap();
        let text = v[0].as_str().unwrap_or_default().to_owned();
        let loading = v[1].as_bool().unwrap_or(false);
        let pickers = v[2].as_i64().unwrap_or(0);
        let text = if pickers > 0 {
            format!("{text}\nChoose File")
        } else {
            text
        };
        if (!loading && text == last && !text.trim().is_empty()) || Instant::now() > deadline {
            return text;
        }
        last = text;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Fails naming the page, the word and its line when the page shows a code or English.
async fn check_page(j: &mut Journey, who: &str, page: &str, codes: &[String]) {
    let text = settled_text(j).await;
    if let Some(word) = offending(&text, codes) {
        j.screenshot(&format!("{who}-{}", page.replace('/', "_")))
            .await;
        panic!(
            "{who} sees {word:?} on {page}: «{}»",
            line_with(&text, &word).trim()
        );
    }
}

/// The catalogue's measure and indicator codes, from the API.
async fn catalogue_codes(j: &Journey) -> Vec<String> {
    let d = j.gql("{ measures { code } indicators { code } }").await;
    let mut codes: Vec<String> = ["measures", "indicators"]
        .iter()
        .flat_map(|k| d[k].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["code"].as_str().map(str::to_owned))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The first id of a list the caller sees, if any.
async fn first_id(j: &Journey, query: &str, field: &str) -> Option<String> {
    let d = j.gql(query).await;
    d[field]
        .as_array()
        .and_then(|l| l.first())
        .and_then(|x| x["id"].as_str())
        .map(str::to_owned)
}

/// Files with problems: a cell that is no number and a month whose parts exceed their
/// whole (wide), and a value that is no number (long).
fn bad_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("words-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let wide = dir.join("thang-loi.csv");
    std::fs::write(
        &wide,
        format!(
            "Mã đơn vị,Năm,Tháng,RECEIVED,RECEIVED_ONLINE,FULL_ONLINE\n\
             {AN_PHU},{YEAR},{LAST_MONTH},120,12x,50\n"
        ),
    )
    .unwrap();
    let parts = dir.join("thang-vuot.csv");
    std::fs::write(
        &parts,
        format!(
            "Mã đơn vị,Năm,Tháng,RECEIVED,RECEIVED_ONLINE,FULL_ONLINE\n\
             {AN_PHU},{YEAR},{LAST_MONTH},120,90,95\n"
        ),
    )
    .unwrap();
    let long = dir.join("doc-loi.csv");
    std::fs::write(
        &long,
        format!(
            "unit_code,year,month,measure_code,value\n\
             {AN_PHU},{YEAR},{LAST_MONTH},RECEIVED,abc\n"
        ),
    )
    .unwrap();
    vec![wide, parts, long]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_vietnamese_shows_names_and_no_english_for_every_role() {
    let mut j = Journey::start("words").await;
    let files = bad_files();
    for user in ["admin", "quanly", "canbo.anphu", "lanhdao"] {
        j.login(user).await;
        let codes = catalogue_codes(&j).await;
        assert!(codes.iter().any(|c| c == "FULL_ONLINE"), "{codes:?}");
        let me = j.gql("{ me { unit { id } } }").await;
        let unit = me["me"]["unit"]["id"].as_str().unwrap().to_owned();
        let decision = first_id(&j, "{ decisions { id } }", "decisions").await;
        let explanation =
            first_id(&j, "{ explanationRequests { id } }", "explanationRequests").await;
        let mut pages: Vec<String> = [
            "/",
            "/dashboard",
            "/report",
            "/import",
            "/approvals",
            "/explanations",
            "/admin/explanations",
            "/targets",
            "/violations",
            "/rankings",
            "/formulas",
            "/admin",
            "/admin/calendar",
            "/admin/webhooks",
            "/admin/outbox",
            "/account",
            "/khong-co-trang-nay",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        pages.push(format!("/units/{unit}"));
        pages.push(format!("/report?year={YEAR}&month={LAST_MONTH}"));
        pages.extend(decision.map(|d| format!("/targets/{d}")));
        pages.extend(explanation.map(|e| format!("/explanations/{e}")));
        for page in &pages {
            j.open(page).await;
            check_page(&mut j, user, page, &codes).await;
        }
        // The import page with the problems of bad files (those who report).
        if user != "lanhdao" {
            for file in &files {
                j.open("/import").await;
                j.find(find::IMPORT_PAGE).await;
                j.find(find::IMPORT_FILE)
                    .await
                    .send_keys(&file.display().to_string())
                    .await
                    .unwrap();
                j.click(find::IMPORT_PREVIEW).await;
                j.find(find::IMPORT_PROBLEM).await;
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                check_page(&mut j, user, &format!("/import ({name})"), &codes).await;
            }
            j.screenshot(&format!("{user}-import-problems")).await;
        }
        j.logout().await;
    }
    j.finish().await;
}

/// The first pair of neighbours of `names` out of Vietnamese order.
fn out_of_order(names: &[String]) -> Option<(String, String)> {
    names
        .windows(2)
        .find(|w| collation::compare(&w[0], &w[1]) == Ordering::Greater)
        .map(|w| (w[0].clone(), w[1].clone()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn communes_are_listed_in_vietnamese_order() {
    let mut j = Journey::start("words-order").await;
    j.login("quanly").await;
    j.open(&format!("/approvals?year={YEAR}&month={LAST_MONTH}"))
        .await;
    j.find(find::APPROVALS_TABLE).await;
    let js = "return Array.from(document.querySelectorAll('[data-testid=approvals-table] tbody tr[data-testid^=approval-row-] a')).map(a => a.innerText.trim())";
    let names: Vec<String> =
        serde_json::from_value(j.client.execute(js, vec![]).await.unwrap()).unwrap();
    assert!(names.len() > 5, "{names:?}");
    j.screenshot("approvals-in-order").await;
    assert_eq!(out_of_order(&names), None, "{names:?}");
    // The list holds names whose order by code point would differ ("Đ…" after "G…" by code
    // point, before it in Vietnamese): the order is the language's, not the computer's.
    let mut by_code_point = names.clone();
    by_code_point.sort();
    assert_ne!(by_code_point, names, "no name tells the two orders apart");
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_has_its_own_title_in_the_chosen_language() {
    let j = Journey::start("words-titles").await;
    j.open("/").await;
    wait_title(&j, "Đăng nhập · Chỉ tiêu").await;
    j.login("admin").await;
    for (path, vi, en) in [
        ("/dashboard", "Tổng quan · Chỉ tiêu", "Overview · Chỉ tiêu"),
        ("/", "Việc cần làm · Chỉ tiêu", "To do · Chỉ tiêu"),
        ("/targets", "Giao chỉ tiêu · Chỉ tiêu", "Targets · Chỉ tiêu"),
        ("/rankings", "Xếp hạng · Chỉ tiêu", "Rankings · Chỉ tiêu"),
        ("/import", "Nhập dữ liệu · Chỉ tiêu", "Import · Chỉ tiêu"),
        ("/admin", "Quản trị · Chỉ tiêu", "Administration · Chỉ tiêu"),
    ] {
        j.open(path).await;
        wait_title(&j, vi).await;
        j.click(find::LANG_TOGGLE).await;
        wait_title(&j, en).await;
        j.click(find::LANG_TOGGLE).await;
        wait_title(&j, vi).await;
    }
    // Moving inside the app (no reload) retitles the tab too.
    j.click(find::NAV_DASHBOARD).await;
    wait_title(&j, "Tổng quan · Chỉ tiêu").await;
    j.finish().await;
}

async fn wait_title(j: &Journey, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let title = j.client.title().await.unwrap();
        if title == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the title is {title:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_scan_finds_codes_and_english_words_but_not_vietnamese() {
    let codes = vec!["FULL_ONLINE".to_owned(), "RECEIVED".to_owned()];
    assert_eq!(
        offending("FULL_ONLINE (95) không được lớn hơn", &codes),
        Some("FULL_ONLINE".into())
    );
    assert_eq!(
        offending("Cột E (RECEIVED)", &codes),
        Some("RECEIVED".into())
    );
    assert_eq!(
        offending("Đang tải… Loading", &codes),
        Some("Loading".into())
    );
    assert_eq!(offending("giá trị: N/A", &codes), Some("N/A".into()));
    assert_eq!(
        offending("x\nChoose File", &codes),
        Some("Choose File".into())
    );
    assert_eq!(
        offending(
            "Hồ sơ trực tuyến toàn trình: 95 · https://vi.example/report",
            &codes
        ),
        None
    );
    assert_eq!(offending("FULL_ONLINE_RATE", &codes), None);
}
