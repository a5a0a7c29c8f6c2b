//! The demo province: what `chitieu seed --demo` writes as of a fixed day, counted on both
//! databases: a live picture of last month and the 2025 reorganisation.

use crate::both_databases;
use crate::helpers::TestApp;
use backend::db::entities::{
    decision, indicator, measure, measure_value, milestone, monthly_report, reorganization, staff,
    staff_target, target, unit, violation,
};
use backend::db::rollups;
use backend::devdata::seed;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared::UnitKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

/// Units of the test tree that `spawn_app` makes before the demo is seeded.
const TEST_TREE: [&str; 5] = ["T", "D1", "D1.1", "C1", "C2"];

/// The day the demo is seeded as of: figures from 01/2024 to 10/2026.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

async fn demo_units(app: &TestApp) -> Vec<unit::Model> {
    unit::Entity::find()
        .all(app.db.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|u| !TEST_TREE.contains(&u.code.as_str()))
        .collect()
}

async fn seed_on_the_day(app: &TestApp) -> Vec<seed::DemoLogin> {
    let started = Instant::now();
    let logins = seed::seed_demo_on(&app.db, today())
        .await
        .expect("seed the demo");
    let took = started.elapsed();
    eprintln!("{:?}: demo seeded in {took:.1?}", app.backend);
    assert!(
        took < Duration::from_secs(90),
        "seeding took {took:?} (debug build)"
    );
    logins
}

