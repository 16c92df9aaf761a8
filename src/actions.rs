//! From a plan and triage decisions to the actions the daemon carries out (pure).
//!
//! Architecture invariant: pure. [`decide`]: `(instances, memory, policy, me, now) ->
//! CyclePlan` with the cycle's intents; then the execution plan, [`reconcile`]: `(intents,
//! leftovers, ground) -> Vec<Step>` (what becomes of the intents a stopped process left
//! unfinished) and [`cap_nudges`] (the hourly cap). What focusd remembers between cycles
//! (which invitations existed at the first sync, what it declined, what the user undid,
//! which nudges were shown) comes in as [`Memory`], the unfinished intents as
//! [`Leftover`]s, the nudges of the past hour as a number; the store keeps them all and
//! the daemon carries the steps out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::event::{EventRef, Instance, Response, Role, clean_comment, is_me};
use crate::model::Timeline;
use crate::planner::{BlockAction, Plan};
use crate::policy::Policy;
use crate::triage::{Decision, Rule, Verdict};

/// One thing to do to the calendar (or to the user's attention).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// Create a focus block.
    BookBlock { block: BlockWrite },
    /// Move or shorten focusd's own block.
    MoveBlock {
        block: BlockWrite,
        previous_start: DateTime<Utc>,
        previous_end: DateTime<Utc>,
    },
    /// Delete focusd's own block.
    DeleteBlock {
        id: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// Decline an invitation, with a comment to the organizer.
    Decline {
        event: EventRef,
        summary: String,
        start: DateTime<Utc>,
        comment: String,
        notify: bool,
        rule: Rule,
        /// Who sent the invitation (for the per-organizer cap).
        #[serde(default)]
        organizer: Option<String>,
        /// Whose answer this is: the user's addresses when focusd acted (an undo answers for
        /// the same person, or refuses).
        #[serde(default)]
        me: String,
    },
    /// Take back a decline: back to not answered, or accepted.
    Withdraw {
        event: EventRef,
        summary: String,
        start: DateTime<Utc>,
        to: Response,
        notify: bool,
        /// Whose answer this is (see `Decline`).
        #[serde(default)]
        me: String,
    },
    /// Tell the user something (a notification, or the log without a desktop).
    Nudge {
        key: String,
        summary: String,
        start: DateTime<Utc>,
        text: String,
    },
    /// The user's answer to a nudge on the desktop (SPEC section 4): a drafted mail to the
    /// organizer opened, or the nudge dismissed. Nothing on the calendar changes.
    Reply {
        /// The nudge's key.
        key: String,
        summary: String,
        start: DateTime<Utc>,
        reply: Reply,
    },
}

/// What the user answered to a nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// "Suggest async": a polite mail to `to`, the organizer, opened as a draft.
    SuggestAsync { to: String },
    /// "Dismiss": the nudge never comes back.
    Dismiss,
}

impl Action {
    /// A short name for logs and the audit trail.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::BookBlock { .. } => "book_block",
            Action::MoveBlock { .. } => "move_block",
            Action::DeleteBlock { .. } => "delete_block",
            Action::Decline { .. } => "decline",
            Action::Withdraw { .. } => "withdraw",
            Action::Nudge { .. } => "nudge",
            Action::Reply {
                reply: Reply::SuggestAsync { .. },
                ..
            } => "suggest_async",
            Action::Reply {
                reply: Reply::Dismiss,
                ..
            } => "dismiss",
        }
    }

    /// The event the action is about, as the audit log names it.
    pub fn subject(&self) -> String {
        match self {
            Action::BookBlock { block } | Action::MoveBlock { block, .. } => block.id.clone(),
            Action::DeleteBlock { id, .. } => id.clone(),
            Action::Decline { event, .. } | Action::Withdraw { event, .. } => event.key(),
            Action::Nudge { key, .. } | Action::Reply { key, .. } => key.clone(),
        }
    }

    /// What the action is about, for messages: a title and a time.
    pub fn what_and_when(&self) -> (String, DateTime<Utc>) {
        match self {
            Action::BookBlock { block } | Action::MoveBlock { block, .. } => {
                (block.title.clone(), block.start)
            }
            Action::DeleteBlock { start, .. } => ("focus block".into(), *start),
            Action::Decline { summary, start, .. }
            | Action::Withdraw { summary, start, .. }
            | Action::Nudge { summary, start, .. }
            | Action::Reply { summary, start, .. } => (summary.clone(), *start),
        }
    }

    /// The action that reverses this one. `policy` supplies what a re-booked block is
    /// called. A nudge changed nothing on the calendar and has no inverse.
    pub fn inverse(&self, policy: &Policy) -> Option<Action> {
        Some(match self {
            Action::BookBlock { block } => Action::DeleteBlock {
                id: block.id.clone(),
                start: block.start,
                end: block.end,
            },
            Action::DeleteBlock { id, start, end } => Action::BookBlock {
                block: BlockWrite {
                    id: id.clone(),
                    start: *start,
                    end: *end,
                    title: policy.focus.title.clone(),
                    decline_message: policy.focus.decline_message.clone(),
                },
            },
            Action::MoveBlock {
                block,
                previous_start,
                previous_end,
            } => Action::MoveBlock {
                block: BlockWrite {
                    start: *previous_start,
                    end: *previous_end,
                    ..block.clone()
                },
                previous_start: block.start,
                previous_end: block.end,
            },
            Action::Decline {
                event,
                summary,
                start,
                notify,
                me,
                ..
            } => Action::Withdraw {
                event: event.clone(),
                summary: summary.clone(),
                start: *start,
                to: Response::NeedsAction,
                notify: *notify,
                me: me.clone(),
            },
            Action::Withdraw {
                event,
                summary,
                start,
                notify,
                me,
                ..
            } => Action::Decline {
                event: event.clone(),
                summary: summary.clone(),
                start: *start,
                comment: String::new(),
                notify: *notify,
                rule: Rule::None,
                organizer: None,
                me: me.clone(),
            },
            Action::Nudge { .. } | Action::Reply { .. } => return None,
        })
    }
}

/// An action with the reason it is taken, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    pub action: Action,
    pub reason: String,
}

/// A focus block to create or to move.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BlockWrite {
    /// Deterministic id (see `planner::free_block_id`): a retried insert finds its twin.
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub title: String,
    /// Sent to organizers of new invitations that conflict with the block.
    pub decline_message: String,
}

/// What focusd remembers between cycles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Invitations already there when focusd first synced the calendar (by event key, and
    /// by series key for an instance of a series).
    pub existing: HashSet<String>,
    /// Invitations (or series) focusd declined and has not withdrawn, with the rule (by
    /// event key or series key).
    pub declined: HashMap<String, Rule>,
    /// Invitations whose decline, and blocks whose booking, the user undid (by event key or
    /// block id): focusd never declines or books them again.
    pub hands_off: HashSet<String>,
    /// Nudges already given.
    pub nudged: HashSet<String>,
    /// The organizer of every decline recorded since the breaker's count began (the start
    /// of the user's day, or the last `focusd resume` if later).
    pub recent_declines: Vec<Option<String>>,
    /// The declines among `recent_declines` still recorded as intents (by event key): left
    /// unfinished by a stopped process, or under way in another. One this cycle plans again
    /// (and so resumes) is counted once, not twice.
    pub in_flight: HashSet<String>,
    /// Why the circuit breaker is open, while it is: focusd declines nothing until
    /// `focusd resume`.
    pub breaker: Option<String>,
    /// Block ids a booking was refused for because another event holds them (one outside
    /// the synced range, say): the planner gives the block another id.
    pub taken_ids: HashSet<String>,
    /// Failed attempts of an action not done since ([`attempt_key`]).
    pub failures: HashMap<String, Failures>,
    /// The wall-clock time the failures are measured against (the audit log keeps wall-clock
    /// times); without it only the give-up count applies.
    pub wall_clock: Option<DateTime<Utc>>,
    /// The meetings (by event key) the previous cycle of this daemon saw: one not among
    /// them is new. `None` on a daemon's first cycle, when no meeting counts as new.
    pub seen_meetings: Option<HashSet<String>>,
}

/// How often an action failed since it last succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last: DateTime<Utc>,
}

/// An action that failed this many times in a row is given up on (with one nudge).
pub const MAX_TRIES: u32 = 5;

/// How an action is named across its attempts: kind and subject.
pub fn attempt_key(action: &Action) -> String {
    format!("{}:{}", action.kind(), action.subject())
}

