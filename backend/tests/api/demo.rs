//! The demo province: what `chitieu seed --demo` writes, counted on both databases.

use crate::both_databases;
use crate::helpers::TestApp;
use backend::db::entities::{
    decision, measure, measure_value, milestone, monthly_report, staff, staff_target, target, unit,
    violation,
};
use backend::db::rollups;
use backend::devdata::seed;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::UnitKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

/// Units of the test tree that `spawn_app` makes before the demo is seeded.
const TEST_TREE: [&str; 5] = ["T", "D1", "D1.1", "C1", "C2"];

async fn demo_units(app: &TestApp) -> Vec<unit::Model> {
    unit::Entity::find()
        .all(app.db.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|u| !TEST_TREE.contains(&u.code.as_str()))
        .collect()
}

async fn the_demo_province_has_its_units_staff_targets_and_two_years_of_figures(app: TestApp) {
    let started = Instant::now();
    let logins = seed::seed_demo(&app.db).await.expect("seed the demo");
    let took = started.elapsed();
    eprintln!("{:?}: demo seeded in {took:.1?}", app.backend);
    assert!(
        took < Duration::from_secs(90),
        "seeding took {took:?} (debug build)"
    );
    let conn = app.db.conn();
    let units = demo_units(&app).await;
    let count = |kind: UnitKind| units.iter().filter(|u| u.kind == kind).count();
    assert_eq!(count(UnitKind::Department), 15);
    assert_eq!(count(UnitKind::Commune), 148);
    assert_eq!(count(UnitKind::Center), 1);
    let names: HashSet<&str> = units.iter().map(|u| u.name.as_str()).collect();
    for name in [
        "Sở Tư pháp",
        "Sở Kế hoạch và Đầu tư",
        "Xã An Phú",
        "Xã Bình Hòa",
    ] {
        assert!(names.contains(name), "{name} is there");
    }
    assert!(
        units
            .iter()
            .filter(|u| u.kind == UnitKind::Commune)
            .all(|u| {
                ["Xã ", "Phường ", "Thị trấn "]
                    .iter()
                    .any(|p| u.name.starts_with(p))
            })
    );
    let departments: Vec<i32> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Department)
        .map(|u| u.id)
        .collect();
    for d in &departments {
        let divisions = units.iter().filter(|u| u.parent_id == Some(*d)).count();
        assert!((2..=4).contains(&divisions), "{divisions} divisions");
    }

    let demo_ids: HashSet<i32> = units.iter().map(|u| u.id).collect();
    let staff = staff::Entity::find().all(conn).await.unwrap();
    assert!(
        (1_400..=1_600).contains(&staff.len()),
        "about 1,500 staff: {}",
        staff.len()
    );
    let mut heads: HashMap<i32, usize> = HashMap::new();
    for s in staff.iter().filter(|s| s.is_head) {
        *heads.entry(s.unit_id).or_default() += 1;
    }
    assert!(
        demo_ids.iter().all(|u| heads.get(u) == Some(&1)),
        "every unit has one head"
    );

    // Figures for every month of 2022 and 2023, consistent, with plausible yearly volumes.
    let codes: HashMap<i32, String> = measure::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    let values = measure_value::Entity::find().all(conn).await.unwrap();
    let years: HashSet<i32> = values.iter().map(|v| v.year).collect();
    assert_eq!(years, HashSet::from([2022, 2023]));
    let mut months: BTreeMap<(i32, i32, i32), HashMap<&str, i64>> = BTreeMap::new();
    let mut received: HashMap<(i32, i32), i64> = HashMap::new();
    for v in &values {
        let code = codes[&v.measure_id].as_str();
        months
            .entry((v.unit_id, v.year, v.month))
            .or_default()
            .insert(code, v.value);
        if code == "RECEIVED" {
            *received.entry((v.unit_id, v.year)).or_default() += v.value;
        }
    }
    for ((u, y, m), figures) in &months {
        let broken = shared::validation::check_consistency(|c| figures.get(c).copied());
        assert!(broken.is_empty(), "unit {u} {m}/{y}: {broken:?}");
    }
    for u in units.iter().filter(|u| u.kind == UnitKind::Commune) {
        let r = received[&(u.id, 2022)];
        assert!(
            (500..=9_000).contains(&r),
            "{}: {r} dossiers in 2022",
            u.name
        );
    }
    let reports_2022 = monthly_report::Entity::find()
        .filter(monthly_report::Column::Year.eq(2022))
        .count(conn)
        .await
        .unwrap();
    assert_eq!(reports_2022 as usize, units.len() * 12);
    let submitted_nov = monthly_report::Entity::find()
        .filter(monthly_report::Column::Year.eq(2023))
        .filter(monthly_report::Column::Month.eq(11))
        .filter(monthly_report::Column::Status.eq("SUBMITTED"))
        .count(conn)
        .await
        .unwrap();
    assert_eq!(
        submitted_nov as usize,
        units.len(),
        "November 2023 awaits approval"
    );

    // The maintained roll-ups are exactly a recomputation from the raw figures.
    assert_eq!(
        rollups::stored(conn).await.unwrap(),
        rollups::recompute(conn).await.unwrap()
    );

    // Decision 55/QĐ-UBND: a target on every indicator for every unit, with milestones.
    let d = decision::Entity::find()
        .filter(decision::Column::Number.eq("55/QĐ-UBND"))
        .one(conn)
        .await
        .unwrap()
        .expect("decision 55");
    let targets = target::Entity::find()
        .filter(target::Column::DecisionId.eq(d.id))
        .all(conn)
        .await
        .unwrap();
    assert_eq!(targets.len(), (units.len() + 1) * 8);
    let split: HashSet<i32> = milestone::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.target_id)
        .collect();
    assert!(split.len() * 10 >= targets.len() * 9, "most targets split");
    assert!(staff_target::Entity::find().count(conn).await.unwrap() > 100);
    assert!(violation::Entity::find().count(conn).await.unwrap() >= 10);

    // One account per role, printed with its unit, that logs in with the demo password.
    assert!(logins.iter().any(|l| l.username == "canbo.anphu"));
    for l in &logins {
        let body = app.login(&l.username, seed::DEMO_PASSWORD).await;
        assert!(
            body["data"]["login"]["token"].is_string(),
            "{}: {body}",
            l.username
        );
    }
}

async fn seeding_the_demo_twice_is_refused(app: TestApp) {
    seed::seed_demo(&app.db).await.expect("seed the demo");
    match seed::seed_demo(&app.db).await {
        Err(e) => assert_eq!(e.code(), shared::ErrorCode::Conflict),
        Ok(_) => panic!("a second seed must be refused"),
    }
    // The officer of Xã An Phú is scoped to it.
    let body = app.login("canbo.anphu", seed::DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["user"]["unit"]["code"], "XAP",
        "{body}"
    );
}

both_databases!(
    the_demo_province_has_its_units_staff_targets_and_two_years_of_figures,
    seeding_the_demo_twice_is_refused,
);