async fn the_demo_province_lives_in_the_present_and_was_reorganised_on_1_july_2025(app: TestApp) {
    let logins = seed_on_the_day(&app).await;
    let conn = app.db.conn();
    let units = demo_units(&app).await;
    let in_force: Vec<&unit::Model> = units.iter().filter(|u| u.valid_to.is_none()).collect();
    let count =
        |all: &[&unit::Model], kind: UnitKind| all.iter().filter(|u| u.kind == kind).count();
    let all: Vec<&unit::Model> = units.iter().collect();

    // Before 01/07/2025: fifteen departments, nine districts with their 148 communes.
    assert_eq!(count(&all, UnitKind::District), 9);
    assert_eq!(
        count(&all, UnitKind::Department),
        16,
        "15, and one made by a merge"
    );
    let old_communes: Vec<&unit::Model> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Commune && u.valid_from.is_none())
        .collect();
    assert_eq!(old_communes.len(), 148);
    assert!(
        old_communes.iter().all(|c| c.valid_to == day(2025, 6, 30)),
        "every old commune merged away"
    );
    let by_id: HashMap<i32, &unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    assert!(old_communes.iter().all(|c| {
        c.parent_id
            .and_then(|p| by_id.get(&p))
            .is_some_and(|p| p.kind == UnitKind::District)
    }));
    // From it: two levels, ten departments, about fifty communes directly under the root.
    assert_eq!(
        count(&in_force, UnitKind::District),
        0,
        "the districts are closed"
    );
    assert_eq!(count(&in_force, UnitKind::Department), 10);
    assert_eq!(count(&in_force, UnitKind::Center), 1);
    let new_communes: Vec<&&unit::Model> = in_force
        .iter()
        .filter(|u| u.kind == UnitKind::Commune)
        .collect();
    assert!(
        (45..=55).contains(&new_communes.len()),
        "{} communes",
        new_communes.len()
    );
    let root = units
        .iter()
        .find(|u| u.code == "STP")
        .and_then(|u| u.parent_id)
        .unwrap();
    assert!(new_communes.iter().all(|c| c.parent_id == Some(root)
        && c.valid_from == day(2025, 7, 1)
        && ["Xã ", "Phường "].iter().any(|p| c.name.starts_with(p))));
    let names: HashSet<&str> = in_force.iter().map(|u| u.name.as_str()).collect();
    for name in [
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Xây dựng",
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "Sở Nông nghiệp và Môi trường",
        "Xã An Phú",
    ] {
        assert!(names.contains(name), "{name} is in force");
    }
    for gone in [
        "Sở Kế hoạch và Đầu tư",
        "Sở Giao thông vận tải",
        "Huyện Tân Phước",
    ] {
        assert!(!names.contains(gone), "{gone} is no longer in force");
        assert!(
            units.iter().any(|u| u.name == gone),
            "{gone} stays as history"
        );
    }
    let an_phu = units.iter().find(|u| u.code == seed::AN_PHU_CODE).unwrap();
    assert_eq!(an_phu.name, seed::AN_PHU);
    let old_an_phu = units.iter().find(|u| u.code == "XAP").unwrap();
    assert_eq!(old_an_phu.valid_to, day(2025, 6, 30));

    // The reorganisations, with their decisions.
    let reorgs = reorganization::Entity::find().all(conn).await.unwrap();
    let of = |kind: &str, decision: &str| {
        reorgs
            .iter()
            .filter(|r| r.kind.as_str() == kind && r.decision == decision)
            .count()
    };
    assert_eq!(of("CLOSE", "72/2025/QH15"), 9);
    assert_eq!(of("MERGE", "1656/NQ-UBTVQH15"), new_communes.len());
    assert_eq!(of("MERGE", "12/NQ-HĐND"), 5);
    assert!(
        reorgs
            .iter()
            .all(|r| r.effective_on == day(2025, 7, 1).unwrap())
    );
    let stc = units.iter().find(|u| u.code == "STC").unwrap();
    let moved = units.iter().find(|u| u.code == "SKHDT.1").unwrap();
    assert_eq!(
        moved.parent_id,
        Some(stc.id),
        "divisions follow their department"
    );

    let staff = staff::Entity::find().all(conn).await.unwrap();
    assert!(
        (1_600..=2_400).contains(&staff.len()),
        "about 2,000 staff: {}",
        staff.len()
    );
    let mut heads: HashMap<i32, usize> = HashMap::new();
    for s in staff.iter().filter(|s| s.is_head && s.active) {
        *heads.entry(s.unit_id).or_default() += 1;
    }
    assert!(
        in_force.iter().all(|u| heads.get(&u.id) == Some(&1)),
        "every unit in force has one head"
    );

    // Figures from 01/2024 to 10/2026, consistent; each unit only while in force.
    let codes: HashMap<i32, String> = measure::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    let values = measure_value::Entity::find().all(conn).await.unwrap();
    let years: HashSet<i32> = values.iter().map(|v| v.year).collect();
    assert_eq!(years, HashSet::from([2024, 2025, 2026]));
    assert!(values.iter().all(|v| (v.year, v.month) <= (2026, 10)));
    let mut months: BTreeMap<(i32, i32, i32), HashMap<&str, i64>> = BTreeMap::new();
    for v in &values {
        let code = codes[&v.measure_id].as_str();
        months
            .entry((v.unit_id, v.year, v.month))
            .or_default()
            .insert(code, v.value);
    }
    for ((u, y, m), figures) in &months {
        let broken =
            shared::validation::check_consistency(&shared::measures::CONSISTENCY_RULES, |c| {
                figures.get(c).copied()
            });
        assert!(broken.is_empty(), "unit {u} {m}/{y}: {broken:?}");
        let unit = by_id[u];
        let first = NaiveDate::from_ymd_opt(*y, *m as u32, 1).unwrap();
        assert!(
            unit.valid_from.is_none_or(|f| f <= first) && unit.valid_to.is_none_or(|t| first <= t),
            "{} has figures for {m}/{y} only while in force",
            unit.name
        );
    }

    // Approved up to two months ago; last month submitted, late, rejected or in draft.
    let reports = monthly_report::Entity::find().all(conn).await.unwrap();
    assert!(
        reports
            .iter()
            .filter(|r| (r.year, r.month) < (2026, 10))
            .all(|r| r.status == shared::ReportStatus::Approved)
    );
    let last: Vec<&monthly_report::Model> = reports
        .iter()
        .filter(|r| (r.year, r.month) == (2026, 10))
        .collect();
    let with = |s: shared::ReportStatus| last.iter().filter(|r| r.status == s).count();
    assert!(
        with(shared::ReportStatus::Submitted) * 2 > in_force.len(),
        "most submitted"
    );
    assert!(with(shared::ReportStatus::Draft) >= 5);
    assert!(with(shared::ReportStatus::Rejected) >= 3);
    assert!(
        last.iter()
            .filter(|r| r.status == shared::ReportStatus::Rejected)
            .all(|r| r.comment.as_deref().is_some_and(|c| !c.is_empty())),
        "a rejection says why"
    );
    let reported: HashSet<i32> = last.iter().map(|r| r.unit_id).collect();
    let late: Vec<&&unit::Model> = in_force
        .iter()
        .filter(|u| !reported.contains(&u.id))
        .collect();
    assert!(late.len() >= 5, "{} late", late.len());
    assert!(
        late.iter().any(|u| u.id == an_phu.id),
        "Xã An Phú's October waits"
    );
    assert!(
        !months.contains_key(&(an_phu.id, 2026, 10)),
        "a late month has no figures"
    );

    // The maintained roll-ups are exactly a recomputation from the raw figures.
    assert_eq!(
        rollups::stored(conn).await.unwrap(),
        rollups::recompute(conn).await.unwrap()
    );

    // The new Xã An Phú has a whole 2025: its predecessors' January–June and its own
    // July–December; the province's results exist for last month.
    let predecessors: Vec<i32> = backend::db::entities::reorganization_unit::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|ru| {
            ru.role == "SOURCE"
                && reorgs
                    .iter()
                    .any(|r| r.id == ru.reorganization_id && r.result_id == Some(an_phu.id))
        })
        .map(|ru| ru.unit_id)
        .collect();
    assert!(predecessors.contains(&old_an_phu.id), "{predecessors:?}");
    assert!((2..=4).contains(&predecessors.len()));
    let rate = indicator::Entity::find()
        .filter(indicator::Column::Code.eq("ONLINE_SUBMISSION_RATE"))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    let den = rate.denominator_id.unwrap();
    let sum = |units: &[i32], from: i32, to: i32| -> i64 {
        values
            .iter()
            .filter(|v| {
                units.contains(&v.unit_id)
                    && v.measure_id == den
                    && v.year == 2025
                    && (from..=to).contains(&v.month)
            })
            .map(|v| v.value)
            .sum()
    };
    let (before, after) = (sum(&predecessors, 1, 6), sum(&[an_phu.id], 7, 12));
    assert!(before > 0 && after > 0);
    let token = app.login("lanhdao", seed::DEMO_PASSWORD).await["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let results = |unit: i32, year: i32, kind: &'static str, index: i32| {
        let (app, token) = (&app, token.clone());
        async move {
            app.gql(
                Some(&token),
                "query($p: PeriodInput!, $u: [ID!]) { indicatorResults(period: $p, unitIds: $u, indicatorCodes: [\"ONLINE_SUBMISSION_RATE\"]) { numerator denominator value } }",
                json!({"p": {"year": year, "kind": kind, "index": index}, "u": [unit.to_string()]}),
            )
            .await
        }
    };
    let ytd = results(an_phu.id, 2025, "YTD", 12).await;
    assert_eq!(
        ytd["data"]["indicatorResults"][0]["denominator"],
        json!(before + after),
        "{ytd}"
    );
    let last_month = results(root, 2026, "MONTH", 10).await;
    assert!(
        last_month["data"]["indicatorResults"][0]["value"].is_number(),
        "the province has results for last month: {last_month}"
    );

    // This year's decision 55/QĐ-UBND: a target on every indicator for the province and
    // every unit in force (none for the units gone), most split into milestones.
    let d = decision::Entity::find()
        .filter(decision::Column::Number.eq("55/QĐ-UBND"))
        .one(conn)
        .await
        .unwrap()
        .expect("decision 55");
    assert_eq!(d.year, 2026);
    let targets = target::Entity::find()
        .filter(target::Column::DecisionId.eq(d.id))
        .all(conn)
        .await
        .unwrap();
    assert_eq!(targets.len(), (in_force.len() + 1) * 8);
    assert!(targets.iter().all(|t| t.year == 2026));
    let in_force_ids: HashSet<i32> = in_force.iter().map(|u| u.id).chain([root]).collect();
    assert!(targets.iter().all(|t| in_force_ids.contains(&t.unit_id)));
    let split: HashSet<i32> = milestone::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.target_id)
        .collect();
    assert!(split.len() * 10 >= targets.len() * 9, "most targets split");
    assert!(
        targets
            .iter()
            .filter(|t| t.unit_id == an_phu.id)
            .all(|t| split.contains(&t.id)),
        "the merged commune's roadmap starts from its lineage's 2025"
    );
    assert!(staff_target::Entity::find().count(conn).await.unwrap() > 100);
    let violations = violation::Entity::find().all(conn).await.unwrap();
    assert!(violations.len() >= 10);
    assert!(violations.iter().all(|v| {
        let u = by_id[&v.unit_id];
        v.occurred_on >= day(2024, 1, 1).unwrap()
            && v.occurred_on < today()
            && u.valid_from.is_none_or(|f| f <= v.occurred_on)
            && u.valid_to.is_none_or(|t| v.occurred_on <= t)
    }));

    // One account per role, printed with its unit, that logs in with the demo password;
    // the officer belongs to the new Xã An Phú.
    assert!(logins.iter().any(|l| l.username == "canbo.anphu"));
    for l in &logins {
        let body = app.login(&l.username, seed::DEMO_PASSWORD).await;
        assert!(
            body["data"]["login"]["token"].is_string(),
            "{}: {body}",
            l.username
        );
    }
    let body = app.login("canbo.anphu", seed::DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["user"]["unit"]["code"],
        seed::AN_PHU_CODE,
        "{body}"
    );
}

