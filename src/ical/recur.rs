//! RRULE: a lenient parser, normalisation of real-world quirks, and wall-clock expansion.
//!
//! Expansion hands the `rrule` crate the event's *wall-clock* start as if it were UTC, so the
//! crate never applies a zone itself: every occurrence comes back as local wall-clock time,
//! which the caller converts to UTC in the event's own zone (DST-correct, gap and ambiguity
//! rules in one place). The crate validates strictly, so values it would reject are dropped
//! here first, each with a warning. BYDAY ordinals that RFC 5545 allows but the crate refuses
//! (`-5MO` in a month, `-53MO` in a year), and plain weekdays listed with ordinals (`MO,1TU`,
//! which the crate intersects), are expanded as every such weekday and then filtered here, so
//! that they keep their meaning.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use rrule::{Frequency, NWeekday, RRule, RRuleSet, Tz as RTz, Unvalidated};

use super::value::{Stamp, parse_stamp};

/// `UNTIL` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Until {
    Stamp(Stamp),
    Invalid(String),
}

/// A parsed RRULE (values already range-checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub freq: Frequency,
    pub interval: u16,
    pub count: Option<u32>,
    pub until: Option<Until>,
    pub by_day: Vec<(Option<i16>, Weekday)>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<u8>,
    pub by_year_day: Vec<i16>,
    pub by_week_no: Vec<i8>,
    pub by_set_pos: Vec<i32>,
    pub by_hour: Vec<u8>,
    pub by_minute: Vec<u8>,
    pub by_second: Vec<u8>,
    pub wkst: Weekday,
}

impl Rule {
    /// Whether the rule has no BYxxx part: every period holds exactly one occurrence.
    pub(crate) fn is_plain(&self) -> bool {
        self.by_day.is_empty()
            && self.by_month_day.is_empty()
            && self.by_month.is_empty()
            && self.by_year_day.is_empty()
            && self.by_week_no.is_empty()
            && self.by_set_pos.is_empty()
            && self.by_hour.is_empty()
            && self.by_minute.is_empty()
            && self.by_second.is_empty()
    }

    /// The length of one period in seconds, when all periods have the same length (not for
    /// months and years).
    pub(crate) fn period_seconds(&self) -> Option<i64> {
        match self.freq {
            Frequency::Secondly => Some(1),
            Frequency::Minutely => Some(60),
            Frequency::Hourly => Some(3_600),
            Frequency::Daily => Some(86_400),
            Frequency::Weekly => Some(7 * 86_400),
            Frequency::Monthly | Frequency::Yearly => None,
        }
    }
}

/// Parses an RRULE value. `Err` when there is no usable `FREQ`; otherwise the rule plus a
/// warning for each part that was dropped or repaired.
/// Whether an RRULE value says nothing at all (`RRULE:`, `RRULE:;`): no rule, not a broken
/// one (the event happens once).
pub(crate) fn is_empty_rule(value: &str) -> bool {
    value.split(';').all(|part| part.trim().is_empty())
}

