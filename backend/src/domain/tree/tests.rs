//! Random trees under random sequences of merges, moves and closes, checked against a
//! reference model that keeps each month's parent of every unit.

use super::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

const MONTHS: MonthIndex = 24;

/// The reference: each unit's parent and being in force per month, and its successor.
struct Model {
    parent: Vec<[Option<usize>; MONTHS as usize]>,
    alive: Vec<[bool; MONTHS as usize]>,
    merged_into: Vec<Option<usize>>,
    paths: Vec<Path>,
}

fn id(u: usize) -> UnitId {
    UnitId(u as i32)
}

impl Model {
    fn new(parents: &[usize]) -> Self {
        let n = parents.len() + 1;
        let mut m = Model {
            parent: vec![[None; MONTHS as usize]; n],
            alive: vec![[true; MONTHS as usize]; n],
            merged_into: vec![None; n],
            paths: Vec::new(),
        };
        for (i, p) in parents.iter().enumerate() {
            let u = i + 1;
            let p = p % u;
            m.parent[u] = [Some(p); MONTHS as usize];
            let mut depth = 0;
            let mut a = Some(u);
            while let Some(x) = a {
                m.paths.push(Path::open(id(x), id(u), depth, ALWAYS_FROM));
                depth += 1;
                a = m.parent[x][0];
            }
        }
        m.paths.push(Path::open(id(0), id(0), 0, ALWAYS_FROM));
        m
    }

    fn in_force(&self) -> impl Iterator<Item = &Path> {
        self.paths.iter().filter(|p| p.to == STILL_IN_FORCE)
    }

    fn subtree(&self, u: usize) -> Vec<Path> {
        self.in_force()
            .filter(|p| p.ancestor == id(u))
            .copied()
            .collect()
    }

    fn above(&self, sub: &[Path]) -> Vec<Path> {
        let inside: HashSet<UnitId> = sub.iter().map(|p| p.descendant).collect();
        self.in_force()
            .filter(|p| inside.contains(&p.descendant) && !inside.contains(&p.ancestor))
            .copied()
            .collect()
    }

    fn to_unit(&self, u: usize) -> Vec<Path> {
        self.in_force()
            .filter(|p| p.descendant == id(u))
            .copied()
            .collect()
    }

    fn alive_at(&self, u: usize, e: MonthIndex) -> bool {
        self.alive[u][e as usize]
    }

    fn in_subtree(&self, a: usize, d: usize, e: MonthIndex) -> bool {
        let mut x = Some(d);
        while let Some(u) = x {
            if u == a {
                return true;
            }
            x = self.parent[u][e as usize];
        }
        false
    }

    fn set_parent_from(&mut self, u: usize, p: usize, e: MonthIndex) {
        for t in e..MONTHS {
            self.parent[u][t as usize] = Some(p);
        }
    }

    fn end_from(&mut self, u: usize, e: MonthIndex) {
        for t in e..MONTHS {
            self.alive[u][t as usize] = false;
            self.parent[u][t as usize] = None;
        }
    }

    fn children_at(&self, u: usize, e: MonthIndex) -> Vec<usize> {
        (0..self.parent.len())
            .filter(|c| self.alive_at(*c, e) && self.parent[*c][e as usize] == Some(u))
            .collect()
    }

    fn do_move(&mut self, u: usize, p: usize, e: MonthIndex) {
        let sub = self.subtree(u);
        let edit = move_paths(&self.above(&sub), &sub, &self.to_unit(p), e);
        edit.apply_to(&mut self.paths);
        self.set_parent_from(u, p, e);
    }

    fn do_close(&mut self, u: usize, e: MonthIndex) {
        close_paths(&self.to_unit(u), e).apply_to(&mut self.paths);
        self.end_from(u, e);
    }

