//! Time zones: what a `TZID` means, and wall clock <-> UTC in that zone.
//!
//! Resolution order: an IANA name as IANA spells it (also behind a prefix such as
//! `/mozilla.org/.../Europe/Berlin`), the VTIMEZONE's `X-LIC-LOCATION` naming one so, a
//! Windows zone name, the file's VTIMEZONE (its STANDARD/DAYLIGHT rules), an IANA name in
//! other letter case (the `TZID` or the location), and last the user's zone (with a warning).
//!
//! So a name that says which standard zone it means is that zone, even when the file's
//! VTIMEZONE for it says otherwise: such copies are written by programs from their own zone
//! data and are often out of date or cut short (Exchange's rules of one year from 1601,
//! Google's current rules back to 1970, Mozilla's of 2005), and the calendars that wrote
//! them read the name. For an exact IANA name that disagrees with its VTIMEZONE in the range
//! read, a warning says so. Any other name is the file's own: its VTIMEZONE defines it
//! (RFC 5545 section 3.2.19), also when it looks like an IANA name in another letter case
//! (`Europe/lisbon` defined as +01:00/+02:00 is not IANA's `Europe/Lisbon`; a warning says
//! where they differ); only without a usable VTIMEZONE is such a name read as the IANA zone.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::lines::{Component, Problem, unescape_text};
use super::recur;
use super::value::{Stamp, parse_offset, parse_stamp};
use super::windows::iana_for_windows;
use crate::error::Severity;

/// A zone that wall-clock times can be read in.
#[derive(Debug, Clone)]
pub(crate) enum Zone {
    Utc,
    Iana(Tz),
    Custom(Arc<CustomZone>),
}

impl Zone {
    /// A wall-clock time in this zone as UTC, by the one rule for DST gaps and repeated
    /// hours ([`crate::model::wall_to_utc`]; a custom VTIMEZONE applies it to its own rules).
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Utc => local.and_utc(),
            Zone::Iana(tz) => crate::model::wall_to_utc(*tz, local),
            Zone::Custom(c) => c.to_utc(local),
        }
    }

    /// A UTC instant as wall-clock time in this zone.
    pub fn to_local(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Utc => utc.naive_utc(),
            Zone::Iana(tz) => utc.with_timezone(tz).naive_local(),
            Zone::Custom(c) => {
                let u = utc.naive_utc();
                shift(u, i64::from(c.offset_at(u)))
            }
        }
    }

    /// Whether two zones give every wall-clock time the same instant (custom VTIMEZONEs are
    /// compared by their rules, not by their names).
    pub fn same_as(&self, other: &Zone) -> bool {
        match (self, other) {
            (Zone::Utc, Zone::Utc) => true,
            (Zone::Iana(a), Zone::Iana(b)) => a == b,
            (Zone::Custom(a), Zone::Custom(b)) => {
                a.transitions == b.transitions && a.initial == b.initial
            }
            _ => false,
        }
    }

    /// How far apart two of the zone's UTC offsets can be, in seconds (at most): a wall-clock
    /// time that far before another's is earlier as an instant too. IANA zones moved by up to
    /// a day (across the date line), so a day and two hours is allowed for them.
    pub fn offset_spread(&self) -> i64 {
        match self {
            Zone::Utc => 0,
            Zone::Iana(_) => 26 * 3_600,
            Zone::Custom(c) => {
                let lo = c.offsets.first().copied().unwrap_or(0);
                let hi = c.offsets.last().copied().unwrap_or(0);
                i64::from(hi - lo) + 3_600
            }
        }
    }

    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".to_string(),
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Custom(c) => c.name.clone(),
        }
    }
}

/// `t + seconds`, saturating at chrono's limits instead of panicking.
pub(crate) fn shift(t: NaiveDateTime, seconds: i64) -> NaiveDateTime {
    t.checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(t)
}

/// A zone defined only by a VTIMEZONE's observances, as a table of transitions.
#[derive(Debug)]
pub(crate) struct CustomZone {
    name: String,
    /// (UTC instant of the change, offset from then on), sorted.
    transitions: Vec<(NaiveDateTime, i32)>,
    /// Offset before the first transition.
    initial: i32,
    offsets: Vec<i32>,
}

/// Transitions generated per observance at most (a yearly rule from 1900 to 2200 is 300).
const MAX_TRANSITIONS: usize = 2_000;