async fn seeding_the_demo_twice_is_refused(app: TestApp) {
    seed::seed_demo_on(&app.db, today())
        .await
        .expect("seed the demo");
    match seed::seed_demo_on(&app.db, today()).await {
        Err(e) => assert_eq!(e.code(), shared::ErrorCode::Conflict),
        Ok(_) => panic!("a second seed must be refused"),
    }
}

async fn before_the_reorganisation_the_demo_has_its_districts_and_no_merge(app: TestApp) {
    seed::seed_demo_on(&app.db, day(2025, 3, 15).unwrap())
        .await
        .expect("seed the demo");
    let conn = app.db.conn();
    let units = demo_units(&app).await;
    assert!(
        units
            .iter()
            .all(|u| u.valid_to.is_none() && u.valid_from.is_none())
    );
    assert_eq!(
        units
            .iter()
            .filter(|u| u.kind == UnitKind::District)
            .count(),
        9
    );
    assert_eq!(
        units.iter().filter(|u| u.kind == UnitKind::Commune).count(),
        148
    );
    assert_eq!(reorganization::Entity::find().count(conn).await.unwrap(), 0);
    let years: HashSet<i32> = measure_value::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.year)
        .collect();
    assert_eq!(years, HashSet::from([2023, 2024, 2025]));
    let d = decision::Entity::find()
        .filter(decision::Column::Number.eq("55/QĐ-UBND"))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.year, 2025);
    let body = app.login("canbo.anphu", seed::DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["user"]["unit"]["code"], "XAP",
        "{body}"
    );
}

