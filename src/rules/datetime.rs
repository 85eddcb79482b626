//! DateTimeOffset values: ISO 8601 with seconds, 0 to 12 fraction digits, and `Z` or an offset.

/// Returns true when `text` is a DateTimeOffset that Graph accepts, such as
/// `2021-11-10T01:10:09.5220119Z` or `2021-11-10T03:10:09+02:00`.
///
/// ```
/// use graph_access_package::rules::datetime::is_date_time_offset;
///
/// assert!(is_date_time_offset("2021-11-10T03:10:09+02:00"));
/// assert!(!is_date_time_offset("2021-11-10T01:10:09"));
/// assert!(!is_date_time_offset("11/10/2021 01:10:09"));
/// ```
pub fn is_date_time_offset(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !date_and_time(&bytes[..19]) {
        return false;
    }
    let mut rest = &bytes[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=12).contains(&digits) {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        b"Z" => true,
        [sign, h1, h2, b':', m1, m2] if *sign == b'+' || *sign == b'-' => {
            number(&[*h1, *h2]).is_some_and(|h| h <= 14)
                && number(&[*m1, *m2]).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

fn date_and_time(bytes: &[u8]) -> bool {
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|(at, byte)| bytes[*at] != *byte) {
        return false;
    }
    let field = |from: usize, to: usize| number(&bytes[from..to]);
    let (Some(_year), Some(month), Some(day)) = (field(0, 4), field(5, 7), field(8, 10)) else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) = (field(11, 13), field(14, 16), field(17, 19))
    else {
        return false;
    };
    (1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60 && second < 60
}

fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |total, byte| {
        byte.is_ascii_digit()
            .then(|| total * 10 + u32::from(byte - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_graph_forms() {
        assert!(is_date_time_offset("2021-11-10T01:10:09.5220119Z"));
        assert!(is_date_time_offset("2021-11-10T01:10:09Z"));
        assert!(is_date_time_offset("2021-11-10T03:10:09+02:00"));
        assert!(is_date_time_offset(
            "2021-11-10T03:10:09.123456789012-05:30"
        ));
    }

    #[test]
    fn rejects_other_forms() {
        assert!(!is_date_time_offset("2021-11-10T01:10:09"));
        assert!(!is_date_time_offset("11/10/2021 01:10:09"));
        assert!(!is_date_time_offset("2021-13-10T01:10:09Z"));
        assert!(!is_date_time_offset("2021-11-10T01:10:09.Z"));
        assert!(!is_date_time_offset("2021-11-10T01:10:09.1234567890123Z"));
        assert!(!is_date_time_offset("2021-11-10 01:10:09Z"));
        assert!(!is_date_time_offset("String (timestamp)"));
    }
}
