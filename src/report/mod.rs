//! The weekly focus-time report (SPEC section 5): what the past week's calendar cost in
//! focus, against the earlier weeks and the target, which meetings cost most, what focusd
//! did, and how the coming week looks.
//!
//! Architecture invariant: [`build`] is pure. It takes the calendar's instances, the policy,
//! the week, `now` and the audit log as plain data ([`Audit`]) and never reads a file, the
//! clock or the store. Every per-day number comes from [`model::analyze`], the same call
//! `focusd analyze` makes, so the report and `analyze` can never disagree. The text, HTML
//! and JSON forms live in `render` (text, html), and the mail in `mail`.

pub mod html;
pub mod team;
pub mod text;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, IsoWeek, NaiveDate, NaiveTime, Utc, Weekday};
use serde::Serialize;

use crate::actions::Action;
use crate::event::Instance;
use crate::model::{self, DayStats, Timeline};
use crate::policy::Policy;

/// How many earlier weeks the trend compares with.
pub const TREND_WEEKS: u64 = 4;

/// How many meetings the report lists by focus loss.
pub const COSTLIEST: usize = 5;

/// An ISO week (`2026-W49`): Monday to Sunday, local dates in the policy's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    /// Its Monday.
    pub monday: NaiveDate,
}

impl Week {
    /// The week a date falls in.
    pub fn of(date: NaiveDate) -> Week {
        let back = u64::from(date.weekday().num_days_from_monday());
        Week {
            monday: date - Days::new(back),
        }
    }

    /// Reads `YYYY-Www` (ISO 8601 week date, `2026-W49`).
    pub fn parse(text: &str) -> Result<Week, String> {
        let bad = || format!("{text:?} is not an ISO week (YYYY-Www, e.g. 2026-W49)");
        let (year, week) = text.trim().split_once(['W', 'w']).ok_or_else(bad)?;
        let year: i32 = year.trim_end_matches('-').parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .map(|monday| Week { monday })
            .ok_or_else(bad)
    }

    /// The last week that ended before `today` (today's week is not complete yet).
    pub fn last_complete(today: NaiveDate) -> Week {
        Week::of(today).previous()
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday + Days::new(6)
    }

    pub fn previous(self) -> Week {
        Week {
            monday: self.monday - Days::new(7),
        }
    }

    pub fn next(self) -> Week {
        Week {
            monday: self.monday + Days::new(7),
        }
    }

    pub fn iso(self) -> IsoWeek {
        self.monday.iso_week()
    }

    /// `2026-W49`.
    pub fn label(self) -> String {
        let w = self.iso();
        format!("{}-W{:02}", w.year(), w.week())
    }

    /// Midnight of its Monday and of the Monday after, in `policy`'s zone.
    pub fn range(self, policy: &Policy) -> (DateTime<Utc>, DateTime<Utc>) {
        let zone = policy.zone();
        (
            model::local_instant(zone, self.monday, NaiveTime::MIN),
            model::local_instant(zone, self.next().monday, NaiveTime::MIN),
        )
    }

    /// Whether an instant falls in this week, in `policy`'s zone.
    pub fn holds(self, policy: &Policy, t: DateTime<Utc>) -> bool {
        Week::of(model::local_date(policy.zone(), t)) == self
    }
}

/// What a report reads from its calendar: from the first trend week's Monday to the end of
/// the coming week.
pub fn read_range(policy: &Policy, week: Week) -> (DateTime<Utc>, DateTime<Utc>) {
    let mut first = week;
    for _ in 0..TREND_WEEKS {
        first = first.previous();
    }
    (first.range(policy).0, week.next().range(policy).1)
}

/// When the daemon mails the report of `week`: the policy's `report.weekday` and
/// `report.time` in its zone (a time in a DST gap as `model::wall_to_utc` reads it).
pub fn slot(policy: &Policy, week: Week) -> DateTime<Utc> {
    let r = &policy.report;
    let date = week.monday + Days::new(u64::from(r.weekday.0.num_days_from_monday()));
    model::local_instant(policy.zone(), date, r.time.0)
}

