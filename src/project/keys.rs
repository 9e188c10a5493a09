//! The keys of every YAML map niemyet reads (SPEC §3, §4, §5, §7, §9), as data: name, whether
//! required, the shape of the value and a Vietnamese description.
//!
//! The loader (`Fields`) takes its list of known keys from these tables, and `niemyet schema`
//! writes its JSON Schemas from the very same tables, so an editor can never offer a key that
//! `check` refuses or miss one that it accepts. A key added to a file format is added here, once.
//! Nothing here reads files.

use crate::words::{Channel, DocKind, Level, Role, Word};

/// How a value must look.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// One line of text (any YAML scalar is read as its text).
    Text,
    /// Text matching a regular expression (written for both Rust and ECMA-262 engines).
    Pattern(&'static str),
    /// `YYYY-MM-DD`.
    Date,
    /// `true` or `false`.
    Bool,
    /// A whole number from 1.
    Integer,
    /// One of a closed set of keys (key, Vietnamese label).
    OneOf(fn() -> Vec<(&'static str, &'static str)>),
    /// A list of texts; one text alone counts as a list of one.
    Texts,
    /// A list of texts that each match a regular expression; one alone counts as a list of one.
    PatternList(&'static str),
    /// A list of keys from a closed set; one alone counts as a list of one.
    OneOfList(fn() -> Vec<(&'static str, &'static str)>),
    /// A nested map.
    Map(&'static Table),
    /// A list of maps.
    MapList(&'static Table),
    /// A list whose items are a number (`"06/QĐ-TTg"`) or a map of `table`.
    References(&'static Table),
    /// A map from site codes (slugs) to texts matching a pattern (`xuat_ban`: site → address).
    SiteMap(&'static str),
}

#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    /// Required in every map of this kind (conditional requirements are stated in `Table::rules`).
    pub required: bool,
    pub shape: Shape,
    /// Vietnamese, one or two sentences, shown by editors on hover.
    pub description: &'static str,
}

/// A requirement that depends on other keys (the schema writes it as `if`/`then`).
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// `keys` are required unless `ban_nhap: true` or `ban_hanh_kem_theo` is given (SPEC §3).
    RequiredUnlessDraftOrIssuedWith(&'static [&'static str]),
    /// At least one of `keys` is given.
    AnyOf(&'static [&'static str]),
    /// The type abbreviation that opens the symbol of `so_hieu` is the one of `loai` (Decree
    /// 30/2020; a `cong-van` has none): `text::number::check_type_matches`.
    NumberMatchesKind,
    /// A district lists its areas inside its communes (`don_vi`), never directly (`khu_dan_cu`);
    /// only a district lists `don_vi` (`validate::areas`).
    LevelLists,
}

#[derive(Debug)]
pub struct Table {
    /// What the map describes, for messages and the schema title: "văn bản", "đơn vị"...
    pub what: &'static str,
    pub keys: &'static [Key],
    pub rules: &'static [Rule],
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }
}

/// `so_hieu` as Decree 30/2020 prints it (`text::number::parse_so_hieu` is the full rule and
/// explains each problem): a number with a leading zero below 10 and none above, an optional
/// four-digit year, a symbol of capitals, Đ and digits joined by `-`, where only the segments that
/// Decree 30 writes in mixed case (`QyĐ`, `CTr`, `TTr`, `TTg`, `TTh`) have small letters.
pub const SO_HIEU: &str = r"^(0[1-9]|[1-9][0-9]+)(/[0-9]{4})?/([A-ZĐ0-9]+|QyĐ|CTr|TTr|TTg|TTh)(-([A-ZĐ0-9]+|QyĐ|CTr|TTr|TTg|TTh))*$";
/// `YYYY-MM-DD` with a month 01–12 and a day 01–31 (`text::date` also knows each month's length).
pub const DATE: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
pub const SLUG: &str = r"^[a-z0-9]+(-[a-z0-9]+)*$";
/// `base_url`: https, an ASCII host, an optional port and a plain path.
pub const BASE_URL: &str = r"^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$";
pub const HTTPS: &str = r"^https://";
/// A `kem_theo` path (`validate::attachment`): inside `tep/` (a leading `./` allowed), no empty,
/// `.` or `..` segment, no `\`, none of the characters that break a download address.
pub const ATTACHMENT: &str = r#"^(\./)*tep(/(?!\.\.?(/|$))[^/\\#?%"'<>`|*:;{}^\[\]]+)+$"#;
/// A phone number as offices write it: digits with spaces, dots, hyphens, parentheses, an
/// optional leading `+` (`0234 3871 206`, `(0234) 3.871.206`, `+84 912 000 101`); two numbers may
/// be joined by `/` or `,`. Words ("miễn phí", "anh Ba") belong in another field.
pub const PHONE: &str = r"^[+(]?[0-9][0-9 .()/,+-]*[0-9]$";

