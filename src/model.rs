//! The refocus model of SPEC section 1, exactly as written there.
//!
//! Architecture invariant: pure functions over plain data. Times are whole minutes since the
//! Unix epoch ([`Span`]), so every sum is exact and `meeting + refocus + focus + fragmented =
//! working` holds to the minute.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::event::Instance;
use crate::policy::Policy;

/// A half-open stretch of time `[start, end)` in whole minutes since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn new(start: i64, end: i64) -> Span {
        Span { start, end }
    }

    pub fn of(instance: &Instance) -> Span {
        Span::new(minute(instance.start), minute(instance.end))
    }

    pub fn len(self) -> i64 {
        (self.end - self.start).max(0)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn intersect(self, other: Span) -> Option<Span> {
        let s = Span::new(self.start.max(other.start), self.end.min(other.end));
        (!s.is_empty()).then_some(s)
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The minute an instant falls in.
pub fn minute(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

/// The instant a minute starts.
pub fn instant(minute: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(minute * 60, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A local wall-clock time on `date` in `zone` as UTC ([`wall_to_utc`]).
pub fn local_instant(zone: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    wall_to_utc(zone, date.and_time(time))
}

/// A wall-clock time in `zone` as UTC, by RFC 5545's rule (section 3.3.5), the one rule for
/// the planner, the model and the calendar reader alike: a time that does not exist (in the
/// hour skipped when clocks go forward) is read with the offset from before the gap, so
/// 02:30 becomes 03:30; an ambiguous one (in the hour repeated when clocks go back) is the
/// earlier instant.
pub fn wall_to_utc(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        chrono::LocalResult::None => {
            let before = local
                .checked_sub_signed(chrono::Duration::days(1))
                .unwrap_or(local);
            let offset = zone.offset_from_utc_datetime(&before).fix();
            let utc = local
                .checked_sub_signed(chrono::Duration::seconds(i64::from(
                    offset.local_minus_utc(),
                )))
                .unwrap_or(local);
            utc.and_utc()
        }
    }
}

/// The local date of an instant in `zone`.
pub fn local_date(zone: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}

/// The model's two numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// `R`, minutes of refocus after a meeting block.
    pub refocus: i64,
    /// Effective length from which a gap counts as focus.
    pub min_focus: i64,
}

impl From<&Policy> for Params {
    fn from(p: &Policy) -> Params {
        Params {
            refocus: i64::from(p.refocus.minutes),
            min_focus: i64::from(p.refocus.min_focus_minutes),
        }
    }
}

/// The working window `W` of a date, before out-of-office removal; `None` on a day off.
pub fn working_window(policy: &Policy, date: NaiveDate) -> Option<Span> {
    let wh = &policy.working_hours;
    let weekday = chrono::Datelike::weekday(&date);
    if !wh.days.iter().any(|d| d.0 == weekday) {
        return None;
    }
    let zone = policy.zone();
    let span = Span::new(
        minute(local_instant(zone, date, wh.start.0)),
        minute(local_instant(zone, date, wh.end.0)),
    );
    (!span.is_empty()).then_some(span)
}

/// `spans` with every `holes` span cut out. Both sorted or not; the result is sorted. A hole
/// without length (an out-of-office event that ends where it starts) cuts nothing, so the
/// pieces left never touch.
pub fn subtract(spans: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = spans.to_vec();
    for hole in holes.iter().filter(|h| !h.is_empty()) {
        out = out
            .into_iter()
            .flat_map(|s| {
                if !s.overlaps(*hole) {
                    return vec![s];
                }
                [Span::new(s.start, hole.start), Span::new(hole.end, s.end)]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .collect();
    }
    out.sort();
    out
}

/// Meetings clipped to the window, merged where they overlap or touch, in time order.
pub fn meeting_blocks(window: &[Span], meetings: &[Span]) -> Vec<Span> {
    let mut clipped: Vec<Span> = window
        .iter()
        .flat_map(|w| meetings.iter().filter_map(move |m| m.intersect(*w)))
        .collect();
    clipped.sort_unstable();
    let mut blocks: Vec<Span> = Vec::with_capacity(clipped.len());
    for m in clipped {
        match blocks.last_mut() {
            // Window segments never touch (holes have a length), so a merged block never
            // spans an out-of-office hole.
            Some(last) if m.start <= last.end => {
                last.end = last.end.max(m.end);
            }
            _ => blocks.push(m),
        }
    }
    blocks
}

/// A free stretch of the working window and the refocus it begins with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub span: Span,
    /// `r(G)`: minutes of refocus at the start of the gap.
    pub refocus: i64,
}

impl Gap {
    /// `e(G) = |G| - r(G)`.
    pub fn effective(&self) -> i64 {
        self.span.len() - self.refocus
    }

    /// The part of the gap after its refocus, where focus can happen.
    pub fn effective_span(&self) -> Span {
        Span::new(self.span.start + self.refocus, self.span.end)
    }
}

/// The gaps of the window between meeting blocks (`blocks` as from [`meeting_blocks`]). A gap
/// that begins where a block ends begins with `min(R, |G|)` minutes of refocus; one that opens
/// the day (or follows an out-of-office stretch) has none.
pub fn gaps(window: &[Span], blocks: &[Span], refocus: i64) -> Vec<Gap> {
    let mut out = Vec::with_capacity(blocks.len() + window.len());
    let mut b = 0;
    for w in window {
        let mut cursor = w.start;
        let mut after_block = false;
        loop {
            let next = blocks.get(b).filter(|blk| blk.start < w.end);
            let end = next.map_or(w.end, |blk| blk.start);
            let gap = Span::new(cursor, end);
            if !gap.is_empty() {
                let r = if after_block {
                    refocus.min(gap.len())
                } else {
                    0
                };
                out.push(Gap {
                    span: gap,
                    refocus: r,
                });
            }
            match next {
                Some(blk) => {
                    cursor = blk.end;
                    after_block = true;
                    b += 1;
                }
                None => break,
            }
        }
    }
    out
}

/// The numbers of one day (SPEC section 1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DayStats {
    pub working_minutes: i64,
    pub meeting_minutes: i64,
    pub refocus_minutes: i64,
    pub focus_minutes: i64,
    pub fragmented_minutes: i64,
    pub switches: i64,
}

impl DayStats {
    pub fn add(&mut self, o: &DayStats) {
        self.working_minutes += o.working_minutes;
        self.meeting_minutes += o.meeting_minutes;
        self.refocus_minutes += o.refocus_minutes;
        self.focus_minutes += o.focus_minutes;
        self.fragmented_minutes += o.fragmented_minutes;
        self.switches += o.switches;
    }
}

/// The model for one day: `window` is `W` after out-of-office removal (sorted, disjoint),
/// `meetings` the user's meetings on that day (any order, may overlap or stick out of `W`).
pub fn day_stats(window: &[Span], meetings: &[Span], params: Params) -> DayStats {
    let blocks = meeting_blocks(window, meetings);
    let mut stats = DayStats {
        working_minutes: window.iter().map(|w| w.len()).sum(),
        meeting_minutes: blocks.iter().map(|b| b.len()).sum(),
        ..DayStats::default()
    };
    for gap in gaps(window, &blocks, params.refocus) {
        let e = gap.effective();
        stats.refocus_minutes += gap.refocus;
        if gap.refocus > 0 {
            stats.switches += 1;
        }
        if e >= params.min_focus {
            stats.focus_minutes += e;
        } else {
            stats.fragmented_minutes += e;
        }
    }
    stats
}

/// Focus loss of `meetings[index]`: the day's focus minutes without it minus with it. This is
/// SPEC section 1's definition written out (the day computed twice); for every meeting of a
/// day at once use [`focus_losses`], which gives the same numbers in `O(n log n)`.
pub fn focus_loss(window: &[Span], meetings: &[Span], index: usize, params: Params) -> i64 {
    let with = day_stats(window, meetings, params).focus_minutes;
    let others: Vec<Span> = meetings
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, m)| *m)
        .collect();
    day_stats(window, &others, params).focus_minutes - with
}

/// The focus loss of every meeting of a day, in the order of `meetings`: for each index what
/// [`focus_loss`] gives, in `O(n log n)` for the whole day (`window` sorted, its segments
/// apart, as [`Timeline::day`] and [`subtract`] make it).
///
/// Taking a meeting away changes the day only inside the blocks it belongs to (one per window
/// segment it touches) and the two gaps beside each: the block loses the stretches that no
/// other meeting covers, each such stretch becomes a gap (after a block, so with refocus),
/// and one at an end of the block joins the gap there. Every other gap keeps its length and
/// its refocus. So a meeting's loss is the focus of the new gaps around its blocks minus the
/// focus of the old ones beside them; the stretches that only one meeting covers come from
/// one sweep over each block's start and end points, at most one per piece between two
/// points, so `O(n)` of them in all.
pub fn focus_losses(window: &[Span], meetings: &[Span], params: Params) -> Vec<i64> {
    let mut losses = vec![0; meetings.len()];
    // The focus a gap of `len` minutes adds, with refocus when it follows a block.
    let focus = |len: i64, after_block: bool| {
        let refocus = if after_block {
            params.refocus.min(len)
        } else {
            0
        };
        let e = len - refocus;
        if len > 0 && e >= params.min_focus {
            e
        } else {
            0
        }
    };
    for w in window {
        // The meetings clipped to this segment, as (span, meeting), by start.
        let mut pieces: Vec<(Span, usize)> = meetings
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.intersect(*w).map(|s| (s, i)))
            .collect();
        pieces.sort_unstable_by_key(|(s, i)| (s.start, *i));
        // Blocks: runs of pieces that overlap or touch, as in `meeting_blocks`.
        let mut blocks: Vec<(Span, std::ops::Range<usize>)> = Vec::new();
        for (k, (s, _)) in pieces.iter().enumerate() {
            match blocks.last_mut() {
                Some((b, run)) if s.start <= b.end => {
                    b.end = b.end.max(s.end);
                    run.end = k + 1;
                }
                _ => blocks.push((*s, k..k + 1)),
            }
        }
        for (b, (block, run)) in blocks.iter().enumerate() {
            let before = Span::new(
                if b == 0 { w.start } else { blocks[b - 1].0.end },
                block.start,
            );
            let after = Span::new(
                block.end,
                blocks.get(b + 1).map_or(w.end, |(next, _)| next.start),
            );
            let before_follows_block = b > 0;
            let old = focus(before.len(), before_follows_block) + focus(after.len(), true);
            let mut alone = covered_once(&pieces[run.clone()]);
            alone.sort_unstable_by_key(|(i, s)| (*i, s.start));
            for group in alone.chunk_by(|a, b| a.0 == b.0) {
                // The gaps from `before` to `after` without this meeting, `pending` the one
                // still growing: (start, end, follows a block).
                let mut new = 0;
                let mut pending = (before.start, before.end, before_follows_block);
                for (_, hole) in group {
                    if hole.start == pending.1 {
                        pending.1 = hole.end;
                    } else {
                        new += focus(pending.1 - pending.0, pending.2);
                        pending = (hole.start, hole.end, true);
                    }
                }
                if pending.1 == after.start {
                    pending.1 = after.end;
                } else {
                    new += focus(pending.1 - pending.0, pending.2);
                    pending = (after.start, after.end, true);
                }
                new += focus(pending.1 - pending.0, pending.2);
                losses[group[0].0] += new - old;
            }
        }
    }
    losses
}