/// The week the report mailed at the slot of `slot_week` covers: that week itself when the
/// slot falls on or after its last working day (the latest of `working_hours.days`; Sunday
/// when it lists none), else the week before, the last complete one. With the default
/// Friday slot and a Monday-to-Friday week, the week of the slot; with a Monday slot, the
/// week that has just ended.
pub fn reported_week(policy: &Policy, slot_week: Week) -> Week {
    let slot_day = policy.report.weekday.0.num_days_from_monday();
    let last_working_day = policy
        .working_hours
        .days
        .iter()
        .map(|d| d.0.num_days_from_monday())
        .max()
        .unwrap_or(6);
    if slot_day >= last_working_day {
        slot_week
    } else {
        slot_week.previous()
    }
}

/// The week whose report the daemon should mail at `now`: [`reported_week`] of the week
/// `now` falls in, once that week's slot has passed and unless `sent` says the report went
/// out already (a slot missed while the machine was off is still due until the slot's week
/// ends); never when `report.to` is empty.
pub fn due(policy: &Policy, now: DateTime<Utc>, sent: impl Fn(Week) -> bool) -> Option<Week> {
    due_to(&policy.report.to, policy, now, sent)
}

/// The week whose team report the daemon should mail at `now`: as [`due`], at the same
/// slot, when the policy lists `[team] members` and `report.team_to` (whatever `report.to`
/// says); `sent` answers for the team's own record.
pub fn team_due(policy: &Policy, now: DateTime<Utc>, sent: impl Fn(Week) -> bool) -> Option<Week> {
    if policy.team.members.is_empty() {
        return None;
    }
    due_to(&policy.report.team_to, policy, now, sent)
}

fn due_to(
    to: &[String],
    policy: &Policy,
    now: DateTime<Utc>,
    sent: impl Fn(Week) -> bool,
) -> Option<Week> {
    if to.is_empty() {
        return None;
    }
    let this = Week::of(model::local_date(policy.zone(), now));
    let week = reported_week(policy, this);
    (now >= slot(policy, this) && !sent(week)).then_some(week)
}

/// The next slot after `now` (this week's, else next week's), for the daemon's timer; none
/// when neither the report nor the team report goes to anyone.
pub fn next_slot(policy: &Policy, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let team = !policy.team.members.is_empty() && !policy.report.team_to.is_empty();
    if policy.report.to.is_empty() && !team {
        return None;
    }
    let week = Week::of(model::local_date(policy.zone(), now));
    [slot(policy, week), slot(policy, week.next())]
        .into_iter()
        .find(|t| *t > now)
}

/// One entry of the audit log as the report takes it (plain data, from the store).
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub created: DateTime<Utc>,
    pub action: Action,
    pub reason: String,
    /// `done`, `failed`, `abandoned` or `intent`.
    pub status: String,
    /// The action this one undoes (`focusd undo`).
    pub undoes: Option<i64>,
}

/// One day of the report: exactly what `analyze --json` shows for the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub stats: DayStats,
}

/// The week's sums and the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    #[serde(flatten)]
    pub stats: DayStats,
    /// Working days (days with a working window).
    pub working_days: usize,
    pub daily_target_minutes: i64,
    /// `daily_target_minutes x working_days`.
    pub target_minutes: i64,
    /// Working days whose focus reached the daily target.
    pub days_on_target: usize,
}

/// One earlier week of the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendWeek {
    pub week: String,
    pub focus_minutes: i64,
    pub meeting_minutes: i64,
}

