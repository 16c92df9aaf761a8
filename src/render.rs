//! Output formats of the command line: the `--json` shapes of SPEC section 8 and the human
//! tables. Only this module knows them.
//!
//! Text from invitations is someone else's: in tables it is stripped of control characters
//! (no terminal escape sequences get through) and shortened.

use std::io::Write;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::event::Instance;
use crate::model::{Analysis, DayStats};
use crate::planner::{BlockAction, Plan};
use crate::policy::Policy;
use crate::triage::{Decision, Rule, Verdict, human_minutes};

/// RFC 3339 with the policy zone's offset.
pub fn time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub use crate::text::shorten;

pub fn json<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_writer_pretty(&mut *out, value).expect("serializable output");
    out.push(b'\n');
}

#[derive(Serialize)]
pub struct DayView {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub stats: DayStats,
}

#[derive(Serialize)]
pub struct MeetingView {
    pub uid: String,
    pub summary: String,
    pub start: String,
    pub end: String,
    pub focus_loss_minutes: i64,
    pub attendees: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
}

/// `analyze --json`.
#[derive(Serialize)]
pub struct AnalysisView {
    pub timezone: String,
    pub refocus_minutes: u32,
    pub min_focus_minutes: u32,
    pub days: Vec<DayView>,
    pub totals: DayStats,
    pub meetings: Vec<MeetingView>,
}

