//! Domain words with a closed set of values (`loai`, `vai_tro`, `kenh`, `cap`): each is an enum
//! whose key (SPEC spelling), Vietnamese label and "use one of" hint are written here once.
//!
//! The loader parses keys into these enums, rendering shows their labels, the schema generator
//! lists their keys as allowed values, and messages name them from here, so a value can never be
//! accepted in one place and refused in another. Nothing here reads files or knows about
//! diagnostics: these are plain words, below every other layer.

/// A closed set of values written as keys in content files.
pub trait Word: Copy + Eq + 'static {
    /// Every value, in the order SPEC lists them (the order pages show them in).
    const ALL: &'static [Self];
    /// The key the value is written as (`quyet-dinh`).
    fn key(self) -> &'static str;
    /// The Vietnamese name shown to readers (`Quyết định`).
    fn label(self) -> &'static str;

    /// The value written as `key`, exactly (keys are lowercase ASCII).
    fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|w| w.key() == key)
    }

    /// Every key, for schemas and "did you mean".
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|w| w.key()).collect()
    }

    /// Every key with its label, for editors' completion lists.
    fn choices() -> Vec<(&'static str, &'static str)> {
        Self::ALL.iter().map(|w| (w.key(), w.label())).collect()
    }

    /// "`a`, `b` hoặc `c`": the keys as a hint names them.
    fn one_of() -> String {
        let keys: Vec<String> = Self::ALL.iter().map(|w| format!("`{}`", w.key())).collect();
        match keys.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} hoặc {last}", rest.join(", ")),
            _ => keys.join(""),
        }
    }
}

macro_rules! word {
    ($(#[$meta:meta])* $name:ident { $( $variant:ident = $key:literal, $label:literal; )* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $variant, )*
        }

        impl Word for $name {
            const ALL: &'static [Self] = &[ $( $name::$variant, )* ];

            fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )*
                }
            }

            fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )*
                }
            }
        }
    };
}

word! {
    /// `cap` of `_site.yaml` (SPEC §5). Phường, thị trấn and đặc khu are `xa`.
    Level {
        Province = "tinh", "Tỉnh";
        District = "huyen", "Huyện";
        Commune = "xa", "Xã";
    }
}

word! {
    /// `vai_tro` of a task-force member (SPEC §5), in the order a roster lists them.
    Role {
        Leader = "to-truong", "Tổ trưởng";
        StandingDeputy = "to-pho-thuong-truc", "Tổ phó thường trực";
        Deputy = "to-pho", "Tổ phó";
        Member = "thanh-vien", "Thành viên";
        Secretary = "thu-ky", "Thư ký";
        Support = "giup-viec", "Tổ giúp việc";
    }
}

word! {
    /// `kenh` of a service guide (SPEC §4): where a resident does the procedure.
    Channel {
        NationalPortal = "dichvucong", "Cổng Dịch vụ công quốc gia";
        VneId = "vneid", "Ứng dụng VNeID";
        InPerson = "truc-tiep", "Trực tiếp tại Bộ phận Một cửa";
    }
}

word! {
    /// `loai` of a document (SPEC §3): the types of Decree 30/2020 that task forces issue.
    DocKind {
        Decision = "quyet-dinh", "Quyết định";
        Directive = "chi-thi", "Chỉ thị";
        Regulation = "quy-che", "Quy chế";
        Rule = "quy-dinh", "Quy định";
        Notice = "thong-bao", "Thông báo";
        Guidance = "huong-dan", "Hướng dẫn";
        Programme = "chuong-trinh", "Chương trình";
        Plan = "ke-hoach", "Kế hoạch";
        Scheme = "phuong-an", "Phương án";
        Project = "de-an", "Đề án";
        Report = "bao-cao", "Báo cáo";
        Minutes = "bien-ban", "Biên bản";
        Submission = "to-trinh", "Tờ trình";
        Letter = "cong-van", "Công văn";
        Invitation = "giay-moi", "Giấy mời";
    }
}

impl DocKind {
    /// The type name in capitals as printed above the summary (`QUYẾT ĐỊNH`).
    pub fn printed_name(self) -> &'static str {
        match self {
            DocKind::Decision => "QUYẾT ĐỊNH",
            DocKind::Directive => "CHỈ THỊ",
            DocKind::Regulation => "QUY CHẾ",
            DocKind::Rule => "QUY ĐỊNH",
            DocKind::Notice => "THÔNG BÁO",
            DocKind::Guidance => "HƯỚNG DẪN",
            DocKind::Programme => "CHƯƠNG TRÌNH",
            DocKind::Plan => "KẾ HOẠCH",
            DocKind::Scheme => "PHƯƠNG ÁN",
            DocKind::Project => "ĐỀ ÁN",
            DocKind::Report => "BÁO CÁO",
            DocKind::Minutes => "BIÊN BẢN",
            DocKind::Submission => "TỜ TRÌNH",
            DocKind::Letter => "CÔNG VĂN",
            DocKind::Invitation => "GIẤY MỜI",
        }
    }

    /// The type abbreviation of the symbol (Decree 30/2020, Appendix III); a công văn has none.
    pub fn abbreviation(self) -> Option<&'static str> {
        Some(match self {
            DocKind::Decision => "QĐ",
            DocKind::Directive => "CT",
            DocKind::Regulation => "QC",
            DocKind::Rule => "QyĐ",
            DocKind::Notice => "TB",
            DocKind::Guidance => "HD",
            DocKind::Programme => "CTr",
            DocKind::Plan => "KH",
            DocKind::Scheme => "PA",
            DocKind::Project => "ĐA",
            DocKind::Report => "BC",
            DocKind::Minutes => "BB",
            DocKind::Submission => "TTr",
            DocKind::Letter => return None,
            DocKind::Invitation => "GM",
        })
    }

    /// Normative and directing documents take effect when signed unless they say otherwise;
    /// reports, letters and invitations have no validity to show.
    pub fn has_validity(self) -> bool {
        matches!(
            self,
            DocKind::Decision
                | DocKind::Directive
                | DocKind::Regulation
                | DocKind::Rule
                | DocKind::Guidance
                | DocKind::Programme
                | DocKind::Plan
                | DocKind::Scheme
                | DocKind::Project
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_slugs() {
        fn check<W: Word + std::fmt::Debug>() {
            for &w in W::ALL {
                assert_eq!(W::parse(w.key()), Some(w));
                assert!(crate::text::slug::is_slug(w.key()), "{w:?}");
                assert!(!w.label().is_empty());
            }
        }
        check::<Level>();
        check::<Role>();
        check::<Channel>();
        check::<DocKind>();
        assert_eq!(DocKind::ALL.len(), 15);
        assert_eq!(Level::parse("phuong"), None);
    }

    #[test]
    fn hints_name_every_key() {
        assert_eq!(Level::one_of(), "`tinh`, `huyen` hoặc `xa`");
        assert_eq!(Channel::one_of(), "`dichvucong`, `vneid` hoặc `truc-tiep`");
    }
}