/// The week against the earlier ones, from the calendar's own history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The earlier weeks the calendar covers (at most four), oldest first.
    pub weeks: Vec<TrendWeek>,
    /// Their average focus, when there is at least one.
    pub average_focus_minutes: Option<i64>,
    /// This week's focus minus that average.
    pub change_minutes: Option<i64>,
    /// Why fewer than four weeks are compared ("the calendar starts this week").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A meeting, or a recurring series grouped, by the focus it cost this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meeting {
    pub uid: String,
    /// Someone else's words: escaped wherever it is shown.
    pub summary: String,
    pub recurring: bool,
    pub instances: usize,
    /// The instances' own length, summed.
    pub minutes: i64,
    pub focus_loss_minutes: i64,
    /// `attendees x (duration + R) x rate`, summed, with `meetings.cost_per_hour`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    pub attendees: usize,
    /// The nudge rule that says it could be async (`status`, `demo`, `standup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub async_rule: Option<String>,
    /// Why, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub async_reason: Option<String>,
}

/// A decline focusd made this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decline {
    pub summary: String,
    pub start: DateTime<Utc>,
    pub rule: String,
    pub reason: String,
}

/// What focusd did this week, from the audit log.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Actions {
    /// Focus blocks booked for this week.
    pub blocks_booked: usize,
    /// Of them, those still on the calendar.
    pub blocks_kept: usize,
    pub declines: Vec<Decline>,
    /// Declines taken back because an agenda arrived.
    pub second_chances: usize,
    pub nudges_shown: usize,
    /// Nudges the user acted on from the desktop.
    pub nudges_acted: usize,
    pub undos: usize,
    pub failed: usize,
}

/// The coming week as the calendar already shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coming {
    pub week: String,
    pub meeting_minutes: i64,
    /// Focus blocks already on the calendar inside working hours.
    pub protected_minutes: i64,
    /// Focus the model expects from the calendar as it stands.
    pub focus_minutes: i64,
    /// Working days whose expected focus is under the daily target.
    pub days_at_risk: Vec<NaiveDate>,
}

/// The model's numbers in force, for the footnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelNote {
    pub refocus_minutes: u32,
    pub min_focus_minutes: u32,
    pub daily_target_minutes: u32,
}

/// A whole report: what every format shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub timezone: String,
    /// "Focus: 17 h 20 of 15 h, week 48".
    pub headline: String,
    pub days: Vec<Day>,
    pub totals: Totals,
    pub trend: Trend,
    pub meetings: Vec<Meeting>,
    pub actions: Actions,
    pub coming: Coming,
    pub model: ModelNote,
}

impl Report {
    /// The working minutes of the week's longest day: what every format scales its bars to.
    pub fn longest_day(&self) -> i64 {
        self.days
            .iter()
            .map(|d| d.stats.working_minutes)
            .max()
            .unwrap_or(0)
    }
}

/// `17 h 20` (hours and minutes, the minutes only when there are some).
pub fn hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    match (m / 60, m % 60) {
        (0, m) => format!("{sign}{m} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, m) => format!("{sign}{h} h {m:02}"),
    }
}

/// The report for `week` (SPEC section 5). `instances` should cover [`read_range`];
/// `audit` is the audit log (any span: only this week's entries count); `acted` the number
/// of this week's notices the user acted on.
pub fn build(
    instances: &[Instance],
    policy: &Policy,
    me: &str,
    week: Week,
    audit: &[Audit],
    acted: usize,
) -> Report {
    let timeline = Timeline::new(instances, me);
    let analysis = model::analyze(&timeline, policy, week.monday, week.sunday());
    let target = i64::from(policy.focus.daily_target_minutes);
    let days: Vec<Day> = analysis
        .days
        .iter()
        .map(|d| Day {
            date: d.date,
            stats: d.stats,
        })
        .collect();
    let totals = Totals {
        stats: analysis.totals,
        working_days: days.len(),
        daily_target_minutes: target,
        target_minutes: target * days.len() as i64,
        days_on_target: days
            .iter()
            .filter(|d| d.stats.focus_minutes >= target)
            .count(),
    };
    let headline = format!(
        "Focus: {} of {}, week {}",
        hours(totals.stats.focus_minutes),
        hours(totals.target_minutes),
        week.iso().week()
    );
    Report {
        week: week.label(),
        from: week.monday,
        to: week.sunday(),
        timezone: policy.zone().name().to_string(),
        headline,
        trend: trend(&timeline, policy, week, analysis.totals.focus_minutes),
        meetings: costliest(&analysis, instances, policy),
        actions: actions(&timeline, policy, me, week, audit, acted),
        coming: coming(&timeline, policy, week.next()),
        model: ModelNote {
            refocus_minutes: policy.refocus.minutes,
            min_focus_minutes: policy.refocus.min_focus_minutes,
            daily_target_minutes: policy.focus.daily_target_minutes,
        },
        days,
        totals,
    }
}

