//! Every staff member's share, as the people of Xã An Phú use it: the commune's officer
//! enters October's personal figures for three staff on one page; the head opens the
//! commune's page and sees at once who is behind — the rows and badges agree with the
//! API — and downloads the personnel office's monthly sheet.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{AN_PHU, Journey, LAST_MONTH, YEAR};

/// The staff of Xã An Phú with personal targets, and its head: ids in that order.
async fn three_staff(j: &Journey, unit: i32) -> Vec<i32> {
    use backend::db::entities::{staff, staff_target, target};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let targets: Vec<i32> = target::Entity::find()
        .filter(target::Column::UnitId.eq(unit))
        .filter(target::Column::Year.eq(YEAR))
        .all(j.db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut with_targets: Vec<i32> = staff_target::Entity::find()
        .filter(staff_target::Column::TargetId.is_in(targets))
        .all(j.db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.staff_id)
        .collect();
    with_targets.sort_unstable();
    with_targets.dedup();
    let head = staff::Entity::find()
        .filter(staff::Column::UnitId.eq(unit))
        .filter(staff::Column::IsHead.eq(true))
        .order_by_asc(staff::Column::Id)
        .one(j.db.conn())
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(
        with_targets.len() >= 2,
        "the demo gives two of An Phú's staff personal targets"
    );
    vec![with_targets[0], with_targets[1], head]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_enters_a_month_for_three_staff_and_the_head_sees_who_is_behind() {
    let mut j = Journey::start("personal").await;
    let unit = j.unit_id(AN_PHU).await;
    let staff = three_staff(&j, unit).await;

    // The officer opens the month's entry from the commune's page.
    j.login("canbo.anphu").await;
    j.open(&format!(
        "/units/{unit}?year={YEAR}&kind=MONTH&index={LAST_MONTH}"
    ))
    .await;
    j.find("[data-testid=staff-progress]").await;
    j.scroll_to("[data-testid=enter-staff-figures]").await;
    j.click("[data-testid=enter-staff-figures]").await;
    j.find("[data-testid=staff-figures-table]").await;
    let codes: Vec<String> = j
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=staff-figures-table] input')).map(i => i.dataset.testid)",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter_map(|t| t.strip_prefix(&format!("sf-{}-", staff[0])).map(str::to_owned))
        .collect();
    assert!(codes.contains(&"RECEIVED".to_owned()), "{codes:?}");
    // The first ahead of the rest (everything online), the second far behind (almost
    // nothing online), the head with dossiers received only.
    let behind = |code: &str| {
        if code == "RECEIVED" || code.ends_with("ELIGIBLE") {
            40
        } else {
            1
        }
    };
    for code in &codes {
        j.fill(&format!("[data-testid=sf-{}-{code}]", staff[0]), "40")
            .await;
        j.fill(
            &format!("[data-testid=sf-{}-{code}]", staff[1]),
            &behind(code).to_string(),
        )
        .await;
    }
    j.fill(&format!("[data-testid=sf-{}-RECEIVED]", staff[2]), "12")
        .await;
    j.screenshot("entry").await;
    j.scroll_to("[data-testid=staff-figures-save]").await;
    j.click("[data-testid=staff-figures-save]").await;
    j.screenshot("saved").await;
    j.wait_text(
        "[data-testid=staff-figures-result]",
        "Đã lưu số liệu cá nhân",
    )
    .await;
    let sheet = j
        .gql(&format!(
            "{{ staffFigureSheet(unitId: \"{unit}\", year: {YEAR}, month: {LAST_MONTH}) {{ figures {{ staffId measureCode value }} }} }}"
        ))
        .await;
    let stored = |s: i32, code: &str| {
        sheet["staffFigureSheet"]["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["staffId"].as_str() == Some(s.to_string().as_str()) && f["measureCode"] == code
            })
            .and_then(|f| f["value"].as_i64())
    };
    assert_eq!(stored(staff[0], "RECEIVED"), Some(40));
    assert_eq!(stored(staff[1], "FULL_ONLINE"), Some(1));
    assert_eq!(stored(staff[2], "RECEIVED"), Some(12));
    // A wrong cell is refused before anything is sent.
    j.fill(&format!("[data-testid=sf-{}-RECEIVED]", staff[2]), "mười")
        .await;
    j.scroll_to("[data-testid=staff-figures-save]").await;
    j.click("[data-testid=staff-figures-save]").await;
    j.wait_text("[data-testid=staff-figures-result]", "không phải số nguyên")
        .await;
    j.logout().await;

    // The head sees who is behind on the commune's page, as the API says.
    j.login("truong.anphu").await;
    j.open(&format!(
        "/units/{unit}?year={YEAR}&kind=MONTH&index={LAST_MONTH}"
    ))
    .await;
    j.find("[data-testid=staff-progress-table]").await;
    let api = j
        .gql(&format!(
            "{{ unitStaffProgress(unitId: \"{unit}\", period: {{year: {YEAR}, kind: MONTH, index: {LAST_MONTH}}}) {{ staff {{ staff {{ id }} behind }} }} }}"
        ))
        .await;
    let behind_of = |s: i32| {
        api["unitStaffProgress"]["staff"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["staff"]["id"].as_str() == Some(s.to_string().as_str()))
            .and_then(|c| c["behind"].as_i64())
            .unwrap()
    };
    assert_eq!(behind_of(staff[0]), 0, "the one ahead is not behind");
    assert!(
        behind_of(staff[1]) > 0,
        "the one with almost nothing online is behind"
    );
    for s in &staff[..2] {
        let row = format!("[data-testid=staff-progress-{s}]");
        j.scroll_to(&row).await;
        assert_eq!(
            j.attr(&row, "data-behind").await.unwrap(),
            behind_of(*s).to_string()
        );
    }
    let lagging = format!(
        "[data-testid=staff-progress-{}] [data-testid=staff-behind]",
        staff[1]
    );
    j.wait_text(&lagging, "Chậm").await;
    j.screenshot("head").await;

    // The personnel office's sheet of the month.
    j.scroll_to("[data-testid=export-staff-xlsx]").await;
    j.click("[data-testid=export-staff-xlsx]").await;
    let (name, bytes) = j.downloaded("xlsx").await;
    assert!(name.contains("Đánh giá cán bộ"), "{name}");
    assert!(bytes.starts_with(b"PK"), "an XLSX workbook");

    // On a phone, each person is a card.
    j.set_window(390, 844).await;
    j.open(&format!(
        "/units/{unit}?year={YEAR}&kind=MONTH&index={LAST_MONTH}"
    ))
    .await;
    j.find("[data-testid=staff-progress-table]").await;
    j.scroll_to(&lagging).await;
    j.screenshot("phone").await;
    j.finish().await;
}