/// The stretches of one block that a single piece covers, as (meeting, stretch) in time
/// order; neighbouring stretches of one meeting are joined. `pieces` are non-empty.
fn covered_once(pieces: &[(Span, usize)]) -> Vec<(usize, Span)> {
    // Start and end points; at one instant every point is taken before the stretch after it.
    let mut points: Vec<(i64, bool, usize)> = pieces
        .iter()
        .flat_map(|(s, i)| [(s.start, true, *i), (s.end, false, *i)])
        .collect();
    points.sort_unstable_by_key(|p| p.0);
    let mut out: Vec<(usize, Span)> = Vec::new();
    // How many pieces cover the current stretch, and the sum of their meetings: with one
    // piece, the sum is that piece's meeting.
    let (mut count, mut sum) = (0usize, 0usize);
    let mut k = 0;
    while k < points.len() {
        let at = points[k].0;
        while k < points.len() && points[k].0 == at {
            let (_, opens, i) = points[k];
            if opens {
                count += 1;
                sum = sum.wrapping_add(i);
            } else {
                count -= 1;
                sum = sum.wrapping_sub(i);
            }
            k += 1;
        }
        if count == 1
            && let Some(&(next, _, _)) = points.get(k)
        {
            match out.last_mut() {
                Some((i, s)) if *i == sum && s.end == at => s.end = next,
                _ => out.push((sum, Span::new(at, next))),
            }
        }
    }
    out
}

