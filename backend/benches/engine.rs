//! Benchmarks of the engine at province and national scale, on SQLite and (when
//! BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server) PostgreSQL:
//! a YTD scoreboard of every commune (through June and through December, which a scale
//! with merges on 1 July ranks across), the bare SQL aggregate of the same numbers over the
//! raw values, and saving one monthly report of 13 values with its roll-up maintenance.
//! Data is generated once per database and scale and kept (target/bench-data, or databases
//! named chitieu_bench_<scale>). `BENCH_SCALES=province` limits the scales; `province-qd766`
//! and `national-qd766` are the same trees on the national index (QĐ 766).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use backend::auth::{Actor, Principal};
use backend::db::Db;
use backend::devdata::benchdata::{self, Shape};
use backend::domain::catalogue::Preset;
use backend::service::reports::{self, MonthRef};
use backend::service::results::{self, Basis};
use backend::service::setup;
use criterion::{Criterion, criterion_group, criterion_main};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use shared::ids::{UnitId, UserId};
use shared::measures::*;
use shared::{Period, Role, UnitKind};
use std::time::Duration;

struct Fixture {
    db: Db,
    admin: Actor,
    commune: UnitId,
}

async fn fixture(url: &str, shape: Shape, catalogue: Preset) -> Fixture {
    let db = Db::connect(url, 8).await.expect("connect");
    db.migrate().await.expect("migrate");
    if !setup::is_set_up(&db).await.expect("query") {
        setup::setup(
            &db,
            setup::SetupCommand {
                province_code: "ROOT".into(),
                province_name: "Gốc".into(),
                admin_username: "admin".into(),
                admin_password: "benchmark-password".into(),
                catalogue,
            },
        )
        .await
        .expect("setup");
        let started = std::time::Instant::now();
        let w = benchdata::generate(&db, shape).await.expect("generate");
        eprintln!(
            "generated {} units, {} values in {:.1?}",
            w.units,
            w.values,
            started.elapsed()
        );
    }
    use backend::db::entities::{unit, user};
    let root = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    let admin = user::Entity::find()
        .filter(user::Column::Username.eq("admin"))
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    // A commune in force: one merged away takes no figures after its merge.
    let commune = unit::Entity::find()
        .filter(unit::Column::Kind.eq("COMMUNE"))
        .filter(unit::Column::ValidTo.is_null())
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    Fixture {
        db,
        admin: Actor {
            principal: Principal::User {
                id: UserId(admin.id),
                role: Role::Admin,
            },
            scope: UnitId(root.id),
            scope_is_root: true,
        },
        commune: UnitId(commune.id),
    }
}

async fn postgres_url(admin_url: &str, name: &str) -> String {
    let admin = Db::connect(admin_url, 1)
        .await
        .expect("connect to PostgreSQL");
    let exists = admin
        .conn()
        .query_one_raw(Statement::from_string(
            admin.backend(),
            format!("SELECT 1 FROM pg_database WHERE datname = '{name}'"),
        ))
        .await
        .expect("query")
        .is_some();
    if !exists {
        admin
            .conn()
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create database");
    }
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .expect("url with a database");
    format!("{base}/{name}")
}

/// The same numbers as the scoreboard's roll-up read, straight from the raw values.
const BARE_AGGREGATE: &str = "SELECT c.ancestor_id, v.measure_id, SUM(v.value), COUNT(*) \
    FROM measure_values v JOIN unit_closure c ON c.descendant_id = v.unit_id JOIN units u ON u.id = c.ancestor_id \
    WHERE u.kind = 'COMMUNE' AND v.year = 2023 AND v.month BETWEEN 1 AND 6 \
    AND v.year * 12 + v.month - 1 BETWEEN c.from_month AND c.to_month GROUP BY c.ancestor_id, v.measure_id";

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let scales = std::env::var("BENCH_SCALES").unwrap_or_else(|_| "province,national".into());
    let pg = std::env::var("BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .ok();
    for scale in scales.split(',') {
        // A scale ending in -qd766 is set up with the national index as its catalogue (18
        // indicators over 35 measures instead of 8 over 13).
        let catalogue = if scale.ends_with("-qd766") {
            Preset::Qd766
        } else {
            Preset::Default
        };
        let shape = match scale.trim_end_matches("-qd766") {
            "national" => Shape::national(5),
            // The national tree with 1,500 merges on 01/07/2023 (969 pairs of communes into
            // new communes, 531 divisions into a sibling).
            "national-merges" => Shape {
                merges: 1500,
                ..Shape::national(5)
            },
            _ => Shape::province(5),
        };
        let mut targets = vec![(
            "sqlite",
            format!("sqlite://{}/{scale}.db?mode=rwc", dir.display()),
        )];
        if let Some(admin_url) = &pg {
            targets.push((
                "postgres",
                rt.block_on(postgres_url(
                    admin_url,
                    &format!("chitieu_bench_{}", scale.replace('-', "_")),
                )),
            ));
        }
        for (backend_name, url) in targets {
            let f = rt.block_on(fixture(&url, shape, catalogue));
            let mut group = c.benchmark_group(format!("{scale}/{backend_name}"));
            group
                .sample_size(30)
                .warm_up_time(Duration::from_secs(2))
                .measurement_time(Duration::from_secs(8));
            // Through June, then through December: after the merges of the national-merges
            // scale the successors rank with their predecessors' first half-year.
            for (name, month, with_previous) in [
                ("scoreboard_ytd_communes", 6, false),
                ("scoreboard_ytd_communes_december", 12, false),
                ("scoreboard_ytd_communes_with_previous", 6, true),
            ] {
                let period = Period::ytd(2023, month).unwrap();
                group.bench_function(name, |b| {
                    b.to_async(&rt).iter(|| async {
                        let rows = results::scoreboard(
                            &f.admin,
                            f.db.conn(),
                            period,
                            Some(UnitKind::Commune),
                            None,
                            Basis::AllSaved,
                            with_previous,
                        )
                        .await
                        .unwrap();
                        assert!(!rows.rows.is_empty());
                    })
                });
            }
            group.bench_function("bare_sql_aggregate", |b| {
                b.to_async(&rt).iter(|| async {
                    let rows =
                        f.db.conn()
                            .query_all_raw(Statement::from_string(f.db.backend(), BARE_AGGREGATE))
                            .await
                            .unwrap();
                    assert!(!rows.is_empty());
                })
            });
            let mut n = 0i64;
            group.bench_function("save_monthly_report_13_values", |b| {
                b.to_async(&rt).iter(|| {
                    n += 1;
                    let received = 1000 + n % 7;
                    let values: Vec<(String, i64)> = DEFAULT_MEASURES
                        .iter()
                        .map(|m| {
                            (
                                (*m).to_owned(),
                                if *m == RECEIVED || *m == DUE || *m == SETTLED || *m == FEEDBACK {
                                    received
                                } else {
                                    500
                                },
                            )
                        })
                        .collect();
                    let month = MonthRef {
                        unit_id: f.commune,
                        year: 2024,
                        month: 1 + (n % 12),
                    };
                    let (admin, db) = (&f.admin, &f.db);
                    async move {
                        reports::save(admin, db, month, &values, None)
                            .await
                            .unwrap();
                    }
                })
            });
            group.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
