//! Looking behind a running server: a fingerprint of every stored table (to prove that a
//! refused call changed nothing), the number of audit entries, and the check that the
//! maintained roll-ups equal a recomputation from the raw figures.
#![allow(dead_code)]

use backend::db::Db;
use backend::db::entities as e;
use backend::db::rollups;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// Row count and content hash of every table that holds product data. Failed logins
/// (`login_failures`, `login_locks`) are left out: counting them is the point of a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<(&'static str, usize, u64)>);

impl Fingerprint {
    /// The tables that differ from `other`.
    pub fn diff(&self, other: &Fingerprint) -> Vec<&'static str> {
        self.0
            .iter()
            .zip(&other.0)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.0)
            .collect()
    }
}

async fn table<E>(db: &impl ConnectionTrait, name: &'static str) -> (&'static str, usize, u64)
where
    E: EntityTrait,
    E::Model: std::fmt::Debug + Sync,
{
    let rows = E::find()
        .all(db)
        .await
        .unwrap_or_else(|err| panic!("read {name}: {err}"));
    let mut lines: Vec<String> = rows.iter().map(|r| format!("{r:?}")).collect();
    lines.sort();
    let mut h = DefaultHasher::new();
    lines.hash(&mut h);
    (name, lines.len(), h.finish())
}

/// The fingerprint of the database now.
pub async fn fingerprint(db: &Db) -> Fingerprint {
    let c = db.conn();
    // Read concurrently: the pool has several connections.
    let (t1, t2, t3, t4, t5, t6) = tokio::join!(
        table::<e::unit::Entity>(c, "units"),
        table::<e::unit_closure::Entity>(c, "unit_closure"),
        table::<e::staff::Entity>(c, "staff"),
        table::<e::user::Entity>(c, "users"),
        table::<e::api_token::Entity>(c, "api_tokens"),
        table::<e::measure::Entity>(c, "measures"),
    );
    let (t7, t8, t9, t10, t11, t12) = tokio::join!(
        table::<e::indicator::Entity>(c, "indicators"),
        table::<e::decision::Entity>(c, "decisions"),
        table::<e::target::Entity>(c, "targets"),
        table::<e::milestone::Entity>(c, "milestones"),
        table::<e::staff_target::Entity>(c, "staff_targets"),
        table::<e::monthly_report::Entity>(c, "monthly_reports"),
    );
    let (t13, t14, t15, t16, t17, t18) = tokio::join!(
        table::<e::measure_value::Entity>(c, "measure_values"),
        table::<e::measure_rollup::Entity>(c, "measure_rollups"),
        table::<e::violation::Entity>(c, "violations"),
        table::<e::published_ranking::Entity>(c, "published_rankings"),
        table::<e::audit_entry::Entity>(c, "audit_entries"),
        table::<e::setting::Entity>(c, "settings"),
    );
    let (t19, t20) = tokio::join!(
        table::<e::official_import::Entity>(c, "official_imports"),
        table::<e::official_figure::Entity>(c, "official_figures"),
    );
    let (t21, t22, t23) = tokio::join!(
        table::<e::comment::Entity>(c, "comments"),
        table::<e::evidence_file::Entity>(c, "evidence_files"),
        table::<e::staff_measure_value::Entity>(c, "staff_measure_values"),
    );
    Fingerprint(vec![
        t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, t20,
        t21, t22, t23,
    ])
}

/// The number of audit entries (every stored change writes one).
pub async fn audit_count(db: &Db) -> u64 {
    e::audit_entry::Entity::find()
        .count(db.conn())
        .await
        .expect("count audit entries")
}

/// Asserts that the maintained roll-ups equal a recomputation from the raw values.
pub async fn assert_rollups_exact(db: &Db, context: &str) {
    let stored = rollups::stored(db.conn()).await.expect("stored roll-ups");
    let expected = rollups::recompute(db.conn()).await.expect("recompute");
    let wrong: Vec<_> = expected
        .iter()
        .filter(|(k, v)| stored.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k:?}: stored {:?}, expected {v:?}", stored.get(k)))
        .chain(
            stored
                .iter()
                .filter(|(k, _)| !expected.contains_key(*k))
                .map(|(k, v)| format!("{k:?}: stored {v:?}, expected nothing")),
        )
        .take(10)
        .collect();
    assert!(
        wrong.is_empty(),
        "{context}: roll-ups differ from a recomputation: {wrong:#?}"
    );
}
