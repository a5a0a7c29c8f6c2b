//! The effective-dated unit tree: which months of a unit's figures count for which unit.
//! A closure path says that the descendant's figures of the months `from..=to` count for the
//! ancestor. A move or a close ends paths at the month before it takes effect and a move
//! opens new ones; a merge copies every path of each source, up to the month before it,
//! to the unit it merges into, so a successor counts its predecessors' earlier months
//! (transitively) while nothing counts twice. All changes take effect on a first of month.

use chrono::{Datelike, NaiveDate};
use shared::ids::UnitId;
use std::collections::HashMap;

/// A month as `year * 12 + month - 1`, so that months compare and subtract.
pub type MonthIndex = i32;

/// The first month of a path that has always counted.
pub const ALWAYS_FROM: MonthIndex = 0;
/// The last month of a path still in force.
pub const STILL_IN_FORCE: MonthIndex = 1_000_000;

/// The index of `month` (1–12) of `year`.
pub fn month_index(year: i32, month: u32) -> MonthIndex {
    year * 12 + month as i32 - 1
}

/// `(year, month)` of a month index.
pub fn year_month(index: MonthIndex) -> (i32, u32) {
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// The month index of the month `day` falls in.
pub fn month_of(day: NaiveDate) -> MonthIndex {
    month_index(day.year(), day.month())
}

/// The first day of a month index.
pub fn first_day(index: MonthIndex) -> Option<NaiveDate> {
    let (y, m) = year_month(index);
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// The last day of a month index.
pub fn last_day(index: MonthIndex) -> Option<NaiveDate> {
    first_day(index + 1).and_then(|d| d.pred_opt())
}

/// The month a change on `day` takes effect from, or `None` when `day` is not the first
/// day of a month (every change takes effect on a first of month).
pub fn effective_month(day: NaiveDate) -> Option<MonthIndex> {
    (day.day() == 1).then(|| month_of(day))
}

/// Whether a unit in force from `valid_from` to `valid_to` (days, `None` for open) takes
/// figures for `month`: the month must lie within them.
pub fn takes_figures(
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    month: MonthIndex,
) -> bool {
    valid_from.is_none_or(|d| month_of(d) <= month) && valid_to.is_none_or(|d| month <= month_of(d))
}

/// Whether a unit in force from `valid_from` to `valid_to` is in force on `day`.
pub fn in_force_on(
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    valid_from.is_none_or(|d| d <= day) && valid_to.is_none_or(|d| day <= d)
}

/// One closure path: the descendant's figures of months `from..=to` count for the ancestor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    pub ancestor: UnitId,
    pub descendant: UnitId,
    pub depth: i32,
    pub from: MonthIndex,
    pub to: MonthIndex,
    /// Copied from a predecessor by a merge: the ancestor counts the descendant as its
    /// successor, not as a unit of its subtree.
    pub inherited: bool,
}

impl Path {
    /// A path in force from `from` on.
    pub fn open(ancestor: UnitId, descendant: UnitId, depth: i32, from: MonthIndex) -> Self {
        Path {
            ancestor,
            descendant,
            depth,
            from,
            to: STILL_IN_FORCE,
            inherited: false,
        }
    }

    /// Whether the path counts the descendant's figures of `month`.
    pub fn covers(&self, month: MonthIndex) -> bool {
        self.from <= month && month <= self.to
    }

    /// The key the table stores the path under.
    pub fn key(&self) -> (UnitId, UnitId, MonthIndex) {
        (self.ancestor, self.descendant, self.from)
    }
}

/// What a change does to the stored paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathEdit {
    /// Paths that stop counting after a month: (path, its new `to`).
    pub end: Vec<(Path, MonthIndex)>,
    /// Paths removed (they would have started on or after the change).
    pub remove: Vec<Path>,
    /// New paths.
    pub add: Vec<Path>,
}

impl PathEdit {
    /// Ends each path at the month before `effective`, or removes it when it starts then or
    /// later.
    fn stop(&mut self, paths: impl IntoIterator<Item = Path>, effective: MonthIndex) {
        for p in paths {
            if p.to < effective {
                continue;
            }
            if p.from < effective {
                self.end.push((p, effective - 1));
            } else {
                self.remove.push(p);
            }
        }
    }

