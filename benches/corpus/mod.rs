//! A deterministic corpus of Vietnamese administrative documents for the benchmarks.
//!
//! The same seed and size always give byte-identical files, so figures measured on two machines
//! (or before and after a change) compare the same work. The shape follows what task forces
//! publish (DOMAIN.md): decisions with "Điều", regulations with "Chương … Điều", plans with nested
//! numbered lists, reports with tables; `can_cu`, `lien_quan` and `thay_the` between documents of
//! one site; numbers unique per issuer and year. Nothing here may look like a citizen's personal
//! data (no 9- or 12-digit runs, no mobile numbers): the corpus must build without errors.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// SplitMix64: tiny, seedable and stable across platforms and crate versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

struct SiteSpec {
    code: &'static str,
    yaml: &'static str,
    /// Issuer part of the symbol (`QĐ-UBND`).
    issuer_abbr: &'static str,
    place: &'static str,
    communes: &'static [&'static str],
    /// Percent of the site's documents issued for one of its communes (`don_vi`).
    commune_share: u64,
}

const SITES: &[SiteSpec] = &[
    SiteSpec {
        code: "tinh-song-lam",
        issuer_abbr: "UBND",
        place: "Sông Lam",
        communes: &[],
        commune_share: 0,
        yaml: "ten: \"Tỉnh Sông Lam\"\ncap: tinh\ntinh: \"Sông Lam\"\nco_quan: \"UBND tỉnh Sông Lam\"\ndia_danh: \"Sông Lam\"\nbase_url: \"https://songlam.example.gov.vn/\"\nduong_day_nong: \"0238 3844 110\"\nco_quan_thuong_truc: \"Công an tỉnh Sông Lam\"\nto_cong_tac:\n  - ho_ten: \"Nguyễn Văn An\"\n    chuc_vu: \"Chủ tịch UBND tỉnh\"\n    vai_tro: to-truong\n  - ho_ten: \"Trần Thị Bình\"\n    chuc_vu: \"Giám đốc Công an tỉnh\"\n    vai_tro: to-pho-thuong-truc\n    dien_thoai: \"0912 000 111\"\n",
    },
    SiteSpec {
        code: "huyen-dong-giang",
        issuer_abbr: "UBND",
        place: "Đông Giang",
        communes: &["xa-a-ting", "xa-ba", "xa-song-kon"],
        commune_share: 30,
        yaml: "ten: \"Huyện Đông Giang\"\ncap: huyen\ntinh: \"Sông Lam\"\nco_quan: \"UBND huyện Đông Giang\"\ndia_danh: \"Đông Giang\"\nbase_url: \"https://donggiang.example.gov.vn/\"\nduong_day_nong: \"0235 3898 206\"\nco_quan_thuong_truc: \"Công an huyện Đông Giang\"\nto_cong_tac:\n  - ho_ten: \"Lê Văn Cường\"\n    chuc_vu: \"Chủ tịch UBND huyện\"\n    vai_tro: to-truong\n    dien_thoai: \"0905 123 456\"\ndon_vi:\n  - ma: xa-a-ting\n    ten: \"Xã A Ting\"\n    khu_dan_cu:\n      - ma: thon-1\n        ten: \"Thôn 1\"\n      - ma: thon-2\n        ten: \"Thôn 2\"\n  - ma: xa-ba\n    ten: \"Xã Ba\"\n    khu_dan_cu:\n      - ma: thon-ta-lang\n        ten: \"Thôn Tà Lang\"\n  - ma: xa-song-kon\n    ten: \"Xã Sông Kôn\"\n    khu_dan_cu:\n      - ma: thon-dong-son\n        ten: \"Thôn Đông Sơn\"\n",
    },
    SiteSpec {
        code: "xa-binh-minh",
        issuer_abbr: "UBND",
        place: "Bình Minh",
        communes: &[],
        commune_share: 0,
        yaml: "ten: \"Xã Bình Minh\"\ncap: xa\ntinh: \"Sông Lam\"\nco_quan: \"UBND xã Bình Minh\"\ndia_danh: \"Bình Minh\"\nbase_url: \"https://binhminh.example.gov.vn/\"\nduong_day_nong: \"0233 3851 234\"\nco_quan_thuong_truc: \"Công an xã Bình Minh\"\nkhu_dan_cu:\n  - ma: thon-1\n    ten: \"Thôn 1\"\n  - ma: thon-dong-tam\n    ten: \"Thôn Đông Tâm\"\n",
    },
    SiteSpec {
        code: "phuong-hoa-khanh",
        issuer_abbr: "TCTĐA06",
        place: "Hòa Khánh",
        communes: &[],
        commune_share: 0,
        yaml: "ten: \"Phường Hòa Khánh\"\ncap: xa\ntinh: \"Sông Lam\"\nco_quan: \"Tổ công tác Đề án 06 phường Hòa Khánh\"\ndia_danh: \"Hòa Khánh\"\nbase_url: \"https://hoakhanh.example.gov.vn/\"\nduong_day_nong: \"0236 3730 115\"\nco_quan_thuong_truc: \"Công an phường Hòa Khánh\"\nkhu_dan_cu:\n  - ma: to-dan-pho-5\n    ten: \"Tổ dân phố 5\"\n",
    },
];

