//! Reading uploaded files of figures, targets and the portal's official figures (CSV or
//! XLSX) into checked rows, with every problem named by its row and column. Pure and
//! panic-free on any input (it is fuzzed); the server resolves codes, scope and workflow
//! afterwards.

pub mod archive;
pub mod cell;
pub mod figures;
pub mod header;
pub mod official;
pub mod problem;
#[cfg(test)]
mod shapes;
pub mod table;
pub mod targets;
pub mod text;
pub mod xlsx;

pub use archive::Archive;
pub use cell::{Cell, CellError};
pub use figures::{FigureCell, Figures, Layout, read_figures, read_staff_figures};
pub use official::{Official, OfficialRow, UnitRow, read_official};
pub use problem::{Problem, ProblemKind, ProblemReason, Problems};
pub use table::{Format, column_letter};
pub use targets::{TargetCell, Targets, read_targets};

/// The name of the sheet holding figures in templates and exports.
pub const FIGURES_SHEET: &str = "Số liệu";
/// The name of the sheet holding targets in templates.
pub const TARGETS_SHEET: &str = "Chỉ tiêu";
/// The name of the sheet holding the portal's official figures.
pub const OFFICIAL_SHEET: &str = "Số liệu chính thức";
/// The name of the instructions sheet of a template (never read as data).
pub const INSTRUCTIONS_SHEET: &str = "Hướng dẫn";
