//! The Vietnamese words the exports use for the product's enums and periods, and the
//! ASCII form of a file name.

use shared::{
    Grain, Handling, IndicatorKind, Period, PeriodKind, ReportStatus, TrackStatus, UnitKind,
    ViolationKind,
};

/// A unit kind.
pub fn unit_kind(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Province => "Tỉnh",
        UnitKind::Department => "Sở, ban, ngành",
        UnitKind::District => "Huyện",
        UnitKind::Commune => "Xã, phường",
        UnitKind::Division => "Phòng, đơn vị trực thuộc",
        UnitKind::Center => "Trung tâm",
        UnitKind::Other => "Khác",
    }
}

/// A tracking status.
pub fn track_status(s: TrackStatus) -> &'static str {
    match s {
        TrackStatus::OnTrack => "Đạt tiến độ",
        TrackStatus::AtRisk => "Có nguy cơ chậm",
        TrackStatus::OffTrack => "Chậm tiến độ",
        TrackStatus::NoData => "Chưa có số liệu",
    }
}

/// A monthly report's state.
pub fn report_status(s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Draft => "Nháp",
        ReportStatus::Submitted => "Đã gửi",
        ReportStatus::Approved => "Đã duyệt",
        ReportStatus::Rejected => "Bị trả lại",
    }
}

/// A kind of violation.
pub fn violation_kind(k: ViolationKind) -> &'static str {
    match k {
        ViolationKind::Delay => "Chậm trễ",
        ViolationKind::Harassment => "Nhũng nhiễu, gây phiền hà",
        ViolationKind::ExtraDocuments => "Yêu cầu thêm giấy tờ ngoài quy định",
        ViolationKind::NegativeConduct => "Tiêu cực",
        ViolationKind::Other => "Khác",
    }
}

/// How a violation was handled.
pub fn handling(h: Handling) -> &'static str {
    match h {
        Handling::None => "Chưa xử lý",
        Handling::Reminder => "Nhắc nhở",
        Handling::Reprimand => "Khiển trách",
        Handling::Warning => "Cảnh cáo",
        Handling::Discipline => "Kỷ luật",
    }
}

/// A roadmap's grain (none: no roadmap).
pub fn grain(g: Option<Grain>) -> &'static str {
    match g {
        Some(Grain::Month) => "Theo tháng",
        Some(Grain::Quarter) => "Theo quý",
        None => "Chưa phân kỳ",
    }
}

/// The group of an indicator (INDICATORS.md), or its code when it is not a default group.
pub fn indicator_group(code: &str) -> &str {
    match code {
        "DIGITIZATION" => "Số hóa",
        "FULL_ONLINE" => "Trực tuyến toàn trình",
        "ONLINE_PAYMENT" => "Thanh toán trực tuyến",
        "SETTLEMENT" => "Kết quả giải quyết",
        other => other,
    }
}

/// The unit an indicator is measured in.
pub fn unit_of_measure(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Rate => "%",
        IndicatorKind::Count => "hồ sơ",
    }
}

/// `Tháng 6/2023`, `Quý 2/2023`, `Lũy kế đến tháng 6/2023`, `Năm 2023`.
pub fn period(p: &Period) -> String {
    let y = p.year();
    match p.kind() {
        PeriodKind::Month => format!("Tháng {}/{y}", p.last_month()),
        PeriodKind::Quarter => format!("Quý {}/{y}", p.last_month() / 3),
        PeriodKind::Ytd => format!("Lũy kế đến tháng {}/{y}", p.last_month()),
        PeriodKind::Year => format!("Năm {y}"),
    }
}

/// The file name in ASCII: Vietnamese letters without their marks, anything else but
/// letters, digits, dots and dashes as a dash.
pub fn ascii_file_name(name: &str) -> String {
    const GROUPS: [(&str, char); 12] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
    ];
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let mapped = match c {
            'đ' => 'd',
            'Đ' => 'D',
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' => c,
            c => GROUPS
                .iter()
                .find(|(set, _)| set.contains(c))
                .map_or('-', |(_, a)| *a),
        };
        if !(mapped == '-' && out.ends_with('-')) {
            out.push(mapped);
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_marks_but_stay_readable() {
        assert_eq!(
            ascii_file_name("Báo cáo Xã An Phú năm 2023"),
            "Bao-cao-Xa-An-Phu-nam-2023"
        );
        assert_eq!(
            ascii_file_name("Quyết định 55/QĐ-UBND"),
            "Quyet-dinh-55-QD-UBND"
        );
    }

    #[test]
    fn periods_read_as_in_the_ui() {
        let p = Period::ytd(2023, 6).unwrap();
        assert_eq!(period(&p), "Lũy kế đến tháng 6/2023");
        let q = Period::new(2023, PeriodKind::Quarter, Some(2)).unwrap();
        assert_eq!(period(&q), "Quý 2/2023");
    }
}