async fn once_the_calendar_starts_after_the_reorganisation_only_two_levels_remain(app: TestApp) {
    seed::seed_demo_on(&app.db, day(2028, 2, 10).unwrap())
        .await
        .expect("seed the demo");
    let conn = app.db.conn();
    let units = demo_units(&app).await;
    assert!(units.iter().all(|u| u.valid_to.is_none()));
    assert!(units.iter().all(|u| u.kind != UnitKind::District));
    assert_eq!(
        units
            .iter()
            .filter(|u| u.kind == UnitKind::Department)
            .count(),
        10
    );
    let communes = units.iter().filter(|u| u.kind == UnitKind::Commune).count();
    assert!((45..=55).contains(&communes), "{communes}");
    assert_eq!(reorganization::Entity::find().count(conn).await.unwrap(), 0);
    let months: HashSet<(i32, i32)> = measure_value::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|v| (v.year, v.month))
        .collect();
    assert_eq!(months.len(), 25, "2026, 2027 and January 2028");
    assert!(months.contains(&(2028, 1)) && !months.contains(&(2028, 2)));
    let body = app.login("canbo.anphu", seed::DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["user"]["unit"]["code"],
        seed::AN_PHU_CODE,
        "{body}"
    );
}

both_databases!(
    the_demo_province_lives_in_the_present_and_was_reorganised_on_1_july_2025,
    seeding_the_demo_twice_is_refused,
    before_the_reorganisation_the_demo_has_its_districts_and_no_merge,
    once_the_calendar_starts_after_the_reorganisation_only_two_levels_remain,
);

