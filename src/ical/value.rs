//! Value types: DATE, DATE-TIME, DURATION, UTC-OFFSET, leniently and without panics.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A DATE or DATE-TIME as written, before any zone is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    Date(NaiveDate),
    /// `utc` when written with a trailing `Z`.
    DateTime {
        local: NaiveDateTime,
        utc: bool,
    },
}

/// The value of ASCII digits (all checked to be digits).
fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// Parses `YYYYMMDD` (also `YYYY-MM-DD`).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().as_bytes();
    // Without allocating: up to ten bytes, the dashes of `YYYY-MM-DD` dropped.
    let mut digits = [0u8; 10];
    let mut n = 0;
    if s.len() == 10 && s[4] == b'-' {
        for &b in s.iter().filter(|b| **b != b'-') {
            digits[n] = b;
            n += 1;
        }
    } else if s.len() == 8 {
        digits[..8].copy_from_slice(s);
        n = 8;
    }
    let digits = &digits[..n];
    if n != 8 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y = i32::try_from(number(&digits[0..4])).ok()?;
    NaiveDate::from_ymd_opt(y, number(&digits[4..6]), number(&digits[6..8]))
}

/// Parses `YYYYMMDDTHHMMSS[Z]` (seconds may be missing; a leap second reads as :59).
pub(crate) fn parse_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
    let s = s.trim();
    let (s, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (date, time) = s.split_once(['T', 't'])?;
    let date = parse_date(date)?;
    // The time's digits, colons dropped (at most six).
    let mut digits = [0u8; 6];
    let mut n = 0;
    for &b in time.as_bytes().iter().filter(|b| **b != b':') {
        if n == digits.len() {
            return None;
        }
        digits[n] = b;
        n += 1;
    }
    let digits = &digits[..n];
    if !(n == 6 || n == 4) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sec = if n == 6 { number(&digits[4..6]) } else { 0 };
    let time = NaiveTime::from_hms_opt(number(&digits[0..2]), number(&digits[2..4]), sec.min(59))?;
    Some((date.and_time(time), utc))
}

/// Parses a DATE or DATE-TIME, trusting the shape of the value over its `VALUE=` parameter.
pub(crate) fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    if let Some((local, utc)) = parse_date_time(s) {
        return Some(Stamp::DateTime { local, utc });
    }
    parse_date(s).map(Stamp::Date)
}

/// A DURATION: whole days (nominal, follow the wall clock) plus exact seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Duration {
    pub days: i64,
    pub seconds: i64,
}

/// Longest duration accepted (about 100 years), so that arithmetic never overflows.
const MAX_SPAN_DAYS: i64 = 36_600;

