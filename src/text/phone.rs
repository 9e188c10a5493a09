//! What Excel does to phone numbers (SPEC §5, §9): a column of type Number drops the leading
//! zero (`0914 555 666` → `914555666`) and shows long numbers in scientific notation
//! (`84914555666` → `8.49146E+10`, `8,49146E+10` in Vietnamese locale). Both would be published
//! as a `tel:` link that calls no one, and printed on a poster.
//!
//! This module recognizes those two shapes and says how to fix them; it never repairs a number
//! itself (digits lost to scientific notation cannot be recovered, and a guessed zero is a guess).

/// A phone number damaged by Excel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExcelDamage {
    /// `8.49146E+10`: the last digits are gone.
    Exponent,
    /// `914555666`: the leading zero is gone; the number as it was, with its zero.
    LostZero(String),
}

/// How Excel damaged `s`, when it did. Two numbers joined by `/` or `,` are looked at one by one.
pub fn excel_damage(s: &str) -> Option<ExcelDamage> {
    if is_exponent(s.trim()) {
        return Some(ExcelDamage::Exponent);
    }
    s.split(['/', ','])
        .map(str::trim)
        .find(|part| lost_zero(part))
        .map(|part| ExcelDamage::LostZero(format!("0{part}")))
}

/// `8.49146E+10`, `8,49146E+10`, `8E10`: a mantissa, `E`, an exponent.
fn is_exponent(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once(['.', ',']) {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    mantissa_ok && digits(exponent)
}

/// A mobile number without its zero (9 digits from 3, 5, 7, 8 or 9) or a landline without it
/// (10 digits from 2): Vietnamese numbers written in the national form always start with 0.
fn lost_zero(part: &str) -> bool {
    if !part
        .chars()
        .all(|c| c.is_ascii_digit() || " .-".contains(c))
    {
        return false;
    }
    let digits: String = part.chars().filter(char::is_ascii_digit).collect();
    matches!(
        (digits.len(), digits.bytes().next()),
        (9, Some(b'3' | b'5' | b'7' | b'8' | b'9')) | (10, Some(b'2'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_exponents_are_recognized() {
        for s in ["8.49146E+10", "8,49146E+10", "8E10", "9.14556e+08"] {
            assert_eq!(excel_damage(s), Some(ExcelDamage::Exponent), "{s}");
        }
    }

    #[test]
    fn lost_zeros_are_recognized_with_the_number_as_it_was() {
        assert_eq!(
            excel_damage("914555666"),
            Some(ExcelDamage::LostZero("0914555666".into()))
        );
        assert_eq!(
            excel_damage("2343871206"),
            Some(ExcelDamage::LostZero("02343871206".into()))
        );
        assert_eq!(
            excel_damage("0234 3871 206 / 912 000 101"),
            Some(ExcelDamage::LostZero("0912 000 101".into()))
        );
    }

    #[test]
    fn whole_numbers_are_left_alone() {
        for s in [
            "0914555666",
            "0234 3871 206",
            "+84 912 000 101",
            "84912000101",
            "1800 1096",
            "1900 0368",
            "113",
            "Ext",
        ] {
            assert_eq!(excel_damage(s), None, "{s}");
        }
    }
}
