//! Saving figures of a month: authorise, load the month, apply the workflow and consistency
//! rules, store the figures and their roll-up changes, audit — in one transaction.

use super::{MonthRef, audit_month, bump, parse_month, unit_taking_figures};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::reports::{self as months, MonthKey, ReportRow, Stamp, StoredMonth};
use crate::db::values::{self, ByMeasure, NewValue, Source};
use crate::db::{Db, catalogue, rollups};
use crate::domain::input;
use crate::domain::model::{Measure, MonthlyReport};
use crate::domain::report::{ReportAction, transition};
use crate::domain::rollup::Delta;
use crate::domain::scope::{Placement, may_write_figures};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use shared::ids::{MeasureId, UnitId, UserId};
use shared::validation::check_consistency;
use shared::{ReportStatus, Role};
use std::collections::HashMap;

/// Fails with FORBIDDEN (`message`) unless `role` may write the figures of `unit`.
async fn ensure_may_write(
    actor: &Actor,
    db: &Db,
    role: Role,
    unit: UnitId,
    message: &str,
) -> ServiceResult<()> {
    let at = access::placement(db.conn(), actor, unit).await?;
    access::allow(may_write_figures(role, at), message)
}

/// Saves figures of a month: the given measures replace theirs, the others stay.
pub async fn save(
    actor: &Actor,
    db: &Db,
    r: MonthRef,
    values: &[(String, i64)],
    expected_version: Option<i32>,
) -> ServiceResult<MonthlyReport> {
    let role = access::role_for(actor, "enter monthly figures", |r| {
        may_write_figures(r, Placement::AtScope)
    })?;
    let user = actor.require_user("enter monthly figures")?;
    let key = parse_month(r)?;
    let scope_message = "you may enter figures only for units in your scope";
    ensure_may_write(actor, db, role, key.unit_id, scope_message).await?;
    let measures = catalogue::measures(db.conn()).await?;
    let rules = crate::service::catalogue::consistency(db.conn()).await?;
    let given = parse_values(&measures, values)?;
    for _ in 0..SAVE_ATTEMPTS {
        let save = Save {
            actor,
            user,
            at: db.now(),
            key,
            measures: &measures,
            rules: &rules,
            given: &given,
            expected_version,
        };
        match save.once(db).await? {
            Attempt::Saved(report) => return Ok(report),
            Attempt::LostRace if expected_version.is_none() => continue,
            Attempt::LostRace => break,
        }
    }
    Err(ServiceError::conflict(
        "someone saved this month at the same moment; reload it",
    ))
}

/// The given `(measure code, value)` pairs as measure ids, each measure at most once.
fn parse_values(
    measures: &[Measure],
    values: &[(String, i64)],
) -> ServiceResult<Vec<(MeasureId, i64)>> {
    let mut given: Vec<(MeasureId, i64)> = Vec::with_capacity(values.len());
    for (i, (code, value)) in values.iter().enumerate() {
        let code = code.trim();
        let field = format!("values[{i}].measureCode");
        let Some(m) = measures.iter().find(|m| m.code == code) else {
            let message = format!("unknown measure code {code:?}");
            return Err(ServiceError::validation(field, message));
        };
        let value = input::figure(&format!("values[{i}].value"), *value)?;
        if given.iter().any(|(g, _)| *g == m.id) {
            let message = format!("measure {code} is given twice");
            return Err(ServiceError::validation(field, message));
        }
        given.push((m.id, value));
    }
    Ok(given)
}

/// Writers of one month that lost the race to create it try again this many times in all.
const SAVE_ATTEMPTS: usize = 3;

/// How one attempt at saving ended.
enum Attempt {
    Saved(MonthlyReport),
    /// Another writer created the month's report in between; nothing was stored.
    LostRace,
}

/// One saving of figures, checked and ready to store.
struct Save<'a> {
    actor: &'a Actor,
    user: UserId,
    /// When the month is written (the instance's clock).
    at: chrono::DateTime<chrono::Utc>,
    key: MonthKey,
    measures: &'a [Measure],
    /// The catalogue's consistency rules, `(part, whole)` codes.
    rules: &'a [(String, String)],
    given: &'a [(MeasureId, i64)],
    expected_version: Option<i32>,
}