impl CustomZone {
    /// Builds the table from STANDARD/DAYLIGHT children up to `horizon` (wall clock), with
    /// every change of the rules from `since` on (and each observance's first).
    fn from_vtimezone(
        name: &str,
        vtz: &Component,
        since: NaiveDateTime,
        horizon: NaiveDateTime,
    ) -> Option<CustomZone> {
        let mut transitions = Vec::new();
        for obs in &vtz.children {
            if obs.name != "STANDARD" && obs.name != "DAYLIGHT" {
                continue;
            }
            let Some(to) = obs.prop("TZOFFSETTO").and_then(|p| parse_offset(&p.value)) else {
                continue;
            };
            let from = obs
                .prop("TZOFFSETFROM")
                .and_then(|p| parse_offset(&p.value))
                .unwrap_or(to);
            let Some(start) = obs
                .prop("DTSTART")
                .and_then(|p| parse_stamp(&p.value))
                .map(stamp_local)
            else {
                continue;
            };
            let mut onsets = vec![start];
            for rdate in obs.props("RDATE") {
                for v in super::lines::split_list(&rdate.value) {
                    let v = v.split('/').next().unwrap_or(v);
                    if let Some(s) = parse_stamp(v) {
                        onsets.push(stamp_local(s));
                    }
                }
            }
            if let Some(rule) = obs
                .prop("RRULE")
                .and_then(|p| recur::parse_rrule(&p.value).ok())
                .map(|(rule, _)| rule)
            {
                let until = rule.until.as_ref().and_then(|u| match u {
                    recur::Until::Stamp(Stamp::DateTime { local, utc: true }) => {
                        Some(shift(*local, i64::from(from)))
                    }
                    recur::Until::Stamp(s) => Some(stamp_local(*s)),
                    recur::Until::Invalid(_) => None,
                });
                if let Ok(exp) =
                    recur::expand_from(&rule, start, until, since, horizon, MAX_TRANSITIONS)
                {
                    onsets.extend(exp.occurrences);
                }
            }
            for onset in onsets {
                transitions.push((shift(onset, -i64::from(from)), to, from));
            }
        }
        if transitions.is_empty() {
            return None;
        }
        transitions.sort_by_key(|t| t.0);
        transitions.dedup_by_key(|t| t.0);
        let initial = transitions[0].2;
        let mut offsets: Vec<i32> = transitions.iter().map(|t| t.1).collect();
        offsets.push(initial);
        offsets.sort_unstable();
        offsets.dedup();
        Some(CustomZone {
            name: name.to_string(),
            transitions: transitions.into_iter().map(|(u, to, _)| (u, to)).collect(),
            initial,
            offsets,
        })
    }

    /// The first instant its observances define (before it, the first one's
    /// `TZOFFSETFROM` is only assumed).
    fn defined_from(&self) -> NaiveDateTime {
        self.transitions.first().map_or(NaiveDateTime::MAX, |t| t.0)
    }

    /// Where this zone and an IANA zone first give different UTC offsets between `from` and
    /// `to` (UTC, from the first instant the observances define), as words: compared at
    /// `from`, at `to`, on both sides of each of this zone's changes, and on 15 January and 15
    /// July of every year (daylight time in either hemisphere).
    fn difference(&self, tz: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Option<String> {
        let from = from.max(self.defined_from());
        if from > to {
            return None;
        }
        let mut at: Vec<NaiveDateTime> = vec![from, to];
        let first = self.transitions.partition_point(|t| t.0 < from);
        for &(t, _) in self.transitions[first..].iter().take_while(|t| t.0 <= to) {
            at.push(shift(t, -1));
            at.push(t);
        }
        for year in (from.year()..=to.year()).take(400) {
            for month in [1, 7] {
                if let Some(t) = chrono::NaiveDate::from_ymd_opt(year, month, 15)
                    .and_then(|d| d.and_hms_opt(12, 0, 0))
                {
                    at.push(t);
                }
            }
        }
        at.retain(|t| (from..=to).contains(t));
        at.sort_unstable();
        at.into_iter().find_map(|t| {
            let ours = self.offset_at(t);
            let theirs = tz.offset_from_utc_datetime(&t).fix().local_minus_utc();
            (ours != theirs).then(|| {
                format!(
                    "at {}Z the file's gives {}, IANA's {}",
                    t.format("%Y-%m-%dT%H:%M:%S"),
                    offset_text(ours),
                    offset_text(theirs)
                )
            })
        })
    }

    fn offset_at(&self, utc: NaiveDateTime) -> i32 {
        let idx = self.transitions.partition_point(|t| t.0 <= utc);
        if idx == 0 {
            self.initial
        } else {
            self.transitions[idx - 1].1
        }
    }

    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let earliest = self
            .offsets
            .iter()
            .map(|o| shift(local, -i64::from(*o)))
            .filter(|u| shift(*u, i64::from(self.offset_at(*u))) == local)
            .min();
        match earliest {
            Some(u) => u.and_utc(),
            None => {
                let before = shift(local, -86_400);
                shift(local, -i64::from(self.offset_at(before))).and_utc()
            }
        }
    }
}

