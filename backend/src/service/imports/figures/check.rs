//! Checking a file of figures against the database: the units and the caller's scope, the
//! approved months, the consistency of each month as it would be, and what changes.

use super::{Plan, PlannedValue, Run};
use crate::db::ConnectionTrait;
use crate::db::reports::{self, MonthKey};
use crate::db::units::KnownUnit;
use crate::db::values::ByMeasure;
use crate::domain::scope::may_write_figures;
use crate::error::ServiceResult;
use crate::service::imports::{
    ImportReport, Stage, UnitChange, placements, resolve_units, unit_problem,
};
use shared::ReportStatus;
use shared::ids::UnitId;
use shared::sheets::{FigureCell, Problem, ProblemKind, ProblemReason, Problems};
use shared::validation::{ConsistencyViolation, check_consistency};
use std::collections::{BTreeMap, HashMap};

/// The cells of each month of the file, with the first row that names the month.
type ByMonth<'f> = BTreeMap<MonthKey, (u32, Vec<&'f FigureCell>)>;

impl Run<'_> {
    /// Checks every cell and returns what to write; problems go to `report`. `lock` locks
    /// the months read (an import's transaction).
    pub(super) async fn check(
        &self,
        db: &impl ConnectionTrait,
        report: &mut ImportReport,
        lock: bool,
    ) -> ServiceResult<Plan> {
        let total = self.figures.cells.len() as u64;
        (self.progress)(Stage::Checking, 0, total);
        let units = resolve_units(db, &self.figures.units).await?;
        let by_month = self.group(db, &units, &mut report.problems).await?;
        let keys = by_month.keys().copied().collect();
        let existing = reports::find_many(db, &keys, lock).await?;
        let old_values = reports::values_of(db, &existing).await?;
        let mut plan = Plan {
            existing,
            ..Plan::default()
        };
        report.units = self.check_months(
            &by_month,
            &units,
            &old_values,
            &mut plan,
            &mut report.problems,
        );
        (self.progress)(Stage::Checking, total, total);
        report.months = plan.changed_months.len() as u64;
        Ok(plan)
    }

    /// Checks each month of the file and plans the writing of those that pass; what
    /// changes for each unit.
    fn check_months(
        &self,
        by_month: &ByMonth<'_>,
        units: &[Option<KnownUnit>],
        old_values: &HashMap<MonthKey, ByMeasure>,
        plan: &mut Plan,
        problems: &mut Problems,
    ) -> Vec<UnitChange> {
        let total = self.figures.cells.len() as u64;
        let by_id: HashMap<UnitId, &KnownUnit> =
            units.iter().flatten().map(|u| (u.id, u)).collect();
        let mut changes: HashMap<UnitId, UnitChange> = HashMap::new();
        let mut done: u64 = 0;
        for (key, (row, cells)) in by_month {
            done += cells.len() as u64;
            if done % 50_000 < cells.len() as u64 {
                (self.progress)(Stage::Checking, done, total);
            }
            let unit = by_id.get(&key.unit_id).copied();
            let code = unit.map(|u| u.code.as_str()).unwrap_or("");
            let month = Month {
                key: *key,
                row: *row,
                cells,
                code,
                old: old_values.get(key),
            };
            let stored = plan.existing.get(key).map(|m| m.status);
            if stored == Some(ReportStatus::Approved) && self.unchanged(&month) {
                // An approved month given back as it is stored (a file exported, one
                // value of another month corrected, imported again): nothing to write.
                let change = changes
                    .entry(key.unit_id)
                    .or_insert_with(|| UnitChange::of(key.unit_id, unit));
                change.unchanged += u32::try_from(cells.len()).unwrap_or(u32::MAX);
                continue;
            }
            if !self.check_month(&month, stored, problems) {
                continue;
            }
            let change = changes
                .entry(key.unit_id)
                .or_insert_with(|| UnitChange::of(key.unit_id, unit));
            self.tally(&month, change, plan);
        }
        changes.into_values().collect()
    }

    /// Groups the cells by month, leaving out (as problems) those of unknown units and of
    /// units outside the caller's scope.
    async fn group<'f>(
        &'f self,
        db: &impl ConnectionTrait,
        units: &[Option<KnownUnit>],
        problems: &mut Problems,
    ) -> ServiceResult<ByMonth<'f>> {
        let placement = placements(db, self.actor).await?;
        let allowed: Vec<bool> = units
            .iter()
            .map(|u| {
                u.as_ref()
                    .is_some_and(|u| may_write_figures(self.role, placement(u.id)))
            })
            .collect();
        let ended: Vec<UnitId> = units
            .iter()
            .flatten()
            .filter(|u| u.valid_to.is_some())
            .map(|u| u.id)
            .collect();
        let successors = crate::service::reorg::successor_names(db, &ended).await?;
        let figures = self.figures;
        let unit_at = figures.unit_column.map(|c| (c, figures.header(c)));
        let mut by_month: ByMonth<'f> = BTreeMap::new();
        let mut firsts: HashMap<(MonthKey, u16), u32> = HashMap::new();
        for c in &figures.cells {
            let idx = c.unit as usize;
            let problem = match units.get(idx).and_then(Option::as_ref) {
                None => unknown_unit(figures.units.get(idx).map(String::as_str).unwrap_or("")),
                Some(u) if !allowed.get(idx).copied().unwrap_or(false) => out_of_scope(u),
                Some(u)
                    if !crate::domain::tree::takes_figures(
                        u.valid_from,
                        u.valid_to,
                        crate::domain::tree::month_index(c.year, u32::from(c.month)),
                    ) =>
                {
                    not_in_force(u, c.year, c.month, successors.get(&u.id))
                }
                Some(u) => {
                    let key = MonthKey {
                        unit_id: u.id,
                        year: c.year,
                        month: u32::from(c.month),
                    };
                    // The same unit written in two cases (`XA_1`, `xa_1`) in two rows.
                    if let Some(first) = firsts.insert((key, c.measure), c.row) {
                        let col = usize::from(c.col);
                        let p = Problem::new(
                            ProblemKind::Duplicate,
                            ProblemReason::RepeatedValue,
                            format!(
                                "this value of unit {} and month is also given in row {first}",
                                u.code
                            ),
                        )
                        .repeating(first)
                        .at(c.row, Some((col, figures.header(col))));
                        problems.push(p);
                        continue;
                    }
                    by_month
                        .entry(key)
                        .or_insert_with(|| (c.row, Vec::new()))
                        .1
                        .push(c);
                    continue;
                }
            };
            unit_problem(problems, problem, c.row, unit_at);
        }
        Ok(by_month)
    }

    /// Whether every value the file gives for the month is the one stored.
    fn unchanged(&self, m: &Month<'_>) -> bool {
        m.cells.iter().all(|c| {
            self.measures
                .get(usize::from(c.measure))
                .and_then(|me| m.old.and_then(|o| o.get(&me.id)))
                .is_some_and(|old| *old == c.value)
        })
    }

    /// Whether the month may take the file's figures: it is not approved and stays
    /// consistent; problems go to `problems`.
    fn check_month(
        &self,
        m: &Month<'_>,
        stored: Option<ReportStatus>,
        problems: &mut Problems,
    ) -> bool {
        if stored == Some(ReportStatus::Approved) {
            let problem = Problem::new(
                ProblemKind::Approved,
                ProblemReason::ApprovedMonth,
                format!(
                    "{} {:02}/{} is approved and read-only; ask for it to be reopened",
                    m.code, m.key.month, m.key.year
                ),
            )
            .with_value(m.code);
            // Located at the first value that would change it.
            let changed = m.cells.iter().find(|c| {
                let old = self
                    .measures
                    .get(usize::from(c.measure))
                    .and_then(|me| m.old.and_then(|o| o.get(&me.id)));
                old != Some(&c.value)
            });
            let (row, col) = match changed {
                Some(c) => {
                    let col = usize::from(c.col);
                    (c.row, Some((col, self.figures.header(col))))
                }
                None => (m.row, None),
            };
            unit_problem(problems, in_month(problem, m.key), row, col);
            return false;
        }
        let broken = self.broken_rules(m);
        for b in &broken {
            problems.push(self.consistency_problem(m, b));
        }
        broken.is_empty()
    }

    /// The consistency rules the month breaks as it would be: stored values overlaid by the
    /// file's.
    fn broken_rules(&self, m: &Month<'_>) -> Vec<ConsistencyViolation> {
        let measures = self.measures;
        let mut merged: Vec<Option<i64>> = vec![None; measures.len()];
        for (mid, v) in m.old.into_iter().flatten() {
            if let Some(i) = measures.iter().position(|me| me.id == *mid) {
                merged[i] = Some(*v);
            }
        }
        for c in m.cells {
            if let Some(slot) = merged.get_mut(usize::from(c.measure)) {
                *slot = Some(c.value);
            }
        }
        check_consistency(self.rules, |code| {
            let i = measures.iter().position(|me| me.code == code)?;
            merged.get(i).copied().flatten()
        })
    }

    /// A broken rule, located at the cell of its part (else of its whole) when the file
    /// gives one.
    fn consistency_problem(&self, m: &Month<'_>, b: &ConsistencyViolation) -> Problem {
        let of = |code: &str| {
            m.cells.iter().find(|c| {
                self.measures
                    .get(usize::from(c.measure))
                    .is_some_and(|me| me.code == code)
            })
        };
        let (r, col) = match of(&b.part).or_else(|| of(&b.whole)) {
            Some(c) => {
                let col = usize::from(c.col);
                (c.row, Some((col, self.figures.header(col))))
            }
            None => (m.row, None),
        };
        let problem = Problem::new(
            ProblemKind::Consistency,
            ProblemReason::PartExceedsWhole,
            format!("{b} (unit {}, {:02}/{})", m.code, m.key.month, m.key.year),
        )
        .at(r, col);
        in_month(problem, m.key).breaking(b.clone())
    }

    /// Counts the month's new, changed and unchanged values and plans their writing.
    fn tally(&self, m: &Month<'_>, change: &mut UnitChange, plan: &mut Plan) {
        let mut month_changed = false;
        for c in m.cells {
            let Some(measure) = self.measures.get(usize::from(c.measure)) else {
                continue;
            };
            let old = m.old.and_then(|o| o.get(&measure.id)).copied();
            match old {
                None => change.new += 1,
                Some(b) if b != c.value => change.changed += 1,
                Some(_) => change.unchanged += 1,
            }
            month_changed |= old != Some(c.value);
            let (month, measure, value) = (m.key, measure.id, c.value);
            plan.values.push(PlannedValue {
                month,
                measure,
                value,
                old,
            });
        }
        if month_changed {
            change.months += 1;
            plan.changed_months.insert(m.key);
        }
        plan.months.insert(m.key);
    }
}