impl AnalysisView {
    pub fn new(a: &Analysis, instances: &[Instance], policy: &Policy) -> AnalysisView {
        let zone = policy.zone();
        AnalysisView {
            timezone: zone.name().to_string(),
            refocus_minutes: policy.refocus.minutes,
            min_focus_minutes: policy.refocus.min_focus_minutes,
            days: a
                .days
                .iter()
                .map(|d| DayView {
                    date: d.date,
                    stats: d.stats,
                })
                .collect(),
            totals: a.totals,
            meetings: a
                .meetings
                .iter()
                .map(|m| {
                    let inst = &instances[m.instance];
                    MeetingView {
                        uid: inst.uid().to_string(),
                        summary: inst.summary().to_string(),
                        start: time(inst.start, zone),
                        end: time(inst.end, zone),
                        focus_loss_minutes: m.focus_loss_minutes,
                        attendees: inst.details.attendees.len(),
                        cost: m.cost,
                    }
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct BlockView {
    pub id: String,
    pub start: String,
    pub end: String,
    pub effective_minutes: i64,
    pub action: BlockAction,
    pub team_window: bool,
}

#[derive(Serialize)]
pub struct RemovalView {
    pub uid: String,
    pub start: String,
    pub end: String,
    pub reason: String,
}

#[derive(Serialize)]
pub struct DecisionView {
    pub uid: String,
    pub summary: String,
    pub start: String,
    pub end: String,
    pub action: Verdict,
    pub rule: Rule,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

fn decision_views(decisions: &[Decision], zone: Tz) -> Vec<DecisionView> {
    decisions
        .iter()
        .map(|d| DecisionView {
            uid: d.uid.clone(),
            summary: d.summary.clone(),
            start: time(d.start, zone),
            end: time(d.end, zone),
            action: d.action,
            rule: d.rule,
            reason: d.reason.clone(),
            message: d.message.clone(),
        })
        .collect()
}

/// `plan --json`.
#[derive(Serialize)]
pub struct PlanView {
    pub blocks: Vec<BlockView>,
    pub remove: Vec<RemovalView>,
    pub decisions: Vec<DecisionView>,
}

impl PlanView {
    pub fn new(plan: &Plan, decisions: &[Decision], policy: &Policy) -> PlanView {
        let zone = policy.zone();
        PlanView {
            blocks: plan
                .blocks
                .iter()
                .map(|b| BlockView {
                    id: b.id.clone(),
                    start: time(b.start, zone),
                    end: time(b.end, zone),
                    effective_minutes: b.effective_minutes,
                    action: b.action,
                    team_window: b.team_window,
                })
                .collect(),
            remove: plan
                .remove
                .iter()
                .map(|r| RemovalView {
                    uid: r.uid.clone(),
                    start: time(r.start, zone),
                    end: time(r.end, zone),
                    reason: r.reason.clone(),
                })
                .collect(),
            decisions: decision_views(decisions, zone),
        }
    }
}

/// `triage --json`.
#[derive(Serialize)]
pub struct TriageView {
    pub decisions: Vec<DecisionView>,
}

impl TriageView {
    pub fn new(decisions: &[Decision], policy: &Policy) -> TriageView {
        TriageView {
            decisions: decision_views(decisions, policy.zone()),
        }
    }
}

/// `7:05` for 425 minutes.
fn hm(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// `Mon 2026-11-30 09:00-10:00` from two RFC 3339 strings.
fn when(start: &str, end: &str) -> String {
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).ok();
    match (parse(start), parse(end)) {
        (Some(s), Some(e)) if s.date_naive() == e.date_naive() => {
            format!("{}-{}", s.format("%a %Y-%m-%d %H:%M"), e.format("%H:%M"))
        }
        (Some(s), Some(e)) => format!(
            "{} - {}",
            s.format("%a %Y-%m-%d %H:%M"),
            e.format("%a %Y-%m-%d %H:%M")
        ),
        _ => format!("{start} - {end}"),
    }
}

pub fn analysis_table(
    out: &mut Vec<u8>,
    v: &AnalysisView,
    policy: &Policy,
    (from, to): (NaiveDate, NaiveDate),
) {
    let _ = writeln!(
        out,
        "Focus analysis {from} to {to} ({}; refocus {} min after each meeting; focus counts from {} min)\n",
        v.timezone, v.refocus_minutes, v.min_focus_minutes
    );
    let _ = writeln!(
        out,
        "{:<15} {:>8} {:>8} {:>8} {:>8} {:>11} {:>8}",
        "day", "working", "meeting", "refocus", "focus", "fragmented", "switches"
    );
    let row = |out: &mut Vec<u8>, label: &str, s: &DayStats| {
        let _ = writeln!(
            out,
            "{:<15} {:>8} {:>8} {:>8} {:>8} {:>11} {:>8}",
            label,
            hm(s.working_minutes),
            hm(s.meeting_minutes),
            hm(s.refocus_minutes),
            hm(s.focus_minutes),
            hm(s.fragmented_minutes),
            s.switches
        );
    };
    for d in &v.days {
        row(out, &d.date.format("%a %Y-%m-%d").to_string(), &d.stats);
    }
    row(out, "total", &v.totals);
    let target = i64::from(policy.focus.daily_target_minutes) * v.days.len() as i64;
    if target > 0 {
        let _ = writeln!(
            out,
            "\nFocus time: {} of a {} target ({}%).",
            human_minutes(v.totals.focus_minutes),
            human_minutes(target),
            v.totals.focus_minutes * 100 / target
        );
    }
    let mut costly: Vec<&MeetingView> = v
        .meetings
        .iter()
        .filter(|m| m.focus_loss_minutes > 0)
        .collect();
    costly.sort_by_key(|m| std::cmp::Reverse(m.focus_loss_minutes));
    if !costly.is_empty() {
        let _ = writeln!(out, "\nThe most expensive meetings (focus they cost):");
        for m in costly.iter().take(10) {
            let cost = m
                .cost
                .map(|c| format!("  ({c:.0} in time)"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:>13}  {}  {}{cost}",
                human_minutes(m.focus_loss_minutes),
                when(&m.start, &m.end),
                shorten(&m.summary, 60)
            );
        }
    }
}

pub fn plan_table(out: &mut Vec<u8>, v: &PlanView, policy: &Policy) {
    let _ = writeln!(
        out,
        "Focus blocks over the next {} days (dry run: nothing is written)",
        policy.focus.horizon_days
    );
    if v.blocks.is_empty() {
        let _ = writeln!(
            out,
            "  (no free stretch of {} minutes or more)",
            policy.focus.min_block_minutes
        );
    }
    for b in &v.blocks {
        let verb = match b.action {
            BlockAction::Book => "book",
            BlockAction::Keep => "keep",
            BlockAction::Trim => "trim",
        };
        let team = if b.team_window {
            "  (team focus window)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {verb:<6} {}  {} effective{team}",
            when(&b.start, &b.end),
            human_minutes(b.effective_minutes)
        );
    }
    for r in &v.remove {
        let _ = writeln!(
            out,
            "  remove {}  {}",
            when(&r.start, &r.end),
            shorten(&r.reason, 80)
        );
    }
    let _ = writeln!(out);
    decisions_table(out, &v.decisions);
}

pub fn decisions_table(out: &mut Vec<u8>, decisions: &[DecisionView]) {
    if decisions.is_empty() {
        let _ = writeln!(out, "Invitations: none waiting for an answer.");
        return;
    }
    let _ = writeln!(out, "Invitations ({}):", decisions.len());
    for d in decisions {
        let verb = match d.action {
            Verdict::Decline => "decline",
            Verdict::Nudge => "nudge",
            Verdict::Keep => "keep",
        };
        let _ = writeln!(
            out,
            "  {verb:<8} {}  {}\n           {}",
            when(&d.start, &d.end),
            shorten(&d.summary, 60),
            shorten(&d.reason, 160)
        );
    }
}

/// A line for the log and a dry run.
pub fn describe(action: &crate::actions::Action) -> String {
    let t = |t: DateTime<Utc>| t.to_rfc3339();
    match action {
        crate::actions::Action::BookBlock { block } => {
            format!("book focus block {} - {}", t(block.start), t(block.end))
        }
        crate::actions::Action::MoveBlock { block, .. } => {
            format!("move focus block to {} - {}", t(block.start), t(block.end))
        }
        crate::actions::Action::DeleteBlock { start, end, .. } => {
            format!("delete focus block {} - {}", t(*start), t(*end))
        }
        crate::actions::Action::Decline { summary, start, .. } => {
            format!("decline \"{}\" at {}", shorten(summary, 80), t(*start))
        }
        crate::actions::Action::Withdraw {
            summary, start, to, ..
        } => format!(
            "withdraw the decline of \"{}\" at {} ({})",
            shorten(summary, 80),
            t(*start),
            if *to == crate::event::Response::Accepted {
                "accepted"
            } else {
                "back to not answered"
            }
        ),
        crate::actions::Action::Nudge { text, .. } => format!("nudge: {}", shorten(text, 200)),
        crate::actions::Action::Reply { summary, reply, .. } => match reply {
            crate::actions::Reply::SuggestAsync { to } => format!(
                "suggest async: a mail about \"{}\" to {} opened",
                shorten(summary, 80),
                shorten(to, 80)
            ),
            crate::actions::Reply::Dismiss => {
                format!("dismiss the nudge about \"{}\"", shorten(summary, 80))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_strips_terminal_escapes_and_shortens() {
        assert_eq!(
            shorten("\u{1b}[31mred\u{1b}[0m\r\nline", 80),
            "[31mred [0m line"
        );
        assert_eq!(shorten("  a   b  ", 80), "a b");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("", 4), "");
    }

    #[test]
    fn when_is_compact_on_one_day() {
        assert_eq!(
            when("2026-11-30T09:00:00+01:00", "2026-11-30T10:30:00+01:00"),
            "Mon 2026-11-30 09:00-10:30"
        );
        assert_eq!(
            when("2026-11-30T23:00:00+01:00", "2026-12-01T01:00:00+01:00"),
            "Mon 2026-11-30 23:00 - Tue 2026-12-01 01:00"
        );
    }
}

/// One audit record as `focusd log --json` shows it: the command line's contract, kept
/// apart from the store's own types, so that renaming one of them cannot change it (the
/// stored payload's shape is pinned on its own by the store's
/// `the_stored_payloads_keep_their_shape`).
#[derive(Serialize)]
pub struct LogEntry<'a> {
    pub id: i64,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub calendar: &'a str,
    pub kind: &'a str,
    pub subject: &'a str,
    pub action: ActionView<'a>,
    pub reason: &'a str,
    pub status: &'static str,
    pub result: &'a str,
    pub undoes: Option<i64>,
    pub undone_by: Option<i64>,
    /// What became of the notice a decline or a nudge left for the desktop, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desktop: Option<DesktopView<'a>>,
}

/// An action as `focusd log --json` shows it, field by field (the same shape the audit log
/// stores today, written out here so that it stays when the internal types change).
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActionView<'a> {
    BookBlock {
        block: LogBlockView<'a>,
    },
    MoveBlock {
        block: LogBlockView<'a>,
        previous_start: DateTime<Utc>,
        previous_end: DateTime<Utc>,
    },
    DeleteBlock {
        id: &'a str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    Decline {
        event: EventView<'a>,
        summary: &'a str,
        start: DateTime<Utc>,
        comment: &'a str,
        notify: bool,
        rule: &'static str,
        organizer: Option<&'a str>,
        me: &'a str,
    },
    Withdraw {
        event: EventView<'a>,
        summary: &'a str,
        start: DateTime<Utc>,
        to: &'static str,
        notify: bool,
        me: &'a str,
    },
    Nudge {
        key: &'a str,
        summary: &'a str,
        start: DateTime<Utc>,
        text: &'a str,
    },
    Reply {
        key: &'a str,
        summary: &'a str,
        start: DateTime<Utc>,
        reply: ReplyView<'a>,
    },
}

/// A focus block, in [`ActionView`].
#[derive(Serialize)]
pub struct LogBlockView<'a> {
    pub id: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub title: &'a str,
    pub decline_message: &'a str,
}

/// The event an answer is about, in [`ActionView`].
#[derive(Serialize)]
pub struct EventView<'a> {
    pub id: &'a str,
    pub recurrence_id: Option<DateTime<Utc>>,
}

/// The user's answer to a nudge, in [`ActionView`].
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyView<'a> {
    SuggestAsync { to: &'a str },
    Dismiss,
}

impl<'a> ActionView<'a> {
    pub fn of(action: &'a crate::actions::Action) -> ActionView<'a> {
        use crate::actions::{Action, Reply};
        let block = |b: &'a crate::actions::BlockWrite| LogBlockView {
            id: &b.id,
            start: b.start,
            end: b.end,
            title: &b.title,
            decline_message: &b.decline_message,
        };
        let event = |e: &'a crate::event::EventRef| EventView {
            id: &e.id,
            recurrence_id: e.recurrence_id,
        };
        match action {
            Action::BookBlock { block: b } => ActionView::BookBlock { block: block(b) },
            Action::MoveBlock {
                block: b,
                previous_start,
                previous_end,
            } => ActionView::MoveBlock {
                block: block(b),
                previous_start: *previous_start,
                previous_end: *previous_end,
            },
            Action::DeleteBlock { id, start, end } => ActionView::DeleteBlock {
                id,
                start: *start,
                end: *end,
            },
            Action::Decline {
                event: e,
                summary,
                start,
                comment,
                notify,
                rule,
                organizer,
                me,
            } => ActionView::Decline {
                event: event(e),
                summary,
                start: *start,
                comment,
                notify: *notify,
                rule: rule_name(*rule),
                organizer: organizer.as_deref(),
                me,
            },
            Action::Withdraw {
                event: e,
                summary,
                start,
                to,
                notify,
                me,
            } => ActionView::Withdraw {
                event: event(e),
                summary,
                start: *start,
                to: response_name(*to),
                notify: *notify,
                me,
            },
            Action::Nudge {
                key,
                summary,
                start,
                text,
            } => ActionView::Nudge {
                key,
                summary,
                start: *start,
                text,
            },
            Action::Reply {
                key,
                summary,
                start,
                reply,
            } => ActionView::Reply {
                key,
                summary,
                start: *start,
                reply: match reply {
                    Reply::SuggestAsync { to } => ReplyView::SuggestAsync { to },
                    Reply::Dismiss => ReplyView::Dismiss,
                },
            },
        }
    }
}

/// A rule's name in `focusd log --json`.
fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::Exempt => "exempt",
        Rule::FocusConflict => "focus_conflict",
        Rule::Agenda => "agenda",
        Rule::MaxAttendees => "max_attendees",
        Rule::ReadAhead => "read_ahead",
        Rule::Standup => "standup",
        Rule::Status => "status",
        Rule::Demo => "demo",
        Rule::None => "none",
    }
}

/// An answer's name in `focusd log --json`.
fn response_name(response: crate::event::Response) -> &'static str {
    use crate::event::Response;
    match response {
        Response::NeedsAction => "needs_action",
        Response::Accepted => "accepted",
        Response::Declined => "declined",
        Response::Tentative => "tentative",
        Response::Delegated => "delegated",
    }
}