pub(crate) fn parse_rrule(value: &str) -> Result<(Rule, Vec<String>), String> {
    let mut warnings = Vec::new();
    let mut freq = None;
    let mut rule = Rule {
        freq: Frequency::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        by_year_day: Vec::new(),
        by_week_no: Vec::new(),
        by_set_pos: Vec::new(),
        by_hour: Vec::new(),
        by_minute: Vec::new(),
        by_second: Vec::new(),
        wkst: Weekday::Mon,
    };
    for part in value.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((key, val)) = part.split_once('=') else {
            warnings.push(format!("RRULE part {part:?} has no value, ignored"));
            continue;
        };
        let key = key.trim().to_ascii_uppercase();
        let val = val.trim();
        match key.as_str() {
            "FREQ" => {
                freq = Some(match val.to_ascii_uppercase().as_str() {
                    "YEARLY" => Frequency::Yearly,
                    "MONTHLY" => Frequency::Monthly,
                    "WEEKLY" => Frequency::Weekly,
                    "DAILY" => Frequency::Daily,
                    "HOURLY" => Frequency::Hourly,
                    "MINUTELY" => Frequency::Minutely,
                    "SECONDLY" => Frequency::Secondly,
                    _ => return Err(format!("RRULE has an unknown FREQ {val:?}")),
                })
            }
            "INTERVAL" => match val.parse::<u16>() {
                Ok(n) if n > 0 => rule.interval = n,
                _ => warnings.push(format!("RRULE INTERVAL {val:?} is not valid, 1 assumed")),
            },
            "COUNT" => match val.parse::<u32>() {
                Ok(n) => rule.count = Some(n),
                Err(_) => warnings.push(format!("RRULE COUNT {val:?} is not valid, ignored")),
            },
            "UNTIL" => {
                rule.until = Some(match parse_stamp(val) {
                    Some(s) => Until::Stamp(s),
                    None => Until::Invalid(val.to_string()),
                })
            }
            "WKST" => match weekday(val) {
                Some(d) => rule.wkst = d,
                None => warnings.push(format!("RRULE WKST {val:?} is not a weekday, MO assumed")),
            },
            "BYDAY" => {
                for item in val.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match by_day_item(item) {
                        Some(d) => rule.by_day.push(d),
                        None => warnings.push(format!("RRULE BYDAY value {item:?} ignored")),
                    }
                }
            }
            "BYMONTHDAY" => rule.by_month_day = numbers(val, -31, 31, "BYMONTHDAY", &mut warnings),
            "BYMONTH" => rule.by_month = numbers(val, 1, 12, "BYMONTH", &mut warnings),
            "BYYEARDAY" => rule.by_year_day = numbers(val, -366, 366, "BYYEARDAY", &mut warnings),
            "BYWEEKNO" => rule.by_week_no = numbers(val, -53, 53, "BYWEEKNO", &mut warnings),
            "BYSETPOS" => rule.by_set_pos = numbers(val, -366, 366, "BYSETPOS", &mut warnings),
            "BYHOUR" => rule.by_hour = numbers(val, 0, 23, "BYHOUR", &mut warnings),
            "BYMINUTE" => rule.by_minute = numbers(val, 0, 59, "BYMINUTE", &mut warnings),
            "BYSECOND" => rule.by_second = numbers(val, 0, 59, "BYSECOND", &mut warnings),
            _ => {}
        }
    }
    rule.freq = freq.ok_or_else(|| "RRULE has no FREQ".to_string())?;
    normalise(&mut rule, &mut warnings);
    Ok((rule, warnings))
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn by_day_item(item: &str) -> Option<(Option<i16>, Weekday)> {
    if item.len() < 2 || !item.is_char_boundary(item.len() - 2) {
        return None;
    }
    let (n, day) = item.split_at(item.len() - 2);
    let day = weekday(day)?;
    let n = n.trim();
    if n.is_empty() {
        return Some((None, day));
    }
    let n: i16 = n.strip_prefix('+').unwrap_or(n).parse().ok()?;
    if n == 0 || !(-53..=53).contains(&n) {
        return None;
    }
    Some((Some(n), day))
}

fn numbers<T: TryFrom<i64>>(
    val: &str,
    min: i64,
    max: i64,
    what: &str,
    warnings: &mut Vec<String>,
) -> Vec<T> {
    let mut out = Vec::new();
    for item in val.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let n = item.strip_prefix('+').unwrap_or(item).parse::<i64>();
        match n {
            Ok(n) if n != 0 || min == 0 => {
                if (min..=max).contains(&n)
                    && let Ok(v) = T::try_from(n)
                {
                    out.push(v);
                    continue;
                }
                warnings.push(format!("RRULE {what} value {item:?} out of range, ignored"));
            }
            _ => warnings.push(format!("RRULE {what} value {item:?} is not valid, ignored")),
        }
    }
    out
}

/// Drops combinations RFC 5545 forbids (and the crate rejects), each with a warning.
fn normalise(rule: &mut Rule, warnings: &mut Vec<String>) {
    use Frequency::*;
    if rule.freq == Weekly && !rule.by_month_day.is_empty() {
        rule.by_month_day.clear();
        warnings.push("RRULE BYMONTHDAY is not allowed with FREQ=WEEKLY, ignored".into());
    }
    if matches!(rule.freq, Daily | Weekly | Monthly) && !rule.by_year_day.is_empty() {
        rule.by_year_day.clear();
        warnings.push("RRULE BYYEARDAY only works with FREQ=YEARLY or finer, ignored".into());
    }
    if rule.freq != Yearly && !rule.by_week_no.is_empty() {
        rule.by_week_no.clear();
        warnings.push("RRULE BYWEEKNO only works with FREQ=YEARLY, ignored".into());
    }
    let ordinal_ok =
        matches!(rule.freq, Monthly) || (rule.freq == Yearly && rule.by_week_no.is_empty());
    if !ordinal_ok && rule.by_day.iter().any(|(n, _)| n.is_some()) {
        for d in &mut rule.by_day {
            d.0 = None;
        }
        warnings.push(
            "RRULE BYDAY ordinals only work with MONTHLY or YEARLY, read as every such weekday"
                .into(),
        );
    }
    if rule.freq == Monthly {
        let before = rule.by_day.len();
        rule.by_day
            .retain(|(n, _)| n.is_none_or(|n| (-5..=5).contains(&n)));
        if rule.by_day.len() != before {
            warnings.push("RRULE BYDAY ordinal beyond the 5th in a month ignored".into());
        }
    }
    let set_pos_range = match rule.freq {
        Yearly | Daily => 366,
        Monthly => 31,
        Weekly => 53,
        Hourly => 24,
        Minutely | Secondly => 60,
    };
    let before = rule.by_set_pos.len();
    rule.by_set_pos.retain(|n| n.abs() <= set_pos_range);
    if rule.by_set_pos.len() != before {
        warnings.push("RRULE BYSETPOS value out of range, ignored".into());
    }
    let has_by = !(rule.by_day.is_empty()
        && rule.by_month_day.is_empty()
        && rule.by_month.is_empty()
        && rule.by_year_day.is_empty()
        && rule.by_week_no.is_empty()
        && rule.by_hour.is_empty()
        && rule.by_minute.is_empty()
        && rule.by_second.is_empty());
    if !rule.by_set_pos.is_empty() && !has_by {
        rule.by_set_pos.clear();
        warnings.push("RRULE BYSETPOS without another BYxxx part, ignored".into());
    }
}