/// The earlier weeks that the calendar's own history covers: none before the week of its
/// first event.
fn trend(timeline: &Timeline, policy: &Policy, week: Week, focus: i64) -> Trend {
    let first = timeline
        .instances
        .iter()
        .map(|i| Week::of(model::local_date(policy.zone(), i.start)))
        .min();
    let mut weeks = Vec::new();
    let mut w = week;
    for _ in 0..TREND_WEEKS {
        w = w.previous();
        if first.is_none_or(|f| w < f) {
            break;
        }
        let a = model::analyze(timeline, policy, w.monday, w.sunday());
        weeks.push(TrendWeek {
            week: w.label(),
            focus_minutes: a.totals.focus_minutes,
            meeting_minutes: a.totals.meeting_minutes,
        });
    }
    weeks.reverse();
    let average = (!weeks.is_empty())
        .then(|| weeks.iter().map(|w| w.focus_minutes).sum::<i64>() / weeks.len() as i64);
    let note = match weeks.len() {
        0 => Some("the calendar starts this week: no earlier weeks to compare with".into()),
        n if (n as u64) < TREND_WEEKS => Some(format!(
            "the calendar starts in {}: {n} earlier week{} to compare with",
            weeks[0].week,
            if n == 1 { "" } else { "s" }
        )),
        _ => None,
    };
    Trend {
        average_focus_minutes: average,
        change_minutes: average.map(|a| focus - a),
        weeks,
        note,
    }
}

/// The meetings of the week by focus loss, the instances of a series as one.
fn costliest(analysis: &model::Analysis, instances: &[Instance], policy: &Policy) -> Vec<Meeting> {
    let mut groups: Vec<Meeting> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for m in &analysis.meetings {
        let inst = &instances[m.instance];
        let key = inst
            .series_ref()
            .map(|s| s.id)
            .unwrap_or_else(|| inst.event_ref().key());
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Meeting {
                uid: inst.uid().to_string(),
                summary: inst.summary().to_string(),
                recurring: inst.recurrence_id.is_some(),
                instances: 0,
                minutes: 0,
                focus_loss_minutes: 0,
                cost: None,
                attendees: 0,
                async_rule: None,
                async_reason: None,
            });
            groups.len() - 1
        });
        let g = &mut groups[at];
        g.instances += 1;
        g.minutes += inst.duration_minutes();
        g.focus_loss_minutes += m.focus_loss_minutes;
        g.attendees = g.attendees.max(inst.details.attendees.len());
        if let Some(c) = m.cost {
            g.cost = Some(((g.cost.unwrap_or(0.0) + c) * 100.0).round() / 100.0);
        }
        if g.async_rule.is_none()
            && let Some((rule, reason)) = crate::triage::async_rules(policy, inst).pop()
        {
            g.async_rule = Some(rule_name(&rule));
            g.async_reason = Some(reason);
        }
    }
    groups.retain(|g| g.focus_loss_minutes > 0);
    groups.sort_by(|a, b| {
        b.focus_loss_minutes
            .cmp(&a.focus_loss_minutes)
            .then(b.minutes.cmp(&a.minutes))
            .then(a.summary.cmp(&b.summary))
    });
    groups.truncate(COSTLIEST);
    groups
}

