//! Writes the Word files of `tests/fixtures/import/` with the layout real signed documents have:
//! the header and the signature as borderless two-column tables, bold runs split in the middle
//! of a word as Word saves them, tracked-change leftovers (`w:del`/`w:ins`), list numbers from
//! `numbering.xml`, a table with merged cells, a decision with its regulation in the same file, a
//! công văn and an unsigned draft; and the hostile files (zip bomb, DOCTYPE entity expansion,
//! deep nesting, zips that are not Word files).
//!
//! The committed `.docx` files are this generator's output: `docx_fixtures_are_generated` fails
//! when they differ, and `NIEMYET_GHI_MAU=1 cargo test --test integration docx_fixtures` rewrites
//! them.

use std::io::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One run; `b` bold, `i` italic.
pub fn r(text: &str, b: bool, i: bool) -> String {
    let mut props = String::new();
    if b {
        props.push_str("<w:b/><w:bCs/>");
    }
    if i {
        props.push_str("<w:i/>");
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr><w:rFonts w:ascii=\"Times New Roman\"/>{props}<w:sz w:val=\"28\"/></w:rPr>")
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

pub fn p(runs: &[String]) -> String {
    format!(
        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
        runs.concat()
    )
}

pub fn plain(text: &str) -> String {
    p(&[r(text, false, false)])
}

pub fn bold(text: &str) -> String {
    p(&[r(text, true, false)])
}

pub fn empty() -> String {
    "<w:p/>".to_string()
}

/// A paragraph of list `num` at level `lvl` (numbering.xml prints its number).
pub fn item(num: u32, lvl: u32, runs: &[String]) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
        runs.concat()
    )
}

/// Deleted text as a tracked change leaves it.
pub fn del(text: &str) -> String {
    format!(
        "<w:del w:id=\"1\" w:author=\"Văn thư\" w:date=\"2025-08-14T08:00:00Z\"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
        esc(text)
    )
}

pub fn ins(text: &str) -> String {
    format!(
        "<w:ins w:id=\"2\" w:author=\"Văn thư\" w:date=\"2025-08-14T08:00:00Z\"><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>",
        esc(text)
    )
}

/// A cell: its paragraphs, columns spanned, and `Some(true)` to start / `Some(false)` to
/// continue a vertical merge.
pub struct Cell {
    pub paras: Vec<String>,
    pub span: u32,
    pub vmerge: Option<bool>,
}

pub fn cell(paras: &[String]) -> Cell {
    Cell {
        paras: paras.to_vec(),
        span: 1,
        vmerge: None,
    }
}

pub fn table(rows: &[Vec<Cell>], borderless: bool) -> String {
    let borders = if borderless {
        "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
    } else {
        "<w:tblBorders><w:top w:val=\"single\"/><w:bottom w:val=\"single\"/><w:insideH w:val=\"single\"/><w:insideV w:val=\"single\"/></w:tblBorders>"
    };
    let mut s = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>{borders}</w:tblPr><w:tblGrid/>"
    );
    for row in rows {
        s.push_str("<w:tr>");
        for c in row {
            s.push_str("<w:tc><w:tcPr>");
            if c.span > 1 {
                s.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", c.span));
            }
            match c.vmerge {
                Some(true) => s.push_str("<w:vMerge w:val=\"restart\"/>"),
                Some(false) => s.push_str("<w:vMerge/>"),
                None => {}
            }
            s.push_str("</w:tcPr>");
            if c.paras.is_empty() {
                s.push_str("<w:p/>");
            }
            for para in &c.paras {
                s.push_str(para);
            }
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;

/// The parts of a Word file around `body` (the children of `w:body`).
pub fn docx(body: &str, numbering: bool) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>{}</Types>",
            if numbering { "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>" } else { "" }
        )),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/_rels/document.xml.rels", format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
            if numbering { "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>" } else { "" }
        )),
        ("word/document.xml", document),
    ];
    if numbering {
        parts.push(("word/numbering.xml", NUMBERING.to_string()));
    }
    zip_of(parts.iter().map(|(n, t)| (*n, t.as_bytes())))
}

/// A zip of the given parts, deflated, with fixed times: the same bytes on every run.
pub fn zip_of<'a>(parts: impl Iterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in parts {
        w.start_file(name, opts).expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

pub fn header(issuer: &[&str], number: &[String], date: &[String]) -> String {
    let issuer_paras: Vec<String> = issuer.iter().map(|s| bold(s)).collect();
    table(
        &[
            vec![
                cell(&issuer_paras),
                cell(&[
                    bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    bold("Độc lập - Tự do - Hạnh phúc"),
                ]),
            ],
            vec![cell(number), cell(date)],
        ],
        true,
    )
}

pub fn signature(recipients: &[&str], sign: &[String]) -> String {
    let mut left = vec![p(&[r("Nơi nhận:", true, true)])];
    left.extend(recipients.iter().map(|s| plain(&format!("- {s}"))));
    table(&[vec![cell(&left), cell(sign)]], true)
}

