//! The demo province's names: fifteen departments (Sở) with their divisions (Phòng), the
//! public administration service centre, 148 communes and wards generated from common
//! place-name syllables, and staff names. Pure data, deterministic for a seed.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// A department: code, name, dossiers a year, divisions.
pub struct DepartmentSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub yearly: f64,
    pub divisions: &'static [&'static str],
}

/// The fifteen departments of the province.
pub const DEPARTMENTS: [DepartmentSpec; 15] = [
    DepartmentSpec {
        code: "STP",
        name: "Sở Tư pháp",
        yearly: 24_000.0,
        divisions: &[
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
            "Văn phòng Sở",
        ],
    },
    DepartmentSpec {
        code: "SXD",
        name: "Sở Xây dựng",
        yearly: 2_600.0,
        divisions: &[
            "Phòng Quản lý xây dựng",
            "Phòng Phát triển đô thị",
            "Văn phòng Sở",
        ],
    },
    DepartmentSpec {
        code: "STNMT",
        name: "Sở Tài nguyên và Môi trường",
        yearly: 16_000.0,
        divisions: &["Phòng Đất đai", "Văn phòng Đăng ký đất đai", "Văn phòng Sở"],
    },
    DepartmentSpec {
        code: "SKHDT",
        name: "Sở Kế hoạch và Đầu tư",
        yearly: 12_500.0,
        divisions: &["Phòng Đăng ký kinh doanh", "Phòng Tổng hợp", "Văn phòng Sở"],
    },
    DepartmentSpec {
        code: "SNV",
        name: "Sở Nội vụ",
        yearly: 350.0,
        divisions: &["Phòng Tổ chức, biên chế", "Phòng Cải cách hành chính"],
    },
    DepartmentSpec {
        code: "STC",
        name: "Sở Tài chính",
        yearly: 60.0,
        divisions: &[
            "Phòng Quản lý giá và công sản",
            "Phòng Tài chính doanh nghiệp",
        ],
    },
    DepartmentSpec {
        code: "SCT",
        name: "Sở Công Thương",
        yearly: 6_200.0,
        divisions: &[
            "Phòng Quản lý thương mại",
            "Phòng Quản lý năng lượng",
            "Phòng Kỹ thuật an toàn - Môi trường",
        ],
    },
    DepartmentSpec {
        code: "SNNPTNT",
        name: "Sở Nông nghiệp và Phát triển nông thôn",
        yearly: 3_100.0,
        divisions: &[
            "Chi cục Trồng trọt và Bảo vệ thực vật",
            "Chi cục Chăn nuôi và Thú y",
            "Chi cục Thủy lợi",
            "Văn phòng Sở",
        ],
    },
    DepartmentSpec {
        code: "SGTVT",
        name: "Sở Giao thông vận tải",
        yearly: 80_000.0,
        divisions: &[
            "Phòng Quản lý vận tải, phương tiện và người lái",
            "Phòng Quản lý kết cấu hạ tầng giao thông",
            "Văn phòng Sở",
        ],
    },
    DepartmentSpec {
        code: "STTTT",
        name: "Sở Thông tin và Truyền thông",
        yearly: 420.0,
        divisions: &[
            "Phòng Bưu chính, Viễn thông",
            "Phòng Thông tin - Báo chí - Xuất bản",
        ],
    },
    DepartmentSpec {
        code: "SLDTBXH",
        name: "Sở Lao động - Thương binh và Xã hội",
        yearly: 5_400.0,
        divisions: &[
            "Phòng Lao động - Việc làm",
            "Phòng Người có công",
            "Phòng Bảo trợ xã hội",
        ],
    },
    DepartmentSpec {
        code: "SVHTTDL",
        name: "Sở Văn hóa, Thể thao và Du lịch",
        yearly: 850.0,
        divisions: &[
            "Phòng Quản lý văn hóa",
            "Phòng Quản lý du lịch",
            "Phòng Quản lý thể dục thể thao",
        ],
    },
    DepartmentSpec {
        code: "SKHCN",
        name: "Sở Khoa học và Công nghệ",
        yearly: 160.0,
        divisions: &[
            "Phòng Quản lý khoa học",
            "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        ],
    },
    DepartmentSpec {
        code: "SGDDT",
        name: "Sở Giáo dục và Đào tạo",
        yearly: 4_200.0,
        divisions: &[
            "Phòng Giáo dục trung học",
            "Phòng Quản lý chất lượng",
            "Văn phòng Sở",
        ],
    },
    DepartmentSpec {
        code: "SYT",
        name: "Sở Y tế",
        yearly: 7_300.0,
        divisions: &[
            "Phòng Nghiệp vụ Y",
            "Phòng Nghiệp vụ Dược",
            "Chi cục An toàn vệ sinh thực phẩm",
            "Văn phòng Sở",
        ],
    },
];

/// The public administration service centre.
pub const CENTRE: (&str, &str) = ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh");

/// The communes the browser tests and the README name, kept with their codes.
const KNOWN_COMMUNES: [(&str, &str); 6] = [
    ("XAP", "Xã An Phú"),
    ("XBH", "Xã Bình Hòa"),
    ("PTT", "Phường Tân Thành"),
    ("XLH", "Xã Long Hưng"),
    ("PHL", "Phường Hòa Lợi"),
    ("XMT", "Xã Mỹ Thạnh"),
];

const FIRST: [&str; 30] = [
    "An", "Bình", "Hòa", "Tân", "Long", "Phú", "Mỹ", "Thạnh", "Vĩnh", "Phước", "Hưng", "Thới",
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thuận", "Hiệp", "Lộc", "Khánh", "Phong", "Quang",
    "Thành", "Hải", "Sơn", "Xuân", "Đức", "Nhơn", "Gia",
];
const SECOND: [&str; 24] = [
    "An", "Bình", "Hòa", "Lợi", "Phú", "Thạnh", "Hưng", "Lộc", "Thành", "Tân", "Phước", "Long",
    "Định", "Điền", "Hội", "Khánh", "Thuận", "Trung", "Đông", "Tây", "Thới", "Hiệp", "Nghĩa", "Mỹ",
];

/// What a commune-level unit is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommuneKind {
    /// Xã: rural.
    Xa,
    /// Phường: urban ward.
    Phuong,
    /// Thị trấn: township.
    ThiTran,
}