/// One day's inputs to the model, built from a calendar.
#[derive(Debug, Clone)]
pub struct Day {
    pub date: NaiveDate,
    /// `W` after out-of-office removal.
    pub window: Vec<Span>,
    /// The meetings touching the window: index into the instance list, and span.
    pub meetings: Vec<(usize, Span)>,
}

impl Day {
    pub fn meeting_spans(&self) -> Vec<Span> {
        self.meetings.iter().map(|(_, s)| *s).collect()
    }
}

/// Instances of one sort as (instance index, span), sorted by span, with the longest length
/// so that "what overlaps this span" is two binary searches.
#[derive(Debug, Default)]
struct Lane {
    items: Vec<(usize, Span)>,
    longest: i64,
}

impl Lane {
    fn new(mut items: Vec<(usize, Span)>) -> Lane {
        items.sort_by_key(|(i, s)| (*s, *i));
        let longest = items.iter().map(|(_, s)| s.len()).max().unwrap_or(0);
        Lane { items, longest }
    }

    fn overlapping(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        let lo = self
            .items
            .partition_point(|(_, s)| s.start < span.start - self.longest);
        let hi = self.items.partition_point(|(_, s)| s.start < span.end);
        self.items[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(move |(_, s)| s.overlaps(span))
    }
}

/// The calendar's instances grouped the way the model needs them, built once per run.
pub struct Timeline<'a> {
    pub instances: &'a [Instance],
    meetings: Lane,
    away: Lane,
    /// Focus blocks, focusd's and the user's own.
    focus: Lane,
}