/// Wall-clock occurrences of a rule.
#[derive(Debug, Default)]
pub(crate) struct Expansion {
    pub occurrences: Vec<NaiveDateTime>,
    /// Where the expansion stopped short of `stop`, if it did.
    pub cut: Option<Cut>,
}

/// Where and why an expansion stopped short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    /// The first occurrence not read (wall clock).
    pub at: NaiveDateTime,
    /// Cut before `from`: more than [`MAX_SKIPPED`] occurrences came before it. Otherwise
    /// the cap was reached after `from`.
    pub before_range: bool,
}

/// Occurrences passed over at most, before the range asked for, by a rule that cannot be
/// started later than its DTSTART (a COUNT with BYxxx parts, or of months or years: which
/// occurrence is the last is known only by counting from DTSTART).
pub(crate) const MAX_SKIPPED: usize = 1_000_000;

/// [`expand_from`] from the beginning (for tests).
#[cfg(test)]
pub(crate) fn expand(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    stop: NaiveDateTime,
    cap: usize,
) -> Result<Expansion, String> {
    expand_from(rule, start, until, NaiveDateTime::MIN, stop, cap)
}

/// Occurrences of `rule` from `start` (always the first, per RFC 5545, even when it does not
/// match the rule), ending at `until` (inclusive, wall clock) or `COUNT`, and never past
/// `stop`; only those from `from` on, and at most `cap` of them, counted from there: a
/// rule without COUNT (or with a COUNT and nothing but FREQ and INTERVAL) is started a whole
/// number of its periods before `from`, so a series that began long ago costs no more than
/// one that begins there.
pub(crate) fn expand_from(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    from: NaiveDateTime,
    stop: NaiveDateTime,
    cap: usize,
) -> Result<Expansion, String> {
    let mut out = Expansion::default();
    if until.is_some_and(|u| u < start) || rule.count == Some(0) {
        if start >= from {
            out.occurrences.push(start);
        }
        return Ok(out);
    }
    match fast_forward(rule, start, until, from) {
        Jump::Stay => occurrences(rule, start, until, from, stop, cap, true),
        Jump::Ended => Ok(out),
        Jump::To(anchor, later) => occurrences(&later, anchor, until, from, stop, cap, false),
    }
}

/// Where an expansion from `from` can start instead of DTSTART.
enum Jump {
    /// At DTSTART.
    Stay,
    /// Nothing is left from there on.
    Ended,
    /// At this start, with this rule (what the crate would take from DTSTART written out,
    /// and a COUNT reduced by the occurrences passed over). The start is not an occurrence
    /// of its own.
    To(NaiveDateTime, Box<Rule>),
}

