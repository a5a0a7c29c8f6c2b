//! The demo province in memory before it is written: every unit with its parent before and
//! after the 2025 reorganisation, the dossiers it receives a year and its quality, its
//! staff, and the reorganisation itself (merges, then the districts closed). Units are
//! referred to by their index (a key) because the units made by a merge get their ids only
//! when the merge is applied; staff ids are given up front.

use super::calendar::Era;
use super::province::{
    self, CENTRE, CommuneKind, DEPARTMENT_MERGES, DEPARTMENTS, DISTRICTS, Level, MergeInto,
    commune_volume, decisions, district_volume, headcount, merged_communes, person_name,
};
use rand::Rng;
use rand::rngs::StdRng;
use shared::UnitKind;

/// When a unit is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Before and after the reorganisation.
    Always,
    /// Until the day before it (merged away or closed).
    UntilReorg,
    /// From it (made by a merge).
    FromReorg,
}

/// Where a unit hangs: under the province or under another unit (by key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    Root,
    Unit(usize),
}

/// A unit to write.
#[derive(Debug, Clone)]
pub struct DemoUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub level: Level,
    /// Its parent while it is first in force.
    pub parent: Parent,
    /// Its parent after the reorganisation (a division of a merged department moves).
    pub parent_after: Parent,
    pub span: Span,
    /// Dossiers it receives itself in a year (at this year's level).
    pub yearly: f64,
    /// Its quality level (0–1) at the end of the calendar.
    pub quality: f64,
    /// Dossiers a year and quality from the reorganisation on.
    pub after: (f64, f64),
}

impl DemoUnit {
    /// Whether it is written at all in `era`.
    pub fn exists(&self, era: Era) -> bool {
        match era {
            Era::Before => self.span != Span::FromReorg,
            Era::Across => true,
            Era::After => self.span != Span::UntilReorg,
        }
    }

    /// Whether it is in force today in `era`.
    pub fn in_force(&self, era: Era) -> bool {
        match era {
            Era::Before => self.span != Span::FromReorg,
            Era::Across | Era::After => self.span != Span::UntilReorg,
        }
    }
}

/// A staff member to write.
#[derive(Debug, Clone)]
pub struct DemoStaff {
    pub id: i32,
    /// Its unit's key.
    pub unit: usize,
    pub full_name: String,
    pub position: String,
    pub is_head: bool,
}

/// What a merge makes: an existing unit takes the sources over, or a new one is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Successor {
    Existing(usize),
    New(usize),
}

/// A merge of 01/07/2025.
#[derive(Debug, Clone)]
pub struct Merge {
    pub sources: Vec<usize>,
    pub into: Successor,
    pub decision: &'static str,
}

/// The whole province below its root, with its reorganisation.
#[derive(Debug, Clone)]
pub struct Tree {
    pub units: Vec<DemoUnit>,
    pub staff: Vec<DemoStaff>,
    /// In the order they are applied: the departments' offices, the departments, the
    /// communes.
    pub merges: Vec<Merge>,
    /// The districts, closed once their communes have merged.
    pub closes: Vec<usize>,
}

impl Tree {
    /// The key of the unit named `name` in force today in `era`.
    pub fn in_force_named(&self, name: &str, era: Era) -> Option<usize> {
        self.units
            .iter()
            .position(|u| u.name == name && u.in_force(era))
    }

    /// The key of the unit with `code`.
    #[cfg(test)]
    pub fn key(&self, code: &str) -> Option<usize> {
        self.units.iter().position(|u| u.code == code)
    }

    /// The staff of a unit, head first.
    pub fn staff_of(&self, unit: usize) -> impl Iterator<Item = &DemoStaff> {
        self.staff.iter().filter(move |s| s.unit == unit)
    }
}

/// Builds the province, numbering staff from `staff_id`.
pub fn build(rng: &mut StdRng, staff_id: i32) -> Tree {
    let mut b = Builder::default();
    b.departments(rng);
    let centre = (CENTRE.0.to_owned(), CENTRE.1.to_owned());
    b.add(
        Parent::Root,
        Level::Centre,
        UnitKind::Center,
        centre,
        (9_000.0, 0.93),
    );
    b.districts_and_communes(rng);
    let staff = staff(rng, &b.units, staff_id);
    Tree {
        units: b.units,
        staff,
        merges: b.merges,
        closes: b.closes,
    }
}