/// (loai, abbreviation or "" for công văn, weight).
const TYPES: &[(&str, &str, usize)] = &[
    ("quyet-dinh", "QĐ", 16),
    ("ke-hoach", "KH", 16),
    ("bao-cao", "BC", 14),
    ("cong-van", "", 14),
    ("thong-bao", "TB", 10),
    ("huong-dan", "HD", 8),
    ("giay-moi", "GM", 6),
    ("chi-thi", "CT", 3),
    ("quy-che", "QC", 3),
    ("quy-dinh", "QyĐ", 2),
    ("chuong-trinh", "CTr", 2),
    ("phuong-an", "PA", 2),
    ("de-an", "ĐA", 1),
    ("bien-ban", "BB", 1),
    ("to-trinh", "TTr", 2),
];

const TOPICS: &[&str] = &[
    "triển khai Đề án 06 trên địa bàn",
    "cấp tài khoản định danh điện tử mức 2",
    "thu nhận hồ sơ cấp thẻ Căn cước",
    "làm sạch dữ liệu dân cư",
    "đẩy mạnh dịch vụ công trực tuyến toàn trình",
    "thanh toán không dùng tiền mặt trong chi trả an sinh xã hội",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "kiện toàn Tổ công tác cấp xã",
    "cao điểm tuyên truyền dịch vụ công thiết yếu",
    "bảo đảm an ninh, an toàn thông tin công dân",
    "tích hợp thẻ bảo hiểm y tế trên ứng dụng VNeID",
    "liên thông khai sinh, thường trú, bảo hiểm y tế cho trẻ dưới 6 tuổi",
];

const SENTENCES: &[&str] = &[
    "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động xây dựng kế hoạch thực hiện, bảo đảm đúng tiến độ và chất lượng.",
    "Công an cấp xã chủ trì, phối hợp với Ủy ban nhân dân cấp xã tổ chức thu nhận hồ sơ cấp tài khoản định danh điện tử cho công dân.",
    "Tăng cường tuyên truyền, hướng dẫn người dân sử dụng ứng dụng VNeID và Cổng Dịch vụ công quốc gia để thực hiện thủ tục hành chính.",
    "Rà soát, làm sạch dữ liệu dân cư bảo đảm đúng, đủ, sạch, sống; kịp thời cập nhật thông tin biến động.",
    "Bố trí cán bộ hỗ trợ người dân tại bộ phận một cửa, đặc biệt là người cao tuổi, người khuyết tật và đồng bào dân tộc thiểu số.",
    "Định kỳ hằng tháng báo cáo kết quả thực hiện về Tổ công tác trước ngày 18 để tổng hợp, báo cáo cấp trên.",
    "Thực hiện nghiêm quy định về bảo vệ dữ liệu cá nhân; không công khai danh sách công dân, số định danh cá nhân trên trang thông tin.",
    "Phối hợp với doanh nghiệp viễn thông chuẩn hóa thông tin thuê bao di động chính chủ.",
    "Tổ chức các đợt cao điểm thu nhận hồ sơ lưu động tại thôn, bản, tổ dân phố vào ngày nghỉ cuối tuần.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.",
    "Trong quá trình triển khai, nếu có khó khăn, vướng mắc, các đơn vị kịp thời phản ánh về cơ quan thường trực để được hướng dẫn.",
    "Đánh giá kết quả thực hiện là tiêu chí xét thi đua, khen thưởng của tập thể, cá nhân trong năm.",
    "Hướng dẫn người dân tra cứu tình trạng hồ sơ trực tuyến, nhận kết quả qua dịch vụ bưu chính công ích.",
    "Ứng dụng chữ ký số trong xử lý văn bản, hồ sơ công việc; tiếp tục số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực.",
    "Kiểm tra, đôn đốc việc thực hiện; kịp thời chấn chỉnh những tồn tại, hạn chế.",
    "Tuyên truyền trên hệ thống loa truyền thanh cơ sở, mạng xã hội và tại các buổi sinh hoạt cộng đồng dân cư.",
];