impl<'a> Timeline<'a> {
    pub fn new(instances: &'a [Instance], me: &str) -> Timeline<'a> {
        let (mut meetings, mut away, mut focus) = (Vec::new(), Vec::new(), Vec::new());
        for (i, inst) in instances.iter().enumerate() {
            let live = inst.details.status != crate::event::EventStatus::Cancelled
                && !inst.details.role(me).declined();
            let item = (i, Span::of(inst));
            if inst.is_meeting(me) {
                meetings.push(item);
            } else if live && inst.is_out_of_office(me) {
                away.push(item);
            } else if live && inst.is_focus_block(me) && !inst.all_day {
                focus.push(item);
            }
        }
        Timeline {
            instances,
            meetings: Lane::new(meetings),
            away: Lane::new(away),
            focus: Lane::new(focus),
        }
    }

    /// Meetings overlapping `span`, as (instance index, span), in time order.
    pub fn meetings_in(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.meetings.overlapping(span)
    }

    /// Focus blocks overlapping `span`, as (instance index, span), in time order.
    pub fn focus_blocks_in(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.focus.overlapping(span)
    }

    /// The model's inputs for `date`; `None` on a day off.
    pub fn day(&self, policy: &Policy, date: NaiveDate) -> Option<Day> {
        let w = working_window(policy, date)?;
        let holes: Vec<Span> = self.away.overlapping(w).map(|(_, s)| s).collect();
        let window = if holes.is_empty() {
            vec![w]
        } else {
            subtract(&[w], &holes)
        };
        let meetings = self
            .meetings_in(w)
            .filter(|(_, s)| window.iter().any(|w| s.overlaps(*w)))
            .collect();
        Some(Day {
            date,
            window,
            meetings,
        })
    }
}

/// Every date from `from` to `to`, inclusive.
pub fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    std::iter::successors(Some(from), |d| d.checked_add_days(Days::new(1)))
        .take_while(move |d| *d <= to)
}

/// One day of an analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReport {
    pub date: NaiveDate,
    pub stats: DayStats,
}

/// What one meeting instance costs.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingCost {
    /// Index into the instance list the analysis was made from.
    pub instance: usize,
    pub focus_loss_minutes: i64,
    /// `attendees x (duration + R) x rate`, with `meetings.cost_per_hour` set.
    pub cost: Option<f64>,
}

/// The model over a date range.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub days: Vec<DayReport>,
    pub totals: DayStats,
    /// One entry per meeting instance that touches a working window, in time order.
    pub meetings: Vec<MeetingCost>,
}