/// True when `s` matches `PHONE` (the loader's side of the same rule).
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix(['+', '(']).unwrap_or(s);
    body.len() >= 2
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " .()/,+-".contains(c))
}

/// Keys of free text whose value is still a code or a number (`so_hieu` of a reference, the
/// numbers of `thay_the`, a commune code): a pasted Word quote breaks them like a pattern's.
const CODE_TEXT_KEYS: &[&str] = &[
    "so_hieu",
    "ban_hanh_kem_theo",
    "thay_the",
    "sua_doi",
    "don_vi",
    "trang",
    "dich",
    "chuyen_den",
];

impl Key {
    /// True when the value is a code, a number, a date or an address rather than prose: Word's
    /// typographic quotes in it are an error, not a style (SPEC §9, Word habits).
    pub fn is_code(&self) -> bool {
        match self.shape {
            Shape::Text | Shape::Texts => CODE_TEXT_KEYS.contains(&self.name),
            Shape::Map(_) | Shape::MapList(_) | Shape::References(_) | Shape::SiteMap(_) => false,
            _ => true,
        }
    }
}

const fn key(name: &'static str, shape: Shape, description: &'static str) -> Key {
    Key {
        name,
        required: false,
        shape,
        description,
    }
}

const fn required(name: &'static str, shape: Shape, description: &'static str) -> Key {
    Key {
        name,
        required: true,
        shape,
        description,
    }
}

// ---- Documents (SPEC §3) --------------------------------------------------------------------

pub static SIGNER: Table = Table {
    what: "người ký",
    keys: &[
        required(
            "ho_ten",
            Shape::Text,
            "Họ và tên người ký, ví dụ \"Nguyễn Văn An\".",
        ),
        required(
            "chuc_vu",
            Shape::Texts,
            "Chức vụ, một dòng hoặc danh sách các dòng, ví dụ [TỔ TRƯỞNG, CHỦ TỊCH UBND XÃ].",
        ),
        key(
            "tham_quyen",
            Shape::Pattern(r"^(TM|KT|TL|TUQ|Q)\. .+"),
            "Thẩm quyền ký: TM., KT., TL., TUQ. hoặc Q. rồi đến chức danh, ví dụ \"KT. CHỦ TỊCH\".",
        ),
    ],
    rules: &[],
};

pub static REFERENCE: Table = Table {
    what: "văn bản được dẫn",
    keys: &[
        key(
            "so_hieu",
            Shape::Text,
            "Số hiệu của văn bản được dẫn, ví dụ \"06/QĐ-TTg\".",
        ),
        key(
            "ngay",
            Shape::Date,
            "Ngày ban hành của văn bản được dẫn (NĂM-THÁNG-NGÀY), để chỉ rõ khi số trùng.",
        ),
        key("co_quan", Shape::Text, "Cơ quan ban hành văn bản được dẫn."),
        key(
            "trich_yeu",
            Shape::Text,
            "Trích yếu, hoặc tên của văn bản dẫn theo tên (một luật).",
        ),
    ],
    rules: &[Rule::AnyOf(&["so_hieu", "trich_yeu"])],
};

