//! Types shared by the server and the browser: ids, enums, periods, error codes, the codes
//! of import problems and the consistency rules of monthly figures. Everything here compiles
//! to wasm; async-graphql derives exist only behind the `graphql` feature.

#[macro_use]
mod wire_enum;

pub mod english_names;
pub mod error_code;
pub mod ids;
pub mod import_limits;
pub mod import_problem;
pub mod kinds;
pub mod measures;
pub mod period;
pub mod role;
#[cfg(feature = "sheets")]
pub mod sheets;
pub mod validation;

pub use error_code::ErrorCode;
pub use import_problem::{ProblemKind, ProblemReason};
pub use kinds::*;
pub use period::{Period, PeriodError};
pub use role::Role;
