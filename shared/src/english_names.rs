//! The English names of the preset catalogues' measures and indicators (INDICATORS.md and
//! QD766.md), by code: what set-up stores beside the Vietnamese names and what the migration
//! that added English names filled in for an existing catalogue. A code keeps one meaning in
//! both presets, so one English name serves both.

/// `(code, English name)` of every preset measure.
pub const MEASURE_NAMES_EN: &[(&str, &str)] = &[
    ("RECEIVED", "Dossiers received"),
    ("RECEIVED_ONLINE", "Dossiers submitted online"),
    ("FULL_ONLINE", "Dossiers handled fully online"),
    ("DIGITIZED", "Digitised dossiers"),
    ("REUSED", "Dossiers reusing digitised data"),
    ("FEE_BEARING", "Dossiers with fees"),
    ("PAID_ONLINE", "Dossiers paid online"),
    ("DUE", "Dossiers due for settlement"),
    ("ON_TIME", "Dossiers on time"),
    ("SETTLED", "Dossiers settled"),
    ("E_RESULT", "Dossiers with an electronic result"),
    ("FEEDBACK", "Complaints and petitions"),
    (
        "FEEDBACK_ON_TIME",
        "Complaints and petitions handled on time",
    ),
    ("TTHC_PUBLISH_DUE", "Procedures due for publication"),
    ("TTHC_PUBLISHED_ON_TIME", "Procedures published on time"),
    (
        "TTHC_UPDATE_DUE",
        "Procedures due for update on the national database",
    ),
    ("TTHC_UPDATED_ON_TIME", "Procedures updated on time"),
    ("TTHC_PUBLISHED", "Procedures published in the period"),
    ("TTHC_PUBLISHED_COMPLETE", "Procedures published in full"),
    (
        "DOSSIERS_TRACKED",
        "Dossiers received, in progress or settled in the period",
    ),
    (
        "DOSSIERS_SYNCED",
        "Dossiers synchronised on time with the national portal",
    ),
    (
        "FULL_ONLINE_ELIGIBLE",
        "Dossiers of procedures eligible for full online service",
    ),
    ("COMMUNES_IN_SCOPE", "Communes in scope"),
    (
        "COMMUNES_E_CERTIFY",
        "Communes certifying electronic copies",
    ),
    (
        "REUSE_ELIGIBLE",
        "Dossiers of procedures with parts replaceable by data",
    ),
    (
        "STORE_ELIGIBLE",
        "Dossiers of procedures fully replaceable by data",
    ),
    ("STORE_SYNCED", "Digitised dossiers shared for reuse"),
    (
        "CITIZEN_DATA_ELIGIBLE",
        "Dossiers of procedures that can use population data",
    ),
    ("CITIZEN_DATA_USED", "Dossiers using population data"),
    (
        "TTHC_CITIZEN_ELIGIBLE",
        "Procedures that can connect to population data",
    ),
    (
        "TTHC_CITIZEN_CONNECTED",
        "Procedures connected to population data",
    ),
    ("FEEDBACK_HANDLED", "Complaints and petitions handled"),
    (
        "FEEDBACK_SATISFIED",
        "Complaints and petitions handled without dissatisfaction",
    ),
    ("DOSSIERS_HANDLED", "Dossiers received and settled"),
    ("DOSSIERS_SATISFIED", "Dossiers without dissatisfaction"),
];

/// `(code, English name)` of every preset indicator.
pub const INDICATOR_NAMES_EN: &[(&str, &str)] = &[
    ("DIGITIZATION_RATE", "Digitisation rate"),
    ("E_RESULT_RATE", "Electronic result rate"),
    ("REUSE_RATE", "Digitised data reuse rate"),
    ("FULL_ONLINE_RATE", "Fully online rate"),
    ("ONLINE_SUBMISSION_RATE", "Online submission rate"),
    ("ONLINE_PAYMENT_RATE", "Online payment rate"),
    ("ON_TIME_RATE", "On-time settlement rate"),
    ("FEEDBACK_ON_TIME_RATE", "Complaints handled on time rate"),
    ("PUBLISH_ON_TIME_RATE", "Procedures published on time rate"),
    ("UPDATE_ON_TIME_RATE", "Procedures updated on time rate"),
    ("CONTENT_COMPLETE_RATE", "Complete publication rate"),
    ("DOSSIER_SYNC_RATE", "Dossier synchronisation rate"),
    ("E_CERTIFY_RATE", "Electronic certification rate"),
    ("DATA_STORE_RATE", "Shared data store rate"),
    (
        "CITIZEN_DATA_DOSSIER_RATE",
        "Dossiers using population data rate",
    ),
    (
        "CITIZEN_DATA_TTHC_RATE",
        "Procedures connected to population data rate",
    ),
    ("FEEDBACK_SATISFACTION_RATE", "Complaint satisfaction rate"),
    ("DOSSIER_SATISFACTION_RATE", "Dossier satisfaction rate"),
];

fn find(list: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    list.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The English name of the preset measure `code`, if it is one.
pub fn measure_name_en(code: &str) -> Option<&'static str> {
    find(MEASURE_NAMES_EN, code)
}

/// The English name of the preset indicator `code`, if it is one.
pub fn indicator_name_en(code: &str) -> Option<&'static str> {
    find(INDICATOR_NAMES_EN, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_measure_has_an_english_name_and_codes_are_listed_once() {
        for code in crate::measures::DEFAULT_MEASURES {
            assert!(measure_name_en(code).is_some(), "{code}");
        }
        for list in [MEASURE_NAMES_EN, INDICATOR_NAMES_EN] {
            for (i, (code, _)) in list.iter().enumerate() {
                assert!(!list[..i].iter().any(|(c, _)| c == code), "{code} twice");
            }
        }
    }
}