/// The units and changes so far.
#[derive(Default)]
struct Builder {
    units: Vec<DemoUnit>,
    merges: Vec<Merge>,
    closes: Vec<usize>,
}

impl Builder {
    /// Adds a unit in force all along receiving `yearly` dossiers at `quality` (kept
    /// within 0.3–0.99); returns its key.
    fn add(
        &mut self,
        parent: Parent,
        level: Level,
        kind: UnitKind,
        (code, name): (String, String),
        (yearly, quality): (f64, f64),
    ) -> usize {
        let quality = quality.clamp(0.3, 0.99);
        self.units.push(DemoUnit {
            code,
            name,
            kind,
            level,
            parent,
            parent_after: parent,
            span: Span::Always,
            yearly,
            quality,
            after: (yearly, quality),
        });
        self.units.len() - 1
    }

    /// A unit made by a merge, under the province, from the sizes of its sources.
    fn add_merged(
        &mut self,
        level: Level,
        kind: UnitKind,
        names: (String, String),
        (yearly, quality): (f64, f64),
    ) -> usize {
        let key = self.add(Parent::Root, level, kind, names, (yearly, quality));
        if let Some(u) = self.units.get_mut(key) {
            u.span = Span::FromReorg;
        }
        key
    }

    /// Ends `key` at the reorganisation.
    fn end(&mut self, key: usize) {
        if let Some(u) = self.units.get_mut(key) {
            u.span = Span::UntilReorg;
        }
    }

    /// The sum of the sources' dossiers and their quality weighted by dossiers.
    fn combined(&self, keys: &[usize]) -> (f64, f64) {
        let (mut yearly, mut weighted) = (0.0, 0.0);
        for u in keys.iter().filter_map(|k| self.units.get(*k)) {
            yearly += u.after.0;
            weighted += u.after.0 * u.after.1;
        }
        let quality = if yearly > 0.0 { weighted / yearly } else { 0.8 };
        (yearly, quality)
    }

    /// The departments, each with its divisions sharing three quarters of its dossiers,
    /// and their 2025 merges.
    fn departments(&mut self, rng: &mut StdRng) {
        for d in &DEPARTMENTS {
            let quality = match d.code {
                // Two departments lag behind the others.
                "SXD" | "STC" => rng.random_range(0.5..0.6),
                _ => rng.random_range(0.82..1.0),
            };
            let names = (d.code.to_owned(), d.name.to_owned());
            let dep = self.add(
                Parent::Root,
                Level::Department,
                UnitKind::Department,
                names,
                (d.yearly * 0.25, quality),
            );
            let weights: Vec<f64> = d
                .divisions
                .iter()
                .map(|_| rng.random_range(0.5..1.5))
                .collect();
            let total: f64 = weights.iter().sum();
            for (j, (div, w)) in d.divisions.iter().zip(&weights).enumerate() {
                let names = (format!("{}.{}", d.code, j + 1), (*div).to_owned());
                let size = (
                    d.yearly * 0.75 * w / total,
                    quality + rng.random_range(-0.05..0.05),
                );
                self.add(
                    Parent::Unit(dep),
                    Level::Division,
                    UnitKind::Division,
                    names,
                    size,
                );
            }
        }
        for m in &DEPARTMENT_MERGES {
            self.merge_departments(m.sources, &m.into);
        }
    }