/// A commune, ward or township.
#[derive(Debug, Clone)]
pub struct CommuneSpec {
    pub code: String,
    pub name: String,
    pub kind: CommuneKind,
}

/// 148 communes, wards and townships with unique codes and names: the six known ones first.
pub fn communes(rng: &mut StdRng) -> Vec<CommuneSpec> {
    let mut out: Vec<CommuneSpec> = KNOWN_COMMUNES
        .iter()
        .map(|(code, name)| CommuneSpec {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            kind: if name.starts_with("Phường") {
                CommuneKind::Phuong
            } else {
                CommuneKind::Xa
            },
        })
        .collect();
    let mut pairs: Vec<(&str, &str)> = FIRST
        .iter()
        .flat_map(|a| SECOND.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a != b)
        .collect();
    pairs.shuffle(rng);
    let mut used: std::collections::HashSet<String> = KNOWN_COMMUNES
        .iter()
        .map(|(_, n)| n.split_once(' ').map(|x| x.1).unwrap_or(n).to_owned())
        .collect();
    let mut n = out.len();
    for (a, b) in pairs {
        if out.len() >= 148 {
            break;
        }
        let base = format!("{a} {b}");
        if !used.insert(base.clone()) {
            continue;
        }
        n += 1;
        let (kind, prefix, word) = match n % 19 {
            3 | 11 => (CommuneKind::Phuong, "P", "Phường"),
            7 => (CommuneKind::ThiTran, "TT", "Thị trấn"),
            _ => (CommuneKind::Xa, "X", "Xã"),
        };
        out.push(CommuneSpec {
            code: format!("{prefix}{n:03}"),
            name: format!("{word} {base}"),
            kind,
        });
    }
    out
}

/// Dossiers a year of a commune of this kind.
pub fn commune_volume(rng: &mut StdRng, kind: CommuneKind) -> f64 {
    match kind {
        CommuneKind::Xa => rng.random_range(900.0..4_200.0),
        CommuneKind::Phuong => rng.random_range(3_000.0..8_000.0),
        CommuneKind::ThiTran => rng.random_range(2_500.0..6_000.0),
    }
}

