//! The planner of SPEC section 2: which focus blocks to keep, trim, book or remove.
//!
//! Architecture invariant: pure. `(timeline, policy, me, now) -> Plan`; writing the plan to a
//! calendar is a backend's job. Invariants (pinned by property tests below):
//! - a block never overlaps a meeting and never leaves the working window;
//! - running the planner on its own output proposes nothing (idempotent);
//! - a block focusd booked earlier stays exactly where it is while it is still free;
//! - only focusd's own blocks are ever trimmed or removed.

use std::collections::HashSet;

use chrono::{DateTime, Days, Utc};
use serde::Serialize;

use crate::model::{self, Params, Span, Timeline};
use crate::policy::{Policy, Prefer};

/// What the plan does with a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockAction {
    /// A new block to book.
    Book,
    /// An existing block (focusd's or the user's own) that stays as it is.
    Keep,
    /// An existing focusd block that a meeting now overlaps, shortened to its free part.
    Trim,
}

/// A focus block in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Deterministic id: the same block always gets the same id, so that a retried insert
    /// cannot create a twin. Existing blocks keep their own.
    pub id: String,
    pub span: Span,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Minutes of the block outside meetings and their refocus time.
    pub effective_minutes: i64,
    pub action: BlockAction,
    /// Whether the block comes from a team focus window.
    pub team_window: bool,
    /// For existing blocks: the instance index in the calendar.
    pub instance: Option<usize>,
}

/// An existing focusd block the plan no longer wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: String,
    pub instance: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub blocks: Vec<Block>,
    pub remove: Vec<Removal>,
}

impl Plan {
    /// Whether applying the plan would change the calendar.
    #[cfg(test)]
    pub fn changes_anything(&self) -> bool {
        !self.remove.is_empty() || self.blocks.iter().any(|b| b.action != BlockAction::Keep)
    }
}

/// The planning range: from `now + min_notice` to the end of the horizon's last day.
pub fn horizon(policy: &Policy, now: DateTime<Utc>) -> (Span, Vec<chrono::NaiveDate>) {
    let zone = policy.zone();
    let today = model::local_date(zone, now);
    let days: Vec<_> = model::dates(
        today,
        today
            .checked_add_days(Days::new(u64::from(policy.focus.horizon_days.max(1)) - 1))
            .unwrap_or(today),
    )
    .collect();
    let last = *days.last().unwrap_or(&today);
    let end = model::local_instant(
        zone,
        last.succ_opt().unwrap_or(last),
        chrono::NaiveTime::MIN,
    );
    let start = model::minute(now) + i64::from(policy.focus.min_notice_minutes);
    (Span::new(start, model::minute(end)), days)
}

/// Computes the plan for the horizon.
pub fn plan(timeline: &Timeline, policy: &Policy, me: &str, now: DateTime<Utc>) -> Plan {
    plan_avoiding(timeline, policy, me, now, &HashSet::new())
}

/// [`plan`], never giving a new block one of the ids in `taken` (ids the calendar refused
/// because an event outside the synced range holds them).
pub fn plan_avoiding(
    timeline: &Timeline,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
    taken: &HashSet<String>,
) -> Plan {
    let params = Params::from(policy);
    let (range, days) = horizon(policy, now);
    let mut plan = Plan::default();
    // Ids held by events that are not focusd's: a block never takes one (review finding 19).
    let taken: HashSet<&str> = timeline
        .instances
        .iter()
        .filter(|i| !i.details.is_focusd_block(me))
        .flat_map(|i| [i.details.uid.as_str(), i.details.id.as_str()])
        .filter(|id| id.starts_with(crate::event::BLOCK_ID_PREFIX))
        .chain(taken.iter().map(String::as_str))
        .collect();
    for date in days {
        let Some(day) = timeline.day(policy, date) else {
            continue;
        };
        let user = User { me, taken: &taken };
        plan_day(timeline, policy, user, params, range, &day, &mut plan);
    }
    plan.blocks
        .sort_by_key(|b| (b.span, b.action == BlockAction::Book));
    plan
}

/// Whose blocks these are, and the block ids other people's events hold.
#[derive(Clone, Copy)]
struct User<'a> {
    me: &'a str,
    taken: &'a HashSet<&'a str>,
}