pub static VALIDITY: Table = Table {
    what: "hiệu lực",
    keys: &[
        key(
            "tu_ngay",
            Shape::Date,
            "Ngày bắt đầu có hiệu lực (NĂM-THÁNG-NGÀY).",
        ),
        key(
            "den_ngay",
            Shape::Date,
            "Ngày hết hiệu lực (NĂM-THÁNG-NGÀY).",
        ),
    ],
    rules: &[],
};

pub static DOCUMENT: Table = Table {
    what: "văn bản",
    keys: &[
        required(
            "loai",
            Shape::OneOf(DocKind::choices),
            "Loại văn bản theo Nghị định 30/2020.",
        ),
        key(
            "so_hieu",
            Shape::Pattern(SO_HIEU),
            "Số và ký hiệu đúng như bản giấy, trong ngoặc kép, ví dụ \"290/QĐ-UBND\"; số dưới 10 có số 0 đứng đầu. Bắt buộc, trừ bản nháp và văn bản ban hành kèm theo.",
        ),
        key(
            "ngay_ban_hanh",
            Shape::Date,
            "Ngày ban hành, dạng NĂM-THÁNG-NGÀY, ví dụ 2022-04-15. Bắt buộc, trừ bản nháp và văn bản ban hành kèm theo.",
        ),
        key(
            "ban_hanh_kem_theo",
            Shape::Text,
            "Số hiệu của quyết định ban hành văn bản này (quy chế, quy định kèm theo quyết định); văn bản lấy số và ngày của quyết định đó.",
        ),
        required(
            "trich_yeu",
            Shape::Text,
            "Trích yếu: dòng tóm tắt nội dung, dùng làm tiêu đề trang.",
        ),
        key(
            "co_quan_ban_hanh",
            Shape::Text,
            "Cơ quan ban hành, ví dụ \"UBND huyện Nam Đông\" (mặc định: `co_quan` của đơn vị).",
        ),
        key(
            "co_quan_chu_quan",
            Shape::Text,
            "Cơ quan chủ quản, dòng trên tên cơ quan ban hành.",
        ),
        key(
            "dia_danh",
            Shape::Text,
            "Địa danh ở dòng ngày tháng (mặc định: `dia_danh` của đơn vị).",
        ),
        key(
            "kinh_gui",
            Shape::Texts,
            "Nơi \"Kính gửi\" của công văn, giấy mời: danh sách.",
        ),
        key(
            "nguoi_ky",
            Shape::Map(&SIGNER),
            "Người ký: {ho_ten, chuc_vu, tham_quyen?}.",
        ),
        key(
            "can_cu",
            Shape::References(&REFERENCE),
            "Căn cứ: danh sách số hiệu (\"06/QĐ-TTg\") hoặc {so_hieu?, ngay?, co_quan?, trich_yeu?}.",
        ),
        key(
            "lien_quan",
            Shape::References(&REFERENCE),
            "Văn bản liên quan, cùng dạng như `can_cu`.",
        ),
        key(
            "thay_the",
            Shape::Texts,
            "Số hiệu các văn bản mà văn bản này thay thế.",
        ),
        key(
            "sua_doi",
            Shape::Texts,
            "Số hiệu các văn bản mà văn bản này sửa đổi, bổ sung.",
        ),
        key(
            "hieu_luc",
            Shape::Map(&VALIDITY),
            "Hiệu lực: {tu_ngay, den_ngay}; trạng thái trên trang được tính từ đây.",
        ),
        key("noi_nhan", Shape::Texts, "Nơi nhận: danh sách."),
        key(
            "kem_theo",
            Shape::PatternList(ATTACHMENT),
            "Tệp đính kèm: danh sách đường dẫn trong `tep/` của đơn vị, ví dụ tep/2024/phu-luc.pdf.",
        ),
        key(
            "don_vi",
            Shape::Text,
            "Mã xã mà văn bản thuộc về, khi đơn vị là huyện (mã khai trong `don_vi` của _site.yaml).",
        ),
        key(
            "linh_vuc",
            Shape::Texts,
            "Lĩnh vực (thẻ chủ đề): danh sách.",
        ),
        key(
            "duong_dan",
            Shape::Pattern(SLUG),
            "Đường dẫn trang đặt tay khi đường dẫn lấy từ tên tệp bị trùng: chữ thường không dấu nối bằng -.",
        ),
        key(
            "ban_nhap",
            Shape::Bool,
            "true: bản nháp, không bao giờ công bố (trừ `build --drafts`).",
        ),
    ],
    rules: &[Rule::RequiredUnlessDraftOrIssuedWith(&[
        "so_hieu",
        "ngay_ban_hanh",
    ])],
};