/// `+01:00`, `-03:30`, `+05:53:28`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3_600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{sec:02}")
    }
}

fn stamp_local(s: Stamp) -> NaiveDateTime {
    match s {
        Stamp::Date(d) => d.and_time(chrono::NaiveTime::MIN),
        Stamp::DateTime { local, .. } => local,
    }
}

/// An IANA zone by its exact name, or behind a prefix: names that say which zone they mean.
fn iana_named(name: &str) -> Option<Tz> {
    let name = clean(name);
    if name.is_empty() {
        return None;
    }
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    // `/mozilla.org/20050126_1/Europe/Berlin`, `/Europe/Berlin`, `/freeassociation.../Tzfile/X/Y`
    name.match_indices('/')
        .map(|(i, _)| &name[i + 1..])
        .find_map(|tail| tail.parse::<Tz>().ok())
}

/// An IANA zone whose name differs from `name` only in letter case.
fn iana_in_any_case(name: &str) -> Option<Tz> {
    let name = clean(name);
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
        .copied()
}

/// The zones worked out from VTIMEZONEs, shared by the files of one read: a vdir repeats
/// one VTIMEZONE in every file, and working out its rules (Exchange's from 1601) costs far
/// more than reading the event beside it. Keyed by the VTIMEZONE as written and the bounds
/// asked for; at most [`ZoneCache::MAX`] are kept.
#[derive(Default)]
pub(crate) struct ZoneCache {
    custom: HashMap<(String, NaiveDateTime, NaiveDateTime), Option<Arc<CustomZone>>>,
}

impl ZoneCache {
    const MAX: usize = 64;

    /// [`CustomZone::from_vtimezone`], once per VTIMEZONE text and bounds.
    fn custom(
        &mut self,
        name: &str,
        vtz: &Component,
        since: NaiveDateTime,
        horizon: NaiveDateTime,
    ) -> Option<Arc<CustomZone>> {
        let key = (fingerprint(name, vtz), since, horizon);
        if let Some(zone) = self.custom.get(&key) {
            return zone.clone();
        }
        let zone = CustomZone::from_vtimezone(name, vtz, since, horizon).map(Arc::new);
        if self.custom.len() < Self::MAX {
            self.custom.insert(key, zone.clone());
        }
        zone
    }
}

/// A component as written (its name, properties and children), as one string: two
/// VTIMEZONEs with the same fingerprint define the same zone.
fn fingerprint(name: &str, c: &Component) -> String {
    fn put(out: &mut String, s: &str) {
        out.push_str(&s.len().to_string());
        out.push(':');
        out.push_str(s);
    }
    fn walk(c: &Component, out: &mut String) {
        put(out, &c.name);
        for p in &c.props {
            put(out, &p.name);
            for (n, v) in &p.params {
                put(out, n);
                put(out, v);
            }
            put(out, &p.value);
        }
        out.push('{');
        for k in &c.children {
            walk(k, out);
        }
        out.push('}');
    }
    let mut out = String::new();
    put(&mut out, name);
    walk(c, &mut out);
    out
}

/// Resolves `TZID`s of one file, once each.
pub(crate) struct ZoneResolver<'a> {
    vtimezones: HashMap<String, &'a Component>,
    shared: &'a mut ZoneCache,
    user: Tz,
    /// The range read (UTC), where a VTIMEZONE that differs from IANA is worth a warning.
    range: (NaiveDateTime, NaiveDateTime),
    horizon: NaiveDateTime,
    cache: HashMap<String, Zone>,
}

