/// Parses an HTTP date in the IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`, to Unix
/// seconds. Other forms, such as the obsolete RFC 850 dates, and dates before 1970 give
/// `None`.
///
/// ```
/// use graph_access_package::time::parse_http_date;
///
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
/// assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
/// ```
pub fn parse_http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.trim().split(' ').collect();
    let [_weekday, day, month, year, clock, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|name| name == month)? as i64 + 1;
    let (hour, minute, second) = parse_clock(clock)?;
    // IMF-fixdate has a two-digit day and a four-digit year, so every date it names formats
    // back as ISO 8601.
    if day.len() != 2 || year.len() != 4 {
        return None;
    }
    let day: i64 = digits(day)?;
    let year: i64 = digits(year)?;
    if !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

fn parse_clock(clock: &str) -> Option<(i64, i64, i64)> {
    let mut fields = clock.split(':').map(digits);
    let (hour, minute, second) = (fields.next()??, fields.next()??, fields.next()??);
    if fields.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some((hour, minute, second))
}

fn digits(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Returns the days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Formats Unix seconds as ISO 8601 in UTC with `Z`, without a fraction.
///
/// ```
/// use graph_access_package::time::format_iso;
///
/// assert_eq!(format_iso(784_111_777), "1994-11-06T08:49:37Z");
/// assert_eq!(format_iso(0), "1970-01-01T00:00:00Z");
/// ```
pub fn format_iso(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let clock = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        clock / 3600,
        clock / 60 % 60,
        clock % 60
    )
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Returns Graph's `innerError.date` as ISO 8601 UTC with `Z`: a value without an offset is
/// UTC, and one that already ends in `Z` is kept. Anything else gives `None`.
///
/// ```
/// use graph_access_package::time::normalize_graph_date;
///
/// let date = normalize_graph_date("2024-05-01T10:00:00");
/// assert_eq!(date.as_deref(), Some("2024-05-01T10:00:00Z"));
/// assert_eq!(normalize_graph_date("2024-05-01T12:00:00+02:00"), None);
/// assert_eq!(normalize_graph_date("Wed, 01 May 2024"), None);
/// ```
pub fn normalize_graph_date(text: &str) -> Option<String> {
    let candidate = if text.ends_with('Z') {
        text.to_owned()
    } else {
        format!("{text}Z")
    };
    crate::rules::datetime::is_date_time_offset(&candidate).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_date_round_trip() {
        let seconds = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(seconds, 784_111_777);
        assert_eq!(format_iso(seconds), "1994-11-06T08:49:37Z");
    }

    #[test]
    fn http_date_rejects_other_forms() {
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("30"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
    }

    #[test]
    fn http_date_needs_four_digit_year() {
        assert_eq!(parse_http_date("Mon, 01 Jan 999999999 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Mon, 01 Jan 10000 00:00:00 GMT"), None);
        assert_eq!(parse_http_date("Mon, 1 Jan 2026 00:00:00 GMT"), None);
    }

    #[test]
    fn leap_day_formats() {
        assert_eq!(format_iso(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn graph_date_gets_z() {
        assert_eq!(
            normalize_graph_date("2026-11-30T08:14:02").unwrap(),
            "2026-11-30T08:14:02Z"
        );
        assert_eq!(
            normalize_graph_date("2026-11-30T08:14:02Z").unwrap(),
            "2026-11-30T08:14:02Z"
        );
        assert_eq!(normalize_graph_date("yesterday"), None);
    }
}
