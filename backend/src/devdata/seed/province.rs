//! The demo province's names: fifteen departments (Sở) with their divisions (Phòng), the
//! public administration service centre, nine districts with 148 communes and wards
//! generated from common place-name syllables, the 2025 reorganisation (departments merged,
//! communes merged about three into one), and staff names. Pure data, deterministic for a
//! seed.

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

/// What a district-level unit of the old three-level province is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistrictKind {
    /// Thành phố: a provincial city, mostly wards.
    ThanhPho,
    /// Thị xã: a town, half wards.
    ThiXa,
    /// Huyện: a rural district with its township.
    Huyen,
}

/// A district-level unit (closed on 01/07/2025): code, name, kind, how many communes.
pub struct DistrictSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: DistrictKind,
    pub communes: usize,
}

const fn district(
    code: &'static str,
    name: &'static str,
    kind: DistrictKind,
    communes: usize,
) -> DistrictSpec {
    DistrictSpec {
        code,
        name,
        kind,
        communes,
    }
}

/// The nine districts, towns and cities of the province before 01/07/2025: 148 communes.
pub const DISTRICTS: [DistrictSpec; 9] = [
    district("H01", "Huyện Tân Phước", DistrictKind::Huyen, 17),
    district("H02", "Thành phố Đông Hải", DistrictKind::ThanhPho, 18),
    district("H03", "Thị xã Phước Long", DistrictKind::ThiXa, 14),
    district("H04", "Huyện Châu Thành", DistrictKind::Huyen, 17),
    district("H05", "Huyện Long Điền", DistrictKind::Huyen, 16),
    district("H06", "Huyện Mỹ Xuyên", DistrictKind::Huyen, 16),
    district("H07", "Huyện Gia Lộc", DistrictKind::Huyen, 16),
    district("H08", "Huyện Thạnh Hóa", DistrictKind::Huyen, 17),
    district("H09", "Huyện Vĩnh Thuận", DistrictKind::Huyen, 17),
];

impl DistrictSpec {
    /// The name without its kind: "Huyện Tân Phước" → "Tân Phước".
    pub fn base(&self) -> &'static str {
        base_name(self.name)
    }

    /// How many wards, communes and townships it has.
    fn shape(&self) -> (usize, usize, usize) {
        match self.kind {
            DistrictKind::ThanhPho => (self.communes.saturating_sub(4), 4, 0),
            DistrictKind::ThiXa => (self.communes / 2, self.communes - self.communes / 2, 0),
            DistrictKind::Huyen => (0, self.communes.saturating_sub(1), 1),
        }
    }
}

/// The name of a place without its kind ("Xã An Phú" → "An Phú").
pub fn base_name(name: &str) -> &str {
    [
        "Thành phố ",
        "Thị xã ",
        "Huyện ",
        "Thị trấn ",
        "Phường ",
        "Xã ",
    ]
    .iter()
    .find_map(|p| name.strip_prefix(p))
    .unwrap_or(name)
}

/// The communes the browser tests and the README name, kept with their codes, and the
/// district (index into [`DISTRICTS`]) each belonged to.
const KNOWN_COMMUNES: [(&str, &str, usize); 6] = [
    ("XAP", "Xã An Phú", 0),
    ("XBH", "Xã Bình Hòa", 3),
    ("PTT", "Phường Tân Thành", 1),
    ("XLH", "Xã Long Hưng", 4),
    ("PHL", "Phường Hòa Lợi", 2),
    ("XMT", "Xã Mỹ Thạnh", 5),
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

impl CommuneKind {
    fn word(self) -> &'static str {
        match self {
            CommuneKind::Xa => "Xã",
            CommuneKind::Phuong => "Phường",
            CommuneKind::ThiTran => "Thị trấn",
        }
    }
}

/// A commune, ward or township.
#[derive(Debug, Clone)]
pub struct CommuneSpec {
    pub code: String,
    pub name: String,
    pub kind: CommuneKind,
    /// Its district (index into [`DISTRICTS`]); none for a commune of the two-level province.
    pub district: Option<usize>,
}

