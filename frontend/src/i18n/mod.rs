//! Every text of the UI, in Vietnamese (first) and English, keyed by [`Key`]. The macro
//! builds both tables from one list, so a key without a translation does not compile; the
//! list is written in parts by area (`personal`, `accounts`, `words`, `shell`, `cycle`, `work`, `imports`,
//! `reorg`, `explain`, `follow`, `review`), chained into one.
//! Texts with `{0}`, `{1}` … are filled by [`fill`].

use shared::{
    Grain, Handling, PeriodKind, ReportStatus, Role, ScoringRule, SplitMethod, TrackStatus,
    UnitKind, ViolationKind,
};

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Tiếng Việt (default).
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, also stored in `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

macro_rules! texts {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// A text of the UI.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        /// Every key, for the completeness test.
        #[cfg(test)]
        pub const ALL_KEYS: &[Key] = &[$(Key::$key),*];

        fn vi(key: Key) -> &'static str {
            match key { $(Key::$key => $vi),* }
        }

        fn en(key: Key) -> &'static str {
            match key { $(Key::$key => $en),* }
        }
    };
}

#[macro_use]
mod review;
#[macro_use]
mod follow;
#[macro_use]
mod explain;
#[macro_use]
mod reorg;
#[macro_use]
mod imports;
#[macro_use]
mod work;
#[macro_use]
mod cycle;
#[macro_use]
mod shell;
#[macro_use]
mod words;
#[macro_use]
mod accounts;
#[macro_use]
mod personal;

personal_texts! {}

impl Key {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        }
    }
}

/// Replaces `{0}`, `{1}` … in `template` by `args`, in one pass: an argument is never
/// searched for placeholders itself (it may be a file's text, `{1}` included). A
/// placeholder without an argument stays as it is.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let index: usize = after[..close].parse().ok()?;
            Some((args.get(index)?, close))
        });
        match arg {
            Some((a, close)) => {
                out.push_str(a);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name of an indicator group of the catalogue, when it is a known one.
pub fn indicator_group(code: &str) -> Option<Key> {
    match code {
        "DIGITIZATION" => Some(Key::GroupDigitization),
        "FULL_ONLINE" => Some(Key::GroupFullOnline),
        "ONLINE_PAYMENT" => Some(Key::GroupOnlinePayment),
        "SETTLEMENT" => Some(Key::GroupSettlement),
        _ => None,
    }
}

/// The key of a track status, long form.
pub fn track_status(s: TrackStatus) -> Key {
    match s {
        TrackStatus::OnTrack => Key::StatusOnTrack,
        TrackStatus::AtRisk => Key::StatusAtRisk,
        TrackStatus::OffTrack => Key::StatusOffTrack,
        TrackStatus::NoData => Key::StatusNoData,
    }
}

/// The key of a track status, short form for table cells.
pub fn track_status_short(s: TrackStatus) -> Key {
    match s {
        TrackStatus::OnTrack => Key::ShortOnTrack,
        TrackStatus::AtRisk => Key::ShortAtRisk,
        TrackStatus::OffTrack => Key::ShortOffTrack,
        TrackStatus::NoData => Key::ShortNoData,
    }
}

/// The key of a report status.
pub fn report_status(s: ReportStatus) -> Key {
    match s {
        ReportStatus::Draft => Key::ReportDraft,
        ReportStatus::Submitted => Key::ReportSubmitted,
        ReportStatus::Approved => Key::ReportApproved,
        ReportStatus::Rejected => Key::ReportRejected,
    }
}

/// The key of a role.
pub fn role(r: Role) -> Key {
    match r {
        Role::Admin => Key::RoleAdmin,
        Role::Manager => Key::RoleManager,
        Role::Officer => Key::RoleOfficer,
        Role::Viewer => Key::RoleViewer,
    }
}

/// The key of a unit kind.
pub fn unit_kind(k: UnitKind) -> Key {
    match k {
        UnitKind::Province => Key::KindProvince,
        UnitKind::Department => Key::KindDepartment,
        UnitKind::District => Key::KindDistrict,
        UnitKind::Commune => Key::KindCommune,
        UnitKind::Division => Key::KindDivision,
        UnitKind::Center => Key::KindCenter,
        UnitKind::Other => Key::KindOther,
    }
}

/// The key of a period kind.
pub fn period_kind(k: PeriodKind) -> Key {
    match k {
        PeriodKind::Month => Key::PeriodMonth,
        PeriodKind::Quarter => Key::PeriodQuarter,
        PeriodKind::Ytd => Key::PeriodYtd,
        PeriodKind::Year => Key::PeriodYear,
    }
}

/// The key of a violation kind.
pub fn violation_kind(k: ViolationKind) -> Key {
    match k {
        ViolationKind::Delay => Key::VkDelay,
        ViolationKind::Harassment => Key::VkHarassment,
        ViolationKind::ExtraDocuments => Key::VkExtraDocuments,
        ViolationKind::NegativeConduct => Key::VkNegativeConduct,
        ViolationKind::Other => Key::VkOther,
    }
}

/// The key of a handling.
pub fn handling(h: Handling) -> Key {
    match h {
        Handling::None => Key::HNone,
        Handling::Reminder => Key::HReminder,
        Handling::Reprimand => Key::HReprimand,
        Handling::Warning => Key::HWarning,
        Handling::Discipline => Key::HDiscipline,
    }
}

/// The key of a split method.
pub fn split_method(m: SplitMethod) -> Key {
    match m {
        SplitMethod::Linear => Key::MethodLinear,
        SplitMethod::Seasonal => Key::MethodSeasonal,
        SplitMethod::Manual => Key::MethodManual,
    }
}

/// The key of a grain.
pub fn grain(g: Grain) -> Key {
    match g {
        Grain::Month => Key::GrainMonth,
        Grain::Quarter => Key::GrainQuarter,
    }
}

pub fn scoring_rule(r: ScoringRule) -> Key {
    match r {
        ScoringRule::Target => Key::RuleTarget,
        ScoringRule::Proportional => Key::RuleProportional,
        ScoringRule::Threshold => Key::RuleThreshold,
    }
}

/// The key of a reorganisation's kind.
pub fn reorg_kind(k: shared::ReorgKind) -> Key {
    use shared::ReorgKind;
    match k {
        ReorgKind::Merge => Key::ReorgMerge,
        ReorgKind::Move => Key::ReorgMove,
        ReorgKind::Rename => Key::ReorgRename,
        ReorgKind::Close => Key::ReorgClose,
    }
}

/// A period in words: `Tháng 12/2023`, `Quý 4/2023`, `Năm 2023`.
pub fn period_label(lang: Lang, year: i32, kind: PeriodKind, index: Option<u32>) -> String {
    let key = match kind {
        PeriodKind::Month => Key::PeriodLabelMonth,
        PeriodKind::Quarter => Key::PeriodLabelQuarter,
        PeriodKind::Ytd => Key::PeriodLabelYtd,
        PeriodKind::Year => Key::PeriodLabelYear,
    };
    let idx = index.map(|i| i.to_string()).unwrap_or_default();
    fill(key.text(lang), &[&idx, &year.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_text_in_both_languages() {
        for k in ALL_KEYS {
            assert!(!k.text(Lang::Vi).is_empty(), "{k:?} vi");
            assert!(!k.text(Lang::En).is_empty(), "{k:?} en");
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(fill("{0} ({1}) > {2}", &["A", "1", "B"]), "A (1) > B");
        assert_eq!(fill("{1} {0} {1}", &["a", "b"]), "b a b");
        assert_eq!(fill("«{0}» ở cột {1}", &["{1}", "E"]), "«{1}» ở cột E");
        assert_eq!(fill("{0} {5} {x} {", &["a"]), "a {5} {x} {");
        assert_eq!(
            period_label(Lang::Vi, 2023, PeriodKind::Quarter, Some(4)),
            "Quý 4/2023"
        );
        assert_eq!(
            period_label(Lang::En, 2023, PeriodKind::Year, None),
            "Year 2023"
        );
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for k in ALL_KEYS {
            for i in 0..6 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    k.text(Lang::Vi).contains(&p),
                    k.text(Lang::En).contains(&p),
                    "{k:?} {p}"
                );
            }
        }
    }
}