/// A rule as `triage --json` names it (`status`, `focus_conflict`).
fn rule_name(rule: &crate::triage::Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What the audit log says focusd did this week: actions recorded this week, and blocks
/// booked for it.
fn actions(
    timeline: &Timeline,
    policy: &Policy,
    me: &str,
    week: Week,
    audit: &[Audit],
    acted: usize,
) -> Actions {
    let mut out = Actions {
        nudges_acted: acted,
        ..Actions::default()
    };
    let (from, to) = week.range(policy);
    let on_calendar: std::collections::HashSet<&str> = timeline
        .instances
        .iter()
        .filter(|i| i.details.is_focusd_block(me))
        .map(|i| i.uid())
        .collect();
    for a in audit {
        let this_week = a.created >= from && a.created < to;
        if a.status == "failed" && this_week {
            out.failed += 1;
        }
        if a.status != "done" {
            continue;
        }
        if this_week && a.undoes.is_some() {
            out.undos += 1;
            continue;
        }
        match &a.action {
            Action::BookBlock { block } if week.holds(policy, block.start) => {
                out.blocks_booked += 1;
                if on_calendar.contains(block.id.as_str()) {
                    out.blocks_kept += 1;
                }
            }
            Action::Decline {
                summary,
                start,
                rule,
                ..
            } if this_week => out.declines.push(Decline {
                summary: summary.clone(),
                start: *start,
                rule: rule_name(rule),
                reason: a.reason.clone(),
            }),
            Action::Withdraw { .. } if this_week => out.second_chances += 1,
            Action::Nudge { .. } if this_week => out.nudges_shown += 1,
            _ => {}
        }
    }
    out
}

/// The coming week as the calendar stands: meetings booked, focus blocks already there,
/// and the days whose expected focus misses the target.
fn coming(timeline: &Timeline, policy: &Policy, week: Week) -> Coming {
    let a = model::analyze(timeline, policy, week.monday, week.sunday());
    let target = i64::from(policy.focus.daily_target_minutes);
    let protected = model::dates(week.monday, week.sunday())
        .filter_map(|d| timeline.day(policy, d))
        .map(|day| {
            let blocks: Vec<model::Span> = day
                .window
                .iter()
                .flat_map(|w| {
                    timeline
                        .focus_blocks_in(*w)
                        .filter_map(|(_, s)| s.intersect(*w))
                })
                .collect();
            // Overlapping blocks count once.
            model::meeting_blocks(&day.window, &blocks)
                .iter()
                .map(|s| s.len())
                .sum::<i64>()
        })
        .sum();
    Coming {
        week: week.label(),
        meeting_minutes: a.totals.meeting_minutes,
        protected_minutes: protected,
        focus_minutes: a.totals.focus_minutes,
        days_at_risk: a
            .days
            .iter()
            .filter(|d| d.stats.working_minutes > 0 && d.stats.focus_minutes < target)
            .map(|d| d.date)
            .collect(),
    }
}

/// The four parts of a day's bar, in the order drawn (meetings, refocus, fragmented,
/// focus), as `cells` whole cells out of `scale` minutes: each part rounded by the largest
/// remainder, so the parts add up to the day's share of `cells` exactly and any part of a
/// day gets at least one cell.
pub fn bar(stats: &DayStats, scale: i64, cells: usize) -> [usize; 4] {
    let parts = [
        stats.meeting_minutes,
        stats.refocus_minutes,
        stats.fragmented_minutes,
        stats.focus_minutes,
    ];
    if scale <= 0 {
        return [0; 4];
    }
    let total: i64 = parts.iter().sum();
    let cells = cells as i64;
    let want = (total * cells + scale / 2) / scale;
    let mut out = [0usize; 4];
    let mut rest: Vec<(i64, usize)> = Vec::new();
    let mut used = 0;
    for (k, p) in parts.iter().enumerate() {
        let exact = p * cells;
        out[k] = (exact / scale) as usize;
        used += out[k] as i64;
        rest.push((exact % scale, k));
    }
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, k) in rest.iter().take((want - used).max(0) as usize) {
        out[*k] += 1;
    }
    // A part that exists is seen, taken from the longest part.
    for k in 0..4 {
        if parts[k] > 0 && out[k] == 0 {
            let longest = (0..4).max_by_key(|&j| out[j]).unwrap_or(0);
            if out[longest] > 1 {
                out[longest] -= 1;
                out[k] = 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