const FAMILY: [&str; 16] = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ",
    "Phan", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE_M: [&str; 8] = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Xuân"];
const MIDDLE_F: [&str; 8] = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng"];
const GIVEN_M: [&str; 20] = [
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Khoa", "Long", "Nam", "Phong", "Quang", "Sơn",
    "Tâm", "Thắng", "Tuấn", "Việt", "Vinh", "Trung", "Huy", "Khánh",
];
const GIVEN_F: [&str; 20] = [
    "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân",
    "Nhung", "Phương", "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Hằng",
];

/// A Vietnamese full name.
pub fn person_name(rng: &mut StdRng) -> String {
    let pick = |rng: &mut StdRng, list: &[&'static str]| list[rng.random_range(0..list.len())];
    let family = pick(rng, &FAMILY);
    if rng.random_bool(0.5) {
        format!("{family} {} {}", pick(rng, &MIDDLE_M), pick(rng, &GIVEN_M))
    } else {
        format!("{family} {} {}", pick(rng, &MIDDLE_F), pick(rng, &GIVEN_F))
    }
}

/// Where a unit sits, for the titles of its staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Department,
    Division,
    Centre,
    Commune,
}

/// The position of the `k`-th staff member of a unit (0 is the head, 1 the focal point).
pub fn position(level: Level, k: usize) -> &'static str {
    match (level, k) {
        (Level::Department, 0) => "Giám đốc Sở",
        (Level::Department, 1) => "Chánh Văn phòng, cán bộ đầu mối",
        (Level::Department, 2) => "Phó Giám đốc Sở",
        (Level::Division, 0) => "Trưởng phòng",
        (Level::Division, 1) => "Chuyên viên, cán bộ đầu mối",
        (Level::Division, 2) => "Phó Trưởng phòng",
        (Level::Centre, 0) => "Giám đốc Trung tâm",
        (Level::Centre, 1) => "Cán bộ đầu mối",
        (Level::Centre, 2) => "Phó Giám đốc Trung tâm",
        (Level::Centre, _) => "Công chức tiếp nhận và trả kết quả",
        (Level::Commune, 0) => "Chủ tịch UBND",
        (Level::Commune, 1) => "Công chức Văn phòng - Thống kê, cán bộ đầu mối",
        (Level::Commune, 2) => "Phó Chủ tịch UBND",
        (Level::Commune, 3) => "Công chức Tư pháp - Hộ tịch",
        (Level::Commune, 4) => "Công chức Địa chính - Xây dựng",
        (Level::Commune, 5) => "Công chức Văn hóa - Xã hội",
        (Level::Commune, _) => "Công chức Tài chính - Kế toán",
        (Level::Department | Level::Division, _) => "Chuyên viên",
    }
}

/// How many staff a unit has.
pub fn headcount(rng: &mut StdRng, level: Level) -> usize {
    match level {
        Level::Department => rng.random_range(4..=7),
        Level::Division => rng.random_range(5..=9),
        Level::Centre => 48,
        Level::Commune => rng.random_range(6..=8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn there_are_148_communes_with_unique_codes_and_names() {
        let mut rng = StdRng::seed_from_u64(1);
        let c = communes(&mut rng);
        assert_eq!(c.len(), 148);
        let codes: std::collections::HashSet<_> = c.iter().map(|c| &c.code).collect();
        let names: std::collections::HashSet<_> = c.iter().map(|c| &c.name).collect();
        assert_eq!((codes.len(), names.len()), (148, 148));
        assert_eq!(c[0].code, "XAP");
        assert!(c.iter().all(|c| c.name.starts_with("Xã ")
            || c.name.starts_with("Phường ")
            || c.name.starts_with("Thị trấn ")));
        assert!(c.iter().any(|c| c.kind == CommuneKind::ThiTran));
    }

    #[test]
    fn every_department_has_two_to_four_divisions() {
        assert!(
            DEPARTMENTS
                .iter()
                .all(|d| (2..=4).contains(&d.divisions.len()))
        );
    }
}
