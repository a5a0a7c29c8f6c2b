//! Safeguards on what cannot be undone, in headless Chromium against the demo province:
//! editing a target that has a roadmap asks what becomes of it (the roadmap is rescaled,
//! not wiped); a ranking is previewed, confirmed, published and withdrawn with a reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use fixtures::{AN_PHU, Journey, YEAR, find};

/// Whether the keyboard focus is inside the open dialog `testid` (a modal `role=dialog`).
async fn focus_is_in(j: &Journey, testid: &str) -> bool {
    let js = format!(
        "const d = document.querySelector('[data-testid={testid}]');
         return !!d && d.getAttribute('role') === 'dialog' && d.getAttribute('aria-modal') === 'true'
             && !!d.getAttribute('aria-labelledby') && d.contains(document.activeElement);"
    );
    j.client.execute(&js, vec![]).await.expect("script") == serde_json::json!(true)
}

/// The stored milestones of a target, in period order.
async fn roadmap(j: &Journey, target: i32) -> Vec<f64> {
    use backend::db::entities::milestone;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    milestone::Entity::find()
        .filter(milestone::Column::TargetId.eq(target))
        .order_by_asc(milestone::Column::Idx)
        .all(j.db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.value)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_target_with_a_roadmap_asks_and_rescaling_keeps_the_roadmap() {
    let mut j = Journey::start("safeguard-roadmap").await;
    let commune = j.unit_id(AN_PHU).await;
    let target = j.target_id(AN_PHU, "FULL_ONLINE_RATE").await;
    let (decision, _) = j.decision("55/QĐ-UBND").await;
    j.login("admin").await;
    // Arranged through the API: 55 % from a baseline of 30 %, a quarterly LINEAR roadmap.
    j.gql(&format!(
        "mutation {{ setTarget(input: {{decisionId: \"{decision}\", unitId: \"{commune}\", indicatorCode: \"FULL_ONLINE_RATE\", value: 55, baseline: 30, roadmap: CLEAR}}) {{ id }} }}"
    ))
    .await;
    j.gql(&format!(
        "mutation {{ splitTarget(targetId: \"{target}\", method: LINEAR, grain: QUARTER) {{ id }} }}"
    ))
    .await;
    let roadmap_before = roadmap(&j, target).await;
    assert_eq!(roadmap_before, vec![36.25, 42.5, 48.75, 55.0]);

    j.open(&format!("/targets/{decision}")).await;
    j.find(find::SET_TARGET_FORM).await;
    j.select(find::TARGETS_FILTER, &commune.to_string()).await;
    j.select(find::TARGET_UNIT, &commune.to_string()).await;
    // 55 → 66: before anything is saved, the page asks what becomes of the roadmap.
    j.select(find::TARGET_INDICATOR, "FULL_ONLINE_RATE").await;
    j.fill(find::TARGET_VALUE, "66").await;
    j.click(find::SET_TARGET_SUBMIT).await;
    j.find("[data-testid=roadmap-choice]").await;
    assert!(
        focus_is_in(&j, "roadmap-choice").await,
        "the focus moves into the dialog"
    );
    j.wait_text("[data-testid=roadmap-choice-explain]", "66")
        .await;
    j.screenshot("roadmap-choice").await;
    // Esc cancels: nothing saved.
    j.press("\u{e00c}").await;
    j.wait_gone("[data-testid=roadmap-choice]").await;
    assert_eq!(j.target_value(target).await, 55.0);
    assert_eq!(roadmap(&j, target).await, roadmap_before);

    // Asked again; "co giãn" rescales the roadmap to the new value instead of wiping it.
    j.click(find::SET_TARGET_SUBMIT).await;
    j.click("[data-testid=roadmap-rescale]").await;
    j.screenshot("roadmap-rescale-chosen").await;
    j.click("[data-testid=roadmap-choice-save]").await;
    j.find(find::SET_TARGET_RESULT).await;
    j.wait_gone("[data-testid=roadmap-choice]").await;
    assert_eq!(j.target_value(target).await, 66.0);
    let after = roadmap(&j, target).await;
    // The rise above the 30 % baseline stretched: 30 + (m − 30) × 36 / 25.
    assert_eq!(after, vec![39.0, 48.0, 57.0, 66.0]);
    // The table shows the rescaled roadmap, not "Chưa chia lộ trình".
    let row = find::target_row(target);
    j.wait_text(&row, "66").await;
    j.scroll_to(&row).await;
    j.screenshot("roadmap-rescaled").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_previews_confirms_publishes_and_withdraws_a_ranking_with_a_reason() {
    let mut j = Journey::start("safeguard-ranking").await;
    j.login("admin").await;

    // An empty period (October is not approved yet): a warning, and no publishing unticked.
    j.open(&format!("/rankings?year={YEAR}&kind=MONTH&index=10"))
        .await;
    j.find("[data-testid=publish-form]").await;
    j.select("#publish-kind", "COMMUNE").await;
    j.click("[data-testid=publish-submit]").await;
    j.find("[data-testid=publish-dialog]").await;
    j.find("[data-testid=publish-empty-warning]").await;
    assert!(focus_is_in(&j, "publish-dialog").await);
    j.click("[data-testid=publish-confirm]").await;
    j.find("[data-testid=publish-dialog-result]").await;
    j.screenshot("empty-period-warning").await;
    j.click("[data-testid=publish-cancel]").await;
    j.wait_gone("[data-testid=publish-dialog]").await;
    let none = j.gql("{ publishedRankings { id } }").await;
    assert_eq!(none["publishedRankings"], serde_json::json!([]));

    // September is approved: preview, Esc, preview again, confirm.
    j.open(&format!("/rankings?year={YEAR}&kind=MONTH&index=9"))
        .await;
    j.find("[data-testid=publish-form]").await;
    j.select("#publish-kind", "COMMUNE").await;
    j.click("[data-testid=publish-submit]").await;
    j.find("[data-testid=publish-dialog]").await;
    assert!(focus_is_in(&j, "publish-dialog").await);
    assert!(!j.exists("[data-testid=publish-empty-warning]").await);
    j.find("[data-testid=publish-preview-rows] li").await;
    j.screenshot("publish-preview").await;
    j.press("\u{e00c}").await;
    j.wait_gone("[data-testid=publish-dialog]").await;
    let none = j.gql("{ publishedRankings { id } }").await;
    assert_eq!(none["publishedRankings"], serde_json::json!([]));
    j.click("[data-testid=publish-submit]").await;
    j.click("[data-testid=publish-confirm]").await;
    j.find("[data-testid=publish-result]").await;
    j.wait_gone("[data-testid=publish-dialog]").await;
    let published = j.gql("{ publishedRankings { id withdrawn } }").await;
    let id = published["publishedRankings"][0]["id"]
        .as_str()
        .expect("a published ranking")
        .to_owned();
    let panel = format!("[data-testid=ranking-{id}]");

    // Withdraw: a reason is required.
    j.click(&format!("{panel} [data-testid=ranking-withdraw]"))
        .await;
    j.find("[data-testid=withdraw-dialog]").await;
    assert!(focus_is_in(&j, "withdraw-dialog").await);
    j.click("[data-testid=withdraw-confirm]").await;
    j.find("[data-testid=withdraw-result]").await;
    j.fill("[data-testid=withdraw-reason]", "Công bố nhầm kỳ")
        .await;
    j.screenshot("withdraw-reason").await;
    j.click("[data-testid=withdraw-confirm]").await;
    j.wait_gone("[data-testid=withdraw-dialog]").await;
    j.find(&format!("{panel} [data-testid=ranking-withdrawn]"))
        .await;
    j.wait_text(
        &format!("{panel} [data-testid=ranking-withdrawn-note]"),
        "Công bố nhầm kỳ",
    )
    .await;
    assert!(
        !j.exists(&format!("{panel} [data-testid=ranking-withdraw]"))
            .await
    );
    j.screenshot("withdrawn-admin").await;

    // The frozen copy stays in the database, marked withdrawn.
    {
        use backend::db::entities::published_ranking;
        use sea_orm::EntityTrait;
        let row = published_ranking::Entity::find_by_id(id.parse::<i32>().unwrap())
            .one(j.db.conn())
            .await
            .unwrap()
            .expect("the frozen ranking stays");
        assert_eq!(row.withdrawal_reason.as_deref(), Some("Công bố nhầm kỳ"));
        assert!(row.withdrawn_at.is_some() && row.withdrawn_by.is_some());
        assert!(row.rows_json.len() > 2, "its rows stay");
    }

    // A leader no longer sees it as a published ranking.
    j.logout().await;
    j.login("lanhdao").await;
    j.open(&format!("/rankings?year={YEAR}&kind=MONTH&index=9"))
        .await;
    j.find("[data-testid=rankings-page]").await;
    j.find("[data-testid=empty]").await;
    assert!(!j.exists(&panel).await);
    j.screenshot("withdrawn-viewer").await;
    j.finish().await;
}
