//! The codes of the default measures and the consistency rules between them
//! (INDICATORS.md: "of `RECEIVED`, …").

/// Dossiers received in the month.
pub const RECEIVED: &str = "RECEIVED";
/// Of `RECEIVED`, submitted online.
pub const RECEIVED_ONLINE: &str = "RECEIVED_ONLINE";
/// Of `RECEIVED`, handled fully online.
pub const FULL_ONLINE: &str = "FULL_ONLINE";
/// Of `RECEIVED`, digitised.
pub const DIGITIZED: &str = "DIGITIZED";
/// Of `RECEIVED`, reused digitised data.
pub const REUSED: &str = "REUSED";
/// Of `RECEIVED`, with a fee.
pub const FEE_BEARING: &str = "FEE_BEARING";
/// Of `FEE_BEARING`, paid online.
pub const PAID_ONLINE: &str = "PAID_ONLINE";
/// Dossiers to be settled in the month.
pub const DUE: &str = "DUE";
/// Of `DUE`, on time.
pub const ON_TIME: &str = "ON_TIME";
/// Dossiers settled in the month.
pub const SETTLED: &str = "SETTLED";
/// Of `SETTLED`, with an electronic result.
pub const E_RESULT: &str = "E_RESULT";
/// Complaints and petitions received.
pub const FEEDBACK: &str = "FEEDBACK";
/// Of `FEEDBACK`, handled on time.
pub const FEEDBACK_ON_TIME: &str = "FEEDBACK_ON_TIME";

/// The 13 default measures, in form order.
pub const DEFAULT_MEASURES: [&str; 13] = [
    RECEIVED,
    RECEIVED_ONLINE,
    FULL_ONLINE,
    DIGITIZED,
    REUSED,
    FEE_BEARING,
    PAID_ONLINE,
    DUE,
    ON_TIME,
    SETTLED,
    E_RESULT,
    FEEDBACK,
    FEEDBACK_ON_TIME,
];

/// `(part, whole)`: the part may never exceed the whole in one unit and month.
pub const CONSISTENCY_RULES: [(&str, &str); 10] = [
    (RECEIVED_ONLINE, RECEIVED),
    (FULL_ONLINE, RECEIVED),
    (DIGITIZED, RECEIVED),
    (REUSED, RECEIVED),
    (FEE_BEARING, RECEIVED),
    (FULL_ONLINE, RECEIVED_ONLINE),
    (PAID_ONLINE, FEE_BEARING),
    (ON_TIME, DUE),
    (E_RESULT, SETTLED),
    (FEEDBACK_ON_TIME, FEEDBACK),
];
