//! The dashboard read as a leader reads it: a card's status beside the year-to-date actual
//! and milestone it compares ("Vì sao?"), charts against the target and last year, a card
//! opened to its units sorted by gap, and the sections one click away.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{Journey, LAST_MONTH, YEAR, find};
use serde_json::Value;

/// A number as the app writes it: `decimals` decimals, `,` before them, `.` every three
/// digits.
fn vn(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && !text.trim_matches(['0', '.']).is_empty() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A rate as a card shows it: `85,79 %`.
fn rate(v: &Value) -> String {
    format!("{} %", vn(v.as_f64().expect("a number"), 2))
}

/// A level as a milestone is written: no trailing zeros (`80 %`, `37,5 %`).
fn level(v: &Value) -> String {
    let text = vn(v.as_f64().expect("a number"), 2);
    let text = match text.split_once(',') {
        Some((int, frac)) if frac.trim_end_matches('0').is_empty() => int.to_owned(),
        Some((int, frac)) => format!("{int},{}", frac.trim_end_matches('0')),
        None => text,
    };
    format!("{text} %")
}

const CODE: &str = "FULL_ONLINE_RATE";

/// The caller's unit's result of `CODE` over `period` (a GraphQL `PeriodInput` literal).
async fn own_result(j: &Journey, period: &str) -> Value {
    let me = j.gql("{ me { unit { id } } }").await;
    let unit = me["me"]["unit"]["id"].as_str().unwrap().to_owned();
    let data = j
        .gql(&format!(
            "{{ indicatorResults(period: {period}, unitIds: [\"{unit}\"], indicatorCodes: [\"{CODE}\"]) {{
                 value target ytdValue milestone status projection }} }}"
        ))
        .await;
    data["indicatorResults"][0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_says_what_its_status_compares_and_opens_to_its_units_by_gap() {
    let mut j = Journey::start("dashboard-status").await;
    j.login("lanhdao").await;
    // A quarter: the card's large figure is the quarter's, the status the year to date's.
    let period = format!("{{year: {YEAR}, kind: QUARTER, index: 3}}");
    j.open(&format!("/dashboard?year={YEAR}&kind=QUARTER&index=3"))
        .await;
    let card = find::indicator_card(CODE);
    j.find(&card).await;
    let api = own_result(&j, &period).await;
    assert!(api["ytdValue"].is_number(), "{api}");
    assert!(
        api["milestone"].is_number(),
        "the province has a target: {api}"
    );

    // The status is the API's, and the number beside it is the one it was computed from.
    assert_eq!(
        j.attr(&card, "data-status").await.as_deref(),
        api["status"].as_str()
    );
    let basis = j
        .wait_text(
            &format!("{card} [data-testid=status-basis-text]"),
            &rate(&api["ytdValue"]),
        )
        .await;
    assert!(basis.contains(&level(&api["milestone"])), "{basis}");
    assert!(basis.contains("tháng 9"), "evaluated at September: {basis}");
    assert_eq!(
        j.find(&format!("{card} [data-testid=indicator-value]"))
            .await
            .text()
            .await
            .unwrap(),
        rate(&api["value"]),
        "the large figure is the quarter's"
    );

    // "Vì sao?" opens with the keyboard and says what was compared.
    let why = format!("{card} [data-testid=status-why]");
    assert_eq!(j.prop(&why, "open").await.as_deref(), Some("false"));
    j.client
        .execute(
            "document.querySelector(arguments[0]).focus()",
            vec![Value::String(format!(
                "{card} [data-testid=status-why-open]"
            ))],
        )
        .await
        .unwrap();
    j.press("\u{e007}").await; // Enter
    assert_eq!(j.prop(&why, "open").await.as_deref(), Some("true"));
    let compare = j
        .wait_text(
            &format!("{why} [data-testid=why-compare]"),
            &rate(&api["ytdValue"]),
        )
        .await;
    assert!(compare.contains(&level(&api["milestone"])), "{compare}");
    let verdict = j
        .find(&format!("{why} [data-testid=why-verdict]"))
        .await
        .text()
        .await
        .unwrap();
    let status_words = match api["status"].as_str().unwrap() {
        "ON_TRACK" => "Đạt tiến độ",
        "AT_RISK" => "Có nguy cơ",
        "OFF_TRACK" => "Chậm tiến độ",
        _ => "Chưa có số liệu",
    };
    assert!(verdict.contains(status_words), "{verdict}");
    j.wait_text(
        &format!("{why} [data-testid=why-projection]"),
        &rate(&api["projection"]),
    )
    .await;
    if rate(&api["value"]) != rate(&api["ytdValue"]) {
        j.wait_text(
            &format!("{why} [data-testid=why-value]"),
            &rate(&api["value"]),
        )
        .await;
    }
    j.scroll_to(&card).await;
    j.screenshot("why").await;

    // The card opens to the units behind it, the furthest below target first.
    let open = format!("{card} [data-testid=drill-open]");
    assert_eq!(
        j.attr(&open, "aria-expanded").await.as_deref(),
        Some("false")
    );
    j.click(&open).await;
    j.find("[data-testid=drill-down] [data-testid^=drill-row-]")
        .await;
    assert_eq!(
        j.attr(&open, "aria-expanded").await.as_deref(),
        Some("true")
    );
    let boards = j
        .gql(&format!(
            "{{ c: scoreboard(period: {period}, kind: COMMUNE) {{ unit {{ id name }} results {{ indicator {{ code }} value target }} }}
               d: scoreboard(period: {period}, kind: DEPARTMENT) {{ unit {{ id name }} results {{ indicator {{ code }} value target }} }} }}"
        ))
        .await;
    let mut expected: Vec<(Option<f64>, String, String)> = boards["c"]
        .as_array()
        .unwrap()
        .iter()
        .chain(boards["d"].as_array().unwrap())
        .filter_map(|row| {
            let r = row["results"]
                .as_array()?
                .iter()
                .find(|r| r["indicator"]["code"] == CODE)?;
            let gap = r["value"]
                .as_f64()
                .zip(r["target"].as_f64())
                .map(|(v, t)| v - t);
            Some((
                gap,
                row["unit"]["name"].as_str()?.to_owned(),
                row["unit"]["id"].as_str()?.to_owned(),
            ))
        })
        .collect();
    expected.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap().then_with(|| a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    assert!(
        expected.iter().any(|e| e.0.is_some_and(|g| g < 0.0)),
        "some unit is below target: {expected:?}"
    );
    let shown: Vec<String> = j
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=drill-down] tbody tr')).map(r => r.dataset.testid.replace('drill-row-', ''))",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let ids: Vec<String> = expected.iter().map(|e| e.2.clone()).collect();
    assert_eq!(shown, ids, "units in order of gap");
    // Names, not codes, each linking to its unit page.
    let (_, first_name, first_id) = &expected[0];
    let first = format!("[data-testid=drill-row-{first_id}] [data-testid=drill-unit-link]");
    assert_eq!(j.find(&first).await.text().await.unwrap(), *first_name);
    let gap = expected[0].0.unwrap();
    j.wait_text(
        &format!("[data-testid=drill-row-{first_id}] .gap-cell"),
        &format!("{} điểm %", vn(gap, 2)),
    )
    .await;
    j.screenshot("drill-down").await;
    j.set_window(390, 844).await;
    j.scroll_to("[data-testid=drill-down]").await;
    j.screenshot("drill-down-phone").await;
    j.set_window(1366, 768).await;
    j.scroll_to(&first).await;
    j.click(&first).await;
    j.wait_url(&format!("/units/{first_id}")).await;
    j.find(find::BREADCRUMB).await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charts_carry_the_target_and_last_year_and_sections_are_one_click_away() {
    let mut j = Journey::start("dashboard-charts").await;
    j.login("admin").await;
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    let chart = "[data-testid=group-chart-FULL_ONLINE]";
    j.find(&format!("{chart} [data-testid=target-line]")).await;

    // The target line at the API's annual target, the milestone of October on its bar.
    let october = own_result(
        &j,
        &format!("{{year: {YEAR}, kind: MONTH, index: {LAST_MONTH}}}"),
    )
    .await;
    let target: f64 = j
        .attr(
            &format!("{chart} [data-testid=target-line][data-codes~={CODE}]"),
            "data-value",
        )
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!((target - october["target"].as_f64().unwrap()).abs() < 0.005);
    let milestone: f64 = j
        .attr(
            &format!("{chart} [data-testid=milestone-{CODE}-{LAST_MONTH}]"),
            "data-value",
        )
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!((milestone - october["milestone"].as_f64().unwrap()).abs() < 0.005);

    // Last year's line: the same months of the year before, from the API.
    let last_year = format!("{chart} [data-testid=last-year-{CODE}]");
    let values = j.attr(&last_year, "data-values").await.unwrap();
    let values: Vec<&str> = values.split(';').collect();
    assert_eq!(values.len(), LAST_MONTH as usize);
    let march = own_result(
        &j,
        &format!("{{year: {}, kind: MONTH, index: 3}}", YEAR - 1),
    )
    .await;
    let shown: f64 = values[2].parse().expect("last year's March");
    assert!((shown - march["value"].as_f64().unwrap()).abs() < 0.005);
    j.find(&format!("{chart} [data-testid=legend-last-year]"))
        .await;
    // Every chart is named for screen readers.
    let named = j
        .client
        .execute(
            "return Array.from(document.querySelectorAll('svg[role=img]')).every(s => s.getAttribute('aria-label') && s.querySelector('title') && s.querySelector('title').textContent)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(named, Value::Bool(true));
    // Each card has its trend.
    let spark = format!("[data-testid=sparkline-{CODE}]");
    let trend = j.attr(&spark, "data-values").await.unwrap();
    assert_eq!(trend.split(';').count(), LAST_MONTH as usize);
    j.scroll_to(chart).await;
    j.screenshot("charts").await;

    // The sections: departments one click away, without leaving the page's period.
    for id in ["tong-quan", "so-ban-nganh", "xa-phuong"] {
        j.find(&format!("[data-testid=section-link-{id}]")).await;
        j.find(&format!("section#{id}")).await;
    }
    j.client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    j.click("[data-testid=section-link-so-ban-nganh]").await;
    let url = j.wait_url("#so-ban-nganh").await;
    assert!(
        url.contains(&format!("kind=YTD&index={LAST_MONTH}")),
        "{url}"
    );
    let departments = "[data-testid=scoreboard-departments]";
    j.find(&format!("{departments} [data-testid^=score-row-]"))
        .await;
    // The cards above may still be settling when the jump is made: allow a few frames.
    let mut in_view = Value::Bool(false);
    for _ in 0..25 {
        in_view = j
            .client
            .execute(
                "const r = document.querySelector('#so-ban-nganh').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight / 2;",
                vec![],
            )
            .await
            .unwrap();
        if in_view == Value::Bool(true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let seen = j
        .client
        .execute(
            "const r = document.querySelector('#so-ban-nganh').getBoundingClientRect(); return [r.top, window.scrollY, window.innerHeight, document.documentElement.scrollHeight, location.href].join(' ');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        in_view,
        Value::Bool(true),
        "the departments are in view: {seen}"
    );
    j.screenshot("departments").await;

    j.set_window(390, 844).await;
    j.open(&format!(
        "/dashboard?year={YEAR}&kind=YTD&index={LAST_MONTH}"
    ))
    .await;
    j.find(&find::indicator_card(CODE)).await;
    j.screenshot("phone-top").await;
    j.scroll_to(&find::indicator_card(CODE)).await;
    j.screenshot("phone-card").await;
    j.click("[data-testid=section-link-xa-phuong]").await;
    j.wait_url("#xa-phuong").await;
    j.find(&format!(
        "{} [data-testid^=score-row-]",
        find::SCOREBOARD_COMMUNES
    ))
    .await;
    j.screenshot("phone-communes").await;
    j.finish().await;
}