/// The 148 communes, wards and townships of the old province with unique codes and names,
/// district by district (wards, then communes, then the township; the known ones first).
pub fn communes(rng: &mut StdRng) -> Vec<CommuneSpec> {
    let mut pairs: Vec<(&str, &str)> = FIRST
        .iter()
        .flat_map(|a| SECOND.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a != b)
        .collect();
    pairs.shuffle(rng);
    let mut pairs = pairs.into_iter();
    // Known communes and districts keep their names; new communes will take the districts'.
    let mut used: std::collections::HashSet<String> = KNOWN_COMMUNES
        .iter()
        .map(|(_, n, _)| base_name(n).to_owned())
        .chain(DISTRICTS.iter().map(|d| d.base().to_owned()))
        .collect();
    let mut n = KNOWN_COMMUNES.len();
    let mut out = Vec::new();
    for (d, spec) in DISTRICTS.iter().enumerate() {
        let (wards, xa, townships) = spec.shape();
        let mut left = [
            (CommuneKind::Phuong, wards),
            (CommuneKind::Xa, xa),
            (CommuneKind::ThiTran, townships),
        ];
        let mut of_district = Vec::new();
        for (code, name, _) in KNOWN_COMMUNES.iter().filter(|k| k.2 == d) {
            let kind = if name.starts_with("Phường") {
                CommuneKind::Phuong
            } else {
                CommuneKind::Xa
            };
            if let Some(slot) = left.iter_mut().find(|(k, _)| *k == kind) {
                slot.1 = slot.1.saturating_sub(1);
            }
            of_district.push(CommuneSpec {
                code: (*code).to_owned(),
                name: (*name).to_owned(),
                kind,
                district: Some(d),
            });
        }
        for (kind, count) in left {
            let mut made = 0;
            while made < count {
                let Some((a, b)) = pairs.next() else {
                    break;
                };
                let base = format!("{a} {b}");
                if !used.insert(base.clone()) {
                    continue;
                }
                n += 1;
                made += 1;
                let prefix = match kind {
                    CommuneKind::Xa => "X",
                    CommuneKind::Phuong => "P",
                    CommuneKind::ThiTran => "TT",
                };
                of_district.push(CommuneSpec {
                    code: format!("{prefix}{n:03}"),
                    name: format!("{} {base}", kind.word()),
                    kind,
                    district: Some(d),
                });
            }
        }
        // Wards first, then communes, then the township.
        of_district.sort_by_key(|c| match c.kind {
            CommuneKind::Phuong => 0,
            CommuneKind::Xa => 1,
            CommuneKind::ThiTran => 2,
        });
        out.extend(of_district);
    }
    out
}

/// A commune or ward of the two-level province, made on 01/07/2025 by merging `members`
/// (indexes into the old communes).
#[derive(Debug, Clone)]
pub struct MergedCommune {
    pub code: String,
    pub name: String,
    pub members: Vec<usize>,
}

/// The communes of 01/07/2025: about three old ones into one, within a district and wards
/// with wards. A group with the township takes the district's name; the first ward group
/// of a city or town too; any other takes its first member's name ("Xã An Phú" stays).
/// Codes: XM01… for communes, PM01… for wards.
pub fn merged_communes(old: &[CommuneSpec]) -> Vec<MergedCommune> {
    let mut out = Vec::new();
    let (mut xa, mut wards) = (0, 0);
    for (d, spec) in DISTRICTS.iter().enumerate() {
        let of = |urban: bool| -> Vec<usize> {
            old.iter()
                .enumerate()
                .filter(|(_, c)| c.district == Some(d) && (c.kind == CommuneKind::Phuong) == urban)
                .map(|(i, _)| i)
                .collect()
        };
        for (urban, members) in [(true, of(true)), (false, of(false))] {
            for (g, group) in groups_of_about_three(&members).into_iter().enumerate() {
                let has_township = group.iter().any(|i| old[*i].kind == CommuneKind::ThiTran);
                let kind = if urban {
                    CommuneKind::Phuong
                } else {
                    CommuneKind::Xa
                };
                let base = if has_township || (urban && g == 0) {
                    spec.base()
                } else {
                    group
                        .first()
                        .map(|i| base_name(&old[*i].name))
                        .unwrap_or_else(|| spec.base())
                };
                let code = if urban {
                    wards += 1;
                    format!("PM{wards:02}")
                } else {
                    xa += 1;
                    format!("XM{xa:02}")
                };
                out.push(MergedCommune {
                    code,
                    name: format!("{} {base}", kind.word()),
                    members: group,
                });
            }
        }
    }
    out
}

/// `items` in groups of three, the last of two or four when they do not divide evenly.
fn groups_of_about_three(items: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = items.chunks(3).map(<[usize]>::to_vec).collect();
    if groups.len() > 1
        && groups.last().is_some_and(|g| g.len() == 1)
        && let Some(last) = groups.pop()
        && let Some(prev) = groups.last_mut()
    {
        prev.extend(last);
    }
    groups
}

/// Dossiers a year of a district's own People's Committee.
pub fn district_volume(rng: &mut StdRng, kind: DistrictKind) -> f64 {
    match kind {
        DistrictKind::ThanhPho => rng.random_range(15_000.0..20_000.0),
        DistrictKind::ThiXa => rng.random_range(9_000.0..14_000.0),
        DistrictKind::Huyen => rng.random_range(6_000.0..12_000.0),
    }
}