fn plan_day(
    timeline: &Timeline,
    policy: &Policy,
    user: User<'_>,
    params: Params,
    range: Span,
    day: &model::Day,
    plan: &mut Plan,
) {
    let blocks = model::meeting_blocks(&day.window, &day.meeting_spans());
    // Where focus can happen: the gaps after their refocus.
    let free: Vec<Span> = model::gaps(&day.window, &blocks, params.refocus)
        .iter()
        .map(|g| g.effective_span())
        .filter(|s| !s.is_empty())
        .collect();
    let mut day_plan = DayPlan {
        user,
        range,
        min_block: i64::from(policy.focus.min_block_minutes),
        min_notice: i64::from(policy.focus.min_notice_minutes),
        free,
        covered: Vec::new(),
        total: 0,
        plan,
    };
    let day_span = Span::new(
        day.window.first().map_or(0, |w| w.start),
        day.window.last().map_or(0, |w| w.end),
    );
    day_plan.keep_existing(timeline, day_span);
    day_plan.book_team_windows(policy, day);
    day_plan.book_target(policy);
}

/// One day's plan as it is made: where focus can happen, what the blocks so far cover, and
/// how much focus they give.
struct DayPlan<'a, 'p> {
    user: User<'a>,
    range: Span,
    min_block: i64,
    /// How long before its start a block may still be booked or moved: the range starts
    /// this long after now.
    min_notice: i64,
    /// The day's free time after refocus.
    free: Vec<Span>,
    covered: Vec<Span>,
    /// Focus minutes the covered blocks give.
    total: i64,
    plan: &'p mut Plan,
}

impl DayPlan<'_, '_> {
    /// The focus a block over `s` gives: the free time in it.
    fn effective(&self, s: Span) -> i64 {
        self.free
            .iter()
            .filter_map(|f| f.intersect(s))
            .map(|p| p.len())
            .sum()
    }

    /// Where a new block may go: free, in the planning range, not yet covered.
    fn open(&self) -> Vec<Span> {
        let in_range: Vec<Span> = self
            .free
            .iter()
            .filter_map(|f| f.intersect(self.range))
            .collect();
        model::subtract(&in_range, &self.covered)
            .into_iter()
            .filter(|s| s.len() >= self.min_block)
            .collect()
    }

    fn book(&mut self, span: Span, team_window: bool) {
        let eff = self.effective(span);
        self.total += eff;
        self.covered.push(span);
        self.plan.blocks.push(Block {
            id: free_block_id(self.user.me, span, self.user.taken),
            span,
            start: model::instant(span.start),
            end: model::instant(span.end),
            effective_minutes: eff,
            action: BlockAction::Book,
            team_window,
            instance: None,
        });
    }