    /// Merges `sources` into `into` (a new unit under `parent` when `into` is `None`);
    /// refused like the product refuses it.
    fn do_merge(
        &mut self,
        sources: &[usize],
        into: Option<usize>,
        parent: usize,
        e: MonthIndex,
    ) -> bool {
        let mut involved: Vec<Path> = Vec::new();
        for x in sources.iter().chain(into.as_ref()) {
            involved.extend(self.paths.iter().filter(|p| p.ancestor == id(*x)));
        }
        if first_overlap(&involved, e).is_some() {
            return false;
        }
        let target = match into {
            Some(t) => {
                if sources.iter().any(|s| self.in_subtree(*s, t, e)) {
                    return false;
                }
                t
            }
            None => {
                let t = self.parent.len();
                self.parent.push([None; MONTHS as usize]);
                self.alive.push([false; MONTHS as usize]);
                self.merged_into.push(None);
                for x in e..MONTHS {
                    self.alive[t][x as usize] = true;
                }
                self.set_parent_from(t, parent, e);
                let mut edit = PathEdit::default();
                edit.add.push(Path::open(id(t), id(t), 0, e));
                for a in self.to_unit(parent) {
                    edit.add.push(Path::open(a.ancestor, id(t), a.depth + 1, e));
                }
                edit.apply_to(&mut self.paths);
                t
            }
        };
        for s in sources {
            for c in self.children_at(*s, e) {
                self.do_move(c, target, e);
            }
            let from: Vec<Path> = self
                .paths
                .iter()
                .filter(|p| p.ancestor == id(*s))
                .copied()
                .collect();
            merge_paths(&from, &self.to_unit(*s), id(target), e).apply_to(&mut self.paths);
            self.end_from(*s, e);
            self.merged_into[*s] = Some(target);
        }
        true
    }