// ---- Service guides (SPEC §4) ----------------------------------------------------------------

pub static GUIDE: Table = Table {
    what: "hướng dẫn dịch vụ",
    keys: &[
        required(
            "ten",
            Shape::Text,
            "Tên thủ tục, ví dụ \"Đăng ký tạm trú\".",
        ),
        key(
            "stt",
            Shape::Integer,
            "Số thứ tự trong danh mục dịch vụ công thiết yếu.",
        ),
        key(
            "co_quan",
            Shape::Text,
            "Cơ quan chịu trách nhiệm giải quyết.",
        ),
        key(
            "kenh",
            Shape::OneOfList(Channel::choices),
            "Kênh thực hiện: danh sách gồm dichvucong, vneid, truc-tiep.",
        ),
        key(
            "lien_ket",
            Shape::Pattern(HTTPS),
            "Địa chỉ chính thức https:// của dịch vụ (thường trên dichvucong.gov.vn).",
        ),
        key(
            "dieu_kien",
            Shape::Texts,
            "Người dân cần chuẩn bị gì: danh sách.",
        ),
    ],
    rules: &[],
};

// ---- The unit, `_site.yaml` (SPEC §5) ----------------------------------------------------------

pub static MEMBER: Table = Table {
    what: "thành viên Tổ công tác",
    keys: &[
        required("ho_ten", Shape::Text, "Họ và tên."),
        required(
            "chuc_vu",
            Shape::Text,
            "Chức vụ chính quyền, đoàn thể, ví dụ \"Chủ tịch UBND xã\".",
        ),
        required(
            "vai_tro",
            Shape::OneOf(Role::choices),
            "Vai trò trong Tổ công tác.",
        ),
        key(
            "dien_thoai",
            Shape::Pattern(PHONE),
            "Số điện thoại công vụ, trong ngoặc kép, ví dụ \"0234 3871 206\".",
        ),
    ],
    rules: &[],
};

pub static CONTACT: Table = Table {
    what: "người liên hệ",
    keys: &[
        required(
            "ho_ten",
            Shape::Text,
            "Họ và tên người liên hệ của khu dân cư.",
        ),
        key("chuc_vu", Shape::Text, "Chức vụ, ví dụ \"Trưởng thôn\"."),
        key(
            "dien_thoai",
            Shape::Pattern(PHONE),
            "Số điện thoại, trong ngoặc kép; được phép đăng vì đã khai ở đây.",
        ),
    ],
    rules: &[],
};

pub static AREA: Table = Table {
    what: "khu dân cư",
    keys: &[
        required(
            "ma",
            Shape::Pattern(SLUG),
            "Mã khu dân cư (thôn, tổ dân phố): chữ thường không dấu nối bằng -, ví dụ thon-2; dùng trong địa chỉ trang và mã QR.",
        ),
        required("ten", Shape::Text, "Tên khu dân cư, ví dụ \"Thôn 2\"."),
        key(
            "lien_he",
            Shape::MapList(&CONTACT),
            "Người liên hệ: danh sách {ho_ten, chuc_vu, dien_thoai}.",
        ),
    ],
    rules: &[],
};

pub static COMMUNE: Table = Table {
    what: "xã (don_vi)",
    keys: &[
        required(
            "ma",
            Shape::Pattern(SLUG),
            "Mã xã: chữ thường không dấu nối bằng -, ví dụ huong-phu.",
        ),
        required("ten", Shape::Text, "Tên xã, ví dụ \"Xã Hương Phú\"."),
        key(
            "trang",
            Shape::Pattern(SLUG),
            "Trang riêng của xã trong cùng dự án: mã đơn vị (tên thư mục trong content/), ví dụ binh-an; trang của tỉnh, huyện liên kết tới đó.",
        ),
        key(
            "khu_dan_cu",
            Shape::MapList(&AREA),
            "Các khu dân cư của xã.",
        ),
    ],
    rules: &[],
};