const HEADS: &[&str] = &[
    "MỤC ĐÍCH, YÊU CẦU",
    "NHIỆM VỤ, GIẢI PHÁP",
    "TỔ CHỨC THỰC HIỆN",
    "KẾT QUẢ THỰC HIỆN",
    "KHÓ KHĂN, VƯỚNG MẮC",
    "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "KIẾN NGHỊ, ĐỀ XUẤT",
];

const ARTICLES: &[&str] = &[
    "Phạm vi điều chỉnh",
    "Đối tượng áp dụng",
    "Nguyên tắc làm việc",
    "Nhiệm vụ, quyền hạn",
    "Chế độ thông tin, báo cáo",
    "Trách nhiệm của các thành viên",
    "Điều khoản thi hành",
];

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

const PEOPLE: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Giang",
];

/// One generated document before its body is written.
struct Meta {
    site: usize,
    kind: usize,
    year: i32,
    month: u32,
    day: u32,
    number: String,
    slug: String,
    topic: usize,
}

/// What was generated, for the bench report.
pub struct Summary {
    pub documents: usize,
    pub bytes: u64,
    pub min: usize,
    pub max: usize,
}

/// Writes a corpus of `n` documents under `root` (a fresh project: `content/`, no `niemyet.yaml`).
pub fn generate(root: &Path, n: usize, seed: u64) -> std::io::Result<Summary> {
    generate_sites(root, n, seed, SITES, &[0, 0, 1, 1, 1, 2, 2, 3])
}

/// A corpus of `n` documents in one province site since the 2025 reform: `communes` communes
/// (`don_vi`, two residential areas each), four documents in five issued for a commune.
pub fn generate_province(
    root: &Path,
    n: usize,
    communes: usize,
    seed: u64,
) -> std::io::Result<Summary> {
    let codes: Vec<&'static str> = (1..=communes)
        .map(|i| &*Box::leak(format!("xa-so-{i}").into_boxed_str()))
        .collect();
    let mut yaml = String::from(
        "ten: \"Tỉnh Sông Lam\"\ncap: tinh\ntinh: \"Sông Lam\"\nco_quan: \"UBND tỉnh Sông Lam\"\ndia_danh: \"Sông Lam\"\nbase_url: \"https://songlam.example.gov.vn/\"\nduong_day_nong: \"0238 3844 110\"\nco_quan_thuong_truc: \"Công an tỉnh Sông Lam\"\ndon_vi:\n",
    );
    for (i, code) in codes.iter().enumerate() {
        let _ = write!(
            yaml,
            "  - ma: {code}\n    ten: \"Xã Số {}\"\n    khu_dan_cu:\n      - ma: thon-1\n        ten: \"Thôn 1\"\n      - ma: thon-2\n        ten: \"Thôn 2\"\n",
            i + 1
        );
    }
    let spec = SiteSpec {
        code: "tinh-song-lam",
        issuer_abbr: "UBND",
        place: "Sông Lam",
        communes: Box::leak(codes.into_boxed_slice()),
        commune_share: 80,
        yaml: Box::leak(yaml.into_boxed_str()),
    };
    generate_sites(root, n, seed, std::slice::from_ref(&spec), &[0])
}