    /// Blocks that exist already count first and stay where they are while still free;
    /// focusd's own are trimmed to their longest free part, or removed, when a meeting
    /// now overlaps them (one already running, or too close to move, ends where the
    /// meeting begins), and a second copy of one is removed.
    fn keep_existing(&mut self, timeline: &Timeline, day_span: Span) {
        let me = self.user.me;
        for (index, span) in timeline.focus_blocks_in(day_span) {
            let inst = &timeline.instances[index];
            let ours = inst.details.is_focusd_block(me);
            let frozen = span.start < self.range.start;
            let twin = self.covered.iter().any(|c| c.overlaps(span));
            let removal = |reason: &str| Removal {
                uid: inst.event_ref().id,
                start: inst.start,
                end: inst.end,
                reason: reason.to_string(),
                instance: index,
            };
            if ours && twin && !frozen {
                self.plan
                    .remove
                    .push(removal("overlaps another focus block"));
                continue;
            }
            let still_free = self.free.iter().any(|f| f.contains(span));
            let (kept, action) = if !ours || still_free {
                // Not ours to move, or untouched: leave it exactly as it is.
                (span, BlockAction::Keep)
            } else if frozen {
                // Already started (or starting too soon to move): it keeps its start, and a
                // meeting that now overlaps it ends it where the meeting begins (SPEC
                // section 2: trimmed, never left overlapping). Nothing before the meeting,
                // or too little of a block not yet started: removed.
                let first = timeline.meetings_in(span).map(|(_, m)| m.start).min();
                let head = Span::new(span.start, first.map_or(span.end, |f| f.max(span.start)));
                let started = span.start <= self.range.start - self.min_notice;
                if head == span {
                    (span, BlockAction::Keep)
                } else if !head.is_empty() && (started || head.len() >= self.min_block) {
                    (head, BlockAction::Trim)
                } else {
                    self.plan.remove.push(removal("a meeting now overlaps it"));
                    continue;
                }
            } else {
                // A meeting (or its refocus) now overlaps it: keep its longest free part.
                let best = self
                    .free
                    .iter()
                    .filter_map(|f| f.intersect(span))
                    .max_by_key(|p| (p.len(), -p.start));
                match best {
                    Some(p) if p.len() >= self.min_block && p.start >= self.range.start => {
                        (p, BlockAction::Trim)
                    }
                    _ => {
                        self.plan.remove.push(removal("a meeting now overlaps it"));
                        continue;
                    }
                }
            };
            let eff = self.effective(kept);
            self.total += eff;
            self.covered.push(kept);
            self.plan.blocks.push(Block {
                id: inst.event_ref().id,
                span: kept,
                start: model::instant(kept.start),
                end: model::instant(kept.end),
                effective_minutes: eff,
                action,
                team_window: false,
                instance: Some(index),
            });
        }
    }

    /// Team focus windows are booked for every member.
    fn book_team_windows(&mut self, policy: &Policy, day: &model::Day) {
        let weekday = chrono::Datelike::weekday(&day.date);
        let zone = policy.zone();
        for w in policy
            .focus
            .team_windows
            .iter()
            .filter(|w| w.days.iter().any(|d| d.0 == weekday))
        {
            let window = Span::new(
                model::minute(model::local_instant(zone, day.date, w.start.0)),
                model::minute(model::local_instant(zone, day.date, w.end.0)),
            );
            for piece in self.open() {
                if let Some(p) = piece
                    .intersect(window)
                    .filter(|p| p.len() >= self.min_block)
                {
                    self.book(p, true);
                }
            }
        }
    }

    /// Then the daily target, in the policy's order of preference.
    fn book_target(&mut self, policy: &Policy) {
        let f = &policy.focus;
        let target = i64::from(f.daily_target_minutes);
        let max_block = i64::from(f.max_block_minutes);
        while self.total < target {
            let candidates = self.open();
            let pick = match f.prefer {
                Prefer::Morning => candidates.first(),
                Prefer::Afternoon => candidates.last(),
                Prefer::Longest => candidates.iter().max_by_key(|c| (c.len(), -c.start)),
            };
            let Some(&c) = pick else { break };
            let len = max_block
                .min(c.len())
                .min((target - self.total).max(self.min_block));
            let span = match f.prefer {
                Prefer::Afternoon => Span::new(c.end - len, c.end),
                Prefer::Morning | Prefer::Longest => Span::new(c.start, c.start + len),
            };
            self.book(span, false);
        }
    }
}