pub static SITE: Table = Table {
    what: "đơn vị (_site.yaml)",
    keys: &[
        required("ten", Shape::Text, "Tên đơn vị, ví dụ \"Xã Bình An\"."),
        required(
            "cap",
            Shape::OneOf(Level::choices),
            "Cấp: tinh, huyen hoặc xa (phường, thị trấn, đặc khu là xa).",
        ),
        required("tinh", Shape::Text, "Tên tỉnh, ví dụ \"Quảng Trị\"."),
        key(
            "huyen",
            Shape::Text,
            "Huyện của một xã (trước cải cách 2025).",
        ),
        key(
            "co_quan",
            Shape::Text,
            "Cơ quan ban hành mặc định của văn bản, ví dụ \"UBND xã Bình An\".",
        ),
        key(
            "dia_danh",
            Shape::Text,
            "Địa danh mặc định ở dòng ngày tháng.",
        ),
        required(
            "base_url",
            Shape::Pattern(BASE_URL),
            "Địa chỉ https:// nơi trang được công bố; mã QR in ra trỏ về đây.",
        ),
        required(
            "duong_day_nong",
            Shape::Pattern(PHONE),
            "Số đường dây nóng của Tổ công tác, trong ngoặc kép.",
        ),
        key(
            "co_quan_thuong_truc",
            Shape::Text,
            "Cơ quan thường trực (công an cấp đó).",
        ),
        key(
            "to_cong_tac",
            Shape::MapList(&MEMBER),
            "Danh sách Tổ công tác (hoặc tệp to-cong-tac.csv, không cả hai).",
        ),
        key(
            "don_vi",
            Shape::MapList(&COMMUNE),
            "Các xã trực thuộc (trang cấp huyện, tỉnh).",
        ),
        key(
            "khu_dan_cu",
            Shape::MapList(&AREA),
            "Các khu dân cư của xã (trang cấp xã; hoặc tệp khu-dan-cu.csv).",
        ),
        key(
            "dich_vu_tren_poster",
            Shape::Texts,
            "Tên các hướng dẫn dịch vụ (tên tệp trong dich-vu/ không có .md) in trên áp phích, theo thứ tự.",
        ),
    ],
    rules: &[Rule::LevelLists],
};

// ---- The same lists as CSV saved from Excel (SPEC §5, §9) -------------------------------------

/// A CSV column: its key and the Vietnamese headings a clerk types in Excel for it. A heading
/// matches when it folds (case, diacritics, spaces: `text::slug::fold_label`) to the key's or a
/// label's fold, so `HỌ VÀ TÊN`, `Họ và tên` and `ho_ten` are one column.
#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    /// The first label is the one messages show.
    pub labels: &'static [&'static str],
    /// A file without an optional column reads its cells as empty.
    pub required: bool,
}