/// A notice's fate, in `focusd log`: `held` (waiting for a break), `shown`, `acted` (a
/// button clicked), `dismissed`, or `dropped` (its meeting began first).
#[derive(Serialize)]
pub struct DesktopView<'a> {
    pub state: &'a str,
    pub at: DateTime<Utc>,
}

/// The notices' states by action, as `Store::notice_states` gives them.
pub type NoticeStates = std::collections::HashMap<i64, (String, DateTime<Utc>)>;

/// How a notice's state reads in the log table.
fn desktop_words(state: &str) -> &'static str {
    match state {
        "held" => "waiting for a break",
        "shown" => "shown",
        "acted" => "acted on",
        "dismissed" => "dismissed",
        "dropped" => "dropped (its meeting began first)",
        _ => "unknown",
    }
}

/// The audit log for `focusd log --json`.
pub fn log_json(out: &mut Vec<u8>, log: &[crate::store::Record], notices: &NoticeStates) {
    let entries: Vec<LogEntry<'_>> = log
        .iter()
        .map(|r| LogEntry {
            id: r.id,
            created: r.created,
            updated: r.updated,
            calendar: &r.calendar,
            kind: &r.kind,
            subject: &r.subject,
            action: ActionView::of(&r.action),
            reason: &r.reason,
            status: r.status.as_str(),
            result: &r.result,
            undoes: r.undoes,
            undone_by: r.undone_by,
            desktop: notices.get(&r.id).map(|(state, at)| DesktopView {
                state: state.as_str(),
                at: *at,
            }),
        })
        .collect();
    json(out, &entries);
}