/// A decision with its regulation in the same file: split bold runs in the number, the title
/// and "Điều", a tracked change in a basis, lists and a table with merged cells in the
/// regulation.
pub fn quyet_dinh_kem_quy_che() -> Vec<u8> {
    let mut b = String::new();
    b.push_str(&header(
        &["UBND XÃ BÌNH MINH", "TỔ CÔNG TÁC ĐỀ ÁN 06"],
        &[p(&[
            r("Số: ", false, false),
            r("0", true, false),
            r("7", true, false),
            r("/QĐ-TCT", false, false),
        ])],
        &[p(&[
            r("Bình Minh, ngày ", false, true),
            r("15", true, true),
            r(" tháng 8 năm 2025", false, true),
        ])],
    ));
    b.push_str(&empty());
    b.push_str(&p(&[r("QUY", true, false), r("ẾT ĐỊNH", true, false)]));
    b.push_str(&p(&[
        r("Ban hành Quy ch", true, false),
        r(
            "ế hoạt động của Tổ công tác triển khai Đề án 06 xã Bình Minh",
            true,
            false,
        ),
    ]));
    b.push_str(&empty());
    b.push_str(&bold("TỔ TRƯỞNG TỔ CÔNG TÁC ĐỀ ÁN 06 XÃ BÌNH MINH"));
    b.push_str(&p(&[r("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư", false, true), r(";", false, true)]));
    b.push_str(&p(&[
        r("Căn cứ Quyết định số 15/QĐ-UBND ngày ", false, false),
        del("01/7/2025"),
        ins("05/7/2025"),
        r(" của Ủy ban nhân dân xã về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh;", false, false),
    ]));
    b.push_str(&plain("Theo đề nghị của Trưởng Công an xã."));
    b.push_str(&bold("QUYẾT ĐỊNH:"));
    b.push_str(&p(&[r("Đi", true, false), r("ều 1.", true, false), r(" Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công tác triển khai Đề án 06 xã Bình Minh.", false, false)]));
    b.push_str(&p(&[
        r("Điều 2.", true, false),
        r(" Quyết định có hiệu lực kể từ ngày ký.", false, false),
    ]));
    b.push_str(&p(&[
        r("Điều 3.", true, false),
        r(
            " Các thành viên Tổ công tác chịu trách nhiệm thi hành Quyết định này./.",
            false,
            false,
        ),
    ]));
    b.push_str(&signature(
        &["Như Điều 3;", "UBND huyện (b/c);", "Lưu: VT, CA."],
        &[
            bold("TỔ TRƯỞNG"),
            empty(),
            empty(),
            bold("CHỦ TỊCH UBND XÃ"),
            bold("Nguyễn Văn Hùng"),
        ],
    ));
    b.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    b.push_str(&header(
        &["UBND XÃ BÌNH MINH", "TỔ CÔNG TÁC ĐỀ ÁN 06"],
        &[empty()],
        &[empty()],
    ));
    b.push_str(&bold("QUY CHẾ"));
    b.push_str(&bold(
        "Hoạt động của Tổ công tác triển khai Đề án 06 xã Bình Minh",
    ));
    b.push_str(&p(&[r(
        "(Ban hành kèm theo Quyết định số 07/QĐ-TCT ngày 15/8/2025 của Tổ trưởng Tổ công tác)",
        false,
        true,
    )]));
    b.push_str(&bold("Chương I"));
    b.push_str(&bold("QUY ĐỊNH CHUNG"));
    b.push_str(&p(&[r("Điều 1. Phạm vi điều chỉnh", true, false)]));
    b.push_str(&plain(
        "1. Quy chế này quy định chế độ làm việc của Tổ công tác.",
    ));
    b.push_str(&plain(
        "2. Quy chế áp dụng đối với các thành viên Tổ công tác.",
    ));
    b.push_str(&p(&[r("Điều 2. Nguyên tắc làm việc", true, false)]));
    b.push_str(&item(
        2,
        0,
        &[r("Làm việc theo chế độ kiêm nhiệm;", false, false)],
    ));
    b.push_str(&item(
        2,
        0,
        &[
            r("Bảo đảm ", false, false),
            r("bí mật", false, true),
            r(" thông tin công dân.", false, false),
        ],
    ));
    b.push_str(&bold("Chương II"));
    b.push_str(&bold("NHIỆM VỤ CỦA THÀNH VIÊN"));
    b.push_str(&p(&[r("Điều 3. Phân công nhiệm vụ", true, false)]));
    b.push_str(&plain("Nhiệm vụ của các thành viên như bảng sau:"));
    b.push_str(&table(
        &[
            vec![
                cell(&[bold("STT")]),
                cell(&[bold("Thành viên")]),
                cell(&[bold("Nhiệm vụ")]),
            ],
            vec![
                Cell {
                    paras: vec![plain("1")],
                    span: 1,
                    vmerge: Some(true),
                },
                cell(&[plain("Công an xã")]),
                cell(&[plain("Thu nhận hồ sơ định danh điện tử")]),
            ],
            vec![
                Cell {
                    paras: vec![],
                    span: 1,
                    vmerge: Some(false),
                },
                Cell {
                    paras: vec![plain("Kích hoạt tài khoản VNeID tại nhà văn hóa thôn")],
                    span: 2,
                    vmerge: None,
                },
            ],
        ],
        false,
    ));
    b.push_str(&plain("Tổ trưởng xem xét, sửa đổi Quy chế khi cần./."));
    docx(&b, true)
}

