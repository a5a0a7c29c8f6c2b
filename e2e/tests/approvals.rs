//! Journeys of the approvals page: a manager keeps the months waiting with the status
//! filter, reads the count waiting, sees why a month is flagged, selects several months and
//! approves them in one go; on a phone each month is a card that is approved from there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{Journey, LAST_MONTH, YEAR, find};

const PENDING_COUNT: &str = "[data-testid=pending-count]";

/// The ids of the province root's sub-units (those the approvals page lists for the
/// province's manager) whose last month waits for approval, in id order.
async fn waiting_children(j: &Journey) -> Vec<i32> {
    use backend::db::entities::{monthly_report, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let root = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .one(j.db.conn())
        .await
        .unwrap()
        .unwrap();
    let children: Vec<i32> = unit::Entity::find()
        .filter(unit::Column::ParentId.eq(root.id))
        .filter(unit::Column::ValidTo.is_null())
        .order_by_asc(unit::Column::Id)
        .all(j.db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    let waiting: Vec<i32> = monthly_report::Entity::find()
        .filter(monthly_report::Column::Year.eq(YEAR))
        .filter(monthly_report::Column::Month.eq(LAST_MONTH))
        .filter(monthly_report::Column::Status.eq(shared::ReportStatus::Submitted))
        .all(j.db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.unit_id)
        .collect();
    children
        .into_iter()
        .filter(|c| waiting.contains(c))
        .collect()
}

/// The stored status of a unit's last month.
async fn status_of(j: &Journey, unit: i32) -> String {
    use backend::db::entities::monthly_report;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    monthly_report::Entity::find()
        .filter(monthly_report::Column::UnitId.eq(unit))
        .filter(monthly_report::Column::Year.eq(YEAR))
        .filter(monthly_report::Column::Month.eq(LAST_MONTH))
        .one(j.db.conn())
        .await
        .unwrap()
        .map(|r| r.status.as_str().to_owned())
        .unwrap_or_default()
}

/// As the logged-in ADMIN: the unit's last month is corrected to no dossier processed fully
/// online, and sent again — a fall no manager should approve without a look.
async fn fall_to_nothing_online(j: &Journey, unit: i32) {
    j.gql(&format!(
        "mutation {{ saveMonthlyReport(unitId: \"{unit}\", year: {YEAR}, month: {LAST_MONTH}, values: [{{measureCode: \"FULL_ONLINE\", value: 0}}]) {{ version }} }}"
    ))
    .await;
    j.gql(&format!(
        "mutation {{ submitMonthlyReport(unitId: \"{unit}\", year: {YEAR}, month: {LAST_MONTH}) {{ status }} }}"
    ))
    .await;
}

/// Scrolls to an element, then clicks it (the sticky header covers the top of the page).
async fn tap(j: &Journey, css: &str) {
    j.scroll_to(css).await;
    j.click(css).await;
}

/// Opens the approvals page on the demo's last month as the province's manager.
async fn open_last_month(j: &Journey) {
    j.login("quanly").await;
    j.click(find::NAV_APPROVALS).await;
    j.select("#approvals-year", &YEAR.to_string()).await;
    j.select("#approvals-month", &LAST_MONTH.to_string()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_filters_the_waiting_months_sees_a_flag_and_approves_several_at_once() {
    let mut j = Journey::start("approvals-bulk").await;
    let waiting = waiting_children(&j).await;
    assert!(
        waiting.len() >= 4,
        "the demo has months waiting: {waiting:?}"
    );
    let flagged = waiting[0];
    j.login("admin").await;
    fall_to_nothing_online(&j, flagged).await;
    j.logout().await;

    open_last_month(&j).await;
    let row = find::approval_row(flagged);
    j.wait_attr(&row, "data-status", "SUBMITTED").await;
    let all = j.count(find::APPROVAL_ROWS).await;

    // The months waiting only, and how many there are.
    j.click("[data-testid=status-filter-SUBMITTED]").await;
    j.wait_url("status=pending").await;
    j.wait_count(find::APPROVAL_ROWS, waiting.len()).await;
    assert!(waiting.len() < all, "{} waiting of {all}", waiting.len());
    let count = j
        .wait_text(PENDING_COUNT, &format!("{} tháng chờ duyệt", waiting.len()))
        .await;
    assert!(count.contains("có dấu hiệu bất thường"), "{count}");
    assert_eq!(
        j.attr("[data-testid=status-filter-SUBMITTED]", "aria-pressed")
            .await
            .as_deref(),
        Some("true")
    );

    // The flagged month says why, by the indicator's name.
    let first = j
        .wait_text(
            &format!("{row} [data-testid=review-first-reason]"),
            "Tỷ lệ hồ sơ trực tuyến toàn trình",
        )
        .await;
    assert!(first.contains("xuống 0,0 %"), "{first}");
    j.click(&format!("{row} [data-testid=approval-details]"))
        .await;
    let details = format!("[data-testid=approval-details-{flagged}]");
    let reason = j
        .wait_text(
            &format!("{details} [data-testid=review-FULL_ONLINE_RATE]"),
            "Giảm từ",
        )
        .await;
    assert!(reason.contains("Biến động mạnh"), "{reason}");
    let figures = j
        .wait_text(
            &format!("{details} [data-testid=approval-values]"),
            "Hồ sơ trực tuyến toàn trình",
        )
        .await;
    assert!(
        !figures.contains("FULL_ONLINE"),
        "names, not codes: {figures}"
    );
    j.screenshot("flagged-month").await;

    // Three months selected, approved in one go.
    let chosen = &waiting[..3];
    for id in chosen {
        tap(
            &j,
            &format!("{} [data-testid=approval-select]", find::approval_row(*id)),
        )
        .await;
    }
    j.wait_text("[data-testid=selected-count]", "Đã chọn 3 tháng")
        .await;
    j.screenshot("three-selected").await;
    tap(&j, "[data-testid=approve-selected]").await;
    j.wait_text("[data-testid=bulk-result]", "Đã duyệt 3 tháng.")
        .await;
    for id in chosen {
        j.wait_attr(&find::approval_row(*id), "data-status", "APPROVED")
            .await;
        assert_eq!(status_of(&j, *id).await, "APPROVED");
    }
    j.wait_text(
        PENDING_COUNT,
        &format!("{} tháng chờ duyệt", waiting.len() - 3),
    )
    .await;
    assert_eq!(status_of(&j, waiting[3]).await, "SUBMITTED");
    j.screenshot("approved-in-one-go").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_each_month_is_a_card_approved_from_there() {
    let mut j = Journey::start("approvals-phone").await;
    let waiting = waiting_children(&j).await;
    let unit = waiting[0];
    j.set_window(390, 844).await;
    j.login("quanly").await;
    j.open(&format!(
        "/approvals?year={YEAR}&kind=MONTH&index={LAST_MONTH}&status=pending"
    ))
    .await;
    let row = find::approval_row(unit);
    j.wait_attr(&row, "data-status", "SUBMITTED").await;
    j.scroll_to(&row).await;
    assert!(
        j.fits_width(find::APPROVALS_TABLE).await,
        "the cards fit a phone"
    );
    // A card: the name on a line of its own, wide enough not to wrap word by word.
    let width: f64 = j
        .client
        .execute(
            "const c = document.querySelector(arguments[0] + ' .unit-cell');
             return c.getBoundingClientRect().width;",
            vec![serde_json::Value::String(row.clone())],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(width > 250.0, "the unit's name has {width}px");
    j.screenshot("cards-phone").await;
    tap(&j, &format!("{row} [data-testid=approve-with-comment]")).await;
    j.fill(
        "[data-testid=approval-comment-form] [data-testid=approval-comment]",
        "Số liệu khớp với cổng dịch vụ công.",
    )
    .await;
    j.screenshot("card-comment-phone").await;
    tap(&j, "[data-testid=approval-confirm]").await;
    j.wait_attr(&row, "data-status", "APPROVED").await;
    assert_eq!(status_of(&j, unit).await, "APPROVED");
    j.wait_text(&format!("[data-testid=approval-result-{unit}]"), "")
        .await;
    j.screenshot("card-approved-phone").await;
    j.finish().await;
}