    /// One department merge: the sources' offices merge into one first, then the sources
    /// into the department that takes them over, their divisions moving under it.
    fn merge_departments(&mut self, sources: &[&str], into: &MergeInto) {
        let key = |b: &Self, code: &str| b.units.iter().position(|u| u.code == code);
        let sources: Vec<usize> = sources.iter().filter_map(|c| key(self, c)).collect();
        let into = match into {
            MergeInto::Existing(code) => match key(self, code) {
                Some(k) => Successor::Existing(k),
                None => return,
            },
            MergeInto::New(code, name) => {
                let size = self.combined(&sources);
                let names = ((*code).to_owned(), (*name).to_owned());
                Successor::New(self.add_merged(
                    Level::Department,
                    UnitKind::Department,
                    names,
                    size,
                ))
            }
        };
        let target = match into {
            Successor::Existing(k) | Successor::New(k) => k,
        };
        let office = |b: &Self, dep: usize| {
            b.units
                .iter()
                .position(|u| u.parent == Parent::Unit(dep) && u.name == "Văn phòng Sở")
        };
        let mut offices: Vec<usize> = sources.iter().filter_map(|s| office(self, *s)).collect();
        let kept = match into {
            Successor::Existing(k) => office(self, k),
            Successor::New(_) => offices.pop(),
        };
        if let Some(kept) = kept.filter(|_| !offices.is_empty()) {
            let mut all = offices.clone();
            all.push(kept);
            let size = self.combined(&all);
            if let Some(u) = self.units.get_mut(kept) {
                u.after = (size.0, u.quality);
            }
            for o in &offices {
                self.end(*o);
            }
            self.merges.push(Merge {
                sources: offices,
                into: Successor::Existing(kept),
                decision: decisions::OFFICES,
            });
        }
        for u in self.units.iter_mut() {
            if let Parent::Unit(p) = u.parent
                && sources.contains(&p)
                && u.span == Span::Always
            {
                u.parent_after = Parent::Unit(target);
            }
        }
        if let Successor::Existing(k) = into {
            // The department taking over keeps its own quality, with the sources' dossiers.
            let (yearly, _) = self.combined(&[&sources[..], &[k]].concat());
            if let Some(u) = self.units.get_mut(k) {
                u.after = (yearly, u.quality);
            }
        }
        for s in &sources {
            self.end(*s);
        }
        self.merges.push(Merge {
            sources,
            into,
            decision: decisions::DEPARTMENTS,
        });
    }

    /// The districts with their communes until 01/07/2025, then the merged communes under
    /// the province (with part of their district's work); one commune in thirteen lags
    /// behind before, one in nine after.
    fn districts_and_communes(&mut self, rng: &mut StdRng) {
        let old = province::communes(rng);
        let mut districts = Vec::new();
        for d in &DISTRICTS {
            let names = (d.code.to_owned(), d.name.to_owned());
            let size = (district_volume(rng, d.kind), rng.random_range(0.75..0.95));
            let key = self.add(
                Parent::Root,
                Level::District,
                UnitKind::District,
                names,
                size,
            );
            self.end(key);
            districts.push(key);
        }
        let mut keys = Vec::new();
        for (i, c) in old.iter().enumerate() {
            let laggard = i % 13 == 4;
            let quality = if laggard {
                rng.random_range(0.45..0.58)
            } else if c.kind == CommuneKind::Phuong {
                rng.random_range(0.86..1.0)
            } else {
                rng.random_range(0.78..1.0)
            };
            let yearly = commune_volume(rng, c.kind);
            let parent = c
                .district
                .and_then(|d| districts.get(d))
                .map_or(Parent::Root, |k| Parent::Unit(*k));
            let names = (c.code.clone(), c.name.clone());
            let key = self.add(
                parent,
                Level::Commune,
                UnitKind::Commune,
                names,
                (yearly, quality),
            );
            self.end(key);
            keys.push(key);
        }
        let merged = merged_communes(&old);
        for (j, m) in merged.into_iter().enumerate() {
            let sources: Vec<usize> = m
                .members
                .iter()
                .filter_map(|i| keys.get(*i))
                .copied()
                .collect();
            let (mut yearly, mut quality) = self.combined(&sources);
            // The district's procedures now handled by its communes.
            let district = m
                .members
                .first()
                .and_then(|i| old.get(*i))
                .and_then(|c| c.district);
            let groups = district.map_or(1, |d| {
                DISTRICTS
                    .get(d)
                    .map_or(1, |s| s.communes.div_ceil(3).max(1))
            });
            if let Some(d) = district
                .and_then(|d| districts.get(d))
                .and_then(|k| self.units.get(*k))
            {
                yearly += d.yearly * 0.6 / groups as f64;
            }
            if j % 9 == 4 {
                quality = rng.random_range(0.45..0.58);
            }
            let key = self.add_merged(
                Level::Commune,
                UnitKind::Commune,
                (m.code, m.name),
                (yearly, quality),
            );
            self.merges.push(Merge {
                sources,
                into: Successor::New(key),
                decision: decisions::COMMUNES,
            });
        }
        self.closes = districts;
    }
}