/// A month of the file being checked.
struct Month<'a> {
    key: MonthKey,
    /// The first row naming the month.
    row: u32,
    cells: &'a [&'a FigureCell],
    /// The unit's code.
    code: &'a str,
    /// What is stored.
    old: Option<&'a ByMeasure>,
}

fn in_month(problem: Problem, key: MonthKey) -> Problem {
    problem.in_month(key.year, u8::try_from(key.month).unwrap_or(0))
}

fn unknown_unit(code: &str) -> Problem {
    Problem::new(
        ProblemKind::UnknownUnit,
        ProblemReason::UnknownCode,
        format!("no active unit has the code {code:?}"),
    )
    .with_value(code)
}

fn not_in_force(u: &KnownUnit, year: i32, month: u8, successor: Option<&String>) -> Problem {
    let whose = match successor {
        Some(s) if !s.is_empty() => format!("; its figures from then on go to {s}"),
        _ => String::new(),
    };
    let mut p = Problem::new(
        ProblemKind::BadMonth,
        ProblemReason::NotInForce,
        format!(
            "unit {} was not in force in {month:02}/{year}{whose}",
            u.code
        ),
    )
    .with_value(&u.code);
    p.year = Some(year);
    p.month = Some(month);
    p
}

fn out_of_scope(u: &KnownUnit) -> Problem {
    Problem::new(
        ProblemKind::OutOfScope,
        ProblemReason::OutsideScope,
        format!(
            "unit {} is outside the units you may enter figures for",
            u.code
        ),
    )
    .with_value(&u.code)
}
