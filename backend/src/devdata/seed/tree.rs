//! The demo province in memory before it is written: every unit with its parent, the
//! dossiers it receives a year and its quality, and its staff, with ids given up front so
//! that everything can be written in bulk.

use super::province::{
    self, CENTRE, CommuneKind, DEPARTMENTS, Level, commune_volume, headcount, person_name,
};
use rand::Rng;
use rand::rngs::StdRng;
use shared::UnitKind;

/// A unit to write.
#[derive(Debug, Clone)]
pub struct DemoUnit {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: i32,
    pub level: Level,
    /// Dossiers it receives itself in a year.
    pub yearly: f64,
    /// Its 2023 quality level (0–1).
    pub quality: f64,
}

/// A staff member to write.
#[derive(Debug, Clone)]
pub struct DemoStaff {
    pub id: i32,
    pub unit_id: i32,
    pub full_name: String,
    pub position: String,
    pub is_head: bool,
}

/// The whole province below its root.
#[derive(Debug, Clone)]
pub struct Tree {
    pub units: Vec<DemoUnit>,
    pub staff: Vec<DemoStaff>,
}

impl Tree {
    /// The unit with `code`.
    pub fn unit(&self, code: &str) -> Option<&DemoUnit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// The staff of a unit, head first.
    pub fn staff_of(&self, unit: i32) -> impl Iterator<Item = &DemoStaff> {
        self.staff.iter().filter(move |s| s.unit_id == unit)
    }
}

/// Builds the province under `root`, numbering new units from `unit_id` and staff from
/// `staff_id`.
pub fn build(rng: &mut StdRng, root: i32, unit_id: i32, staff_id: i32) -> Tree {
    let mut b = Builder {
        next_id: unit_id,
        units: Vec::new(),
    };
    b.departments(rng, root);
    let centre = (CENTRE.0.to_owned(), CENTRE.1.to_owned());
    b.add(
        root,
        Level::Centre,
        UnitKind::Center,
        centre,
        (9_000.0, 0.93),
    );
    b.communes(rng, root);
    let staff = staff(rng, &b.units, staff_id);
    Tree {
        units: b.units,
        staff,
    }
}

/// The units so far and the next id.
struct Builder {
    next_id: i32,
    units: Vec<DemoUnit>,
}

impl Builder {
    /// Adds a unit receiving `yearly` dossiers at `quality` (kept within 0.3–0.99).
    fn add(
        &mut self,
        parent: i32,
        level: Level,
        kind: UnitKind,
        (code, name): (String, String),
        (yearly, quality): (f64, f64),
    ) -> i32 {
        let id = self.next_id;
        self.next_id += 1;
        self.units.push(DemoUnit {
            id,
            code,
            name,
            kind,
            parent,
            level,
            yearly,
            quality: quality.clamp(0.3, 0.99),
        });
        id
    }

    /// The departments, each with its divisions sharing three quarters of its dossiers.
    fn departments(&mut self, rng: &mut StdRng, root: i32) {
        for d in &DEPARTMENTS {
            let quality = match d.code {
                // Two departments lag behind the others.
                "SXD" | "STC" => rng.random_range(0.5..0.6),
                _ => rng.random_range(0.82..1.0),
            };
            let names = (d.code.to_owned(), d.name.to_owned());
            let dep = self.add(
                root,
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
                self.add(dep, Level::Division, UnitKind::Division, names, size);
            }
        }
    }

    /// The communes and wards; one in thirteen lags behind.
    fn communes(&mut self, rng: &mut StdRng, root: i32) {
        for (i, c) in province::communes(rng).into_iter().enumerate() {
            let laggard = i % 13 == 4;
            let quality = if laggard {
                rng.random_range(0.45..0.58)
            } else if c.kind == CommuneKind::Phuong {
                rng.random_range(0.86..1.0)
            } else {
                rng.random_range(0.78..1.0)
            };
            let yearly = commune_volume(rng, c.kind);
            self.add(
                root,
                Level::Commune,
                UnitKind::Commune,
                (c.code, c.name),
                (yearly, quality),
            );
        }
    }
}

/// The staff of every unit, head first, numbered from `staff_id`.
fn staff(rng: &mut StdRng, units: &[DemoUnit], mut staff_id: i32) -> Vec<DemoStaff> {
    let mut staff = Vec::new();
    for u in units {
        for k in 0..headcount(rng, u.level) {
            staff.push(DemoStaff {
                id: staff_id,
                unit_id: u.id,
                full_name: person_name(rng),
                position: province::position(u.level, k).to_owned(),
                is_head: k == 0,
            });
            staff_id += 1;
        }
    }
    staff
}