impl<'a> ZoneResolver<'a> {
    /// `range` is the range read (UTC), `horizon` how far (wall clock) custom zones' rules
    /// are worked out.
    pub fn new(
        vtimezones: &[&'a Component],
        shared: &'a mut ZoneCache,
        user: Tz,
        range: (NaiveDateTime, NaiveDateTime),
        horizon: NaiveDateTime,
    ) -> Self {
        // The property's value is TEXT (`Kuala Lumpur\, Singapore`); the parameter that
        // names it is not escaped (quoted when it holds a comma), so both are compared as
        // the name they spell.
        let vtimezones = vtimezones
            .iter()
            .filter_map(|c| {
                c.prop("TZID")
                    .map(|p| (clean(&unescape_text(&p.value)).to_string(), *c))
            })
            .collect();
        ZoneResolver {
            vtimezones,
            shared,
            user,
            range,
            horizon,
            cache: HashMap::new(),
        }
    }

    pub fn user(&self) -> Zone {
        Zone::Iana(self.user)
    }

    /// The zone a `TZID` names; the first time an unknown name is met, also a warning.
    pub fn resolve(&mut self, tzid: &str, line: usize) -> (Zone, Option<Problem>) {
        let key = clean(tzid).to_string();
        if let Some(z) = self.cache.get(&key) {
            return (z.clone(), None);
        }
        let (zone, problem) = self.lookup(&key, line);
        self.cache.insert(key, zone.clone());
        (zone, problem)
    }

    fn lookup(&mut self, name: &str, line: usize) -> (Zone, Option<Problem>) {
        let vtz = self.vtimezones.get(name).copied();
        if let Some(tz) = iana_named(name) {
            // An exact IANA name is IANA's zone; a VTIMEZONE copy that says otherwise in
            // the range read is worth a word.
            let exact = clean(name).parse::<Tz>().is_ok();
            let problem = vtz
                .filter(|_| exact)
                .and_then(|c| {
                    // Its rules over the range only (and the year before, for the change
                    // in force at its start), wall clock.
                    let (from, to) = self.range;
                    let since = from.checked_sub_signed(TimeDelta::days(400)).unwrap_or(from);
                    let until = to.checked_add_signed(TimeDelta::days(2)).unwrap_or(to);
                    self.shared.custom(name, c, since, until)
                })
                .and_then(|c| c.difference(tz, self.range.0, self.range.1))
                .map(|d| Problem {
                    severity: Severity::Warning,
                    line,
                    reason: format!(
                        "the VTIMEZONE {name:?} differs from the IANA zone of that name ({d}); IANA's rules are used"
                    ),
                });
            return (Zone::Iana(tz), problem);
        }
        let location = vtz
            .and_then(|c| c.prop("X-LIC-LOCATION"))
            .map(|p| unescape_text(&p.value));
        if let Some(tz) = location.as_deref().and_then(iana_named) {
            return (Zone::Iana(tz), None);
        }
        if let Some(tz) = iana_for_windows(name).and_then(|n| n.parse::<Tz>().ok()) {
            return (Zone::Iana(tz), None);
        }
        // A name (or location) that is an IANA name only in other letters.
        let lookalike =
            iana_in_any_case(name).or_else(|| location.as_deref().and_then(iana_in_any_case));
        let horizon = self.horizon;
        if let Some(custom) =
            vtz.and_then(|c| self.shared.custom(name, c, NaiveDateTime::MIN, horizon))
        {
            let problem = lookalike.and_then(|tz| {
                custom
                    .difference(tz, self.range.0, self.range.1)
                    .map(|d| Problem {
                        severity: Severity::Warning,
                        line,
                        reason: format!(
                            "time zone {name:?} is read by its VTIMEZONE, which differs from the IANA zone {} ({d})",
                            tz.name()
                        ),
                    })
            });
            return (Zone::Custom(custom), problem);
        }
        if let Some(tz) = lookalike {
            return (Zone::Iana(tz), None);
        }
        let why = if vtz.is_some() {
            "has a VTIMEZONE without usable rules"
        } else {
            "is not a known zone and has no VTIMEZONE"
        };
        (
            Zone::Iana(self.user),
            Some(Problem {
                severity: Severity::Warning,
                line,
                reason: format!(
                    "time zone {name:?} {why}; its times are read in {}",
                    self.user.name()
                ),
            }),
        )
    }
}

fn clean(tzid: &str) -> &str {
    tzid.trim().trim_matches('"').trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn iana_names_and_prefixes() {
        use chrono_tz::{America, Europe};
        assert_eq!(iana_named("Europe/Berlin"), Some(Europe::Berlin));
        assert_eq!(
            iana_named("/mozilla.org/20050126_1/Europe/Berlin"),
            Some(Europe::Berlin)
        );
        assert_eq!(iana_named("/Europe/Berlin"), Some(Europe::Berlin));
        assert_eq!(
            iana_named("/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires"),
            Some(America::Argentina::Buenos_Aires)
        );
        assert_eq!(iana_named("\"America/New_York\""), Some(America::New_York));
        // Another letter case names no zone by itself; it only looks like one.
        assert_eq!(iana_named("europe/berlin"), None);
        assert_eq!(iana_in_any_case("europe/berlin"), Some(Europe::Berlin));
        assert_eq!(iana_in_any_case("Europe/lisbon"), Some(Europe::Lisbon));
        for nothing in ["GMT-05.00/-04.00", "foo", ""] {
            assert_eq!(iana_named(nothing), None, "{nothing}");
            assert_eq!(iana_in_any_case(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn one_vtimezone_text_is_worked_out_once_per_read() {
        let zone = |offset: &str| {
            let text = format!(
                "BEGIN:VTIMEZONE\nTZID:Z\nBEGIN:STANDARD\nDTSTART:16010101T000000\n\
                 TZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\nEND:STANDARD\nEND:VTIMEZONE\n"
            );
            super::super::lines::parse(&text).0.remove(0)
        };
        let (a, again, other) = (zone("+0800"), zone("+0800"), zone("+0700"));
        let mut cache = ZoneCache::default();
        let end = dt(2030, 1, 1, 0, 0);
        let first = cache.custom("Z", &a, NaiveDateTime::MIN, end).unwrap();
        let second = cache.custom("Z", &again, NaiveDateTime::MIN, end).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        let third = cache.custom("Z", &other, NaiveDateTime::MIN, end).unwrap();
        assert!(!Arc::ptr_eq(&first, &third));
        assert_eq!(third.offset_at(dt(2024, 1, 1, 0, 0)), 7 * 3_600);
        // Other bounds, or another name for the same text, are worked out on their own.
        let later = cache.custom("Z", &a, dt(2020, 1, 1, 0, 0), end).unwrap();
        assert!(!Arc::ptr_eq(&first, &later));
        assert_eq!(cache.custom.len(), 3);
    }

    #[test]
    fn gap_moves_forward_and_ambiguous_takes_earlier() {
        let berlin = Zone::Iana(chrono_tz::Europe::Berlin);
        // 2024-03-31 02:30 does not exist in Berlin: read as 03:30 CEST = 01:30Z.
        assert_eq!(
            berlin.to_utc(dt(2024, 3, 31, 2, 30)).naive_utc(),
            dt(2024, 3, 31, 1, 30)
        );
        // 2024-10-27 02:30 happens twice: the earlier is 02:30 CEST = 00:30Z.
        assert_eq!(
            berlin.to_utc(dt(2024, 10, 27, 2, 30)).naive_utc(),
            dt(2024, 10, 27, 0, 30)
        );
    }

    #[test]
    fn custom_vtimezone_rules() {
        let text = "BEGIN:VTIMEZONE\nTZID:My Berlin\nBEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nDTSTART:19810329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nDTSTART:19961027T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE\n";
        let (top, _) = super::super::lines::parse(text);
        let c = CustomZone::from_vtimezone(
            "My Berlin",
            &top[0],
            NaiveDateTime::MIN,
            dt(2030, 1, 1, 0, 0),
        )
        .unwrap();
        let z = Zone::Custom(Arc::new(c));
        let berlin = Zone::Iana(chrono_tz::Europe::Berlin);
        for local in [
            dt(2024, 1, 15, 9, 0),
            dt(2024, 3, 31, 1, 59),
            dt(2024, 3, 31, 2, 30),
            dt(2024, 3, 31, 3, 0),
            dt(2024, 7, 1, 12, 0),
            dt(2024, 10, 27, 2, 30),
            dt(2024, 10, 27, 3, 0),
            dt(2024, 12, 24, 18, 0),
        ] {
            assert_eq!(z.to_utc(local), berlin.to_utc(local), "{local}");
            let u = berlin.to_utc(local);
            assert_eq!(z.to_local(u), berlin.to_local(u), "{local}");
        }
    }
}
