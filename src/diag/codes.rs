//! The registry of diagnostic codes: every code `check` can print, with its long explanation, a
//! wrong and a right example (`niemyet giai-thich CODE`, SARIF rules, docs/chan-doan.md).
//!
//! A code is a stable name that editors, CI and the clerk's notes rely on: it never changes
//! meaning and is never reused. Adding a rule means adding its code here, with an explanation a
//! clerk can follow; a test checks that every variant has one, and the compiler checks that
//! nothing emits a code missing from this table.

use std::fmt;

/// What `giai-thich` shows for one code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: Code,
    /// Short name of the problem (the SARIF rule's short description).
    pub title: &'static str,
    /// What the rule protects and how to fix a finding.
    pub explanation: &'static str,
    /// A file (path on its first line, as a comment) that the rule refuses.
    pub wrong: &'static str,
    /// The same file, corrected.
    pub right: &'static str,
}

macro_rules! codes {
    ($( $variant:ident = $name:literal {
        $title:literal,
        $explanation:literal,
        wrong: $wrong:literal,
        right: $right:literal $(,)?
    } )*) => {
        /// A diagnostic code: the enum is the registry, `as_str` its stable spelling.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $variant, )*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable spelling (`so-hieu-trung`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$variant => $name, )*
                }
            }

            pub fn info(self) -> CodeInfo {
                match self {
                    $( Code::$variant => CodeInfo {
                        code: self,
                        title: $title,
                        explanation: $explanation,
                        wrong: $wrong,
                        right: $right,
                    }, )*
                }
            }
        }
    };
}