/// The keys an invitation is remembered by: the instance's own, and its series' if it
/// belongs to one (a series is decided once).
pub fn invitation_keys(inst: &Instance) -> Vec<String> {
    let mut keys = vec![inst.event_ref().key()];
    keys.extend(inst.series_ref().map(|s| s.key()));
    keys
}

/// What one cycle decides, in full (pure): the triage decisions, the plan made on the
/// calendar as it will be once this cycle's declines are done, the intents in the order they
/// are carried out, and why the circuit breaker trips, if it does.
#[derive(Debug, Clone)]
pub struct CyclePlan {
    pub decisions: Vec<Decision>,
    pub plan: Plan,
    /// In the order they are carried out (see `in_order`): block removals, declines,
    /// moves and bookings, then withdrawals and nudges.
    pub intents: Vec<Intent>,
    pub tripped: Option<String>,
}

/// Decides one cycle: `(calendar, policy, memory, now) -> CyclePlan`.
pub fn decide(
    instances: &[Instance],
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> CyclePlan {
    let timeline = Timeline::new(instances, me);
    let signatures = crate::triage::signatures(&timeline);
    let decisions = crate::triage::triage_with(&timeline, &signatures, policy, me, now);
    let (mut answers, tripped) =
        answers(&timeline, &signatures, &decisions, memory, policy, me, now);
    answers.extend(
        focus_nudges(&timeline, memory, policy, me, now)
            .into_iter()
            .filter(|i| !memory.nudged.contains(&i.action.subject())),
    );
    // The planner sees the calendar as this cycle's declines leave it, so it does not trim
    // a block around a meeting that is being declined.
    let projected = after_answers(instances, &answers, me);
    let plan = crate::planner::plan_avoiding(
        &Timeline::new(&projected, me),
        policy,
        me,
        now,
        &memory.taken_ids,
    );
    let blocks = block_intents(&Timeline::new(&projected, me), &plan, memory, policy);
    let intents = with_backoff(in_order(blocks, answers), memory);
    CyclePlan {
        decisions,
        plan,
        intents,
        tripped,
    }
}

/// The order a cycle's intents are carried out in: block removals first (they free time),
/// then declines, then moves and bookings, then the other answers (withdrawals, nudges).
/// The plan is made on the calendar as the declines leave it, so a block may be booked
/// where a meeting being declined is: booked after the decline, a cycle stopped in between
/// never leaves a block over an invitation still unanswered (which the next cycle would
/// then decline for the block, not for what it lacks, and never give a second chance).
fn in_order(blocks: Vec<Intent>, answers: Vec<Intent>) -> Vec<Intent> {
    let is = |i: &Intent, kind: &str| i.action.kind() == kind;
    let (removals, writes): (Vec<Intent>, Vec<Intent>) =
        blocks.into_iter().partition(|i| is(i, "delete_block"));
    let (declines, others): (Vec<Intent>, Vec<Intent>) =
        answers.into_iter().partition(|i| is(i, "decline"));
    [removals, declines, writes, others].concat()
}

fn block_intents(
    timeline: &Timeline,
    plan: &Plan,
    memory: &Memory,
    policy: &Policy,
) -> Vec<Intent> {
    let mut out = Vec::new();
    for r in plan
        .remove
        .iter()
        .filter(|r| !memory.hands_off.contains(&r.uid))
    {
        out.push(Intent {
            action: Action::DeleteBlock {
                id: r.uid.clone(),
                start: r.start,
                end: r.end,
            },
            reason: r.reason.clone(),
        });
    }
    for b in &plan.blocks {
        let block = BlockWrite {
            id: b.id.clone(),
            start: b.start,
            end: b.end,
            title: policy.focus.title.clone(),
            decline_message: policy.focus.decline_message.clone(),
        };
        match b.action {
            BlockAction::Keep => {}
            BlockAction::Book if memory.hands_off.contains(&b.id) => {}
            BlockAction::Book => out.push(Intent {
                action: Action::BookBlock { block },
                reason: if b.team_window {
                    "team focus window".into()
                } else {
                    format!(
                        "daily focus target of {} min",
                        policy.focus.daily_target_minutes
                    )
                },
            }),
            BlockAction::Trim if memory.hands_off.contains(&b.id) => {}
            BlockAction::Trim => out.push(Intent {
                action: Action::MoveBlock {
                    block,
                    previous_start: b.instance.map_or(b.start, |i| timeline.instances[i].start),
                    previous_end: b.instance.map_or(b.end, |i| timeline.instances[i].end),
                },
                reason: "a meeting now overlaps part of it".into(),
            }),
        }
    }
    out
}

/// Rules whose verdict comes from what the event says (the same for every instance of a
/// series), as opposed to where one instance falls.
fn about_the_event(rule: Rule) -> bool {
    matches!(rule, Rule::Agenda | Rule::MaxAttendees | Rule::ReadAhead)
}

/// Declines, withdrawals and nudges for the decisions, with the first-start rule, series
/// decided once, and the circuit breaker; and why the breaker trips, if it does.
fn answers(
    timeline: &Timeline,
    signatures: &agenda::Signatures,
    decisions: &[Decision],
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> (Vec<Intent>, Option<String>) {
    let mut out = Vec::new();
    // An event may be answered only if every instance the answer would reach is an unanswered
    // invitation of the user's that focusd may act on: one the user organizes or answered,
    // under the same name (a duplicate UID, an accepted instance of the series), means the
    // answer is not focusd's to give.
    let mut clean: HashMap<String, bool> = HashMap::new();
    for inst in timeline.instances {
        let ok = inst.details.role(me) == Role::Attendee(Response::NeedsAction)
            && inst.details.read_only.is_none();
        for key in invitation_keys(inst) {
            *clean.entry(key).or_insert(true) &= ok;
        }
    }
    // A series gets one action per cycle: the first of its instances that calls for one.
    let mut series_done: HashSet<String> = HashSet::new();
    let mut existing: Vec<(String, String, DateTime<Utc>)> = Vec::new();
    for d in decisions {
        if d.action == Verdict::Keep {
            continue;
        }
        let inst = &timeline.instances[d.instance];
        let instance_ref = inst.event_ref();
        let instance_key = instance_ref.key();
        let series = inst.series_ref();
        let series_key = series.as_ref().map(EventRef::key);
        let remembered = |set: &HashSet<String>| {
            set.contains(&instance_key) || series_key.as_ref().is_some_and(|k| set.contains(k))
        };
        if memory.declined.contains_key(&instance_key)
            || series_key
                .as_ref()
                .is_some_and(|k| memory.declined.contains_key(k))
        {
            continue;
        }
        if let Some(k) = &series_key
            && !series_done.insert(k.clone())
        {
            continue;
        }
        // A series is decided once, for the series: a verdict about what the event says
        // declines the whole series; one about where a single occurrence falls (a conflict
        // with a focus block) only nudges, since declining the series for one occurrence
        // would be wrong and declining occurrence by occurrence is a decision per instance.
        let (event, key, whole_series) = match series {
            Some(s) => (s, series_key.clone().unwrap_or_default(), true),
            None => (instance_ref, instance_key.clone(), false),
        };
        let verdict = if whole_series && d.action == Verdict::Decline && !about_the_event(d.rule) {
            Verdict::Nudge
        } else {
            d.action
        };
        let nudge = |text: String| Intent {
            action: Action::Nudge {
                key: format!("{}:{key}", rule_name(d.rule)),
                summary: d.summary.clone(),
                start: d.start,
                text,
            },
            reason: d.reason.clone(),
        };
        match verdict {
            Verdict::Keep => {}
            Verdict::Decline if remembered(&memory.hands_off) => {}
            Verdict::Decline if !clean.get(&key).copied().unwrap_or(false) => {}
            // Listed, not declined: all of them as one nudge (below).
            Verdict::Decline
                if remembered(&memory.existing) && !policy.meetings.decline_existing =>
            {
                existing.push((d.summary.clone(), d.reason.clone(), d.start));
            }
            Verdict::Decline => out.push(Intent {
                action: Action::Decline {
                    event,
                    summary: d.summary.clone(),
                    start: d.start,
                    comment: d.message.clone().unwrap_or_default(),
                    notify: policy.meetings.notify_organizer,
                    rule: d.rule,
                    organizer: inst.details.organizer.clone(),
                    me: crate::event::my_addresses(me).collect::<Vec<_>>().join(","),
                },
                reason: if whole_series {
                    format!("{} (the whole series)", d.reason)
                } else {
                    d.reason.clone()
                },
            }),
            Verdict::Nudge if d.action == Verdict::Decline => out.push(nudge(format!(
                "\"{}\" (a recurring invitation) {}: focusd declines a series only for what it \
                 says, not for one occurrence",
                d.summary, d.reason
            ))),
            Verdict::Nudge => out.push(nudge(format!("\"{}\": {}", d.summary, d.reason))),
        }
    }
    // The first start's list comes before the other nudges (the hourly cap holds back the
    // last ones).
    if let Some(list) = first_start(&existing) {
        out.insert(0, list);
    }
    let tripped = breaker(&mut out, memory, policy);
    out.extend(second_chances(
        timeline, signatures, memory, policy, me, now,
    ));
    out.retain(|i| match &i.action {
        Action::Nudge { key, .. } => !memory.nudged.contains(key),
        _ => true,
    });
    (out, tripped)
}

/// How long after a focus block starts its "focus block starting" nudge may still come.
pub const BLOCK_START_WITHIN_MINUTES: i64 = 15;

/// The nudges about focus itself (SPEC section 4): a focus block starting (with
/// `nudges.block_start`); a meeting of today, still to come, that lands on a focus block
/// (the planner trims or removes the block this cycle); a new meeting of today that splits
/// a free stretch (it costs more focus than its own length). Each with the focus it costs
/// today. Invitations still unanswered are triage's, not these.
fn focus_nudges(
    timeline: &Timeline,
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> Vec<Intent> {
    use crate::model::{self, Span};
    let zone = policy.zone();
    let hhmm = |t: DateTime<Utc>| t.with_timezone(&zone).format("%H:%M").to_string();
    let mut out = Vec::new();
    let m = model::minute(now);
    if policy.nudges.block_start {
        for (i, span) in timeline.focus_blocks_in(Span::new(m, m + 1)) {
            let inst = &timeline.instances[i];
            if m - span.start > BLOCK_START_WITHIN_MINUTES {
                continue;
            }
            let until = model::instant(span.end);
            let paused = if policy.nudges.pause_desktop {
                "; other notifications are paused until then"
            } else {
                ""
            };
            out.push(Intent {
                action: Action::Nudge {
                    key: format!("{BLOCK_START_NUDGE}{}", inst.event_ref().key()),
                    summary: format!("Focus block until {}", hhmm(until)),
                    start: inst.start,
                    text: format!("focus from {} to {}{paused}", hhmm(inst.start), hhmm(until)),
                },
                reason: "a focus block starts".into(),
            });
        }
    }
    let today = model::local_date(zone, now);
    if timeline.day(policy, today).is_none() {
        return out;
    }
    let analysis = model::analyze(timeline, policy, today, today);
    for cost in &analysis.meetings {
        let inst = &timeline.instances[cost.instance];
        if inst.start <= now || inst.all_day || cost.focus_loss_minutes <= 0 {
            continue;
        }
        if matches!(
            inst.details.role(me),
            crate::event::Role::Attendee(Response::NeedsAction | Response::Declined)
        ) {
            continue;
        }
        let key = inst.event_ref().key();
        let lost = crate::triage::human_minutes(cost.focus_loss_minutes);
        let on_block = timeline
            .focus_blocks_in(Span::of(inst))
            .find(|(b, _)| timeline.instances[*b].details.is_focusd_block(me));
        let text = if let Some((_, block)) = on_block {
            format!(
                "\"{}\" at {} lands on your focus block ({} to {}): it costs you {lost} of focus today",
                inst.details.summary,
                hhmm(inst.start),
                hhmm(model::instant(block.start)),
                hhmm(model::instant(block.end))
            )
        } else if memory
            .seen_meetings
            .as_ref()
            .is_some_and(|seen| !seen.contains(&key))
            && cost.focus_loss_minutes > inst.duration_minutes()
        {
            format!(
                "\"{}\" at {} splits a free stretch: it costs you {lost} of focus today",
                inst.details.summary,
                hhmm(inst.start)
            )
        } else {
            continue;
        };
        out.push(Intent {
            action: Action::Nudge {
                key: format!("{BROKE_FOCUS_NUDGE}{key}"),
                summary: inst.details.summary.clone(),
                start: inst.start,
                text,
            },
            reason: "a new meeting costs focus today".into(),
        });
    }
    out
}

/// The key prefix of the nudge that says a focus block starts.
pub const BLOCK_START_NUDGE: &str = "block_start:";

/// The key prefix of the nudge about a meeting that broke a focus block or split a free
/// stretch.
pub const BROKE_FOCUS_NUDGE: &str = "broke_focus:";

/// The meetings of `instances` by event key, as [`Memory::seen_meetings`] takes them.
pub fn meeting_keys(instances: &[Instance], me: &str) -> HashSet<String> {
    let timeline = Timeline::new(instances, me);
    timeline
        .meetings_in(crate::model::Span::new(i64::MIN / 2, i64::MAX / 2))
        .map(|(i, _)| timeline.instances[i].event_ref().key())
        .collect()
}

/// The key of the one nudge that lists the invitations already there on the first start.
pub const FIRST_START_NUDGE: &str = "first_start:";

/// The invitations that were already in the calendar when focusd first synced it and that
/// a rule would decline (`(title, reason, start)`): listed in one nudge, given once, never
/// declined (unless `decline_existing`).
fn first_start(existing: &[(String, String, DateTime<Utc>)]) -> Option<Intent> {
    let start = existing.iter().map(|(_, _, s)| *s).min()?;
    let n = existing.len();
    let summary = if n == 1 {
        "1 invitation was already in your calendar".to_string()
    } else {
        format!("{n} invitations were already in your calendar")
    };
    let mut lines: Vec<String> = vec!["focusd would decline these, but they were there before it started: it declines none of them".into()];
    lines.extend(
        existing
            .iter()
            .map(|(title, why, _)| format!("\"{title}\": {why}")),
    );
    Some(Intent {
        action: Action::Nudge {
            key: FIRST_START_NUDGE.to_string(),
            summary,
            start,
            text: lines.join("\n"),
        },
        reason: "invitations there before focusd started".into(),
    })
}

/// The circuit breaker (SPEC section 3, invariant 8): while it is open no decline goes out;
/// past `max_declines_per_day` in a day (or in this cycle), or `max_declines_per_organizer`
/// from one organizer, the declines beyond the cap are held back and the breaker trips.
fn breaker(out: &mut Vec<Intent>, memory: &Memory, policy: &Policy) -> Option<String> {
    let is_decline = |i: &Intent| matches!(i.action, Action::Decline { .. });
    if memory.breaker.is_some() {
        out.retain(|i| !is_decline(i));
        return None;
    }
    let day_cap = policy.meetings.max_declines_per_day as usize;
    let org_cap = policy.meetings.max_declines_per_organizer as usize;
    let mut total = memory.recent_declines.len();
    let mut per_org: HashMap<String, usize> = HashMap::new();
    for o in memory.recent_declines.iter().flatten() {
        *per_org
            .entry(crate::event::normalise_address(o))
            .or_default() += 1;
    }
    let mut held: Vec<String> = Vec::new();
    let mut why = None;
    out.retain(|i| {
        let Action::Decline {
            event,
            organizer,
            summary,
            ..
        } = &i.action
        else {
            return true;
        };
        if memory.in_flight.contains(&event.key()) {
            return true; // Counted already: the decline left unfinished, resumed.
        }
        let org = organizer
            .as_deref()
            .map(crate::event::normalise_address)
            .unwrap_or_default();
        let from_org = per_org.get(&org).copied().unwrap_or(0);
        if total >= day_cap {
            why.get_or_insert_with(|| format!("more than {day_cap} declines in a day"));
        } else if !org.is_empty() && from_org >= org_cap {
            why.get_or_insert_with(|| {
                format!("more than {org_cap} declines of invitations from {org} in a day")
            });
        } else {
            total += 1;
            if !org.is_empty() {
                *per_org.entry(org).or_default() += 1;
            }
            return true;
        }
        held.push(summary.clone());
        false
    });
    why.map(|why| {
        format!(
            "focusd stopped declining: {why}; {} more held back ({}). Check the calendar and \
             the policy, then run `focusd resume`.",
            held.len(),
            list(&held, 3)
        )
    })
}

/// The calendar as it will be once the declines among `answers` are done: the user's own
/// answer on each declined instance (or every instance of a declined series) reads
/// declined.
fn after_answers(instances: &[Instance], answers: &[Intent], me: &str) -> Vec<Instance> {
    let declined: HashSet<&EventRef> = answers
        .iter()
        .filter_map(|i| match &i.action {
            Action::Decline { event, .. } => Some(event),
            _ => None,
        })
        .collect();
    if declined.is_empty() {
        return instances.to_vec();
    }
    instances
        .iter()
        .map(|inst| {
            let hit = declined.contains(&inst.event_ref())
                || inst.series_ref().is_some_and(|s| declined.contains(&s));
            if !hit {
                return inst.clone();
            }
            let mut inst = inst.clone();
            for a in &mut std::sync::Arc::make_mut(&mut inst.details).attendees {
                if crate::event::is_me(me, &a.email) {
                    a.response = Response::Declined;
                }
            }
            inst
        })
        .collect()
}

/// How long after its `count`-th failure in a row an action waits: the next cycle after
/// the first, then 1, 2, 4, ... minutes, at most an hour.
pub fn retry_wait(count: u32) -> chrono::Duration {
    match count {
        0 | 1 => chrono::Duration::zero(),
        n => chrono::Duration::minutes(1i64 << (n - 2).min(6)).min(chrono::Duration::hours(1)),
    }
}

/// Writes that keep failing back off ([`retry_wait`]) and are given up after [`MAX_TRIES`] tries, with one nudge that says so.
fn with_backoff(intents: Vec<Intent>, memory: &Memory) -> Vec<Intent> {
    let mut out = Vec::with_capacity(intents.len());
    for intent in intents {
        if matches!(intent.action, Action::Nudge { .. }) {
            out.push(intent);
            continue;
        }
        let key = attempt_key(&intent.action);
        let Some(f) = memory.failures.get(&key) else {
            out.push(intent);
            continue;
        };
        if f.count >= MAX_TRIES {
            let nudge_key = format!("gave_up:{key}");
            if !memory.nudged.contains(&nudge_key) {
                let (summary, start) = intent.action.what_and_when();
                out.push(Intent {
                    action: Action::Nudge {
                        key: nudge_key,
                        summary: summary.clone(),
                        start,
                        text: format!(
                            "focusd gave up on \"{summary}\" ({}) after {} failed tries; see `focusd log`",
                            intent.action.kind(),
                            f.count
                        ),
                    },
                    reason: intent.reason,
                });
            }
            continue;
        }
        let wait = retry_wait(f.count);
        if memory.wall_clock.is_some_and(|now| now < f.last + wait) {
            continue;
        }
        out.push(intent);
    }
    out
}

/// SPEC section 3: when an organizer adds an agenda (or a read-ahead) to an invitation that
/// focusd declined for lacking one, and the user has not answered since, the decline is
/// withdrawn before the meeting starts.
fn second_chances(
    timeline: &Timeline,
    signatures: &agenda::Signatures,
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    let mut withdrawn = HashSet::new();
    for inst in timeline.instances {
        if inst.start <= now || inst.details.role(me) != Role::Attendee(Response::Declined) {
            continue;
        }
        // A series declined as a whole is withdrawn as a whole.
        let (event, rule) = match memory.declined.get(&inst.event_ref().key()) {
            Some(rule) => (inst.event_ref(), rule),
            None => match inst
                .series_ref()
                .and_then(|s| memory.declined.get(&s.key()).map(|r| (s, r)))
            {
                Some(found) => found,
                None => continue,
            },
        };
        let key = event.key();
        if memory.hands_off.contains(&key) || !withdrawn.insert(key) {
            continue;
        }
        // Read as triage reads it: with the calendar's signature lines.
        let found = agenda::detect_with(&inst.details, signatures);
        let fixed = match rule {
            Rule::Agenda | Rule::MaxAttendees => found.present,
            Rule::ReadAhead => found.read_ahead.is_some(),
            _ => false,
        };
        if fixed {
            let to = if policy.meetings.accept_on_second_chance {
                Response::Accepted
            } else {
                Response::NeedsAction
            };
            out.push(Intent {
                action: Action::Withdraw {
                    event,
                    summary: inst.summary().to_string(),
                    start: inst.start,
                    to,
                    notify: policy.meetings.notify_organizer,
                    me: crate::event::my_addresses(me).collect::<Vec<_>>().join(","),
                },
                reason: match found.evidence {
                    Some(e) => format!(
                        "second chance: the organizer added an agenda ({})",
                        e.describe()
                    ),
                    None => "second chance: the organizer added an agenda".into(),
                },
            });
        }
    }
    out
}

/// How the circuit breaker's one nudge is keyed: `breaker:` and the time it tripped.
const BREAKER_NUDGE: &str = "breaker:";

/// The one nudge that says the circuit breaker tripped (`why`).
pub fn breaker_nudge(why: &str, now: DateTime<Utc>) -> Intent {
    Intent {
        action: Action::Nudge {
            key: format!("{BREAKER_NUDGE}{}", now.to_rfc3339()),
            summary: "focusd stopped declining".into(),
            start: now,
            text: why.to_string(),
        },
        reason: why.to_string(),
    }
}

fn is_breaker_nudge(action: &Action) -> bool {
    matches!(action, Action::Nudge { key, .. } if key.starts_with(BREAKER_NUDGE))
}

/// While an event of the calendar cannot be read, no block is booked or moved (one could
/// land where that event is); everything else goes ahead (SPEC section 3: an unreadable
/// event only ever makes focusd do less).
pub fn hold_block_writes(intents: Vec<Intent>) -> Vec<Intent> {
    intents
        .into_iter()
        .filter(|i| {
            !matches!(
                i.action,
                Action::BookBlock { .. } | Action::MoveBlock { .. }
            )
        })
        .collect()
}

/// An intent the audit log holds without an outcome: the process that recorded it stopped
/// between the intent and its outcome (`kill -9`, a power cut, a stop in the middle of a
/// write), or another focusd process is applying it right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// Its record in the audit log.
    pub id: i64,
    /// The calendar it was recorded for (by the backend's key).
    pub calendar: String,
    pub action: Action,
    /// Why it was taken, as recorded.
    pub reason: String,
    /// The pid of another focusd process that recorded it and still runs (same boot, pid
    /// and start time): that process is applying it.
    pub applying: Option<u32>,
}

/// One step of a cycle's execution, in the order the daemon takes them: [`reconcile`]
/// makes them, [`cap_nudges`] leaves out the nudges over the hourly cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A leftover intent this cycle still wants: applied under its own record. Every write
    /// is idempotent, so one that a stopped process had already made is found done.
    Resume { id: i64, intent: Intent },
    /// A leftover intent the calendar already shows carried out: marked done.
    FoundDone { id: i64 },
    /// A leftover intent neither wanted any more nor carried out: marked abandoned.
    Abandon { id: i64, kind: &'static str },
    /// A leftover intent that another live focusd process is applying: left to it, and not
    /// applied by this cycle either (never done twice, never abandoned under its feet).
    LeaveAlone {
        id: i64,
        kind: &'static str,
        pid: u32,
    },
    /// A new intent: recorded, applied, its outcome recorded.
    Apply(Intent),
    /// The circuit breaker trips: it is opened and its one nudge recorded in one commit,
    /// then the nudge is given; nothing, if the breaker is open already.
    Trip { why: String, nudge: Intent },
}

impl Step {
    /// The breaker trips for `why`, with its nudge.
    pub fn trip(why: &str, now: DateTime<Utc>) -> Step {
        Step::Trip {
            why: why.to_string(),
            nudge: breaker_nudge(why, now),
        }
    }
}

/// What leftover intents are reconciled against: the calendar the cycle runs on, as just
/// synced, and whether the circuit breaker is open.
#[derive(Debug, Clone, Copy)]
pub struct Ground<'a> {
    /// The calendar's key: a leftover recorded for another calendar is not this cycle's.
    pub calendar: &'a str,
    pub instances: &'a [Instance],
    pub me: &'a str,
    /// [`Memory::breaker`] is set.
    pub breaker_open: bool,
}

/// Reconciles the intents a stopped process left unfinished with this cycle's `intents`
/// (pure), leftovers first, in the order they were recorded:
///
/// - recorded by another focusd process that still runs: left to it, and any intent of
///   this cycle for the same action dropped;
/// - still wanted (an intent of this cycle is the same action): applied under the old
///   record, in place of the new intent;
/// - the breaker's nudge while the breaker is still open: given (it is said only once);
/// - already true in the calendar ([`reflected`]): marked done;
/// - else abandoned.
///
/// Then this cycle's other intents, in their order. Leftovers of other calendars are left
/// for a daemon of theirs.
pub fn reconcile(intents: Vec<Intent>, leftovers: &[Leftover], ground: &Ground) -> Vec<Step> {
    let mut intents = intents;
    let mut steps = Vec::new();
    for left in leftovers.iter().filter(|l| l.calendar == ground.calendar) {
        let (id, kind) = (left.id, left.action.kind());
        if let Some(pid) = left.applying {
            intents.retain(|i| i.action != left.action);
            steps.push(Step::LeaveAlone { id, kind, pid });
        } else if let Some(pos) = intents.iter().position(|i| same(&i.action, &left.action)) {
            let fresh = intents.remove(pos);
            // A nudge is given as it was recorded: its words (what a meeting costs) may
            // have changed with the calendar since, but it is the same nudge.
            let intent = match left.action {
                Action::Nudge { .. } => Intent {
                    action: left.action.clone(),
                    reason: left.reason.clone(),
                },
                _ => fresh,
            };
            steps.push(Step::Resume { id, intent });
        } else if is_breaker_nudge(&left.action) && ground.breaker_open {
            let intent = Intent {
                action: left.action.clone(),
                reason: left.reason.clone(),
            };
            steps.push(Step::Resume { id, intent });
        } else if reflected(&left.action, ground.instances, ground.me) {
            steps.push(Step::FoundDone { id });
        } else {
            steps.push(Step::Abandon { id, kind });
        }
    }
    steps.extend(intents.into_iter().map(Step::Apply));
    steps
}

/// Whether a leftover intent is one this cycle wants again: the same write, or a nudge
/// with the same key (one nudge per key, whatever its words).
fn same(wanted: &Action, left: &Action) -> bool {
    match (wanted, left) {
        (Action::Nudge { key: a, .. }, Action::Nudge { key: b, .. }) => a == b,
        _ => wanted == left,
    }
}

/// The hourly nudge cap (`nudges.max_per_hour`, pure): `given` nudges went out in the past
/// hour, and a new nudge past the cap waits for a later cycle. A resumed nudge counts and
/// is always given (it was due already); so is the breaker's (it says focusd stopped
/// declining).
pub fn cap_nudges(steps: Vec<Step>, given: u32, max_per_hour: u32) -> Vec<Step> {
    let is_nudge = |i: &Intent| matches!(i.action, Action::Nudge { .. });
    let mut given = given;
    steps
        .into_iter()
        .filter(|step| match step {
            Step::Resume { intent, .. } if is_nudge(intent) => {
                given += 1;
                true
            }
            Step::Apply(intent) if is_nudge(intent) && !is_breaker_nudge(&intent.action) => {
                if given >= max_per_hour {
                    return false;
                }
                given += 1;
                true
            }
            _ => true,
        })
        .collect()
}

/// Whether the user's answer on `inst` carries a comment other than `ours` (the one focusd
/// sent): the user answered again, in their own words. A calendar that keeps no comment
/// says nothing either way.
fn commented_otherwise(inst: &Instance, me: &str, ours: &str) -> bool {
    // The local writer puts quotes and control characters as apostrophes; compare alike.
    inst.details
        .attendees
        .iter()
        .filter(|a| is_me(me, &a.email))
        .filter_map(|a| a.comment.as_deref())
        .any(|c| clean_comment(c) != clean_comment(ours))
}

/// Whether `event` names this instance, or the series it belongs to.
fn names(inst: &Instance, event: &EventRef) -> bool {
    &inst.event_ref() == event || inst.series_ref().as_ref() == Some(event)
}

/// Whether the calendar already shows an action as carried out (pure): a block at its
/// times, a deleted block gone, the user's answer in place (a decline with no comment of
/// the user's own). A nudge leaves nothing on the calendar.
pub fn reflected(action: &Action, instances: &[Instance], me: &str) -> bool {
    let find =
        |id: &str| -> Vec<&Instance> { instances.iter().filter(|i| i.uid() == id).collect() };
    match action {
        Action::BookBlock { block } | Action::MoveBlock { block, .. } => find(&block.id)
            .iter()
            .any(|i| i.start == block.start && i.end == block.end),
        Action::DeleteBlock { id, .. } => find(id).is_empty(),
        Action::Decline { event, comment, .. } => instances.iter().any(|i| {
            names(i, event)
                && i.details.role(me) == Role::Attendee(Response::Declined)
                && !commented_otherwise(i, me, comment)
        }),
        Action::Withdraw { event, to, .. } => instances
            .iter()
            .any(|i| names(i, event) && i.details.role(me) == Role::Attendee(*to)),
        Action::Nudge { .. } | Action::Reply { .. } => false,
    }
}

/// The first `n` items, quoted, and how many more.
fn list(items: &[String], n: usize) -> String {
    let mut out: Vec<String> = items.iter().take(n).map(|s| format!("\"{s}\"")).collect();
    if items.len() > n {
        out.push(format!("{} more", items.len() - n));
    }
    out.join(", ")
}

fn rule_name(rule: Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Attendee, EventDetails, EventKind, Transparency};
    use crate::planner::BlockAction;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;
    use std::sync::Arc;

    const ME: &str = "alex@example.com";

    fn now() -> DateTime<Utc> {
        // Monday 2026-11-30 08:00 Berlin.
        Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap()
    }

    fn policy() -> Policy {
        let mut p = Policy::default();
        p.meetings.decline_existing = true;
        p.focus.team_windows.clear();
        p
    }

    fn details(uid: &str, organizer: &str, people: usize) -> EventDetails {
        let mut attendees = vec![Attendee {
            email: ME.into(),
            response: Response::NeedsAction,
            comment: None,
        }];
        attendees.extend((1..people).map(|i| Attendee {
            email: format!("p{i}@corp.example"),
            response: Response::Accepted,
            comment: None,
        }));
        EventDetails {
            uid: uid.into(),
            summary: format!("Sync {uid}"),
            organizer: Some(organizer.into()),
            attendees,
            ..EventDetails::default()
        }
    }

    fn at(d: Arc<EventDetails>, start: DateTime<Utc>, minutes: i64, recurs: bool) -> Instance {
        Instance {
            details: d,
            recurrence_id: recurs.then_some(start),
            start,
            end: start + Duration::minutes(minutes),
            all_day: false,
        }
    }

    fn declines(intents: &[Intent]) -> Vec<&Action> {
        intents
            .iter()
            .map(|i| &i.action)
            .filter(|a| matches!(a, Action::Decline { .. }))
            .collect()
    }

    fn nudge_texts(intents: &[Intent]) -> Vec<(String, String)> {
        intents
            .iter()
            .filter_map(|i| match &i.action {
                Action::Nudge { key, text, .. } => Some((key.clone(), text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn focus_nudges_a_block_starting_a_broken_block_and_a_split_stretch() {
        let mut p = policy();
        p.team.timezone = chrono_tz::UTC;
        p.focus.daily_target_minutes = 0;
        let day = |h, m| Utc.with_ymd_and_hms(2026, 11, 30, h, m, 0).unwrap();
        let block = Arc::new(EventDetails {
            uid: "focusdblock1".into(),
            summary: "Focus time".into(),
            kind: EventKind::FocusTime,
            focusd_block: true,
            ..EventDetails::default()
        });
        let mut accepted = details("standup", "lead@corp.example", 3);
        accepted.attendees[0].response = Response::Accepted;
        accepted.description = "Agenda: what each of us does today and what blocks us.".into();
        let on_block = at(Arc::new(accepted.clone()), day(10, 0), 30, false);
        let mut later = accepted;
        later.uid = "later".into();
        let split = at(Arc::new(later), day(14, 0), 30, false);
        let cal = [at(block, day(9, 0), 120, false), on_block, split];
        // A block starting, said only with block_start, and only near its start.
        p.nudges.block_start = true;
        let keys = |now, m: &Memory, p: &Policy| {
            nudge_texts(&decide(&cal, m, p, ME, now).intents)
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        let m = Memory::default();
        assert!(keys(day(9, 5), &m, &p).contains(&"block_start:focusdblock1".to_string()));
        assert!(
            !keys(day(9, 30), &m, &p)
                .iter()
                .any(|k| k.starts_with("block_start:"))
        );
        p.nudges.block_start = false;
        assert!(
            !keys(day(9, 5), &m, &p)
                .iter()
                .any(|k| k.starts_with("block_start:"))
        );
        // A meeting on the block: said, with what it costs today.
        let n = nudge_texts(&decide(&cal, &m, &p, ME, day(8, 0)).intents);
        let broke = n
            .iter()
            .find(|(k, _)| k == "broke_focus:standup")
            .expect("broke");
        assert!(
            broke
                .1
                .contains("lands on your focus block (09:00 to 11:00)"),
            "{}",
            broke.1
        );
        assert!(broke.1.contains("of focus today"), "{}", broke.1);
        // A new meeting in a free afternoon splits it; on a daemon's first cycle nothing is
        // new, and what the last cycle saw is not new either.
        assert!(!n.iter().any(|(k, _)| k == "broke_focus:later"));
        let fresh = Memory {
            seen_meetings: Some(HashSet::from(["standup".to_string()])),
            ..Memory::default()
        };
        let n = nudge_texts(&decide(&cal, &fresh, &p, ME, day(8, 0)).intents);
        let split = n
            .iter()
            .find(|(k, _)| k == "broke_focus:later")
            .expect("split");
        assert!(split.1.contains("splits a free stretch"), "{}", split.1);
        let seen = Memory {
            seen_meetings: Some(HashSet::from(["standup".to_string(), "later".to_string()])),
            ..Memory::default()
        };
        let n = nudge_texts(&decide(&cal, &seen, &p, ME, day(8, 0)).intents);
        assert!(!n.iter().any(|(k, _)| k == "broke_focus:later"));
        // Given once.
        let given = Memory {
            nudged: HashSet::from(["broke_focus:standup".to_string()]),
            ..Memory::default()
        };
        let n = nudge_texts(&decide(&cal, &given, &p, ME, day(8, 0)).intents);
        assert!(!n.iter().any(|(k, _)| k == "broke_focus:standup"));
    }

    #[test]
    fn invitations_there_on_the_first_start_are_listed_in_one_nudge() {
        let mut p = policy();
        p.meetings.decline_existing = false;
        let cal: Vec<Instance> = (0..4)
            .map(|i| {
                at(
                    Arc::new(details(&format!("old{i}"), "pm@corp.example", 9)),
                    now() + Duration::hours(24 + i),
                    45,
                    false,
                )
            })
            .collect();
        let m = Memory {
            existing: (0..4).map(|i| format!("old{i}")).collect(),
            ..Memory::default()
        };
        let c = decide(&cal, &m, &p, ME, now());
        assert!(declines(&c.intents).is_empty());
        let n = nudge_texts(&c.intents);
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!(n[0].0, FIRST_START_NUDGE);
        assert_eq!(n[0].1.lines().count(), 5, "{}", n[0].1);
        let Some(Action::Nudge { summary, .. }) = c
            .intents
            .iter()
            .map(|i| &i.action)
            .find(|a| matches!(a, Action::Nudge { .. }))
        else {
            panic!("no nudge");
        };
        assert_eq!(summary, "4 invitations were already in your calendar");
    }

    /// Review finding 3: one hourly (or minutely) invitation is one decline, of the series.
    #[test]
    fn a_sub_daily_series_is_declined_once_for_the_whole_series() {
        for step in [60, 1] {
            let d = Arc::new(details("storm", "mallory@evil.example", 13));
            let cal: Vec<Instance> = (0..2000)
                .map(|i| {
                    at(
                        Arc::clone(&d),
                        now() + Duration::minutes(60 + i * step),
                        1,
                        true,
                    )
                })
                .collect();
            let c = decide(&cal, &Memory::default(), &policy(), ME, now());
            let found = declines(&c.intents);
            assert_eq!(found.len(), 1, "step {step}: {found:?}");
            let Action::Decline { event, .. } = found[0] else {
                unreachable!()
            };
            assert_eq!((event.id.as_str(), event.recurrence_id), ("storm", None));
            assert!(
                c.intents
                    .iter()
                    .any(|i| i.reason.ends_with("(the whole series)"))
            );
            assert!(c.tripped.is_none());
            // Declined once, never again; and no nudge per instance either.
            let mut m = Memory::default();
            m.declined.insert("storm".into(), Rule::MaxAttendees);
            let again = decide(&cal, &m, &policy(), ME, now());
            assert!(
                again
                    .intents
                    .iter()
                    .all(|i| !matches!(i.action, Action::Decline { .. }))
            );
        }
        // A nudge-only series gets one nudge.
        let mut p = policy();
        p.meetings.mode = crate::policy::Mode::Suggest;
        let d = Arc::new(details("storm", "mallory@evil.example", 13));
        let cal: Vec<Instance> = (0..50)
            .map(|i| {
                at(
                    Arc::clone(&d),
                    now() + Duration::minutes(60 * (i + 1)),
                    1,
                    true,
                )
            })
            .collect();
        let c = decide(&cal, &Memory::default(), &p, ME, now());
        let nudges = c
            .intents
            .iter()
            .filter(|i| matches!(i.action, Action::Nudge { .. }))
            .count();
        assert_eq!(nudges, 1, "{:?}", c.intents);
    }

    /// SPEC section 3, invariant 8: the circuit breaker.
    #[test]
    fn the_breaker_caps_declines_per_day_and_per_organizer() {
        let many: Vec<Instance> = (0..15)
            .map(|i| {
                let d = Arc::new(details(&format!("i{i}"), &format!("o{i}@corp.example"), 3));
                at(d, now() + Duration::hours(i + 2), 45, false)
            })
            .collect();
        let c = decide(&many, &Memory::default(), &policy(), ME, now());
        assert_eq!(declines(&c.intents).len(), 10);
        let why = c.tripped.expect("tripped");
        assert!(
            why.contains("more than 10 declines in a day") && why.contains("5 more"),
            "{why}"
        );

        // Earlier declines today count; an open breaker lets nothing through.
        let m = Memory {
            recent_declines: vec![None; 8],
            ..Memory::default()
        };
        assert_eq!(
            declines(&decide(&many, &m, &policy(), ME, now()).intents).len(),
            2
        );
        let m = Memory {
            breaker: Some("tripped".into()),
            ..Memory::default()
        };
        let c = decide(&many, &m, &policy(), ME, now());
        assert!(declines(&c.intents).is_empty() && c.tripped.is_none());

        // One organizer: at most 3 a day, whatever the case of the address.
        let one: Vec<Instance> = (0..6)
            .map(|i| {
                let org = if i % 2 == 0 {
                    "boss@corp.example"
                } else {
                    "BOSS@corp.example"
                };
                at(
                    Arc::new(details(&format!("b{i}"), org, 3)),
                    now() + Duration::hours(i + 2),
                    45,
                    false,
                )
            })
            .collect();
        let c = decide(&one, &Memory::default(), &policy(), ME, now());
        assert_eq!(declines(&c.intents).len(), 3);
        assert!(c.tripped.unwrap().contains("from boss@corp.example"));
    }

    /// A decline left unfinished (a crash between its intent and its outcome) counts against
    /// the caps once: resumed by the next cycle, it is not counted again, and it does not
    /// hold itself back.
    #[test]
    fn a_decline_left_unfinished_counts_once_against_the_caps() {
        let cal: Vec<Instance> = (0..2)
            .map(|i| {
                at(
                    Arc::new(details(&format!("b{i}"), "boss@corp.example", 3)),
                    now() + Duration::hours(i + 2),
                    45,
                    false,
                )
            })
            .collect();
        // Two declines from the boss done today, and b0's recorded but not finished.
        let m = Memory {
            recent_declines: vec![Some("boss@corp.example".into()); 3],
            in_flight: HashSet::from(["b0".to_string()]),
            ..Memory::default()
        };
        let c = decide(&cal, &m, &policy(), ME, now());
        let found = declines(&c.intents);
        assert!(
            matches!(found[..], [Action::Decline { event, .. }] if event.id == "b0"),
            "{found:?}"
        );
        assert!(c.tripped.unwrap().contains("from boss@corp.example"));
    }

    /// Declines go out before the blocks the plan books where those meetings were, so a
    /// cycle stopped in between never leaves a block over a still unanswered invitation.
    #[test]
    fn declines_come_before_the_blocks_planned_over_them() {
        let p = policy();
        let empty = decide(&[], &Memory::default(), &p, ME, now());
        let block = empty
            .plan
            .blocks
            .iter()
            .find(|b| b.action == BlockAction::Book)
            .expect("a block");
        let inv = at(
            Arc::new(details("noagenda", "pm@corp.example", 3)),
            block.start + Duration::minutes(30),
            45,
            false,
        );
        let c = decide(&[inv], &Memory::default(), &p, ME, now());
        let kinds: Vec<&str> = c.intents.iter().map(|i| i.action.kind()).collect();
        let first_booking = kinds.iter().position(|k| *k == "book_block").unwrap();
        assert_eq!(kinds[..first_booking], ["decline"], "{kinds:?}");
        assert!(
            c.intents
                .iter()
                .any(|i| matches!(&i.action, Action::BookBlock { block: b } if b.id == block.id)),
            "the block is booked over the declined meeting: {kinds:?}"
        );
    }

    /// Review finding 23: a block is not trimmed around a meeting being declined.
    #[test]
    fn the_planner_plans_on_the_calendar_as_the_declines_leave_it() {
        let p = policy();
        let empty = decide(&[], &Memory::default(), &p, ME, now());
        let block = empty
            .plan
            .blocks
            .iter()
            .find(|b| b.action == BlockAction::Book)
            .expect("a block");
        let mine = Instance {
            details: Arc::new(EventDetails {
                uid: block.id.clone(),
                focusd_block: true,
                kind: EventKind::FocusTime,
                transparency: Transparency::Opaque,
                ..EventDetails::default()
            }),
            recurrence_id: None,
            start: block.start,
            end: block.end,
            all_day: false,
        };
        let inv = at(
            Arc::new(details("noagenda", "pm@corp.example", 3)),
            block.start + Duration::minutes(30),
            45,
            false,
        );
        let c = decide(&[mine, inv], &Memory::default(), &p, ME, now());
        assert_eq!(declines(&c.intents).len(), 1);
        assert!(
            c.intents.iter().all(|i| !matches!(
                i.action,
                Action::MoveBlock { .. } | Action::DeleteBlock { .. }
            )),
            "{:?}",
            c.intents
        );
    }

    /// Review finding 18: a write that keeps failing backs off, then is given up with one nudge.
    #[test]
    fn failing_writes_back_off_and_are_given_up() {
        let p = policy();
        let plain = decide(&[], &Memory::default(), &p, ME, now());
        let book = plain
            .intents
            .iter()
            .find(|i| matches!(i.action, Action::BookBlock { .. }))
            .unwrap();
        let key = attempt_key(&book.action);
        let wall = now();
        let with = |count, ago| Memory {
            failures: HashMap::from([(
                key.clone(),
                Failures {
                    count,
                    last: wall - Duration::seconds(ago),
                },
            )]),
            wall_clock: Some(wall),
            ..Memory::default()
        };
        let has_book = |m: &Memory| {
            decide(&[], m, &p, ME, now())
                .intents
                .iter()
                .any(|i| i.action == book.action)
        };
        assert!(has_book(&with(1, 0)), "the first retry is the next cycle");
        assert!(
            !has_book(&with(3, 60)),
            "after 3 failures it waits 2 minutes"
        );
        assert!(has_book(&with(3, 121)));
        let given_up = decide(&[], &with(MAX_TRIES, 86_400), &p, ME, now()).intents;
        assert!(!given_up.iter().any(|i| i.action == book.action));
        let gave_up: Vec<_> = given_up
            .iter()
            .filter(|i| matches!(&i.action, Action::Nudge { key: k, .. } if k == &format!("gave_up:{key}")))
            .collect();
        assert_eq!(gave_up.len(), 1);
        let mut m = with(MAX_TRIES, 86_400);
        m.nudged.insert(format!("gave_up:{key}"));
        assert!(decide(&[], &m, &p, ME, now()).intents.iter().all(
            |i| !matches!(&i.action, Action::Nudge { key: k, .. } if k.starts_with("gave_up:"))
        ));
    }

    fn intent(action: Action, reason: &str) -> Intent {
        Intent {
            action,
            reason: reason.into(),
        }
    }

    fn book(id: &str, hours: i64) -> Action {
        Action::BookBlock {
            block: BlockWrite {
                id: id.into(),
                start: now() + Duration::hours(hours),
                end: now() + Duration::hours(hours + 2),
                title: "Focus".into(),
                decline_message: String::new(),
            },
        }
    }

    fn nudge(key: &str) -> Action {
        Action::Nudge {
            key: key.into(),
            summary: "Daily standup".into(),
            start: now(),
            text: "a 45 min stand-up".into(),
        }
    }

    fn leftover(id: i64, action: Action) -> Leftover {
        Leftover {
            id,
            calendar: "cal".into(),
            action,
            reason: "recorded".into(),
            applying: None,
        }
    }

    fn ground(instances: &[Instance]) -> Ground<'_> {
        Ground {
            calendar: "cal",
            instances,
            me: ME,
            breaker_open: false,
        }
    }

    /// A block as the calendar shows it once booked.
    fn booked(action: &Action) -> Instance {
        let Action::BookBlock { block } = action else {
            unreachable!()
        };
        Instance {
            details: Arc::new(EventDetails {
                uid: block.id.clone(),
                focusd_block: true,
                kind: EventKind::FocusTime,
                ..EventDetails::default()
            }),
            recurrence_id: None,
            start: block.start,
            end: block.end,
            all_day: false,
        }
    }

    /// Every way a leftover intent goes, in the order they were recorded, before this
    /// cycle's own intents.
    #[test]
    fn leftovers_are_resumed_found_done_abandoned_or_left_to_their_process() {
        let (done, wanted, stale, theirs, elsewhere, fresh) = (
            book("focusddone", 2),
            book("focusdwanted", 4),
            book("focusdstale", 6),
            book("focusdtheirs", 8),
            book("focusdelsewhere", 10),
            book("focusdfresh", 12),
        );
        let calendar = [booked(&done)];
        let intents = vec![
            intent(fresh.clone(), "new"),
            intent(wanted.clone(), "new"),
            intent(theirs.clone(), "new"),
        ];
        let leftovers = [
            leftover(1, done),
            leftover(2, wanted.clone()),
            leftover(3, stale),
            Leftover {
                applying: Some(4242),
                ..leftover(4, theirs)
            },
            Leftover {
                calendar: "another".into(),
                ..leftover(5, elsewhere)
            },
        ];
        let steps = reconcile(intents, &leftovers, &ground(&calendar));
        assert_eq!(
            steps,
            [
                Step::FoundDone { id: 1 },
                Step::Resume {
                    id: 2,
                    intent: intent(wanted, "new")
                },
                Step::Abandon {
                    id: 3,
                    kind: "book_block"
                },
                Step::LeaveAlone {
                    id: 4,
                    kind: "book_block",
                    pid: 4242
                },
                Step::Apply(intent(fresh, "new")),
            ]
        );
        // Nothing left over: this cycle's intents, in their order.
        let intents = vec![intent(book("a", 1), "a"), intent(nudge("b"), "b")];
        assert_eq!(
            reconcile(intents.clone(), &[], &ground(&[])),
            intents.into_iter().map(Step::Apply).collect::<Vec<_>>()
        );
    }

    /// A leftover nudge is the same nudge as this cycle's with its key, though its words
    /// (what the meeting costs) changed with the calendar meanwhile: resumed as recorded,
    /// and not given a second time under a new record.
    #[test]
    fn a_leftover_nudge_is_resumed_by_its_key_as_recorded() {
        let recorded = nudge("standup:s1");
        let mut now_worded = nudge("standup:s1");
        if let Action::Nudge { text, .. } = &mut now_worded {
            *text = "a 45 min stand-up; it costs you 53 min of focus".into();
        }
        let left = [leftover(4, recorded.clone())];
        let intents = vec![
            intent(now_worded, "new"),
            intent(nudge("standup:s2"), "new"),
        ];
        assert_eq!(
            reconcile(intents, &left, &ground(&[])),
            [
                Step::Resume {
                    id: 4,
                    intent: intent(recorded, "recorded")
                },
                Step::Apply(intent(nudge("standup:s2"), "new")),
            ]
        );
    }

    /// A decline is found done when the calendar shows the user's answer declined with
    /// focusd's comment (as the local writer keeps it), not when the user wrote their own.
    #[test]
    fn a_decline_is_found_done_only_with_focusds_own_comment() {
        let d = details("q1", "pm@corp.example", 3);
        let event = at(Arc::new(d.clone()), now() + Duration::hours(3), 45, false);
        let decline = Action::Decline {
            event: event.event_ref(),
            summary: d.summary.clone(),
            start: event.start,
            comment: "No agenda: \"declined\"".into(),
            notify: true,
            rule: Rule::Agenda,
            organizer: d.organizer.clone(),
            me: ME.into(),
        };
        let answered = |comment: Option<&str>| {
            let mut d = d.clone();
            d.attendees[0].response = Response::Declined;
            d.attendees[0].comment = comment.map(str::to_string);
            vec![at(Arc::new(d), event.start, 45, false)]
        };
        assert!(reflected(&decline, &answered(None), ME));
        assert!(reflected(
            &decline,
            &answered(Some("No agenda: 'declined'")),
            ME
        ));
        assert!(!reflected(&decline, &answered(Some("I am on leave")), ME));
        assert!(!reflected(&decline, std::slice::from_ref(&event), ME));
        let left = [leftover(9, decline)];
        assert_eq!(
            reconcile(Vec::new(), &left, &ground(&answered(Some("I am on leave")))),
            [Step::Abandon {
                id: 9,
                kind: "decline"
            }]
        );
    }

    /// The breaker's nudge is said once; one left unfinished is given while the breaker is
    /// still open, and dropped once the user resumed.
    #[test]
    fn the_breakers_leftover_nudge_is_given_while_the_breaker_is_open() {
        let why = "focusd stopped declining: more than 10 declines in a day";
        let n = breaker_nudge(why, now());
        assert!(matches!(&n.action, Action::Nudge { key, .. } if key.starts_with("breaker:")));
        let left = [leftover(7, n.action.clone())];
        let open = Ground {
            breaker_open: true,
            ..ground(&[])
        };
        assert_eq!(
            reconcile(Vec::new(), &left, &open),
            [Step::Resume {
                id: 7,
                intent: intent(n.action.clone(), "recorded")
            }]
        );
        assert_eq!(
            reconcile(Vec::new(), &left, &ground(&[])),
            [Step::Abandon {
                id: 7,
                kind: "nudge"
            }]
        );
        // Any other nudge left over is only given if this cycle still wants it.
        let other = [leftover(8, nudge("standup:s1"))];
        assert_eq!(
            reconcile(Vec::new(), &other, &open),
            [Step::Abandon {
                id: 8,
                kind: "nudge"
            }]
        );
    }

    /// The hourly cap counts what the past hour gave and what this cycle gives in order; a
    /// resumed nudge and the breaker's are always given.
    #[test]
    fn nudges_past_the_hourly_cap_wait_but_resumed_and_breaker_nudges_go() {
        let steps = vec![
            Step::Resume {
                id: 1,
                intent: intent(nudge("a"), "a"),
            },
            Step::Apply(intent(book("focusdx", 2), "block")),
            Step::Apply(intent(nudge("b"), "b")),
            Step::Apply(intent(nudge("c"), "c")),
            Step::Apply(breaker_nudge("tripped", now())),
            Step::trip("tripped", now()),
            Step::Apply(intent(nudge("d"), "d")),
        ];
        assert_eq!(
            cap_nudges(steps.clone(), 1, 3),
            [
                steps[0].clone(),
                steps[1].clone(),
                steps[2].clone(),
                steps[4].clone(),
                steps[5].clone(),
            ]
        );
        assert_eq!(cap_nudges(steps.clone(), 0, 10), steps);
        let none: Vec<Step> = cap_nudges(steps.clone(), 5, 3);
        assert_eq!(
            none,
            [
                steps[0].clone(),
                steps[1].clone(),
                steps[4].clone(),
                steps[5].clone()
            ]
        );
    }

    /// While an event cannot be read, no block is booked or moved; the rest goes ahead.
    #[test]
    fn unreadable_events_hold_back_block_writes_only() {
        let moved = Action::MoveBlock {
            block: BlockWrite {
                id: "focusdm".into(),
                start: now(),
                end: now() + Duration::hours(2),
                title: "Focus".into(),
                decline_message: String::new(),
            },
            previous_start: now(),
            previous_end: now() + Duration::hours(3),
        };
        let deleted = Action::DeleteBlock {
            id: "focusdd".into(),
            start: now(),
            end: now() + Duration::hours(2),
        };
        let intents = vec![
            intent(book("focusdb", 2), "b"),
            intent(moved, "m"),
            intent(deleted.clone(), "d"),
            intent(nudge("n"), "n"),
        ];
        assert_eq!(
            hold_block_writes(intents),
            [intent(deleted, "d"), intent(nudge("n"), "n")]
        );
    }

    /// One event an adversary controls entirely (other people's fields), or one of the user's.
    fn arb_event() -> impl Strategy<Value = Instance> {
        let who = prop::sample::select(vec![
            ME,
            "ALEX@example.com",
            "mallory@evil.example",
            "pm@corp.example",
            "",
        ]);
        let resp = prop::sample::select(vec![
            Response::NeedsAction,
            Response::Accepted,
            Response::Declined,
            Response::Tentative,
            Response::Delegated,
        ]);
        let kind = prop::sample::select(vec![
            EventKind::Default,
            EventKind::FocusTime,
            EventKind::OutOfOffice,
            EventKind::WorkingLocation,
        ]);
        let uid = prop::sample::select(vec!["a", "b", "focusd0000000000000", "focusdc", "c"]);
        let text = prop::sample::select(vec![
            "",
            "Agenda:\n1. Compaction\n2. Rollout",
            "Join Zoom Meeting https://zoom.us/j/123",
            "TBD",
        ]);
        (
            (
                who.clone(),
                prop::collection::vec((who, resp), 0..12),
                kind,
                any::<bool>(),
            ),
            (uid, text, any::<bool>(), any::<bool>(), any::<bool>()),
            (0i64..(10 * 24 * 4), 1i64..(4 * 8), any::<bool>()),
        )
            .prop_map(
                |(
                    (org, people, kind, mark),
                    (uid, text, transparent, recurs, read_only),
                    (q, len, all_day),
                )| {
                    let d = EventDetails {
                        uid: uid.into(),
                        summary: "x".into(),
                        description: text.into(),
                        organizer: (!org.is_empty()).then(|| org.to_lowercase()),
                        attendees: people
                            .into_iter()
                            .filter(|(w, _)| !w.is_empty())
                            .map(|(w, r)| Attendee {
                                email: w.to_lowercase(),
                                response: r,
                                comment: None,
                            })
                            .collect(),
                        kind,
                        focusd_block: mark,
                        transparency: if transparent {
                            Transparency::Transparent
                        } else {
                            Transparency::Opaque
                        },
                        read_only: read_only.then(|| "another calendar".into()),
                        ..EventDetails::default()
                    };
                    let start = now() + Duration::minutes(q * 15 - 60);
                    Instance {
                        details: Arc::new(d),
                        recurrence_id: recurs.then_some(start),
                        start,
                        end: start + Duration::minutes(len * 15),
                        all_day,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// SPEC section 10 (1, 7, 8) against calendars other people wrote: every answer goes to an
        /// unanswered future invitation of the user's, on the user's own calendar, that the user
        /// does not organize, and no cycle declines more than the caps allow; only focusd's own
        /// blocks are moved or deleted.
        #[test]
        fn no_cycle_touches_what_is_not_the_users_to_decide(
            cal in prop::collection::vec(arb_event(), 0..40),
            recent in 0usize..12,
        ) {
            let p = policy();
            let memory = Memory { recent_declines: vec![None; recent], ..Memory::default() };
            let c = decide(&cal, &memory, &p, ME, now());
            let mut count = recent;
            for i in &c.intents {
                match &i.action {
                    Action::Decline { event, .. } => {
                        count += 1;
                        let targets: Vec<&Instance> = cal.iter().filter(|x| {
                            &x.event_ref() == event || x.series_ref().as_ref() == Some(event)
                        }).collect();
                        prop_assert!(!targets.is_empty());
                        prop_assert!(targets.iter().any(|x| {
                            x.details.role(ME) == Role::Attendee(Response::NeedsAction)
                                && x.details.read_only.is_none()
                                && x.start > now()
                                && !x.all_day
                        }), "declined {event:?}");
                        for x in &targets {
                            prop_assert!(x.details.role(ME) != Role::Organizer);
                        }
                    }
                    Action::Withdraw { .. } => prop_assert!(false, "nothing was declined before"),
                    Action::MoveBlock { block, .. } => {
                        prop_assert!(cal.iter().any(|x| x.details.uid == block.id && x.details.is_focusd_block(ME)));
                    }
                    Action::DeleteBlock { id, .. } => {
                        prop_assert!(cal.iter().any(|x| &x.details.uid == id && x.details.is_focusd_block(ME)));
                    }
                    Action::BookBlock { block } => {
                        prop_assert!(!cal.iter().any(|x| x.details.uid == block.id && !x.details.is_focusd_block(ME)));
                    }
                    Action::Nudge { .. } | Action::Reply { .. } => {}
                }
            }
            prop_assert!(count <= p.meetings.max_declines_per_day as usize || count == recent);
        }
    }
}