impl Save<'_> {
    /// One transaction: load the month, apply the workflow and consistency rules, store
    /// figures and roll-ups, audit.
    async fn once(&self, db: &Db) -> ServiceResult<Attempt> {
        let txn = db.write().await?;
        let unit_code = unit_taking_figures(&*txn, self.key).await?;
        let stored = months::lock(&*txn, self.key).await?;
        let before = match &stored {
            Some(m) => values::of_row(&*txn, m.row).await?,
            None => HashMap::new(),
        };
        let (status, version) = stored
            .as_ref()
            .map_or((ReportStatus::Draft, 0), |m| (m.status, m.version));
        if let Some(expected) = self.expected_version.filter(|e| *e != version) {
            return Err(ServiceError::conflict(format!(
                "someone saved this month in between (version {version}, you had {expected}); reload it"
            )));
        }
        let next = transition(status, ReportAction::Save).map_err(ServiceError::conflict)?;
        self.check_consistency(&before, &unit_code)?;
        let Some(row) = self.store_month(&*txn, stored.as_ref(), next).await? else {
            return Ok(Attempt::LostRace);
        };
        self.store_figures(&*txn, row, &before).await?;
        let after = months::load(&*txn, self.key).await?;
        let after_values: ByMeasure = after
            .values
            .iter()
            .map(|v| (v.measure_id, v.value))
            .collect();
        let before_json = serde_json::json!({"status": status, "version": version,
            "values": by_code(self.measures, &before)});
        let after_json = serde_json::json!({"status": after.status, "version": after.version,
            "values": by_code(self.measures, &after_values)});
        let action = "saveMonthlyReport";
        audit_month(&*txn, self.actor, action, self.key, before_json, after_json).await?;
        txn.commit().await?;
        Ok(Attempt::Saved(after))
    }

    /// Fails with VALIDATION listing every broken rule of the month as it would be: the
    /// stored figures overlaid by the given ones.
    fn check_consistency(&self, before: &ByMeasure, unit_code: &str) -> ServiceResult<()> {
        let mut merged = before.clone();
        merged.extend(self.given.iter().copied());
        let code_of: HashMap<&str, MeasureId> = self
            .measures
            .iter()
            .map(|m| (m.code.as_str(), m.id))
            .collect();
        let broken = check_consistency(self.rules, |c| {
            code_of.get(c).and_then(|id| merged.get(id)).copied()
        });
        if broken.is_empty() {
            return Ok(());
        }
        let MonthKey { year, month, .. } = self.key;
        let what: Vec<String> = broken
            .iter()
            .map(|b| format!("{b} (unit {unit_code}, {month:02}/{year})"))
            .collect();
        let details = broken
            .iter()
            .map(|b| {
                serde_json::json!({"unit": unit_code, "year": year, "month": month, "part": b.part, "whole": b.whole,
                    "partValue": b.part_value, "wholeValue": b.whole_value})
            })
            .collect();
        Err(ServiceError::Validation {
            field: Some("values".into()),
            message: what.join("; "),
            details: Some(serde_json::Value::Array(details)),
        })
    }

    /// Moves the month to `next` with a new version, creating it when nothing was saved;
    /// `None` when another writer created it in between.
    async fn store_month(
        &self,
        db: &impl ConnectionTrait,
        stored: Option<&StoredMonth>,
        next: ReportStatus,
    ) -> ServiceResult<Option<ReportRow>> {
        let by = Stamp {
            user: self.user,
            at: self.at,
        };
        match stored {
            Some(m) => {
                bump(db, m, next, m.comment.clone(), by).await?;
                Ok(Some(m.row))
            }
            None => Ok(months::create(db, self.key, next, by).await?),
        }
    }

    /// Stores the given figures and adds their changes to the roll-ups.
    async fn store_figures(
        &self,
        db: &impl ConnectionTrait,
        report: ReportRow,
        before: &ByMeasure,
    ) -> ServiceResult<()> {
        let rows: Vec<NewValue> = self
            .given
            .iter()
            .map(|(measure, value)| NewValue {
                month: self.key,
                report,
                measure: *measure,
                value: *value,
            })
            .collect();
        values::upsert(db, &rows, &Source::Manual, self.user).await?;
        let deltas: Vec<(MeasureId, Delta)> = self
            .given
            .iter()
            .map(|(m, v)| (*m, Delta::saved(before.get(m).copied(), *v)))
            .collect();
        let MonthKey {
            unit_id,
            year,
            month,
        } = self.key;
        Ok(rollups::apply(db, unit_id, year, month, &deltas).await?)
    }
}

/// Figures by measure code, for the audit log.
fn by_code(measures: &[Measure], values: &ByMeasure) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for m in measures {
        if let Some(v) = values.get(&m.id) {
            out.insert(m.code.clone(), (*v).into());
        }
    }
    serde_json::Value::Object(out)
}