/// On the national index (as `chitieu demo` sets it up) the communes' scores spread out
/// instead of a wall of 100,00, and the portal's figures of the last three months come
/// along.
async fn on_the_national_index_the_demo_scores_spread_and_carries_official_figures(app: TestApp) {
    let (_, summary) = seed::seed_demo_with_summary(&app.db, today())
        .await
        .expect("seed the demo");
    let body = app
        .as_user(
            "admin",
            "{ scoreboard(period: {year: 2026, kind: MONTH, index: 10}, kind: COMMUNE) { rank score } }",
            json!({}),
        )
        .await;
    let rows = body["data"]["scoreboard"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let scores: Vec<f64> = rows.iter().filter_map(|r| r["score"].as_f64()).collect();
    assert!(
        scores.len() >= 40,
        "{} communes scored: {body}",
        scores.len()
    );
    let perfect = scores.iter().filter(|s| **s >= 100.0).count();
    assert!(perfect <= 2, "{perfect} communes at 100");
    let distinct: HashSet<u64> = scores.iter().map(|s| (s * 100.0).round() as u64).collect();
    assert!(
        distinct.len() * 10 >= scores.len() * 9,
        "{} distinct of {}",
        distinct.len(),
        scores.len()
    );
    let (low, high) = scores
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), s| (l.min(*s), h.max(*s)));
    assert!(high - low >= 15.0, "scores from {low} to {high}");
    let csv = summary
        .official_csv
        .expect("official figures on the national index");
    let months: HashSet<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .collect();
    assert_eq!(months, HashSet::from(["8", "9", "10"]));
    let per_month = csv
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(2) == Some("10"))
        .count();
    assert_eq!(
        per_month,
        scores.len() * 16,
        "every rate of every commune in force"
    );
}

both_databases!(qd766: on_the_national_index_the_demo_scores_spread_and_carries_official_figures);