/// A department merge of 2025: the departments merged and what they merge into: an
/// existing department (by code) or a new one (code, name).
pub struct DepartmentMerge {
    pub sources: &'static [&'static str],
    pub into: MergeInto,
}

/// What departments merge into.
pub enum MergeInto {
    Existing(&'static str),
    New(&'static str, &'static str),
}

/// The departments merged as the provinces did in 2025.
pub const DEPARTMENT_MERGES: [DepartmentMerge; 5] = [
    DepartmentMerge {
        sources: &["SKHDT"],
        into: MergeInto::Existing("STC"),
    },
    DepartmentMerge {
        sources: &["SGTVT"],
        into: MergeInto::Existing("SXD"),
    },
    DepartmentMerge {
        sources: &["SLDTBXH"],
        into: MergeInto::Existing("SNV"),
    },
    DepartmentMerge {
        sources: &["STTTT"],
        into: MergeInto::Existing("SKHCN"),
    },
    DepartmentMerge {
        sources: &["STNMT", "SNNPTNT"],
        into: MergeInto::New("SNNMT", "Sở Nông nghiệp và Môi trường"),
    },
];

/// The decisions behind the 2025 reorganisation.
pub mod decisions {
    /// The Standing Committee's resolution on the province's communes.
    pub const COMMUNES: &str = "1656/NQ-UBTVQH15";
    /// The People's Council's resolution on the departments.
    pub const DEPARTMENTS: &str = "12/NQ-HĐND";
    /// The People's Committee's decision on the departments' offices.
    pub const OFFICES: &str = "1250/QĐ-UBND";
    /// The law that ended the district level.
    pub const DISTRICTS: &str = "72/2025/QH15";
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
    District,
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
        (Level::District, 0) => "Chủ tịch UBND huyện",
        (Level::District, 1) => "Chánh Văn phòng HĐND và UBND, cán bộ đầu mối",
        (Level::District, 2) => "Phó Chủ tịch UBND huyện",
        (Level::District, _) => "Chuyên viên Văn phòng HĐND và UBND",
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
        Level::District => rng.random_range(6..=9),
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
    fn every_old_commune_belongs_to_one_district_of_its_kind() {
        let mut rng = StdRng::seed_from_u64(1);
        let c = communes(&mut rng);
        for (d, spec) in DISTRICTS.iter().enumerate() {
            let of: Vec<_> = c.iter().filter(|c| c.district == Some(d)).collect();
            assert_eq!(of.len(), spec.communes, "{}", spec.name);
            let townships = of.iter().filter(|c| c.kind == CommuneKind::ThiTran).count();
            assert_eq!(townships, usize::from(spec.kind == DistrictKind::Huyen));
            let wards = of.iter().any(|c| c.kind == CommuneKind::Phuong);
            assert_eq!(wards, spec.kind != DistrictKind::Huyen, "{}", spec.name);
        }
    }

    #[test]
    fn communes_merge_about_three_into_one_within_a_district() {
        let mut rng = StdRng::seed_from_u64(7);
        let old = communes(&mut rng);
        let new = merged_communes(&old);
        assert!((45..=55).contains(&new.len()), "{} new communes", new.len());
        let mut seen: Vec<usize> = new.iter().flat_map(|n| n.members.clone()).collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..old.len()).collect::<Vec<_>>(),
            "each old one merged once"
        );
        for n in &new {
            assert!(
                (2..=4).contains(&n.members.len()),
                "{}: {:?}",
                n.name,
                n.members
            );
            let districts: std::collections::HashSet<_> =
                n.members.iter().map(|i| old[*i].district).collect();
            assert_eq!(districts.len(), 1, "{} stays within a district", n.name);
            let urban = n
                .members
                .iter()
                .all(|i| old[*i].kind == CommuneKind::Phuong);
            assert_eq!(urban, n.name.starts_with("Phường "), "{}", n.name);
            assert!(n.name.starts_with("Xã ") || n.name.starts_with("Phường "));
        }
        let names: std::collections::HashSet<_> = new.iter().map(|n| &n.name).collect();
        let codes: std::collections::HashSet<_> = new.iter().map(|n| &n.code).collect();
        assert_eq!((names.len(), codes.len()), (new.len(), new.len()));
        let an_phu = &new[0];
        assert_eq!(
            (an_phu.code.as_str(), an_phu.name.as_str()),
            ("XM01", "Xã An Phú")
        );
        assert_eq!(old[an_phu.members[0]].code, "XAP");
        assert!(
            new.iter().any(|n| n.name == "Xã Tân Phước"),
            "a township's group takes the district's name"
        );
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