/// A start a whole number of the rule's periods after `start` and at least one period
/// before `from`, that gives the same occurrences from there on.
fn fast_forward(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    from: NaiveDateTime,
) -> Jump {
    if from <= start {
        return Jump::Stay;
    }
    let plain = rule.is_plain();
    let interval = i64::from(rule.interval.max(1));
    let unit = rule.period_seconds();
    // Which occurrence is the COUNTth is known without counting only when every period
    // holds exactly one occurrence.
    if rule.count.is_some() && !(plain && unit.is_some()) {
        return Jump::Stay;
    }
    let (periods, anchor_of): (i64, Box<dyn Fn(i64) -> Option<NaiveDateTime>>) = match unit {
        Some(unit) => {
            let step = interval * unit;
            (
                (from - start).num_seconds() / step,
                Box::new(move |k| {
                    start.checked_add_signed(chrono::TimeDelta::seconds(k.checked_mul(step)?))
                }),
            )
        }
        None => {
            let months = if rule.freq == Frequency::Monthly {
                1
            } else {
                12
            };
            let index = |t: NaiveDateTime| i64::from(t.year()) * 12 + i64::from(t.month0());
            let first = index(start) - index(start) % months;
            (
                (index(from) - index(start)) / (months * interval),
                Box::new(move |k| {
                    let m = first.checked_add(k.checked_mul(months * interval)?)?;
                    let date = NaiveDate::from_ymd_opt(
                        i32::try_from(m.div_euclid(12)).ok()?,
                        u32::try_from(m.rem_euclid(12)).ok()? + 1,
                        1,
                    )?;
                    Some(date.and_time(start.time()))
                }),
            )
        }
    };
    // One period of room before `from`.
    let k = periods - 1;
    if k <= 0 {
        return Jump::Stay;
    }
    let Some(anchor) = anchor_of(k) else {
        return Jump::Stay;
    };
    if until.is_some_and(|u| u < anchor) {
        return Jump::Ended;
    }
    let mut later = rule.clone();
    if let Some(count) = rule.count {
        // One occurrence per period, the first at DTSTART: the anchor is occurrence k.
        match u32::try_from(k).ok().filter(|k| *k < count) {
            Some(k) => later.count = Some(count - k),
            None => return Jump::Ended,
        }
    }
    // What the crate takes from DTSTART when the rule does not say (its own rules).
    if later.by_week_no.is_empty()
        && later.by_year_day.is_empty()
        && later.by_month_day.is_empty()
        && later.by_day.is_empty()
    {
        match later.freq {
            Frequency::Yearly => {
                if later.by_month.is_empty() {
                    later.by_month = vec![start.month() as u8];
                }
                later.by_month_day = vec![start.day() as i8];
            }
            Frequency::Monthly => later.by_month_day = vec![start.day() as i8],
            Frequency::Weekly => later.by_day = vec![(None, start.weekday())],
            _ => {}
        }
    }
    Jump::To(anchor, Box::new(later))
}

/// The rule's occurrences from `start` in `[from, stop]`, at most `cap` of them. With
/// `counts_first`, `start` is DTSTART and counts as the first occurrence (also for COUNT)
/// even when the rule does not give it.
fn occurrences(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    from: NaiveDateTime,
    stop: NaiveDateTime,
    cap: usize,
    counts_first: bool,
) -> Result<Expansion, String> {
    let mut out = Expansion::default();
    let fake = |t: NaiveDateTime| -> DateTime<RTz> { RTz::UTC.from_utc_datetime(&t) };
    // Ordinals the crate refuses, and plain weekdays next to ordinals (which the crate
    // intersects instead of joining): expanded as plain weekdays, then filtered below.
    let accepted = crate_ordinals(rule.freq);
    let refused = rule
        .by_day
        .iter()
        .any(|(n, _)| n.is_some_and(|n| !accepted.contains(&n)));
    let mixed = rule.by_day.iter().any(|(n, _)| n.is_none())
        && rule.by_day.iter().any(|(n, _)| n.is_some());
    if (refused || mixed) && !rule.by_set_pos.is_empty() {
        return Err("BYDAY with these ordinals cannot be expanded together with BYSETPOS".into());
    }
    let filter = (refused || mixed).then(|| Filter {
        by_day: rule.by_day.clone(),
        ordinal_days: rule
            .by_day
            .iter()
            .filter(|(n, _)| n.is_some())
            .map(|(_, d)| *d)
            .collect(),
        in_month: rule.freq == Frequency::Monthly || !rule.by_month.is_empty(),
    });
    let mut crate_days: Vec<NWeekday> = Vec::new();
    for (n, d) in &rule.by_day {
        let n = if filter.is_some() { None } else { *n };
        let day = NWeekday::new(n, *d);
        if !crate_days.contains(&day) {
            crate_days.push(day);
        }
    }
    let mut r: RRule<Unvalidated> = RRule::new(rule.freq)
        .interval(rule.interval)
        .week_start(rule.wkst)
        .by_weekday(crate_days)
        .by_month_day(rule.by_month_day.clone())
        .by_year_day(rule.by_year_day.clone())
        .by_week_no(rule.by_week_no.clone())
        .by_set_pos(rule.by_set_pos.clone())
        .by_hour(rule.by_hour.clone())
        .by_minute(rule.by_minute.clone())
        .by_second(rule.by_second.clone());
    let months: Vec<chrono::Month> = rule
        .by_month
        .iter()
        .filter_map(|m| chrono::Month::try_from(*m).ok())
        .collect();
    if !months.is_empty() {
        r = r.by_month(&months);
    }
    // With a filter, COUNT counts the filtered occurrences, so it is applied here.
    let count = rule.count;
    if let (Some(c), None) = (count, &filter) {
        r = r.count(c);
    }
    if let Some(u) = until {
        r = r.until(fake(u));
    }
    let valid = r.validate(fake(start)).map_err(|e| e.to_string())?;
    let set = RRuleSet::new(fake(start)).rrule(valid).limit();
    // The crate is a dependency: keep a panic in it from taking the reader down.
    let collected = std::panic::catch_unwind(|| {
        let mut occ = Vec::new();
        let mut cut = None;
        // Occurrences of the rule so far (passed over or kept), and how many it may give:
        // COUNT, less one when DTSTART is not one of them but counts.
        let mut seen = 0usize;
        let mut skipped = 0usize;
        let mut allowed = None;
        let mut off_rule = true;
        for t in &set {
            let t = t.naive_utc();
            if t > stop {
                break;
            }
            if let Some(f) = &filter
                && !f.keeps(t.date())
            {
                continue;
            }
            if seen == 0 {
                off_rule = t != start;
                allowed = count.map(|c| {
                    let c = c as usize;
                    if counts_first && off_rule {
                        c.saturating_sub(1)
                    } else {
                        c
                    }
                });
            }
            if allowed.is_some_and(|a| seen >= a) {
                break;
            }
            seen += 1;
            if t < from {
                skipped += 1;
                if skipped > MAX_SKIPPED {
                    cut = Some(Cut {
                        at: t,
                        before_range: true,
                    });
                    break;
                }
                continue;
            }
            if occ.len() >= cap {
                cut = Some(Cut {
                    at: t,
                    before_range: false,
                });
                break;
            }
            occ.push(t);
        }
        (occ, cut, off_rule)
    })
    .map_err(|_| "the recurrence rule could not be expanded".to_string())?;
    let (mut occ, cut, off_rule) = collected;
    if counts_first && off_rule && start >= from {
        // DTSTART counts as the first occurrence even when the rule does not produce it.
        occ.insert(0, start);
    }
    out.occurrences = occ;
    out.cut = cut;
    Ok(out)
}