/// The staff of every unit, head first, numbered from `staff_id`; a merged commune has
/// the staff of a larger one.
fn staff(rng: &mut StdRng, units: &[DemoUnit], mut staff_id: i32) -> Vec<DemoStaff> {
    let mut staff = Vec::new();
    for (key, u) in units.iter().enumerate() {
        let n = if u.level == Level::Commune && u.span == Span::FromReorg {
            rng.random_range(10..=14)
        } else {
            headcount(rng, u.level)
        };
        for k in 0..n {
            staff.push(DemoStaff {
                id: staff_id,
                unit: key,
                full_name: person_name(rng),
                position: province::position(u.level, k).to_owned(),
                is_head: k == 0,
            });
            staff_id += 1;
        }
    }
    staff
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn tree() -> Tree {
        build(&mut StdRng::seed_from_u64(55), 1)
    }

    #[test]
    fn before_the_reorganisation_communes_hang_under_nine_districts() {
        let t = tree();
        let before: Vec<&DemoUnit> = t.units.iter().filter(|u| u.exists(Era::Before)).collect();
        let count = |k: UnitKind| before.iter().filter(|u| u.kind == k).count();
        assert_eq!(count(UnitKind::District), 9);
        assert_eq!(count(UnitKind::Commune), 148);
        assert_eq!(count(UnitKind::Department), 15);
        assert!(
            before.iter().filter(|u| u.kind == UnitKind::Commune).all(
                |u| matches!(u.parent, Parent::Unit(p) if t.units[p].kind == UnitKind::District)
            )
        );
    }

    #[test]
    fn after_it_the_province_has_two_levels_and_ten_departments() {
        let t = tree();
        let after: Vec<&DemoUnit> = t.units.iter().filter(|u| u.in_force(Era::After)).collect();
        let count = |k: UnitKind| after.iter().filter(|u| u.kind == k).count();
        assert_eq!(count(UnitKind::District), 0);
        assert_eq!(count(UnitKind::Department), 10);
        assert!((45..=55).contains(&count(UnitKind::Commune)));
        assert!(
            after
                .iter()
                .filter(|u| u.kind != UnitKind::Division)
                .all(|u| u.parent_after == Parent::Root)
        );
        for code in [
            "SKHDT", "SGTVT", "SLDTBXH", "STTTT", "STNMT", "SNNPTNT", "XAP", "H01",
        ] {
            let u = &t.units[t.key(code).unwrap()];
            assert_eq!(u.span, Span::UntilReorg, "{code}");
        }
        // Divisions of a merged department move under the one that takes it over.
        let stc = t.key("STC").unwrap();
        let moved = &t.units[t.key("SKHDT.1").unwrap()];
        assert_eq!(moved.parent_after, Parent::Unit(stc));
        let an_phu = t.in_force_named("Xã An Phú", Era::After).unwrap();
        assert_eq!(t.units[an_phu].code, "XM01");
        assert!(t.staff_of(an_phu).count() >= 10);
        assert_eq!(t.in_force_named("Xã An Phú", Era::Before), t.key("XAP"));
    }

    #[test]
    fn merges_come_before_the_closes_and_cover_every_ended_unit() {
        let t = tree();
        assert_eq!(t.closes.len(), 9);
        let merged: Vec<usize> = t.merges.iter().flat_map(|m| m.sources.clone()).collect();
        for (k, u) in t.units.iter().enumerate() {
            let ended = u.span == Span::UntilReorg;
            let gone = merged.contains(&k) || t.closes.contains(&k);
            assert_eq!(ended, gone, "{}", u.code);
        }
        // Two offices become one when two departments with an office merge.
        let offices = t
            .merges
            .iter()
            .filter(|m| m.decision == decisions::OFFICES)
            .count();
        assert_eq!(offices, 2);
        assert!(
            t.merges
                .iter()
                .filter(|m| m.decision == decisions::COMMUNES)
                .all(|m| matches!(m.into, Successor::New(_)))
        );
    }

    #[test]
    fn the_same_seed_builds_the_same_province() {
        let (a, b) = (tree(), tree());
        let names = |t: &Tree| t.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.staff.len(), b.staff.len());
    }
}