const fn column(key: &'static str, labels: &'static [&'static str]) -> Column {
    Column {
        key,
        labels,
        required: true,
    }
}

const fn optional(key: &'static str, labels: &'static [&'static str]) -> Column {
    Column {
        key,
        labels,
        required: false,
    }
}

/// `to-cong-tac.csv`: the roster, one member a row (`to_cong_tac` of `MEMBER`).
pub static ROSTER_COLUMNS: &[Column] = &[
    column("ho_ten", &["Họ và tên", "Họ tên"]),
    column("chuc_vu", &["Chức vụ"]),
    column("vai_tro", &["Vai trò"]),
    optional("dien_thoai", &["Điện thoại", "Số điện thoại", "SĐT"]),
];

/// `khu-dan-cu.csv`: areas, one contact a row (`khu_dan_cu` of `AREA`, `lien_he` of `CONTACT`).
pub static AREA_COLUMNS: &[Column] = &[
    optional("don_vi", &["Đơn vị", "Mã đơn vị", "Mã xã"]),
    column("ma", &["Mã", "Mã khu dân cư", "Mã khu"]),
    column(
        "ten",
        &[
            "Tên",
            "Tên khu dân cư",
            "Khu dân cư",
            "Tên khu",
            "Tên thôn, tổ dân phố",
        ],
    ),
    optional(
        "lien_he_ho_ten",
        &[
            "Người liên hệ",
            "Họ và tên",
            "Họ tên",
            "Họ tên người liên hệ",
            "Họ và tên người liên hệ",
        ],
    ),
    optional("lien_he_chuc_vu", &["Chức vụ", "Chức vụ người liên hệ"]),
    optional(
        "lien_he_dien_thoai",
        &[
            "Điện thoại",
            "Số điện thoại",
            "SĐT",
            "Điện thoại liên hệ",
            "Số điện thoại liên hệ",
        ],
    ),
];

/// Headings Excel lists carry that hold nothing niemyet reads: the row number (`STT`).
pub const IGNORED_COLUMNS: &[&str] = &["STT", "Số thứ tự", "TT"];

// ---- The QR ledger `_ma-qr.yaml` (SPEC §7) and `niemyet.yaml` (SPEC §9) ----------------------------

pub static LEDGER_ENTRY: Table = Table {
    what: "sổ mã QR",
    keys: &[
        required(
            "ma",
            Shape::Pattern(r"^[2-9A-HJKMNP-Z]{1,6}$"),
            "Mã đã in (tối đa 6 ký tự, không có chữ dễ nhầm). Do `niemyet posters` ghi: đừng sửa.",
        ),
        required(
            "dich",
            Shape::Text,
            "Trang mà mã trỏ tới khi in, ví dụ /khu-dan-cu/thon-2/.",
        ),
        key("in_lan_dau", Shape::Date, "Ngày mã được in lần đầu."),
        key(
            "chuyen_den",
            Shape::Text,
            "Trang mới của mã khi trang cũ không còn (khu dân cư đổi tên, sáp nhập).",
        ),
        key("ghi_chu", Shape::Text, "Ghi chú của người quản lý sổ."),
    ],
    rules: &[],
};

pub static PROJECT: Table = Table {
    what: "cài đặt dự án (niemyet.yaml)",
    keys: &[
        key(
            "giao_dien",
            Shape::Pattern(SLUG),
            "Tên giao diện: thư mục trong themes/; bỏ trống để dùng giao diện mặc định.",
        ),
        key(
            "xuat_ban",
            Shape::SiteMap(PUBLISH_TARGET),
            "Nơi đăng từng đơn vị (xem HUONG-DAN.md): mã đơn vị → s3://…, sftp://… hoặc ftps://…; không ghi mật khẩu vào đây.",
        ),
    ],
    rules: &[],
};

/// An address `niemyet publish` can upload to (the checks of `publish::target` say why not).
pub const PUBLISH_TARGET: &str = "^(s3|sftp|ftps)://[^\\s]+$";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_named_once_and_described() {
        let tables = [
            &DOCUMENT,
            &SIGNER,
            &REFERENCE,
            &VALIDITY,
            &GUIDE,
            &SITE,
            &MEMBER,
            &CONTACT,
            &AREA,
            &COMMUNE,
            &LEDGER_ENTRY,
            &PROJECT,
        ];
        for t in tables {
            let mut names = std::collections::BTreeSet::new();
            for k in t.keys {
                assert!(names.insert(k.name), "{}: {} twice", t.what, k.name);
                assert!(
                    k.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{}: keys are ASCII without diacritics",
                    k.name
                );
                assert!(k.description.ends_with('.'), "{}: {}", t.what, k.name);
            }
        }
    }

    #[test]
    fn phone_rule_agrees_with_its_pattern_on_samples() {
        for ok in [
            "0234 3871 206",
            "(0234) 3.871.206",
            "+84 912 000 101",
            "1800-1096",
            "113",
            "0234 3871 206 / 0912 000 101",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "0",
            "số 0912",
            "0912 000 101 (anh Ba)",
            "+",
            "0912 000 101.",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