/// Runs the model for every date from `from` to `to` (inclusive, local dates).
pub fn analyze(timeline: &Timeline, policy: &Policy, from: NaiveDate, to: NaiveDate) -> Analysis {
    let params = Params::from(policy);
    let mut days = Vec::new();
    let mut totals = DayStats::default();
    // A meeting can touch several days; its focus loss is the sum over them.
    let mut losses: Vec<(usize, i64)> = Vec::new();
    for date in dates(from, to) {
        let Some(day) = timeline.day(policy, date) else {
            continue;
        };
        let spans = day.meeting_spans();
        let stats = day_stats(&day.window, &spans, params);
        let day_losses = focus_losses(&day.window, &spans, params);
        losses.extend(day.meetings.iter().map(|(index, _)| *index).zip(day_losses));
        totals.add(&stats);
        days.push(DayReport { date, stats });
    }
    losses.sort_by_key(|(i, _)| *i);
    let mut meetings: Vec<MeetingCost> = Vec::new();
    for (index, loss) in losses {
        match meetings.last_mut() {
            Some(last) if last.instance == index => last.focus_loss_minutes += loss,
            _ => meetings.push(MeetingCost {
                instance: index,
                focus_loss_minutes: loss,
                cost: money_cost(&timeline.instances[index], policy),
            }),
        }
    }
    meetings.sort_by_key(|m| {
        let inst = &timeline.instances[m.instance];
        (inst.start, inst.end, m.instance)
    });
    Analysis {
        days,
        totals,
        meetings,
    }
}

