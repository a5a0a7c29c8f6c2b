//! Personal figures by hand: the month sheet of a unit's staff (who, which measures, what
//! is stored) and saving it — scoped (`domain::scope::may_enter_personal_figures`: an
//! OFFICER for its own unit only), checked (each staff member of the unit, known measures,
//! whole numbers from 0, no month after this one, each person's figures within the
//! catalogue's consistency rules), all or nothing, and audited.

use super::personal_measures;
use crate::auth::Actor;
use crate::db::staff_figures::{self, StaffFigure};
use crate::db::values::Source;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::input;
use crate::domain::model::{Measure, Staff, Unit};
use crate::domain::scope::{Placement, may_enter_personal_figures};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit, catalogue};
use shared::ids::{MeasureId, StaffId, UnitId};
use shared::validation::check_consistency;
use std::collections::{HashMap, HashSet};

/// Figures one save or import may carry at most.
pub const MAX_FIGURES: usize = 5000;
/// The largest figure a month of one person can hold.
pub const MAX_VALUE: i64 = 1_000_000;

/// One figure to save: `value` `None` clears it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub staff_id: StaffId,
    pub measure_code: String,
    pub value: Option<i64>,
}

/// A unit's staff and their figures for one month.
#[derive(Debug, Clone)]
pub struct MonthSheet {
    pub unit: Unit,
    pub year: i32,
    pub month: u32,
    /// The active staff, heads first then by name.
    pub staff: Vec<Staff>,
    /// The measures asked for: those the unit's personal targets read, and dossiers
    /// received.
    pub measures: Vec<Measure>,
    /// What is stored.
    pub figures: Vec<StaffFigure>,
}

/// What a save changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// Figures written.
    pub saved: usize,
    /// Figures cleared.
    pub cleared: usize,
}

/// The month sheet of `unit` (who may enter its staff's figures).
pub async fn sheet(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i64,
    month: i64,
) -> ServiceResult<MonthSheet> {
    let (year, month) = (input::year("year", year)?, input::month("month", month)?);
    authorise(actor, db, unit).await?;
    let unit_row = crate::service::units::require(db, unit).await?;
    let staff: Vec<Staff> = db::staff::of_unit(db, access::scope(actor), unit, false)
        .await?
        .into_iter()
        .filter(|s| s.active)
        .collect();
    let ids: Vec<StaffId> = staff.iter().map(|s| s.id).collect();
    let figures = staff_figures::of_month(db, &ids, year, month).await?;
    let measures = personal_measures(db, unit, year).await?;
    Ok(MonthSheet {
        unit: unit_row,
        year,
        month,
        staff,
        measures,
        figures,
    })
}