/// A deterministic event id for a block: lower-case base32hex (Google accepts client ids of
/// `[a-v0-9]{5,1024}`), derived from the user and the block's times; if someone else's event
/// holds that id, the first of its salted variants that is free: still deterministic, so a
/// retried booking names the same block.
pub fn free_block_id(me: &str, span: Span, taken: &HashSet<&str>) -> String {
    (0..)
        .map(|salt| salted_block_id(me, span, salt))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

fn salted_block_id(me: &str, span: Span, salt: u32) -> String {
    // FNV-1a: stable across builds and platforms, which std's hasher is not.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let me = crate::event::my_addresses(me).next().unwrap_or_default();
    let key = if salt == 0 {
        format!("{me}|{}|{}", span.start, span.end)
    } else {
        format!("{me}|{}|{}|{salt}", span.start, span.end)
    };
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut id = String::from(crate::event::BLOCK_ID_PREFIX);
    for i in 0..13 {
        id.push(char::from(DIGITS[((h >> (i * 5)) & 31) as usize]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventDetails, EventKind, Instance};
    use crate::policy::TeamWindow;
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    use proptest::prelude::*;
    use std::sync::Arc;

    const ME: &str = "me@example.com";

    fn policy() -> Policy {
        let mut p = Policy::default();
        p.team.timezone = chrono_tz::Europe::Berlin;
        p.focus.horizon_days = 5;
        p
    }

    /// 2026-11-30 is a Monday; times are Berlin local (UTC+1 then).
    fn t(day: u32, h: u32, m: u32) -> DateTime<Utc> {
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() + chrono::Days::new(day.into());
        chrono_tz::Europe::Berlin
            .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc)
    }

    fn event(uid: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Instance {
        Instance {
            details: Arc::new(EventDetails {
                uid: uid.into(),
                summary: uid.into(),
                ..Default::default()
            }),
            recurrence_id: None,
            start,
            end,
            all_day: false,
        }
    }

    fn own_block(b: &Block) -> Instance {
        Instance {
            details: Arc::new(EventDetails {
                uid: b.id.clone(),
                kind: EventKind::FocusTime,
                focusd_block: true,
                ..Default::default()
            }),
            recurrence_id: None,
            start: b.start,
            end: b.end,
            all_day: false,
        }
    }

    fn run(events: &[Instance], policy: &Policy, now: DateTime<Utc>) -> Plan {
        plan(&Timeline::new(events, ME), policy, ME, now)
    }

    /// The calendar after applying a plan: kept and trimmed blocks replace the old ones.
    fn apply(events: &[Instance], plan: &Plan) -> Vec<Instance> {
        let touched: Vec<usize> = plan
            .remove
            .iter()
            .map(|r| r.instance)
            .chain(plan.blocks.iter().filter_map(|b| b.instance))
            .collect();
        let mut out: Vec<Instance> = events
            .iter()
            .enumerate()
            .filter(|(i, _)| !touched.contains(i))
            .map(|(_, e)| e.clone())
            .collect();
        out.extend(plan.blocks.iter().map(own_block));
        out
    }

    #[test]
    fn books_the_morning_on_an_empty_day() {
        let p = run(&[], &policy(), t(0, 7, 0));
        let monday: Vec<_> = p.blocks.iter().filter(|b| b.start < t(1, 0, 0)).collect();
        assert_eq!(monday.len(), 1);
        assert_eq!((monday[0].start, monday[0].end), (t(0, 9, 0), t(0, 11, 0)));
        assert_eq!(monday[0].effective_minutes, 120);
        // Mon..Fri inside a 5-day horizon.
        assert_eq!(p.blocks.len(), 5);
        assert!(p.blocks.iter().all(|b| b.id.starts_with("focusd")));
    }

    #[test]
    fn prefers_afternoon_and_longest() {
        let mut pol = policy();
        pol.focus.prefer = Prefer::Afternoon;
        let meetings = [event("m", t(0, 12, 0), t(0, 13, 0))];
        let p = run(&meetings, &pol, t(0, 7, 0));
        assert_eq!(
            (p.blocks[0].start, p.blocks[0].end),
            (t(0, 15, 0), t(0, 17, 0))
        );
        pol.focus.prefer = Prefer::Longest;
        let meetings = [event("m", t(0, 11, 30), t(0, 12, 0))];
        let p = run(&meetings, &pol, t(0, 7, 0));
        // 09:00-11:30 is 150; after the meeting and refocus, 12:23-17:00 is 277.
        assert_eq!(
            (p.blocks[0].start, p.blocks[0].end),
            (t(0, 12, 23), t(0, 14, 23))
        );
    }

    #[test]
    fn never_in_the_past_nor_before_min_notice() {
        let p = run(&[], &policy(), t(0, 9, 50));
        let first = &p.blocks[0];
        assert_eq!(first.start, t(0, 10, 20));
        assert!(p.blocks.iter().all(|b| b.start >= t(0, 10, 20)));
    }

    #[test]
    fn team_windows_are_booked() {
        let mut pol = policy();
        pol.focus.team_windows = vec![TeamWindow {
            days: vec![crate::policy::Day(chrono::Weekday::Tue)],
            start: crate::policy::ClockTime(NaiveTime::from_hms_opt(13, 0, 0).unwrap()),
            end: crate::policy::ClockTime(NaiveTime::from_hms_opt(17, 0, 0).unwrap()),
        }];
        let p = run(&[], &pol, t(0, 7, 0));
        let tuesday: Vec<_> = p
            .blocks
            .iter()
            .filter(|b| b.start >= t(1, 0, 0) && b.start < t(2, 0, 0))
            .collect();
        assert_eq!(tuesday.len(), 1, "the team window meets the target alone");
        assert_eq!(
            (tuesday[0].start, tuesday[0].end),
            (t(1, 13, 0), t(1, 17, 0))
        );
        assert!(tuesday[0].team_window);
    }

    #[test]
    fn a_meeting_over_a_block_trims_or_removes_it() {
        let pol = policy();
        let now = t(0, 7, 0);
        let first = run(&[], &pol, now);
        let mut cal = apply(&[], &first);
        // A meeting lands at 10:30 on Monday, over the 09:00-11:00 block: what is left free
        // (09:00-10:30) is shorter than a block, so it goes, and a new block is booked.
        cal.push(event("m", t(0, 10, 30), t(0, 11, 0)));
        let second = run(&cal, &pol, now);
        assert_eq!(second.remove.len(), 1);
        assert_eq!(second.remove[0].reason, "a meeting now overlaps it");
        let monday: Vec<_> = second
            .blocks
            .iter()
            .filter(|b| b.start < t(1, 0, 0))
            .collect();
        assert_eq!(
            (monday[0].start, monday[0].end, monday[0].action),
            (t(0, 11, 23), t(0, 13, 23), BlockAction::Book)
        );
        // With a 3-hour block, a meeting at its end trims it instead.
        let mut pol = pol;
        pol.focus.daily_target_minutes = 180;
        let first = run(&[], &pol, now);
        let mut cal = apply(&[], &first);
        cal.push(event("m", t(0, 11, 30), t(0, 12, 0)));
        let second = run(&cal, &pol, now);
        let b = &second.blocks[0];
        assert_eq!(
            (b.start, b.end, b.action),
            (t(0, 9, 0), t(0, 11, 30), BlockAction::Trim)
        );
        assert_eq!(b.id, first.blocks[0].id, "a trimmed block keeps its id");
    }

    /// SPEC section 2: a block that a meeting now overlaps is trimmed, also one that runs
    /// already; it keeps its start and ends where the meeting begins, and the rest of the
    /// day's target is booked after the meeting. A meeting over its start removes it.
    #[test]
    fn a_meeting_over_a_running_block_ends_it_where_the_meeting_begins() {
        let pol = policy();
        let first = run(&[], &pol, t(0, 7, 0));
        assert_eq!(
            (first.blocks[0].start, first.blocks[0].end),
            (t(0, 9, 0), t(0, 11, 0))
        );
        let mut cal = apply(&[], &first);
        // At 10:00, inside the 09:00-11:00 block, a meeting accepted for 10:10 to 10:40.
        cal.push(event("m", t(0, 10, 10), t(0, 10, 40)));
        let now = t(0, 10, 0);
        let second = run(&cal, &pol, now);
        assert!(second.remove.is_empty(), "{:?}", second.remove);
        let b = &second.blocks[0];
        assert_eq!(
            (b.start, b.end, b.action, b.instance),
            (t(0, 9, 0), t(0, 10, 10), BlockAction::Trim, Some(0))
        );
        assert_eq!(b.id, first.blocks[0].id, "a trimmed block keeps its id");
        let timeline = Timeline::new(&cal, ME);
        for b in &second.blocks {
            assert!(timeline.meetings_in(b.span).next().is_none(), "{b:?}");
        }
        // What the trim took is booked again after the meeting, today.
        assert!(
            second.blocks.iter().any(|b| b.action == BlockAction::Book
                && b.start >= t(0, 10, 40)
                && b.end <= t(1, 0, 0)),
            "{:?}",
            second.blocks
        );
        // Idempotent: the trimmed block stays as it is.
        let again = run(&apply(&cal, &second), &pol, now);
        assert!(!again.changes_anything(), "{again:?}");
        // A meeting over the running block's start leaves nothing of it before the meeting.
        let mut cal = apply(&[], &first);
        cal.push(event("m", t(0, 8, 30), t(0, 9, 30)));
        let third = run(&cal, &pol, t(0, 9, 10));
        assert_eq!(third.remove.len(), 1, "{third:?}");
        assert_eq!(third.remove[0].reason, "a meeting now overlaps it");
        assert!(
            third.blocks.iter().all(|b| b.instance != Some(0)),
            "{third:?}"
        );
    }

    #[test]
    fn the_users_own_focus_time_counts_and_is_never_touched() {
        let mut mine = event("deep-work", t(0, 14, 0), t(0, 16, 0));
        Arc::make_mut(&mut mine.details).kind = EventKind::FocusTime;
        let meeting = event("m", t(0, 15, 0), t(0, 15, 30));
        let p = run(&[mine, meeting], &policy(), t(0, 7, 0));
        assert!(p.remove.is_empty());
        let mine = p.blocks.iter().find(|b| b.id == "deep-work").unwrap();
        assert_eq!(mine.action, BlockAction::Keep);
        assert_eq!((mine.start, mine.end), (t(0, 14, 0), t(0, 16, 0)));
        // 14:00-15:00 and 15:53-16:00 are free: 67 minutes count, the rest is booked.
        assert_eq!(mine.effective_minutes, 67);
        let monday: Vec<_> = p.blocks.iter().filter(|b| b.start < t(1, 0, 0)).collect();
        assert_eq!(
            (monday[0].start, monday[0].action),
            (t(0, 9, 0), BlockAction::Book)
        );
    }

    #[test]
    fn duplicate_blocks_are_removed() {
        let pol = policy();
        let now = t(0, 7, 0);
        let first = run(&[], &pol, now);
        let mut cal = apply(&[], &first);
        let mut twin = own_block(&first.blocks[0]);
        Arc::make_mut(&mut twin.details).uid = "focusdtwin".into();
        cal.push(twin);
        let second = run(&cal, &pol, now);
        assert_eq!(second.remove.len(), 1);
        assert_eq!(second.remove[0].reason, "overlaps another focus block");
        assert!(!second.blocks.iter().any(|b| b.action == BlockAction::Book));
    }

    /// Review finding 19: an outside event holding the id the next block would get does not
    /// keep the block from being booked.
    #[test]
    fn a_block_id_held_by_someone_elses_event_is_not_used() {
        let pol = policy();
        let now = t(0, 7, 0);
        let first = run(&[], &pol, now);
        let b = &first.blocks[0];
        let mut squat = event(&b.id, b.start, b.start);
        let d = Arc::make_mut(&mut squat.details);
        d.focusd_block = true;
        d.organizer = Some("mallory@evil.example".into());
        d.attendees = vec![crate::event::Attendee {
            email: ME.into(),
            response: crate::event::Response::NeedsAction,
            comment: None,
        }];
        d.transparency = crate::event::Transparency::Transparent;
        let second = run(std::slice::from_ref(&squat), &pol, now);
        assert_eq!(second.blocks[0].span, b.span);
        assert_ne!(second.blocks[0].id, b.id);
        assert!(second.blocks[0].id.starts_with("focusd"));
        // Deterministic: planned again, the same free id.
        assert_eq!(second.blocks[0].id, run(&[squat], &pol, now).blocks[0].id);
    }

    #[test]
    fn block_ids_are_base32hex_and_stable() {
        let block_id = |me, span| free_block_id(me, span, &HashSet::new());
        let id = block_id(ME, Span::new(100, 220));
        assert_eq!(id, block_id("ME@example.com", Span::new(100, 220)));
        assert_ne!(id, block_id(ME, Span::new(100, 221)));
        assert!(id.len() >= 5 && id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='v')));
    }

    fn arb_calendar() -> impl Strategy<Value = (Vec<Instance>, Policy, DateTime<Utc>)> {
        let meetings = prop::collection::vec((0u32..7, 6u32..19, 0u32..4, 1u32..12), 0..30);
        let prefs = prop::sample::select(vec![Prefer::Morning, Prefer::Afternoon, Prefer::Longest]);
        let now = (0u32..2, 0u32..24);
        let sizes = (30u32..200, 30u32..200, 0u32..400);
        (meetings, prefs, now, sizes).prop_map(|(ms, prefer, (nd, nh), (a, b, target))| {
            let mut pol = policy();
            pol.focus.prefer = prefer;
            pol.focus.min_block_minutes = a.min(b);
            pol.focus.max_block_minutes = a.max(b);
            pol.focus.daily_target_minutes = target;
            pol.refocus.min_focus_minutes = 60;
            let events = ms
                .into_iter()
                .enumerate()
                .map(|(i, (d, h, q, len))| {
                    let s = t(d, h, q * 15);
                    event(
                        &format!("m{i}"),
                        s,
                        s + chrono::Duration::minutes(i64::from(len) * 15),
                    )
                })
                .collect();
            (events, pol, t(nd, nh, 0))
        })
    }

    proptest! {
        /// No block overlaps a meeting or leaves the working window; running the planner on
        /// its own output proposes nothing; the blocks stay where they are.
        #[test]
        fn planner_invariants((events, pol, now) in arb_calendar()) {
            let p = run(&events, &pol, now);
            let timeline = Timeline::new(&events, ME);
            for b in &p.blocks {
                prop_assert!(!b.span.is_empty());
                prop_assert!(b.start >= now, "block in the past: {:?}", b);
                let date = model::local_date(pol.zone(), b.start);
                let w = model::working_window(&pol, date);
                prop_assert!(w.is_some_and(|w| w.contains(b.span)), "outside the window: {:?}", b);
                prop_assert!(timeline.meetings_in(b.span).next().is_none(), "overlaps a meeting: {:?}", b);
                prop_assert!(b.span.len() <= i64::from(pol.focus.max_block_minutes));
            }
            for (i, a) in p.blocks.iter().enumerate() {
                for b in &p.blocks[i + 1..] {
                    prop_assert!(!a.span.overlaps(b.span), "blocks overlap: {:?} {:?}", a, b);
                }
            }
            let cal = apply(&events, &p);
            let again = run(&cal, &pol, now);
            prop_assert!(!again.changes_anything(), "not idempotent: {:?}", again);
            let before: Vec<_> = p.blocks.iter().map(|b| (b.start, b.end)).collect();
            let after: Vec<_> = again.blocks.iter().map(|b| (b.start, b.end)).collect();
            prop_assert_eq!(before, after);
        }

        /// A meeting added where it does not touch a block leaves every block where it was.
        #[test]
        fn stable_for_blocks_still_free((events, pol, now) in arb_calendar(), d in 0u32..5, h in 6u32..19) {
            let p = run(&events, &pol, now);
            let mut cal = apply(&events, &p);
            let extra = event("late", t(d, h, 0), t(d, h, 30));
            let extra_span = Span::of(&extra);
            cal.push(extra);
            let again = run(&cal, &pol, now);
            for b in p.blocks.iter().filter(|b| {
                // Still free: the meeting and its refocus stay clear of the block.
                !Span::new(extra_span.start, extra_span.end + i64::from(pol.refocus.minutes)).overlaps(b.span)
            }) {
                prop_assert!(
                    again.blocks.iter().any(|a| a.start == b.start && a.end == b.end),
                    "block {:?} moved", b
                );
            }
        }
    }

    #[test]
    fn dst_day_blocks_stay_in_the_window() {
        // 2026-03-29: Berlin springs forward on a Sunday; Monday must still be 09:00 local.
        let pol = policy();
        let now = chrono_tz::Europe::Berlin
            .from_local_datetime(
                &NaiveDate::from_ymd_opt(2026, 3, 27)
                    .unwrap()
                    .and_hms_opt(18, 0, 0)
                    .unwrap(),
            )
            .unwrap()
            .with_timezone(&Utc);
        let p = run(&[], &pol, now);
        let first = p.blocks[0].start.with_timezone(&chrono_tz::Europe::Berlin);
        assert_eq!(first.to_rfc3339(), "2026-03-30T09:00:00+02:00");
    }
}