/// Parses `[+-]P[nW][nD][T[nH][nM][nS]]`, leniently (any order of W and D, lower case).
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim().to_ascii_uppercase();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_string()),
    };
    let s = s.strip_prefix('P')?;
    if s.is_empty() {
        return None;
    }
    let mut days: i64 = 0;
    let mut seconds: i64 = 0;
    let mut num = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                if num.len() >= 9 {
                    return None;
                }
                num.push(c);
            }
            'T' => in_time = true,
            'W' | 'D' | 'H' | 'M' | 'S' => {
                let n: i64 = num.parse().ok()?;
                num.clear();
                any = true;
                match (c, in_time) {
                    ('W', _) => days += n * 7,
                    ('D', _) => days += n,
                    ('H', true) => seconds += n * 3600,
                    ('M', true) => seconds += n * 60,
                    ('S', true) => seconds += n,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    if !num.is_empty() || !any {
        return None;
    }
    if days + seconds / 86_400 > MAX_SPAN_DAYS {
        return None;
    }
    Some(if neg {
        Duration {
            days: -days,
            seconds: -seconds,
        }
    } else {
        Duration { days, seconds }
    })
}

/// Parses a UTC offset `+HHMM` or `+HHMMSS` into seconds; `None` if out of range (|x| >= 24h).
pub(crate) fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let rest = rest.replace(':', "");
    if !(rest.len() == 4 || rest.len() == 6) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = rest[0..2].parse().ok()?;
    let m: i32 = rest[2..4].parse().ok()?;
    let sec: i32 = if rest.len() == 6 {
        rest[4..6].parse().ok()?
    } else {
        0
    };
    if h >= 24 || m >= 60 || sec >= 60 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(parse_date("20140409"), NaiveDate::from_ymd_opt(2014, 4, 9));
        assert_eq!(
            parse_date("2014-04-09"),
            NaiveDate::from_ymd_opt(2014, 4, 9)
        );
        assert_eq!(parse_date("20140230"), None);
        assert_eq!(parse_date("2014040"), None);
        let (dt, utc) = parse_date_time("20140409T093000Z").unwrap();
        assert!(utc);
        assert_eq!(dt.to_string(), "2014-04-09 09:30:00");
        assert_eq!(
            parse_date_time("20140409T0930").unwrap().0.to_string(),
            "2014-04-09 09:30:00"
        );
        assert_eq!(parse_date_time("20140409T256000"), None);
        assert_eq!(
            parse_stamp("20140409"),
            Some(Stamp::Date(NaiveDate::from_ymd_opt(2014, 4, 9).unwrap()))
        );
        assert_eq!(parse_stamp("x"), None);
        assert_eq!(parse_stamp("2014ä409"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("PT1H0M0S"),
            Some(Duration {
                days: 0,
                seconds: 3600
            })
        );
        assert_eq!(
            parse_duration("P1D"),
            Some(Duration {
                days: 1,
                seconds: 0
            })
        );
        assert_eq!(
            parse_duration("P2W"),
            Some(Duration {
                days: 14,
                seconds: 0
            })
        );
        assert_eq!(
            parse_duration("-PT15M"),
            Some(Duration {
                days: 0,
                seconds: -900
            })
        );
        assert_eq!(
            parse_duration("P1DT4H30M"),
            Some(Duration {
                days: 1,
                seconds: 16200
            })
        );
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1H"), None);
        assert_eq!(parse_duration("P99999999999W"), None);
        assert_eq!(parse_duration("P999999W"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+0100"), Some(3600));
        assert_eq!(parse_offset("-0430"), Some(-16200));
        assert_eq!(parse_offset("+034152"), Some(13312));
        assert_eq!(parse_offset("+5328"), None);
        assert_eq!(parse_offset("0100"), None);
    }

    /// The parsers as they were before they stopped allocating, to pin that they agree.
    mod reference {
        use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

        pub fn parse_date(s: &str) -> Option<NaiveDate> {
            let s = s.trim();
            let digits: String = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
                s.chars().filter(|c| *c != '-').collect()
            } else {
                s.to_string()
            };
            if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let y = digits[0..4].parse().ok()?;
            let m = digits[4..6].parse().ok()?;
            let d = digits[6..8].parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d)
        }

        /// Parses `YYYYMMDDTHHMMSS[Z]` (seconds may be missing; a leap second reads as :59).
        pub fn parse_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
            let s = s.trim();
            let (s, utc) = match s.strip_suffix(['Z', 'z']) {
                Some(rest) => (rest, true),
                None => (s, false),
            };
            let (date, time) = s.split_once(['T', 't'])?;
            let date = parse_date(date)?;
            let time = time.replace(':', "");
            if !(time.len() == 6 || time.len() == 4) || !time.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let h: u32 = time[0..2].parse().ok()?;
            let m: u32 = time[2..4].parse().ok()?;
            let sec: u32 = if time.len() == 6 {
                time[4..6].parse().ok()?
            } else {
                0
            };
            let time = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
            Some((date.and_time(time), utc))
        }
    }

    proptest::proptest! {
        #[test]
        fn dates_and_times_read_as_before(s in "[0-9Tt:Zz -]{0,20}|[0-9]{8}T[0-9]{4,6}Z?|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            proptest::prop_assert_eq!(parse_date(&s), reference::parse_date(&s));
            proptest::prop_assert_eq!(parse_date_time(&s), reference::parse_date_time(&s));
        }
    }
}