/// Saves personal figures of `unit`'s staff for one month: all or nothing.
pub async fn save(
    actor: &Actor,
    db: &Db,
    unit: UnitId,
    year: i64,
    month: i64,
    entries: Vec<Entry>,
    source: Source,
) -> ServiceResult<Saved> {
    let (year, month) = (input::year("year", year)?, input::month("month", month)?);
    authorise(actor, db.conn(), unit).await?;
    let today = db.clock().today();
    if (year, month)
        > (
            chrono::Datelike::year(&today),
            chrono::Datelike::month(&today),
        )
    {
        return Err(ServiceError::validation(
            "month",
            format!("{month:02}/{year} has not begun: figures are entered for past months"),
        ));
    }
    let checked = check(db.conn(), unit, year, month, entries).await?;
    let txn = db.write().await?;
    staff_figures::lock_unit(&*txn, unit).await?;
    let ids: Vec<StaffId> = checked.staff.iter().copied().collect();
    let before = staff_figures::of_month(&*txn, &ids, year, month).await?;
    check_consistency_of(&checked, &before)?;
    staff_figures::upsert(&*txn, &checked.writes, &source, actor.user_id()).await?;
    let cleared = staff_figures::clear(&*txn, &checked.clears, year, month).await?;
    let saved = Saved {
        saved: checked.writes.len(),
        cleared: usize::try_from(cleared).unwrap_or(usize::MAX),
    };
    // What the touched figures were, so that the entry tells what changed.
    let touched: HashSet<(StaffId, MeasureId)> = checked
        .writes
        .iter()
        .map(|f| (f.staff_id, f.measure_id))
        .chain(checked.clears.iter().copied())
        .collect();
    let was: Vec<[i64; 3]> = before
        .iter()
        .filter(|f| touched.contains(&(f.staff_id, f.measure_id)))
        .map(|f| [i64::from(f.staff_id.0), i64::from(f.measure_id.0), f.value])
        .collect();
    audit::record(
        &*txn,
        Some(actor),
        "saveStaffFigures",
        "unit",
        unit,
        Some(serde_json::json!({ "year": year, "month": month, "figures": was })),
        Some(serde_json::json!({
            "year": year, "month": month, "saved": saved.saved, "cleared": saved.cleared,
            "figures": checked.writes.iter().map(|f| [i64::from(f.staff_id.0), i64::from(f.measure_id.0), f.value]).collect::<Vec<_>>(),
            "clearedFigures": checked.clears.iter().map(|(s, m)| [s.0, m.0]).collect::<Vec<_>>(),
            "source": match &source { Source::Manual => "MANUAL".to_owned(), Source::Import(f) => f.clone() },
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// FORBIDDEN unless the caller may enter figures for the staff of `unit`; NOT_FOUND when
/// the unit is outside its scope.
pub(super) async fn authorise(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit: UnitId,
) -> ServiceResult<()> {
    let role = access::role_for(actor, "enter personal figures", |r| {
        may_enter_personal_figures(r, Placement::AtScope)
    })?;
    access::ensure_visible(db, actor, unit, "unit").await?;
    access::allow_at(
        db,
        actor,
        unit,
        |at| may_enter_personal_figures(role, at),
        "personal figures are entered by the unit's own officer, or a manager or admin above it",
    )
    .await
}

/// Entries checked against the unit's staff and the catalogue.
struct Checked {
    writes: Vec<StaffFigure>,
    clears: Vec<(StaffId, MeasureId)>,
    staff: HashSet<StaffId>,
    measures: Vec<Measure>,
    rules: Vec<(String, String)>,
}

/// Checks every entry, naming the first wrong one by its index.
async fn check(
    db: &impl ConnectionTrait,
    unit: UnitId,
    year: i32,
    month: u32,
    entries: Vec<Entry>,
) -> ServiceResult<Checked> {
    if entries.is_empty() {
        return Err(ServiceError::validation("figures", "no figure given"));
    }
    if entries.len() > MAX_FIGURES {
        return Err(ServiceError::validation(
            "figures",
            format!(
                "at most {MAX_FIGURES} figures at once, got {}",
                entries.len()
            ),
        ));
    }
    let members: HashSet<StaffId> =
        db::staff::of_unit(db, db::closure::Scope::Everything, unit, false)
            .await?
            .into_iter()
            .filter(|s| s.active)
            .map(|s| s.id)
            .collect();
    let measures = catalogue::measures(db).await?;
    let by_code: HashMap<&str, MeasureId> =
        measures.iter().map(|m| (m.code.as_str(), m.id)).collect();
    let mut seen = HashSet::new();
    let mut writes = Vec::new();
    let mut clears = Vec::new();
    let mut staff = HashSet::new();
    for (i, e) in entries.iter().enumerate() {
        if !members.contains(&e.staff_id) {
            return Err(ServiceError::validation(
                format!("figures[{i}].staffId"),
                format!("staff {} is not a staff member of unit {unit}", e.staff_id),
            ));
        }
        let code = e.measure_code.trim().to_uppercase();
        let Some(&measure) = by_code.get(code.as_str()) else {
            return Err(ServiceError::validation(
                format!("figures[{i}].measureCode"),
                format!("unknown measure {code}"),
            ));
        };
        if !seen.insert((e.staff_id, measure)) {
            return Err(ServiceError::validation(
                format!("figures[{i}]"),
                format!("measure {code} of staff {} is given twice", e.staff_id),
            ));
        }
        staff.insert(e.staff_id);
        match e.value {
            None => clears.push((e.staff_id, measure)),
            Some(v) if (0..=MAX_VALUE).contains(&v) => writes.push(StaffFigure {
                staff_id: e.staff_id,
                measure_id: measure,
                year,
                month,
                value: v,
            }),
            Some(v) => {
                return Err(ServiceError::validation(
                    format!("figures[{i}].value"),
                    format!("must be a whole number from 0 to {MAX_VALUE}, got {v}"),
                ));
            }
        }
    }
    let rules = catalogue::consistency(db).await?;
    Ok(Checked {
        writes,
        clears,
        staff,
        measures,
        rules,
    })
}

/// VALIDATION listing each person whose month would break a consistency rule (the stored
/// figures overlaid by the new ones).
fn check_consistency_of(checked: &Checked, before: &[StaffFigure]) -> ServiceResult<()> {
    let mut month: HashMap<StaffId, HashMap<MeasureId, i64>> = HashMap::new();
    for f in before.iter().chain(&checked.writes) {
        month
            .entry(f.staff_id)
            .or_default()
            .insert(f.measure_id, f.value);
    }
    for (s, m) in &checked.clears {
        if let Some(of) = month.get_mut(s) {
            of.remove(m);
        }
    }
    let code_of: HashMap<&str, MeasureId> = checked
        .measures
        .iter()
        .map(|m| (m.code.as_str(), m.id))
        .collect();
    let mut broken = Vec::new();
    let mut people: Vec<&StaffId> = checked.staff.iter().collect();
    people.sort_unstable();
    for s in people {
        let Some(of) = month.get(s) else { continue };
        for b in check_consistency(&checked.rules, |c| {
            code_of.get(c).and_then(|id| of.get(id)).copied()
        }) {
            broken.push((*s, b));
        }
    }
    if broken.is_empty() {
        return Ok(());
    }
    let message: Vec<String> = broken
        .iter()
        .map(|(s, b)| format!("{b} (staff {s})"))
        .collect();
    let details = broken
        .iter()
        .map(|(s, b)| {
            serde_json::json!({"staffId": s.0.to_string(), "part": b.part, "whole": b.whole,
                "partValue": b.part_value, "wholeValue": b.whole_value})
        })
        .collect();
    Err(ServiceError::Validation {
        field: Some("figures".into()),
        message: message.join("; "),
        details: Some(serde_json::Value::Array(details)),
    })
}
