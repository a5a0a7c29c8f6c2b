//! Imports larger than one statement of the database: a file that updates some stored
//! figures, leaves others as they are and inserts new ones, written in several statements
//! (SQLite) or as arrays (PostgreSQL), with every roll-up equal to a recomputation.

use crate::both_databases;
use crate::helpers::*;
use crate::imports::{
    assert_rollups_exact, import_figures, long_csv, month, month_rows, value_count, value_of,
};
use backend::db::entities::measure_value;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

both_databases!(
    an_import_over_stored_years_updates_some_values_inserts_others_and_keeps_roll_ups_exact
);

/// Every month of `years` for `unit`, at `scale` (13 values a month).
fn years_of(
    unit: &'static str,
    years: std::ops::RangeInclusive<i32>,
    scale: i64,
) -> Vec<(&'static str, i32, i32, &'static str, i64)> {
    years
        .flat_map(|y| (1..=12).flat_map(move |m| month_rows(unit, y, m, scale)))
        .collect()
}

/// The import source of `unit`'s values in `year`.
async fn sources(app: &TestApp, unit: shared::ids::UnitId, year: i32) -> Vec<Option<String>> {
    measure_value::Entity::find()
        .filter(measure_value::Column::UnitId.eq(unit.0))
        .filter(measure_value::Column::Year.eq(year))
        .all(app.db.conn())
        .await
        .expect("values")
        .into_iter()
        .map(|v| v.source_ref)
        .collect()
}

async fn an_import_over_stored_years_updates_some_values_inserts_others_and_keeps_roll_ups_exact(
    app: TestApp,
) {
    // 6,240 values and 12,480 roll-up rows (D1.1, D1, C1 and T): more than one statement.
    let mut first = years_of("D1.1", 2001..=2020, 2);
    first.extend(years_of("C1", 2001..=2020, 3));
    let body = import_figures(&app, "admin", "first.csv", long_csv(&first), false, false).await;
    assert_ok(&body);
    assert_eq!(body["data"]["importFigures"]["newValues"], 6240);
    assert_rollups_exact(&app).await;

    // C1: ten stored years change, ten new years; D1.1: ten stored years unchanged.
    let mut second = years_of("C1", 2011..=2030, 5);
    second.extend(years_of("D1.1", 2011..=2020, 2));
    let body = import_figures(&app, "admin", "second.csv", long_csv(&second), false, false).await;
    assert_ok(&body);
    let r = &body["data"]["importFigures"];
    assert_eq!(r["stored"], true);
    assert_eq!(r["values"], 4680);
    assert_eq!(r["newValues"], 1560);
    assert_eq!(r["changedValues"], 1560);
    assert_eq!(r["unchangedValues"], 1560);
    assert_eq!(r["months"], 240);
    assert_eq!(value_count(&app).await, 7800);

    let kept = month(&app, app.tree.commune, 2005, 6).await;
    assert_eq!(value_of(&kept, "RECEIVED"), Some(300));
    assert_eq!(kept["version"], 1);
    let changed = month(&app, app.tree.commune, 2015, 6).await;
    assert_eq!(value_of(&changed, "RECEIVED"), Some(500));
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["status"], "DRAFT");
    let added = month(&app, app.tree.commune, 2025, 6).await;
    assert_eq!(value_of(&added, "RECEIVED"), Some(500));
    assert_eq!(added["version"], 1);
    let unchanged = month(&app, app.tree.division, 2015, 6).await;
    assert_eq!(value_of(&unchanged, "RECEIVED"), Some(200));

    // Rewritten values name the second file; values left as they were keep the first.
    let second_file =
        |s: &Option<String>| s.as_deref().is_some_and(|s| s.starts_with("second.csv"));
    let first_file = |s: &Option<String>| s.as_deref().is_some_and(|s| s.starts_with("first.csv"));
    assert!(
        sources(&app, app.tree.commune, 2015)
            .await
            .iter()
            .all(second_file)
    );
    assert!(
        sources(&app, app.tree.commune, 2025)
            .await
            .iter()
            .all(second_file)
    );
    assert!(
        sources(&app, app.tree.commune, 2005)
            .await
            .iter()
            .all(first_file)
    );
    assert!(
        sources(&app, app.tree.division, 2015)
            .await
            .iter()
            .all(first_file)
    );
    assert_rollups_exact(&app).await;
}
