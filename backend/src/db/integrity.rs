//! Invariants of the stored data that no interrupted write may break, checked by
//! `chitieu check` next to the roll-ups: every figure belongs to a report of its own unit and
//! month, every stored report has been written at least once and has a known status, and the
//! closure table contains every unit's path.

use sea_orm::{ConnectionTrait, DbErr, Statement};

/// `(what is wrong, query counting the offending rows)`.
const CHECKS: [(&str, &str); 4] = [
    (
        "figures without a report of their own unit and month",
        "SELECT COUNT(*) FROM measure_values v LEFT JOIN monthly_reports r ON r.id = v.report_id \
         WHERE r.id IS NULL OR r.unit_id <> v.unit_id OR r.year <> v.year OR r.month <> v.month",
    ),
    (
        "reports with a version below 1",
        "SELECT COUNT(*) FROM monthly_reports WHERE version < 1",
    ),
    (
        "reports with an unknown status",
        "SELECT COUNT(*) FROM monthly_reports \
         WHERE status NOT IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')",
    ),
    (
        "units in force whose closure rows do not follow their parent's",
        "SELECT COUNT(*) FROM units u WHERE u.valid_to IS NULL AND (NOT EXISTS (SELECT 1 \
           FROM unit_closure c WHERE c.ancestor_id = u.id AND c.descendant_id = u.id \
           AND c.depth = 0 AND c.to_month = 1000000) \
         OR EXISTS (SELECT 1 FROM unit_closure p WHERE p.descendant_id = u.parent_id \
           AND p.to_month = 1000000 AND NOT EXISTS (SELECT 1 FROM unit_closure c \
             WHERE c.descendant_id = u.id AND c.ancestor_id = p.ancestor_id \
             AND c.depth = p.depth + 1 AND c.to_month = 1000000)))",
    ),
];

/// Every broken invariant with the number of offending rows; empty when all hold.
pub async fn problems(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    let mut out = Vec::new();
    for (what, sql) in CHECKS {
        let row = db
            .query_one_raw(Statement::from_string(backend, sql))
            .await?
            .ok_or_else(|| DbErr::Custom(format!("no answer counting {what}")))?;
        let count: i64 = row.try_get_by_index(0)?;
        if count > 0 {
            out.push(format!("{count} {what}"));
        }
    }
    Ok(out)
}