/// A công văn: `V/v` under the number in the header, `Kính gửi` with a list, KT. signature.
pub fn cong_van() -> Vec<u8> {
    let mut b = String::new();
    b.push_str(&header(
        &["ỦY BAN NHÂN DÂN", "XÃ BÌNH MINH"],
        &[
            plain("Số: 112/UBND-CA"),
            p(&[r("V/v đôn đốc kích hoạt tài khoản", false, false)]),
            plain("định danh điện tử mức 2"),
        ],
        &[p(&[r("Bình Minh, ngày 20 tháng 8 năm 2025", false, true)])],
    ));
    b.push_str(&empty());
    b.push_str(&p(&[r("Kính gửi:", false, false)]));
    b.push_str(&item(2, 0, &[r("Trưởng các thôn;", false, false)]));
    b.push_str(&item(2, 0, &[r("Công an xã.", false, false)]));
    b.push_str(&plain("Thực hiện Kế hoạch số 02/KH-UBND ngày 10/7/2025 của UBND xã về triển khai Đề án 06, Chủ tịch UBND xã đề nghị các thôn tổ chức kích hoạt tài khoản cho người dân ngay trong tháng 8."));
    b.push_str(&plain("Đề nghị các đơn vị khẩn trương thực hiện./."));
    b.push_str(&signature(
        &["Như trên;", "Lưu: VT."],
        &[
            bold("KT. CHỦ TỊCH"),
            bold("PHÓ CHỦ TỊCH"),
            p(&[r("(Đã ký)", false, true)]),
            bold("Trần Thị Lan"),
        ],
    ));
    docx(&b, true)
}

/// An unsigned draft plan: blank number and date; sections and items numbered by numbering.xml.
pub fn du_thao_ke_hoach() -> Vec<u8> {
    let mut b = String::new();
    b.push_str(&header(
        &["UBND XÃ BÌNH MINH", "TỔ CÔNG TÁC ĐỀ ÁN 06"],
        &[plain("Số:        /KH-TCT")],
        &[p(&[r(
            "Bình Minh, ngày      tháng      năm 2025",
            false,
            true,
        )])],
    ));
    b.push_str(&bold("KẾ HOẠCH"));
    b.push_str(&bold(
        "Triển khai dịch vụ công trực tuyến tại các thôn năm 2026",
    ));
    b.push_str(&empty());
    b.push_str(&item(1, 0, &[r("MỤC ĐÍCH, YÊU CẦU", true, false)]));
    b.push_str(&item(
        1,
        1,
        &[r(
            "Hoàn thành chỉ tiêu của Đề án 06 trên địa bàn xã.",
            false,
            false,
        )],
    ));
    b.push_str(&item(
        1,
        1,
        &[r("Bảo đảm an toàn thông tin công dân.", false, false)],
    ));
    b.push_str(&item(1, 0, &[r("NHIỆM VỤ", true, false)]));
    b.push_str(&item(1, 1, &[r("Công an xã", true, false)]));
    b.push_str(&item(1, 2, &[r("Thu nhận hồ sơ tại thôn.", false, false)]));
    b.push_str(&item(
        1,
        2,
        &[r("Hướng dẫn người dân kích hoạt VNeID.", false, false)],
    ));
    b.push_str(&signature(
        &["Các thành viên Tổ công tác;", "Lưu: VT."],
        &[bold("TỔ TRƯỞNG"), bold("CHỦ TỊCH UBND XÃ")],
    ));
    docx(&b, true)
}

/// The Word fixtures by file name.
pub fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("quyet-dinh-kem-quy-che.docx", quyet_dinh_kem_quy_che()),
        ("cong-van.docx", cong_van()),
        ("du-thao-ke-hoach.docx", du_thao_ke_hoach()),
    ]
}

/// 64 MB of zeros that deflate to a few tens of kilobytes.
pub fn zip_bomb() -> Vec<u8> {
    let zeros = vec![b' '; 64 * 1024 * 1024];
    zip_of([("word/document.xml", zeros.as_slice())].into_iter())
}

/// The "billion laughs": entities that expand exponentially, declared in a DOCTYPE.
pub fn entity_expansion() -> Vec<u8> {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        xml.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&lol{};", i - 1)
                .repeat(10)
                .replace("&lol0;", "&lol;")
        ));
    }
    xml.push_str("]>\n<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    zip_of([("word/document.xml", xml.as_bytes())].into_iter())
}

/// 200,000 nested elements.
pub fn deep_nesting() -> Vec<u8> {
    let n = 200_000;
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(n),
        "</w:sdt>".repeat(n)
    );
    zip_of([("word/document.xml", xml.as_bytes())].into_iter())
}

/// A zip that holds no Word document.
pub fn not_a_docx() -> Vec<u8> {
    zip_of([("ghi-chu.txt", "Không phải văn bản Word".as_bytes())].into_iter())
}