impl Code {
    /// The code spelled `name`, if any (case and surrounding spaces ignored; `E`-less only).
    pub fn parse(name: &str) -> Option<Code> {
        let name = name.trim().to_lowercase();
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and tools compare codes with their spelling: `d.code == "so-hieu"`.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

codes! {
    // ---- Files and folders -------------------------------------------------------------------
    KhongCoContent = "khong-co-content" {
        "Không có thư mục content/",
        "niemyet đọc nội dung trong thư mục `content/` của dự án. Lệnh được chạy ở một thư mục không \
         có `content/` (hoặc `--root` trỏ sai chỗ). Chạy lệnh ở thư mục gốc của dự án, dùng \
         `--root THƯ_MỤC`, hoặc tạo dự án mới bằng `niemyet init THƯ_MỤC`.",
        wrong: "du-an/\n  niemyet.yaml\n  van-ban/quyet-dinh-01.md",
        right: "du-an/\n  niemyet.yaml\n  content/binh-an/_site.yaml\n  content/binh-an/van-ban/quyet-dinh-01.md",
    }
    KhongCoDonVi = "khong-co-don-vi" {
        "content/ chưa có đơn vị nào",
        "Mỗi đơn vị (tỉnh, huyện, xã) là một thư mục trong `content/` có tệp `_site.yaml`. Khi \
         `content/` không có thư mục đơn vị nào, không có trang nào để dựng.",
        wrong: "content/\n  _chung/dich-vu/dang-ky-tam-tru.md",
        right: "content/\n  _chung/dich-vu/dang-ky-tam-tru.md\n  binh-an/_site.yaml",
    }
    ThieuSite = "thieu-site" {
        "Thư mục đơn vị thiếu _site.yaml",
        "Mỗi thư mục trong `content/` (trừ `_chung`) là một đơn vị và phải có `_site.yaml` khai tên, \
         cấp, tỉnh, địa chỉ công bố và đường dây nóng. Văn bản của đơn vị vẫn được kiểm tra để báo \
         hết lỗi một lần.",
        wrong: "content/binh-an/\n  van-ban/quyet-dinh-01.md",
        right: "content/binh-an/\n  _site.yaml\n  van-ban/quyet-dinh-01.md",
    }
    MaDonVi = "ma-don-vi" {
        "Tên thư mục đơn vị không phải mã không dấu",
        "Tên thư mục đơn vị là mã của đơn vị và là một phần địa chỉ trang (`/binh-an/`), nên phải \
         viết thường, không dấu, các chữ nối bằng `-`.",
        wrong: "content/Bình An/_site.yaml",
        right: "content/binh-an/_site.yaml",
    }
    TepThua = "tep-thua" {
        "Tệp không thuộc đơn vị nào",
        "Văn bản phải nằm trong thư mục của một đơn vị (`content/MÃ/van-ban/`). Một tệp `.md` đặt \
         thẳng trong `content/` không thuộc trang nào nên không được dùng; chuyển nó vào đúng chỗ.",
        wrong: "content/quyet-dinh-01.md",
        right: "content/binh-an/van-ban/2024/quyet-dinh-01.md",
    }
    DocTep = "doc-tep" {
        "Không đọc được tệp",
        "Tệp không đọc được (mất quyền đọc, bị xóa khi đang chạy) hoặc không phải tệp thường \
         (thiết bị, ống dẫn). Kiểm tra quyền đọc, hoặc thay bằng một tệp văn bản thật.",
        wrong: "$ ls -l content/binh-an/_site.yaml\n--w------- 1 root root 512 _site.yaml",
        right: "$ ls -l content/binh-an/_site.yaml\n-rw-r--r-- 1 root root 512 _site.yaml",
    }
    TepLon = "tep-lon" {
        "Tệp quá lớn",
        "Một văn bản Markdown hay tệp YAML, CSV lớn bất thường thường là tệp dán nhầm (cả một cơ sở \
         dữ liệu, một tệp nhị phân). Tách văn bản, hoặc đưa phụ lục lớn vào `tep/` và liệt kê trong \
         `kem_theo`.",
        wrong: "content/binh-an/van-ban/bao-cao.md   (40 MB, dán cả bảng số liệu)",
        right: "content/binh-an/van-ban/bao-cao.md   (phần chữ)\ncontent/binh-an/tep/2024/so-lieu.pdf   (liệt kê trong kem_theo)",
    }
    TepRong = "tep-rong" {
        "Tệp rỗng",
        "Một văn bản rỗng không có phần đầu để biết loại, số hiệu, trích yếu. Điền nội dung hoặc \
         xóa tệp.",
        wrong: "# content/binh-an/van-ban/moi.md\n(tệp rỗng)",
        right: "# content/binh-an/van-ban/moi.md\n---\nloai: thong-bao\nso_hieu: \"05/TB-UBND\"\nngay_ban_hanh: 2024-03-01\ntrich_yeu: \"Lịch tiếp dân tháng 3\"\n---\nNội dung thông báo.",
    }
    TenTep = "ten-tep" {
        "Tên tệp không dùng được",
        "Tên tệp trở thành địa chỉ trang, nên phải là chữ thường không dấu nối bằng `-`, không có \
         ký tự điều khiển, ký tự ẩn hay ký tự đổi chiều chữ (chúng làm tên hiện sai, ví dụ \
         `phu-luc` + U+202E + `fdp.html` hiện như `phu-luclmth.pdf`, một tệp PDF).",
        wrong: "content/binh-an/dich-vu/Đăng ký tạm trú.md",
        right: "content/binh-an/dich-vu/dang-ky-tam-tru.md",
    }
    Symlink = "symlink" {
        "Liên kết tượng trưng trỏ ra ngoài dự án",
        "niemyet đi theo liên kết tượng trưng (symlink) nằm trong dự án, nhưng một liên kết trỏ ra \
         ngoài thư mục dự án, trỏ tới nơi không tồn tại hoặc tạo thành vòng lặp có thể công bố \
         những tệp không ai định công bố. Chép tệp thật vào dự án thay cho liên kết.",
        wrong: "content/binh-an/tep/2024 -> /home/van-thu/Tài liệu",
        right: "content/binh-an/tep/2024/phu-luc-1.pdf   (tệp thật)",
    }
    MaHoa = "ma-hoa" {
        "Tệp không phải UTF-8",
        "Tệp `.md`, `.yaml`, `.csv` phải lưu bằng mã UTF-8. Tệp lưu bằng UTF-16, TCVN3 (ABC), VNI \
         hoặc có byte NUL sẽ hiện sai chữ trên trang. Mở tệp và lưu lại với mã UTF-8 (Excel: \
         \"CSV UTF-8\"; Notepad: Encoding → UTF-8).",
        wrong: "# content/binh-an/to-cong-tac.csv  (lưu bằng TCVN3)\nHä vµ tªn,Chøc vô",
        right: "# content/binh-an/to-cong-tac.csv  (lưu bằng UTF-8)\nHọ và tên,Chức vụ",
    }
    FrontMatter = "front-matter" {
        "Thiếu phần đầu --- của văn bản",
        "Mỗi văn bản bắt đầu bằng phần đầu YAML nằm giữa hai dòng `---`: dòng đầu tiên của tệp là \
         `---`, rồi các dòng `khóa: giá trị`, rồi một dòng `---`, rồi nội dung.",
        wrong: "# content/binh-an/van-ban/ke-hoach-02.md\nloai: ke-hoach\ntrich_yeu: \"Triển khai Đề án 06\"\nNội dung...",
        right: "# content/binh-an/van-ban/ke-hoach-02.md\n---\nloai: ke-hoach\nso_hieu: \"02/KH-UBND\"\nngay_ban_hanh: 2022-04-15\ntrich_yeu: \"Triển khai Đề án 06\"\n---\nNội dung...",
    }
    Yaml = "yaml" {
        "YAML sai cú pháp",
        "Phần đầu văn bản, `_site.yaml`, `niemyet.yaml` và `_ma-qr.yaml` viết bằng YAML. Lỗi thường \
         gặp: thụt đầu dòng bằng phím Tab, thiếu dấu `:` sau khóa, ngoặc kép không đóng, dùng `&`/`*` \
         (neo, bí danh). Sửa dòng được chỉ ra; giá trị có dấu `:` hoặc `#` thì đặt trong ngoặc kép.",
        wrong: "# content/binh-an/_site.yaml\nten: Xã Bình An: trang chính\nduong_day_nong: \"0234 3871 206",
        right: "# content/binh-an/_site.yaml\nten: \"Xã Bình An: trang chính\"\nduong_day_nong: \"0234 3871 206\"",
    }
    // ---- Keys and values ---------------------------------------------------------------------
    KhoaLa = "khoa-la" {
        "Khóa không có trong mẫu",
        "Mỗi loại tệp chỉ nhận những khóa có trong mẫu của nó (không dấu, nối bằng `_`). Khóa gõ sai bị báo \
         kèm gợi ý khóa gần nhất, thay vì bị bỏ qua âm thầm: một `trich_yue` bị bỏ qua là một văn bản \
         mất trích yếu. `niemyet schema` ghi danh sách khóa cho trình soạn thảo.",
        wrong: "# content/binh-an/van-ban/ke-hoach-02.md\n---\ntrích_yếu: \"Triển khai Đề án 06\"\n---",
        right: "# content/binh-an/van-ban/ke-hoach-02.md\n---\ntrich_yeu: \"Triển khai Đề án 06\"\n---",
    }
    KhoaLap = "khoa-lap" {
        "Khóa bị lặp lại",
        "Một khóa chỉ được viết một lần trong một bảng. Khi viết hai lần, không rõ giá trị nào đúng; \
         niemyet báo ở lần thứ hai và chỉ lại lần đầu. Giữ một dòng, xóa dòng kia.",
        wrong: "---\nso_hieu: \"02/KH-UBND\"\nso_hieu: \"03/KH-UBND\"\n---",
        right: "---\nso_hieu: \"02/KH-UBND\"\n---",
    }
    KhoaSai = "khoa-sai" {
        "Tên khóa không phải chữ",
        "Khóa của một bảng YAML phải là chữ (`ten`, `so_hieu`), không phải danh sách hay bảng.",
        wrong: "---\n[loai]: ke-hoach\n---",
        right: "---\nloai: ke-hoach\n---",
    }
    KieuSai = "kieu-sai" {
        "Giá trị sai kiểu",
        "Mỗi khóa nhận một kiểu giá trị: một dòng chữ, một danh sách (mỗi mục một dòng `- ...`), một \
         bảng (`khóa: giá trị` thụt vào), `true`/`false`, hoặc một số. `ban_nhap` chỉ nhận `true` hoặc \
         `false` (không nhận `yes`, `có`).",
        wrong: "---\nban_nhap: yes\nnoi_nhan:\n  ten: UBND huyện\n---",
        right: "---\nban_nhap: true\nnoi_nhan:\n  - UBND huyện\n  - Lưu: VT\n---",
    }
    ThieuKhoa = "thieu-khoa" {
        "Thiếu khóa bắt buộc",
        "Một số khóa là bắt buộc: văn bản cần `loai`, `trich_yeu`, và (trừ bản nháp và văn bản ban \
         hành kèm theo) `so_hieu`, `ngay_ban_hanh`; `_site.yaml` cần `ten`, `cap`, `tinh`, `base_url`, \
         `duong_day_nong`. Lỗi chỉ vào dòng `---` mở đầu (hoặc đầu bảng) nơi cần thêm khóa.",
        wrong: "---\nloai: quyet-dinh\ntrich_yeu: \"Thành lập Tổ công tác\"\n---",
        right: "---\nloai: quyet-dinh\nso_hieu: \"290/QĐ-UBND\"\nngay_ban_hanh: 2022-04-15\ntrich_yeu: \"Thành lập Tổ công tác\"\n---",
    }
    KyTuLa = "ky-tu-la" {
        "Ký tự ẩn hoặc ký tự nhìn giống",
        "Chữ chép từ Word, PDF hay trang web có thể mang ký tự ẩn (khoảng trắng độ rộng 0), ký tự đổi \
         chiều chữ (U+202E) hoặc chữ nhìn giống nhưng khác (Ð U+00D0 thay cho Đ). Chúng làm số hiệu, mã \
         không khớp và có thể che giấu nội dung. Gõ lại giá trị bằng bàn phím.",
        wrong: "ma: \"thon-2\"   (chép từ web: giữa `thon` và `-2` có U+200B, không nhìn thấy)",
        right: "ma: thon-2",
    }
    KyTuAn = "ky-tu-an" {
        "Ký tự ẩn hoặc ký tự đổi chiều chữ",
        "Ký tự không nhìn thấy (khoảng trắng độ rộng 0 U+200B, dấu đổi chiều U+202E, U+2066...) trong \
         một giá trị hay một ô CSV làm chữ hiện sai thứ tự hoặc che một con số (một số CCCD bị tách \
         bởi ký tự ẩn vẫn là số CCCD). Chúng thường dính vào khi chép từ trang web, PDF hoặc Word: xóa \
         ký tự được chỉ ra, hoặc gõ lại giá trị bằng bàn phím.",
        wrong: "ten: \"Thôn 2\"   (chép từ web: sau `Thôn` có U+202E, đảo chiều phần chữ sau nó)",
        right: "ten: \"Thôn 2\"",
    }
    KyTuDieuKhien = "ky-tu-dieu-khien" {
        "Ký tự điều khiển trong tệp",
        "Ký tự điều khiển (ESC, BEL...) không phải chữ: chúng làm trang hiển thị sai và có thể điều \
         khiển cửa sổ dòng lệnh của người đọc lời báo. Chúng thường dính vào khi chép từ cửa sổ dòng \
         lệnh, PDF hoặc Word. Xóa ký tự được chỉ ra rồi lưu lại tệp.",
        wrong: "Nội dung: Đỏ   (chép từ dòng lệnh: trước `Đỏ` có ESC U+001B và `[31m`)",
        right: "Nội dung: Đỏ",
    }
    // ---- Document fields ---------------------------------------------------------------------
    Loai = "loai" {
        "Loại văn bản không có trong danh mục",
        "`loai` là một trong các loại của Nghị định 30/2020 mà Tổ công tác dùng: quyet-dinh, chi-thi, \
         quy-che, quy-dinh, thong-bao, huong-dan, chuong-trinh, ke-hoach, phuong-an, de-an, bao-cao, \
         bien-ban, to-trinh, cong-van, giay-moi. Loại quyết định tên gọi, ký hiệu và cách trình bày.",
        wrong: "---\nloai: Quyết định\n---",
        right: "---\nloai: quyet-dinh\n---",
    }
    SoHieu = "so-hieu" {
        "Số hiệu văn bản sai dạng",
        "`so_hieu` viết đúng như trên bản giấy: SỐ/KÝ HIỆU, số dưới 10 có số 0 đứng đầu, ký hiệu chữ \
         in hoa nối bằng `-` (Nghị định 30/2020). Không chép cả chữ `Số:`, không để ký tự ẩn, dùng Đ \
         (U+0110), đặt trong ngoặc kép. Văn bản chưa ký thì thêm `ban_nhap: true`.",
        wrong: "---\nso_hieu: Số: 2/kh-ubnd\n---",
        right: "---\nso_hieu: \"02/KH-UBND\"\n---",
    }
    SoHieuLoai = "so-hieu-loai" {
        "Ký hiệu không khớp loại văn bản",
        "Chữ viết tắt loại văn bản trong ký hiệu phải khớp `loai`: quyết định là QĐ, kế hoạch là KH, \
         hướng dẫn là HD (khác HĐ, hợp đồng)... Công văn không có chữ viết tắt loại (`1433/UBND-TTHC`).",
        wrong: "---\nloai: quyet-dinh\nso_hieu: \"12/KH-UBND\"\n---",
        right: "---\nloai: ke-hoach\nso_hieu: \"12/KH-UBND\"\n---",
    }
    SoHieuTrung = "so-hieu-trung" {
        "Số hiệu bị trùng",
        "Một cơ quan đánh số lại từ đầu mỗi năm, nên trong cùng một năm, cùng một cơ quan ban hành, \
         hai văn bản không thể cùng số hiệu. Lỗi báo ở văn bản thứ hai (và mỗi văn bản sau nữa), \
         chỉ lại văn bản đầu tiên. Thường là chép tệp cũ làm mẫu mà quên sửa số: đối chiếu bản giấy.",
        wrong: "# van-ban/quyet-dinh-290.md\nso_hieu: \"290/QĐ-UBND\"\nngay_ban_hanh: 2022-04-15\n# van-ban/quyet-dinh-291.md\nso_hieu: \"290/QĐ-UBND\"\nngay_ban_hanh: 2022-05-02",
        right: "# van-ban/quyet-dinh-290.md\nso_hieu: \"290/QĐ-UBND\"\nngay_ban_hanh: 2022-04-15\n# van-ban/quyet-dinh-291.md\nso_hieu: \"291/QĐ-UBND\"\nngay_ban_hanh: 2022-05-02",
    }
    Ngay = "ngay" {
        "Ngày sai dạng hoặc không có thật",
        "Ngày viết đúng dạng NĂM-THÁNG-NGÀY (`2022-04-15`) và phải là một ngày có thật trên lịch \
         (không có 30/02). Cách viết `15/4/2022` dễ nhầm ngày với tháng nên không được nhận.",
        wrong: "---\nngay_ban_hanh: 15/04/2022\n---",
        right: "---\nngay_ban_hanh: 2022-04-15\n---",
    }
    NgayTuongLai = "ngay-tuong-lai" {
        "Ngày ban hành ở tương lai (cảnh báo)",
        "Ngày ban hành sau ngày dựng trang thường là gõ nhầm năm. Đây là cảnh báo: nếu văn bản thật \
         sự ghi ngày đó, trang vẫn được dựng.",
        wrong: "---\nngay_ban_hanh: 2042-04-15\n---",
        right: "---\nngay_ban_hanh: 2024-04-15\n---",
    }
    HieuLuc = "hieu-luc" {
        "Hiệu lực kết thúc trước khi bắt đầu",
        "`hieu_luc.den_ngay` phải sau hoặc bằng `hieu_luc.tu_ngay`; trạng thái hiệu lực trên trang \
         được tính từ hai ngày này.",
        wrong: "---\nhieu_luc:\n  tu_ngay: 2024-01-01\n  den_ngay: 2023-12-31\n---",
        right: "---\nhieu_luc:\n  tu_ngay: 2024-01-01\n  den_ngay: 2024-12-31\n---",
    }
    CanCuSau = "can-cu-sau" {
        "Căn cứ có ngày sau văn bản (cảnh báo)",
        "Một văn bản không thể căn cứ vào văn bản ban hành sau nó; thường là gõ nhầm ngày của căn cứ \
         hoặc của văn bản.",
        wrong: "---\nngay_ban_hanh: 2022-04-15\ncan_cu:\n  - {so_hieu: \"06/QĐ-TTg\", ngay: 2023-01-06}\n---",
        right: "---\nngay_ban_hanh: 2022-04-15\ncan_cu:\n  - {so_hieu: \"06/QĐ-TTg\", ngay: 2022-01-06}\n---",
    }
    ThamQuyen = "tham-quyen" {
        "Thẩm quyền ký sai dạng",
        "`nguoi_ky.tham_quyen` là chữ viết tắt thẩm quyền (TM., KT., TL., TUQ., Q.) rồi đến chức danh, \
         như trên khối chữ ký của Nghị định 30/2020.",
        wrong: "nguoi_ky:\n  ho_ten: \"Nguyễn Văn An\"\n  chuc_vu: \"PHÓ CHỦ TỊCH\"\n  tham_quyen: \"Ký thay Chủ tịch\"",
        right: "nguoi_ky:\n  ho_ten: \"Nguyễn Văn An\"\n  chuc_vu: \"PHÓ CHỦ TỊCH\"\n  tham_quyen: \"KT. CHỦ TỊCH\"",
    }
    KemTheoSoHieu = "kem-theo-so-hieu" {
        "Văn bản ban hành kèm theo có số hiệu riêng",
        "Một quy chế, quy định \"ban hành kèm theo Quyết định số ...\" không có số riêng: nó mang số và \
         ngày của quyết định. Xóa `so_hieu` và `ngay_ban_hanh`, giữ `ban_hanh_kem_theo`.",
        wrong: "---\nloai: quy-che\nban_hanh_kem_theo: \"290/QĐ-UBND\"\nso_hieu: \"01/QC-UBND\"\n---",
        right: "---\nloai: quy-che\nban_hanh_kem_theo: \"290/QĐ-UBND\"\n---",
    }
    KemTheoLoai = "kem-theo-loai" {
        "Loại tệp đính kèm không được công bố",
        "Chỉ đính kèm văn bản, bảng tính, hình ảnh, tệp nén, âm thanh hoặc video (PDF, DOCX, XLSX, \
         JPG, PNG, ZIP...). Tệp HTML, SVG, XML hay tệp mang đuôi khác nhưng nội dung là HTML có thể \
         chạy mã trên trang của đơn vị: chuyển sang PDF (In → Lưu dưới dạng PDF) rồi đính kèm.",
        wrong: "kem_theo:\n  - tep/2024/thong-bao.html",
        right: "kem_theo:\n  - tep/2024/thong-bao.pdf",
    }
    KemTheoQd = "kem-theo-qd" {
        "Không tìm thấy quyết định ban hành",
        "`ban_hanh_kem_theo` phải là số hiệu của đúng một quyết định trong các văn bản của đơn vị: văn \
         bản lấy số, ngày của quyết định đó và hai trang liên kết với nhau. Khi không có văn bản nào, \
         hoặc có nhiều văn bản cùng số, không biết văn bản ban hành kèm theo quyết định nào.",
        wrong: "---\nban_hanh_kem_theo: \"299/QĐ-UBND\"   # không có quyết định số 299\n---",
        right: "---\nban_hanh_kem_theo: \"290/QĐ-UBND\"\n---",
    }
    VongThayThe = "vong-thay-the" {
        "Quan hệ thay thế, sửa đổi tạo thành vòng",
        "Văn bản ban hành sau mới thay thế hoặc sửa đổi văn bản ban hành trước. Khi A thay thế B và B \
         lại thay thế A (trực tiếp hoặc qua văn bản khác), hoặc một văn bản tự thay thế chính nó, cả \
         hai sẽ cùng hiện \"Bị thay thế\". Xóa số hiệu khỏi `thay_the`/`sua_doi` của văn bản cũ hơn.",
        wrong: "# quyet-dinh-20.md\nthay_the: [\"15/QĐ-UBND\"]\n# quyet-dinh-15.md\nthay_the: [\"20/QĐ-UBND\"]",
        right: "# quyet-dinh-20.md\nthay_the: [\"15/QĐ-UBND\"]\n# quyet-dinh-15.md\n(không có thay_the)",
    }
    ThamChieuMoHo = "tham-chieu-mo-ho" {
        "Tham chiếu khớp nhiều văn bản (cảnh báo)",
        "Số hiệu lặp lại giữa các cơ quan và các năm, nên một tham chiếu chỉ có số có thể khớp nhiều \
         văn bản. Khi đó nó được để dạng chữ, không thành liên kết. Thêm `ngay` và/hoặc `co_quan` để \
         chỉ rõ.",
        wrong: "can_cu:\n  - \"01/KH-UBND\"",
        right: "can_cu:\n  - {so_hieu: \"01/KH-UBND\", ngay: 2023-01-10, co_quan: \"UBND xã Bình An\"}",
    }
    KemTheo = "kem-theo" {
        "Tệp đính kèm nằm ngoài tep/",
        "Đường dẫn trong `kem_theo` tính từ thư mục đơn vị và phải nằm trong `tep/`: chỉ thư mục đó \
         được công bố. Không dùng `..`, đường dẫn tuyệt đối hay địa chỉ web.",
        wrong: "kem_theo:\n  - ../../Tài liệu/phu-luc.pdf",
        right: "kem_theo:\n  - tep/2024/phu-luc.pdf",
    }
    KemTheoTen = "kem-theo-ten" {
        "Tên tệp đính kèm có ký tự hỏng địa chỉ",
        "Tên tệp đính kèm thành địa chỉ tải về; các ký tự như `?`, `#`, `%`, `\\` làm địa chỉ hỏng hoặc \
         trỏ sai chỗ. Đổi tên tệp chỉ dùng chữ, số, `-`, `_` và `.`.",
        wrong: "kem_theo:\n  - \"tep/2024/phu-luc#1.pdf\"",
        right: "kem_theo:\n  - tep/2024/phu-luc-1.pdf",
    }
    TepTrungTen = "tep-trung-ten" {
        "Hai tệp đính kèm cùng một tên khi đăng",
        "Tệp trong `tep/` được đăng dưới tên bỏ dấu, chữ thường (`Phụ lục 1.pdf` thành \
         `phu-luc-1.pdf`), để địa chỉ dùng được trên mọi máy chủ. Hai tệp có tên chỉ khác nhau ở dấu \
         hay chữ hoa sẽ trùng một địa chỉ. Lỗi báo ở tệp thứ hai, chỉ lại tệp đầu. Đổi tên một tệp cho \
         khác hẳn, rồi sửa `kem_theo` và các liên kết tới nó.",
        wrong: "tep/2024/Phụ lục 1.pdf\ntep/2024/phu-luc-1.pdf",
        right: "tep/2024/phu-luc-1.pdf\ntep/2024/phu-luc-1-ban-sua.pdf",
    }
    KemTheoThieu = "kem-theo-thieu" {
        "Không tìm thấy tệp đính kèm",
        "Mỗi tệp trong `kem_theo` phải có thật trong `tep/` của đơn vị, đúng tên (kể cả chữ hoa, chữ \
         thường): người đọc bấm vào sẽ được tệp đó.",
        wrong: "kem_theo:\n  - tep/2024/phu-luc.pdf      # trong tep/2024/ chỉ có Phu-luc-1.pdf",
        right: "kem_theo:\n  - tep/2024/Phu-luc-1.pdf",
    }
    DuongDan = "duong-dan" {
        "Đường dẫn (duong_dan) không hợp lệ",
        "Địa chỉ trang văn bản lấy từ tên tệp; `duong_dan` đổi nó khi cần và phải sẵn là chữ thường \
         không dấu nối bằng `-`. Tên tệp không tạo được đường dẫn (chỉ toàn dấu) cũng bị báo.",
        wrong: "---\nduong_dan: \"Kế hoạch 02\"\n---",
        right: "---\nduong_dan: ke-hoach-02\n---",
    }
    TrungDuongDan = "trung-duong-dan" {
        "Hai văn bản cùng đường dẫn",
        "Đường dẫn lấy từ tên tệp, bỏ dấu: `Kế hoạch 02.md` và `ke-hoach-02.md` cho cùng địa chỉ \
         `/van-ban/ke-hoach-02/`. Lỗi báo ở tệp thứ hai và chỉ lại tệp đầu. Đổi tên một tệp, hoặc \
         thêm `duong_dan` khác nhau.",
        wrong: "van-ban/2022/ke-hoach-02.md\nvan-ban/2023/ke-hoach-02.md",
        right: "van-ban/2022/ke-hoach-02.md\nvan-ban/2023/ke-hoach-02-2023.md",
    }
    DonVi = "don-vi" {
        "Đơn vị không được khai",
        "`don_vi` của văn bản (và cột `don_vi` của khu-dan-cu.csv) phải là mã một xã khai trong \
         `don_vi` của `_site.yaml`; chỉ trang cấp huyện (hoặc tỉnh) mới khai `don_vi`.",
        wrong: "# van-ban/ke-hoach-03.md\ndon_vi: huong-phuc     # _site.yaml chỉ có huong-phu",
        right: "# van-ban/ke-hoach-03.md\ndon_vi: huong-phu",
    }
    DuLieuCaNhan = "du-lieu-ca-nhan" {
        "Có thể là dữ liệu cá nhân của công dân",
        "Trang công khai không được đăng số CCCD (12 chữ số), CMND (9 chữ số) hay số điện thoại di \
         động của công dân. Số điện thoại đã khai ở `dien_thoai`, `duong_day_nong`, `lien_he` được \
         phép; số tổng đài 1800/1900 và số cố định cũng vậy. Một ngoại lệ có chủ ý ghi ngay trên dòng \
         đó: `<!-- niemyet: cho-phep-so -->`.",
        wrong: "Ông Nguyễn Văn B, CCCD 046190001122, điện thoại 0912 345 678.",
        right: "Ông Nguyễn Văn B (thôn 2) đã được hướng dẫn kích hoạt VNeID mức 2.",
    }
    Html = "html" {
        "HTML không được phép trong nội dung",
        "Nội dung Markdown được giữ một số thẻ HTML vô hại (bảng, `br`, `sup`, `sub`, `abbr`, \
         `details`...). Thẻ có thể chạy mã (`script`, `iframe`, `style`, `form`, SVG, thuộc tính `on...`) \
         không bao giờ được công bố: xóa nó, hoặc viết bằng Markdown.",
        wrong: "Xem video <iframe src=\"https://video.example/x\"></iframe>",
        right: "Xem video tại [trang video](https://video.example/x).",
    }
    LienKetNguyHiem = "lien-ket-nguy-hiem" {
        "Liên kết có thể chạy mã",
        "Liên kết chỉ được dùng `https:`, `http:`, `mailto:`, `tel:` hoặc đường dẫn trong trang. \
         `javascript:`, `data:`, `vbscript:` có thể chạy mã trên trang của đơn vị.",
        wrong: "[Bấm vào đây](javascript:alert(1))",
        right: "[Cổng Dịch vụ công](https://dichvucong.gov.vn/)",
    }
    AnhNgoai = "anh-ngoai" {
        "Ảnh lấy từ trang web khác",
        "Trang công bố không tải gì từ trang khác (ảnh có thể đổi, mất, hoặc theo dõi người đọc). Tải \
         ảnh về, chép vào `tep/` và trỏ tới bản trong trang.",
        wrong: "![Sơ đồ](https://anh.example.com/so-do.png)",
        right: "![Sơ đồ](/tep/2024/so-do.png)",
    }
    Http = "http" {
        "Liên kết không mã hóa http:// (cảnh báo)",
        "Liên kết `http://` không mã hóa; người đọc có thể bị chuyển sang trang giả. Dùng `https://` khi \
         trang đích hỗ trợ.",
        wrong: "[Cổng Dịch vụ công](http://dichvucong.gov.vn/)",
        right: "[Cổng Dịch vụ công](https://dichvucong.gov.vn/)",
    }
    LienKetHong = "lien-ket-hong" {
        "Liên kết tới trang không có",
        "Mọi liên kết trong trang (`/van-ban/...`, `/dich-vu/...`, `/tep/...`) phải trỏ tới một trang \
         hoặc tệp được công bố. Liên kết tới một bản nháp cũng là liên kết hỏng (trừ khi dựng với \
         `--drafts`).",
        wrong: "Xem [Kế hoạch 02](/van-ban/ke-hoach-2/).",
        right: "Xem [Kế hoạch 02](/van-ban/ke-hoach-02/).",
    }
    LienKetNeo = "lien-ket-neo" {
        "Liên kết tới mục không có",
        "Phần `#...` của liên kết trỏ tới một mục (tiêu đề) của trang đích. Mục được đặt tên theo tiêu \
         đề, viết thường không dấu: `## Điều 1. Thành lập` thành `#dieu-1-thanh-lap`.",
        wrong: "Xem [Điều 1](/van-ban/quyet-dinh-290/#dieu-1).",
        right: "Xem [Điều 1](/van-ban/quyet-dinh-290/#dieu-1-thanh-lap).",
    }
    // ---- The unit (_site.yaml) and its lists --------------------------------------------------
    Cap = "cap" {
        "Cấp đơn vị không hợp lệ",
        "`cap` là `tinh`, `huyen` hoặc `xa`. Phường, thị trấn và đặc khu dùng `cap: xa` (từ 1/7/2025 \
         chính quyền địa phương có hai cấp: tỉnh và xã).",
        wrong: "cap: phuong",
        right: "cap: xa",
    }
    BaseUrl = "base-url" {
        "Địa chỉ công bố (base_url) không hợp lệ",
        "`base_url` là địa chỉ `https://` nơi trang được công bố: mã QR in ra trỏ về đó nhiều năm, nên \
         phải an toàn và lâu dài. Tên miền không dấu, không khoảng trắng, không `?` hay `#`.",
        wrong: "base_url: http://Bình An.gov.vn",
        right: "base_url: \"https://binhan.quangtri.gov.vn/\"",
    }
    VaiTro = "vai-tro" {
        "Vai trò trong Tổ công tác không hợp lệ",
        "`vai_tro` của một thành viên là một trong: to-truong, to-pho-thuong-truc, to-pho, \
         thanh-vien, thu-ky, giup-viec (trong CSV có thể ghi nhãn: Tổ trưởng, Tổ phó...).",
        wrong: "to_cong_tac:\n  - {ho_ten: \"Lê Văn Bình\", chuc_vu: \"Chủ tịch UBND xã\", vai_tro: truong}",
        right: "to_cong_tac:\n  - {ho_ten: \"Lê Văn Bình\", chuc_vu: \"Chủ tịch UBND xã\", vai_tro: to-truong}",
    }
    DienThoai = "dien-thoai" {
        "Số điện thoại sai dạng",
        "`duong_day_nong` và `dien_thoai` chỉ ghi số điện thoại: chữ số, có thể có dấu cách, `.`, `-`, \
         ngoặc đơn, `+` ở đầu; hai số nối bằng `/` hoặc `,`. Số được in trên áp phích, thành liên kết \
         gọi điện, và là số được phép đăng: lời ghi chú (\"miễn phí\", \"anh Ba\") để ở khóa khác. \
         Số mà Excel làm hỏng cũng là lỗi: mất số 0 ở đầu (`914555666`) hay đổi sang số mũ \
         (`8,49146E+10`); định dạng cột Điện thoại là Văn bản (Text) trong Excel, hoặc gõ lại số 0.",
        wrong: "duong_day_nong: \"0234 3871 206 (giờ hành chính)\"",
        right: "duong_day_nong: \"0234 3871 206\"",
    }
    HaiNguon = "hai-nguon" {
        "Danh sách khai ở cả YAML và CSV",
        "Tổ công tác và khu dân cư được khai trong `_site.yaml` hoặc trong tệp CSV bên cạnh \
         (`to-cong-tac.csv`, `khu-dan-cu.csv`), không cả hai: niemyet không đoán danh sách nào đúng.",
        wrong: "content/binh-an/_site.yaml   (có to_cong_tac:)\ncontent/binh-an/to-cong-tac.csv",
        right: "content/binh-an/_site.yaml   (không có to_cong_tac:)\ncontent/binh-an/to-cong-tac.csv",
    }
    Ma = "ma" {
        "Mã xã, khu dân cư sai dạng",
        "Mã của xã và khu dân cư nằm trong địa chỉ trang (`/khu-dan-cu/thon-2/`), nên viết thường, \
         không dấu, nối bằng `-`.",
        wrong: "khu_dan_cu:\n  - {ma: \"Thôn 2\", ten: \"Thôn 2\"}",
        right: "khu_dan_cu:\n  - {ma: thon-2, ten: \"Thôn 2\"}",
    }
    MaTrung = "ma-trung" {
        "Mã xã, khu dân cư bị trùng",
        "Mỗi xã của đơn vị, mỗi khu dân cư của một xã có một mã riêng: mã là địa chỉ trang và mã QR \
         in ra. Lỗi báo ở lần thứ hai, chỉ lại lần đầu.",
        wrong: "khu_dan_cu:\n  - {ma: thon-2, ten: \"Thôn 2\"}\n  - {ma: thon-2, ten: \"Thôn 2B\"}",
        right: "khu_dan_cu:\n  - {ma: thon-2, ten: \"Thôn 2\"}\n  - {ma: thon-2b, ten: \"Thôn 2B\"}",
    }
    TenTrong = "ten-trong" {
        "Khu dân cư chưa có tên",
        "Tên khu dân cư hiện trên trang và in trên áp phích, nên không được để trống.",
        wrong: "khu_dan_cu:\n  - {ma: thon-2, ten: \"\"}",
        right: "khu_dan_cu:\n  - {ma: thon-2, ten: \"Thôn 2\"}",
    }
    KhuDanCu = "khu-dan-cu" {
        "Khu dân cư khai sai chỗ",
        "Trang cấp huyện (hoặc tỉnh) khai khu dân cư trong từng xã của `don_vi`; chỉ trang của xã khai \
         `khu_dan_cu` trực tiếp.",
        wrong: "cap: huyen\nkhu_dan_cu:\n  - {ma: thon-1, ten: \"Thôn 1\"}",
        right: "cap: huyen\ndon_vi:\n  - ma: huong-phu\n    ten: \"Xã Hương Phú\"\n    khu_dan_cu:\n      - {ma: thon-1, ten: \"Thôn 1\"}",
    }
    Trang = "trang" {
        "Trang riêng của xã không có trong dự án",
        "`trang` của một xã trong `don_vi` (trang cấp tỉnh, huyện) là mã một đơn vị khác của cùng dự án: \
         tên thư mục của trang riêng của xã trong `content/`. Trang của tỉnh, huyện liên kết tới địa \
         chỉ `base_url` của đơn vị đó. Bỏ khóa này nếu xã chưa có trang riêng.",
        wrong: "don_vi:\n  - ma: binh-an\n    ten: \"Xã Bình An\"\n    trang: binhan",
        right: "don_vi:\n  - ma: binh-an\n    ten: \"Xã Bình An\"\n    trang: binh-an",
    }
    DichVu = "dich-vu" {
        "Không có hướng dẫn dịch vụ này",
        "`dich_vu_tren_poster` liệt kê tên các hướng dẫn (tên tệp trong `dich-vu/` không có `.md`, của \
         đơn vị hoặc của `_chung`).",
        wrong: "dich_vu_tren_poster:\n  - Đăng ký tạm trú",
        right: "dich_vu_tren_poster:\n  - dang-ky-tam-tru",
    }
    Kenh = "kenh" {
        "Kênh thực hiện dịch vụ không hợp lệ",
        "`kenh` của một hướng dẫn dịch vụ là danh sách gồm `dichvucong` (Cổng Dịch vụ công quốc gia), \
         `vneid` (ứng dụng VNeID), `truc-tiep` (Bộ phận Một cửa).",
        wrong: "kenh: [dvc, VNeID]",
        right: "kenh: [dichvucong, vneid]",
    }
    LienKet = "lien-ket" {
        "Địa chỉ chính thức của dịch vụ không phải https",
        "`lien_ket` của một hướng dẫn dịch vụ là địa chỉ chính thức `https://` (thường là \
         dichvucong.gov.vn), để người dân không bị dẫn tới trang giả.",
        wrong: "lien_ket: dichvucong.gov.vn",
        right: "lien_ket: https://dichvucong.gov.vn/",
    }
    Csv = "csv" {
        "Tệp CSV không đọc được",
        "Tệp CSV lưu từ Excel phải có dòng tiêu đề và đúng cấu trúc: ngoặc kép phải đóng, mỗi dòng \
         không nhiều ô hơn tiêu đề. Lưu lại bằng \"CSV UTF-8 (Comma delimited)\".",
        wrong: "ho_ten,chuc_vu,vai_tro\n\"Lê Văn Bình,Chủ tịch,to-truong",
        right: "ho_ten,chuc_vu,vai_tro\nLê Văn Bình,Chủ tịch,to-truong",
    }
    CsvNgoacKep = "csv-ngoac-kep" {
        "Ngoặc kép trong CSV không được đóng",
        "Một ô CSV mở bằng dấu `\"` phải được đóng; nếu không, phần còn lại của tệp bị đọc thành một ô \
         và các dòng sau biến mất âm thầm. Thêm dấu `\"` đóng ở cuối ô (dấu ngoặc kép trong ô viết \
         thành `\"\"`), hoặc xóa dấu mở.",
        wrong: "ho_ten,chuc_vu,vai_tro\n\"Lê Văn Bình,Chủ tịch UBND xã,to-truong\nTrần Thị Hoa,Thư ký,thu-ky",
        right: "ho_ten,chuc_vu,vai_tro\n\"Lê Văn Bình\",Chủ tịch UBND xã,to-truong\nTrần Thị Hoa,Thư ký,thu-ky",
    }
    CsvThuaO = "csv-thua-o" {
        "Dòng CSV có nhiều ô hơn tiêu đề",
        "Mỗi dòng có đúng số ô của dòng tiêu đề. Một ô thừa thường do dấu phẩy nằm trong một ô (ví dụ \
         chức vụ \"Chủ tịch, Tổ trưởng\"): ô thừa sẽ bị bỏ mất. Đặt ô có dấu phẩy trong ngoặc kép, hoặc \
         xóa ô thừa.",
        wrong: "ho_ten,chuc_vu,vai_tro\nLê Văn Bình,Chủ tịch, Tổ trưởng,to-truong",
        right: "ho_ten,chuc_vu,vai_tro\nLê Văn Bình,\"Chủ tịch, Tổ trưởng\",to-truong",
    }
    CsvCot = "csv-cot" {
        "CSV thiếu cột",
        "Dòng tiêu đề của `to-cong-tac.csv` cần `ho_ten, chuc_vu, vai_tro` (và `dien_thoai` nếu có); \
         `khu-dan-cu.csv` cần `ma, ten` (và `don_vi`, các cột liên hệ nếu có). Có thể dùng nhãn tiếng Việt \
         (`Họ và tên`, `Chức vụ`...), viết hoa hay thường, có dấu hay không; cột `STT` được bỏ qua. \
         Dấu phân cách `,`, `;` (Excel tiếng Việt) hay Tab được nhận ra từ dòng tiêu đề.",
        wrong: "Tên,Chức vụ\nLê Văn Bình,Chủ tịch UBND xã",
        right: "Họ và tên,Chức vụ,Vai trò\nLê Văn Bình,Chủ tịch UBND xã,Tổ trưởng",
    }
    CsvTrong = "csv-trong" {
        "Ô CSV bắt buộc đang trống",
        "Mỗi dòng cần điền các ô bắt buộc (họ tên, chức vụ, vai trò; mã và tên khu dân cư). Điền ô \
         đó, hoặc xóa cả dòng nếu là dòng thừa.",
        wrong: "ho_ten,chuc_vu,vai_tro\nLê Văn Bình,,to-truong",
        right: "ho_ten,chuc_vu,vai_tro\nLê Văn Bình,Chủ tịch UBND xã,to-truong",
    }
    CsvTen = "csv-ten" {
        "Một khu dân cư có hai tên trong CSV",
        "Mỗi người liên hệ là một dòng, nên một khu dân cư có thể chiếm nhiều dòng; tên khu phải giống \
         nhau ở mọi dòng.",
        wrong: "don_vi,ma,ten,lien_he_ho_ten\n,thon-2,Thôn 2,Trần Văn C\n,thon-2,Thôn Hai,Lê Thị D",
        right: "don_vi,ma,ten,lien_he_ho_ten\n,thon-2,Thôn 2,Trần Văn C\n,thon-2,Thôn 2,Lê Thị D",
    }
    // ---- QR ledger and posters ---------------------------------------------------------------
    SoQr = "so-qr" {
        "Sổ mã QR sai cấu trúc",
        "`_ma-qr.yaml` do `niemyet posters` ghi: một danh sách các mục `{ma, dich, in_lan_dau}`. Đừng \
         sửa tay; nếu tệp hỏng, lấy lại bản đúng từ lịch sử (Git).",
        wrong: "# content/binh-an/_ma-qr.yaml\nma: 7M7EZ",
        right: "# content/binh-an/_ma-qr.yaml\n- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/\n  in_lan_dau: 2024-03-01",
    }
    MaQr = "ma-qr" {
        "Mã QR sai dạng",
        "Mã QR dài tối đa 6 ký tự, lấy từ bảng chữ không gây nhầm lẫn (chữ số 2–9 và chữ in hoa trừ \
         I, L, O). Mã do `posters` tạo; một mã sửa tay có thể trùng hoặc không quét được.",
        wrong: "- ma: O1LI0\n  dich: /khu-dan-cu/thon-2/",
        right: "- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/",
    }
    MaQrTrung = "ma-qr-trung" {
        "Mã QR có hai lần trong sổ",
        "Một mã QR đã in là vĩnh viễn và chỉ trỏ tới một chỗ; hai mục cùng mã làm một trong hai áp \
         phích đã dán trỏ sai. Lỗi báo ở mục thứ hai, chỉ lại mục đầu.",
        wrong: "- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/\n- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-3/",
        right: "- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/\n- ma: K3W9P\n  dich: /khu-dan-cu/thon-3/",
    }
    MaQrDich = "ma-qr-dich" {
        "Mã QR đã in trỏ tới trang không còn",
        "Mã QR đã dán ở khu dân cư phải dùng được nhiều năm. Khi khu được đổi tên hay bỏ, trang cũ mất \
         và mã sẽ hỏng: thêm `chuyen_den` trỏ mã sang trang mới.",
        wrong: "- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/     # thôn 2 đã nhập vào thôn 1",
        right: "- ma: 7M7EZ\n  dich: /khu-dan-cu/thon-2/\n  chuyen_den: /khu-dan-cu/thon-1/",
    }
    KhongCoKhu = "khong-co-khu" {
        "Không có khu dân cư để in áp phích",
        "`niemyet posters` in một áp phích cho mỗi khu dân cư; đơn vị chưa khai khu nào.",
        wrong: "# _site.yaml\ncap: xa\n(không có khu_dan_cu)",
        right: "# _site.yaml\ncap: xa\nkhu_dan_cu:\n  - {ma: thon-1, ten: \"Thôn 1\"}",
    }
    PosterKyTu = "poster-ky-tu" {
        "Phông áp phích không có ký tự này",
        "Áp phích nhúng phông Be Vietnam Pro; ký tự phông không có sẽ mất khi in (thường là biểu \
         tượng cảm xúc, ký tự đặc biệt chép từ mạng). Gõ lại bằng chữ tiếng Việt thường.",
        wrong: "ten: \"Thôn 2 🏡\"",
        right: "ten: \"Thôn 2\"",
    }
    PosterQuaDai = "poster-qua-dai" {
        "Chữ quá dài cho áp phích",
        "Tên khu, tên người liên hệ, tên dịch vụ phải vừa chỗ của nó trên áp phích; chữ bị cắt sẽ in \
         sai. Rút gọn giá trị được chỉ ra.",
        wrong: "ten: \"Khu dân cư số 2 thuộc thôn Đông Tâm cũ trước khi sáp nhập năm 2020 với thôn Tây\"",
        right: "ten: \"Thôn Đông Tâm 2\"",
    }
    PosterMaQr = "poster-ma-qr" {
        "Địa chỉ quá dài cho mã QR",
        "Mã QR của địa chỉ quá dài sẽ dày đặc, khó quét trên bản in. Dùng tên miền ngắn hơn cho \
         `base_url`.",
        wrong: "base_url: \"https://trang-thong-tin-to-cong-tac-de-an-06.xa-binh-an.huyen-nam-dong.example.gov.vn/\"",
        right: "base_url: \"https://binhan.example.gov.vn/\"",
    }
    Pdf = "pdf" {
        "Không tạo được PDF",
        "Lỗi bên trong niemyet khi tạo áp phích; chưa tệp nào được ghi. Xin báo lỗi kèm nội dung của \
         đơn vị.",
        wrong: "$ niemyet posters\nlỗi[pdf]: Không tạo được PDF: ...",
        right: "$ niemyet posters\n(báo lỗi cho người phát triển; các áp phích cũ giữ nguyên)",
    }
    GhiSoQr = "ghi-so-qr" {
        "Không ghi được sổ mã QR",
        "`posters` ghi mã mới vào `_ma-qr.yaml` trước khi ghi áp phích; ghi sổ không được thì không in \
         gì, để không có mã nào in ra mà không có trong sổ. Kiểm tra quyền ghi rồi chạy lại.",
        wrong: "$ chmod a-w content/binh-an/_ma-qr.yaml && niemyet posters",
        right: "$ chmod u+w content/binh-an/_ma-qr.yaml && niemyet posters",
    }
    Ghi = "ghi" {
        "Không ghi được trang",
        "Ổ đĩa đầy hoặc thư mục xuất không ghi được. Trang cũ vẫn giữ nguyên vì trang mới được dựng \
         riêng rồi mới thay vào.",
        wrong: "$ niemyet build --out /thu-muc/chi-doc",
        right: "$ niemyet build --out public",
    }
    // ---- Import (SPEC §10) -------------------------------------------------------------------
    Nhap = "nhap" {
        "Không nhập được tệp",
        "`niemyet import` đọc văn bản đã ký dạng Word `.docx` hoặc chữ chép ra từ PDF, Word lưu thành \
         `.txt` (UTF-8). Tệp `.doc` (Word 97–2003), tệp có mật khẩu, RTF, ODT, PDF, tệp rỗng hay quá lớn \
         không nhập được: mở tệp bằng Word hoặc LibreOffice Writer, Lưu thành \"Word Document \
         (.docx)\", rồi nhập tệp .docx đó. PDF chỉ có ảnh quét thì không có chữ: xin bản Word gốc.",
        wrong: "$ niemyet import quyet-dinh-290.pdf --site nam-dong",
        right: "$ niemyet import quyet-dinh-290.docx --site nam-dong",
    }
    // ---- Project settings, publishing and themes -----------------------------------------------
    XuatBan = "xuat-ban" {
        "Nơi đăng trang (xuat_ban) không hợp lệ",
        "`xuat_ban` trong `niemyet.yaml` ghi mỗi đơn vị một dòng `mã-đơn-vị: địa chỉ`, với mã là tên \
         thư mục trong `content/` và địa chỉ `s3://...`, `sftp://...` hoặc `ftps://...`. Mã \
         không có thư mục, địa chỉ trống hay sai giao thức đều dừng việc đăng trang.",
        wrong: "# niemyet.yaml\nxuat_ban:\n  Nam Dong: http://may-chu.vn/public_html",
        right: "# niemyet.yaml\nxuat_ban:\n  nam-dong: ftps://nguoi-dung@may-chu.vn/public_html",
    }
    BiMat = "bi-mat" {
        "Mật khẩu hay khóa bí mật ghi trong niemyet.yaml",
        "`niemyet.yaml` được lưu và chia sẻ cùng nội dung, nên không bao giờ chứa mật khẩu, khóa truy \
         cập hay khóa riêng. Chúng đặt trong biến môi trường: `AWS_ACCESS_KEY_ID` và \
         `AWS_SECRET_ACCESS_KEY` (S3), SSH agent hoặc `NIEMYET_SSH_KEY` (SFTP), `NIEMYET_FTP_PASSWORD` \
         (FTPS). Một mật khẩu đã lỡ lưu vào lịch sử phải được đổi.",
        wrong: "# niemyet.yaml\nmat_khau: \"abc123\"\nxuat_ban:\n  binh-an: ftps://nguoi-dung@may-chu.vn/public_html",
        right: "# niemyet.yaml\nxuat_ban:\n  binh-an: ftps://nguoi-dung@may-chu.vn/public_html\n# và trong cửa sổ lệnh: NIEMYET_FTP_PASSWORD=... niemyet publish",
    }
    NgoacWord = "ngoac-word" {
        "Dấu ngoặc kép kiểu Word",
        "Word tự đổi `\"` thành dấu ngoặc kép cong “ ” (và `'` thành ‘ ’). Trong một mã, số hiệu, ngày \
         hay địa chỉ, các dấu này làm máy không đọc được giá trị: đó là lỗi, xóa chúng hoặc gõ lại \
         dấu `\"` trên bàn phím. Một dòng chữ (như `trich_yeu`) nằm trọn trong chúng là cảnh báo: \
         trang hiện đúng như đang viết, cả hai dấu.",
        wrong: "so_hieu: “290/QĐ-UBND”\ntrich_yeu: “Về việc thành lập Tổ công tác”",
        right: "so_hieu: \"290/QĐ-UBND\"\ntrich_yeu: \"Về việc thành lập Tổ công tác\"",
    }
    GiaTriMau = "gia-tri-mau" {
        "Giá trị mẫu chưa được thay",
        "Dự án tạo bằng `init` hay `new` có các giá trị mẫu (địa chỉ `example.`, tên có `...`, câu mẫu \
         của thân văn bản, đơn vị tên \"Mẫu\"). Khi dựng trang đó là cảnh báo; là lỗi khi in áp phích \
         (giá trị trong `_site.yaml`, thứ được in ra) và khi đăng trang (trừ bản nháp, vốn không được \
         đăng), vì một địa chỉ mẫu đã in hay đã đăng không sửa lại được.",
        wrong: "base_url: \"https://xamau.example.gov.vn/\"",
        right: "base_url: \"https://binhan.quangtri.gov.vn/\"",
    }
    // ---- Themes --------------------------------------------------------------------------------
    GiaoDien = "giao-dien" {
        "Giao diện không hợp lệ",
        "`giao_dien` trong `niemyet.yaml` là tên một thư mục trong `themes/` (chữ thường không dấu), \
         hoặc bỏ trống để dùng giao diện mặc định.",
        wrong: "# niemyet.yaml\ngiao_dien: \"../giao diện\"",
        right: "# niemyet.yaml\ngiao_dien: tinh-nha",
    }
    MauGiaoDien = "mau-giao-dien" {
        "Lỗi trong mẫu giao diện",
        "Mẫu trong `themes/TÊN/templates/` viết bằng Tera; lỗi cú pháp, biến không có, `{% extends %}` \
         hay `{% include %}` trỏ tới mẫu không có đều dừng việc dựng. Sửa mẫu, hoặc xóa nó để dùng mẫu \
         mặc định.",
        wrong: "{% extends \"goc.html\" %}   {# không có goc.html #}",
        right: "{% extends \"base.html\" %}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_unique_spelling_and_a_full_explanation() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in Code::ALL {
            let info = c.info();
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(info.code, c);
            assert_eq!(Code::parse(c.as_str()), Some(c));
            assert!(crate::text::slug::is_slug(c.as_str()), "{c}");
            for (what, text) in [
                ("title", info.title),
                ("explanation", info.explanation),
                ("wrong", info.wrong),
                ("right", info.right),
            ] {
                assert!(!text.trim().is_empty(), "{c}: empty {what}");
                // Printed to a terminal and into SARIF: nothing invisible or controlling.
                let hidden = |ch: char| {
                    (ch.is_control() && ch != '\n')
                        || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')
                        || matches!(ch, '\u{2060}'..='\u{2069}' | '\u{FEFF}')
                };
                assert!(!text.chars().any(hidden), "{c}: hidden character in {what}");
            }
            assert_ne!(info.wrong, info.right, "{c}: the examples must differ");
            assert!(info.explanation.len() > 60, "{c}: explanation too short");
        }
        assert_eq!(Code::parse(" SO-HIEU "), Some(Code::SoHieu));
        assert_eq!(Code::parse("khong-co-ma-nay"), None);
    }
}