/// The BYDAY ordinals the `rrule` crate accepts for a frequency (its own formula).
fn crate_ordinals(freq: Frequency) -> std::ops::RangeInclusive<i16> {
    let days: i16 = match freq {
        Frequency::Yearly | Frequency::Daily => 366,
        Frequency::Monthly => 31,
        Frequency::Weekly => 53,
        Frequency::Hourly => 24,
        Frequency::Minutely | Frequency::Secondly => 60,
    };
    (-days / 7)..=(days / 7 + 1)
}

/// The BYDAY part as written, for occurrences the crate produced with plain weekdays in
/// place of ordinals.
struct Filter {
    by_day: Vec<(Option<i16>, Weekday)>,
    /// Weekdays that have an ordinal: only these are filtered.
    ordinal_days: Vec<Weekday>,
    /// Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH), else the year.
    in_month: bool,
}

impl Filter {
    fn keeps(&self, date: NaiveDate) -> bool {
        let day = date.weekday();
        if !self.ordinal_days.contains(&day) {
            return true;
        }
        self.by_day
            .iter()
            .filter(|(_, d)| *d == day)
            .any(|(n, _)| n.is_none_or(|n| is_nth(date, n, self.in_month)))
    }
}

/// Whether `date` is the `n`th of its weekday in its month (or year); negative counts from
/// the end.
fn is_nth(date: NaiveDate, n: i16, in_month: bool) -> bool {
    let (position, length) = if in_month {
        let next = if date.month() == 12 {
            NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
        };
        let length = next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day());
        (date.day(), length)
    } else {
        let length = NaiveDate::from_ymd_opt(date.year(), 12, 31).map_or(365, |d| d.ordinal());
        (date.ordinal(), length)
    };
    let from_start = i64::from((position - 1) / 7) + 1;
    let from_end = i64::from(length.saturating_sub(position) / 7) + 1;
    if n > 0 {
        from_start == i64::from(n)
    } else {
        from_end == -i64::from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dt(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn far() -> NaiveDateTime {
        dt(2100, 1, 1, 0)
    }

    #[test]
    fn parses_real_world_rules() {
        let (r, w) = parse_rrule("FREQ=MONTHLY;BYDAY=-1FR,+2TU,MO;INTERVAL=2;WKST=SU").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.freq, Frequency::Monthly);
        assert_eq!(r.interval, 2);
        assert_eq!(
            r.by_day,
            vec![
                (Some(-1), Weekday::Fri),
                (Some(2), Weekday::Tue),
                (None, Weekday::Mon)
            ]
        );
        assert_eq!(r.wkst, Weekday::Sun);
        assert!(parse_rrule("INTERVAL=2").is_err());
        assert!(parse_rrule("FREQ=FORTNIGHTLY").is_err());
        let (r, w) = parse_rrule("FREQ=WEEKLY;BYMONTHDAY=3;BYDAY=1MO;INTERVAL=0").unwrap();
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(r.by_month_day.is_empty());
        assert_eq!(r.by_day, vec![(None, Weekday::Mon)]);
        assert_eq!(r.interval, 1);
    }

    #[test]
    fn last_friday_and_setpos() {
        let (r, _) = parse_rrule("FREQ=MONTHLY;COUNT=3;BYDAY=-1FR").unwrap();
        let e = expand(&r, dt(2024, 1, 26, 10), None, far(), 100).unwrap();
        assert_eq!(
            e.occurrences,
            vec![
                dt(2024, 1, 26, 10),
                dt(2024, 2, 23, 10),
                dt(2024, 3, 29, 10)
            ]
        );
        // The last weekday of the month.
        let (r, _) = parse_rrule("FREQ=MONTHLY;COUNT=2;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1").unwrap();
        let e = expand(&r, dt(2024, 5, 31, 9), None, far(), 100).unwrap();
        assert_eq!(e.occurrences, vec![dt(2024, 5, 31, 9), dt(2024, 6, 28, 9)]);
    }

    #[test]
    fn dtstart_counts_even_when_off_rule() {
        let (r, _) = parse_rrule("FREQ=WEEKLY;COUNT=2;BYDAY=TU").unwrap();
        // Friday start: Friday, then the first Tuesday.
        let e = expand(&r, dt(2021, 1, 1, 9), None, far(), 100).unwrap();
        assert_eq!(e.occurrences, vec![dt(2021, 1, 1, 9), dt(2021, 1, 5, 9)]);
    }

    #[test]
    fn until_before_start_gives_only_start() {
        let (r, _) = parse_rrule("FREQ=DAILY").unwrap();
        let e = expand(
            &r,
            dt(1980, 11, 9, 19),
            Some(dt(1970, 11, 19, 20)),
            far(),
            100,
        )
        .unwrap();
        assert_eq!(e.occurrences, vec![dt(1980, 11, 9, 19)]);
    }

    #[test]
    fn stop_and_cap() {
        let (r, _) = parse_rrule("FREQ=DAILY").unwrap();
        let e = expand(&r, dt(2024, 1, 1, 9), None, dt(2024, 1, 10, 9), 100).unwrap();
        assert_eq!(e.occurrences.len(), 10);
        assert!(e.cut.is_none());
        let e = expand(&r, dt(2024, 1, 1, 9), None, far(), 50).unwrap();
        assert_eq!(e.occurrences.len(), 50);
        assert!(e.cut.is_some());
    }

    #[test]
    fn fifth_last_weekday_that_the_crate_refuses_keeps_its_meaning() {
        // -5MO in a month: the first Monday of a month that has five Mondays (RFC 5545 allows
        // -5..=5 in a month; the crate only -4..=5). In 2024: Jan, Apr, Jul, Sep, Dec.
        let (r, w) = parse_rrule("FREQ=MONTHLY;BYDAY=-5MO;COUNT=5").unwrap();
        assert!(w.is_empty(), "{w:?}");
        let e = expand(&r, dt(2024, 1, 1, 9), None, far(), 100).unwrap();
        assert_eq!(
            e.occurrences,
            vec![
                dt(2024, 1, 1, 9),
                dt(2024, 4, 1, 9),
                dt(2024, 7, 1, 9),
                dt(2024, 9, 2, 9),
                dt(2024, 12, 2, 9)
            ]
        );
        // The same months as +5MO, which the crate does accept: one rule, two ends.
        let (r5, _) = parse_rrule("FREQ=MONTHLY;BYDAY=5MO;COUNT=4").unwrap();
        let e5 = expand(&r5, dt(2024, 1, 29, 9), None, far(), 100).unwrap();
        assert_eq!(
            e5.occurrences,
            vec![
                dt(2024, 1, 29, 9),
                dt(2024, 4, 29, 9),
                dt(2024, 7, 29, 9),
                dt(2024, 9, 30, 9)
            ]
        );
        // Mixed with another ordinal, and with UNTIL.
        let (r, _) = parse_rrule("FREQ=MONTHLY;BYDAY=-5MO,1TU").unwrap();
        let e = expand(&r, dt(2024, 1, 1, 9), Some(dt(2024, 4, 30, 0)), far(), 100).unwrap();
        assert_eq!(
            e.occurrences,
            vec![
                dt(2024, 1, 1, 9),
                dt(2024, 1, 2, 9),
                dt(2024, 2, 6, 9),
                dt(2024, 3, 5, 9),
                dt(2024, 4, 1, 9),
                dt(2024, 4, 2, 9)
            ]
        );
        // -53MO in a year: 2024 has 53 Mondays (the first is Jan 1), 2025 has 52.
        let (r, _) = parse_rrule("FREQ=YEARLY;BYDAY=-53MO").unwrap();
        let e = expand(&r, dt(2024, 1, 1, 9), None, dt(2030, 12, 31, 0), 100).unwrap();
        assert_eq!(e.occurrences, vec![dt(2024, 1, 1, 9), dt(2029, 1, 1, 9)]);
        // Plain weekdays next to ordinals are joined (the crate alone gives nothing).
        let (r, _) = parse_rrule("FREQ=MONTHLY;BYDAY=1TU,FR").unwrap();
        let e = expand(&r, dt(2024, 1, 2, 9), None, dt(2024, 1, 31, 0), 100).unwrap();
        assert_eq!(
            e.occurrences,
            vec![
                dt(2024, 1, 2, 9),
                dt(2024, 1, 5, 9),
                dt(2024, 1, 12, 9),
                dt(2024, 1, 19, 9),
                dt(2024, 1, 26, 9)
            ]
        );
        // With BYSETPOS the filter cannot work: an error, so only DTSTART is read.
        let (r, _) = parse_rrule("FREQ=MONTHLY;BYDAY=-5MO,MO;BYSETPOS=1").unwrap();
        assert!(expand(&r, dt(2024, 1, 1, 9), None, far(), 100).is_err());
    }

    #[test]
    fn nth_weekday_counts_from_either_end() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // January 2024: Mondays 1, 8, 15, 22, 29.
        assert!(is_nth(d(2024, 1, 1), 1, true));
        assert!(is_nth(d(2024, 1, 1), -5, true));
        assert!(is_nth(d(2024, 1, 29), 5, true));
        assert!(is_nth(d(2024, 1, 29), -1, true));
        assert!(!is_nth(d(2024, 1, 8), -5, true));
        // February 2024 (29 days): Thursdays 1, 8, 15, 22, 29.
        assert!(is_nth(d(2024, 2, 1), -5, true));
        assert!(!is_nth(d(2023, 2, 2), -5, true));
        // In the year: Dec 30 2024 is the last Monday, Jan 1 the 53rd from the end.
        assert!(is_nth(d(2024, 12, 30), -1, false));
        assert!(is_nth(d(2024, 1, 1), -53, false));
        assert!(!is_nth(d(2025, 1, 6), -53, false));
    }

    #[test]
    fn impossible_rule_terminates() {
        let (r, _) = parse_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").unwrap();
        let e = expand(&r, dt(2024, 1, 1, 9), None, dt(9999, 1, 1, 0), 100).unwrap();
        assert_eq!(e.occurrences, vec![dt(2024, 1, 1, 9)]);
    }

    #[test]
    fn a_series_from_long_ago_is_read_in_the_range() {
        // Daily from 1900, hourly from 2010: the cap counts from `from`, not from DTSTART.
        let (r, _) = parse_rrule("FREQ=DAILY").unwrap();
        let e = expand_from(
            &r,
            dt(1900, 1, 1, 9),
            None,
            dt(2026, 3, 1, 0),
            dt(2026, 3, 3, 0),
            100,
        )
        .unwrap();
        assert_eq!(e.occurrences, vec![dt(2026, 3, 1, 9), dt(2026, 3, 2, 9)]);
        assert!(e.cut.is_none());
        let (r, _) = parse_rrule("FREQ=HOURLY;INTERVAL=5").unwrap();
        let e = expand_from(
            &r,
            dt(2010, 1, 1, 0),
            None,
            dt(2026, 3, 1, 0),
            dt(2026, 3, 1, 12),
            100,
        )
        .unwrap();
        // 2010-01-01 to 2026-03-01 is 5903 days: 141,672 hours, 2 more than a multiple of 5.
        assert_eq!(e.occurrences, vec![dt(2026, 3, 1, 3), dt(2026, 3, 1, 8)]);
        let whole = expand(&r, dt(2010, 1, 1, 0), None, dt(2026, 3, 1, 12), 1_000_000).unwrap();
        assert_eq!(
            whole.occurrences[whole.occurrences.len() - 2..],
            e.occurrences
        );
        // The cap, from `from`: where it cuts.
        let (r, _) = parse_rrule("FREQ=HOURLY").unwrap();
        let e = expand_from(
            &r,
            dt(2010, 1, 1, 0),
            None,
            dt(2026, 3, 1, 0),
            dt(2027, 1, 1, 0),
            48,
        )
        .unwrap();
        assert_eq!(e.occurrences.len(), 48);
        assert_eq!(e.occurrences[0], dt(2026, 3, 1, 0));
        assert_eq!(
            e.cut,
            Some(Cut {
                at: dt(2026, 3, 3, 0),
                before_range: false
            })
        );
        // A COUNT with BYxxx parts is counted from DTSTART, and cut before the range when
        // that is too far.
        let (r, _) = parse_rrule("FREQ=MINUTELY;BYSECOND=0,30;COUNT=4000000").unwrap();
        let e = expand_from(
            &r,
            dt(2020, 1, 1, 0),
            None,
            dt(2026, 1, 1, 0),
            dt(2026, 1, 2, 0),
            100,
        )
        .unwrap();
        assert!(e.occurrences.is_empty());
        assert!(
            e.cut
                .is_some_and(|c| c.before_range && c.at < dt(2026, 1, 1, 0))
        );
    }

    use proptest::prelude::*;

    fn rules() -> impl Strategy<Value = String> {
        let freq = prop::sample::select(vec![
            "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY",
        ]);
        let part = prop::sample::select(vec![
            "",
            "",
            ";INTERVAL=2",
            ";INTERVAL=3",
            ";INTERVAL=7",
            ";COUNT=40",
            ";COUNT=3",
            ";UNTIL=20270301T000000",
            ";BYDAY=MO,WE",
            ";BYDAY=-1FR",
            ";BYDAY=2TU,-5MO",
            ";BYDAY=1TU,FR",
            ";BYMONTHDAY=31",
            ";BYMONTHDAY=-1,15",
            ";BYMONTH=2,8",
            ";BYHOUR=9,17",
            ";BYMINUTE=0,30",
            ";BYSECOND=0",
            ";BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
            ";BYYEARDAY=100",
            ";BYWEEKNO=20",
            ";WKST=SU",
        ]);
        (freq, prop::collection::vec(part, 0..3))
            .prop_map(|(f, parts)| format!("FREQ={f}{}", parts.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Started later or not, a rule gives the same occurrences from `from` on.
        #[test]
        fn expanding_from_later_gives_what_expanding_from_dtstart_gives(
            rule in rules(),
            start_minute in 0i64..(3 * 1440),
            later in 0i64..1_500,
            periods in 1i64..30,
        ) {
            let Ok((r, _)) = parse_rrule(&rule) else { return Ok(()); };
            // Times in periods of the rule, so that expanding from DTSTART stays short.
            let unit = match r.freq {
                Frequency::Secondly => 1,
                Frequency::Minutely => 60,
                Frequency::Hourly => 3_600,
                Frequency::Daily => 86_400,
                Frequency::Weekly => 7 * 86_400,
                Frequency::Monthly => 31 * 86_400,
                Frequency::Yearly => 366 * 86_400,
            };
            let start = dt(2015, 1, 1, 0) + chrono::TimeDelta::minutes(start_minute);
            let from = start + chrono::TimeDelta::seconds(later * unit + start_minute);
            let stop = from + chrono::TimeDelta::seconds(periods * unit);
            let until = match &r.until {
                Some(Until::Stamp(s)) => Some(match s {
                    super::super::value::Stamp::DateTime { local, .. } => *local,
                    super::super::value::Stamp::Date(d) => d.and_hms_opt(0, 0, 0).unwrap(),
                }),
                _ => None,
            };
            let cap = 20_000;
            let whole = expand(&r, start, until, stop, 5_000_000);
            let later = expand_from(&r, start, until, from, stop, cap);
            match (whole, later) {
                (Ok(whole), Ok(later)) => {
                    prop_assume!(whole.cut.is_none() && later.cut.is_none());
                    let want: Vec<_> = whole.occurrences.into_iter().filter(|t| *t >= from).collect();
                    prop_assert_eq!(later.occurrences, want, "{} from {} ({}..{})", rule, start, from, stop);
                }
                (Err(_), Err(_)) => {}
                (w, l) => prop_assert!(false, "{rule}: {:?} / {:?}", w.map(|e| e.occurrences.len()), l.map(|e| e.occurrences.len())),
            }
        }
    }
}