    /// Applies the edit to an in-memory set of paths (for the tests and the benchmark data).
    pub fn apply_to(&self, paths: &mut Vec<Path>) {
        let ended: HashMap<_, _> = self.end.iter().map(|(p, to)| (p.key(), *to)).collect();
        let removed: std::collections::HashSet<_> = self.remove.iter().map(Path::key).collect();
        paths.retain(|p| !removed.contains(&p.key()));
        for p in paths.iter_mut() {
            if let Some(to) = ended.get(&p.key()) {
                p.to = *to;
            }
        }
        paths.extend(self.add.iter().copied());
    }
}

/// The paths of a move from `effective`: `up_old` are the paths in force from the unit's
/// strict ancestors down to the moved subtree, `subtree` the paths in force from the unit
/// down (itself at depth 0), `up_new` the paths in force to the new parent (itself at
/// depth 0).
pub fn move_paths(
    up_old: &[Path],
    subtree: &[Path],
    up_new: &[Path],
    effective: MonthIndex,
) -> PathEdit {
    let mut edit = PathEdit::default();
    edit.stop(up_old.iter().copied(), effective);
    for a in up_new {
        for d in subtree {
            edit.add.push(Path::open(
                a.ancestor,
                d.descendant,
                a.depth + d.depth + 1,
                effective,
            ));
        }
    }
    edit
}

/// The paths of a merge of a source into `into` from `effective`: every path of the source
/// (`from_source`, its own lineage included) is copied to `into` up to the month before,
/// one level deeper, and the paths in force to the source (`to_source`: its own and its
/// ancestors') end then.
pub fn merge_paths(
    from_source: &[Path],
    to_source: &[Path],
    into: UnitId,
    effective: MonthIndex,
) -> PathEdit {
    let mut edit = PathEdit::default();
    for p in from_source.iter().filter(|p| p.from < effective) {
        edit.add.push(Path {
            ancestor: into,
            descendant: p.descendant,
            // The successor stands above its predecessors.
            depth: p.depth + 1,
            from: p.from,
            to: p.to.min(effective - 1),
            inherited: true,
        });
    }
    edit.stop(to_source.iter().copied(), effective);
    edit
}

/// The paths of closing a unit from `effective`: those in force to it end.
pub fn close_paths(to_unit: &[Path], effective: MonthIndex) -> PathEdit {
    let mut edit = PathEdit::default();
    edit.stop(to_unit.iter().copied(), effective);
    edit
}

/// A descendant and month whose figures two of `paths`' different ancestors both count
/// before `before`: merging them would count those figures twice. `None` when disjoint.
pub fn first_overlap(paths: &[Path], before: MonthIndex) -> Option<(UnitId, UnitId, MonthIndex)> {
    let mut by_descendant: HashMap<UnitId, Vec<&Path>> = HashMap::new();
    for p in paths.iter().filter(|p| p.from < before) {
        by_descendant.entry(p.descendant).or_default().push(p);
    }
    let mut found: Option<(UnitId, UnitId, MonthIndex)> = None;
    for (d, list) in by_descendant {
        for (i, a) in list.iter().enumerate() {
            for b in list.iter().skip(i + 1) {
                if a.ancestor == b.ancestor {
                    continue;
                }
                let lo = a.from.max(b.from);
                let hi = a.to.min(b.to).min(before - 1);
                if lo <= hi && found.is_none_or(|f| (d, lo) < (f.0, f.2)) {
                    found = Some((d, a.ancestor, lo));
                }
            }
        }
    }
    found
}

/// The units counting each unit's figures of a month, itself included: the ancestors of
/// the paths to it that cover that month.
pub fn counting_units(paths: &[Path], descendant: UnitId, month: MonthIndex) -> Vec<UnitId> {
    let mut out: Vec<UnitId> = paths
        .iter()
        .filter(|p| p.descendant == descendant && p.covers(month))
        .map(|p| p.ancestor)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests;