pub fn log_table(out: &mut Vec<u8>, log: &[crate::store::Record], notices: &NoticeStates) {
    if log.is_empty() {
        let _ = writeln!(out, "The audit log is empty: focusd has not acted yet.");
        return;
    }
    let _ = writeln!(
        out,
        "{:>5}  {:<20}  {:<12}  {:<9}  what and why",
        "id", "when (UTC)", "action", "result"
    );
    for r in log {
        let status = match r.status {
            crate::store::Status::Intent => "pending",
            crate::store::Status::Done => "done",
            crate::store::Status::Failed => "failed",
            crate::store::Status::Abandoned => "abandoned",
        };
        let undone = match (r.undone_by, r.undoes) {
            (Some(by), _) => format!(" [undone by {by}]"),
            (None, Some(of)) => format!(" [undoes {of}]"),
            _ => String::new(),
        };
        let desktop = notices
            .get(&r.id)
            .map(|(state, at)| {
                format!(
                    "desktop: {} {}; ",
                    desktop_words(state),
                    at.format("%Y-%m-%d %H:%M")
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>5}  {:<20}  {:<12}  {:<9}  {}{undone}\n{:>53}{}",
            r.id,
            r.created.format("%Y-%m-%d %H:%M:%S"),
            r.kind,
            status,
            shorten(&describe(&r.action), 120),
            "",
            shorten(
                &if r.status == crate::store::Status::Failed
                    || r.status == crate::store::Status::Abandoned
                {
                    format!("{desktop}why: {}; result: {}", r.reason, r.result)
                } else {
                    format!("{desktop}why: {}", r.reason)
                },
                200
            )
        );
    }
}

/// `focusd status`.
#[derive(Serialize)]
pub struct StatusView {
    pub date: NaiveDate,
    pub now: String,
    /// The working day up to now.
    pub so_far: DayStats,
    /// The whole working day as planned.
    pub planned: DayStats,
    pub next_focus_block: Option<BlockSpanView>,
    /// Invitations focusd would decline or nudge about.
    pub pending: Vec<DecisionView>,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    /// Events the last cycle could not read: focusd acted on the rest and booked no block.
    pub unreadable: Vec<String>,
    /// Why focusd stopped declining, while it has (until `focusd resume`).
    pub breaker: Option<String>,
    /// Nudges waiting for the next break: "title: details".
    pub held_nudges: Vec<String>,
    /// Which desktop's Do Not Disturb focusd uses during focus blocks, and whether it
    /// holds a pause now.
    pub do_not_disturb: Option<String>,
}

#[derive(Serialize)]
pub struct BlockSpanView {
    pub start: String,
    pub end: String,
}

impl StatusView {
    pub fn new(
        timeline: &crate::model::Timeline,
        policy: &Policy,
        decisions: &[Decision],
        sync: Option<crate::store::SyncInfo>,
        breaker: Option<String>,
        now: DateTime<Utc>,
    ) -> StatusView {
        use crate::model::{self, Params, Span};
        let zone = policy.zone();
        let date = model::local_date(zone, now);
        let params = Params::from(policy);
        let (so_far, planned) = match timeline.day(policy, date) {
            Some(day) => {
                let spans = day.meeting_spans();
                let cut = model::minute(now);
                let elapsed: Vec<Span> = day
                    .window
                    .iter()
                    .filter_map(|w| w.intersect(Span::new(w.start, cut)))
                    .collect();
                (
                    model::day_stats(&elapsed, &spans, params),
                    model::day_stats(&day.window, &spans, params),
                )
            }
            None => (DayStats::default(), DayStats::default()),
        };
        let next = timeline
            .focus_blocks_in(Span::new(model::minute(now), i64::MAX / 2))
            .find(|(_, s)| s.end > model::minute(now))
            .map(|(_, s)| BlockSpanView {
                start: time(model::instant(s.start), zone),
                end: time(model::instant(s.end), zone),
            });
        let pending: Vec<Decision> = decisions
            .iter()
            .filter(|d| d.action != Verdict::Keep)
            .cloned()
            .collect();
        StatusView {
            date,
            now: time(now, zone),
            so_far,
            planned,
            next_focus_block: next,
            pending: decision_views(&pending, zone),
            last_sync: sync
                .as_ref()
                .and_then(|s| s.last_sync)
                .map(|t| time(t, zone)),
            unreadable: sync
                .as_ref()
                .map(|s| s.unreadable.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            last_error: sync.map(|s| s.last_error).filter(|e| !e.is_empty()),
            breaker,
            held_nudges: Vec::new(),
            do_not_disturb: None,
        }
    }
}

pub fn status_text(out: &mut Vec<u8>, v: &StatusView) {
    let _ = writeln!(out, "{} (now {})", v.date.format("%A %Y-%m-%d"), v.now);
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>8} {:>8} {:>11}",
        "", "focus", "meeting", "refocus", "fragmented"
    );
    for (label, s) in [("so far", &v.so_far), ("planned", &v.planned)] {
        let _ = writeln!(
            out,
            "{label:<10} {:>8} {:>8} {:>8} {:>11}",
            hm(s.focus_minutes),
            hm(s.meeting_minutes),
            hm(s.refocus_minutes),
            hm(s.fragmented_minutes)
        );
    }
    match &v.next_focus_block {
        Some(b) => {
            let _ = writeln!(out, "Next focus block: {}", when(&b.start, &b.end));
        }
        None => {
            let _ = writeln!(out, "Next focus block: none booked");
        }
    }
    let _ = match (&v.last_sync, &v.last_error) {
        (_, Some(e)) => writeln!(out, "Last sync failed: {}", shorten(e, 200)),
        (Some(t), None) => writeln!(out, "Last sync: {t}"),
        (None, None) => writeln!(out, "Last sync: never (is `focusd run` running?)"),
    };
    if let Some(why) = &v.breaker {
        let _ = writeln!(out, "Declining is paused: {}", shorten(why, 300));
    }
    if !v.unreadable.is_empty() {
        let _ = writeln!(
            out,
            "{} event(s) could not be read (focusd acts on the rest and books no block):",
            v.unreadable.len()
        );
        for u in &v.unreadable {
            let _ = writeln!(out, "  {}", shorten(u, 200));
        }
    }
    if !v.held_nudges.is_empty() {
        let _ = writeln!(
            out,
            "{} nudge(s) waiting for the next break:",
            v.held_nudges.len()
        );
        for h in &v.held_nudges {
            let _ = writeln!(out, "  {}", shorten(h, 200));
        }
    }
    if let Some(d) = &v.do_not_disturb {
        let _ = writeln!(
            out,
            "Do Not Disturb during focus blocks: {}",
            shorten(d, 200)
        );
    }
    let _ = writeln!(out);
    decisions_table(out, &v.pending);
}