/// SPEC section 1: `attendees x (duration + R) x rate`. An event with no attendee list is
/// the user alone.
pub fn money_cost(instance: &Instance, policy: &Policy) -> Option<f64> {
    let rate = policy.meetings.cost_per_hour?;
    let people = instance.details.attendees.len().max(1) as f64;
    let minutes = instance.duration_minutes() as f64 + f64::from(policy.refocus.minutes);
    Some((people * minutes / 60.0 * rate * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 0; // minutes are relative to midnight of an arbitrary day

    fn at(h: i64, m: i64) -> i64 {
        DAY + h * 60 + m
    }

    fn span(a: (i64, i64), b: (i64, i64)) -> Span {
        Span::new(at(a.0, a.1), at(b.0, b.1))
    }

    /// SPEC section 1, the worked example.
    #[test]
    fn worked_example() {
        let window = [span((9, 0), (17, 0))];
        let meetings = [
            span((9, 30), (10, 0)),
            span((11, 0), (12, 0)),
            span((12, 0), (12, 30)),
            span((14, 0), (14, 15)),
            span((16, 0), (17, 30)),
        ];
        let params = Params {
            refocus: 23,
            min_focus: 60,
        };
        let stats = day_stats(&window, &meetings, params);
        assert_eq!(
            stats,
            DayStats {
                working_minutes: 480,
                meeting_minutes: 195,
                refocus_minutes: 69,
                focus_minutes: 149,
                fragmented_minutes: 67,
                switches: 3,
            }
        );
        let losses: Vec<i64> = (0..meetings.len())
            .map(|i| focus_loss(&window, &meetings, i, params))
            .collect();
        assert_eq!(losses, vec![120, 97, 30, 38, 60]);
        assert_eq!(focus_losses(&window, &meetings, params), losses);
        let g = gaps(&window, &meeting_blocks(&window, &meetings), 23);
        let table: Vec<(i64, i64, i64)> = g
            .iter()
            .map(|g| (g.span.len(), g.refocus, g.effective()))
            .collect();
        assert_eq!(
            table,
            vec![(30, 0, 30), (60, 23, 37), (90, 23, 67), (105, 23, 82)]
        );
    }

    #[test]
    fn gap_before_first_meeting_has_no_refocus() {
        let window = [span((9, 0), (17, 0))];
        let stats = day_stats(
            &window,
            &[span((13, 0), (14, 0))],
            Params {
                refocus: 23,
                min_focus: 120,
            },
        );
        // 09:00-13:00 is 240 focus with no refocus; 14:00-17:00 is 180 - 23.
        assert_eq!(stats.focus_minutes, 240 + 157);
        assert_eq!(stats.refocus_minutes, 23);
        assert_eq!(stats.switches, 1);
    }

    #[test]
    fn overlapping_meetings_merge_and_count_once() {
        let window = [span((9, 0), (17, 0))];
        let a = [span((10, 0), (11, 0)), span((10, 30), (11, 30))];
        let b = [span((10, 0), (11, 30))];
        let p = Params {
            refocus: 23,
            min_focus: 120,
        };
        assert_eq!(day_stats(&window, &a, p), day_stats(&window, &b, p));
        assert_eq!(day_stats(&window, &a, p).meeting_minutes, 90);
    }

    #[test]
    fn short_gap_is_all_refocus() {
        let window = [span((9, 0), (17, 0))];
        let m = [span((9, 0), (10, 0)), span((10, 10), (17, 0))];
        let s = day_stats(
            &window,
            &m,
            Params {
                refocus: 23,
                min_focus: 120,
            },
        );
        assert_eq!(
            (s.refocus_minutes, s.fragmented_minutes, s.focus_minutes),
            (10, 0, 0)
        );
    }

    #[test]
    fn out_of_office_splits_the_window_without_refocus() {
        let w = subtract(&[span((9, 0), (17, 0))], &[span((12, 0), (13, 0))]);
        assert_eq!(w, vec![span((9, 0), (12, 0)), span((13, 0), (17, 0))]);
        // A meeting ending at the start of the out-of-office hole: the gap after the hole
        // opens a segment and has no refocus.
        let s = day_stats(
            &w,
            &[span((11, 0), (12, 0))],
            Params {
                refocus: 23,
                min_focus: 60,
            },
        );
        assert_eq!(s.working_minutes, 420);
        assert_eq!(s.refocus_minutes, 0);
        assert_eq!(s.focus_minutes, 120 + 240);
    }

    #[test]
    fn an_out_of_office_event_without_length_cuts_nothing() {
        // It used to split the window in two touching pieces: a meeting over the cut was
        // one block, and the second piece's gap was read from the cut, over the meeting.
        let w = subtract(&[span((9, 0), (17, 0))], &[span((12, 0), (12, 0))]);
        assert_eq!(w, vec![span((9, 0), (17, 0))]);
        let params = Params {
            refocus: 23,
            min_focus: 60,
        };
        let meetings = [span((11, 50), (12, 10))];
        let s = day_stats(&w, &meetings, params);
        assert_eq!(
            s.meeting_minutes + s.refocus_minutes + s.focus_minutes + s.fragmented_minutes,
            s.working_minutes
        );
        assert_eq!(
            focus_losses(&w, &meetings, params),
            [focus_loss(&w, &meetings, 0, params)]
        );
    }

    #[test]
    fn dst_window_is_wall_clock() {
        use chrono_tz::Europe::Berlin;
        let policy = Policy {
            team: crate::policy::Team {
                timezone: Berlin,
                ..Default::default()
            },
            ..Default::default()
        };
        // Friday 2026-03-27 (CET, UTC+1) and Monday 2026-03-30 (CEST, UTC+2).
        let before =
            working_window(&policy, NaiveDate::from_ymd_opt(2026, 3, 27).unwrap()).unwrap();
        let after = working_window(&policy, NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()).unwrap();
        assert_eq!(
            instant(before.start).to_rfc3339(),
            "2026-03-27T08:00:00+00:00"
        );
        assert_eq!(
            instant(after.start).to_rfc3339(),
            "2026-03-30T07:00:00+00:00"
        );
        assert_eq!(before.len(), 480);
        assert!(working_window(&policy, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()).is_none());
    }

    fn arb_day() -> impl Strategy<Value = (Vec<Span>, Vec<Span>, Params)> {
        let window = (0i64..600, 1i64..900).prop_map(|(s, l)| Span::new(s, s + l));
        let holes = prop::collection::vec((0i64..1500, 0i64..200), 0..3);
        let meetings = prop::collection::vec((-100i64..1600, 0i64..240), 0..25);
        let params =
            (0i64..60, 1i64..200).prop_map(|(refocus, min_focus)| Params { refocus, min_focus });
        (window, holes, meetings, params).prop_map(|(w, holes, meetings, params)| {
            let holes: Vec<Span> = holes
                .into_iter()
                .map(|(s, l)| Span::new(s, s + l))
                .collect();
            let window = subtract(&[w], &holes);
            let meetings = meetings
                .into_iter()
                .map(|(s, l)| Span::new(s, s + l))
                .collect();
            (window, meetings, params)
        })
    }

    /// Days made to crowd: meetings on a quarter-hour grid (so that they touch, nest, repeat
    /// and end together), up to 60 of them, and out-of-office holes.
    fn arb_crowded_day() -> impl Strategy<Value = (Vec<Span>, Vec<Span>, Params)> {
        let window = (0i64..8, 1i64..40).prop_map(|(s, l)| Span::new(s * 15, (s + l) * 15));
        let holes = prop::collection::vec((0i64..48, 0i64..8), 0..3);
        let meetings = prop::collection::vec((-2i64..50, 0i64..16), 0..60);
        let params =
            (0i64..60, 0i64..200).prop_map(|(refocus, min_focus)| Params { refocus, min_focus });
        (window, holes, meetings, params).prop_map(|(w, holes, meetings, params)| {
            let holes: Vec<Span> = holes
                .into_iter()
                .map(|(s, l)| Span::new(s * 15, (s + l) * 15))
                .collect();
            let window = subtract(&[w], &holes);
            let meetings = meetings
                .into_iter()
                .map(|(s, l)| Span::new(s * 15, (s + l) * 15))
                .collect();
            (window, meetings, params)
        })
    }

    #[test]
    fn focus_losses_of_crowded_days() {
        let window = [span((9, 0), (17, 0))];
        let params = Params {
            refocus: 23,
            min_focus: 60,
        };
        // One meeting alone, twice the same meeting, one inside another, a chain that
        // touches, and one over the whole day.
        for meetings in [
            vec![span((12, 0), (13, 0))],
            vec![span((12, 0), (13, 0)), span((12, 0), (13, 0))],
            vec![span((10, 0), (15, 0)), span((12, 0), (13, 0))],
            vec![
                span((10, 0), (11, 0)),
                span((11, 0), (12, 0)),
                span((11, 30), (14, 0)),
            ],
            vec![span((8, 0), (18, 0)), span((9, 30), (10, 0))],
        ] {
            let oracle: Vec<i64> = (0..meetings.len())
                .map(|i| focus_loss(&window, &meetings, i, params))
                .collect();
            assert_eq!(
                focus_losses(&window, &meetings, params),
                oracle,
                "{meetings:?}"
            );
        }
        // A meeting every minute, each an hour long: the day's losses in one pass.
        let many: Vec<Span> = (0..480).map(|m| Span::new(at(9, m), at(10, m))).collect();
        let losses = focus_losses(&window, &many, params);
        assert_eq!(losses.len(), 480);
        for i in [0, 1, 240, 478, 479] {
            assert_eq!(losses[i], focus_loss(&window, &many, i, params), "{i}");
        }
    }

    proptest! {
        /// The losses of a whole day in one pass are the definition's, meeting by meeting.
        #[test]
        fn focus_losses_equal_the_definition((window, meetings, params) in arb_day()) {
            let oracle: Vec<i64> = (0..meetings.len())
                .map(|i| focus_loss(&window, &meetings, i, params))
                .collect();
            prop_assert_eq!(focus_losses(&window, &meetings, params), oracle);
        }

        #[test]
        fn focus_losses_equal_the_definition_on_crowded_days(
            (window, meetings, params) in arb_crowded_day()
        ) {
            let oracle: Vec<i64> = (0..meetings.len())
                .map(|i| focus_loss(&window, &meetings, i, params))
                .collect();
            prop_assert_eq!(focus_losses(&window, &meetings, params), oracle);
        }

        /// SPEC section 1: meeting + refocus + focus + fragmented = |W|, for every day.
        #[test]
        fn identity_holds((window, meetings, params) in arb_day()) {
            let s = day_stats(&window, &meetings, params);
            prop_assert_eq!(
                s.meeting_minutes + s.refocus_minutes + s.focus_minutes + s.fragmented_minutes,
                s.working_minutes
            );
            prop_assert!(s.refocus_minutes <= s.switches * params.refocus);
            prop_assert!(s.focus_minutes >= 0 && s.fragmented_minutes >= 0);
        }

        /// Order of the meetings and duplicates do not matter.
        #[test]
        fn order_does_not_matter((window, meetings, params) in arb_day()) {
            let mut shuffled = meetings.clone();
            shuffled.reverse();
            shuffled.extend(meetings.iter().take(2).copied());
            prop_assert_eq!(day_stats(&window, &meetings, params), day_stats(&window, &shuffled, params));
        }

        /// A meeting outside the working window costs nothing.
        #[test]
        fn meeting_outside_window_costs_nothing((window, meetings, params) in arb_day()) {
            let mut with = meetings.clone();
            let outside = Span::new(-10_000, -9_000);
            with.push(outside);
            prop_assert_eq!(focus_loss(&window, &with, with.len() - 1, params), 0);
        }
    }
}