/// `n` documents spread over `sites` by drawing from `draw` (site indexes, repeated by weight).
fn generate_sites(
    root: &Path,
    n: usize,
    seed: u64,
    sites: &[SiteSpec],
    draw: &[usize],
) -> std::io::Result<Summary> {
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    let content = root.join("content");
    fs::create_dir_all(content.join("_chung/dich-vu"))?;
    for (name, text) in niemyet::render::templates::SHARED_GUIDES {
        fs::write(content.join("_chung/dich-vu").join(name), text)?;
    }
    for s in sites {
        fs::create_dir_all(content.join(s.code))?;
        fs::write(content.join(s.code).join("_site.yaml"), s.yaml)?;
    }
    let mut rng = Rng::new(seed);
    let total_weight: usize = TYPES.iter().map(|t| t.2).sum();
    // Phase 1: numbers, dates and slugs. Numbers restart every year for each issuer and type.
    let mut counters: BTreeMap<(usize, i32, usize), u32> = BTreeMap::new();
    let mut metas: Vec<Meta> = Vec::with_capacity(n);
    for i in 0..n {
        // Sites of unequal size, as in real provinces.
        let site = draw[rng.below(draw.len())];
        let mut w = rng.below(total_weight);
        let mut kind = 0;
        for (k, t) in TYPES.iter().enumerate() {
            if w < t.2 {
                kind = k;
                break;
            }
            w -= t.2;
        }
        let year = 2022 + rng.below(4) as i32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let c = counters.entry((site, year, kind)).or_insert(0);
        *c += 1 + rng.below(3) as u32;
        let (loai, abbr, _) = TYPES[kind];
        let issuer = sites[site].issuer_abbr;
        let number = if abbr.is_empty() {
            format!("{:02}/{issuer}-VP", c)
        } else {
            format!("{:02}/{abbr}-{issuer}", c)
        };
        // Digit runs stay short: a 9- or 12-digit run would look like an ID number (SPEC §9).
        let slug = format!("{loai}-{:02}-nam-{year}-ma-{i:05}", c);
        metas.push(Meta {
            site,
            kind,
            year,
            month,
            day,
            number,
            slug,
            topic: rng.below(TOPICS.len()),
        });
    }
    // Numbers that appear once in their site: safe targets for `thay_the` (a bare number).
    let mut number_count: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for m in &metas {
        *number_count.entry((m.site, m.number.as_str())).or_default() += 1;
    }
    let mut by_site: Vec<Vec<usize>> = vec![Vec::new(); sites.len()];
    let mut summary = Summary {
        documents: n,
        bytes: 0,
        min: usize::MAX,
        max: 0,
    };
    for i in 0..n {
        let m = &metas[i];
        let earlier = &by_site[m.site];
        let text = document(&mut rng, sites, &metas, i, earlier, &number_count);
        summary.bytes += text.len() as u64;
        summary.min = summary.min.min(text.len());
        summary.max = summary.max.max(text.len());
        let dir = content
            .join(sites[m.site].code)
            .join("van-ban")
            .join(m.year.to_string());
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(format!("{}.md", m.slug)), text)?;
        by_site[m.site].push(i);
    }
    Ok(summary)
}

fn date(m: &Meta) -> String {
    format!("{}-{:02}-{:02}", m.year, m.month, m.day)
}