#[cfg(test)]
mod log_view_tests {
    use chrono::TimeZone;

    use super::*;
    use crate::actions::{Action, BlockWrite, Reply};
    use crate::event::{EventRef, Response};

    /// `focusd log --json` shows every kind of action as the audit log stores it today, and a
    /// decline field by field as written here: the command line's contract.
    #[test]
    fn the_log_view_shows_every_action_as_stored() {
        let t = |h| Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap();
        let block = BlockWrite {
            id: "focusd-1".into(),
            start: t(9),
            end: t(11),
            title: "Focus time".into(),
            decline_message: "In a focus block".into(),
        };
        let event = EventRef {
            id: "q1@example.com".into(),
            recurrence_id: Some(t(10)),
        };
        let decline = Action::Decline {
            event: event.clone(),
            summary: "Sync".into(),
            start: t(10),
            comment: "No agenda".into(),
            notify: true,
            rule: Rule::Agenda,
            organizer: None,
            me: "alex@example.com".into(),
        };
        let mut actions = vec![
            Action::BookBlock {
                block: block.clone(),
            },
            Action::MoveBlock {
                block,
                previous_start: t(8),
                previous_end: t(10),
            },
            Action::DeleteBlock {
                id: "focusd-1".into(),
                start: t(9),
                end: t(11),
            },
            decline.clone(),
            Action::Nudge {
                key: "k".into(),
                summary: "Weekly status".into(),
                start: t(10),
                text: "Send an e-mail instead".into(),
            },
            Action::Reply {
                key: "k".into(),
                summary: "Weekly status".into(),
                start: t(10),
                reply: Reply::SuggestAsync {
                    to: "pm@example.com".into(),
                },
            },
            Action::Reply {
                key: "k".into(),
                summary: "Weekly status".into(),
                start: t(10),
                reply: Reply::Dismiss,
            },
        ];
        for rule in [
            Rule::Exempt,
            Rule::FocusConflict,
            Rule::MaxAttendees,
            Rule::ReadAhead,
            Rule::Standup,
            Rule::Status,
            Rule::Demo,
            Rule::None,
        ] {
            let mut d = decline.clone();
            if let Action::Decline { rule: r, .. } = &mut d {
                *r = rule;
            }
            actions.push(d);
        }
        for to in [
            Response::NeedsAction,
            Response::Accepted,
            Response::Declined,
            Response::Tentative,
            Response::Delegated,
        ] {
            actions.push(Action::Withdraw {
                event: event.clone(),
                summary: "Sync".into(),
                start: t(10),
                to,
                notify: false,
                me: "alex@example.com".into(),
            });
        }
        for a in &actions {
            assert_eq!(
                serde_json::to_value(ActionView::of(a)).unwrap(),
                serde_json::to_value(a).unwrap(),
                "{a:?}"
            );
        }
        assert_eq!(
            serde_json::to_string(&ActionView::of(&decline)).unwrap(),
            r#"{"kind":"decline","event":{"id":"q1@example.com","recurrence_id":"2026-12-01T10:00:00Z"},"summary":"Sync","start":"2026-12-01T10:00:00Z","comment":"No agenda","notify":true,"rule":"agenda","organizer":null,"me":"alex@example.com"}"#
        );
    }
}