    /// Units whose figures count for `a` in month `t` by the reference rule: the subtrees,
    /// as they stood then, of `a` and of its predecessors (transitively) in force then.
    fn reference(&self, a: usize, t: MonthIndex) -> HashSet<usize> {
        let mut lineage = vec![a];
        let mut i = 0;
        while i < lineage.len() {
            let x = lineage[i];
            lineage.extend((0..self.merged_into.len()).filter(|p| self.merged_into[*p] == Some(x)));
            i += 1;
        }
        (0..self.parent.len())
            .filter(|u| self.alive_at(*u, t))
            .filter(|u| {
                lineage
                    .iter()
                    .any(|b| self.alive_at(*b, t) && self.in_subtree(*b, *u, t))
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Move(usize, usize),
    Close(usize),
    Merge(Vec<usize>, Option<usize>, usize),
}

fn op() -> impl Strategy<Value = (MonthIndex, Op)> {
    let kind = prop_oneof![
        (0usize..40, 0usize..40).prop_map(|(u, p)| Op::Move(u, p)),
        (0usize..40).prop_map(Op::Close),
        (
            proptest::collection::vec(0usize..40, 1..4),
            proptest::option::of(0usize..40),
            0usize..40
        )
            .prop_map(|(s, i, p)| Op::Merge(s, i, p)),
    ];
    (1..MONTHS, kind)
}

fn run(parents: &[usize], mut ops: Vec<(MonthIndex, Op)>) -> Model {
    ops.sort_by_key(|(e, _)| *e);
    let mut m = Model::new(parents);
    for (e, op) in ops {
        let n = m.parent.len();
        let ok = |u: usize| u != 0 && u < n && m.alive_at(u, e);
        match op {
            Op::Move(u, p) => {
                let p = p % n;
                if ok(u) && m.alive_at(p, e) && !m.in_subtree(u, p, e) {
                    m.do_move(u, p, e);
                }
            }
            Op::Close(u) => {
                if ok(u) && m.children_at(u, e).is_empty() {
                    m.do_close(u, e);
                }
            }
            Op::Merge(sources, into, parent) => {
                let mut sources: Vec<usize> = sources.into_iter().filter(|s| ok(*s)).collect();
                sources.sort();
                sources.dedup();
                let into = into
                    .map(|i| i % n)
                    .filter(|i| m.alive_at(*i, e) && !sources.contains(i));
                let parent = parent % n;
                if sources.is_empty()
                    || !m.alive_at(parent, e)
                    || sources.iter().any(|s| m.in_subtree(*s, parent, e))
                {
                    continue;
                }
                m.do_merge(&sources, into, parent, e);
            }
        }
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_unit_counts_exactly_its_reference_set_once(
        parents in proptest::collection::vec(0usize..1000, 5..30),
        ops in proptest::collection::vec(op(), 0..25),
    ) {
        let m = run(&parents, ops);
        for t in 0..MONTHS {
            let mut counted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for u in (0..m.parent.len()).filter(|u| m.alive_at(*u, t)) {
                let by = counting_units(&m.paths, id(u), t);
                let covering = m.paths.iter().filter(|p| p.descendant == id(u) && p.covers(t)).count();
                prop_assert_eq!(covering, by.len(), "unit {} month {}: a path counts twice", u, t);
                for a in by {
                    counted.entry(a.0 as usize).or_default().push(u);
                }
            }
            for a in 0..m.parent.len() {
                let got: HashSet<usize> = counted.get(&a).cloned().unwrap_or_default().into_iter().collect();
                prop_assert_eq!(&got, &m.reference(a, t), "unit {} month {}", a, t);
            }
            // The province counts every figure of the month, before and after any change.
            let all: HashSet<usize> = (0..m.parent.len()).filter(|u| m.alive_at(*u, t)).collect();
            prop_assert_eq!(counted.get(&0).cloned().unwrap_or_default().into_iter().collect::<HashSet<_>>(), all);
        }
    }

    #[test]
    fn a_successor_counts_the_sum_over_its_lineage(
        parents in proptest::collection::vec(0usize..1000, 5..30),
        ops in proptest::collection::vec(op(), 1..25),
        figures in proptest::collection::vec(0i64..1000, 64),
    ) {
        let m = run(&parents, ops);
        let figure = |u: usize, t: MonthIndex| figures[(u * 7 + t as usize) % figures.len()];
        for (p, s) in m.merged_into.iter().enumerate().filter_map(|(p, s)| s.map(|s| (p, s))) {
            for t in 0..MONTHS {
                let total = |a: usize| -> i64 {
                    (0..m.parent.len())
                        .filter(|u| m.alive_at(*u, t) && counting_units(&m.paths, id(*u), t).contains(&id(a)))
                        .map(|u| figure(u, t))
                        .sum()
                };
                // The successor's month counts at least all its predecessor counted then.
                prop_assert!(total(s) >= total(p));
                let preds: Vec<usize> = (0..m.merged_into.len()).filter(|x| m.merged_into[*x] == Some(s)).collect();
                let own: i64 = if m.alive_at(s, t) { m.reference(s, t).iter().filter(|u| m.in_subtree(s, **u, t)).map(|u| figure(*u, t)).sum() } else { 0 };
                let lineage: i64 = preds.iter().map(|x| total(*x)).sum();
                prop_assert_eq!(total(s), own + lineage, "successor {} month {}", s, t);
            }
        }
    }
}

#[test]
fn a_commune_merged_in_july_counts_its_predecessors_until_june() {
    // 0 province, 1 district, 2 and 3 communes of the district.
    let mut m = Model::new(&[0, 1, 1]);
    assert!(m.do_merge(&[2, 3], None, 0, 6));
    m.do_close(1, 6);
    let new = 4;
    assert_eq!(m.reference(new, 5), HashSet::from([2, 3]));
    assert_eq!(m.reference(new, 6), HashSet::from([new]));
    assert_eq!(
        counting_units(&m.paths, id(2), 5),
        vec![id(0), id(1), id(2), id(new)]
    );
    assert_eq!(counting_units(&m.paths, id(new), 6), vec![id(0), id(new)]);
    assert!(m.reference(1, 6).is_empty());
}

#[test]
fn merging_a_unit_into_one_that_already_counts_it_is_refused() {
    let mut m = Model::new(&[0, 1]);
    // 2 lies under 1: merging 1 into 2 is refused (2 is in its subtree), and 2 into 1 too
    // (1 already counts 2's months).
    assert!(!m.do_merge(&[1], Some(2), 0, 3));
    assert!(!m.do_merge(&[2], Some(1), 0, 3));
}

#[test]
fn months_convert_both_ways() {
    assert_eq!(month_index(2025, 7), 2025 * 12 + 6);
    assert_eq!(year_month(month_index(2025, 7)), (2025, 7));
    assert_eq!(year_month(month_index(2025, 12)), (2025, 12));
    let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    assert_eq!(effective_month(d), Some(month_index(2025, 7)));
    assert_eq!(effective_month(d.succ_opt().unwrap()), None);
    assert_eq!(
        last_day(month_index(2025, 6)),
        NaiveDate::from_ymd_opt(2025, 6, 30)
    );
    assert!(takes_figures(
        None,
        NaiveDate::from_ymd_opt(2025, 6, 30),
        month_index(2025, 6)
    ));
    assert!(!takes_figures(
        None,
        NaiveDate::from_ymd_opt(2025, 6, 30),
        month_index(2025, 7)
    ));
    assert!(!takes_figures(Some(d), None, month_index(2025, 6)));
}