fn document(
    rng: &mut Rng,
    sites: &[SiteSpec],
    metas: &[Meta],
    i: usize,
    earlier: &[usize],
    number_count: &BTreeMap<(usize, &str), usize>,
) -> String {
    let m = &metas[i];
    let site = &sites[m.site];
    let (loai, _, _) = TYPES[m.kind];
    let topic = TOPICS[m.topic];
    let mut s = String::with_capacity(8192);
    let _ = writeln!(
        s,
        "---\nloai: {loai}\nso_hieu: \"{}\"\nngay_ban_hanh: {}",
        m.number,
        date(m)
    );
    let title = match loai {
        "bao-cao" => format!("Báo cáo kết quả {topic} tháng {} năm {}", m.month, m.year),
        "giay-moi" => format!("Mời dự hội nghị về {topic}"),
        "cong-van" => format!("V/v {topic}"),
        _ => {
            let mut t = topic.to_string();
            if let Some(c) = t.get(..1) {
                t = c.to_uppercase() + &t[1..];
            }
            format!("{t} năm {}", m.year)
        }
    };
    let _ = writeln!(s, "trich_yeu: \"{title}\"");
    // Relations to earlier documents of the same site: dated, so never ambiguous.
    let mut cited: Vec<usize> = Vec::new();
    if !earlier.is_empty() {
        let k = rng.below(4);
        for _ in 0..k {
            let t = earlier[earlier.len() - 1 - rng.below(earlier.len().min(400))];
            // A legal basis is older than the document that cites it.
            let older = (metas[t].year, metas[t].month, metas[t].day) <= (m.year, m.month, m.day);
            if older && !cited.contains(&t) {
                cited.push(t);
            }
        }
    }
    s.push_str("can_cu:\n  - \"06/QĐ-TTg\"\n  - trich_yeu: \"Luật Căn cước năm 2023\"\n");
    for &t in cited.iter().take(2) {
        let _ = writeln!(
            s,
            "  - so_hieu: \"{}\"\n    ngay: {}",
            metas[t].number,
            date(&metas[t])
        );
    }
    if cited.len() > 2 {
        s.push_str("lien_quan:\n");
        for &t in &cited[2..] {
            let _ = writeln!(
                s,
                "  - so_hieu: \"{}\"\n    ngay: {}",
                metas[t].number,
                date(&metas[t])
            );
        }
    }
    if !earlier.is_empty() && rng.chance(3) {
        let t = earlier[rng.below(earlier.len())];
        if metas[t].kind == m.kind && number_count[&(m.site, metas[t].number.as_str())] == 1 {
            let _ = writeln!(s, "thay_the:\n  - \"{}\"", metas[t].number);
        }
    }
    if !site.communes.is_empty() && rng.chance(site.commune_share) {
        let _ = writeln!(s, "don_vi: {}", rng.pick(site.communes));
    }
    let _ = writeln!(
        s,
        "linh_vuc: [\"Đề án 06\", \"{}\"]",
        rng.pick(&[
            "Dịch vụ công",
            "Dữ liệu dân cư",
            "Định danh điện tử",
            "Tổ chức bộ máy"
        ])
    );
    let _ = writeln!(
        s,
        "nguoi_ky:\n  ho_ten: \"{}\"\n  chuc_vu: \"{}\"",
        rng.pick(PEOPLE),
        rng.pick(&["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TỔ TRƯỞNG"])
    );
    s.push_str(
        "noi_nhan:\n  - \"Như trên;\"\n  - \"Công an tỉnh (b/c);\"\n  - \"Lưu: VT.\"\n---\n\n",
    );
    // Body: about 6 KB on average, from 1 KB to 40 KB (log-normal).
    let target = (4500.0 * (0.6 * rng.normal()).exp()).clamp(1000.0, 40000.0) as usize;
    let _ = writeln!(s, "**{}**\n", site.place.to_uppercase());
    for &t in &cited {
        let _ = writeln!(
            s,
            "Căn cứ [văn bản số {}](/van-ban/{}/) ngày {:02} tháng {:02} năm {};\n",
            metas[t].number, metas[t].slug, metas[t].day, metas[t].month, metas[t].year
        );
    }
    let regulation = matches!(loai, "quy-che" | "quy-dinh" | "quyet-dinh" | "chi-thi");
    let mut section = 0;
    let mut article = 0;
    while s.len() < target {
        if regulation {
            if article % 3 == 0 {
                let _ = writeln!(
                    s,
                    "## Chương {}. {}\n",
                    ROMAN[section % ROMAN.len()],
                    HEADS[section % HEADS.len()]
                );
                section += 1;
            }
            article += 1;
            let _ = writeln!(s, "### Điều {article}. {}\n", rng.pick(ARTICLES));
        } else {
            let _ = writeln!(
                s,
                "## {}. {}\n",
                ROMAN[section % ROMAN.len()],
                HEADS[section % HEADS.len()]
            );
            section += 1;
        }
        match rng.below(5) {
            0 => {
                // A table of figures, as in monthly reports.
                s.push_str("| STT | Đơn vị | Hồ sơ tiếp nhận | Đã giải quyết | Tỷ lệ |\n| ---: | --- | ---: | ---: | ---: |\n");
                for r in 1..=(3 + rng.below(8)) {
                    let a = 50 + rng.below(900);
                    let b = a * (60 + rng.below(40)) / 100;
                    let _ = writeln!(
                        s,
                        "| {r} | {} | {a} | {b} | {},{}% |",
                        rng.pick(&[
                            "Thôn 1",
                            "Thôn 2",
                            "Tổ dân phố 5",
                            "Bộ phận một cửa",
                            "Công an xã"
                        ]),
                        b * 100 / a,
                        rng.below(10)
                    );
                }
                s.push('\n');
            }
            1 | 2 => {
                // Nested numbered lists.
                for a in 1..=(2 + rng.below(3)) {
                    let _ = writeln!(s, "{a}. {}", rng.pick(SENTENCES));
                    for b in ['a', 'b', 'c'].iter().take(rng.below(4)) {
                        let _ = writeln!(s, "   - {b}) {}", rng.pick(SENTENCES));
                    }
                }
                s.push('\n');
            }
            _ => {
                for _ in 0..(2 + rng.below(4)) {
                    let sentence: &&str = rng.pick(SENTENCES);
                    s.push_str(sentence);
                    s.push(' ');
                }
                if rng.chance(20) {
                    s.push_str("Xem hướng dẫn [đăng ký tạm trú](/dich-vu/dang-ky-tam-tru/) trên trang này.");
                }
                s.push_str("\n\n");
            }
        }
    }
    let _ = writeln!(s, "{}./.", rng.pick(SENTENCES));
    s
}