/// The demo's monthly cycle on its own day (30/11/2026, 09:00 in Vietnam): January's
/// deadline moved for Tết, the officer's commune overdue with October, the province's
/// months submitted on time or late, and the outbox holding what the worker's first run
/// writes — the officer's overdue notice, escalations to the parents' heads, the digests —
/// pending, since the demo has no SMTP server.
async fn the_demo_runs_the_monthly_cycle_on_its_day(app: TestApp) {
    use chrono::TimeZone;
    let nine = chrono::Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap();
    app.db.clock().set(nine);
    seed_on_the_day(&app).await;
    let token = |body: Value| body["data"]["login"]["token"].as_str().unwrap().to_owned();
    let officer = token(app.login("canbo.anphu", seed::DEMO_PASSWORD).await);
    let admin = app.token("admin").await;

    let q = "{ reportingDeadlines(year: 2026) { month dueOn approveBy } }";
    let body = app.gql(Some(&officer), q, json!({})).await;
    let months = body["data"]["reportingDeadlines"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(months.len(), 12, "{body}");
    assert_eq!(months[0]["dueOn"], "2026-02-10", "January moved for Tết");
    assert_eq!(months[9]["dueOn"], "2026-11-05", "October keeps the 5th");

    let body = app
        .gql(
            Some(&officer),
            "{ todo { kind year month daysOverdue } }",
            json!({}),
        )
        .await;
    let todo = body["data"]["todo"].as_array().unwrap().clone();
    let kinds: Vec<&str> = todo.iter().filter_map(|t| t["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        ["REPORT_OVERDUE", "EXPLANATION_DUE"],
        "the month owed, then the commune's explanation asked: {body}"
    );
    assert_eq!(
        (todo[0]["month"].as_i64(), todo[0]["daysOverdue"].as_i64()),
        (Some(10), Some(25))
    );
    assert_eq!(
        todo[1]["daysOverdue"], 0,
        "the explanation is due in days ahead"
    );

    let q = "{ timeliness(year: 2026, month: 9) { onTime daysLate } }";
    let body = app.gql(Some(&admin), q, json!({})).await;
    let rows = body["data"]["timeliness"].as_array().unwrap().clone();
    let on_time = rows.iter().filter(|r| r["onTime"] == true).count();
    let late = rows.iter().filter(|r| r["onTime"] == false).count();
    assert!(
        on_time > late && late > 0,
        "{on_time} on time, {late} late: {body}"
    );

    let q = "{ notifications(limit: 500) { channel recipient subject status } }";
    let body = app.gql(Some(&admin), q, json!({})).await;
    let outbox = body["data"]["notifications"].as_array().unwrap().clone();
    assert!(outbox.iter().all(|n| n["status"] == "PENDING"), "{body}");
    let to = |who: &str| outbox.iter().filter(|n| n["recipient"] == who).count();
    assert_eq!(
        to("canbo.anphu@chitieu.example"),
        1,
        "the officer's overdue notice"
    );
    assert_eq!(to("lanhdao@chitieu.example"), 1, "the leader's digest");
    assert!(
        outbox.len() > 10,
        "escalations to the parents' heads: {}",
        outbox.len()
    );

    // Follow-through in every state, as the province's manager reads it.
    let manager = token(app.login("quanly", seed::DEMO_PASSWORD).await);
    let q = "{ explanationRequests { status unit { name } violation { kind } actions { status daysOverdue } } }";
    let body = app.gql(Some(&manager), q, json!({})).await;
    let requests = body["data"]["explanationRequests"]
        .as_array()
        .unwrap()
        .clone();
    let mut states: Vec<&str> = requests
        .iter()
        .filter_map(|r| r["status"].as_str())
        .collect();
    states.sort_unstable();
    assert_eq!(
        states,
        [
            "ACCEPTED",
            "CLOSED",
            "CLOSED",
            "OPEN",
            "RETURNED",
            "SUBMITTED"
        ],
        "{body}"
    );
    let open = requests.iter().find(|r| r["status"] == "OPEN").unwrap();
    assert_eq!(open["unit"]["name"], seed::AN_PHU);
    assert!(
        requests.iter().any(|r| r["violation"]["kind"] == "DELAY"),
        "a missing explanation became a violation: {body}"
    );
    let accepted = requests.iter().find(|r| r["status"] == "ACCEPTED").unwrap();
    let actions = accepted["actions"].as_array().unwrap();
    assert!(
        actions.iter().any(|a| a["status"] == "DONE")
            && actions.iter().any(|a| a["daysOverdue"].as_i64() > Some(0)),
        "one action done, one late: {body}"
    );
}

both_databases!(the_demo_runs_the_monthly_cycle_on_its_day);
